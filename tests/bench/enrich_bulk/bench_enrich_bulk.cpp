// A bulk enrichment run of N leads against the provider simulator (a separate process) enforcing
// Apollo's fixed per-minute window, for tests/bench/enrich_bulk/run.sh (not a test). The console's
// own parts do the work: the HTTP core paced as the console paces it (Apollo's documented rate, then
// the allowance its answers report), the enrichment service, the SQLite cache and the bulk run's
// journal, with the Bulk run tab reading the file and showing the run. A 1 ms heartbeat measures the longest
// event-loop stall.
//   bench-enrich-bulk --sim http://127.0.0.1:PORT [--leads 10000] [--per-minute 3000]
// Figures only; nothing here asserts on time.

#include "engine/bulkenrichment.h"
#include "engine/credentialvault.h"
#include "engine/sqliteenrichmentcache.h"
#include "integrations/apollo/apolloclient.h"
#include "integrations/http/httpcore.h"
#include "memorysecretstore.h"
#include "ui/bulkenrichpanel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace agency;

namespace {

void out(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
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

// The most requests the simulator accepted in any one of its windows, from the log's timestamps: a
// sliding 60 s maximum (at least the fixed window's count, whichever way its edges fall).
int busiestMinute(QList<qint64> atMs)
{
    std::sort(atMs.begin(), atMs.end());
    int best = 0;
    qsizetype first = 0;
    for (qsizetype last = 0; last < atMs.size(); ++last) {
        while (atMs[last] - atMs[first] >= 60000)
            ++first;
        best = std::max(best, int(last - first + 1));
    }
    return best;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("sim"), QStringLiteral("The simulator's address."), QStringLiteral("url")},
         {QStringLiteral("leads"), QStringLiteral("Leads to enrich."), QStringLiteral("n"),
          QStringLiteral("10000")},
         {QStringLiteral("per-minute"), QStringLiteral("Apollo's allowance per fixed minute."),
          QStringLiteral("n"), QStringLiteral("3000")}});
    parser.process(app);
    const QUrl sim(parser.value(QStringLiteral("sim")));
    const int leads = parser.value(QStringLiteral("leads")).toInt();
    const int perMinute = parser.value(QStringLiteral("per-minute")).toInt();

    QTemporaryDir dir;
    QNetworkAccessManager control;
    auto at = [&sim](const QString& path) {
        QUrl url = sim;
        url.setPath(path);
        return url;
    };
    call(control, at(QStringLiteral("/__sim/reset")), QByteArrayLiteral("{}"));
    call(control, at(QStringLiteral("/__sim/ratelimit")),
         QJsonDocument(QJsonObject{{QStringLiteral("provider"), QStringLiteral("apollo")},
                                   {QStringLiteral("per_minute"), perMinute}})
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
    core.setPacing(ProviderId::Apollo, ApolloClient::documentedPacing());
    ProviderHub hub(vault, settings, core);
    hub.setEnvironment(QProcessEnvironment());
    Credential credential;
    credential.fields = {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}};
    (void)QCoro::waitFor(vault.set(ProviderId::Apollo, Profile::Sandbox, credential));
    settings.setBaseUrlOverride(ProviderId::Apollo, Profile::Sandbox,
                                QUrl(bases.value(QStringLiteral("apollo")).toString()));
    int retries = 0;
    QObject::connect(&core, &HttpCore::retryScheduled, [&retries] { ++retries; });

    auto cache = SqliteEnrichmentCache::open(dir.filePath(QStringLiteral("cache.sqlite")));
    if (!cache) {
        out(cache.error().message);
        return 1;
    }
    EnrichmentService service(hub, settings, cache.value().get());
    EnrichmentSettings enrichment;
    enrichment.order = {ProviderId::Apollo};
    service.setSettings(enrichment);
    // The lead file, read by the Bulk run tab as a person would open it.
    const QString leadsPath = dir.filePath(QStringLiteral("leads.csv"));
    {
        QFile file(leadsPath);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        file.write("Email,First name,Company\r\n");
        for (int i = 0; i < leads; ++i)
            file.write(QStringLiteral("lead%1@company%2.com.au,Lead %1,Company %2\r\n")
                           .arg(i)
                           .arg(i % 700)
                           .toUtf8());
    }
    BulkEnrichPanel panel(service, cache.value().get(), dir.filePath(QStringLiteral("bulk-runs")));
    panel.setConfirmation([](const BulkEstimate&) { return true; });
    panel.resize(1100, 800);
    panel.show();
    QSignalSpy prepared(&panel, &BulkEnrichPanel::prepared);
    QElapsedTimer intake;
    intake.start();
    if (!panel.openFile(leadsPath) || (prepared.isEmpty() && !prepared.wait(120000)) || !panel.run()) {
        out(QStringLiteral("the lead file could not be read"));
        return 1;
    }
    out(QStringLiteral("intake and estimate of %1 rows in the panel: %2 ms")
            .arg(leads)
            .arg(intake.elapsed()));
    BulkEnrichment& run = *panel.run();

    qint64 longestGapNs = 0;
    QList<qint64> gapsUs;
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QList<QPair<qint64, qint64>> stalls; ///< (ms into the run, ms stalled) for gaps over 30 ms
    QElapsedTimer sinceStart;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 gap = beat.nsecsElapsed();
        longestGapNs = std::max(longestGapNs, gap);
        gapsUs.append(gap / 1000);
        if (gap > 30'000'000)
            stalls.append({sinceStart.elapsed(), gap / 1'000'000});
        beat.restart();
    });

    QEventLoop loop;
    QObject::connect(&run, &BulkEnrichment::stateChanged, &loop, [&loop](BulkEnrichment::State state) {
        if (state != BulkEnrichment::State::Running)
            loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    beat.start();
    sinceStart.start();
    heartbeat.start(1);
    panel.startRun();
    loop.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;
    heartbeat.stop();

    const QJsonArray log =
        QJsonDocument::fromJson(call(control, at(QStringLiteral("/__sim/requests")), {})).array();
    int answered = 0, limited = 0, other = 0;
    QList<qint64> acceptedAt;
    for (const QJsonValue& value : log) {
        const QJsonObject entry = value.toObject();
        const int status = entry.value(QStringLiteral("status")).toInt();
        if (status == 429)
            ++limited;
        else if (status == 200) {
            ++answered;
            acceptedAt.append(
                QDateTime::fromString(entry.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs)
                    .toMSecsSinceEpoch());
        } else
            ++other;
    }
    std::sort(gapsUs.begin(), gapsUs.end());
    const BulkProgress progress = run.progress();
    const double achieved = answered / seconds * 60.0;
    out(QStringLiteral("leads %1: answered %2, failed %3, in doubt %4 in %5 s")
            .arg(leads)
            .arg(progress.done)
            .arg(progress.failed)
            .arg(progress.inDoubt)
            .arg(seconds, 0, 'f', 1));
    out(QStringLiteral("Apollo requests: %1 answered, %2 refused with 429, %3 other; retries %4")
            .arg(answered)
            .arg(limited)
            .arg(other)
            .arg(retries));
    out(QStringLiteral("achieved %1 requests a minute against an allowance of %2 a minute = %3 % of the limit"
                       " (the baseline: the allowance itself)")
            .arg(achieved, 0, 'f', 1)
            .arg(perMinute)
            .arg(100.0 * achieved / perMinute, 0, 'f', 2));
    out(QStringLiteral("busiest 60 s the simulator saw: %1 requests (allowance %2)")
            .arg(busiestMinute(acceptedAt))
            .arg(perMinute));
    out(QStringLiteral("event loop: longest stall %1 ms; 99.9th percentile gap %2 ms over %3 heartbeats")
            .arg(longestGapNs / 1e6, 0, 'f', 1)
            .arg(gapsUs.isEmpty() ? 0.0 : gapsUs.at(qsizetype(gapsUs.size() * 0.999)) / 1000.0, 0, 'f', 2)
            .arg(gapsUs.size()));
    QStringList stallList;
    for (const auto& [at, ms] : stalls)
        stallList << QStringLiteral("%1 ms at %2 s").arg(ms).arg(at / 1000.0, 0, 'f', 1);
    out(QStringLiteral("stalls over 30 ms: %1%2")
            .arg(stalls.size())
            .arg(stallList.isEmpty()
                     ? QString()
                     : QStringLiteral(" (") + stallList.mid(0, 20).join(QStringLiteral(", ")) + u')'));
    return 0;
}
