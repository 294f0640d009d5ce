// The suppression list and the audience pass, on a SQLite file and on the real PostgreSQL server:
// values normalised in and out (any written form matches), add/remove/list/import, bulk checks; then
// a recipient list split into ready, invalid, duplicate, suppressed and recently contacted, with the
// channel's own address held back for any reason and another address only for a block.

#include "engine/campaignaudience.h"
#include "ledgertestsupport.h"

using namespace agency;
using namespace agency::testing;
using namespace Qt::Literals::StringLiterals;

namespace {

template<typename T>
QByteArray why(const Result<T, DatabaseError>& result)
{
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

RecipientFields person(const QString& email, const QString& phone = {})
{
    RecipientFields fields{{u"email"_s, email}, {u"first_name"_s, u"Sam"_s}};
    if (!phone.isEmpty())
        fields.insert(u"phone"_s, phone);
    return fields;
}

} // namespace

class TestCampaignAudience : public QObject
{
    Q_OBJECT
private:
    LedgerBackends m_backends;
    QDateTime m_now = QDateTime(QDate(2026, 5, 4), QTime(23, 0), Qt::UTC);

    Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

private Q_SLOTS:
    void normalisation_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("stored"); // empty: refused
        const int email = int(SuppressionKind::Email);
        const int domain = int(SuppressionKind::Domain);
        const int phone = int(SuppressionKind::Phone);
        const int linkedin = int(SuppressionKind::LinkedIn);
        QTest::newRow("email case") << email << u" Jane@Acme.COM "_s << u"jane@acme.com"_s;
        QTest::newRow("email invalid") << email << u"jane at acme"_s << QString();
        QTest::newRow("domain plain") << domain << u"Acme.com.au"_s << u"acme.com.au"_s;
        QTest::newRow("domain from email") << domain << u"jane@Acme.com"_s << u"acme.com"_s;
        QTest::newRow("domain from url") << domain << u"https://www.acme.com/about?x=1"_s << u"acme.com"_s;
        QTest::newRow("domain invalid") << domain << u"not a domain"_s << QString();
        QTest::newRow("phone AU mobile") << phone << u"0412 345 678"_s << u"+61412345678"_s;
        QTest::newRow("phone AU landline") << phone << u"(03) 9123 4567"_s << u"+61391234567"_s;
        QTest::newRow("phone NZ") << phone << u"+64 21 123 4567"_s << u"+64211234567"_s;
        QTest::newRow("phone invalid") << phone << u"123"_s << QString();
        QTest::newRow("linkedin") << linkedin << u"au.linkedin.com/in/Jane/"_s
                                  << u"https://www.linkedin.com/in/jane"_s;
        QTest::newRow("linkedin invalid") << linkedin << u"linkedin.com/company/acme"_s << QString();
    }
    void normalisation()
    {
        QFETCH(int, kind);
        QFETCH(QString, input);
        QFETCH(QString, stored);
        QCOMPARE(SuppressionList::normalise(SuppressionKind(kind), input), stored);
    }

    void addCheckRemoveImport_data() { LedgerBackends::addRows(); }
    void addCheckRemoveImport()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto database = m_backends.open(kind);
        QVERIFY(database);
        SuppressionList list(*database, clock());

        auto added =
            list.add(SuppressionKind::Phone, u"0412 345 678"_s, SuppressionReason::Unsubscribe, u"alex"_s);
        QVERIFY2(added, why(added).constData());
        QVERIFY(added.value());
        // The same number written another way is already listed, and keeps its first reason.
        auto again =
            list.add(SuppressionKind::Phone, u"+61 412 345 678"_s, SuppressionReason::Block, u"sam"_s);
        QVERIFY(again);
        QVERIFY(!again.value());
        auto found = list.check(SuppressionKind::Phone, u"61412345678"_s);
        QVERIFY2(found, why(found).constData());
        QVERIFY(found->has_value());
        QCOMPARE(found.value()->value, u"+61412345678"_s);
        QCOMPARE(found.value()->reason, SuppressionReason::Unsubscribe);
        QCOMPARE(found.value()->addedBy, u"alex"_s);
        QCOMPARE(found.value()->addedAt, m_now);
        QVERIFY(!list.check(SuppressionKind::Phone, u"0412 345 679"_s)->has_value());
        // Kinds are separate lists.
        QVERIFY(!list.check(SuppressionKind::Email, u"0412 345 678"_s)->has_value());
        auto invalid =
            list.add(SuppressionKind::Email, u"not-an-email"_s, SuppressionReason::Block, u"alex"_s);
        QVERIFY(!invalid);
        QVERIFY(invalid.error().message.contains(u"not-an-email"_s));

