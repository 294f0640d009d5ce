#include "settingsdialog.h"

#include "integrations/http/endpointpolicy.h"
#include "model/catalogue.h"
#include "ui/budgetspage.h"
#include "ui/enrichmentsettingspage.h"
#include "ui/ledgerdatabasepage.h"
#include "ui/pricespage.h"
#include "ui/spendpanel.h"
#include "ui/subscriptionspage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agency {

namespace {
enum EndpointColumn
{
    ProviderColumn,
    DefaultColumn,
    OverrideColumn
};
}

SettingsDialog::SettingsDialog(ConsoleSettings& settings, QWidget* parent)
    : SettingsDialog(settings, nullptr, parent)
{}

SettingsDialog::SettingsDialog(ConsoleSettings& settings, SpendServices* spend, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_tabs->addTab(buildGeneralPage(), tr("&General"));
    m_tabs->addTab(buildEndpointsPage(), tr("&Endpoints"));
    m_enrichmentPage = new EnrichmentSettingsPage(m_settings, this);
    m_enrichmentPage->setObjectName(QStringLiteral("enrichmentSettingsPage"));
    m_tabs->addTab(m_enrichmentPage, tr("E&nrichment"));
    if (spend) {
        m_budgetsPage = new BudgetsPage(spend->guard, m_settings, this);
        m_tabs->addTab(m_budgetsPage, tr("&Budgets"));
        m_pricesPage = new PricesPage(spend->prices, spend->guard, m_settings.staffMember(), this);
        m_tabs->addTab(m_pricesPage, tr("&Prices"));
        m_subscriptionsPage = new SubscriptionsPage(spend->prices, spend->guard, this);
        m_tabs->addTab(m_subscriptionsPage, tr("S&ubscriptions"));
    }
    layout->addWidget(m_tabs);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("problemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    layout->addWidget(buttons);
    resize(860, 600);
}

QWidget* SettingsDialog::buildGeneralPage()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_profileCombo = new QComboBox(page);
    m_profileCombo->setObjectName(QStringLiteral("profileComboBox"));
    m_profileCombo->addItem(tr("Production — the real providers"), profileKey(Profile::Production));
    m_profileCombo->addItem(tr("Sandbox — the provider simulator"), profileKey(Profile::Sandbox));
    m_profileCombo->setCurrentIndex(m_settings.activeProfile() == Profile::Sandbox ? 1 : 0);
    form->addRow(tr("Active &profile:"), m_profileCombo);
    auto* profileNote = new QLabel(tr("Each profile has its own credentials and endpoints. In Production a "
                                      "credential is only ever sent to its provider's own hosts."),
                                   page);
    profileNote->setWordWrap(true);
    form->addRow(QString(), profileNote);

    m_staffEdit = new QLineEdit(m_settings.staffMember(), page);
    m_staffEdit->setObjectName(QStringLiteral("staffLineEdit"));
    form->addRow(tr("&Staff member:"), m_staffEdit);
    connect(m_profileCombo, &QComboBox::currentIndexChanged, this,
            [this] { loadEndpoints(selectedProfile()); });
    return page;
}

QWidget* SettingsDialog::buildEndpointsPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* note =
        new QLabel(tr("Override a provider's base URL for the profile chosen on the General page. Leave "
                      "empty to use the default. HTTPS is required except for this machine."),
                   page);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_endpointsTable = new QTableWidget(int(providerCatalogue().size()), 3, page);
    m_endpointsTable->setObjectName(QStringLiteral("endpointsTableWidget"));
    m_endpointsTable->setHorizontalHeaderLabels({tr("Provider"), tr("Default base URL"), tr("Override")});
    m_endpointsTable->verticalHeader()->hide();
    m_endpointsTable->horizontalHeader()->setSectionResizeMode(DefaultColumn, QHeaderView::ResizeToContents);
    m_endpointsTable->horizontalHeader()->setSectionResizeMode(OverrideColumn, QHeaderView::Stretch);
    layout->addWidget(m_endpointsTable);
    loadEndpoints(m_settings.activeProfile());
    return page;
}

Profile SettingsDialog::selectedProfile() const
{
    return profileFromKey(m_profileCombo->currentData().toString()).value_or(Profile::Production);
}

void SettingsDialog::loadEndpoints(Profile profile)
{
    for (int row = 0; row < providerCatalogue().size(); ++row) {
        const ProviderInfo& info = providerCatalogue().at(row);
        auto* name = new QTableWidgetItem(info.name);
        name->setFlags(Qt::ItemIsEnabled);
        const QString fallback =
            info.defaultBaseUrl.isEmpty() ? tr("from the credential") : info.defaultBaseUrl;
        auto* defaultUrl = new QTableWidgetItem(fallback);
        defaultUrl->setFlags(Qt::ItemIsEnabled);
        auto* override = new QTableWidgetItem(m_settings.baseUrlOverride(info.id, profile).toString());
        m_endpointsTable->setItem(row, ProviderColumn, name);
        m_endpointsTable->setItem(row, DefaultColumn, defaultUrl);
        m_endpointsTable->setItem(row, OverrideColumn, override);
    }
}

bool SettingsDialog::apply()
{
    const Profile profile = selectedProfile();
    QList<std::pair<ProviderId, QUrl>> overrides;
    for (int row = 0; row < providerCatalogue().size(); ++row) {
        const ProviderInfo& info = providerCatalogue().at(row);
        const QString text = m_endpointsTable->item(row, OverrideColumn)->text().trimmed();
        const QUrl url(text);
        if (!text.isEmpty()) {
            if (const QString problem = endpointProblem(url, info, profile); !problem.isEmpty()) {
                m_problemLabel->setText(tr("%1: %2").arg(info.name, problem));
                m_problemLabel->show();
                m_endpointsTable->setCurrentCell(row, OverrideColumn);
                return false;
            }
        }
        overrides.append({info.id, url});
    }
    if (const QString problem = m_enrichmentPage->problem(); !problem.isEmpty()) {
        m_enrichmentPage->apply(); // shows the problem on its page
        m_tabs->setCurrentWidget(m_enrichmentPage);
        return false;
    }
    if (m_budgetsPage && !m_budgetsPage->apply()) {
        m_tabs->setCurrentWidget(m_budgetsPage);
        return false;
    }
    if (m_ledgerPage) {
        // The keychain answers over D-Bus; the dialog waits for it (a second at most when unlocked).
        const QString problem = QCoro::waitFor(m_ledgerPage->apply());
        if (!problem.isEmpty()) {
            m_problemLabel->setText(problem);
            m_problemLabel->show();
            m_tabs->setCurrentWidget(m_ledgerPage);
            return false;
        }
    }
    m_enrichmentPage->apply();
    m_settings.setStaffMember(m_staffEdit->text());
    for (const auto& [provider, url] : overrides)
        m_settings.setBaseUrlOverride(provider, profile, url);
    m_settings.setActiveProfile(profile);
    m_problemLabel->hide();
    return true;
}

void SettingsDialog::addLedgerPage(CredentialVault& vault)
{
    m_ledgerPage = new LedgerDatabasePage(m_settings, vault, this);
    m_ledgerPage->setObjectName(QStringLiteral("ledgerDatabasePage"));
    m_tabs->addTab(m_ledgerPage, tr("&Ledger"));
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace agency
