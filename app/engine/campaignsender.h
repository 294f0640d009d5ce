#pragma once
// CampaignSender: how a campaign's messages leave on one channel. The runner renders, journals and
// throttles; a sender only speaks to its provider: send a group of messages under one request key,
// prove what became of a group a crash or a timeout left in doubt, and read a sent message's status.
// Resend (email, single or batch) and Twilio (SMS) today; HeyReach, Smartlead, Vapi and ClickSend
// fit the same shape.

#include "engine/campaignjournal.h"
#include "integrations/http/cancellation.h"
#include "model/costevent.h"
#include "model/integrationerror.h"
#include "model/money.h"
#include "model/providerid.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

#include <qcoro/qcorotask.h>

namespace agency {

class ResendClient;
struct TwilioMessage;
class TwilioClient;

/// One journal item, rendered for its recipient.
struct OutgoingMessage
{
    ItemId item = 0;
    QString idempotencyKey; ///< the item's own key (CampaignJournal::idempotencyKey)
    QString to;             ///< the recipient's normalised address: an email, an E.164 number
    QString subject;        ///< email only
    QString body;
    QDateTime startedAt; ///< when the send was journalled (reconciliation: the look-up window)
    /// The recipient's fields (names, company, postal address): what a provider needs beyond the
    /// address — a lead's name for Smartlead or HeyReach, the customer's name for Vapi, the letter's
    /// address for ClickSend.
    RecipientFields recipient;
};

/// What became of one message. NotSent: provably never left (budget refusal, cancelled in the
/// queue); Unresolved: still unproven after a reconciliation attempt — leave the journal as it is.
struct SendOutcome
{
    enum class Kind
    {
        Sent,
        Failed,
        Unknown,
        NotSent,
        Unresolved,
    };
    ItemId item = 0;
    Kind kind = Kind::Failed;
    QString providerRef;
    Money cost; ///< invalid when unknown
    QString error;
    bool retryable = false;
    bool rateLimited = false;   ///< a 429: the circuit breaker counts it
    bool budgetRefused = false; ///< SpendGuard refused before the request left: pause
    /// Proven sent by a free look-up: the call that sent it was never billed in the ledger (its
    /// console died first), so this cost is recorded for it now.
    std::optional<CostEvent> unbilled;
};

/// A sent message's delivery status, as the provider reports it now.
struct DeliveryStatus
{
    ItemId item = 0;
    QString providerRef;
    QString status;             ///< the provider's word: "delivered", "bounced", "undelivered"…
    bool final = false;         ///< the provider will not change it any more
    std::optional<Money> price; ///< what the provider says it charged (Twilio), when rated
    QString error;              ///< the look-up failed: why
    bool settled = false;       ///< this look-up settled the reported price in the ledger
};

/// What a group of messages will cost before it is sent.
struct PriceQuote
{
    Money total;   ///< invalid when the price could not be had
    QString basis; ///< how it was priced: "the price book", "ClickSend's price call", "3 SMS segments"…
    QString error; ///< the price call failed: why (total is then invalid)
};

class CampaignSender
{
public:
    virtual ~CampaignSender() = default;
    virtual ProviderId provider() const = 0;
    /// How many messages go in one request: 1 for single sends.
    virtual int batchSize() const = 0;
    /// The key the provider sees for a group: the item's key for one message, a key derived from the
    /// items' keys (in order) for a batch — so a replay of the same group is the same request.
    QString requestKey(const QList<OutgoingMessage>& messages) const;
    /// The request body exactly as the provider receives it (credentials travel in headers, never here).
    virtual QByteArray payload(const QList<OutgoingMessage>& messages) const = 0;
    /// The request a group of `count` messages leaves in: "POST /emails/batch" (method and path; ids
    /// that identify the account, such as Twilio's Account SID, shown as [REDACTED]).
    virtual QString requestLine(int count) const = 0;
    /// The request's headers that matter to a person checking it, credentials as [REDACTED]:
    /// "Authorization: Bearer [REDACTED]", "Idempotency-Key: agency-…".
    virtual QStringList redactedHeaders(const QString& requestKey) const = 0;
    /// Sends one group (at most batchSize()): one outcome per message, in order.
    virtual QCoro::Task<QList<SendOutcome>> send(QList<OutgoingMessage> messages, QString requestKey,
                                                 CancelToken cancel) = 0;
    /// Proves what became of a group left in `sending` or `unknown`: one outcome per message.
    virtual QCoro::Task<QList<SendOutcome>> reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                                      CancelToken cancel) = 0;
    virtual QCoro::Task<DeliveryStatus> status(ItemId item, QString providerRef) = 0;
    /// The expected cost of one message (the catalogue's price; SMS counts segments).
    virtual Money estimate(const OutgoingMessage& message) const = 0;
    /// The price of these messages before they are sent: the sum of estimate() unless the provider
    /// has a price call of its own (ClickSend letters), which is then asked. Nothing is sent.
    virtual QCoro::Task<PriceQuote> quote(QList<OutgoingMessage> messages, CancelToken cancel);
    /// The provider's documented request rate, for the duration estimate.
    virtual double requestsPerSecond() const = 0;
};

