// Several processes on one ledger, on SQLite and on the real PostgreSQL server: 4 × 500 reservations
// against one cap never settle past it and lose no event; a writer killed with SIGKILL mid-write
// loses nothing it committed and leaves no half-written event.

#include "engine/spendguard.h"
#include "ledgertestsupport.h"

#include <QProcess>

using namespace agency;
using namespace agency::testing;

namespace {

QStringList target(const DatabaseConfig& config)
{
    return config.kind == DatabaseConfig::Kind::Postgres
               ? QStringList{QStringLiteral("--pg"), config.database}
               : QStringList{QStringLiteral("--sqlite"), config.path};
}

qint64 scalar(Database& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql) || !query.next()) {
        qWarning() << query.lastError().text();
        return -1;
    }
    return query.value(0).toString().toLongLong();
}

} // namespace

class TestSpendConcurrency : public QObject
{
    Q_OBJECT
private:
    LedgerBackends m_backends;

private Q_SLOTS:
    void fourProcessesNeverOvershootTheCap_data() { LedgerBackends::addRows(); }
    void fourProcessesNeverOvershootTheCap()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        const Money cap = Money::aud(300'000'000); // A$300 against A$1,000 of worst cases
        {
            auto database = Database::open(*config);
            QVERIFY(database);
            Ledger ledger(*database.value());
            PriceBook prices(*database.value());
            SpendGuard guard(*database.value(), ledger, prices);
            QVERIFY(guard.setLimit({LimitScope::Overall, {}, SpendPeriod::Month, cap}));
        }
        QList<QProcess*> workers;
        for (int w = 0; w < 4; ++w) {
            auto* worker = new QProcess(this);
            worker->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            worker->start(QStringLiteral(SPEND_WORKER),
                          target(*config) + QStringList{QStringLiteral("--mode"), QStringLiteral("reserve"),
                                                        QStringLiteral("--count"), QStringLiteral("500"),
                                                        QStringLiteral("--worst"), QStringLiteral("500000"),
                                                        QStringLiteral("--name"),
                                                        QStringLiteral("w%1").arg(w)});
            workers.append(worker);
        }
        qint64 settledMicros = 0;
        int settled = 0;
        int refused = 0;
        for (QProcess* worker : workers) {
            QVERIFY(worker->waitForFinished(600'000));
            QCOMPARE(worker->exitCode(), 0);
            const QList<QByteArray> lines = worker->readAllStandardOutput().split('\n');
            QCOMPARE(lines.at(lines.size() - 2), QByteArray("done"));
            for (const QByteArray& line : lines) {
                if (line.startsWith("settled ")) {
                    settledMicros += line.mid(8).toLongLong();
                    ++settled;
                } else if (line == "refused") {
                    ++refused;
                }
            }
        }
        QCOMPARE(settled + refused, 2000);
        QVERIFY(refused > 0);    // the cap really bound
        QVERIFY(settled >= 600); // and A$300 of A$0.25–0.50 calls went through
        auto database = Database::open(*config);
        QVERIFY(database);
        Database& db = *database.value();
        // No event lost, none counted twice, nothing past the cap, nothing left reserved.
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM cost_events")), qint64(settled));
        QCOMPARE(scalar(db, QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM cost_events")),
                 settledMicros);
        QVERIFY(settledMicros <= cap.micros());
        QCOMPARE(scalar(db, QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM spend_daily "
                                           "WHERE scope = 'overall'")),
                 settledMicros);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM reservations")), qint64(0));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(DISTINCT provider_ref) FROM cost_events")),
                 qint64(settled));
    }

    void killedWriterLosesNothingCommitted_data() { LedgerBackends::addRows(); }
    void killedWriterLosesNothingCommitted()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        const auto config = m_backends.fresh(kind);
        QVERIFY(config);
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QStringLiteral(SPEND_WORKER),
                     target(*config) + QStringList{QStringLiteral("--mode"), QStringLiteral("record"),
                                                   QStringLiteral("--name"), QStringLiteral("k")});
        QVERIFY(writer.waitForStarted());
        QSet<qint64> committed;
        QByteArray pending;
        while (committed.size() < 400) {
            QVERIFY2(writer.waitForReadyRead(60'000), "the writer stopped writing");
            pending += writer.readAllStandardOutput();
            qsizetype end;
            while ((end = pending.indexOf('\n')) >= 0) {
                const QList<QByteArray> parts = pending.left(end).split(' ');
                pending.remove(0, end + 1);
                QCOMPARE(parts.value(0), QByteArray("committed"));
                for (qint64 s = parts.value(1).toLongLong(); s <= parts.value(2).toLongLong(); ++s)
                    committed.insert(s);
            }
        }
        writer.kill(); // SIGKILL: no destructor, no rollback, no flush
        QVERIFY(writer.waitForFinished());
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        auto database = Database::open(*config);
        QVERIFY2(database, database ? "" : qPrintable(database.error().message));
        Database& db = *database.value();
        if (!db.isPostgres())
            QCOMPARE(
                scalar(db, QStringLiteral(
                               "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'")),
                qint64(0));
        // Everything the writer said it committed is there, exactly once.
        QSqlQuery refs(db.connection());
        QVERIFY(refs.exec(
            QStringLiteral("SELECT provider_ref, COUNT(*) FROM cost_events GROUP BY provider_ref")));
        QSet<qint64> present;
        while (refs.next()) {
            QCOMPARE(refs.value(1).toLongLong(), qint64(1));
            present.insert(refs.value(0).toString().mid(2).toLongLong());
        }
        for (qint64 s : std::as_const(committed))
            QVERIFY2(present.contains(s), qPrintable(QStringLiteral("committed event %1 is missing").arg(s)));
        // No half-written event: every row is whole, and the slot totals match the events to the micro.
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM cost_events WHERE amount_micros <> 900"
                                           " OR amount_aud_micros <> 900 OR units <> 1 OR unit <> 'email'"
                                           " OR provider <> 'resend' OR staff <> 'k'")),
                 qint64(0));
        QCOMPARE(
            scalar(db, QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM spend_daily WHERE "
                                      "scope = 'overall'")),
            scalar(db, QStringLiteral("SELECT CAST(SUM(amount_aud_micros) AS BIGINT) FROM cost_events")));
        QVERIFY(present.size() >= committed.size());
    }
};

QTEST_GUILESS_MAIN(TestSpendConcurrency)
#include "tst_spend_concurrency.moc"
