// ApifyClient against the provider simulator: the account check (paying, free, refused, limited,
// down), starting, polling and costing runs, reading dataset pages, run-sync and its 408, the errors
// Apify documents, and odd answers from a canned server.

#include "integrations/apify/apifyclient.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <qcoro/qcorotask.h>

using namespace agency;
using namespace agency::sim;

namespace {

const QString kValid = QStringLiteral("sim-valid");

Credential tokenCredential(const QString& token)
{
    Credential credential;
    credential.fields.insert(QStringLiteral("token"), token);
    return credential;
}

// QVERIFY2 evaluates its message even when the check passes: never call error() on a success.
template<typename T>
const char* why(const Result<T, IntegrationError>& result)
{
    static QByteArray text;
    text = result ? QByteArray("ok") : result.error().message().toUtf8();
    return text.constData();
}

class RecordingBudget : public BudgetHook
{
public:
    QList<Money> reserved;
    QList<QString> operations;
    QList<CallOutcome> outcomes;
    QList<std::optional<CostEvent>> costs;

    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString operation,
                                                                 Money worstCase) override
    {
        reserved.append(worstCase);
        operations.append(operation);
        co_return ReservationId(reserved.size());
    }
    void settle(ReservationId, CallOutcome outcome, std::optional<CostEvent> cost) override
    {
        outcomes.append(outcome);
        costs.append(std::move(cost));
    }
};

// Answers every request with one canned response: for answers the simulator never gives.
class CannedServer : public QObject
{
public:
    CannedServer(int status, QByteArray body, QList<QPair<QByteArray, QByteArray>> headers = {})
        : m_status(status)
        , m_body(std::move(body))
        , m_headers(std::move(headers))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_pending[socket] += socket->readAll();
                    if (!m_pending[socket].contains("\r\n\r\n"))
                        return;
                    QByteArray answer = "HTTP/1.1 " + QByteArray::number(m_status) +
                                        " X\r\nContent-Type: "
                                        "application/json\r\nConnection: close\r\nContent-Length: " +
                                        QByteArray::number(m_body.size()) + "\r\n";
                    for (const auto& [name, value] : m_headers)
                        answer += name + ": " + value + "\r\n";
                    socket->write(answer + "\r\n" + m_body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    QTcpServer m_server;
    int m_status;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QHash<QTcpSocket*, QByteArray> m_pending;
};

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

Money usd(const char* amount)
{
    return *Money::parse(QString::fromLatin1(amount) + QStringLiteral(" USD"));
}

} // namespace

class TestApifyClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;

    std::unique_ptr<ApifyClient> client(const QString& token = kValid, QUrl base = {})
    {
        auto made = std::make_unique<ApifyClient>(ClientContext{
            m_core.get(), base.isEmpty() ? m_sim->baseUrl(ProviderId::Apify) : base, tokenCredential(token)});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Apify); }
    static ApifyStartRunRequest googleRun()
    {
        ApifyStartRunRequest request;
        request.actorId = QStringLiteral("apify~google-search-scraper");
        request.input = QJsonObject{{QStringLiteral("queries"), QStringLiteral("plumbers in Perth")}};
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(11);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void init()
    {
        m_sim->reset();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
        m_budget = RecordingBudget();
        m_core->setBudgetHook(&m_budget);
    }

    void pacingFollowsTheDocumentedLimit()
    {
        const PacingConfig pacing = ApifyClient::documentedPacing();
        QCOMPARE(pacing.ratePerSecond, 60.0);
        QCOMPARE(pacing.burst, 60.0);
    }

    void checkReportsPlanAndMonthlyUsage()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = QCoro::waitFor(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.plan, QStringLiteral("STARTER"));
        QVERIFY(status.balance.has_value());
        QCOMPARE(status.balance->currency(), QStringLiteral("USD"));
        QVERIFY(*status.balance > usd("900") && *status.balance <= usd("1000"));
        QVERIFY2(status.summary.startsWith(QStringLiteral("STARTER plan · US$")), qPrintable(status.summary));
        QVERIFY(status.summary.contains(QStringLiteral("of US$1,000.00 used this month")));
        const auto detail = [&status](const QString& label) {
            for (const auto& [key, value] : status.details) {
                if (key == label)
                    return value;
            }
            return QString();
        };
        QVERIFY(detail(QStringLiteral("Username")).endsWith(QStringLiteral("_scraper")));
        QCOMPARE(detail(QStringLiteral("Paying")), QStringLiteral("yes"));
        QCOMPARE(detail(QStringLiteral("Concurrent runs")), QStringLiteral("0 of 32"));
        QCOMPARE(detail(QStringLiteral("Rate limit")), QStringLiteral("60 req/s"));
        QCOMPARE(detail(QStringLiteral("Usage cycle ends")), QStringLiteral("2026-01-31"));
        QVERIFY(status.checkedAt.isValid());

        // Two free reads, the token as Bearer (never ?token=), no budget asked, no cost.
        QCOMPARE(costs.size(), 0);
        QVERIFY(m_budget.reserved.isEmpty());
        const QList<RecordedRequest> seen = log();
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).method, QByteArray("GET"));
        QCOMPARE(seen.at(0).path, QStringLiteral("/v2/users/me"));
        QCOMPARE(seen.at(1).path, QStringLiteral("/v2/users/me/limits"));
        QVERIFY(headerOf(seen.at(0), "Authorization").startsWith("Bearer "));
        QVERIFY(!headerOf(seen.at(0), "Authorization").contains("sim-valid"));
        QVERIFY(!seen.at(0).query.contains(QStringLiteral("token")));
    }

    void freePlanIsStillValid()
    {
        const AccountStatus status =
            QCoro::waitFor(client(QStringLiteral("sim-limited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.plan, QStringLiteral("FREE"));
        QVERIFY(*status.balance <= usd("5"));
        bool noted = false;
        for (const auto& [key, value] : status.details)
            noted = noted || (key == u"Note" && value.contains(QStringLiteral("Free plan")));
        QVERIFY(noted);
    }

    void refusedTokenIsInvalidWithApifysWords()
    {
        const AccountStatus status =
            QCoro::waitFor(client(QStringLiteral("apify_api_wrong"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QVERIFY(status.error.has_value());
        QCOMPARE(status.error->kind, IntegrationError::Kind::Auth);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerCode, QStringLiteral("invalid-token"));
        QCOMPARE(status.error->providerMessage, QStringLiteral("Authentication token is not valid."));
        QVERIFY(status.summary.contains(QStringLiteral("Authentication token is not valid.")));
        QVERIFY(!status.summary.contains(QStringLiteral("apify_api_wrong")));
    }

    void missingTokenIsNotConfigured()
    {
        const AccountStatus status = QCoro::waitFor(client(QString())->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    void rateLimitedCheckIsRateLimited()
    {
        const AccountStatus status =
            QCoro::waitFor(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->providerCode, QStringLiteral("rate-limit-exceeded"));
        QVERIFY(status.error->retryAfter.has_value());
        QCOMPARE(log().size(), 3); // a GET is retried, honouring Retry-After
    }

    void outageIsUnreachableNotInvalid()
    {
        m_sim->scheduleFaults(
            ProviderId::Apify, QStringLiteral("/users/me"),
            {{FaultKind::ServerError500}, {FaultKind::BadGateway502}, {FaultKind::Unavailable503}});
        const AccountStatus status = QCoro::waitFor(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Server);
    }

    void transientFailureIsRetriedIntoASuccess()
    {
        m_sim->scheduleFaults(ProviderId::Apify, QStringLiteral("/users/me"),
                              {{FaultKind::RateLimited, 1}, {FaultKind::ServerError500}});
        const AccountStatus status = QCoro::waitFor(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(log().size(), 4);
    }

    void startRunReservesTheCapAndEstimatesUntilReported()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        ApifyStartRunRequest request = googleRun();
        request.options.memoryMbytes = 2048;
        request.options.timeoutSecs = 600;
        request.options.maxItems = 100;
        request.options.maxTotalCharge = usd("0.75");
        const auto started = QCoro::waitFor(client()->startRun(request));
        QVERIFY2(started.ok(), why(started));
        const ApifyRun& run = started.value();
        QCOMPARE(run.id.size(), 17);
        QCOMPARE(run.status, ApifyRunStatus::Ready);
        QVERIFY(!run.isFinished());
        QVERIFY(!run.finishedAt.isValid());
        QVERIFY(run.startedAt.isValid());
        QCOMPARE(run.defaultDatasetId.size(), 17);
        QCOMPARE(run.memoryMbytes, std::optional<int>(2048));
        QCOMPARE(run.timeoutSecs, std::optional<int>(600));
        QCOMPARE(run.maxItems, std::optional<qint64>(100));
        QCOMPARE(run.maxTotalCharge, std::optional<Money>(usd("0.75")));
        QCOMPARE(run.pricingModel, QStringLiteral("PAY_PER_EVENT"));
        QCOMPARE(run.location.toString(), QStringLiteral("https://api.apify.com/v2/actor-runs/") + run.id);
        QCOMPARE(run.buildNumber, QStringLiteral("0.3.12"));
        QCOMPARE(run.raw.value(QStringLiteral("id")).toString(), run.id);

        // The budget reserved the cap; the cost is that cap, estimated, with the run id to correct it later.
        QCOMPARE(m_budget.reserved, QList<Money>{usd("0.75")});
        QCOMPARE(m_budget.operations, QList<QString>{QStringLiteral("actor_run")});
        QVERIFY(run.cost.has_value());
        QCOMPARE(run.cost->source, CostSource::Estimated);
        QCOMPARE(run.cost->amount, usd("0.75"));
        QCOMPARE(run.cost->providerReference, run.id);
        QCOMPARE(run.cost->units, qint64(1));
        QCOMPARE(run.cost->unit, QStringLiteral("run"));
        QCOMPARE(costs.size(), 1);

        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/v2/actors/apify~google-search-scraper/runs"));
        const QUrlQuery query(seen.query);
        QCOMPARE(query.queryItemValue(QStringLiteral("maxTotalChargeUsd")), QStringLiteral("0.75"));
        QCOMPARE(query.queryItemValue(QStringLiteral("memory")), QStringLiteral("2048"));
        QCOMPARE(query.queryItemValue(QStringLiteral("timeout")), QStringLiteral("600"));
        QCOMPARE(query.queryItemValue(QStringLiteral("maxItems")), QStringLiteral("100"));
        QVERIFY(headerOf(seen, "Content-Type").startsWith("application/json"));
        QCOMPARE(QJsonDocument::fromJson(seen.body).object(), request.input);
    }

    void runWithoutACapGetsTheDefaultCap()
    {
        auto apify = client();
        apify->setDefaultMaxTotalCharge(usd("2.5"));
        ApifyStartRunRequest request = googleRun();
        request.actorId = QStringLiteral("apify/google-search-scraper"); // the '/' form becomes '~'
        const auto started = QCoro::waitFor(apify->startRun(request));
        QVERIFY2(started.ok(), why(started));
        QCOMPARE(m_budget.reserved, QList<Money>{usd("2.5")});
        QCOMPARE(QUrlQuery(log().constLast().query).queryItemValue(QStringLiteral("maxTotalChargeUsd")),
                 QStringLiteral("2.50"));
        QCOMPARE(log().constLast().path, QStringLiteral("/v2/actors/apify~google-search-scraper/runs"));
    }

    void pollingFollowsTheRunAndReportsTheFinalCostOnce()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        auto apify = client();
        const auto started = QCoro::waitFor(apify->startRun(googleRun()));
        QVERIFY2(started.ok(), why(started));
        const QString id = started->id;

        const auto running = QCoro::waitFor(apify->pollRun(id));
        QVERIFY2(running.ok(), why(running));
        QCOMPARE(running->status, ApifyRunStatus::Running);
        QVERIFY(!running->cost.has_value());

        const auto finished = QCoro::waitFor(apify->pollRun(id));
        QVERIFY2(finished.ok(), why(finished));
        QCOMPARE(finished->status, ApifyRunStatus::Succeeded);
        QVERIFY(finished->isFinished());
        QVERIFY(finished->finishedAt > finished->startedAt);
        QVERIFY(finished->usageTotal.has_value());
        QCOMPARE(finished->chargedEventCounts.value(QStringLiteral("result")), qint64(23));
        QVERIFY(finished->runTimeSecs.has_value() && finished->computeUnits.has_value());
        QVERIFY(!finished->cost.has_value()); // a poll never reports
        const Money preliminary = *finished->usageTotal;

        // A later read gives the final figure, reported once, with the run id.
        const auto costed = QCoro::waitFor(apify->reportRunCost(id));
        QVERIFY2(costed.ok(), why(costed));
        QVERIFY(costed->cost.has_value());
        QCOMPARE(costed->cost->source, CostSource::Reported);
        QCOMPARE(costed->cost->amount, *costed->usageTotal);
        QCOMPARE(costed->cost->amount.currency(), QStringLiteral("USD"));
        QVERIFY(costed->cost->amount > preliminary);
        QCOMPARE(costed->cost->providerReference, id);
        QCOMPARE(costed->cost->operation, QStringLiteral("actor_run"));
        QCOMPARE(costs.size(), 2);             // the start's estimate and the final report
        QCOMPARE(m_budget.reserved.size(), 1); // reads reserve nothing
        QCOMPARE(log().at(1).path, QStringLiteral("/v2/actor-runs/") + id);
    }

    void waitForFinishLongPollsAndIsClamped()
    {
        auto apify = client();
        const auto started = QCoro::waitFor(apify->startRun(googleRun()));
        QVERIFY2(started.ok(), why(started));
        const auto finished = QCoro::waitFor(apify->pollRun(started->id, 90));
        QVERIFY2(finished.ok(), why(finished));
        QCOMPARE(finished->status, ApifyRunStatus::Succeeded);
        QCOMPARE(QUrlQuery(log().constLast().query).queryItemValue(QStringLiteral("waitForFinish")),
                 QStringLiteral("60"));
    }

    void aFailingActorEndsFailed()
    {
        ApifyStartRunRequest request;
        request.actorId = QStringLiteral("sim~failing-actor");
        request.waitForFinishSecs = 30;
        const auto run = QCoro::waitFor(client()->startRun(request));
        QVERIFY2(run.ok(), why(run));
        QCOMPARE(run->status, ApifyRunStatus::Failed);
        QCOMPARE(run->statusMessage, QStringLiteral("The Actor failed"));
        QCOMPARE(QUrlQuery(log().constLast().query).queryItemValue(QStringLiteral("waitForFinish")),
                 QStringLiteral("30"));
    }

    void reportRunCostOfARunInProgressReportsNothing()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        auto apify = client();
        ApifyStartRunRequest request;
        request.actorId = QStringLiteral("sim~slow-actor");
        const auto started = QCoro::waitFor(apify->startRun(request));
        QVERIFY2(started.ok(), why(started));
        const auto again = QCoro::waitFor(apify->reportRunCost(started->id));
        QVERIFY2(again.ok(), why(again));
        QCOMPARE(again->status, ApifyRunStatus::Running);
        QVERIFY(!again->cost.has_value());
        QCOMPARE(costs.size(), 1); // only the start's estimate
    }

    void abortStopsARunInProgressAndLeavesAFinishedOneAlone()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        auto apify = client();
        ApifyStartRunRequest request;
        request.actorId = QStringLiteral("sim~slow-actor");
        const auto started = QCoro::waitFor(apify->startRun(request));
        QVERIFY2(started.ok(), why(started));
        const auto aborted = QCoro::waitFor(apify->abortRun(started->id));
        QVERIFY2(aborted.ok(), why(aborted));
        QCOMPARE(aborted->status, ApifyRunStatus::Aborted);
        QCOMPARE(aborted->statusMessage, QStringLiteral("Actor was aborted"));
        QCOMPARE(log().constLast().method, QByteArray("POST"));
        QCOMPARE(log().constLast().path, QStringLiteral("/v2/actor-runs/%1/abort").arg(started->id));
        QCOMPARE(costs.size(), 1); // aborting is free: only the start's estimate
        // What it used until then is reported like any finished run's cost.
        const auto costed = QCoro::waitFor(apify->reportRunCost(started->id));
        QVERIFY2(costed.ok(), why(costed));
        QVERIFY(costed->cost.has_value());
        QCOMPARE(costed->cost->source, CostSource::Reported);

        ApifyStartRunRequest quick;
        quick.actorId = QStringLiteral("sim~failing-actor");
        quick.waitForFinishSecs = 30;
        const auto failed = QCoro::waitFor(apify->startRun(quick));
        QVERIFY2(failed.ok(), why(failed));
        const auto again = QCoro::waitFor(apify->abortRun(failed->id));
        QVERIFY2(again.ok(), why(again));
        QCOMPARE(again->status, ApifyRunStatus::Failed);

        const qsizetype sent = log().size();
        const auto refused = QCoro::waitFor(apify->abortRun(QStringLiteral("../users/me")));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), sent);
    }

    void datasetItemsPageWithPaginationHeaders()
    {
        auto apify = client();
        ApifyStartRunRequest request = googleRun();
        request.waitForFinishSecs = 60;
        const auto run = QCoro::waitFor(apify->startRun(request));
        QVERIFY2(run.ok(), why(run));

        ApifyDatasetItemsRequest items;
        items.datasetId = run->defaultDatasetId;
        items.query.limit = 10;
        const auto first = QCoro::waitFor(apify->datasetItems(items));
        QVERIFY2(first.ok(), why(first));
        QCOMPARE(first->items.size(), 10);
        QCOMPARE(first->offset, qint64(0));
        QCOMPARE(first->limit, std::optional<qint64>(10));
        QCOMPARE(first->count, qint64(10));
        QCOMPARE(first->total, qint64(23));
        QVERIFY(first->hasMore());
        QCOMPARE(first->items.first().value(QStringLiteral("position")).toInt(), 1);
        QVERIFY(first->items.first().contains(QStringLiteral("#debug")));

        items.query.offset = 20;
        items.query.fields = {QStringLiteral("position"), QStringLiteral("email")};
        const auto last = QCoro::waitFor(apify->datasetItems(items));
        QVERIFY2(last.ok(), why(last));
        QCOMPARE(last->items.size(), 3);
        QCOMPARE(last->count, qint64(3));
        QVERIFY(!last->hasMore());
        QCOMPARE(last->items.first().keys(),
                 (QStringList{QStringLiteral("email"), QStringLiteral("position")}));
        QCOMPARE(last->items.first().value(QStringLiteral("position")).toInt(), 21);

        items.query = {};
        items.query.limit = 5;
        items.query.clean = true;
        const auto clean = QCoro::waitFor(apify->datasetItems(items));
        QVERIFY2(clean.ok(), why(clean));
        QVERIFY(!clean->items.first().contains(QStringLiteral("#debug")));

        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/v2/datasets/%1/items").arg(run->defaultDatasetId));
        const QUrlQuery query(seen.query);
        QCOMPARE(query.queryItemValue(QStringLiteral("format")), QStringLiteral("json"));
        QCOMPARE(query.queryItemValue(QStringLiteral("clean")), QStringLiteral("true"));
        QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
        QCOMPARE(m_budget.reserved.size(), 1); // only the run
    }

    void unknownDatasetIsRecordNotFound()
    {
        ApifyDatasetItemsRequest items;
        items.datasetId = QStringLiteral("nOsUcHdAtAsEt");
        const auto result = QCoro::waitFor(client()->datasetItems(items));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(result.error().httpStatus, 404);
        QCOMPARE(result.error().providerCode, QStringLiteral("record-not-found"));
        QCOMPARE(result.error().message(), QStringLiteral("Apify: Dataset was not found."));
    }

    void runSyncReturnsItemsAndEstimatesTheCap()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        ApifyRunSyncRequest request;
        request.actorId = QStringLiteral("code_crafter~leads-finder");
        request.input = QJsonObject{{QStringLiteral("domains"), QJsonArray{QStringLiteral("acme.example")}}};
        request.options.maxTotalCharge = usd("1.2");
        request.items.limit = 25;
        const auto page = QCoro::waitFor(client()->runSyncGetDatasetItems(request));
        QVERIFY2(page.ok(), why(page));
        QCOMPARE(page->items.size(), 25);
        QCOMPARE(page->total, qint64(40));
        QVERIFY(page->hasMore());
        QVERIFY(page->cost.has_value());
        QCOMPARE(page->cost->source, CostSource::Estimated);
        QCOMPARE(page->cost->amount, usd("1.2"));
        QCOMPARE(page->cost->operation, QStringLiteral("actor_run_sync"));
        QCOMPARE(costs.size(), 1);
        QCOMPARE(m_budget.reserved, QList<Money>{usd("1.2")});
        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path,
                 QStringLiteral("/v2/actors/code_crafter~leads-finder/run-sync-get-dataset-items"));
        QCOMPARE(seen.status, 201);
    }

    void runSyncTimeoutIsAnUnknownOutcome()
    {
        ApifyRunSyncRequest request;
        request.actorId = QStringLiteral("sim~slow-actor");
        const auto page = QCoro::waitFor(client()->runSyncGetDatasetItems(request));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, IntegrationError::Kind::Timeout);
        QCOMPARE(page.error().httpStatus, 408);
        QCOMPARE(page.error().providerCode, QStringLiteral("run-timeout-exceeded"));
        QCOMPARE(log().size(), 1); // a POST is never sent again
        // The run goes on at Apify: the budget must not treat it as "nothing charged".
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});
    }

    void badInputIsTheActorsOwn400()
    {
        ApifyStartRunRequest request = googleRun();
        request.input = QJsonObject{{QStringLiteral("query"), QStringLiteral("typo")}};
        const auto run = QCoro::waitFor(client()->startRun(request));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(run.error().httpStatus, 400);
        QCOMPARE(run.error().providerCode, QStringLiteral("invalid-input"));
        QCOMPARE(run.error().message(),
                 QStringLiteral("Apify: Input is not valid: Field input.queries is required."));
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
    }

    void badMemoryIsInvalidValue()
    {
        ApifyStartRunRequest request = googleRun();
        request.options.memoryMbytes = 1000;
        const auto run = QCoro::waitFor(client()->startRun(request));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().providerCode, QStringLiteral("invalid-value"));
    }

    void unknownActorIsNotFound()
    {
        ApifyStartRunRequest request = googleRun();
        request.actorId = QStringLiteral("someone~nothing-here");
        const auto run = QCoro::waitFor(client()->startRun(request));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().httpStatus, 404);
        QCOMPARE(run.error().providerCode, QStringLiteral("record-not-found"));
    }

    void freeAccountCannotRunAPaidActor()
    {
        ApifyStartRunRequest request;
        request.actorId = QStringLiteral("code_crafter~leads-finder");
        request.input = QJsonObject{{QStringLiteral("domains"), QJsonArray{QStringLiteral("acme.example")}}};
        const auto run = QCoro::waitFor(client(QStringLiteral("sim-limited"))->startRun(request));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(run.error().httpStatus, 402);
        QVERIFY(run.error().message().contains(QStringLiteral("not have enough usage")));
    }

    void badActorIdIsRefusedBeforeSending()
    {
        ApifyStartRunRequest request = googleRun();
        request.actorId = QStringLiteral("../users/me?x=");
        const auto run = QCoro::waitFor(client()->startRun(request));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().kind, IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), 0);
        QVERIFY(m_budget.reserved.isEmpty());

        request = googleRun();
        request.options.maxTotalCharge = Money::aud(1'000'000);
        const auto aud = QCoro::waitFor(client()->startRun(request));
        QCOMPARE(aud.error().kind, IntegrationError::Kind::Configuration);
    }

    void rateLimitedStartIsNotSentAgain()
    {
        m_sim->scheduleFaults(ProviderId::Apify, QStringLiteral("/runs"), {{FaultKind::RateLimited, 2}});
        const auto run = QCoro::waitFor(client()->startRun(googleRun()));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(run.error().retryAfter, std::optional<std::chrono::milliseconds>(std::chrono::seconds(2)));
        QCOMPARE(run.error().providerMessage,
                 QStringLiteral("You have exceeded the rate limit. Please try again later."));
        QCOMPARE(log().size(), 1); // no idempotency key: a second POST could start a second run
    }

    void rateLimitedPollIsRetried()
    {
        auto apify = client();
        const auto started = QCoro::waitFor(apify->startRun(googleRun()));
        QVERIFY2(started.ok(), why(started));
        m_sim->scheduleFaults(ProviderId::Apify, QStringLiteral("/actor-runs/"),
                              {{FaultKind::RateLimited, 1}});
        const auto polled = QCoro::waitFor(apify->pollRun(started->id));
        QVERIFY2(polled.ok(), why(polled));
        QCOMPARE(log().size(), 3); // start, the 429, the retry
    }

    void malformedAnswerIsADecodeError()
    {
        auto apify = client();
        const auto started = QCoro::waitFor(apify->startRun(googleRun()));
        QVERIFY2(started.ok(), why(started));
        m_sim->scheduleFaults(ProviderId::Apify, QStringLiteral("/actor-runs/"),
                              {{FaultKind::MalformedBody}});
        const auto polled = QCoro::waitFor(apify->pollRun(started->id));
        QVERIFY(!polled.ok());
        QCOMPARE(polled.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(polled.error().message().startsWith(
            QStringLiteral("Apify sent an answer the console could not read")));
    }

    void oddRunJsonIsADecodeErrorThatSaysWhat_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("problem");
        const QByteArray good =
            R"({"id":"r1","actId":"a1","status":"RUNNING","startedAt":"2026-01-02T03:04:05.000Z",)"
            R"("defaultDatasetId":"d1","defaultKeyValueStoreId":"k1")";
        QTest::newRow("no data") << QByteArray(R"({"id":"r1"})")
                                 << QStringLiteral("the answer has no \"data\" run object");
        QTest::newRow("id as number") << QByteArray(R"({"data":)" + good + R"(,"id":7}})")
                                      << QStringLiteral("data.id should be a string but is a number");
        QTest::newRow("unknown status")
            << QByteArray(
                   R"({"data":{"id":"r1","actId":"a1","status":"SLEEPING","startedAt":"2026-01-02T03:04:05Z",)"
                   R"("defaultDatasetId":"d1","defaultKeyValueStoreId":"k1"}})")
            << QStringLiteral("data.status \"SLEEPING\" is not a known run status");
        QTest::newRow("cost as text")
            << QByteArray(
                   R"({"data":{"id":"r1","actId":"a1","status":"SUCCEEDED","startedAt":"2026-01-02T03:04:05Z",)"
                   R"("defaultDatasetId":"d1","defaultKeyValueStoreId":"k1","usageTotalUsd":"0.2"}})")
            << QStringLiteral("data.usageTotalUsd should be a number but is a string");
        QTest::newRow("negative cost")
            << QByteArray(
                   R"({"data":{"id":"r1","actId":"a1","status":"SUCCEEDED","startedAt":"2026-01-02T03:04:05Z",)"
                   R"("defaultDatasetId":"d1","defaultKeyValueStoreId":"k1","usageTotalUsd":-1}})")
            << QStringLiteral("data.usageTotalUsd should be a non-negative amount but is a number");
        QTest::newRow("no start") << QByteArray(R"({"data":{"id":"r1","actId":"a1","status":"READY",)"
                                                R"("defaultDatasetId":"d1","defaultKeyValueStoreId":"k1"}})")
                                  << QStringLiteral("data.startedAt should be a string but is missing");
        QTest::newRow("event count as text")
            << QByteArray(
                   R"({"data":{"id":"r1","actId":"a1","status":"READY","startedAt":"2026-01-02T03:04:05Z",)"
                   R"("defaultDatasetId":"d1","defaultKeyValueStoreId":"k1","chargedEventCounts":{"x":"2"}}})")
            << QStringLiteral("data.chargedEventCounts.x should be a number but is a string");
    }

    void oddRunJsonIsADecodeErrorThatSaysWhat()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, problem);
        CannedServer canned(200, body);
        const auto run = QCoro::waitFor(client(kValid, canned.url())->pollRun(QStringLiteral("r1")));
        QVERIFY(!run.ok());
        QCOMPARE(run.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(run.error().detail, problem);
    }

    void oddDatasetAnswersAreDecodeErrors()
    {
        ApifyDatasetItemsRequest items;
        items.datasetId = QStringLiteral("d1");
        {
            CannedServer canned(200, R"({"items":[]})");
            const auto page = QCoro::waitFor(client(kValid, canned.url())->datasetItems(items));
            QCOMPARE(page.error().kind, IntegrationError::Kind::Decode);
            QCOMPARE(page.error().detail, QStringLiteral("dataset items should be a JSON array"));
        }
        {
            CannedServer canned(200, R"([{"a":1},2])",
                                {{"X-Apify-Pagination-Offset", "0"},
                                 {"X-Apify-Pagination-Count", "2"},
                                 {"X-Apify-Pagination-Total", "2"}});
            const auto page = QCoro::waitFor(client(kValid, canned.url())->datasetItems(items));
            QCOMPARE(page.error().detail, QStringLiteral("dataset item 1 is not an object"));
        }
        {
            CannedServer canned(200, R"([{"a":1}])",
                                {{"X-Apify-Pagination-Offset", "0"},
                                 {"X-Apify-Pagination-Count", "one"},
                                 {"X-Apify-Pagination-Total", "1"}});
            const auto page = QCoro::waitFor(client(kValid, canned.url())->datasetItems(items));
            QCOMPARE(page.error().detail,
                     QStringLiteral("header X-Apify-Pagination-Count should be a count but is \"one\""));
        }
    }
};

QTEST_GUILESS_MAIN(TestApifyClient)
#include "tst_apifyclient.moc"
