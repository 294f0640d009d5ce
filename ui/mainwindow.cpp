#include "mainwindow.h"

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/providerhub.h"
#include "ui/apifyimportdialog.h"
#include "ui/bulkenrichpanel.h"
#include "ui/campaignpanel.h"
#include "ui/enrichmentpanel.h"
#include "ui/messagebanner.h"
#include "ui/placeholderpanel.h"
#include "ui/providerspanel.h"
#include "ui/settingsdialog.h"
#include "ui/supabaseupsertdialog.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

namespace agency {

MainWindow::MainWindow(CredentialVault& vault, ConsoleSettings& settings, ProviderHub& hub,
                       SpendServices* spend, QWidget* parent)
    : QMainWindow(parent)
    , m_vault(vault)
    , m_settings(settings)
    , m_hub(hub)
{
    if (spend)
        m_spend.emplace(*spend);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Agency OS Console"));
    setWindowIcon(QIcon(QStringLiteral(":/agency-console.svg")));

    auto* central = new QWidget(this);
    auto* outer = new QVBoxLayout(central);
    m_alertBanner = new MessageBanner(central);
    m_alertBanner->setObjectName(QStringLiteral("alertBanner"));
    outer->addWidget(m_alertBanner);
    auto* layout = new QHBoxLayout;
    outer->addLayout(layout, 1);
    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigationListWidget"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setFixedWidth(180);
    m_stack = new QStackedWidget(central);
    m_stack->setObjectName(QStringLiteral("panelStackedWidget"));
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_providersPanel = new ProvidersPanel(vault, settings, hub, m_stack);
    addPanel(m_providersPanel, tr("Providers"), QStringLiteral("providers"));
    m_enrichmentPage =
        new PlaceholderPanel(tr("Enrichment"),
                             tr("Look up one lead or enrich a CSV of thousands: cache first, then Apollo, "
                                "then Clay, with domain metrics from DataForSEO and a cost estimate before "
                                "any run."),
                             m_stack);
    addPanel(m_enrichmentPage, tr("Enrichment"), QStringLiteral("enrichment"));
    m_campaignPage =
        new PlaceholderPanel(tr("Campaigns"),
                             tr("Hand-run email, SMS, LinkedIn, voice AI and direct-mail campaigns with a "
                                "preview, a cost estimate, throttling and a crash-proof journal."),
                             m_stack);
    addPanel(m_campaignPage, tr("Campaigns"), QStringLiteral("campaigns"));
    addPanel(
        new PlaceholderPanel(tr("Mailboxes"),
                             tr("Sending domains, mailboxes and dedicated IPs from InfraForge, and Smartlead "
                                "warmup."),
                             m_stack),
        tr("Mailboxes"), QStringLiteral("mailboxes"));
    addPanel(
        new PlaceholderPanel(tr("Voice"),
                             tr("Voice AI calls through Vapi, speech from ElevenLabs and transcripts from "
                                "Deepgram."),
                             m_stack),
        tr("Voice"), QStringLiteral("voice"));
    addPanel(new PlaceholderPanel(tr("Inbox"), tr("Replies received through Postmark inbound."), m_stack),
             tr("Inbox"), QStringLiteral("inbox"));
    if (m_spend) {
        m_spendPanel = new SpendPanel(*m_spend, &settings, m_stack);
        addPanel(m_spendPanel, tr("Spend"), QStringLiteral("spend"));
    } else {
        addPanel(new PlaceholderPanel(tr("Spend"),
                                      tr("Spend per provider today and this month against limits, in AUD, "
                                         "with hard stops before a limit is crossed."),
                                      m_stack),
                 tr("Spend"), QStringLiteral("spend"));
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    m_profileIndicator = new QLabel(this);
    m_profileIndicator->setObjectName(QStringLiteral("profileIndicatorLabel"));
    m_spendIndicator = new QLabel(tr("Today's spend: not tracked yet (the spend ledger is not built)"), this);
    m_spendIndicator->setObjectName(QStringLiteral("spendIndicatorLabel"));
    statusBar()->addPermanentWidget(m_spendIndicator);
    statusBar()->addWidget(m_profileIndicator);
    if (m_spend)
        connectSpend(m_spend->guard);
    connect(&m_settings, &ConsoleSettings::profileChanged, this, &MainWindow::updateProfileIndicator);
    updateProfileIndicator();

    buildMenus();
    resize(1280, 720);
    m_providersPanel->refresh();
}

void MainWindow::addPanel(QWidget* panel, const QString& title, const QString& icon)
{
    m_stack->addWidget(panel);
    auto* item = new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)), title, m_navigation);
    const int index = m_stack->count() - 1;
    item->setToolTip(tr("%1 (Ctrl+%2)").arg(title).arg(index + 1));
    auto* action = new QAction(this);
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    connect(action, &QAction::triggered, this, [this, index] { showPanel(index); });
    addAction(action);
}

