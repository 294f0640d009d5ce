#include "clayclient.h"

#include "integrations/clay/clayjson.h"
#include "integrations/costing.h"
#include "integrations/http/endpointpolicy.h"
#include "integrations/http/httpcore.h"
#include "model/catalogue.h"
#include "model/redaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>

namespace agency {

namespace {

// Facts from shared/providers/clay.md and contracts/specs/clay.json, in one place:
// - Public API v0: https://api.clay.com/public/v0, header clay-api-key, errors {"message"}; 401 a bad
//   key, 403 no access, 402 a spent search quota (third-party report), 429 with Retry-After and, "when
//   available", X-RateLimit-Limit / -Remaining / -Reset (a third-party reading; unverified);
// - routine runs take 1–100 items {id (1–64 chars), inputs}; results are polled (202 while running);
// - search runs take 1–500 records per page and report period_quota {limit, used, remaining,
//   resets_at} — the only usage figure Clay's answers carry;
// - table webhooks: POST one JSON object per row to the URL Clay shows (in practice
//   https://api.clay.com/v3/sources/webhook/pull-in-data-from-a-webhook-<uuid>; treated as opaque),
//   optional token in x-clay-webhook-auth (named by Clay's community answer and independent
//   integrations, not Clay's doc page); any 2xx is "accepted"; 50,000 rows per webhook for its whole
//   lifetime; no free check exists;
// - no rate numbers are published; third-party scripts feed webhooks at about 10 rows a second, so
//   the console paces at 5 requests a second across both surfaces;
// - credits are never reported: the catalogue's A$0.039–0.077 per credit brackets the cost.
constexpr double kRequestsPerSecond = 5.0;
const QString kKeyField = QStringLiteral("api_key");
const QString kWebhookUrlField = QStringLiteral("webhook_url");
const QString kWebhookTokenField = QStringLiteral("webhook_token");
const QString kRowOperation = QStringLiteral("table_row");
const QString kRoutineOperation = QStringLiteral("routine_run");

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::ClayClient", text);
}

// Ids that go into a path: Clay's are letters, digits and a few separators.
bool isPathId(const QString& id)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.:-]{1,64}$"));
    return allowed.match(id).hasMatch();
}

Money creditsAt(const Money& price, qint64 credits)
{
    return price.times(credits).value_or(Money::zero(price.currency()));
}

} // namespace

ClayClient::ClayClient(const ClientContext& context)
    : m_core(context.core)
{
    const QString key = context.credential.value(kKeyField).trimmed();
    m_endpoint.provider = ProviderId::Clay;
    m_endpoint.baseUrl =
        context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::Clay).defaultBaseUrl) : context.baseUrl;
    if (!key.isEmpty())
        m_endpoint.auth = Auth::header("clay-api-key", key);
    m_endpoint.parseError = &ClayJson::parseError;
    m_endpoint.readRetryAfter = &ClayJson::readRetryAfter;

    const QString webhook = context.credential.value(kWebhookUrlField).trimmed();
    if (!webhook.isEmpty())
        m_webhookUrl = QUrl(webhook, QUrl::StrictMode);
    const QString token = context.credential.value(kWebhookTokenField).trimmed();
    m_webhook.provider = ProviderId::Clay;
    m_webhook.baseUrl = m_webhookUrl;
    // The token goes to the webhook only, and the API key never does.
    if (!token.isEmpty())
        m_webhook.auth = Auth::header("x-clay-webhook-auth", token);
    m_webhook.parseError = &ClayJson::parseError;
    m_webhook.readRetryAfter = &ClayJson::readRetryAfter;
}

PacingConfig ClayClient::documentedPacing()
{
    return PacingConfig{kRequestsPerSecond, 5.0, 4};
}

Money ClayClient::worstCasePerCredit()
{
    return providerInfo(ProviderId::Clay).unitCostHigh;
}

Money ClayClient::estimatePerCredit()
{
    return providerInfo(ProviderId::Clay).unitCost;
}

void ClayClient::setRetryTimeScale(double scale)
{
    m_endpoint.retry.timeScale = scale;
    m_webhook.retry.timeScale = scale;
}

std::optional<IntegrationError> ClayClient::missingKey() const
{
    if (!m_endpoint.auth.secret.isEmpty())
        return std::nullopt;
    return notConfigured(tr("no API key is set up for Clay's Public API"));
}

IntegrationError ClayClient::notConfigured(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Clay;
    error.detail = why;
    return error;
}

IntegrationError ClayClient::notSent(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::Clay;
    error.providerMessage = why;
    error.detail = QStringLiteral("refused before sending");
    return error;
}

