// The campaign journal on a SQLite file and on the real PostgreSQL server: idempotency keys that do
// not change between processes, every transition and its refusals, two connections racing for the
// same items (exactly one wins each), the items a crash leaves in `sending`, "re-run failed only",
// recent contacts per channel, delivery statuses kept until final, and existing v2 and v3 ledgers
// upgrading to the latest schema with their data intact.

#include "engine/campaignjournal.h"
#include "ledgertestsupport.h"
#include "model/redaction.h"

#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <thread>

using namespace agency;
using namespace agency::testing;

namespace {

template<typename T>
QByteArray why(const Result<T, DatabaseError>& result)
{
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

QList<NewItem> recipients(int count, int step = 0)
{
    QList<NewItem> items;
    for (int i = 0; i < count; ++i) {
        const QString email = QStringLiteral("person%1@acme.com.au").arg(i);
        items.append({email, QJsonObject{{QStringLiteral("email"), email}}, step});
    }
    return items;
}

NewCampaign emailCampaign(const QString& name = QStringLiteral("Spring offer"))
{
    NewCampaign campaign;
    campaign.name = name;
    campaign.channel = CampaignChannel::Email;
    campaign.sender = QJsonObject{{QStringLiteral("from"), QStringLiteral("alex@agency.com.au")}};
    campaign.messageTemplate = QStringLiteral("Hi {{first_name}}");
    campaign.createdBy = QStringLiteral("alex");
    return campaign;
}

QList<ItemId> idsOf(const QList<JournalItem>& items)
{
    QList<ItemId> ids;
    for (const JournalItem& item : items)
        ids.append(item.id);
    return ids;
}

} // namespace

class TestCampaignJournal : public QObject
{
    Q_OBJECT
private:
    LedgerBackends m_backends;
    QDateTime m_now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

    Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    // A campaign with `count` items in a fresh database; the ids in order.
    QList<ItemId> seed(CampaignJournal& journal, CampaignId& campaignId, int count)
    {
        auto campaign = journal.createCampaign(emailCampaign());
        if (!campaign)
            return {};
        campaignId = campaign->id;
        auto added = journal.addItems(campaignId, recipients(count));
        if (!added || added.value() != count)
            return {};
        auto items = journal.items(campaignId, ItemPage{std::nullopt, 0, count + 10});
        return items ? idsOf(items.value()) : QList<ItemId>();
    }

private Q_SLOTS:
    void idempotencyKeyIsStableAndUnique()
    {
        const QString uid = QStringLiteral("3f2c1a9e-0000-4000-8000-000000000001");
        const QString key = CampaignJournal::idempotencyKey(uid, QStringLiteral("jane@acme.com"), 0);
        // Fixed across builds and processes: a replay after a crash must present the same key.
        QCOMPARE(key, QStringLiteral("agency-ad1bd29221601e19a9cc555650edadda0b07fc450fce5c58"));
        QCOMPARE(CampaignJournal::idempotencyKey(uid, QStringLiteral("jane@acme.com"), 0), key);
        QSet<QString> keys{key};
        keys.insert(CampaignJournal::idempotencyKey(uid, QStringLiteral("jane@acme.com"), 1));
        keys.insert(CampaignJournal::idempotencyKey(uid, QStringLiteral("john@acme.com"), 0));
        keys.insert(
            CampaignJournal::idempotencyKey(QStringLiteral("other"), QStringLiteral("jane@acme.com"), 0));
        // The parts are separated, so moving a character from one part to the next changes the key.
        keys.insert(CampaignJournal::idempotencyKey(QStringLiteral("ab"), QStringLiteral("c"), 0));
        keys.insert(CampaignJournal::idempotencyKey(QStringLiteral("a"), QStringLiteral("bc"), 0));
        QCOMPARE(keys.size(), 6);
    }

