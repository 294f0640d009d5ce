#include "callletterssenders.h"

#include "engine/campaignjournal.h"
#include "engine/recipientvalidator.h"
#include "integrations/clicksend/australianaddress.h"
#include "integrations/clicksend/clicksendclient.h"
#include "integrations/clicksend/clicksendjson.h"
#include "integrations/costing.h"
#include "integrations/vapi/vapiclient.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignSender", text);
}

// Vapi's clock and ours differ a little, and a call is created a moment after it was journalled:
// the look-up window opens this long before the item's start.
constexpr qint64 kLookupSlackSeconds = 300;
// Vapi's list pages (limit 0–1000, spec); a reconciliation reads at most this many of them.
constexpr int kCallPageSize = 100;
constexpr int kMaxCallPages = 10;
// Vapi's documented default of concurrent call slots (call-concurrency doc).
constexpr int kCallSlots = 10;
// CreateCallDTO.name and CreateCustomerDTO.name: at most 40 characters (spec).
constexpr int kVapiNameLength = 40;
// assistant.maxDurationSeconds defaults to 600 (spec): what VapiClient reserves when none is set.
constexpr int kDefaultMaxDurationMinutes = 10;
const QString kCreateCall = QStringLiteral("create_call");

// ClickSend keeps an upload for 10 minutes; it is uploaded again after 9.
constexpr qint64 kUploadLifetimeSeconds = 9 * 60;
// The letter history is read 100 letters a page (its maximum), at most this many pages.
constexpr int kHistoryPageSize = 100;
constexpr int kMaxHistoryPages = 20;
// A follow-up over many letters reuses one reading of the history for this long.
constexpr qint64 kHistoryReuseSeconds = 30;
const QString kSendLetter = QStringLiteral("send_letter");

SendOutcome refusedBeforeSending(const OutgoingMessage& message, const QString& why)
{
    return outcomeFor(message, SendOutcome::Kind::Failed, why);
}

SendOutcome errorOutcome(const OutgoingMessage& message, const IntegrationError& error)
{
    // Neither provider takes an idempotency key: a request that may have left is Unknown.
    SendOutcome outcome = outcomeForError(error, false);
    outcome.item = message.item;
    return outcome;
}

DeliveryStatus lookupFailed(ItemId item, const QString& ref, const QString& why)
{
    DeliveryStatus status;
    status.item = item;
    status.providerRef = ref;
    status.error = why;
    return status;
}

QString fullName(const RecipientFields& fields)
{
    const QString name = recipientField(fields, RecipientField::Name);
    if (!name.isEmpty())
        return name;
    return QString(recipientField(fields, RecipientField::FirstName) + u' ' +
                   recipientField(fields, RecipientField::LastName))
        .simplified();
}

QString notAnE164Number(const QString& problem)
{
    return tr("Not called: %1.").arg(problem);
}

