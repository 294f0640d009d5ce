// RecipientValidator per channel: emails (syntax, reserved domains, lower-cased), phones to E.164 with
// libphonenumber (AU mobiles and landlines, foreign numbers with +, no SMS to a landline), LinkedIn
// profile URLs in any form, and postal addresses (every field named; AU state and postcode checks).

#include "engine/recipientvalidator.h"

#include <QTest>

using namespace agency;
using namespace Qt::Literals::StringLiterals;

namespace {

RecipientFields fields(std::initializer_list<std::pair<const char*, const char*>> pairs)
{
    RecipientFields map;
    for (const auto& [name, value] : pairs)
        map.insert(QString::fromUtf8(name), QString::fromUtf8(value));
    return map;
}

QByteArray problemsOf(const Result<ValidatedRecipient, QList<FieldProblem>>& result)
{
    return result ? QByteArray() : RecipientValidator::describe(result.error()).toUtf8();
}

QStringList fieldsOf(const QList<FieldProblem>& problems)
{
    QStringList names;
    for (const FieldProblem& problem : problems)
        names.append(problem.field);
    return names;
}

RecipientFields sydneyLetter()
{
    return fields({{"name", "Jane Doe"},
                   {"address_line1", "Level 3, 1 George St"},
                   {"city", "Sydney"},
                   {"state", "new south wales"},
                   {"postcode", "2000"},
                   {"country", "Australia"}});
}

} // namespace

class TestRecipientValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void email_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("key"); // empty: refused
        QTest::newRow("mixed case, spaces") << u" Jane.Doe@Acme.COM.au "_s << u"jane.doe@acme.com.au"_s;
        QTest::newRow("plus tag") << u"jane+news@acme.io"_s << u"jane+news@acme.io"_s;
        QTest::newRow("no domain") << u"jane@"_s << u""_s;
        QTest::newRow("no dot in domain") << u"jane@acme"_s << u""_s;
        QTest::newRow("space") << u"jane doe@acme.com"_s << u""_s;
        QTest::newRow("two at signs") << u"jane@doe@acme.com"_s << u""_s;
        QTest::newRow("reserved domain") << u"jane@example.com"_s << u""_s;
        QTest::newRow("reserved tld") << u"jane@shop.test"_s << u""_s;
        QTest::newRow("empty") << u""_s << u""_s;
    }
    void email()
    {
        QFETCH(QString, input);
        QFETCH(QString, key);
        auto result = RecipientValidator::validate(
            CampaignChannel::Email,
            {{QStringLiteral("email"), input}, {QStringLiteral("first_name"), QStringLiteral("Jane")}});
        if (key.isEmpty()) {
            QVERIFY(!result);
            QCOMPARE(fieldsOf(result.error()), QStringList{QStringLiteral("email")});
            QVERIFY(!result.error().first().message.isEmpty());
            return;
        }
        QVERIFY2(result, problemsOf(result).constData());
        QCOMPARE(result->key, key);
        QCOMPARE(result->fields.value(QStringLiteral("email")), key);
        QCOMPARE(result->fields.value(QStringLiteral("first_name")), QStringLiteral("Jane"));
    }

    void phone_data()
    {
        QTest::addColumn<int>("channel");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("e164"); // empty: refused
        const int sms = int(CampaignChannel::Sms);
        const int voice = int(CampaignChannel::Voice);
        QTest::newRow("AU mobile, spaced") << sms << u"0412 345 678"_s << u"+61412345678"_s;
        QTest::newRow("AU mobile, +61") << sms << u"+61 412 345 678"_s << u"+61412345678"_s;
        QTest::newRow("AU mobile, 61 no plus") << voice << u"61412345678"_s << u"+61412345678"_s;
        QTest::newRow("AU landline, call") << voice << u"(02) 9876 5432"_s << u"+61298765432"_s;
        QTest::newRow("AU landline, no SMS") << sms << u"(02) 9876 5432"_s << u""_s;
        QTest::newRow("NZ mobile with +") << sms << u"+64 21 123 4567"_s << u"+64211234567"_s;
        QTest::newRow("UK mobile with +") << sms << u"+44 7911 123456"_s << u"+447911123456"_s;
        QTest::newRow("US number with +") << voice << u"+1 650-253-0000"_s << u"+16502530000"_s;
        QTest::newRow("too short") << sms << u"0412 345 67"_s << u""_s;
        QTest::newRow("letters") << voice << u"call me"_s << u""_s;
        QTest::newRow("empty") << voice << u""_s << u""_s;
    }
    void phone()
    {
        QFETCH(int, channel);
        QFETCH(QString, input);
        QFETCH(QString, e164);
        auto result =
            RecipientValidator::validate(CampaignChannel(channel), {{QStringLiteral("phone"), input}});
        if (e164.isEmpty()) {
            QVERIFY(!result);
            QCOMPARE(fieldsOf(result.error()), QStringList{QStringLiteral("phone")});
            return;
        }
        QVERIFY2(result, problemsOf(result).constData());
        QCOMPARE(result->key, e164);
        QCOMPARE(result->fields.value(QStringLiteral("phone")), e164);
    }

    void linkedIn_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("profile"); // empty: refused
        const QString jane = QStringLiteral("https://www.linkedin.com/in/jane-doe");
        QTest::newRow("canonical") << u"https://www.linkedin.com/in/jane-doe"_s << jane;
        QTest::newRow("case and slash") << u"https://www.linkedin.com/in/Jane-Doe/"_s << jane;
        QTest::newRow("country host, query") << u"au.linkedin.com/in/jane-doe?trk=people"_s << jane;
        QTest::newRow("bare host") << u"linkedin.com/in/jane-doe"_s << jane;
        QTest::newRow("http") << u"http://linkedin.com/in/jane-doe#top"_s << jane;
        QTest::newRow("encoded slug")
            << u"https://www.linkedin.com/in/j%C3%B6rg-m"_s << u"https://www.linkedin.com/in/j%c3%b6rg-m"_s;
        QTest::newRow("company page") << u"https://www.linkedin.com/company/acme"_s << u""_s;
        QTest::newRow("sub-page") << u"https://www.linkedin.com/in/jane-doe/details/experience"_s << u""_s;
        QTest::newRow("other host") << u"https://evil.com/in/jane-doe"_s << u""_s;
        QTest::newRow("lookalike host") << u"https://linkedin.com.evil.com/in/jane-doe"_s << u""_s;
        QTest::newRow("no slug") << u"https://www.linkedin.com/in/"_s << u""_s;
        QTest::newRow("ftp") << u"ftp://linkedin.com/in/jane-doe"_s << u""_s;
    }
    void linkedIn()
    {
        QFETCH(QString, input);
        QFETCH(QString, profile);
        auto result = RecipientValidator::validate(CampaignChannel::LinkedIn,
                                                   {{QStringLiteral("linkedin_url"), input}});
        if (profile.isEmpty()) {
            QVERIFY(!result);
            QCOMPARE(fieldsOf(result.error()), QStringList{QStringLiteral("linkedin_url")});
            return;
        }
        QVERIFY2(result, problemsOf(result).constData());
        QCOMPARE(result->key, profile);
        QCOMPARE(RecipientValidator::normalisedLinkedInProfile(input), profile);
    }

    void linkedInAlias()
    {
        auto result = RecipientValidator::validate(
            CampaignChannel::LinkedIn,
            {{QStringLiteral("linkedin"), QStringLiteral("linkedin.com/in/jane-doe")}});
        QVERIFY(result);
        QCOMPARE(result->fields.value(QStringLiteral("linkedin_url")),
                 QStringLiteral("https://www.linkedin.com/in/jane-doe"));
    }

    void completeAustralianLetter()
    {
        auto result = RecipientValidator::validate(CampaignChannel::Letter, sydneyLetter());
        QVERIFY2(result, problemsOf(result).constData());
        QCOMPARE(result->fields.value(QStringLiteral("state")), QStringLiteral("NSW"));
        QCOMPARE(result->fields.value(QStringLiteral("country")), QStringLiteral("AU"));
        QCOMPARE(result->key, QStringLiteral("jane doe, level 3, 1 george st, sydney, nsw, 2000, au"));

        // First and last name stand in for a name; a suburb for a city.
        RecipientFields split = sydneyLetter();
        split.remove(QStringLiteral("name"));
        split.remove(QStringLiteral("city"));
        split.insert(QStringLiteral("first_name"), QStringLiteral("Jane"));
        split.insert(QStringLiteral("last_name"), QStringLiteral("Doe"));
        split.insert(QStringLiteral("suburb"), QStringLiteral("Sydney"));
        auto fromParts = RecipientValidator::validate(CampaignChannel::Letter, split);
        QVERIFY(fromParts);
        QCOMPARE(fromParts->key, result->key);
    }

    void incompleteLetter_data()
    {
        QTest::addColumn<QStringList>("remove");
        QTest::addColumn<QStringList>("set"); // name=value pairs
        QTest::addColumn<QStringList>("problems");
        QTest::newRow("no city, no postcode") << QStringList{u"city"_s, u"postcode"_s} << QStringList{}
                                              << QStringList{u"city"_s, u"postcode"_s};
        QTest::newRow("no name") << QStringList{u"name"_s} << QStringList{} << QStringList{u"name"_s};
        QTest::newRow("no line 1") << QStringList{u"address_line1"_s} << QStringList{}
                                   << QStringList{u"address_line1"_s};
        QTest::newRow("no country") << QStringList{u"country"_s} << QStringList{}
                                    << QStringList{u"country"_s};
        QTest::newRow("no state") << QStringList{u"state"_s} << QStringList{} << QStringList{u"state"_s};
        QTest::newRow("three-digit postcode")
            << QStringList{} << QStringList{u"postcode=200"_s} << QStringList{u"postcode"_s};
        QTest::newRow("postcode with letters")
            << QStringList{} << QStringList{u"postcode=20A0"_s} << QStringList{u"postcode"_s};
        QTest::newRow("postcode of another state")
            << QStringList{} << QStringList{u"postcode=3000"_s} << QStringList{u"postcode"_s};
        QTest::newRow("not a state") << QStringList{} << QStringList{u"state=Sydney"_s}
                                     << QStringList{u"state"_s};
        QTest::newRow("blank values")
            << QStringList{} << QStringList{u"name= "_s, u"city=  "_s} << QStringList{u"name"_s, u"city"_s};
    }
    void incompleteLetter()
    {
        QFETCH(QStringList, remove);
        QFETCH(QStringList, set);
        QFETCH(QStringList, problems);
        RecipientFields letter = sydneyLetter();
        for (const QString& name : remove)
            letter.remove(name);
        for (const QString& pair : set)
            letter.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        auto result = RecipientValidator::validate(CampaignChannel::Letter, letter);
        QVERIFY(!result);
        QCOMPARE(fieldsOf(result.error()), problems);
    }

    void postcodeRanges()
    {
        QVERIFY(RecipientValidator::postcodeMatchesState(2600, QStringLiteral("ACT")));
        QVERIFY(!RecipientValidator::postcodeMatchesState(2600, QStringLiteral("NSW")));
        QVERIFY(RecipientValidator::postcodeMatchesState(800, QStringLiteral("NT")));
        QVERIFY(RecipientValidator::postcodeMatchesState(7000, QStringLiteral("TAS")));
        QVERIFY(RecipientValidator::postcodeMatchesState(6000, QStringLiteral("WA")));
        QVERIFY(!RecipientValidator::postcodeMatchesState(6000, QStringLiteral("SA")));
        QCOMPARE(RecipientValidator::australianStateCode(QStringLiteral(" vic ")), QStringLiteral("VIC"));
        QCOMPARE(RecipientValidator::australianStateCode(QStringLiteral("Western Australia")),
                 QStringLiteral("WA"));
        QCOMPARE(RecipientValidator::australianStateCode(QStringLiteral("California")), QString());
    }

    void foreignLetter()
    {
        RecipientFields letter = fields({{"name", "Kiri Smith"},
                                         {"address_line1", "12 Queen St"},
                                         {"city", "Auckland"},
                                         {"postcode", "1010"},
                                         {"country", "New Zealand"}});
        auto result = RecipientValidator::validate(CampaignChannel::Letter, letter);
        QVERIFY2(result, problemsOf(result).constData());
        letter.remove(QStringLiteral("postcode"));
        auto noPostcode = RecipientValidator::validate(CampaignChannel::Letter, letter);
        QVERIFY(!noPostcode);
        QCOMPARE(fieldsOf(noPostcode.error()), QStringList{QStringLiteral("postcode")});
    }
};

QTEST_GUILESS_MAIN(TestRecipientValidator)
#include "tst_recipientvalidator.moc"
