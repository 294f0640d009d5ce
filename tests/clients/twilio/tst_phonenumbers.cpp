// PhoneNumbers: Australian mobiles and landlines in the ways people write them, +61 forms, foreign
// numbers, and garbage, each to E.164 or to a sentence that names the input.

#include "integrations/phone/phonenumbers.h"

#include <QTest>

using namespace agency;

class TestPhoneNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validNumbers_data();
    void validNumbers();
    void invalidNumbers_data();
    void invalidNumbers();
    void displayForms();
    void otherDefaultRegion();
    void names();
};

void TestPhoneNumbers::validNumbers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("region");
    const int mobile = int(PhoneNumberKind::Mobile);
    const int landline = int(PhoneNumberKind::FixedLine);
    QTest::newRow("AU mobile, spaces")
        << QStringLiteral("0412 345 678") << QStringLiteral("+61412345678") << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, no spaces")
        << QStringLiteral("0412345678") << QStringLiteral("+61412345678") << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, dashes")
        << QStringLiteral("0412-345-678") << QStringLiteral("+61412345678") << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, +61") << QStringLiteral("+61 412 345 678") << QStringLiteral("+61412345678")
                                    << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, +61 (0)") << QStringLiteral("+61 (0)412 345 678")
                                        << QStringLiteral("+61412345678") << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, 61 without +")
        << QStringLiteral("61412345678") << QStringLiteral("+61412345678") << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, tel: URI") << QStringLiteral("tel:+61412345678")
                                         << QStringLiteral("+61412345678") << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, (+61)") << QStringLiteral("(+61) 412 345 678") << QStringLiteral("+61412345678")
                                      << mobile << QStringLiteral("AU");
    QTest::newRow("AU mobile, pasted separators")
        << QStringLiteral("0412\u00A0345\u2013678") << QStringLiteral("+61412345678") << mobile
        << QStringLiteral("AU");
    QTest::newRow("AU mobile, padded") << QStringLiteral("  0412 345 678\n") << QStringLiteral("+61412345678")
                                       << mobile << QStringLiteral("AU");
    QTest::newRow("Sydney landline, brackets")
        << QStringLiteral("(02) 9876 5432") << QStringLiteral("+61298765432") << landline
        << QStringLiteral("AU");
    QTest::newRow("Melbourne landline") << QStringLiteral("03 9123 4567") << QStringLiteral("+61391234567")
                                        << landline << QStringLiteral("AU");
    QTest::newRow("Brisbane landline") << QStringLiteral("(07) 3123 4567") << QStringLiteral("+61731234567")
                                       << landline << QStringLiteral("AU");
    QTest::newRow("Perth landline, +61")
        << QStringLiteral("+61 8 9123 4567") << QStringLiteral("+61891234567") << landline
        << QStringLiteral("AU");
    QTest::newRow("1800 toll-free") << QStringLiteral("1800 123 456") << QStringLiteral("+611800123456")
                                    << int(PhoneNumberKind::TollFree) << QStringLiteral("AU");
    QTest::newRow("1300 shared cost") << QStringLiteral("1300 123 456") << QStringLiteral("+611300123456")
                                      << int(PhoneNumberKind::SharedCost) << QStringLiteral("AU");
    QTest::newRow("NZ mobile") << QStringLiteral("+64 21 123 4567") << QStringLiteral("+64211234567")
                               << mobile << QStringLiteral("NZ");
    QTest::newRow("UK landline") << QStringLiteral("+44 20 7946 0958") << QStringLiteral("+442079460958")
                                 << landline << QStringLiteral("GB");
    QTest::newRow("US number") << QStringLiteral("+1 (415) 555-2671") << QStringLiteral("+14155552671")
                               << int(PhoneNumberKind::FixedLineOrMobile) << QStringLiteral("US");
}

void TestPhoneNumbers::validNumbers()
{
    QFETCH(QString, input);
    QFETCH(QString, e164);
    QFETCH(int, kind);
    QFETCH(QString, region);
    const Result<QString, QString> normalised = PhoneNumbers::normaliseToE164(input);
    QVERIFY2(normalised.ok(), qPrintable(normalised.ok() ? QString() : normalised.error()));
    QCOMPARE(normalised.value(), e164);
    const Result<PhoneNumberInfo, QString> info = PhoneNumbers::parse(input);
    QVERIFY(info.ok());
    QCOMPARE(info->e164, e164);
    QCOMPARE(int(info->kind), kind);
    QCOMPARE(info->regionCode, region);
}

