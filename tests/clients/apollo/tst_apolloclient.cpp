// ApolloClient against the provider simulator: person match by email / name + domain / LinkedIn,
// bulk match, organization enrich and People Search with their exact fields, the request on the wire,
// Apollo's own error words, retries only where safe, credit-based cost events, and a credential check
// that never costs and never says "invalid" falsely.

#include "integrations/apollo/apolloclient.h"
#include "integrations/apollo/apollojson.h"
#include "integrations/http/httpcore.h"
#include "integrations/http/jsonfields.h"
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

QJsonObject bodyOf(const RecordedRequest& request)
{
    return QJsonDocument::fromJson(request.body).object();
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

// Every typed field of a person equals what Apollo sent for it.
void verifyPersonAgainstRaw(const ApolloPerson& person)
{
    const QJsonObject& raw = person.raw;
    QCOMPARE(person.id, raw.value(u"id").toString());
    QCOMPARE(person.firstName, raw.value(u"first_name").toString());
    QCOMPARE(person.lastName, raw.value(u"last_name").toString());
    QCOMPARE(person.name, raw.value(u"name").toString());
    QCOMPARE(person.title, raw.value(u"title").toString());
    QCOMPARE(person.email, raw.value(u"email").toString());
    QCOMPARE(person.emailStatus, raw.value(u"email_status").toString());
    QCOMPARE(person.linkedinUrl, raw.value(u"linkedin_url").toString());
    QCOMPARE(person.city, raw.value(u"city").toString());
    QCOMPARE(person.country, raw.value(u"country").toString());
    QCOMPARE(person.location(), QStringLiteral("Sydney, New South Wales, Australia"));
    const QJsonObject organization = raw.value(u"organization").toObject();
    QCOMPARE(person.companyName, organization.value(u"name").toString());
    QCOMPARE(person.companyDomain, organization.value(u"primary_domain").toString());
    QCOMPARE(person.companyIndustry, organization.value(u"industry").toString());
    QCOMPARE(person.companySize,
             std::optional<qint64>(organization.value(u"estimated_num_employees").toInteger()));
    QVERIFY(person.organization);
    const QJsonArray phones = raw.value(u"phone_numbers").toArray();
    QCOMPARE(person.phones.size(), phones.size());
    QVERIFY(!person.phones.isEmpty());
    QCOMPARE(person.phones.first().sanitizedNumber,
             phones.first().toObject().value(u"sanitized_number").toString());
    QCOMPARE(person.phones.first().type, QStringLiteral("work_hq"));
    QVERIFY(!person.hasMobilePhone());
    QVERIFY(!person.email.isEmpty());
    QVERIFY(!person.companyName.isEmpty());
}

} // namespace

class TestApolloClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;

    std::unique_ptr<ApolloClient> client(const QString& key = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        if (!key.isNull())
            credential.fields.insert(QStringLiteral("api_key"), key);
        auto made = std::make_unique<ApolloClient>(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Apollo), credential});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Apollo); }

    template<typename T>
    static T run(QCoro::Task<T>&& task)
    {
        return QCoro::waitFor(std::move(task));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(23);
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

    void checkValidKeyReadsCreditsAndRateLimits()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY(status.checkedAt.isValid());
        QVERIFY2(status.summary.contains(QStringLiteral("credits left")), qPrintable(status.summary));
        QVERIFY(status.summary.contains(QStringLiteral("requests/min")));
        QVERIFY(!detail(status, QStringLiteral("User")).isEmpty());
        QVERIFY(detail(status, QStringLiteral("Email")).contains(u'@'));
        QVERIFY(!detail(status, QStringLiteral("Credits left")).isEmpty());
        QVERIFY(detail(status, QStringLiteral("Lead credits")).contains(QStringLiteral(" used")));
        const QString minute = detail(status, QStringLiteral("Rate limit per minute"));
        QVERIFY2(minute.contains(QStringLiteral(" used")) && minute.contains(QStringLiteral(" left")),
                 qPrintable(minute));
        QVERIFY(!detail(status, QStringLiteral("Rate limit per hour")).isEmpty());
        QVERIFY(!detail(status, QStringLiteral("Rate limit per day")).isEmpty());
        QCOMPARE(m_budget.reserved.size(), 0); // a check never reserves money
        QCOMPARE(costs.size(), 0);
        QCOMPARE(log().size(), 1);
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/api/v1/users/api_profile"));
        QCOMPARE(seen.query, QStringLiteral("include_credit_usage=true"));
        QCOMPARE(headerOf(seen, "X-Api-Key"), QByteArray("[REDACTED]"));
        QVERIFY(headerOf(seen, "Authorization").isEmpty()); // an API key never goes as Bearer
    }

    void checkCreditsFollowTheUnifiedMeter()
    {
        const AccountStatus status = run(client()->checkCredentials());
        // The left-over is lead credits minus unified credits used (the legacy field can be stale).
        const QString lead = detail(status, QStringLiteral("Lead credits"));
        QVERIFY(!lead.isEmpty());
        QVERIFY(!detail(status, QStringLiteral("Credits used (unified)")).isEmpty());
    }

    void checkBadKeyIsInvalidWithApollosWords()
    {
        const QString key = QStringLiteral("wrong-apollo-key-0001");
        const AccountStatus status = run(client(key)->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QVERIFY(status.error);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerMessage, QStringLiteral("Invalid access credentials.")); // plain text
        QVERIFY(status.summary.contains(QStringLiteral("Invalid access credentials.")));
        QVERIFY(!status.summary.contains(key));
        QCOMPARE(log().size(), 1);
    }

    void checkOutageIsUnreachableNotInvalid()
    {
        m_sim->scheduleFaults(
            ProviderId::Apollo, QStringLiteral("/users/api_profile"),
            {{FaultKind::ServerError500}, {FaultKind::BadGateway502}, {FaultKind::Unavailable503}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Server);
        QCOMPARE(log().size(), 3); // a GET is retried
    }

    void checkRateLimitedKey()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->retryAfter, std::optional(1000ms));
        QVERIFY(status.error->providerMessage.contains(QStringLiteral("maximum number of api calls")));
    }

    void checkMalformedAnswerIsUnreachable()
    {
        m_sim->scheduleFaults(ProviderId::Apollo, QStringLiteral("/users/api_profile"),
                              {{FaultKind::MalformedBody}});
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

    // --- people/match ---

    void matchByEmail()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral(" Jane.Doe@Acme.example "))));
        QVERIFY2(match, qPrintable(describe(match)));
        QVERIFY(match->matched());
        verifyPersonAgainstRaw(*match->person);
        QCOMPARE(match->person->email, QStringLiteral("jane.doe@acme.example"));
        QCOMPARE(match->person->companyDomain, QStringLiteral("acme.example"));
        QCOMPARE(match->creditsUsed, 1);
        QVERIFY(!match->phoneRevealPending);

        // One credit at the catalogue's A$0.02, estimated; reserved and settled through the budget.
        QVERIFY(match->cost);
        QCOMPARE(match->cost->amount, aud("0.02"));
        QCOMPARE(match->cost->amountAud, aud("0.02"));
        QCOMPARE(match->cost->unitPrice, aud("0.02"));
        QCOMPARE(match->cost->units, 1);
        QCOMPARE(match->cost->unit, QStringLiteral("credit"));
        QCOMPARE(match->cost->source, CostSource::Estimated);
        QCOMPARE(match->cost->operation, QStringLiteral("person_match"));
        QCOMPARE(match->cost->providerReference, match->person->id);
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.02")});
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Succeeded});
        QCOMPARE(costs.size(), 1);

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/api/v1/people/match"));
        QCOMPARE(headerOf(seen, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(headerOf(seen, "Cache-Control"), QByteArray("no-cache"));
        QCOMPARE(bodyOf(seen),
                 (QJsonObject{{QStringLiteral("email"), QStringLiteral("Jane.Doe@Acme.example")}}));
    }

    void matchByNameAndDomain()
    {
        const auto match = run(client()->matchPerson(
            ApolloPersonQuery::byName(QStringLiteral("Tim"), QStringLiteral("Zheng"),
                                      QStringLiteral("https://www.Northwind.example/about"))));
        QVERIFY2(match, qPrintable(describe(match)));
        QVERIFY(match->matched());
        verifyPersonAgainstRaw(*match->person);
        QCOMPARE(match->person->firstName, QStringLiteral("Tim"));
        QCOMPARE(match->person->lastName, QStringLiteral("Zheng"));
        QCOMPARE(match->person->companyDomain, QStringLiteral("northwind.example"));
        // The domain goes without scheme, www. or path, as Apollo asks.
        QCOMPARE(bodyOf(log().first()),
                 (QJsonObject{{QStringLiteral("first_name"), QStringLiteral("Tim")},
                              {QStringLiteral("last_name"), QStringLiteral("Zheng")},
                              {QStringLiteral("domain"), QStringLiteral("northwind.example")}}));
    }

    void matchByLinkedIn()
    {
        const QString url = QStringLiteral("http://www.linkedin.com/in/tim-zheng-677ba010");
        const auto match = run(client()->matchPerson(ApolloPersonQuery::byLinkedIn(url)));
        QVERIFY2(match, qPrintable(describe(match)));
        QCOMPARE(match->person->linkedinUrl, url);
        verifyPersonAgainstRaw(*match->person);
        QCOMPARE(bodyOf(log().first()), (QJsonObject{{QStringLiteral("linkedin_url"), url}}));
    }

    void matchMissCostsNothing()
    {
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("nobody@acme.example"))));
        QVERIFY2(match, qPrintable(describe(match)));
        QVERIFY(!match->matched());
        QCOMPARE(match->creditsUsed, 0);
        QVERIFY(match->cost);
        QCOMPARE(match->cost->amount, aud("0"));
        QCOMPARE(match->cost->units, 0);
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.02")}); // the worst case was still reserved
        QCOMPARE(m_budget.costs.first()->amount, aud("0"));
    }

    void matchRevealPersonalEmails()
    {
        ApolloRevealOptions reveal;
        reveal.revealPersonalEmails = true;
        const auto match = run(
            client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("lee@harbour.example")), reveal));
        QVERIFY2(match, qPrintable(describe(match)));
        QCOMPARE(match->person->personalEmails.size(), 1);
        QCOMPARE(bodyOf(log().first()).value(u"reveal_personal_emails"), QJsonValue(true));
        QCOMPARE(match->creditsUsed, 1);
    }

    void matchRevealPhoneCountsTheMobileCredits()
    {
        ApolloRevealOptions reveal;
        reveal.revealPhoneNumber = true;
        reveal.webhookUrl = QStringLiteral("https://relay.agency.example/apollo");
        const auto match = run(
            client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("lee@harbour.example")), reveal));
        QVERIFY2(match, qPrintable(describe(match)));
        QVERIFY(match->phoneRevealPending);
        // A 19-digit request id survives exactly (it is no double).
        QCOMPARE(match->requestId.size(), 19);
        QVERIFY(match->requestId.startsWith(u'1'));
        QCOMPARE(match->creditsUsed, 9); // 1 for the record + 8 for the mobile to come
        QCOMPARE(match->cost->amount, aud("0.18"));
        QCOMPARE(match->cost->units, 9);
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.18")});
        const QJsonObject sent = bodyOf(log().first());
        QCOMPARE(sent.value(u"reveal_phone_number"), QJsonValue(true));
        QCOMPARE(sent.value(u"webhook_url").toString(), reveal.webhookUrl);
    }

    void matchRevealPhoneWithoutWebhookIsNotSent()
    {
        ApolloRevealOptions reveal;
        reveal.revealPhoneNumber = true;
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("a@b.example")), reveal));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::InvalidRequest);
        QVERIFY(match.error().message().contains(QStringLiteral("webhook")));
        QCOMPARE(log().size(), 0);
        QCOMPARE(m_budget.reserved.size(), 0);
    }

    void matchWithoutIdentifierIsNotSent()
    {
        ApolloPersonQuery query;
        query.firstName = QStringLiteral("Jane"); // a bare name identifies no one
        const auto match = run(client()->matchPerson(query));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
    }

    void matchInsufficientCredits()
    {
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("amy@no-credits.example"))));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(match.error().httpStatus, 422);
        QCOMPARE(match.error().providerCode, QStringLiteral("INSUFFICIENT_CREDITS"));
        QCOMPARE(match.error().message(), QStringLiteral("Apollo: insufficient credits."));
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
    }

    void matchWrongKeyIsAuth()
    {
        const auto match = run(client(QStringLiteral("wrong-apollo-key-0002"))
                                   ->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("a@b.example"))));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(match.error().providerMessage, QStringLiteral("Invalid access credentials."));
    }

    void matchRateLimitedIsNotResent()
    {
        m_sim->scheduleFaults(ProviderId::Apollo, QStringLiteral("/people/match"),
                              {{FaultKind::RateLimited, 7}});
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("a@b.example"))));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(match.error().retryAfter, std::optional(7000ms));
        QVERIFY(match.error().providerMessage.contains(QStringLiteral("per minute")));
        QCOMPARE(log().size(), 1); // a POST that may spend credits is never sent twice
    }

    void matchServerErrorIsNotResent()
    {
        m_sim->scheduleFaults(ProviderId::Apollo, QStringLiteral("/people/match"),
                              {{FaultKind::BadGateway502}});
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("a@b.example"))));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(log().size(), 1);
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown}); // it may have been charged
    }

    void matchMalformedAnswerIsDecodeButCharged()
    {
        m_sim->scheduleFaults(ProviderId::Apollo, QStringLiteral("/people/match"),
                              {{FaultKind::MalformedBody}});
        const auto match =
            run(client()->matchPerson(ApolloPersonQuery::byEmail(QStringLiteral("a@b.example"))));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(match.error().message().startsWith(QStringLiteral("Apollo")));
        // The answer was a 200: Apollo may have charged, so the worst case is booked.
        QCOMPARE(m_budget.costs.size(), 1);
        QCOMPARE(m_budget.costs.first()->amount, aud("0.02"));
    }

    void matchOddTypesAreDecodeErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("where");
        QTest::newRow("person is a string")
            << QByteArray(R"({"person": "jane"})") << QStringLiteral("person");
        QTest::newRow("email is a number")
            << QByteArray(R"({"person": {"id": "p1", "email": 42}})") << QStringLiteral("person.email");
        QTest::newRow("employees is text")
            << QByteArray(
                   R"({"person": {"id": "p1", "organization": {"name": "A", "estimated_num_employees": "12"}}})")
            << QStringLiteral("person.organization.estimated_num_employees");
        QTest::newRow("phones not objects")
            << QByteArray(R"({"person": {"id": "p1", "phone_numbers": ["+61"]}})")
            << QStringLiteral("person.phone_numbers[0]");
        QTest::newRow("not an object") << QByteArray("[1,2]") << QString();
    }

    void matchOddTypesAreDecodeErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, where);
        const auto match = ApolloJson::parsePersonMatch(QJsonDocument::fromJson(body));
        QVERIFY(!match);
        QCOMPARE(match.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(match.error().provider, ProviderId::Apollo);
        QVERIFY2(match.error().detail.startsWith(where), qPrintable(match.error().detail));
    }

    void matchNullPersonIsAMiss()
    {
        const auto match = ApolloJson::parsePersonMatch(QJsonDocument::fromJson(R"({"person": null})"));
        QVERIFY(match);
        QVERIFY(!match->matched());
        const auto absent = ApolloJson::parsePersonMatch(QJsonDocument::fromJson("{}"));
        QVERIFY(absent && !absent->matched());
    }

    void mobileNumbersCostMore()
    {
        QCOMPARE(ApolloClient::creditsForMatch(false, false), 0);
        QCOMPARE(ApolloClient::creditsForMatch(false, true), 0);
        QCOMPARE(ApolloClient::creditsForMatch(true, false), 1);
        QCOMPARE(ApolloClient::creditsForMatch(true, true), 9);
        const auto parsed = ApolloJson::parsePersonMatch(QJsonDocument::fromJson(
            R"({"person": {"id": "p1", "phone_numbers": [{"raw_number": "0412 345 678", )"
            R"("sanitized_number": "+61412345678", "type": "mobile", "status": "valid_number"}]}})"));
        QVERIFY(parsed);
        QVERIFY(parsed->person->hasMobilePhone());
        QCOMPARE(parsed->person->phones.first().sanitizedNumber, QStringLiteral("+61412345678"));
    }

    // --- people/bulk_match ---

    void bulkMatchKeepsTheOrderAndBillsCreditsConsumed()
    {
        const QList<ApolloPersonQuery> people = {
            ApolloPersonQuery::byEmail(QStringLiteral("ann@wattle.example")),
            ApolloPersonQuery::byEmail(QStringLiteral("nobody@wattle.example")),
            ApolloPersonQuery::byName(QStringLiteral("Raj"), QStringLiteral("Patel"),
                                      QStringLiteral("www.ironbark.example")),
        };
        const auto bulk = run(client()->bulkMatchPeople(people));
        QVERIFY2(bulk, qPrintable(describe(bulk)));
        QCOMPARE(bulk->matches.size(), 3);
        QVERIFY(bulk->matches.at(0));
        QCOMPARE(bulk->matches.at(0)->email, QStringLiteral("ann@wattle.example"));
        QVERIFY(!bulk->matches.at(1));
        QCOMPARE(bulk->matches.at(2)->firstName, QStringLiteral("Raj"));
        QCOMPARE(bulk->matches.at(2)->companyDomain, QStringLiteral("ironbark.example"));
        verifyPersonAgainstRaw(*bulk->matches.at(0));
        QCOMPARE(bulk->totalRequested, 3);
        QCOMPARE(bulk->uniqueEnriched, 2);
        QCOMPARE(bulk->missing, 1);
        QCOMPARE(bulk->creditsConsumed, 2.0);
        QCOMPARE(bulk->cost->amount, aud("0.04"));
        QCOMPARE(bulk->cost->units, 2);
        QCOMPARE(bulk->cost->operation, QStringLiteral("person_bulk_match"));
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.06")}); // 3 people × 1 credit

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/api/v1/people/bulk_match"));
        const QJsonArray details = bodyOf(seen).value(u"details").toArray();
        QCOMPARE(details.size(), 3);
        QCOMPARE(details.at(2).toObject().value(u"domain").toString(), QStringLiteral("ironbark.example"));
    }

    void bulkMatchFractionalCreditsRoundUp()
    {
        const auto parsed = ApolloJson::parseBulkMatch(
            QJsonDocument::fromJson(R"({"status":"success","credits_consumed":1.01,"matches":[null]})"), 1);
        QVERIFY(parsed);
        QCOMPARE(parsed->creditsConsumed, 1.01);
    }

    void bulkMatchRevealPhoneReservesTheMobiles()
    {
        ApolloRevealOptions reveal;
        reveal.revealPhoneNumber = true;
        reveal.webhookUrl = QStringLiteral("https://relay.agency.example/apollo");
        const auto bulk = run(
            client()->bulkMatchPeople({ApolloPersonQuery::byEmail(QStringLiteral("ann@wattle.example")),
                                       ApolloPersonQuery::byEmail(QStringLiteral("nobody@wattle.example"))},
                                      reveal));
        QVERIFY2(bulk, qPrintable(describe(bulk)));
        QCOMPARE(m_budget.reserved, QList<Money>{aud("0.36")}); // 2 × 9 credits
        QCOMPARE(bulk->cost->amount, aud("0.18"));              // one match × 9
        QCOMPARE(bodyOf(log().first()).value(u"reveal_phone_number"), QJsonValue(true));
        QCOMPARE(bulk->requestId.size(), 19);
    }

    void bulkMatchLimits()
    {
        QList<ApolloPersonQuery> eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(ApolloPersonQuery::byEmail(QStringLiteral("p%1@acme.example").arg(i)));
        const auto tooMany = run(client()->bulkMatchPeople(eleven));
        QVERIFY(!tooMany);
        QCOMPARE(tooMany.error().kind, IntegrationError::Kind::InvalidRequest);
        QVERIFY(tooMany.error().message().contains(QStringLiteral("10")));
        const auto none = run(client()->bulkMatchPeople({}));
        QVERIFY(!none);
        QCOMPARE(log().size(), 0);
    }

    void bulkMatchCountMismatchIsRefused()
    {
        const auto parsed = ApolloJson::parseBulkMatch(
            QJsonDocument::fromJson(R"({"status":"success","matches":[{"id":"p1"}]})"), 2);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(parsed.error().detail.contains(QStringLiteral("1 entries for 2 people")));
    }

    // --- organizations/enrich ---

    void enrichOrganization()
    {
        const auto match =
            run(client()->enrichOrganization(QStringLiteral("https://www.Harbour-Media.example/")));
        QVERIFY2(match, qPrintable(describe(match)));
        QVERIFY(match->matched());
        const ApolloOrganization& organization = *match->organization;
        const QJsonObject& raw = organization.raw;
        QCOMPARE(organization.primaryDomain, QStringLiteral("harbour-media.example"));
        QCOMPARE(organization.name, raw.value(u"name").toString());
        QCOMPARE(organization.industry, raw.value(u"industry").toString());
        QCOMPARE(organization.estimatedEmployees,
                 std::optional<qint64>(raw.value(u"estimated_num_employees").toInteger()));
        QCOMPARE(organization.foundedYear, std::optional<qint64>(raw.value(u"founded_year").toInteger()));
        QCOMPARE(organization.annualRevenue, std::optional<qint64>(raw.value(u"annual_revenue").toInteger()));
        QCOMPARE(organization.phone, raw.value(u"phone").toString());
        QCOMPARE(organization.technologies.size(), 3);
        QCOMPARE(organization.latestFundingStage, raw.value(u"latest_funding_stage").toString());
        QVERIFY(!organization.totalFunding); // null in the answer
        QCOMPARE(match->creditsUsed, 1);
        QCOMPARE(match->cost->amount, aud("0.02"));
        QCOMPARE(match->cost->operation, QStringLiteral("organization_enrich"));
        QCOMPARE(match->cost->providerReference, organization.id);

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/api/v1/organizations/enrich"));
        QCOMPARE(seen.query, QStringLiteral("domain=harbour-media.example"));
    }

    void enrichOrganizationMissCostsNothing()
    {
        const auto match = run(client()->enrichOrganization(QStringLiteral("unknown-co.example")));
        QVERIFY2(match, qPrintable(describe(match)));
        QVERIFY(!match->matched());
        QCOMPARE(match->cost->amount, aud("0"));
    }

    void enrichOrganizationIsRetriedAfter429()
    {
        m_sim->scheduleFaults(ProviderId::Apollo, QStringLiteral("/organizations/enrich"),
                              {{FaultKind::RateLimited, 1}, {FaultKind::ServerError500}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const auto match = run(client()->enrichOrganization(QStringLiteral("wattle.example")));
        QVERIFY2(match, qPrintable(describe(match)));
        QCOMPARE(log().size(), 3); // a GET is safe to send again
        QCOMPARE(retries.size(), 2);
        QCOMPARE(retries.first().at(2).value<std::chrono::milliseconds>(), 1000ms); // Retry-After honoured
        QCOMPARE(m_budget.costs.size(), 1);
    }

    void enrichOrganizationRejectsANonDomain()
    {
        const auto match = run(client()->enrichOrganization(QStringLiteral("not a domain")));
        QVERIFY(!match);
        QCOMPARE(log().size(), 0);
    }

    // --- mixed_people/api_search ---

    void searchPeoplePages()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        ApolloPeopleSearch search;
        search.personTitles = {QStringLiteral("marketing manager")};
        search.organizationDomains = {QStringLiteral("https://www.acme.example")};
        search.employeeRanges = {QStringLiteral("11,50")};
        search.page = 2;
        search.perPage = 10;
        const auto page = run(client()->searchPeople(search));
        QVERIFY2(page, qPrintable(describe(page)));
        QCOMPARE(page->people.size(), 10);
        QVERIFY(page->totalEntries >= 40);
        QCOMPARE(page->page, 2);
        QVERIFY(page->hasMore());
        const ApolloSearchHit& hit = page->people.first();
        QCOMPARE(hit.id, hit.raw.value(u"id").toString());
        QCOMPARE(hit.lastName, hit.raw.value(u"last_name_obfuscated").toString());
        QVERIFY(hit.lastName.contains(QStringLiteral("***")));
        QCOMPARE(hit.organizationName, hit.raw.value(u"organization").toObject().value(u"name").toString());
        QVERIFY(!hit.hasDirectPhone.isEmpty());
        QCOMPARE(costs.size(), 0); // searching is free
        QCOMPARE(m_budget.reserved.size(), 0);

        const QJsonObject sent = bodyOf(log().first());
        QCOMPARE(log().first().path, QStringLiteral("/api/v1/mixed_people/api_search"));
        QCOMPARE(sent.value(u"page").toInt(), 2);
        QCOMPARE(sent.value(u"per_page").toInt(), 10);
        QCOMPARE(sent.value(u"q_organization_domains_list").toArray(),
                 QJsonArray{QStringLiteral("acme.example")});
        QCOMPARE(sent.value(u"person_titles").toArray(), QJsonArray{QStringLiteral("marketing manager")});
        QCOMPARE(sent.value(u"organization_num_employees_ranges").toArray(),
                 QJsonArray{QStringLiteral("11,50")});

        // The last page says so.
        search.page = int((page->totalEntries + 9) / 10);
        const auto last = run(client()->searchPeople(search));
        QVERIFY(last);
        QVERIFY(!last->hasMore());
    }

    void searchTotalUnderPagination()
    {
        const auto page = ApolloJson::parsePeoplePage(
            QJsonDocument::fromJson(R"({"pagination": {"total_entries": 1234}, "people": []})"));
        QVERIFY(page);
        QCOMPARE(page->totalEntries, 1234);
    }

    void searchNeedsAMasterKey()
    {
        const auto page = run(client(QStringLiteral("sim-limited"))->searchPeople({}));
        QVERIFY(!page);
        QCOMPARE(page.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(page.error().httpStatus, 403);
        QCOMPARE(page.error().providerCode, QStringLiteral("API_INACCESSIBLE"));
        QVERIFY(page.error().message().contains(
            QStringLiteral("not authorized to access api/v1/mixed_people/api_search")));
    }

    void searchPageLimits()
    {
        ApolloPeopleSearch search;
        search.perPage = 101;
        QVERIFY(!run(client()->searchPeople(search)));
        search.perPage = 100;
        search.page = 501;
        QVERIFY(!run(client()->searchPeople(search)));
        QCOMPARE(log().size(), 0);
    }

    // --- errors, rate limits, pacing ---

    void errorBodies_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("kindSet");
        QTest::newRow("401 text")
            << 401
            << QByteArray("Invalid API key. See https://docs.apollo.io/reference/authentication "
                          "for how to authenticate.")
            << QStringLiteral("Invalid API key. See https://docs.apollo.io/reference/authentication "
                              "for how to authenticate.")
            << QString() << false;
        QTest::newRow("403 scope")
            << 403
            << QByteArray(R"({"error": "This API key is not authorized.", "error_code": "API_INACCESSIBLE"})")
            << QStringLiteral("This API key is not authorized.") << QStringLiteral("API_INACCESSIBLE")
            << false;
        QTest::newRow("422 error") << 422 << QByteArray(R"({"error": "Required parameter 'domain' missing"})")
                                   << QStringLiteral("Required parameter 'domain' missing") << QString()
                                   << false;
        QTest::newRow("400 bulk")
            << 400
            << QByteArray(R"({"status": "failed", "error_code": "RECORD_LIMIT_EXCEEDED", )"
                          R"("error_message": "cannot enrich more than 10 in a single request"})")
            << QStringLiteral("cannot enrich more than 10 in a single request")
            << QStringLiteral("RECORD_LIMIT_EXCEEDED") << false;
        // The spec's 429 example nests the JSON in the message string.
        const QByteArray nested =
            QJsonDocument(QJsonObject{{QStringLiteral("message"),
                                       QStringLiteral("{\n \"message\": \"The maximum number of api calls "
                                                      "allowed is 600 times per hour.\"\n}")}})
                .toJson();
        QTest::newRow("429 nested") << 429 << nested
                                    << QStringLiteral(
                                           "The maximum number of api calls allowed is 600 times per hour.")
                                    << QString() << false;
        QTest::newRow("credits at 403")
            << 403 << QByteArray(R"({"error": "You have insufficient credits"})")
            << QStringLiteral("You have insufficient credits") << QString() << true;
        QTest::newRow("200 failed bulk")
            << 200
            << QByteArray(R"({"status": "failed", "error_code": "UNKNOWN_ERROR", )"
                          R"("error_message": "no implicit conversion"})")
            << QStringLiteral("no implicit conversion") << QStringLiteral("UNKNOWN_ERROR") << true;
        QTest::newRow("200 success") << 200 << QByteArray(R"({"person": null})") << QString() << QString()
                                     << false;
    }

    void errorBodies()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QFETCH(QString, code);
        QFETCH(bool, kindSet);
        const ProviderErrorInfo info = ApolloJson::parseError(status, body);
        QCOMPARE(info.message, message);
        QCOMPARE(info.code, code);
        QCOMPARE(info.kind.has_value(), kindSet);
        if (kindSet)
            QCOMPARE(*info.kind, IntegrationError::Kind::InvalidRequest);
    }

    void retryAfterFromExhaustedWindows()
    {
        HttpResponse response;
        response.status = 429;
        QCOMPARE(ApolloClient::retryAfterFromHeaders(response), std::nullopt);
        response.headers = {{"x-minute-requests-left", "0"}, {"x-hourly-requests-left", "12"}};
        QCOMPARE(ApolloClient::retryAfterFromHeaders(response), std::optional(60000ms));
        response.headers = {{"x-minute-requests-left", "0"}, {"x-hourly-requests-left", "0"}};
        QCOMPARE(ApolloClient::retryAfterFromHeaders(response), std::optional(3600000ms));
        response.headers = {{"x-daily-requests-left", "0"}};
        QCOMPARE(ApolloClient::retryAfterFromHeaders(response), std::optional(86400000ms));
    }

    void pacing()
    {
        // Burst + a minute's refill never exceeds the allowance, and the rate stays ≥ 98 % of it.
        const PacingConfig documented = ApolloClient::documentedPacing();
        QCOMPARE(documented.ratePerSecond, 49 / 60.0);
        QCOMPARE(documented.burst, 1.0);
        QCOMPARE(documented.maxConcurrent, 4);
        const PacingConfig paid = ApolloClient::pacingForMinuteLimit(1000);
        QCOMPARE(paid.ratePerSecond, 990 / 60.0);
        QCOMPARE(paid.burst, 10.0);
        for (int perMinute : {50, 120, 400, 1000, 3000, 20000}) {
            const PacingConfig pacing = ApolloClient::pacingForMinuteLimit(perMinute);
            QVERIFY(pacing.burst + pacing.ratePerSecond * 60 <= perMinute + 1e-9);
            QVERIFY(pacing.ratePerSecond * 60 >= 0.98 * perMinute);
        }
        HttpResponse response;
        QVERIFY(!ApolloClient::pacingFromHeaders(response));
        response.headers = {{"x-rate-limit-minute", "400"}};
        QCOMPARE(ApolloClient::pacingFromHeaders(response)->ratePerSecond, 396 / 60.0);
    }

    void domainsAreNormalised_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("acme.com") << QStringLiteral("acme.com");
        QTest::newRow("url") << QStringLiteral("https://www.Acme.com/about?x=1")
                             << QStringLiteral("acme.com");
        QTest::newRow("at") << QStringLiteral("@acme.com") << QStringLiteral("acme.com");
        QTest::newRow("email") << QStringLiteral("jane@acme.com") << QStringLiteral("acme.com");
        QTest::newRow("port") << QStringLiteral("www.acme.com:443") << QStringLiteral("acme.com");
        QTest::newRow("trailing dot") << QStringLiteral(" acme.com. ") << QStringLiteral("acme.com");
    }

    void domainsAreNormalised()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(ApolloJson::normaliseDomain(input), expected);
    }
};

QTEST_GUILESS_MAIN(TestApolloClient)
#include "tst_apolloclient.moc"
