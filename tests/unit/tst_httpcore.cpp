// The HTTP core against the provider simulator: every fault maps to the right error kind, retries
// happen only where allowed and wait what they should, cancellation and timeouts leave nothing
// behind, the budget hook is asked first, and no credential reaches a log line or an error.

#include "integrations/http/httpcore.h"
#include "providersimulator.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <qcoro/qcorotimer.h>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

// As a client would: Resend answers a bad key with 400 validation_error, which is an auth failure.
ProviderErrorInfo parseResendError(int, const QByteArray& body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    ProviderErrorInfo info{object.value(QStringLiteral("message")).toString(),
                           object.value(QStringLiteral("name")).toString(),
                           {}};
    if (info.code.endsWith(QStringLiteral("api_key")) || info.message.contains(QStringLiteral("API key")))
        info.kind = IntegrationError::Kind::Auth;
    return info;
}

class RecordingBudget : public BudgetHook
{
public:
    bool refuse = false;
    int reservations = 0;
    QList<CallOutcome> outcomes;
    QList<std::optional<CostEvent>> costs;

    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId provider, QString, Money) override
    {
        if (refuse) {
            IntegrationError error;
            error.kind = IntegrationError::Kind::BudgetExceeded;
            error.provider = provider;
            error.detail = QStringLiteral("the daily Resend limit of A$5.00 would be crossed");
            co_return failure(error);
        }
        co_return ReservationId(++reservations);
    }
    void settle(ReservationId, CallOutcome outcome, std::optional<CostEvent> cost) override
    {
        outcomes.append(outcome);
        costs.append(std::move(cost));
    }
};

// Collects every log line while alive, to prove no secret is printed.
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& message) { s_lines.append(message); });
        QLoggingCategory::setFilterRules(QStringLiteral("agency.*.debug=true"));
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
    }
    static QStringList lines() { return s_lines; }

private:
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

} // namespace

