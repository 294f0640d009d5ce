#include "database.h"

#include "model/redaction.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
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
        // 2: spend: correction rows, daily totals, reservations, limits, alerts sent, the
        // price book, exchange rates and subscriptions.
        {QStringLiteral("ALTER TABLE cost_events ADD COLUMN corrects BIGINT NOT NULL DEFAULT 0"),
         QStringLiteral("CREATE INDEX cost_events_ref ON cost_events (provider, provider_ref)"),
         // The ledger table's filters page newest first within a provider, campaign or staff member.
         QStringLiteral("CREATE INDEX cost_events_provider_id ON cost_events (provider, id)"),
         QStringLiteral("CREATE INDEX cost_events_campaign_id ON cost_events (campaign, id)"),
         QStringLiteral("CREATE INDEX cost_events_staff_id ON cost_events (staff, id)"),
         // Daily AUD totals per scope (overall, provider, staff, campaign), by local day (yyyymmdd) in
         // the ledger's zone: a month's sum for any limit reads at most 31 rows.
         QStringLiteral("CREATE TABLE spend_daily ("
                        " scope TEXT NOT NULL,"
                        " scope_key TEXT NOT NULL,"
                        " day INTEGER NOT NULL,"
                        " amount_aud_micros BIGINT NOT NULL,"
                        " PRIMARY KEY (scope, scope_key, day))"),
         QStringLiteral("CREATE TABLE ledger_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"),
         QStringLiteral("INSERT INTO ledger_meta (name, value) VALUES ('time_zone', 'Australia/Sydney')"),
         QStringLiteral("CREATE TABLE reservations ("
                        " id {id},"
                        " at_ms BIGINT NOT NULL,"
                        " expires_ms BIGINT NOT NULL,"
                        " provider TEXT NOT NULL,"
                        " operation TEXT NOT NULL,"
                        " staff TEXT NOT NULL,"
                        " campaign TEXT NOT NULL,"
                        " amount_aud_micros BIGINT NOT NULL)"),
         QStringLiteral("CREATE INDEX reservations_at ON reservations (at_ms)"),
         QStringLiteral("CREATE TABLE spend_limits ("
                        " scope TEXT NOT NULL,"
                        " scope_key TEXT NOT NULL,"
                        " period TEXT NOT NULL,"
                        " cap_aud_micros BIGINT NOT NULL,"
                        " PRIMARY KEY (scope, scope_key, period))"),
         QStringLiteral("CREATE TABLE alerts_sent ("
                        " scope TEXT NOT NULL,"
                        " scope_key TEXT NOT NULL,"
                        " period TEXT NOT NULL,"
                        " period_key INTEGER NOT NULL,"
                        " threshold INTEGER NOT NULL,"
                        " PRIMARY KEY (scope, scope_key, period, period_key, threshold))"),
         QStringLiteral("CREATE TABLE prices ("
                        " id {id},"
                        " provider TEXT NOT NULL,"
                        " operation TEXT NOT NULL,"
                        " unit TEXT NOT NULL,"
                        " price_micros BIGINT NOT NULL,"
                        " currency TEXT NOT NULL,"
                        " effective_from TEXT NOT NULL,"
                        " changed_by TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE fx_rates ("
                        " id {id},"
                        " currency TEXT NOT NULL,"
                        " aud_micros_per_unit BIGINT NOT NULL,"
                        " effective_from TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE subscriptions ("
                        " id {id},"
                        " provider TEXT NOT NULL,"
                        " name TEXT NOT NULL,"
                        " quantity BIGINT NOT NULL,"
                        " unit_price_micros BIGINT NOT NULL,"
                        " currency TEXT NOT NULL,"
                        " billing_day INTEGER NOT NULL,"
                        " active INTEGER NOT NULL)")},
        // 3: campaigns, their send journal (one row per recipient × step, written before and after
        // each call) and the global suppression list.
        {QStringLiteral("CREATE TABLE campaigns ("
                        " id {id},"
                        " uid TEXT NOT NULL UNIQUE,"
                        " name TEXT NOT NULL,"
                        " channel TEXT NOT NULL,"
                        " sender_json TEXT NOT NULL,"
                        " template TEXT NOT NULL,"
                        " created_at_ms BIGINT NOT NULL,"
                        " created_by TEXT NOT NULL,"
                        " state TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE campaign_items ("
                        " id {id},"
                        " campaign_id BIGINT NOT NULL REFERENCES campaigns (id),"
                        " recipient_key TEXT NOT NULL,"
                        " recipient_json TEXT NOT NULL,"
                        " step INTEGER NOT NULL,"
                        " idempotency_key TEXT NOT NULL UNIQUE,"
                        " state TEXT NOT NULL,"
                        " attempts INTEGER NOT NULL DEFAULT 0,"
                        " provider_ref TEXT NOT NULL DEFAULT '',"
                        " error TEXT NOT NULL DEFAULT '',"
                        " retryable INTEGER NOT NULL DEFAULT 0,"
                        " cost_micros BIGINT,"
                        " cost_currency TEXT,"
                        " updated_at_ms BIGINT NOT NULL,"
                        " sent_at_ms BIGINT)"),
         // Paging a campaign's items by state, counting them, and finding those left in `sending`.
         QStringLiteral(
             "CREATE INDEX campaign_items_campaign_state ON campaign_items (campaign_id, state, id)"),
         QStringLiteral("CREATE INDEX campaign_items_campaign_id ON campaign_items (campaign_id, id)"),
         // "Already contacted on this channel in the last N days".
         QStringLiteral(
             "CREATE INDEX campaign_items_recipient ON campaign_items (recipient_key, sent_at_ms)"),
         QStringLiteral("CREATE TABLE suppressions ("
                        " id {id},"
                        " kind TEXT NOT NULL,"
                        " value TEXT NOT NULL,"
                        " reason TEXT NOT NULL,"
                        " added_at_ms BIGINT NOT NULL,"
                        " added_by TEXT NOT NULL,"
                        " UNIQUE (kind, value))")},
        // 4: a sent item's delivery status as the provider last reported it, whether the provider
        // will change it any more, and when it was asked (the follow-up skips final ones). One
        // column per statement: SQLite adds a single column per ALTER TABLE. And the AI drafts of
        // campaign personalisation, one per (instruction, recipient, model), so the draft a preview
        // showed is the one sent and never paid for twice.
        {QStringLiteral("ALTER TABLE campaign_items ADD COLUMN delivery_status TEXT NOT NULL DEFAULT ''"),
         QStringLiteral("ALTER TABLE campaign_items ADD COLUMN delivery_final INTEGER NOT NULL DEFAULT 0"),
         QStringLiteral("ALTER TABLE campaign_items ADD COLUMN delivery_checked_at_ms BIGINT"),
         QStringLiteral("CREATE TABLE ai_drafts ("
                        " draft_key TEXT PRIMARY KEY,"
                        " model TEXT NOT NULL,"
                        " draft TEXT NOT NULL,"
                        " created_at_ms BIGINT NOT NULL)")},
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

