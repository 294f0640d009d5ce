// HeyReachClient against the provider simulator (and, for bodies the simulator never sends, a small local
// server): every operation's fields, the requests HeyReach receives, its errors, retries and the key check.

#include "integrations/heyreach/heyreachclient.h"
#include "integrations/http/httpcore.h"
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

// Answers every HeyReach path with one canned body: for JSON the simulator would never send.
class CannedServer
{
public:
    CannedServer()
    {
        for (const char* path :
             {"/api/public/campaign/GetAll", "/api/public/li_account/GetAll",
              "/api/public/campaign/AddLeadsToCampaignV2", "/api/public/stats/GetOverallStats",
              "/api/public/campaign/GetLeadsFromCampaign"}) {
            m_server.route(QString::fromLatin1(path), [this](const QHttpServerRequest&) {
                return QHttpServerResponse("application/json", m_body, m_status);
            });
        }
        m_server.route(QStringLiteral("/api/public/campaign/GetById"), [this](const QHttpServerRequest&) {
            return QHttpServerResponse("application/json", m_body, m_status);
        });
        m_port = m_server.listen(QHostAddress::LocalHost);
    }
    void answer(QByteArray body, QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok)
    {
        m_body = std::move(body);
        m_status = status;
    }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/api/public").arg(m_port)); }

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    QByteArray m_body;
    QHttpServerResponse::StatusCode m_status = QHttpServerResponse::StatusCode::Ok;
};

QJsonObject bodyOf(const RecordedRequest& request)
{
    return QJsonDocument::fromJson(request.body).object();
}

HeyReachLead lead(const QString& slug)
{
    HeyReachLead lead;
    lead.profileUrl = QStringLiteral("https://www.linkedin.com/in/") + slug;
    lead.firstName = QStringLiteral("Jane");
    lead.lastName = QStringLiteral("Doe");
    lead.companyName = QStringLiteral("Northwind Digital");
    lead.position = QStringLiteral("Head of Growth");
    return lead;
}

} // namespace

class TestHeyReachClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;

    std::unique_ptr<HeyReachClient> client(const QString& key = QStringLiteral("sim-valid"), QUrl base = {})
    {
        Credential credential;
        if (!key.isEmpty())
            credential.fields.insert(QStringLiteral("api_key"), key);
        auto made = std::make_unique<HeyReachClient>(ClientContext{
            m_core.get(), base.isEmpty() ? m_sim->baseUrl(ProviderId::HeyReach) : base, credential});
        made->setRetryTimeScale(
            0.001); // a 1 s Retry-After becomes 1 ms; the computed waits are still reported
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::HeyReach); }
    HeyReachCampaign campaignWithStatus(HeyReachClient& heyReach, const QString& status)
    {
        const auto page = QCoro::waitFor(heyReach.listCampaigns({}));
        for (const HeyReachCampaign& campaign : page->items) {
            if (campaign.status == status)
                return campaign;
        }
        return {};
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

    // --- the key check -----------------------------------------------------------------------------

    void checkWithValidKey()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto heyReach = client();
        const AccountStatus status = QCoro::waitFor(heyReach->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY(status.checkedAt.isValid());
        QVERIFY(!status.balance); // HeyReach reports no money
        const auto detail = [&status](const QString& label) {
            for (const auto& [name, value] : status.details) {
                if (name == label)
                    return value;
            }
            return QString();
        };
        const int senders = detail(QStringLiteral("LinkedIn senders")).toInt();
        QVERIFY(senders >= 2);
        QCOMPARE(detail(QStringLiteral("Senders needing a new LinkedIn login")), QStringLiteral("1"));
        QVERIFY(detail(QStringLiteral("Billing")).contains(QStringLiteral("A$122")));
        QVERIFY(status.summary.startsWith(QStringLiteral("Key valid · %1 LinkedIn sender").arg(senders)));
        QCOMPARE(costs.count(), 0);

        const auto requests = log();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, QByteArray("GET"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/api/public/auth/CheckApiKey"));
        bool keyHeader = false;
        for (const auto& [name, value] : requests.at(0).headers) {
            if (name.compare("X-API-KEY", Qt::CaseInsensitive) == 0) {
                keyHeader = true;
                QCOMPARE(QString::fromUtf8(value), Redactor::kMask.toString());
            }
            QVERIFY(name.compare("Authorization", Qt::CaseInsensitive) != 0);
        }
        QVERIFY(keyHeader);
        QCOMPARE(requests.at(1).path, QStringLiteral("/api/public/li_account/GetAll"));
    }

    void checkWithWrongKeyIsInvalid()
    {
        const auto heyReach = client(QStringLiteral("hr-not-a-real-key"));
        const AccountStatus status = QCoro::waitFor(heyReach->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QVERIFY(status.error);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerMessage,
                 QStringLiteral("The API key is invalid or has been deactivated."));
        QVERIFY(status.summary.contains(QStringLiteral("HeyReach refused the credential")));
        QCOMPARE(log().size(), 1); // a refused key is not retried
    }

    void checkWithoutKeyIsNotConfigured()
    {
        const auto heyReach = client(QString());
        const AccountStatus status = QCoro::waitFor(heyReach->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    void checkNeverFailsFalsely_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("state");
        QTest::newRow("500") << int(FaultKind::ServerError500) << int(AccountStatus::State::Unreachable);
        QTest::newRow("503") << int(FaultKind::Unavailable503) << int(AccountStatus::State::Unreachable);
        QTest::newRow("truncated") << int(FaultKind::TruncatedBody) << int(AccountStatus::State::Unreachable);
        QTest::newRow("429") << int(FaultKind::RateLimited) << int(AccountStatus::State::RateLimited);
    }
    void checkNeverFailsFalsely()
    {
        QFETCH(int, fault);
        QFETCH(int, state);
        const Fault one{FaultKind(fault), 1, 0};
        m_sim->scheduleFaults(ProviderId::HeyReach, QStringLiteral("/auth/CheckApiKey"), {one, one, one});
        const auto heyReach = client();
        const AccountStatus status = QCoro::waitFor(heyReach->checkCredentials());
        QCOMPARE(int(status.state), state);
        QCOMPARE(log().size(), 3); // a GET is retried, up to three attempts
    }

    void checkWhileRateLimited()
    {
        const auto heyReach = client(QStringLiteral("sim-ratelimited"));
        const AccountStatus status = QCoro::waitFor(heyReach->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QVERIFY(status.error->retryAfter);
        QCOMPARE(*status.error->retryAfter, 1000ms);
        QCOMPARE(status.error->providerMessage,
                 QStringLiteral("Rate limit exceeded: 300 requests per minute."));
    }

    // --- campaigns ---------------------------------------------------------------------------------

    void listCampaigns()
    {
        const auto heyReach = client();
        const auto page = QCoro::waitFor(heyReach->listCampaigns({}));
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message()));
        QVERIFY(page->totalCount >= 4);
        QCOMPARE(page->items.size(), page->totalCount);
        // The simulator's first three campaigns have fixed states.
        QCOMPARE(page->items.at(0).status, QStringLiteral("IN_PROGRESS"));
        QCOMPARE(page->items.at(1).status, QStringLiteral("PAUSED"));
        QCOMPARE(page->items.at(2).status, QStringLiteral("DRAFT"));
        for (const HeyReachCampaign& campaign : page->items) {
            QCOMPARE(campaign.id, qint64(campaign.raw.value(QStringLiteral("id")).toDouble()));
            QCOMPARE(campaign.name, campaign.raw.value(QStringLiteral("name")).toString());
            QVERIFY(campaign.createdAt.isValid());
            QCOMPARE(campaign.createdAt.timeSpec(), Qt::UTC);
            QCOMPARE(campaign.leadListName,
                     campaign.raw.value(QStringLiteral("linkedInUserListName")).toString());
            QVERIFY(campaign.leadListId);
            QVERIFY(!campaign.senderAccountIds.isEmpty());
            QVERIFY(campaign.progress);
            const HeyReachCampaignProgress& p = *campaign.progress;
            QCOMPARE(p.inProgress + p.pending + p.finished + p.failed, p.totalUsers);
        }
        QCOMPARE(page->items.at(2).progress->totalUsers, 0);

        const auto requests = log();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, QByteArray("POST"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/api/public/campaign/GetAll"));
        QCOMPARE(bodyOf(requests.at(0)),
                 (QJsonObject{{QStringLiteral("offset"), 0}, {QStringLiteral("limit"), 100}}));
        // A read spelt as a POST carries a key that makes it safe to retry.
        bool keyed = false;
        for (const auto& header : requests.at(0).headers)
            keyed = keyed || header.first.compare("Idempotency-Key", Qt::CaseInsensitive) == 0;
        QVERIFY(keyed);
    }

    void listCampaignsPagesAndFilters()
    {
        const auto heyReach = client();
        HeyReachListCampaignsRequest request;
        request.offset = 1;
        request.limit = 2;
        const auto page = QCoro::waitFor(heyReach->listCampaigns(request));
        QVERIFY(page.ok());
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).status, QStringLiteral("PAUSED"));

        HeyReachListCampaignsRequest filtered;
        filtered.statuses = {QStringLiteral("DRAFT")};
        filtered.keyword = QStringLiteral("outreach");
        const auto drafts = QCoro::waitFor(heyReach->listCampaigns(filtered));
        QVERIFY(drafts.ok());
        QVERIFY(!drafts->items.isEmpty());
        for (const HeyReachCampaign& campaign : drafts->items)
            QCOMPARE(campaign.status, QStringLiteral("DRAFT"));
        const QJsonObject sent = bodyOf(log().last());
        QCOMPARE(sent.value(QStringLiteral("statuses")).toArray(), QJsonArray{QStringLiteral("DRAFT")});
        QCOMPARE(sent.value(QStringLiteral("keyword")).toString(), QStringLiteral("outreach"));
    }

    void listCampaignsRefusesABadPageBeforeSending()
    {
        const auto heyReach = client();
        HeyReachListCampaignsRequest request;
        request.limit = 101;
        const auto page = QCoro::waitFor(heyReach->listCampaigns(request));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), 0);
    }

    void oneCampaign()
    {
        const auto heyReach = client();
        const HeyReachCampaign listed = campaignWithStatus(*heyReach, QStringLiteral("PAUSED"));
        const auto one = QCoro::waitFor(heyReach->campaign(listed.id));
        QVERIFY(one.ok());
        QCOMPARE(one->id, listed.id);
        QCOMPARE(one->name, listed.name);
        QCOMPARE(one->status, listed.status);
        QCOMPARE(one->senderAccountIds, listed.senderAccountIds);
        const RecordedRequest seen = log().last();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/api/public/campaign/GetById"));
        QCOMPARE(seen.query, QStringLiteral("campaignId=%1").arg(listed.id));
    }

    void unknownCampaignIsTheProvidersNotFound()
    {
        const auto heyReach = client();
        const auto one = QCoro::waitFor(heyReach->campaign(42));
        QVERIFY(!one.ok());
        QCOMPARE(one.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(one.error().httpStatus, 404);
        QCOMPARE(one.error().message(), QStringLiteral("HeyReach: Campaign not found."));
    }

    // --- adding leads ------------------------------------------------------------------------------

    void addLeads()
    {
        const auto heyReach = client();
        const HeyReachCampaign running = campaignWithStatus(*heyReach, QStringLiteral("IN_PROGRESS"));
        m_sim->clearLog();
        HeyReachAddLeadsRequest request;
        request.campaignId = running.id;
        request.leads = {lead(QStringLiteral("jane-doe-42")), lead(QStringLiteral("li-chen")),
                         lead(QStringLiteral("omar-haddad/"))};
        request.leads[0].customFields = {{QStringLiteral("icebreaker"), QStringLiteral("Loved your talk")}};
        request.leads[1].senderAccountId = running.senderAccountIds.first();
        request.leads[1].emailAddress = QStringLiteral("li.chen@northwind.example");
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto added = QCoro::waitFor(heyReach->addLeads(request));
        QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().message()));
        QCOMPARE(added->added + added->updated, 3);
        QCOMPARE(added->failed, 0);
        QCOMPARE(costs.count(), 0); // a subscription: adding leads is not billed per call

        const auto requests = log();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, QByteArray("POST"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/api/public/campaign/AddLeadsToCampaignV2"));
        for (const auto& header : requests.at(0).headers) // a write: never marked safe to send twice
            QVERIFY(header.first.compare("Idempotency-Key", Qt::CaseInsensitive) != 0);
        const QJsonObject body = bodyOf(requests.at(0));
        QCOMPARE(qint64(body.value(QStringLiteral("campaignId")).toDouble()), running.id);
        QVERIFY(!body.contains(QStringLiteral("resumePausedCampaign")));
        const QJsonArray pairs = body.value(QStringLiteral("accountLeadPairs")).toArray();
        QCOMPARE(pairs.size(), 3);
        const QJsonObject first = pairs.at(0).toObject();
        QVERIFY(!first.contains(QStringLiteral("linkedInAccountId")));
        QCOMPARE(
            first.value(QStringLiteral("lead")).toObject(),
            (QJsonObject{
                {QStringLiteral("profileUrl"), QStringLiteral("https://www.linkedin.com/in/jane-doe-42")},
                {QStringLiteral("firstName"), QStringLiteral("Jane")},
                {QStringLiteral("lastName"), QStringLiteral("Doe")},
                {QStringLiteral("companyName"), QStringLiteral("Northwind Digital")},
                {QStringLiteral("position"), QStringLiteral("Head of Growth")},
                {QStringLiteral("customUserFields"),
                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("icebreaker")},
                                        {QStringLiteral("value"), QStringLiteral("Loved your talk")}}}}}));
        const QJsonObject second = pairs.at(1).toObject();
        QCOMPARE(qint64(second.value(QStringLiteral("linkedInAccountId")).toDouble()),
                 running.senderAccountIds.first());
        QCOMPARE(
            second.value(QStringLiteral("lead")).toObject().value(QStringLiteral("emailAddress")).toString(),
            QStringLiteral("li.chen@northwind.example"));
    }

    void linkedInUrlShape_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("https://www.linkedin.com/in/janedoe") << true;
        QTest::newRow("trailing slash")
            << QStringLiteral("https://www.linkedin.com/in/jane-doe-1a2b3c/") << true;
        QTest::newRow("escaped") << QStringLiteral("https://www.linkedin.com/in/j%C3%BCrgen-m") << true;
        QTest::newRow("http") << QStringLiteral("http://www.linkedin.com/in/janedoe") << false;
        QTest::newRow("no www") << QStringLiteral("https://linkedin.com/in/janedoe") << false;
        QTest::newRow("company") << QStringLiteral("https://www.linkedin.com/company/northwind") << false;
        QTest::newRow("query") << QStringLiteral("https://www.linkedin.com/in/janedoe?trk=x") << false;
        QTest::newRow("deeper") << QStringLiteral("https://www.linkedin.com/in/janedoe/details") << false;
        QTest::newRow("empty slug") << QStringLiteral("https://www.linkedin.com/in/") << false;
        QTest::newRow("other host") << QStringLiteral("https://www.linkedin.com.evil.example/in/janedoe")
                                    << false;
        QTest::newRow("empty") << QString() << false;
    }
    void linkedInUrlShape()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        QCOMPARE(HeyReachClient::isLinkedInProfileUrl(url), valid);
        if (valid)
            return;
        // A lead with such a URL is refused before anything is sent.
        const auto heyReach = client();
        HeyReachLead bad = lead(QStringLiteral("ignored"));
        bad.profileUrl = url;
        HeyReachAddLeadsRequest request;
        request.campaignId = 1234;
        request.leads = {lead(QStringLiteral("fine-person")), bad};
        const auto added = QCoro::waitFor(heyReach->addLeads(request));
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(added.error().message().contains(QStringLiteral("lead 2")));
        QCOMPARE(log().size(), 0);
    }

    void addLeadsRefusesWhatHeyReachWouldRefuse()
    {
        const auto heyReach = client();
        HeyReachAddLeadsRequest tooMany;
        tooMany.campaignId = 1234;
        for (int i = 0; i < HeyReachClient::kMaxLeadsPerRequest + 1; ++i)
            tooMany.leads.append(lead(QStringLiteral("person-%1").arg(i)));
        auto refused = QCoro::waitFor(heyReach->addLeads(tooMany));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message().contains(QStringLiteral("at most 100")));

        HeyReachAddLeadsRequest twice;
        twice.campaignId = 1234;
        twice.leads = {lead(QStringLiteral("same-person")), lead(QStringLiteral("same-person"))};
        refused = QCoro::waitFor(heyReach->addLeads(twice));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message().contains(QStringLiteral("twice")));

        HeyReachAddLeadsRequest none;
        none.campaignId = 1234;
        refused = QCoro::waitFor(heyReach->addLeads(none));
        QVERIFY(!refused.ok());
        QCOMPARE(log().size(), 0);
    }

    void addAHundredLeads()
    {
        const auto heyReach = client();
        HeyReachAddLeadsRequest request;
        request.campaignId = campaignWithStatus(*heyReach, QStringLiteral("IN_PROGRESS")).id;
        for (int i = 0; i < HeyReachClient::kMaxLeadsPerRequest; ++i)
            request.leads.append(lead(QStringLiteral("person-%1").arg(i)));
        const auto added = QCoro::waitFor(heyReach->addLeads(request));
        QVERIFY(added.ok());
        QCOMPARE(added->added + added->updated + added->failed, 100);
    }

    void addLeadsToADraftIsRefusedByHeyReach()
    {
        const auto heyReach = client();
        HeyReachAddLeadsRequest request;
        request.campaignId = campaignWithStatus(*heyReach, QStringLiteral("DRAFT")).id;
        request.leads = {lead(QStringLiteral("jane-doe"))};
        const auto added = QCoro::waitFor(heyReach->addLeads(request));
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(added.error().httpStatus, 400);
        QCOMPARE(added.error().providerMessage,
                 QStringLiteral("Leads can only be added to an active campaign."));
    }

    void addLeadsIsNeverSentTwice_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("kind");
        QTest::newRow("429") << int(FaultKind::RateLimited) << int(IntegrationError::Kind::RateLimited);
        QTest::newRow("500") << int(FaultKind::ServerError500) << int(IntegrationError::Kind::Server);
        QTest::newRow("503") << int(FaultKind::Unavailable503) << int(IntegrationError::Kind::Server);
    }
    void addLeadsIsNeverSentTwice()
    {
        QFETCH(int, fault);
        QFETCH(int, kind);
        const auto heyReach = client();
        HeyReachAddLeadsRequest request;
        request.campaignId = campaignWithStatus(*heyReach, QStringLiteral("IN_PROGRESS")).id;
        request.leads = {lead(QStringLiteral("jane-doe"))};
        m_sim->clearLog();
        m_sim->scheduleFaults(ProviderId::HeyReach, QStringLiteral("AddLeadsToCampaignV2"),
                              {{FaultKind(fault), 2, 0}});
        const auto added = QCoro::waitFor(heyReach->addLeads(request));
        QVERIFY(!added.ok());
        QCOMPARE(int(added.error().kind), kind);
        QCOMPARE(log().size(), 1);
        if (kind == int(IntegrationError::Kind::RateLimited)) {
            QCOMPARE(added.error().retryAfter, std::optional(2000ms));
            QCOMPARE(added.error().providerMessage,
                     QStringLiteral("Rate limit exceeded: 300 requests per minute."));
        } else {
            QCOMPARE(added.error().providerMessage,
                     QStringLiteral("An internal error occurred while processing your request."));
        }
    }

    // --- pause and resume --------------------------------------------------------------------------

    void pauseAndResume()
    {
        const auto heyReach = client();
        const qint64 running = campaignWithStatus(*heyReach, QStringLiteral("IN_PROGRESS")).id;
        const qint64 paused = campaignWithStatus(*heyReach, QStringLiteral("PAUSED")).id;
        m_sim->clearLog();
        QVERIFY(QCoro::waitFor(heyReach->pauseCampaign(running)).ok());
        QVERIFY(QCoro::waitFor(heyReach->resumeCampaign(paused)).ok());
        const auto requests = log();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).method, QByteArray("POST"));
        QCOMPARE(requests.at(0).path, QStringLiteral("/api/public/campaign/Pause"));
        QCOMPARE(requests.at(0).query, QStringLiteral("campaignId=%1").arg(running));
        QCOMPARE(qint64(bodyOf(requests.at(0)).value(QStringLiteral("campaignId")).toDouble()), running);
        QCOMPARE(requests.at(1).path, QStringLiteral("/api/public/campaign/Resume"));
    }

    void resumingADraftGetsHeyReachsWords()
    {
        const auto heyReach = client();
        const qint64 draft = campaignWithStatus(*heyReach, QStringLiteral("DRAFT")).id;
        const auto resumed = QCoro::waitFor(heyReach->resumeCampaign(draft));
        QVERIFY(!resumed.ok());
        QCOMPARE(resumed.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(resumed.error().message(),
                 QStringLiteral(
                     "HeyReach: The campaign you are trying to resume is not paused, finished or failed."));
        const auto paused = QCoro::waitFor(heyReach->pauseCampaign(draft));
        QVERIFY(!paused.ok());
        QCOMPARE(paused.error().httpStatus, 400);
    }

    // --- leads, senders, stats ---------------------------------------------------------------------

    void campaignLeads()
    {
        const auto heyReach = client();
        const HeyReachCampaign running = campaignWithStatus(*heyReach, QStringLiteral("IN_PROGRESS"));
        HeyReachCampaignLeadsRequest request;
        request.campaignId = running.id;
        const auto page = QCoro::waitFor(heyReach->campaignLeads(request));
        QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error().message()));
        QCOMPARE(page->totalCount, running.progress->totalUsers);
        QCOMPARE(page->items.size(), page->totalCount);
        const HeyReachCampaignLead& pending = page->items.at(0);
        QCOMPARE(pending.campaignStatus, QStringLiteral("Pending"));
        QCOMPARE(pending.connectionStatus, QStringLiteral("None"));
        QVERIFY(!pending.lastActionAt.isValid()); // null: nothing done yet
        QVERIFY(HeyReachClient::isLinkedInProfileUrl(pending.profileUrl));
        QVERIFY(!pending.firstName.isEmpty());
        QVERIFY(pending.senderAccountId);
        // Failed after the invitation was accepted: the three statuses are independent.
        const HeyReachCampaignLead& failed = page->items.at(1);
        QCOMPARE(failed.campaignStatus, QStringLiteral("Failed"));
        QCOMPARE(failed.connectionStatus, QStringLiteral("ConnectionAccepted"));
        QCOMPARE(failed.errorCode, QStringLiteral("ProfileNotReachable"));
        QVERIFY(failed.failedAt.isValid());
        const QJsonObject sent = bodyOf(log().last());
        QCOMPARE(sent, (QJsonObject{{QStringLiteral("campaignId"), double(running.id)},
                                    {QStringLiteral("offset"), 0},
                                    {QStringLiteral("limit"), 100}}));
    }

    void senderAccounts()
    {
        const auto heyReach = client();
        const auto page = QCoro::waitFor(heyReach->senderAccounts(0, 100));
        QVERIFY(page.ok());
        QVERIFY(page->totalCount >= 2);
        QCOMPARE(page->items.size(), page->totalCount);
        for (const HeyReachSenderAccount& account : page->items) {
            QVERIFY(account.id > 0);
            QVERIFY(!account.firstName.isEmpty());
            QVERIFY(account.emailAddress.endsWith(QStringLiteral(".example")));
            QVERIFY(account.isActive);
        }
        QVERIFY(page->items.first().authIsValid);
        QVERIFY(!page->items.last().authIsValid);
        QCOMPARE(log().last().path, QStringLiteral("/api/public/li_account/GetAll"));
    }

    void overallStats()
    {
        const auto heyReach = client();
        HeyReachStatsRequest request;
        request.start = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
        request.end = QDateTime(QDate(2026, 3, 7), QTime(23, 59), Qt::UTC);
        request.campaignIds = {12345};
        const auto stats = QCoro::waitFor(heyReach->overallStats(request));
        QVERIFY2(stats.ok(), stats.ok() ? "" : qPrintable(stats.error().message()));
        QCOMPARE(stats->byDay.size(), 7);
        QCOMPARE(stats->byDay.first().first, QDate(2026, 3, 1));
        QCOMPARE(stats->byDay.last().first, QDate(2026, 3, 7));
        int sent = 0;
        int accepted = 0;
        for (const auto& [day, counters] : stats->byDay) {
            sent += counters.connectionsSent;
            accepted += counters.connectionsAccepted;
            QVERIFY(counters.connectionAcceptanceRate >= 0 && counters.connectionAcceptanceRate <= 1);
        }
        QCOMPARE(stats->overall.connectionsSent, sent);
        QCOMPARE(stats->overall.connectionsAccepted, accepted);
        QCOMPARE(stats->overall.connectionAcceptanceRate, double(accepted) / sent);
        const QJsonObject body = bodyOf(log().last());
        QCOMPARE(body.value(QStringLiteral("startDate")).toString(),
                 QStringLiteral("2026-03-01T00:00:00.000Z"));
        QCOMPARE(body.value(QStringLiteral("endDate")).toString(),
                 QStringLiteral("2026-03-07T23:59:00.000Z"));
        QCOMPARE(body.value(QStringLiteral("campaignIds")).toArray(), QJsonArray{12345});
        QCOMPARE(body.value(QStringLiteral("accountIds")).toArray(), QJsonArray());
    }

    // --- retries and odd answers -------------------------------------------------------------------

    void aRateLimitedReadIsRetried()
    {
        m_sim->scheduleFaults(ProviderId::HeyReach, QStringLiteral("/campaign/GetAll"),
                              {{FaultKind::RateLimited, 1, 0}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const auto heyReach = client();
        const auto page = QCoro::waitFor(heyReach->listCampaigns({}));
        QVERIFY(page.ok());
        QCOMPARE(log().size(), 2);
        QCOMPARE(retries.count(), 1);
        QCOMPARE(retries.first().at(2).value<std::chrono::milliseconds>(), 1000ms); // Retry-After: 1
    }

    void malformedBodyIsADecodeError()
    {
        m_sim->scheduleFaults(ProviderId::HeyReach, QStringLiteral("/li_account/GetAll"),
                              {{FaultKind::MalformedBody, 1, 0}});
        const auto heyReach = client();
        const auto page = QCoro::waitFor(heyReach->senderAccounts());
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, IntegrationError::Kind::Decode);
        QVERIFY(page.error().message().startsWith(
            QStringLiteral("HeyReach sent an answer the console could not read")));
    }

    void oddJsonIsADecodeError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("detail");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("expected a JSON object");
        QTest::newRow("count as text") << QByteArray(R"({"totalCount":"3","items":[]})")
                                       << QStringLiteral("totalCount should be a whole number, not a string");
        QTest::newRow("no items") << QByteArray(R"({"totalCount":0})") << QStringLiteral("items is missing");
        QTest::newRow("item not object") << QByteArray(R"({"totalCount":1,"items":[7]})")
                                         << QStringLiteral("items[0] should be an object, not a number");
        QTest::newRow("id as text") << QByteArray(
                                           R"({"totalCount":1,"items":[{"id":"9","status":"PAUSED"}]})")
                                    << QStringLiteral("items[0].id should be a whole number, not a string");
        QTest::newRow("fractional id")
            << QByteArray(R"({"totalCount":1,"items":[{"id":9.5,"status":"PAUSED"}]})")
            << QStringLiteral("items[0].id should be a whole number, not a number");
        QTest::newRow("no status") << QByteArray(R"({"totalCount":1,"items":[{"id":9}]})")
                                   << QStringLiteral("items[0].status is missing");
        QTest::newRow("bad date")
            << QByteArray(
                   R"({"totalCount":1,"items":[{"id":9,"status":"PAUSED","creationTime":"yesterday"}]})")
            << QStringLiteral("items[0].creationTime \"yesterday\" is not an ISO 8601 time");
        QTest::newRow("bad progress")
            << QByteArray(
                   R"({"totalCount":1,"items":[{"id":9,"status":"PAUSED","progressStats":{"totalUsers":1}}]})")
            << QStringLiteral("items[0].progressStats.totalUsersInProgress is missing");
        QTest::newRow("bad account ids")
            << QByteArray(
                   R"({"totalCount":1,"items":[{"id":9,"status":"PAUSED","campaignAccountIds":["a"]}]})")
            << QStringLiteral("items[0].campaignAccountIds[0] should be a whole number, not a string");
    }
    void oddJsonIsADecodeError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, detail);
        CannedServer server;
        server.answer(body);
        const auto heyReach = client(QStringLiteral("sim-valid"), server.baseUrl());
        const auto page = QCoro::waitFor(heyReach->listCampaigns({}));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(page.error().detail, detail);
        QCOMPARE(page.error().httpStatus, 200);
    }

    void oddAddLeadsAnswerIsADecodeError()
    {
        CannedServer server;
        server.answer(R"({"addedLeadsCount":1,"updatedLeadsCount":0})");
        const auto heyReach = client(QStringLiteral("sim-valid"), server.baseUrl());
        HeyReachAddLeadsRequest request;
        request.campaignId = 5;
        request.leads = {lead(QStringLiteral("jane-doe"))};
        const auto added = QCoro::waitFor(heyReach->addLeads(request));
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(added.error().detail, QStringLiteral("failedLeadsCount is missing"));
    }

    void otherErrorShapesAreRead_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("code");
        QTest::newRow("errorMessage") << QByteArray(R"({"errorMessage":"Campaign is archived."})")
                                      << QStringLiteral("Campaign is archived.") << QString();
        QTest::newRow("error object")
            << QByteArray(
                   R"({"error":{"code":"INVALID_REQUEST","message":"Bad campaign id","details":null}})")
            << QStringLiteral("Bad campaign id") << QStringLiteral("INVALID_REQUEST");
        QTest::newRow("asp.net validation")
            << QByteArray(
                   R"({"title":"One or more validation errors occurred.","errors":{"CampaignId":["The CampaignId field is required."]}})")
            << QStringLiteral("CampaignId: The CampaignId field is required.") << QString();
        QTest::newRow("text") << QByteArray("Bad Request") << QStringLiteral("Bad Request") << QString();
    }
    void otherErrorShapesAreRead()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QFETCH(QString, code);
        CannedServer server;
        server.answer(body, QHttpServerResponse::StatusCode::BadRequest);
        const auto heyReach = client(QStringLiteral("sim-valid"), server.baseUrl());
        const auto one = QCoro::waitFor(heyReach->campaign(5));
        QVERIFY(!one.ok());
        QCOMPARE(one.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(one.error().providerMessage, message);
        QCOMPARE(one.error().providerCode, code);
    }

    void pacingFollowsTheDocumentedLimit()
    {
        const PacingConfig pacing = HeyReachClient::documentedPacing();
        QCOMPARE(pacing.ratePerSecond * 60, 300.0);
        QVERIFY(pacing.burst >= 1);
    }
};

QTEST_GUILESS_MAIN(TestHeyReachClient)
#include "tst_heyreachclient.moc"
