#include "model/money.h"

#include <QTest>

#include <limits>

using namespace agency;

class TestMoney : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resendMillionEmailsIsExact()
    {
        const Money perEmail = *Money::parse(QStringLiteral("A$0.0009"));
        QCOMPARE(perEmail.micros(), 900);
        const auto total = perEmail.times(1'000'000);
        QVERIFY(total);
        QCOMPARE(total->micros(), 900'000'000);
        QCOMPARE(total->toString(), QStringLiteral("A$900.00"));

        // Summed one by one, too: no drift.
        Money sum = Money::aud(0);
        for (int i = 0; i < 1'000'000; ++i)
            sum = *sum.plus(perEmail);
        QCOMPARE(sum, *total);
    }

    void format_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fraction of a cent") << qint64(900) << "AUD"
                                            << "A$0.0009";
        QTest::newRow("whole") << qint64(900'000'000) << "AUD"
                               << "A$900.00";
        QTest::newRow("zero") << qint64(0) << "AUD"
                              << "A$0.00";
        QTest::newRow("thousands") << qint64(1'234'567'890'000) << "AUD"
                                   << "A$1,234,567.89";
        QTest::newRow("negative") << qint64(-1'500'000) << "USD"
                                  << "-US$1.50";
        QTest::newRow("one micro") << qint64(1) << "AUD"
                                   << "A$0.000001";
        QTest::newRow("other currency") << qint64(2'000'000) << "EUR"
                                        << "EUR 2.00";
        QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << "AUD"
                                       << "-A$9,223,372,036,854.775808";
    }
    void format()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, currency);
        QFETCH(QString, expected);
        QCOMPARE(Money::fromMicros(micros, currency).toString(), expected);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("currency");
        QTest::newRow("symbol") << "A$0.0009" << qint64(900) << "AUD";
        QTest::newRow("separators") << "A$1,234.50" << qint64(1'234'500'000) << "AUD";
        QTest::newRow("code after") << "0.02 AUD" << qint64(20'000) << "AUD";
        QTest::newRow("code before") << "USD 12.5" << qint64(12'500'000) << "USD";
        QTest::newRow("us symbol") << "US$2" << qint64(2'000'000) << "USD";
        QTest::newRow("negative") << "-A$3.25" << qint64(-3'250'000) << "AUD";
        QTest::newRow("leading point") << "A$.5" << qint64(500'000) << "AUD";
        QTest::newRow("spaces") << "  A$ 7  " << qint64(7'000'000) << "AUD";
        QTest::newRow("lower code") << "1 aud" << qint64(1'000'000) << "AUD";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, micros);
        QFETCH(QString, currency);
        QString error;
        const auto money = Money::parse(text, &error);
        QVERIFY2(money, qPrintable(error));
        QCOMPARE(money->micros(), micros);
        QCOMPARE(money->currency(), currency);
    }

    void parseRejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("no currency") << "12.50";
        QTest::newRow("seven decimals") << "A$0.0000001";
        QTest::newRow("letters") << "A$abc";
        QTest::newRow("bad separators") << "A$1,23.00";
        QTest::newRow("two points") << "A$1.2.3";
        QTest::newRow("too large") << "A$99999999999999999";
        QTest::newRow("just symbol") << "A$";
    }
    void parseRejects()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!Money::parse(text, &error));
        QVERIFY(!error.isEmpty());
    }

    void roundTrip()
    {
        for (qint64 micros : {qint64(0), qint64(1), qint64(10), qint64(999'999), qint64(123'456'789'012),
                              qint64(-42), std::numeric_limits<qint64>::max()}) {
            const Money money = Money::aud(micros);
            QCOMPARE(*Money::parse(money.toString()), money);
        }
    }

    void overflowIsGuarded()
    {
        const Money big = Money::aud(std::numeric_limits<qint64>::max());
        QVERIFY(!big.plus(Money::aud(1)));
        QVERIFY(!Money::aud(std::numeric_limits<qint64>::min()).minus(Money::aud(1)));
        QVERIFY(!big.times(2));
        QVERIFY(!big.scaled(3, 1));
        QVERIFY(big.scaled(1, 2)); // halving a large value is fine: 128-bit intermediate
    }

    void currenciesDoNotMix()
    {
        const Money aud = Money::aud(1);
        const Money usd = Money::fromMicros(1, QStringLiteral("USD"));
        QVERIFY(!aud.plus(usd));
        QVERIFY(!aud.minus(usd));
        QVERIFY(!(aud < usd) && !(aud > usd) && !(aud == usd));
    }

    void rounding_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<qint64>("numerator");
        QTest::addColumn<qint64>("denominator");
        QTest::addColumn<int>("rounding");
        QTest::addColumn<qint64>("expected");
        const int half = int(Rounding::HalfAwayFromZero), even = int(Rounding::HalfEven),
                  down = int(Rounding::Down), up = int(Rounding::Up);
        QTest::newRow("half away up") << qint64(5) << qint64(1) << qint64(2) << half << qint64(3);
        QTest::newRow("half away negative") << qint64(-5) << qint64(1) << qint64(2) << half << qint64(-3);
        QTest::newRow("half even down") << qint64(5) << qint64(1) << qint64(2) << even << qint64(2);
        QTest::newRow("half even up") << qint64(7) << qint64(1) << qint64(2) << even << qint64(4);
        QTest::newRow("below half") << qint64(10) << qint64(1) << qint64(3) << half << qint64(3);
        QTest::newRow("down") << qint64(29) << qint64(1) << qint64(10) << down << qint64(2);
        QTest::newRow("up") << qint64(21) << qint64(1) << qint64(10) << up << qint64(3);
        QTest::newRow("up negative") << qint64(-21) << qint64(1) << qint64(10) << up << qint64(-3);
        QTest::newRow("exact") << qint64(30) << qint64(1) << qint64(10) << up << qint64(3);
        // Anthropic-style: 1,234 tokens at US$3 per million tokens = US$0.003702.
        QTest::newRow("per million tokens")
            << qint64(3'000'000) << qint64(1234) << qint64(1'000'000) << half << qint64(3702);
    }
    void rounding()
    {
        QFETCH(qint64, micros);
        QFETCH(qint64, numerator);
        QFETCH(qint64, denominator);
        QFETCH(int, rounding);
        QFETCH(qint64, expected);
        const auto result = Money::aud(micros).scaled(numerator, denominator, Rounding(rounding));
        QVERIFY(result);
        QCOMPARE(result->micros(), expected);
    }

    void divisionByZeroIsRefused() { QVERIFY(!Money::aud(5).scaled(1, 0)); }

    void conversion()
    {
        const Money usd = *Money::parse(QStringLiteral("US$10.00"));
        const auto aud = usd.converted(QStringLiteral("AUD"), 1'534'700); // 1 USD = 1.5347 AUD
        QVERIFY(aud);
        QCOMPARE(aud->toString(), QStringLiteral("A$15.347"));
        QVERIFY(!usd.converted(QStringLiteral("AUD"), 0));
        QCOMPARE(*usd.converted(QStringLiteral("USD"), 1), usd);
    }
};

QTEST_APPLESS_MAIN(TestMoney)
#include "tst_money.moc"
