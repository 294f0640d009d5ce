// The Vapi call sender and the ClickSend letter sender through the campaign runner, against the
// in-process simulator: the preview is the body the provider received; a bad number or an
// incomplete address is refused before any request; letters are priced by ClickSend's own call;
// 401, 5xx and a cut connection map to failed / failed-retryable / unknown; after a crash, a call or
// letter found in the provider's records is proven sent with no second request and one not found is
// unknown, never sent again; the follow-up reads statuses and settles Vapi's reported cost.

#include "engine/callletterssenders.h"
#include "engine/campaignjournal.h"
#include "engine/campaignrunner.h"
#include "engine/campaignsenderfactory.h"
#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/recipientvalidator.h"
#include "engine/spendguard.h"
#include "integrations/clicksend/clicksendclient.h"
#include "integrations/vapi/vapiclient.h"
#include "simulatedproviders.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;
using namespace std::chrono_literals;

namespace {

QList<sim::RecordedRequest> requests(const sim::ProviderSimulator& simulator, ProviderId provider,
                                     const QByteArray& method, const QString& pathEnd)
{
    QList<sim::RecordedRequest> list;
    for (const sim::RecordedRequest& request : simulator.requestLog(provider)) {
        if (request.method == method && request.path.endsWith(pathEnd))
            list.append(request);
    }
    return list;
}

QJsonObject caller(int i)
{
    return QJsonObject{{QStringLiteral("phone"), QStringLiteral("+6141200000%1").arg(i)},
                       {QStringLiteral("first_name"), QStringLiteral("Person%1").arg(i)},
                       {QStringLiteral("last_name"), QStringLiteral("Lead")},
                       {QStringLiteral("company"), QStringLiteral("Acme %1").arg(i)}};
}

QJsonObject addressee(int i)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("Person%1 Citizen").arg(i)},
                       {QStringLiteral("first_name"), QStringLiteral("Person%1").arg(i)},
                       {QStringLiteral("company"), QStringLiteral("Acme %1").arg(i)},
                       {QStringLiteral("address_line1"), QStringLiteral("%1 George Street").arg(10 + i)},
                       {QStringLiteral("suburb"), QStringLiteral("Sydney")},
                       {QStringLiteral("state"), QStringLiteral("New South Wales")},
                       {QStringLiteral("postcode"), QStringLiteral("2000")},
                       {QStringLiteral("country"), QStringLiteral("Australia")}};
}

QString keyOf(CampaignChannel channel, const QJsonObject& fields)
{
    RecipientFields map;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        map.insert(it.key(), it.value().toString());
    auto validated = RecipientValidator::validate(channel, map);
    if (validated)
        return validated->key;
    // Not sendable: journalled as it is, to prove the sender refuses it too.
    return channel == CampaignChannel::Voice ? fields.value(u"phone").toString()
                                             : fields.value(u"name").toString().toLower();
}

} // namespace

class TestCallLettersSenders : public QObject
{
    Q_OBJECT

    struct Rig
    {
        std::unique_ptr<QTemporaryDir> dir;
        std::unique_ptr<test::SimulatedProviders> providers;
        std::unique_ptr<Database> database;
        std::unique_ptr<Ledger> ledger;
        std::unique_ptr<PriceBook> prices;
        std::unique_ptr<SpendGuard> guard;
        std::unique_ptr<CampaignJournal> journal;
        std::unique_ptr<CampaignSender> sender;
        std::unique_ptr<CampaignRunner> runner;
        QJsonObject senderJson;
        CampaignId campaign = 0;
    };

    sim::ProviderSimulator m_sim{23};
    QTemporaryDir m_files;

