#pragma once
// ProviderId: the seventeen providers, with the lower-case ids used on the command line,
// in AGENCY_<ID>_… environment variables, in the keychain and in settings.

#include <QList>
#include <QString>

#include <optional>

namespace agency {

enum class ProviderId
{
    Apollo,
    Apify,
    Clay,
    DataForSeo,
    Resend,
    Postmark,
    Twilio,
    HeyReach,
    ClickSend,
    Vapi,
    ElevenLabs,
    Deepgram,
    Anthropic,
    InfraForge,
    Smartlead,
    Supabase,
    Redis,
};

/// Every provider, in catalogue order.
const QList<ProviderId>& allProviders();

/// "apollo", "dataforseo", … — the name of the provider's file in shared/providers/.
QString providerKey(ProviderId id);
std::optional<ProviderId> providerFromKey(QStringView key);

/// Prefix of the provider's environment variables: "AGENCY_TWILIO_".
QString providerEnvPrefix(ProviderId id);

} // namespace agency