QString callNotFound(const QString& to, const QDateTime& since)
{
    return tr("No call to %1 was found in Vapi's list of calls since %2: it may never have been placed. "
              "Not dialled again — a person decides.")
        .arg(to, since.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
}

QString voiceQuoteBasis(const Money& perMinute, int minutes)
{
    return tr("the price book: %1 a minute × %2 expected minutes a call")
        .arg(perMinute.toString())
        .arg(minutes);
}

QString letterNotFound(const QDateTime& since)
{
    return tr("No letter to this address with this message was found in ClickSend's history since %1: "
              "it may never have been sent. Not sent again — a person decides.")
        .arg(since.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
}

QString letterNotInHistory(int letters)
{
    return tr("The letter is not among the %1 newest in ClickSend's history.").arg(letters);
}

QString letterMissingFromAnswer()
{
    return tr("ClickSend's answer did not list this letter: whether it was queued is not known.");
}

QString letterNotQueued(const QString& status)
{
    return tr("ClickSend did not queue the letter (status %1).").arg(status);
}

QString letterQuoteBasis(int letters, int refused)
{
    if (refused == 0)
        return tr("ClickSend's price call for %1 letters").arg(letters);
    return tr("ClickSend's price call for %1 letters (%2 addresses refused, not priced)")
        .arg(letters)
        .arg(refused);
}

QString uploadPlaceholder(const QString& path)
{
    return QStringLiteral("(uploaded to ClickSend from %1 when sent)").arg(QFileInfo(path).fileName());
}

bool sameAddress(const PostalAddress& a, const PostalAddress& b)
{
    const auto same = [](const QString& x, const QString& y) {
        return x.simplified().compare(y.simplified(), Qt::CaseInsensitive) == 0;
    };
    return same(a.name, b.name) && same(a.line1, b.line1) && same(a.line2, b.line2) && same(a.city, b.city) &&
           same(a.postcode, b.postcode);
}

bool transient(const IntegrationError& error)
{
    using Kind = IntegrationError::Kind;
    return error.kind == Kind::Network || error.kind == Kind::Timeout || error.kind == Kind::Server ||
           error.kind == Kind::RateLimited;
}

// An upload that failed sent no letter: the items fail (retryable when the failure may pass).
SendOutcome uploadFailed(const OutgoingMessage& message, const IntegrationError& error)
{
    SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Failed,
                                     tr("The letter's PDF could not be uploaded: %1").arg(error.message()));
    outcome.retryable = transient(error);
    outcome.rateLimited = error.kind == IntegrationError::Kind::RateLimited;
    return outcome;
}

VapiCallQuery callQuery(const QString& assistantId, const QDateTime& since)
{
    VapiCallQuery query;
    query.assistantId = assistantId;
    query.limit = kCallPageSize;
    query.createdAtGt = since;
    return query;
}

} // namespace

// ---- Vapi ----

VapiCallSender::VapiCallSender(std::shared_ptr<VapiClient> client, VoiceSenderSettings settings)
    : m_client(std::move(client))
    , m_settings(std::move(settings))
{}

QString VapiCallSender::callName(const OutgoingMessage& message)
{
    return message.idempotencyKey.left(kVapiNameLength);
}

VapiCallRequest VapiCallSender::callRequest(const OutgoingMessage& message) const
{
    VapiCallRequest request;
    request.assistantId = m_settings.assistantId;
    request.phoneNumberId = m_settings.phoneNumberId;
    request.customerNumber = message.to;
    request.customerName = fullName(message.recipient).left(kVapiNameLength);
    request.name = callName(message);
    if (m_settings.messageVariable.isEmpty())
        request.firstMessage = message.body;
    else
        request.variableValues.insert(m_settings.messageVariable, message.body);
    request.maxDurationMinutes = m_settings.maxDurationMinutes;
    return request;
}

QByteArray VapiCallSender::payload(const QList<OutgoingMessage>& messages) const
{
    if (messages.isEmpty())
        return {};
    return QJsonDocument(VapiClient::callBody(callRequest(messages.first()))).toJson(QJsonDocument::Compact);
}

QString VapiCallSender::requestLine(int) const
{
    return QStringLiteral("POST /call");
}

QStringList VapiCallSender::redactedHeaders(const QString&) const
{
    // Vapi has no idempotency key: a lost answer is settled by looking the call up.
    return {QStringLiteral("Authorization: Bearer [REDACTED]"),
            QStringLiteral("Content-Type: application/json")};
}

QCoro::Task<QList<SendOutcome>> VapiCallSender::send(QList<OutgoingMessage> messages, QString, CancelToken)
{
    QList<SendOutcome> outcomes;
    for (const OutgoingMessage& message : messages) {
        // Refused here, never by the client: its refusal would read as "never left, try later".
        const QString problem = VapiClient::e164Problem(message.to);
        if (!problem.isEmpty()) {
            outcomes.append(refusedBeforeSending(message, notAnE164Number(problem)));
            continue;
        }
        auto placed = co_await m_client->createCall(callRequest(message));
        if (!placed) {
            outcomes.append(errorOutcome(message, placed.error()));
            continue;
        }
        SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
        outcome.providerRef = placed->id;
        outcome.cost = estimate(message);
        outcomes.append(outcome);
    }
    co_return outcomes;
}

