#include "integrations/http/retrytiming.h"

#include <QTest>

using namespace agency;
using namespace std::chrono_literals;

class TestRetryTiming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exponentialWithinBounds()
    {
        RetryPolicy policy; // 2 s → 10 s, ±20 %
        QCOMPARE(backoffDelay(policy, 1, 0.5), 2000ms);
        QCOMPARE(backoffDelay(policy, 2, 0.5), 4000ms);
        QCOMPARE(backoffDelay(policy, 3, 0.5), 8000ms);
        QCOMPARE(backoffDelay(policy, 4, 0.5), 10000ms);
        QCOMPARE(backoffDelay(policy, 30, 0.5), 10000ms);
        // Jitter moves the wait but never outside 2 s … 10 s.
        QCOMPARE(backoffDelay(policy, 2, 0.0), 3200ms);
        QCOMPARE(backoffDelay(policy, 2, 0.999999), 4800ms);
        QCOMPARE(backoffDelay(policy, 1, 0.0), 2000ms);
        QCOMPARE(backoffDelay(policy, 4, 0.999999), 10000ms);
        for (int attempt = 1; attempt < 6; ++attempt)
            for (double r : {0.0, 0.1, 0.5, 0.9, 0.99}) {
                const auto wait = backoffDelay(policy, attempt, r);
                QVERIFY(wait >= 2000ms && wait <= 10000ms);
            }
    }

    void retryAfterSeconds()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(parseRetryAfter("1", now), std::optional(1000ms));
        QCOMPARE(parseRetryAfter(" 2.5 ", now), std::optional(2500ms));
        QCOMPARE(parseRetryAfter("0", now), std::optional(0ms));
        QVERIFY(!parseRetryAfter("", now));
        QVERIFY(!parseRetryAfter("-3", now));
        QVERIFY(!parseRetryAfter("soon", now));
    }

    void retryAfterHttpDate()
    {
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now), std::optional(30000ms));
        // A date in the past means "now".
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), std::optional(0ms));
    }

    void resetHeaders()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        QCOMPARE(parseResetTimestamp("1700000005", now), std::optional(5000ms));
        QCOMPARE(parseResetTimestamp("7", now), std::optional(7000ms)); // a delta
        QCOMPARE(parseResetTimestamp("1600000000", now), std::optional(0ms));
        QVERIFY(!parseResetTimestamp("x", now));
    }
};

QTEST_APPLESS_MAIN(TestRetryTiming)
#include "tst_retrytiming.moc"
