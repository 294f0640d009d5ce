// A Resend batch campaign of N recipients (default 10,000) against the provider simulator (a separate
// process) enforcing Resend's documented 2 requests a second, for tests/bench/campaign_resend/run.sh
// (not a test). The console's own parts do the work, on the UI thread as in the Campaigns panel: the
// HTTP core paced as ConsoleApp paces it (ResendClient::documentedPacing()) with SpendGuard as its
// budget hook, the sender built by makeCampaignSender, the journal in a SQLite ledger and the
// CampaignRunner, with a progress listener that formats the counts as a panel would.
// Measured: the achieved rate against the limit, the 429s, the journal's cost per item (a second
// phase over the same database, against empty transactions), the event loop's lateness (a 5 ms probe)
// and peak RSS.
//   bench-campaign-resend --sim http://127.0.0.1:PORT [--recipients 10000] [--batch-size 100] [--rate 2]
// Figures only; nothing here asserts on time.

#include "engine/campaignjournal.h"
#include "engine/campaignrunner.h"
#include "engine/campaignsenderfactory.h"
#include "engine/credentialvault.h"
#include "engine/database.h"
#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/providerhub.h"
#include "engine/spendguard.h"
#include "integrations/http/httpcore.h"
#include "integrations/resend/resendclient.h"
#include "memorysecretstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <numeric>

using namespace agency;

namespace {

// Resend's documented limit: 2 requests a second per team (Resend's API docs, "Rate limit").
constexpr int kResendDocumentedPerSecond = 2;

void out(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString& why)
{
    out(QStringLiteral("bench-campaign-resend: %1").arg(why));
    std::exit(1);
}

QByteArray call(QNetworkAccessManager& network, const QUrl& url, const QByteArray& post = {})
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = post.isNull() ? network.get(request) : network.post(request, post);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError) {
        out(QStringLiteral("simulator: %1 %2").arg(url.toString(), reply->errorString()));
        std::exit(2);
    }
    return reply->readAll();
}

// VmHWM: the process's peak resident set, in KB.
qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return double(values.at(std::min<qsizetype>(values.size() - 1, qsizetype(values.size() * p))));
}

QList<NewItem> recipients(int count, int offset)
{
    QList<NewItem> items;
    items.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int n = offset + i;
        const QString email = QStringLiteral("person%1@company%2.com.au").arg(n).arg(n % 700);
        items.append(
            NewItem{email,
                    QJsonObject{{QStringLiteral("email"), email},
                                {QStringLiteral("first_name"), QStringLiteral("Person%1").arg(n)},
                                {QStringLiteral("company"), QStringLiteral("Company %1").arg(n % 700)}},
                    0});
    }
    return items;
}

/// Forwards every call to the sender makeCampaignSender built, noting when each send leaves and
/// returns: the time between one send's return and the next one's start is the runner's own work on
/// the UI thread per request (record, progress, pick, begin), with no network in it.
class TimedSender : public CampaignSender
{
public:
    explicit TimedSender(CampaignSender& inner)
        : m_inner(inner)
    {
        m_clock.start();
    }

    ProviderId provider() const override { return m_inner.provider(); }
    int batchSize() const override { return m_inner.batchSize(); }
    QByteArray payload(const QList<OutgoingMessage>& messages) const override
    {
        return m_inner.payload(messages);
    }
    QString requestLine(int count) const override { return m_inner.requestLine(count); }
    QStringList redactedHeaders(const QString& requestKey) const override
    {
        return m_inner.redactedHeaders(requestKey);
    }
    QCoro::Task<QList<SendOutcome>> send(QList<OutgoingMessage> messages, QString requestKey,
                                         CancelToken cancel) override
    {
        const qint64 start = m_clock.nsecsElapsed();
        if (m_lastReturn >= 0)
            betweenNs.append(start - m_lastReturn);
        QList<SendOutcome> outcomes =
            co_await m_inner.send(std::move(messages), std::move(requestKey), cancel);
        m_lastReturn = m_clock.nsecsElapsed();
        inCallNs.append(m_lastReturn - start);
        co_return outcomes;
    }
    QCoro::Task<QList<SendOutcome>> reconcile(QList<OutgoingMessage> messages, QString requestKey,
                                              CancelToken cancel) override
    {
        QList<SendOutcome> outcomes =
            co_await m_inner.reconcile(std::move(messages), std::move(requestKey), cancel);
        co_return outcomes;
    }
    QCoro::Task<DeliveryStatus> status(ItemId item, QString providerRef) override
    {
        DeliveryStatus found = co_await m_inner.status(item, std::move(providerRef));
        co_return found;
    }
    Money estimate(const OutgoingMessage& message) const override { return m_inner.estimate(message); }
    double requestsPerSecond() const override { return m_inner.requestsPerSecond(); }

