// The ledger on SQLite (a real file) and on a real PostgreSQL server (started by .ci/with-services):
// migrations, exact money through the database, all-or-none batches, redacted audit entries.

#include "engine/ledger.h"
#include "model/redaction.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;

namespace {

CostEvent resendEmail(const QDateTime& at)
{
    CostEvent event;
    event.at = at;
    event.provider = ProviderId::Resend;
    event.operation = QStringLiteral("send_email");
    event.units = 1;
    event.unit = QStringLiteral("email");
    event.unitPrice = Money::aud(900);
    event.amount = Money::aud(900);
    event.amountAud = Money::aud(900);
    event.staffMember = QStringLiteral("alex");
    return event;
}

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_pgDatabase;

    std::optional<DatabaseConfig> config(const QString& kind, const QString& name)
    {
        if (kind == u"sqlite")
            return DatabaseConfig::sqlite(m_dir.filePath(name + QStringLiteral(".sqlite")));
        if (m_pgDatabase.isEmpty())
            return std::nullopt;
        DatabaseConfig pg;
        pg.kind = DatabaseConfig::Kind::Postgres;
        pg.host = qEnvironmentVariable("AGENCY_TEST_PG_HOST");
        pg.port = qEnvironmentVariableIntValue("AGENCY_TEST_PG_PORT");
        pg.user = qEnvironmentVariable("AGENCY_TEST_PG_USER");
        pg.database = m_pgDatabase;
        return pg;
    }

