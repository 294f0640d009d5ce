// VapiClient against the provider simulator: the credential check (assistants and phone numbers), an
// outbound call from creation to its reported cost, call lists, Vapi's own error bodies, rate limits,
// retries only where a request is safe to repeat, and the budget hook's reservations and settlements.

#include "integrations/http/httpcore.h"
#include "integrations/vapi/vapiclient.h"
#include "integrations/vapi/vapijson.h"
#include "providersimulator.h"
#include "routekit.h"
#include "simdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

using namespace agency;
using namespace agency::sim;

namespace {

constexpr quint64 kSeed = 7;

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

Money usd(qint64 micros)
{
    return Money::fromMicros(micros, QStringLiteral("USD"));
}

QJsonObject bodyOf(const RecordedRequest& request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

class TestVapiClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;
    SimData m_data{kSeed};

    VapiClient client(const QString& key = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        if (!key.isNull())
            credential.fields.insert(QStringLiteral("api_key"), key);
        VapiClient vapi(ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Vapi), credential});
        vapi.setRetryTimeScale(0.001);
        return vapi;
    }
    template<typename T>
    static T wait(QCoro::Task<T> task)
    {
        return QCoro::waitFor(std::move(task));
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Vapi); }
    VapiCallRequest callRequest() const
    {
        VapiCallRequest request;
        request.assistantId = m_data.uuid(u"vapi:assistant:0");
        request.phoneNumberId = m_data.uuid(u"vapi:number:0");
        request.customerNumber = QStringLiteral("+61255501234");
        request.customerName = QStringLiteral("Jane Lead");
        request.name = QStringLiteral("Campaign 12 / Jane");
        request.variableValues = {{QStringLiteral("company"), QStringLiteral("Acme")}};
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(kSeed);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
        m_core->setBudgetHook(&m_budget);
    }
    void init()
    {
        m_sim->reset();
        m_budget = RecordingBudget();
    }

    void checkIsValidWithCounts()
    {
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.summary, QStringLiteral("3 assistants · 2 phone numbers"));
        QVERIFY(status.details.contains({QStringLiteral("Assistants"), QStringLiteral("3")}));
        QVERIFY(status.details.contains({QStringLiteral("Phone numbers"), QStringLiteral("2")}));
        QVERIFY(status.checkedAt.isValid());
        QVERIFY(!status.error);

        const QList<RecordedRequest> requests = log();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, QByteArray("GET"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/assistant"));
        QCOMPARE(requests.at(0).query, QStringLiteral("limit=1000"));
        QCOMPARE(requests.at(1).path, QStringLiteral("/phone-number"));
        QCOMPARE(headerOf(requests.at(0), "Authorization"), QByteArray("Bearer [REDACTED]"));
        QVERIFY(m_budget.reserved.isEmpty()); // a check never costs
    }

    void checkRefusedKeyIsInvalidWithVapisWords()
    {
        const AccountStatus status = wait(client(QStringLiteral("public-key-by-mistake")).checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QVERIFY(status.error);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerCode, QStringLiteral("Unauthorized"));
        QVERIFY(status.error->providerMessage.startsWith(QStringLiteral("Invalid Key. Hot tip")));
        QVERIFY(status.summary.contains(QStringLiteral("Hot tip")));
        QCOMPARE(log().size(), 1); // a 401 is not retried
    }

    void checkWithoutKeyIsNotConfigured()
    {
        const AccountStatus status = wait(client(QString()).checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
        QVERIFY(log().isEmpty());
    }

    void checkRateLimited()
    {
        const AccountStatus status = wait(client(QStringLiteral("sim-ratelimited")).checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QVERIFY(status.error && status.error->retryAfter);
        QCOMPARE(status.error->retryAfter->count(), 1000);
        QCOMPARE(status.error->providerMessage, QStringLiteral("ThrottlerException: Too Many Requests"));
        QCOMPARE(log().size(), 3); // GET is retried, up to three attempts
    }

    void checkOutageIsUnreachableNeverInvalid()
    {
        m_sim->scheduleFaults(
            ProviderId::Vapi, QStringLiteral("/assistant"),
            {{FaultKind::ServerError500}, {FaultKind::BadGateway502}, {FaultKind::Unavailable503}});
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Server);
    }

    void checkRecoversAfterOneServerError()
    {
        m_sim->scheduleFaults(ProviderId::Vapi, QStringLiteral("/assistant"), {{FaultKind::ServerError500}});
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(log().size(), 3);
    }

    void checkWithUnreadableNumbersStaysValid()
    {
        m_sim->scheduleFaults(
            ProviderId::Vapi, QStringLiteral("/phone-number"),
            {{FaultKind::Unavailable503}, {FaultKind::Unavailable503}, {FaultKind::Unavailable503}});
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.summary, QStringLiteral("3 assistants · phone numbers not readable"));
        QVERIFY(status.error);
    }

    void listAssistantsParsesEveryField()
    {
        const auto result = wait(client().listAssistants(2));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        QCOMPARE(result->size(), 2);
        const VapiAssistant& first = result->first();
        QCOMPARE(first.id, m_data.uuid(u"vapi:assistant:0"));
        QCOMPARE(first.orgId, m_data.uuid(u"vapi:org"));
        QCOMPARE(first.name, QStringLiteral("Appointment setter"));
        QCOMPARE(first.createdAt, m_data.dateTime(u"vapi:assistant:0"));
        QCOMPARE(first.updatedAt, first.createdAt);
        QVERIFY(first.firstMessage.startsWith(QStringLiteral("Hi, this is ")));
        QCOMPARE(first.modelProvider, QStringLiteral("anthropic"));
        QCOMPARE(first.model, QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(first.voiceProvider, QStringLiteral("11labs"));
        QCOMPARE(first.transcriberProvider, QStringLiteral("deepgram"));
        QCOMPARE(first.raw.value(QStringLiteral("id")).toString(), first.id);
        QCOMPARE(log().first().query, QStringLiteral("limit=2"));
    }

    void listPhoneNumbersParsesEveryField()
    {
        const auto result = wait(client().listPhoneNumbers());
        QVERIFY(result);
        QCOMPARE(result->size(), 2);
        const VapiPhoneNumber& sydney = result->at(0);
        QCOMPARE(sydney.id, m_data.uuid(u"vapi:number:0"));
        QCOMPARE(sydney.provider, QStringLiteral("twilio"));
        QCOMPARE(sydney.name, QStringLiteral("Sydney outbound"));
        QCOMPARE(sydney.number, QStringLiteral("+6125550%1").arg(m_data.range(u"vapi:number:0", 1000, 9999)));
        QCOMPARE(sydney.status, QStringLiteral("active"));
        QCOMPARE(sydney.assistantId, m_data.uuid(u"vapi:assistant:2"));
        QCOMPARE(result->at(1).provider, QStringLiteral("vapi"));
    }

    void createCallSendsTheCallAndReservesItsLongestDuration()
    {
        const auto result = wait(client().createCall(callRequest()));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        const VapiCall& call = result.value();
        QCOMPARE(call.status, QStringLiteral("queued"));
        QCOMPARE(call.type, QStringLiteral("outboundPhoneCall"));
        QCOMPARE(call.customerNumber, QStringLiteral("+61255501234"));
        QCOMPARE(call.customerName, QStringLiteral("Jane Lead"));
        QCOMPARE(call.name, QStringLiteral("Campaign 12 / Jane"));
        QVERIFY(!call.cost);
        QVERIFY(call.subscriptionLimits);
        QCOMPARE(call.subscriptionLimits->concurrencyBlocked, std::optional<bool>(false));
        QCOMPARE(call.subscriptionLimits->concurrencyLimit, std::optional<qint64>(10));
        QCOMPARE(call.subscriptionLimits->remainingConcurrentCalls, std::optional<qint64>(9));

        const QList<RecordedRequest> requests = log();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().method, QByteArray("POST"));
        QCOMPARE(requests.first().path, QStringLiteral("/call"));
        QCOMPARE(headerOf(requests.first(), "Content-Type"), QByteArray("application/json"));
        QCOMPARE(headerOf(requests.first(), "Authorization"), QByteArray("Bearer [REDACTED]"));
        const QJsonObject body = bodyOf(requests.first());
        QCOMPARE(body.value(QStringLiteral("assistantId")).toString(), m_data.uuid(u"vapi:assistant:0"));
        QCOMPARE(body.value(QStringLiteral("phoneNumberId")).toString(), m_data.uuid(u"vapi:number:0"));
        QCOMPARE(body.value(QStringLiteral("customer")).toObject(),
                 (QJsonObject{{QStringLiteral("number"), QStringLiteral("+61255501234")},
                              {QStringLiteral("name"), QStringLiteral("Jane Lead")}}));
        QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("Campaign 12 / Jane"));
        const QJsonObject overrides = body.value(QStringLiteral("assistantOverrides")).toObject();
        QCOMPARE(overrides.value(QStringLiteral("maxDurationSeconds")).toInt(), 600);
        QCOMPARE(overrides.value(QStringLiteral("variableValues")).toObject(),
                 (QJsonObject{{QStringLiteral("company"), QStringLiteral("Acme")}}));

        // 10 minutes (Vapi's default longest call) at A$0.35 a minute, reserved and recorded.
        QCOMPARE(m_budget.reserved, QList<Money>{Money::aud(3'500'000)});
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Succeeded});
        const std::optional<CostEvent> cost = m_budget.costs.first();
        QVERIFY(cost);
        QCOMPARE(cost->amount, Money::aud(3'500'000));
        QCOMPARE(cost->amountAud, Money::aud(3'500'000));
        QCOMPARE(cost->unitPrice, Money::aud(350'000));
        QCOMPARE(cost->units, 10);
        QCOMPARE(cost->unit, QStringLiteral("minute"));
        QCOMPARE(cost->source, CostSource::Estimated);
        QCOMPARE(cost->operation, QStringLiteral("create_call"));
        QCOMPARE(cost->providerReference, call.id);
    }

    void createCallWithAShorterLimitReservesLess()
    {
        VapiCallRequest request = callRequest();
        request.maxDurationMinutes = 3;
        QCOMPARE(VapiClient::worstCaseCost(request), Money::aud(1'050'000));
        QVERIFY(wait(client().createCall(request)));
        QCOMPARE(bodyOf(log().first())
                     .value(QStringLiteral("assistantOverrides"))
                     .toObject()
                     .value(QStringLiteral("maxDurationSeconds"))
                     .toInt(),
                 180);
        QCOMPARE(m_budget.reserved, QList<Money>{Money::aud(1'050'000)});
        QCOMPARE(m_budget.costs.first()->units, 3);
    }

    void createCallRefusesBadInputBeforeSending_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("assistant");
        QTest::addColumn<int>("minutes");
        QTest::newRow("national number") << QStringLiteral("0255501234") << QStringLiteral("a") << 10;
        QTest::newRow("spaces") << QStringLiteral("+61 2 5550 1234") << QStringLiteral("a") << 10;
        QTest::newRow("leading zero") << QStringLiteral("+0255501234") << QStringLiteral("a") << 10;
        QTest::newRow("too long") << QStringLiteral("+6125550123456789") << QStringLiteral("a") << 10;
        QTest::newRow("empty") << QString() << QStringLiteral("a") << 10;
        QTest::newRow("no assistant") << QStringLiteral("+61255501234") << QString() << 10;
        QTest::newRow("zero minutes") << QStringLiteral("+61255501234") << QStringLiteral("a") << 0;
        QTest::newRow("over 12 hours") << QStringLiteral("+61255501234") << QStringLiteral("a") << 721;
    }
    void createCallRefusesBadInputBeforeSending()
    {
        QFETCH(QString, number);
        QFETCH(QString, assistant);
        QFETCH(int, minutes);
        VapiCallRequest request = callRequest();
        request.customerNumber = number;
        request.assistantId = assistant;
        request.maxDurationMinutes = minutes;
        const auto result = wait(client().createCall(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(result.error().message().startsWith(QStringLiteral("Vapi: not sent — ")));
        QVERIFY(log().isEmpty());
        QVERIFY(m_budget.reserved.isEmpty());
    }

    void createCallShowsVapisReasonForARefusal()
    {
        VapiCallRequest request = callRequest();
        request.phoneNumberId = m_data.uuid(u"not-a-number-of-ours");
        const auto result = wait(client().createCall(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(result.error().httpStatus, 400);
        QCOMPARE(result.error().providerCode, QStringLiteral("Bad Request"));
        QCOMPARE(result.error().providerMessage,
                 QStringLiteral("Couldn't Get Phone Number. `phoneNumberId` %1 Does Not Exist.")
                     .arg(request.phoneNumberId));
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
        QCOMPARE(m_budget.costs.first(), std::nullopt);
    }

    void validationMessagesInAListAreJoined()
    {
        const QByteArray body =
            R"({"message":["customer.number must be a valid phone number in the E.164 format.","name must be shorter"],"error":"Bad Request","statusCode":400})";
        const ProviderErrorInfo info = client().endpoint().parseError(400, body);
        QCOMPARE(info.message,
                 QStringLiteral("customer.number must be a valid phone number in the E.164 format.; "
                                "name must be shorter"));
        QCOMPARE(info.code, QStringLiteral("Bad Request"));
        QVERIFY(!info.kind);
    }

    void createCallIsNeverSentTwice()
    {
        m_sim->scheduleFaults(ProviderId::Vapi, QStringLiteral("/call"), {{FaultKind::ServerError500}});
        const auto failed = wait(client().createCall(callRequest()));
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(failed.error().providerMessage, QStringLiteral("Internal server error"));
        QCOMPARE(log().size(), 1);
        // The provider may have dialled: the spend guard must not release the reservation blindly.
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});

        m_sim->reset();
        m_sim->scheduleFaults(ProviderId::Vapi, QStringLiteral("/call"), {{FaultKind::RateLimited, 4}});
        const auto limited = wait(client().createCall(callRequest()));
        QVERIFY(!limited);
        QCOMPARE(limited.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(limited.error().retryAfter, std::optional<std::chrono::milliseconds>(4000));
        QCOMPARE(log().size(), 1);
    }

    void aPlacedCallEndsWithItsReportedCost()
    {
        VapiClient vapi = client();
        const auto created = wait(vapi.createCall(callRequest()));
        QVERIFY(created);

        const auto ringing = wait(vapi.getCall(created->id));
        QVERIFY(ringing);
        QCOMPARE(ringing->status, QStringLiteral("in-progress"));
        QVERIFY(ringing->startedAt);
        QVERIFY(!ringing->hasEnded());
        QCOMPARE(VapiClient::reportedCost(ringing.value()), std::nullopt);

        const auto ended = wait(vapi.getCall(created->id));
        QVERIFY2(ended, qPrintable(ended ? QString() : ended.error().message()));
        const VapiCall& call = ended.value();
        QVERIFY(call.hasEnded());
        QCOMPARE(call.endedReason, QStringLiteral("customer-ended-call"));
        QCOMPARE(call.duration(), std::optional<std::chrono::milliseconds>(95'000));
        QCOMPARE(call.cost, std::optional<Money>(usd(182'600)));
        QVERIFY(call.costBreakdown);
        QCOMPARE(call.costBreakdown->transport, std::optional<Money>(usd(20'600)));
        QCOMPARE(call.costBreakdown->stt, std::optional<Money>(usd(16'000)));
        QCOMPARE(call.costBreakdown->llm, std::optional<Money>(usd(9'800)));
        QCOMPARE(call.costBreakdown->tts, std::optional<Money>(usd(57'000)));
        QCOMPARE(call.costBreakdown->vapi, std::optional<Money>(usd(79'200)));
        QCOMPARE(call.costBreakdown->total, call.cost);
        QCOMPARE(call.costBreakdown->chat, std::nullopt);
        QCOMPARE(call.costBreakdown->llmPromptTokens, std::optional<qint64>(2150));
        QCOMPARE(call.costBreakdown->llmCompletionTokens, std::optional<qint64>(490));
        QCOMPARE(call.costBreakdown->ttsCharacters, std::optional<qint64>(855));
        QCOMPARE(call.costBreakdown->analysis.value(QStringLiteral("summary")), usd(400));
        QVERIFY(call.transcript.startsWith(QStringLiteral("AI: Hi Jane Lead, this is Sam")));
        QCOMPARE(call.recordingUrl, QStringLiteral("https://storage.vapi.ai/%1-mono.wav").arg(call.id));
        QCOMPARE(call.stereoRecordingUrl,
                 QStringLiteral("https://storage.vapi.ai/%1-stereo.wav").arg(call.id));
        QCOMPARE(call.logUrl, QStringLiteral("https://calllogs.vapi.ai/%1.jsonl").arg(call.id));
        QCOMPARE(call.summary, QStringLiteral("The lead asked for a call back on Thursday."));
        QVERIFY(call.phoneCallProviderId.startsWith(QStringLiteral("CA")));

        const std::optional<CostEvent> reported = VapiClient::reportedCost(call);
        QVERIFY(reported);
        QCOMPARE(reported->amount, usd(182'600));
        QCOMPARE(reported->source, CostSource::Reported);
        QCOMPARE(reported->units, 95);
        QCOMPARE(reported->unit, QStringLiteral("second"));
        QCOMPARE(reported->operation, QStringLiteral("create_call"));
        QCOMPARE(reported->providerReference, call.id);
        QCOMPARE(reported->at, *call.endedAt);
        // Reads are not billable: only the creation was reserved.
        QCOMPARE(m_budget.reserved.size(), 1);
        QCOMPARE(log().at(1).path, QStringLiteral("/call/%1").arg(call.id));
    }

    void getCallIsRetriedWhenRateLimited()
    {
        const QString id = m_data.uuid(u"vapi:call:1");
        m_sim->scheduleFaults(ProviderId::Vapi, QStringLiteral("/call/"), {{FaultKind::RateLimited, 1}});
        const auto call = wait(client().getCall(id));
        QVERIFY(call);
        QCOMPARE(call->id, id);
        QVERIFY(call->hasEnded());
        QCOMPARE(log().size(), 2);
    }

    void getCallErrors()
    {
        const auto unknown = wait(client().getCall(m_data.uuid(u"no such call")));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(unknown.error().httpStatus, 404);
        QCOMPARE(unknown.error().providerMessage, QStringLiteral("Call not found"));

        const auto malformed = wait(client().getCall(QStringLiteral("not-a-uuid")));
        QVERIFY(!malformed);
        QCOMPARE(malformed.error().httpStatus, 400);
        QCOMPARE(malformed.error().providerMessage, QStringLiteral("Validation failed (uuid is expected)"));

        const auto empty = wait(client().getCall(QString()));
        QVERIFY(!empty);
        QCOMPARE(empty.error().kind, IntegrationError::Kind::Configuration);
    }

    void listCallsFiltersAndPagesBack()
    {
        // A simulator of its own: calls placed by other tests stay on the shared one.
        ProviderSimulator sim(kSeed);
        QVERIFY(sim.listen());
        VapiClient vapi(
            ClientContext{m_core.get(), sim.baseUrl(ProviderId::Vapi),
                          Credential{{{QStringLiteral("api_key"), QStringLiteral("sim-valid")}}}});
        QVERIFY(wait(vapi.createCall(callRequest())));
        const auto all = wait(vapi.listCalls());
        QVERIFY(all);
        QCOMPARE(all->size(), 4);
        for (qsizetype i = 1; i < all->size(); ++i)
            QVERIFY(all->at(i - 1).createdAt >= all->at(i).createdAt); // newest first
        QCOMPARE(all->first().status, QStringLiteral("queued"));

        VapiCallQuery older;
        older.limit = 2;
        older.createdAtLt = all->first().createdAt;
        const auto page = wait(vapi.listCalls(older));
        QVERIFY(page);
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->first().id, all->at(1).id);
        const QUrlQuery sent(sim.requestLog(ProviderId::Vapi).last().query);
        QCOMPARE(sent.queryItemValue(QStringLiteral("limit")), QStringLiteral("2"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("createdAtLt"), QUrl::FullyDecoded),
                 all->first().createdAt.toString(Qt::ISODateWithMs));

        VapiCallQuery byAssistant;
        byAssistant.assistantId = m_data.uuid(u"vapi:assistant:1");
        const auto filtered = wait(vapi.listCalls(byAssistant));
        QVERIFY(filtered);
        QCOMPARE(filtered->size(), 1);
        QCOMPARE(filtered->first().assistantId, byAssistant.assistantId);
        QVERIFY(filtered->first().cost);
    }

    void malformedAnswersAreDecodeErrors()
    {
        m_sim->scheduleFaults(ProviderId::Vapi, QStringLiteral("/assistant"), {{FaultKind::MalformedBody}});
        const auto result = wait(client().listAssistants());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(result.error().message().startsWith(QStringLiteral("Vapi sent an answer")));
    }

    void oddFieldsAreNamedNotDefaulted_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        const QByteArray base =
            R"("id":"c1","orgId":"o1","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z")";
        QTest::newRow("cost as text") << QByteArray("{" + base + R"(,"cost":"0.12"})")
                                      << QStringLiteral("`cost` should be a number, not a string");
        QTest::newRow("breakdown total")
            << QByteArray("{" + base + R"(,"costBreakdown":{"total":true}})")
            << QStringLiteral("`costBreakdown.total` should be a number, not a boolean");
        QTest::newRow("no id")
            << QByteArray(
                   R"({"orgId":"o1","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"})")
            << QStringLiteral("`id` is missing");
        QTest::newRow("bad date")
            << QByteArray(
                   R"({"id":"c1","orgId":"o1","createdAt":"yesterday","updatedAt":"2026-01-01T00:00:00Z"})")
            << QStringLiteral("`createdAt` is not an ISO 8601 date-time (\"yesterday\")");
        QTest::newRow("transcript") << QByteArray("{" + base + R"(,"artifact":{"transcript":42}})")
                                    << QStringLiteral(
                                           "`artifact.transcript` should be a string, not a number");
        QTest::newRow("tokens") << QByteArray("{" + base + R"(,"costBreakdown":{"llmPromptTokens":1.5}})")
                                << QStringLiteral(
                                       "`costBreakdown.llmPromptTokens` should be a whole number, not 1.5");
    }
    void oddFieldsAreNamedNotDefaulted()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        const auto call = VapiJson::call(QJsonDocument::fromJson(json).object());
        QVERIFY(!call);
        QCOMPARE(call.error(), problem);
    }

    void nullOptionalFieldsAreEmpty()
    {
        const QByteArray json =
            R"({"id":"c1","orgId":"o1","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z","cost":null,"endedAt":null,"artifact":null})";
        const auto call = VapiJson::call(QJsonDocument::fromJson(json).object());
        QVERIFY2(call, qPrintable(call ? QString() : call.error()));
        QCOMPARE(call->cost, std::nullopt);
        QCOMPARE(call->endedAt, std::nullopt);
    }

    void usdKeepsMicroUnits()
    {
        QCOMPARE(VapiJson::usd(0.123456789), std::optional<Money>(usd(123'457)));
        QCOMPARE(VapiJson::usd(1e300), std::nullopt);
    }

    void e164Shapes_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<bool>("valid");
        QTest::newRow("AU") << QStringLiteral("+61255501234") << true;
        QTest::newRow("US") << QStringLiteral("+15550100123") << true;
        QTest::newRow("15 digits") << QStringLiteral("+123456789012345") << true;
        QTest::newRow("16 digits") << QStringLiteral("+1234567890123456") << false;
        QTest::newRow("no plus") << QStringLiteral("61255501234") << false;
        QTest::newRow("dashes") << QStringLiteral("+61-2-5550-1234") << false;
        QTest::newRow("too short") << QStringLiteral("+6123") << false;
    }
    void e164Shapes()
    {
        QFETCH(QString, number);
        QFETCH(bool, valid);
        QCOMPARE(VapiClient::e164Problem(number).isEmpty(), valid);
    }

    void pacingIsTheCallSlots()
    {
        const PacingConfig pacing = VapiClient::documentedPacing();
        QCOMPARE(pacing.maxConcurrent, 10);
        QCOMPARE(pacing.ratePerSecond, 0.0);
    }

    void noSecretInTheLog()
    {
        QVERIFY(wait(client().listAssistants()));
        for (const RecordedRequest& request : log()) {
            for (const auto& header : request.headers)
                QVERIFY(!header.second.contains("sim-valid"));
        }
    }
};

QTEST_GUILESS_MAIN(TestVapiClient)
#include "tst_vapiclient.moc"
