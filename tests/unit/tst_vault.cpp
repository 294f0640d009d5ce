// CredentialVault against the real OS keychain.

#include "engine/credentialvault.h"
#include "keychaintestsupport.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;

class TestVault : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<KeychainSecretStore> m_store;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<CredentialVault> m_vault;

    QString settingsText() const
    {
        QFile file(m_settings->fileName());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<KeychainSecretStore>(test::uniqueKeychainService());
        AGENCY_REQUIRE_KEYCHAIN(*m_store);
        m_settings =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_vault = std::make_unique<CredentialVault>(*m_store, *m_settings);
    }

    void cleanupTestCase()
    {
        if (!m_vault)
            return;
        for (ProviderId provider : allProviders())
            for (Profile profile : {Profile::Production, Profile::Sandbox})
                (void)QCoro::waitFor(m_vault->remove(provider, profile));
    }

    void nothingStoredIsNotAnError()
    {
        auto got = QCoro::waitFor(m_vault->get(ProviderId::Deepgram, Profile::Production));
        QVERIFY2(got, qPrintable(got.ok() ? QString() : got.error().message));
        QVERIFY(got->isEmpty());
        auto status = QCoro::waitFor(m_vault->status(ProviderId::Deepgram, Profile::Production));
        QVERIFY(status);
        QCOMPARE(status.value(), CredentialStatus::NotSet);
        auto has = QCoro::waitFor(m_vault->has(ProviderId::Deepgram, Profile::Production));
        QVERIFY(has && !has.value());
    }

    void setGetReplaceDelete()
    {
        QSignalSpy changed(m_vault.get(), &CredentialVault::changed);
        QSignalSpy edited(m_vault.get(), &CredentialVault::edited);
        Credential key;
        key.fields[QStringLiteral("api_key")] = QStringLiteral("re_first_key_0001");
        auto set = QCoro::waitFor(m_vault->set(ProviderId::Resend, Profile::Production, key));
        QVERIFY2(set, qPrintable(set.ok() ? QString() : set.error().message));
        QCOMPARE(changed.count(), 1);

        auto got = QCoro::waitFor(m_vault->get(ProviderId::Resend, Profile::Production));
        QVERIFY(got);
        QCOMPARE(got->value(QStringLiteral("api_key")), QStringLiteral("re_first_key_0001"));
        QVERIFY(QCoro::waitFor(m_vault->has(ProviderId::Resend, Profile::Production)).value());

        key.fields[QStringLiteral("api_key")] = QStringLiteral("re_second_key_0002");
        QVERIFY(QCoro::waitFor(m_vault->set(ProviderId::Resend, Profile::Production, key)));
        got = QCoro::waitFor(m_vault->get(ProviderId::Resend, Profile::Production));
        QCOMPARE(got->value(QStringLiteral("api_key")), QStringLiteral("re_second_key_0002"));

        // Profiles are separate.
        auto sandbox = QCoro::waitFor(m_vault->get(ProviderId::Resend, Profile::Sandbox));
        QVERIFY(sandbox && sandbox->isEmpty());

        QVERIFY(QCoro::waitFor(m_vault->remove(ProviderId::Resend, Profile::Production)));
        got = QCoro::waitFor(m_vault->get(ProviderId::Resend, Profile::Production));
        QVERIFY(got && got->isEmpty());
        // Deleting again is fine.
        QVERIFY(QCoro::waitFor(m_vault->remove(ProviderId::Resend, Profile::Production)));
        QVERIFY(!settingsText().contains(QStringLiteral("re_")));
        // What the audit log is told: added, then replaced, then deleted (twice), never the key.
        QStringList actions;
        for (const QList<QVariant>& arguments : std::as_const(edited))
            actions << arguments.at(2).toString();
        QCOMPARE(actions,
                 QStringList({QStringLiteral("credential added"), QStringLiteral("credential replaced"),
                              QStringLiteral("credential deleted"), QStringLiteral("credential deleted")}));
    }

    void multiFieldSplitsSecretFromPlain()
    {
        Credential twilio;
        twilio.fields[QStringLiteral("account_sid")] = QStringLiteral("AC0123456789abcdef0123456789abcdef");
        twilio.fields[QStringLiteral("auth_token")] = QStringLiteral("fedcba9876543210fedcba9876543210");
        QVERIFY(QCoro::waitFor(m_vault->set(ProviderId::Twilio, Profile::Production, twilio)));

        auto got = QCoro::waitFor(m_vault->get(ProviderId::Twilio, Profile::Production));
        QVERIFY(got);
        QCOMPARE(got.value(), twilio);
        // The SID (not secret) is in settings; the token is not.
        const QString text = settingsText();
        QVERIFY(text.contains(QStringLiteral("AC0123456789abcdef0123456789abcdef")));
        QVERIFY(!text.contains(QStringLiteral("fedcba9876543210fedcba9876543210")));
        // The keychain entry holds only the secret fields.
        auto raw = QCoro::waitFor(
            m_store->read(CredentialVault::keychainKey(ProviderId::Twilio, Profile::Production)));
        QVERIFY(raw);
        QVERIFY(raw->contains("fedcba9876543210fedcba9876543210"));
        QVERIFY(!raw->contains("AC0123456789"));

        QVERIFY(QCoro::waitFor(m_vault->remove(ProviderId::Twilio, Profile::Production)));
        QVERIFY(!settingsText().contains(QStringLiteral("AC0123456789")));
    }

    void pastedValuesAreCleaned()
    {
        Credential pasted;
        pasted.fields[QStringLiteral("api_key")] = QStringLiteral("  \"sk-ant-pasted-key-77\"\n");
        QVERIFY(QCoro::waitFor(m_vault->set(ProviderId::Anthropic, Profile::Production, pasted)));
        auto got = QCoro::waitFor(m_vault->get(ProviderId::Anthropic, Profile::Production));
        QCOMPARE(got->value(QStringLiteral("api_key")), QStringLiteral("sk-ant-pasted-key-77"));
    }

    void invalidIsRefusedAndNothingWritten()
    {
        Credential bad;
        bad.fields[QStringLiteral("login")] = QStringLiteral("dfs-login-abc");
        auto set = QCoro::waitFor(m_vault->set(ProviderId::DataForSeo, Profile::Production, bad));
        QVERIFY(!set);
        QCOMPARE(set.error().kind, VaultError::Kind::Invalid);
        QCOMPARE(set.error().problems.first().field, QStringLiteral("password"));
        QVERIFY(!settingsText().contains(QStringLiteral("dfs-login-abc")));
        auto raw = QCoro::waitFor(
            m_store->read(CredentialVault::keychainKey(ProviderId::DataForSeo, Profile::Production)));
        QVERIFY(!raw);
        QCOMPARE(raw.error().kind, SecretStoreError::Kind::NotFound);
    }

    void incompleteStatus()
    {
        // A keychain entry with secrets but the non-secret login missing from settings.
        QVERIFY(QCoro::waitFor(
            m_store->write(CredentialVault::keychainKey(ProviderId::DataForSeo, Profile::Sandbox),
                           QByteArray("{\"password\":\"pw-123456\"}"))));
        auto status = QCoro::waitFor(m_vault->status(ProviderId::DataForSeo, Profile::Sandbox));
        QVERIFY(status);
        QCOMPARE(status.value(), CredentialStatus::Incomplete);
    }

    void corruptEntryIsReported()
    {
        QVERIFY(QCoro::waitFor(m_store->write(
            CredentialVault::keychainKey(ProviderId::Vapi, Profile::Sandbox), QByteArray("not json"))));
        auto got = QCoro::waitFor(m_vault->get(ProviderId::Vapi, Profile::Sandbox));
        QVERIFY(!got);
        QCOMPARE(got.error().kind, VaultError::Kind::Corrupt);
        QVERIFY(got.error().message.contains(QStringLiteral("Vapi")));
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
