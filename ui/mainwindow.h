#pragma once
// MainWindow: navigation between the panels, menus, and the status bar (profile and today's spend).

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace agency {

class ConsoleSettings;
class CredentialVault;
class ProviderHub;
class ProvidersPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(CredentialVault& vault, ConsoleSettings& settings, ProviderHub& hub,
               QWidget* parent = nullptr);

    ProvidersPanel* providersPanel() const { return m_providersPanel; }
    /// Shows panel `index` (0 = Providers).
    void showPanel(int index);
    int panelCount() const;

public Q_SLOTS:
    void openSettings();
    void openAbout();

private:
    void addPanel(QWidget* panel, const QString& title, const QString& icon);
    void buildMenus();
    void updateProfileIndicator();

    CredentialVault& m_vault;
    ConsoleSettings& m_settings;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    ProvidersPanel* m_providersPanel = nullptr;
    QLabel* m_profileIndicator = nullptr;
    QLabel* m_spendIndicator = nullptr;
};

} // namespace agency
