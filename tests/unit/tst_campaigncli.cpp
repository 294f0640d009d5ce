// `agency-console campaign run` as a real process against the simulator: the dry run sends nothing
// and shows the first payload; a 1,000-email campaign killed (SIGKILL) mid-run and run again gives
// every recipient exactly one email (a replay under the same idempotency key is not a second one)
// and leaves no item unexplained; an SMS campaign killed mid-run finds the text in flight in
// Twilio's log and never sends a text twice.

#include "engine/campaignjournal.h"
#include "engine/database.h"
#include "engine/ledger.h"
#include "providersimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace agency;

namespace {

QByteArray headerOf(const sim::RecordedRequest& request, const QByteArray& name)
{
    for (const auto& [key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QStringList addressesIn(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonArray emails = document.isArray() ? document.array() : QJsonArray{document.object()};
    QStringList addresses;
    for (const QJsonValue& email : emails) {
        const QJsonValue to = email.toObject().value(QStringLiteral("to"));
        if (to.isString())
            addresses.append(to.toString());
        for (const QJsonValue& address : to.toArray())
            addresses.append(address.toString());
    }
    return addresses;
}

} // namespace

class TestCampaignCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    QTemporaryDir m_home;

    QString dataHome(const QString& name) const { return m_home.filePath(name + QStringLiteral("-data")); }
    QString ledgerPath(const QString& name) const
    {
        return dataHome(name) + QStringLiteral("/AgencyOS/agency-console/ledger.sqlite");
    }

    QProcessEnvironment environment(const QString& name, const sim::ProviderSimulator& simulator) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome(name));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(name + QStringLiteral("-config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(name + QStringLiteral("-cache")));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("AGENCY_RESEND_API_KEY"), QStringLiteral("sim-valid"));
        env.insert(QStringLiteral("AGENCY_RESEND_BASE_URL"),
                   simulator.baseUrl(ProviderId::Resend).toString());
        env.insert(QStringLiteral("AGENCY_TWILIO_ACCOUNT_SID"),
                   QString(QStringLiteral("AC") + QString(32, u'0')));
        env.insert(QStringLiteral("AGENCY_TWILIO_AUTH_TOKEN"), QStringLiteral("sim-valid"));
        env.insert(QStringLiteral("AGENCY_TWILIO_BASE_URL"),
                   simulator.baseUrl(ProviderId::Twilio).toString());
        return env;
    }

    // Runs the console while this process serves the simulator (the wait keeps the loop turning).
    Run run(const QStringList& arguments, const QProcessEnvironment& env, int timeoutMs = 120000)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(AGENCY_CONSOLE_EXE), arguments);
        if (!finished.wait(timeoutMs))
            return {-1, {}, QStringLiteral("timed out")};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    // Starts the console and SIGKILLs it the moment the `killAt`-th send reaches the simulator: its
    // request has left, its items are journalled `sending`, and its answer is never recorded.
    bool runAndKill(const QStringList& arguments, const QProcessEnvironment& env,
                    sim::ProviderSimulator& simulator, ProviderId provider, int killAt)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        int sends = 0;
        const auto connection =
            connect(&simulator, &sim::ProviderSimulator::requestHandled, this,
                    [&](const sim::RecordedRequest& request) {
                        if (request.provider == provider && request.method == "POST" && ++sends == killAt)
                            process.kill();
                    });
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(AGENCY_CONSOLE_EXE), arguments);
        const bool ended = finished.wait(120000);
        disconnect(connection);
        return ended && process.exitStatus() == QProcess::CrashExit && sends >= killAt;
    }

    QString writeCampaign(const QString& name, const QJsonObject& campaign)
    {
        const QString path = m_home.filePath(name + QStringLiteral(".json"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QJsonDocument(campaign).toJson());
        return path;
    }

    static QJsonObject emailCampaign(const QString& uid, int recipients, int batchSize)
    {
        QJsonArray list;
        for (int i = 0; i < recipients; ++i)
            list.append(QJsonObject{{QStringLiteral("email"), QStringLiteral("lead%1@acme.com.au").arg(i)},
                                    {QStringLiteral("first_name"), QStringLiteral("Lead%1").arg(i)}});
        return QJsonObject{
            {QStringLiteral("uid"), uid},
            {QStringLiteral("name"), QStringLiteral("Crash-proof spring")},
            {QStringLiteral("channel"), QStringLiteral("email")},
            {QStringLiteral("sender"),
             QJsonObject{{QStringLiteral("from"), QStringLiteral("Agency <ops@mail1.agency.example>")},
                         {QStringLiteral("batch"), batchSize > 1},
                         {QStringLiteral("batch_size"), batchSize}}},
            {QStringLiteral("subject"), QStringLiteral("Hello {{first_name}}")},
            {QStringLiteral("template"), QStringLiteral("Hi {{first_name}}, worth a chat?")},
            {QStringLiteral("recipients"), list},
            {QStringLiteral("recent_contact_days"), 0},
        };
    }

    static QStringList command(const QString& file, bool dryRun = false)
    {
        QStringList arguments{QStringLiteral("campaign"), QStringLiteral("run"), file,
                              QStringLiteral("--profile"), QStringLiteral("sandbox")};
        arguments.append(dryRun ? QStringLiteral("--dry-run") : QStringLiteral("--yes"));
        return arguments;
    }

    // Every item of the campaign in the console's ledger.
    QList<JournalItem> journalItems(const QString& name, const QString& uid)
    {
        auto database = Database::open(DatabaseConfig::sqlite(ledgerPath(name)));
        if (!database)
            return {};
        CampaignJournal journal(*database.value());
        auto campaign = journal.campaignByUid(uid);
        if (!campaign || !campaign.value())
            return {};
        ItemPage page;
        page.limit = 100000;
        return journal.items(campaign.value()->id, page).value();
    }

private Q_SLOTS:
    void dryRunSendsNothing()
    {
        sim::ProviderSimulator simulator(3);
        QVERIFY(simulator.listen());
        QJsonObject campaign = emailCampaign(QStringLiteral("dry"), 4, 1);
        QJsonArray recipients = campaign.value(QStringLiteral("recipients")).toArray();
        recipients.append(QJsonObject{{QStringLiteral("email"), QStringLiteral("LEAD1@acme.com.au")},
                                      {QStringLiteral("first_name"), QStringLiteral("Again")}});
        recipients.append(QJsonObject{{QStringLiteral("email"), QStringLiteral("not-an-address")}});
        recipients.append(QJsonObject{{QStringLiteral("email"), QStringLiteral("nofirst@acme.com.au")}});
        campaign.insert(QStringLiteral("recipients"), recipients);
        const QString file = writeCampaign(QStringLiteral("dry"), campaign);
        const Run dry = run(command(file, true) + QStringList{QStringLiteral("--json")},
                            environment(QStringLiteral("dry"), simulator));
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        const QJsonObject report = QJsonDocument::fromJson(dry.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("ready")).toInt(), 5);
        QCOMPARE(report.value(QStringLiteral("duplicate")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("invalid")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("blocked")).toInt(), 1); // no first_name for the subject
        QCOMPARE(report.value(QStringLiteral("request")).toString(), QStringLiteral("POST /emails"));
        const QJsonObject payload =
            QJsonDocument::fromJson(report.value(QStringLiteral("payload")).toString().toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("subject")).toString(), QStringLiteral("Hello Lead0"));
        QCOMPARE(addressesIn(report.value(QStringLiteral("payload")).toString().toUtf8()),
                 QStringList{QStringLiteral("lead0@acme.com.au")});
        QVERIFY(!dry.out.contains(QStringLiteral("sim-valid")));
        QVERIFY(simulator.requestLog().isEmpty());
        QVERIFY(journalItems(QStringLiteral("dry"), QStringLiteral("dry")).isEmpty());

        // The text form names the counts and the redacted request.
        const Run text = run(command(file, true), environment(QStringLiteral("dry"), simulator));
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("5 ready, 1 invalid, 0 suppressed, 1 duplicate")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QStringLiteral("Authorization: Bearer [REDACTED]")));
        QVERIFY(simulator.requestLog().isEmpty());
    }

    void emailKilledMidRunThenResumedSendsEachOnce()
    {
        sim::ProviderSimulator simulator(11);
        QVERIFY(simulator.listen());
        simulator.setRateLimit(ProviderId::Resend, 2, 1); // Resend's own limit: the console stays under it
        simulator.setLatency(ProviderId::Resend, std::chrono::milliseconds(150));
        const int people = 1000;
        const QString uid = QStringLiteral("crash-email");
        const QString file = writeCampaign(uid, emailCampaign(uid, people, 50));
        const QProcessEnvironment env = environment(uid, simulator);
        QVERIFY(runAndKill(command(file), env, simulator, ProviderId::Resend, 6));
        // Killed with one batch in flight: nothing recorded it, its items are in `sending`.
        const QList<JournalItem> atKill = journalItems(uid, uid);
        QCOMPARE(atKill.size(), people);
        int inFlight = 0;
        for (const JournalItem& item : atKill)
            inFlight += item.state == ItemState::Sending ? 1 : 0;
        QCOMPARE(inFlight, 50);
        // A person restarts it (not within Resend's half-second slot of the killed console's last call).
        QTest::qWait(1000);

        const Run resumed = run(command(file), env);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QStringLiteral("Resuming")), qPrintable(resumed.err));
        QVERIFY2(resumed.err.contains(QStringLiteral("50 proven sent")), qPrintable(resumed.err));

        // Every recipient got exactly one email: all the requests carrying them used one key, and a
        // request repeated under its key had the same payload (Resend answers it, sends nothing).
        QHash<QString, QSet<QByteArray>> keys;
        QHash<QByteArray, QByteArray> payloadOfKey;
        int replays = 0;
        int rateLimited = 0;
        for (const sim::RecordedRequest& request : simulator.requestLog(ProviderId::Resend)) {
            if (request.method != "POST")
                continue;
            rateLimited += request.status == 429 ? 1 : 0;
            QCOMPARE(request.status == 200 || request.status == 429, true);
            if (request.status != 200)
                continue;
            const QByteArray key = headerOf(request, "Idempotency-Key");
            QVERIFY(!key.isEmpty());
            if (payloadOfKey.contains(key)) {
                QCOMPARE(payloadOfKey.value(key), request.body);
                ++replays;
            }
            payloadOfKey.insert(key, request.body);
            for (const QString& address : addressesIn(request.body))
                keys[address].insert(key);
        }
        QCOMPARE(rateLimited, 0);
        QCOMPARE(replays, 1);
        QCOMPARE(keys.size(), people);
        for (auto it = keys.cbegin(); it != keys.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(it.key()));
        // Nothing is left unexplained: every item sent, with the provider's id.
        const QList<JournalItem> after = journalItems(uid, uid);
        QCOMPARE(after.size(), people);
        QSet<QString> ids;
        for (const JournalItem& item : after) {
            QCOMPARE(item.state, ItemState::Sent);
            QVERIFY(!item.providerRef.isEmpty());
            ids.insert(item.providerRef);
        }
        QCOMPARE(ids.size(), people);
        // A third run has nothing to do and sends nothing.
        const qsizetype before = simulator.requestLog(ProviderId::Resend).size();
        const Run again = run(command(file), env);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(simulator.requestLog(ProviderId::Resend).size(), before);
    }

    void failedItemsAreSentAgainOnlyWhenAsked()
    {
        sim::ProviderSimulator simulator(13);
        QVERIFY(simulator.listen());
        const QString uid = QStringLiteral("retry-failed");
        QJsonArray list;
        // 0491 570 xxx: numbers Twilio refuses (the simulator's convention) — that text fails.
        for (const char* phone : {"0412000101", "0491570156", "0412000103"})
            list.append(QJsonObject{{QStringLiteral("phone"), QLatin1String(phone)},
                                    {QStringLiteral("first_name"), QStringLiteral("Lee")}});
        const QString file = writeCampaign(
            uid, QJsonObject{{QStringLiteral("uid"), uid},
                             {QStringLiteral("name"), QStringLiteral("Retry failed")},
                             {QStringLiteral("channel"), QStringLiteral("sms")},
                             {QStringLiteral("sender"),
                              QJsonObject{{QStringLiteral("from"), QStringLiteral("+61400000000")}}},
                             {QStringLiteral("template"), QStringLiteral("Hi {{first_name}}")},
                             {QStringLiteral("recipients"), list},
                             {QStringLiteral("recent_contact_days"), 0}});
        const QProcessEnvironment env = environment(uid, simulator);
        const auto textsTo = [&](const QString& number) {
            int count = 0;
            for (const sim::RecordedRequest& request : simulator.requestLog(ProviderId::Twilio))
                count += request.method == "POST" &&
                                 QUrlQuery(QString::fromUtf8(request.body))
                                         .queryItemValue(QStringLiteral("To"), QUrl::FullyDecoded) == number
                             ? 1
                             : 0;
            return count;
        };
        const Run first = run(command(file), env);
        QCOMPARE(first.exitCode, 1);
        QVERIFY2(first.err.contains(QStringLiteral("2 sent, 1 failed")), qPrintable(first.err));
        QCOMPARE(textsTo(QStringLiteral("+61491570156")), 1);
        // Run again: nothing failed is retried behind the user's back, nothing sent is resent.
        const Run again = run(command(file), env);
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(simulator.requestLog(ProviderId::Twilio).size(), 3);
        // Asked to: only the failed one goes again.
        const Run retried = run(command(file) + QStringList{QStringLiteral("--retry-failed")}, env);
        QVERIFY2(retried.err.contains(QStringLiteral("1 failed items will be sent again")),
                 qPrintable(retried.err));
        QCOMPARE(textsTo(QStringLiteral("+61491570156")), 2);
        QCOMPARE(textsTo(QStringLiteral("+61412000101")), 1);
        QCOMPARE(textsTo(QStringLiteral("+61412000103")), 1);
    }

    void smsKilledMidRunNeverSendsTwice()
    {
        sim::ProviderSimulator simulator(12);
        QVERIFY(simulator.listen());
        simulator.setLatency(ProviderId::Twilio, std::chrono::milliseconds(150));
        const QString uid = QStringLiteral("crash-sms");
        QJsonArray list;
        for (int i = 0; i < 12; ++i)
            list.append(QJsonObject{
                {QStringLiteral("phone"), QStringLiteral("04120000%1").arg(i, 2, 10, QChar(u'0'))},
                {QStringLiteral("first_name"), QStringLiteral("Lead%1").arg(i)}});
        const QString file = writeCampaign(
            uid, QJsonObject{{QStringLiteral("uid"), uid},
                             {QStringLiteral("name"), QStringLiteral("Crash-proof SMS")},
                             {QStringLiteral("channel"), QStringLiteral("sms")},
                             {QStringLiteral("sender"),
                              QJsonObject{{QStringLiteral("from"), QStringLiteral("+61400000000")}}},
                             {QStringLiteral("template"), QStringLiteral("Hi {{first_name}}, worth a chat?")},
                             {QStringLiteral("recipients"), list},
                             {QStringLiteral("recent_contact_days"), 0}});
        const QProcessEnvironment env = environment(uid, simulator);
        QVERIFY(runAndKill(command(file), env, simulator, ProviderId::Twilio, 4));
        const Run resumed = run(command(file), env);
        // The text in flight at the kill is looked up in Twilio's log, and never sent again blind.
        QVERIFY2(resumed.err.contains(QStringLiteral("Reconciled 1 items")), qPrintable(resumed.err));
        QHash<QString, int> texts;
        for (const sim::RecordedRequest& request : simulator.requestLog(ProviderId::Twilio)) {
            if (request.method == "POST")
                ++texts[QUrlQuery(QString::fromUtf8(request.body))
                            .queryItemValue(QStringLiteral("To"), QUrl::FullyDecoded)];
        }
        QCOMPARE(texts.size(), 12);
        for (auto it = texts.cbegin(); it != texts.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        // Twilio's log has it (sent before the kill): proven sent, with Twilio's SID, not re-sent.
        QVERIFY2(resumed.err.contains(QStringLiteral("1 proven sent")), qPrintable(resumed.err));
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QSet<QString> sids;
        for (const JournalItem& item : journalItems(uid, uid)) {
            QCOMPARE(item.state, ItemState::Sent);
            QVERIFY(item.providerRef.startsWith(QStringLiteral("SM")));
            sids.insert(item.providerRef);
        }
        QCOMPARE(sids.size(), 12);

        // Status follow-up: Twilio's status for each text, and its price settled in the ledger.
        const Run status =
            run({QStringLiteral("campaign"), QStringLiteral("status"), file, QStringLiteral("--profile"),
                 QStringLiteral("sandbox"), QStringLiteral("--json")},
                env);
        QVERIFY2(status.exitCode == 0, qPrintable(status.err));
        const QJsonObject statuses = QJsonDocument::fromJson(status.out.toUtf8())
                                         .object()
                                         .value(QStringLiteral("statuses"))
                                         .toObject();
        int looked = 0;
        for (auto it = statuses.begin(); it != statuses.end(); ++it)
            looked += it.value().toInt();
        QCOMPARE(looked, 12);
        QCOMPARE(
            QJsonDocument::fromJson(status.out.toUtf8()).object().value(QStringLiteral("errors")).toInt(), 0);
        int gets = 0;
        for (const sim::RecordedRequest& request : simulator.requestLog(ProviderId::Twilio))
            gets += request.method == "GET" && request.path.contains(QStringLiteral("/Messages/")) ? 1 : 0;
        QCOMPARE(gets, 12);
        // Each text is billed once — the one in flight at the kill by the reconciliation, as its
        // console never recorded it — and each estimate corrected once, however often status runs.
        const auto ledgerRows = [&] {
            auto database = Database::open(DatabaseConfig::sqlite(ledgerPath(uid)));
            Ledger ledger(*database.value());
            LedgerFilter twilio;
            twilio.provider = ProviderId::Twilio;
            return ledger.events(twilio, 1000).value();
        };
        QSet<QString> billed;
        int corrections = 0;
        for (const LedgerRow& row : ledgerRows()) {
            if (row.corrects != 0) {
                ++corrections;
                continue;
            }
            QVERIFY2(!billed.contains(row.event.providerReference), qPrintable(row.event.providerReference));
            billed.insert(row.event.providerReference);
        }
        QCOMPARE(billed, sids);
        QVERIFY(corrections > 0);
        const Run statusAgain = run({QStringLiteral("campaign"), QStringLiteral("status"), file,
                                     QStringLiteral("--profile"), QStringLiteral("sandbox")},
                                    env);
        QVERIFY2(statusAgain.exitCode == 0, qPrintable(statusAgain.err));
        QCOMPARE(ledgerRows().size(), billed.size() + corrections);
    }
};

QTEST_GUILESS_MAIN(TestCampaignCli)
#include "tst_campaigncli.moc"
