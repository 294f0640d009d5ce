#pragma once
// LedgerDatabasePage: where the spend ledger lives — this computer's SQLite file, or a PostgreSQL
// server the team shares (for example the agency's Supabase database). The password goes to the
// keychain through the vault, never to the settings file. A change applies at the next start.

#include "engine/database.h"

#include <QWidget>

#include <qcoro/qcorotask.h>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace agency {

class ConsoleSettings;
class CredentialVault;

class LedgerDatabasePage : public QWidget
{
    Q_OBJECT
public:
    LedgerDatabasePage(ConsoleSettings& settings, CredentialVault& vault, QWidget* parent = nullptr);

    /// The connection the fields describe (without the password).
    DatabaseConfig config() const;
    /// Empty when the fields are usable; else what is wrong.
    QString problem() const;
    /// Stores the choice (and a typed password, in the keychain); the problem, or empty.
    QCoro::Task<QString> apply();
    /// Opens the described database once and says what happened (in statusText()).
    QCoro::Task<bool> testConnection();
    QString statusText() const;

    QRadioButton* postgresButton() const { return m_postgres; }
    QLineEdit* hostEdit() const { return m_host; }
    QLineEdit* databaseEdit() const { return m_database; }
    QLineEdit* userEdit() const { return m_user; }
    QLineEdit* passwordEdit() const { return m_password; }
    QSpinBox* portSpin() const { return m_port; }

private:
    void updateEnabled();

    ConsoleSettings& m_settings;
    CredentialVault& m_vault;
    QRadioButton* m_sqlite = nullptr;
    QRadioButton* m_postgres = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_database = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace agency
