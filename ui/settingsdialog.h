#pragma once
// SettingsDialog: one page per concern — the active profile and staff name, per-provider base-URL
// overrides (checked against the endpoint policy before they are kept) and, given the spend
// services, budgets, prices and subscriptions.

#include "engine/consolesettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableWidget;

namespace agency {

class BudgetsPage;
class PricesPage;
class SubscriptionsPage;
class CredentialVault;
class LedgerDatabasePage;
class EnrichmentSettingsPage;
struct SpendServices;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(ConsoleSettings& settings, QWidget* parent = nullptr);
    /// With `spend` (may be null) the Budgets, Prices and Subscriptions pages are added.
    SettingsDialog(ConsoleSettings& settings, SpendServices* spend, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    BudgetsPage* budgetsPage() const { return m_budgetsPage; }
    PricesPage* pricesPage() const { return m_pricesPage; }
    SubscriptionsPage* subscriptionsPage() const { return m_subscriptionsPage; }

    /// Adds the Ledger page (where the spend ledger lives; its password goes through `vault`).
    void addLedgerPage(CredentialVault& vault);
    LedgerDatabasePage* ledgerPage() const { return m_ledgerPage; }
    EnrichmentSettingsPage* enrichmentPage() const { return m_enrichmentPage; }

    /// Validates and stores the values; false (with the problem shown) when one is refused.
    bool apply();

public Q_SLOTS:
    void accept() override;

private:
    QWidget* buildGeneralPage();
    QWidget* buildEndpointsPage();
    void loadEndpoints(Profile profile);
    Profile selectedProfile() const;

    ConsoleSettings& m_settings;
    QTabWidget* m_tabs = nullptr;
    BudgetsPage* m_budgetsPage = nullptr;
    PricesPage* m_pricesPage = nullptr;
    SubscriptionsPage* m_subscriptionsPage = nullptr;
    LedgerDatabasePage* m_ledgerPage = nullptr;
    EnrichmentSettingsPage* m_enrichmentPage = nullptr;
    QComboBox* m_profileCombo = nullptr;
    QLineEdit* m_staffEdit = nullptr;
    QTableWidget* m_endpointsTable = nullptr;
    QLabel* m_problemLabel = nullptr;
};

} // namespace agency
