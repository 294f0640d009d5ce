#pragma once
// Senders that reach people by adding them as leads to a campaign someone set up at the provider:
// Smartlead (email) and HeyReach (LinkedIn). The provider's own sequence sends the message, reading the
// rendered text from a custom field on the lead. Adding a lead has no idempotency key, so what became
// of a request is proven by finding the lead in the campaign's list: present and ours → sent; present
// but there before this send → not ours, failed with the reason; absent → never took effect.
// "Ours" is the console_ref custom field carrying the item's idempotency key where the provider lists
// custom fields, else a lead that joined the campaign no earlier than the send began.

#include "engine/campaignsender.h"
#include "engine/campaigntypes.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace agency {

class CampaignJournal;
class HeyReachClient;
class SmartleadClient;
struct HeyReachAddLeadsRequest;
struct SmartleadLead;

/// The custom field that carries the item's idempotency key, so a lead can be told apart as ours.
inline constexpr char16_t kConsoleRefField[] = u"console_ref";

/// A lead as the provider's campaign list shows it.
struct CampaignLeadRecord
{
    QString key; ///< the lead's address: the email (lower case) or the profile URL
    QString ref; ///< its console_ref custom field; empty when none or not listed
    QDateTime addedAt;
    QString status; ///< the provider's words for where it is in the sequence
    bool final = false;
};

/// What an add-leads request reported.
struct LeadUploadCounts
{
    int added = 0;
    QString notAdded; ///< the provider's counts for the rest, in words ("2 already in the campaign…")
};

class LeadListSender : public CampaignSender
{
public:
    /// Without it, a lead carries only its address and the rendered message.

    QCoro::Task<QList<SendOutcome>> send(QList<OutgoingMessage> messages, QString requestKey,
                                         CancelToken cancel) override;
    QCoro::Task<QList<SendOutcome>> reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                              CancelToken cancel) override;
    QCoro::Task<DeliveryStatus> status(ItemId item, QString providerRef) override;
    /// Zero unless the catalogue prices the provider per unit: a subscription is paid whatever is sent.
    Money estimate(const OutgoingMessage& message) const override;
    QCoro::Task<PriceQuote> quote(QList<OutgoingMessage> messages, CancelToken cancel) override;

protected:
    RecipientFields recipientOf(const OutgoingMessage& message) const;
    /// The lead's key for a message: what the campaign list is searched by.
    virtual QString leadKey(const OutgoingMessage& message) const = 0;
    virtual QCoro::Task<Result<LeadUploadCounts, IntegrationError>> addLeads(QList<OutgoingMessage> messages,
                                                                             CancelToken cancel) = 0;
    /// One page of the campaign's leads from `offset`, and the campaign's total.
    virtual QCoro::Task<Result<QPair<QList<CampaignLeadRecord>, qint64>, IntegrationError>>
    leadPage(int offset, CancelToken cancel) = 0;
    virtual QString providerName() const = 0;

private:
    /// Pages through the campaign until every key is found or the list ends.
    QCoro::Task<Result<QHash<QString, CampaignLeadRecord>, IntegrationError>> findLeads(QSet<QString> keys,
                                                                                        CancelToken cancel);
    /// What a lead found (or not) in the campaign proves about this message. `reply`: the provider
    /// answered the add request just now with `notAdded`; otherwise this is a reconciliation.
    SendOutcome judge(const OutgoingMessage& message, const CampaignLeadRecord* found, const QDateTime& since,
                      bool reply, const QString& notAdded) const;

    // status() is asked once per sent item: one listing of the campaign serves them for a while.
    QHash<QString, CampaignLeadRecord> m_snapshot;
    QDateTime m_snapshotAt;
};

struct SmartleadSenderSettings
{
    qint64 campaignId = 0;
    QString messageField = QStringLiteral("console_message");
    QString subjectField; ///< empty: the subject is not sent
};

class SmartleadSender : public LeadListSender
{
public:
    SmartleadSender(std::shared_ptr<SmartleadClient> client, SmartleadSenderSettings settings);
    ProviderId provider() const override { return ProviderId::Smartlead; }
    int batchSize() const override;
    QByteArray payload(const QList<OutgoingMessage>& messages) const override;
    QString requestLine(int count) const override;
    QStringList redactedHeaders(const QString& requestKey) const override;
    double requestsPerSecond() const override;

protected:
    QString leadKey(const OutgoingMessage& message) const override;
    QCoro::Task<Result<LeadUploadCounts, IntegrationError>> addLeads(QList<OutgoingMessage> messages,
                                                                     CancelToken cancel) override;
    QCoro::Task<Result<QPair<QList<CampaignLeadRecord>, qint64>, IntegrationError>>
    leadPage(int offset, CancelToken cancel) override;
    QString providerName() const override;

private:
    QList<SmartleadLead> leadsOf(const QList<OutgoingMessage>& messages) const;

    std::shared_ptr<SmartleadClient> m_client;
    SmartleadSenderSettings m_settings;
};

struct HeyReachSenderSettings
{
    qint64 campaignId = 0;
    std::optional<qint64> linkedInAccountId; ///< the seat to send from; HeyReach picks when unset
    QString messageField = QStringLiteral("console_message");
};

class HeyReachSender : public LeadListSender
{
public:
    HeyReachSender(std::shared_ptr<HeyReachClient> client, HeyReachSenderSettings settings);
    ProviderId provider() const override { return ProviderId::HeyReach; }
    int batchSize() const override;
    QByteArray payload(const QList<OutgoingMessage>& messages) const override;
    QString requestLine(int count) const override;
    QStringList redactedHeaders(const QString& requestKey) const override;
    double requestsPerSecond() const override;

protected:
    QString leadKey(const OutgoingMessage& message) const override;
    QCoro::Task<Result<LeadUploadCounts, IntegrationError>> addLeads(QList<OutgoingMessage> messages,
                                                                     CancelToken cancel) override;
    QCoro::Task<Result<QPair<QList<CampaignLeadRecord>, qint64>, IntegrationError>>
    leadPage(int offset, CancelToken cancel) override;
    QString providerName() const override;

private:
    HeyReachAddLeadsRequest requestOf(const QList<OutgoingMessage>& messages) const;

    std::shared_ptr<HeyReachClient> m_client;
    HeyReachSenderSettings m_settings;
};

} // namespace agency
