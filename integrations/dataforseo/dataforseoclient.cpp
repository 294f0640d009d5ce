#include "dataforseoclient.h"

#include "integrations/costing.h"
#include "integrations/dataforseo/dataforseojson.h"
#include "integrations/http/httpcore.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

#include <cmath>

namespace agency {

namespace {

// Facts from shared/providers/dataforseo.md and contracts/specs/dataforseo.yaml, in one place:
// - base https://api.dataforseo.com, HTTP Basic with the API login and password (built by the core,
//   never through a 401 challenge);
// - live endpoints take a JSON array with exactly one task (more: 40000);
// - success is status_code 20000 at the top and in the task, usually inside HTTP 200; the codes
//   (appendix/errors, confirmed from client code that mirrors it): 40100 auth, 40200 payment
//   required, 40201 account blocked, 40202 per-minute rate limit, 40203 daily cost limit, 40204 no
//   subscription ("Access denied. Visit Plans and Subscriptions…"), 40205/40206 duplicate-task
//   limits, 40207 IP not whitelisted, 40210 insufficient funds (seen in client code, task level),
//   5xxxx internal errors; 40102 "No Search Results." is a success without data;
// - no Retry-After: after 40202 wait for the next minute (the whole minute is assumed);
// - rate limit 2,000 requests a minute (help centre; an announcement dated 2026-10-19 raises it to
//   10,000); live endpoints should see "a few hundred requests per minute", not bursts;
// - each answer reports its cost (USD) at the top and per task. Prices are unverified: the worst
//   cases below are assumptions — Labs ≈ US$0.01 per task + US$0.0001 per row returned, Backlinks
//   summary ≈ US$0.02 per request — which the live price table in user_data can confirm.
constexpr double kRequestsPerSecond = 5.0; // 300 a minute
constexpr qint64 kLabsTaskMicros = 10'000; // US$0.01
constexpr qint64 kLabsRowMicros = 100;     // US$0.0001
constexpr qint64 kBacklinksSummaryMicros = 20'000;
const QString kLoginField = QStringLiteral("login");
const QString kPasswordField = QStringLiteral("password");
const QString kRankOperation = QStringLiteral("domain_rank_overview");
const QString kBacklinksOperation = QStringLiteral("backlinks_summary");
constexpr std::chrono::milliseconds kMinuteWait{60'000};

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::DataForSeoClient", text);
}

QString usdText(double amount)
{
    return Money::fromMicros(qint64(std::llround(amount * 1e6)), QStringLiteral("USD")).toString();
}

// DataForSEO's rate limit arrives inside an HTTP 200 without Retry-After: the wait is the minute.
IntegrationError withMinuteWait(IntegrationError error)
{
    if (error.kind == IntegrationError::Kind::RateLimited && !error.retryAfter)
        error.retryAfter = kMinuteWait;
    return error;
}

} // namespace

DataForSeoClient::DataForSeoClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::DataForSeo;
    m_endpoint.baseUrl = context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::DataForSeo).defaultBaseUrl)
                                                   : context.baseUrl;
    m_endpoint.auth = Auth::basic(context.credential.value(kLoginField).trimmed(),
                                  context.credential.value(kPasswordField).trimmed());
    m_endpoint.parseError = &DataForSeoJson::parseError;
    // Only an HTTP 429 (which DataForSEO does not send itself) asks for this: wait out the minute.
    m_endpoint.readRetryAfter = [](const HttpResponse& response) -> std::optional<std::chrono::milliseconds> {
        if (response.status == 429)
            return kMinuteWait;
        return std::nullopt;
    };
}

PacingConfig DataForSeoClient::documentedPacing()
{
    return PacingConfig{kRequestsPerSecond, 10.0, 10};
}

Money DataForSeoClient::worstCaseRankOverview(int limit)
{
    return Money::fromMicros(kLabsTaskMicros + kLabsRowMicros * std::clamp(limit, 1, kMaxRankRows),
                             QStringLiteral("USD"));
}

Money DataForSeoClient::worstCaseBacklinksSummary()
{
    return Money::fromMicros(kBacklinksSummaryMicros, QStringLiteral("USD"));
}

