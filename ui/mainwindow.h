#pragma once
// MainWindow: navigation between the panels, menus, the status bar (profile and today's spend)
// and a banner across the top for spend alerts, refusals and ledger failures.

#include "ui/spendpanel.h"

#include <QMainWindow>

#include <optional>

class QLabel;
class QListWidget;
class QStackedWidget;
class QTabWidget;
class QSystemTrayIcon;

namespace agency {

class ConsoleSettings;
class CredentialVault;
class BulkEnrichPanel;
class CampaignPanel;
class Database;
class EnrichmentCache;
class EnrichmentPanel;
class EnrichmentService;
class ProviderHub;
class ApifyImportDialog;
class SupabaseUpsertDialog;
class MessageBanner;
class ProvidersPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// Without `spend` (tests of other panels) the Spend panel says it is not available.
    MainWindow(CredentialVault& vault, ConsoleSettings& settings, ProviderHub& hub,
               SpendServices* spend = nullptr, QWidget* parent = nullptr);

    ProvidersPanel* providersPanel() const { return m_providersPanel; }
    /// Null without spend services.
    SpendPanel* spendPanel() const { return m_spendPanel; }
    /// Replaces the Enrichment placeholder (or an earlier page) with the working page over `service`: a
    /// "Look up" tab (one lead) and a "Bulk run" tab (a CSV). `service` and `cache` (may be null: the
    /// estimate then counts no row as cached) must outlive the window; `journalDirectory` empty: the
    /// bulk runs' default (AppDataLocation/bulk-runs).
    EnrichmentPanel* setEnrichmentService(EnrichmentService& service, EnrichmentCache* cache = nullptr,
                                          const QString& journalDirectory = {});
    /// Null until setEnrichmentService().
    EnrichmentPanel* enrichmentPanel() const { return m_enrichmentPanel; }
    /// The Bulk run tab; null until setEnrichmentService().
    BulkEnrichPanel* bulkEnrichPanel() const { return m_bulkPanel; }
    /// The Enrichment page's tabs; null until setEnrichmentService().
    QTabWidget* enrichmentTabs() const { return m_enrichmentTabs; }
    /// Replaces the Campaigns placeholder with the working panel over the ledger `database` (its journal
    /// and suppression list live there). `guard` and `ledger` may be null (spend not tracked). The
    /// Enrichment page's "Send to campaign" adds its lead to this panel.
    CampaignPanel* setCampaignServices(Database& database, SpendGuard* guard, Ledger* ledger);
    /// Null until setCampaignServices().
    CampaignPanel* campaignPanel() const { return m_campaignPanel; }
    /// The banner across the top: spend alerts, refused calls, ledger failures.
    MessageBanner* alertBanner() const { return m_alertBanner; }
    QString spendIndicatorText() const;
    /// Without spend services: says why spend is not tracked (the ledger database would not open),
    /// in the status bar and the banner.
    void showSpendUnavailable(const QString& reason);
    /// Desktop notifications sent (only where a system tray exists).
    int notificationCount() const { return m_notificationCount; }
    /// Shows panel `index` (0 = Providers).
    void showPanel(int index);
    int panelCount() const;

public Q_SLOTS:
    void openSettings();
    void openAbout();

public Q_SLOTS:
    /// The Apify import dialog; the CSV it writes opens in the Bulk run tab. Null without that tab.
    ApifyImportDialog* openApifyImport();
    /// The Supabase upsert dialog over `csvPath` (a bulk run's saved results).
    SupabaseUpsertDialog* openSupabaseUpsert(const QString& csvPath);

private:
    void addPanel(QWidget* panel, const QString& title, const QString& icon);
    void buildMenus();
    void updateProfileIndicator();
    void connectSpend(SpendGuard& guard);
    void showSpendStatus(const SpendSnapshot& snapshot);
    void showAlert(const SpendAlert& alert);
    void notifyDesktop(const QString& title, const QString& message);

    CredentialVault& m_vault;
    ConsoleSettings& m_settings;
    ProviderHub& m_hub;
    std::optional<SpendServices> m_spend;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    ProvidersPanel* m_providersPanel = nullptr;
    QLabel* m_profileIndicator = nullptr;
    QLabel* m_spendIndicator = nullptr;
    SpendPanel* m_spendPanel = nullptr;
    QWidget* m_enrichmentPage = nullptr; ///< the placeholder, then the tabs
    QWidget* m_campaignPage = nullptr;   ///< the placeholder, then the panel
    CampaignPanel* m_campaignPanel = nullptr;
    QTabWidget* m_enrichmentTabs = nullptr;
    EnrichmentPanel* m_enrichmentPanel = nullptr;
    BulkEnrichPanel* m_bulkPanel = nullptr;
    MessageBanner* m_alertBanner = nullptr;
    QSystemTrayIcon* m_trayIcon = nullptr; ///< created on the first notification
    int m_notificationCount = 0;
};

} // namespace agency
