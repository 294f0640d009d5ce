// The Campaigns panel driven as a person would, against the simulator and a real SQLite ledger: the
// audience report, the preview that is byte for byte what the provider receives, the estimate checked
// against the spend limits, a declined confirmation, a budget refusal before the first send, pause /
// resume / cancel, failed items re-run, unknown items decided by a person, the CSV export, a test send,
// and a journalled campaign opened again.

#include "engine/campaignjournal.h"
#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/spendguard.h"
#include "integrations/resend/resendclient.h"
#include "simulatedproviders.h"
#include "ui/campaignitemsmodel.h"
#include "ui/campaignpanel.h"
#include "ui/campaignsenderform.h"
#include "ui/messagebanner.h"
#include "ui/supabaserecipientsdialog.h"
#include "ui/suppressionsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;
using namespace std::chrono_literals;

class CampaignPanelTest : public QObject
{
    Q_OBJECT

    struct Rig
    {
        QTemporaryDir dir;
        std::unique_ptr<test::SimulatedProviders> providers;
        std::unique_ptr<Database> database;
        std::unique_ptr<Ledger> ledger;
        std::unique_ptr<PriceBook> prices;
        std::unique_ptr<SpendGuard> guard;
        std::unique_ptr<CampaignPanel> panel;
        QStringList questions;
        bool answer = true;
    };

    sim::ProviderSimulator m_sim{8};

    std::unique_ptr<Rig> rig()
    {
        auto r = std::make_unique<Rig>();
        r->providers =
            std::make_unique<test::SimulatedProviders>(m_sim, r->dir.filePath(QStringLiteral("s.ini")));
        const QString valid = QStringLiteral("sim-valid");
        if (!r->providers->use(ProviderId::Resend, {{QStringLiteral("api_key"), valid}}) ||
            !r->providers->use(ProviderId::Anthropic, {{QStringLiteral("api_key"), valid}}) ||
            !r->providers->use(ProviderId::Supabase,
                               {{QStringLiteral("project_url"), QStringLiteral("https://demo.supabase.co")},
                                {QStringLiteral("api_key"), valid}}))
            return nullptr;
        r->providers->core.setPacing(ProviderId::Anthropic, PacingConfig{});
        r->providers->core.setPacing(ProviderId::Resend, PacingConfig{50, 1, 0});
        auto opened =
            Database::open(DatabaseConfig::sqlite(r->dir.filePath(QStringLiteral("ledger.sqlite"))));
        if (!opened)
            return nullptr;
        r->database = std::move(opened).value();
        r->ledger = std::make_unique<Ledger>(*r->database);
        r->prices = std::make_unique<PriceBook>(*r->database);
        r->guard = std::make_unique<SpendGuard>(*r->database, *r->ledger, *r->prices);
        r->providers->core.setBudgetHook(r->guard.get());
        r->panel = std::make_unique<CampaignPanel>(*r->database, r->providers->hub, r->providers->settings,
                                                   r->guard.get(), r->ledger.get());
        Rig* raw = r.get();
        r->panel->setConfirmation([raw](const QString& question) {
            raw->questions.append(question);
            return raw->answer;
        });
        return r;
    }

    static RecipientFields person(int i, const QString& first = {})
    {
        return {{QStringLiteral("email"), QStringLiteral("lead%1@acme.com.au").arg(i)},
                {QStringLiteral("first_name"), first.isNull() ? QStringLiteral("Lead%1").arg(i) : first},
                {QStringLiteral("company"), QStringLiteral("Acme %1").arg(i)}};
    }

    static void fillEmailCampaign(CampaignPanel& panel, const QString& name)
    {
        panel.setName(name);
        panel.setChannel(CampaignChannel::Email);
        auto* from = qobject_cast<QLineEdit*>(panel.senderForm()->field(QStringLiteral("from")));
        QVERIFY(from);
        from->setText(QStringLiteral("Agency <ops@mail1.agency.example>"));
        panel.setSubject(QStringLiteral("Hello {{first_name}}"));
        panel.setMessageTemplate(QStringLiteral("Hi {{first_name}}, a word about {{company}}."));
    }

