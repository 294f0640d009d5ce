#include "consoleapp.h"

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/enrichmentservice.h"
#include "engine/keychainsecretstore.h"
#include "engine/logcategories.h"
#include "engine/logfile.h"
#include "engine/providerhub.h"
#include "engine/redisenrichmentcache.h"
#include "engine/spendguard.h"
#include "engine/sqliteenrichmentcache.h"
#include "integrations/clientfactory.h"
#include "integrations/http/httpcore.h"
#include "ui/bulkenrichpanel.h"
#include "ui/mainwindow.h"
#include "ui/spendpanel.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStandardPaths>

namespace agency {

ConsoleApp::ConsoleApp(const QString& keychainService)
    : m_log(std::make_unique<LogFile>(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                          .filePath(QStringLiteral("logs/console.log"))))
    , m_qsettings(std::make_unique<QSettings>())
    , m_settings(std::make_unique<ConsoleSettings>(*m_qsettings))
    , m_secretStore(std::make_unique<KeychainSecretStore>(keychainService))
    , m_vault(std::make_unique<CredentialVault>(*m_secretStore, *m_qsettings))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_core(std::make_unique<HttpCore>(*m_network))
    , m_hub(std::make_unique<ProviderHub>(*m_vault, *m_settings, *m_core))
{
    m_log->install();
    qCInfo(lcApp) << "Agency OS Console" << AGENCY_VERSION << "starting; profile"
                  << profileKey(m_settings->activeProfile());
    // Every provider is paced to its documented limit from the first call (Apollo then re-paces to
    // the allowance its answers report), so a bulk run or a campaign never runs into a 429.
    for (ProviderId provider : allProviders())
        m_core->setPacing(provider, documentedPacing(provider));
    openLedger();
    startEnrichment();
}

void ConsoleApp::startEnrichment()
{
    const EnrichmentSettings settings = m_settings->enrichmentSettings();
    if (settings.teamCache) {
        // The team's Redis: its URL and password are the Redis provider's credential in the vault.
        const auto credential =
            QCoro::waitFor(m_hub->credential(ProviderId::Redis, m_settings->activeProfile()));
        if (credential && !credential->value(QStringLiteral("url")).isEmpty())
            m_enrichmentCache = RedisEnrichmentCache::connect(credential->value(QStringLiteral("url")),
                                                              credential->value(QStringLiteral("password")),
                                                              credential->value(QStringLiteral("username")));
        else
            qCWarning(lcApp)
                << "the team cache is chosen but no Redis credential is stored; using this computer's";
    }
    if (!m_enrichmentCache) {
        auto local = SqliteEnrichmentCache::openDefault();
        if (local)
            m_enrichmentCache = std::move(local).value();
        else
            qCWarning(lcApp).noquote() << local.error().message << "— lookups are not cached";
    }
    m_enrichment = std::make_unique<EnrichmentService>(*m_hub, *m_settings, m_enrichmentCache.get());
    m_enrichment->setSettings(settings);
    m_enrichment->setPriceBook(m_prices.get());
}

void ConsoleApp::openLedger()
{
    DatabaseConfig config = m_settings->ledgerDatabase();
    if (config.kind == DatabaseConfig::Kind::Sqlite) {
        QDir().mkpath(QFileInfo(config.path).absolutePath());
    } else {
        // The team database's password is a secret like any key: it lives in the keychain only.
        const auto password = QCoro::waitFor(m_vault->namedSecret(ConsoleSettings::ledgerPasswordName()));
        if (password)
            config.password = password.value();
    }
    auto opened = Database::open(config);
    if (!opened) {
        m_ledgerError = opened.error().message;
        qCCritical(lcApp).noquote() << m_ledgerError;
        return;
    }
    m_database = std::move(opened).value();
    m_ledger = std::make_unique<Ledger>(*m_database);
    m_ledger->listenForOtherConsoles();
    m_prices = std::make_unique<PriceBook>(*m_database);
    m_guard = std::make_unique<SpendGuard>(*m_database, *m_ledger, *m_prices,
                                           SpendCalendar(QTimeZone(m_settings->spendTimeZone())));
    m_guard->setStaffMember(m_settings->staffMember());
    // Every billable call any client makes now reserves, and settles, through the guard.
    m_core->setBudgetHook(m_guard.get());
    // The audit log: what staff did with credentials (never the secret itself).
    QObject::connect(m_vault.get(), &CredentialVault::edited, m_ledger.get(),
                     [this](ProviderId provider, Profile profile, const QString& action) {
                         (void)m_ledger->audit(m_settings->staffMember(), action,
                                               providerKey(provider) + u'/' + profileKey(profile));
                     });
    QObject::connect(m_hub.get(), &ProviderHub::checked, m_ledger.get(),
                     [this](ProviderId provider, const AccountStatus& status) {
                         (void)m_ledger->audit(m_settings->staffMember(), QStringLiteral("credential tested"),
                                               providerKey(provider), accountStateName(status.state));
                     });
}

ConsoleApp::~ConsoleApp()
{
    m_core->setBudgetHook(nullptr);
    m_qsettings->sync();
}

QString ConsoleApp::logPath() const
{
    return m_log->path();
}

std::unique_ptr<MainWindow> ConsoleApp::createMainWindow()
{
    std::unique_ptr<MainWindow> window;
    if (!m_guard) {
        window = std::make_unique<MainWindow>(*m_vault, *m_settings, *m_hub);
        window->showSpendUnavailable(m_ledgerError);
    } else {
        SpendServices spend{*m_ledger, *m_prices, *m_guard, m_hub.get()};
        window = std::make_unique<MainWindow>(*m_vault, *m_settings, *m_hub, &spend);
    }
    // The service and the cache outlive the window (main.cpp's order); bulk runs journal in the default
    // place.
    window->setEnrichmentService(*m_enrichment, m_enrichmentCache.get(),
                                 BulkEnrichPanel::defaultJournalDirectory());
    if (m_database)
        window->setCampaignServices(*m_database, m_guard.get(), m_ledger.get());
    return window;
}

QString ConsoleApp::defaultKeychainService()
{
    return QStringLiteral("Agency OS Console");
}

} // namespace agency