Transaction::Transaction(Database& database, Lock lock)
    : m_database(database)
{
    QSqlQuery query(database.connection());
    // SQLite: IMMEDIATE takes the write lock now, so two writers never deadlock upgrading a read.
    const QString begin = database.isPostgres() || lock == Lock::None ? QStringLiteral("BEGIN")
                                                                      : QStringLiteral("BEGIN IMMEDIATE");
    if (!query.exec(begin)) {
        m_error = DatabaseError{describeSqlError(QStringLiteral("a transaction"), query.lastError())};
        return;
    }
    m_open = true;
    // PostgreSQL: one advisory lock for every ledger writer of every console, released at commit.
    if (database.isPostgres() && lock == Lock::Ledger &&
        !query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7263641)"))) {
        m_error = DatabaseError{describeSqlError(QStringLiteral("the ledger lock"), query.lastError())};
    }
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery query(m_database.connection());
        query.exec(QStringLiteral("ROLLBACK"));
    }
}

Result<Done, DatabaseError> Transaction::commit()
{
    if (m_error)
        return failure(*m_error);
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("COMMIT")))
        return failure(DatabaseError{describeSqlError(QStringLiteral("the commit"), query.lastError())});
    m_open = false;
    return Done{};
}

Result<Done, DatabaseError> recordAudit(Database& database, const QString& staff, const QString& action,
                                        const QString& subject, const QString& detail)
{
    const auto text = [](const QString& value) {
        return value.isNull() ? QStringLiteral("") : value;
    };
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO audit_log (at_ms, staff, action, subject, detail) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(text(staff));
    query.addBindValue(text(action));
    query.addBindValue(text(subject));
    query.addBindValue(Redactor::redact(text(detail)));
    if (!query.exec())
        return failure(DatabaseError{describeSqlError(QStringLiteral("an audit entry"), query.lastError())});
    return Done{};
}

std::optional<qint64> sqlMicros(const QVariant& value)
{
    if (value.isNull())
        return 0;
    bool ok = false;
    const qint64 micros = value.toString().toLongLong(&ok);
    return ok ? std::optional<qint64>(micros) : std::nullopt;
}

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
    std::unique_ptr<Database> database;
    {
        // Scoped: no copy of the connection may outlive the Database, or removing it warns.
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
        database.reset(new Database(db, config.kind, name));
    }
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
    // Under the ledger lock, so consoles opening one database together migrate it once.
    Transaction transaction(*this, Transaction::Lock::Ledger);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")))
        return failure(
            DatabaseError{describeSqlError(QStringLiteral("the schema table"), query.lastError())});
    const int current = schemaVersion();
    if (current > latestSchemaVersion())
        return failure(DatabaseError{
            QCoreApplication::translate("agency::Database",
                                        "The ledger database was made by a newer console (schema %1; this "
                                        "one knows up to %2). Update the console.")
                .arg(current)
                .arg(latestSchemaVersion())});
    // All steps in one transaction: both drivers have transactional DDL, so it commits whole or not at all.
    for (int version = current + 1; version <= latestSchemaVersion(); ++version) {
        for (const QString& statement : migrations().at(version - 1)) {
            if (!query.exec(forDriver(statement, isPostgres())))
                return failure(DatabaseError{
                    describeSqlError(QStringLiteral("migration %1").arg(version), query.lastError())});
        }
        query.prepare(version == 1 ? QStringLiteral("INSERT INTO schema_version (version) VALUES (?)")
                                   : QStringLiteral("UPDATE schema_version SET version = ?"));
        query.addBindValue(version);
        if (!query.exec())
            return failure(DatabaseError{
                describeSqlError(QStringLiteral("migration %1").arg(version), query.lastError())});
    }
    query.finish();
    return transaction.commit();
}

} // namespace agency
