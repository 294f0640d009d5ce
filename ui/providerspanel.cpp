#include "providerspanel.h"

#include "ui/accountdetailsdialog.h"
#include "ui/credentialdialog.h"
#include "ui/providerstablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

namespace agency {

ProvidersPanel::ProvidersPanel(CredentialVault& vault, ConsoleSettings& settings, ProviderHub& hub,
                               QWidget* parent)
    : QWidget(parent)
    , m_vault(vault)
    , m_settings(settings)
    , m_hub(hub)
{
    setObjectName(QStringLiteral("providersPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    auto* title = new QLabel(tr("<h2>Providers</h2>"), this);
    header->addWidget(title);
    header->addStretch();
    m_profileLabel = new QLabel(this);
    m_profileLabel->setObjectName(QStringLiteral("profileLabel"));
    header->addWidget(m_profileLabel);
    layout->addLayout(header);

    m_bannerLabel = new QLabel(this);
    m_bannerLabel->setObjectName(QStringLiteral("bannerLabel"));
    m_bannerLabel->setWordWrap(true);
    m_bannerLabel->setStyleSheet(
        QStringLiteral("background: #fdecea; color: #8a1c1c; padding: 6px; border-radius: 4px;"));
    m_bannerLabel->hide();
    layout->addWidget(m_bannerLabel);

    m_model = new ProvidersTableModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("providersTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ProvidersTableModel::PurposeColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ProvidersTableModel::AccountColumn,
                                                      QHeaderView::Stretch);
    m_table->selectRow(0);
    layout->addWidget(m_table);

    auto* buttons = new QHBoxLayout;
    m_editButton = new QPushButton(QIcon(QStringLiteral(":/icons/edit.svg")), tr("&Credentials…"), this);
    m_editButton->setObjectName(QStringLiteral("editCredentialsButton"));
    m_editButton->setToolTip(tr("Enter, replace or delete the selected provider's credential (Enter)"));
    auto* refreshButton = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("&Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_testButton = new QPushButton(tr("&Test"), this);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setToolTip(
        tr("Test the selected provider's credential with a free, read-only call (Ctrl+T)"));
    m_testButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_testAllButton = new QPushButton(tr("Test &all"), this);
    m_testAllButton->setObjectName(QStringLiteral("testAllButton"));
    m_testAllButton->setToolTip(tr("Test every provider's credential, a few at a time (Ctrl+Shift+T)"));
    m_testAllButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    auto* detailsButton = new QPushButton(tr("&Details…"), this);
    detailsButton->setObjectName(QStringLiteral("detailsButton"));
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    buttons->addWidget(m_editButton);
    buttons->addWidget(m_testButton);
    buttons->addWidget(m_testAllButton);
    buttons->addWidget(detailsButton);
    buttons->addWidget(refreshButton);
    buttons->addStretch();
    buttons->addWidget(m_progressLabel);
    connect(m_testButton, &QPushButton::clicked, this, &ProvidersPanel::testSelected);
    connect(m_testAllButton, &QPushButton::clicked, this, &ProvidersPanel::testAll);
    connect(detailsButton, &QPushButton::clicked, this, [this] {
        if (const auto provider = selectedProvider())
            showDetails(*provider);
    });
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() == ProvidersTableModel::StatusColumn ||
            index.column() == ProvidersTableModel::AccountColumn)
            showDetails(m_model->providerAt(index.row()));
    });
    connect(&m_hub, &ProviderHub::checkStarted, this,
            [this](ProviderId provider) { m_model->setChecking(provider); });
    connect(&m_hub, &ProviderHub::checked, this, [this](ProviderId provider, const AccountStatus& status) {
        m_model->setAccountStatus(provider, status);
    });
    layout->addLayout(buttons);

    connect(m_editButton, &QPushButton::clicked, this, &ProvidersPanel::editSelected);
    connect(refreshButton, &QPushButton::clicked, this, &ProvidersPanel::refresh);
    connect(m_table, &QTableView::activated, this, &ProvidersPanel::editSelected);
    connect(&m_vault, &CredentialVault::changed, this, [this](ProviderId provider, Profile profile) {
        if (profile == m_settings.activeProfile())
            QCoro::connect(refreshOne(provider), this, [] {});
    });
    connect(&m_settings, &ConsoleSettings::profileChanged, this, [this] {
        updateProfileLabel();
        loadLastChecks();
        refresh();
    });
    updateProfileLabel();
    loadLastChecks();
}

void ProvidersPanel::updateProfileLabel()
{
    const bool sandbox = m_settings.activeProfile() == Profile::Sandbox;
    m_profileLabel->setText(sandbox ? tr("Profile: <b>Sandbox</b> (provider simulator)")
                                    : tr("Profile: <b>Production</b>"));
}

void ProvidersPanel::refresh()
{
    QCoro::connect(refreshAll(), this, [this] { Q_EMIT refreshed(); });
}

QCoro::Task<> ProvidersPanel::refreshAll()
{
    const int generation = ++m_refreshGeneration;
    m_bannerLabel->hide();
    for (ProviderId provider : allProviders()) {
        co_await refreshOne(provider);
        if (generation != m_refreshGeneration)
            co_return; // a newer refresh took over
    }
}

QCoro::Task<> ProvidersPanel::refreshOne(ProviderId provider)
{
    auto status = co_await m_vault.status(provider, m_settings.activeProfile());
    if (status) {
        m_model->setCredentialStatus(provider, status.value());
        co_return;
    }
    m_model->setCredentialStatus(provider, std::nullopt, status.error().message);
    m_bannerLabel->setText(status.error().message);
    m_bannerLabel->show();
}

void ProvidersPanel::loadLastChecks()
{
    for (ProviderId provider : allProviders()) {
        if (const auto last = m_hub.lastCheck(provider, m_settings.activeProfile()))
            m_model->setAccountStatus(provider, *last);
        else
            m_model->clearAccountStatus(provider);
    }
}

void ProvidersPanel::testSelected()
{
    if (const auto provider = selectedProvider())
        QCoro::connect(runChecks({*provider}), this, [] {});
}

void ProvidersPanel::testAll()
{
    QCoro::connect(runChecks(allProviders()), this, [this] { Q_EMIT testAllFinished(); });
}

QCoro::Task<> ProvidersPanel::runChecks(QList<ProviderId> providers)
{
    ++m_checksRunning;
    m_testAllButton->setEnabled(false);
    m_progressLabel->setText(tr("Testing %n provider(s)…", nullptr, int(providers.size())));
    const Profile profile = m_settings.activeProfile();
    const auto results = co_await m_hub.checkAll(providers, profile, 4);
    if (--m_checksRunning == 0)
        m_testAllButton->setEnabled(true);
    int valid = 0;
    for (const AccountStatus& status : results)
        valid +=
            status.state == AccountStatus::State::Valid || status.state == AccountStatus::State::ValidLimited;
    m_progressLabel->setText(tr("%1 of %2 valid").arg(valid).arg(results.size()));
}

void ProvidersPanel::showDetails(ProviderId provider)
{
    const auto status = m_model->accountStatus(provider);
    if (!status)
        return;
    auto* dialog = new AccountDetailsDialog(provider, *status, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

std::optional<ProviderId> ProvidersPanel::selectedProvider() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->providerAt(current.row());
}

void ProvidersPanel::editSelected()
{
    if (const auto provider = selectedProvider())
        editProvider(*provider);
}

void ProvidersPanel::editProvider(ProviderId provider)
{
    auto* dialog = new CredentialDialog(m_vault, provider, m_settings.activeProfile(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace agency
