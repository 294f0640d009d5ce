// BulkEnrichment against the provider simulator: a run journals every row and writes the output
// CSV; Stop cancels what is in flight and sends nothing more; a budget refusal pauses the run and
// says why; a journal left by a crash resumes without asking the providers again for rows they
// already answered; the estimate counts cached rows as free.

#include "engine/bulkenrichment.h"
#include "engine/bulkintake.h"
#include "engine/spendguard.h"
#include "engine/sqliteenrichmentcache.h"
#include "integrations/clay/clayclient.h"
#include "ledgertestsupport.h"
#include "model/catalogue.h"
#include "simulatedproviders.h"

#include <QSignalSpy>

using namespace agency;

class TestBulkEnrichment : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{13};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    std::unique_ptr<SqliteEnrichmentCache> m_cache;
    std::unique_ptr<EnrichmentService> m_service;
    int m_run = 0;

    static QList<BulkRow> leads(int count, const QString& prefix = QStringLiteral("lead"))
    {
        QList<BulkRow> rows;
        for (int i = 1; i <= count; ++i) {
            const QString email = QStringLiteral("%1%2@acme.com.au").arg(prefix).arg(i);
            rows.append({i, LookupRequest::byEmail(email), {email, QStringLiteral("Row %1").arg(i)}, {}});
        }
        return rows;
    }
    std::unique_ptr<BulkEnrichment> openRun(const QString& name)
    {
        auto opened = BulkEnrichment::open(m_dir.filePath(name), *m_service);
        if (!opened)
            qWarning() << opened.error();
        return opened ? std::move(opened).value() : nullptr;
    }
    int apolloCalls() const { return int(m_sim.requestLog(ProviderId::Apollo).size()); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        ++m_run;
        m_sim.reset();
        m_service.reset();
        m_providers = std::make_unique<test::SimulatedProviders>(
            m_sim, m_dir.filePath(QStringLiteral("bulk%1.ini").arg(m_run)));
        QVERIFY(m_providers->useEnrichmentProviders());
        auto cache = SqliteEnrichmentCache::open(m_dir.filePath(QStringLiteral("cache%1.sqlite").arg(m_run)));
        QVERIFY(cache);
        m_cache = std::move(cache).value();
        m_service =
            std::make_unique<EnrichmentService>(m_providers->hub, m_providers->settings, m_cache.get());
        EnrichmentSettings settings;
        settings.clayRoutineId = QStringLiteral("routine-enrich-person");
        settings.clayPollInterval = std::chrono::milliseconds(20);
        m_service->setSettings(settings);
    }

    void aRunEnrichesEveryRowOnceAndWritesTheOutput()
    {
        auto run = openRun(QStringLiteral("whole.journal"));
        QVERIFY(run);
        QList<BulkRow> rows = leads(24);
        rows[5].request = LookupRequest::byEmail(QStringLiteral("nobody@acme.com.au")); // Apollo misses: Clay
        rows[5].original[0] = QStringLiteral("nobody@acme.com.au");
        // An input row that cannot be looked up is journalled too, so the output keeps every row.
        rows.append({25,
                     LookupRequest::byEmail(QStringLiteral("x@")),
                     {QStringLiteral("x@"), QStringLiteral("bad")},
                     QStringLiteral("Row 26: “x@” is not an email address.")});
        QVERIFY(run->load({QStringLiteral("email"), QStringLiteral("note")}, rows));
        QSignalSpy progress(run.get(), &BulkEnrichment::progressed);
        run->start();
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), BulkEnrichment::State::Finished, 30000);
        QCOMPARE(run->progress().done, qint64(24));
        QCOMPARE(run->progress().failed, qint64(0));
        QVERIFY(progress.size() >= 24);
        QCOMPARE(apolloCalls(), 24); // each row once
        QVERIFY(m_sim.requestLog(ProviderId::Clay).size() >= 2);
        QVERIFY(run->progress().spent > Money::aud(0));

        const QString output = m_dir.filePath(QStringLiteral("whole.csv"));
        auto written = run->writeOutput(output);
        QVERIFY2(written, written ? "" : qPrintable(written.error()));
        QCOMPARE(written.value(), qint64(25));
        QCOMPARE(run->progress().skipped, qint64(1));
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 26);
        QVERIFY2(lines.last().endsWith(QStringLiteral("Row 26: “x@” is not an email address.,skipped")),
                 qPrintable(lines.last()));
        QVERIFY(lines.first().startsWith(QStringLiteral("email,note,enriched_email,source_email")));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("lead1@acme.com.au,Row 1,lead1@acme.com.au,apollo")));
        QVERIFY2(lines.at(6).contains(QStringLiteral(",clay,")), qPrintable(lines.at(6)));
        QVERIFY(lines.at(1).endsWith(QStringLiteral(",done")));

        // The same leads again (a new run): every row comes from the cache, for nothing.
        auto again = openRun(QStringLiteral("again.journal"));
        QVERIFY(again->load({QStringLiteral("email"), QStringLiteral("note")}, rows));
        const auto estimate =
            QCoro::waitFor(again->estimate(m_cache.get(), Money::aud(20'000), Money::aud(77'000)));
        QCOMPARE(estimate.rows, qint64(24)); // the skipped row is not counted
        QCOMPARE(estimate.alreadyCached, qint64(24));
        QCOMPARE(estimate.worstCase, Money::aud(0));
        again->start();
        QTRY_COMPARE_WITH_TIMEOUT(again->state(), BulkEnrichment::State::Finished, 30000);
        QCOMPARE(again->progress().cached, qint64(24));
        QCOMPARE(apolloCalls(), 24);
    }

    void theEstimateCountsCachedRowsAsFree()
    {
        auto run = openRun(QStringLiteral("estimate.journal"));
        QVERIFY(
            run->load({QStringLiteral("email"), QStringLiteral("note")}, leads(10, QStringLiteral("est"))));
        QVERIFY(
            QCoro::waitFor(m_service->lookup(LookupRequest::byEmail(QStringLiteral("est1@acme.com.au")))));
        QVERIFY(
            QCoro::waitFor(m_service->lookup(LookupRequest::byEmail(QStringLiteral("est2@acme.com.au")))));
        const auto estimate =
            QCoro::waitFor(run->estimate(m_cache.get(), Money::aud(20'000), Money::aud(77'000), 0.75));
        QCOMPARE(estimate.rows, qint64(10));
        QCOMPARE(estimate.alreadyCached, qint64(2));
        QCOMPARE(estimate.worstCase, Money::aud(8 * 97'000));
        QCOMPARE(estimate.expected, Money::aud(8 * 20'000 + 2 * 77'000)); // a quarter of 8 miss Apollo
    }

    void stopCancelsWhatIsInFlightAndSendsNothingMore()
    {
        EnrichmentSettings settings = m_service->settings();
        settings.clayPollInterval = std::chrono::milliseconds(5000); // misses sit waiting on Clay
        m_service->setSettings(settings);
        auto run = openRun(QStringLiteral("stop.journal"));
        QVERIFY(run->load({QStringLiteral("email"), QStringLiteral("note")},
                          leads(20, QStringLiteral("nobody"))));
        run->setParallel(2);
        run->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_sim.requestLog(ProviderId::Clay).size() >= 2, 10000);
        run->stop();
        QCOMPARE(run->state(), BulkEnrichment::State::Stopped);
        const qsizetype sentAtStop = m_sim.requestLog().size();
        QTest::qWait(400);
        QCOMPARE(m_sim.requestLog().size(), sentAtStop); // nothing more left the machine
        QVERIFY(run->progress().pending() > 0);
    }

    void aBudgetRefusalPausesTheRunAndSaysWhy()
    {
        testing::LedgerBackends backends;
        auto database = backends.open(QStringLiteral("sqlite"));
        QVERIFY(database);
        Ledger ledger(*database);
        PriceBook prices(*database);
        SpendGuard guard(*database, ledger, prices);
        // Room for five Apollo lookups at A$0.02.
        QVERIFY(guard.setLimit(
            {LimitScope::Provider, providerKey(ProviderId::Apollo), SpendPeriod::Day, Money::aud(100'000)}));
        m_providers->core.setBudgetHook(&guard);
        auto run = openRun(QStringLiteral("budget.journal"));
        QVERIFY(run->load({QStringLiteral("email"), QStringLiteral("note")},
                          leads(12, QStringLiteral("budget"))));
        run->setParallel(1);
        run->start();
        QTRY_COMPARE_WITH_TIMEOUT(run->state(), BulkEnrichment::State::Paused, 30000);
        m_providers->core.setBudgetHook(nullptr);
        QVERIFY2(run->pauseReason().contains(QStringLiteral("not sent")), qPrintable(run->pauseReason()));
        QCOMPARE(run->progress().done, qint64(5));
        QCOMPARE(apolloCalls(), 5);
        QCOMPARE(run->progress().pending(), qint64(7)); // the refused row waits, unpaid
    }

    void aJournalLeftByACrashResumesWithoutPayingTwiceBehindTheUsersBack()
    {
        const QString path = m_dir.filePath(QStringLiteral("crash.journal"));
        {
            auto run = openRun(QStringLiteral("crash.journal"));
            QVERIFY(run->load({QStringLiteral("email"), QStringLiteral("note")},
                              leads(8, QStringLiteral("crash"))));
        }
        // The state a killed run leaves: three rows answered by Apollo (so cached) but still "running",
        // and a fourth that was in flight with no answer kept — it may or may not have been paid for.
        for (int i = 1; i <= 3; ++i)
            QVERIFY(QCoro::waitFor(
                m_service->lookup(LookupRequest::byEmail(QStringLiteral("crash%1@acme.com.au").arg(i)))));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("UPDATE rows SET state = 'running' WHERE row <= 4"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("crash"));
        QCOMPARE(apolloCalls(), 3);
        auto resumed = openRun(QStringLiteral("crash.journal"));
        QVERIFY(resumed);
        resumed->start();
        QTRY_COMPARE_WITH_TIMEOUT(resumed->state(), BulkEnrichment::State::Finished, 30000);
        QCOMPARE(resumed->progress().done, qint64(7));
        QCOMPARE(resumed->progress().cached, qint64(3));
        QCOMPARE(resumed->progress().inDoubt, qint64(1));
        QCOMPARE(apolloCalls(), 7); // the in-doubt row was not asked again behind anyone's back
        const QString output = m_dir.filePath(QStringLiteral("crash.csv"));
        QVERIFY(resumed->writeOutput(output));
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(file.readAll()).contains(QStringLiteral("In doubt: the console stopped")));
        // The user's call: run it again, and it is asked (and paid for) once more.
        resumed->retryInDoubt();
        resumed->start();
        QTRY_COMPARE_WITH_TIMEOUT(resumed->state(), BulkEnrichment::State::Finished, 30000);
        QCOMPARE(resumed->progress().done, qint64(8));
        QCOMPARE(apolloCalls(), 8);
    }

    // The intake the window and the command line share: a slice at a time, with bytes-read progress.
    void theIntakeReadsTheFileIntoTheJournalInSlices()
    {
        QByteArray csv = "email,note\n";
        for (int i = 1; i <= 250; ++i)
            csv += QStringLiteral("slice%1@acme.com.au,row %1\n").arg(i).toUtf8();
        csv += "slice3@acme.com.au,again\nnot-an-email,bad\n";
        const QString path = m_dir.filePath(QStringLiteral("slices.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(csv);
        }
        auto run = openRun(QStringLiteral("slices.journal"));
        LeadFileOptions options;
        options.csv.chunkBytes = 1024; // small chunks, so progress moves between slices
        options.csv.sniffBytes = 1024;
        auto intake = BulkIntake::open(path, *run, options);
        QVERIFY2(intake, intake ? "" : qPrintable(intake.error()));
        QVERIFY(run->isLoaded());
        QCOMPARE(intake.value()->totalBytes(), qint64(csv.size()));
        int slices = 0;
        qint64 lastBytes = 0;
        while (true) {
            auto stepped = intake.value()->step(100);
            QVERIFY(stepped);
            ++slices;
            QVERIFY(intake.value()->bytesRead() >= lastBytes);
            lastBytes = intake.value()->bytesRead();
            if (!stepped.value())
                break;
            if (slices == 1)
                QVERIFY(intake.value()->bytesRead() < qint64(csv.size())); // not read whole at once
        }
        QCOMPARE(slices, 3);
        QVERIFY(intake.value()->atEnd());
        QCOMPARE(intake.value()->bytesRead(), qint64(csv.size()));
        QCOMPARE(intake.value()->report().uniqueRows, qint64(250));
        QCOMPARE(intake.value()->report().duplicateRows, qint64(1));
        QCOMPARE(intake.value()->report().invalidRows, qint64(1));
        QCOMPARE(run->progress().total, qint64(250));
        QCOMPARE(run->progress().skipped, qint64(2));
        auto again = intake.value()->step(100);
        QVERIFY(again && !again.value());

        // The estimate's prices: Apollo's from the catalogue, Clay's worst case times the credits per item.
        EnrichmentSettings settings = m_service->settings();
        settings.clayCreditsPerItem = 3;
        const BulkUnitCosts costs = bulkUnitCosts(settings);
        QCOMPARE(costs.apollo, providerInfo(ProviderId::Apollo).unitCost);
        QCOMPARE(costs.clay, ClayClient::worstCasePerCredit().times(3).value());
        m_service->setSettings(settings);
        const BulkEstimate estimate = QCoro::waitFor(estimateBulkRun(*run, *m_service, m_cache.get()));
        QCOMPARE(estimate.rows, qint64(250));
        QCOMPARE(estimate.worstCase, costs.apollo.plus(costs.clay).value().times(250).value());

        // A journal that has its rows already is refused, and a file that is not there says so.
        QVERIFY(!BulkIntake::open(path, *run));
        auto fresh = openRun(QStringLiteral("missing.journal"));
        auto missing = BulkIntake::open(m_dir.filePath(QStringLiteral("missing.csv")), *fresh);
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("could not be opened")),
                 qPrintable(missing.error()));
        QVERIFY(!fresh->isLoaded());
        QVERIFY(fresh->setNote(QStringLiteral("input"), path));
        QCOMPARE(fresh->note(QStringLiteral("input")), path);
        QVERIFY(fresh->note(QStringLiteral("other")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBulkEnrichment)
#include "tst_bulkenrichment.moc"