        auto imported = list.importMany(
            SuppressionKind::Email,
            {u"a@acme.com"_s, u"B@Acme.com"_s, u"a@ACME.com"_s, u"nonsense"_s, u"c@other.org"_s},
            SuppressionReason::Bounce, u"import"_s);
        QVERIFY2(imported, why(imported).constData());
        QCOMPARE(imported->added, 3);
        QCOMPARE(imported->alreadyListed, 1);
        QCOMPARE(imported->invalid, QStringList{u"nonsense"_s});

        auto many = list.checkMany(SuppressionKind::Email,
                                   {u"A@acme.com"_s, u"b@acme.com"_s, u"z@acme.com"_s, u"junk"_s});
        QVERIFY(many);
        QCOMPARE(many->size(), 2);
        QVERIFY(many->contains(u"a@acme.com"_s));
        QCOMPARE(many->value(u"b@acme.com"_s).reason, SuppressionReason::Bounce);

        auto emails = list.list(SuppressionKind::Email);
        QVERIFY(emails);
        QCOMPARE(emails->size(), 3);
        QCOMPARE(list.list()->size(), 4);
        QCOMPARE(list.list(std::nullopt, 1, 2)->size(), 2);

        auto removed = list.remove(SuppressionKind::Email, u"B@ACME.COM"_s);
        QVERIFY(removed);
        QVERIFY(removed.value());
        QVERIFY(!list.remove(SuppressionKind::Email, u"b@acme.com"_s).value());
        QVERIFY(!list.check(SuppressionKind::Email, u"b@acme.com"_s)->has_value());
    }

    void audienceSortsEveryRow_data() { LedgerBackends::addRows(); }
    void audienceSortsEveryRow()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto database = m_backends.open(kind);
        QVERIFY(database);
        SuppressionList suppressions(*database, clock());
        CampaignJournal journal(*database, clock());
        QVERIFY(suppressions.add(SuppressionKind::Email, u"gone@acme.com"_s, SuppressionReason::Unsubscribe,
                                 u"alex"_s));
        QVERIFY(suppressions.add(SuppressionKind::Domain, u"https://competitor.com"_s,
                                 SuppressionReason::Block, u"alex"_s));
        QVERIFY(
            suppressions.add(SuppressionKind::Phone, u"0400 000 001"_s, SuppressionReason::Block, u"alex"_s));
        QVERIFY(suppressions.add(SuppressionKind::Phone, u"0400 000 002"_s, SuppressionReason::Unsubscribe,
                                 u"alex"_s));

        // Someone emailed five days ago by another campaign.
        auto earlier =
            journal.createCampaign(NewCampaign{u"Earlier"_s, CampaignChannel::Email, {}, {}, u"alex"_s});
        QVERIFY(earlier);
        QVERIFY(journal.addItems(earlier->id, {NewItem{u"recent@acme.com"_s, {}, 0}}));
        const ItemId recentItem = journal.items(earlier->id, {}).value().first().id;
        const QDateTime now = m_now;
        m_now = now.addDays(-5);
        QVERIFY(journal.beginSend(recentItem));
        QVERIFY(journal.markSent(recentItem, u"re_1"_s, Money()));
        m_now = now;

        const QList<RecipientFields> rows = {
            person(u"jane@acme.com"_s),                   // 0 ready
            person(u"not an email"_s),                    // 1 invalid
            person(u"JANE@acme.com "_s),                  // 2 duplicate of 0
            person(u"gone@acme.com"_s),                   // 3 unsubscribed (its own address)
            person(u"ceo@competitor.com"_s),              // 4 domain blocked
            person(u"recent@acme.com"_s),                 // 5 contacted 5 days ago
            person(u"tom@acme.com"_s, u"0400 000 001"_s), // 6 phone blocked: never contact
            person(u"kim@acme.com"_s, u"0400 000 002"_s), // 7 phone unsubscribed from SMS: email is fine
        };
        CampaignAudience audience(suppressions, journal, clock());
        auto report = audience.check(CampaignChannel::Email, rows, AudienceOptions{30, u"AU"_s});
        QVERIFY2(report, why(report).constData());
        QCOMPARE(report->entries.size(), rows.size());
        const QList<AudienceStatus> expected = {AudienceStatus::Ready,      AudienceStatus::Invalid,
                                                AudienceStatus::Duplicate,  AudienceStatus::Suppressed,
                                                AudienceStatus::Suppressed, AudienceStatus::RecentlyContacted,
                                                AudienceStatus::Suppressed, AudienceStatus::Ready};
        for (int row = 0; row < rows.size(); ++row) {
            const AudienceEntry& entry = report->entries.at(row);
            QCOMPARE(entry.row, row);
            QVERIFY2(entry.status == expected.at(row),
                     qPrintable(u"row %1: %2"_s.arg(row).arg(entry.reason)));
            QCOMPARE(entry.reason.isEmpty(), entry.status == AudienceStatus::Ready);
        }
        QCOMPARE(report->entries.at(1).problems.first().field, u"email"_s);
        QCOMPARE(report->entries.at(2).duplicateOf, 0);
        QVERIFY(report->entries.at(2).reason.contains(u"1"_s));
        QCOMPARE(report->entries.at(3).suppression->reason, SuppressionReason::Unsubscribe);
        QCOMPARE(report->entries.at(4).suppression->kind, SuppressionKind::Domain);
        QCOMPARE(report->entries.at(6).suppression->kind, SuppressionKind::Phone);
        QCOMPARE(report->counts.ready, 2);
        QCOMPARE(report->counts.invalid, 1);
        QCOMPARE(report->counts.duplicate, 1);
        QCOMPARE(report->counts.suppressed, 3);
        QCOMPARE(report->counts.recentlyContacted, 1);
        QCOMPARE(report->counts.total(), rows.size());
        const QList<ValidatedRecipient> ready = report->ready();
        QCOMPARE(ready.size(), 2);
        QCOMPARE(ready.at(0).key, u"jane@acme.com"_s);

        // Without a recent-contact window the recent recipient is ready; outside the window too.
        auto noWindow = audience.check(CampaignChannel::Email, rows, AudienceOptions{0, u"AU"_s});
        QCOMPARE(noWindow->counts.recentlyContacted, 0);
        QCOMPARE(noWindow->counts.ready, 3);
        auto shortWindow = audience.check(CampaignChannel::Email, rows, AudienceOptions{3, u"AU"_s});
        QCOMPARE(shortWindow->counts.recentlyContacted, 0);

        // On SMS the number is the channel's own address: an unsubscribe holds it back there.
        auto sms = audience.check(CampaignChannel::Sms,
                                  {rows.at(6), rows.at(7), person(u"x@acme.com"_s, u"0400 000 003"_s)});
        QVERIFY(sms);
        QCOMPARE(sms->entries.at(0).status, AudienceStatus::Suppressed);
        QCOMPARE(sms->entries.at(1).status, AudienceStatus::Suppressed);
        QCOMPARE(sms->entries.at(1).suppression->reason, SuppressionReason::Unsubscribe);
        QCOMPARE(sms->entries.at(2).status, AudienceStatus::Ready);
        QCOMPARE(sms->entries.at(2).recipient.key, u"+61400000003"_s);
        // An email unsubscribe does not stop an SMS; an email domain block does.
        auto viaSms =
            audience.check(CampaignChannel::Sms, {person(u"gone@acme.com"_s, u"0400 000 004"_s),
                                                  person(u"cfo@competitor.com"_s, u"0400 000 005"_s)});
        QCOMPARE(viaSms->entries.at(0).status, AudienceStatus::Ready);
        QCOMPARE(viaSms->entries.at(1).status, AudienceStatus::Suppressed);
    }
};

QTEST_GUILESS_MAIN(TestCampaignAudience)
#include "tst_campaignaudience.moc"