EnrichmentPanel* MainWindow::setEnrichmentService(EnrichmentService& service, EnrichmentCache* cache,
                                                  const QString& journalDirectory)
{
    const int index = m_stack->indexOf(m_enrichmentPage);
    auto* tabs = new QTabWidget(m_stack);
    tabs->setObjectName(QStringLiteral("enrichmentTabWidget"));
    tabs->setDocumentMode(true);
    auto* panel = new EnrichmentPanel(service, &m_settings, tabs);
    auto* bulk = new BulkEnrichPanel(service, cache, journalDirectory, tabs);
    tabs->addTab(panel, tr("Look up"));
    tabs->addTab(bulk, tr("&Bulk run")); // "Look up" has no free mnemonic letter: Ctrl+Tab reaches it
    if (!bulk->offeredJournal().isEmpty())
        tabs->setCurrentWidget(bulk); // an unfinished run is waiting for a decision
    m_stack->insertWidget(index, tabs);
    m_stack->removeWidget(m_enrichmentPage);
    delete m_enrichmentPage; // an earlier page cancels its running lookup and stops its run as it goes
    m_enrichmentPage = tabs;
    m_enrichmentTabs = tabs;
    m_enrichmentPanel = panel;
    m_bulkPanel = bulk;
    connect(panel, &EnrichmentPanel::sendToCampaignRequested, this,
            [this](const QList<RecipientFields>& recipients, const QString& source) {
                if (!m_campaignPanel)
                    return;
                m_campaignPanel->addRecipients(recipients, source);
                m_stack->setCurrentWidget(m_campaignPanel);
                m_navigation->setCurrentRow(m_stack->currentIndex());
                m_campaignPanel->tabs()->setCurrentIndex(0);
            });
    connect(bulk, &BulkEnrichPanel::apifyImportRequested, this, &MainWindow::openApifyImport);
    connect(bulk, &BulkEnrichPanel::supabaseUpsertRequested, this, &MainWindow::openSupabaseUpsert);
    m_stack->setCurrentIndex(m_navigation->currentRow()); // the same page as before stays in front
    return panel;
}

CampaignPanel* MainWindow::setCampaignServices(Database& database, SpendGuard* guard, Ledger* ledger)
{
    const int index = m_stack->indexOf(m_campaignPage);
    auto* panel = new CampaignPanel(database, m_hub, m_settings, guard, ledger, m_stack);
    panel->setObjectName(QStringLiteral("campaignPanel"));
    m_stack->insertWidget(index, panel);
    m_stack->removeWidget(m_campaignPage);
    delete m_campaignPage; // an earlier panel cancels its running campaign as it goes
    m_campaignPage = panel;
    m_campaignPanel = panel;
    m_stack->setCurrentIndex(m_navigation->currentRow());
    return panel;
}

void MainWindow::showPanel(int index)
{
    m_navigation->setCurrentRow(index);
}

