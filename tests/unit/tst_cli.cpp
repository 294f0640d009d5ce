// The agency-console command line, run as a real process.

#include "engine/spendguard.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