    static bool previewed(CampaignPanel& panel)
    {
        QSignalSpy spy(&panel, &CampaignPanel::previewUpdated);
        panel.refreshPreview();
        return !spy.isEmpty() || spy.wait(10000); // a preview with nothing to wait for is done at once
    }

    template<typename T>
    static T* child(CampaignPanel& panel, const char* name)
    {
        return panel.findChild<T*>(QString::fromLatin1(name));
    }

    static bool finished(CampaignPanel& panel)
    {
        return panel.runner() && panel.runner()->state() != CampaignRunner::State::Running;
    }

    // Resend's "to" is a string for one address, a list for several.
    static QString firstRecipient(const QJsonObject& email)
    {
        const QJsonValue to = email.value(u"to");
        return to.isArray() ? to.toArray().at(0).toString() : to.toString();
    }

    QList<QJsonObject> sentEmails()
    {
        QList<QJsonObject> emails;
        for (const auto& request : m_sim.requestLog(ProviderId::Resend)) {
            if (request.method == "POST" && request.path.endsWith(u"/emails"))
                emails.append(QJsonDocument::fromJson(request.body).object());
        }
        return emails;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }
    void init() { m_sim.reset(); }

    void audienceAndPreview()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Spring"));
        r->panel->addRecipients({person(1),
                                 person(2),
                                 person(1),
                                 {{QStringLiteral("email"), QStringLiteral("not-an-address")}},
                                 person(3, QStringLiteral(""))},
                                QStringLiteral("test rows"));
        const AudienceCounts& counts = r->panel->audience().counts;
        QCOMPARE(counts.ready, 3);
        QCOMPARE(counts.duplicate, 1);
        QCOMPARE(counts.invalid, 1);
        QVERIFY(
            child<QLabel>(*r->panel, "recipientSummaryLabel")->text().contains(QStringLiteral("3 ready")));
        auto* heldBack = child<QTableWidget>(*r->panel, "heldBackTable");
        QCOMPARE(heldBack->rowCount(), 2);
        QCOMPARE(heldBack->item(0, 0)->text(), QStringLiteral("4")); // the CSV line: header is line 1