int MainWindow::panelCount() const
{
    return m_stack->count();
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* settings = file->addAction(QIcon(QStringLiteral(":/icons/settings.svg")), tr("&Settings…"));
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settings, &QAction::triggered, this, &MainWindow::openSettings);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Agency OS Console"));
    connect(about, &QAction::triggered, this, &MainWindow::openAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateProfileIndicator()
{
    const bool sandbox = m_settings.activeProfile() == Profile::Sandbox;
    m_profileIndicator->setText(sandbox ? tr("Sandbox profile — calls go to the provider simulator")
                                        : tr("Production profile"));
}

void MainWindow::connectSpend(SpendGuard& guard)
{
    m_spendIndicator->setToolTip(tr("Today's spend against the overall daily limit (Spend panel: Ctrl+%1)")
                                     .arg(m_stack->indexOf(m_spendPanel) + 1));
    connect(m_spendPanel, &SpendPanel::refreshed, this, &MainWindow::showSpendStatus);
    if (const auto& snapshot = m_spendPanel->snapshot())
        showSpendStatus(*snapshot);
    else
        m_spendIndicator->setText(tr("Today's spend: not available"));
    connect(&guard, &SpendGuard::alertRaised, this, &MainWindow::showAlert);
    connect(&guard, &SpendGuard::refused, this, [this](const IntegrationError& error) {
        m_alertBanner->addMessage(error.message(), MessageBanner::Kind::Error);
    });
    connect(&guard, &SpendGuard::ledgerFailed, this, [this](const QString& message) {
        m_alertBanner->addMessage(message, MessageBanner::Kind::Error);
        notifyDesktop(tr("Spend not recorded"), message);
    });
}

void MainWindow::showSpendUnavailable(const QString& reason)
{
    m_spendIndicator->setText(tr("Spend is not being tracked: the ledger could not be opened"));
    m_spendIndicator->setToolTip(reason);
    m_alertBanner->addMessage(tr("Spend is not being tracked, and calls that cost money are not checked "
                                 "against limits: %1")
                                  .arg(reason),
                              MessageBanner::Kind::Error);
}

QString MainWindow::spendIndicatorText() const
{
    return m_spendIndicator->text();
}

void MainWindow::showSpendStatus(const SpendSnapshot& snapshot)
{
    m_spendIndicator->setText(SpendPanel::statusText(snapshot));
    const BarState state = SpendPanel::statusState(snapshot);
    m_spendIndicator->setStyleSheet(
        state == BarState::Warning || state == BarState::Over
            ? QStringLiteral("color: %1; font-weight: bold;").arg(barColour(state).name())
            : QString());
}

void MainWindow::showAlert(const SpendAlert& alert)
{
    const QString message = alert.message();
    m_alertBanner->addMessage(message, alert.threshold >= kOverPercent ? MessageBanner::Kind::Error
                                                                       : MessageBanner::Kind::Warning);
    notifyDesktop(tr("Spend alert"), message);
}

void MainWindow::notifyDesktop(const QString& title, const QString& message)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_trayIcon) {
        m_trayIcon = new QSystemTrayIcon(windowIcon(), this);
        m_trayIcon->setToolTip(tr("Agency OS Console"));
        m_trayIcon->show();
    }
    m_trayIcon->showMessage(title, message, QSystemTrayIcon::Warning);
    ++m_notificationCount;
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, m_spend ? &*m_spend : nullptr, this);
    dialog.addLedgerPage(m_vault);
    dialog.exec();
}

ApifyImportDialog* MainWindow::openApifyImport()
{
    if (!m_bulkPanel)
        return nullptr;
    // Non-modal and deleted on close: an Actor run can take minutes, and the window stays usable.
    auto* dialog = new ApifyImportDialog(m_hub, m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApifyImportDialog::imported, m_bulkPanel, [this](const QString& csvPath) {
        m_enrichmentTabs->setCurrentWidget(m_bulkPanel);
        m_bulkPanel->openFile(csvPath);
    });
    dialog->show();
    return dialog;
}

SupabaseUpsertDialog* MainWindow::openSupabaseUpsert(const QString& csvPath)
{
    auto* dialog = new SupabaseUpsertDialog(m_hub, m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!csvPath.isEmpty())
        dialog->setCsvPath(csvPath);
    dialog->show();
    return dialog;
}

void MainWindow::openAbout()
{
    QMessageBox::about(this, tr("About Agency OS Console"),
                       tr("<h3>Agency OS Console %1</h3>"
                          "<p>Test provider credentials, enrich leads, run campaigns by hand and watch spend "
                          "against limits, in AUD.</p>"
                          "<p>API keys are kept in the system keychain and never written to a file.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace agency
