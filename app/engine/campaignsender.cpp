#include "campaignsender.h"

#include "integrations/costing.h"
#include "integrations/phone/phonenumbers.h"
#include "integrations/resend/resendclient.h"
#include "integrations/resend/resendjson.h"
#include "integrations/twilio/twilioclient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignSender", text);
}

// Resend replays a key for 24 hours; past 23 a replay might be a second send, so it is not tried.
constexpr qint64 kReplayWindowMs = 23LL * 3600 * 1000;
// Twilio's clock and ours differ a little: the look-up window is widened by this much each side.
constexpr qint64 kLookupSlackSeconds = 300;

} // namespace

SendOutcome outcomeFor(const OutgoingMessage& message, SendOutcome::Kind kind, const QString& error)
{
    SendOutcome outcome;
    outcome.item = message.item;
    outcome.kind = kind;
    outcome.error = error;
    return outcome;
}

QList<SendOutcome> allOf(const QList<OutgoingMessage>& messages, const SendOutcome& like)
{
    QList<SendOutcome> outcomes;
    for (const OutgoingMessage& message : messages) {
        SendOutcome outcome = like;
        outcome.item = message.item;
        outcomes.append(outcome);
    }
    return outcomes;
}

// What a provider's refusal means for the items. A request that provably never left is NotSent; one
// the provider refused is Failed; one that may have left (a reset, a timeout) is Unknown — unless
// `idempotent`, when a later send with the same key is a replay, so it may simply be tried again.
SendOutcome outcomeForError(const IntegrationError& error, bool idempotent)
{
    SendOutcome outcome;
    outcome.error = error.message();
    using Kind = IntegrationError::Kind;
    switch (error.kind) {
    case Kind::BudgetExceeded:
        outcome.kind = SendOutcome::Kind::NotSent;
        outcome.budgetRefused = true;
        break;
    case Kind::Configuration:
        outcome.kind = SendOutcome::Kind::NotSent;
        break;
    case Kind::Cancelled:
        outcome.kind = idempotent ? SendOutcome::Kind::NotSent : SendOutcome::Kind::Unknown;
        break;
    case Kind::RateLimited:
        outcome.kind = SendOutcome::Kind::Failed;
        outcome.retryable = true;
        outcome.rateLimited = true;
        break;
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Decode:
        outcome.kind = SendOutcome::Kind::Unknown;
        break;
    case Kind::Server:
        outcome.kind = SendOutcome::Kind::Failed;
        outcome.retryable = true;
        break;
    case Kind::Auth:
    case Kind::InvalidRequest:
        outcome.kind = SendOutcome::Kind::Failed;
        outcome.retryable = false;
        break;
    }
    return outcome;
}

namespace {

QString tooOldToReplay()
{
    return tr("Sent more than 23 hours ago: Resend no longer recognises a replay, so it was not tried. "
              "Check the recipient's inbox or Resend's log before sending again.");
}

QString replayRefused(const QString& why)
{
    return tr("Resend refused the replay with the same idempotency key (%1); whether the first "
              "request was delivered is not known.")
        .arg(why);
}

QString notFoundInTwilio(const QString& to)
{
    return tr("No message to %1 was found in Twilio's log around the time it was sent: it may never "
              "have left, or Twilio has not logged it yet. Not sent again — a person decides.")
        .arg(to);
}

SendOutcome refusedReplay(const SendOutcome& refused)
{
    SendOutcome outcome;
    outcome.item = refused.item;
    outcome.kind = SendOutcome::Kind::Unknown;
    outcome.error = replayRefused(refused.error);
    return outcome;
}

QString formPayload(const QList<QPair<QString, QString>>& fields)
{
    QStringList parts;
    for (const auto& field : fields)
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(field.first)) + u'=' +
                     QString::fromLatin1(QUrl::toPercentEncoding(field.second)));
    return parts.join(u'&');
}

// What TwilioClient puts in To and From: E.164 for a number, an alphanumeric sender ID as it is.
QString e164OrAsIs(const QString& text, const QString& region)
{
    const auto number = PhoneNumbers::normaliseToE164(text, region);
    return number ? number.value() : text.trimmed();
}

