#pragma once
// The services a test needs to call providers through the simulator: settings in a file of the
// test's own (Sandbox profile), a vault over a memory keychain, the HTTP core and the provider hub,
// with sim-valid credentials and base URLs pointing at the simulator.

#include "engine/providerhub.h"
#include "memorysecretstore.h"
#include "providersimulator.h"

#include <QNetworkAccessManager>
#include <QSettings>
#include <QTest>

namespace agency::test {

struct SimulatedProviders
{
    SimulatedProviders(sim::ProviderSimulator& simulator, const QString& settingsPath)
        : simulator(simulator)
        , qsettings(settingsPath, QSettings::IniFormat)
        , settings(qsettings)
        , vault(store, qsettings)
        , core(network)
        , hub(vault, settings, core)
    {
        qsettings.clear();
        settings.setActiveProfile(Profile::Sandbox);
        hub.setEnvironment(QProcessEnvironment());
    }

    /// Stores a Sandbox credential and points the provider at the simulator.
    bool use(ProviderId provider, QMap<QString, QString> fields)
    {
        Credential credential;
        credential.fields = std::move(fields);
        const auto stored = QCoro::waitFor(vault.set(provider, Profile::Sandbox, credential));
        settings.setBaseUrlOverride(provider, Profile::Sandbox, simulator.baseUrl(provider));
        return stored.ok();
    }
    /// Apollo, Clay and DataForSEO with the simulator's valid keys: the enrichment waterfall.
    bool useEnrichmentProviders()
    {
        const QString valid = QStringLiteral("sim-valid");
        return use(ProviderId::Apollo, {{QStringLiteral("api_key"), valid}}) &&
               use(ProviderId::Clay, {{QStringLiteral("api_key"), valid}}) &&
               use(ProviderId::DataForSeo,
                   {{QStringLiteral("login"), valid}, {QStringLiteral("password"), valid}});
    }

    sim::ProviderSimulator& simulator;
    MemorySecretStore store;
    QSettings qsettings;
    ConsoleSettings settings;
    CredentialVault vault;
    QNetworkAccessManager network;
    HttpCore core;
    ProviderHub hub;
};

} // namespace agency::test
