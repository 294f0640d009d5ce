#include "campaigntypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

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

namespace {

QString fieldText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == std::floor(number) && std::abs(number) < 9e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QString();
    }
    return QString();
}

} // namespace

RecipientFields recipientFieldsFromJson(const QJsonObject& object)
{
    RecipientFields fields;
    for (auto it = object.begin(); it != object.end(); ++it)
        fields.insert(it.key(), fieldText(it.value()));
    return fields;
}

QJsonObject recipientJson(const RecipientFields& fields)
{
    QJsonObject object;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

} // namespace agency