bool VapiCallSender::isOurs(const VapiCall& call, const OutgoingMessage& message) const
{
    if (!call.name.isEmpty())
        return call.name == callName(message);
    return call.customerNumber == message.to && call.assistantId == m_settings.assistantId &&
           (m_settings.phoneNumberId.isEmpty() || call.phoneNumberId == m_settings.phoneNumberId);
}

SendOutcome VapiCallSender::foundInVapi(const OutgoingMessage& message, const VapiCall& call) const
{
    SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
    outcome.providerRef = call.id;
    // The console that placed the call died before billing it. An ended call's own cost is final;
    // otherwise the estimate is recorded against the call, and the follow-up settles it.
    std::optional<CostEvent> charge = VapiClient::reportedCost(call);
    if (!charge) {
        const int minutes = m_settings.maxDurationMinutes.value_or(kDefaultMaxDurationMinutes);
        charge = estimatedCost(ProviderId::Vapi, kCreateCall, minutes, call.id);
    }
    outcome.cost = estimate(message);
    outcome.unbilled = charge;
    return outcome;
}

QCoro::Task<QList<SendOutcome>> VapiCallSender::reconcile(QList<OutgoingMessage> messages, QString,
                                                          CancelToken)
{
    // No idempotency key exists for Vapi: the only proof is the call in Vapi's own list, made by this
    // assistant since the item was journalled (its name is the item's key; else the same number).
    QList<SendOutcome> outcomes;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const OutgoingMessage& message : messages) {
        const QDateTime started = message.startedAt.isValid() ? message.startedAt : now.addDays(-1);
        const QDateTime since = started.addSecs(-kLookupSlackSeconds);
        VapiCallQuery query = callQuery(m_settings.assistantId, since);
        std::optional<VapiCall> match;
        QString lookupError;
        for (int page = 0; page < kMaxCallPages && !match; ++page) {
            auto calls = co_await m_client->listCalls(query);
            if (!calls) {
                lookupError = calls.error().message();
                break;
            }
            for (const VapiCall& call : calls.value()) {
                if (isOurs(call, message))
                    match = call;
            }
            if (calls->size() < kCallPageSize || calls->isEmpty())
                break;
            query.createdAtLt = calls->last().createdAt;
        }
        if (match)
            outcomes.append(foundInVapi(message, *match));
        else if (!lookupError.isEmpty())
            outcomes.append(outcomeFor(message, SendOutcome::Kind::Unresolved, lookupError));
        else
            outcomes.append(outcomeFor(message, SendOutcome::Kind::Unknown, callNotFound(message.to, since)));
    }
    co_return outcomes;
}

QCoro::Task<DeliveryStatus> VapiCallSender::status(ItemId item, QString providerRef)
{
    auto call = co_await m_client->getCall(providerRef);
    if (!call)
        co_return lookupFailed(item, providerRef, call.error().message());
    DeliveryStatus status;
    status.item = item;
    status.providerRef = providerRef;
    status.status = call->status;
    status.final = call->hasEnded();
    // Vapi's cost is final once the call has ended (USD); the follow-up settles the estimate with it.
    if (call->hasEnded() && call->cost)
        status.price = call->cost;
    co_return status;
}

Money VapiCallSender::estimate(const OutgoingMessage&) const
{
    return estimatedCost(ProviderId::Vapi, kCreateCall, std::max(1, m_settings.expectedMinutes)).amount;
}

QCoro::Task<PriceQuote> VapiCallSender::quote(QList<OutgoingMessage> messages, CancelToken)
{
    PriceQuote quote;
    const int minutes = std::max(1, m_settings.expectedMinutes);
    quote.basis = voiceQuoteBasis(providerInfo(ProviderId::Vapi).unitCost, minutes);
    for (const OutgoingMessage& message : messages) {
        const Money cost = estimate(message);
        quote.total = quote.total.isValid() ? quote.total.plus(cost).value_or(quote.total) : cost;
    }
    co_return quote;
}

double VapiCallSender::requestsPerSecond() const
{
    return double(kCallSlots) / (60.0 * std::max(1, m_settings.expectedMinutes));
}

// ---- ClickSend letters ----

