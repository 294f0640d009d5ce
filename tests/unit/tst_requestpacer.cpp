#include "integrations/http/requestpacer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <qcoro/qcorotimer.h>

using namespace agency;

class TestRequestPacer : public QObject
{
    Q_OBJECT
private:
    struct Probe
    {
        QList<qint64> grantedAt;
        QList<int> order;
        int peakInFlight = 0;
        int finished = 0;
        int refused = 0;
    };

    // One caller: waits for the pacer, holds the slot for `holdMs`, then releases.
    static QCoro::Task<> caller(RequestPacer& pacer, Probe& probe, QElapsedTimer& clock, int id, int holdMs,
                                CancelToken cancel = {})
    {
        const bool granted = co_await pacer.acquire(cancel);
        if (!granted) {
            ++probe.refused;
            ++probe.finished;
            co_return;
        }
        probe.grantedAt.append(clock.elapsed());
        probe.order.append(id);
        probe.peakInFlight = std::max(probe.peakInFlight, pacer.inFlight());
        if (holdMs > 0)
            co_await QCoro::sleepFor(std::chrono::milliseconds(holdMs));
        pacer.release();
        ++probe.finished;
    }

private Q_SLOTS:
    void unlimitedGoesAtOnce()
    {
        RequestPacer pacer;
        Probe probe;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 10; ++i)
            caller(pacer, probe, clock, i, 0);
        QTRY_COMPARE(probe.finished, 10);
        QCOMPARE(probe.grantedAt.size(), 10);
    }

    void rateIsHeldAndOrderKept()
    {
        RequestPacer pacer({100.0, 1.0, 0}); // 100/s, no burst: one every 10 ms
        Probe probe;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 21; ++i)
            caller(pacer, probe, clock, i, 0);
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished, 21, 5000);
        QList<int> expected;
        for (int i = 0; i < 21; ++i)
            expected.append(i);
        QCOMPARE(probe.order, expected);
        // 20 intervals of 10 ms: at least ~200 ms from first to last grant. (A lower bound only:
        // the suite never asserts that the machine is fast.)
        QVERIFY2(probe.grantedAt.last() - probe.grantedAt.first() >= 190,
                 qPrintable(QString::number(probe.grantedAt.last() - probe.grantedAt.first())));
    }

    void burstAllowsThatManyAtOnce()
    {
        RequestPacer pacer({1.0, 5.0, 0}); // 1/s, bucket of 5
        Probe probe;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 6; ++i)
            caller(pacer, probe, clock, i, 0);
        QTRY_COMPARE(probe.finished, 5);
        QTest::qWait(50);
        QCOMPARE(probe.finished, 5); // the sixth waits for a token, about a second
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished, 6, 3000);
    }

    void concurrencyCap()
    {
        RequestPacer pacer({0, 1, 3});
        Probe probe;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 12; ++i)
            caller(pacer, probe, clock, i, 20);
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished, 12, 5000);
        QCOMPARE(probe.peakInFlight, 3);
        QCOMPARE(pacer.inFlight(), 0);
    }

    void cancelLeavesTheQueue()
    {
        RequestPacer pacer({0, 1, 1});
        Probe probe;
        QElapsedTimer clock;
        clock.start();
        CancelToken cancel;
        caller(pacer, probe, clock, 0, 100);
        caller(pacer, probe, clock, 1, 0, cancel);
        caller(pacer, probe, clock, 2, 0);
        QTRY_COMPARE(pacer.waiting(), 2);
        cancel.cancel();
        QTRY_COMPARE(probe.refused, 1);
        QCOMPARE(pacer.waiting(), 1);
        QTRY_COMPARE(probe.finished, 3);
        QCOMPARE(probe.order, QList<int>({0, 2}));
    }

    void alreadyCancelledIsRefused()
    {
        RequestPacer pacer;
        CancelToken cancel;
        cancel.cancel();
        QVERIFY(!QCoro::waitFor(pacer.acquire(cancel)));
        QCOMPARE(pacer.inFlight(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRequestPacer)
#include "tst_requestpacer.moc"
