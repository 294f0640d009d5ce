#pragma once
// Opens a fresh ledger database for a test: a SQLite file in a temporary folder, or a new database
// on the real PostgreSQL server .ci/with-services starts (AGENCY_TEST_PG_*). Without a server the
// PostgreSQL rows skip, unless AGENCY_REQUIRE_SERVICES says they must run.

#include "engine/database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace agency::testing {

inline bool postgresAvailable()
{
    return qEnvironmentVariableIsSet("AGENCY_TEST_PG_HOST");
}

class LedgerBackends
{
public:
    /// Adds the "kind" column with a sqlite row and a postgres row.
    static void addRows()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    /// The config for `name` (the PostgreSQL database must have been made by fresh()).
    DatabaseConfig config(const QString& kind, const QString& name) const
    {
        if (kind == u"sqlite")
            return DatabaseConfig::sqlite(m_dir.filePath(name + QStringLiteral(".sqlite")));
        DatabaseConfig pg;
        pg.kind = DatabaseConfig::Kind::Postgres;
        pg.host = qEnvironmentVariable("AGENCY_TEST_PG_HOST");
        pg.port = qEnvironmentVariableIntValue("AGENCY_TEST_PG_PORT");
        pg.user = qEnvironmentVariable("AGENCY_TEST_PG_USER");
        pg.database = databaseName(name);
        return pg;
    }

    /// Creates an empty database named after the current test and row; its config.
    std::optional<DatabaseConfig> fresh(const QString& kind)
    {
        const QString name = QString::fromLatin1(QTest::currentTestFunction()) + u'_' +
                             QString::fromLatin1(QTest::currentDataTag());
        if (kind == u"postgres") {
            if (!postgresAvailable())
                return std::nullopt;
            QSqlDatabase admin = QSqlDatabase::database(QStringLiteral("pg-admin"));
            if (!admin.isValid()) {
                admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
                admin.setHostName(qEnvironmentVariable("AGENCY_TEST_PG_HOST"));
                admin.setPort(qEnvironmentVariableIntValue("AGENCY_TEST_PG_PORT"));
                admin.setUserName(qEnvironmentVariable("AGENCY_TEST_PG_USER"));
                admin.setDatabaseName(qEnvironmentVariable("AGENCY_TEST_PG_DATABASE"));
                if (!admin.open()) {
                    qWarning() << admin.lastError().text();
                    return std::nullopt;
                }
            }
            QSqlQuery query(admin);
            query.exec(QStringLiteral("DROP DATABASE IF EXISTS ") + databaseName(name));
            if (!query.exec(QStringLiteral("CREATE DATABASE ") + databaseName(name))) {
                qWarning() << query.lastError().text();
                return std::nullopt;
            }
        } else {
            QFile::remove(m_dir.filePath(name + QStringLiteral(".sqlite")));
        }
        return config(kind, name);
    }

    /// Opens a fresh database, or null (with a warning saying why).
    std::unique_ptr<Database> open(const QString& kind)
    {
        const auto made = fresh(kind);
        if (!made)
            return nullptr;
        auto opened = Database::open(*made);
        if (!opened.ok())
            qWarning() << opened.error().message;
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

private:
    static QString databaseName(const QString& name)
    {
        return QStringLiteral("agency_%1_%2").arg(QCoreApplication::applicationPid()).arg(name.toLower());
    }

    QTemporaryDir m_dir;
};

} // namespace agency::testing

/// Skips a postgres row when no server was started (fails instead when services are required).
#define AGENCY_SKIP_WITHOUT_POSTGRES(kind)                                                                   \
    do {                                                                                                     \
        if ((kind) == u"postgres" && !agency::testing::postgresAvailable()) {                                \
            if (qEnvironmentVariableIsSet("AGENCY_REQUIRE_SERVICES"))                                        \
                QFAIL("AGENCY_TEST_PG_HOST is not set");                                                     \
            QSKIP("no PostgreSQL server");                                                                   \
        }                                                                                                    \
    } while (false)
