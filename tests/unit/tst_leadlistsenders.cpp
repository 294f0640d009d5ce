// Smartlead (email) and HeyReach (LinkedIn) senders through the campaign runner against the simulator:
// a small campaign adds its leads with the rendered message as a custom field, and the preview is the
// body the simulator received; a lead already in the campaign that is not ours fails with the reason;
// a recipient without the channel's field never reaches a request; 5xx and 429 fail retryably, 401 for
// good; after a crash, leads found in the campaign are proven sent with no second add, leads absent are
// sent again; the follow-up reads each lead's state. And the factory's setting checks.

#include "engine/campaignjournal.h"
#include "engine/campaignrunner.h"
#include "engine/campaignsenderfactory.h"
#include "engine/leadlistsenders.h"
#include "engine/ledger.h"
#include "engine/recipientvalidator.h"
#include "integrations/heyreach/heyreachclient.h"
#include "integrations/smartlead/smartleadclient.h"
#include "ledgertestsupport.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;
using namespace std::chrono_literals;

namespace {

QList<sim::RecordedRequest> addRequests(const sim::ProviderSimulator& simulator, ProviderId provider)
{
    QList<sim::RecordedRequest> list;
    for (const sim::RecordedRequest& request : simulator.requestLog(provider)) {
        if (request.method == "POST" &&
            (request.path.endsWith(u"/leads") || request.path.endsWith(u"AddLeadsToCampaignV2")))
            list.append(request);
    }
    return list;
}

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject emailPerson(const QString& email, bool withCompany = true)
{
    QJsonObject fields{{QStringLiteral("email"), email},
                       {QStringLiteral("first_name"), email.section(u'@', 0, 0)},
                       {QStringLiteral("last_name"), QStringLiteral("Smith")}};
    if (withCompany)
        fields.insert(QStringLiteral("company"), QStringLiteral("Acme"));
    return fields;
}

QJsonObject linkedInPerson(const QString& slug, bool withCompany = true)
{
    QJsonObject fields{{QStringLiteral("linkedin_url"), QStringLiteral("linkedin.com/in/%1/").arg(slug)},
                       {QStringLiteral("name"), QStringLiteral("Jo %1").arg(slug)}};
    if (withCompany)
        fields.insert(QStringLiteral("company"), QStringLiteral("Bolt"));
    return fields;
}

// Every lead key (email or profile URL) an add request carried.
QStringList leadsIn(const QByteArray& body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QStringList keys;
    for (const QJsonValue& lead : object.value(u"lead_list").toArray())
        keys.append(lead.toObject().value(u"email").toString());
    for (const QJsonValue& pair : object.value(u"accountLeadPairs").toArray())
        keys.append(pair.toObject().value(u"lead").toObject().value(u"profileUrl").toString());
    return keys;
}

} // namespace

class TestLeadListSenders : public QObject
{
    Q_OBJECT

    struct Rig
    {
        std::unique_ptr<QTemporaryDir> dir;
        std::unique_ptr<test::SimulatedProviders> providers;
        std::unique_ptr<Database> database;
        std::unique_ptr<CampaignJournal> journal;
        std::unique_ptr<CampaignSender> sender;
        std::unique_ptr<CampaignRunner> runner;
        CampaignId campaign = 0;
        qint64 providerCampaign = 0;
    };

    sim::ProviderSimulator m_sim{23};

    static qint64 smartleadCampaign(test::SimulatedProviders& providers)
    {
        auto client = QCoro::waitFor(providers.hub.client(ProviderId::Smartlead, Profile::Sandbox));
        auto smartlead = std::dynamic_pointer_cast<SmartleadClient>(client.value());
        const auto campaigns = QCoro::waitFor(smartlead->listCampaigns());
        return campaigns && !campaigns->isEmpty() ? campaigns->first().id : 0;
    }

    static qint64 heyReachCampaign(test::SimulatedProviders& providers)
    {
        auto client = QCoro::waitFor(providers.hub.client(ProviderId::HeyReach, Profile::Sandbox));
        auto heyReach = std::dynamic_pointer_cast<HeyReachClient>(client.value());
        HeyReachListCampaignsRequest request;
        request.statuses = {QStringLiteral("IN_PROGRESS")};
        const auto campaigns = QCoro::waitFor(heyReach->listCampaigns(request));
        return campaigns && !campaigns->items.isEmpty() ? campaigns->items.first().id : 0;
    }

