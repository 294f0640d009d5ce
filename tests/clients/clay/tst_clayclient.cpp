// ClayClient against the provider simulator: rows to a table webhook (token, lifetime limit, host
// check, never resent), routine runs polled for their results, filters-mode search with its period
// quota, Clay's own error words, estimated credit costs (reserve high, book low), and a check that
// never costs, never tests a webhook with a real row, and never says "invalid" falsely.

#include "integrations/clay/clayclient.h"
#include "integrations/clay/clayjson.h"
#include "integrations/http/httpcore.h"
#include "model/redaction.h"
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

bool hasHeader(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& header : request.headers) {
        if (name.compare(header.first, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
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

Money aud(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" AUD"));
}

ClayRow sampleRow()
{
    ClayRow row;
    row.leadId = QStringLiteral("L-123");
    row.email = QStringLiteral("jane@acme.example");
    row.domain = QStringLiteral("acme.example");
    row.firstName = QStringLiteral("Jane");
    row.lastName = QStringLiteral("Doe");
    row.extra = {{QStringLiteral("campaign"), QStringLiteral("spring-7")}};
    return row;
}

} // namespace

class TestClayClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;

    // The simulator serves Clay's real webhook path next to the Public API's base path.
    QString
    webhookUrl(const QString& id = QStringLiteral("pull-in-data-from-a-webhook-6822471d-c118-40af")) const
    {
        const QUrl base = m_sim->baseUrl(ProviderId::Clay);
        return QStringLiteral("http://%1:%2/clay/v3/sources/webhook/%3")
            .arg(base.host())
            .arg(base.port())
            .arg(id);
    }

    std::unique_ptr<ClayClient> client(const QString& key = QStringLiteral("sim-valid"),
                                       const QString& webhook = {}, const QString& token = {}) const
    {
        Credential credential;
        if (!key.isEmpty())
            credential.fields.insert(QStringLiteral("api_key"), key);
        if (!webhook.isEmpty())
            credential.fields.insert(QStringLiteral("webhook_url"), webhook);
        if (!token.isEmpty())
            credential.fields.insert(QStringLiteral("webhook_token"), token);
        auto made = std::make_unique<ClayClient>(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Clay), credential});
        made->setRetryTimeScale(0.001);
        return made;
    }
    std::unique_ptr<ClayClient>
    webhookClient(const QString& id = QStringLiteral("pull-in-data-from-a-webhook-6822471d"),
                  const QString& token = QStringLiteral("sim-valid")) const
    {
        return client(QString(), webhookUrl(id), token);
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Clay); }

    template<typename T>
    static T run(QCoro::Task<T>&& task)
    {
        return QCoro::waitFor(std::move(task));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(41);
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

    void checkValidKey()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY2(status.summary.contains(QStringLiteral(" · workspace ")), qPrintable(status.summary));
        QVERIFY(!detail(status, QStringLiteral("User")).isEmpty());
        QVERIFY(!detail(status, QStringLiteral("Workspace")).isEmpty());
        QCOMPARE(detail(status, QStringLiteral("Table webhook")), QStringLiteral("not set up"));
        QCOMPARE(m_budget.reserved.size(), 0);
        QCOMPARE(costs.size(), 0);
        QCOMPARE(log().size(), 1);
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/public/v0/me"));
        QCOMPARE(headerOf(seen, "clay-api-key"), QByteArray("[REDACTED]"));
    }

    void checkSaysTheWebhookIsSetUpWithoutTestingIt()
    {
        const AccountStatus status =
            run(client(QStringLiteral("sim-valid"), webhookUrl(), QStringLiteral("sim-valid"))
                    ->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(detail(status, QStringLiteral("Table webhook")), QStringLiteral("set up, with auth token"));
        QVERIFY(status.summary.endsWith(QStringLiteral("table webhook set up")));
        QCOMPARE(log().size(), 1); // only /me: a webhook test would spend one of its 50,000 rows
    }

    void checkFlagsAWebhookOffClaysHosts()
    {
        const AccountStatus status =
            run(client(QStringLiteral("sim-valid"), QStringLiteral("https://hooks.example.com/x"))
                    ->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QVERIFY(detail(status, QStringLiteral("Table webhook")).contains(QStringLiteral("api.clay.com")));
    }

    void checkWithoutPublicApiAccessIsValidLimited()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-limited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QVERIFY2(status.summary.startsWith(QStringLiteral("key accepted, no Public API access")),
                 qPrintable(status.summary));
        QCOMPARE(detail(status, QStringLiteral("Public API")), QStringLiteral("no access"));
    }

    void checkBadKeyIsInvalid()
    {
        const AccountStatus status = run(client(QStringLiteral("wrong-clay-key-0001"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerMessage, QStringLiteral("Invalid API key."));
        QVERIFY(!status.summary.contains(QStringLiteral("wrong-clay-key-0001")));
    }

    void checkRateLimited()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->retryAfter, std::optional(1000ms));
        QCOMPARE(status.error->providerMessage, QStringLiteral("Too many requests. Please retry later."));
    }

    void checkOutageIsUnreachable()
    {
        m_sim->scheduleFaults(
            ProviderId::Clay, QStringLiteral("/me"),
            {{FaultKind::ServerError500}, {FaultKind::ServerError500}, {FaultKind::BadGateway502}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->providerMessage, QStringLiteral("Internal server error."));
    }

    void checkMalformedIsUnreachable()
    {
        m_sim->scheduleFaults(ProviderId::Clay, QStringLiteral("/me"), {{FaultKind::MalformedBody}});
        QCOMPARE(run(client()->checkCredentials()).state, AccountStatus::State::Unreachable);
    }

    void checkWithoutKey()
    {
        QCOMPARE(run(client(QString())->checkCredentials()).state, AccountStatus::State::NotConfigured);
        const AccountStatus webhookOnly = run(webhookClient()->checkCredentials());
        QCOMPARE(webhookOnly.state, AccountStatus::State::NoTestAvailable);
        QVERIFY(!webhookOnly.error);
        QCOMPARE(log().size(), 0);
    }

    // --- table webhook ---

    void submitRowWithToken()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto submitted = run(webhookClient()->submitRow(sampleRow()));
        QVERIFY2(submitted, qPrintable(describe(submitted)));
        QCOMPARE(submitted->httpStatus, 200);
        QCOMPARE(submitted->leadId, QStringLiteral("L-123"));
        QVERIFY(!submitted->submissionsLeft);
        // One credit: reserved at the high price, booked at the low one, as an estimate.
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.077")});
        QVERIFY(submitted->cost);
        QCOMPARE(submitted->cost->amount, aud("0.039"));
        QCOMPARE(submitted->cost->amountAud, aud("0.039"));
        QCOMPARE(submitted->cost->units, 1);
        QCOMPARE(submitted->cost->unit, QStringLiteral("credit"));
        QCOMPARE(submitted->cost->source, CostSource::Estimated);
        QCOMPARE(submitted->cost->operation, QStringLiteral("table_row"));
        QCOMPARE(submitted->cost->providerReference, QStringLiteral("L-123"));
        QCOMPARE(costs.size(), 1);

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/v3/sources/webhook/pull-in-data-from-a-webhook-6822471d"));
        QCOMPARE(headerOf(seen, "x-clay-webhook-auth"), QByteArray("[REDACTED]"));
        QVERIFY(!hasHeader(seen, "clay-api-key")); // the API key never goes to a webhook
        QCOMPARE(headerOf(seen, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(seen.body).object(),
                 (QJsonObject{{QStringLiteral("lead_id"), QStringLiteral("L-123")},
                              {QStringLiteral("email"), QStringLiteral("jane@acme.example")},
                              {QStringLiteral("domain"), QStringLiteral("acme.example")},
                              {QStringLiteral("first_name"), QStringLiteral("Jane")},
                              {QStringLiteral("last_name"), QStringLiteral("Doe")},
                              {QStringLiteral("campaign"), QStringLiteral("spring-7")}}));
    }

    void submitRowKeepsTheApiKeyAway()
    {
        const auto submitted =
            run(client(QStringLiteral("sim-valid"), webhookUrl(), QStringLiteral("sim-valid"))
                    ->submitRow(sampleRow()));
        QVERIFY2(submitted, qPrintable(describe(submitted)));
        QVERIFY(!hasHeader(log().first(), "clay-api-key"));
    }

    void submitRowCreditsPerRow()
    {
        ClaySubmitOptions options;
        options.creditsPerRow = 3;
        const auto submitted = run(webhookClient()->submitRow(sampleRow(), options));
        QVERIFY(submitted);
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.231")});
        QCOMPARE(submitted->cost->amount, aud("0.117"));
        QCOMPARE(submitted->cost->units, 3);
    }

    void submitRowToAWebhookWithoutToken()
    {
        const auto submitted =
            run(webhookClient(QStringLiteral("pull-in-data-from-a-webhook-open-no-auth"), QString())
                    ->submitRow(sampleRow()));
        QVERIFY2(submitted, qPrintable(describe(submitted)));
        QVERIFY(!hasHeader(log().first(), "x-clay-webhook-auth"));
    }

    void submitRowWrongToken()
    {
        const auto submitted = run(webhookClient(QStringLiteral("pull-in-data-from-a-webhook-6822471d"),
                                                 QStringLiteral("wrong-token-12345"))
                                       ->submitRow(sampleRow()));
        QVERIFY(!submitted);
        QCOMPARE(submitted.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(submitted.error().httpStatus, 401);
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
        const auto missing =
            run(webhookClient(QStringLiteral("pull-in-data-from-a-webhook-6822471d"), QString())
                    ->submitRow(sampleRow()));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, IntegrationError::Kind::Auth);
    }

    void submitRowLifetimeLimitAtClay()
    {
        const auto client = webhookClient(QStringLiteral("pull-in-data-from-a-webhook-sim-nearly-full"));
        QVERIFY(run(client->submitRow(sampleRow())));
        const auto refused = run(client->submitRow(sampleRow()));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(refused.error().httpStatus, 400);
        QVERIFY2(refused.error().message().contains(QStringLiteral("50,000 submissions")),
                 qPrintable(refused.error().message()));
    }

    void submitRowLifetimeLimitFromTheLedger()
    {
        ClaySubmitOptions options;
        options.submissionsSoFar = ClayClient::kWebhookSubmissionLimit;
        const auto refused = run(webhookClient()->submitRow(sampleRow(), options));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
        QCOMPARE(m_budget.reserved.size(), 0);
        options.submissionsSoFar = ClayClient::kWebhookSubmissionLimit - 1;
        const auto last = run(webhookClient()->submitRow(sampleRow(), options));
        QVERIFY2(last, qPrintable(describe(last)));
        QCOMPARE(last->submissionsLeft, std::optional<qint64>(0));
    }

    void submitRowOnlyToClay()
    {
        const auto foreign = run(
            client(QString(), QStringLiteral("https://hooks.example.com/collect"))->submitRow(sampleRow()));
        QVERIFY(!foreign);
        QCOMPARE(foreign.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(foreign.error().message().contains(QStringLiteral("api.clay.com")));
        const auto none = run(client()->submitRow(sampleRow()));
        QVERIFY(!none);
        QCOMPARE(none.error().kind, IntegrationError::Kind::Configuration);
        QCOMPARE(run(webhookClient()->submitRow(ClayRow())).error().kind,
                 IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
    }

    void submitRowIsNeverResent()
    {
        m_sim->scheduleFaults(ProviderId::Clay, QStringLiteral("/webhook/"), {{FaultKind::ServerError500}});
        const auto failed = run(webhookClient()->submitRow(sampleRow()));
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(log().size(), 1); // a second copy would be a second row and more credits
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});

        m_sim->scheduleFaults(ProviderId::Clay, QStringLiteral("/webhook/"), {{FaultKind::RateLimited, 4}});
        const auto limited = run(webhookClient()->submitRow(sampleRow()));
        QVERIFY(!limited);
        QCOMPARE(limited.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(limited.error().retryAfter, std::optional(4000ms));
        QCOMPARE(log().size(), 2);
    }

    void webhookUrlIsNeverLogged()
    {
        const QString url = webhookUrl(QStringLiteral("pull-in-data-from-a-webhook-0a1b2c3d-secret-id"));
        QVERIFY(run(client(QString(), url, QStringLiteral("sim-valid"))->submitRow(sampleRow())));
        QVERIFY(
            !Redactor::redact(QStringLiteral("POST ") + url).contains(QStringLiteral("0a1b2c3d-secret-id")));
    }

    // --- routines ---

    void routineRunAndResults()
    {
        QList<ClayRoutineItem> items;
        items.append(
            {QStringLiteral("L-1"), {{QStringLiteral("email"), QStringLiteral("amy@wattle.example")}}});
        items.append(
            {QStringLiteral("L-2"), {{QStringLiteral("email"), QStringLiteral("ben@harbour.example")}}});
        items.append(
            {QStringLiteral("L-3"), {{QStringLiteral("email"), QStringLiteral("fail@nowhere.example")}}});
        const auto started = run(client()->runRoutine(QStringLiteral("rt_enrich_person"), items, 2));
        QVERIFY2(started, qPrintable(describe(started)));
        QVERIFY(started->routineRunId.startsWith(QStringLiteral("rr_")));
        QCOMPARE(started->status, QStringLiteral("in_progress"));
        // 3 items × 2 credits: reserved at A$0.077, booked at A$0.039.
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.462")});
        QCOMPARE(started->cost->amount, aud("0.234"));
        QCOMPARE(started->cost->units, 6);
        QCOMPARE(started->cost->operation, QStringLiteral("routine_run"));
        QCOMPARE(started->cost->providerReference, started->routineRunId);
        const RecordedRequest sent = log().first();
        QCOMPARE(sent.path, QStringLiteral("/public/v0/routines/rt_enrich_person/run"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.keys(), QStringList{QStringLiteral("items")});
        QCOMPARE(
            body.value(u"items").toArray().at(1).toObject(),
            (QJsonObject{{QStringLiteral("id"), QStringLiteral("L-2")},
                         {QStringLiteral("inputs"),
                          QJsonObject{{QStringLiteral("email"), QStringLiteral("ben@harbour.example")}}}}));

        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto running = run(client()->routineResults(started->routineRunId));
        QVERIFY2(running, qPrintable(describe(running)));
        QVERIFY(!running->isComplete());
        QCOMPARE(running->total, 3);
        QCOMPARE(running->finished, 1);
        QVERIFY(running->items.isEmpty());

        const auto first = run(client()->routineResults(started->routineRunId, QString(), 2));
        QVERIFY2(first, qPrintable(describe(first)));
        QVERIFY(first->isComplete());
        QCOMPARE(first->items.size(), 2);
        QCOMPARE(first->items.at(0).id, QStringLiteral("L-1"));
        QVERIFY(first->items.at(0).complete);
        QCOMPARE(first->items.at(0).text(QStringLiteral("work_email")), QStringLiteral("amy@wattle.example"));
        QCOMPARE(first->items.at(0).text(QStringLiteral("company_domain")), QStringLiteral("wattle.example"));
        QVERIFY(
            !first->items.at(0).text(QStringLiteral("employee_count")).isEmpty()); // a number, written out
        QCOMPARE(first->nextCursor, QStringLiteral("2"));
        QCOMPARE(log().last().query, QStringLiteral("limit=2"));

        const auto second = run(client()->routineResults(started->routineRunId, first->nextCursor, 2));
        QVERIFY(second);
        QCOMPARE(second->items.size(), 1);
        QVERIFY(!second->items.first().complete);
        QCOMPARE(second->items.first().errorMessage, QStringLiteral("No data found for input."));
        QVERIFY(second->nextCursor.isEmpty());
        QCOMPARE(log().last().path,
                 QStringLiteral("/public/v0/routines/run/%1/results").arg(started->routineRunId));
        QCOMPARE(costs.size(), 0); // polling is free
    }

    void routineChecks()
    {
        QVERIFY(!run(client()->runRoutine(QStringLiteral("rt_1"), {})));
        QList<ClayRoutineItem> many;
        for (int i = 0; i < 101; ++i)
            many.append({QString::number(i), {}});
        QVERIFY(!run(client()->runRoutine(QStringLiteral("rt_1"), many)));
        QVERIFY(!run(client()->runRoutine(QStringLiteral("../me"), {{QStringLiteral("a"), {}}})));
        QVERIFY(!run(client()->routineResults(QStringLiteral("rr_1"), QString(), 101)));
        QCOMPARE(log().size(), 0);

        const auto missing =
            run(client()->runRoutine(QStringLiteral("missing_routine"), {{QStringLiteral("a"), {}}}));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(missing.error().httpStatus, 404);
        QCOMPARE(missing.error().message(), QStringLiteral("Clay: Routine not found."));
        const auto unknownRun = run(client()->routineResults(QStringLiteral("rr_unknown")));
        QVERIFY(!unknownRun);
        QCOMPARE(unknownRun.error().providerMessage, QStringLiteral("Routine run not found."));
    }

    void routineWithoutPublicApiAccess()
    {
        const auto started = run(client(QStringLiteral("sim-limited"))
                                     ->runRoutine(QStringLiteral("rt_1"), {{QStringLiteral("a"), {}}}));
        QVERIFY(!started);
        QCOMPARE(started.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(started.error().httpStatus, 403);
    }

    // --- search ---

    void searchPeople()
    {
        const QJsonObject filters{{QStringLiteral("job_title"), QStringLiteral("marketing director")}};
        const auto id = run(client()->createSearch(ClaySearchSource::People, filters));
        QVERIFY2(id, qPrintable(describe(id)));
        QVERIFY(id->startsWith(QStringLiteral("srch_")));
        QCOMPARE(QJsonDocument::fromJson(log().first().body).object(),
                 (QJsonObject{{QStringLiteral("source_type"), QStringLiteral("people")},
                              {QStringLiteral("filters"), filters}}));

        const auto page = run(client()->runSearch(*id, 20));
        QVERIFY2(page, qPrintable(describe(page)));
        QCOMPARE(page->people.size(), 20);
        QVERIFY(page->companies.isEmpty());
        QVERIFY(page->hasMore);
        const ClayPersonHit& person = page->people.first();
        QCOMPARE(person.clayProfileId, person.raw.value(u"clay_profile_id").toString());
        QCOMPARE(person.name, person.raw.value(u"name").toString());
        QCOMPARE(person.firstName, person.raw.value(u"first_name").toString());
        QCOMPARE(person.city, QStringLiteral("Melbourne"));
        QCOMPARE(person.stateOrProvince, QStringLiteral("Victoria"));
        QVERIFY(page->quota);
        QCOMPARE(page->quota->limit, 1000.0);
        QCOMPARE(page->quota->used + page->quota->remaining, 1000.0);
        QCOMPARE(page->quota->resetsAt, QStringLiteral("2026-02-01T00:00:00.000Z"));
        QCOMPARE(QJsonDocument::fromJson(log().last().body).object(),
                 (QJsonObject{{QStringLiteral("limit"), 20}}));
        QCOMPARE(log().last().path, QStringLiteral("/public/v0/search/filters-mode/%1/run").arg(*id));
        QCOMPARE(m_budget.reserved.size(), 0);
    }

    void searchCompaniesUntilTheQuotaRunsOut()
    {
        const auto id = run(client()->createSearch(ClaySearchSource::Companies, QJsonObject{}));
        QVERIFY2(id, qPrintable(describe(id)));
        const auto page = run(client()->runSearch(*id, 5));
        QVERIFY2(page, qPrintable(describe(page)));
        QCOMPARE(page->companies.size(), 5);
        const ClayCompanyHit& company = page->companies.first();
        QCOMPARE(company.clayCompanyId, company.raw.value(u"clay_company_id").toString());
        QCOMPARE(company.domain, company.raw.value(u"domain").toString());
        QCOMPARE(company.size, company.raw.value(u"size").toString());
        QCOMPARE(company.location, QStringLiteral("Sydney, New South Wales"));
        QCOMPARE(company.annualRevenue, QStringLiteral("$1M-$10M"));
        QVERIFY(company.totalFundingRangeUsd.isEmpty());

        // Spend the period's quota: Clay's 402 is not retried.
        Result<ClaySearchPage, IntegrationError> next = page;
        for (int i = 0; i < 40 && next.ok(); ++i) {
            auto searchId = run(client()->createSearch(ClaySearchSource::Companies, QJsonObject{}));
            QVERIFY(searchId);
            next = run(client()->runSearch(*searchId, 500));
        }
        QVERIFY(!next);
        QCOMPARE(next.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(next.error().httpStatus, 402);
        QCOMPARE(next.error().message(), QStringLiteral("Clay: Search quota exhausted for this period."));
        QCOMPARE(log().last().status, 402);
    }

    void searchChecks()
    {
        QVERIFY(!run(client()->runSearch(QStringLiteral("srch_1"), 501)));
        QVERIFY(!run(client()->runSearch(QStringLiteral("a/b"), 5)));
        QCOMPARE(log().size(), 0);
        const auto unknown = run(client()->runSearch(QStringLiteral("srch_unknown"), 5));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().providerMessage, QStringLiteral("Search not found."));
    }

    // --- parsing ---

    void oddAnswers_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("where");
        QTest::newRow("results: status missing")
            << 0 << QByteArray(R"({"total": 1})") << QStringLiteral("status");
        QTest::newRow("results: complete without data")
            << 0 << QByteArray(R"({"status": "complete", "total": 1, "finished": 1})")
            << QStringLiteral("data");
        QTest::newRow("results: odd item status")
            << 0 << QByteArray(R"({"status": "complete", "data": [{"id": "a", "status": "done"}]})")
            << QStringLiteral("data[0].status");
        QTest::newRow("results: total as text")
            << 0 << QByteArray(R"({"status": "in_progress", "total": "3"})") << QStringLiteral("total");
        QTest::newRow("search: no data")
            << 1 << QByteArray(R"({"has_more": false})") << QStringLiteral("data");
        QTest::newRow("search: quota as text")
            << 1 << QByteArray(R"({"data": [], "period_quota": {"limit": "1000"}})")
            << QStringLiteral("period_quota.limit");
        QTest::newRow("search: record not object")
            << 1 << QByteArray(R"({"data": [7]})") << QStringLiteral("data[0]");
        QTest::newRow("me: no user") << 2 << QByteArray(R"({"workspace": {"id": "1"}})")
                                     << QStringLiteral("user");
        QTest::newRow("run: no id") << 3 << QByteArray(R"({"status": "in_progress"})")
                                    << QStringLiteral("routine_run_id");
    }

    void oddAnswers()
    {
        QFETCH(int, which);
        QFETCH(QByteArray, body);
        QFETCH(QString, where);
        const QJsonDocument document = QJsonDocument::fromJson(body);
        IntegrationError error;
        switch (which) {
        case 0:
            error = ClayJson::parseRoutineResults(document).error();
            break;
        case 1:
            error = ClayJson::parseSearchPage(document).error();
            break;
        case 2:
            error = ClayJson::parseMe(document).error();
            break;
        default:
            error = ClayJson::parseRoutineRunStarted(document).error();
            break;
        }
        QCOMPARE(error.kind, IntegrationError::Kind::Decode);
        QCOMPARE(error.provider, ProviderId::Clay);
        QVERIFY2(error.detail.startsWith(where), qPrintable(error.detail));
    }

    void errorBodies()
    {
        const ProviderErrorInfo json = ClayJson::parseError(400, R"({"message": "items: Required"})");
        QCOMPARE(json.message, QStringLiteral("items: Required"));
        QVERIFY(!json.kind);
        const ProviderErrorInfo quota = ClayJson::parseError(402, R"({"message": "Quota exceeded"})");
        QCOMPARE(*quota.kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(ClayJson::parseError(401, "Unauthorized").message, QStringLiteral("Unauthorized"));
        QVERIFY(ClayJson::parseError(502, "<html>bad gateway</html>").message.isEmpty());
        QVERIFY(ClayJson::parseError(200, R"({"message": "ok"})").message.isEmpty());
    }

    void rateLimitReset()
    {
        HttpResponse response;
        response.headers = {{"X-RateLimit-Reset", "7"}};
        QCOMPARE(ClayJson::readRetryAfter(response), std::optional(7000ms));
        response.headers = {
            {"X-RateLimit-Reset", QByteArray::number(QDateTime::currentSecsSinceEpoch() + 30)}};
        const auto wait = ClayJson::readRetryAfter(response);
        QVERIFY(wait && *wait > 28000ms && *wait <= 30000ms);
        response.headers.clear();
        QVERIFY(!ClayJson::readRetryAfter(response));
    }

    void pacingAndPrices()
    {
        QCOMPARE(ClayClient::documentedPacing().ratePerSecond, 5.0);
        QCOMPARE(ClayClient::worstCasePerCredit(), aud("0.077"));
        QCOMPARE(ClayClient::estimatePerCredit(), aud("0.039"));
    }
};

QTEST_GUILESS_MAIN(TestClayClient)
#include "tst_clayclient.moc"