    void itemsAreAddedOnceAndPaged_data() { LedgerBackends::addRows(); }
    void itemsAreAddedOnceAndPaged()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto database = m_backends.open(kind);
        QVERIFY(database);
        QCOMPARE(database->schemaVersion(), Database::latestSchemaVersion());
        CampaignJournal journal(*database, clock());
        auto campaign = journal.createCampaign(emailCampaign());
        QVERIFY2(campaign, why(campaign).constData());
        QCOMPARE(campaign->state, CampaignState::Draft);
        QVERIFY(!campaign->uid.isEmpty());

        auto added = journal.addItems(campaign->id, recipients(5));
        QVERIFY2(added, why(added).constData());
        QCOMPARE(added.value(), 5);
        // Importing the same list again (plus two new people) queues only the new ones.
        auto again = journal.addItems(campaign->id, recipients(7));
        QVERIFY2(again, why(again).constData());
        QCOMPARE(again.value(), 2);
        // A second step for the same people is a different item.
        auto followUp = journal.addItems(campaign->id, recipients(2, 1));
        QCOMPARE(followUp.value(), 2);

        auto counts = journal.counts(campaign->id);
        QVERIFY(counts);
        QCOMPARE(counts->pending, 9);
        QCOMPARE(counts->total(), 9);

        auto first = journal.items(campaign->id, ItemPage{std::nullopt, 0, 4});
        QVERIFY(first);
        QCOMPARE(first->size(), 4);
        QCOMPARE(first->at(0).recipientKey, QStringLiteral("person0@acme.com.au"));
        QCOMPARE(first->at(0).recipient.value(QStringLiteral("email")).toString(),
                 QStringLiteral("person0@acme.com.au"));
        QCOMPARE(first->at(0).idempotencyKey,
                 CampaignJournal::idempotencyKey(campaign->uid, QStringLiteral("person0@acme.com.au"), 0));
        auto rest = journal.items(campaign->id, ItemPage{std::nullopt, first->last().id, 100});
        QVERIFY(rest);
        QCOMPARE(rest->size(), 5);
        QVERIFY(rest->first().id > first->last().id);

        QVERIFY(journal.beginSend(first->at(1).id));
        auto sending = journal.items(campaign->id, ItemPage{ItemState::Sending, 0, 100});
        QVERIFY(sending);
        QCOMPARE(idsOf(sending.value()), QList<ItemId>{first->at(1).id});

        QVERIFY(journal.setCampaignState(campaign->id, CampaignState::Running));
        QCOMPARE(journal.campaign(campaign->id)->state, CampaignState::Running);
        QCOMPARE(journal.campaign(campaign->id)->sender.value(QStringLiteral("from")).toString(),
                 QStringLiteral("alex@agency.com.au"));

        // Refusals: no such campaign; an item without a recipient key (and nothing of the batch is kept).
        QVERIFY(!journal.addItems(campaign->id + 1000, recipients(1)));
        QList<NewItem> broken = recipients(1);
        broken[0].recipientKey = QStringLiteral("new@acme.com.au");
        broken.append(NewItem{QStringLiteral("  "), {}, 0});
        QVERIFY(!journal.addItems(campaign->id, broken));
        QCOMPARE(journal.counts(campaign->id)->total(), 9);
        QVERIFY(!journal.createCampaign(emailCampaign(QStringLiteral(" "))));
    }

    void transitionsAreWrittenOnceAndRefusedOtherwise_data() { LedgerBackends::addRows(); }
    void transitionsAreWrittenOnceAndRefusedOtherwise()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto database = m_backends.open(kind);
        QVERIFY(database);
        CampaignJournal journal(*database, clock());
        CampaignId campaignId = 0;
        const QList<ItemId> ids = seed(journal, campaignId, 4);
        QCOMPARE(ids.size(), 4);

        // pending → sending, with the key the provider will see.
        auto key = journal.beginSend(ids[0]);
        QVERIFY2(key, why(key).constData());
        QCOMPARE(key.value(), journal.item(ids[0])->idempotencyKey);
        auto twice = journal.beginSend(ids[0]);
        QVERIFY(!twice);
        QVERIFY2(twice.error().message.contains(QStringLiteral("sending")), why(twice).constData());