    // The providers on the simulator, a journal, one campaign of `recipients` and its runner, with the
    // sender the factory builds from `extra` sender settings (campaign_id filled in).
    std::unique_ptr<Rig> rig(CampaignChannel channel, const QList<QJsonObject>& recipients,
                             QJsonObject extra = {}, const QString& key = QStringLiteral("sim-valid"))
    {
        auto r = std::make_unique<Rig>();
        r->dir = std::make_unique<QTemporaryDir>();
        r->providers = std::make_unique<test::SimulatedProviders>(
            m_sim, r->dir->filePath(QStringLiteral("settings.ini")));
        auto opened =
            Database::open(DatabaseConfig::sqlite(r->dir->filePath(QStringLiteral("ledger.sqlite"))));
        if (!opened)
            return nullptr;
        r->database = std::move(opened).value();
        r->journal = std::make_unique<CampaignJournal>(*r->database);
        const bool email = channel == CampaignChannel::Email;
        const ProviderId provider = email ? ProviderId::Smartlead : ProviderId::HeyReach;
        r->providers->use(provider, {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}});
        r->providers->core.setPacing(provider, PacingConfig{100, 10, 0});
        r->providerCampaign = email ? smartleadCampaign(*r->providers) : heyReachCampaign(*r->providers);
        if (r->providerCampaign == 0)
            return nullptr;
        if (key != u"sim-valid") {
            // A fresh hub: the key is read when a client is made.
            r->providers = std::make_unique<test::SimulatedProviders>(
                m_sim, r->dir->filePath(QStringLiteral("settings2.ini")));
            r->providers->use(provider, {{QStringLiteral("api_key"), key}});
        }
        QJsonObject senderJson = extra;
        senderJson.insert(QStringLiteral("campaign_id"), double(r->providerCampaign));
        if (email) {
            senderJson.insert(QStringLiteral("provider"), QStringLiteral("smartlead"));
            senderJson.insert(QStringLiteral("subject"), QStringLiteral("For {{first_name}}"));
        }
        auto client = QCoro::waitFor(r->providers->hub.client(provider, Profile::Sandbox));
        if (!client)
            return nullptr;
        if (auto smartlead = std::dynamic_pointer_cast<SmartleadClient>(client.value()))
            smartlead->setRetryTimeScale(0.001);
        if (auto heyReach = std::dynamic_pointer_cast<HeyReachClient>(client.value()))
            heyReach->setRetryTimeScale(0.001);
        auto made = makeCampaignSender(channel, senderJson, client.value());
        if (!made) {
            qWarning() << made.error();
            return nullptr;
        }
        r->sender = std::move(made).value();

