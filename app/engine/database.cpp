#include "database.h"

#include "model/redaction.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace agency {

namespace {

// One list of statements per schema version; "{id}" becomes each driver's auto-increment key.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps = {
        // 1: the append-only cost ledger and the audit log (amounts in integer micro-units).
        {QStringLiteral("CREATE TABLE cost_events ("
                        " id {id},"
                        " at_ms BIGINT NOT NULL,"
                        " provider TEXT NOT NULL,"
                        " operation TEXT NOT NULL,"
                        " units BIGINT NOT NULL,"
                        " unit TEXT NOT NULL,"
                        " unit_price_micros BIGINT,"
                        " unit_price_currency TEXT,"
                        " amount_micros BIGINT NOT NULL,"
                        " currency TEXT NOT NULL,"
                        " amount_aud_micros BIGINT,"
                        " source TEXT NOT NULL,"
                        " staff TEXT NOT NULL,"
                        " campaign TEXT NOT NULL,"
                        " provider_ref TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX cost_events_at ON cost_events (at_ms, provider)"),
         QStringLiteral("CREATE TABLE audit_log ("
                        " id {id},"
                        " at_ms BIGINT NOT NULL,"
                        " staff TEXT NOT NULL,"
                        " action TEXT NOT NULL,"
                        " subject TEXT NOT NULL,"
                        " detail TEXT NOT NULL)")},
    };
    return steps;
}

QString forDriver(QString statement, bool postgres)
{
    return statement.replace(QStringLiteral("{id}"),
                             postgres ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                                      : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
}

} // namespace

QString describeSqlError(const QString& what, const QSqlError& error)
{
    return Redactor::redact(
        QCoreApplication::translate("agency::Database", "The ledger database refused %1: %2")
            .arg(what, error.text()));
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

Database::Database(QSqlDatabase db, DatabaseConfig::Kind kind, QString connectionName)
    : m_db(std::move(db))
    , m_kind(kind)
    , m_connectionName(std::move(connectionName))
{}

Database::~Database()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>, DatabaseError> Database::open(const DatabaseConfig& config)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("agency-ledger-%1").arg(counter.fetchAndAddRelaxed(1));
    const bool postgres = config.kind == DatabaseConfig::Kind::Postgres;
    QSqlDatabase db =
        QSqlDatabase::addDatabase(postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), name);
    if (postgres) {
        db.setHostName(config.host);
        db.setPort(config.port);
        db.setDatabaseName(config.database);
        db.setUserName(config.user);
        db.setPassword(config.password);
    } else {
        db.setDatabaseName(config.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    std::unique_ptr<Database> database(new Database(db, config.kind, name));
    if (!database->m_db.open())
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the connection"), database->m_db.lastError())});
    if (!postgres) {
        // WAL: readers never block the writer, and a killed writer loses nothing committed.
        QSqlQuery pragma(database->m_db);
        for (const char* statement :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
            if (!pragma.exec(QString::fromLatin1(statement)))
                return failure(
                    DatabaseError{describeSqlError(QString::fromLatin1(statement), pragma.lastError())});
        }
    }
    auto migrated = database->migrate();
    if (!migrated)
        return failure(migrated.error());
    return database;
}

int Database::schemaVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT version FROM schema_version")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

Result<Done, DatabaseError> Database::migrate()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the schema table"), query.lastError())});
    for (int version = schemaVersion() + 1; version <= latestSchemaVersion(); ++version) {
        // Each step commits whole or not at all (PostgreSQL and SQLite both have transactional DDL).
        if (!m_db.transaction())
            return failure(
                DatabaseError{describeSqlError(QStringLiteral("a transaction"), m_db.lastError())});
        for (const QString& statement : migrations().at(version - 1)) {
            if (!query.exec(forDriver(statement, isPostgres()))) {
                const QString message =
                    describeSqlError(QStringLiteral("migration %1").arg(version), query.lastError());
                m_db.rollback();
                return failure(DatabaseError{message});
            }
        }
        const bool first = version == 1;
        query.prepare(first ? QStringLiteral("INSERT INTO schema_version (version) VALUES (?)")
                            : QStringLiteral("UPDATE schema_version SET version = ?"));
        query.addBindValue(version);
        if (!query.exec() || !m_db.commit()) {
            const QString message =
                describeSqlError(QStringLiteral("migration %1").arg(version), query.lastError());
            m_db.rollback();
            return failure(DatabaseError{message});
        }
    }
    return Done{};
}

} // namespace agency
