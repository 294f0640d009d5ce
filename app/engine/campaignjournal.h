#pragma once
// CampaignJournal: the durable record of a campaign's sends, in the ledger database. One row per
// recipient × step, written before a call (pending → sending) and after it (sent / failed / unknown).
// Every transition is one conditional UPDATE whose affected-row count is checked, so it cannot apply
// twice — not even from two consoles sharing one PostgreSQL database — and a crash leaves any item
// whose outcome was not recorded in `sending`, for reconciliation rather than a silent re-send.

#include "engine/campaigntypes.h"
#include "engine/database.h"
#include "engine/spendcalendar.h"
#include "model/money.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>

#include <memory>

class QSqlQuery;

namespace agency {

enum class CampaignState
{
    Draft,
    Running,
    Paused,
    Completed,
    Cancelled,
};
QString campaignStateKey(CampaignState state);
std::optional<CampaignState> campaignStateFromKey(const QString& key);

enum class ItemState
{
    Pending,
    Sending,
    Sent,
    Failed,
    Unknown, ///< the call may or may not have happened: a person decides
};
QString itemStateKey(ItemState state); ///< "pending", "sending", "sent", "failed", "unknown"
std::optional<ItemState> itemStateFromKey(const QString& key);

using CampaignId = qint64;
using ItemId = qint64;

struct NewCampaign
{
    QString name;
    CampaignChannel channel = CampaignChannel::Email;
    QJsonObject sender; ///< sender settings: from address, Twilio number, Vapi assistant…
    QString messageTemplate;
    QString createdBy;
};

struct Campaign
{
    CampaignId id = 0;
    QString uid; ///< a UUID: the idempotency keys derive from it, so two databases never share one
    QString name;
    CampaignChannel channel = CampaignChannel::Email;
    QJsonObject sender;
    QString messageTemplate;
    QDateTime createdAt;
    QString createdBy;
    CampaignState state = CampaignState::Draft;
};

struct NewItem
{
    QString recipientKey;  ///< the normalised address (ValidatedRecipient::key)
    QJsonObject recipient; ///< the recipient's fields, for rendering and the results table
    int step = 0;          ///< a sequence's step; 0 for a single send
};

struct JournalItem
{
    ItemId id = 0;
    CampaignId campaignId = 0;
    QString recipientKey;
    QJsonObject recipient;
    int step = 0;
    QString idempotencyKey;
    ItemState state = ItemState::Pending;
    int attempts = 0;
    QString providerRef;
    QString error;
    bool retryable = false;
    Money cost; ///< invalid until sent with a known cost
    QDateTime updatedAt;
    QDateTime sentAt;       ///< invalid until sent
    QString deliveryStatus; ///< the provider's last word on a sent item ("delivered"…); empty until asked
    bool deliveryFinal = false;  ///< the provider will not change deliveryStatus any more
    QDateTime deliveryCheckedAt; ///< when the status was last asked; invalid until then
};

struct JournalCounts
{
    int pending = 0;
    int sending = 0;
    int sent = 0;
    int failed = 0;
    int unknown = 0;
    int total() const { return pending + sending + sent + failed + unknown; }
};

struct ItemPage
{
    std::optional<ItemState> state; ///< only items in this state; all when empty
    ItemId afterId = 0;             ///< keyset paging: items with a larger id
    int limit = 200;
};

class CampaignJournal
{
    Q_DECLARE_TR_FUNCTIONS(agency::CampaignJournal)
public:
    explicit CampaignJournal(Database& database, Clock clock = systemClock());

    /// The key a provider sees for (campaign, recipient, step): the same in every process, on every
    /// run, so a replay after a crash is recognised by the provider instead of sent twice.
    static QString idempotencyKey(const QString& campaignUid, const QString& recipientKey, int step);

    /// `uid` empty: a new UUID. A campaign file gives its own, so a re-run finds its journal.
    Result<Campaign, DatabaseError> createCampaign(const NewCampaign& campaign, const QString& uid = {});
    Result<Campaign, DatabaseError> campaign(CampaignId id);
    Result<Done, DatabaseError> setCampaignState(CampaignId id, CampaignState state);
    /// The campaign with this uid, or nothing when there is none.
    Result<std::optional<Campaign>, DatabaseError> campaignByUid(const QString& uid);

