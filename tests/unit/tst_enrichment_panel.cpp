// The Enrichment panel's single-lookup view against the provider simulator, as a person uses it:
// type, click Look up, wait for what appears — fields with their sources, the cost, the providers
// tried, the banner — and check what was (and was not) sent: a second lookup comes from the cache
// for nothing, bad input sends nothing, a budget refusal and Stop are reported for what they are.

#include "engine/enrichmentservice.h"
#include "engine/spendguard.h"
#include "ledgertestsupport.h"
#include "memoryenrichmentcache.h"
#include "model/catalogue.h"
#include "simulatedproviders.h"
#include "ui/apifyimportdialog.h"
#include "ui/bulkenrichpanel.h"
#include "ui/enrichfields.h"
#include "ui/enrichmentpanel.h"
#include "ui/enrichrawdialog.h"
#include "ui/enrichresultmodel.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/supabaseupsertdialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace agency;

namespace {

constexpr int kLookupTimeoutMs = 20000; // an ASan build against a local simulator

} // namespace

class TestEnrichmentPanel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{11};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    test::MemoryEnrichmentCache m_cache;
    std::unique_ptr<EnrichmentService> m_service;
    std::unique_ptr<EnrichmentPanel> m_panel;

    int sent(ProviderId provider) const { return int(m_sim.requestLog(provider).size()); }
    int sentToAnyone() const { return int(m_sim.requestLog().size()); }
    EnrichmentPanel& panel() { return *m_panel; }

    void setPollInterval(std::chrono::milliseconds interval)
    {
        EnrichmentSettings settings = m_service->settings();
        settings.clayPollInterval = interval;
        m_service->setSettings(settings);
    }

    /// Types `email` as a person would and clicks Look up; true once the lookup has ended.
    bool lookUpEmail(const QString& email)
    {
        panel().setKind(LookupKind::PersonByEmail);
        panel().emailEdit()->clear();
        QTest::keyClicks(panel().emailEdit(), email);
        return clickLookUp();
    }
    bool clickLookUp()
    {
        QSignalSpy finished(&panel(), &EnrichmentPanel::lookupFinished);
        QTest::mouseClick(panel().lookUpButton(), Qt::LeftButton);
        if (finished.isEmpty() && !finished.wait(kLookupTimeoutMs))
            return false;
        return !panel().isRunning();
    }
    QString banner() { return panel().banner()->messages().join(u'\n'); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_sim.listen());
    }

    void init()
    {
        m_sim.reset();
        m_cache.values.clear();
        m_cache.reads = 0;
        m_providers =
            std::make_unique<test::SimulatedProviders>(m_sim, m_dir.filePath(QStringLiteral("panel.ini")));
        QVERIFY(m_providers->useEnrichmentProviders());
        m_service = std::make_unique<EnrichmentService>(m_providers->hub, m_providers->settings, &m_cache);
        EnrichmentSettings settings;
        settings.clayRoutineId = QStringLiteral("routine-enrich-person");
        settings.clayPollInterval = std::chrono::milliseconds(20);
        m_service->setSettings(settings);
        m_panel = std::make_unique<EnrichmentPanel>(*m_service, &m_providers->settings);
        new QAbstractItemModelTester(m_panel->resultModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, m_panel.get());
        m_panel->resize(1200, 700);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void cleanup()
    {
        m_panel.reset();
        m_service.reset();
        m_providers.reset();
    }

    void apolloAnswersWithItsCost()
    {
        QVERIFY(!panel().stopButton()->isEnabled()); // only while a lookup runs
        QVERIFY(panel().requiredCheckBox(EnrichField::Email)->isChecked());
        QVERIFY(lookUpEmail(QStringLiteral("jane.citizen@acme.com.au")));
        EnrichResultModel* model = panel().resultModel();
        QVERIFY(model->rowOf(QStringLiteral("email")) >= 0);
        QCOMPARE(model->sourceText(QStringLiteral("email")), QStringLiteral("Apollo"));
        const QModelIndex value =
            model->index(model->rowOf(QStringLiteral("email")), EnrichResultModel::ValueColumn);
        QCOMPARE(value.data().toString(), QStringLiteral("jane.citizen@acme.com.au"));
        QCOMPARE(model->index(value.row(), EnrichResultModel::FieldColumn).data().toString(),
                 QStringLiteral("Email"));
        QCOMPARE(panel().costText(), providerInfo(ProviderId::Apollo).unitCost.toString());
        QCOMPARE(panel().triedText(), QStringLiteral("Apollo"));
        QVERIFY2(panel().statusText().startsWith(QStringLiteral("Fields found: ")),
                 qPrintable(panel().statusText()));
        QCOMPARE(panel().historyList()->count(), 1);
        QVERIFY(panel().historyList()->item(0)->text().contains(QStringLiteral("jane.citizen@acme.com.au")));
        QVERIFY(panel().rawButton()->isEnabled());
        QVERIFY(panel().lookUpButton()->isEnabled());
        QVERIFY(!panel().stopButton()->isEnabled());
        QCOMPARE(sent(ProviderId::Apollo), 1);
        QCOMPARE(sent(ProviderId::Clay), 0);
    }

    // Enter in a field is the field's own key event (not a shortcut), so it is reliable offscreen.
    void enterInAFieldLooksUp()
    {
        QTest::keyClicks(panel().emailEdit(), QStringLiteral("jane.citizen@acme.com.au"));
        QSignalSpy finished(&panel(), &EnrichmentPanel::lookupFinished);
        QTest::keyClick(panel().emailEdit(), Qt::Key_Return);
        QVERIFY(finished.wait(kLookupTimeoutMs));
        QCOMPARE(panel().resultModel()->sourceText(QStringLiteral("email")), QStringLiteral("Apollo"));
        QCOMPARE(sent(ProviderId::Apollo), 1);
    }

    void aSecondLookupComesFromTheCacheForNothing()
    {
        QVERIFY(lookUpEmail(QStringLiteral("jane.citizen@acme.com.au")));
        const int before = sentToAnyone();
        QVERIFY(lookUpEmail(QStringLiteral("Jane.Citizen@acme.com.au")));
        QVERIFY(panel().resultModel()->result().fromCache);
        QVERIFY(panel().statusText().contains(QStringLiteral("in the cache")));
        QVERIFY(
            panel().resultModel()->sourceText(QStringLiteral("email")).contains(QStringLiteral("cached")));
        QVERIFY(
            panel().resultModel()->sourceText(QStringLiteral("email")).contains(QStringLiteral("Apollo")));
        QCOMPARE(panel().costText(), QStringLiteral("A$0.00 — from the cache"));
        QCOMPARE(sentToAnyone(), before);
        QCOMPARE(panel().historyList()->count(), 2);

        // The earlier lookup, shown again from the list: its own cost, and still nothing sent.
        QSignalSpy finished(&panel(), &EnrichmentPanel::lookupFinished);
        panel().historyList()->setCurrentRow(1);
        QCOMPARE(panel().costText(), providerInfo(ProviderId::Apollo).unitCost.toString());
        QCOMPARE(panel().resultModel()->sourceText(QStringLiteral("email")), QStringLiteral("Apollo"));
        QVERIFY(finished.isEmpty());
        QTest::qWait(50);
        QCOMPARE(sentToAnyone(), before);
    }

    void anInvalidEmailIsRefusedBesideTheForm()
    {
        QVERIFY(lookUpEmail(QStringLiteral("jane@")));
        QVERIFY2(panel().problemText().contains(QStringLiteral("not an email address")),
                 qPrintable(panel().problemText()));
        QVERIFY(panel().emailEdit()->hasFocus() || !QApplication::focusWidget());
        QCOMPARE(sentToAnyone(), 0);
        QCOMPARE(m_cache.reads, 0); // not even the cache was asked
        QCOMPARE(panel().historyList()->count(), 0);
        // Typing again clears the message.
        QTest::keyClicks(panel().emailEdit(), QStringLiteral("acme.com.au"));
        QVERIFY(panel().problemText().isEmpty());
    }

    void apolloMissesAndClayAnswers()
    {
        QVERIFY(lookUpEmail(QStringLiteral("nobody@acme.com.au")));
        QCOMPARE(panel().resultModel()->sourceText(QStringLiteral("email")), QStringLiteral("Clay"));
        QCOMPARE(panel().triedText(), QStringLiteral("Apollo → Clay"));
        QVERIFY(sent(ProviderId::Clay) >= 2); // the run, then its results
    }

    void aBudgetRefusalIsShownForWhatItIs()
    {
        testing::LedgerBackends backends;
        auto database = backends.open(QStringLiteral("sqlite"));
        QVERIFY(database);
        Ledger ledger(*database);
        PriceBook prices(*database);
        SpendGuard guard(*database, ledger, prices);
        QVERIFY(guard.setLimit(
            {LimitScope::Provider, providerKey(ProviderId::Apollo), SpendPeriod::Day, Money::aud(1)}));
        m_providers->core.setBudgetHook(&guard);
        const bool ended = lookUpEmail(QStringLiteral("nobody@acme.com.au"));
        m_providers->core.setBudgetHook(nullptr);
        QVERIFY(ended);
        QVERIFY(panel().banner()->isVisibleTo(&panel()));
        QVERIFY2(banner().contains(QStringLiteral("Apollo: not sent")), qPrintable(banner()));
        QVERIFY(panel().statusText().contains(QStringLiteral("Stopped")));
        QCOMPARE(panel().costText(), Money::aud(0).toString());
        QVERIFY(panel().triedText().contains(QStringLiteral("nothing was sent")));
        QCOMPARE(sentToAnyone(), 0);
        QVERIFY(!panel().copyButton()->isEnabled());
    }

    void stopEndsAClayPollPromptly()
    {
        setPollInterval(std::chrono::seconds(5));
        panel().setKind(LookupKind::PersonByEmail);
        QTest::keyClicks(panel().emailEdit(), QStringLiteral("nobody@acme.com.au"));
        QSignalSpy finished(&panel(), &EnrichmentPanel::lookupFinished);
        QTest::mouseClick(panel().lookUpButton(), Qt::LeftButton);
        QVERIFY(panel().isRunning());
        QVERIFY(panel().stopButton()->isEnabled());
        QVERIFY(!panel().lookUpButton()->isEnabled());
        QVERIFY(panel().findChild<QProgressBar*>(QStringLiteral("lookupBusyIndicator"))->isVisible());
        // The run has started and its first poll found it still working: the panel now waits 5 s.
        QTRY_VERIFY_WITH_TIMEOUT(sent(ProviderId::Clay) >= 2, kLookupTimeoutMs);
        QTRY_COMPARE(panel().statusText(), QStringLiteral("Asking Clay…"));
        const int clayRequests = sent(ProviderId::Clay);
        QElapsedTimer stopping;
        stopping.start();
        QTest::mouseClick(panel().stopButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 2000);
        QVERIFY2(stopping.elapsed() < 2000, qPrintable(QString::number(stopping.elapsed())));
        QVERIFY(!panel().isRunning());
        QVERIFY(!panel().stopButton()->isEnabled());
        QVERIFY(!panel().findChild<QProgressBar*>(QStringLiteral("lookupBusyIndicator"))->isVisible());
        QVERIFY2(banner().contains(QStringLiteral("cancelled")), qPrintable(banner()));
        QTest::qWait(300);
        QCOMPARE(sent(ProviderId::Clay), clayRequests);
    }

    void closingThePanelMidLookupStopsIt()
    {
        setPollInterval(std::chrono::seconds(5));
        panel().setKind(LookupKind::PersonByEmail);
        QTest::keyClicks(panel().emailEdit(), QStringLiteral("nobody@acme.com.au"));
        QTest::mouseClick(panel().lookUpButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(sent(ProviderId::Clay) >= 2, kLookupTimeoutMs);
        const int clayRequests = sent(ProviderId::Clay);
        const int cacheWrites = int(m_cache.values.size());
        m_panel.reset(); // the lookup ends (cancelled) without a panel to show it in
        QTRY_COMPARE(int(m_cache.values.size()), cacheWrites + 1); // what Apollo said is still kept
        QTest::qWait(200);
        QCOMPARE(sent(ProviderId::Clay), clayRequests);
    }

    void copyPutsTheFieldsOnTheClipboard()
    {
        QVERIFY(lookUpEmail(QStringLiteral("jane.citizen@acme.com.au")));
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(panel().copyButton(), Qt::LeftButton);
        const QString text = QGuiApplication::clipboard()->text();
        QVERIFY2(text.contains(QStringLiteral("Email: jane.citizen@acme.com.au")), qPrintable(text));
        QCOMPARE(text.split(u'\n').size(), panel().resultModel()->rowCount());

        QTest::mouseClick(panel().copyCsvButton(), Qt::LeftButton);
        const QString row = QGuiApplication::clipboard()->text();
        QCOMPARE(row.split(u',').first(),
                 panel().resultModel()->result().fields.value(QStringLiteral("first_name")).value);
        QVERIFY(row.contains(QStringLiteral(",jane.citizen@acme.com.au,")));
        QVERIFY(!row.contains(u'\n'));
    }

    void csvCellsAreQuotedAndNeverFormulas()
    {
        EnrichmentResult result;
        result.fields.insert(QStringLiteral("first_name"),
                             {QStringLiteral("=HYPERLINK(\"x\")"), ProviderId::Apollo});
        result.fields.insert(QStringLiteral("title"),
                             {QStringLiteral("Head of Sales, APAC"), ProviderId::Apollo});
        const QString row = enrichfields::asCsvRow(result);
        QVERIFY2(row.startsWith(QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\",")), qPrintable(row));
        QVERIFY(row.contains(QStringLiteral(",\"Head of Sales, APAC\",")));
        QCOMPARE(row.count(u',') - 1, enrichfields::order().size() - 1); // one comma is inside quotes
    }

    void theRawDialogShowsApollosJson()
    {
        QVERIFY(lookUpEmail(QStringLiteral("jane.citizen@acme.com.au")));
        QTest::mouseClick(panel().rawButton(), Qt::LeftButton);
        auto* dialog = panel().findChild<EnrichRawDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->tabs()->tabText(0), QStringLiteral("Apollo"));
        const QString json = dialog->jsonText(ProviderId::Apollo);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(document.object(), panel().resultModel()->result().raw.value(ProviderId::Apollo));
        QVERIFY(json.contains(QStringLiteral("jane.citizen@acme.com.au")));
        QVERIFY(json.contains(u'\n')); // pretty-printed
        dialog->close();
    }

    void companyWithDomainMetrics()
    {
        panel().setKind(LookupKind::CompanyByDomain);
        QVERIFY(!panel().emailEdit()->isVisibleTo(&panel()));
        QVERIFY(panel().domainEdit()->isVisibleTo(&panel()));
        QVERIFY(!panel().requiredCheckBox(EnrichField::Email)->isVisibleTo(&panel()));
        QTest::keyClicks(panel().domainEdit(), QStringLiteral("https://www.acme.com.au/about"));
        QTest::mouseClick(panel().metricsCheckBox(), Qt::LeftButton);
        QVERIFY(panel().metricsCheckBox()->isChecked());
        QVERIFY(clickLookUp());
        QCOMPARE(panel().resultModel()->sourceText(QStringLiteral("company")), QStringLiteral("Apollo"));
        QCOMPARE(panel().resultModel()->sourceText(QStringLiteral("seo_organic_keywords")),
                 QStringLiteral("DataForSEO"));
        QCOMPARE(panel().triedText(), QStringLiteral("Apollo → DataForSEO"));
        QCOMPARE(sent(ProviderId::Clay), 0);
        QVERIFY(panel().historyList()->item(0)->text().contains(QStringLiteral("acme.com.au")));
    }

    void eachKindShowsOnlyItsInputs()
    {
        panel().setKind(LookupKind::PersonByName);
        QVERIFY(!panel().emailEdit()->isVisibleTo(&panel()));
        QVERIFY(panel().firstNameEdit()->isVisibleTo(&panel()));
        QVERIFY(panel().lastNameEdit()->isVisibleTo(&panel()));
        QVERIFY(panel().domainEdit()->isVisibleTo(&panel()));
        QVERIFY(!panel().linkedinEdit()->isVisibleTo(&panel()));
        QTest::keyClicks(panel().firstNameEdit(), QStringLiteral("Jane"));
        QTest::keyClicks(panel().domainEdit(), QStringLiteral("acme.com.au"));
        QVERIFY(clickLookUp());
        QVERIFY2(panel().problemText().contains(QStringLiteral("first and a last name")),
                 qPrintable(panel().problemText()));
        QVERIFY(panel().lastNameEdit()->hasFocus() || !QApplication::focusWidget());
        QCOMPARE(sentToAnyone(), 0);

        panel().setKind(LookupKind::PersonByLinkedIn);
        QVERIFY(panel().linkedinEdit()->isVisibleTo(&panel()));
        QVERIFY(!panel().domainEdit()->isVisibleTo(&panel()));
        QVERIFY(panel().requiredCheckBox(EnrichField::Phone)->isVisibleTo(&panel()));
        QVERIFY(panel().problemText().isEmpty()); // a new kind, a fresh start
    }

    void mainWindowShowsThePanelInsteadOfThePlaceholder()
    {
        MainWindow window(m_providers->vault, m_providers->settings, m_providers->hub);
        const int panels = window.panelCount();
        QVERIFY(!window.enrichmentPanel());
        window.showPanel(1);
        EnrichmentPanel* enrichment = window.setEnrichmentService(*m_service);
        QVERIFY(enrichment);
        QCOMPARE(window.enrichmentPanel(), enrichment);
        QCOMPARE(window.panelCount(), panels);
        auto* stack = window.findChild<QStackedWidget*>(QStringLiteral("panelStackedWidget"));
        // The Enrichment page holds the single lookup and the bulk run as tabs.
        QTabWidget* tabs = window.enrichmentTabs();
        QVERIFY(tabs);
        QCOMPARE(stack->indexOf(tabs), 1);
        QCOMPARE(stack->currentWidget(), tabs);
        QCOMPARE(tabs->indexOf(enrichment), 0);
        QVERIFY(window.bulkEnrichPanel());
        QCOMPARE(tabs->indexOf(window.bulkEnrichPanel()), 1);
        QCOMPARE(tabs->currentWidget(), enrichment);
        window.showPanel(0);
        QCOMPARE(stack->currentIndex(), 0);
    }

    void bulkTabReachesApifyAndSupabase()
    {
        QTemporaryDir journals;
        MainWindow window(m_providers->vault, m_providers->settings, m_providers->hub);
        window.setEnrichmentService(*m_service, &m_cache, journals.path());
        BulkEnrichPanel* bulk = window.bulkEnrichPanel();
        QVERIFY(bulk->importApifyButton()->isEnabled());
        QVERIFY(!bulk->writeToSupabaseButton()->isEnabled()); // nothing saved yet

        // An Apify dataset written as a CSV opens in the Bulk run tab.
        QPointer<ApifyImportDialog> import = window.openApifyImport();
        QVERIFY(import);
        const QString csv = journals.filePath(QStringLiteral("actor-items.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("email,name\r\njane@acme.com.au,Jane\r\n");
        file.close();
        QSignalSpy prepared(bulk, &BulkEnrichPanel::prepared);
        Q_EMIT import->imported(csv);
        QCOMPARE(window.enrichmentTabs()->currentWidget(), bulk);
        QVERIFY(prepared.wait(10000));
        QVERIFY(!bulk->isPreparing());
        import->close();
        QTRY_VERIFY(!import); // deleted on close

        QPointer<SupabaseUpsertDialog> upsert = window.openSupabaseUpsert(csv);
        QVERIFY(upsert);
        QCOMPARE(upsert->plan().csvPath, csv);
        upsert->close();
        QTRY_VERIFY(!upsert);
        QCOMPARE(sentToAnyone(), 0);
    }
};

QTEST_MAIN(TestEnrichmentPanel)
#include "tst_enrichment_panel.moc"
