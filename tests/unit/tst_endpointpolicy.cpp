#include "integrations/http/endpointpolicy.h"

#include <QTest>

using namespace agency;

class TestEndpointPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loopback()
    {
        QVERIFY(isLoopbackHost(QStringLiteral("127.0.0.1")));
        QVERIFY(isLoopbackHost(QStringLiteral("127.8.9.10")));
        QVERIFY(isLoopbackHost(QStringLiteral("::1")));
        QVERIFY(isLoopbackHost(QStringLiteral("LOCALHOST")));
        QVERIFY(!isLoopbackHost(QStringLiteral("10.0.0.1")));
        QVERIFY(!isLoopbackHost(QStringLiteral("localhost.evil.com")));
    }

    void wildcardHosts()
    {
        const QStringList allowed{QStringLiteral("*.supabase.co")};
        QVERIFY(hostIsAllowed(QStringLiteral("abcd.supabase.co"), allowed));
        QVERIFY(!hostIsAllowed(QStringLiteral("supabase.co"), allowed));
        QVERIFY(!hostIsAllowed(QStringLiteral("abcd.supabase.co.evil.com"), allowed));
        QVERIFY(!hostIsAllowed(QStringLiteral("evilsupabase.co"), allowed));
    }

    void policy_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("profile");
        QTest::addColumn<bool>("allowed");
        const int prod = int(Profile::Production), sandbox = int(Profile::Sandbox);
        QTest::newRow("default host") << int(ProviderId::Resend) << "https://api.resend.com" << prod << true;
        QTest::newRow("other host in production")
            << int(ProviderId::Resend) << "https://proxy.example.com" << prod << false;
        QTest::newRow("other host in sandbox")
            << int(ProviderId::Resend) << "https://proxy.example.com" << sandbox << true;
        QTest::newRow("plain http remote")
            << int(ProviderId::Resend) << "http://proxy.example.com" << sandbox << false;
        QTest::newRow("plain http loopback")
            << int(ProviderId::Resend) << "http://127.0.0.1:8080/resend" << sandbox << true;
        QTest::newRow("loopback in production")
            << int(ProviderId::Resend) << "http://127.0.0.1:8080" << prod << false;
        QTest::newRow("user info") << int(ProviderId::Apollo) << "https://u:p@api.apollo.io" << prod << false;
        QTest::newRow("relative") << int(ProviderId::Apollo) << "/api/v1" << sandbox << false;
        QTest::newRow("supabase project")
            << int(ProviderId::Supabase) << "https://xyz.supabase.co/rest/v1" << prod << true;
        QTest::newRow("ftp") << int(ProviderId::Apollo) << "ftp://api.apollo.io" << prod << false;
    }
    void policy()
    {
        QFETCH(int, provider);
        QFETCH(QString, url);
        QFETCH(int, profile);
        QFETCH(bool, allowed);
        const QString problem =
            endpointProblem(QUrl(url), providerInfo(ProviderId(provider)), Profile(profile));
        QCOMPARE(problem.isEmpty(), allowed);
    }
};

QTEST_APPLESS_MAIN(TestEndpointPolicy)
#include "tst_endpointpolicy.moc"