    // A fresh PostgreSQL database per test function, so every run starts empty.
    std::unique_ptr<Database> openFresh(const QString& kind)
    {
        const QString name = QString::fromLatin1(QTest::currentTestFunction()) + u'_' +
                             QString::fromLatin1(QTest::currentDataTag());
        if (kind == u"postgres") {
            QSqlQuery admin(QSqlDatabase::database(QStringLiteral("pg-admin")));
            m_pgDatabase =
                QStringLiteral("agency_%1_%2").arg(QCoreApplication::applicationPid()).arg(name.toLower());
            admin.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase);
            if (!admin.exec(QStringLiteral("CREATE DATABASE ") + m_pgDatabase))
                qWarning() << admin.lastError().text();
        }
        auto opened = Database::open(*config(kind, name));
        if (!opened.ok())
            qWarning() << opened.error().message;
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST")) {
            QSqlDatabase admin =
                QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
            admin.setHostName(qEnvironmentVariable("AGENCY_TEST_PG_HOST"));
            admin.setPort(qEnvironmentVariableIntValue("AGENCY_TEST_PG_PORT"));
            admin.setUserName(qEnvironmentVariable("AGENCY_TEST_PG_USER"));
            admin.setDatabaseName(qEnvironmentVariable("AGENCY_TEST_PG_DATABASE"));
            QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
        }
    }

    void backends_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void migratesOnceToTheLatestVersion_data() { backends_data(); }
    void migratesOnceToTheLatestVersion()
    {
        QFETCH(QString, kind);
        if (kind == u"postgres" && !qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST")) {
            if (qEnvironmentVariableIsSet("AGENCY_REQUIRE_SERVICES"))
                QFAIL("AGENCY_TEST_PG_HOST is not set");
            QSKIP("no PostgreSQL server");
        }
        auto database = openFresh(kind);
        QVERIFY(database);
        QCOMPARE(database->schemaVersion(), Database::latestSchemaVersion());
        database.reset();
        const QString name = QStringLiteral("migratesOnceToTheLatestVersion_") + kind;
        auto again = Database::open(*config(kind, name));
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(again.value()->schemaVersion(), Database::latestSchemaVersion());
    }

    void totalsPerProviderAndPeriod_data() { backends_data(); }
    void totalsPerProviderAndPeriod()
    {
        QFETCH(QString, kind);
        if (kind == u"postgres" && !qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST"))
            QSKIP("no PostgreSQL server");
        auto database = openFresh(kind);
        QVERIFY(database);
        Ledger ledger(*database);
        const QDateTime day(QDate(2026, 11, 25), QTime(0, 0), Qt::UTC);
        for (int i = 0; i < 3; ++i) {
            const auto recorded = ledger.record(resendEmail(day.addSecs(3600 * (i + 1))));
            QVERIFY2(recorded.ok(), qPrintable(recorded.ok() ? QString() : recorded.error().message));
        }
        CostEvent sms = resendEmail(day.addSecs(60));
        sms.provider = ProviderId::Twilio;
        sms.amount = sms.amountAud = Money::aud(80'000);
        QVERIFY(ledger.record(sms).ok());
        QVERIFY(ledger.record(resendEmail(day.addDays(1))).ok()); // the next day
        CostEvent usd = resendEmail(day.addSecs(120));
        usd.amount = Money::fromMicros(7'500, QStringLiteral("USD"));
        usd.amountAud = Money(); // not converted yet: not in the AUD totals
        QVERIFY(ledger.record(usd).ok());

        const auto totals = ledger.audTotalsByProvider(day, day.addDays(1));
        QVERIFY(totals.ok());
        QCOMPARE(totals->size(), 2);
        QCOMPARE(totals->value(ProviderId::Resend), Money::aud(2'700));
        QCOMPARE(totals->value(ProviderId::Twilio), Money::aud(80'000));
    }

    void millionEmailsSumExactly_data() { backends_data(); }
    void millionEmailsSumExactly()
    {
        QFETCH(QString, kind);
        if (kind == u"postgres" && !qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST"))
            QSKIP("no PostgreSQL server");
        auto database = openFresh(kind);
        QVERIFY(database);
        Ledger ledger(*database);
        // A million rows on SQLite; PostgreSQL (one round trip per row) gets 20,000 and the same check.
        const int count = kind == u"sqlite" ? 1'000'000 : 20'000;
        const QDateTime at(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC);
        QList<CostEvent> events(count, resendEmail(at));
        QVERIFY(ledger.recordBatch(events).ok());
        const auto totals = ledger.audTotalsByProvider(at, at.addSecs(1));
        QVERIFY(totals.ok());
        QCOMPARE(totals->value(ProviderId::Resend), *Money::aud(900).times(count));
        if (count == 1'000'000)
            QCOMPARE(totals->value(ProviderId::Resend).toString(), QStringLiteral("A$900.00"));
    }

    void batchIsAllOrNone_data() { backends_data(); }
    void batchIsAllOrNone()
    {
        QFETCH(QString, kind);
        if (kind == u"postgres" && !qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST"))
            QSKIP("no PostgreSQL server");
        auto database = openFresh(kind);
        QVERIFY(database);
        Ledger ledger(*database);
        const QDateTime at(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC);
        QList<CostEvent> events(10, resendEmail(at));
        events[6].amount = Money(); // a broken event in the middle
        QVERIFY(!ledger.recordBatch(events).ok());
        QVERIFY(ledger.audTotalsByProvider(at, at.addSecs(1))->isEmpty());
    }

    void auditNeverHoldsASecret_data() { backends_data(); }
    void auditNeverHoldsASecret()
    {
        QFETCH(QString, kind);
        if (kind == u"postgres" && !qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST"))
            QSKIP("no PostgreSQL server");
        auto database = openFresh(kind);
        QVERIFY(database);
        Ledger ledger(*database);
        Redactor::registerSecret(QStringLiteral("re_audit_secret_1234"));
        QVERIFY(ledger
                    .audit(QStringLiteral("alex"), QStringLiteral("credential-replaced"),
                           QStringLiteral("resend"), QStringLiteral("old key re_audit_secret_1234"))
                    .ok());
        QSqlQuery query(database->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT detail FROM audit_log")) && query.next());
        QVERIFY(!query.value(0).toString().contains(QStringLiteral("re_audit_secret_1234")));
        QVERIFY(query.value(0).toString().contains(QStringLiteral("[REDACTED]")));
    }

    void cleanupTestCase()
    {
        if (!m_pgDatabase.isEmpty()) {
            QSqlQuery admin(QSqlDatabase::database(QStringLiteral("pg-admin")));
            admin.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + m_pgDatabase);
        }
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
