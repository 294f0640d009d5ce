#include "campaigntypes.h"

#include <QCoreApplication>

namespace agency {

QString campaignChannelKey(CampaignChannel channel)
{
    switch (channel) {
    case CampaignChannel::Email:
        return QStringLiteral("email");
    case CampaignChannel::Sms:
        return QStringLiteral("sms");
    case CampaignChannel::Voice:
        return QStringLiteral("voice");
    case CampaignChannel::LinkedIn:
        return QStringLiteral("linkedin");
    case CampaignChannel::Letter:
        return QStringLiteral("letter");
    }
    return {};
}

std::optional<CampaignChannel> campaignChannelFromKey(const QString& key)
{
    for (CampaignChannel channel : {CampaignChannel::Email, CampaignChannel::Sms, CampaignChannel::Voice,
                                    CampaignChannel::LinkedIn, CampaignChannel::Letter}) {
        if (campaignChannelKey(channel) == key)
            return channel;
    }
    return std::nullopt;
}

QString campaignChannelName(CampaignChannel channel)
{
    switch (channel) {
    case CampaignChannel::Email:
        return QCoreApplication::translate("agency::Campaign", "Email");
    case CampaignChannel::Sms:
        return QCoreApplication::translate("agency::Campaign", "SMS");
    case CampaignChannel::Voice:
        return QCoreApplication::translate("agency::Campaign", "Voice call");
    case CampaignChannel::LinkedIn:
        return QCoreApplication::translate("agency::Campaign", "LinkedIn");
    case CampaignChannel::Letter:
        return QCoreApplication::translate("agency::Campaign", "Letter");
    }
    return {};
}

QString recipientField(const RecipientFields& fields, const char16_t* name)
{
    return fields.value(QString::fromUtf16(name)).trimmed();
}

QJsonObject recipientJson(const RecipientFields& fields)
{
    QJsonObject object;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace agency
