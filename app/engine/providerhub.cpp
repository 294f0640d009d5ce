#include "providerhub.h"

#include "engine/logcategories.h"
#include "integrations/http/endpointpolicy.h"
#include "model/catalogue.h"

#include <QElapsedTimer>

namespace agency {

namespace {

IntegrationError configurationError(ProviderId provider, const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = provider;
    error.detail = detail;
    return error;
}

AccountStatus notConfigured(ProviderId provider, const QString& detail)
{
    AccountStatus status = accountStatusFromError(configurationError(provider, detail), {});
    status.state = AccountStatus::State::NotConfigured;
    return status;
}

} // namespace

ProviderHub::ProviderHub(CredentialVault& vault, ConsoleSettings& settings, HttpCore& core, QObject* parent)
    : QObject(parent)
    , m_vault(vault)
    , m_settings(settings)
    , m_core(core)
    , m_environment(QProcessEnvironment::systemEnvironment())
{}

QCoro::Task<Result<Credential, VaultError>> ProviderHub::credential(ProviderId provider, Profile profile)
{
    Credential fromEnvironment;
    bool complete = true;
    for (const CredentialFieldSpec& spec : providerInfo(provider).fields) {
        const QString name = providerEnvPrefix(provider) + spec.name.toUpper();
        if (m_environment.contains(name))
            fromEnvironment.fields.insert(spec.name, cleanPastedValue(m_environment.value(name)));
        else if (!spec.optional)
            complete = false;
    }
    // A script that gives every required field needs no keychain (a CI job or a server has none).
    if (complete && !fromEnvironment.fields.isEmpty())
        co_return fromEnvironment;
    auto stored = co_await m_vault.get(provider, profile);
    if (!stored)
        co_return failure(stored.error());
    Credential credential = stored.value();
    for (auto it = fromEnvironment.fields.begin(); it != fromEnvironment.fields.end(); ++it)
        credential.fields.insert(it.key(), it.value());
    co_return credential;
}

QUrl ProviderHub::baseUrl(ProviderId provider, Profile profile, const Credential& credential) const
{
    const QString fromEnvironment =
        m_environment.value(providerEnvPrefix(provider) + QStringLiteral("BASE_URL"));
    if (profile == Profile::Sandbox && !fromEnvironment.isEmpty())
        return QUrl(fromEnvironment);
    if (const QUrl override = m_settings.baseUrlOverride(provider, profile); !override.isEmpty())
        return override;
    if (provider == ProviderId::Supabase)
        return QUrl(credential.value(QStringLiteral("project_url")));
    if (provider == ProviderId::Redis)
        return QUrl(credential.value(QStringLiteral("url")));
    return QUrl(providerInfo(provider).defaultBaseUrl);
}

QCoro::Task<Result<std::shared_ptr<ProviderClient>, IntegrationError>>
ProviderHub::client(ProviderId provider, Profile profile)
{
    const ProviderInfo& info = providerInfo(provider);
    if (!clientAvailable(provider))
        co_return failure(configurationError(provider, tr("no %1 client in this version").arg(info.name)));
    auto resolved = co_await credential(provider, profile);
    if (!resolved)
        co_return failure(configurationError(provider, resolved.error().message));
    const Credential credential = resolved.value();
    const QList<FieldProblem> problems = validateCredential(info, credential, profile);
    if (!problems.isEmpty())
        co_return failure(configurationError(provider, problems.first().message));

    const QUrl url = baseUrl(provider, profile, credential);
    if (provider != ProviderId::Redis) {
        // In Production a credential only ever goes to the provider's own hosts.
        if (const QString problem = endpointProblem(url, info, profile); !problem.isEmpty())
            co_return failure(configurationError(provider, problem));
    }
    std::shared_ptr<ProviderClient> client = createClient(provider, {&m_core, url, credential});
    co_return client;
}

QCoro::Task<AccountStatus> ProviderHub::check(ProviderId provider, Profile profile)
{
    Q_EMIT checkStarted(provider);
    QElapsedTimer clock;
    clock.start();
    auto built = co_await client(provider, profile);
    AccountStatus status;
    if (!built) {
        status = notConfigured(provider, built.error().detail);
        if (!clientAvailable(provider))
            status.state = AccountStatus::State::NoTestAvailable;
    } else {
        std::shared_ptr<ProviderClient> client = built.value();
        status = co_await client->checkCredentials();
    }
    if (!status.checkedAt.isValid())
        status.checkedAt = QDateTime::currentDateTimeUtc();
    qCInfo(lcApp) << "checked" << providerKey(provider) << accountStateName(status.state)
                  << status.latency.count() << "ms";
    remember(provider, profile, status);
    Q_EMIT checked(provider, status);
    co_return status;
}

QCoro::Task<QHash<ProviderId, AccountStatus>> ProviderHub::checkAll(QList<ProviderId> providers,
                                                                    Profile profile, int parallel)
{
    QHash<ProviderId, AccountStatus> results;
    qsizetype next = 0;
    // Workers pull the next provider when one finishes; at most `parallel` checks are in flight.
    auto worker = [&]() -> QCoro::Task<> {
        while (next < providers.size()) {
            const ProviderId provider = providers.at(next++);
            AccountStatus status = co_await check(provider, profile);
            results.insert(provider, std::move(status));
        }
    };
    std::vector<QCoro::Task<>> workers;
    for (int i = 0; i < std::max(1, parallel); ++i)
        workers.push_back(worker());
    for (QCoro::Task<>& task : workers)
        co_await task;
    co_return results;
}

void ProviderHub::remember(ProviderId provider, Profile profile, const AccountStatus& status)
{
    QSettings& settings = m_settings.raw();
    settings.beginGroup(QStringLiteral("checks/") + profileKey(profile) + u'/' + providerKey(provider));
    settings.setValue(QStringLiteral("state"), accountStateName(status.state));
    settings.setValue(QStringLiteral("summary"), status.summary);
    settings.setValue(QStringLiteral("latencyMs"), qint64(status.latency.count()));
    settings.setValue(QStringLiteral("checkedAt"), status.checkedAt);
    settings.endGroup();
}

std::optional<AccountStatus> ProviderHub::lastCheck(ProviderId provider, Profile profile) const
{
    QSettings& settings = m_settings.raw();
    settings.beginGroup(QStringLiteral("checks/") + profileKey(profile) + u'/' + providerKey(provider));
    std::optional<AccountStatus> result;
    if (settings.contains(QStringLiteral("state"))) {
        AccountStatus status;
        const QString state = settings.value(QStringLiteral("state")).toString();
        for (auto candidate :
             {AccountStatus::State::Valid, AccountStatus::State::ValidLimited, AccountStatus::State::Invalid,
              AccountStatus::State::RateLimited, AccountStatus::State::Unreachable,
              AccountStatus::State::NoTestAvailable, AccountStatus::State::NotConfigured}) {
            if (accountStateName(candidate) == state)
                status.state = candidate;
        }
        status.summary = settings.value(QStringLiteral("summary")).toString();
        status.latency = std::chrono::milliseconds(settings.value(QStringLiteral("latencyMs")).toLongLong());
        status.checkedAt = settings.value(QStringLiteral("checkedAt")).toDateTime();
        result = status;
    }
    settings.endGroup();
    return result;
}

} // namespace agency