ClickSendLetterSender::ClickSendLetterSender(std::shared_ptr<ClickSendClient> client,
                                             LetterSenderSettings settings)
    : m_client(std::move(client))
    , m_settings(std::move(settings))
{}

int ClickSendLetterSender::batchSize() const
{
    return std::clamp(m_settings.batchSize, 1, kMaxLettersPerRequest);
}

Result<LetterRecipient, QString> ClickSendLetterSender::recipientFor(const OutgoingMessage& message) const
{
    auto validated = RecipientValidator::validate(CampaignChannel::Letter, message.recipient);
    if (!validated)
        return failure(RecipientValidator::describe(validated.error()));
    const RecipientFields& fields = validated->fields;
    PostalAddress address;
    address.name = recipientField(fields, RecipientField::Name);
    address.line1 = recipientField(fields, RecipientField::AddressLine1);
    address.line2 = recipientField(fields, RecipientField::AddressLine2);
    address.city = recipientField(fields, RecipientField::City);
    address.state = recipientField(fields, RecipientField::State);
    address.postcode = recipientField(fields, RecipientField::Postcode);
    address.country = recipientField(fields, RecipientField::Country);
    // What ClickSendClient checks and tidies before it sends: the payload is the tidied form.
    auto checked = AustralianAddress::validated(address);
    if (!checked)
        return failure(checked.error());
    LetterRecipient recipient;
    recipient.address = checked.value();
    recipient.returnAddressId = m_settings.returnAddressId;
    recipient.customString = message.body;
    return recipient;
}

QUrl ClickSendLetterSender::knownFileUrl() const
{
    if (m_settings.fileUrl.isValid() && !m_settings.fileUrl.isEmpty())
        return m_settings.fileUrl;
    if (m_uploadedUrl.isValid() && m_uploadedAt.isValid() &&
        m_uploadedAt.secsTo(QDateTime::currentDateTimeUtc()) < kUploadLifetimeSeconds)
        return m_uploadedUrl;
    return {};
}

ClickSendLetterSender::Prepared ClickSendLetterSender::prepare(const QList<OutgoingMessage>& messages) const
{
    Prepared prepared;
    prepared.request.fileUrl = knownFileUrl();
    prepared.request.colour = m_settings.colour;
    prepared.request.duplex = m_settings.duplex;
    prepared.request.priorityPost = m_settings.priorityPost;
    prepared.request.templateUsed = m_settings.templateUsed;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        auto recipient = recipientFor(messages.at(i));
        if (!recipient) {
            prepared.outcomes.append(refusedBeforeSending(messages.at(i), recipient.error()));
            continue;
        }
        prepared.outcomes.append(outcomeFor(messages.at(i), SendOutcome::Kind::Unknown));
        prepared.request.recipients.append(recipient.value());
        prepared.indexes.append(i);
    }
    return prepared;
}