DeliveryStatus lookupFailed(ItemId item, const QString& ref, const IntegrationError& error)
{
    DeliveryStatus status;
    status.item = item;
    status.providerRef = ref;
    status.error = error.message();
    return status;
}

} // namespace

QString CampaignSender::requestKey(const QList<OutgoingMessage>& messages) const
{
    if (batchSize() <= 1 && messages.size() == 1)
        return messages.first().idempotencyKey;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("agency-campaign-batch-v1"));
    for (const OutgoingMessage& message : messages) {
        hash.addData(QByteArrayView("\x1f"));
        hash.addData(message.idempotencyKey.toUtf8());
    }
    return QStringLiteral("agency-batch-") + QString::fromLatin1(hash.result().toHex().left(48));
}

QCoro::Task<PriceQuote> CampaignSender::quote(QList<OutgoingMessage> messages, CancelToken)
{
    PriceQuote quote;
    quote.basis = tr("the price book");
    for (const OutgoingMessage& message : messages) {
        const Money cost = estimate(message);
        quote.total = quote.total.isValid() ? quote.total.plus(cost).value_or(quote.total) : cost;
    }
    co_return quote;
}

// ---- Resend ----

ResendSender::ResendSender(std::shared_ptr<ResendClient> client, EmailSenderSettings settings)
    : m_client(std::move(client))
    , m_settings(std::move(settings))
{}

int ResendSender::batchSize() const
{
    return m_settings.batch ? std::clamp(m_settings.batchSize, 1, ResendClient::kMaxBatchSize) : 1;
}

ResendEmail ResendSender::toEmail(const OutgoingMessage& message) const
{
    ResendEmail email;
    email.from = m_settings.from;
    email.to = QStringList{message.to};
    email.subject = message.subject;
    if (m_settings.html)
        email.html = message.body;
    else
        email.text = message.body;
    email.replyTo = m_settings.replyTo;
    return email;
}

QByteArray ResendSender::payload(const QList<OutgoingMessage>& messages) const
{
    if (batchSize() <= 1 && messages.size() == 1)
        return QJsonDocument(ResendJson::emailObject(toEmail(messages.first())))
            .toJson(QJsonDocument::Compact);
    QJsonArray list;
    for (const OutgoingMessage& message : messages)
        list.append(ResendJson::emailObject(toEmail(message)));
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

QString ResendSender::requestLine(int count) const
{
    return batchSize() > 1 || count > 1 ? QStringLiteral("POST /emails/batch")
                                        : QStringLiteral("POST /emails");
}

QStringList ResendSender::redactedHeaders(const QString& requestKey) const
{
    return {QStringLiteral("Authorization: Bearer [REDACTED]"),
            QStringLiteral("Content-Type: application/json"),
            QStringLiteral("Idempotency-Key: ") + requestKey};
}

QCoro::Task<QList<SendOutcome>> ResendSender::send(QList<OutgoingMessage> messages, QString requestKey,
                                                   CancelToken cancel)
{
    const QByteArray key = requestKey.toUtf8();
    QList<SendOutcome> outcomes;
    if (batchSize() <= 1 && messages.size() == 1) {
        const ResendEmail email = toEmail(messages.first());
        auto sent = co_await m_client->send(email, key, cancel);
        if (!sent) {
            co_return allOf(messages, outcomeForError(sent.error(), true));
        }
        SendOutcome outcome = outcomeFor(messages.first(), SendOutcome::Kind::Sent);
        outcome.providerRef = sent->id;
        if (sent->cost)
            outcome.cost = sent->cost->amount;
        outcomes.append(outcome);
        co_return outcomes;
    }
    QList<ResendEmail> emails;
    for (const OutgoingMessage& message : messages)
        emails.append(toEmail(message));
    auto sent = co_await m_client->sendBatch(emails, ResendBatchValidation::Strict, key, cancel);
    if (!sent) {
        co_return allOf(messages, outcomeForError(sent.error(), true));
    }
    // Strict mode: all were accepted, one id each, in order. The estimate is spread evenly.
    const qsizetype accepted = std::max<qsizetype>(1, sent->acceptedCount);
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const ResendBatchItem item = i < sent->items.size() ? sent->items.at(i) : ResendBatchItem{};
        SendOutcome outcome =
            outcomeFor(messages.at(i), item.accepted() ? SendOutcome::Kind::Sent : SendOutcome::Kind::Failed,
                       item.error);
        outcome.providerRef = item.id;
        if (item.accepted() && sent->cost)
            outcome.cost =
                Money::fromMicros(sent->cost->amount.micros() / accepted, sent->cost->amount.currency());
        outcomes.append(outcome);
    }
    co_return outcomes;
}

