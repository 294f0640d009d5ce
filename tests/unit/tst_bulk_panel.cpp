// The Enrichment page's Bulk run view against the provider simulator, as a person uses it: open a CSV
// (a BOM, semicolons, duplicates, invalid rows), read the intake report and the estimate, change the
// mapping, confirm (or decline) and watch the run; pause, resume, stop, a budget refusal, a run that
// did not finish offered again when the view reopens, failed rows run again, rows in doubt retried —
// and, every time, what was (and was not) sent to the providers.

#include "engine/bulkintake.h"
#include "engine/enrichmentservice.h"
#include "engine/spendguard.h"
#include "ledgertestsupport.h"
#include "memoryenrichmentcache.h"
#include "simulatedproviders.h"
#include "ui/bulkenrichpanel.h"
#include "ui/messagebanner.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFrame>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace agency;

namespace {

constexpr int kRunTimeoutMs = 30000; // an ASan build against a local simulator

// Row 2 and 4 are the same lead; row 5's email is malformed; row 6 is blank; row 8 has too few fields.
const QByteArray kLeads = "\xEF\xBB\xBF"
                          "Email;First name;Last name;Website;Note\r\n"
                          "lead1@acme.com.au;Jane;Citizen;acme.com.au;first\r\n"
                          "lead2@acme.com.au;John;Smith;acme.com.au;second\r\n"
                          "lead1@acme.com.au;Jane;Citizen;acme.com.au;again\r\n"
                          "jane@;;;;bad email\r\n"
                          ";;;;\r\n"
                          "lead3@acme.com.au;;;;third\r\n"
                          "lead4@acme.com.au;short\r\n";

QByteArray manyLeads(int count, const QString& prefix)
{
    QByteArray csv = "email,note\n";
    for (int i = 1; i <= count; ++i)
        csv += QStringLiteral("%1%2@acme.com.au,row %2\n").arg(prefix).arg(i).toUtf8();
    return csv;
}

} // namespace

class TestBulkPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{17};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    test::MemoryEnrichmentCache m_cache;
    std::unique_ptr<EnrichmentService> m_service;
    std::unique_ptr<BulkEnrichPanel> m_panel;
    QString m_journals;
    int m_test = 0;
    int m_confirmations = 0;
    std::optional<BulkEstimate> m_confirmed;

    int sent(ProviderId provider) const { return int(m_sim.requestLog(provider).size()); }
    int sentToAnyone() const { return int(m_sim.requestLog().size()); }
    BulkEnrichPanel& panel() { return *m_panel; }
    QString banner() { return panel().banner()->messages().join(u'\n'); }

    QString writeFile(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("t%1-%2").arg(m_test).arg(name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }
    std::unique_ptr<BulkEnrichPanel> makePanel()
    {
        auto panel = std::make_unique<BulkEnrichPanel>(*m_service, &m_cache, m_journals);
        panel->setConfirmation([this](const BulkEstimate& estimate) {
            ++m_confirmations;
            m_confirmed = estimate;
            return true;
        });
        panel->resize(1200, 760);
        panel->show();
        return panel;
    }
    /// Opens `bytes` as a CSV file and waits for the report and the estimate.
    bool open(const QByteArray& bytes, const QString& name = QStringLiteral("leads.csv"))
    {
        const QString path = writeFile(name, bytes);
        QSignalSpy prepared(&panel(), &BulkEnrichPanel::prepared);
        if (path.isEmpty() || !panel().openFile(path))
            return false;
        if (prepared.isEmpty() && !prepared.wait(kRunTimeoutMs))
            return false;
        return !panel().isPreparing();
    }
    bool waitForState(BulkEnrichment::State state)
    {
        QElapsedTimer waited;
        waited.start();
        while (!(panel().run() && panel().run()->state() == state) && waited.elapsed() < kRunTimeoutMs)
            QTest::qWait(10);
        if (!panel().run() || panel().run()->state() != state)
            qWarning() << "the run is"
                       << (panel().run() ? panel().run()->state() : BulkEnrichment::State::Idle) << "not"
                       << state;
        return panel().run() && panel().run()->state() == state;
    }
    void setPollInterval(std::chrono::milliseconds interval)
    {
        EnrichmentSettings settings = m_service->settings();
        settings.clayPollInterval = interval;
        m_service->setSettings(settings);
    }
    static QStringList csvLines(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_sim.listen());
    }

    void init()
    {
        ++m_test;
        m_sim.reset();
        m_cache.values.clear();
        m_cache.reads = 0;
        m_confirmations = 0;
        m_confirmed.reset();
        m_journals = m_dir.filePath(QStringLiteral("journals%1").arg(m_test));
        m_providers = std::make_unique<test::SimulatedProviders>(
            m_sim, m_dir.filePath(QStringLiteral("bulk%1.ini").arg(m_test)));
        QVERIFY(m_providers->useEnrichmentProviders());
        m_service = std::make_unique<EnrichmentService>(m_providers->hub, m_providers->settings, &m_cache);
        EnrichmentSettings settings;
        settings.clayRoutineId = QStringLiteral("routine-enrich-person");
        settings.clayPollInterval = std::chrono::milliseconds(20);
        m_service->setSettings(settings);
        m_panel = makePanel();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_service.reset();
        m_providers.reset();
    }

    void theIntakeReportNamesWhatWillNotBeLookedUp()
    {
        QVERIFY(!panel().startButton()->isEnabled()); // nothing to start before a file
        // One lead is in the cache already: the estimate counts it as free.
        QVERIFY(
            QCoro::waitFor(m_service->lookup(LookupRequest::byEmail(QStringLiteral("lead2@acme.com.au")))));
        m_sim.clearLog();

        QVERIFY(open(kLeads));
        QVERIFY2(panel().formatText().contains(QStringLiteral("UTF-8 with BOM")),
                 qPrintable(panel().formatText()));
        QVERIFY2(panel().formatText().contains(QStringLiteral("semicolon")),
                 qPrintable(panel().formatText()));
        // The preview shows the header without its BOM and the first rows.
        QCOMPARE(panel().previewTable()->horizontalHeaderItem(0)->text(), QStringLiteral("Email"));
        QCOMPARE(panel().previewTable()->item(0, 0)->text(), QStringLiteral("lead1@acme.com.au"));
        QVERIFY(panel().previewTable()->rowCount() >= 5);
        // The mapping, guessed from the header.
        QCOMPARE(panel().mapping().value(QStringLiteral("email"), -1), 0);
        QCOMPARE(panel().mapping().value(QStringLiteral("first_name"), -1), 1);
        QCOMPARE(panel().mapping().value(QStringLiteral("domain"), -1), 3);
        QCOMPARE(panel().columnCombo(QStringLiteral("email"))->currentData().toInt(), 0);
        QCOMPARE(panel().columnCombo(QStringLiteral("linkedin_url"))->currentData().toInt(), -1);
        QVERIFY(panel().mappingProblemText().isEmpty());

        QVERIFY2(panel().reportText().startsWith(QStringLiteral(
                     "7 rows: 3 to look up, 1 duplicates within the file, 2 invalid, 1 blank.")),
                 qPrintable(panel().reportText()));
        QStringList issues;
        for (int i = 0; i < panel().issuesList()->count(); ++i)
            issues << panel().issuesList()->item(i)->text();
        QVERIFY2(issues.contains(QStringLiteral("Row 5: “jane@” is not an email address.")),
                 qPrintable(issues.join(u'\n')));
        QVERIFY2(issues.contains(QStringLiteral("Row 8: 2 fields where the header has 5.")),
                 qPrintable(issues.join(u'\n')));
        QVERIFY2(issues.contains(QStringLiteral("Row 4: the same lead as row 2 (skipped).")),
                 qPrintable(issues.join(u'\n')));

        QVERIFY(panel().estimate());
        QCOMPARE(panel().estimate()->rows, qint64(3));
        QCOMPARE(panel().estimate()->alreadyCached, qint64(1));
        const BulkUnitCosts costs = bulkUnitCosts(m_service->settings());
        QCOMPARE(panel().estimate()->worstCase, costs.apollo.plus(costs.clay).value().times(2).value());
        QVERIFY(panel().estimate()->expected < panel().estimate()->worstCase);
        QVERIFY2(panel().estimateText().contains(QStringLiteral("1 already in the cache (free)")),
                 qPrintable(panel().estimateText()));
        QVERIFY(panel().estimateText().contains(panel().estimate()->worstCase.toString()));
        QVERIFY(panel().startButton()->isEnabled());
        QCOMPARE(sentToAnyone(), 0); // reading and estimating sends nothing
    }

    void changingTheMappingMakesTheReportAgain()
    {
        QVERIFY(open(kLeads));
        const QString firstJournal = panel().run()->journalPath();
        // Without the email column, rows are looked up by name and domain: rows 5 and 7 have neither.
        QSignalSpy prepared(&panel(), &BulkEnrichPanel::prepared);
        QComboBox* email = panel().columnCombo(QStringLiteral("email"));
        email->setCurrentIndex(email->findData(-1));
        Q_EMIT email->activated(email->currentIndex()); // as a person choosing "(none)" does
        QVERIFY(prepared.wait(kRunTimeoutMs));
        QVERIFY(!panel().mapping().contains(QStringLiteral("email")));
        QVERIFY2(panel().reportText().startsWith(QStringLiteral(
                     "7 rows: 2 to look up, 1 duplicates within the file, 3 invalid, 1 blank.")),
                 qPrintable(panel().reportText()));
        QCOMPARE(panel().estimate()->rows, qint64(2));
        QVERIFY(!QFileInfo::exists(firstJournal)); // the journal of the old mapping, never run, is gone

        // Without the domain either, nothing can be looked up: the problem is shown and blocks the run.
        prepared.clear();
        panel().setColumn(QStringLiteral("domain"), -1);
        QVERIFY(!prepared.isEmpty() || prepared.wait(kRunTimeoutMs));
        QVERIFY2(panel().mappingProblemText().contains(QStringLiteral("No column holds")),
                 qPrintable(panel().mappingProblemText()));
        QVERIFY(!panel().startButton()->isEnabled());
        panel().startRun();
        QCOMPARE(m_confirmations, 0);
        QCOMPARE(sentToAnyone(), 0);

        // The email column back: the file can be run again.
        panel().setColumn(QStringLiteral("email"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!panel().isPreparing(), kRunTimeoutMs);
        QVERIFY(panel().mappingProblemText().isEmpty());
        QCOMPARE(panel().estimate()->rows, qint64(3));
    }

    void aConfirmedRunFinishesAndSavesEveryRow()
    {
        QVERIFY(
            QCoro::waitFor(m_service->lookup(LookupRequest::byEmail(QStringLiteral("lead2@acme.com.au")))));
        m_sim.clearLog();
        QVERIFY(open(kLeads));
        QSignalSpy states(&panel(), &BulkEnrichPanel::runStateChanged);
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QCOMPARE(m_confirmations, 1);
        QCOMPARE(m_confirmed->rows, qint64(3));
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        QVERIFY(!states.isEmpty());
        QCOMPARE(sent(ProviderId::Apollo), 2); // lead2 came from the cache
        const BulkProgress progress = panel().run()->progress();
        QCOMPARE(progress.done, qint64(3));
        QCOMPARE(progress.cached, qint64(1));
        QCOMPARE(progress.skipped, qint64(3));
        QVERIFY2(panel().progressText().contains(QStringLiteral("Answered 3 · from the cache 1 · failed 0")),
                 qPrintable(panel().progressText()));
        QVERIFY(panel().progressText().contains(progress.spent.toString()));
        QCOMPARE(panel().rateText(), QStringLiteral("Finished"));
        QCOMPARE(panel().progressBar()->value(), panel().progressBar()->maximum());
        QVERIFY(!panel().pauseButton()->isEnabled());
        QVERIFY(!panel().retryFailedButton()->isEnabled());
        QVERIFY(panel().saveButton()->isEnabled());

        const QString output = panel().defaultOutputPath();
        QCOMPARE(QFileInfo(output).fileName(), QStringLiteral("t%1-leads-enriched.csv").arg(m_test));
        QVERIFY(panel().saveResults(output));
        const QStringList lines = csvLines(output);
        QCOMPARE(lines.size(), 1 + 6); // the header, and every row but the blank one
        QVERIFY(lines.first().startsWith(
            QStringLiteral("Email,First name,Last name,Website,Note,enriched_email")));
        QVERIFY2(
            lines.at(1).startsWith(QStringLiteral("lead1@acme.com.au,Jane,Citizen,acme.com.au,first,lead1@"
                                                  "acme.com.au,apollo")),
            qPrintable(lines.at(1)));
        QVERIFY(lines.at(1).endsWith(QStringLiteral(",done")));
        QVERIFY2(lines.at(3).contains(QStringLiteral("the same lead as row 2")), qPrintable(lines.at(3)));
        QVERIFY(lines.at(3).endsWith(QStringLiteral(",skipped")));
        QVERIFY(lines.at(5).startsWith(QStringLiteral("lead3@acme.com.au,,,,third,lead3@acme.com.au")));

        // A file that cannot be written says so.
        QVERIFY(!panel().saveResults(m_dir.filePath(QStringLiteral("no/such/dir/out.csv"))));
        QVERIFY2(banner().contains(QStringLiteral("could not be written")), qPrintable(banner()));
        // A finished run is not offered again.
        BulkEnrichPanel another(*m_service, &m_cache, m_journals);
        QVERIFY(another.offeredJournal().isEmpty());
    }

    void decliningTheConfirmationSpendsNothing()
    {
        QVERIFY(open(kLeads));
        panel().setConfirmation([this](const BulkEstimate& estimate) {
            ++m_confirmations;
            m_confirmed = estimate;
            return false;
        });
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QCOMPARE(m_confirmations, 1);
        QCOMPARE(m_confirmed->rows, qint64(3));
        QTest::qWait(200);
        QCOMPARE(sentToAnyone(), 0);
        QCOMPARE(panel().run()->state(), BulkEnrichment::State::Idle);
        QVERIFY2(panel().progressText().contains(QStringLiteral("nothing was spent")),
                 qPrintable(panel().progressText()));
        QVERIFY(panel().startButton()->isEnabled()); // the person may still change their mind
        // Never started: a new panel does not offer it.
        BulkEnrichPanel another(*m_service, &m_cache, m_journals);
        QVERIFY(another.offeredJournal().isEmpty());
    }

    void aLargeFileIsReadInSlices()
    {
        QVERIFY(
            panel().openFile(writeFile(QStringLiteral("many.csv"), manyLeads(6000, QStringLiteral("many")))));
        QVERIFY(panel().isPreparing()); // openFile() returned before the file was read: the window is live
        QVERIFY(!panel().startButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!panel().isPreparing(), 60000);
        QCOMPARE(panel().estimate()->rows, qint64(6000));
        QVERIFY(panel().reportText().startsWith(QStringLiteral("6,000 rows: 6,000 to look up")));
        QCOMPARE(sentToAnyone(), 0);
    }

    void pauseAndResume()
    {
        m_sim.setLatency(ProviderId::Apollo, std::chrono::milliseconds(30));
        QVERIFY(open(manyLeads(16, QStringLiteral("pause"))));
        panel().setParallel(1);
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel().run()->progress().done >= 3, kRunTimeoutMs);
        QVERIFY(panel().pauseButton()->isEnabled());
        QTest::mouseClick(panel().pauseButton(), Qt::LeftButton);
        QCOMPARE(panel().run()->state(), BulkEnrichment::State::Paused);
        QTest::qWait(300); // the lookup in flight finishes; nothing new starts
        const int atPause = sent(ProviderId::Apollo);
        QTest::qWait(300);
        QCOMPARE(sent(ProviderId::Apollo), atPause);
        QVERIFY(atPause < 16);
        QCOMPARE(panel().rateText(), QStringLiteral("Paused"));
        QVERIFY(panel().resumeButton()->isEnabled());
        QVERIFY(!panel().pauseButton()->isEnabled());
        QTest::mouseClick(panel().resumeButton(), Qt::LeftButton);
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        QCOMPARE(sent(ProviderId::Apollo), 16); // each row once
        QCOMPARE(m_confirmations, 1);           // resuming does not ask again
    }

    void stopLeavesNothingInFlight()
    {
        setPollInterval(std::chrono::milliseconds(5000)); // misses sit waiting on Clay
        QVERIFY(open(manyLeads(12, QStringLiteral("nobody"))));
        panel().setParallel(2);
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(sent(ProviderId::Clay) >= 2, kRunTimeoutMs);
        QVERIFY(panel().stopButton()->isEnabled());
        QTest::mouseClick(panel().stopButton(), Qt::LeftButton);
        QCOMPARE(panel().run()->state(), BulkEnrichment::State::Stopped);
        // The simulator shares this event loop: let it log what had already left before Stop.
        QTest::qWait(100);
        const int atStop = sentToAnyone();
        QTest::qWait(400);
        QCOMPARE(sentToAnyone(), atStop); // nothing more left the machine
        QVERIFY(panel().run()->progress().pending() > 0);
        QCOMPARE(panel().rateText(), QStringLiteral("Stopped"));
        QVERIFY(panel().resumeButton()->isEnabled());
        QVERIFY(panel().saveButton()->isEnabled());
        QVERIFY(!panel().stopButton()->isEnabled());
    }

    void aBudgetRefusalPausesTheRunWithTheReasonInTheBanner()
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
        QVERIFY(open(manyLeads(9, QStringLiteral("budget"))));
        panel().setParallel(1);
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QVERIFY(waitForState(BulkEnrichment::State::Paused));
        m_providers->core.setBudgetHook(nullptr);
        QVERIFY2(banner().contains(QStringLiteral("The run paused:")) &&
                     banner().contains(QStringLiteral("not sent")),
                 qPrintable(banner()));
        QVERIFY(panel().banner()->isVisible());
        QCOMPARE(sent(ProviderId::Apollo), 5);
        QCOMPARE(panel().run()->progress().done, qint64(5));
        // With the limit lifted, Resume takes the rest; the banner's reason goes.
        QVERIFY(panel().resumeButton()->isEnabled());
        QTest::mouseClick(panel().resumeButton(), Qt::LeftButton);
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        QCOMPARE(sent(ProviderId::Apollo), 9);
        QVERIFY2(!banner().contains(QStringLiteral("The run paused:")), qPrintable(banner()));
    }

    void anUnfinishedRunIsOfferedAndResumesWithoutAskingAnsweredRowsAgain()
    {
        m_sim.setLatency(ProviderId::Apollo, std::chrono::milliseconds(50)); // paused well before the end
        QVERIFY(open(manyLeads(10, QStringLiteral("resume")), QStringLiteral("resume.csv")));
        panel().setParallel(1);
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel().run()->progress().done >= 3, kRunTimeoutMs);
        panel().pauseRun();
        // The lookup in flight finishes (each row is one Apollo request, all answered by Apollo).
        QTRY_COMPARE_WITH_TIMEOUT(qint64(sent(ProviderId::Apollo)), panel().run()->progress().done,
                                  kRunTimeoutMs);
        QTest::qWait(100);
        QCOMPARE(qint64(sent(ProviderId::Apollo)), panel().run()->progress().done);
        const QString journal = panel().run()->journalPath();
        const qint64 answered = panel().run()->progress().done;
        m_panel.reset(); // the console quits
        // A crash had left one more row in flight, with no answer kept: it may have been paid for.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crash"));
            db.setDatabaseName(journal);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("UPDATE rows SET state = 'running' WHERE row = "
                                              "(SELECT MIN(row) FROM rows WHERE state = 'pending')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("crash"));
        const int before = sent(ProviderId::Apollo);

        m_panel = makePanel();
        QCOMPARE(panel().offeredJournal(), journal);
        QVERIFY(panel().offerFrame()->isVisibleTo(&panel()));
        QVERIFY2(panel().offerText().contains(
                     QStringLiteral("resume.csv did not finish: %1 of 10 rows answered").arg(answered)),
                 qPrintable(panel().offerText()));
        QVERIFY2(panel().offerText().contains(QStringLiteral("in doubt")), qPrintable(panel().offerText()));
        QCOMPARE(sent(ProviderId::Apollo), before); // offering sends nothing
        QTest::mouseClick(panel().resumeOfferButton(), Qt::LeftButton);
        QVERIFY(!panel().offerFrame()->isVisibleTo(&panel()));
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        // Only the rows not yet answered were asked; the one in doubt was not asked behind the user's back.
        QCOMPARE(sent(ProviderId::Apollo) - before, int(10 - answered - 1));
        QCOMPARE(panel().run()->progress().inDoubt, qint64(1));
        QVERIFY2(banner().contains(QStringLiteral("in doubt")), qPrintable(banner()));
        QVERIFY(panel().retryInDoubtButton()->isEnabled());
        QCOMPARE(m_confirmations, 1); // once, when the run started: resuming does not ask again

        // Retrying rows in doubt warns first; no means nothing is sent.
        int warned = 0;
        panel().setInDoubtConfirmation([&warned](qint64 rows) {
            ++warned;
            return rows == 0; // no
        });
        const int atFinish = sentToAnyone();
        QTest::mouseClick(panel().retryInDoubtButton(), Qt::LeftButton);
        QCOMPARE(warned, 1);
        QTest::qWait(100);
        QCOMPARE(sentToAnyone(), atFinish);
        panel().setInDoubtConfirmation([&warned](qint64 rows) {
            ++warned;
            return rows == 1;
        });
        QTest::mouseClick(panel().retryInDoubtButton(), Qt::LeftButton);
        QCOMPARE(warned, 2);
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        QTRY_COMPARE_WITH_TIMEOUT(panel().run()->progress().inDoubt, qint64(0), kRunTimeoutMs);
        QCOMPARE(sent(ProviderId::Apollo) - before, int(10 - answered));
        // Saved beside the input by default, with the input's name taken from the journal.
        QCOMPARE(QFileInfo(panel().defaultOutputPath()).fileName(),
                 QStringLiteral("t%1-resume-enriched.csv").arg(m_test));
        QVERIFY(panel().saveResults(panel().defaultOutputPath()));
        QCOMPARE(csvLines(panel().defaultOutputPath()).size(), 11);
    }

    void anOfferedRunCanBeDiscarded()
    {
        m_sim.setLatency(ProviderId::Apollo, std::chrono::milliseconds(50)); // stopped well before the end
        QVERIFY(open(manyLeads(12, QStringLiteral("discard"))));
        panel().setParallel(1);
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel().run()->progress().done >= 1, kRunTimeoutMs);
        panel().stopRun();
        QTest::qWait(300); // the cancelled lookup winds down before the simulator and the network go
        const QString journal = panel().run()->journalPath();
        m_panel.reset();
        const int before = sentToAnyone();
        m_panel = makePanel();
        QCOMPARE(panel().offeredJournal(), journal);
        QTest::mouseClick(panel().discardOfferButton(), Qt::LeftButton);
        QVERIFY(!QFileInfo::exists(journal));
        QVERIFY(panel().offerText().isEmpty());
        QCOMPARE(sentToAnyone(), before);
        m_panel = makePanel();
        QVERIFY(panel().offeredJournal().isEmpty());
    }

    void failedRowsCanBeRunAgain()
    {
        QVERIFY(open(manyLeads(5, QStringLiteral("failing"))));
        panel().setParallel(1);
        // Apollo's first answer is not JSON: that row fails (and Clay is not asked for it).
        m_sim.scheduleFaults(ProviderId::Apollo, QStringLiteral("/people/match"),
                             {{sim::FaultKind::MalformedBody}});
        QTest::mouseClick(panel().startButton(), Qt::LeftButton);
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        QCOMPARE(panel().run()->progress().failed, qint64(1));
        QCOMPARE(panel().run()->progress().done, qint64(4));
        QVERIFY2(panel().progressText().contains(QStringLiteral("failed 1")),
                 qPrintable(panel().progressText()));
        QVERIFY(panel().retryFailedButton()->isEnabled());
        const int before = sent(ProviderId::Apollo);
        QTest::mouseClick(panel().retryFailedButton(), Qt::LeftButton);
        QVERIFY(waitForState(BulkEnrichment::State::Finished));
        QTRY_COMPARE_WITH_TIMEOUT(panel().run()->progress().failed, qint64(0), kRunTimeoutMs);
        QCOMPARE(panel().run()->progress().done, qint64(5));
        QCOMPARE(sent(ProviderId::Apollo), before + 1); // only the failed row
        QVERIFY(!panel().retryFailedButton()->isEnabled());
    }

    void aFileThatIsNotCsvIsRefusedPlainly()
    {
        QVERIFY(!panel().openFile(writeFile(QStringLiteral("binary.csv"), QByteArray("a\0b\0c", 5))));
        QVERIFY2(banner().contains(QStringLiteral("binary.csv")), qPrintable(banner()));
        QVERIFY(!panel().startButton()->isEnabled());
        QVERIFY(!panel().openFile(m_dir.filePath(QStringLiteral("missing.csv"))));
        QVERIFY2(banner().contains(QStringLiteral("could not be opened")), qPrintable(banner()));
        QCOMPARE(sentToAnyone(), 0);
    }
};

QTEST_MAIN(TestBulkPanel)
#include "tst_bulk_panel.moc"
