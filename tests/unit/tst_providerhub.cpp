// ProviderHub: credentials from the vault or the environment, base URLs per profile, the Production
// host rule, bounded parallel checks, and the last check remembered between runs.

#include "engine/providerhub.h"
#include "memorysecretstore.h"
#include "providersimulator.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;
using namespace std::chrono_literals;

class TestProviderHub : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{3};
    test::MemorySecretStore m_store;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<CredentialVault> m_vault;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpCore> m_core;
    std::unique_ptr<ProviderHub> m_hub;

    void store(ProviderId provider, Profile profile, QMap<QString, QString> fields)
    {
        Credential credential;
        credential.fields = std::move(fields);
        const auto stored = QCoro::waitFor(m_vault->set(provider, profile, credential));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error().message));
    }
    AccountStatus check(ProviderId provider, Profile profile)
    {
        return QCoro::waitFor(m_hub->check(provider, profile));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        m_sim.reset();
        m_store.entries.clear();
        m_qsettings =
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("hub.ini")), QSettings::IniFormat);
        m_qsettings->clear();
        m_settings = std::make_unique<ConsoleSettings>(*m_qsettings);
        m_vault = std::make_unique<CredentialVault>(m_store, *m_qsettings);
        m_core = std::make_unique<HttpCore>(m_network);
        m_hub = std::make_unique<ProviderHub>(*m_vault, *m_settings, *m_core);
        m_hub->setEnvironment(QProcessEnvironment());
    }

    void missingCredentialIsNotConfigured()
    {
        const AccountStatus status = check(ProviderId::Resend, Profile::Sandbox);
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
        QVERIFY(status.summary.contains(QStringLiteral("required")));
        QVERIFY(m_sim.requestLog().isEmpty());
    }

    void sandboxChecksAgainstTheSimulator()
    {
        m_settings->setBaseUrlOverride(ProviderId::Resend, Profile::Sandbox,
                                       m_sim.baseUrl(ProviderId::Resend));
        store(ProviderId::Resend, Profile::Sandbox,
              {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}});
        const AccountStatus status = check(ProviderId::Resend, Profile::Sandbox);
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(m_sim.requestLog(ProviderId::Resend).size(), 1);
    }

    void environmentOverridesCredentialAndBaseUrlInSandbox()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AGENCY_RESEND_API_KEY"), QStringLiteral("sim-valid"));
        environment.insert(QStringLiteral("AGENCY_RESEND_BASE_URL"),
                           m_sim.baseUrl(ProviderId::Resend).toString());
        m_hub->setEnvironment(environment);
        QCOMPARE(check(ProviderId::Resend, Profile::Sandbox).state, AccountStatus::State::Valid);
        // A wrong key from the environment wins over the vault's.
        store(ProviderId::Resend, Profile::Sandbox,
              {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}});
        environment.insert(QStringLiteral("AGENCY_RESEND_API_KEY"), QStringLiteral("wrong-key-123"));
        m_hub->setEnvironment(environment);
        QCOMPARE(check(ProviderId::Resend, Profile::Sandbox).state, AccountStatus::State::Invalid);
    }

    void productionIgnoresEnvironmentBaseUrlAndRefusesForeignHosts()
    {
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AGENCY_RESEND_BASE_URL"),
                           m_sim.baseUrl(ProviderId::Resend).toString());
        m_hub->setEnvironment(environment);
        QCOMPARE(m_hub->baseUrl(ProviderId::Resend, Profile::Production, {}),
                 QUrl(QStringLiteral("https://api.resend.com")));

        store(ProviderId::Resend, Profile::Production,
              {{QStringLiteral("api_key"), QStringLiteral("re_live_key_1")}});
        m_settings->setBaseUrlOverride(ProviderId::Resend, Profile::Production,
                                       m_sim.baseUrl(ProviderId::Resend));
        const AccountStatus status = check(ProviderId::Resend, Profile::Production);
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
        QVERIFY2(status.summary.contains(QStringLiteral("api.resend.com")), qPrintable(status.summary));
        QVERIFY(m_sim.requestLog().isEmpty()); // the key never left the machine
    }

    void lastCheckIsRemembered()
    {
        m_settings->setBaseUrlOverride(ProviderId::Resend, Profile::Sandbox,
                                       m_sim.baseUrl(ProviderId::Resend));
        store(ProviderId::Resend, Profile::Sandbox,
              {{QStringLiteral("api_key"), QStringLiteral("sim-ratelimited")}});
        const AccountStatus status = check(ProviderId::Resend, Profile::Sandbox);
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        ProviderHub reopened(*m_vault, *m_settings, *m_core);
        const auto last = reopened.lastCheck(ProviderId::Resend, Profile::Sandbox);
        QVERIFY(last);
        QCOMPARE(last->state, AccountStatus::State::RateLimited);
        QCOMPARE(last->summary, status.summary);
        QCOMPARE(last->checkedAt.toSecsSinceEpoch(), status.checkedAt.toSecsSinceEpoch());
        QVERIFY(!reopened.lastCheck(ProviderId::Resend, Profile::Production));
        // Nothing secret in what was remembered.
        m_qsettings->sync();
        QFile file(m_qsettings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("sim-ratelimited"));
    }

    void checkAllIsBoundedAndComplete()
    {
        QList<ProviderId> providers;
        for (ProviderId provider : sim::ProviderSimulator::simulatedProviders()) {
            if (!clientAvailable(provider))
                continue;
            providers.append(provider);
            m_sim.setLatency(provider, 60ms);
            m_settings->setBaseUrlOverride(provider, Profile::Sandbox, m_sim.baseUrl(provider));
            QMap<QString, QString> fields;
            for (const CredentialFieldSpec& field : providerInfo(provider).fields) {
                if (!field.optional)
                    fields.insert(field.name,
                                  field.secret ? QStringLiteral("sim-valid") : QStringLiteral("demo"));
            }
            if (provider == ProviderId::Twilio)
                fields[QStringLiteral("account_sid")] = QString(QStringLiteral("AC") + QString(32, u'0'));
            store(provider, Profile::Sandbox, fields);
        }
        int inFlight = 0;
        int peak = 0;
        connect(m_hub.get(), &ProviderHub::checkStarted, this, [&] { peak = std::max(peak, ++inFlight); });
        connect(m_hub.get(), &ProviderHub::checked, this, [&] { --inFlight; });
        const auto results = QCoro::waitFor(m_hub->checkAll(providers, Profile::Sandbox, 3));
        QCOMPARE(results.size(), providers.size());
        QVERIFY(peak <= 3);
        if (providers.size() >= 3)
            QCOMPARE(peak, 3);
        for (auto it = results.cbegin(); it != results.cend(); ++it)
            QVERIFY2(it->state == AccountStatus::State::Valid ||
                         it->state == AccountStatus::State::ValidLimited,
                     qPrintable(providerKey(it.key()) + QStringLiteral(": ") + it->summary));
    }

    void redisFromTheEnvironment()
    {
        if (!qEnvironmentVariableIsSet("AGENCY_TEST_REDIS_URL")) {
            if (qEnvironmentVariableIsSet("AGENCY_REQUIRE_SERVICES"))
                QFAIL("AGENCY_TEST_REDIS_URL is not set");
            QSKIP("no Redis server");
        }
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("AGENCY_REDIS_URL"), qEnvironmentVariable("AGENCY_TEST_REDIS_URL"));
        environment.insert(QStringLiteral("AGENCY_REDIS_PASSWORD"),
                           qEnvironmentVariable("AGENCY_TEST_REDIS_PASSWORD"));
        m_hub->setEnvironment(environment);
        QCOMPARE(check(ProviderId::Redis, Profile::Production).state, AccountStatus::State::Valid);
        environment.insert(QStringLiteral("AGENCY_REDIS_PASSWORD"), QStringLiteral("wrong-password"));
        m_hub->setEnvironment(environment);
        QCOMPARE(check(ProviderId::Redis, Profile::Production).state, AccountStatus::State::Invalid);
    }
};

QTEST_GUILESS_MAIN(TestProviderHub)
#include "tst_providerhub.moc"
