// The agency-console command line, run as a real process.

#include "engine/spendguard.h"
#include "providersimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT
private:
    struct Run
    {
        int exitCode;
        QString out;
        QString err;
    };
    QTemporaryDir m_home; // the console's data and settings folders, so the real ones are never touched

    QString ledgerPath() const
    {
        return m_home.filePath(QStringLiteral("data/AgencyOS/agency-console/ledger.sqlite"));
    }

    Run run(const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        environment.remove(QStringLiteral("DISPLAY")); // these commands must not need a display
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(AGENCY_CONSOLE_EXE), arguments);
        if (!process.waitForFinished(60000))
            return {-1, {}, QStringLiteral("timed out")};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

private Q_SLOTS:
    void version()
    {
        const Run result = run({QStringLiteral("--version")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("agency-console " AGENCY_VERSION)),
                 qPrintable(result.out));
    }

    void help()
    {
        const Run result = run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("Usage:")));
        QVERIFY(result.out.contains(QStringLiteral("--version")));
        QVERIFY(result.out.contains(QStringLiteral("watch spend")));
    }

    void unknownOption()
    {
        const Run result = run({QStringLiteral("--frobnicate")});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("frobnicate")), qPrintable(result.err));
    }

    void unknownCommand()
    {
        const Run result = run({QStringLiteral("launch-rockets")});
        QCOMPARE(result.exitCode, 64);
        QVERIFY(result.err.contains(QStringLiteral("launch-rockets")));
    }

    // The console runs while this process serves the simulator, so the wait must not block the loop.
    Run runWithSimulator(const QStringList& arguments, const QProcessEnvironment& extra)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        for (const QString& key : extra.keys())
            environment.insert(key, extra.value(key));
        process.setProcessEnvironment(environment);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(AGENCY_CONSOLE_EXE), arguments);
        if (!finished.wait(60000))
            return {-1, {}, QStringLiteral("timed out")};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    void enrichOneLeadThroughTheWaterfall()
    {
        agency::sim::ProviderSimulator simulator(5);
        QVERIFY(simulator.listen());
        QProcessEnvironment environment;
        // A data folder of its own, so this ledger is not the one the spend test counts.
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("enrich-data")));
        environment.insert(QStringLiteral("AGENCY_APOLLO_API_KEY"), QStringLiteral("sim-valid"));
        environment.insert(QStringLiteral("AGENCY_APOLLO_BASE_URL"),
                           simulator.baseUrl(agency::ProviderId::Apollo).toString());
        const QStringList lookup{QStringLiteral("enrich"),
                                 QStringLiteral("--email"),
                                 QStringLiteral("jane.citizen@acme.com.au"),
                                 QStringLiteral("--profile"),
                                 QStringLiteral("sandbox"),
                                 QStringLiteral("--json")};
        const Run first = runWithSimulator(lookup, environment);
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        const QJsonObject found = QJsonDocument::fromJson(first.out.toUtf8()).object();
        QCOMPARE(found.value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("email"))
                     .toObject()
                     .value(QStringLiteral("source"))
                     .toString(),
                 QStringLiteral("apollo"));
        QCOMPARE(found.value(QStringLiteral("tried")).toArray().size(), 1);
        QCOMPARE(simulator.requestLog(agency::ProviderId::Apollo).size(), 1);
        // Again: this computer's cache answers, at no cost, and nothing is sent.
        const Run again = runWithSimulator(lookup, environment);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(
            QJsonDocument::fromJson(again.out.toUtf8()).object().value(QStringLiteral("cached")).toBool(),
            true);
        QCOMPARE(
            QJsonDocument::fromJson(again.out.toUtf8()).object().value(QStringLiteral("cost_aud")).toString(),
            QStringLiteral("0.00"));
        QCOMPARE(simulator.requestLog(agency::ProviderId::Apollo).size(), 1);
        // Text output; and a request that cannot be looked up is refused before anything is sent.
        const Run bad =
            runWithSimulator({QStringLiteral("enrich"), QStringLiteral("--email"), QStringLiteral("jane@"),
                              QStringLiteral("--profile"), QStringLiteral("sandbox")},
                             environment);
        QCOMPARE(bad.exitCode, 64);
        QVERIFY2(bad.err.contains(QStringLiteral("not an email address")), qPrintable(bad.err));
        QCOMPARE(simulator.requestLog(agency::ProviderId::Apollo).size(), 1);
        const Run none = runWithSimulator({QStringLiteral("enrich")}, environment);
        QCOMPARE(none.exitCode, 64);
        // The lookup went through the console's spend guard: its ledger holds Apollo's cost.
        auto database = agency::Database::open(agency::DatabaseConfig::sqlite(
            m_home.filePath(QStringLiteral("enrich-data/AgencyOS/agency-console/ledger.sqlite"))));
        QVERIFY(database);
        agency::Ledger ledger(*database.value());
        agency::LedgerFilter apollo;
        apollo.provider = agency::ProviderId::Apollo;
        QCOMPARE(ledger.events(apollo, 10).value().size(), 1);
    }

    // A bulk run killed with SIGKILL, then the same command again: it resumes from its journal, every
    // lead is asked of Apollo exactly once, and the output has every row.
    void bulkRunKilledThenResumedPaysOnce()
    {
        agency::sim::ProviderSimulator simulator(9);
        QVERIFY(simulator.listen());
        simulator.setLatency(agency::ProviderId::Apollo,
                             std::chrono::milliseconds(40)); // slow enough to be killed mid-run
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("bulk-data")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("bulk-cache")));
        environment.insert(QStringLiteral("AGENCY_APOLLO_API_KEY"), QStringLiteral("sim-valid"));
        environment.insert(QStringLiteral("AGENCY_APOLLO_BASE_URL"),
                           simulator.baseUrl(agency::ProviderId::Apollo).toString());
        const QString input = m_home.filePath(QStringLiteral("leads.csv"));
        const QString output = m_home.filePath(QStringLiteral("leads-enriched.csv"));
        {
            QFile file(input);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email,First name,Note\r\n");
            for (int i = 1; i <= 60; ++i)
                file.write(QStringLiteral("lead%1@acme.com.au,Lead %1,\"row, %1\"\r\n").arg(i).toUtf8());
            file.write("lead7@acme.com.au,Again,duplicate\r\n");
            file.write("not-an-email,Bad,invalid\r\n");
        }
        const QStringList command{QStringLiteral("enrich"),
                                  QStringLiteral("--csv"),
                                  input,
                                  QStringLiteral("--out"),
                                  output,
                                  QStringLiteral("--yes"),
                                  QStringLiteral("--profile"),
                                  QStringLiteral("sandbox")};
        {
            QProcess process;
            QProcessEnvironment full = QProcessEnvironment::systemEnvironment();
            full.remove(QStringLiteral("DISPLAY"));
            full.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
            for (const QString& key : environment.keys())
                full.insert(key, environment.value(key));
            process.setProcessEnvironment(full);
            process.start(QStringLiteral(AGENCY_CONSOLE_EXE), command);
            QVERIFY(process.waitForStarted());
            // Kill it once some rows are answered (its progress lines say so), without a chance to tidy up.
            QTRY_VERIFY_WITH_TIMEOUT(simulator.requestLog(agency::ProviderId::Apollo).size() >= 15, 30000);
            process.kill();
            QSignalSpy finished(&process, &QProcess::finished);
            QVERIFY(finished.wait(10000) || process.state() == QProcess::NotRunning);
        }
        QVERIFY(simulator.requestLog(agency::ProviderId::Apollo).size() < 60);
        const Run resumed = runWithSimulator(command, environment);
        QVERIFY2(resumed.err.contains(QStringLiteral("Resuming")), qPrintable(resumed.err));
        // Never twice behind the user's back: what was in flight at the kill is "in doubt", not re-sent.
        QHash<QString, int> asked;
        for (const auto& request : simulator.requestLog(agency::ProviderId::Apollo))
            ++asked[QJsonDocument::fromJson(request.body).object().value(QStringLiteral("email")).toString()];
        for (auto it = asked.begin(); it != asked.end(); ++it)
            QVERIFY2(it.value() == 1,
                     qPrintable(it.key() + QStringLiteral(" was asked %1 times").arg(it.value())));
        const QRegularExpressionMatch doubt =
            QRegularExpression(QStringLiteral("(\\d+) rows are in doubt")).match(resumed.err);
        const int inDoubt = doubt.hasMatch() ? doubt.captured(1).toInt() : 0;
        if (inDoubt > 0) {
            QCOMPARE(resumed.exitCode, 1);
            // The user's call: ask for them anyway. Only those are asked a second time.
            const Run retried =
                runWithSimulator(command + QStringList{QStringLiteral("--retry-in-doubt")}, environment);
            QVERIFY2(retried.exitCode == 0, qPrintable(retried.err));
        } else {
            QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        }
        QHash<QString, int> total;
        for (const auto& request : simulator.requestLog(agency::ProviderId::Apollo))
            ++total[QJsonDocument::fromJson(request.body).object().value(QStringLiteral("email")).toString()];
        QCOMPARE(total.size(), 60);
        // A row in doubt may never have left (it was waiting for the pacer at the kill): asked again,
        // it is asked once in all. Only rows in doubt can have been asked twice.
        const int asks = int(simulator.requestLog(agency::ProviderId::Apollo).size());
        QVERIFY2(asks >= 60 && asks <= 60 + inDoubt, qPrintable(QString::number(asks)));
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 63); // the header and every input row
        QVERIFY(lines.at(1).startsWith(
            QStringLiteral("lead1@acme.com.au,Lead 1,\"row, 1\",lead1@acme.com.au,apollo")));
        QVERIFY2(lines.at(61).contains(QStringLiteral("the same lead as row 8")), qPrintable(lines.at(61)));
        QVERIFY2(lines.at(62).endsWith(QStringLiteral(",skipped")), qPrintable(lines.at(62)));
    }

    void spendAgainstLimits()
    {
        const Run empty = run({QStringLiteral("spend"), QStringLiteral("--json")});
        QCOMPARE(empty.exitCode, 0);
        const QJsonObject first = QJsonDocument::fromJson(empty.out.toUtf8()).object();
        QCOMPARE(first.value(QStringLiteral("total_aud")).toString(), QStringLiteral("0.00"));
        QCOMPARE(first.value(QStringLiteral("time_zone")).toString(), QStringLiteral("Australia/Sydney"));
        QCOMPARE(first.value(QStringLiteral("hard_limit_reached")).toBool(), false);

        // The console made its ledger; another console (this test) sets a limit and spends up to it.
        {
            auto database = agency::Database::open(agency::DatabaseConfig::sqlite(ledgerPath()));
            QVERIFY(database);
            agency::Ledger ledger(*database.value());
            agency::PriceBook prices(*database.value());
            agency::SpendGuard guard(*database.value(), ledger, prices);
            QVERIFY(guard.setLimit({agency::LimitScope::Provider, QStringLiteral("resend"),
                                    agency::SpendPeriod::Day, agency::Money::aud(2'000'000)}));
            QVERIFY(guard.setLimit(
                {agency::LimitScope::Overall, {}, agency::SpendPeriod::Day, agency::Money::aud(1'000'000)}));
            agency::CostEvent event;
            event.provider = agency::ProviderId::Resend;
            event.operation = QStringLiteral("send_email");
            event.units = 1;
            event.amount = agency::Money::aud(1'000'000);
            event.source = agency::CostSource::Reported;
            QVERIFY(guard.chargeNow(event));
        }
        const Run text = run({QStringLiteral("spend")});
        QCOMPARE(text.exitCode, 2);
        QVERIFY2(text.out.contains(QStringLiteral("Resend")) && text.out.contains(QStringLiteral("A$1.00")) &&
                     text.out.contains(QStringLiteral("of A$2.00 (50 %)")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("Hard limit reached: the overall daily limit")),
                 qPrintable(text.out));
        const Run month = run({QStringLiteral("spend"), QStringLiteral("--period"), QStringLiteral("month"),
                               QStringLiteral("--json")});
        QCOMPARE(month.exitCode, 2);
        const QJsonObject json = QJsonDocument::fromJson(month.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("total_aud")).toString(), QStringLiteral("1.00"));
        QCOMPARE(json.value(QStringLiteral("hard_limit_reached")).toBool(), true);
        QCOMPARE(run({QStringLiteral("spend"), QStringLiteral("--period"), QStringLiteral("week")}).exitCode,
                 64);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
