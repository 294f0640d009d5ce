// Settings → Ledger: SQLite by default; a PostgreSQL server named with its password going to the
// keychain (never the settings file); a connection test against the real server .ci/with-services
// starts, and a clear message for one that is not there.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "ledgertestsupport.h"
#include "memorysecretstore.h"
#include "ui/ledgerdatabasepage.h"

#include <QFile>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

using namespace agency;

class TestLedgerSettings : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString settingsText() const
    {
        QFile file(m_dir.filePath(QStringLiteral("settings.ini")));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private Q_SLOTS:
    void postgresIsNamedAndItsPasswordGoesToTheKeychain()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        test::MemorySecretStore store;
        CredentialVault vault(store, qsettings);
        LedgerDatabasePage page(settings, vault);
        QCOMPARE(page.config().kind, DatabaseConfig::Kind::Sqlite);
        QVERIFY(!page.hostEdit()->isEnabled());

        page.postgresButton()->setChecked(true);
        QVERIFY(page.hostEdit()->isEnabled());
        QVERIFY(QCoro::waitFor(page.apply()).contains(QStringLiteral("host")));
        QCOMPARE(settings.ledgerDatabase().kind, DatabaseConfig::Kind::Sqlite); // nothing was stored

        const bool server = testing::postgresAvailable();
        page.hostEdit()->setText(server ? qEnvironmentVariable("AGENCY_TEST_PG_HOST")
                                        : QStringLiteral("127.0.0.1"));
        page.portSpin()->setValue(server ? qEnvironmentVariableIntValue("AGENCY_TEST_PG_PORT") : 1);
        page.databaseEdit()->setText(server ? qEnvironmentVariable("AGENCY_TEST_PG_DATABASE")
                                            : QStringLiteral("postgres"));
        page.userEdit()->setText(server ? qEnvironmentVariable("AGENCY_TEST_PG_USER")
                                        : QStringLiteral("postgres"));
        page.passwordEdit()->setText(QStringLiteral("ledger-pw-7c1e"));
        if (server) {
            QVERIFY2(QCoro::waitFor(page.testConnection()), qPrintable(page.statusText()));
            QVERIFY(page.statusText().contains(
                QStringLiteral("schema version %1").arg(Database::latestSchemaVersion())));
        } else if (qEnvironmentVariableIsSet("AGENCY_REQUIRE_SERVICES")) {
            QFAIL("AGENCY_TEST_PG_HOST is not set");
        }
        QCOMPARE(QCoro::waitFor(page.apply()), QString());
        const DatabaseConfig stored = settings.ledgerDatabase();
        QCOMPARE(stored.kind, DatabaseConfig::Kind::Postgres);
        QCOMPARE(stored.host, page.hostEdit()->text());
        QCOMPARE(stored.port, page.portSpin()->value());
        QVERIFY(stored.password.isEmpty());
        QCOMPARE(store.entries.value(QStringLiteral("secret/ledger-postgres")), QByteArray("ledger-pw-7c1e"));
        QCOMPARE(QCoro::waitFor(vault.namedSecret(ConsoleSettings::ledgerPasswordName())).value(),
                 QStringLiteral("ledger-pw-7c1e"));
        qsettings.sync();
        QVERIFY(!settingsText().contains(QStringLiteral("ledger-pw")));
        QVERIFY(settingsText().contains(QStringLiteral("postgresHost")));
        QVERIFY(page.passwordEdit()->text().isEmpty());

        // Back to this computer only: the server's settings go; the page says where the file is.
        page.findChildren<QRadioButton*>().first()->setChecked(true);
        QCOMPARE(QCoro::waitFor(page.apply()), QString());
        QCOMPARE(settings.ledgerDatabase().kind, DatabaseConfig::Kind::Sqlite);
    }

    void aServerThatIsNotThereIsSaidPlainly()
    {
        QSettings qsettings(m_dir.filePath(QStringLiteral("other.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        test::MemorySecretStore store;
        CredentialVault vault(store, qsettings);
        LedgerDatabasePage page(settings, vault);
        page.postgresButton()->setChecked(true);
        page.hostEdit()->setText(QStringLiteral("127.0.0.1"));
        page.portSpin()->setValue(1); // nothing listens on port 1
        QVERIFY(!QCoro::waitFor(page.testConnection()));
        QVERIFY2(page.statusText().startsWith(QStringLiteral("The ledger database refused the connection")),
                 qPrintable(page.statusText()));
    }
};

QTEST_MAIN(TestLedgerSettings)
#include "tst_ledger_settings.moc"
