// The campaign runner against the simulator on a SQLite ledger (and PostgreSQL where cheap): the
// preview is what the provider receives; a missing merge field blocks its item; a budget refusal
// pauses before anything leaves; the pacer holds the rate with no 429; the circuit breaker trips on
// 500s and 429s; pause, resume and cancel; the daily cap and the send window say why items wait;
// reconciliation replays a batch with its key (no second email) and never re-sends an SMS it cannot
// find; status follow-up reads delivery and settles Twilio's price.

#include "engine/campaignestimate.h"
#include "engine/campaignjournal.h"
#include "engine/campaignrunner.h"
#include "engine/campaignsender.h"
#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/spendguard.h"
#include "integrations/resend/resendclient.h"
#include "integrations/twilio/twilioclient.h"
#include "ledgertestsupport.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace agency;
using namespace agency::testing;
using namespace std::chrono_literals;

namespace {

QByteArray headerOf(const sim::RecordedRequest& request, const QByteArray& name)
{
    for (const auto& [key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<sim::RecordedRequest> posts(const sim::ProviderSimulator& simulator, ProviderId provider)
{
    QList<sim::RecordedRequest> list;
    for (const sim::RecordedRequest& request : simulator.requestLog(provider)) {
        if (request.method == "POST")
            list.append(request);
    }
    return list;
}

// Every address an email request carried (one email or a batch).
QStringList addressesIn(const QByteArray& body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    QJsonArray emails = document.isArray() ? document.array() : QJsonArray{document.object()};
    QStringList addresses;
    for (const QJsonValue& email : emails) {
        const QJsonValue to = email.toObject().value(QStringLiteral("to"));
        if (to.isArray()) {
            for (const QJsonValue& address : to.toArray())
                addresses.append(address.toString());
        } else {
            addresses.append(to.toString());
        }
    }
    return addresses;
}

QJsonObject person(int i, bool withCompany = true)
{
    QJsonObject fields{{QStringLiteral("email"), QStringLiteral("person%1@acme.com.au").arg(i)},
                       {QStringLiteral("first_name"), QStringLiteral("Person%1").arg(i)}};
    if (withCompany)
        fields.insert(QStringLiteral("company"), QStringLiteral("Acme %1").arg(i));
    return fields;
}

} // namespace

class TestCampaignRunner : public QObject
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
        std::shared_ptr<ResendClient> resend;
        std::shared_ptr<TwilioClient> twilio;
        std::unique_ptr<CampaignSender> sender;
        std::unique_ptr<CampaignRunner> runner;
        CampaignId campaign = 0;
    };

    sim::ProviderSimulator m_sim{21};
    LedgerBackends m_backends;
    QDateTime m_now;

    Clock clock()
    {
        return [this] {
            return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
        };
    }

    // A ledger, the providers on the simulator, a journal and one campaign with `recipients`.
    std::unique_ptr<Rig> rig(CampaignChannel channel, const QList<QJsonObject>& recipients,
                             bool batch = false, int batchSize = 100,
                             const QString& kind = QStringLiteral("sqlite"),
                             sim::ProviderSimulator* simulator = nullptr)
    {
        auto r = std::make_unique<Rig>();
        r->dir = std::make_unique<QTemporaryDir>();
        r->providers = std::make_unique<test::SimulatedProviders>(
            simulator ? *simulator : m_sim, r->dir->filePath(QStringLiteral("settings.ini")));
        const auto config = kind == u"sqlite" ? std::optional<DatabaseConfig>(DatabaseConfig::sqlite(
                                                    r->dir->filePath(QStringLiteral("ledger.sqlite"))))
                                              : m_backends.fresh(kind);
        if (!config)
            return nullptr;
        auto opened = Database::open(*config);
        if (!opened)
            return nullptr;
        r->database = std::move(opened).value();
        r->ledger = std::make_unique<Ledger>(*r->database);
        r->prices = std::make_unique<PriceBook>(*r->database);
        r->guard = std::make_unique<SpendGuard>(*r->database, *r->ledger, *r->prices);
        r->providers->core.setBudgetHook(r->guard.get());
        r->journal = std::make_unique<CampaignJournal>(*r->database, clock());
        QJsonObject senderJson;
        if (channel == CampaignChannel::Email) {
            r->providers->use(ProviderId::Resend, {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}});
            r->providers->core.setPacing(ProviderId::Resend, PacingConfig{50, 1, 0});
            auto client = QCoro::waitFor(r->providers->hub.client(ProviderId::Resend, Profile::Sandbox));
            if (!client)
                return nullptr;
            r->resend = std::dynamic_pointer_cast<ResendClient>(client.value());
            r->resend->setRetryTimeScale(0.001);
            EmailSenderSettings settings;
            settings.from = QStringLiteral("Agency <ops@mail1.agency.example>");
            settings.batch = batch;
            settings.batchSize = batchSize;
            r->sender = std::make_unique<ResendSender>(r->resend, settings);
            senderJson = QJsonObject{{QStringLiteral("from"), settings.from},
                                     {QStringLiteral("subject"), QStringLiteral("Hello {{first_name}}")}};
        } else {
            r->providers->use(
                ProviderId::Twilio,
                {{QStringLiteral("account_sid"), QString(QStringLiteral("AC") + QString(32, u'0'))},
                 {QStringLiteral("auth_token"), QStringLiteral("sim-valid")}});
            auto client = QCoro::waitFor(r->providers->hub.client(ProviderId::Twilio, Profile::Sandbox));
            if (!client)
                return nullptr;
            r->twilio = std::dynamic_pointer_cast<TwilioClient>(client.value());
            r->twilio->setRetryTimeScale(0.001);
            SmsSenderSettings settings;
            settings.from = QStringLiteral("+61400000000");
            r->sender = std::make_unique<TwilioSmsSender>(r->twilio, settings);
            senderJson = QJsonObject{{QStringLiteral("from"), settings.from}};
        }
        NewCampaign campaign;
        campaign.name = QStringLiteral("Spring");
        campaign.channel = channel;
        campaign.sender = senderJson;
        campaign.messageTemplate = QStringLiteral("Hi {{first_name}}, a word about {{company}}.");
        auto created = r->journal->createCampaign(campaign);
        if (!created)
            return nullptr;
        r->campaign = created->id;
        QList<NewItem> items;
        for (const QJsonObject& fields : recipients) {
            const QString key = channel == CampaignChannel::Email ? fields.value(u"email").toString()
                                                                  : fields.value(u"phone").toString();
            items.append(NewItem{key, fields, 0});
        }
        if (!r->journal->addItems(r->campaign, items))
            return nullptr;
        r->runner = std::make_unique<CampaignRunner>(*r->database, *r->journal, *r->sender);
        r->runner->setClock(clock());
        r->runner->setPollInterval(20ms);
        if (!r->runner->open(r->campaign))
            return nullptr;
        return r;
    }

