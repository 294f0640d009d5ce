#include "ledgerdatabasepage.h"

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace agency {

LedgerDatabasePage::LedgerDatabasePage(ConsoleSettings& settings, CredentialVault& vault, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_vault(vault)
{
    const DatabaseConfig current = settings.ledgerDatabase();
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The spend ledger (every cost, limit, price and reservation) lives in one "
                                "database. A team shares one PostgreSQL database — for example the agency's "
                                "Supabase database — so every console counts against the same limits. "
                                "A change applies when the console next starts."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    const DatabaseConfig local = DatabaseConfig::sqlite(ConsoleSettings::defaultLedgerPath());
    m_sqlite = new QRadioButton(tr("&This computer only (SQLite: %1)").arg(local.path), this);
    m_postgres = new QRadioButton(tr("A &PostgreSQL server the team shares"), this);
    m_postgres->setObjectName(QStringLiteral("ledgerPostgresRadio"));
    layout->addWidget(m_sqlite);
    layout->addWidget(m_postgres);

    auto* form = new QFormLayout;
    const bool postgres = current.kind == DatabaseConfig::Kind::Postgres;
    m_host = new QLineEdit(postgres ? current.host : QString(), this);
    m_host->setPlaceholderText(QStringLiteral("db.abcdefghijkl.supabase.co"));
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(postgres ? current.port : 5432);
    m_database = new QLineEdit(postgres ? current.database : QStringLiteral("postgres"), this);
    m_user = new QLineEdit(postgres ? current.user : QStringLiteral("postgres"), this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("unchanged — kept in the system keychain"));
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("P&ort:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    layout->addLayout(form);

    m_test = new QPushButton(tr("&Test connection"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ledgerStatusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_test);
    layout->addWidget(m_status);
    layout->addStretch();

    (postgres ? m_postgres : m_sqlite)->setChecked(true);
    connect(m_postgres, &QRadioButton::toggled, this, &LedgerDatabasePage::updateEnabled);
    connect(m_test, &QPushButton::clicked, this, [this] { (void)testConnection(); });
    updateEnabled();
}

void LedgerDatabasePage::updateEnabled()
{
    for (QWidget* field :
         {static_cast<QWidget*>(m_host), static_cast<QWidget*>(m_port), static_cast<QWidget*>(m_database),
          static_cast<QWidget*>(m_user), static_cast<QWidget*>(m_password)})
        field->setEnabled(m_postgres->isChecked());
}

DatabaseConfig LedgerDatabasePage::config() const
{
    if (!m_postgres->isChecked())
        return DatabaseConfig::sqlite(ConsoleSettings::defaultLedgerPath());
    DatabaseConfig config;
    config.kind = DatabaseConfig::Kind::Postgres;
    config.host = m_host->text().trimmed();
    config.port = m_port->value();
    config.database = m_database->text().trimmed();
    config.user = m_user->text().trimmed();
    return config;
}

QString LedgerDatabasePage::problem() const
{
    if (!m_postgres->isChecked())
        return {};
    if (m_host->text().trimmed().isEmpty())
        return tr("The ledger's PostgreSQL server needs a host name.");
    if (m_database->text().trimmed().isEmpty() || m_user->text().trimmed().isEmpty())
        return tr("The ledger's PostgreSQL server needs a database and a user.");
    return {};
}

QCoro::Task<QString> LedgerDatabasePage::apply()
{
    const QString wrong = problem();
    if (!wrong.isEmpty())
        co_return wrong;
    if (m_postgres->isChecked() && !m_password->text().isEmpty()) {
        const QString name = ConsoleSettings::ledgerPasswordName();
        auto stored = co_await m_vault.setNamedSecret(name, m_password->text());
        if (!stored)
            co_return stored.error().message; // nothing else is changed either
    }
    m_settings.setLedgerDatabase(config());
    m_password->clear();
    co_return QString();
}

QCoro::Task<bool> LedgerDatabasePage::testConnection()
{
    const QString wrong = problem();
    if (!wrong.isEmpty()) {
        m_status->setText(wrong);
        co_return false;
    }
    DatabaseConfig config = this->config();
    if (config.kind == DatabaseConfig::Kind::Postgres) {
        config.password = m_password->text();
        if (config.password.isEmpty()) {
            const QString name = ConsoleSettings::ledgerPasswordName();
            auto stored = co_await m_vault.namedSecret(name);
            config.password = stored ? stored.value() : QString();
        }
    }
    m_test->setEnabled(false);
    auto opened = Database::open(config); // brings the schema up to date, as the console would
    m_test->setEnabled(true);
    if (!opened) {
        m_status->setText(opened.error().message);
        co_return false;
    }
    m_status->setText(
        tr("Connected: the ledger is ready (schema version %1).").arg(opened.value()->schemaVersion()));
    co_return true;
}

QString LedgerDatabasePage::statusText() const
{
    return m_status->text();
}

} // namespace agency