QString ClayClient::webhookProblem() const
{
    if (m_webhookUrl.isEmpty())
        return tr("no table webhook URL is set up for Clay");
    const QString host = m_webhookUrl.host();
    if (!m_webhookUrl.isValid() || host.isEmpty() || m_webhookUrl.scheme().isEmpty())
        return tr("the table webhook URL is not a full URL");
    // A webhook URL is a credential: it goes to Clay's hosts, or (Sandbox) to the simulator that
    // serves the Public API.
    const bool clayHost = hostIsAllowed(host, providerInfo(ProviderId::Clay).allowedHosts);
    const bool sandbox = isLoopbackHost(host) && host == m_endpoint.baseUrl.host() &&
                         m_webhookUrl.port() == m_endpoint.baseUrl.port();
    if (!clayHost && !sandbox)
        return tr("the table webhook URL must be on %1")
            .arg(providerInfo(ProviderId::Clay).allowedHosts.join(tr(" or ")));
    return QString();
}

QCoro::Task<Result<QJsonDocument, IntegrationError>>
ClayClient::fetchJson(HttpRequest request, CancelToken cancel, std::optional<CostEvent>* cost)
{
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    if (cost)
        *cost = result.value().cost;
    co_return HttpCore::decodeJson(ProviderId::Clay, result.value());
}