    QList<JournalItem> itemsOf(Rig& r, std::optional<ItemState> state = std::nullopt)
    {
        ItemPage page;
        page.state = state;
        page.limit = 10000;
        auto items = r.journal->items(r.campaign, page);
        return items ? items.value() : QList<JournalItem>();
    }

    static bool finished(const Rig& r) { return r.runner->state() != CampaignRunner::State::Running; }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }
    void init()
    {
        m_sim.reset();
        m_now = QDateTime();
    }

    void previewIsWhatTheProviderReceives_data() { LedgerBackends::addRows(); }
    void previewIsWhatTheProviderReceives()
    {
        QFETCH(QString, kind);
        auto r = rig(CampaignChannel::Email, {person(1), person(2, false), person(3)}, false, 100, kind);
        if (!r && kind == u"postgres")
            QSKIP("no PostgreSQL server");
        QVERIFY(r);
        QHash<QString, QByteArray> expected;
        for (const JournalItem& item : itemsOf(*r)) {
            auto message = r->runner->render(item);
            if (item.recipientKey == u"person2@acme.com.au") {
                QVERIFY(!message);
                QVERIFY2(message.error().contains(QStringLiteral("company")), qPrintable(message.error()));
                continue;
            }
            QVERIFY(message);
            expected.insert(item.idempotencyKey, r->sender->payload({message.value()}));
        }
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const QList<sim::RecordedRequest> sent = posts(m_sim, ProviderId::Resend);
        QCOMPARE(sent.size(), 2);
        for (const sim::RecordedRequest& request : sent) {
            const QString key = QString::fromUtf8(headerOf(request, "Idempotency-Key"));
            QVERIFY2(expected.contains(key), qPrintable(key));
            QCOMPARE(QJsonDocument::fromJson(request.body), QJsonDocument::fromJson(expected.value(key)));
            QVERIFY(!request.body.contains("person2@"));
        }
        // The hole is never sent: the item fails, naming the field, and was never begun.
        for (const JournalItem& item : itemsOf(*r)) {
            if (item.recipientKey == u"person2@acme.com.au") {
                QCOMPARE(item.state, ItemState::Failed);
                QVERIFY(item.error.contains(QStringLiteral("company")));
                QCOMPARE(item.attempts, 0);
            } else {
                QCOMPARE(item.state, ItemState::Sent);
                QVERIFY(!item.providerRef.isEmpty());
                QVERIFY(item.cost.isValid());
            }
        }
        const CampaignProgress progress = r->runner->progress();
        QCOMPARE(progress.counts.sent, 2);
        QCOMPARE(progress.counts.failed, 1);
        QCOMPARE(progress.cost.size(), 1);
        QVERIFY(!progress.cost.first().isZero());
    }

    void budgetRefusalPausesBeforeTheFirstSend()
    {
        auto r = rig(CampaignChannel::Email, {person(1), person(2), person(3)});
        QVERIFY(r);
        QVERIFY(r->guard->setLimit(
            {LimitScope::Provider, QStringLiteral("resend"), SpendPeriod::Day, Money::aud(1)}));
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Paused);
        QVERIFY2(r->runner->pauseReason().contains(QStringLiteral("Resend")),
                 qPrintable(r->runner->pauseReason()));
        QVERIFY(m_sim.requestLog(ProviderId::Resend).isEmpty());
        const JournalCounts counts = r->journal->counts(r->campaign).value();
        QCOMPARE(counts.pending, 3);
        QCOMPARE(counts.sending, 0);
        QCOMPARE(counts.sent, 0);
        auto campaign = r->journal->campaign(r->campaign);
        QCOMPARE(campaign->state, CampaignState::Paused);
    }

    void estimateIsCheckedAgainstSpendGuard()
    {
        auto r = rig(CampaignChannel::Email, {});
        QVERIFY(r);
        QList<ValidatedRecipient> ready;
        for (int i = 0; i < 4; ++i) {
            ValidatedRecipient recipient;
            recipient.key = QStringLiteral("p%1@acme.com.au").arg(i);
            recipient.fields = {{QStringLiteral("email"), recipient.key},
                                {QStringLiteral("first_name"), QStringLiteral("P%1").arg(i)},
                                {QStringLiteral("company"), QStringLiteral("Acme")}};
            ready.append(recipient);
        }
        ready[3].fields.remove(QStringLiteral("first_name")); // blocked: the subject needs it
        const RenderedAudience rendered = renderAudience(*r->runner, r->runner->campaign().uid, ready);
        QCOMPARE(rendered.messages.size(), 3);
        QCOMPARE(rendered.blocked.size(), 1);
        QVERIFY(rendered.blocked.first().second.contains(QStringLiteral("first_name")));

        CampaignEstimate fits =
            QCoro::waitFor(estimateCampaign(*r->sender, rendered, {}, r->guard.get(), {}));
        QCOMPARE(fits.messages, 3);
        QCOMPARE(fits.requests, 3);
        QVERIFY(fits.cost.isValid());
        QCOMPARE(fits.cost.micros(), 3 * r->sender->estimate(rendered.messages.first()).micros());
        QVERIFY(fits.budgetChecked);
        QVERIFY2(fits.budgetRefusal.isEmpty(), qPrintable(fits.budgetRefusal));

        // A limit below the estimate: the dry run says the run would be stopped, and nothing is reserved.
        QVERIFY(r->guard->setLimit({LimitScope::Provider, QStringLiteral("resend"), SpendPeriod::Day,
                                    Money::aud(fits.cost.micros() / 2)}));
        CampaignEstimate over =
            QCoro::waitFor(estimateCampaign(*r->sender, rendered, {}, r->guard.get(), {}));
        QVERIFY(over.budgetChecked);
        QVERIFY2(over.budgetRefusal.contains(QStringLiteral("Resend")), qPrintable(over.budgetRefusal));
        QCOMPARE(r->guard->snapshot()->reserved.micros(), 0);
        QVERIFY(m_sim.requestLog(ProviderId::Resend).isEmpty());

        // The daily cap spreads the run over days; the minimum gap slows each request.
        CampaignThrottles throttles;
        throttles.dailyCap = 2;
        throttles.minimumGap = 5s;
        int days = 0;
        QCOMPARE(estimatedSeconds(3, *r->sender, throttles, &days), 15 + 24 * 3600);
        QCOMPARE(days, 2);
    }

    void throttleHoldsTheRateWithNo429()
    {
        auto r = rig(CampaignChannel::Email, {person(1), person(2), person(3), person(4), person(5)});
        QVERIFY(r);
        // The provider's documented 2 a second, enforced by the simulator; the console paces to it.
        m_sim.setRateLimit(ProviderId::Resend, 2, 1);
        r->providers->core.setPacing(ProviderId::Resend, ResendClient::documentedPacing());
        QElapsedTimer timer;
        timer.start();
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 20000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QVERIFY2(timer.elapsed() >= 1800, qPrintable(QString::number(timer.elapsed())));
        const auto log = m_sim.requestLog(ProviderId::Resend);
        QCOMPARE(log.size(), 5);
        for (const auto& request : log)
            QCOMPARE(request.status, 200);
        // A 10 s minimum gap holds the next send and says so.
        m_sim.setRateLimit(ProviderId::Resend, 0, 0);
        auto again = rig(CampaignChannel::Email, {person(6), person(7)});
        QVERIFY(again);
        CampaignThrottles throttles;
        throttles.minimumGap = 10s;
        again->runner->setThrottles(throttles);
        again->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(again->runner->waiting().contains(QStringLiteral("minimum gap")), 5000);
        QCOMPARE(again->journal->counts(again->campaign)->sent, 1);
        const JournalItem waiting = itemsOf(*again, ItemState::Pending).value(0);
        QVERIFY(again->runner->waitReason(waiting).contains(QStringLiteral("minimum gap")));
        again->runner->cancel();
    }

    void circuitBreakerTrips_data()
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("500s") << int(sim::FaultKind::ServerError500);
        QTest::newRow("429s") << int(sim::FaultKind::RateLimited);
    }
    void circuitBreakerTrips()
    {
        QFETCH(int, fault);
        QList<QJsonObject> people;
        for (int i = 0; i < 10; ++i)
            people.append(person(i));
        auto r = rig(CampaignChannel::Email, people);
        QVERIFY(r);
        QList<sim::Fault> faults;
        for (int i = 0; i < 200; ++i)
            faults.append(sim::Fault{sim::FaultKind(fault), 0, 0});
        m_sim.scheduleFaults(ProviderId::Resend, QStringLiteral("/emails"), faults);
        CampaignThrottles throttles;
        throttles.breakerWindow = 5;
        throttles.breakerThreshold = 3;
        r->runner->setThrottles(throttles);
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 30000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Paused);
        QVERIFY2(r->runner->pauseReason().contains(QStringLiteral("Circuit breaker")),
                 qPrintable(r->runner->pauseReason()));
        const JournalCounts counts = r->journal->counts(r->campaign).value();
        QCOMPARE(counts.failed, 3);
        QCOMPARE(counts.sent, 0);
        QCOMPARE(counts.pending, 7);
        QCOMPARE(counts.sending, 0);
        for (const JournalItem& item : itemsOf(*r, ItemState::Failed))
            QVERIFY(item.retryable);
        // The provider recovers: re-run the failed ones and resume; each person gets one email.
        m_sim.reset();
        QCOMPARE(r->journal->resetFailed(r->campaign, true).value(), 3);
        r->runner->resume();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QCOMPARE(r->journal->counts(r->campaign)->sent, 10);
    }

    void pauseResumeCancel()
    {
        QList<QJsonObject> people;
        for (int i = 0; i < 12; ++i)
            people.append(person(i));
        auto r = rig(CampaignChannel::Email, people);
        QVERIFY(r);
        m_sim.setLatency(ProviderId::Resend, 80ms);
        QSignalSpy states(r->runner.get(), &CampaignRunner::stateChanged);
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(r->journal->counts(r->campaign)->sent >= 2, 10000);
        r->runner->pause();
        QCOMPARE(r->runner->state(), CampaignRunner::State::Paused);
        QTest::qWait(300); // the request in flight finishes and is recorded; nothing new starts
        const int afterPause = int(m_sim.requestLog(ProviderId::Resend).size());
        QTest::qWait(300);
        QCOMPARE(int(m_sim.requestLog(ProviderId::Resend).size()), afterPause);
        QCOMPARE(r->journal->counts(r->campaign)->sending, 0);
        r->runner->resume();
        QTRY_VERIFY_WITH_TIMEOUT(r->journal->counts(r->campaign)->sent >= afterPause + 2, 10000);
        // Cancel aborts the request in flight at once: its item goes back to pending (Resend's key
        // makes a later send a replay, never a second email).
        QTRY_VERIFY_WITH_TIMEOUT(r->journal->counts(r->campaign)->sending == 1, 5000);
        r->runner->cancel();
        QCOMPARE(r->runner->state(), CampaignRunner::State::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(r->journal->counts(r->campaign)->sending, 0, 5000);
        const JournalCounts counts = r->journal->counts(r->campaign).value();
        QVERIFY(counts.pending > 0);
        QCOMPARE(counts.sent + counts.pending, 12);
        QCOMPARE(r->journal->campaign(r->campaign)->state, CampaignState::Cancelled);
        QVERIFY(states.size() >= 4);
    }

    void dailyCapAndSendWindowSayWhy()
    {
        // 22:00 UTC is 09:00 the next morning in Sydney (AEDT) and 06:00 in Perth.
        m_now = QDateTime(QDate(2026, 3, 2), QTime(22, 0), Qt::UTC);
        QJsonObject perth = person(9);
        perth.insert(QStringLiteral("timezone"), QStringLiteral("Australia/Perth"));
        auto r = rig(CampaignChannel::Email, {person(1), person(2), person(3), perth});
        QVERIFY(r);
        CampaignThrottles throttles;
        throttles.windowFrom = QTime(9, 0);
        throttles.windowTo = QTime(17, 0);
        r->runner->setThrottles(throttles);
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(r->journal->counts(r->campaign)->sent == 3, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(r->runner->waiting().contains(QStringLiteral("send window")), 5000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Running);
        const JournalItem waiting = itemsOf(*r, ItemState::Pending).value(0);
        QCOMPARE(waiting.recipientKey, QStringLiteral("person9@acme.com.au"));
        QVERIFY2(r->runner->waitReason(waiting).contains(QStringLiteral("01:00 UTC")),
                 qPrintable(r->runner->waitReason(waiting)));
        QCOMPARE(m_sim.requestLog(ProviderId::Resend).size(), 3);
        // Three hours on it is 09:00 in Perth: the window opens and the last item goes.
        m_now = m_now.addSecs(3 * 3600);
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QCOMPARE(r->journal->counts(r->campaign)->sent, 4);

        // A daily cap of 5 for this sender, across campaigns: 4 already went today, so 1 more.
        CampaignJournal& journal = *r->journal;
        NewCampaign second;
        second.name = QStringLiteral("Second");
        second.channel = CampaignChannel::Email;
        second.sender = r->journal->campaign(r->campaign)->sender;
        second.messageTemplate = QStringLiteral("Hi {{first_name}}");
        auto made = journal.createCampaign(second);
        QVERIFY(made);
        QVERIFY(journal.addItems(made->id, {NewItem{QStringLiteral("person11@acme.com.au"), person(11), 0},
                                            NewItem{QStringLiteral("person12@acme.com.au"), person(12), 0}}));
        CampaignRunner runner(*r->database, journal, *r->sender);
        runner.setClock(clock());
        runner.setPollInterval(20ms);
        QVERIFY(runner.open(made->id));
        CampaignThrottles cap;
        cap.dailyCap = 5;
        runner.setThrottles(cap);
        runner.start();
        QTRY_VERIFY_WITH_TIMEOUT(runner.waiting().contains(QStringLiteral("daily cap")), 10000);
        QCOMPARE(journal.counts(made->id)->sent, 1);
        QCOMPARE(journal.counts(made->id)->pending, 1);
        const JournalItem held =
            journal.items(made->id, ItemPage{ItemState::Pending, 0, 10}).value().value(0);
        QVERIFY(runner.waitReason(held).contains(QStringLiteral("daily cap of 5")));
        // Midnight in Sydney: a new day, a new allowance.
        m_now = QDateTime(QDate(2026, 3, 3), QTime(13, 5), Qt::UTC);
        QTRY_VERIFY_WITH_TIMEOUT(runner.state() != CampaignRunner::State::Running, 10000);
        QCOMPARE(runner.state(), CampaignRunner::State::Completed);
        QCOMPARE(journal.counts(made->id)->sent, 2);
    }

    void batchLeftInFlightIsReplayedNotResent()
    {
        QList<QJsonObject> people;
        for (int i = 0; i < 7; ++i)
            people.append(person(i));
        auto r = rig(CampaignChannel::Email, people, true, 3);
        QVERIFY(r);
        // A console sent the first batch and died before recording it: three items in `sending`.
        QList<OutgoingMessage> first;
        for (const JournalItem& item : itemsOf(*r).mid(0, 3))
            first.append(r->runner->render(item).value());
        const QString key = r->sender->requestKey(first);
        for (const OutgoingMessage& message : first)
            QVERIFY(r->journal->beginSend(message.item, key));
        const auto lost = QCoro::waitFor(r->sender->send(first, key, CancelToken()));
        QCOMPARE(lost.size(), 3);
        QCOMPARE(lost.first().kind, SendOutcome::Kind::Sent);

        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QCOMPARE(r->runner->lastReconcile().sent, 3);
        QCOMPARE(r->journal->counts(r->campaign)->sent, 7);
        // The replay carried the same key and payload, and Resend answered the same ids.
        QHash<QString, QSet<QString>> keysPerAddress;
        const auto sent = posts(m_sim, ProviderId::Resend);
        QCOMPARE(sent.size(), 4); // the lost batch, its replay, and two more batches
        QCOMPARE(sent.at(0).body, sent.at(1).body);
        QCOMPARE(headerOf(sent.at(0), "Idempotency-Key"), headerOf(sent.at(1), "Idempotency-Key"));
        for (const auto& request : sent) {
            QCOMPARE(request.status, 200);
            for (const QString& address : addressesIn(request.body))
                keysPerAddress[address].insert(QString::fromUtf8(headerOf(request, "Idempotency-Key")));
        }
        QCOMPARE(keysPerAddress.size(), 7);
        for (auto it = keysPerAddress.begin(); it != keysPerAddress.end(); ++it)
            QCOMPARE(it.value().size(), 1); // one delivery each: a replay is not a second email
        for (int i = 0; i < 3; ++i)
            QCOMPARE(itemsOf(*r).at(i).providerRef, lost.at(i).providerRef);
    }

    void replayRefusedIsUnknownNotResent()
    {
        auto r = rig(CampaignChannel::Email, {person(1), person(2)});
        QVERIFY(r);
        // The key was used for another payload (a template edited since): Resend answers 409.
        const JournalItem item = itemsOf(*r).first();
        OutgoingMessage other = r->runner->render(item).value();
        other.body = QStringLiteral("An earlier draft");
        const auto earlier = QCoro::waitFor(r->sender->send({other}, item.idempotencyKey, CancelToken()));
        QCOMPARE(earlier.first().kind, SendOutcome::Kind::Sent);
        QVERIFY(r->journal->beginSend(item.id, item.idempotencyKey));
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->lastReconcile().unknown, 1);
        const JournalItem after = r->journal->item(item.id).value();
        QCOMPARE(after.state, ItemState::Unknown);
        QVERIFY2(after.error.contains(QStringLiteral("replay")), qPrintable(after.error));
        QCOMPARE(r->journal->counts(r->campaign)->sent, 1);
        QCOMPARE(m_sim.requestLog(ProviderId::Resend).last().status, 200); // the other person
    }

    void smsQuoteCountsSegments()
    {
        auto r = rig(CampaignChannel::Sms, {});
        QVERIFY(r);
        OutgoingMessage shortText;
        shortText.body = QStringLiteral("Hi Jo, a quick one.");
        OutgoingMessage longText; // 161 GSM-7 characters: two segments
        longText.body = QString(161, u'a');
        OutgoingMessage emoji; // UCS-2: 70 a segment, so 71 characters are two
        emoji.body = QString(70, u'b') + QStringLiteral("🙂");
        const PriceQuote quote = QCoro::waitFor(r->sender->quote({shortText, longText, emoji}, {}));
        QVERIFY2(quote.basis.startsWith(QStringLiteral("5 SMS segments")), qPrintable(quote.basis));
        QCOMPARE(quote.total.micros(), 5 * r->sender->estimate(shortText).micros());
        QVERIFY(m_sim.requestLog(ProviderId::Twilio).isEmpty());
    }

    void smsSendsAndNeverResendsWhatItCannotFind()
    {
        const QList<QJsonObject> people{QJsonObject{{QStringLiteral("phone"), QStringLiteral("+61412000001")},
                                                    {QStringLiteral("first_name"), QStringLiteral("Ann")},
                                                    {QStringLiteral("company"), QStringLiteral("Acme")}},
                                        QJsonObject{{QStringLiteral("phone"), QStringLiteral("+61412000002")},
                                                    {QStringLiteral("first_name"), QStringLiteral("Bo")},
                                                    {QStringLiteral("company"), QStringLiteral("Bolt")}},
                                        QJsonObject{{QStringLiteral("phone"), QStringLiteral("+61412000003")},
                                                    {QStringLiteral("first_name"), QStringLiteral("Cy")},
                                                    {QStringLiteral("company"), QStringLiteral("Cog")}}};
        auto r = rig(CampaignChannel::Sms, people);
        QVERIFY(r);
        // A crash left the first in `sending`; Twilio's log has no such message.
        const JournalItem lost = itemsOf(*r).first();
        QVERIFY(r->journal->beginSend(lost.id));
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        QCOMPARE(r->runner->lastReconcile().unknown, 1);
        const JournalItem after = r->journal->item(lost.id).value();
        QCOMPARE(after.state, ItemState::Unknown);
        QVERIFY(after.error.contains(QStringLiteral("a person decides")));
        const auto sent = posts(m_sim, ProviderId::Twilio);
        QCOMPARE(sent.size(), 2);
        for (const auto& request : sent)
            QVERIFY(!request.body.contains("61412000001"));
        bool lookedUp = false;
        for (const auto& request : m_sim.requestLog(ProviderId::Twilio))
            lookedUp |= request.method == "GET" && request.query.contains(QStringLiteral("61412000001"));
        QVERIFY(lookedUp);
        // The preview is the form Twilio received.
        const JournalItem second = r->journal->item(lost.id + 1).value();
        const QByteArray preview = r->sender->payload({r->runner->render(second).value()});
        QCOMPARE(QUrlQuery(QString::fromUtf8(sent.first().body)).queryItems(QUrl::FullyDecoded),
                 QUrlQuery(QString::fromUtf8(preview)).queryItems(QUrl::FullyDecoded));

        // Follow-up: Twilio's status and price; the price settles the estimate in the ledger.
        const QList<DeliveryStatus> statuses =
            QCoro::waitFor(r->runner->followUp(r->guard.get(), r->ledger.get()));
        QCOMPARE(statuses.size(), 2);
        for (const DeliveryStatus& status : statuses) {
            QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
            QVERIFY(!status.status.isEmpty());
            // Stored; final only once Twilio has also priced it, so a later pass can settle the price.
            const JournalItem stored = r->journal->item(status.item).value();
            QCOMPARE(stored.deliveryStatus, status.status);
            QCOMPARE(stored.deliveryFinal, status.final && status.price.has_value());
            QVERIFY(stored.deliveryCheckedAt.isValid());
        }
    }

    // Issue 8: "Network cut (simulator stopped) mid-run: items fail or wait, nothing is lost, resume
    // completes". The simulator stops while a request is in flight (its answer is cut after the
    // provider acted on it) and then refuses connections; it comes back on the same port with what
    // it remembers, and the run is resumed.
    void networkCutThenResumeCompletes_data()
    {
        QTest::addColumn<int>("channelValue");
        QTest::newRow("email") << int(CampaignChannel::Email);
        QTest::newRow("sms") << int(CampaignChannel::Sms);
    }
    void networkCutThenResumeCompletes()
    {
        QFETCH(int, channelValue);
        const auto channel = CampaignChannel(channelValue);
        const bool email = channel == CampaignChannel::Email;
        const ProviderId provider = email ? ProviderId::Resend : ProviderId::Twilio;
        sim::ProviderSimulator simulator(31);
        QVERIFY(simulator.listen());
        const quint16 port = simulator.port();
        constexpr int kPeople = 20;
        QList<QJsonObject> people;
        for (int i = 0; i < kPeople; ++i) {
            QJsonObject fields = person(i);
            fields.insert(QStringLiteral("phone"), QStringLiteral("+614120001%1").arg(i, 2, 10, QChar(u'0')));
            people.append(fields);
        }
        auto r = rig(channel, people, false, 100, QStringLiteral("sqlite"), &simulator);
        QVERIFY(r);
        simulator.setLatency(provider, 60ms);
        CampaignThrottles throttles;
        throttles.breakerWindow = 3;
        throttles.breakerThreshold = 3;
        r->runner->setThrottles(throttles);
        // The cut comes while the sixth send is at the provider: it acts on it, and its answer (held
        // back by the latency) never comes back.
        int postsSeen = 0;
        const QMetaObject::Connection cutter =
            connect(&simulator, &sim::ProviderSimulator::requestHandled, this,
                    [&simulator, &postsSeen](const sim::RecordedRequest& request) {
                        if (request.method == "POST" && ++postsSeen == 6)
                            QTimer::singleShot(0, &simulator, [&simulator] { simulator.stop(); });
                    });
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 20000);
        disconnect(cutter);
        QVERIFY(!simulator.isListening());
        QCOMPARE(postsSeen, 6); // the ones after the cut never reached it
        QCOMPARE(r->runner->state(), CampaignRunner::State::Paused);
        QVERIFY2(r->runner->pauseReason().contains(QStringLiteral("Circuit breaker")),
                 qPrintable(r->runner->pauseReason()));

        // Nothing lost, nothing left in `sending`; every item in doubt says why.
        const JournalCounts cut = r->journal->counts(r->campaign).value();
        QCOMPARE(cut.sending, 0);
        QCOMPARE(cut.total(), kPeople);
        QVERIFY(cut.unknown + cut.failed >= 3);
        QVERIFY(cut.pending > 0);
        for (const JournalItem& item : itemsOf(*r)) {
            if (item.state == ItemState::Unknown || item.state == ItemState::Failed)
                QVERIFY2(!item.error.isEmpty(), qPrintable(item.recipientKey));
            if (item.state == ItemState::Failed)
                QVERIFY2(item.retryable, qPrintable(item.error));
        }

        // Back on the same port, remembering what it was sent (Resend's keys, Twilio's messages).
        QVERIFY(simulator.listen(port));
        QCOMPARE(simulator.port(), port);
        QCOMPARE(r->journal->resetFailed(r->campaign, true).value(), cut.failed);
        r->runner->resume();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 20000);
        QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
        const ReconcileReport reconciled = r->runner->lastReconcile();
        QCOMPARE(reconciled.examined, cut.unknown);
        QCOMPARE(reconciled.unresolved, 0);

        if (email) {
            // Resend: every item in doubt was replayed under its own key — the one cut mid-flight is
            // answered with its original id, the refused ones go out for the first time.
            QCOMPARE(reconciled.sent, cut.unknown);
            QCOMPARE(r->journal->counts(r->campaign)->sent, kPeople);
        } else {
            // Twilio: the message cut mid-flight is found by look-up; one whose request was refused
            // cannot be proven unsent by the console, so it stays `unknown` for a person. The person
            // checks Twilio's log (here the simulator's), finds nothing, and releases it to send.
            QVERIFY(reconciled.sent >= 1);
            QCOMPARE(reconciled.sent + reconciled.unknown, cut.unknown);
            QCOMPARE(r->journal->counts(r->campaign)->unknown, reconciled.unknown);
            QSet<QString> atTwilio;
            for (const auto& request : posts(simulator, provider))
                atTwilio.insert(QUrlQuery(QString::fromUtf8(request.body))
                                    .queryItemValue(QStringLiteral("To"), QUrl::FullyDecoded));
            for (const JournalItem& item : itemsOf(*r, ItemState::Unknown)) {
                QVERIFY2(item.error.contains(QStringLiteral("a person decides")), qPrintable(item.error));
                QVERIFY(!atTwilio.contains(item.recipientKey));
                QVERIFY(r->journal->markFailed(item.id, QStringLiteral("not in Twilio's log"), true));
            }
            QCOMPARE(r->journal->resetFailed(r->campaign, true).value(), reconciled.unknown);
            r->runner->resume();
            QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 20000);
            QCOMPARE(r->runner->state(), CampaignRunner::State::Completed);
            QCOMPARE(r->journal->counts(r->campaign)->sent, kPeople);
        }

        // The provider's log, across the cut: every recipient received exactly one message.
        QHash<QString, QSet<QString>> messagesTo;
        for (const auto& request : posts(simulator, provider)) {
            if (email) {
                if (request.status != 200)
                    continue;
                const QString key = QString::fromUtf8(headerOf(request, "Idempotency-Key"));
                for (const QString& address : addressesIn(request.body))
                    messagesTo[address].insert(key); // a replay of a key is the same email
            } else {
                if (request.status != 201)
                    continue;
                const QString to = QUrlQuery(QString::fromUtf8(request.body))
                                       .queryItemValue(QStringLiteral("To"), QUrl::FullyDecoded);
                messagesTo[to].insert(QString::number(messagesTo.value(to).size()));
            }
        }
        QCOMPARE(int(messagesTo.size()), kPeople);
        for (auto it = messagesTo.cbegin(); it != messagesTo.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(it.key()));
        QSet<QString> refs;
        for (const JournalItem& item : itemsOf(*r)) {
            QCOMPARE(item.state, ItemState::Sent);
            refs.insert(item.providerRef);
        }
        QCOMPARE(int(refs.size()), kPeople);
    }

    void emailFollowUpReadsLastEvent_data() { LedgerBackends::addRows(); }
    void emailFollowUpReadsLastEvent()
    {
        QFETCH(QString, kind);
        QList<QJsonObject> people;
        for (int i = 0; i < 12; ++i)
            people.append(person(i));
        auto r = rig(CampaignChannel::Email, people, false, 100, kind);
        if (!r && kind == u"postgres")
            QSKIP("no PostgreSQL server");
        QVERIFY(r);
        r->runner->start();
        QTRY_VERIFY_WITH_TIMEOUT(finished(*r), 10000);
        QCOMPARE(r->journal->counts(r->campaign)->sent, 12);
        const auto lookups = [this] {
            int count = 0;
            for (const auto& request : m_sim.requestLog(ProviderId::Resend))
                count += request.method == "GET" ? 1 : 0;
            return count;
        };
        const QDateTime asked = QDateTime::currentDateTimeUtc().addSecs(-1);
        const QList<DeliveryStatus> statuses = QCoro::waitFor(r->runner->followUp(nullptr, nullptr));
        QCOMPARE(statuses.size(), 12);
        QCOMPARE(lookups(), 12);
        int open = 0;
        for (const DeliveryStatus& status : statuses) {
            QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
            QVERIFY(!status.status.isEmpty());
            // Stored in the journal as reported.
            const JournalItem item = r->journal->item(status.item).value();
            QCOMPARE(item.deliveryStatus, status.status);
            QCOMPARE(item.deliveryFinal, status.final);
            QVERIFY(item.deliveryCheckedAt >= asked);
            open += status.final ? 0 : 1;
        }
        // Resend's seeded events are mostly final (delivered, bounced…), some open (sent, queued…); which
        // ones depends on the ids, so only "not all open" is certain (0.3^12); the pass below holds for any
        // mix.
        QVERIFY(open < 12);
        // The next pass asks only about the items whose status can still change.
        m_sim.clearLog();
        const QList<DeliveryStatus> again = QCoro::waitFor(r->runner->followUp(nullptr, nullptr));
        QCOMPARE(again.size(), open);
        QCOMPARE(lookups(), open);
        for (const DeliveryStatus& status : again)
            QVERIFY(!r->journal->item(status.item)->deliveryFinal);

        // A look-up that fails says so instead of inventing a status, and stores nothing.
        const QHash<ItemId, QDateTime> before = [&] {
            QHash<ItemId, QDateTime> at;
            for (const JournalItem& item : itemsOf(*r))
                at.insert(item.id, item.deliveryCheckedAt);
            return at;
        }();
        m_sim.scheduleFaults(ProviderId::Resend, QStringLiteral("/emails/"),
                             QList<sim::Fault>(40, sim::Fault{sim::FaultKind::ServerError500, 0, 0}));
        const QList<DeliveryStatus> failed = QCoro::waitFor(r->runner->followUp(nullptr, nullptr));
        QCOMPARE(failed.size(), open);
        for (const DeliveryStatus& status : failed) {
            QVERIFY(!status.error.isEmpty());
            QCOMPARE(r->journal->item(status.item)->deliveryCheckedAt, before.value(status.item));
        }
    }
};

QTEST_GUILESS_MAIN(TestCampaignRunner)
#include "tst_campaignrunner.moc"
