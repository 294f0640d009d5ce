// The console's HTTP core as a load client, for tests/bench/http_core/run.sh (not a test).
//   throughput: bench-http-core --url URL --header NAME:VALUE --requests N --concurrency C
//   pacing:     bench-http-core --url URL --header NAME:VALUE --rate R --seconds S
// Prints one line of key=value results; CPU time is measured by the caller.

#include "integrations/http/httpcore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>

#include <algorithm>
#include <cstdio>

using namespace agency;

namespace {

struct Tally
{
    int ok = 0;
    int rateLimited = 0;
    int failed = 0;
    QList<qint64> sentAtUs; ///< when each request was handed to the network, for burst analysis
};

QCoro::Task<> worker(HttpCore& core, const Endpoint& endpoint, HttpRequest request, int& remaining,
                     Tally& tally, const QElapsedTimer& clock)
{
    while (remaining > 0) {
        --remaining;
        tally.sentAtUs.append(clock.nsecsElapsed() / 1000);
        const HttpResult result = co_await core.send(endpoint, request);
        if (result.ok())
            ++tally.ok;
        else if (result.error().kind == IntegrationError::Kind::RateLimited)
            ++tally.rateLimited;
        else
            ++tally.failed;
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("url"), QStringLiteral("Full URL to GET."), QStringLiteral("url")},
         {QStringLiteral("header"), QStringLiteral("Auth header NAME:VALUE."), QStringLiteral("header")},
         {QStringLiteral("requests"), QStringLiteral("Requests to send."), QStringLiteral("n"),
          QStringLiteral("20000")},
         {QStringLiteral("concurrency"), QStringLiteral("Requests in flight."), QStringLiteral("c"),
          QStringLiteral("8")},
         {QStringLiteral("rate"), QStringLiteral("Pace at this many requests/s."), QStringLiteral("r")},
         {QStringLiteral("seconds"), QStringLiteral("With --rate: run this long."), QStringLiteral("s"),
          QStringLiteral("10")}});
    parser.process(app);

    const QUrl url(parser.value(QStringLiteral("url")));
    Endpoint endpoint;
    endpoint.provider = ProviderId::Resend;
    endpoint.baseUrl = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    const QString header = parser.value(QStringLiteral("header"));
    if (const qsizetype colon = header.indexOf(u':'); colon > 0)
        endpoint.auth = Auth::header(header.left(colon).toLatin1(), header.mid(colon + 1).trimmed());
    endpoint.retry.maxAttempts = 1; // count every 429 instead of hiding it behind a retry
    HttpRequest request;
    request.path = url.path();

    QNetworkAccessManager network;
    HttpCore core(network);
    const bool pacing = parser.isSet(QStringLiteral("rate"));
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    int remaining = pacing ? int(rate * seconds) : parser.value(QStringLiteral("requests")).toInt();
    const int total = remaining;
    int concurrency = parser.value(QStringLiteral("concurrency")).toInt();
    if (pacing) {
        core.setPacing(endpoint.provider, PacingConfig{rate, 1.0, 0});
        concurrency = std::max(concurrency, 16);
    }

    Tally tally;
    QElapsedTimer clock;
    clock.start();
    std::vector<QCoro::Task<>> workers;
    for (int i = 0; i < concurrency; ++i)
        workers.push_back(worker(core, endpoint, request, remaining, tally, clock));
    for (auto& task : workers)
        QCoro::waitFor(task);
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;

    std::printf("requests=%d ok=%d rate_limited=%d failed=%d seconds=%.3f req_per_s=%.1f", total, tally.ok,
                tally.rateLimited, tally.failed, elapsed, total / elapsed);
    if (pacing) {
        // Largest burst: the most requests sent within any one pacing interval (1/rate seconds).
        std::sort(tally.sentAtUs.begin(), tally.sentAtUs.end());
        const qint64 window = qint64(1e6 / rate);
        int burst = 0;
        for (qsizetype i = 0, j = 0; i < tally.sentAtUs.size(); ++i) {
            while (tally.sentAtUs.at(i) - tally.sentAtUs.at(j) >= window)
                ++j;
            burst = std::max(burst, int(i - j + 1));
        }
        const double span = double(tally.sentAtUs.last() - tally.sentAtUs.first()) / 1e6;
        std::printf(" achieved_rate=%.2f target_rate=%.2f largest_burst=%d",
                    (tally.sentAtUs.size() - 1) / span, rate, burst);
    }
    std::printf("\n");
    return tally.failed == 0 ? 0 : 1;
}
