#pragma once
// ProviderHub: builds each provider's client from the vault and the active profile (credentials,
// base URL, environment overrides for scripts), and runs credential checks — one, or all in
// parallel with a bound. Remembers each provider's last check between runs (never a secret).

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "integrations/clientfactory.h"

#include <QObject>
#include <QProcessEnvironment>

namespace agency {

class ProviderHub : public QObject
{
    Q_OBJECT
public:
    ProviderHub(CredentialVault& vault, ConsoleSettings& settings, HttpCore& core, QObject* parent = nullptr);

    /// Environment the AGENCY_<ID>_<FIELD> and AGENCY_<ID>_BASE_URL overrides are read from.
    void setEnvironment(QProcessEnvironment environment) { m_environment = std::move(environment); }

    /// The credential for `provider`: the vault's, with any AGENCY_<ID>_<FIELD> variable on top.
    QCoro::Task<Result<Credential, VaultError>> credential(ProviderId provider, Profile profile);
    /// The base URL the client is given, and why it may not be used (empty when it may).
    QUrl baseUrl(ProviderId provider, Profile profile, const Credential& credential) const;

    /// A ready client, or the reason there is none (no credential, a refused endpoint, no client yet).
    QCoro::Task<Result<std::shared_ptr<ProviderClient>, IntegrationError>> client(ProviderId provider,
                                                                                  Profile profile);

    QCoro::Task<AccountStatus> check(ProviderId provider, Profile profile);
    /// Checks every provider in `providers`, at most `parallel` at a time; emits checked() for each.
    QCoro::Task<QHash<ProviderId, AccountStatus>> checkAll(QList<ProviderId> providers, Profile profile,
                                                           int parallel = 4);

    /// The last check stored for this provider and profile (state, summary, latency, time).
    std::optional<AccountStatus> lastCheck(ProviderId provider, Profile profile) const;

Q_SIGNALS:
    void checkStarted(agency::ProviderId provider);
    void checked(agency::ProviderId provider, const agency::AccountStatus& status);

private:
    void remember(ProviderId provider, Profile profile, const AccountStatus& status);

    CredentialVault& m_vault;
    ConsoleSettings& m_settings;
    HttpCore& m_core;
    QProcessEnvironment m_environment;
};

} // namespace agency