class TestHttpCore : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;

    Endpoint resend(const QString& key = QStringLiteral("sim-valid")) const
    {
        Endpoint endpoint;
        endpoint.provider = ProviderId::Resend;
        endpoint.baseUrl = m_sim->baseUrl(ProviderId::Resend);
        endpoint.auth = Auth::bearer(key);
        endpoint.parseError = parseResendError;
        endpoint.retry.timeScale = 0.01; // 2 s back-off becomes 20 ms; the computed waits are still reported
        return endpoint;
    }
    static HttpRequest domains(QByteArray method = "GET")
    {
        HttpRequest request;
        request.method = std::move(method);
        request.path = QStringLiteral("/domains");
        return request;
    }
    HttpResult send(const Endpoint& endpoint, const HttpRequest& request, CancelToken cancel = {})
    {
        return QCoro::waitFor(m_core->send(endpoint, request, cancel));
    }
    int logged() const { return int(m_sim->requestLog(ProviderId::Resend).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(7);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void init()
    {
        m_sim->reset();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; }); // no jitter: waits are exact
    }

    void success()
    {
        const HttpResult result = send(resend(), domains());
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
        QCOMPARE(result->status, 200);
        QCOMPARE(result->attempts, 1);
        QVERIFY(HttpCore::decodeJson(ProviderId::Resend, result.value()).ok());
        QCOMPARE(logged(), 1);
        const RecordedRequest seen = m_sim->requestLog().first();
        QCOMPARE(seen.method, QByteArray("GET"));
        QVERIFY(seen.path.endsWith(QStringLiteral("/domains")));
    }

    void authFailureCarriesTheProvidersWords()
    {
        const HttpResult result = send(resend(QStringLiteral("re_wrong_key_123456")), domains());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(result.error().httpStatus, 400); // Resend's own answer to a bad key
        QVERIFY(!result.error().providerMessage.isEmpty());
        QVERIFY(result.error().message().startsWith(QStringLiteral("Resend")));
        QCOMPARE(logged(), 1); // a refused key is never retried
    }

    void faultsMapToKinds_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("kind");
        QTest::newRow("500") << int(FaultKind::ServerError500) << int(IntegrationError::Kind::Server);
        QTest::newRow("502") << int(FaultKind::BadGateway502) << int(IntegrationError::Kind::Server);
        QTest::newRow("503") << int(FaultKind::Unavailable503) << int(IntegrationError::Kind::Server);
        QTest::newRow("429") << int(FaultKind::RateLimited) << int(IntegrationError::Kind::RateLimited);
        QTest::newRow("reset") << int(FaultKind::ResetMidResponse) << int(IntegrationError::Kind::Network);
        QTest::newRow("truncated") << int(FaultKind::TruncatedBody) << int(IntegrationError::Kind::Network);
    }
    void faultsMapToKinds()
    {
        QFETCH(int, fault);
        QFETCH(int, kind);
        Endpoint endpoint = resend();
        endpoint.retry.maxAttempts = 1;
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"), {{FaultKind(fault), 1, 0}});
        const HttpResult result = send(endpoint, domains());
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().kind), kind);
        QVERIFY(result.error().isTransient());
    }

    void malformedBodyIsADecodeError()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::MalformedBody, 1, 0}});
        const HttpResult result = send(resend(), domains());
        QVERIFY(result.ok());
        const auto decoded = HttpCore::decodeJson(ProviderId::Resend, result.value());
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(decoded.error().message().contains(QStringLiteral("could not read")));
    }

    void getIsRetriedWithBackoff()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::Unavailable503, 1, 0}, {FaultKind::ResetMidResponse, 1, 0}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const HttpResult result = send(resend(), domains());
        QVERIFY(result.ok());
        QCOMPARE(result->attempts, 3);
        // Qt itself may send an idempotent GET once more on a reset keep-alive connection (it never
        // does so for a POST: see postWithoutIdempotencyKeyIsNeverResent).
        QVERIFY(logged() >= 3);
        QCOMPARE(retries.size(), 2);
        // Exponential from 2 s: 2 s, then 4 s (jitter fixed at its midpoint).
        QCOMPARE(retries.at(0).at(2).value<std::chrono::milliseconds>(), 2000ms);
        QCOMPARE(retries.at(1).at(2).value<std::chrono::milliseconds>(), 4000ms);
    }

    void givesUpAfterThreeAttempts()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::ServerError500, 1, 0},
                               {FaultKind::BadGateway502, 1, 0},
                               {FaultKind::Unavailable503, 1, 0},
                               {FaultKind::ServerError500, 1, 0}});
        const HttpResult result = send(resend(), domains());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(result.error().httpStatus, 503);
        QCOMPARE(logged(), 3);
    }

    void retryAfterIsWaitedOut()
    {
        Endpoint endpoint = resend();
        endpoint.retry.timeScale = 1.0; // the real second
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::RateLimited, 1, 0}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        QElapsedTimer clock;
        clock.start();
        const HttpResult result = send(endpoint, domains());
        QVERIFY(result.ok());
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).value<std::chrono::milliseconds>(), 1000ms);
        QVERIFY(clock.elapsed() >= 990); // a lower bound: the wait really happened
        const QList<RecordedRequest> log = m_sim->requestLog(ProviderId::Resend);
        QCOMPARE(log.size(), 2);
        QVERIFY(log.at(0).at.msecsTo(log.at(1).at) >= 990);
    }

    void retryAfterBeyondTheCapIsReturned()
    {
        Endpoint endpoint = resend();
        endpoint.retry.maxRetryAfter = 5s;
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::RateLimited, 120, 0}});
        const HttpResult result = send(endpoint, domains());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(result.error().retryAfter, std::optional(120000ms));
        QVERIFY(result.error().message().contains(QStringLiteral("120 s")));
        QCOMPARE(logged(), 1);
    }

    void postWithoutIdempotencyKeyIsNeverResent()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        HttpRequest request = domains("POST");
        request.body =
            JsonBody{QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("example.com")}})};
        request.worstCaseCost = Money::aud(900);
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::ServerError500, 1, 0}});
        const HttpResult result = send(resend(), request);
        QVERIFY(!result.ok());
        QCOMPARE(logged(), 1);
        // A 500 to a POST may still have done its work: the spend stays uncertain, not released.
        QCOMPARE(budget.outcomes, QList<CallOutcome>({CallOutcome::Unknown}));

        m_sim->reset();
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::ResetMidResponse, 1, 0}});
        QVERIFY(!send(resend(), request).ok());
        QCOMPARE(logged(), 1);
        m_core->setBudgetHook(nullptr);
    }

    void postWithIdempotencyKeyIsRetried()
    {
        HttpRequest request = domains("POST");
        request.idempotencyKey = "campaign-7/recipient-42/step-1";
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::Unavailable503, 1, 0}, {FaultKind::BadGateway502, 1, 0}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const HttpResult result = send(resend(), request);
        QVERIFY(!result.ok()); // the simulator has no POST /domains: the third answer is Resend's 404
        QCOMPARE(result.error().httpStatus, 404);
        const QList<RecordedRequest> log = m_sim->requestLog(ProviderId::Resend);
        QCOMPARE(retries.size(), 2);
        QCOMPARE(log.size(), 3); // every request on the wire is one of ours, each with the same key
        for (const RecordedRequest& seen : log) {
            const auto key = std::find_if(seen.headers.cbegin(), seen.headers.cend(), [](const auto& header) {
                return header.first.compare("Idempotency-Key", Qt::CaseInsensitive) == 0;
            });
            QVERIFY(key != seen.headers.cend());
            QCOMPARE(key->second, QByteArray("campaign-7/recipient-42/step-1"));
        }
    }

    void postIsRetriedWhenNothingWasSent()
    {
        // Nothing listens on this port: the request cannot have reached anyone.
        Endpoint endpoint = resend();
        endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/resend"));
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const HttpResult result = send(endpoint, domains("POST"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Network);
        QCOMPARE(retries.size(), 2);
    }

    void slowBodyTimesOut()
    {
        HttpRequest request = domains();
        request.timeout = 150ms;
        Endpoint endpoint = resend();
        endpoint.retry.maxAttempts = 1;
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::SlowBody, 1, 2000}});
        QElapsedTimer clock;
        clock.start();
        const HttpResult result = send(endpoint, request);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Timeout);
        QVERIFY(clock.elapsed() < 2000);
        QCOMPARE(m_core->pacer(ProviderId::Resend).inFlight(), 0);
    }

    void cancelInFlight()
    {
        m_sim->setLatency(ProviderId::Resend, 2000ms);
        CancelToken cancel;
        QTimer::singleShot(50, [cancel] { cancel.cancel(); });
        QElapsedTimer clock;
        clock.start();
        const HttpResult result = send(resend(), domains(), cancel);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Cancelled);
        QVERIFY(clock.elapsed() < 1500);
        QCOMPARE(m_core->pacer(ProviderId::Resend).inFlight(), 0);
    }

    void cancelDuringBackoff()
    {
        Endpoint endpoint = resend();
        endpoint.retry.timeScale = 1.0; // a real 2 s wait, cut short by the cancel
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"),
                              {{FaultKind::Unavailable503, 1, 0}});
        CancelToken cancel;
        connect(m_core.get(), &HttpCore::retryScheduled, this,
                [cancel] { QTimer::singleShot(20, [cancel] { cancel.cancel(); }); });
        QElapsedTimer clock;
        clock.start();
        const HttpResult result = send(endpoint, domains(), cancel);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Cancelled);
        QVERIFY(clock.elapsed() < 1500);
        QCOMPARE(logged(), 1);
    }

    void budgetRefusalSendsNothing()
    {
        RecordingBudget budget;
        budget.refuse = true;
        m_core->setBudgetHook(&budget);
        HttpRequest request = domains("POST");
        request.worstCaseCost = Money::aud(900);
        const HttpResult result = send(resend(), request);
        m_core->setBudgetHook(nullptr);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::BudgetExceeded);
        QVERIFY(result.error().message().contains(QStringLiteral("A$5.00")));
        QCOMPARE(logged(), 0);
    }

    void costIsReportedAndSettled()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        HttpRequest request = domains();
        request.worstCaseCost = Money::aud(900);
        request.costOf = [](const HttpResponse&) {
            CostEvent event;
            event.provider = ProviderId::Resend;
            event.amount = Money::aud(900);
            return std::optional(event);
        };
        QVERIFY(send(resend(), request).ok());
        m_core->setBudgetHook(nullptr);
        QCOMPARE(costs.size(), 1);
        QCOMPARE(budget.outcomes, QList<CallOutcome>({CallOutcome::Succeeded}));
        QCOMPARE(budget.costs.first()->amount, Money::aud(900));
    }

    void failureInsideA2xxIsStillBilled()
    {
        // DataForSEO-style: HTTP 200, but the body says the task failed — and the provider charged.
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        Endpoint endpoint = resend();
        endpoint.parseError = [](int status, const QByteArray&) {
            ProviderErrorInfo info;
            if (status == 200) {
                info.message = QStringLiteral("task failed");
                info.kind = IntegrationError::Kind::InvalidRequest;
            }
            return info;
        };
        HttpRequest request = domains();
        request.worstCaseCost = Money::aud(900);
        request.costOf = [](const HttpResponse&) {
            CostEvent event;
            event.provider = ProviderId::Resend;
            event.amount = Money::aud(500);
            return std::optional(event);
        };
        const HttpResult result = send(endpoint, request);
        m_core->setBudgetHook(nullptr);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().providerMessage, QStringLiteral("task failed"));
        QCOMPARE(costs.size(), 1);
        QCOMPARE(budget.outcomes, QList<CallOutcome>({CallOutcome::Succeeded}));
        QCOMPARE(budget.costs.first()->amount, Money::aud(500));
    }

    void plainHttpOnlyToLoopback()
    {
        Endpoint endpoint = resend();
        endpoint.baseUrl = QUrl(QStringLiteral("http://api.resend.com"));
        const HttpResult result = send(endpoint, domains());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(result.error().message().contains(QStringLiteral("HTTPS")));
    }

    void pacingAvoidsTheProvidersLimit()
    {
        // The provider allows 20/s with room for one early arrival (network jitter can bunch two
        // evenly spaced requests); the pacer sends at exactly 20/s.
        m_sim->setRateLimit(ProviderId::Resend, 20, 2);
        m_core->setPacing(ProviderId::Resend, {20.0, 1.0, 0});
        Endpoint endpoint = resend();
        endpoint.retry.maxAttempts = 1;
        std::vector<QCoro::Task<HttpResult>> calls;
        for (int i = 0; i < 15; ++i)
            calls.push_back(m_core->send(endpoint, domains()));
        int rateLimited = 0;
        for (auto& call : calls) {
            const HttpResult result = QCoro::waitFor(call);
            rateLimited += !result.ok() && result.error().kind == IntegrationError::Kind::RateLimited;
        }
        QCOMPARE(rateLimited, 0);
        QCOMPARE(logged(), 15);
    }

    void pacingFollowsTheAllowanceAnAnswerReports()
    {
        Endpoint endpoint = resend();
        endpoint.pacingFromHeaders = [](const HttpResponse& response) -> std::optional<PacingConfig> {
            if (response.status != 200)
                return std::nullopt;
            return PacingConfig{7.0, 2.0, 3};
        };
        // Unpaced (as tests run the core) stays unpaced, whatever the answer says.
        QVERIFY(send(endpoint, domains()).ok());
        QCOMPARE(m_core->pacer(ProviderId::Resend).config().ratePerSecond, 0.0);
        // Paced: the account's own allowance replaces the documented one.
        m_core->setPacing(ProviderId::Resend, {2.0, 1.0, 0});
        QVERIFY(send(endpoint, domains()).ok());
        const PacingConfig learned = m_core->pacer(ProviderId::Resend).config();
        QCOMPARE(learned.ratePerSecond, 7.0);
        QCOMPARE(learned.burst, 2.0);
        QCOMPARE(learned.maxConcurrent, 3);
    }

    void enforcedLimitIsSeenWithoutPacing()
    {
        // The same load unpaced does hit the limit: the test above can fail.
        m_sim->setRateLimit(ProviderId::Resend, 20, 1);
        Endpoint endpoint = resend();
        endpoint.retry.maxAttempts = 1;
        std::vector<QCoro::Task<HttpResult>> calls;
        for (int i = 0; i < 15; ++i)
            calls.push_back(m_core->send(endpoint, domains()));
        int rateLimited = 0;
        for (auto& call : calls) {
            const HttpResult result = QCoro::waitFor(call);
            rateLimited += !result.ok() && result.error().kind == IntegrationError::Kind::RateLimited;
        }
        QVERIFY(rateLimited > 0);
    }

    void noSecretInLogsOrErrors()
    {
        const QString secret = QStringLiteral("re_zz_secret_that_must_not_leak_42");
        const QString querySecret = QStringLiteral("sl_query_secret_must_not_leak_77");
        QStringList texts;
        {
            LogCapture capture;
            Endpoint bearer = resend(secret);
            texts.append(send(bearer, domains()).error().message());
            Endpoint query;
            query.provider = ProviderId::Smartlead;
            query.baseUrl = m_sim->baseUrl(ProviderId::Smartlead);
            query.auth = Auth::query(QStringLiteral("api_key"), querySecret);
            query.retry.maxAttempts = 1;
            HttpRequest campaigns;
            campaigns.path = QStringLiteral("/campaigns");
            const HttpResult result = send(query, campaigns);
            if (!result.ok())
                texts.append(result.error().message());
            m_sim->scheduleFaults(ProviderId::Smartlead, QStringLiteral("/campaigns"),
                                  {{FaultKind::ResetMidResponse, 1, 0}});
            texts.append(send(query, campaigns).error().message());
            texts.append(LogCapture::lines());
        }
        QVERIFY(texts.size() > 3); // the debug lines were captured
        for (const QString& text : texts) {
            QVERIFY2(!text.contains(secret), qPrintable(text));
            QVERIFY2(!text.contains(querySecret), qPrintable(text));
        }
        for (const RecordedRequest& seen : m_sim->requestLog()) {
            QVERIFY(!seen.query.contains(querySecret));
            for (const auto& header : seen.headers)
                QVERIFY(!header.second.contains(secret.toUtf8()));
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpCore)
#include "tst_httpcore.moc"
