// The spend benchmark's engine half (run.sh drives it and times sqlite3 on the same file):
//   bench-spend fill PATH COUNT      1,000,000 events over 60 days, batched: events/s
//   bench-spend guard PATH COUNT     one-by-one: Ledger::record, and reserve+settle through SpendGuard
//   bench-spend refresh PATH REPS    the panel's aggregates (today and month per provider) and the full
//                                    snapshot, median ms; prints the equivalent raw SQL for sqlite3
//   bench-spend panel PATH EVENTS    the real Spend panel on that ledger: its refresh time, and the
//                                    longest the event loop went without running while EVENTS costs
//                                    arrived one by one (a 1 ms heartbeat measures it)
// Figures only; nothing here asserts on time.

#include "engine/spendguard.h"
#include "model/catalogue.h"
#include "ui/spendpanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace agency;

namespace {

void out(const QString& line)
{
    std::puts(qPrintable(line));
    std::fflush(stdout);
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

CostEvent event(QRandomGenerator& random, const QDateTime& at)
{
    CostEvent e;
    e.at = at;
    e.provider = ProviderId(random.bounded(17));
    e.operation = QStringLiteral("op");
    e.units = 1;
    e.unit = QStringLiteral("unit");
    e.amount = Money::aud(100 + random.bounded(50'000));
    e.unitPrice = e.amount;
    e.amountAud = e.amount;
    e.source = CostSource::Reported;
    e.staffMember = QStringLiteral("staff%1").arg(random.bounded(5));
    e.campaignOrRun = QStringLiteral("campaign%1").arg(random.bounded(10));
    return e;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        out(QStringLiteral("usage: bench-spend fill|guard|refresh PATH N"));
        return 64;
    }
    const QString mode = args.at(1);
    const qint64 n = args.at(3).toLongLong();
    auto opened = Database::open(DatabaseConfig::sqlite(args.at(2)));
    if (!opened) {
        out(opened.error().message);
        return 1;
    }
    Database& database = *opened.value();
    Ledger ledger(database);
    PriceBook prices(database);
    SpendGuard guard(database, ledger, prices);
    QRandomGenerator random(42);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    if (mode == u"fill") {
        // Over the last 60 days, in the order they happened (a ledger is appended as costs arrive):
        // about half falls in this month, 1/60 in today.
        const qint64 span = 60LL * 24 * 3600 * 1000;
        const QDateTime start = now.addMSecs(-span);
        QElapsedTimer timer;
        timer.start();
        for (qint64 done = 0; done < n;) {
            QList<CostEvent> batch;
            const qint64 size = std::min<qint64>(10'000, n - done);
            for (qint64 i = 0; i < size; ++i)
                batch.append(event(random, start.addMSecs(span * (done + i) / n)));
            if (!ledger.recordBatch(batch)) {
                out(QStringLiteral("batch failed"));
                return 1;
            }
            done += size;
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        out(QStringLiteral("fill: %1 events in %2 s = %3 events/s (batches of 10,000, daily totals included)")
                .arg(n)
                .arg(seconds, 0, 'f', 2)
                .arg(qint64(n / seconds)));
        return 0;
    }

    if (mode == u"guard") {
        QElapsedTimer timer;
        timer.start();
        for (qint64 i = 0; i < n; ++i)
            (void)ledger.record(event(random, now));
        const double plain = timer.nsecsElapsed() / 1e9;
        // Three limits apply to each call: overall, the provider's and the staff member's, day and month.
        (void)guard.setLimit({LimitScope::Overall, {}, SpendPeriod::Month, Money::aud(1'000'000'000'000)});
        (void)guard.setLimit({LimitScope::Overall, {}, SpendPeriod::Day, Money::aud(1'000'000'000'000)});
        (void)guard.setLimit({LimitScope::Provider, QStringLiteral("resend"), SpendPeriod::Day,
                              Money::aud(1'000'000'000'000)});
        (void)guard.setLimit(
            {LimitScope::Staff, QStringLiteral("staff1"), SpendPeriod::Month, Money::aud(1'000'000'000'000)});
        timer.restart();
        for (qint64 i = 0; i < n; ++i) {
            CostEvent e = event(random, now);
            e.provider = ProviderId::Resend;
            auto reserved =
                guard.reserveNow({e.provider, e.operation, e.amount, QStringLiteral("staff1"), {}});
            if (!reserved || !guard.settleNow(*reserved, CallOutcome::Succeeded, e)) {
                out(QStringLiteral("guard failed"));
                return 1;
            }
        }
        const double guarded = timer.nsecsElapsed() / 1e9;
        out(QStringLiteral(
                "one-by-one: Ledger::record %1 events/s; SpendGuard reserve+settle (4 limits) %2 events/s")
                .arg(qint64(n / plain))
                .arg(qint64(n / guarded)));
        return 0;
    }

    if (mode == u"refresh") {
        QList<double> totals, snapshots;
        for (qint64 i = 0; i < n; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto t = guard.providerTotals();
            totals.append(timer.nsecsElapsed() / 1e6);
            timer.restart();
            auto s = guard.snapshot();
            snapshots.append(timer.nsecsElapsed() / 1e6);
            if (!t || !s) {
                out(QStringLiteral("refresh failed"));
                return 1;
            }
        }
        out(QStringLiteral("refresh: provider totals (today, month) median %1 ms; full snapshot median %2 ms")
                .arg(median(totals), 0, 'f', 2)
                .arg(median(snapshots), 0, 'f', 2));
        const TimeRange day = guard.calendar().periodAt(SpendPeriod::Day, now);
        const TimeRange month = guard.calendar().periodAt(SpendPeriod::Month, now);
        // The same answer straight from the events: sqlite3 times it on the same file (run.sh), and so
        // does Qt here, to show what the driver adds on top of SQLite.
        const QString sql =
            QStringLiteral(
                "SELECT provider, SUM(CASE WHEN at_ms >= %1 AND at_ms < %2 THEN amount_aud_micros"
                " ELSE 0 END), SUM(amount_aud_micros) FROM cost_events WHERE at_ms >= %3 AND at_ms < %4"
                " GROUP BY provider;")
                .arg(day.start.toMSecsSinceEpoch())
                .arg(day.end.toMSecsSinceEpoch())
                .arg(month.start.toMSecsSinceEpoch())
                .arg(month.end.toMSecsSinceEpoch());
        QList<double> raw;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer timer;
            timer.start();
            QSqlQuery query(database.connection());
            query.exec(sql);
            while (query.next()) {
            }
            raw.append(timer.nsecsElapsed() / 1e6);
        }
        out(QStringLiteral("raw GROUP BY over the events through Qt: median %1 ms")
                .arg(median(raw), 0, 'f', 2));
        out(QStringLiteral("SQL: ") + sql);
        return 0;
    }
    if (mode == u"panel") {
        QElapsedTimer timer;
        timer.start();
        SpendPanel panel(SpendServices{ledger, prices, guard, nullptr}, nullptr);
        panel.resize(1400, 900);
        panel.show();
        panel.refresh();
        const double first = timer.nsecsElapsed() / 1e6;
        QList<double> refreshes;
        for (int i = 0; i < 10; ++i) {
            timer.restart();
            panel.refresh();
            refreshes.append(timer.nsecsElapsed() / 1e6);
        }
        // The ledger tab's filters: a page of the newest rows for a provider, and for a campaign.
        panel.setLedgerProvider(ProviderId::Twilio);
        timer.restart();
        panel.reloadLedger();
        const double providerPage = timer.nsecsElapsed() / 1e6;
        panel.setLedgerProvider(std::nullopt);

        // Costs arriving while the panel is live: the heartbeat's longest gap is the longest block.
        qint64 longestGapNs = 0;
        QElapsedTimer beat;
        beat.start();
        QTimer heartbeat;
        heartbeat.setTimerType(Qt::PreciseTimer);
        QObject::connect(&heartbeat, &QTimer::timeout, [&] {
            longestGapNs = std::max(longestGapNs, beat.nsecsElapsed());
            beat.restart();
        });
        heartbeat.start(1);
        QTimer feeder;
        qint64 fed = 0;
        QObject::connect(&feeder, &QTimer::timeout, [&] {
            (void)guard.chargeNow(event(random, QDateTime::currentDateTimeUtc()));
            if (++fed >= n)
                feeder.stop();
        });
        feeder.start(20);
        const int before = panel.refreshCount();
        while (fed < n || panel.refreshCount() == before)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 500)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        out(QStringLiteral("panel: first build and refresh %1 ms; refresh median %2 ms, max %3 ms;"
                           " Twilio ledger page %4 ms")
                .arg(first, 0, 'f', 1)
                .arg(median(refreshes), 0, 'f', 2)
                .arg(*std::max_element(refreshes.begin(), refreshes.end()), 0, 'f', 2)
                .arg(providerPage, 0, 'f', 2));
        out(QStringLiteral("panel: %1 costs arrived live, %2 refreshes; longest event-loop block %3 ms")
                .arg(n)
                .arg(panel.refreshCount() - before)
                .arg(longestGapNs / 1e6, 0, 'f', 1));
        return 0;
    }
    out(QStringLiteral("unknown mode"));
    return 64;
}