void TestPhoneNumbers::invalidNumbers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("AU mobile one digit short")
        << QStringLiteral("0412 345 67")
        << QStringLiteral("0412 345 67 is not a valid Australian phone number");
    QTest::newRow("AU mobile one digit long")
        << QStringLiteral("04123456789")
        << QStringLiteral("04123456789 is not a valid Australian phone number");
    QTest::newRow("+61 too short") << QStringLiteral("+61 412 345")
                                   << QStringLiteral("+61 412 345 is not a valid Australian phone number");
    QTest::newRow("UK too short") << QStringLiteral("+44 20 1234")
                                  << QStringLiteral("+44 20 1234 is not a valid UK phone number");
    QTest::newRow("unknown country code")
        << QStringLiteral("+999 1234 5678")
        << QStringLiteral("+999 1234 5678 is not a valid phone number (unknown country code)");
    QTest::newRow("words") << QStringLiteral("call me maybe")
                           << QStringLiteral("call me maybe is not a phone number");
    QTest::newRow("letters before digits")
        << QStringLiteral("abc0412345678") << QStringLiteral("abc0412345678 is not a phone number");
    QTest::newRow("an extension") << QStringLiteral("0412 345 678 ext 5")
                                  << QStringLiteral("0412 345 678 ext 5 is not a phone number");
    QTest::newRow("an e-mail address")
        << QStringLiteral("jane@example.com") << QStringLiteral("jane@example.com is not a phone number");
    QTest::newRow("punctuation only")
        << QStringLiteral("()--") << QStringLiteral("()-- is not a phone number");
    QTest::newRow("empty") << QString() << QStringLiteral("No phone number was given");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("No phone number was given");
}

void TestPhoneNumbers::invalidNumbers()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    const Result<QString, QString> normalised = PhoneNumbers::normaliseToE164(input);
    QVERIFY(!normalised.ok());
    QCOMPARE(normalised.error(), message);
}

void TestPhoneNumbers::displayForms()
{
    const Result<PhoneNumberInfo, QString> info = PhoneNumbers::parse(QStringLiteral("+61412345678"));
    QVERIFY(info.ok());
    QCOMPARE(info->national, QStringLiteral("0412 345 678"));
    QCOMPARE(info->international, QStringLiteral("+61 412 345 678"));
    const Result<PhoneNumberInfo, QString> landline = PhoneNumbers::parse(QStringLiteral("0298765432"));
    QVERIFY(landline.ok());
    QCOMPARE(landline->national, QStringLiteral("(02) 9876 5432"));
}

void TestPhoneNumbers::otherDefaultRegion()
{
    // A national number is read in the default region; New Zealand's 021 is a mobile there.
    const Result<QString, QString> nz =
        PhoneNumbers::normaliseToE164(QStringLiteral("021 123 4567"), QStringLiteral("NZ"));
    QVERIFY(nz.ok());
    QCOMPARE(nz.value(), QStringLiteral("+64211234567"));
    const Result<QString, QString> bad =
        PhoneNumbers::normaliseToE164(QStringLiteral("021 12"), QStringLiteral("nz"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error(), QStringLiteral("021 12 is not a valid New Zealand phone number"));
}

void TestPhoneNumbers::names()
{
    QCOMPARE(PhoneNumbers::kindName(PhoneNumberKind::Mobile), QStringLiteral("mobile"));
    QCOMPARE(PhoneNumbers::kindName(PhoneNumberKind::FixedLine), QStringLiteral("landline"));
    QCOMPARE(PhoneNumbers::regionName(QStringLiteral("AU")), QStringLiteral("Australia"));
    QCOMPARE(PhoneNumbers::regionName(QStringLiteral("NZ")), QStringLiteral("New Zealand"));
    QCOMPARE(PhoneNumbers::regionName(QStringLiteral("001")), QStringLiteral("international"));
}

QTEST_GUILESS_MAIN(TestPhoneNumbers)
#include "tst_phonenumbers.moc"
