#pragma once
// ProvidersPanel: all seventeen providers with category, purpose, unit cost and credential status;
// opens the credential dialog for the selected one.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/providerhub.h"

#include <QWidget>

class QLabel;
class QTableView;
class QPushButton;

namespace agency {

class ProvidersTableModel;

class ProvidersPanel : public QWidget
{
    Q_OBJECT
public:
    ProvidersPanel(CredentialVault& vault, ConsoleSettings& settings, ProviderHub& hub,
                   QWidget* parent = nullptr);

    ProvidersTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

public Q_SLOTS:
    /// Re-reads every provider's credential status from the vault.
    void refresh();
    /// Opens the credential dialog for the selected provider.
    void editSelected();
    void editProvider(agency::ProviderId provider);
    /// Tests the selected provider's credential.
    void testSelected();
    /// Tests every provider, a few at a time.
    void testAll();
    void showDetails(agency::ProviderId provider);

Q_SIGNALS:
    /// Emitted after a refresh has heard back about every provider.
    void refreshed();
    /// Emitted when Test all has finished.
    void testAllFinished();

private:
    QCoro::Task<> refreshAll();
    QCoro::Task<> refreshOne(ProviderId provider);
    QCoro::Task<> runChecks(QList<ProviderId> providers);
    void loadLastChecks();
    std::optional<ProviderId> selectedProvider() const;
    void updateProfileLabel();

    CredentialVault& m_vault;
    ConsoleSettings& m_settings;
    ProviderHub& m_hub;
    ProvidersTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_profileLabel = nullptr;
    QLabel* m_bannerLabel = nullptr;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_testButton = nullptr;
    QPushButton* m_testAllButton = nullptr;
    QLabel* m_progressLabel = nullptr;
    int m_checksRunning = 0;
    int m_refreshGeneration = 0;
};

} // namespace agency
