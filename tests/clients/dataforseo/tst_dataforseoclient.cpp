// DataForSeoClient against the provider simulator: rank overview and backlinks summary with their exact
// fields, the one-task array on the wire, DataForSEO's status codes inside HTTP 200 mapped to the right
// error kinds, costs reported from the answer, and a free check that reads the balance and never says
// "invalid" falsely.

#include "integrations/dataforseo/dataforseoclient.h"
#include "integrations/dataforseo/dataforseojson.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

class RecordingBudget : public BudgetHook
{
public:
    QList<Money> reserved;
    QList<CallOutcome> outcomes;
    QList<std::optional<CostEvent>> costs;

    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString,
                                                                 Money worstCase) override
    {
        reserved.append(worstCase);
        co_return ReservationId(reserved.size());
    }
    void settle(ReservationId, CallOutcome outcome, std::optional<CostEvent> cost) override
    {
        outcomes.append(outcome);
        costs.append(std::move(cost));
    }
};

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString detail(const AccountStatus& status, const QString& label)
{
    for (const auto& [key, value] : status.details) {
        if (key == label)
            return value;
    }
    return QString();
}

template<typename T>
QString describe(const Result<T, IntegrationError>& result)
{
    return result.ok() ? QString() : result.error().message();
}

Money usd(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" USD"));
}

} // namespace

class TestDataForSeoClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;

    std::unique_ptr<DataForSeoClient>
    client(const QString& password = QStringLiteral("sim-valid"),
           const QString& login = QStringLiteral("ops@agency.example")) const
    {
        Credential credential;
        if (!login.isNull())
            credential.fields.insert(QStringLiteral("login"), login);
        if (!password.isNull())
            credential.fields.insert(QStringLiteral("password"), password);
        auto made = std::make_unique<DataForSeoClient>(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::DataForSeo), credential});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::DataForSeo); }

    template<typename T>
    static T run(QCoro::Task<T>&& task)
    {
        return QCoro::waitFor(std::move(task));
    }

    static DataForSeoRankOverviewRequest rankRequest(const QString& target)
    {
        DataForSeoRankOverviewRequest request;
        request.target = target;
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(31);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void init()
    {
        m_sim->reset();
        m_budget = RecordingBudget();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
        m_core->setBudgetHook(&m_budget);
    }

    // --- credential check ---

    void checkReadsTheBalanceAndBacklinks()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY(status.balance);
        QCOMPARE(status.balance->currency(), QStringLiteral("USD"));
        QVERIFY(status.balance->micros() > 0);
        QCOMPARE(status.plan, QStringLiteral("Pay as you go + Backlinks"));
        QVERIFY2(status.summary.contains(QStringLiteral("Backlinks until 2026-12-31")),
                 qPrintable(status.summary));
        QVERIFY(status.summary.startsWith(status.balance->toString()));
        QCOMPARE(detail(status, QStringLiteral("Rate limit")), QStringLiteral("2000 requests per minute"));
        QCOMPARE(detail(status, QStringLiteral("Backlinks subscription")),
                 QStringLiteral("until 2026-12-31"));
        QCOMPARE(detail(status, QStringLiteral("Daily spend limit")), QStringLiteral("none"));
        QVERIFY(detail(status, QStringLiteral("Login")).endsWith(QStringLiteral("@agency.example")));
        QCOMPARE(detail(status, QStringLiteral("Time zone")), QStringLiteral("Australia/Sydney"));
        QCOMPARE(m_budget.reserved.size(), 0);
        QCOMPARE(costs.size(), 0);
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/v3/appendix/user_data"));
        QVERIFY(headerOf(seen, "Authorization").startsWith("Basic "));
    }

    void checkWithoutBacklinksIsValidLimited()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-limited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QVERIFY(status.summary.endsWith(QStringLiteral("no Backlinks subscription")));
        QCOMPARE(detail(status, QStringLiteral("Backlinks subscription")), QStringLiteral("none"));
        QVERIFY(status.balance);
    }

    void checkEmptyAccountShowsZero()
    {
        const AccountStatus status =
            run(client(QStringLiteral("sim-valid"), QStringLiteral("nofunds@agency.example"))
                    ->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(*status.balance, usd("0"));
    }

    void checkWrongPasswordIsInvalid()
    {
        const QString password = QStringLiteral("wrong-dfs-password-1");
        const AccountStatus status = run(client(password)->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerCode, QStringLiteral("40100"));
        QVERIFY(status.error->providerMessage.contains(QStringLiteral("not authorized")));
        QVERIFY(!status.summary.contains(password));
        QCOMPARE(log().size(), 1);
    }

    void checkRateLimitedInsideA200()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->httpStatus, 200);
        QCOMPARE(status.error->providerCode, QStringLiteral("40202"));
        QCOMPARE(status.error->retryAfter, std::optional(60000ms)); // wait out the minute
        QCOMPARE(log().size(), 3);                                  // a GET is tried again before giving up
    }

    void checkOutageIsUnreachable()
    {
        m_sim->scheduleFaults(
            ProviderId::DataForSeo, QStringLiteral("/user_data"),
            {{FaultKind::ServerError500}, {FaultKind::ServerError500}, {FaultKind::ServerError500}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Server);
        QCOMPARE(status.error->providerCode, QStringLiteral("50000"));
    }

    void checkMalformedIsUnreachable()
    {
        m_sim->scheduleFaults(ProviderId::DataForSeo, QStringLiteral("/user_data"),
                              {{FaultKind::MalformedBody}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Decode);
    }

    void checkWithoutCredentialsIsNotConfigured()
    {
        QCOMPARE(run(client(QString())->checkCredentials()).state, AccountStatus::State::NotConfigured);
        QCOMPARE(run(client(QStringLiteral("sim-valid"), QString())->checkCredentials()).state,
                 AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    // --- domain rank overview ---

    void rankOverviewForOneLocale()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        DataForSeoRankOverviewRequest request =
            rankRequest(QStringLiteral("https://www.Wattle-Media.example/about"));
        request.locationCode = 2036;
        request.languageCode = QStringLiteral("en");
        request.limit = 10;
        request.tag = QStringLiteral("lead-42");
        const auto overview = run(client()->domainRankOverview(request));
        QVERIFY2(overview, qPrintable(describe(overview)));
        QCOMPARE(overview->target, QStringLiteral("wattle-media.example"));
        QCOMPARE(overview->locationCode, std::optional<qint64>(2036));
        QCOMPARE(overview->languageCode, QStringLiteral("en"));
        QCOMPARE(overview->items.size(), 1);
        QCOMPARE(overview->totalCount, 1);
        const DataForSeoRankItem& item = overview->items.first();
        QCOMPARE(item.locationCode, std::optional<qint64>(2036));
        QVERIFY(item.organic());
        QVERIFY(item.paid());
        const QJsonObject rawOrganic = overview->raw.value(u"items")
                                           .toArray()
                                           .first()
                                           .toObject()
                                           .value(u"metrics")
                                           .toObject()
                                           .value(u"organic")
                                           .toObject();
        const DataForSeoRankMetrics organic = *item.organic();
        QCOMPARE(organic.positions.size(), 12);
        QCOMPARE(organic.positions.value(QStringLiteral("pos_1")), rawOrganic.value(u"pos_1").toInteger());
        QCOMPARE(organic.topTen(), rawOrganic.value(u"pos_1").toInteger() +
                                       rawOrganic.value(u"pos_2_3").toInteger() +
                                       rawOrganic.value(u"pos_4_10").toInteger());
        QCOMPARE(organic.etv, rawOrganic.value(u"etv").toDouble());
        QCOMPARE(organic.count, rawOrganic.value(u"count").toInteger());
        QCOMPARE(organic.estimatedPaidTrafficCost,
                 rawOrganic.value(u"estimated_paid_traffic_cost").toDouble());
        QCOMPARE(organic.isNew, rawOrganic.value(u"is_new").toInteger());
        QCOMPARE(organic.isLost, rawOrganic.value(u"is_lost").toInteger());
        QVERIFY(!organic.clickstreamEtv);

        // Reported by DataForSEO: US$0.01 + US$0.0001 for the one row; reserved: 0.01 + 10 × 0.0001.
        QCOMPARE(overview->cost, usd("0.0101"));
        QVERIFY(overview->costEvent);
        QCOMPARE(overview->costEvent->amount, usd("0.0101"));
        QCOMPARE(overview->costEvent->source, CostSource::Reported);
        QCOMPARE(overview->costEvent->units, 1);
        QCOMPARE(overview->costEvent->unit, QStringLiteral("domain"));
        QCOMPARE(overview->costEvent->operation, QStringLiteral("domain_rank_overview"));
        QCOMPARE(overview->costEvent->providerReference, overview->taskId);
        QVERIFY(!overview->costEvent->amountAud.isValid()); // the engine converts USD
        QCOMPARE(m_budget.reserved, QList<Money>{usd("0.011")});
        QCOMPARE(m_budget.costs.first()->amount, usd("0.0101"));
        QCOMPARE(costs.size(), 1);

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/v3/dataforseo_labs/google/domain_rank_overview/live"));
        const QJsonArray tasks = QJsonDocument::fromJson(seen.body).array();
        QCOMPARE(tasks.size(), 1); // live endpoints take exactly one task
        QCOMPARE(tasks.first().toObject(),
                 (QJsonObject{{QStringLiteral("target"), QStringLiteral("wattle-media.example")},
                              {QStringLiteral("location_code"), 2036},
                              {QStringLiteral("language_code"), QStringLiteral("en")},
                              {QStringLiteral("limit"), 10},
                              {QStringLiteral("tag"), QStringLiteral("lead-42")}}));
    }

    void rankOverviewEveryLocale()
    {
        const auto overview =
            run(client()->domainRankOverview(rankRequest(QStringLiteral("harbour.example"))));
        QVERIFY2(overview, qPrintable(describe(overview)));
        QCOMPARE(overview->items.size(), 3);
        QVERIFY(!overview->locationCode);
        QCOMPARE(overview->cost, usd("0.0103"));
        QCOMPARE(m_budget.reserved, QList<Money>{usd("0.02")}); // default limit 100
    }

    void rankOverviewWithoutData()
    {
        const auto overview =
            run(client()->domainRankOverview(rankRequest(QStringLiteral("no-data.example"))));
        QVERIFY2(overview, qPrintable(describe(overview)));
        QVERIFY(overview->items.isEmpty());
        QCOMPARE(overview->cost, usd("0.01"));
    }

    void rankOverviewInsufficientFunds()
    {
        const auto overview =
            run(client(QStringLiteral("sim-valid"), QStringLiteral("nofunds@agency.example"))
                    ->domainRankOverview(rankRequest(QStringLiteral("harbour.example"))));
        QVERIFY(!overview);
        QCOMPARE(overview.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(overview.error().httpStatus, 200);
        QCOMPARE(overview.error().providerCode, QStringLiteral("40210"));
        QVERIFY(overview.error().message().contains(QStringLiteral("Insufficient funds")));
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
    }

    void rankOverviewRateLimitedIsNotResent()
    {
        m_sim->scheduleFaults(ProviderId::DataForSeo, QStringLiteral("domain_rank_overview"),
                              {{FaultKind::RateLimited}});
        const auto overview =
            run(client()->domainRankOverview(rankRequest(QStringLiteral("harbour.example"))));
        QVERIFY(!overview);
        QCOMPARE(overview.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(overview.error().providerCode, QStringLiteral("40202"));
        QCOMPARE(overview.error().retryAfter, std::optional(60000ms));
        QCOMPARE(log().size(), 1); // every live call is billed again: a POST is sent once
    }

    void rankOverviewChecksBeforeSending()
    {
        DataForSeoRankOverviewRequest request = rankRequest(QStringLiteral("harbour.example"));
        request.limit = 1001;
        QVERIFY(!run(client()->domainRankOverview(request)));
        QVERIFY(!run(client()->domainRankOverview(rankRequest(QStringLiteral("not a domain")))));
        QCOMPARE(log().size(), 0);
    }

    void rankOverviewMalformedIsDecode()
    {
        m_sim->scheduleFaults(ProviderId::DataForSeo, QStringLiteral("domain_rank_overview"),
                              {{FaultKind::MalformedBody}});
        const auto overview =
            run(client()->domainRankOverview(rankRequest(QStringLiteral("harbour.example"))));
        QVERIFY(!overview);
        QCOMPARE(overview.error().kind, IntegrationError::Kind::Decode);
    }

    void oddEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("where");
        QTest::newRow("no tasks") << QByteArray(R"({"status_code": 20000, "tasks": []})")
                                  << QStringLiteral("tasks");
        QTest::newRow("status as text")
            << QByteArray(R"({"status_code": "20000", "tasks": [{}]})") << QStringLiteral("status_code");
        QTest::newRow("cost as text")
            << QByteArray(R"({"status_code": 20000, "cost": "0.01", "tasks": [{}]})")
            << QStringLiteral("cost");
        QTest::newRow("items not objects")
            << QByteArray(
                   R"({"status_code": 20000, "tasks": [{"status_code": 20000, "result": [{"items": [3]}]}]})")
            << QStringLiteral("tasks[0].result[0].items[0]");
        QTest::newRow("metric as text")
            << QByteArray(R"({"status_code": 20000, "tasks": [{"status_code": 20000, "result": [{"items": )"
                          R"([{"metrics": {"organic": {"pos_1": "4"}}}]}]}]})")
            << QStringLiteral("tasks[0].result[0].items[0].metrics.organic.pos_1");
    }

    void oddEnvelopes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, where);
        const auto parsed = DataForSeoJson::parseRankOverview(QJsonDocument::fromJson(body));
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(parsed.error().provider, ProviderId::DataForSeo);
        QVERIFY2(parsed.error().detail.startsWith(where), qPrintable(parsed.error().detail));
    }

    // --- backlinks summary ---

    void backlinksSummary()
    {
        DataForSeoBacklinksRequest request;
        request.target = QStringLiteral("www.ironbark.example");
        request.includeSubdomains = true;
        request.backlinksStatusType = QStringLiteral("live");
        request.internalListLimit = 10;
        const auto summary = run(client()->backlinksSummary(request));
        QVERIFY2(summary, qPrintable(describe(summary)));
        QVERIFY(summary->hasData);
        const QJsonObject& raw = summary->raw;
        QCOMPARE(summary->target, QStringLiteral("ironbark.example"));
        QCOMPARE(summary->rank, raw.value(u"rank").toInteger());
        QCOMPARE(summary->backlinks, raw.value(u"backlinks").toInteger());
        QCOMPARE(summary->referringDomains, raw.value(u"referring_domains").toInteger());
        QCOMPARE(summary->referringMainDomains, raw.value(u"referring_main_domains").toInteger());
        QCOMPARE(summary->referringPagesNofollow, raw.value(u"referring_pages_nofollow").toInteger());
        QCOMPARE(summary->brokenBacklinks, raw.value(u"broken_backlinks").toInteger());
        QCOMPARE(summary->backlinksSpamScore, raw.value(u"backlinks_spam_score").toInteger());
        QCOMPARE(summary->firstSeen, QStringLiteral("2019-04-02 11:22:03 +00:00"));
        QVERIFY(summary->lostDate.isEmpty());
        QCOMPARE(summary->referringLinksTld.value(QStringLiteral("com.au")),
                 raw.value(u"referring_links_tld").toObject().value(u"com.au").toInteger());
        QCOMPARE(summary->referringLinksCountries.size(), 2);
        QCOMPARE(summary->cost, usd("0.02"));
        QCOMPARE(summary->costEvent->amount, usd("0.02"));
        QCOMPARE(summary->costEvent->operation, QStringLiteral("backlinks_summary"));
        QCOMPARE(m_budget.reserved, QList<Money>{usd("0.02")});

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/v3/backlinks/summary/live"));
        QCOMPARE(QJsonDocument::fromJson(seen.body).array(),
                 (QJsonArray{QJsonObject{{QStringLiteral("target"), QStringLiteral("ironbark.example")},
                                         {QStringLiteral("include_subdomains"), true},
                                         {QStringLiteral("backlinks_status_type"), QStringLiteral("live")},
                                         {QStringLiteral("internal_list_limit"), 10}}}));
    }

    void backlinksOfAPageKeepTheUrl()
    {
        DataForSeoBacklinksRequest request;
        request.target = QStringLiteral("https://ironbark.example/blog/post-1");
        const auto summary = run(client()->backlinksSummary(request));
        QVERIFY2(summary, qPrintable(describe(summary)));
        QCOMPARE(QJsonDocument::fromJson(log().first().body)
                     .array()
                     .first()
                     .toObject()
                     .value(u"target")
                     .toString(),
                 request.target);
    }

    void backlinksWithoutSubscription()
    {
        DataForSeoBacklinksRequest request;
        request.target = QStringLiteral("ironbark.example");
        const auto summary = run(client(QStringLiteral("sim-limited"))->backlinksSummary(request));
        QVERIFY(!summary);
        QCOMPARE(summary.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(summary.error().providerCode, QStringLiteral("40204"));
        QVERIFY2(summary.error().message().startsWith(QStringLiteral(
                     "DataForSEO: this login has no active Backlinks API subscription (Access denied.")),
                 qPrintable(summary.error().message()));
    }

    void backlinksBadFieldIsInvalidRequest()
    {
        DataForSeoBacklinksRequest request;
        request.target = QStringLiteral("ironbark.example");
        request.backlinksStatusType = QStringLiteral("sometimes");
        const auto summary = run(client()->backlinksSummary(request));
        QVERIFY(!summary);
        QCOMPARE(summary.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(summary.error().providerCode, QStringLiteral("40501"));
        QCOMPARE(summary.error().message(),
                 QStringLiteral("DataForSEO: Invalid Field: 'backlinks_status_type'."));
    }

    void backlinksWrongPasswordIsAuth()
    {
        DataForSeoBacklinksRequest request;
        request.target = QStringLiteral("ironbark.example");
        const auto summary = run(client(QStringLiteral("wrong-dfs-password-2"))->backlinksSummary(request));
        QVERIFY(!summary);
        QCOMPARE(summary.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(summary.error().httpStatus, 401);
    }

    void backlinksServerErrorIsNotResent()
    {
        m_sim->scheduleFaults(ProviderId::DataForSeo, QStringLiteral("/summary/live"),
                              {{FaultKind::Unavailable503}});
        DataForSeoBacklinksRequest request;
        request.target = QStringLiteral("ironbark.example");
        const auto summary = run(client()->backlinksSummary(request));
        QVERIFY(!summary);
        QCOMPARE(summary.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(log().size(), 1);
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});
    }

    // --- status codes ---

    void statusCodes_data()
    {
        using Kind = IntegrationError::Kind;
        QTest::addColumn<int>("code");
        QTest::addColumn<int>("kind"); // -1: a success
        QTest::newRow("20000") << 20000 << -1;
        QTest::newRow("20100") << 20100 << -1;
        QTest::newRow("40102 no results") << 40102 << -1;
        QTest::newRow("40000 one task") << 40000 << int(Kind::InvalidRequest);
        QTest::newRow("40100 auth") << 40100 << int(Kind::Auth);
        QTest::newRow("40101 SE error") << 40101 << int(Kind::Server);
        QTest::newRow("40200 payment") << 40200 << int(Kind::InvalidRequest);
        QTest::newRow("40201 blocked") << 40201 << int(Kind::Auth);
        QTest::newRow("40202 rate") << 40202 << int(Kind::RateLimited);
        QTest::newRow("40203 cost limit") << 40203 << int(Kind::InvalidRequest);
        QTest::newRow("40204 subscription") << 40204 << int(Kind::InvalidRequest);
        QTest::newRow("40205 duplicates") << 40205 << int(Kind::RateLimited);
        QTest::newRow("40207 ip") << 40207 << int(Kind::Auth);
        QTest::newRow("40210 funds") << 40210 << int(Kind::InvalidRequest);
        QTest::newRow("40501 field") << 40501 << int(Kind::InvalidRequest);
        QTest::newRow("50000 internal") << 50000 << int(Kind::Server);
        QTest::newRow("50301 3rd party") << 50301 << int(Kind::Server);
    }

    void statusCodes()
    {
        QFETCH(int, code);
        QFETCH(int, kind);
        const auto actual = DataForSeoJson::kindForStatusCode(code);
        if (kind < 0)
            QVERIFY(!actual);
        else
            QCOMPARE(int(*actual), kind);
    }

    void errorBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("top-level 40200 in a 402")
            << 402
            << QByteArray(R"({"status_code": 40200, "status_message": "Payment Required.", "tasks": null})")
            << QStringLiteral("40200") << QStringLiteral("insufficient funds — Payment Required.");
        QTest::newRow("402 as text") << 402 << QByteArray("Payment Required") << QString()
                                     << QStringLiteral("insufficient funds (payment required)");
        QTest::newRow("task failure in a 200")
            << 200
            << QByteArray(
                   R"({"status_code": 20000, "status_message": "Ok.", "tasks": [{"status_code": 40203, )"
                   R"("status_message": "The cost limit has been exceeded."}]})")
            << QStringLiteral("40203") << QStringLiteral("The cost limit has been exceeded.");
        QTest::newRow("success") << 200
                                 << QByteArray(R"({"status_code": 20000, "tasks": [{"status_code": 20000}]})")
                                 << QString() << QString();
        QTest::newRow("no results is a success")
            << 200 << QByteArray(R"({"status_code": 20000, "tasks": [{"status_code": 40102}]})") << QString()
            << QString();
    }

    void errorBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const ProviderErrorInfo info = DataForSeoJson::parseError(status, body);
        QCOMPARE(info.code, code);
        QCOMPARE(info.message, message);
        QCOMPARE(info.kind.has_value(), !code.isEmpty());
    }

    void timestamps()
    {
        QCOMPARE(DataForSeoJson::parseTimestamp(QStringLiteral("2026-12-31 23:59:59 +00:00")),
                 QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59), Qt::UTC));
        QCOMPARE(DataForSeoJson::parseTimestamp(QStringLiteral("2026-12-31 10:00:00 +10:00")),
                 QDateTime(QDate(2026, 12, 31), QTime(0, 0, 0), Qt::UTC));
        QVERIFY(!DataForSeoJson::parseTimestamp(QStringLiteral("soon")).isValid());
    }

    void pacingAndWorstCases()
    {
        const PacingConfig pacing = DataForSeoClient::documentedPacing();
        QCOMPARE(pacing.ratePerSecond, 5.0);
        QVERIFY(pacing.ratePerSecond * 60 <= 2000);
        QCOMPARE(DataForSeoClient::worstCaseRankOverview(1000), usd("0.11"));
        QCOMPARE(DataForSeoClient::worstCaseBacklinksSummary(), usd("0.02"));
    }
};

QTEST_GUILESS_MAIN(TestDataForSeoClient)
#include "tst_dataforseoclient.moc"