    std::unique_ptr<Rig> base(ProviderId provider, const QString& key)
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
        r->ledger = std::make_unique<Ledger>(*r->database);
        r->prices = std::make_unique<PriceBook>(*r->database);
        r->guard = std::make_unique<SpendGuard>(*r->database, *r->ledger, *r->prices);
        r->providers->core.setBudgetHook(r->guard.get());
        r->journal = std::make_unique<CampaignJournal>(*r->database);
        if (provider == ProviderId::Vapi)
            r->providers->use(ProviderId::Vapi, {{QStringLiteral("api_key"), key}});
        else
            r->providers->use(ProviderId::ClickSend,
                              {{QStringLiteral("username"), QStringLiteral("agency-ops")},
                               {QStringLiteral("api_key"), key}});
        return r;
    }

    std::shared_ptr<ProviderClient> client(Rig& r, ProviderId provider)
    {
        auto made = QCoro::waitFor(r.providers->hub.client(provider, Profile::Sandbox));
        if (!made)
            return nullptr;
        if (auto vapi = std::dynamic_pointer_cast<VapiClient>(made.value()))
            vapi->setRetryTimeScale(0.001);
        if (auto clickSend = std::dynamic_pointer_cast<ClickSendClient>(made.value()))
            clickSend->setRetryTimeScale(0.001);
        return made.value();
    }

    // The simulator's first assistant and phone number, as the sender settings name them.
    QJsonObject voiceSettings(Rig& r)
    {
        auto vapi = std::dynamic_pointer_cast<VapiClient>(client(r, ProviderId::Vapi));
        if (!vapi)
            return {};
        auto assistants = QCoro::waitFor(vapi->listAssistants());
        auto numbers = QCoro::waitFor(vapi->listPhoneNumbers());
        if (!assistants || !numbers || assistants->isEmpty() || numbers->isEmpty())
            return {};
        return QJsonObject{{QStringLiteral("assistant_id"), assistants->first().id},
                           {QStringLiteral("phone_number_id"), numbers->first().id},
                           {QStringLiteral("expected_minutes"), 2},
                           {QStringLiteral("max_duration_minutes"), 5}};
    }

    QJsonObject letterSettings(Rig& r, const QJsonObject& file)
    {
        auto clickSend = std::dynamic_pointer_cast<ClickSendClient>(client(r, ProviderId::ClickSend));
        if (!clickSend)
            return {};
        auto addresses = QCoro::waitFor(clickSend->listReturnAddresses());
        if (!addresses || addresses->isEmpty())
            return {};
        QJsonObject settings = file;
        settings.insert(QStringLiteral("return_address_id"), addresses->first().id);
        settings.insert(QStringLiteral("colour"), 1);
        settings.insert(QStringLiteral("template_used"), true);
        return settings;
    }

    // A campaign on `channel` with `recipients`, its sender made by the factory from `senderJson`.
    bool campaign(Rig& r, CampaignChannel channel, const QJsonObject& senderJson,
                  const QList<QJsonObject>& recipients)
    {
        r.senderJson = senderJson;
        auto made = makeCampaignSender(channel, senderJson, client(r, campaignProvider(channel, senderJson)));
        if (!made) {
            qWarning() << made.error();
            return false;
        }
        r.sender = std::move(made).value();
        NewCampaign fresh;
        fresh.name = QStringLiteral("Autumn");
        fresh.channel = channel;
        fresh.sender = senderJson;
        fresh.messageTemplate = QStringLiteral("Hi {{first_name}}, a word about {{company}}.");
        auto created = r.journal->createCampaign(fresh);
        if (!created)
            return false;
        r.campaign = created->id;
        QList<NewItem> items;
        for (const QJsonObject& fields : recipients)
            items.append(NewItem{keyOf(channel, fields), fields, 0});
        if (!r.journal->addItems(r.campaign, items))
            return false;
        r.runner = std::make_unique<CampaignRunner>(*r.database, *r.journal, *r.sender);
        r.runner->setPollInterval(20ms);
        r.runner->setSpendGuard(r.guard.get());
        return bool(r.runner->open(r.campaign));
    }

    std::unique_ptr<Rig> voiceRig(const QList<QJsonObject>& recipients,
                                  const QString& key = QStringLiteral("sim-valid"))
    {
        auto r = base(ProviderId::Vapi, QStringLiteral("sim-valid"));
        if (!r)
            return nullptr;
        QJsonObject settings = voiceSettings(*r);
        if (settings.isEmpty())
            return nullptr;
        if (key != u"sim-valid")
            r->providers->use(ProviderId::Vapi, {{QStringLiteral("api_key"), key}});
        if (!campaign(*r, CampaignChannel::Voice, settings, recipients))
            return nullptr;
        m_sim.clearLog();
        return r;
    }

    std::unique_ptr<Rig> letterRig(const QList<QJsonObject>& recipients, const QJsonObject& file,
                                   const QString& key = QStringLiteral("sim-valid"))
    {
        auto r = base(ProviderId::ClickSend, QStringLiteral("sim-valid"));
        if (!r)
            return nullptr;
        QJsonObject settings = letterSettings(*r, file);
        if (settings.isEmpty())
            return nullptr;
        if (key != u"sim-valid")
            r->providers->use(ProviderId::ClickSend,
                              {{QStringLiteral("username"), QStringLiteral("agency-ops")},
                               {QStringLiteral("api_key"), key}});
        if (!campaign(*r, CampaignChannel::Letter, settings, recipients))
            return nullptr;
        m_sim.clearLog();
        return r;
    }

    static QJsonObject fileUrl()
    {
        return QJsonObject{
            {QStringLiteral("file_url"), QStringLiteral("https://files.agency.example/autumn.pdf")}};
    }

    QList<JournalItem> itemsOf(Rig& r)
    {
        ItemPage page;
        page.limit = 1000;
        auto items = r.journal->items(r.campaign, page);
        return items ? items.value() : QList<JournalItem>();
    }

    QList<OutgoingMessage> rendered(Rig& r)
    {
        QList<OutgoingMessage> messages;
        for (const JournalItem& item : itemsOf(r)) {
            auto message = r.runner->render(item);
            if (message)
                messages.append(message.value());
        }
        return messages;
    }

    void runToEnd(Rig& r)
    {
        r.runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(r.runner->state() != CampaignRunner::State::Running, 15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_sim.listen());
        QVERIFY(m_files.isValid());
    }
    void init() { m_sim.reset(); }

    void voiceCampaignSendsWhatThePreviewShows()
    {
        QJsonObject badPhone = caller(4);
        badPhone.insert(QStringLiteral("phone"), QStringLiteral("0412 000"));
        auto r = voiceRig({caller(1), caller(2), badPhone, caller(3)});
        QVERIFY(r);
        QHash<QString, QByteArray> expected; // by number
        for (const OutgoingMessage& message : rendered(*r))
            expected.insert(message.to, r->sender->payload({message}));
        QCOMPARE(r->sender->requestLine(1), QStringLiteral("POST /call"));
        QVERIFY(r->sender->redactedHeaders(QString()).contains(
            QStringLiteral("Authorization: Bearer [REDACTED]")));

        runToEnd(*r);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const auto posted = requests(m_sim, ProviderId::Vapi, "POST", QStringLiteral("/call"));
        QCOMPARE(posted.size(), 3);
        for (const sim::RecordedRequest& request : posted) {
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            const QString number = body.value(u"customer").toObject().value(u"number").toString();
            QVERIFY2(expected.contains(number), qPrintable(number));
            QCOMPARE(request.body, expected.value(number)); // byte for byte
            QVERIFY(body.value(u"assistantOverrides")
                        .toObject()
                        .value(u"firstMessage")
                        .toString()
                        .startsWith(QStringLiteral("Hi Person")));
            QCOMPARE(body.value(u"customer").toObject().value(u"name").toString().left(6),
                     QStringLiteral("Person"));
            QCOMPARE(body.value(u"assistantOverrides").toObject().value(u"maxDurationSeconds").toInt(), 300);
        }
        // The bad number never reached Vapi: failed, saying why.
        for (const JournalItem& item : itemsOf(*r)) {
            if (item.recipientKey == u"0412 000") {
                QCOMPARE(item.state, ItemState::Failed);
                QVERIFY2(item.error.contains(QStringLiteral("E.164")), qPrintable(item.error));
                QVERIFY(!item.retryable);
            } else {
                QCOMPARE(item.state, ItemState::Sent);
                QVERIFY(!item.providerRef.isEmpty());
                QCOMPARE(item.cost, Money::aud(700000)); // 2 minutes × A$0.35
            }
        }
        // The quote is the price book's per-minute price × the expected length, and says so.
        const PriceQuote quote = QCoro::waitFor(r->sender->quote(rendered(*r), CancelToken()));
        QVERIFY2(quote.basis.contains(QStringLiteral("expected minutes")), qPrintable(quote.basis));
        QCOMPARE(quote.total, Money::aud(2800000));
    }

    void voiceMessageAsVariable()
    {
        auto r = voiceRig({caller(1)});
        QVERIFY(r);
        QJsonObject settings = r->senderJson;
        settings.insert(QStringLiteral("message_variable"), QStringLiteral("opener"));
        auto made = makeCampaignSender(CampaignChannel::Voice, settings, client(*r, ProviderId::Vapi));
        QVERIFY(made);
        const QJsonObject body = QJsonDocument::fromJson(made.value()->payload(rendered(*r))).object();
        const QJsonObject overrides = body.value(u"assistantOverrides").toObject();
        QVERIFY(!overrides.contains(u"firstMessage"));
        QCOMPARE(overrides.value(u"variableValues").toObject().value(u"opener").toString(),
                 QStringLiteral("Hi Person1, a word about Acme 1."));
    }

    void voiceErrors()
    {
        // A refused key: failed, not to be retried.
        {
            auto r = voiceRig({caller(1)}, QStringLiteral("wrong-key"));
            QVERIFY(r);
            const auto outcomes = QCoro::waitFor(r->sender->send(rendered(*r), QString(), CancelToken()));
            QCOMPARE(outcomes.size(), 1);
            QCOMPARE(outcomes.first().kind, SendOutcome::Kind::Failed);
            QVERIFY(!outcomes.first().retryable);
        }
        auto r = voiceRig({caller(1)});
        QVERIFY(r);
        // A 500: refused by Vapi, may be tried again by a person (re-run failed).
        m_sim.scheduleFaults(ProviderId::Vapi, QStringLiteral("/call"),
                             {sim::Fault{sim::FaultKind::ServerError500, 0, 0}});
        auto outcomes = QCoro::waitFor(r->sender->send(rendered(*r), QString(), CancelToken()));
        QCOMPARE(outcomes.first().kind, SendOutcome::Kind::Failed);
        QVERIFY(outcomes.first().retryable);
        // The connection cut mid-answer: the call may have been placed — unknown, never re-dialled.
        m_sim.scheduleFaults(ProviderId::Vapi, QStringLiteral("/call"),
                             {sim::Fault{sim::FaultKind::ResetMidResponse, 0, 0}});
        outcomes = QCoro::waitFor(r->sender->send(rendered(*r), QString(), CancelToken()));
        QCOMPARE(outcomes.first().kind, SendOutcome::Kind::Unknown);
        QCOMPARE(requests(m_sim, ProviderId::Vapi, "POST", QStringLiteral("/call")).size(), 2); // no retry
    }

    void voiceCrashIsReconciledFromTheCallList()
    {
        auto r = voiceRig({caller(1), caller(2), caller(3)});
        QVERIFY(r);
        const QList<JournalItem> items = itemsOf(*r);
        // The dead console: item 1's call left (Vapi placed it), item 2 was begun but never left.
        QVERIFY(r->journal->beginSend(items.at(0).id));
        QVERIFY(r->journal->beginSend(items.at(1).id));
        const auto placed = QCoro::waitFor(r->sender->send(
            {r->runner->render(r->journal->item(items.at(0).id).value()).value()}, QString(), CancelToken()));
        QCOMPARE(placed.first().kind, SendOutcome::Kind::Sent);
        m_sim.clearLog();

        // A failed look-up proves nothing: the items stay as they were.
        m_sim.scheduleFaults(ProviderId::Vapi, QStringLiteral("/call"),
                             QList<sim::Fault>(6, sim::Fault{sim::FaultKind::ServerError500, 0, 0}));
        const ReconcileReport failed = QCoro::waitFor(r->runner->reconcile());
        QCOMPARE(failed.unresolved, 2);
        QCOMPARE(r->journal->counts(r->campaign)->sending, 2);
        m_sim.clearLog();

        const ReconcileReport report = QCoro::waitFor(r->runner->reconcile());
        QCOMPARE(report.examined, 2);
        QCOMPARE(report.sent, 1);
        QCOMPARE(report.unknown, 1);
        const JournalItem found = r->journal->item(items.at(0).id).value();
        QCOMPARE(found.state, ItemState::Sent);
        QCOMPARE(found.providerRef, placed.first().providerRef);
        const JournalItem missing = r->journal->item(items.at(1).id).value();
        QCOMPARE(missing.state, ItemState::Unknown);
        QVERIFY2(missing.error.contains(QStringLiteral("a person decides")), qPrintable(missing.error));
        // The look-up asked for this assistant's calls since the send; no call was placed again.
        bool listed = false;
        for (const auto& request : requests(m_sim, ProviderId::Vapi, "GET", QStringLiteral("/call")))
            listed |= request.query.contains(QStringLiteral("createdAtGt")) &&
                      request.query.contains(r->senderJson.value(u"assistant_id").toString());
        QVERIFY(listed);
        QVERIFY(requests(m_sim, ProviderId::Vapi, "POST", QStringLiteral("/call")).isEmpty());

        // The run goes on with the third only; the unknown one is never re-dialled.
        runToEnd(*r);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const auto posted = requests(m_sim, ProviderId::Vapi, "POST", QStringLiteral("/call"));
        QCOMPARE(posted.size(), 1);
        QVERIFY(posted.first().body.contains("+61412000003"));
        QCOMPARE(r->journal->item(items.at(1).id)->state, ItemState::Unknown);
    }

    void voiceFollowUpSettlesVapisCost()
    {
        auto r = voiceRig({caller(1), caller(2)});
        QVERIFY(r);
        runToEnd(*r);
        QCOMPARE(r->journal->counts(r->campaign)->sent, 2);
        const QString ref = itemsOf(*r).first().providerRef;
        QCOMPARE(r->ledger->uncorrectedEstimates(ProviderId::Vapi, ref)->size(), 1);
        // First look: in progress, no cost yet.
        QList<DeliveryStatus> statuses = QCoro::waitFor(r->runner->followUp(r->guard.get(), r->ledger.get()));
        QCOMPARE(statuses.size(), 2);
        for (const DeliveryStatus& status : statuses) {
            QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
            QCOMPARE(status.status, QStringLiteral("in-progress"));
            QVERIFY(!status.final);
            QVERIFY(!status.price);
        }
        // Ended: Vapi's own cost (USD) settles the estimate, once.
        statuses = QCoro::waitFor(r->runner->followUp(r->guard.get(), r->ledger.get()));
        for (const DeliveryStatus& status : statuses) {
            QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
            QCOMPARE(status.status, QStringLiteral("ended"));
            QVERIFY(status.final);
            QVERIFY(status.price);
            QCOMPARE(status.price->currency(), QStringLiteral("USD"));
            QVERIFY(status.settled);
        }
        QVERIFY(r->ledger->uncorrectedEstimates(ProviderId::Vapi, ref)->isEmpty());
        // An ended call is final: the journal keeps its status and it is never looked up again.
        const qsizetype lookUps = m_sim.requestLog(ProviderId::Vapi).size();
        statuses = QCoro::waitFor(r->runner->followUp(r->guard.get(), r->ledger.get()));
        QVERIFY(statuses.isEmpty());
        QCOMPARE(m_sim.requestLog(ProviderId::Vapi).size(), lookUps);
        QCOMPARE(itemsOf(*r).first().deliveryStatus, QStringLiteral("ended"));
        QVERIFY(itemsOf(*r).first().deliveryFinal);
    }

    void letterCampaignSendsWhatThePreviewShows()
    {
        QJsonObject incomplete = addressee(3);
        incomplete.remove(QStringLiteral("postcode"));
        auto r = letterRig({addressee(1), incomplete, addressee(2)}, fileUrl());
        QVERIFY(r);
        const QList<OutgoingMessage> messages = rendered(*r);
        QCOMPARE(messages.size(), 3);
        const QByteArray preview = r->sender->payload(messages);
        QVERIFY(!preview.contains("Person3"));
        QCOMPARE(r->sender->requestLine(2), QStringLiteral("POST /v3/post/letters/send"));

        runToEnd(*r);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const auto sent = requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/send"));
        QCOMPARE(sent.size(), 1); // one request, two recipients
        QCOMPARE(sent.first().body, preview);
        const QJsonObject body = QJsonDocument::fromJson(sent.first().body).object();
        const QJsonArray recipients = body.value(u"recipients").toArray();
        QCOMPARE(recipients.size(), 2);
        const QJsonObject first = recipients.first().toObject();
        QCOMPARE(first.value(u"address_name").toString(), QStringLiteral("Person1 Citizen"));
        QCOMPARE(first.value(u"address_city").toString(), QStringLiteral("Sydney"));
        QCOMPARE(first.value(u"address_state").toString(), QStringLiteral("NSW"));
        QCOMPARE(first.value(u"address_country").toString(), QStringLiteral("AU"));
        QCOMPARE(first.value(u"custom_string").toString(),
                 QStringLiteral("Hi Person1, a word about Acme 1."));
        QCOMPARE(body.value(u"colour").toInt(), 1);
        QCOMPARE(body.value(u"template_used").toInt(), 1);
        for (const JournalItem& item : itemsOf(*r)) {
            if (item.recipient.value(u"name").toString() == u"Person3 Citizen") {
                QCOMPARE(item.state, ItemState::Failed);
                QVERIFY2(item.error.contains(QStringLiteral("postcode"), Qt::CaseInsensitive),
                         qPrintable(item.error));
            } else {
                QCOMPARE(item.state, ItemState::Sent);
                QVERIFY(!item.providerRef.isEmpty());
                QCOMPARE(item.cost.currency(), QStringLiteral("AUD"));
                QVERIFY(!item.cost.isZero());
            }
        }
        // Follow-up: the letter's status and price from the history; nothing left to settle.
        const QList<DeliveryStatus> statuses =
            QCoro::waitFor(r->runner->followUp(r->guard.get(), r->ledger.get()));
        QCOMPARE(statuses.size(), 2);
        for (const DeliveryStatus& status : statuses) {
            QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
            QCOMPARE(status.status, QStringLiteral("SUCCESS"));
            QVERIFY(status.final);
            QVERIFY(status.price);
        }
        QCOMPARE(requests(m_sim, ProviderId::ClickSend, "GET", QStringLiteral("/letters/history")).size(), 1);
    }

    void letterFromALocalPdfIsUploadedOnce()
    {
        const QString path = m_files.filePath(QStringLiteral("autumn.pdf"));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::WriteOnly));
        pdf.write("%PDF-1.4\n% autumn letter\n%%EOF\n");
        pdf.close();
        auto r =
            letterRig({addressee(1), addressee(2), addressee(3)},
                      QJsonObject{{QStringLiteral("pdf_path"), path}, {QStringLiteral("batch_size"), 2}});
        QVERIFY(r);
        QVERIFY(r->sender->payload(rendered(*r)).contains("uploaded to ClickSend from autumn.pdf"));
        runToEnd(*r);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QCOMPARE(requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/uploads")).size(), 1);
        const auto sent = requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/send"));
        QCOMPARE(sent.size(), 2); // batches of 2
        const QList<OutgoingMessage> messages = rendered(*r);
        QCOMPARE(sent.first().body, r->sender->payload(messages.mid(0, 2)));
        QCOMPARE(sent.last().body, r->sender->payload(messages.mid(2)));
        QVERIFY(sent.first().body.contains("https://"));
        QCOMPARE(r->journal->counts(r->campaign)->sent, 3);
    }

    void letterQuoteIsClickSendsPrice()
    {
        auto r = letterRig({addressee(1), addressee(2)}, fileUrl());
        QVERIFY(r);
        const QList<OutgoingMessage> messages = rendered(*r);
        const PriceQuote quote = QCoro::waitFor(r->sender->quote(messages, CancelToken()));
        QVERIFY2(quote.error.isEmpty(), qPrintable(quote.error));
        QVERIFY2(quote.basis.contains(QStringLiteral("ClickSend")), qPrintable(quote.basis));
        const auto priced = requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/price"));
        QCOMPARE(priced.size(), 1);
        QCOMPARE(priced.first().body, r->sender->payload(messages)); // the same letters as the send
        QVERIFY(requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/send")).isEmpty());
        // The figure is ClickSend's own, not the catalogue's.
        auto clickSend = std::dynamic_pointer_cast<ClickSendClient>(client(*r, ProviderId::ClickSend));
        auto* letters = dynamic_cast<ClickSendLetterSender*>(r->sender.get());
        QVERIFY(letters);
        LetterRequest request;
        request.fileUrl = QUrl(fileUrl().value(u"file_url").toString());
        request.colour = true;
        request.templateUsed = true;
        for (const OutgoingMessage& message : messages)
            request.recipients.append(letters->recipientFor(message).value());
        const auto direct = QCoro::waitFor(clickSend->priceLetter(request));
        QVERIFY(direct);
        QCOMPARE(quote.total, direct->total);
        QVERIFY(quote.total != r->sender->estimate(messages.first()).times(2).value());
        // A failed price call is an error, not a guess.
        m_sim.scheduleFaults(ProviderId::ClickSend, QStringLiteral("/letters/price"),
                             QList<sim::Fault>(10, sim::Fault{sim::FaultKind::ServerError500, 0, 0}));
        const PriceQuote refused = QCoro::waitFor(r->sender->quote(messages, CancelToken()));
        QVERIFY(!refused.error.isEmpty());
        QVERIFY(!refused.total.isValid());
    }

    void letterErrors()
    {
        {
            auto r = letterRig({addressee(1)}, fileUrl(), QStringLiteral("wrong-key"));
            QVERIFY(r);
            const auto outcomes = QCoro::waitFor(r->sender->send(rendered(*r), QString(), CancelToken()));
            QCOMPARE(outcomes.first().kind, SendOutcome::Kind::Failed);
            QVERIFY(!outcomes.first().retryable);
        }
        auto r = letterRig({addressee(1), addressee(2)}, fileUrl());
        QVERIFY(r);
        m_sim.scheduleFaults(ProviderId::ClickSend, QStringLiteral("/letters/send"),
                             {sim::Fault{sim::FaultKind::ServerError500, 0, 0}});
        auto outcomes = QCoro::waitFor(r->sender->send(rendered(*r), QString(), CancelToken()));
        QCOMPARE(outcomes.size(), 2);
        for (const SendOutcome& outcome : outcomes) {
            QCOMPARE(outcome.kind, SendOutcome::Kind::Failed);
            QVERIFY(outcome.retryable);
        }
        m_sim.scheduleFaults(ProviderId::ClickSend, QStringLiteral("/letters/send"),
                             {sim::Fault{sim::FaultKind::ResetMidResponse, 0, 0}});
        outcomes = QCoro::waitFor(r->sender->send(rendered(*r), QString(), CancelToken()));
        for (const SendOutcome& outcome : outcomes)
            QCOMPARE(outcome.kind, SendOutcome::Kind::Unknown);
        QCOMPARE(requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/send")).size(), 2);
    }

    void letterCrashIsReconciledFromTheHistory()
    {
        auto r = letterRig({addressee(1), addressee(2), addressee(3)},
                           QJsonObject{{QStringLiteral("file_url"), fileUrl().value(u"file_url")},
                                       {QStringLiteral("batch_size"), 1}});
        QVERIFY(r);
        const QList<JournalItem> items = itemsOf(*r);
        QVERIFY(r->journal->beginSend(items.at(0).id));
        QVERIFY(r->journal->beginSend(items.at(1).id));
        const auto sent = QCoro::waitFor(r->sender->send(
            {r->runner->render(r->journal->item(items.at(0).id).value()).value()}, QString(), CancelToken()));
        QCOMPARE(sent.first().kind, SendOutcome::Kind::Sent);
        m_sim.clearLog();

        m_sim.scheduleFaults(ProviderId::ClickSend, QStringLiteral("/letters/history"),
                             QList<sim::Fault>(6, sim::Fault{sim::FaultKind::ServerError500, 0, 0}));
        const ReconcileReport failed = QCoro::waitFor(r->runner->reconcile());
        QCOMPARE(failed.unresolved, 2);
        QCOMPARE(r->journal->counts(r->campaign)->sending, 2);
        m_sim.clearLog();

        const qint64 ledgerRowsBefore =
            r->ledger->uncorrectedEstimates(ProviderId::ClickSend, QString())->size();
        Q_UNUSED(ledgerRowsBefore);
        const ReconcileReport report = QCoro::waitFor(r->runner->reconcile());
        QCOMPARE(report.sent, 1);
        QCOMPARE(report.unknown, 1);
        const JournalItem found = r->journal->item(items.at(0).id).value();
        QCOMPARE(found.state, ItemState::Sent);
        QCOMPARE(found.providerRef, sent.first().providerRef);
        QCOMPARE(found.cost, sent.first().cost);
        const JournalItem missing = r->journal->item(items.at(1).id).value();
        QCOMPARE(missing.state, ItemState::Unknown);
        QVERIFY2(missing.error.contains(QStringLiteral("a person decides")), qPrintable(missing.error));
        QVERIFY(requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/send")).isEmpty());

        runToEnd(*r);
        const auto after = requests(m_sim, ProviderId::ClickSend, "POST", QStringLiteral("/letters/send"));
        QCOMPARE(after.size(), 1);
        QVERIFY(after.first().body.contains("Person3"));
        QCOMPARE(r->journal->item(items.at(1).id)->state, ItemState::Unknown);
    }

    void factoryChecksTheSettings()
    {
        const auto problems = [](CampaignChannel channel, const QJsonObject& sender) {
            return senderSettingProblems(channel, sender).join(u' ');
        };
        QVERIFY(problems(CampaignChannel::Voice, {}).contains(QStringLiteral("assistant_id")));
        QVERIFY(problems(CampaignChannel::Voice, {}).contains(QStringLiteral("phone_number_id")));
        const QJsonObject voice{{QStringLiteral("assistant_id"), QStringLiteral("a")},
                                {QStringLiteral("phone_number_id"), QStringLiteral("p")}};
        QVERIFY(problems(CampaignChannel::Voice, voice).isEmpty());
        QJsonObject longCall = voice;
        longCall.insert(QStringLiteral("max_duration_minutes"), 0);
        QVERIFY(problems(CampaignChannel::Voice, longCall).contains(QStringLiteral("max_duration_minutes")));

        const QString pdf = m_files.filePath(QStringLiteral("letter.pdf"));
        const QString text = m_files.filePath(QStringLiteral("letter.txt"));
        for (const QString& path : {pdf, text}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("%PDF-1.4\n");
        }
        const QJsonObject letter{
            {QStringLiteral("file_url"), QStringLiteral("https://files.example.org/a.pdf")},
            {QStringLiteral("return_address_id"), 1234}};
        QVERIFY2(problems(CampaignChannel::Letter, letter).isEmpty(),
                 qPrintable(problems(CampaignChannel::Letter, letter)));
        QJsonObject local{{QStringLiteral("pdf_path"), pdf}, {QStringLiteral("return_address_id"), 1234}};
        QVERIFY(problems(CampaignChannel::Letter, local).isEmpty());
        QJsonObject both = letter;
        both.insert(QStringLiteral("pdf_path"), pdf);
        QVERIFY(problems(CampaignChannel::Letter, both).contains(QStringLiteral("not both")));
        QJsonObject http = letter;
        http.insert(QStringLiteral("file_url"), QStringLiteral("http://files.example.org/a.pdf"));
        QVERIFY(problems(CampaignChannel::Letter, http).contains(QStringLiteral("https")));
        local.insert(QStringLiteral("pdf_path"), text);
        QVERIFY(problems(CampaignChannel::Letter, local).contains(QStringLiteral(".pdf")));
        local.insert(QStringLiteral("pdf_path"), m_files.filePath(QStringLiteral("missing.pdf")));
        QVERIFY(problems(CampaignChannel::Letter, local).contains(QStringLiteral("not a file")));
        QJsonObject noReturn = letter;
        noReturn.remove(QStringLiteral("return_address_id"));
        QVERIFY(problems(CampaignChannel::Letter, noReturn).contains(QStringLiteral("return_address_id")));
        QJsonObject badFlag = letter;
        badFlag.insert(QStringLiteral("colour"), QStringLiteral("yes"));
        QVERIFY(problems(CampaignChannel::Letter, badFlag).contains(QStringLiteral("colour")));
        QJsonObject bigBatch = letter;
        bigBatch.insert(QStringLiteral("batch_size"), 500);
        QVERIFY(problems(CampaignChannel::Letter, bigBatch).contains(QStringLiteral("letters")));

        // The wrong client is refused, naming the provider.
        auto r = base(ProviderId::Vapi, QStringLiteral("sim-valid"));
        QVERIFY(r);
        auto made = makeCampaignSender(CampaignChannel::Letter, letter, client(*r, ProviderId::Vapi));
        QVERIFY(!made);
        QVERIFY(made.error().contains(QStringLiteral("ClickSend")));
        auto refused =
            makeCampaignSender(CampaignChannel::Voice, QJsonObject(), client(*r, ProviderId::Vapi));
        QVERIFY(!refused);
    }
};

QTEST_GUILESS_MAIN(TestCallLettersSenders)
#include "tst_callletterssenders.moc"