    /// Every campaign, newest first.
    Result<QList<Campaign>, DatabaseError> campaigns();

    /// Adds items in one transaction (all or none); an item already in the journal (same recipient and
    /// step) is left as it is, so importing a list twice never queues a second send. The number added.
    Result<int, DatabaseError> addItems(CampaignId id, const QList<NewItem>& items);

    /// pending → sending, attempts + 1: written before the call. The item's idempotency key; refused
    /// (with the item's state in the message) when the item is not pending — another console took it.
    /// `requestRef` (a batch's request key) is kept in provider_ref until the item is sent, so a
    /// reconciliation can replay exactly the request that left.
    Result<QString, DatabaseError> beginSend(ItemId item, const QString& requestRef = {});
    /// sending (or unknown, once proven) → sent.
    Result<Done, DatabaseError> markSent(ItemId item, const QString& providerRef, const Money& cost);
    /// sending (or unknown, once proven not delivered) → failed.
    Result<Done, DatabaseError> markFailed(ItemId item, const QString& error, bool retryable);
    /// sending → unknown: the outcome cannot be proven; a person decides.
    Result<Done, DatabaseError> markUnknown(ItemId item, const QString& why);
    /// unknown stays unknown with a newer reason: what a later reconciliation found (or did not), so
    /// the person deciding reads the latest evidence rather than the first error.
    Result<Done, DatabaseError> restateUnknown(ItemId item, const QString& why);

    /// Records a sent item's delivery status as the provider reports it now, and when it was asked.
    /// Only sent items have one; a status already final is kept (a late look-up never reopens it).
    Result<Done, DatabaseError> recordDelivery(ItemId item, const QString& status, bool final);

    /// pending → failed without a call: the item cannot be sent as it is (a merge field is missing).
    Result<Done, DatabaseError> refuse(ItemId item, const QString& why);
    /// sending → pending, attempts − 1: the call provably never left (a budget refusal before the
    /// request, a send window that closed while it waited), so the item may be sent later.
    Result<Done, DatabaseError> releaseUnsent(ItemId item, const QString& why);

    /// Items left in `sending` (a crash between the call and its record): to reconcile before resuming.
    Result<QList<JournalItem>, DatabaseError> itemsToReconcile(CampaignId id);
    /// failed → pending, for "re-run failed only" (only the retryable ones when asked). How many.
    Result<int, DatabaseError> resetFailed(CampaignId id, bool retryableOnly = false);

    Result<JournalCounts, DatabaseError> counts(CampaignId id);
    /// What the campaign's sent items cost, per currency.
    Result<QList<Money>, DatabaseError> costSoFar(CampaignId id);
    /// Items sent at or after `since` on `channel` by campaigns whose sender has `senderKey` as
    /// sender[`senderField`] ("from" for email and SMS): the daily cap's count, across campaigns.
    Result<int, DatabaseError> sentBySenderSince(CampaignChannel channel, const QString& senderField,
                                                 const QString& senderKey, const QDateTime& since);
    Result<QList<JournalItem>, DatabaseError> items(CampaignId id, const ItemPage& page);
    Result<JournalItem, DatabaseError> item(ItemId item);

    /// Of `recipientKeys`, those sent to on `channel` at or after `since` (any campaign).
    Result<QSet<QString>, DatabaseError>
    contactedSince(CampaignChannel channel, const QStringList& recipientKeys, const QDateTime& since);

private:
    Result<Done, DatabaseError> transition(ItemId item, const QList<ItemState>& from, ItemState to,
                                           const QString& assignments, const QVariantList& values);
    QString refusal(ItemId item, ItemState to);
    /// The statement for `sql`, prepared on first use and kept: a batch's 200 transitions would
    /// otherwise compile the same UPDATE 200 times, most of their cost, on the UI thread.
    QSqlQuery& statement(const QString& sql);

    Database& m_database;
    Clock m_clock;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    std::shared_ptr<QSqlQuery> m_lastPrepared;
};

} // namespace agency