/// What a provider's refusal means for the items of a request. A request that provably never left is
/// NotSent; one the provider refused is Failed; one that may have left (a reset, a timeout) is Unknown —
/// unless `idempotent`, when a later send with the same key is a replay, so it may simply be tried again.
SendOutcome outcomeForError(const IntegrationError& error, bool idempotent);
/// One message's outcome of `kind`, with `error` when there is one.
SendOutcome outcomeFor(const OutgoingMessage& message, SendOutcome::Kind kind, const QString& error = {});
/// `like` for every message of a group (a request that succeeded or failed as a whole).
QList<SendOutcome> allOf(const QList<OutgoingMessage>& messages, const SendOutcome& like);

struct EmailSenderSettings
{
    QString from;
    QStringList replyTo;
    bool html = false;  ///< the body is HTML (else plain text)
    bool batch = false; ///< POST /emails/batch, up to `batchSize` per request
    int batchSize = 100;
};

class ResendSender : public CampaignSender
{
public:
    ResendSender(std::shared_ptr<ResendClient> client, EmailSenderSettings settings);
    ProviderId provider() const override { return ProviderId::Resend; }
    int batchSize() const override;
    QByteArray payload(const QList<OutgoingMessage>& messages) const override;
    QString requestLine(int count) const override;
    QStringList redactedHeaders(const QString& requestKey) const override;
    QCoro::Task<QList<SendOutcome>> send(QList<OutgoingMessage> messages, QString requestKey,
                                         CancelToken cancel) override;
    QCoro::Task<QList<SendOutcome>> reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                              CancelToken cancel) override;
    QCoro::Task<DeliveryStatus> status(ItemId item, QString providerRef) override;
    Money estimate(const OutgoingMessage& message) const override;
    double requestsPerSecond() const override;

private:
    struct ResendEmail toEmail(const OutgoingMessage& message) const;

    std::shared_ptr<ResendClient> m_client;
    EmailSenderSettings m_settings;
};

struct SmsSenderSettings
{
    QString from; ///< a Twilio number or an alphanumeric sender ID
    QString defaultRegion = QStringLiteral("AU");
};

class TwilioSmsSender : public CampaignSender
{
public:
    TwilioSmsSender(std::shared_ptr<TwilioClient> client, SmsSenderSettings settings);
    ProviderId provider() const override { return ProviderId::Twilio; }
    int batchSize() const override { return 1; }
    QByteArray payload(const QList<OutgoingMessage>& messages) const override;
    QString requestLine(int count) const override;
    QStringList redactedHeaders(const QString& requestKey) const override;
    QCoro::Task<QList<SendOutcome>> send(QList<OutgoingMessage> messages, QString requestKey,
                                         CancelToken cancel) override;
    QCoro::Task<QList<SendOutcome>> reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                              CancelToken cancel) override;
    QCoro::Task<DeliveryStatus> status(ItemId item, QString providerRef) override;
    Money estimate(const OutgoingMessage& message) const override;
    /// The estimate, with the segments it counts named (GSM-7 or UCS-2, as each body needs).
    QCoro::Task<PriceQuote> quote(QList<OutgoingMessage> messages, CancelToken cancel) override;
    double requestsPerSecond() const override { return 1.0; }

private:
    SendOutcome foundInTwilio(const OutgoingMessage& message, const TwilioMessage& found) const;

    std::shared_ptr<TwilioClient> m_client;
    SmsSenderSettings m_settings;
};

} // namespace agency
