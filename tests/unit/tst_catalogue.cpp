#include "model/catalogue.h"
#include "model/credential.h"

#include <QDir>
#include <QSet>
#include <QTest>

using namespace agency;

class TestCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seventeenProvidersInIdOrder()
    {
        QCOMPARE(providerCatalogue().size(), 17);
        QCOMPARE(allProviders().size(), 17);
        for (int i = 0; i < providerCatalogue().size(); ++i) {
            QCOMPARE(int(providerCatalogue().at(i).id), i);
            QCOMPARE(allProviders().at(i), providerCatalogue().at(i).id);
        }
    }

    void idsMatchTheProviderFiles()
    {
        const QSet<QString> expected = {
            QStringLiteral("apollo"),     QStringLiteral("apify"),      QStringLiteral("clay"),
            QStringLiteral("dataforseo"), QStringLiteral("resend"),     QStringLiteral("postmark"),
            QStringLiteral("twilio"),     QStringLiteral("heyreach"),   QStringLiteral("clicksend"),
            QStringLiteral("vapi"),       QStringLiteral("elevenlabs"), QStringLiteral("deepgram"),
            QStringLiteral("anthropic"),  QStringLiteral("infraforge"), QStringLiteral("smartlead"),
            QStringLiteral("supabase"),   QStringLiteral("redis")};
        QSet<QString> keys;
        for (ProviderId id : allProviders()) {
            keys.insert(providerKey(id));
            QCOMPARE(providerFromKey(providerKey(id)), id);
            QCOMPARE(providerFromKey(providerKey(id).toUpper()), id);
        }
        QCOMPARE(keys, expected);
        QVERIFY(!providerFromKey(u"mailchimp"));

        // The shared provider facts name the same ids, where they are present beside the repo.
        const QDir shared(QStringLiteral(AGENCY_SOURCE_DIR "/../shared/providers"));
        if (shared.exists()) {
            QSet<QString> files;
            for (const QString& file : shared.entryList({QStringLiteral("*.md")}, QDir::Files))
                files.insert(file.chopped(3));
            QCOMPARE(files, expected);
        }
    }

    void envPrefix() { QCOMPARE(providerEnvPrefix(ProviderId::Twilio), QStringLiteral("AGENCY_TWILIO_")); }

    void seedUnitCosts_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QString>("cost");
        QTest::addColumn<int>("pricing");
        QTest::newRow("apollo") << int(ProviderId::Apollo) << "A$0.02" << int(PricingBasis::PerUnit);
        QTest::newRow("clay") << int(ProviderId::Clay) << "A$0.039" << int(PricingBasis::PerUnitRange);
        QTest::newRow("dataforseo") << int(ProviderId::DataForSeo) << "A$0.03" << int(PricingBasis::PerUnit);
        QTest::newRow("heyreach") << int(ProviderId::HeyReach) << "A$122.00"
                                  << int(PricingBasis::Subscription);
        QTest::newRow("vapi") << int(ProviderId::Vapi) << "A$0.35" << int(PricingBasis::PerUnit);
        QTest::newRow("twilio") << int(ProviderId::Twilio) << "A$0.08" << int(PricingBasis::PerUnit);
        QTest::newRow("clicksend") << int(ProviderId::ClickSend) << "A$0.59" << int(PricingBasis::PerUnit);
        QTest::newRow("resend") << int(ProviderId::Resend) << "A$0.0009" << int(PricingBasis::PerUnit);
        QTest::newRow("infraforge") << int(ProviderId::InfraForge) << "A$99.00"
                                    << int(PricingBasis::Subscription);
        QTest::newRow("smartlead") << int(ProviderId::Smartlead) << "A$39.00"
                                   << int(PricingBasis::Subscription);
        QTest::newRow("anthropic") << int(ProviderId::Anthropic) << "US$0.00" << int(PricingBasis::PerToken);
    }
    void seedUnitCosts()
    {
        QFETCH(int, provider);
        QFETCH(QString, cost);
        QFETCH(int, pricing);
        const ProviderInfo& info = providerInfo(ProviderId(provider));
        QCOMPARE(info.unitCost.toString(), cost);
        QCOMPARE(int(info.pricing), pricing);
        QVERIFY(!info.unit.isEmpty());
        QCOMPARE(info.billingCurrency.size(), 3);
    }

    void clayRange()
    {
        const ProviderInfo& clay = providerInfo(ProviderId::Clay);
        QCOMPARE(clay.unitCostHigh.toString(), QStringLiteral("A$0.077"));
        QCOMPARE(unitCostText(clay), QStringLiteral("A$0.039–0.077 / credit"));
    }

    void everyProviderHasCredentialFieldsAndAnEndpoint()
    {
        for (const ProviderInfo& info : providerCatalogue()) {
            QVERIFY2(!info.fields.isEmpty(), qPrintable(info.name));
            QVERIFY2(std::any_of(info.fields.cbegin(), info.fields.cend(),
                                 [](const CredentialFieldSpec& f) { return f.secret; }),
                     qPrintable(info.name + QStringLiteral(" has no secret field")));
            if (!info.defaultBaseUrl.isEmpty())
                QVERIFY2(info.defaultBaseUrl.startsWith(u"https://"), qPrintable(info.name));
            for (const CredentialFieldSpec& field : info.fields)
                QVERIFY(field.name == field.name.toLower() && !field.name.contains(u' '));
        }
        const auto& twilio = providerInfo(ProviderId::Twilio).fields;
        QCOMPARE(twilio.size(), 2);
        QCOMPARE(twilio.at(0).name, QStringLiteral("account_sid"));
        QVERIFY(!twilio.at(0).secret);
        QCOMPARE(twilio.at(1).name, QStringLiteral("auth_token"));
        QVERIFY(twilio.at(1).secret);
    }

    void cleanPasted_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QString>("clean");
        QTest::newRow("newline") << "re_abc123\n"
                                 << "re_abc123";
        QTest::newRow("spaces") << "  key  "
                                << "key";
        QTest::newRow("quotes") << "\"sk-ant-xyz\""
                                << "sk-ant-xyz";
        QTest::newRow("single quotes") << "'abc'"
                                       << "abc";
        QTest::newRow("bearer") << "Bearer re_abc"
                                << "re_abc";
        QTest::newRow("inner kept") << "a b"
                                    << "a b";
    }
    void cleanPasted()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, clean);
        QCOMPARE(cleanPastedValue(pasted), clean);
    }

    void validation()
    {
        const ProviderInfo& twilio = providerInfo(ProviderId::Twilio);
        Credential good;
        good.fields = {{QStringLiteral("account_sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef")},
                       {QStringLiteral("auth_token"), QStringLiteral("0123456789abcdef0123456789abcdef")}};
        QVERIFY(validateCredential(twilio, good, Profile::Production).isEmpty());

        Credential missing = good;
        missing.fields.remove(QStringLiteral("auth_token"));
        auto problems = validateCredential(twilio, missing, Profile::Production);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().field, QStringLiteral("auth_token"));

        Credential wrongShape = good;
        wrongShape.fields[QStringLiteral("account_sid")] = QStringLiteral("SK123");
        problems = validateCredential(twilio, wrongShape, Profile::Production);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().message.contains(QStringLiteral("AC followed by 32")));
        // The simulator's value is fine in the Sandbox profile.
        Credential sim;
        sim.fields = {{QStringLiteral("account_sid"), QStringLiteral("sim-valid")},
                      {QStringLiteral("auth_token"), QStringLiteral("sim-valid")}};
        QVERIFY(validateCredential(twilio, sim, Profile::Sandbox).isEmpty());
        QVERIFY(!validateCredential(twilio, sim, Profile::Production).isEmpty());

        Credential spaced = good;
        spaced.fields[QStringLiteral("auth_token")] = QStringLiteral("0123 4567");
        problems = validateCredential(twilio, spaced, Profile::Sandbox);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().message.contains(QStringLiteral("spaces")));

        Credential whitespaceOnly = good;
        whitespaceOnly.fields[QStringLiteral("auth_token")] = QStringLiteral("   ");
        QCOMPARE(validateCredential(twilio, whitespaceOnly, Profile::Sandbox).size(), 1);

        Credential unknown = good;
        unknown.fields[QStringLiteral("pin")] = QStringLiteral("1234");
        QCOMPARE(validateCredential(twilio, unknown, Profile::Production).size(), 1);

        // Optional fields may be left out.
        Credential clay;
        clay.fields = {{QStringLiteral("api_key"), QStringLiteral("abc123")}};
        QVERIFY(validateCredential(providerInfo(ProviderId::Clay), clay, Profile::Production).isEmpty());
    }

    void profiles()
    {
        QCOMPARE(profileKey(Profile::Sandbox), QStringLiteral("sandbox"));
        QCOMPARE(profileFromKey(u"Production"), Profile::Production);
        QVERIFY(!profileFromKey(u"staging"));
    }
};

QTEST_APPLESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
