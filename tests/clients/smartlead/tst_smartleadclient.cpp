// SmartleadClient against the provider simulator: campaigns, adding leads in calls of 100 with the
// counts merged, email accounts, warmup and statistics; Smartlead's errors and rate-limit headers; and
// that the api_key query parameter never reaches a log line, an error text or the request log.

#include "integrations/http/httpcore.h"
#include "integrations/smartlead/smartleadclient.h"
#include "integrations/smartlead/smartleadjson.h"
#include "providersimulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

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

template<typename T>
QString describe(const Result<T, IntegrationError>& result)
{
    return result.ok() ? QString() : result.error().message();
}

SmartleadLead lead(const QString& email)
{
    SmartleadLead made;
    made.email = email;
    made.firstName = QStringLiteral("Lee");
    made.companyName = QStringLiteral("Northwind");
    return made;
}

} // namespace

class TestSmartleadClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;

    std::unique_ptr<SmartleadClient> client(const QString& key = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        if (!key.isNull())
            credential.fields.insert(QStringLiteral("api_key"), key);
        auto made = std::make_unique<SmartleadClient>(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Smartlead), credential});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Smartlead); }

    template<typename T>
    static T run(QCoro::Task<T>&& task)
    {
        return QCoro::waitFor(std::move(task));
    }

    SmartleadCampaign firstCampaign()
    {
        const auto campaigns = run(client()->listCampaigns());
        return campaigns.ok() && !campaigns->isEmpty() ? campaigns->first() : SmartleadCampaign{};
    }
    SmartleadEmailAccount account(int index)
    {
        const auto accounts = run(client()->listEmailAccounts());
        return accounts.ok() && accounts->size() > index ? accounts->at(index) : SmartleadEmailAccount{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(3);
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

    void checkValidKeyReadsThePlanFromTheHeaders()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.plan, QStringLiteral("Standard")); // X-RateLimit-Limit: 60
        QVERIFY2(status.summary.startsWith(QStringLiteral("Standard plan · ")), qPrintable(status.summary));
        QVERIFY(status.summary.contains(QStringLiteral("active")));
        QMap<QString, QString> details;
        for (const auto& [label, value] : status.details)
            details.insert(label, value);
        QCOMPARE(details.value(QStringLiteral("Rate limit")), QStringLiteral("60 requests per minute"));
        QVERIFY(details.contains(QStringLiteral("Requests left in window")));
        QVERIFY(details.value(QStringLiteral("Window resets")).endsWith(u'Z'));
        QCOMPARE(costs.size(), 0); // a subscription: never a cost event
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/api/v1/campaigns/"));
        QVERIFY(seen.query.contains(QStringLiteral("api_key=%5BREDACTED%5D")) ||
                seen.query.contains(QStringLiteral("api_key=[REDACTED]")));
    }

    void checkBadKeyIsInvalid()
    {
        const AccountStatus status = run(client(QStringLiteral("sl_wrong_key_000000"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerMessage, QStringLiteral("Invalid or missing API key"));
        QCOMPARE(log().size(), 1);
    }

    void checkOutageIsUnreachable()
    {
        m_sim->scheduleFaults(
            ProviderId::Smartlead, QStringLiteral("/campaigns"),
            {{FaultKind::ServerError500}, {FaultKind::ServerError500}, {FaultKind::ServerError500}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->providerMessage, QStringLiteral("Internal server error"));
    }

    void checkRateLimited()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->providerCode, QStringLiteral("RATE_LIMIT_EXCEEDED"));
        QCOMPARE(status.error->retryAfter, std::optional(1000ms));
        QVERIFY(status.error->providerMessage.startsWith(QStringLiteral("Rate limit exceeded")));
    }

    void checkWithoutKeyIsNotConfigured()
    {
        QCOMPARE(run(client(QString())->checkCredentials()).state, AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    void theKeyIsNeverLoggedNorInAnError()
    {
        const QString secret = QStringLiteral("sl_live_secret_key_never_logged_4242");
        QStringList texts;
        {
            LogCapture capture;
            auto smartlead = client(secret);
            texts.append(run(smartlead->checkCredentials()).summary);
            texts.append(describe(run(smartlead->listCampaigns())));
            texts.append(describe(run(smartlead->addLeads(123, {lead(QStringLiteral("a@x.example"))}))));
            m_sim->scheduleFaults(ProviderId::Smartlead, QStringLiteral("/email-accounts"),
                                  {{FaultKind::ResetMidResponse},
                                   {FaultKind::ResetMidResponse},
                                   {FaultKind::ResetMidResponse}});
            texts.append(describe(run(client()->listEmailAccounts())));
            // A connection reset: Qt's own error text names the URL, query and all.
            m_sim->scheduleFaults(ProviderId::Smartlead, QStringLiteral("/campaigns/1"),
                                  {{FaultKind::ResetMidResponse},
                                   {FaultKind::ResetMidResponse},
                                   {FaultKind::ResetMidResponse}});
            const auto failed = run(smartlead->campaign(1));
            // The reset cuts Smartlead's 401 short: Qt reports either the reset or the status.
            QVERIFY(failed.error().kind == IntegrationError::Kind::Network ||
                    failed.error().kind == IntegrationError::Kind::Auth);
            texts.append(failed.error().message());
            texts.append(failed.error().detail);
            texts.append(LogCapture::lines());
        }
        QVERIFY(texts.size() > 6); // the core's debug lines were captured
        for (const QString& text : texts)
            QVERIFY2(!text.contains(secret), qPrintable(text));
        for (const RecordedRequest& seen : log()) {
            QVERIFY(!seen.query.contains(secret));
            QVERIFY(!seen.path.contains(secret));
        }
    }

    // --- campaigns ---

    void campaignsAreListed()
    {
        const auto campaigns = run(client()->listCampaigns());
        QVERIFY2(campaigns.ok(), qPrintable(describe(campaigns)));
        QVERIFY(campaigns->size() >= 2);
        const SmartleadCampaign& first = campaigns->first();
        QVERIFY(first.id >= 100000);
        QCOMPARE(first.status, SmartleadCampaignStatus::Active);
        QCOMPARE(first.statusText, QStringLiteral("ACTIVE"));
        QVERIFY(first.name.contains(QStringLiteral("outreach")));
        QVERIFY(first.createdAt.isValid());
        QCOMPARE(first.maxLeadsPerDay, 20);
        QCOMPARE(first.minTimeBetweenEmails, 10);
        QCOMPARE(first.stopLeadSettings, QStringLiteral("REPLY_TO_AN_EMAIL"));
        QVERIFY(!first.clientId);
        QVERIFY(first.raw.contains(u"scheduler_cron_value"));
    }

    void oneCampaignIsRead()
    {
        const SmartleadCampaign listed = firstCampaign();
        const auto campaign = run(client()->campaign(listed.id));
        QVERIFY2(campaign.ok(), qPrintable(describe(campaign)));
        QCOMPARE(campaign->id, listed.id);
        QCOMPARE(campaign->name, listed.name);
        QCOMPARE(log().last().path, QStringLiteral("/api/v1/campaigns/%1").arg(listed.id));
    }

    void unknownCampaignIsSmartleadsNotFound()
    {
        const auto campaign = run(client()->campaign(42));
        QVERIFY(!campaign.ok());
        QCOMPARE(campaign.error().httpStatus, 404);
        QCOMPARE(campaign.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(campaign.error().message(), QStringLiteral("Smartlead: Campaign not found."));
    }

    void campaignIsCreated()
    {
        SmartleadNewCampaign fresh;
        fresh.name = QStringLiteral("Spring dentists");
        const auto created = run(client()->createCampaign(fresh));
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        QVERIFY(created->id > 0);
        QCOMPARE(created->name, QStringLiteral("Spring dentists"));
        QVERIFY(created->createdAt.isValid());
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/api/v1/campaigns/create"));
        QCOMPARE(QJsonDocument::fromJson(seen.body).object().value(u"name").toString(), fresh.name);

        const auto untitled = run(client()->createCampaign({}));
        QCOMPARE(untitled->name, QStringLiteral("Untitled Campaign"));
    }

    void campaignStatusCommands_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<QString>("sent");
        QTest::newRow("start / resume") << int(SmartleadCampaignCommand::Start) << QStringLiteral("START");
        QTest::newRow("pause") << int(SmartleadCampaignCommand::Pause) << QStringLiteral("PAUSED");
        QTest::newRow("stop") << int(SmartleadCampaignCommand::Stop) << QStringLiteral("STOPPED");
    }
    void campaignStatusCommands()
    {
        QFETCH(int, command);
        QFETCH(QString, sent);
        const qint64 id = firstCampaign().id;
        m_sim->clearLog();
        const auto done = run(client()->setCampaignStatus(id, SmartleadCampaignCommand(command)));
        QVERIFY2(done.ok(), qPrintable(describe(done)));
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/api/v1/campaigns/%1/status").arg(id));
        QCOMPARE(QJsonDocument::fromJson(seen.body).object().value(u"status").toString(), sent);
    }

    void statusOfUnknownCampaignFails()
    {
        const auto done = run(client()->setCampaignStatus(7, SmartleadCampaignCommand::Pause));
        QCOMPARE(done.error().httpStatus, 404);
    }

    // --- leads ---

    void leadsAreAddedInCallsOfAHundredAndMerged()
    {
        const qint64 id = firstCampaign().id;
        m_sim->clearLog();
        QList<SmartleadLead> leads;
        for (int i = 0; i < 244; ++i)
            leads.append(lead(QStringLiteral("lead%1@northwind.example").arg(i)));
        leads.append(lead(QStringLiteral("known1@northwind.example"))); // already in the campaign
        leads.append(lead(QStringLiteral("known2@northwind.example")));
        leads.append(lead(QStringLiteral("unsub1@northwind.example")));  // unsubscribed
        leads.append(lead(QStringLiteral("no-at-sign.example")));        // invalid
        leads.append(lead(QStringLiteral("lead243@northwind.example"))); // duplicate within its call
        leads.append(lead(
            QStringLiteral("lead0@northwind.example"))); // added by the first call: already in the campaign
        leads.first().customFields = {{QStringLiteral("role"), QStringLiteral("Owner")}};
        SmartleadLeadSettings settings;
        settings.ignoreDuplicateLeadsInOtherCampaign = true;

        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const auto upload = run(client()->addLeads(id, leads, settings));
        QVERIFY2(upload.ok(), qPrintable(describe(upload)));
        QCOMPARE(upload->requested, 250);
        QCOMPARE(upload->submitted, 250);
        QVERIFY(upload->complete());
        QCOMPARE(upload->calls.size(), 3);
        QCOMPARE(upload->calls.at(0).firstLead, 0);
        QCOMPARE(upload->calls.at(1).firstLead, 100);
        QCOMPARE(upload->calls.at(2).firstLead, 200);
        QCOMPARE(upload->calls.at(2).leadCount, 50);
        QCOMPARE(upload->counts.alreadyInCampaign, 3);
        QCOMPARE(upload->counts.unsubscribed, 1);
        QCOMPARE(upload->counts.invalidEmails, 1);
        QCOMPARE(upload->counts.duplicates, 1);
        QCOMPARE(upload->counts.uploaded, 244);
        QCOMPARE(upload->counts.totalInRequest, 250);
        QCOMPARE(upload->calls.at(2).counts.uploaded, 44);
        QCOMPARE(costs.size(), 0);

        const QList<RecordedRequest> seen = log();
        QCOMPARE(seen.size(), 3);
        const QJsonObject body = QJsonDocument::fromJson(seen.first().body).object();
        QCOMPARE(seen.first().path, QStringLiteral("/api/v1/campaigns/%1/leads").arg(id));
        QCOMPARE(body.value(u"lead_list").toArray().size(), 100);
        const QJsonObject first = body.value(u"lead_list").toArray().first().toObject();
        QCOMPARE(first.value(u"email").toString(), QStringLiteral("lead0@northwind.example"));
        QCOMPARE(first.value(u"first_name").toString(), QStringLiteral("Lee"));
        QCOMPARE(first.value(u"company_name").toString(), QStringLiteral("Northwind"));
        QCOMPARE(first.value(u"custom_fields").toObject().value(u"role").toString(), QStringLiteral("Owner"));
        QVERIFY(!first.contains(u"last_name")); // empty fields are left out
        QCOMPARE(
            body.value(u"settings").toObject().value(u"ignore_duplicate_leads_in_other_campaign").toBool(),
            true);
    }

    void aLaterFailureEndsTheUploadAndSaysWhere()
    {
        const qint64 id = firstCampaign().id;
        m_sim->clearLog();
        // One request a second: the second call is refused with a 429, and a POST is not sent again.
        m_sim->setRateLimit(ProviderId::Smartlead, 1, 1);
        QList<SmartleadLead> leads;
        for (int i = 0; i < 150; ++i)
            leads.append(lead(QStringLiteral("p%1@contoso.example").arg(i)));
        const auto upload = run(client()->addLeads(id, leads));
        m_sim->setRateLimit(ProviderId::Smartlead, 0, 0);
        QVERIFY2(upload.ok(), qPrintable(describe(upload)));
        QCOMPARE(upload->submitted, 100);
        QCOMPARE(upload->counts.uploaded, 100);
        QVERIFY(!upload->complete());
        QVERIFY(upload->stoppedBy);
        QCOMPARE(upload->stoppedBy->kind, IntegrationError::Kind::RateLimited);
        QVERIFY(upload->stoppedBy->retryAfter);
        QCOMPARE(log().size(), 2);
    }

    void aFirstFailureIsAnError()
    {
        const auto upload = run(client()->addLeads(99, {lead(QStringLiteral("a@x.example"))}));
        QVERIFY(!upload.ok());
        QCOMPARE(upload.error().httpStatus, 404);
        m_sim->clearLog();
        m_sim->scheduleFaults(ProviderId::Smartlead, QStringLiteral("/leads"), {{FaultKind::ServerError500}});
        const qint64 id = firstCampaign().id;
        const auto failed = run(client()->addLeads(id, {lead(QStringLiteral("a@x.example"))}));
        QCOMPARE(failed.error().kind, IntegrationError::Kind::Server);
        int posts = 0;
        for (const RecordedRequest& seen : log())
            posts += seen.method == "POST";
        QCOMPARE(posts, 1); // not sent again: it may have been added
    }

    void leadsAreCheckedBeforeSending()
    {
        QCOMPARE(run(client()->addLeads(5, {lead(QString())})).error().kind,
                 IntegrationError::Kind::InvalidRequest);
        QCOMPARE(run(client()->addLeads(5, {})).error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
    }

    void addedLeadsAreListedBack()
    {
        const qint64 id = firstCampaign().id;
        QList<SmartleadLead> leads;
        for (int i = 0; i < 3; ++i)
            leads.append(lead(QStringLiteral("p%1@contoso.example").arg(i)));
        leads.first().customFields = {{QStringLiteral("console_message"), QStringLiteral("Hi Lee")}};
        QVERIFY(run(client()->addLeads(id, leads)).ok());
        m_sim->clearLog();
        const auto page = run(client()->campaignLeads(id, 1, 2));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->total, 3);
        QCOMPARE(page->leads.size(), 2);
        QCOMPARE(page->leads.first().email, QStringLiteral("p1@contoso.example"));
        QVERIFY(page->leads.first().addedAt.isValid());
        QVERIFY(!page->leads.first().status.isEmpty());
        QVERIFY(page->leads.first().mapId > 0);
        const auto first = run(client()->campaignLeads(id));
        QCOMPARE(first->leads.first().customFields.value(0).second, QStringLiteral("Hi Lee"));
        QCOMPARE(first->leads.first().firstName, QStringLiteral("Lee"));
        const QList<RecordedRequest> seen = log();
        QCOMPARE(seen.first().method, QByteArray("GET"));
        QCOMPARE(seen.first().path, QStringLiteral("/api/v1/campaigns/%1/leads").arg(id));
        QVERIFY(seen.first().query.contains(QStringLiteral("offset=1")));
        // Out of range is refused before sending; an unknown campaign is Smartlead's 404.
        QVERIFY(!run(client()->campaignLeads(id, 0, 101)).ok());
        QCOMPARE(run(client()->campaignLeads(99)).error().httpStatus, 404);
        QCOMPARE(log().size(), 3);
    }

    void newerAddLeadsAnswersAreRead()
    {
        const auto counts = SmartleadJson::parseLeadCounts(QJsonDocument::fromJson(
            R"({"ok":true,"inserted_count":"12","duplicate_count":1,"blocked_count":2,"unsubscribed_leads":["a@x","b@y"]})"));
        QVERIFY(counts.ok());
        QCOMPARE(counts->uploaded, 12);
        QCOMPARE(counts->duplicates, 1);
        QCOMPARE(counts->blocked, 2);
        QCOMPARE(counts->unsubscribed, 2);
        const auto refused = SmartleadJson::parseLeadCounts(
            QJsonDocument::fromJson(R"({"ok":false,"message":"Campaign is archived"})"));
        QCOMPARE(refused.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(refused.error().providerMessage, QStringLiteral("Campaign is archived"));
    }

    // --- email accounts and warmup ---

    void emailAccountsAreListed()
    {
        const auto accounts = run(client()->listEmailAccounts(0, 100));
        QVERIFY2(accounts.ok(), qPrintable(describe(accounts)));
        QCOMPARE(accounts->size(), 5);
        const SmartleadEmailAccount& first = accounts->first();
        QVERIFY(first.id > 0);
        QVERIFY(first.fromEmail.endsWith(QStringLiteral("@mail1.agency.example")));
        QCOMPARE(first.username, first.fromEmail);
        QCOMPARE(first.type, QStringLiteral("SMTP"));
        QCOMPARE(first.smtpPort, 587);
        QCOMPARE(first.imapPort, 993);
        QCOMPARE(first.messagesPerDay, 40);
        QVERIFY(first.smtpOk && first.imapOk);
        QVERIFY(!accounts->at(2).imapOk);
        QVERIFY(first.warmup);
        QVERIFY(!accounts->last().warmup);
        const QUrlQuery sent(log().first().query);
        QCOMPARE(sent.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
        QCOMPARE(log().first().path, QStringLiteral("/api/v1/email-accounts/"));
        QCOMPARE(run(client()->listEmailAccounts(0, 101)).error().kind,
                 IntegrationError::Kind::InvalidRequest);
    }

    void oneEmailAccountIsRead()
    {
        const SmartleadEmailAccount listed = account(1);
        const auto found = run(client()->emailAccount(listed.id));
        QVERIFY2(found.ok(), qPrintable(describe(found)));
        QCOMPARE(found->fromEmail, listed.fromEmail);
        QCOMPARE(log().last().path, QStringLiteral("/api/v1/email-accounts/%1/").arg(listed.id));
        QCOMPARE(run(client()->emailAccount(3)).error().httpStatus, 404);
    }

    void emailAccountIsCreated()
    {
        SmartleadNewEmailAccount mailbox;
        mailbox.fromName = QStringLiteral("Sam at Agency");
        mailbox.fromEmail = QStringLiteral("sam@mail9.agency.example");
        mailbox.username = mailbox.fromEmail;
        mailbox.password = QStringLiteral("mailbox-password-Zq81");
        mailbox.smtpHost = QStringLiteral("smtp.agency.example");
        mailbox.imapHost = QStringLiteral("imap.agency.example");
        mailbox.maxEmailPerDay = 30;
        mailbox.warmupEnabled = true;
        const auto created = run(client()->createEmailAccount(mailbox));
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        QVERIFY(created->id > 0);
        QCOMPARE(created->message, QStringLiteral("Email account added successfully!"));
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/api/v1/email-accounts/save"));
        const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
        QCOMPARE(body.value(u"user_name").toString(), mailbox.username);
        QCOMPARE(body.value(u"smtp_port").toInt(), 587);
        QCOMPARE(body.value(u"max_email_per_day").toInt(), 30);
        QVERIFY(body.value(u"id").isNull());
        QVERIFY(!seen.body.contains(mailbox.password.toUtf8())); // masked in the request log too

        SmartleadNewEmailAccount incomplete = mailbox;
        incomplete.password.clear();
        QCOMPARE(run(client()->createEmailAccount(incomplete)).error().kind,
                 IntegrationError::Kind::InvalidRequest);
    }

    void warmupSettingsAreRead()
    {
        const auto warmup = run(client()->warmupSettings(account(0).id));
        QVERIFY2(warmup.ok(), qPrintable(describe(warmup)));
        QVERIFY(warmup->enabled);
        QCOMPARE(warmup->status, QStringLiteral("ACTIVE"));
        QCOMPARE(warmup->minPerDay, 5);
        QCOMPARE(warmup->maxPerDay, 20);
        QCOMPARE(warmup->replyRate, QStringLiteral("30"));
        QVERIFY(warmup->reputation.endsWith(u'%'));
        QVERIFY(warmup->warmupKeyId.startsWith(QStringLiteral("key-")));
        const auto none = run(client()->warmupSettings(account(4).id));
        QVERIFY(none.ok());
        QVERIFY(!none->enabled);
    }

    void warmupIsUpdated()
    {
        const qint64 id = account(0).id;
        m_sim->clearLog();
        SmartleadWarmupUpdate update;
        update.enabled = true;
        update.totalPerDay = 25;
        update.dailyRampup = 2;
        update.replyRatePercentage = 35;
        const auto done = run(client()->updateWarmup(id, update));
        QVERIFY2(done.ok(), qPrintable(describe(done)));
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/api/v1/email-accounts/%1/warmup").arg(id));
        const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
        QCOMPARE(body.value(u"warmup_enabled").toBool(), true);
        QCOMPARE(body.value(u"total_warmup_per_day").toInt(), 25);
        QCOMPARE(body.value(u"daily_rampup").toInt(), 2);
        QCOMPARE(body.value(u"reply_rate_percentage").toInt(), 35);
        QVERIFY(!body.contains(u"warmup_key_id"));

        update.replyRatePercentage = 150;
        QCOMPARE(run(client()->updateWarmup(id, update)).error().kind,
                 IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 1);
    }

    void warmupStatsAreRead()
    {
        const SmartleadEmailAccount mailbox = account(1);
        const auto stats = run(client()->warmupStats(mailbox.id));
        QVERIFY2(stats.ok(), qPrintable(describe(stats)));
        QCOMPARE(stats->id, mailbox.id);
        QCOMPARE(stats->days.size(), 7);
        int sent = 0;
        for (const SmartleadWarmupDay& day : stats->days) {
            QVERIFY(day.date.isValid());
            sent += day.sent;
        }
        QCOMPARE(stats->sent, sent); // the top-level counts came as strings
        QCOMPARE(stats->inbox, stats->sent - stats->spam);
        QVERIFY(stats->days.first().date < stats->days.last().date);
    }

    // --- statistics ---

    void analyticsAreRead()
    {
        const SmartleadCampaign campaign = firstCampaign();
        const auto analytics = run(client()->campaignAnalytics(campaign.id));
        QVERIFY2(analytics.ok(), qPrintable(describe(analytics)));
        QCOMPARE(analytics->id, campaign.id);
        QCOMPARE(analytics->name, campaign.name);
        QVERIFY(analytics->sent > 0);
        QCOMPARE(analytics->opens, analytics->sent / 2);
        QCOMPARE(analytics->bounces, 3);
        QCOMPARE(analytics->leadsCompleted, 35);
        QCOMPARE(analytics->totalLeads, analytics->sent * 2 + analytics->totalLeads % 2);
    }

    void statisticsArePaged()
    {
        const qint64 id = firstCampaign().id;
        m_sim->clearLog();
        SmartleadStatisticsQuery query;
        query.limit = 10;
        const auto page = run(client()->campaignStatistics(id, query));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->total, 37);
        QCOMPARE(page->rows.size(), 10);
        const SmartleadEmailStatistic& first = page->rows.first();
        QVERIFY(first.leadEmail.endsWith(QStringLiteral(".example")));
        QVERIFY(first.sentAt.isValid());
        QVERIFY(first.openedAt.isValid());
        QCOMPARE(first.openCount, 2);

        query.emailStatus = QStringLiteral("replied");
        query.sequenceNumber = 1;
        const auto replied = run(client()->campaignStatistics(id, query));
        QVERIFY(replied.ok());
        for (const SmartleadEmailStatistic& row : replied->rows)
            QVERIFY(row.repliedAt.isValid());
        const QUrlQuery sent(log().last().query);
        QCOMPARE(sent.queryItemValue(QStringLiteral("email_status")), QStringLiteral("replied"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("email_sequence_number")), QStringLiteral("1"));
        query.emailStatus = QStringLiteral("loved");
        QCOMPARE(run(client()->campaignStatistics(id, query)).error().kind,
                 IntegrationError::Kind::InvalidRequest);
    }

    // --- errors, rate limits, odd JSON ---

    void getIsRetriedAfterARateLimit()
    {
        m_sim->scheduleFaults(ProviderId::Smartlead, QStringLiteral("/campaigns"),
                              {{FaultKind::RateLimited, 2}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        QVERIFY(run(client()->listCampaigns()).ok());
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).value<std::chrono::milliseconds>(), 2000ms);
    }

    void resetTimestampGivesTheWait()
    {
        HttpResponse response;
        response.status = 429;
        const qint64 reset = QDateTime::currentSecsSinceEpoch() + 30;
        response.headers = {{"X-RateLimit-Reset", QByteArray::number(reset)}};
        const auto wait = client()->endpoint().readRetryAfter(response);
        QVERIFY(wait);
        QVERIFY(*wait > 28s && *wait <= 30s);
    }

    void errorBodiesAreRead()
    {
        const ProviderErrorInfo text = SmartleadJson::parseError(404, "Cannot GET /api/v1/nothing");
        QCOMPARE(text.message, QStringLiteral("Cannot GET /api/v1/nothing"));
        const ProviderErrorInfo nested = SmartleadJson::parseError(
            429,
            R"({"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests.","retry_after":30}})");
        QCOMPARE(nested.code, QStringLiteral("RATE_LIMIT_EXCEEDED"));
        QCOMPARE(nested.message, QStringLiteral("Too many requests."));
        QCOMPARE(SmartleadJson::parseError(422, R"({"error":"Invalid parameters provided"})").message,
                 QStringLiteral("Invalid parameters provided"));
        QCOMPARE(SmartleadJson::parseError(400, R"({"err":"bad"})").message, QStringLiteral("bad"));
        QVERIFY(SmartleadJson::parseError(200, R"({"name":"x"})").message.isEmpty());
    }

    void unknownAccountIsNotFound()
    {
        const auto stats = run(client()->warmupStats(1));
        QCOMPARE(stats.error().httpStatus, 404);
        QCOMPARE(stats.error().providerMessage, QStringLiteral("Email account not found"));
    }

    void oddJsonIsADecodeError_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("detail");
        QTest::newRow("object for a list")
            << QByteArray(R"({"data":[]})") << QStringLiteral("campaigns is not an array");
        QTest::newRow("id a word") << QByteArray(R"([{"id":"abc","name":"x"}])")
                                   << QStringLiteral("campaigns[0].id is not a whole number");
        QTest::newRow("no id") << QByteArray(R"([{"name":"x"}])")
                               << QStringLiteral("campaigns[0].id is not a whole number");
        QTest::newRow("name an object")
            << QByteArray(R"([{"id":1,"name":{}}])") << QStringLiteral("campaigns[0].name is not a string");
    }
    void oddJsonIsADecodeError()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, detail);
        const auto campaigns = SmartleadJson::parseCampaigns(QJsonDocument::fromJson(json));
        QVERIFY(!campaigns.ok());
        QCOMPARE(campaigns.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(campaigns.error().detail, detail);
    }

    void malformedAnswerIsADecodeError()
    {
        m_sim->scheduleFaults(ProviderId::Smartlead, QStringLiteral("/email-accounts"),
                              {{FaultKind::MalformedBody}});
        QCOMPARE(run(client()->listEmailAccounts()).error().kind, IntegrationError::Kind::Decode);
        const auto warmup = SmartleadJson::parseWarmupStats(
            QJsonDocument::fromJson(R"({"sent_count":"12","stats_by_date":[{"date":"someday"}]})"));
        QCOMPARE(warmup.error().detail, QStringLiteral("warmup.stats_by_date[0].date is not a date"));
    }

    void pacingFollowsTheStandardTier()
    {
        const PacingConfig pacing = SmartleadClient::documentedPacing();
        QVERIFY(qAbs(pacing.ratePerSecond * 3600 - 1000) < 1e-6);
        QCOMPARE(pacing.burst, 10.0);
    }
};

QTEST_GUILESS_MAIN(TestSmartleadClient)
#include "tst_smartleadclient.moc"
