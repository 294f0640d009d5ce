#pragma once
// SettingsDialog: one page per concern — the active profile and staff name, and per-provider
// base-URL overrides (checked against the endpoint policy before they are kept).

#include "engine/consolesettings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace agency {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(ConsoleSettings& settings, QWidget* parent = nullptr);

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
    QComboBox* m_profileCombo = nullptr;
    QLineEdit* m_staffEdit = nullptr;
    QTableWidget* m_endpointsTable = nullptr;
    QLabel* m_problemLabel = nullptr;
};

} // namespace agency
