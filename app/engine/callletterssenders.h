#pragma once
// Campaign senders for an AI voice call through Vapi and an Australian letter through ClickSend.
// Neither provider takes an idempotency key, so a request whose answer was lost is proven from the
// provider's own records — Vapi's list of calls since the send, ClickSend's letter history — and is
// never sent again when it cannot be found there: a person decides.

#include "engine/campaignsender.h"
#include "engine/campaigntypes.h"
#include "integrations/clicksend/clicksendtypes.h"
#include "integrations/vapi/vapitypes.h"

#include <QHash>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace agency {

class CampaignJournal;
class ClickSendClient;
class VapiClient;

struct VoiceSenderSettings
{
    QString assistantId;
    QString phoneNumberId; ///< the caller ID
    /// Empty: the message is what the assistant says first (assistantOverrides.firstMessage). Else
    /// the name of the assistant's template variable that receives it (assistantOverrides.variableValues).
    QString messageVariable;
    int expectedMinutes = 2;               ///< a call's expected length, for the estimate
    std::optional<int> maxDurationMinutes; ///< the longest a call may last (Vapi's default: 10)
};

class VapiCallSender : public CampaignSender
{
public:
    VapiCallSender(std::shared_ptr<VapiClient> client, VoiceSenderSettings settings);

    ProviderId provider() const override { return ProviderId::Vapi; }
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
    QCoro::Task<PriceQuote> quote(QList<OutgoingMessage> messages, CancelToken cancel) override;
    /// A call holds one of Vapi's call slots for its expected length.
    double requestsPerSecond() const override;

    /// The call's name: the item's key cut to Vapi's 40 characters, so a look-up can tell it apart.
    static QString callName(const OutgoingMessage& message);

private:
    VapiCallRequest callRequest(const OutgoingMessage& message) const;
    SendOutcome foundInVapi(const OutgoingMessage& message, const VapiCall& call) const;
    bool isOurs(const VapiCall& call, const OutgoingMessage& message) const;

    std::shared_ptr<VapiClient> m_client;
    VoiceSenderSettings m_settings;
};

struct LetterSenderSettings
{
    QUrl fileUrl;    ///< a public https URL of the letter's PDF…
    QString pdfPath; ///< …or a local PDF, uploaded to ClickSend when first needed
    qint64 returnAddressId = 0;
    bool colour = false;
    bool duplex = false;
    bool priorityPost = false;
    bool templateUsed = false; ///< the PDF follows ClickSend's letter template (address window)
    int batchSize = 10;        ///< letters per request (one PDF, several recipients)
};

class ClickSendLetterSender : public CampaignSender
{
public:
    /// ClickSend names no limit on recipients per request; this keeps one request's worth small.
    static constexpr int kMaxLettersPerRequest = 50;

    ClickSendLetterSender(std::shared_ptr<ClickSendClient> client, LetterSenderSettings settings);

    ProviderId provider() const override { return ProviderId::ClickSend; }
    int batchSize() const override;
    /// The body of POST /v3/post/letters/send for the messages whose address will do. Before a local
    /// PDF is uploaded its file_url is a placeholder naming the file.
    QByteArray payload(const QList<OutgoingMessage>& messages) const override;
    QString requestLine(int count) const override;
    QStringList redactedHeaders(const QString& requestKey) const override;
    QCoro::Task<QList<SendOutcome>> send(QList<OutgoingMessage> messages, QString requestKey,
                                         CancelToken cancel) override;
    QCoro::Task<QList<SendOutcome>> reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                              CancelToken cancel) override;
    QCoro::Task<DeliveryStatus> status(ItemId item, QString providerRef) override;
    /// The catalogue's price of one letter (quote() asks ClickSend).
    Money estimate(const OutgoingMessage& message) const override;
    /// ClickSend's own price call for the letters, a request's worth at a time. Nothing is sent.
    QCoro::Task<PriceQuote> quote(QList<OutgoingMessage> messages, CancelToken cancel) override;
    double requestsPerSecond() const override;

    /// The letter's recipient for this message: the address checked for Australia Post, the message
    /// as its custom_string; or why it cannot be sent.
    Result<LetterRecipient, QString> recipientFor(const OutgoingMessage& message) const;

private:
    struct Prepared
    {
        LetterRequest request;    ///< the letters that can be sent, in order
        QList<qsizetype> indexes; ///< each letter's message index
        QList<SendOutcome> outcomes;
    };
    Prepared prepare(const QList<OutgoingMessage>& messages) const;
    QUrl knownFileUrl() const;
    QCoro::Task<Result<QUrl, IntegrationError>> fileUrl(CancelToken cancel);
    /// History pages, newest first, back to `since` (or `maxPages`); adds every letter to the cache.
    QCoro::Task<Result<QList<Letter>, IntegrationError>> history(QDateTime since, int maxPages,
                                                                 CancelToken cancel);
    SendOutcome foundInHistory(const OutgoingMessage& message, const Letter& letter) const;

    std::shared_ptr<ClickSendClient> m_client;
    LetterSenderSettings m_settings;
    QUrl m_uploadedUrl;            ///< the local PDF's URL on ClickSend…
    QDateTime m_uploadedAt;        ///< …which ClickSend keeps for 10 minutes
    QHash<QString, Letter> m_seen; ///< letters read from the history lately, by message_id…
    QDateTime m_seenAt;            ///< …and when: a follow-up over many letters reads it once
};

} // namespace agency
