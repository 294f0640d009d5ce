// The agency-console command line, run as a real process.

#include <QProcess>
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
    Run run(const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
