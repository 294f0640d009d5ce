// ResendClient against the provider simulator: every operation's fields, the request on the wire,
// errors in Resend's own words, retries only where an idempotency key makes them safe, exact cost
// events, and a credential check that never costs and never says "invalid" falsely.

#include "integrations/http/httpcore.h"
#include "integrations/resend/resendclient.h"
#include "integrations/resend/resendjson.h"
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

ResendEmail sampleEmail()
{
    ResendEmail email;
    email.from = QStringLiteral("Agency Ops <ops@mail1.agency.example>");
    email.to = {QStringLiteral("lee@northwind.example")};
    email.subject = QStringLiteral("Quick question");
    email.html = QStringLiteral("<p>Hi Lee</p>");
    email.text = QStringLiteral("Hi Lee");
    email.replyTo = {QStringLiteral("replies@agency.example")};
    email.headers = {{QStringLiteral("X-Campaign"), QStringLiteral("spring-7")}};
    email.tags = {{QStringLiteral("campaign"), QStringLiteral("spring_7")}};
    return email;
}

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

template<typename T>
QString describe(const Result<T, IntegrationError>& result)
{
    return result.ok() ? QString() : result.error().message();
}

} // namespace

class TestResendClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;

    std::unique_ptr<ResendClient> client(const QString& key = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        if (!key.isNull())
            credential.fields.insert(QStringLiteral("api_key"), key);
        auto made = std::make_unique<ResendClient>(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Resend), credential});
        made->setRetryTimeScale(0.001); // a 2 s back-off becomes 2 ms; computed waits are still reported
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Resend); }

    template<typename T>
    static T run(QCoro::Task<T>&& task)
    {
        return QCoro::waitFor(std::move(task));
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
    }

    // --- credential check ---

    void checkValidKey()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = run(client()->checkCredentials());
        m_core->setBudgetHook(nullptr);
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY2(status.summary.startsWith(QStringLiteral("Full access · ")), qPrintable(status.summary));
        QVERIFY(status.summary.contains(QStringLiteral("verified")));
        QVERIFY(status.checkedAt.isValid());
        bool sawRate = false;
        for (const auto& [label, value] : status.details)
            sawRate |= label == u"Rate limit" && value == u"2 requests per second";
        QVERIFY(sawRate);
        QCOMPARE(budget.reserved.size(), 0); // a check never reserves money
        QCOMPARE(costs.size(), 0);
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/domains"));
        QCOMPARE(headerOf(seen, "Authorization"), QByteArray("Bearer [REDACTED]"));
    }

    void checkSendOnlyKeyIsValidLimited()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-limited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QCOMPARE(status.summary, QStringLiteral("valid (send-only)"));
        QCOMPARE(log().size(), 1);
    }

    void checkBadKeyIsInvalidWithResendsWords()
    {
        const AccountStatus status = run(client(QStringLiteral("re_wrong_key_0001"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QVERIFY(status.error);
        QCOMPARE(status.error->httpStatus, 400); // Resend's own answer to a bad key on a read
        QCOMPARE(status.error->providerMessage, QStringLiteral("API key is invalid"));
        QCOMPARE(status.error->providerCode, QStringLiteral("validation_error"));
        QVERIFY(status.summary.contains(QStringLiteral("API key is invalid")));
        QCOMPARE(log().size(), 1); // a refused key is not retried
    }

    void checkOutageIsUnreachableNotInvalid()
    {
        m_sim->scheduleFaults(
            ProviderId::Resend, QStringLiteral("/domains"),
            {{FaultKind::ServerError500}, {FaultKind::BadGateway502}, {FaultKind::Unavailable503}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Server);
        QCOMPARE(log().size(), 3);
    }

    void checkRateLimitedKey()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->retryAfter, std::optional(1000ms));
        QCOMPARE(status.error->providerCode, QStringLiteral("rate_limit_exceeded"));
    }

    void checkMalformedAnswerIsUnreachable()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/domains"), {{FaultKind::MalformedBody}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Decode);
    }

    void checkWithoutKeyIsNotConfigured()
    {
        const AccountStatus status = run(client(QString())->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    // --- single send ---

    void sendPostsTheEmailAndCostsOneUnit()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto sent = run(client()->send(sampleEmail(), "campaign-7/lead-42/step-1"));
        m_core->setBudgetHook(nullptr);
        QVERIFY2(sent.ok(), qPrintable(describe(sent)));
        QCOMPARE(sent->id.size(), 36);

        QVERIFY(sent->cost);
        const CostEvent& cost = *sent->cost;
        QCOMPARE(cost.provider, ProviderId::Resend);
        QCOMPARE(cost.operation, QStringLiteral("send_email"));
        QCOMPARE(cost.units, 1);
        QCOMPARE(cost.unit, QStringLiteral("email"));
        QCOMPARE(cost.unitPrice, Money::aud(900)); // A$0.0009
        QCOMPARE(cost.amount, Money::aud(900));
        QCOMPARE(cost.amountAud, Money::aud(900));
        QCOMPARE(cost.source, CostSource::Estimated);
        QCOMPARE(cost.providerReference, sent->id);
        QCOMPARE(costs.size(), 1);
        QCOMPARE(budget.reserved, QList<Money>({Money::aud(900)}));
        QCOMPARE(budget.outcomes, QList<CallOutcome>({CallOutcome::Succeeded}));

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/emails"));
        QCOMPARE(headerOf(seen, "Idempotency-Key"), QByteArray("campaign-7/lead-42/step-1"));
        QVERIFY(headerOf(seen, "Content-Type").startsWith("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
        QCOMPARE(body.value(u"from").toString(), QStringLiteral("Agency Ops <ops@mail1.agency.example>"));
        QCOMPARE(body.value(u"to").toString(), QStringLiteral("lee@northwind.example"));
        QCOMPARE(body.value(u"subject").toString(), QStringLiteral("Quick question"));
        QCOMPARE(body.value(u"html").toString(), QStringLiteral("<p>Hi Lee</p>"));
        QCOMPARE(body.value(u"text").toString(), QStringLiteral("Hi Lee"));
        QCOMPARE(body.value(u"reply_to").toString(), QStringLiteral("replies@agency.example"));
        QCOMPARE(body.value(u"headers").toObject().value(u"X-Campaign").toString(),
                 QStringLiteral("spring-7"));
        QCOMPARE(body.value(u"tags").toArray().first().toObject().value(u"value").toString(),
                 QStringLiteral("spring_7"));
        QVERIFY(!body.contains(u"scheduled_at"));
    }

    void replayWithTheSameKeyAnswersTheOriginal()
    {
        // Resend remembers a key with its payload: the same request again answers the same id (and
        // sends nothing new); the key with another payload is 409 invalid_idempotent_request.
        const auto first = run(client()->send(sampleEmail(), "replay/lead-1"));
        QVERIFY2(first.ok(), qPrintable(describe(first)));
        const auto replay = run(client()->send(sampleEmail(), "replay/lead-1"));
        QVERIFY2(replay.ok(), qPrintable(describe(replay)));
        QCOMPARE(replay->id, first->id);
        ResendEmail changed = sampleEmail();
        changed.subject = QStringLiteral("Another subject");
        const auto conflict = run(client()->send(changed, "replay/lead-1"));
        QVERIFY(!conflict.ok());
        QCOMPARE(conflict.error().httpStatus, 409);
        QCOMPARE(conflict.error().providerCode, QStringLiteral("invalid_idempotent_request"));
        const auto other = run(client()->send(changed, "replay/lead-2"));
        QVERIFY(other.ok());
        QVERIFY(other->id != first->id);
    }

    void sendWithoutKeySendsNoIdempotencyHeader()
    {
        ResendEmail email = sampleEmail();
        email.to = {QStringLiteral("a@x.example"), QStringLiteral("b@x.example")};
        const auto sent = run(client()->send(email));
        QVERIFY(sent.ok());
        const RecordedRequest seen = log().first();
        QVERIFY(headerOf(seen, "Idempotency-Key").isEmpty());
        QCOMPARE(QJsonDocument::fromJson(seen.body).object().value(u"to").toArray().size(), 2);
    }

    void replayWithTheSameKeyAnswersTheSameId()
    {
        auto resend = client();
        const auto first = run(resend->send(sampleEmail(), "welcome/lead-9"));
        const auto second = run(resend->send(sampleEmail(), "welcome/lead-9"));
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(first->id, second->id);
    }

    void sendWithKeyIsRetriedAfterAnOutage()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"),
                              {{FaultKind::Unavailable503}, {FaultKind::ResetMidResponse}});
        const auto sent = run(client()->send(sampleEmail(), "retry-me/1"));
        m_core->setBudgetHook(nullptr);
        QVERIFY2(sent.ok(), qPrintable(describe(sent)));
        const QList<RecordedRequest> seen = log();
        QCOMPARE(seen.size(), 3);
        for (const RecordedRequest& request : seen)
            QCOMPARE(headerOf(request, "Idempotency-Key"), QByteArray("retry-me/1"));
        QCOMPARE(budget.reserved.size(), 1); // one reservation for the whole call
        QCOMPARE(budget.outcomes, QList<CallOutcome>({CallOutcome::Succeeded}));
    }

    void sendWithoutKeyIsNeverResent()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"), {{FaultKind::ServerError500}});
        const auto sent = run(client()->send(sampleEmail()));
        m_core->setBudgetHook(nullptr);
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(sent.error().providerMessage, QStringLiteral("An unexpected error occurred."));
        QCOMPARE(log().size(), 1);
        QCOMPARE(budget.outcomes, QList<CallOutcome>({CallOutcome::Unknown})); // it may have been sent
    }

    void rateLimitIsWaitedOutWhenIdempotent()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"), {{FaultKind::RateLimited, 2}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const auto sent = run(client()->send(sampleEmail(), "paced/1"));
        QVERIFY(sent.ok());
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).value<std::chrono::milliseconds>(), 2000ms); // Retry-After
        QCOMPARE(log().size(), 2);
    }

    void rateLimitGivesRetryAfterWhenItPersists()
    {
        m_sim->scheduleFaults(
            ProviderId::Resend, QStringLiteral("/emails"),
            {{FaultKind::RateLimited, 3}, {FaultKind::RateLimited, 3}, {FaultKind::RateLimited, 3}});
        const auto sent = run(client()->send(sampleEmail(), "paced/2"));
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(sent.error().retryAfter, std::optional(3000ms));
        QCOMPARE(sent.error().providerCode, QStringLiteral("rate_limit_exceeded"));
        QVERIFY(sent.error().message().contains(QStringLiteral("Try again in 3 s")));
    }

    void rateLimitWithoutKeyIsReturned()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"), {{FaultKind::RateLimited, 1}});
        const auto sent = run(client()->send(sampleEmail()));
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(log().size(), 1);
    }

    void resetHeaderGivesTheWaitWithoutRetryAfter()
    {
        HttpResponse response;
        response.status = 429;
        response.headers = {{"ratelimit-reset", "3"}};
        QCOMPARE(client()->endpoint().readRetryAfter(response), std::optional(3000ms));
    }

    void sendWithBadKeyIsAuth()
    {
        const auto sent = run(client(QStringLiteral("re_revoked_key_77"))->send(sampleEmail(), "k/1"));
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(sent.error().httpStatus, 401); // sending endpoints answer 401
        QCOMPARE(sent.error().providerMessage, QStringLiteral("API key is invalid"));
        QCOMPARE(log().size(), 1);
    }

    void sendIsCheckedBeforeItCosts()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        ResendEmail email = sampleEmail();
        email.subject.clear();
        const auto sent = run(client()->send(email));
        ResendEmail tooMany = sampleEmail();
        for (int i = 0; i < 51; ++i)
            tooMany.to.append(QStringLiteral("r%1@x.example").arg(i));
        const auto second = run(client()->send(tooMany));
        const auto longKey = run(client()->send(sampleEmail(), QByteArray(257, 'k')));
        m_core->setBudgetHook(nullptr);
        QCOMPARE(sent.error().kind, IntegrationError::Kind::InvalidRequest);
        QVERIFY(sent.error().message().contains(QStringLiteral("subject")));
        QVERIFY(second.error().message().contains(QStringLiteral("at most 50")));
        QCOMPARE(longKey.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
        QCOMPARE(budget.reserved.size(), 0);
    }

    void resendRefusalCarriesItsMessage()
    {
        ResendEmail email = sampleEmail();
        email.from = QStringLiteral("not an address");
        const auto sent = run(client()->send(email));
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(sent.error().httpStatus, 400);
        QCOMPARE(sent.error().providerCode, QStringLiteral("validation_error"));
        QVERIFY(sent.error().message().startsWith(QStringLiteral("Resend: Invalid `from` field.")));
    }

    void malformedSendAnswerIsADecodeError()
    {
        m_sim->scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"), {{FaultKind::MalformedBody}});
        const auto sent = run(client()->send(sampleEmail(), "odd/1"));
        QVERIFY(!sent.ok());
        QCOMPARE(sent.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(sent.error().message().startsWith(QStringLiteral("Resend")));
    }

    void oddJsonIsADecodeErrorThatSaysWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("id a number") << QByteArray(R"({"id":42})") << QStringLiteral("answer.id");
        QTest::newRow("no id") << QByteArray(R"({"object":"email"})") << QStringLiteral("answer.id");
        QTest::newRow("an array") << QByteArray(R"([{"id":"x"}])") << QStringLiteral("not an object");
    }
    void oddJsonIsADecodeErrorThatSaysWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        const auto parsed = ResendJson::parseSendAnswer(QJsonDocument::fromJson(json));
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, IntegrationError::Kind::Decode);
        QVERIFY2(parsed.error().detail.contains(where), qPrintable(parsed.error().detail));
    }

    void oddEmailRecordIsADecodeError()
    {
        const auto toNotList = ResendJson::parseEmail(
            QJsonDocument::fromJson(R"({"id":"e1","to":[1,2],"last_event":"delivered"})"));
        QVERIFY(!toNotList.ok());
        QCOMPARE(toNotList.error().detail, QStringLiteral("email.to is not an array of strings"));
        const auto pageNoData = ResendJson::parseEmailPage(QJsonDocument::fromJson(R"({"object":"list"})"));
        QCOMPARE(pageNoData.error().detail, QStringLiteral("list.data is not an array"));
        const auto badBatch =
            ResendJson::parseBatchAnswer(QJsonDocument::fromJson(R"({"data":[{"id":"a"}]})"), 2);
        QCOMPARE(badBatch.error().kind, IntegrationError::Kind::Decode);
    }

    // --- batch ---

    void strictBatchSendsAllAndCostsPerEmail()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QList<ResendEmail> emails(3, sampleEmail());
        emails[1].to = {QStringLiteral("sam@contoso.example")};
        const auto batch = run(client()->sendBatch(emails, ResendBatchValidation::Strict, "batch/7/chunk-0"));
        m_core->setBudgetHook(nullptr);
        QVERIFY2(batch.ok(), qPrintable(describe(batch)));
        QCOMPARE(batch->items.size(), 3);
        QCOMPARE(batch->acceptedCount, 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(batch->items.at(i).index, i);
            QVERIFY(batch->items.at(i).accepted());
        }
        QVERIFY(batch->items.at(0).id != batch->items.at(1).id);
        QCOMPARE(batch->cost->units, 3);
        QCOMPARE(batch->cost->amount, Money::aud(2700));
        QCOMPARE(batch->cost->operation, QStringLiteral("send_email_batch"));
        QCOMPARE(budget.reserved, QList<Money>({Money::aud(2700)})); // count × unit

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/emails/batch"));
        QCOMPARE(headerOf(seen, "x-batch-validation"), QByteArray("strict"));
        QCOMPARE(headerOf(seen, "Idempotency-Key"), QByteArray("batch/7/chunk-0"));
        const QJsonArray body = QJsonDocument::fromJson(seen.body).array();
        QCOMPARE(body.size(), 3);
        QCOMPARE(body.at(1).toObject().value(u"to").toString(), QStringLiteral("sam@contoso.example"));
    }

    void permissiveBatchReportsRefusedEmailsByIndex()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QList<ResendEmail> emails(3, sampleEmail());
        emails[1].from = QStringLiteral("nobody"); // Resend refuses this one
        const auto batch = run(client()->sendBatch(emails, ResendBatchValidation::Permissive));
        m_core->setBudgetHook(nullptr);
        QVERIFY2(batch.ok(), qPrintable(describe(batch)));
        QCOMPARE(batch->acceptedCount, 2);
        QVERIFY(batch->items.at(0).accepted());
        QVERIFY(!batch->items.at(1).accepted());
        QVERIFY(batch->items.at(1).error.startsWith(QStringLiteral("Invalid `from` field.")));
        QVERIFY(batch->items.at(2).accepted());
        QCOMPARE(batch->cost->units, 2); // only what was accepted
        QCOMPARE(batch->cost->amount, Money::aud(1800));
        QCOMPARE(budget.reserved, QList<Money>({Money::aud(2700)}));
        QCOMPARE(headerOf(log().first(), "x-batch-validation"), QByteArray("permissive"));
    }

    void strictBatchRefusedByResendCostsNothing()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        QList<ResendEmail> emails(2, sampleEmail());
        emails[1].from = QStringLiteral("nobody");
        const auto batch = run(client()->sendBatch(emails));
        QVERIFY(!batch.ok());
        QCOMPARE(batch.error().kind, IntegrationError::Kind::InvalidRequest);
        QVERIFY(batch.error().providerMessage.contains(QStringLiteral("index 1")));
        QCOMPARE(costs.size(), 0);
    }

    void batchLimitsAreCheckedBeforeSending()
    {
        const auto tooBig = run(client()->sendBatch(QList<ResendEmail>(101, sampleEmail())));
        QVERIFY(tooBig.error().message().contains(QStringLiteral("at most 100")));
        QList<ResendEmail> scheduled(2, sampleEmail());
        scheduled[1].scheduledAt = QStringLiteral("2030-01-01T09:00:00Z");
        const auto refused = run(client()->sendBatch(scheduled));
        QVERIFY(refused.error().message().contains(QStringLiteral("email 1 of the batch")));
        const auto empty = run(client()->sendBatch({}));
        QCOMPARE(empty.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
    }

    // --- reads ---

    void emailStatusIsRead()
    {
        const QString id = QStringLiteral("4ef9a417-02e9-4d39-ad75-9611e0fcc33c");
        const auto email = run(client()->email(id));
        QVERIFY2(email.ok(), qPrintable(describe(email)));
        QCOMPARE(email->id, id);
        QVERIFY(email->lastEvent != ResendEmailEvent::Unknown);
        QCOMPARE(resendEventName(email->lastEvent), email->lastEventText);
        QCOMPARE(email->from, QStringLiteral("Agency Ops <ops@mail1.agency.example>"));
        QCOMPARE(email->to.size(), 1);
        QVERIFY(email->to.first().endsWith(QStringLiteral(".example")));
        QCOMPARE(email->replyTo, QStringList({QStringLiteral("replies@agency.example")}));
        QVERIFY(email->cc.isEmpty()); // null in the answer
        QVERIFY(email->messageId.startsWith(u'<'));
        QVERIFY(email->createdAt.isValid());
        QCOMPARE(email->createdAt.timeSpec(), Qt::UTC);
        QCOMPARE(email->raw.value(u"object").toString(), QStringLiteral("email"));
        QCOMPARE(log().first().path, QStringLiteral("/emails/") + id);
    }

    void unknownEmailIsResendsNotFound()
    {
        const auto email = run(client()->email(QStringLiteral("no-such-email")));
        QVERIFY(!email.ok());
        QCOMPARE(email.error().httpStatus, 404);
        QCOMPARE(email.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(email.error().providerMessage, QStringLiteral("Email not found"));
    }

    void sendOnlyKeyCannotRead()
    {
        auto resend = client(QStringLiteral("sim-limited"));
        QVERIFY(run(resend->send(sampleEmail())).ok()); // it can send
        const auto email = run(resend->email(QStringLiteral("4ef9a417-02e9-4d39-ad75-9611e0fcc33c")));
        QCOMPARE(email.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(email.error().providerCode, QStringLiteral("restricted_api_key"));
    }

    void listEmailsPagesWithTheCursor()
    {
        auto resend = client();
        QStringList seen;
        ResendListQuery query;
        query.limit = 3;
        int pages = 0;
        for (;;) {
            const auto page = run(resend->listEmails(query));
            QVERIFY2(page.ok(), qPrintable(describe(page)));
            ++pages;
            for (const ResendEmailRecord& email : page->emails)
                seen.append(email.id);
            if (!page->hasMore)
                break;
            query.after = page->nextCursor();
            QVERIFY(pages < 10);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 7);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), 7);
        const QList<RecordedRequest> requests = log();
        QVERIFY(requests.at(1).query.contains(QStringLiteral("after=") + seen.at(2)));
        QVERIFY(requests.at(0).query.contains(QStringLiteral("limit=3")));
    }

    void listChecksItsArguments()
    {
        ResendListQuery both;
        both.after = QStringLiteral("a");
        both.before = QStringLiteral("b");
        QCOMPARE(run(client()->listEmails(both)).error().kind, IntegrationError::Kind::InvalidRequest);
        ResendListQuery tooMany;
        tooMany.limit = 101;
        QCOMPARE(run(client()->listEmails(tooMany)).error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
    }

    // --- pieces ---

    void errorBodiesMapToKinds_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        using Kind = IntegrationError::Kind;
        QTest::newRow("old bad key")
            << 403
            << QByteArray(R"({"statusCode":403,"name":"invalid_api_key","message":"API key is invalid"})")
            << int(Kind::Auth);
        QTest::newRow("unverified domain")
            << 403
            << QByteArray(
                   R"({"statusCode":403,"name":"validation_error","message":"The domain.com domain is not verified."})")
            << int(Kind::InvalidRequest);
        QTest::newRow("daily quota")
            << 429
            << QByteArray(
                   R"({"statusCode":429,"name":"daily_quota_exceeded","message":"You have reached your daily email sending quota."})")
            << int(Kind::InvalidRequest);
        QTest::newRow("concurrent key")
            << 409
            << QByteArray(
                   R"({"statusCode":409,"name":"concurrent_idempotent_requests","message":"Same idempotency key used while original request is still in progress."})")
            << int(Kind::RateLimited);
    }
    void errorBodiesMapToKinds()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        const ProviderErrorInfo info = ResendJson::parseError(status, body);
        QVERIFY(info.kind);
        QCOMPARE(int(*info.kind), kind);
        QVERIFY(!info.message.isEmpty());
        QVERIFY(!ResendJson::parseError(502, "<html>Bad Gateway</html>").kind);
    }

    void timestampsAreRead()
    {
        QCOMPARE(ResendJson::parseTimestamp(QStringLiteral("2023-04-03 22:13:42.674981+00")),
                 QDateTime(QDate(2023, 4, 3), QTime(22, 13, 42, 674), Qt::UTC));
        QCOMPARE(ResendJson::parseTimestamp(QStringLiteral("2023-04-03T22:13:42+02:00")),
                 QDateTime(QDate(2023, 4, 3), QTime(20, 13, 42), Qt::UTC));
        QVERIFY(!ResendJson::parseTimestamp(QStringLiteral("yesterday")).isValid());
    }

    void pacingFollowsTheDocumentedLimit()
    {
        const PacingConfig pacing = ResendClient::documentedPacing();
        // Just under the documented 2 a second, so network jitter never lands two inside one slot.
        QVERIFY(pacing.ratePerSecond < 2.0 && pacing.ratePerSecond >= 1.9);
        QCOMPARE(pacing.burst, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestResendClient)
#include "tst_resendclient.moc"
