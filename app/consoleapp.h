#pragma once
// ConsoleApp: the composition root. Owns the settings, the keychain store and the vault, and
// builds the main window over them. Subcommands (later) share the same services.

#include <QString>

#include <memory>

class QNetworkAccessManager;
class QSettings;

namespace agency {

class ConsoleSettings;
class Database;
class EnrichmentCache;
class EnrichmentService;
class Ledger;
class PriceBook;
class SpendGuard;
class CredentialVault;
class HttpCore;
class ProviderHub;
class KeychainSecretStore;
class LogFile;
class MainWindow;

class ConsoleApp
{
public:
    /// `keychainService` names the keychain entries' service ("Agency OS Console").
    explicit ConsoleApp(const QString& keychainService);
    ~ConsoleApp();

    ConsoleSettings& settings() { return *m_settings; }
    CredentialVault& vault() { return *m_vault; }
    ProviderHub& hub() { return *m_hub; }
    QString logPath() const;

    /// The ledger and its guard; null when the ledger database could not be opened (see ledgerError).
    Ledger* ledger() { return m_ledger.get(); }
    Database* database() { return m_database.get(); }
    PriceBook* prices() { return m_prices.get(); }
    SpendGuard* guard() { return m_guard.get(); }
    QString ledgerError() const { return m_ledgerError; }
    EnrichmentService& enrichment() { return *m_enrichment; }
    EnrichmentCache* enrichmentCache() { return m_enrichmentCache.get(); }

    /// Builds the main window (the caller shows it).
    std::unique_ptr<MainWindow> createMainWindow();

    /// The service name used in the keychain by the real console.
    static QString defaultKeychainService();

private:
    void openLedger();
    void startEnrichment();

    std::unique_ptr<LogFile> m_log;
    std::unique_ptr<QSettings> m_qsettings;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<KeychainSecretStore> m_secretStore;
    std::unique_ptr<CredentialVault> m_vault;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    std::unique_ptr<ProviderHub> m_hub;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<PriceBook> m_prices;
    std::unique_ptr<SpendGuard> m_guard;
    QString m_ledgerError;
    std::unique_ptr<EnrichmentCache> m_enrichmentCache;
    std::unique_ptr<EnrichmentService> m_enrichment;
};

} // namespace agency