        QVERIFY(previewed(*r->panel));
        const QString preview = r->panel->previewText();
        QVERIFY2(preview.startsWith(QStringLiteral("POST /emails")), qPrintable(preview));
        QVERIFY(preview.contains(QStringLiteral("Authorization: Bearer [REDACTED]")));
        QVERIFY(preview.contains(QStringLiteral("Idempotency-Key: agency-")));
        QVERIFY(preview.contains(QStringLiteral("lead1@acme.com.au")));
        QVERIFY(!preview.contains(QStringLiteral("sim-valid")));
        const CampaignEstimate estimate = r->panel->estimate().value();
        QCOMPARE(estimate.messages, 2);
        QCOMPARE(estimate.blocked, 1); // lead3 has no first name for the subject
        QVERIFY(estimate.budgetChecked);
        QVERIFY(child<QLabel>(*r->panel, "budgetLabel")->text().contains(QStringLiteral("fits")));
        // The blocked recipient's preview says why, and nothing was asked of the provider.
        r->panel->setPreviewRecipient(2);
        QVERIFY2(r->panel->previewText().contains(QStringLiteral("first_name")),
                 qPrintable(r->panel->previewText()));
        QVERIFY(m_sim.requestLog(ProviderId::Resend).isEmpty());
    }

    void previewIsWhatTheProviderReceives()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Exact"));
        r->panel->addRecipients({person(1), person(2)}, QStringLiteral("rows"));
        QVERIFY(previewed(*r->panel));
        r->panel->setPreviewRecipient(1);
        const QString preview = r->panel->previewText();
        const QString body = preview.mid(preview.indexOf(QStringLiteral("\n\n")) + 2);
        const QJsonObject previewed = QJsonDocument::fromJson(body.toUtf8()).object();
        QVERIFY(!previewed.isEmpty());
        const QString key = preview.section(QStringLiteral("Idempotency-Key: "), 1).section(u'\n', 0, 0);

        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 15000);
        QCOMPARE(r->panel->runner()->state(), CampaignRunner::State::Completed);
        QCOMPARE(r->questions.size(), 1);
        QVERIFY(r->questions.first().contains(QStringLiteral("Send 2 messages")));
        bool found = false;
        for (const auto& request : m_sim.requestLog(ProviderId::Resend)) {
            const QJsonObject received = QJsonDocument::fromJson(request.body).object();
            if (firstRecipient(received) != u"lead2@acme.com.au")
                continue;
            found = true;
            QCOMPARE(received, previewed);
            for (const auto& header : request.headers) {
                if (header.first.compare("Idempotency-Key", Qt::CaseInsensitive) == 0)
                    QCOMPARE(QString::fromUtf8(header.second), key);
            }
        }
        QVERIFY(found);
        QCOMPARE(r->panel->itemsModel()->itemCount(), 2);
        QVERIFY(child<QLabel>(*r->panel, "countsLabel")->text().contains(QStringLiteral("2 sent")));
        QCOMPARE(child<QProgressBar>(*r->panel, "campaignProgress")->value(), 2);
    }

    void declinedConfirmationSendsNothing()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Declined"));
        r->panel->addRecipients({person(1)}, QStringLiteral("rows"));
        r->answer = false;
        QSignalSpy spy(r->panel.get(), &CampaignPanel::previewUpdated);
        r->panel->start();
        QTRY_COMPARE_WITH_TIMEOUT(r->questions.size(), 1, 10000);
        QTest::qWait(100);
        QVERIFY(m_sim.requestLog(ProviderId::Resend).isEmpty());
        CampaignJournal journal(*r->database);
        QVERIFY(journal.campaigns()->isEmpty());
        QCOMPARE(r->panel->campaignId(), 0);
    }

    void budgetRefusalBeforeTheFirstSend()
    {
        auto r = rig();
        QVERIFY(r);
        QVERIFY(r->guard->setLimit(
            {LimitScope::Provider, QStringLiteral("resend"), SpendPeriod::Day, Money::aud(1)}));
        fillEmailCampaign(*r->panel, QStringLiteral("Broke"));
        r->panel->addRecipients({person(1), person(2)}, QStringLiteral("rows"));
        QVERIFY(previewed(*r->panel));
        QVERIFY2(child<QLabel>(*r->panel, "budgetLabel")->text().contains(QStringLiteral("stopped")),
                 qPrintable(child<QLabel>(*r->panel, "budgetLabel")->text()));
        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 10000);
        QVERIFY(r->questions.first().contains(QStringLiteral("spend limits will stop it")));
        QCOMPARE(r->panel->runner()->state(), CampaignRunner::State::Paused);
        QVERIFY(child<QLabel>(*r->panel, "waitingLabel")->text().contains(QStringLiteral("Paused")));
        QVERIFY(m_sim.requestLog(ProviderId::Resend).isEmpty());
        QVERIFY(child<QPushButton>(*r->panel, "resumeButton")->isEnabled());
    }

    void pauseResumeCancel()
    {
        auto r = rig();
        QVERIFY(r);
        m_sim.setLatency(ProviderId::Resend, 60ms);
        fillEmailCampaign(*r->panel, QStringLiteral("Paced"));
        QList<RecipientFields> rows;
        for (int i = 0; i < 12; ++i)
            rows.append(person(i));
        r->panel->addRecipients(rows, QStringLiteral("rows"));
        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(r->panel->runner() && r->panel->runner()->progress().counts.sent >= 2,
                                 10000);
        child<QPushButton>(*r->panel, "pauseButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 10000);
        QCOMPARE(r->panel->runner()->state(), CampaignRunner::State::Paused);
        QTest::qWait(300); // the request in flight when Pause was pressed is recorded
        const int sentAtPause = r->panel->runner()->progress().counts.sent;
        QCOMPARE(int(sentEmails().size()), sentAtPause);
        QTest::qWait(300);
        QCOMPARE(int(sentEmails().size()), sentAtPause); // nothing leaves while paused
        QVERIFY(child<QPushButton>(*r->panel, "resumeButton")->isEnabled());
        child<QPushButton>(*r->panel, "resumeButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(r->panel->runner()->progress().counts.sent >= sentAtPause + 2, 10000);
        child<QPushButton>(*r->panel, "cancelButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 10000);
        QCOMPARE(r->panel->runner()->state(), CampaignRunner::State::Cancelled);
        // The request cut by Cancel is recorded when its abort comes back; Resend's key makes it safe
        // to leave pending (a later send is a replay).
        QTRY_COMPARE_WITH_TIMEOUT(r->panel->runner()->progress().counts.sending, 0, 5000);
        const JournalCounts counts = r->panel->runner()->progress().counts;
        QCOMPARE(counts.total(), 12);
        QVERIFY(counts.pending > 0);
        QVERIFY(int(sentEmails().size()) >= counts.sent);
        QVERIFY(int(sentEmails().size()) <= counts.sent + counts.unknown + 1);
    }

    void failedRerunUnknownDecidedAndExported()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Faults"));
        r->panel->addRecipients({person(1), person(2), person(3)}, QStringLiteral("rows"));
        // Three 500s in a row: the first item's attempts (the core retries twice) all fail.
        m_sim.scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"),
                             {sim::Fault{sim::FaultKind::ServerError500},
                              sim::Fault{sim::FaultKind::ServerError500},
                              sim::Fault{sim::FaultKind::ServerError500}});
        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 30000);
        JournalCounts counts = r->panel->runner()->progress().counts;
        QCOMPARE(counts.failed, 1);
        QCOMPARE(counts.sent, 2);

        // The filter shows the failed one; the export writes what is shown.
        auto* filter = child<QComboBox>(*r->panel, "stateFilterCombo");
        filter->setCurrentIndex(filter->findData(int(ItemState::Failed)));
        QCOMPARE(r->panel->itemsFilter()->rowCount(), 1);
        const QString path = r->dir.filePath(QStringLiteral("failed.csv"));
        QVERIFY(r->panel->exportResults(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.first().startsWith(QStringLiteral("recipient,state,attempts")));
        QVERIFY(lines.at(1).contains(QStringLiteral(",failed,")));

        // Re-run failed: only that one is sent again.
        const qsizetype before = sentEmails().size();
        child<QPushButton>(*r->panel, "rerunFailedButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            finished(*r->panel) && r->panel->runner()->state() == CampaignRunner::State::Completed, 15000);
        QCOMPARE(r->panel->runner()->progress().counts.sent, 3);
        QCOMPARE(sentEmails().size(), before + 1);

        // An item a crash left unknown: a person checked Resend's log and says it was delivered.
        CampaignJournal journal(*r->database);
        QVERIFY(journal.addItems(
            r->panel->campaignId(),
            {NewItem{QStringLiteral("late@acme.com.au"),
                     QJsonObject{{QStringLiteral("email"), QStringLiteral("late@acme.com.au")}}, 0}}));
        auto items = journal.items(r->panel->campaignId(), ItemPage{ItemState::Pending, 0, 10});
        QCOMPARE(items->size(), 1);
        QVERIFY(journal.beginSend(items->first().id));
        QVERIFY(journal.markUnknown(items->first().id, QStringLiteral("the console was killed")));
        r->panel->reloadItems();
        filter->setCurrentIndex(filter->findData(int(ItemState::Unknown)));
        QCOMPARE(r->panel->itemsFilter()->rowCount(), 1);
        auto* table = child<QTableView>(*r->panel, "itemsTable");
        table->selectRow(0);
        r->panel->decideSelectedUnknown(true);
        QCOMPARE(journal.item(items->first().id)->state, ItemState::Sent);
        QCOMPARE(r->panel->itemsFilter()->rowCount(), 0);
    }

    void deliveryStatusIsShown()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Delivered"));
        r->panel->addRecipients({person(1), person(2)}, QStringLiteral("rows"));
        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 15000);
        auto* check = child<QPushButton>(*r->panel, "checkDeliveryButton");
        QVERIFY(check->isEnabled());
        check->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(*r->panel, "tableNoteLabel")->text().startsWith(QStringLiteral("Delivery:")),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !r->panel->itemsModel()->index(0, CampaignItemsModel::DeliveryColumn).data().toString().isEmpty(),
            10000);
        const QString csvPath = r->dir.filePath(QStringLiteral("all.csv"));
        QVERIFY(r->panel->exportResults(csvPath));
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readLine().contains("sent_at,delivery,error"));
    }

    void testSendGoesToTheTesterOnce()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Tested"));
        r->panel->addRecipients({person(7)}, QStringLiteral("rows"));
        QSignalSpy done(r->panel.get(), &CampaignPanel::testSendFinished);
        r->panel->sendTest(QStringLiteral("not an address"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QVERIFY2(done.last().first().toString().contains(QStringLiteral("will not do")),
                 qPrintable(done.last().first().toString()));
        r->panel->sendTest(QStringLiteral("Me@Agency.com.au"));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 10000);
        QCOMPARE(done.last().first().toString(), QStringLiteral("Test sent."));
        const QList<QJsonObject> emails = sentEmails();
        QCOMPARE(emails.size(), 1);
        QCOMPARE(firstRecipient(emails.first()), QStringLiteral("me@agency.com.au"));
        QCOMPARE(emails.first().value(u"subject").toString(),
                 QStringLiteral("Hello Lead7")); // lead 7's fields
        // The campaign itself has not started: nothing of it is journalled.
        QCOMPARE(r->panel->campaignId(), 0);
        CampaignJournal journal(*r->database);
        const auto all = journal.campaigns().value();
        QCOMPARE(all.size(), 1);
        QVERIFY(all.first().uid.endsWith(QStringLiteral(":test")));
    }

    void journalledCampaignOpensAgain()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Reopen"));
        CampaignThrottles throttles;
        throttles.dailyCap = 40;
        throttles.windowFrom = QTime(0, 0); // open all day: the test runs at any hour
        throttles.windowTo = QTime(23, 59);
        r->panel->setThrottles(throttles);
        r->panel->addRecipients({person(1)}, QStringLiteral("rows"));
        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 15000);
        const CampaignId id = r->panel->campaignId();
        QVERIFY(id > 0);
        r->panel->newCampaign();
        QCOMPARE(r->panel->itemsModel()->itemCount(), 0);
        auto* list = child<QListWidget>(*r->panel, "campaignList");
        QCOMPARE(list->count(), 1);
        QVERIFY(r->panel->openCampaign(id));
        QCOMPARE(child<QLineEdit>(*r->panel, "campaignNameEdit")->text(), QStringLiteral("Reopen"));
        QCOMPARE(child<QLineEdit>(*r->panel, "subjectEdit")->text(), QStringLiteral("Hello {{first_name}}"));
        QCOMPARE(r->panel->throttles().dailyCap, 40);
        QCOMPARE(r->panel->throttles().windowTo, QTime(23, 59));
        QCOMPARE(r->panel->itemsModel()->itemCount(), 1);
        QCOMPARE(r->panel->itemsModel()->item(0).state, ItemState::Sent);
    }

    void doNotContactListHoldsRecipientsBack()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Careful"));
        r->panel->addRecipients({person(1), person(2), person(3)}, QStringLiteral("rows"));
        QCOMPARE(r->panel->audience().counts.ready, 3);
        SuppressionsDialog* dialog = r->panel->openSuppressions();
        dialog->setKind(SuppressionKind::Email);
        dialog->setReason(SuppressionReason::Unsubscribe);
        dialog->addValues(QStringLiteral("LEAD2@acme.com.au\nnot an address"));
        QVERIFY2(dialog->statusText().contains(QStringLiteral("1 added")), qPrintable(dialog->statusText()));
        QVERIFY(dialog->statusText().contains(QStringLiteral("not an address")));
        QCOMPARE(r->panel->audience().counts.suppressed, 1); // checked again at once
        QCOMPARE(r->panel->audience().counts.ready, 2);
        // A whole domain blocks everyone at it.
        dialog->setKind(SuppressionKind::Domain);
        dialog->setReason(SuppressionReason::Block);
        dialog->addValues(QStringLiteral("acme.com.au"));
        QCOMPARE(r->panel->audience().counts.ready, 0);
        QCOMPARE(dialog->table()->rowCount(), 2);
        // Removing the domain lets the others through again.
        dialog->table()->selectRow(0); // newest first: the domain
        dialog->removeSelected();
        QCOMPARE(dialog->table()->rowCount(), 1);
        QCOMPARE(r->panel->audience().counts.ready, 2);
        QVERIFY(m_sim.requestLog(ProviderId::Resend).isEmpty());
    }

    void recipientsFromSupabase()
    {
        auto r = rig();
        QVERIFY(r);
        r->panel->setChannel(CampaignChannel::Email);
        SupabaseRecipientsDialog* dialog = r->panel->openSupabaseRecipients();
        auto* load = dialog->findChild<QPushButton*>(QStringLiteral("loadButton"));
        // A filter PostgREST would not take is refused as it is typed; nothing is sent.
        dialog->setFilter(QStringLiteral("status=contains.new"));
        QVERIFY(!load->isEnabled());
        QVERIFY(!dialog->problemText().isEmpty());
        // An unknown table: PostgREST's refusal names it.
        dialog->setFilter(QString());
        dialog->setTable(QStringLiteral("prospects"));
        QSignalSpy failed(dialog, &SupabaseRecipientsDialog::failed);
        dialog->load();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("prospects")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(r->panel->audience().counts.total(), 0);
        // The agency's leads, five of them: they join the campaign's recipients.
        dialog->setTable(QStringLiteral("leads"));
        dialog->findChild<QSpinBox*>(QStringLiteral("maxRowsSpin"))->setValue(5);
        dialog->load();
        QTRY_COMPARE_WITH_TIMEOUT(r->panel->audience().counts.total(), 5, 10000);
        QVERIFY(
            child<QLabel>(*r->panel, "recipientSummaryLabel")->text().contains(QStringLiteral("Supabase")));
    }

    void aiDraftIsPreviewedThenSentAsIs()
    {
        auto r = rig();
        QVERIFY(r);
        fillEmailCampaign(*r->panel, QStringLiteral("Personal"));
        r->panel->setMessageTemplate(QStringLiteral("{{ai_line}}\n\nHi {{first_name}}."));
        r->panel->addRecipients({person(1), person(2)}, QStringLiteral("rows"));
        QVERIFY(previewed(*r->panel));
        QCOMPARE(r->panel->estimate()->blocked, 2); // no draft yet: never sent with a hole
        r->panel->setPersonalisation(QStringLiteral("One friendly line for {{first_name}} at {{company}}."));
        QSignalSpy done(r->panel.get(), &CampaignPanel::personalised);
        r->panel->setPreviewRecipient(1);
        r->panel->personalisePreview();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 15000);
        QVERIFY2(done.last().first().toString().startsWith(QStringLiteral("1 drafted")),
                 qPrintable(done.last().first().toString()));
        const auto drafts = [this] {
            int calls = 0;
            for (const auto& request : m_sim.requestLog(ProviderId::Anthropic))
                calls += request.path.endsWith(u"/messages") ? 1 : 0;
            return calls;
        };
        QCOMPARE(drafts(), 1);
        const QString draft =
            r->panel->audience().entries.at(1).recipient.fields.value(QStringLiteral("ai_line"));
        QVERIFY(!draft.isEmpty());
        QVERIFY(previewed(*r->panel));
        QVERIFY2(r->panel->previewText().contains(QString(QJsonValue(draft).toString()).left(20)),
                 qPrintable(r->panel->previewText()));
        QCOMPARE(r->panel->estimate()->blocked, 1);

        // All of them: the previewed draft is kept (no second call), the other one drafted.
        r->panel->personaliseAll();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 15000);
        QCOMPARE(drafts(), 2);
        QVERIFY(r->questions.last().contains(QStringLiteral("1 drafts")));
        QVERIFY(previewed(*r->panel));
        QCOMPARE(r->panel->estimate()->blocked, 0);
        r->panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r->panel), 15000);
        QCOMPARE(r->panel->runner()->state(), CampaignRunner::State::Completed);
        bool sentTheDraft = false;
        for (const QJsonObject& email : sentEmails()) {
            if (firstRecipient(email) == u"lead2@acme.com.au")
                sentTheDraft = email.value(u"text").toString().startsWith(draft);
        }
        QVERIFY(sentTheDraft);
    }
};

QTEST_MAIN(CampaignPanelTest)
#include "tst_campaign_panel.moc"
