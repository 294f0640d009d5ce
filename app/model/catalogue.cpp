#include "catalogue.h"

#include <QCoreApplication>

namespace agency {

namespace {

Money aud(const char* amount)
{
    return *Money::parse(QString::fromLatin1(amount) + QStringLiteral(" AUD"));
}
Money usd(const char* amount)
{
    return *Money::parse(QString::fromLatin1(amount) + QStringLiteral(" USD"));
}

CredentialFieldSpec secretKey(const char* label = QT_TRANSLATE_NOOP("agency::Catalogue", "API key"),
                              const char* shape = "", const char* hint = "")
{
    return {QStringLiteral("api_key"), QString::fromUtf8(label), true, false,
            QString::fromUtf8(shape),  QString::fromUtf8(hint)};
}

CredentialFieldSpec field(const char* name, const char* label, bool secret, bool optional = false,
                          const char* shape = "", const char* hint = "")
{
    return {QString::fromLatin1(name), QString::fromUtf8(label), secret, optional,
            QString::fromUtf8(shape),  QString::fromUtf8(hint)};
}

QStringList hosts(std::initializer_list<const char*> names)
{
    QStringList list;
    for (const char* name : names)
        list.append(QString::fromLatin1(name));
    return list;
}

#define CAT(text) QStringLiteral(QT_TRANSLATE_NOOP("agency::Catalogue", text))

QList<ProviderInfo> buildCatalogue()
{
    const QString data = CAT("Data & enrichment");
    const QString outreach = CAT("Outreach");
    const QString voice = CAT("Voice AI");
    const QString ai = CAT("AI copy");
    const QString infra = CAT("Sending infrastructure");
    const QString platform = CAT("Agency platform");
    const Money none;

    QList<ProviderInfo> list;
    list.append({ProviderId::Apollo,
                 QStringLiteral("Apollo"),
                 data,
                 CAT("Person and company lookup (first in the waterfall)"),
                 PricingBasis::PerUnit,
                 aud("0.02"),
                 none,
                 CAT("lead"),
                 QStringLiteral("USD"),
                 true,
                 {secretKey()},
                 QStringLiteral("https://api.apollo.io/api/v1"),
                 hosts({"api.apollo.io"})});
    list.append(
        {ProviderId::Apify,
         QStringLiteral("Apify"),
         data,
         CAT("Web scraping actors and datasets"),
         PricingBasis::ReportedByProvider,
         usd("0"),
         none,
         CAT("run"),
         QStringLiteral("USD"),
         true,
         {field("token", QT_TRANSLATE_NOOP("agency::Catalogue", "API token"), true, false, "^apify_api_\\S+$",
                QT_TRANSLATE_NOOP("agency::Catalogue", "apify_api_ followed by the token"))},
         QStringLiteral("https://api.apify.com"),
         hosts({"api.apify.com"})});
    list.append(
        {ProviderId::Clay,
         QStringLiteral("Clay"),
         data,
         CAT("Paid enrichment fallback (tables and webhooks)"),
         PricingBasis::PerUnitRange,
         aud("0.039"),
         aud("0.077"),
         CAT("credit"),
         QStringLiteral("USD"),
         true,
         {secretKey(),
          field("webhook_url", QT_TRANSLATE_NOOP("agency::Catalogue", "Table webhook URL"), true, true,
                "^https://\\S+$",
                QT_TRANSLATE_NOOP("agency::Catalogue", "an https:// URL copied from the Clay table")),
          field("webhook_token", QT_TRANSLATE_NOOP("agency::Catalogue", "Webhook auth token"), true, true)},
         QStringLiteral("https://api.clay.com/public/v0"),
         hosts({"api.clay.com", "app.clay.com"})});
    list.append({ProviderId::DataForSeo,
                 QStringLiteral("DataForSEO"),
                 data,
                 CAT("Domain metrics: rank and backlinks"),
                 PricingBasis::PerUnit,
                 aud("0.03"),
                 none,
                 CAT("domain"),
                 QStringLiteral("USD"),
                 true,
                 {field("login", QT_TRANSLATE_NOOP("agency::Catalogue", "API login"), false),
                  field("password", QT_TRANSLATE_NOOP("agency::Catalogue", "API password"), true)},
                 QStringLiteral("https://api.dataforseo.com"),
                 hosts({"api.dataforseo.com"})});
    list.append({ProviderId::Resend,
                 QStringLiteral("Resend"),
                 outreach,
                 CAT("Transactional and campaign email"),
                 PricingBasis::PerUnit,
                 aud("0.0009"),
                 none,
                 CAT("email"),
                 QStringLiteral("USD"),
                 true,
                 {secretKey(QT_TRANSLATE_NOOP("agency::Catalogue", "API key"), "^re_\\S+$",
                            QT_TRANSLATE_NOOP("agency::Catalogue", "re_ followed by the key"))},
                 QStringLiteral("https://api.resend.com"),
                 hosts({"api.resend.com"})});
    list.append(
        {ProviderId::Postmark,
         QStringLiteral("Postmark"),
         outreach,
         CAT("Inbound replies"),
         PricingBasis::NotBilledPerCall,
         usd("0"),
         none,
         CAT("message"),
         QStringLiteral("USD"),
         false,
         {field("server_token", QT_TRANSLATE_NOOP("agency::Catalogue", "Server API token"), true, false,
                "^[0-9a-fA-F-]{36}$", QT_TRANSLATE_NOOP("agency::Catalogue", "a 36-character UUID"))},
         QStringLiteral("https://api.postmarkapp.com"),
         hosts({"api.postmarkapp.com"})});
    list.append(
        {ProviderId::Twilio,
         QStringLiteral("Twilio"),
         outreach,
         CAT("SMS and phone calls"),
         PricingBasis::PerUnit,
         aud("0.08"),
         none,
         CAT("SMS (Australia)"),
         QStringLiteral("USD"),
         true,
         {field("account_sid", QT_TRANSLATE_NOOP("agency::Catalogue", "Account SID"), false, false,
                "^AC[0-9a-fA-F]{32}$",
                QT_TRANSLATE_NOOP("agency::Catalogue", "AC followed by 32 hexadecimal digits")),
          field("auth_token", QT_TRANSLATE_NOOP("agency::Catalogue", "Auth token"), true, false,
                "^[0-9a-fA-F]{32}$", QT_TRANSLATE_NOOP("agency::Catalogue", "32 hexadecimal digits"))},
         QStringLiteral("https://api.twilio.com"),
         hosts({"api.twilio.com"})});
    list.append({ProviderId::HeyReach,
                 QStringLiteral("HeyReach"),
                 outreach,
                 CAT("LinkedIn campaigns"),
                 PricingBasis::Subscription,
                 aud("122"),
                 none,
                 CAT("seat/month"),
                 QStringLiteral("USD"),
                 true,
                 {secretKey()},
                 QStringLiteral("https://api.heyreach.io/api/public"),
                 hosts({"api.heyreach.io"})});
    list.append({ProviderId::ClickSend,
                 QStringLiteral("ClickSend"),
                 outreach,
                 CAT("Australian direct mail (letters)"),
                 PricingBasis::PerUnit,
                 aud("0.59"),
                 none,
                 CAT("letter"),
                 QStringLiteral("AUD"),
                 true,
                 {field("username", QT_TRANSLATE_NOOP("agency::Catalogue", "Username"), false), secretKey()},
                 QStringLiteral("https://rest.clicksend.com"),
                 hosts({"rest.clicksend.com"})});
    list.append({ProviderId::Vapi,
                 QStringLiteral("Vapi"),
                 voice,
                 CAT("Voice AI phone calls"),
                 PricingBasis::PerUnit,
                 aud("0.35"),
                 none,
                 CAT("minute"),
                 QStringLiteral("USD"),
                 true,
                 {secretKey(QT_TRANSLATE_NOOP("agency::Catalogue", "Private API key"))},
                 QStringLiteral("https://api.vapi.ai"),
                 hosts({"api.vapi.ai"})});
    list.append({ProviderId::ElevenLabs,
                 QStringLiteral("ElevenLabs"),
                 voice,
                 CAT("Text to speech"),
                 PricingBasis::PerUnit,
                 usd("0.10"),
                 none,
                 CAT("1,000 characters"),
                 QStringLiteral("USD"),
                 false,
                 {secretKey()},
                 QStringLiteral("https://api.elevenlabs.io"),
                 hosts({"api.elevenlabs.io"})});
    list.append({ProviderId::Deepgram,
                 QStringLiteral("Deepgram"),
                 voice,
                 CAT("Speech to text"),
                 PricingBasis::PerUnit,
                 usd("0.0043"),
                 none,
                 CAT("minute of audio"),
                 QStringLiteral("USD"),
                 false,
                 {secretKey()},
                 QStringLiteral("https://api.deepgram.com"),
                 hosts({"api.deepgram.com"})});
    list.append({ProviderId::Anthropic,
                 QStringLiteral("Anthropic"),
                 ai,
                 CAT("AI-drafted copy (behind a spend limiter)"),
                 PricingBasis::PerToken,
                 usd("0"),
                 none,
                 CAT("token"),
                 QStringLiteral("USD"),
                 true,
                 {secretKey(QT_TRANSLATE_NOOP("agency::Catalogue", "API key"), "^sk-ant-\\S+$",
                            QT_TRANSLATE_NOOP("agency::Catalogue", "sk-ant- followed by the key"))},
                 QStringLiteral("https://api.anthropic.com"),
                 hosts({"api.anthropic.com"})});
    list.append({ProviderId::InfraForge,
                 QStringLiteral("InfraForge"),
                 infra,
                 CAT("Sending domains, mailboxes, dedicated IPs"),
                 PricingBasis::Subscription,
                 aud("99"),
                 none,
                 CAT("IP/month"),
                 QStringLiteral("USD"),
                 false,
                 {secretKey()},
                 QStringLiteral("https://api.infraforge.ai/public"),
                 hosts({"api.infraforge.ai"})});
    list.append({ProviderId::Smartlead,
                 QStringLiteral("Smartlead"),
                 infra,
                 CAT("Cold email campaigns and warmup"),
                 PricingBasis::Subscription,
                 aud("39"),
                 none,
                 CAT("month"),
                 QStringLiteral("USD"),
                 false,
                 {secretKey()},
                 QStringLiteral("https://server.smartlead.ai/api/v1"),
                 hosts({"server.smartlead.ai"})});
    list.append({ProviderId::Supabase,
                 QStringLiteral("Supabase"),
                 platform,
                 CAT("The agency's Postgres (PostgREST)"),
                 PricingBasis::NotBilledPerCall,
                 usd("0"),
                 none,
                 CAT("request"),
                 QStringLiteral("USD"),
                 true,
                 {field("project_url", QT_TRANSLATE_NOOP("agency::Catalogue", "Project URL"), false, false,
                        "^https://[a-z0-9-]+\\.supabase\\.co/?$",
                        QT_TRANSLATE_NOOP("agency::Catalogue", "https://<project-ref>.supabase.co")),
                  secretKey(QT_TRANSLATE_NOOP("agency::Catalogue", "API key (secret or service_role)"),
                            "^(sb_(secret|publishable)_\\S+|eyJ\\S+)$",
                            QT_TRANSLATE_NOOP("agency::Catalogue",
                                              "sb_secret_…, sb_publishable_… or a JWT starting eyJ"))},
                 QString(),
                 hosts({"*.supabase.co"})});
    list.append({ProviderId::Redis,
                 QStringLiteral("Redis"),
                 platform,
                 CAT("Shared cache and team rate limits"),
                 PricingBasis::NotBilledPerCall,
                 aud("0"),
                 none,
                 CAT("command"),
                 QStringLiteral("AUD"),
                 true,
                 {field("url", QT_TRANSLATE_NOOP("agency::Catalogue", "Server URL (no password)"), false,
                        false, "^rediss?://[^:@/\\s]+(:\\d+)?(/\\d+)?$",
                        QT_TRANSLATE_NOOP("agency::Catalogue", "redis://host:6379/0 or rediss://host:port")),
                  field("username", QT_TRANSLATE_NOOP("agency::Catalogue", "ACL user"), false, true),
                  field("password", QT_TRANSLATE_NOOP("agency::Catalogue", "Password"), true)},
                 QString(),
                 QStringList()});
    return list;
}

#undef CAT

} // namespace

const QList<ProviderInfo>& providerCatalogue()
{
    static const QList<ProviderInfo> catalogue = buildCatalogue();
    return catalogue;
}

const ProviderInfo& providerInfo(ProviderId id)
{
    return providerCatalogue().at(static_cast<qsizetype>(id));
}

QString unitCostText(const ProviderInfo& info)
{
    const QString unit = QCoreApplication::translate("agency::Catalogue", info.unit.toUtf8().constData());
    switch (info.pricing) {
    case PricingBasis::PerUnit:
    case PricingBasis::Subscription:
        return QCoreApplication::translate("agency::Catalogue", "%1 / %2")
            .arg(info.unitCost.toString(), unit);
    case PricingBasis::PerUnitRange:
        return QCoreApplication::translate("agency::Catalogue", "%1–%2 / %3")
            .arg(info.unitCost.toString(), info.unitCostHigh.toDecimalString(), unit);
    case PricingBasis::PerToken:
        return QCoreApplication::translate("agency::Catalogue", "per token (price table)");
    case PricingBasis::ReportedByProvider:
        return QCoreApplication::translate("agency::Catalogue", "reported per %1").arg(unit);
    case PricingBasis::NotBilledPerCall:
        return QCoreApplication::translate("agency::Catalogue", "not billed per call");
    }
    return QString();
}

} // namespace agency