QCoro::Task<AccountStatus> ClayClient::checkCredentials()
{
    if (const auto missing = missingKey()) {
        AccountStatus status = accountStatusFromError(*missing, {});
        if (hasWebhook()) {
            // The only test of a webhook is a real row: never spend one of its 50,000 on a check.
            status.state = AccountStatus::State::NoTestAvailable;
            status.summary = tr("table webhook set up · Clay has no free test for webhooks");
            status.error.reset();
        } else {
            status.summary = tr("no API key or webhook URL set up");
        }
        co_return status;
    }
    HttpRequest request;
    request.path = QStringLiteral("/me");
    request.operation = QStringLiteral("check");
    QElapsedTimer clock;
    clock.start();
    const HttpResult result = co_await m_core->send(m_endpoint, request);
    const auto latency = std::chrono::milliseconds(clock.elapsed());

    const QString webhook = webhookProblem();
    const QString webhookText =
        !hasWebhook() ? tr("not set up")
        : !webhook.isEmpty()
            ? webhook
            : (m_webhook.auth.secret.isEmpty() ? tr("set up") : tr("set up, with auth token"));
    if (!result) {
        const IntegrationError& error = result.error();
        // 403 is a key Clay knows that has no Public API access: valid, but limited.
        if (error.kind == IntegrationError::Kind::Auth && error.httpStatus == 403) {
            AccountStatus status;
            status.state = AccountStatus::State::ValidLimited;
            status.latency = latency;
            status.checkedAt = QDateTime::currentDateTimeUtc();
            status.error = error;
            status.summary = tr("key accepted, no Public API access (%1)").arg(error.providerMessage);
            status.details.append({tr("Public API"), tr("no access")});
            status.details.append({tr("Table webhook"), webhookText});
            co_return status;
        }
        co_return accountStatusFromError(error, latency);
    }
    const HttpResponse& response = result.value();
    const auto decoded = HttpCore::decodeJson(ProviderId::Clay, response);
    if (!decoded)
        co_return accountStatusFromError(decoded.error(), latency);
    auto me = ClayJson::parseMe(decoded.value());
    if (!me) {
        IntegrationError error = me.error();
        error.httpStatus = response.status;
        co_return accountStatusFromError(error, latency);
    }

    AccountStatus status;
    status.state =
        hasWebhook() && !webhook.isEmpty() ? AccountStatus::State::ValidLimited : AccountStatus::State::Valid;
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    QStringList summary;
    summary.append(me->userName);
    summary.append(tr("workspace %1").arg(me->workspaceId));
    if (hasWebhook())
        summary.append(webhook.isEmpty() ? tr("table webhook set up") : webhook);
    summary.removeAll(QString());
    status.summary = summary.join(QStringLiteral(" · "));
    status.details.append({tr("User"), me->userName});
    status.details.append({tr("User id"), me->userId});
    status.details.append({tr("Workspace"), me->workspaceId});
    status.details.append({tr("Table webhook"), webhookText});
    for (const char* header : {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"}) {
        if (const QByteArray value = response.header(header); !value.isEmpty())
            status.details.append({QString::fromLatin1(header), QString::fromLatin1(value)});
    }
    co_return status;
}

QCoro::Task<Result<ClaySubmission, IntegrationError>>
ClayClient::submitRow(ClayRow row, ClaySubmitOptions options, CancelToken cancel)
{
    if (const QString problem = webhookProblem(); !problem.isEmpty())
        co_return failure(notConfigured(problem));
    if (options.creditsPerRow < 0)
        co_return failure(notSent(tr("credits per row cannot be negative")));
    if (options.submissionsSoFar && *options.submissionsSoFar >= kWebhookSubmissionLimit)
        co_return failure(
            notSent(tr("this webhook has taken its %1 rows; create a new webhook in the Clay table "
                       "and set up its URL")
                        .arg(kWebhookSubmissionLimit)));
    const QJsonObject object = ClayJson::rowObject(row);
    if (object.isEmpty())
        co_return failure(notSent(tr("the row has no columns")));

    // The webhook URL is a credential: keep it out of every log line.
    Redactor::registerSecret(m_webhookUrl.toString());
    Redactor::registerSecret(m_webhookUrl.path().section(u'/', -1));

    const qint64 credits = options.creditsPerRow;
    const QString leadId = row.leadId.trimmed();
    HttpRequest request;
    request.method = "POST";
    request.body = JsonBody{QJsonDocument(object)};
    request.operation = kRowOperation;
    request.worstCaseCost = creditsAt(worstCasePerCredit(), credits);
    request.costOf = [credits, leadId](const HttpResponse&) -> std::optional<CostEvent> {
        return estimatedCost(ProviderId::Clay, kRowOperation, credits, leadId);
    };
    const HttpResult result = co_await m_core->send(m_webhook, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());

    ClaySubmission submission;
    submission.httpStatus = result.value().status;
    submission.leadId = leadId;
    submission.cost = result.value().cost;
    if (options.submissionsSoFar)
        submission.submissionsLeft = kWebhookSubmissionLimit - *options.submissionsSoFar - 1;
    co_return submission;
}

QCoro::Task<Result<ClayRoutineRunStarted, IntegrationError>>
ClayClient::runRoutine(QString routineId, QList<ClayRoutineItem> items, qint64 creditsPerItem,
                       QString webhookId, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (!isPathId(routineId))
        co_return failure(notSent(tr("\"%1\" is not a routine id").arg(routineId)));
    if (items.isEmpty() || items.size() > kMaxRoutineItems)
        co_return failure(notSent(tr("a routine run takes 1 to %1 items").arg(kMaxRoutineItems)));
    for (const ClayRoutineItem& item : items) {
        if (item.id.isEmpty() || item.id.size() > 64)
            co_return failure(notSent(tr("each item needs an id of 1 to 64 characters")));
    }
    if (creditsPerItem < 0)
        co_return failure(notSent(tr("credits per item cannot be negative")));

    const qint64 credits = creditsPerItem * items.size();
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/routines/%1/run").arg(routineId);
    request.body = JsonBody{QJsonDocument(ClayJson::routineRunBody(items, webhookId))};
    request.operation = kRoutineOperation;
    request.worstCaseCost = creditsAt(worstCasePerCredit(), credits);
    request.costOf = [credits](const HttpResponse& response) -> std::optional<CostEvent> {
        const QString runId = QJsonDocument::fromJson(response.body)
                                  .object()
                                  .value(QStringLiteral("routine_run_id"))
                                  .toString();
        return estimatedCost(ProviderId::Clay, kRoutineOperation, credits, runId);
    };
    std::optional<CostEvent> cost;
    const auto document = co_await fetchJson(std::move(request), cancel, &cost);
    if (!document)
        co_return failure(document.error());
    auto started = ClayJson::parseRoutineRunStarted(document.value());
    if (!started)
        co_return failure(started.error());
    ClayRoutineRunStarted value = std::move(started).value();
    value.cost = cost;
    co_return value;
}

QCoro::Task<Result<ClayRoutineResults, IntegrationError>>
ClayClient::routineResults(QString routineRunId, QString cursor, int limit, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (!isPathId(routineRunId))
        co_return failure(notSent(tr("\"%1\" is not a routine run id").arg(routineRunId)));
    if (limit < 1 || limit > kMaxResultsPage)
        co_return failure(notSent(tr("a results page holds 1 to %1 items").arg(kMaxResultsPage)));

    HttpRequest request;
    request.path = QStringLiteral("/routines/run/%1/results").arg(routineRunId);
    if (!cursor.isEmpty())
        request.query.addQueryItem(QStringLiteral("cursor"),
                                   QString::fromLatin1(QUrl::toPercentEncoding(cursor)));
    request.query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    request.operation = QStringLiteral("routine_results");
    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    co_return ClayJson::parseRoutineResults(document.value());
}

QCoro::Task<Result<QString, IntegrationError>>
ClayClient::createSearch(ClaySearchSource source, QJsonObject filters, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/search/filters-mode");
    request.body =
        JsonBody{QJsonDocument(QJsonObject{{QStringLiteral("source_type"), ClayJson::sourceName(source)},
                                           {QStringLiteral("filters"), filters}})};
    request.operation = QStringLiteral("search_create");
    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    co_return ClayJson::parseSearchId(document.value());
}

QCoro::Task<Result<ClaySearchPage, IntegrationError>> ClayClient::runSearch(QString searchId, int limit,
                                                                            CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (!isPathId(searchId))
        co_return failure(notSent(tr("\"%1\" is not a search id").arg(searchId)));
    if (limit < 1 || limit > kMaxSearchPage)
        co_return failure(notSent(tr("a search page holds 1 to %1 records").arg(kMaxSearchPage)));
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/search/filters-mode/%1/run").arg(searchId);
    request.body = JsonBody{QJsonDocument(QJsonObject{{QStringLiteral("limit"), limit}})};
    // Records count against the period quota the answer reports; Clay names no credit price for them.
    request.operation = QStringLiteral("search_run");
    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    co_return ClayJson::parseSearchPage(document.value());
}

} // namespace agency