std::optional<IntegrationError> DataForSeoClient::missingCredential() const
{
    if (!m_endpoint.auth.user.isEmpty() && !m_endpoint.auth.secret.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::DataForSeo;
    error.detail = m_endpoint.auth.user.isEmpty() ? tr("no API login is set up for DataForSEO")
                                                  : tr("no API password is set up for DataForSEO");
    return error;
}

IntegrationError DataForSeoClient::notSent(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::DataForSeo;
    error.providerMessage = why;
    error.detail = QStringLiteral("refused before sending");
    return error;
}

QCoro::Task<Result<DataForSeoClient::Answer, IntegrationError>>
DataForSeoClient::post(QString path, QJsonArray tasks, QString operation, Money worstCase, CancelToken cancel)
{
    HttpRequest request;
    request.method = "POST";
    request.path = std::move(path);
    request.body = JsonBody{QJsonDocument(tasks)};
    request.operation = operation;
    request.worstCaseCost = std::move(worstCase);
    request.costOf = [operation](const HttpResponse& response) -> std::optional<CostEvent> {
        const std::optional<Money> cost = DataForSeoJson::reportedCost(response.body);
        if (!cost)
            return std::nullopt;
        return reportedCost(ProviderId::DataForSeo, operation, *cost, 1,
                            providerInfo(ProviderId::DataForSeo).unit, DataForSeoJson::taskId(response.body));
    };
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(withMinuteWait(result.error()));
    auto decoded = HttpCore::decodeJson(ProviderId::DataForSeo, result.value());
    if (!decoded)
        co_return failure(decoded.error());
    co_return Answer{std::move(decoded).value(), result.value().cost};
}

QCoro::Task<AccountStatus> DataForSeoClient::checkCredentials()
{
    if (const auto missing = missingCredential()) {
        AccountStatus status = accountStatusFromError(*missing, {});
        status.summary = tr("no API login and password set up");
        co_return status;
    }
    HttpRequest request;
    request.path = QStringLiteral("/v3/appendix/user_data");
    request.operation = QStringLiteral("check");
    QElapsedTimer clock;
    clock.start();
    const HttpResult result = co_await m_core->send(m_endpoint, request);
    const auto latency = std::chrono::milliseconds(clock.elapsed());
    if (!result)
        co_return accountStatusFromError(withMinuteWait(result.error()), latency);

    const HttpResponse& response = result.value();
    const auto decoded = HttpCore::decodeJson(ProviderId::DataForSeo, response);
    if (!decoded)
        co_return accountStatusFromError(decoded.error(), latency);
    auto parsed = DataForSeoJson::parseUserData(decoded.value());
    if (!parsed) {
        IntegrationError error = parsed.error();
        error.httpStatus = response.status;
        co_return accountStatusFromError(error, latency);
    }
    const DataForSeoAccount& account = parsed.value();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool backlinks = account.hasBacklinks(now);

    AccountStatus status;
    status.latency = latency;
    status.checkedAt = now;
    status.balance = account.balance;
    status.state = backlinks ? AccountStatus::State::Valid : AccountStatus::State::ValidLimited;
    status.plan = backlinks ? tr("Pay as you go + Backlinks") : tr("Pay as you go");
    const QString expiry = account.backlinksExpiresAt.isValid()
                               ? account.backlinksExpiresAt.date().toString(Qt::ISODate)
                               : account.backlinksSubscriptionExpiry;
    status.summary = backlinks ? tr("%1 balance · Backlinks until %2").arg(account.balance.toString(), expiry)
                               : tr("%1 balance · no Backlinks subscription").arg(account.balance.toString());
    if (!account.login.isEmpty())
        status.details.append({tr("Login"), account.login});
    status.details.append({tr("Balance"), account.balance.toString()});
    status.details.append({tr("Total deposited"), account.totalDeposited.toString()});
    if (account.requestsPerMinute)
        status.details.append(
            {tr("Rate limit"), tr("%1 requests per minute").arg(*account.requestsPerMinute)});
    if (account.requestsPerDay && *account.requestsPerDay > 0)
        status.details.append({tr("Daily request limit"), QString::number(*account.requestsPerDay)});
    if (account.requestsToday)
        status.details.append({tr("Requests today"), QString::number(*account.requestsToday)});
    if (account.dailySpendLimitUsd)
        status.details.append({tr("Daily spend limit"), *account.dailySpendLimitUsd > 0
                                                            ? usdText(*account.dailySpendLimitUsd)
                                                            : tr("none")});
    if (account.spentTodayUsd)
        status.details.append({tr("Spent today"), usdText(*account.spentTodayUsd)});
    status.details.append(
        {tr("Backlinks subscription"),
         backlinks
             ? tr("until %1").arg(expiry)
             : (account.backlinksSubscriptionExpiry.isEmpty() ? tr("none") : tr("expired %1").arg(expiry))});
    if (!account.timezone.isEmpty())
        status.details.append({tr("Time zone"), account.timezone});
    // docs.dataforseo.com lists these headers; a live probe found none — shown when present.
    if (const QByteArray limit = response.header("X-RateLimit-Limit"); !limit.isEmpty())
        status.details.append({tr("X-RateLimit-Limit"), QString::fromLatin1(limit)});
    if (const QByteArray remaining = response.header("X-RateLimit-Remaining"); !remaining.isEmpty())
        status.details.append({tr("X-RateLimit-Remaining"), QString::fromLatin1(remaining)});
    co_return status;
}

QCoro::Task<Result<DataForSeoRankOverview, IntegrationError>>
DataForSeoClient::domainRankOverview(DataForSeoRankOverviewRequest request, CancelToken cancel)
{
    if (const auto missing = missingCredential())
        co_return failure(*missing);
    const QString target = DataForSeoJson::normaliseTarget(request.target);
    if (target.isEmpty() || !target.contains(u'.'))
        co_return failure(notSent(tr("\"%1\" is not a domain").arg(request.target)));
    if (request.limit < 1 || request.limit > kMaxRankRows)
        co_return failure(notSent(tr("the row limit is 1 to %1").arg(kMaxRankRows)));

    // Arguments of an awaited call are built first (GCC 12 and temporaries in co_await).
    QString path = QStringLiteral("/v3/dataforseo_labs/google/domain_rank_overview/live");
    QJsonArray tasks = DataForSeoJson::rankOverviewTasks(request);
    Money worstCase = worstCaseRankOverview(request.limit);
    const auto answer =
        co_await post(std::move(path), std::move(tasks), kRankOperation, std::move(worstCase), cancel);
    if (!answer)
        co_return failure(answer.error());
    auto overview = DataForSeoJson::parseRankOverview(answer->document);
    if (!overview)
        co_return failure(overview.error());
    DataForSeoRankOverview value = std::move(overview).value();
    value.costEvent = answer->cost;
    co_return value;
}

QCoro::Task<Result<DataForSeoBacklinksSummary, IntegrationError>>
DataForSeoClient::backlinksSummary(DataForSeoBacklinksRequest request, CancelToken cancel)
{
    if (const auto missing = missingCredential())
        co_return failure(*missing);
    const QString target = DataForSeoJson::backlinksTarget(request.target);
    if (target.isEmpty() || !target.contains(u'.'))
        co_return failure(notSent(tr("\"%1\" is not a domain or page URL").arg(request.target)));
    if (request.internalListLimit && (*request.internalListLimit < 1 || *request.internalListLimit > 1000))
        co_return failure(notSent(tr("internal_list_limit is 1 to 1000")));

    QString path = QStringLiteral("/v3/backlinks/summary/live");
    QJsonArray tasks = DataForSeoJson::backlinksTasks(request);
    Money worstCase = worstCaseBacklinksSummary();
    const auto answer =
        co_await post(std::move(path), std::move(tasks), kBacklinksOperation, std::move(worstCase), cancel);
    if (!answer) {
        IntegrationError error = answer.error();
        // 40204 on this endpoint means the login has no Backlinks API subscription: say so plainly.
        if (error.providerCode == u"40204")
            error.providerMessage =
                tr("this login has no active Backlinks API subscription (%1)").arg(error.providerMessage);
        co_return failure(error);
    }
    auto summary = DataForSeoJson::parseBacklinksSummary(answer->document);
    if (!summary)
        co_return failure(summary.error());
    DataForSeoBacklinksSummary value = std::move(summary).value();
    value.costEvent = answer->cost;
    co_return value;
}

} // namespace agency
