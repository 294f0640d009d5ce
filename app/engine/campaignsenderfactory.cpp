#include "campaignsenderfactory.h"

#include "engine/callletterssenders.h"
#include "integrations/clicksend/clicksendclient.h"
#include "integrations/providerclient.h"
#include "integrations/resend/resendclient.h"
#include "integrations/twilio/twilioclient.h"
#include "integrations/vapi/vapiclient.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QFileInfo>
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

// A 0/1 or true/false option (ClickSend's flags); absent = false.
bool flag(const QJsonObject& sender, const char16_t* name)
{
    const QJsonValue value = sender.value(QStringView(name));
    return value.isBool() ? value.toBool() : value.toInt() == 1;
}

bool isFlag(const QJsonValue& value)
{
    return value.isUndefined() || value.isBool() ||
           (value.isDouble() && (value.toInt() == 0 || value.toInt() == 1));
}

// A whole number within [low, high], when present.
bool inRange(const QJsonObject& sender, const char16_t* name, int low, int high)
{
    const QJsonValue value = sender.value(QStringView(name));
    if (value.isUndefined())
        return true;
    const double number = value.toDouble(-1);
    return value.isDouble() && number == double(qint64(number)) && number >= low && number <= high;
}

QStringList vapiProblems(const QJsonObject& sender)
{
    QStringList problems;
    if (text(sender, u"assistant_id").isEmpty())
        problems.append(tr("The sender needs the Vapi assistant that makes the calls (“assistant_id”)."));
    if (text(sender, u"phone_number_id").isEmpty())
        problems.append(tr("The sender needs the Vapi phone number to call from (“phone_number_id”)."));
    if (!inRange(sender, u"expected_minutes", 1, 720))
        problems.append(tr("“expected_minutes” is a whole number of minutes, 1 to 720."));
    if (!inRange(sender, u"max_duration_minutes", 1, 720))
        problems.append(tr("“max_duration_minutes” is a whole number of minutes, 1 to 720 (Vapi's limit)."));
    if (sender.contains(u"message_variable") && text(sender, u"message_variable").isEmpty())
        problems.append(tr("“message_variable” names the assistant's variable that receives the message."));
    return problems;
}

QStringList clickSendProblems(const QJsonObject& sender)
{
    QStringList problems;
    const QString fileUrl = text(sender, u"file_url");
    const QString pdfPath = text(sender, u"pdf_path");
    if (fileUrl.isEmpty() == pdfPath.isEmpty())
        problems.append(tr("The sender needs the letter's PDF: either “file_url” (a public https URL) or "
                           "“pdf_path” (a PDF on this computer), not both."));
    if (!fileUrl.isEmpty()) {
        const QUrl url(fileUrl);
        if (!url.isValid() || url.scheme() != u"https" || url.host().isEmpty())
            problems.append(tr("“file_url” must be a public https URL of the PDF."));
    }
    if (!pdfPath.isEmpty()) {
        const QFileInfo file(pdfPath);
        if (!file.isFile())
            problems.append(tr("“pdf_path”: %1 is not a file.").arg(pdfPath));
        else if (file.suffix().compare(u"pdf", Qt::CaseInsensitive) != 0)
            problems.append(tr("“pdf_path”: %1 is not a .pdf file.").arg(file.fileName()));
    }
    if (sender.value(u"return_address_id").toInteger(0) <= 0)
        problems.append(tr("The sender needs ClickSend's “return_address_id” (every letter needs one)."));
    for (const char16_t* name : {u"colour", u"duplex", u"priority_post", u"template_used"}) {
        if (!isFlag(sender.value(QStringView(name))))
            problems.append(tr("“%1” is true/false or 0/1.").arg(QString::fromUtf16(name)));
    }
    if (!inRange(sender, u"batch_size", 1, ClickSendLetterSender::kMaxLettersPerRequest))
        problems.append(tr("A ClickSend request holds 1 to %1 letters.")
                            .arg(ClickSendLetterSender::kMaxLettersPerRequest));
    return problems;
}

Result<std::unique_ptr<CampaignSender>, QString> vapiSender(const QJsonObject& sender,
                                                            std::shared_ptr<ProviderClient> client)
{
    auto vapi = std::dynamic_pointer_cast<VapiClient>(std::move(client));
    if (!vapi)
        return failure(wrongClient(ProviderId::Vapi));
    VoiceSenderSettings settings;
    settings.assistantId = text(sender, u"assistant_id");
    settings.phoneNumberId = text(sender, u"phone_number_id");
    settings.messageVariable = text(sender, u"message_variable");
    settings.expectedMinutes = sender.value(u"expected_minutes").toInt(settings.expectedMinutes);
    if (sender.contains(u"max_duration_minutes"))
        settings.maxDurationMinutes = sender.value(u"max_duration_minutes").toInt();
    return std::unique_ptr<CampaignSender>(std::make_unique<VapiCallSender>(vapi, settings));
}

Result<std::unique_ptr<CampaignSender>, QString> clickSendSender(const QJsonObject& sender,
                                                                 std::shared_ptr<ProviderClient> client)
{
    auto clickSend = std::dynamic_pointer_cast<ClickSendClient>(std::move(client));
    if (!clickSend)
        return failure(wrongClient(ProviderId::ClickSend));
    LetterSenderSettings settings;
    if (const QString url = text(sender, u"file_url"); !url.isEmpty())
        settings.fileUrl = QUrl(url);
    settings.pdfPath = text(sender, u"pdf_path");
    settings.returnAddressId = sender.value(u"return_address_id").toInteger();
    settings.colour = flag(sender, u"colour");
    settings.duplex = flag(sender, u"duplex");
    settings.priorityPost = flag(sender, u"priority_post");
    settings.templateUsed = flag(sender, u"template_used");
    settings.batchSize = sender.value(u"batch_size").toInt(settings.batchSize);
    return std::unique_ptr<CampaignSender>(std::make_unique<ClickSendLetterSender>(clickSend, settings));
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
    case ProviderId::Vapi:
        problems += vapiProblems(sender);
        break;
    case ProviderId::ClickSend:
        problems += clickSendProblems(sender);
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
    case ProviderId::Vapi:
        return vapiSender(sender, std::move(client));
    case ProviderId::ClickSend:
        return clickSendSender(sender, std::move(client));
    default:
        break;
    }
    return failure(
        tr("%1 campaigns are not runnable yet.").arg(providerInfo(campaignProvider(channel, sender)).name));
}

} // namespace agency
