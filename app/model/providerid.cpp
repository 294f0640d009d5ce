#include "providerid.h"

#include <array>

namespace agency {

namespace {
struct KeyEntry
{
    ProviderId id;
    const char* key;
};
constexpr std::array kKeys{
    KeyEntry{ProviderId::Apollo, "apollo"},
    KeyEntry{ProviderId::Apify, "apify"},
    KeyEntry{ProviderId::Clay, "clay"},
    KeyEntry{ProviderId::DataForSeo, "dataforseo"},
    KeyEntry{ProviderId::Resend, "resend"},
    KeyEntry{ProviderId::Postmark, "postmark"},
    KeyEntry{ProviderId::Twilio, "twilio"},
    KeyEntry{ProviderId::HeyReach, "heyreach"},
    KeyEntry{ProviderId::ClickSend, "clicksend"},
    KeyEntry{ProviderId::Vapi, "vapi"},
    KeyEntry{ProviderId::ElevenLabs, "elevenlabs"},
    KeyEntry{ProviderId::Deepgram, "deepgram"},
    KeyEntry{ProviderId::Anthropic, "anthropic"},
    KeyEntry{ProviderId::InfraForge, "infraforge"},
    KeyEntry{ProviderId::Smartlead, "smartlead"},
    KeyEntry{ProviderId::Supabase, "supabase"},
    KeyEntry{ProviderId::Redis, "redis"},
};
} // namespace

const QList<ProviderId>& allProviders()
{
    static const QList<ProviderId> providers = [] {
        QList<ProviderId> list;
        for (const KeyEntry& entry : kKeys)
            list.append(entry.id);
        return list;
    }();
    return providers;
}

QString providerKey(ProviderId id)
{
    for (const KeyEntry& entry : kKeys) {
        if (entry.id == id)
            return QString::fromLatin1(entry.key);
    }
    Q_UNREACHABLE();
}

std::optional<ProviderId> providerFromKey(QStringView key)
{
    for (const KeyEntry& entry : kKeys) {
        if (key.compare(QLatin1StringView(entry.key), Qt::CaseInsensitive) == 0)
            return entry.id;
    }
    return std::nullopt;
}

QString providerEnvPrefix(ProviderId id)
{
    return QStringLiteral("AGENCY_") + providerKey(id).toUpper() + u'_';
}

} // namespace agency
