<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_AU" sourcelanguage="en_AU">
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
    <name>agency::PlaceholderPanel</name>
    <message>
        <source>This panel is not built yet. Nothing here spends money or shows data.</source>
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
        <source>Testing keys against each provider arrives with the provider clients.</source>
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
</context>
<context>
    <name>main</name>
    <message>
        <source>Agency OS Console: test provider keys, enrich leads, run campaigns and watch spend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. Run agency-console --help for the commands.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