QCoro::Task<QList<SendOutcome>> ResendSender::reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                                        CancelToken cancel)
{
    // The same request with the same key: Resend answers the original email(s) without sending again,
    // or sends now if the first request never arrived. Either way, exactly one email.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const OutgoingMessage& message : messages) {
        if (!message.startedAt.isValid() || now - message.startedAt.toMSecsSinceEpoch() > kReplayWindowMs)
            co_return allOf(messages, outcomeFor(message, SendOutcome::Kind::Unknown, tooOldToReplay()));
    }
    QList<SendOutcome> outcomes = co_await send(messages, requestKey, cancel);
    for (SendOutcome& outcome : outcomes) {
        if (outcome.kind == SendOutcome::Kind::Failed && !outcome.retryable)
            outcome = refusedReplay(outcome);
        else if (outcome.kind != SendOutcome::Kind::Sent)
            outcome.kind = SendOutcome::Kind::Unresolved; // try again on the next run
    }
    co_return outcomes;
}

QCoro::Task<DeliveryStatus> ResendSender::status(ItemId item, QString providerRef)
{
    auto record = co_await m_client->email(providerRef);
    if (!record)
        co_return lookupFailed(item, providerRef, record.error());
    DeliveryStatus status;
    status.item = item;
    status.providerRef = providerRef;
    status.status = record->lastEventText;
    switch (record->lastEvent) {
    case ResendEmailEvent::Delivered:
    case ResendEmailEvent::Opened:
    case ResendEmailEvent::Clicked:
    case ResendEmailEvent::Bounced:
    case ResendEmailEvent::Complained:
    case ResendEmailEvent::Failed:
    case ResendEmailEvent::Canceled:
    case ResendEmailEvent::Suppressed:
        status.final = true;
        break;
    default:
        status.final = false;
    }
    co_return status;
}

Money ResendSender::estimate(const OutgoingMessage&) const
{
    return estimatedCost(ProviderId::Resend, QStringLiteral("send_email"), 1).amount;
}

double ResendSender::requestsPerSecond() const
{
    return ResendClient::documentedPacing().ratePerSecond;
}

// ---- Twilio SMS ----

TwilioSmsSender::TwilioSmsSender(std::shared_ptr<TwilioClient> client, SmsSenderSettings settings)
    : m_client(std::move(client))
    , m_settings(std::move(settings))
{}

QByteArray TwilioSmsSender::payload(const QList<OutgoingMessage>& messages) const
{
    if (messages.isEmpty())
        return {};
    const OutgoingMessage& message = messages.first();
    const QString to = e164OrAsIs(message.to, m_settings.defaultRegion);
    const QString from = e164OrAsIs(m_settings.from, m_settings.defaultRegion);
    return formPayload({{QStringLiteral("To"), to},
                        {QStringLiteral("From"), from},
                        {QStringLiteral("Body"), message.body}})
        .toUtf8();
}

QString TwilioSmsSender::requestLine(int) const
{
    return QStringLiteral("POST /2010-04-01/Accounts/[REDACTED]/Messages.json");
}

QStringList TwilioSmsSender::redactedHeaders(const QString&) const
{
    // Twilio has no idempotency key: a lost answer is settled by looking the message up.
    return {QStringLiteral("Authorization: Basic [REDACTED]"),
            QStringLiteral("Content-Type: application/x-www-form-urlencoded")};
}