        // sending → sent, with the provider's reference and the exact cost.
        m_now = m_now.addSecs(5);
        QVERIFY(journal.markSent(ids[0], QStringLiteral("re_123"),
                                 Money::fromMicros(1'234'567, QStringLiteral("USD"))));
        auto sent = journal.item(ids[0]);
        QVERIFY(sent);
        QCOMPARE(sent->state, ItemState::Sent);
        QCOMPARE(sent->attempts, 1);
        QCOMPARE(sent->providerRef, QStringLiteral("re_123"));
        QCOMPARE(sent->cost, Money::fromMicros(1'234'567, QStringLiteral("USD")));
        QCOMPARE(sent->sentAt, m_now);
        QVERIFY(!journal.markSent(ids[0], QStringLiteral("re_456"), Money()));
        QVERIFY(!journal.markFailed(ids[0], QStringLiteral("late"), true));
        QVERIFY(!journal.markUnknown(ids[0], QStringLiteral("late")));
        QVERIFY(!journal.beginSend(ids[0]));
        QCOMPARE(journal.item(ids[0])->providerRef, QStringLiteral("re_123"));

        // Nothing but beginSend moves a pending item.
        QVERIFY(!journal.markSent(ids[1], QStringLiteral("x"), Money()));
        QVERIFY(!journal.markFailed(ids[1], QStringLiteral("x"), false));
        QVERIFY(!journal.markUnknown(ids[1], QStringLiteral("x")));
        QCOMPARE(journal.item(ids[1])->state, ItemState::Pending);
        auto missing = journal.beginSend(ids.last() + 1000);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QString::number(ids.last() + 1000)));

        // sending → failed; the error is stored redacted.
        const QString secret = QStringLiteral("re_live_secret_key_0123456789");
        Redactor::registerSecret(secret);
        QVERIFY(journal.beginSend(ids[1]));
        QVERIFY(journal.markFailed(ids[1], QStringLiteral("429 for key ") + secret, true));
        QVERIFY(journal.beginSend(ids[2]));
        QVERIFY(journal.markFailed(ids[2], QStringLiteral("invalid recipient"), false));
        auto failed = journal.item(ids[1]);
        QCOMPARE(failed->state, ItemState::Failed);
        QVERIFY(failed->retryable);
        QVERIFY(!failed->error.contains(secret));
        QVERIFY(failed->error.contains(QStringLiteral("429")));
        Redactor::forgetSecret(secret);

        // sending → unknown; a person may later prove it sent.
        QVERIFY(journal.beginSend(ids[3]));
        QVERIFY(journal.markUnknown(ids[3], QStringLiteral("connection reset after the request")));
        QVERIFY(!journal.markUnknown(ids[3], QStringLiteral("again")));
        // A later reconciliation restates why it is still unknown; only an unknown item.
        QVERIFY(journal.restateUnknown(ids[3], QStringLiteral("not in the provider's log either")));
        QCOMPARE(journal.item(ids[3])->error, QStringLiteral("not in the provider's log either"));
        QCOMPARE(journal.item(ids[3])->state, ItemState::Unknown);
        QVERIFY(!journal.restateUnknown(ids[0], QStringLiteral("x")));
        QVERIFY(!journal.beginSend(ids[3]));
        auto counts = journal.counts(campaignId);
        QCOMPARE(counts->sent, 1);
        QCOMPARE(counts->failed, 2);
        QCOMPARE(counts->unknown, 1);
        QVERIFY(journal.markSent(ids[3], QStringLiteral("re_789"), Money()));
        QVERIFY(!journal.item(ids[3])->cost.isValid());

        // Re-run failed only: the retryable one when asked, then the rest; attempts keep counting.
        auto retryable = journal.resetFailed(campaignId, true);
        QCOMPARE(retryable.value(), 1);
        QCOMPARE(journal.item(ids[1])->state, ItemState::Pending);
        QCOMPARE(journal.item(ids[2])->state, ItemState::Failed);
        QCOMPARE(journal.resetFailed(campaignId).value(), 1);
        QCOMPARE(journal.resetFailed(campaignId).value(), 0);
        QVERIFY(journal.beginSend(ids[1]));
        QCOMPARE(journal.item(ids[1])->attempts, 2);
        QCOMPARE(journal.item(ids[1])->error, QString());
        counts = journal.counts(campaignId);
        QCOMPARE(counts->pending, 1);
        QCOMPARE(counts->sending, 1);
        QCOMPARE(counts->sent, 2);
        QCOMPARE(counts->total(), 4);
    }

    void twoConnectionsNeverBeginTheSameItem_data() { LedgerBackends::addRows(); }
    void twoConnectionsNeverBeginTheSameItem()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        auto opened = Database::open(*config);
        QVERIFY2(opened, opened ? "" : opened.error().message.toUtf8().constData());
        CampaignJournal journal(*opened.value());
        CampaignId campaignId = 0;
        const QList<ItemId> ids = seed(journal, campaignId, 60);
        QCOMPARE(ids.size(), 60);

        // Sequentially first: the second connection is refused an item the first has begun.
        auto secondOpen = Database::open(*config);
        QVERIFY(secondOpen);
        CampaignJournal other(*secondOpen.value());
        QVERIFY(journal.beginSend(ids[0]));
        QVERIFY(!other.beginSend(ids[0]));

        // Then two consoles (one connection each, on their own threads) race through every item.
        std::atomic<int> ready{0};
        std::atomic<int> openFailures{0};
        QList<ItemId> wins[2];
        const auto console = [&](int which) {
            auto database = Database::open(*config);
            if (!database) {
                ++openFailures;
                ++ready;
                return;
            }
            CampaignJournal racer(*database.value());
            ++ready;
            while (ready.load() < 2)
                std::this_thread::yield();
            for (ItemId id : ids) {
                if (racer.beginSend(id))
                    wins[which].append(id);
            }
        };
        std::thread a(console, 0);
        std::thread b(console, 1);
        a.join();
        b.join();
        QCOMPARE(openFailures.load(), 0);
        const QSet<ItemId> first(wins[0].cbegin(), wins[0].cend());
        const QSet<ItemId> second(wins[1].cbegin(), wins[1].cend());
        QVERIFY(!first.intersects(second));
        QCOMPARE(wins[0].size() + wins[1].size(), ids.size() - 1); // ids[0] was taken before the race
        auto counts = journal.counts(campaignId);
        QCOMPARE(counts->sending, ids.size());
        QCOMPARE(counts->pending, 0);
        auto items = journal.items(campaignId, ItemPage{std::nullopt, 0, 100});
        for (const JournalItem& item : items.value())
            QCOMPARE(item.attempts, 1);
    }

    void crashLeavesItemsToReconcile_data() { LedgerBackends::addRows(); }
    void crashLeavesItemsToReconcile()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        CampaignId campaignId = 0;
        QList<ItemId> ids;
        {
            // The console that crashes: two calls begun, one recorded, then it is gone.
            auto opened = Database::open(*config);
            QVERIFY(opened);
            CampaignJournal journal(*opened.value(), clock());
            ids = seed(journal, campaignId, 5);
            QCOMPARE(ids.size(), 5);
            QVERIFY(journal.beginSend(ids[0]));
            QVERIFY(journal.markSent(ids[0], QStringLiteral("re_1"), Money::aud(900)));
            QVERIFY(journal.beginSend(ids[1]));
            QVERIFY(journal.beginSend(ids[2]));
        }
        auto reopened = Database::open(*config);
        QVERIFY(reopened);
        CampaignJournal journal(*reopened.value(), clock());
        auto toReconcile = journal.itemsToReconcile(campaignId);
        QVERIFY2(toReconcile, why(toReconcile).constData());
        QCOMPARE(idsOf(toReconcile.value()), (QList<ItemId>{ids[1], ids[2]}));
        QCOMPARE(toReconcile->at(0).idempotencyKey, journal.item(ids[1])->idempotencyKey);
        // Neither is sent again by accident: they are not pending.
        QVERIFY(!journal.beginSend(ids[1]));
        QVERIFY(journal.markSent(ids[1], QStringLiteral("re_2"), Money()));
        QVERIFY(journal.markUnknown(ids[2], QStringLiteral("no record at the provider")));
        QVERIFY(journal.itemsToReconcile(campaignId)->isEmpty());
        QCOMPARE(journal.counts(campaignId)->pending, 2);
    }

    void runnerTransitionsAndCounts_data() { LedgerBackends::addRows(); }
    void runnerTransitionsAndCounts()
    {
        // What the campaign runner adds: a campaign found again by its uid, an item refused without a
        // call, a call that never left put back, the request key kept until sent, the cost so far,
        // and a sender's sends today across its campaigns.
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        auto opened = Database::open(*config);
        QVERIFY(opened);
        CampaignJournal journal(*opened.value(), clock());
        auto made = journal.createCampaign(emailCampaign(), QStringLiteral("file:spring"));
        QVERIFY(made);
        QCOMPARE(made->uid, QStringLiteral("file:spring"));
        QCOMPARE(journal.campaignByUid(QStringLiteral("file:spring")).value()->id, made->id);
        QVERIFY(!journal.campaignByUid(QStringLiteral("file:autumn")).value().has_value());
        QVERIFY(!journal.createCampaign(emailCampaign(), QStringLiteral("file:spring"))); // uid is unique
        QVERIFY(journal.addItems(made->id, recipients(4)));
        const QList<ItemId> ids = idsOf(journal.items(made->id, ItemPage{std::nullopt, 0, 10}).value());

        QVERIFY(journal.refuse(ids[0], QStringLiteral("The message needs “company”.")));
        QCOMPARE(journal.item(ids[0])->state, ItemState::Failed);
        QCOMPARE(journal.item(ids[0])->attempts, 0);
        QVERIFY(!journal.refuse(ids[0], QStringLiteral("twice"))); // only a pending item

        QCOMPARE(journal.beginSend(ids[1], QStringLiteral("agency-batch-1")).value(),
                 journal.item(ids[1])->idempotencyKey);
        QCOMPARE(journal.item(ids[1])->providerRef, QStringLiteral("agency-batch-1"));
        QVERIFY(journal.releaseUnsent(ids[1], QStringLiteral("budget refused")));
        QCOMPARE(journal.item(ids[1])->state, ItemState::Pending);
        QCOMPARE(journal.item(ids[1])->attempts, 0);
        QVERIFY(!journal.releaseUnsent(ids[1], QStringLiteral("not sending")));

        QVERIFY(journal.beginSend(ids[1]));
        QVERIFY(journal.markSent(ids[1], QStringLiteral("re_1"), Money::aud(900)));
        QVERIFY(journal.beginSend(ids[2]));
        QVERIFY(journal.markSent(ids[2], QStringLiteral("re_2"), Money::aud(1100)));
        QVERIFY(journal.beginSend(ids[3]));
        QVERIFY(
            journal.markSent(ids[3], QStringLiteral("re_3"), Money::fromMicros(500, QStringLiteral("USD"))));
        QCOMPARE(journal.item(ids[1])->providerRef, QStringLiteral("re_1"));
        QCOMPARE(journal.costSoFar(made->id).value(),
                 (QList<Money>{Money::aud(2000), Money::fromMicros(500, QStringLiteral("USD"))}));

        // Another campaign from the same sender counts; another sender and yesterday do not.
        auto second = journal.createCampaign(emailCampaign(QStringLiteral("Second")));
        QVERIFY(second);
        QVERIFY(journal.addItems(second->id, {NewItem{QStringLiteral("z@acme.com.au"), {}, 0}}));
        const ItemId other = journal.items(second->id, ItemPage{std::nullopt, 0, 10}).value().first().id;
        QVERIFY(journal.beginSend(other));
        QVERIFY(journal.markSent(other, QStringLiteral("re_4"), Money()));
        const QString sender = QStringLiteral("ALEX@agency.com.au");
        QCOMPARE(
            journal
                .sentBySenderSince(CampaignChannel::Email, QStringLiteral("from"), sender, m_now.addSecs(-60))
                .value(),
            4);
        QCOMPARE(
            journal
                .sentBySenderSince(CampaignChannel::Email, QStringLiteral("from"), sender, m_now.addSecs(60))
                .value(),
            0);
        QCOMPARE(
            journal
                .sentBySenderSince(CampaignChannel::Sms, QStringLiteral("from"), sender, m_now.addSecs(-60))
                .value(),
            0);
        QCOMPARE(journal
                     .sentBySenderSince(CampaignChannel::Email, QStringLiteral("from"),
                                        QStringLiteral("sam@agency.com.au"), m_now.addSecs(-60))
                     .value(),
                 0);
    }

    void recentContactsArePerChannelAndWindow_data() { LedgerBackends::addRows(); }
    void recentContactsArePerChannelAndWindow()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto database = m_backends.open(kind);
        QVERIFY(database);
        CampaignJournal journal(*database, clock());
        CampaignId email = 0;
        const QList<ItemId> ids = seed(journal, email, 4);
        QCOMPARE(ids.size(), 4);
        NewCampaign sms = emailCampaign(QStringLiteral("SMS blast"));
        sms.channel = CampaignChannel::Sms;
        auto smsCampaign = journal.createCampaign(sms);
        QVERIFY(smsCampaign);
        QCOMPARE(journal.addItems(smsCampaign->id, {NewItem{QStringLiteral("+61412345678"), {}, 0}}).value(),
                 1);
        const ItemId smsItem = journal.items(smsCampaign->id, {}).value().first().id;

        const QDateTime start = m_now;
        m_now = start.addDays(-40); // sent long ago
        QVERIFY(journal.beginSend(ids[0]));
        QVERIFY(journal.markSent(ids[0], QStringLiteral("old"), Money()));
        m_now = start.addDays(-2); // sent recently
        QVERIFY(journal.beginSend(ids[1]));
        QVERIFY(journal.markSent(ids[1], QStringLiteral("new"), Money()));
        QVERIFY(journal.beginSend(ids[2])); // in doubt: counts as contact
        QVERIFY(journal.markUnknown(ids[2], QStringLiteral("timeout")));
        QVERIFY(journal.beginSend(smsItem));
        QVERIFY(journal.markSent(smsItem, QStringLiteral("SM1"), Money()));
        m_now = start;

        QStringList keys;
        for (int i = 0; i < 4; ++i)
            keys.append(QStringLiteral("person%1@acme.com.au").arg(i));
        keys.append(QStringLiteral("+61412345678"));
        auto contacted = journal.contactedSince(CampaignChannel::Email, keys, start.addDays(-30));
        QVERIFY2(contacted, why(contacted).constData());
        QCOMPARE(contacted.value(), (QSet<QString>{QStringLiteral("person1@acme.com.au"),
                                                   QStringLiteral("person2@acme.com.au")}));
        auto longer = journal.contactedSince(CampaignChannel::Email, keys, start.addDays(-60));
        QCOMPARE(longer->size(), 3);
        auto bySms = journal.contactedSince(CampaignChannel::Sms, keys, start.addDays(-30));
        QCOMPARE(bySms.value(), QSet<QString>{QStringLiteral("+61412345678")});
        QVERIFY(journal.contactedSince(CampaignChannel::Letter, keys, start.addDays(-60))->isEmpty());
        QVERIFY(journal.contactedSince(CampaignChannel::Email, {}, start.addDays(-60))->isEmpty());
    }

    void version2LedgerUpgrades_data() { LedgerBackends::addRows(); }
    void version2LedgerUpgrades()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        {
            // Turn a new database back into a v2 one — v3 and v4 only add to it — holding v2 data.
            auto opened = Database::open(*config);
            QVERIFY(opened);
            QSqlQuery query(opened.value()->connection());
            for (const char* statement :
                 {"DROP TABLE campaign_items", "DROP TABLE campaigns", "DROP TABLE suppressions",
                  "DROP TABLE ai_drafts", "UPDATE schema_version SET version = 2",
                  "INSERT INTO spend_limits (scope, scope_key, period, cap_aud_micros)"
                  " VALUES ('overall', '', 'day', 50000000)"})
                QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
            query.finish();
            QCOMPARE(opened.value()->schemaVersion(), 2);
        }
        auto upgraded = Database::open(*config);
        QVERIFY2(upgraded, upgraded ? "" : upgraded.error().message.toUtf8().constData());
        QCOMPARE(upgraded.value()->schemaVersion(), Database::latestSchemaVersion());
        QSqlQuery query(upgraded.value()->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT cap_aud_micros FROM spend_limits")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 50'000'000);
        query.finish();
        CampaignJournal journal(*upgraded.value(), clock());
        CampaignId campaignId = 0;
        QCOMPARE(seed(journal, campaignId, 2).size(), 2);
        // Opening again does not migrate twice.
        auto again = Database::open(*config);
        QVERIFY(again);
        QCOMPARE(again.value()->schemaVersion(), Database::latestSchemaVersion());
    }

    void deliveryStatusIsRecordedUntilFinal_data() { LedgerBackends::addRows(); }
    void deliveryStatusIsRecordedUntilFinal()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto database = m_backends.open(kind);
        QVERIFY(database);
        CampaignJournal journal(*database, clock());
        CampaignId campaignId = 0;
        const QList<ItemId> ids = seed(journal, campaignId, 2);
        QCOMPARE(ids.size(), 2);
        // Only a sent item has a delivery status.
        auto early = journal.recordDelivery(ids[0], QStringLiteral("delivered"), true);
        QVERIFY(!early);
        QVERIFY2(early.error().message.contains(QStringLiteral("pending")), why(early).constData());
        QVERIFY(journal.recordDelivery(9999, QStringLiteral("delivered"), true)
                    .error()
                    .message.contains(QStringLiteral("9999")));
        QVERIFY(journal.beginSend(ids[0]));
        QVERIFY(
            journal.markSent(ids[0], QStringLiteral("re_1"), Money::fromMicros(900, QStringLiteral("USD"))));
        JournalItem fresh = journal.item(ids[0]).value();
        QVERIFY(fresh.deliveryStatus.isEmpty());
        QVERIFY(!fresh.deliveryFinal);
        QVERIFY(!fresh.deliveryCheckedAt.isValid());

        // Not final yet: a later look-up replaces it.
        auto sent = journal.recordDelivery(ids[0], QStringLiteral("sent"), false);
        QVERIFY2(sent, why(sent).constData());
        JournalItem open = journal.item(ids[0]).value();
        QCOMPARE(open.deliveryStatus, QStringLiteral("sent"));
        QVERIFY(!open.deliveryFinal);
        QCOMPARE(open.deliveryCheckedAt, m_now);
        QCOMPARE(open.state, ItemState::Sent);

        m_now = m_now.addSecs(600);
        auto delivered = journal.recordDelivery(ids[0], QStringLiteral("delivered"), true);
        QVERIFY2(delivered, why(delivered).constData());
        JournalItem closed = journal.item(ids[0]).value();
        QCOMPARE(closed.deliveryStatus, QStringLiteral("delivered"));
        QVERIFY(closed.deliveryFinal);
        QCOMPARE(closed.deliveryCheckedAt, m_now);

        // Final stays final: a stale answer cannot reopen it.
        m_now = m_now.addSecs(600);
        auto stale = journal.recordDelivery(ids[0], QStringLiteral("queued"), false);
        QVERIFY(!stale);
        QVERIFY2(stale.error().message.contains(QStringLiteral("final")), why(stale).constData());
        const JournalItem kept = journal.item(ids[0]).value();
        QCOMPARE(kept.deliveryStatus, QStringLiteral("delivered"));
        QCOMPARE(kept.deliveryCheckedAt, closed.deliveryCheckedAt);
        // The other item is untouched, and paging reads the new columns too.
        const auto page = journal.items(campaignId, ItemPage{ItemState::Sent, 0, 10});
        QCOMPARE(page->size(), 1);
        QCOMPARE(page->first().deliveryStatus, QStringLiteral("delivered"));
        QVERIFY(journal.item(ids[1])->deliveryStatus.isEmpty());
    }

    void version3LedgerUpgrades_data() { LedgerBackends::addRows(); }
    void version3LedgerUpgrades()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        ItemId sentItem = 0;
        {
            // Turn a new database back into a v3 one — v4 only adds the delivery columns — with a
            // campaign whose items were sent before the upgrade.
            auto opened = Database::open(*config);
            QVERIFY(opened);
            CampaignJournal journal(*opened.value(), clock());
            CampaignId campaignId = 0;
            const QList<ItemId> ids = seed(journal, campaignId, 3);
            QCOMPARE(ids.size(), 3);
            QVERIFY(journal.beginSend(ids[1]));
            QVERIFY(journal.markSent(ids[1], QStringLiteral("re_v3"), Money()));
            sentItem = ids[1];
            QSqlQuery query(opened.value()->connection());
            for (const char* statement : {"ALTER TABLE campaign_items DROP COLUMN delivery_status",
                                          "ALTER TABLE campaign_items DROP COLUMN delivery_final",
                                          "ALTER TABLE campaign_items DROP COLUMN delivery_checked_at_ms",
                                          "DROP TABLE ai_drafts", "UPDATE schema_version SET version = 3"})
                QVERIFY2(query.exec(QString::fromLatin1(statement)), qPrintable(query.lastError().text()));
            query.finish();
            QCOMPARE(opened.value()->schemaVersion(), 3);
            // A v3 journal cannot be read with the new columns: the upgrade is what makes it work.
            QVERIFY(!journal.item(sentItem));
        }
        auto upgraded = Database::open(*config);
        QVERIFY2(upgraded, upgraded ? "" : upgraded.error().message.toUtf8().constData());
        QCOMPARE(upgraded.value()->schemaVersion(), 4);
        CampaignJournal journal(*upgraded.value(), clock());
        const JournalItem before = journal.item(sentItem).value();
        QCOMPARE(before.state, ItemState::Sent);
        QCOMPARE(before.providerRef, QStringLiteral("re_v3"));
        QVERIFY(before.deliveryStatus.isEmpty());
        QVERIFY(!before.deliveryFinal);
        QVERIFY(!before.deliveryCheckedAt.isValid());
        QVERIFY(journal.recordDelivery(sentItem, QStringLiteral("bounced"), true));
        QCOMPARE(journal.item(sentItem)->deliveryStatus, QStringLiteral("bounced"));
        QCOMPARE(journal.counts(before.campaignId)->total(), 3);
        QSqlQuery drafts(upgraded.value()->connection());
        QVERIFY2(drafts.exec(QStringLiteral("SELECT COUNT(*) FROM ai_drafts")),
                 qPrintable(drafts.lastError().text()));
        QVERIFY(drafts.next());
        QCOMPARE(drafts.value(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCampaignJournal)
#include "tst_campaignjournal.moc"
