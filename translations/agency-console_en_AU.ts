<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_AU" sourcelanguage="en_AU">
<context>
    <name>agency</name>
    <message>
        <source>Unknown profile &quot;%1&quot;: use production or sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;. Run agency-console providers for the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON instead of a table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile to use: production or sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Run agency-console --help for the commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct-dial credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI credits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credits used (unified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid %2 phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid phone number for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown period &quot;%1&quot;: use day or month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend today, %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend this month, to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Subscriptions this month: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Forecast to %1: %2 (burn %3 a day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard limit reached: %1 — %2 of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For spend: day or month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the same lead as row %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enrich --csv needs --out FILE for the results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the run journalled in %1.journal: %2 of %3 rows answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows (%3, delimiter “%4”): %5 to look up, %6 duplicates, %7 invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate: %1 rows to look up, %2 already cached (free); worst case %3, expected %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go ahead? [y/N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was looked up, and nothing was spent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows answered (%3 from the cache, %4 failed), %5 spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run paused: %1 Run the same command again to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows are in doubt: they were in flight when the console stopped and may have been paid for. Run again with --retry-in-doubt to ask for them anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 rows to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enrich needs --email ADDRESS, --linkedin URL, --domain DOMAIN, or --name &quot;FIRST LAST&quot; with --domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot; for --require: use email, phone, title or company.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost: A$0.00 (from the cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>providers: list the providers and their credential fields.
check [PROVIDER…]: test stored credentials (exit 0 only when all are valid).
spend [--period day|month]: spend against limits (exit 2 when a hard limit is reached).
enrich --email A | --linkedin URL | --domain D [--name &quot;FIRST LAST&quot;] [--require FIELDS] [--metrics]:
  one lookup through the cache and the Apollo → Clay waterfall (exit 0 when found).
enrich --csv IN --out OUT [--yes]: a bulk run with an estimate first; run it again to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: a person&apos;s email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: a LinkedIn profile URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: a company domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: a person&apos;s first and last name (with --domain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: fields that must be found (email,phone,title,company).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: a lead CSV to enrich in bulk (with --out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich --csv: where the results go (a journal goes beside it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich --csv: do not ask before spending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich --csv: ask again for rows a crash left in doubt (they may be paid twice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For enrich: add DataForSEO metrics for the company&apos;s domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::AccountDetailsDialog</name>
    <message>
        <source>%1 account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ApolloClient</name>
    <message>
        <source>Rate limit per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key is set up for Apollo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 credits left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests/min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give an email, a LinkedIn URL, an Apollo id, or a name with the employer&apos;s domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a phone reveal needs a webhook URL (Apollo delivers the numbers there)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a bulk match needs at least one person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 people per bulk match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a company domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a search page holds 1 to %1 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apollo shows pages 1 to %1 of a search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::AustralianAddress</name>
    <message>
        <source>no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no street line (address line 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no suburb or town</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an Australian state or territory (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the postcode &quot;%1&quot; is not four digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the postcode %1 is not in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the country is &quot;%1&quot;, not Australia (AU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::BudgetsPage</name>
    <message>
        <source>A call that would cross a limit is refused before it is sent. Alerts come at 50, 80 and 95 %. Limits are saved as soon as you set them, for everyone sharing this ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A$50.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days and months begin at midnight here (an IANA name such as Australia/Sydney). A change applies when the console next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>campaign or run name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limits could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the campaign or run this limit is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the staff member this limit is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap: a limit must be more than A$0.00; remove the limit instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit was not removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone: &quot;%1&quot; is not a time zone this computer knows; use a name such as Australia/Sydney.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::BulkEnrichment</name>
    <message>
        <source>In doubt: the console stopped while this row was being looked up, so it may have been paid for. Run it again only if you accept paying twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s journal %1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run&apos;s journal %1 could not be prepared: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run already has its rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 could not be journalled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run has no rows yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output %1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::Catalogue</name>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>apify_api_ followed by the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table webhook URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an https:// URL copied from the Clay table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Webhook auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>re_ followed by the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a 36-character UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AC followed by 32 hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>32 hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sk-ant- followed by the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://&lt;project-ref&gt;.supabase.co</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key (secret or service_role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sb_secret_…, sb_publishable_… or a JWT starting eyJ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server URL (no password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redis://host:6379/0 or rediss://host:port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACL user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 / %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per token (price table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported per %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not billed per call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ClayClient</name>
    <message>
        <source>no API key is set up for Clay&apos;s Public API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no table webhook URL is set up for Clay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table webhook URL is not a full URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the table webhook URL must be on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table webhook set up · Clay has no free test for webhooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key or webhook URL set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set up, with auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key accepted, no Public API access (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workspace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table webhook set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credits per row cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this webhook has taken its %1 rows; create a new webhook in the Clay table and set up its URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the row has no columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a routine id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a routine run takes 1 to %1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each item needs an id of 1 to 64 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credits per item cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a routine run id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a results page holds 1 to %1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a search id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a search page holds 1 to %1 records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ClickSendClient</name>
    <message>
        <source>the username and API key are both needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no HTTP core was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct mail is not enabled on this ClickSend account (no Post access; ClickSend no longer offers Post to new customers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post (direct mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account banned · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no direct mail (Post) access · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 MB; ClickSend takes PDFs up to %3 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the letter needs a public http(s) URL of its PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the letter has no recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no return address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quoted total has no currency</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ClickSendJson</name>
    <message>
        <source>insufficient credit on the ClickSend account; top it up and try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::Credential</name>
    <message>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is only white space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains spaces or line breaks; paste it again from the provider&apos;s dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not look right: expected %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no field named %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::CredentialDialog</name>
    <message>
        <source>%1 credentials (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret fields are kept in the system keychain only. Paste values straight from %1&apos;s dashboard; surrounding spaces and quotes are removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete stored credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the stored %1 credential from the keychain? Calls to %1 will stop working until a new one is entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored — leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving to the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::CredentialVault</name>
    <message>
        <source>The keychain entry for %1 is not in the expected form; delete and enter the credential again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::CsvReader</name>
    <message>
        <source>The file could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a text file (it contains NUL bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (line %2): a quoted field is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (line %2): a quoted field runs on for more than %3; a closing quote is probably missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 (line %2): a record is longer than %3; this is not a lead file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::DataForSeoClient</name>
    <message>
        <source>no API login is set up for DataForSEO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API password is set up for DataForSEO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API login and password set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay as you go + Backlinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay as you go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 balance · Backlinks until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 balance · no Backlinks subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total deposited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily request limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily spend limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlinks subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-RateLimit-Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-RateLimit-Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the row limit is 1 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain or page URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal_list_limit is 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this login has no active Backlinks API subscription (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::Database</name>
    <message>
        <source>The ledger database refused %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger database was made by a newer console (schema %1; this one knows up to %2). Update the console.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::EndpointPolicy</name>
    <message>
        <source>&quot;%1&quot; is not a full URL (it needs https:// and a host).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL must not contain a user name or password; enter those as credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be reached over HTTPS; plain HTTP is only allowed to this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the Production profile %1 credentials are only sent to %2. Use the Sandbox profile to point at another host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::EnrichFields</name>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Industry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organic keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keywords in the top 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organic traffic (monthly estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backlinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referring domains</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::EnrichRawDialog</name>
    <message>
        <source>Raw response — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each provider answered, as it sent it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::EnrichResultModel</name>
    <message>
        <source>From the cache: %1 answered on %2; nothing was spent this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cached)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::EnrichmentPanel</name>
    <message>
        <source>&lt;h2&gt;Enrichment&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up one lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person by name and company domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person by LinkedIn profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company by domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loo&amp;k up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jane@acme.com.au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last n&amp;ame:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Citizen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company &amp;domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acme.com.au</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LinkedIn profile &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linkedin.com/in/jane-citizen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ema&amp;il</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup stops at the first provider whose answer has all of these; the next provider is only paid when one is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domain &amp;metrics (DataForSEO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also ask DataForSEO for the company domain&apos;s organic keywords, traffic and backlinks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the cache, then the providers in order (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the lookup; nothing more is sent, and what was found is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session&apos;s lookups (click to show again; nothing is sent):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier lookups of this session, most recent first (Alt+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lookup yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers tried:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;raw response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each provider&apos;s own answer, as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the fields as “Field: value” lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as CS&amp;V row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy one CSV row, always in this column order: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox profile: lookups go to the provider simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production profile: a lookup the cache cannot answer is paid for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2
%3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — from the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The providers answered on %1; nothing was spent this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none — nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (when the answer was cached; not asked again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — shown again from this session&apos;s list; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lookup stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields found in the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found (a miss remembered in the cache)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields found before the lookup stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before anything was found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to the clipboard as a CSV row.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::IntegrationError</name>
    <message>
        <source>%1: could not reach the service (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no answer in time; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the credential (HTTP %2). Check it in Providers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the credential: %2 Check it in Providers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Try again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is limiting the request rate.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the request (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 had a server error (HTTP %2); try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 had a server error: %2 Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer the console could not read%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not sent — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::KeychainSecretStore</name>
    <message>
        <source>The system keychain is not available (%1). Start your desktop&apos;s keyring (GNOME Keyring or KWallet) and try again. Nothing was saved anywhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry in the keychain yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain refused access (%1). Unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not answer in time. It may be locked or waiting for a password prompt; unlock it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::LeadFile</name>
    <message>
        <source>“%1” is not a lead column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 column is number %2; the file&apos;s last column is number %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No column holds an email address, a first and last name with a company domain, a LinkedIn URL or a company domain; choose the columns that do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 fields where the header has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a company domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a LinkedIn profile URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: no email, name + domain, or LinkedIn URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::Ledger</name>
    <message>
        <source>A cost event without an amount cannot be recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger holds a row it cannot read (provider &quot;%1&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger holds an event it cannot read (id %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s total cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period&apos;s spend cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::LedgerCsv</name>
    <message>
        <source>The CSV file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: a quoted field is never closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row 1: this is not a ledger export (the header does not match).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: %2 fields, expected %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the time “%2” is not an ISO date and time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the units “%2” are not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the amount “%2 %3” is not an exact amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the source “%2” is neither reported nor estimated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the unit price “%2 %3” is not an exact amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the AUD amount “%2” is not an exact amount.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::LedgerDatabasePage</name>
    <message>
        <source>The spend ledger (every cost, limit, price and reservation) lives in one database. A team shares one PostgreSQL database — for example the agency&apos;s Supabase database — so every console counts against the same limits. A change applies when the console next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;This computer only (SQLite: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;PostgreSQL server the team shares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged — kept in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s PostgreSQL server needs a host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s PostgreSQL server needs a database and a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the ledger is ready (schema version %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::LedgerExport</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::LedgerTableModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction: the provider reported what estimated event #%1 really cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not converted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction of #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::LookupRequest</name>
    <message>
        <source>“%1” is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lookup by name needs a first and a last name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a company domain (such as acme.com.au).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a LinkedIn profile URL (linkedin.com/in/…).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::MainWindow</name>
    <message>
        <source>Agency OS Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrichment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up one lead or enrich a CSV of thousands: cache first, then Apollo, then Clay, with domain metrics from DataForSEO and a cost estimate before any run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand-run email, SMS, LinkedIn, voice AI and direct-mail campaigns with a preview, a cost estimate, throttling and a crash-proof journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending domains, mailboxes and dedicated IPs from InfraForge, and Smartlead warmup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice AI calls through Vapi, speech from ElevenLabs and transcripts from Deepgram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies received through Postmark inbound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per provider today and this month against limits, in AUD, with hard stops before a limit is crossed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s spend: not tracked yet (the spend ledger is not built)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Agency OS Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox profile — calls go to the provider simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Agency OS Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Agency OS Console %1&lt;/h3&gt;&lt;p&gt;Test provider credentials, enrich leads, run campaigns by hand and watch spend against limits, in AUD.&lt;/p&gt;&lt;p&gt;API keys are kept in the system keychain and never written to a file.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s spend against the overall daily limit (Spend panel: Ctrl+%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s spend: not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend is not being tracked: the ledger could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend is not being tracked, and calls that cost money are not checked against limits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend alert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide these messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::Money</name>
    <message>
        <source>No amount was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no currency: write it as A$1.50 or 1.50 AUD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than six decimal places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::PhoneNumbers</name>
    <message>
        <source>Australian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Zealand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canadian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Irish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Philippine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No phone number was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid phone number (unknown country code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>landline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>landline or mobile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>toll-free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>premium rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VoIP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>personal number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>universal access number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>international</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::PlaceholderPanel</name>
    <message>
        <source>This panel is not built yet. Nothing here spends money or shows data.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::PostmarkClient</name>
    <message>
        <source>no server API token is set up for Postmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no server token set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server “%1” · inbound %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spam threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw email in webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a page holds 1 to %1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the offset cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter by a known status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no message id given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::PriceBook</name>
    <message>
        <source>A price needs an amount of zero or more and an effective-from date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rate needs a currency code, a positive rate and an effective-from date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subscription needs a quantity of zero or more, a monthly price and a billing day from 1 to 28.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HeyReach seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>InfraForge dedicated IPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smartlead plan</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::PricesPage</name>
    <message>
        <source>What each call costs. A new price applies from its date on; events already recorded keep the price they were recorded at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.02</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US dollars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1.55</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A$ per US$1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US$1.00 = %1 (default — not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US$1.00 = %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price: a price cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: say what the price is per (lead, message, minute…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate: write how many Australian dollars one US dollar buys, such as 1.55.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rate was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ProviderHub</name>
    <message>
        <source>no %1 client in this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ProviderSpendModel</name>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn / day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 spent and %3 in flight, of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · runs out %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left at the last credential check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; at %1 a day it runs out on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; nothing spent here in the last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 a day: the average of the last 7 whole days and today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ProvidersPanel</name>
    <message>
        <source>&lt;h2&gt;Providers&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter, replace or delete the selected provider&apos;s credential (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: &lt;b&gt;Sandbox&lt;/b&gt; (provider simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile: &lt;b&gt;Production&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the selected provider&apos;s credential with a free, read-only call (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test every provider&apos;s credential, a few at a time (Ctrl+Shift+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Testing %n provider(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 valid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ProvidersTableModel</name>
    <message>
        <source>%1 (unverified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid (limited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate-limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::RedisEnrichmentCache</name>
    <message>
        <source>An enrichment cache entry&apos;s time-to-live must be positive (%1 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team&apos;s Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s Redis cache could not be used: %1 This lookup goes to the providers uncached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s Redis cache at %1 could not be used: %2 This lookup goes to the providers uncached.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::ResendClient</name>
    <message>
        <source>no API key is set up for Resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid (send-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending only (cannot read domains)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full access · %1 domains, %2 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests left in window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an idempotency key has at most 256 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a batch needs at least one email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a batch holds at most %1 emails (this one has %2); split it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>email %1 of the batch: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no email id given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a page holds 1 to %1 emails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page with either after or before, not both</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production — the real providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox — the provider simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active &amp;profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each profile has its own credentials and endpoints. In Production a credential is only ever sent to its provider&apos;s own hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Staff member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override a provider&apos;s base URL for the profile chosen on the General page. Leave empty to use the default. HTTPS is required except for this machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ubscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SmartleadClient</name>
    <message>
        <source>no API key is set up for Smartlead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 campaigns, %2 active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 plan · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests left in window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window resets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no campaign id given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no leads given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lead %1 has no email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a page holds 1 to %1 accounts from a non-negative offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no email account id given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an email account needs its address, login, password, SMTP and IMAP hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply rate is a percentage from 0 to 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warmup counts cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a page holds 1 to %1 rows from a non-negative offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter by opened, clicked, replied, unsubscribed or bounced</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SpendChart</name>
    <message>
        <source>Daily spend per provider, last 30 days (AUD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SpendGuard</name>
    <message>
        <source>daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the overall %1 limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 limit for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 limit for campaign “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend has reached %1 (%2 of %3): calls that cost money are refused until the period ends or the limit is raised.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend has passed %1 % of %2 (%3 of %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit is an amount in AUD of zero or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A provider, campaign or staff limit needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the spend ledger could not be checked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its worst-case cost (%1) cannot be converted to AUD; set an exchange rate in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it could cost up to %1, and only %2 is left of %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A late cost needs the provider&apos;s reference and an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no estimated cost for “%2” is waiting for its real figure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the late cost %2 cannot be converted to AUD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reservations cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SpendLimitsModel</name>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held by calls that have not finished yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the 7-day burn rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SpendMath</name>
    <message>
        <source>Write the amount in AUD, such as A$50.00.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SpendPanel</name>
    <message>
        <source>&lt;h2&gt;Spend&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month (metered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscriptions this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn rate / day (7 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast to month end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any staff member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Campaign:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Staff:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load &amp;more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the next %1 older rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every row matching the filter to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The spend figures could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: metered spend so far, plus subscriptions, plus the 7-day burn rate for each day left in the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days and months in %1 · updated %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>agency-spend-%1.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the ledger as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting… %n row(s) read</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today %1 (no daily limit)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SqliteEnrichmentCache</name>
    <message>
        <source>The enrichment cache file %1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrichment cache file %1 was written by a newer console (schema %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An enrichment cache entry&apos;s time-to-live must be positive (%1 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer (SQLite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrichment cache file %1 refused %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::SubscriptionsPage</name>
    <message>
        <source>Monthly costs that do not depend on what is sent. They count in this month&apos;s total and the forecast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per unit / month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HeyReach seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A$79.00 or US$79</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ctive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per unit / month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the &amp;usual subscriptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HeyReach seats, InfraForge IPs and the Smartlead plan, at quantity 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active subscriptions: %1 per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: say what the subscription is, such as &quot;HeyReach seats&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per unit / month: a price cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per unit / month: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subscription was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subscription was not removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::TwilioClient</name>
    <message>
        <source>the account SID and auth token are both needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the account SID may hold only letters and digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no HTTP core was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account SID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrent requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Messaging Service SID (MG…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a sender is needed: a From number or a Messaging Service SID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid sender: use a phone number or 1–11 letters and digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message has %1 characters; Twilio takes at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the status callback must be an http(s) URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a message SID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time window ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a call needs exactly one of a TwiML URL and inline TwiML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the TwiML URL must be an http(s) URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inline TwiML is limited to %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a call status event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ring timeout must be 1–%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time limit must be at least one second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a call SID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::enrichfields</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>agency::messages</name>
    <message>
        <source>Clay was not asked: no Clay routine is set in Settings → Enrichment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clay was not asked: its routine enriches people, not companies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the routine run %1 had not finished after %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DataForSEO backlinks: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache (%1) could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The result could not be cached (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No company domain is known, so there are no DataForSEO metrics.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Agency OS Console: test provider keys, enrich leads, run campaigns and watch spend.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