    QList<qint64> betweenNs; ///< from one send's return to the next send's start
    QList<qint64> inCallNs;  ///< inside send(): the pacer's wait and the HTTP call

private:
    CampaignSender& m_inner;
    QElapsedTimer m_clock;
    qint64 m_lastReturn = -1;
};

/// What a Campaigns panel does with each progress signal: the counts, rate, ETA and cost in words.
QString describe(const CampaignProgress& progress)
{
    QStringList cost;
    for (const Money& money : progress.cost)
        cost.append(money.toString());
    return QStringLiteral("%1 of %2 sent, %3 failed, %4 sending, %5 unknown · %6/min · ETA %7 s · %8 %9")
        .arg(progress.counts.sent)
        .arg(progress.counts.total())
        .arg(progress.counts.failed)
        .arg(progress.counts.sending)
        .arg(progress.counts.unknown)
        .arg(progress.perMinute, 0, 'f', 0)
        .arg(progress.etaSeconds.value_or(-1))
        .arg(cost.join(QStringLiteral(", ")), progress.waiting);
}

struct JournalTiming
{
    qint64 writesNs = 0;   ///< beginSend×batch in one transaction, then markSent×batch in another
    qint64 baselineNs = 0; ///< the same number of empty transactions
    int items = 0;
    int transactions = 0;
};

