#include "campaignsenderfactory.h"

#include "engine/callletterssenders.h"
#include "engine/leadlistsenders.h"
#include "integrations/clicksend/clicksendclient.h"
#include "integrations/heyreach/heyreachclient.h"
#include "integrations/providerclient.h"
#include "integrations/resend/resendclient.h"
#include "integrations/smartlead/smartleadclient.h"
#include "integrations/twilio/twilioclient.h"
#include "integrations/vapi/vapiclient.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

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

// A whole number above zero, or nothing (a JSON number or a string of digits).
std::optional<qint64> positiveId(const QJsonObject& sender, const char16_t* name)
{
    const QJsonValue value = sender.value(QStringView(name));
    bool ok = false;
    qint64 id = 0;
    if (value.isDouble() && value.toDouble() == double(value.toInteger())) {
        id = value.toInteger();
        ok = true;
    } else if (value.isString()) {
        id = value.toString().trimmed().toLongLong(&ok);
    }
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

// A custom field a lead-list sender writes: its name, or the default when not given.
QString fieldName(const QJsonObject& sender, const char16_t* name, const QString& fallback = {})
{
    return sender.contains(QStringView(name)) ? text(sender, name) : fallback;
}

// The checks Smartlead and HeyReach share: the campaign to add leads to and the custom field names.
QStringList leadListProblems(const QJsonObject& sender, ProviderId provider)
{
    static const QRegularExpression fieldShape(QStringLiteral("^[A-Za-z][A-Za-z0-9_]{0,63}$"));
    QStringList problems;
    const QString name = providerInfo(provider).name;
    if (!positiveId(sender, u"campaign_id"))
        problems.append(
            tr("The sender needs the %1 campaign's “campaign_id” (a whole number above zero).").arg(name));
    QStringList fields{fieldName(sender, u"message_field", QStringLiteral("console_message"))};
    if (sender.contains(u"subject_field"))
        fields.append(text(sender, u"subject_field"));
    for (const QString& field : fields) {
        if (!fieldShape.match(field).hasMatch())
            problems.append(
                tr("“%1” is not a usable %2 custom field name (a letter, then letters, digits or _).")
                    .arg(field, name));
        else if (field == QStringView(kConsoleRefField))
            problems.append(tr("“%1” is the console's own field: choose another name.").arg(field));
    }
    if (fields.size() == 2 && fields.first() == fields.last())
        problems.append(tr("The message and the subject need different custom fields."));
    return problems;
}

Result<std::unique_ptr<CampaignSender>, QString> smartleadSender(const QJsonObject& sender,
                                                                 std::shared_ptr<ProviderClient> client)
{
    auto smartlead = std::dynamic_pointer_cast<SmartleadClient>(std::move(client));
    if (!smartlead)
        return failure(wrongClient(ProviderId::Smartlead));
    SmartleadSenderSettings settings;
    settings.campaignId = positiveId(sender, u"campaign_id").value_or(0);
    settings.messageField = fieldName(sender, u"message_field", settings.messageField);
    settings.subjectField = fieldName(sender, u"subject_field");
    return std::unique_ptr<CampaignSender>(std::make_unique<SmartleadSender>(smartlead, settings));
}

Result<std::unique_ptr<CampaignSender>, QString> heyReachSender(const QJsonObject& sender,
                                                                std::shared_ptr<ProviderClient> client)
{
    auto heyReach = std::dynamic_pointer_cast<HeyReachClient>(std::move(client));
    if (!heyReach)
        return failure(wrongClient(ProviderId::HeyReach));
    HeyReachSenderSettings settings;
    settings.campaignId = positiveId(sender, u"campaign_id").value_or(0);
    settings.linkedInAccountId = positiveId(sender, u"linkedin_account_id");
    settings.messageField = fieldName(sender, u"message_field", settings.messageField);
    return std::unique_ptr<CampaignSender>(std::make_unique<HeyReachSender>(heyReach, settings));
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
    case ProviderId::Smartlead:
        problems += leadListProblems(sender, ProviderId::Smartlead);
        break;
    case ProviderId::HeyReach:
        problems += leadListProblems(sender, ProviderId::HeyReach);
        if (sender.contains(u"linkedin_account_id") && !positiveId(sender, u"linkedin_account_id"))
            problems.append(
                tr("“linkedin_account_id” is the HeyReach sender seat's id: a whole number above zero."));
        if (sender.contains(u"subject_field"))
            problems.append(tr("A LinkedIn message has no subject: leave “subject_field” out."));
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
    case ProviderId::Smartlead:
        return smartleadSender(sender, std::move(client));
    case ProviderId::HeyReach:
        return heyReachSender(sender, std::move(client));
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
