// The Supabase upsert and Apify import dialogs against the simulator: Upsert only after a dry run of the
// plan as it stands, counts shown, a failed batch in the banner and Continue; the Apify input checked as
// typed, a run that imports a CSV and says where, a failed run and a cancelled one in the banner.

#include "integrations/supabase/supabaseclient.h"
#include "simulatedproviders.h"
#include "ui/apifyimportdialog.h"
#include "ui/messagebanner.h"
#include "ui/supabaseupsertdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace agency;

class TestLeadsIoDialogs : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{5};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    int m_run = 0;

    QString existingEmail()
    {
        auto made = QCoro::waitFor(m_providers->hub.client(ProviderId::Supabase, Profile::Sandbox));
        if (!made)
            return QString();
        auto* client = static_cast<SupabaseClient*>(made.value().get());
        SupabaseSelectRequest request;
        request.table = QStringLiteral("leads");
        request.limit = 1;
        request.order = {SupabaseOrder{QStringLiteral("id")}};
        auto rows = QCoro::waitFor(client->select(request));
        return rows && !rows->rows.isEmpty() ? rows->rows.first().value(QStringLiteral("email")).toString()
                                             : QString();
    }
    QString enrichedCsv()
    {
        const QString path = m_dir.filePath(QStringLiteral("enriched%1.csv").arg(m_run));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(QStringLiteral("email,first_name,enriched_title,enrichment_state\r\n"
                                  "%1,Ann,CEO,done\r\n"
                                  "new1@fresh.example,Dee,CTO,done\r\n"
                                  "new2@fresh.example,Eve,,done\r\n"
                                  "new3@fresh.example,Hal,,failed\r\n")
                       .arg(existingEmail())
                       .toUtf8());
        return path;
    }
    int posts() const
    {
        int count = 0;
        for (const sim::RecordedRequest& entry : m_sim.requestLog(ProviderId::Supabase))
            count += entry.method == "POST" ? 1 : 0;
        return count;
    }
    static QComboBox* combo(SupabaseUpsertDialog& dialog, int row)
    {
        return static_cast<QComboBox*>(dialog.mappingTable()->cellWidget(row, 1));
    }
    void prepare(ApifyImportDialog& dialog)
    {
        dialog.importer().setPollWait(std::chrono::seconds(0));
        dialog.importer().setPollInterval(std::chrono::milliseconds(10));
        dialog.importer().setCostSettleDelay(std::chrono::milliseconds(0));
        dialog.setInputText(QStringLiteral("{\"maxResults\": 45}"));
        dialog.setOutputPath(m_dir.filePath(QStringLiteral("apify%1.csv").arg(m_run)));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        ++m_run;
        m_sim.reset();
        m_providers = std::make_unique<test::SimulatedProviders>(
            m_sim, m_dir.filePath(QStringLiteral("dialogs%1.ini").arg(m_run)));
        QVERIFY(m_providers->use(ProviderId::Supabase,
                                 {{QStringLiteral("project_url"), QStringLiteral("https://demo.supabase.co")},
                                  {QStringLiteral("api_key"), QStringLiteral("sim-valid")}}));
        QVERIFY(
            m_providers->use(ProviderId::Apify, {{QStringLiteral("token"), QStringLiteral("sim-valid")}}));
    }

    void upsertNeedsADryRunOfThePlanAsItStands()
    {
        SupabaseUpsertDialog dialog(m_providers->hub, m_providers->settings);
        dialog.show();
        dialog.setCsvPath(enrichedCsv());
        dialog.setTable(QStringLiteral("leads"));
        QCOMPARE(dialog.mappingTable()->rowCount(), 4);
        QSignalSpy loaded(&dialog, &SupabaseUpsertDialog::columnsLoaded);
        dialog.loadColumnsButton()->click();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(combo(dialog, 0)->currentText(), QStringLiteral("email"));
        QCOMPARE(combo(dialog, 1)->currentText(), QStringLiteral("first_name"));
        QCOMPARE(combo(dialog, 2)->currentText(), QString()); // the table has no title column
        QCOMPARE(dialog.plan().onConflict, QStringList{QStringLiteral("email")});
        QVERIFY(!dialog.upsertButton()->isEnabled());

        QSignalSpy dried(&dialog, &SupabaseUpsertDialog::dryRunFinished);
        dialog.dryRunButton()->click();
        QVERIFY(dried.wait(10000));
        QVERIFY2(dialog.countsText().contains(QStringLiteral("2 new, 1 update")),
                 qPrintable(dialog.countsText()));
        QVERIFY(dialog.countsText().contains(QStringLiteral("1 skipped")));
        QCOMPARE(dialog.skipList()->count(), 1);
        QVERIFY(dialog.skipList()->item(0)->text().startsWith(QStringLiteral("Row 5")));
        QVERIFY(dialog.upsertButton()->isEnabled());
        QCOMPARE(posts(), 0);

        // Any change to the plan asks for a new dry run.
        dialog.setIncludeUnenriched(true);
        QVERIFY(!dialog.upsertButton()->isEnabled());
        dialog.setIncludeUnenriched(false);
        QVERIFY(!dialog.upsertButton()->isEnabled());
        dialog.dryRunButton()->click();
        QVERIFY(dried.wait(10000));

        QSignalSpy done(&dialog, &SupabaseUpsertDialog::upsertFinished);
        dialog.upsertButton()->click();
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog.statusText().contains(QStringLiteral("3 rows written")),
                 qPrintable(dialog.statusText()));
        QVERIFY(dialog.banner()->messages().isEmpty());
        QCOMPARE(posts(), 1);
        QVERIFY(!dialog.upsertButton()->isEnabled());
    }

    void aFailedBatchShowsInTheBannerAndContinueFinishes()
    {
        SupabaseUpsertDialog dialog(m_providers->hub, m_providers->settings);
        dialog.setCsvPath(enrichedCsv());
        dialog.setTableColumns({QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("first_name")});
        dialog.setBatchSize(1);
        QSignalSpy dried(&dialog, &SupabaseUpsertDialog::dryRunFinished);
        dialog.dryRun();
        QVERIFY(dried.wait(10000));
        m_sim.scheduleFaults(ProviderId::Supabase, QStringLiteral("/rest/v1/leads"),
                             {{sim::FaultKind::ServerError500}});
        QSignalSpy done(&dialog, &SupabaseUpsertDialog::upsertFinished);
        dialog.upsert();
        QVERIFY(done.wait(10000));
        QCOMPARE(dialog.banner()->messages().size(), 1);
        const QString message = dialog.banner()->messages().first();
        QVERIFY2(message.contains(QStringLiteral("Supabase")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("rows 2–2")), qPrintable(message));
        QCOMPARE(dialog.upsertButton()->text(), QStringLiteral("Continue"));
        QVERIFY(dialog.upsertButton()->isEnabled());
        QCOMPARE(dialog.resumeAfter(), 0);

        dialog.upsertButton()->click();
        QVERIFY(done.wait(10000));
        QVERIFY2(dialog.statusText().contains(QStringLiteral("3 rows written")),
                 qPrintable(dialog.statusText()));
        QCOMPARE(posts(), 4); // the failed one, then each row once
    }

    void anUnknownTableIsShownInTheBanner()
    {
        SupabaseUpsertDialog dialog(m_providers->hub, m_providers->settings);
        dialog.setTable(QStringLiteral("prospects"));
        QSignalSpy loaded(&dialog, &SupabaseUpsertDialog::columnsLoaded);
        dialog.loadColumns();
        QVERIFY(loaded.wait(10000));
        QVERIFY(!dialog.banner()->messages().isEmpty());
        QVERIFY(dialog.banner()->messages().first().contains(QStringLiteral("prospects")));
        dialog.dryRun(); // no file: refused at once, nothing sent
        QVERIFY(dialog.banner()->messages().last().contains(QStringLiteral("CSV")));
    }

    void apifyInputIsCheckedAsTyped()
    {
        ApifyImportDialog dialog(m_providers->hub, m_providers->settings);
        dialog.setActorId(QStringLiteral("sim~lead-profiles"));
        dialog.setInputText(QStringLiteral("{\"queries\": "));
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY2(dialog.inputProblem().contains(QStringLiteral("line 1")), qPrintable(dialog.inputProblem()));
        dialog.setInputText(QStringLiteral("[]"));
        QVERIFY(!dialog.runButton()->isEnabled());
        dialog.setInputText(QStringLiteral("{\"queries\": \"x\"}"));
        QVERIFY(dialog.runButton()->isEnabled());
        QVERIFY(dialog.inputProblem().isEmpty());
        dialog.setActorId(QStringLiteral("not an actor"));
        QVERIFY(!dialog.runButton()->isEnabled());
        dialog.setActorId(QStringLiteral("sim~lead-profiles"));
        dialog.setMaxChargeUsd(QStringLiteral("lots"));
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(m_sim.requestLog(ProviderId::Apify).isEmpty());
    }

    void apifyRunImportsACsv()
    {
        ApifyImportDialog dialog(m_providers->hub, m_providers->settings);
        prepare(dialog);
        dialog.setActorId(QStringLiteral("sim~lead-profiles"));
        QSignalSpy imported(&dialog, &ApifyImportDialog::imported);
        QSignalSpy finished(&dialog, &ApifyImportDialog::finished);
        dialog.runButton()->click();
        QVERIFY(dialog.isRunning());
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY(finished.wait(20000));
        QCOMPARE(imported.size(), 1);
        const QString path = imported.first().first().toString();
        QVERIFY(QFile::exists(path));
        QCOMPARE(dialog.lastCsvPath(), path);
        QVERIFY2(dialog.resultText().contains(QStringLiteral("45 items")), qPrintable(dialog.resultText()));
        QVERIFY(dialog.resultText().contains(QStringLiteral("cost")));
        QVERIFY(dialog.banner()->messages().isEmpty());
        QVERIFY(dialog.runButton()->isEnabled());
    }

    void apifyFailedAndCancelledRunsShowInTheBanner()
    {
        ApifyImportDialog dialog(m_providers->hub, m_providers->settings);
        prepare(dialog);
        dialog.setActorId(QStringLiteral("sim~failing-actor"));
        QSignalSpy imported(&dialog, &ApifyImportDialog::imported);
        QSignalSpy finished(&dialog, &ApifyImportDialog::finished);
        dialog.run();
        QVERIFY(finished.wait(20000));
        QVERIFY(!dialog.banner()->messages().isEmpty());
        QVERIFY2(dialog.banner()->messages().last().contains(QStringLiteral("FAILED")),
                 qPrintable(dialog.banner()->messages().last()));

        dialog.setActorId(QStringLiteral("sim~slow-actor"));
        dialog.run();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(QStringLiteral("RUNNING")), 10000);
        dialog.cancelButton()->click();
        QVERIFY(finished.wait(20000));
        QVERIFY2(dialog.banner()->messages().last().contains(QStringLiteral("aborted")),
                 qPrintable(dialog.banner()->messages().last()));
        QVERIFY(imported.isEmpty());
        QVERIFY(!dialog.isRunning());
    }

    void closingTheDialogAbortsARunningActor()
    {
        auto* dialog = new ApifyImportDialog(m_providers->hub, m_providers->settings);
        prepare(*dialog);
        dialog->setActorId(QStringLiteral("sim~slow-actor"));
        dialog->run();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->statusText().contains(QStringLiteral("RUNNING")), 10000);
        delete dialog;
        const auto aborted = [this] {
            for (const sim::RecordedRequest& entry : m_sim.requestLog(ProviderId::Apify)) {
                if (entry.method == "POST" && entry.path.endsWith(QStringLiteral("/abort")))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(aborted(), 10000);
        // The simulator logs the abort when it arrives: let its answer reach the orphaned coroutine so
        // that it ends (and frees its frame) before the test does.
        QTest::qWait(500);
    }
};

QTEST_MAIN(TestLeadsIoDialogs)
#include "tst_leads_io_dialogs.moc"