SendOutcome TwilioSmsSender::foundInTwilio(const OutgoingMessage& message, const TwilioMessage& found) const
{
    SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
    outcome.providerRef = found.sid;
    CostEvent charge = TwilioClient::estimateSms(message.body);
    charge.providerReference = found.sid;
    outcome.cost = charge.amount;
    outcome.unbilled = charge;
    return outcome;
}

QCoro::Task<QList<SendOutcome>> TwilioSmsSender::send(QList<OutgoingMessage> messages, QString,
                                                      CancelToken cancel)
{
    QList<SendOutcome> outcomes;
    for (const OutgoingMessage& message : messages) {
        SmsRequest request;
        request.to = message.to;
        request.from = m_settings.from;
        request.body = message.body;
        request.defaultRegion = m_settings.defaultRegion;
        auto sent = co_await m_client->sendSms(request, cancel);
        if (!sent) {
            SendOutcome outcome = outcomeForError(sent.error(), false);
            outcome.item = message.item;
            outcomes.append(outcome);
            continue;
        }
        SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
        outcome.providerRef = sent->message.sid;
        outcome.cost = sent->estimatedCost.amount;
        outcomes.append(outcome);
    }
    co_return outcomes;
}

QCoro::Task<QList<SendOutcome>> TwilioSmsSender::reconcile(QList<OutgoingMessage> messages, QString,
                                                           CancelToken cancel)
{
    // No idempotency key exists for Twilio: the only proof is the message in Twilio's own log, to the
    // same number from the same sender with the same body, around the time the send was journalled.
    QList<SendOutcome> outcomes;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const OutgoingMessage& message : messages) {
        MessageQuery query;
        query.to = message.to;
        query.from = m_settings.from;
        query.defaultRegion = m_settings.defaultRegion;
        const QDateTime started = message.startedAt.isValid() ? message.startedAt : now.addDays(-1);
        query.sentAfter = started.addSecs(-kLookupSlackSeconds);
        query.sentBefore = now.addSecs(kLookupSlackSeconds);
        auto found = co_await m_client->listMessages(query, cancel);
        if (!found) {
            outcomes.append(outcomeFor(message, SendOutcome::Kind::Unresolved, found.error().message()));
            continue;
        }
        std::optional<TwilioMessage> match;
        for (const TwilioMessage& candidate : found.value()) {
            if (candidate.body == message.body && !candidate.direction.startsWith(u"inbound"))
                match = candidate;
        }
        if (!match) {
            outcomes.append(outcomeFor(message, SendOutcome::Kind::Unknown, notFoundInTwilio(message.to)));
            continue;
        }
        outcomes.append(foundInTwilio(message, *match));
    }
    co_return outcomes;
}

QCoro::Task<DeliveryStatus> TwilioSmsSender::status(ItemId item, QString providerRef)
{
    auto message = co_await m_client->getMessage(providerRef);
    if (!message)
        co_return lookupFailed(item, providerRef, message.error());
    DeliveryStatus status;
    status.item = item;
    status.providerRef = providerRef;
    status.status = message->statusText;
    status.final = message->isFinal();
    status.price = message->price;
    co_return status;
}

QCoro::Task<PriceQuote> TwilioSmsSender::quote(QList<OutgoingMessage> messages, CancelToken)
{
    PriceQuote quote;
    qint64 segments = 0;
    for (const OutgoingMessage& message : messages) {
        const CostEvent charge = TwilioClient::estimateSms(message.body);
        segments += charge.units;
        quote.total =
            quote.total.isValid() ? quote.total.plus(charge.amount).value_or(quote.total) : charge.amount;
    }
    quote.basis = tr("%1 SMS segments at the price book's price per segment").arg(segments);
    co_return quote;
}

Money TwilioSmsSender::estimate(const OutgoingMessage& message) const
{
    return TwilioClient::estimateSms(message.body).amount;
}

} // namespace agency