        NewCampaign campaign;
        campaign.name = QStringLiteral("Leads");
        campaign.channel = channel;
        campaign.sender = senderJson;
        campaign.messageTemplate = email ? QStringLiteral("Hi {{first_name}}, about {{company}}.")
                                         : QStringLiteral("Hi {{name}}, about {{company}}.");
        auto created = r->journal->createCampaign(campaign);
        if (!created)
            return nullptr;
        r->campaign = created->id;
        QList<NewItem> items;
        for (const QJsonObject& fields : recipients) {
            RecipientFields row;
            for (auto it = fields.begin(); it != fields.end(); ++it)
                row.insert(it.key(), it.value().toString());
            auto valid = RecipientValidator::validate(channel, row);
            if (!valid)
                return nullptr;
            QJsonObject normalised;
            for (auto it = valid->fields.begin(); it != valid->fields.end(); ++it)
                normalised.insert(it.key(), it.value());
            items.append(NewItem{valid->key, normalised, 0});
        }
        if (!r->journal->addItems(r->campaign, items))
            return nullptr;
        r->runner = std::make_unique<CampaignRunner>(*r->database, *r->journal, *r->sender);
        r->runner->setPollInterval(20ms);
        if (!r->runner->open(r->campaign))
            return nullptr;
        return r;
    }

    QList<JournalItem> itemsOf(Rig& r)
    {
        ItemPage page;
        page.limit = 10000;
        auto items = r.journal->items(r.campaign, page);
        return items ? items.value() : QList<JournalItem>();
    }

    static bool finished(const Rig& r) { return r.runner->state() != CampaignRunner::State::Running; }

    QList<OutgoingMessage> rendered(Rig& r, const QList<JournalItem>& items)
    {
        QList<OutgoingMessage> messages;
        for (const JournalItem& item : items) {
            auto message = r.runner->render(item);
            if (message)
                messages.append(message.value());
        }
        return messages;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }
    void init() { m_sim.reset(); }

    void smartleadCampaignAddsLeadsAsPreviewed()
    {
        auto r = rig(CampaignChannel::Email,
                     {emailPerson(QStringLiteral("ann@acme.com.au")),
                      emailPerson(QStringLiteral("bounced.bo@acme.com.au")),
                      emailPerson(QStringLiteral("known.cy@acme.com.au")), // in the campaign long before
                      emailPerson(QStringLiteral("dee@acme.com.au"), false)},
                     QJsonObject{{QStringLiteral("subject_field"), QStringLiteral("console_subject")}});
        QVERIFY(r);
        QList<JournalItem> items = itemsOf(*r);
        QCOMPARE(items.size(), 4);
        // Dee has no company: her message would have a hole, so she is never part of a request.
        QVERIFY(!r->runner->render(items.at(3)));
        const QByteArray preview = r->sender->payload(rendered(*r, items.mid(0, 3)));

        m_sim.clearLog();
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const auto adds = addRequests(m_sim, ProviderId::Smartlead);
        QCOMPARE(adds.size(), 1);
        QCOMPARE(adds.first().path, QStringLiteral("/api/v1/campaigns/%1/leads").arg(r->providerCampaign));
        QCOMPARE(adds.first().body, preview); // byte for byte
        const QJsonObject first =
            QJsonDocument::fromJson(preview).object().value(u"lead_list").toArray().first().toObject();
        QCOMPARE(first.value(u"first_name").toString(), QStringLiteral("ann"));
        QCOMPARE(first.value(u"last_name").toString(), QStringLiteral("Smith"));
        QCOMPARE(first.value(u"company_name").toString(), QStringLiteral("Acme"));
        const QJsonObject custom = first.value(u"custom_fields").toObject();
        QCOMPARE(custom.value(u"console_message").toString(), QStringLiteral("Hi ann, about Acme."));
        QCOMPARE(custom.value(u"console_subject").toString(), QStringLiteral("For ann"));
        QCOMPARE(custom.value(u"console_ref").toString(), items.first().idempotencyKey);
        QVERIFY(!adds.first().body.contains("dee@"));
        QVERIFY(!adds.first().query.contains(QStringLiteral("sim-valid"))); // the log is redacted

        items = itemsOf(*r);
        QCOMPARE(items.at(0).state, ItemState::Sent);
        QCOMPARE(items.at(0).providerRef, QStringLiteral("ann@acme.com.au"));
        QCOMPARE(items.at(1).state, ItemState::Sent);
        QCOMPARE(items.at(2).state, ItemState::Failed); // not ours: Smartlead did not add it again
        QVERIFY2(items.at(2).error.contains(QStringLiteral("Already in the Smartlead campaign")),
                 qPrintable(items.at(2).error));
        QVERIFY(!items.at(2).retryable);
        QCOMPARE(items.at(3).state, ItemState::Failed);
        QCOMPARE(items.at(3).attempts, 0);

        // Follow-up: each lead's state in the campaign; bounced is final.
        m_sim.clearLog();
        const QList<DeliveryStatus> statuses = QCoro::waitFor(r->runner->followUp(nullptr, nullptr));
        QCOMPARE(statuses.size(), 2);
        QCOMPARE(statuses.at(0).status, QStringLiteral("IN_PROGRESS"));
        QVERIFY(!statuses.at(0).final);
        QCOMPARE(statuses.at(1).status, QStringLiteral("BOUNCED"));
        QVERIFY(statuses.at(1).final);
        QCOMPARE(m_sim.requestLog(ProviderId::Smartlead).size(), 1); // one listing serves both

        // The price: a subscription, nothing per message.
        const PriceQuote quote =
            QCoro::waitFor(r->sender->quote(rendered(*r, items.mid(0, 3)), CancelToken()));
        QVERIFY(quote.total.isValid());
        QVERIFY(quote.total.isZero());
        QVERIFY2(quote.basis.contains(QStringLiteral("subscription")), qPrintable(quote.basis));
        QVERIFY(r->sender->requestLine(3).contains(QStringLiteral("api_key=[REDACTED]")));
    }

    void heyReachCampaignAddsLeadsAsPreviewed()
    {
        auto r = rig(CampaignChannel::LinkedIn, {linkedInPerson(QStringLiteral("ann-lee")),
                                                 linkedInPerson(QStringLiteral("bo-finished")),
                                                 linkedInPerson(QStringLiteral("cy-nocompany"), false)});
        QVERIFY(r);
        QList<JournalItem> items = itemsOf(*r);
        QCOMPARE(items.first().recipientKey, QStringLiteral("https://www.linkedin.com/in/ann-lee"));
        const QByteArray preview = r->sender->payload(rendered(*r, items.mid(0, 2)));
        m_sim.clearLog();
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const auto adds = addRequests(m_sim, ProviderId::HeyReach);
        QCOMPARE(adds.size(), 1);
        QCOMPARE(adds.first().body, preview);
        const QJsonObject pair =
            QJsonDocument::fromJson(preview).object().value(u"accountLeadPairs").toArray().first().toObject();
        QVERIFY(!pair.contains(u"linkedInAccountId")); // none set: HeyReach picks the seat
        const QJsonObject lead = pair.value(u"lead").toObject();
        QCOMPARE(lead.value(u"profileUrl").toString(), QStringLiteral("https://www.linkedin.com/in/ann-lee"));
        QCOMPARE(lead.value(u"firstName").toString(), QStringLiteral("Jo"));
        QCOMPARE(lead.value(u"lastName").toString(), QStringLiteral("ann-lee"));
        QCOMPARE(lead.value(u"companyName").toString(), QStringLiteral("Bolt"));
        const QJsonArray custom = lead.value(u"customUserFields").toArray();
        QCOMPARE(custom.first().toObject().value(u"name").toString(), QStringLiteral("console_message"));
        QCOMPARE(custom.first().toObject().value(u"value").toString(),
                 QStringLiteral("Hi Jo ann-lee, about Bolt."));

        items = itemsOf(*r);
        QCOMPARE(items.at(0).state, ItemState::Sent);
        QCOMPARE(items.at(1).state, ItemState::Sent);
        QCOMPARE(items.at(2).state, ItemState::Failed);
        QCOMPARE(items.at(2).attempts, 0);

        const QList<DeliveryStatus> statuses = QCoro::waitFor(r->runner->followUp(nullptr, nullptr));
        QCOMPARE(statuses.size(), 2);
        QVERIFY2(statuses.at(0).status.startsWith(QStringLiteral("InSequence")),
                 qPrintable(statuses.at(0).status));
        QVERIFY(!statuses.at(0).final);
        QVERIFY(statuses.at(1).status.startsWith(QStringLiteral("Finished")));
        QVERIFY(statuses.at(1).final);
    }

    void heyReachLeadHeyReachRefusesIsFailed()
    {
        // A seat that is not the account's: HeyReach counts each lead failed and adds none.
        auto r = rig(CampaignChannel::LinkedIn, {linkedInPerson(QStringLiteral("ann-lee"))},
                     QJsonObject{{QStringLiteral("linkedin_account_id"), 7}});
        QVERIFY(r);
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        const JournalItem item = itemsOf(*r).first();
        QCOMPARE(item.state, ItemState::Failed);
        QVERIFY2(item.error.contains(QStringLiteral("1 failed")), qPrintable(item.error));
        const QJsonObject pair =
            QJsonDocument::fromJson(addRequests(m_sim, ProviderId::HeyReach).first().body)
                .object()
                .value(u"accountLeadPairs")
                .toArray()
                .first()
                .toObject();
        QCOMPARE(pair.value(u"linkedInAccountId").toInt(), 7);
    }

    void recipientWithoutTheChannelsFieldIsRefused()
    {
        RecipientFields noEmail{{QStringLiteral("first_name"), QStringLiteral("Ann")}};
        QVERIFY(!RecipientValidator::validate(CampaignChannel::Email, noEmail));
        RecipientFields noProfile{{QStringLiteral("email"), QStringLiteral("ann@acme.com.au")}};
        auto refused = RecipientValidator::validate(CampaignChannel::LinkedIn, noProfile);
        QVERIFY(!refused);
        QCOMPARE(refused.error().first().field, QStringLiteral("linkedin_url"));
        RecipientFields companyPage{
            {QStringLiteral("linkedin_url"), QStringLiteral("https://www.linkedin.com/company/acme")}};
        QVERIFY(!RecipientValidator::validate(CampaignChannel::LinkedIn, companyPage));
        QVERIFY(m_sim.requestLog(ProviderId::HeyReach).isEmpty());
        QVERIFY(m_sim.requestLog(ProviderId::Smartlead).isEmpty());
    }

    void refusalsMapToOutcomes_data()
    {
        QTest::addColumn<int>("channel");
        QTest::addColumn<int>("fault"); // -1: a wrong key
        QTest::addColumn<bool>("retryable");
        QTest::addColumn<bool>("rateLimited");
        for (const int channel : {int(CampaignChannel::Email), int(CampaignChannel::LinkedIn)}) {
            const char* name = channel == int(CampaignChannel::Email) ? "smartlead" : "heyreach";
            QTest::addRow("%s 500", name) << channel << int(sim::FaultKind::ServerError500) << true << false;
            QTest::addRow("%s 503", name) << channel << int(sim::FaultKind::Unavailable503) << true << false;
            QTest::addRow("%s 429", name) << channel << int(sim::FaultKind::RateLimited) << true << true;
            QTest::addRow("%s 401", name) << channel << -1 << false << false;
        }
    }
    void refusalsMapToOutcomes()
    {
        QFETCH(int, channel);
        QFETCH(int, fault);
        QFETCH(bool, retryable);
        QFETCH(bool, rateLimited);
        const auto kind = CampaignChannel(channel);
        const QJsonObject person = kind == CampaignChannel::Email
                                       ? emailPerson(QStringLiteral("ann@acme.com.au"))
                                       : linkedInPerson(QStringLiteral("ann-lee"));
        auto r = rig(kind, {person, person}, {},
                     fault < 0 ? QStringLiteral("sim-wrong") : QStringLiteral("sim-valid"));
        QVERIFY(r);
        const ProviderId provider = r->sender->provider();
        if (fault >= 0)
            m_sim.scheduleFaults(provider,
                                 kind == CampaignChannel::Email ? QStringLiteral("/leads")
                                                                : QStringLiteral("AddLeadsToCampaignV2"),
                                 {{sim::FaultKind(fault), 1, 0}});
        m_sim.clearLog();
        const QList<OutgoingMessage> messages = rendered(*r, itemsOf(*r).mid(0, 1));
        const auto outcomes =
            QCoro::waitFor(r->sender->send(messages, r->sender->requestKey(messages), CancelToken()));
        QCOMPARE(outcomes.size(), 1);
        QCOMPARE(outcomes.first().kind, SendOutcome::Kind::Failed);
        QCOMPARE(outcomes.first().retryable, retryable);
        QCOMPARE(outcomes.first().rateLimited, rateLimited);
        QVERIFY(!outcomes.first().error.isEmpty());
        QCOMPARE(addRequests(m_sim, provider).size(), 1); // an add is never sent twice by the client
    }

    void crashedSmartleadSendIsReconciledWithoutASecondAdd()
    {
        auto r = rig(CampaignChannel::Email, {emailPerson(QStringLiteral("ann@acme.com.au")),
                                              emailPerson(QStringLiteral("bo@acme.com.au")),
                                              emailPerson(QStringLiteral("cy@acme.com.au")),
                                              emailPerson(QStringLiteral("known.dee@acme.com.au")),
                                              emailPerson(QStringLiteral("ed@acme.com.au"))});
        QVERIFY(r);
        const QList<JournalItem> items = itemsOf(*r);
        // A console added Ann and Bo in one request and died before recording the answer; Cy's and
        // Dee's request was begun but never left.
        const QList<OutgoingMessage> lost = rendered(*r, items.mid(0, 2));
        const QString lostKey = r->sender->requestKey(lost);
        for (const OutgoingMessage& message : lost)
            QVERIFY(r->journal->beginSend(message.item, lostKey));
        QCOMPARE(QCoro::waitFor(r->sender->send(lost, lostKey, CancelToken())).first().kind,
                 SendOutcome::Kind::Sent);
        const QList<OutgoingMessage> unsent = rendered(*r, items.mid(2, 2));
        const QString unsentKey = r->sender->requestKey(unsent);
        for (const OutgoingMessage& message : unsent)
            QVERIFY(r->journal->beginSend(message.item, unsentKey));
        // Dee is in the campaign from long before (someone else's lead).
        {
            const auto other =
                QCoro::waitFor(r->sender->send(unsent.mid(1), QStringLiteral("x"), CancelToken()));
            QCOMPARE(other.first().kind, SendOutcome::Kind::Failed);
        }

        m_sim.clearLog();
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const ReconcileReport report = r->runner->lastReconcile();
        QCOMPARE(report.examined, 4);
        QCOMPARE(report.sent, 2);       // Ann and Bo: found with our reference
        QCOMPARE(report.failed, 1);     // Dee: there before, not ours
        QCOMPARE(report.unresolved, 1); // Cy: provably absent, released and sent now
        const QList<JournalItem> after = itemsOf(*r);
        QCOMPARE(after.at(0).state, ItemState::Sent);
        QCOMPARE(after.at(1).state, ItemState::Sent);
        QCOMPARE(after.at(2).state, ItemState::Sent);
        QCOMPARE(after.at(3).state, ItemState::Failed);
        QCOMPARE(after.at(4).state, ItemState::Sent);
        QStringList added;
        for (const auto& request : addRequests(m_sim, ProviderId::Smartlead))
            added += leadsIn(request.body);
        added.sort();
        QCOMPARE(added, (QStringList{QStringLiteral("cy@acme.com.au"), QStringLiteral("ed@acme.com.au")}));
    }

    void crashedHeyReachSendIsReconciledWithoutASecondAdd()
    {
        auto r = rig(CampaignChannel::LinkedIn,
                     {linkedInPerson(QStringLiteral("ann-lee")), linkedInPerson(QStringLiteral("bo-li")),
                      linkedInPerson(QStringLiteral("cy-ng"))});
        QVERIFY(r);
        const QList<JournalItem> items = itemsOf(*r);
        const QList<OutgoingMessage> lost = rendered(*r, items.mid(0, 1));
        QVERIFY(r->journal->beginSend(lost.first().item, r->sender->requestKey(lost)));
        QCOMPARE(
            QCoro::waitFor(r->sender->send(lost, r->sender->requestKey(lost), CancelToken())).first().kind,
            SendOutcome::Kind::Sent);
        const QList<OutgoingMessage> unsent = rendered(*r, items.mid(1, 1));
        QVERIFY(r->journal->beginSend(unsent.first().item, r->sender->requestKey(unsent)));

        m_sim.clearLog();
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QCOMPARE(r->runner->lastReconcile().sent, 1);
        QCOMPARE(r->runner->lastReconcile().unresolved, 1); // absent: released and sent now
        for (const JournalItem& item : itemsOf(*r))
            QCOMPARE(item.state, ItemState::Sent);
        QStringList added;
        for (const auto& request : addRequests(m_sim, ProviderId::HeyReach))
            added += leadsIn(request.body);
        added.sort();
        QCOMPARE(added, (QStringList{QStringLiteral("https://www.linkedin.com/in/bo-li"),
                                     QStringLiteral("https://www.linkedin.com/in/cy-ng")}));
    }

    void reconcileWithoutTheListIsLeftForLater()
    {
        auto r = rig(CampaignChannel::Email, {emailPerson(QStringLiteral("ann@acme.com.au"))});
        QVERIFY(r);
        const QList<OutgoingMessage> lost = rendered(*r, itemsOf(*r));
        QVERIFY(r->journal->beginSend(lost.first().item, r->sender->requestKey(lost)));
        m_sim.scheduleFaults(ProviderId::Smartlead, QStringLiteral("/leads"),
                             QList<sim::Fault>(20, sim::Fault{sim::FaultKind::ServerError500, 0, 0}));
        const ReconcileReport report = QCoro::waitFor(r->runner->reconcile());
        QCOMPARE(report.unresolved, 1);
        QCOMPARE(r->journal->item(lost.first().item)->state, ItemState::Sending);
        QVERIFY(addRequests(m_sim, ProviderId::Smartlead).isEmpty());
    }

    void factoryChecksTheSettings_data()
    {
        QTest::addColumn<int>("channel");
        QTest::addColumn<QJsonObject>("sender");
        QTest::addColumn<QString>("problem"); // empty: fine
        const int email = int(CampaignChannel::Email);
        const int linkedIn = int(CampaignChannel::LinkedIn);
        QTest::newRow("smartlead fine")
            << email << json(R"({"provider":"smartlead","campaign_id":42})") << QString();
        QTest::newRow("smartlead id as text")
            << email << json(R"({"provider":"smartlead","campaign_id":"42"})") << QString();
        QTest::newRow("smartlead no id")
            << email << json(R"({"provider":"smartlead"})") << QStringLiteral("campaign_id");
        QTest::newRow("smartlead zero")
            << email << json(R"({"provider":"smartlead","campaign_id":0})") << QStringLiteral("campaign_id");
        QTest::newRow("smartlead fraction") << email << json(R"({"provider":"smartlead","campaign_id":4.5})")
                                            << QStringLiteral("campaign_id");
        QTest::newRow("smartlead bad field")
            << email << json(R"({"provider":"smartlead","campaign_id":1,"message_field":"my message"})")
            << QStringLiteral("custom field name");
        QTest::newRow("smartlead same fields")
            << email << json(R"({"provider":"smartlead","campaign_id":1,"subject_field":"console_message"})")
            << QStringLiteral("different");
        QTest::newRow("smartlead reserved")
            << email << json(R"({"provider":"smartlead","campaign_id":1,"message_field":"console_ref"})")
            << QStringLiteral("console's own");
        QTest::newRow("heyreach fine")
            << linkedIn << json(R"({"campaign_id":9,"linkedin_account_id":3})") << QString();
        QTest::newRow("heyreach no id") << linkedIn << json("{}") << QStringLiteral("campaign_id");
        QTest::newRow("heyreach bad seat")
            << linkedIn << json(R"({"campaign_id":9,"linkedin_account_id":-3})")
            << QStringLiteral("linkedin_account_id");
        QTest::newRow("heyreach subject")
            << linkedIn << json(R"({"campaign_id":9,"subject_field":"s"})") << QStringLiteral("subject");
    }
    void factoryChecksTheSettings()
    {
        QFETCH(int, channel);
        QFETCH(QJsonObject, sender);
        QFETCH(QString, problem);
        const QStringList problems = senderSettingProblems(CampaignChannel(channel), sender);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u' ')));
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
        }
        // A sender is built only from settings that will do, and only around its own provider's client.
        auto refused = makeCampaignSender(CampaignChannel(channel), sender, nullptr);
        QVERIFY(!refused);
        if (!problem.isEmpty())
            QVERIFY(refused.error().contains(problem));
        else
            QVERIFY2(refused.error().contains(QStringLiteral("No ")), qPrintable(refused.error()));
    }

    void factoryBuildsTheLeadListSenders()
    {
        QTemporaryDir dir;
        test::SimulatedProviders providers(m_sim, dir.filePath(QStringLiteral("s.ini")));
        providers.use(ProviderId::Smartlead, {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}});
        providers.use(ProviderId::HeyReach, {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}});
        auto smartlead = QCoro::waitFor(providers.hub.client(ProviderId::Smartlead, Profile::Sandbox));
        auto heyReach = QCoro::waitFor(providers.hub.client(ProviderId::HeyReach, Profile::Sandbox));
        QVERIFY(smartlead && heyReach);
        const QJsonObject sl = json(R"({"provider":"Smartlead","campaign_id":5})");
        QCOMPARE(campaignProvider(CampaignChannel::Email, sl), ProviderId::Smartlead);
        auto built = makeCampaignSender(CampaignChannel::Email, sl, smartlead.value());
        QVERIFY(built);
        QVERIFY(dynamic_cast<SmartleadSender*>(built.value().get()));
        QCOMPARE(built.value()->batchSize(), SmartleadClient::kLeadsPerCall);
        QVERIFY(!makeCampaignSender(CampaignChannel::Email, sl, heyReach.value())); // not its client
        const QJsonObject hr = json(R"({"campaign_id":5})");
        auto linkedIn = makeCampaignSender(CampaignChannel::LinkedIn, hr, heyReach.value());
        QVERIFY(linkedIn);
        QVERIFY(dynamic_cast<HeyReachSender*>(linkedIn.value().get()));
        QCOMPARE(linkedIn.value()->batchSize(), HeyReachClient::kMaxLeadsPerRequest);
        for (const QString& header : linkedIn.value()->redactedHeaders(QStringLiteral("k")))
            QVERIFY(!header.contains(QStringLiteral("sim-valid")));
        QVERIFY(linkedIn.value()->estimate(OutgoingMessage{}).isZero());
    }
};

QTEST_GUILESS_MAIN(TestLeadListSenders)
#include "tst_leadlistsenders.moc"
