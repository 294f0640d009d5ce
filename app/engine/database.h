#pragma once
// Database: one Qt Sql connection to the ledger database — a SQLite file (WAL) by default, or a
// PostgreSQL server a team shares — with the schema brought up to date by versioned migrations,
// each inside its own transaction. The same SQL runs on both.

#include "model/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>

class QSqlError;

namespace agency {

struct DatabaseConfig
{
    enum class Kind
    {
        Sqlite,
        Postgres,
    };
    Kind kind = Kind::Sqlite;
    QString path; ///< SQLite: the file
    QString host; ///< PostgreSQL
    int port = 5432;
    QString database;
    QString user;
    QString password; ///< from the keychain; never stored with the rest

    static DatabaseConfig sqlite(QString path)
    {
        DatabaseConfig config;
        config.path = std::move(path);
        return config;
    }
};

struct DatabaseError
{
    QString message;
};

class Database
{
public:
    /// Opens (creating the SQLite file if needed) and migrates. Each Database has its own connection.
    static Result<std::unique_ptr<Database>, DatabaseError> open(const DatabaseConfig& config);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    QSqlDatabase& connection() { return m_db; }
    bool isPostgres() const { return m_kind == DatabaseConfig::Kind::Postgres; }
    int schemaVersion();

    /// The newest schema version; migrations run in order up to it.
    static int latestSchemaVersion();

private:
    Database(QSqlDatabase db, DatabaseConfig::Kind kind, QString connectionName);
    Result<Done, DatabaseError> migrate();

    QSqlDatabase m_db;
    DatabaseConfig::Kind m_kind;
    QString m_connectionName;
};

/// One transaction on a Database; rolled back unless committed. A locking transaction serialises
/// every writer of the ledger — across processes: SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock.
class Transaction
{
public:
    enum class Lock
    {
        None,
        Ledger,
    };
    Transaction(Database& database, Lock lock);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Empty when the transaction began; else why it did not.
    const std::optional<DatabaseError>& beginError() const { return m_error; }
    Result<Done, DatabaseError> commit();

private:
    Database& m_database;
    std::optional<DatabaseError> m_error;
    bool m_open = false;
};

/// Appends to the audit log (what staff did: a credential, a limit, a price, a run); `detail` is
/// redacted, so the log never holds a secret.
Result<Done, DatabaseError> recordAudit(Database& database, const QString& staff, const QString& action,
                                        const QString& subject, const QString& detail = {});

/// An integer sum of micro-units as the driver gives it: PostgreSQL's SUM(BIGINT) is NUMERIC, so the SQL
/// casts it back to BIGINT and it is read as text, never through a double. NULL (no rows) is 0.
std::optional<qint64> sqlMicros(const QVariant& value);

/// "The ledger database refused …: <driver text>", for a failed statement.
QString describeSqlError(const QString& what, const QSqlError& error);

} // namespace agency
