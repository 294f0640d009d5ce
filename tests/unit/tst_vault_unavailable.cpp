// With no D-Bus session (CTest points DBUS_SESSION_BUS_ADDRESS nowhere), the vault reports a clear
// error and writes nothing anywhere.

#include "engine/credentialvault.h"
#include "engine/keychainsecretstore.h"

#include <QDirIterator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;

class TestVaultUnavailable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clearErrorAndNothingWritten()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QStringLiteral("nonexistent")),
                 "run through CTest, which points the session bus nowhere");
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        KeychainSecretStore store(QStringLiteral("agency-console-test-unavailable"),
                                  std::chrono::seconds(10));
        CredentialVault vault(store, settings);

        Credential twilio;
        twilio.fields[QStringLiteral("account_sid")] = QStringLiteral("AC0123456789abcdef0123456789abcdef");
        twilio.fields[QStringLiteral("auth_token")] = QStringLiteral("fedcba9876543210fedcba9876543210");
        auto set = QCoro::waitFor(vault.set(ProviderId::Twilio, Profile::Production, twilio));
        QVERIFY(!set);
        QVERIFY2(set.error().kind == VaultError::Kind::Unavailable, qPrintable(set.error().message));
        QVERIFY2(set.error().message.contains(QStringLiteral("keychain is not available")),
                 qPrintable(set.error().message));
        QVERIFY(!set.error().message.contains(QStringLiteral("fedcba98")));

        // Reading also fails clearly rather than claiming "not set".
        auto got = QCoro::waitFor(vault.get(ProviderId::Twilio, Profile::Production));
        QVERIFY(!got);
        QCOMPARE(got.error().kind, VaultError::Kind::Unavailable);

        // Not a byte was written: no settings file with the SID, no file anywhere holding the token.
        settings.sync();
        QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY(!content.contains("fedcba9876543210"));
            QVERIFY(!content.contains("AC0123456789"));
        }
    }
};

QTEST_GUILESS_MAIN(TestVaultUnavailable)
#include "tst_vault_unavailable.moc"