// The journal's before and after writes exactly as CampaignRunner::beginAll and ::record make them
// (one transaction for the batch's beginSend, one for its markSent), over the same database, for a
// second campaign of `count` items; the baseline is as many empty transactions on the same connection.
JournalTiming timeJournalWrites(Database& database, CampaignJournal& journal, CampaignSender& sender,
                                CampaignId campaign, int batchSize)
{
    JournalTiming timing;
    QElapsedTimer clock;
    while (true) {
        ItemPage page;
        page.state = ItemState::Pending;
        page.limit = batchSize;
        auto items = journal.items(campaign, page);
        if (!items)
            fail(items.error().message);
        if (items->isEmpty())
            break;
        QList<OutgoingMessage> messages;
        for (const JournalItem& item : items.value()) {
            OutgoingMessage message;
            message.item = item.id;
            message.idempotencyKey = item.idempotencyKey;
            message.to = item.recipientKey;
            messages.append(message);
        }
        const QString key = sender.requestKey(messages);
        const Money cost = sender.estimate(messages.first());

        clock.start();
        {
            Transaction transaction(database, Transaction::Lock::None);
            if (transaction.beginError())
                fail(transaction.beginError()->message);
            for (const OutgoingMessage& message : messages) {
                if (auto begun = journal.beginSend(message.item, key); !begun)
                    fail(begun.error().message);
            }
            if (auto committed = transaction.commit(); !committed)
                fail(committed.error().message);
        }
        {
            Transaction transaction(database, Transaction::Lock::None);
            if (transaction.beginError())
                fail(transaction.beginError()->message);
            for (const OutgoingMessage& message : messages) {
                const QString ref = QStringLiteral("bench-%1").arg(message.item);
                if (auto sent = journal.markSent(message.item, ref, cost); !sent)
                    fail(sent.error().message);
            }
            if (auto committed = transaction.commit(); !committed)
                fail(committed.error().message);
        }
        timing.writesNs += clock.nsecsElapsed();

        clock.start();
        for (int i = 0; i < 2; ++i) {
            Transaction transaction(database, Transaction::Lock::None);
            if (transaction.beginError())
                fail(transaction.beginError()->message);
            if (auto committed = transaction.commit(); !committed)
                fail(committed.error().message);
        }
        timing.baselineNs += clock.nsecsElapsed();
        timing.items += int(messages.size());
        timing.transactions += 2;
    }
    return timing;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("sim"), QStringLiteral("The simulator's address."), QStringLiteral("url")},
         {QStringLiteral("recipients"), QStringLiteral("Recipients in the campaign."), QStringLiteral("n"),
          QStringLiteral("10000")},
         {QStringLiteral("batch-size"), QStringLiteral("Emails per batch request (1–100)."),
          QStringLiteral("n"), QStringLiteral("100")},
         {QStringLiteral("rate"),
          QStringLiteral("Requests a second the simulator allows and the console paces to (default: "
                         "Resend's documented 2; raise it for a quick check)."),
          QStringLiteral("n")}});
    parser.process(app);
    const QUrl sim(parser.value(QStringLiteral("sim")));
    const int count = parser.value(QStringLiteral("recipients")).toInt();
    const int batchSize = parser.value(QStringLiteral("batch-size")).toInt();
    const bool documented = !parser.isSet(QStringLiteral("rate"));
    const int limit = documented ? kResendDocumentedPerSecond : parser.value(QStringLiteral("rate")).toInt();
    if (!sim.isValid() || sim.isEmpty() || count <= 0 || limit <= 0)
        fail(QStringLiteral("usage: --sim URL [--recipients N] [--batch-size N] [--rate N]"));

    QTemporaryDir dir;
    QNetworkAccessManager control;
    auto at = [&sim](const QString& path, const QString& query = {}) {
        QUrl url = sim;
        url.setPath(path);
        url.setQuery(query);
        return url;
    };
    call(control, at(QStringLiteral("/__sim/reset")), QByteArrayLiteral("{}"));
    // Resend's documented limit as a token bucket with no burst: two requests closer than 500 ms apart
    // are already over it.
    call(control, at(QStringLiteral("/__sim/ratelimit")),
         QJsonDocument(QJsonObject{{QStringLiteral("provider"), QStringLiteral("resend")},
                                   {QStringLiteral("per_second"), limit},
                                   {QStringLiteral("burst"), 1}})
             .toJson(QJsonDocument::Compact));
    const QJsonObject bases =
        QJsonDocument::fromJson(call(control, at(QStringLiteral("/__sim/providers")))).object();

    // The console's parts, as ConsoleApp puts them together (a memory keychain instead of the OS's).
    QSettings qsettings(dir.filePath(QStringLiteral("bench.ini")), QSettings::IniFormat);
    ConsoleSettings settings(qsettings);
    settings.setActiveProfile(Profile::Sandbox);
    test::MemorySecretStore store;
    CredentialVault vault(store, qsettings);
    QNetworkAccessManager network;
    HttpCore core(network);
    PacingConfig pacing = ResendClient::documentedPacing();
    if (!documented)
        pacing.ratePerSecond = limit * 0.95; // the same margin under the limit
    core.setPacing(ProviderId::Resend, pacing);
    ProviderHub hub(vault, settings, core);
    hub.setEnvironment(QProcessEnvironment());
    Credential credential;
    credential.fields = {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}};
    (void)QCoro::waitFor(vault.set(ProviderId::Resend, Profile::Sandbox, credential));
    settings.setBaseUrlOverride(ProviderId::Resend, Profile::Sandbox,
                                QUrl(bases.value(QStringLiteral("resend")).toString()));
    int retries = 0;
    QObject::connect(&core, &HttpCore::retryScheduled, [&retries] { ++retries; });

    auto opened = Database::open(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("ledger.sqlite"))));
    if (!opened)
        fail(opened.error().message);
    Database& database = *opened.value();
    Ledger ledger(database);
    PriceBook prices(database);
    SpendGuard guard(database, ledger, prices);
    core.setBudgetHook(&guard);
    CampaignJournal journal(database);

    const QJsonObject senderJson{
        {QStringLiteral("from"), QStringLiteral("Agency <ops@mail1.agency.example>")},
        {QStringLiteral("subject"), QStringLiteral("Hello {{first_name}}")},
        {QStringLiteral("batch"), true},
        {QStringLiteral("batch_size"), batchSize}};
    auto client = QCoro::waitFor(hub.client(ProviderId::Resend, Profile::Sandbox));
    if (!client)
        fail(client.error().message());
    auto made = makeCampaignSender(CampaignChannel::Email, senderJson, client.value());
    if (!made)
        fail(made.error());
    TimedSender sender(*made.value());

    NewCampaign campaign;
    campaign.name = QStringLiteral("Benchmark");
    campaign.channel = CampaignChannel::Email;
    campaign.sender = senderJson;
    campaign.messageTemplate = QStringLiteral("Hi {{first_name}}, a word about {{company}}.");
    campaign.createdBy = QStringLiteral("bench");
    auto created = journal.createCampaign(campaign);
    if (!created)
        fail(created.error().message);
    const QList<NewItem> items = recipients(count, 0);
    QElapsedTimer clock;
    clock.start();
    auto added = journal.addItems(created->id, items);
    const qint64 addNs = clock.nsecsElapsed();
    if (!added || added.value() != count)
        fail(added ? QStringLiteral("only %1 items were added").arg(added.value()) : added.error().message);
    out(QStringLiteral("addItems: %1 recipients in %2 ms (%3 µs/item, one transaction)")
            .arg(count)
            .arg(addNs / 1e6, 0, 'f', 1)
            .arg(addNs / 1e3 / count, 0, 'f', 1));

    CampaignRunner runner(database, journal, sender);
    runner.setSpendGuard(&guard);
    if (auto ready = runner.open(created->id); !ready)
        fail(ready.error());

    // What a panel does with each progress signal.
    int progressSignals = 0;
    QString lastLine;
    QObject::connect(&runner, &CampaignRunner::progressed, [&](const CampaignProgress& progress) {
        ++progressSignals;
        lastLine = describe(progress);
    });

    // The probe: a 5 ms timer on the UI thread; how late each tick comes is how long the loop was busy.
    constexpr qint64 kProbeNs = 5'000'000;
    QList<qint64> latenessUs;
    QList<QPair<qint64, qint64>> stalls; ///< (ms into the run, ms late) for ticks over 30 ms late
    QElapsedTimer sinceTick;
    QElapsedTimer sinceStart;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 late = std::max<qint64>(0, sinceTick.nsecsElapsed() - kProbeNs);
        latenessUs.append(late / 1000);
        if (late > 30'000'000)
            stalls.append({sinceStart.elapsed(), late / 1'000'000});
        sinceTick.restart();
    });

    QEventLoop loop;
    QObject::connect(&runner, &CampaignRunner::stateChanged, &loop, [&loop](CampaignRunner::State state) {
        if (state != CampaignRunner::State::Running)
            loop.quit();
    });
    clock.start();
    sinceTick.start();
    sinceStart.start();
    probe.start(5);
    runner.start();
    loop.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;
    probe.stop();

    const CampaignProgress progress = runner.progress();
    const QJsonArray log = QJsonDocument::fromJson(call(control, at(QStringLiteral("/__sim/requests"),
                                                                    QStringLiteral("provider=resend"))))
                               .array();
    int accepted = 0, limited = 0, other = 0, emails = 0;
    QStringList refusals; ///< each 429: which request, and how long after the one before it arrived
    qint64 previousAt = -1;
    for (const QJsonValue& value : log) {
        const QJsonObject entry = value.toObject();
        const int status = entry.value(QStringLiteral("status")).toInt();
        const qint64 arrived =
            QDateTime::fromString(entry.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        if (status == 429)
            refusals.append(QStringLiteral("#%1 %2 ms after the one before")
                                .arg(accepted + limited + other + 1)
                                .arg(previousAt < 0 ? -1 : arrived - previousAt));
        previousAt = arrived;
        if (status == 429) {
            ++limited;
        } else if (status == 200) {
            ++accepted;
            emails += int(QJsonDocument::fromJson(entry.value(QStringLiteral("body")).toString().toUtf8())
                              .array()
                              .size());
        } else {
            ++other;
        }
    }

    out(QStringLiteral("campaign of %1 recipients, batches of %2: %3 after %4 s — sent %5, failed %6, "
                       "unknown %7, pending %8%9")
            .arg(count)
            .arg(batchSize)
            .arg(campaignRunnerStateName(runner.state()))
            .arg(seconds, 0, 'f', 1)
            .arg(progress.counts.sent)
            .arg(progress.counts.failed)
            .arg(progress.counts.unknown)
            .arg(progress.counts.pending)
            .arg(runner.pauseReason().isEmpty() ? QString()
                                                : QStringLiteral(" (") + runner.pauseReason() + u')'));
    out(QStringLiteral("Resend requests the simulator saw: %1 accepted carrying %2 emails, %3 refused with "
                       "429, %4 other; HTTP core retries %5")
            .arg(accepted)
            .arg(emails)
            .arg(limited)
            .arg(other)
            .arg(retries));
    if (!refusals.isEmpty())
        out(QStringLiteral("the 429s: %1").arg(refusals.mid(0, 10).join(QStringLiteral(", "))));
    const double requestRate = accepted / seconds;
    out(QStringLiteral("achieved %1 requests/s against the limit of %2/s (%3) = %4 of the limit "
                       "(the console paces to %5/s); %6 emails/s against %7/s = %8")
            .arg(requestRate, 0, 'f', 3)
            .arg(limit)
            .arg(documented ? QStringLiteral("Resend's documented rate") : QStringLiteral("--rate"))
            .arg(requestRate / limit, 0, 'f', 3)
            .arg(pacing.ratePerSecond, 0, 'f', 2)
            .arg(emails / seconds, 0, 'f', 1)
            .arg(limit * batchSize)
            .arg(emails / seconds / (limit * batchSize), 0, 'f', 3));
    if (!sender.betweenNs.isEmpty()) {
        const qint64 total = std::accumulate(sender.betweenNs.begin(), sender.betweenNs.end(), qint64(0));
        out(QStringLiteral(
                "runner's own work between two requests (record, progress, pick, begin): mean %1 ms, "
                "max %2 ms over %3 gaps = %4 µs/item; inside send() (pacer + HTTP): mean %5 ms")
                .arg(total / 1e6 / sender.betweenNs.size(), 0, 'f', 2)
                .arg(*std::max_element(sender.betweenNs.begin(), sender.betweenNs.end()) / 1e6, 0, 'f', 2)
                .arg(sender.betweenNs.size())
                .arg(total / 1e3 / (double(sender.betweenNs.size()) * batchSize), 0, 'f', 1)
                .arg(std::accumulate(sender.inCallNs.begin(), sender.inCallNs.end(), qint64(0)) / 1e6 /
                         sender.inCallNs.size(),
                     0, 'f', 1));
    }
    out(QStringLiteral("event loop (5 ms probe, %1 ticks): max lateness %2 ms (target < 50 ms), p99 %3 ms, "
                       "p50 %4 ms")
            .arg(latenessUs.size())
            .arg(latenessUs.isEmpty() ? 0.0
                                      : *std::max_element(latenessUs.begin(), latenessUs.end()) / 1000.0,
                 0, 'f', 1)
            .arg(percentile(latenessUs, 0.99) / 1000.0, 0, 'f', 2)
            .arg(percentile(latenessUs, 0.50) / 1000.0, 0, 'f', 2));
    QStringList stallList;
    for (const auto& stall : stalls)
        stallList << QStringLiteral("%1 ms at %2 s").arg(stall.second).arg(stall.first / 1000.0, 0, 'f', 1);
    out(QStringLiteral("ticks over 30 ms late: %1%2")
            .arg(stalls.size())
            .arg(stallList.isEmpty()
                     ? QString()
                     : QStringLiteral(" (") + stallList.mid(0, 20).join(QStringLiteral(", ")) + u')'));
    out(QStringLiteral("progress signals %1; the panel's last line: %2").arg(progressSignals).arg(lastLine));

    // The journal's writes alone, over the same database (now holding the run's items).
    NewCampaign second = campaign;
    second.name = QStringLiteral("Benchmark journal phase");
    auto phase = journal.createCampaign(second);
    if (!phase)
        fail(phase.error().message);
    if (auto more = journal.addItems(phase->id, recipients(count, count)); !more)
        fail(more.error().message);
    const JournalTiming timing = timeJournalWrites(database, journal, sender, phase->id, batchSize);
    const double writesUs = timing.writesNs / 1e3 / timing.items;
    const double baselineUs = timing.baselineNs / 1e3 / timing.items;
    out(QStringLiteral("journal overhead: beginSend + markSent in one transaction each per batch of %1: "
                       "%2 µs/item (%3 ms per batch); baseline of %4 empty transactions: %5 µs/item; "
                       "ratio %6×; net %7 µs/item")
            .arg(batchSize)
            .arg(writesUs, 0, 'f', 1)
            .arg(timing.writesNs / 1e6 / std::max(1, timing.transactions / 2), 0, 'f', 2)
            .arg(timing.transactions)
            .arg(baselineUs, 0, 'f', 2)
            .arg(baselineUs > 0 ? writesUs / baselineUs : 0.0, 0, 'f', 1)
            .arg(writesUs - baselineUs, 0, 'f', 1));
    out(QStringLiteral("peak RSS (VmHWM): %1 KB").arg(peakRssKb()));
    return runner.state() == CampaignRunner::State::Completed ? 0 : 3;
}