QByteArray ClickSendLetterSender::payload(const QList<OutgoingMessage>& messages) const
{
    const Prepared prepared = prepare(messages);
    if (prepared.request.recipients.isEmpty())
        return {};
    QJsonObject body = ClickSendJson::letterBody(prepared.request);
    if (prepared.request.fileUrl.isEmpty())
        body.insert(QStringLiteral("file_url"), uploadPlaceholder(m_settings.pdfPath));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString ClickSendLetterSender::requestLine(int) const
{
    return QStringLiteral("POST /v3/post/letters/send");
}

QStringList ClickSendLetterSender::redactedHeaders(const QString&) const
{
    // ClickSend has no idempotency key: a lost answer is settled from the letter history.
    return {QStringLiteral("Authorization: Basic [REDACTED]"),
            QStringLiteral("Content-Type: application/json")};
}

QCoro::Task<Result<QUrl, IntegrationError>> ClickSendLetterSender::fileUrl(CancelToken cancel)
{
    const QUrl known = knownFileUrl();
    if (!known.isEmpty())
        co_return known;
    auto uploaded = co_await m_client->uploadPdf(m_settings.pdfPath, cancel);
    if (!uploaded)
        co_return failure(uploaded.error());
    m_uploadedUrl = uploaded.value();
    m_uploadedAt = QDateTime::currentDateTimeUtc();
    // A copy: QCoro moves what co_return is given, and the member must keep the URL.
    const QUrl url = m_uploadedUrl;
    co_return url;
}

QCoro::Task<QList<SendOutcome>> ClickSendLetterSender::send(QList<OutgoingMessage> messages, QString,
                                                            CancelToken cancel)
{
    Prepared prepared = prepare(messages);
    if (prepared.request.recipients.isEmpty())
        co_return prepared.outcomes;
    auto url = co_await fileUrl(cancel);
    if (!url) {
        for (qsizetype index : std::as_const(prepared.indexes))
            prepared.outcomes[index] = uploadFailed(messages.at(index), url.error());
        co_return prepared.outcomes;
    }
    prepared.request.fileUrl = url.value();
    auto sent = co_await m_client->sendLetter(prepared.request, cancel);
    if (!sent) {
        for (qsizetype index : std::as_const(prepared.indexes))
            prepared.outcomes[index] = errorOutcome(messages.at(index), sent.error());
        co_return prepared.outcomes;
    }
    // ClickSend answers one letter per recipient, in order, each echoing its address and reference.
    const QList<Letter>& letters = sent->letters;
    for (qsizetype k = 0; k < prepared.indexes.size(); ++k) {
        const qsizetype index = prepared.indexes.at(k);
        const OutgoingMessage& message = messages.at(index);
        const LetterRecipient& recipient = prepared.request.recipients.at(k);
        std::optional<Letter> letter;
        if (k < letters.size() && letters.at(k).customString == recipient.customString)
            letter = letters.at(k);
        for (qsizetype j = 0; !letter && j < letters.size(); ++j) {
            if (letters.at(j).customString == recipient.customString &&
                sameAddress(letters.at(j).address, recipient.address))
                letter = letters.at(j);
        }
        if (!letter) {
            prepared.outcomes[index] =
                outcomeFor(message, SendOutcome::Kind::Unknown, letterMissingFromAnswer());
            continue;
        }
        if (!letter->isQueued()) {
            SendOutcome refused =
                outcomeFor(message, SendOutcome::Kind::Failed, letterNotQueued(letter->status));
            refused.providerRef = letter->messageId;
            prepared.outcomes[index] = refused;
            continue;
        }
        SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
        outcome.providerRef = letter->messageId;
        outcome.cost = letter->price;
        prepared.outcomes[index] = outcome;
    }
    co_return prepared.outcomes;
}

QCoro::Task<Result<QList<Letter>, IntegrationError>>
ClickSendLetterSender::history(QDateTime since, int maxPages, CancelToken cancel)
{
    QList<Letter> letters;
    for (int page = 1; page <= maxPages; ++page) {
        auto read = co_await m_client->letterHistory(page, kHistoryPageSize, cancel);
        if (!read)
            co_return failure(read.error());
        bool older = false;
        for (const Letter& letter : read->letters) {
            m_seen.insert(letter.messageId, letter);
            letters.append(letter);
            if (since.isValid() && letter.dateAdded.isValid() && letter.dateAdded < since)
                older = true;
        }
        // Newest first: a page that reaches past `since` is the last one needed.
        if (older || read->letters.isEmpty() || read->currentPage >= read->lastPage)
            break;
    }
    m_seenAt = QDateTime::currentDateTimeUtc();
    co_return letters;
}

SendOutcome ClickSendLetterSender::foundInHistory(const OutgoingMessage& message, const Letter& letter) const
{
    SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
    outcome.providerRef = letter.messageId;
    outcome.cost = letter.price;
    // The console that sent it died before billing it: ClickSend's own price for it is recorded now.
    outcome.unbilled = reportedCost(ProviderId::ClickSend, kSendLetter, letter.price, 1,
                                    QStringLiteral("letter"), letter.messageId);
    return outcome;
}

QCoro::Task<QList<SendOutcome>> ClickSendLetterSender::reconcile(QList<OutgoingMessage> messages, QString,
                                                                 CancelToken cancel)
{
    // No idempotency key exists for ClickSend: the proof is a letter in its history since the items
    // were journalled, to the same address and carrying the same message as its custom_string.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime since = now;
    for (const OutgoingMessage& message : messages)
        since = std::min(since, message.startedAt.isValid() ? message.startedAt : now.addDays(-1));
    since = since.addSecs(-kLookupSlackSeconds);
    QList<SendOutcome> outcomes;
    auto letters = co_await history(since, kMaxHistoryPages, cancel);
    if (!letters) {
        for (const OutgoingMessage& message : messages)
            outcomes.append(outcomeFor(message, SendOutcome::Kind::Unresolved, letters.error().message()));
        co_return outcomes;
    }
    for (const OutgoingMessage& message : messages) {
        auto recipient = recipientFor(message);
        std::optional<Letter> match;
        for (const Letter& letter : letters.value()) {
            if (!recipient || (letter.dateAdded.isValid() && letter.dateAdded < since))
                continue;
            if (letter.customString == recipient->customString &&
                sameAddress(letter.address, recipient->address))
                match = letter;
        }
        if (match)
            outcomes.append(foundInHistory(message, *match));
        else
            outcomes.append(outcomeFor(message, SendOutcome::Kind::Unknown, letterNotFound(since)));
    }
    co_return outcomes;
}

QCoro::Task<DeliveryStatus> ClickSendLetterSender::status(ItemId item, QString providerRef)
{
    const bool fresh =
        m_seenAt.isValid() && m_seenAt.secsTo(QDateTime::currentDateTimeUtc()) < kHistoryReuseSeconds;
    if (!fresh || !m_seen.contains(providerRef)) {
        m_seen.clear();
        auto read = co_await history(QDateTime(), kMaxHistoryPages, CancelToken());
        if (!read)
            co_return lookupFailed(item, providerRef, read.error().message());
    }
    if (!m_seen.contains(providerRef))
        co_return lookupFailed(item, providerRef, letterNotInHistory(kMaxHistoryPages * kHistoryPageSize));
    const Letter letter = m_seen.value(providerRef);
    DeliveryStatus status;
    status.item = item;
    status.providerRef = providerRef;
    status.status = letter.status;
    // ClickSend reports no delivery for a letter: once queued (and not scheduled for later) it is
    // printed and posted, and its status does not change again. unverified: the full status list.
    const bool scheduled = letter.schedule && *letter.schedule > QDateTime::currentDateTimeUtc();
    status.final = !scheduled;
    status.price = letter.price;
    co_return status;
}

Money ClickSendLetterSender::estimate(const OutgoingMessage&) const
{
    return estimatedCost(ProviderId::ClickSend, kSendLetter, 1).amount;
}

QCoro::Task<PriceQuote> ClickSendLetterSender::quote(QList<OutgoingMessage> messages, CancelToken cancel)
{
    PriceQuote quote;
    int priced = 0;
    int refused = 0;
    for (qsizetype from = 0; from < messages.size(); from += batchSize()) {
        const QList<OutgoingMessage> group = messages.mid(from, batchSize());
        Prepared prepared = prepare(group);
        refused += int(group.size() - prepared.request.recipients.size());
        if (prepared.request.recipients.isEmpty())
            continue;
        auto url = co_await fileUrl(cancel);
        if (!url) {
            quote.total = Money();
            quote.error = url.error().message();
            co_return quote;
        }
        prepared.request.fileUrl = url.value();
        auto price = co_await m_client->priceLetter(prepared.request, cancel);
        if (!price) {
            quote.total = Money();
            quote.error = price.error().message();
            co_return quote;
        }
        quote.total =
            quote.total.isValid() ? quote.total.plus(price->total).value_or(quote.total) : price->total;
        priced += int(prepared.request.recipients.size());
    }
    if (!quote.total.isValid())
        quote.total = Money::zero(providerInfo(ProviderId::ClickSend).unitCost.currency());
    quote.basis = letterQuoteBasis(priced, refused);
    co_return quote;
}

double ClickSendLetterSender::requestsPerSecond() const
{
    return ClickSendClient::documentedPacing().ratePerSecond;
}

} // namespace agency
