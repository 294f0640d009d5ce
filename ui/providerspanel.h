#pragma once
// ProvidersPanel: all seventeen providers with category, purpose, unit cost and credential status;
// opens the credential dialog for the selected one.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"

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
    ProvidersPanel(CredentialVault& vault, ConsoleSettings& settings, QWidget* parent = nullptr);

    ProvidersTableModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }

public Q_SLOTS:
    /// Re-reads every provider's credential status from the vault.
    void refresh();
    /// Opens the credential dialog for the selected provider.
    void editSelected();
    void editProvider(agency::ProviderId provider);

Q_SIGNALS:
    /// Emitted after a refresh has heard back about every provider.
    void refreshed();

private:
    QCoro::Task<> refreshAll();
    QCoro::Task<> refreshOne(ProviderId provider);
    std::optional<ProviderId> selectedProvider() const;
    void updateProfileLabel();

    CredentialVault& m_vault;
    ConsoleSettings& m_settings;
    ProvidersTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_profileLabel = nullptr;
    QLabel* m_bannerLabel = nullptr;
    QPushButton* m_editButton = nullptr;
    int m_refreshGeneration = 0;
};

} // namespace agency
