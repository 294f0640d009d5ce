#include "model/redaction.h"

#include <QTest>

using namespace agency;

class TestRedaction : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void patterns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::newRow("bearer header") << "Authorization: Bearer re_live_abcdef123"
                                       << "re_live_abcdef123";
        QTest::newRow("basic header") << "authorization: Basic QUMxMjM6dG9rZW4="
                                      << "QUMxMjM6dG9rZW4=";
        QTest::newRow("x-api-key") << "X-Api-Key: apollo-secret-key-1"
                                   << "apollo-secret-key-1";
        QTest::newRow("json header") << "{\"x-api-key\":\"sk-ant-zzzz9999\"}"
                                     << "sk-ant-zzzz9999";
        QTest::newRow("supabase apikey") << "apikey: sb_secret_1234567"
                                         << "sb_secret_1234567";
        QTest::newRow("postmark") << "X-Postmark-Server-Token: 11111111-2222"
                                  << "11111111-2222";
        QTest::newRow("xi-api-key") << "xi-api-key=eleven-secret"
                                    << "eleven-secret";
        QTest::newRow("query api_key")
            << "GET https://server.smartlead.ai/api/v1/campaigns?api_key=sl_secret_9&x=1"
            << "sl_secret_9";
        QTest::newRow("query token") << "https://api.apify.com/v2/acts?token=apify_api_XYZ#frag"
                                     << "apify_api_XYZ";
        QTest::newRow("url user info") << "redis://default:hunter2hunter2@127.0.0.1:6379/0"
                                       << "hunter2hunter2";
        QTest::newRow("json password") << "{\"password\": \"dfs-pass-123\"}"
                                       << "dfs-pass-123";
        QTest::newRow("bare bearer") << "sent with Bearer abcdefghijkl to the server"
                                     << "abcdefghijkl";
    }
    void patterns()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        const QString redacted = Redactor::redact(text);
        QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
        QVERIFY2(redacted.contains(QStringLiteral("[REDACTED]")), qPrintable(redacted));
    }

    void registeredSecretsAnywhere()
    {
        const QString secret = QStringLiteral("plain-value-without-shape-42");
        QVERIFY(Redactor::redact(QStringLiteral("error near ") + secret).contains(secret));
        Redactor::registerSecret(secret);
        QVERIFY(!Redactor::redact(QStringLiteral("error near ") + secret + QStringLiteral(" end"))
                     .contains(secret));
        Redactor::forgetSecret(secret);
        QVERIFY(Redactor::redact(secret).contains(secret));
    }

    void shortValuesNotRegistered()
    {
        Redactor::registerSecret(QStringLiteral("ab"));
        QCOMPARE(Redactor::redact(QStringLiteral("abc ab")), QStringLiteral("abc ab"));
    }

    void ordinaryTextUntouched()
    {
        const QString text = QStringLiteral("Apollo: insufficient credits (HTTP 422) for person match");
        QCOMPARE(Redactor::redact(text), text);
        const QString url = QStringLiteral("https://api.resend.com/emails?limit=10");
        QCOMPARE(Redactor::redact(url), url);
    }

    void names()
    {
        QVERIFY(Redactor::isCredentialHeader(u"Authorization"));
        QVERIFY(Redactor::isCredentialHeader(u"X-API-KEY"));
        QVERIFY(!Redactor::isCredentialHeader(u"Content-Type"));
        QVERIFY(Redactor::isCredentialQueryParameter(u"api_key"));
        QVERIFY(!Redactor::isCredentialQueryParameter(u"limit"));
    }
};

QTEST_APPLESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
