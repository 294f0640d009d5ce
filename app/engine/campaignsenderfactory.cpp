#include "campaignsenderfactory.h"

#include "integrations/providerclient.h"
#include "integrations/resend/resendclient.h"
#include "integrations/twilio/twilioclient.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignSenderFactory", text);
}

QString text(const QJsonObject& sender, const char16_t* name)
{
    return sender.value(QStringView(name)).toString().trimmed();
}

QString wrongClient(ProviderId provider)
{
    return tr("No %1 client is available.").arg(providerInfo(provider).name);
}

Result<std::unique_ptr<CampaignSender>, QString> resendSender(const QJsonObject& sender,
                                                              std::shared_ptr<ProviderClient> client)
{
    auto resend = std::dynamic_pointer_cast<ResendClient>(std::move(client));
    if (!resend)
        return failure(wrongClient(ProviderId::Resend));
    EmailSenderSettings settings;
    settings.from = text(sender, u"from");
    settings.html = sender.value(u"html").toBool();
    settings.batch = sender.value(u"batch").toBool();
    settings.batchSize = sender.value(u"batch_size").toInt(ResendClient::kMaxBatchSize);
    for (const QJsonValue& address : sender.value(u"reply_to").toArray())
        settings.replyTo.append(address.toString());
    return std::unique_ptr<CampaignSender>(std::make_unique<ResendSender>(resend, settings));
}

Result<std::unique_ptr<CampaignSender>, QString> twilioSender(const QJsonObject& sender,
                                                              std::shared_ptr<ProviderClient> client)
{
    auto twilio = std::dynamic_pointer_cast<TwilioClient>(std::move(client));
    if (!twilio)
        return failure(wrongClient(ProviderId::Twilio));
    SmsSenderSettings settings;
    settings.from = text(sender, u"from");
    if (const QString region = text(sender, u"default_region"); !region.isEmpty())
        settings.defaultRegion = region;
    return std::unique_ptr<CampaignSender>(std::make_unique<TwilioSmsSender>(twilio, settings));
}

} // namespace

ProviderId campaignProvider(CampaignChannel channel, const QJsonObject& sender)
{
    switch (channel) {
    case CampaignChannel::Email:
        return text(sender, u"provider").toLower() == u"smartlead" ? ProviderId::Smartlead
                                                                   : ProviderId::Resend;
    case CampaignChannel::Sms:
        return ProviderId::Twilio;
    case CampaignChannel::Voice:
        return ProviderId::Vapi;
    case CampaignChannel::LinkedIn:
        return ProviderId::HeyReach;
    case CampaignChannel::Letter:
        return ProviderId::ClickSend;
    }
    return ProviderId::Resend;
}

QStringList senderSettingProblems(CampaignChannel channel, const QJsonObject& sender)
{
    QStringList problems;
    switch (campaignProvider(channel, sender)) {
    case ProviderId::Resend:
        if (text(sender, u"from").isEmpty())
            problems.append(tr("The sender needs a “from” address."));
        if (sender.contains(u"batch_size") &&
            (sender.value(u"batch_size").toInt() < 1 ||
             sender.value(u"batch_size").toInt() > ResendClient::kMaxBatchSize))
            problems.append(tr("A Resend batch holds 1 to %1 emails.").arg(ResendClient::kMaxBatchSize));
        break;
    case ProviderId::Twilio:
        if (text(sender, u"from").isEmpty())
            problems.append(tr("The sender needs a “from”: a Twilio number or an alphanumeric sender ID."));
        break;
    default:
        problems.append(tr("%1 campaigns are not runnable yet.")
                            .arg(providerInfo(campaignProvider(channel, sender)).name));
        break;
    }
    return problems;
}

Result<std::unique_ptr<CampaignSender>, QString>
makeCampaignSender(CampaignChannel channel, const QJsonObject& sender, std::shared_ptr<ProviderClient> client)
{
    if (const QStringList problems = senderSettingProblems(channel, sender); !problems.isEmpty())
        return failure(problems.join(u' '));
    switch (campaignProvider(channel, sender)) {
    case ProviderId::Resend:
        return resendSender(sender, std::move(client));
    case ProviderId::Twilio:
        return twilioSender(sender, std::move(client));
    default:
        break;
    }
    return failure(
        tr("%1 campaigns are not runnable yet.").arg(providerInfo(campaignProvider(channel, sender)).name));
}

} // namespace agency
