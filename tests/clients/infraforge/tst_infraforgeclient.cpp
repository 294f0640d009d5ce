// InfraForgeClient against the provider simulator (and, for bodies the simulator never sends, a small local
// server): the key check, workspaces and IPs, availability, purchases and their cost and budget, DNS,
// mailboxes, errors and retries — and that a purchase is never sent twice.

#include "integrations/http/httpcore.h"
#include "integrations/infraforge/infraforgeapi.h"
#include "integrations/infraforge/infraforgeclient.h"
#include "model/redaction.h"
#include "providersimulator.h"

#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <qcoro/qcorotask.h>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

// Answers the InfraForge paths the tests name with one canned body.
class CannedServer
{
public:
    CannedServer()
    {
        for (const char* path : {"/public/workspaces", "/public/credits/balance", "/public/domains",
                                 "/public/mailboxes", "/public/check-domain-availability"}) {
            m_server.route(QString::fromLatin1(path), [this](const QHttpServerRequest&) {
                return QHttpServerResponse("application/json", m_body, m_status);
            });
        }
        m_port = m_server.listen(QHostAddress::LocalHost);
    }
    void answer(QByteArray body, QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok)
    {
        m_body = std::move(body);
        m_status = status;
    }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/public").arg(m_port)); }

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    QByteArray m_body;
    QHttpServerResponse::StatusCode m_status = QHttpServerResponse::StatusCode::Ok;
};

// The spend guard as the core sees it: what was reserved, and how each call settled.
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

Money usd(const char* amount)
{
    return *Money::parse(QString::fromLatin1(amount) + QStringLiteral(" USD"));
}

InfraForgeRegistrant registrant()
{
    InfraForgeRegistrant who;
    who.firstName = QStringLiteral("Jane");
    who.lastName = QStringLiteral("Doe");
    who.email = QStringLiteral("jane@northwind.example");
    who.phone = QStringLiteral("+61290000000");
    who.organization = QStringLiteral("Northwind Digital");
    who.address1 = QStringLiteral("1 George St");
    who.city = QStringLiteral("Sydney");
    who.province = QStringLiteral("NSW");
    who.postalCode = QStringLiteral("2000");
    who.country = QStringLiteral("AU");
    return who;
}

QJsonObject bodyOf(const RecordedRequest& request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QString detail(const AccountStatus& status, const QString& label)
{
    for (const auto& [name, value] : status.details) {
        if (name == label)
            return value;
    }
    return QString();
}

} // namespace

class TestInfraForgeClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    std::unique_ptr<RecordingBudget> m_budget;

    std::unique_ptr<InfraForgeClient> client(const QString& key = QStringLiteral("sim-valid"), QUrl base = {})
    {
        Credential credential;
        if (!key.isEmpty())
            credential.fields.insert(QStringLiteral("api_key"), key);
        auto made = std::make_unique<InfraForgeClient>(ClientContext{
            m_core.get(), base.isEmpty() ? m_sim->baseUrl(ProviderId::InfraForge) : base, credential});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::InfraForge); }
    QList<InfraForgeDomainQuote> quotes(InfraForgeClient& infra, const QStringList& names)
    {
        QList<InfraForgeDomainQuote> list;
        const auto checked = QCoro::waitFor(infra.checkDomains(names));
        for (const InfraForgeDomainAvailability& availability : checked.value())
            list.append({availability.domain, *availability.price});
        return list;
    }
    QString availableName(InfraForgeClient& infra, const QString& stem)
    {
        QStringList names;
        for (int i = 0; i < 10; ++i)
            names.append(QStringLiteral("%1-%2.com").arg(stem).arg(i));
        const auto checked = QCoro::waitFor(infra.checkDomains(names));
        for (const InfraForgeDomainAvailability& availability : checked.value()) {
            if (availability.available)
                return availability.domain;
        }
        return QString();
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
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
        m_budget = std::make_unique<RecordingBudget>();
        m_core->setBudgetHook(m_budget.get());
    }

    // --- the key check -----------------------------------------------------------------------------

    void checkWithValidKey()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto infra = client();
        const AccountStatus status = QCoro::waitFor(infra->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY(status.balance);
        QCOMPARE(status.balance->currency(), QStringLiteral("USD"));
        QVERIFY(status.balance->micros() > 0);
        QCOMPARE(status.balance->micros() % infraforge::kMicrosPerCent, 0); // whole cents
        QCOMPARE(detail(status, QStringLiteral("Credit balance")), status.balance->toString());
        QCOMPARE(detail(status, QStringLiteral("Automatic top-up")), QStringLiteral("off"));
        QVERIFY(detail(status, QStringLiteral("Dedicated IPs")).startsWith(QStringLiteral("203.0.113.")));
        QVERIFY(status.summary.contains(QStringLiteral("workspace")));
        QVERIFY(status.summary.contains(QStringLiteral("1 dedicated IP")));
        QCOMPARE(costs.count(), 0);
        QVERIFY(m_budget->reserved.isEmpty()); // a check never costs

        const auto requests = log();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, QByteArray("GET"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/public/workspaces"));
        QCOMPARE(requests.at(1).path, QStringLiteral("/public/credits/balance"));
        for (const auto& [name, value] : requests.at(0).headers) {
            // The raw key: the log keeps a scheme word ("Bearer …") visible, and there is none.
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
                QCOMPARE(QString::fromUtf8(value), Redactor::kMask.toString());
        }
    }

    void checkWithWrongKeyIsInvalid()
    {
        const auto infra = client(QStringLiteral("if-wrong-key"));
        const AccountStatus status = QCoro::waitFor(infra->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerMessage, QStringLiteral("invalid API key"));
        QCOMPARE(log().size(), 1);
    }

    void checkWithoutKeyIsNotConfigured()
    {
        const auto infra = client(QString());
        QCOMPARE(QCoro::waitFor(infra->checkCredentials()).state, AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    void checkNeverFailsFalsely_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("state");
        QTest::newRow("500") << int(FaultKind::ServerError500) << int(AccountStatus::State::Unreachable);
        QTest::newRow("502") << int(FaultKind::BadGateway502) << int(AccountStatus::State::Unreachable);
        QTest::newRow("truncated") << int(FaultKind::TruncatedBody) << int(AccountStatus::State::Unreachable);
        QTest::newRow("malformed") << int(FaultKind::MalformedBody) << int(AccountStatus::State::Unreachable);
        QTest::newRow("429") << int(FaultKind::RateLimited) << int(AccountStatus::State::RateLimited);
    }
    void checkNeverFailsFalsely()
    {
        QFETCH(int, fault);
        QFETCH(int, state);
        const Fault one{FaultKind(fault), 1, 0};
        m_sim->scheduleFaults(ProviderId::InfraForge, QStringLiteral("/workspaces"), QList<Fault>(9, one));
        const auto infra = client();
        const AccountStatus status = QCoro::waitFor(infra->checkCredentials());
        QCOMPARE(int(status.state), state);
    }

    void aFailingBalanceDoesNotSpoilTheCheck()
    {
        const Fault down{FaultKind::ServerError500, 1, 0};
        m_sim->scheduleFaults(ProviderId::InfraForge, QStringLiteral("/credits/balance"), {down, down, down});
        const auto infra = client();
        const AccountStatus status = QCoro::waitFor(infra->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY(!status.balance);
        QVERIFY(detail(status, QStringLiteral("Credit balance"))
                    .contains(QStringLiteral("internal server error")));
    }

    void checkWhileRateLimited()
    {
        const auto infra = client(QStringLiteral("sim-ratelimited"));
        const AccountStatus status = QCoro::waitFor(infra->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->retryAfter, std::optional(1000ms));
        QCOMPARE(status.error->providerMessage, QStringLiteral("too many requests"));
    }

    // --- workspaces, credits, IPs ------------------------------------------------------------------

    void workspacesAndIps()
    {
        const auto infra = client();
        const auto spaces = QCoro::waitFor(infra->workspaces());
        QVERIFY(spaces.ok());
        QVERIFY(!spaces->isEmpty());
        const InfraForgeWorkspace& first = spaces->first();
        QCOMPARE(first.id.size(), 36);
        QVERIFY(!first.name.isEmpty());
        QVERIFY(!first.slug.isEmpty());
        QVERIFY(first.mailServer.endsWith(QStringLiteral(".example")));
        QVERIFY(first.dedicatedIp.startsWith(QStringLiteral("203.0.113.")));
        for (qsizetype i = 1; i < spaces->size(); ++i)
            QVERIFY(spaces->at(i).dedicatedIp.isEmpty()); // null: shared IPs

        const auto ips = QCoro::waitFor(infra->dedicatedIps());
        QVERIFY(ips.ok());
        QCOMPARE(ips->size(), 1);
        QCOMPARE(ips->first().ip, first.dedicatedIp);
        QCOMPARE(ips->first().workspaceId, first.id);

        const auto eligible = QCoro::waitFor(infra->eligibleIps(first.id));
        QVERIFY(eligible.ok());
        QVERIFY(!eligible->isEmpty());
        QVERIFY(eligible->first().startsWith(QStringLiteral("198.51.100.")));
        QCOMPARE(log().last().path, QStringLiteral("/public/workspaces/%1/eligible-ips").arg(first.id));

        const auto unknown = QCoro::waitFor(infra->eligibleIps(QStringLiteral("no-such-workspace")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().httpStatus, 404);
        QCOMPARE(unknown.error().message(), QStringLiteral("InfraForge: workspace not found."));
    }

    void creditBalance()
    {
        const auto infra = client();
        const auto credits = QCoro::waitFor(infra->creditBalance());
        QVERIFY(credits.ok());
        QCOMPARE(credits->available.currency(), QStringLiteral("USD"));
        QVERIFY(!credits->autoTopUp);
        QCOMPARE(credits->topUpAmount, std::optional(usd("100")));
        QCOMPARE(credits->topUpThreshold, std::optional(usd("50")));
    }

    void createWorkspaceWithADedicatedIp()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto infra = client();
        const auto created = QCoro::waitFor(infra->createWorkspace({QStringLiteral("Client A"), true}));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message()));
        QCOMPARE(created->name, QStringLiteral("Client A"));
        QVERIFY(!created->dedicatedIp.isEmpty());
        QCOMPARE(costs.count(), 0); // a subscription: no per-call cost
        const RecordedRequest seen = log().last();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(bodyOf(seen), (QJsonObject{{QStringLiteral("name"), QStringLiteral("Client A")},
                                            {QStringLiteral("attachUniqueIp"), true}}));

        const auto unnamed = QCoro::waitFor(infra->createWorkspace({QString(), false}));
        QVERIFY(!unnamed.ok());
        QCOMPARE(unnamed.error().kind, IntegrationError::Kind::Configuration);
    }

    void createWorkspaceIsNeverSentTwice()
    {
        m_sim->scheduleFaults(ProviderId::InfraForge, QStringLiteral("/workspaces"),
                              {{FaultKind::ServerError500, 1, 0}});
        const auto infra = client();
        const auto created = QCoro::waitFor(infra->createWorkspace({QStringLiteral("Client B"), true}));
        QVERIFY(!created.ok());
        QCOMPARE(created.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(log().size(), 1);
    }

    // --- domains -----------------------------------------------------------------------------------

    void checkOneDomain()
    {
        const auto infra = client();
        const QString name = QStringLiteral("Northwind-Sends.com");
        const auto checked = QCoro::waitFor(infra->checkDomain(name));
        QVERIFY(checked.ok());
        QCOMPARE(checked->domain, QStringLiteral("northwind-sends.com")); // not in the answer: the name asked
        QCOMPARE(checked->price, std::optional(usd("14"))); // dollars, as InfraForge quotes a .com
        QCOMPARE(checked->minCreationPeriodMonths, std::optional(12));
        const RecordedRequest seen = log().last();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/public/check-domain-availability"));
        QCOMPARE(seen.query, QStringLiteral("domain=northwind-sends.com"));

        const QString taken = QStringLiteral("taken-northwind.com");
        QVERIFY(!QCoro::waitFor(infra->checkDomain(taken))->available);

        const QString notADomain = QStringLiteral("not a domain");
        const auto refused = QCoro::waitFor(infra->checkDomain(notADomain));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), 2);
    }

    void checkManyDomainsInBatchesOf100()
    {
        QStringList names;
        for (int i = 0; i < 150; ++i)
            names.append(QStringLiteral("northwind-%1.io").arg(i));
        const auto infra = client();
        const auto checked = QCoro::waitFor(infra->checkDomains(names));
        QVERIFY2(checked.ok(), checked.ok() ? "" : qPrintable(checked.error().message()));
        QCOMPARE(checked->size(), 150);
        QCOMPARE(checked->at(149).domain, QStringLiteral("northwind-149.io"));
        for (const InfraForgeDomainAvailability& availability : checked.value()) {
            QVERIFY(availability.price);
            QVERIFY(*availability.price >= usd("9") && *availability.price <= usd("30"));
        }
        const auto requests = log();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, QByteArray("POST"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/public/check-domain-availability-bulk"));
        QCOMPARE(bodyOf(requests.at(0)).value(QStringLiteral("domains")).toArray().size(), 100);
        QCOMPARE(bodyOf(requests.at(1)).value(QStringLiteral("domains")).toArray().size(), 50);
    }

    void aRateLimitedAvailabilityCheckIsRetried()
    {
        m_sim->scheduleFaults(ProviderId::InfraForge, QStringLiteral("availability-bulk"),
                              {{FaultKind::RateLimited, 1, 0}});
        const auto infra = client();
        const QStringList names = {QStringLiteral("northwind.net")};
        QVERIFY(QCoro::waitFor(infra->checkDomains(names)).ok());
        QCOMPARE(log().size(), 2);
    }

    void purchaseDomains()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto infra = client();
        const QString workspace = QCoro::waitFor(infra->workspaces())->first().id;
        const QString a = availableName(*infra, QStringLiteral("northwind-a"));
        const QString b = availableName(*infra, QStringLiteral("northwind-b"));
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        InfraForgePurchaseDomainsRequest request;
        request.workspaceId = workspace;
        request.domains = quotes(*infra, {a, b});
        request.registrant = registrant();
        request.registrant.dmarcEmail = QStringLiteral("dmarc@northwind.example");
        m_sim->clearLog();

        const auto bought = QCoro::waitFor(infra->purchaseDomains(request));
        QVERIFY2(bought.ok(), bought.ok() ? "" : qPrintable(bought.error().message()));
        QVERIFY(bought->accepted); // 202: registration continues
        QCOMPARE(bought->domains.size(), 2);
        QCOMPARE(bought->domains.at(0).domain, a);
        QVERIFY(!bought->domains.at(0).id.isEmpty());
        QCOMPARE(bought->domains.at(0).status, QStringLiteral("pending"));
        QCOMPARE(bought->invoice.total, std::optional(usd("28"))); // two .com at 14

        // The budget reserved the quoted prices; the cost is the invoice, reported.
        const Money quoted = *request.domains.at(0).quotedPrice.plus(request.domains.at(1).quotedPrice);
        QCOMPARE(m_budget->reserved, QList<Money>{quoted});
        QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Succeeded});
        QCOMPARE(costs.count(), 1);
        const CostEvent cost = costs.first().first().value<CostEvent>();
        QCOMPARE(cost.provider, ProviderId::InfraForge);
        QCOMPARE(cost.operation, QStringLiteral("domain_purchase"));
        QCOMPARE(cost.source, CostSource::Reported);
        QCOMPARE(cost.amount, usd("28"));
        QCOMPARE(cost.units, 2);
        QCOMPARE(cost.unit, QStringLiteral("domain"));
        QCOMPARE(cost.unitPrice, usd("14"));
        QCOMPARE(cost.providerReference, bought->invoice.invoiceId);

        const auto requests = log();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, QByteArray("POST"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/public/domains"));
        for (const auto& header : requests.at(0).headers)
            QVERIFY(header.first.compare("Idempotency-Key", Qt::CaseInsensitive) != 0);
        const QJsonObject body = bodyOf(requests.at(0));
        QCOMPARE(body.value(QStringLiteral("workspaceId")).toString(), workspace);
        QCOMPARE(body.value(QStringLiteral("domains")).toArray(), (QJsonArray{a, b}));
        const QJsonObject contact = body.value(QStringLiteral("contactDetails")).toObject();
        QCOMPARE(contact.value(QStringLiteral("address1")).toString(), QStringLiteral("1 George St"));
        QCOMPARE(contact.value(QStringLiteral("province")).toString(), QStringLiteral("NSW"));
        QCOMPARE(contact.value(QStringLiteral("organization")).toString(),
                 QStringLiteral("Northwind Digital"));
        QCOMPARE(contact.value(QStringLiteral("dmarcEmail")).toString(),
                 QStringLiteral("dmarc@northwind.example"));
        QVERIFY(!contact.contains(QStringLiteral("address2"))); // empty optional fields are left out
    }

    void aFailedPurchaseIsSentExactlyOnce_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("outcome");
        QTest::newRow("500") << int(FaultKind::ServerError500) << int(IntegrationError::Kind::Server)
                             << int(CallOutcome::Unknown);
        QTest::newRow("503") << int(FaultKind::Unavailable503) << int(IntegrationError::Kind::Server)
                             << int(CallOutcome::Unknown);
        QTest::newRow("429") << int(FaultKind::RateLimited) << int(IntegrationError::Kind::RateLimited)
                             << int(CallOutcome::Failed);
        QTest::newRow("reset") << int(FaultKind::ResetMidResponse) << int(IntegrationError::Kind::Network)
                               << int(CallOutcome::Unknown);
    }
    void aFailedPurchaseIsSentExactlyOnce()
    {
        QFETCH(int, fault);
        QFETCH(int, kind);
        QFETCH(int, outcome);
        const auto infra = client();
        InfraForgePurchaseDomainsRequest request;
        request.workspaceId = QCoro::waitFor(infra->workspaces())->first().id;
        request.domains = {{QStringLiteral("northwind-once.com"), usd("14")}};
        request.registrant = registrant();
        m_sim->clearLog();
        m_sim->scheduleFaults(ProviderId::InfraForge, QStringLiteral("/public/domains"),
                              {{FaultKind(fault), 1, 0}});
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);

        const auto bought = QCoro::waitFor(infra->purchaseDomains(request));
        QVERIFY(!bought.ok());
        QCOMPARE(int(bought.error().kind), kind);
        QCOMPARE(log().size(), 1); // POST without an idempotency key: the core never sends it again
        QCOMPARE(m_budget->reserved, QList<Money>{usd("14")});
        QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome(outcome)});
        QCOMPARE(costs.count(), 0);
    }

    void purchaseWithoutCreditIsThe402()
    {
        const auto infra = client();
        InfraForgePurchaseDomainsRequest request;
        request.workspaceId = QCoro::waitFor(infra->workspaces())->first().id;
        request.domains = {{availableName(*infra, QStringLiteral("northwind-c")), usd("14")}};
        request.registrant = registrant();
        request.registrant.organization = QStringLiteral("nocredit"); // the simulator's empty account
        m_sim->clearLog();
        const auto bought = QCoro::waitFor(infra->purchaseDomains(request));
        QVERIFY(!bought.ok());
        QCOMPARE(bought.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(bought.error().httpStatus, 402);
        QCOMPARE(bought.error().message(), QStringLiteral("InfraForge: insufficient credit balance."));
        QCOMPARE(log().size(), 1);
        QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Failed});
    }

    void purchaseOfATakenDomainGetsInfraForgesWords()
    {
        const auto infra = client();
        InfraForgePurchaseDomainsRequest request;
        request.workspaceId = QCoro::waitFor(infra->workspaces())->first().id;
        request.domains = {{QStringLiteral("taken-northwind.com"), usd("14")}};
        request.registrant = registrant();
        const auto bought = QCoro::waitFor(infra->purchaseDomains(request));
        QVERIFY(!bought.ok());
        QCOMPARE(bought.error().httpStatus, 400);
        QCOMPARE(bought.error().providerMessage,
                 QStringLiteral("domain taken-northwind.com is not available for purchase"));
    }

    void purchaseNeedsQuotesAndARegistrant_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("words");
        QTest::newRow("no quote") << QStringLiteral("noquote") << QStringLiteral("needs the price");
        QTest::newRow("aud quote") << QStringLiteral("aud") << QStringLiteral("in US dollars");
        QTest::newRow("zero quote") << QStringLiteral("zero") << QStringLiteral("needs the price");
        QTest::newRow("twice") << QStringLiteral("twice") << QStringLiteral("listed twice");
        QTest::newRow("no workspace") << QStringLiteral("noworkspace") << QStringLiteral("workspace id");
        QTest::newRow("no domains") << QStringLiteral("nodomains") << QStringLiteral("no domains");
        QTest::newRow("bad name") << QStringLiteral("badname") << QStringLiteral("is not a domain name");
        QTest::newRow("registrant") << QStringLiteral("registrant")
                                    << QStringLiteral("the registrant needs phone, province");
    }
    void purchaseNeedsQuotesAndARegistrant()
    {
        QFETCH(QString, change);
        QFETCH(QString, words);
        const auto infra = client();
        InfraForgePurchaseDomainsRequest request;
        request.workspaceId = QStringLiteral("ws-1");
        request.domains = {{QStringLiteral("northwind-d.com"), usd("14")}};
        request.registrant = registrant();
        if (change == u"noquote")
            request.domains[0].quotedPrice = Money();
        else if (change == u"aud")
            request.domains[0].quotedPrice = Money::aud(21'000'000);
        else if (change == u"zero")
            request.domains[0].quotedPrice = usd("0");
        else if (change == u"twice")
            request.domains.append(request.domains.first());
        else if (change == u"noworkspace")
            request.workspaceId.clear();
        else if (change == u"nodomains")
            request.domains.clear();
        else if (change == u"badname")
            request.domains[0].domain = QStringLiteral("northwind");
        else if (change == u"registrant")
            request.registrant.phone = request.registrant.province = QString();
        const auto bought = QCoro::waitFor(infra->purchaseDomains(request));
        QVERIFY(!bought.ok());
        QCOMPARE(bought.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY2(bought.error().message().contains(words), qPrintable(bought.error().message()));
        QCOMPARE(log().size(), 0);
        QVERIFY(m_budget->reserved.isEmpty());
    }

    void listDomains()
    {
        const auto infra = client();
        const auto listed = QCoro::waitFor(infra->domains());
        QVERIFY(listed.ok());
        QVERIFY(listed->size() >= 2);
        const InfraForgeDomain& first = listed->first();
        QVERIFY(first.name.endsWith(QStringLiteral("mail.com"))); // from sld + tld
        QCOMPARE(first.name, first.raw.value(QStringLiteral("sld")).toString() + QStringLiteral(".com"));
        QCOMPARE(first.status, QStringLiteral("active"));
        QVERIFY(first.expiresAt.isValid());
        QCOMPARE(first.autoRenew, std::optional(true));
        QCOMPARE(listed->at(1).autoRenew, std::optional(false));
        QVERIFY(!first.workspaceId.isEmpty());

        const QString search = first.name.left(4);
        const auto found = QCoro::waitFor(infra->domains(search));
        QVERIFY(found.ok());
        QVERIFY(!found->isEmpty());
        QCOMPARE(log().last().query, QStringLiteral("search=") + search);
    }

    // --- DNS ---------------------------------------------------------------------------------------

    void readDns()
    {
        const auto infra = client();
        const InfraForgeDomain domain = QCoro::waitFor(infra->domains())->first();
        const auto records = QCoro::waitFor(infra->dnsRecords(domain.id));
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 5);
        QCOMPARE(records->at(0).type, QStringLiteral("MX"));
        QCOMPARE(records->at(0).name, domain.name);
        QCOMPARE(records->at(0).editable, std::optional(false));
        QCOMPARE(records->at(3).name, QStringLiteral("default._domainkey.") + domain.name);
        QCOMPARE(records->at(4).editable, std::optional(true));
        QCOMPARE(log().last().path, QStringLiteral("/public/domains/%1/dns").arg(domain.id));

        const auto unknown = QCoro::waitFor(infra->dnsRecords(QStringLiteral("no-such-domain")));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().httpStatus, 404);
    }

    void addATxtRecordKeepsTheOthers()
    {
        const auto infra = client();
        const InfraForgeDomain domain = QCoro::waitFor(infra->domains())->first();
        const QList<InfraForgeDnsRecord> before = QCoro::waitFor(infra->dnsRecords(domain.id)).value();
        m_sim->clearLog();
        // A second TXT at the apex, beside SPF: added, never in SPF's place.
        const InfraForgeDnsRecord verification{domain.name, QStringLiteral("txt"),
                                               QStringLiteral("google-site-verification=abc123"),
                                               std::nullopt};
        const auto after = QCoro::waitFor(infra->upsertDnsRecord(domain.id, verification));
        QVERIFY2(after.ok(), after.ok() ? "" : qPrintable(after.error().message()));
        QCOMPARE(after->size(), before.size() + 1);
        QCOMPARE(after->mid(0, before.size()), before);

        const auto requests = log();
        QCOMPARE(requests.size(), 2); // read the set, write the lot
        QCOMPARE(requests.at(1).method, QByteArray("PUT"));
        const QJsonArray sent = bodyOf(requests.at(1)).value(QStringLiteral("records")).toArray();
        QCOMPARE(sent.size(), before.size() + 1);
        QCOMPARE(sent.at(0).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("MX"));
        QCOMPARE(sent.at(0).toObject().value(QStringLiteral("editable")), QJsonValue(false));
        QCOMPARE(sent.last().toObject(),
                 (QJsonObject{{QStringLiteral("name"), domain.name},
                              {QStringLiteral("type"), QStringLiteral("TXT")},
                              {QStringLiteral("value"), QStringLiteral("google-site-verification=abc123")}}));
    }

    void changeACnameAndSkipANoOp()
    {
        const auto infra = client();
        const InfraForgeDomain domain = QCoro::waitFor(infra->domains())->first();
        m_sim->clearLog();
        const InfraForgeDnsRecord www{QStringLiteral("www.") + domain.name, QStringLiteral("CNAME"),
                                      QStringLiteral("northwind.example"), std::nullopt};
        const auto changed = QCoro::waitFor(infra->upsertDnsRecord(domain.id, www));
        QVERIFY(changed.ok());
        QCOMPARE(changed->size(), 5);
        QCOMPARE(changed->at(4).value, QStringLiteral("northwind.example"));
        QCOMPARE(log().size(), 2);

        const InfraForgeDnsRecord same = changed->at(0);
        m_sim->clearLog();
        QVERIFY(QCoro::waitFor(infra->upsertDnsRecord(domain.id, same)).ok());
        QCOMPARE(log().size(), 1); // nothing to change: no write
    }

    void anEmptyRecordSetIsNeverSent()
    {
        const auto infra = client();
        const auto written = QCoro::waitFor(infra->replaceDnsRecords(QStringLiteral("d-1"), {}));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind, IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), 0);
    }

    // --- mailboxes ---------------------------------------------------------------------------------

    void createMailboxes()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto infra = client();
        const QList<InfraForgeDomain> owned = QCoro::waitFor(infra->domains()).value();
        InfraForgeCreateMailboxesRequest request;
        request.mailboxes = {
            {QStringLiteral("jane@") + owned.at(0).name,
             QStringLiteral("Jane"),
             QStringLiteral("Doe"),
             {},
             {}},
            {QStringLiteral("li@") + owned.at(1).name,
             QStringLiteral("Li"),
             QStringLiteral("Chen"),
             QStringLiteral("replies@northwind.example"),
             {}},
            {QStringLiteral("Omar@") + owned.at(0).name,
             QStringLiteral("Omar"),
             QStringLiteral("Haddad"),
             {},
             QStringLiteral("Omar · Northwind")},
        };
        m_sim->clearLog();
        const auto bought = QCoro::waitFor(infra->createMailboxes(request));
        QVERIFY2(bought.ok(), bought.ok() ? "" : qPrintable(bought.error().message()));
        QVERIFY(bought->accepted);
        QCOMPARE(bought->requested, 3);
        QCOMPARE(bought->mailboxes.size(), 3);
        QCOMPARE(bought->mailboxes.at(0).email, QStringLiteral("jane@") + owned.at(0).name);
        QCOMPARE(bought->mailboxes.at(0).status, QStringLiteral("pending"));
        QVERIFY(!bought->invoice.total);

        // No price in the answer: reserved and estimated at US$4 a mailbox a month.
        QCOMPARE(m_budget->reserved, QList<Money>{usd("12")});
        QCOMPARE(costs.count(), 1);
        const CostEvent cost = costs.first().first().value<CostEvent>();
        QCOMPARE(cost.source, CostSource::Estimated);
        QCOMPARE(cost.amount, usd("12"));
        QCOMPARE(cost.unitPrice, usd("4"));
        QCOMPARE(cost.units, 3);
        QCOMPARE(cost.unit, QStringLiteral("mailbox/month"));
        QCOMPARE(cost.operation, QStringLiteral("mailbox_purchase"));

        // Grouped by domain, in the order first seen.
        const auto requests = log();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).path, QStringLiteral("/public/mailboxes"));
        const QJsonArray groups = bodyOf(requests.at(0)).value(QStringLiteral("domains")).toArray();
        QCOMPARE(groups.size(), 2);
        const QJsonObject first = groups.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("domain")).toString(), owned.at(0).name);
        const QJsonArray boxes = first.value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(boxes.size(), 2);
        QJsonObject omar = boxes.at(1).toObject();
        QVERIFY(omar.contains(QStringLiteral("signature"))); // its text is masked by the log's redactor
        omar.remove(QStringLiteral("signature"));
        QCOMPARE(omar,
                 (QJsonObject{{QStringLiteral("email"), QString(QStringLiteral("omar@") + owned.at(0).name)},
                              {QStringLiteral("firstName"), QStringLiteral("Omar")},
                              {QStringLiteral("lastName"), QStringLiteral("Haddad")}}));
        QCOMPARE(groups.at(1)
                     .toObject()
                     .value(QStringLiteral("mailboxes"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("forwardingEmail")),
                 QJsonValue(QStringLiteral("replies@northwind.example")));
    }

    void mailboxesAreCheckedBeforeSending_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("words");
        QTest::newRow("no at") << QStringLiteral("jane.northwind.com") << QStringLiteral("Jane")
                               << QStringLiteral("not a mailbox address");
        QTest::newRow("no domain") << QStringLiteral("jane@") << QStringLiteral("Jane")
                                   << QStringLiteral("not a mailbox address");
        QTest::newRow("no name") << QStringLiteral("jane@northwind.com") << QString()
                                 << QStringLiteral("needs a first and a last name");
    }
    void mailboxesAreCheckedBeforeSending()
    {
        QFETCH(QString, email);
        QFETCH(QString, first);
        QFETCH(QString, words);
        const auto infra = client();
        InfraForgeCreateMailboxesRequest request;
        request.mailboxes = {{email, first, QStringLiteral("Doe"), {}, {}}};
        const auto bought = QCoro::waitFor(infra->createMailboxes(request));
        QVERIFY(!bought.ok());
        QVERIFY2(bought.error().message().contains(words), qPrintable(bought.error().message()));
        QCOMPARE(log().size(), 0);
        QVERIFY(m_budget->reserved.isEmpty());
    }

    void mailboxesOnAnUnknownDomain()
    {
        const auto infra = client();
        InfraForgeCreateMailboxesRequest request;
        request.mailboxes = {
            {QStringLiteral("jane@not-ours.com"), QStringLiteral("Jane"), QStringLiteral("Doe"), {}, {}}};
        const auto bought = QCoro::waitFor(infra->createMailboxes(request));
        QVERIFY(!bought.ok());
        QCOMPARE(bought.error().httpStatus, 404);
        QCOMPARE(bought.error().providerMessage, QStringLiteral("domain not-ours.com not found"));
        QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Failed});
        QCOMPARE(log().size(), 1);
    }

    void mailboxPurchaseIsNeverSentTwice()
    {
        const auto infra = client();
        const QString owned = QCoro::waitFor(infra->domains())->first().name;
        InfraForgeCreateMailboxesRequest request;
        request.mailboxes = {
            {QStringLiteral("jane@") + owned, QStringLiteral("Jane"), QStringLiteral("Doe"), {}, {}}};
        m_sim->clearLog();
        m_sim->scheduleFaults(ProviderId::InfraForge, QStringLiteral("/mailboxes"),
                              {{FaultKind::ServerError500, 1, 0}});
        const auto bought = QCoro::waitFor(infra->createMailboxes(request));
        QVERIFY(!bought.ok());
        QCOMPARE(log().size(), 1);
        QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Unknown});
    }

    void listMailboxes()
    {
        const auto infra = client();
        const QString workspace = QCoro::waitFor(infra->workspaces())->first().id;
        InfraForgeListMailboxesRequest request;
        request.workspaceId = workspace;
        const auto listed = QCoro::waitFor(infra->mailboxes(request));
        QVERIFY(listed.ok());
        QVERIFY(!listed->isEmpty());
        for (const InfraForgeMailbox& mailbox : listed.value()) {
            QCOMPARE(mailbox.workspaceId, workspace);
            QVERIFY(mailbox.email.endsWith(QStringLiteral("@") + mailbox.domain));
            QVERIFY(!mailbox.raw.contains(QStringLiteral("credentials")));
        }
        QCOMPARE(listed->first().status, QStringLiteral("active"));
        const RecordedRequest seen = log().last();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/public/mailboxes"));
        QCOMPARE(seen.query, QStringLiteral("workspace_id=%1&with_credentials=false").arg(workspace));
    }

    // --- odd answers and error shapes --------------------------------------------------------------

    void oddJsonIsADecodeError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("detail");
        QTest::newRow("object") << QByteArray(R"({"count":1})")
                                << QStringLiteral("expected a list of workspaces");
        QTest::newRow("wrapped, id as number")
            << QByteArray(R"({"data":[{"id":5,"name":"A"}]})")
            << QStringLiteral("workspaces[0].id should be a string, not a number");
        QTest::newRow("no id") << QByteArray(R"([{"name":"A"}])")
                               << QStringLiteral("workspaces[0].id is missing");
        QTest::newRow("ip as number") << QByteArray(R"([{"id":"w","ip":203}])")
                                      << QStringLiteral("workspaces[0].ip should be a string, not a number");
        QTest::newRow("row not object")
            << QByteArray(R"(["w"])") << QStringLiteral("workspaces[0] should be an object, not a string");
    }
    void oddJsonIsADecodeError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, detail);
        CannedServer server;
        server.answer(body);
        const auto infra = client(QStringLiteral("sim-valid"), server.baseUrl());
        const auto spaces = QCoro::waitFor(infra->workspaces());
        QVERIFY(!spaces.ok());
        QCOMPARE(spaces.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(spaces.error().detail, detail);
    }

    void oddBalanceAndPricesAreDecodeErrors()
    {
        CannedServer server;
        const auto infra = client(QStringLiteral("sim-valid"), server.baseUrl());
        server.answer(R"({"availableAmountCents":"1200"})");
        auto credits = QCoro::waitFor(infra->creditBalance());
        QVERIFY(!credits.ok());
        QCOMPARE(credits.error().detail,
                 QStringLiteral("availableAmountCents should be a whole number, not a string"));
        server.answer(R"({"availableAmountCents":12.5})");
        credits = QCoro::waitFor(infra->creditBalance());
        QVERIFY(!credits.ok());
        server.answer(R"({"available":true,"price":-3})");
        const QString name = QStringLiteral("northwind.com");
        const auto checked = QCoro::waitFor(infra->checkDomain(name));
        QVERIFY(!checked.ok());
        QCOMPARE(checked.error().detail,
                 QStringLiteral("price should be an amount of dollars, not a number"));
        server.answer(R"({"price":14})");
        QCOMPARE(QCoro::waitFor(infra->checkDomain(name)).error().detail,
                 QStringLiteral("available is missing"));
    }

    void theValidatorsWordsAreKept()
    {
        CannedServer server;
        server.answer(
            R"({"message":"invalid request body","data":["contactDetails.phone is a required field","domains is a required field"]})",
            QHttpServerResponse::StatusCode::BadRequest);
        const auto infra = client(QStringLiteral("sim-valid"), server.baseUrl());
        const auto listed = QCoro::waitFor(infra->domains());
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(
            listed.error().providerMessage,
            QStringLiteral("invalid request body: contactDetails.phone is a required field; domains is a "
                           "required field"));
        server.answer("<html>Bad gateway</html>", QHttpServerResponse::StatusCode::BadGateway);
        const auto down = QCoro::waitFor(infra->domains());
        QCOMPARE(down.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(down.error().providerMessage, QStringLiteral("<html>Bad gateway</html>"));
    }

    void documentedPacing()
    {
        const PacingConfig pacing = InfraForgeClient::documentedPacing();
        QCOMPARE(pacing.maxConcurrent, 2);
        QCOMPARE(pacing.ratePerSecond, 4.0);
    }
};

QTEST_GUILESS_MAIN(TestInfraForgeClient)
#include "tst_infraforgeclient.moc"
