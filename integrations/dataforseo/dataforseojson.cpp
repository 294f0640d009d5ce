#include "dataforseojson.h"

#include "integrations/http/jsonfields.h"

#include <QTimeZone>
#include <QUrl>

#include <cmath>

namespace agency {

namespace {

const CurrencyCode kUsd = QStringLiteral("USD");

Money usd(double amount)
{
    return Money::fromMicros(qint64(std::llround(amount * double(Money::kMicrosPerUnit))), kUsd);
}

// The part of an envelope a parser needs: the first task and its first result.
struct TaskView
{
    QString id;
    QJsonObject result; ///< empty when the task has no result (no data for the target)
    bool hasResult = false;
    Money cost;
};

Result<TaskView, IntegrationError> firstTask(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(DataForSeoJson::decodeError(QStringLiteral("the answer is not a JSON object")));
    JsonFields top(document.object(), QString());
    const std::optional<qint64> status = top.integer(QStringLiteral("status_code"));
    const std::optional<double> cost = top.number(QStringLiteral("cost"));
    const QJsonArray tasks = top.array(QStringLiteral("tasks"));
    if (!status)
        top.fail(QStringLiteral("status_code"), QStringLiteral("missing"));
    if (top.ok() && (tasks.isEmpty() || !tasks.first().isObject()))
        top.fail(QStringLiteral("tasks"), QStringLiteral("expected at least one task object"));
    if (!top.ok())
        return failure(DataForSeoJson::decodeError(top.problem()));

    JsonFields task = top.nested(tasks.first().toObject(), QStringLiteral("tasks[0]"));
    TaskView view;
    view.id = task.text(QStringLiteral("id"));
    view.cost = usd(cost.value_or(0));
    const std::optional<qint64> taskStatus = task.integer(QStringLiteral("status_code"));
    const QJsonArray results = task.array(QStringLiteral("result"));
    if (!results.isEmpty()) {
        if (!results.first().isObject()) {
            task.fail(QStringLiteral("result[0]"), QStringLiteral("expected an object"));
        } else {
            view.result = results.first().toObject();
            view.hasResult = true;
        }
    }
    if (!top.ok())
        return failure(DataForSeoJson::decodeError(top.problem()));
    // parseError turns failing codes into errors before a parser runs; one that slips through
    // (a status the core did not see) is still not read as data.
    for (const std::optional<qint64>& code : {status, taskStatus}) {
        if (code && DataForSeoJson::kindForStatusCode(int(*code)))
            return failure(
                DataForSeoJson::decodeError(QStringLiteral("status_code %1 is not a success").arg(*code)));
    }
    return view;
}

QMap<QString, qint64> countMap(JsonFields& fields, const QString& key)
{
    QMap<QString, qint64> map;
    const QJsonObject object = fields.object(key);
    JsonFields entries = fields.nested(object, key);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (const std::optional<qint64> count = entries.integer(it.key()))
            map.insert(it.key(), *count);
    }
    return map;
}

DataForSeoRankMetrics readMetrics(JsonFields& fields)
{
    DataForSeoRankMetrics metrics;
    const QJsonObject& object = fields.json();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().startsWith(QStringLiteral("pos_"))) {
            if (const std::optional<qint64> count = fields.integer(it.key()))
                metrics.positions.insert(it.key(), *count);
        }
    }
    metrics.etv = fields.number(QStringLiteral("etv")).value_or(0);
    metrics.count = fields.integer(QStringLiteral("count")).value_or(0);
    metrics.estimatedPaidTrafficCost =
        fields.number(QStringLiteral("estimated_paid_traffic_cost")).value_or(0);
    metrics.isNew = fields.integer(QStringLiteral("is_new")).value_or(0);
    metrics.isUp = fields.integer(QStringLiteral("is_up")).value_or(0);
    metrics.isDown = fields.integer(QStringLiteral("is_down")).value_or(0);
    metrics.isLost = fields.integer(QStringLiteral("is_lost")).value_or(0);
    metrics.clickstreamEtv = fields.number(QStringLiteral("clickstream_etv"));
    return metrics;
}

// A limit that DataForSEO sends as a number or as {"total": n, …} per API.
std::optional<qint64> totalOf(JsonFields& fields, const QString& key)
{
    const QJsonValue value = fields.json().value(key);
    if (value.isObject()) {
        JsonFields nested = fields.nested(value.toObject(), key);
        return nested.integer(QStringLiteral("total"));
    }
    return fields.integer(key);
}

std::optional<double> moneyTotalOf(JsonFields& fields, const QString& key)
{
    const QJsonValue value = fields.json().value(key);
    if (value.isObject()) {
        JsonFields nested = fields.nested(value.toObject(), key);
        return nested.number(QStringLiteral("total"));
    }
    return fields.number(key);
}

void insertIfSet(QJsonObject& task, const QString& key, const QString& value)
{
    if (!value.trimmed().isEmpty())
        task.insert(key, value.trimmed());
}

} // namespace

IntegrationError DataForSeoJson::decodeError(const QString& detail)
{
    return JsonFields::decodeError(ProviderId::DataForSeo, detail);
}

QString DataForSeoJson::normaliseTarget(QString target)
{
    target = target.trimmed().toLower();
    if (const qsizetype scheme = target.indexOf(QStringLiteral("://")); scheme >= 0)
        target = target.mid(scheme + 3);
    if (const qsizetype slash = target.indexOf(u'/'); slash >= 0)
        target.truncate(slash);
    if (const qsizetype colon = target.indexOf(u':'); colon >= 0)
        target.truncate(colon);
    if (target.startsWith(QStringLiteral("www.")))
        target = target.mid(4);
    return target;
}

QString DataForSeoJson::backlinksTarget(const QString& target)
{
    // A full page URL stays as it is (Backlinks takes pages as well as domains).
    const QUrl url(target.trimmed());
    const QString path = url.path();
    if (!url.scheme().isEmpty() && !url.host().isEmpty() && !path.isEmpty() && path != u"/")
        return target.trimmed();
    return normaliseTarget(target);
}

QJsonArray DataForSeoJson::rankOverviewTasks(const DataForSeoRankOverviewRequest& request)
{
    QJsonObject task{{QStringLiteral("target"), normaliseTarget(request.target)}};
    if (request.locationCode)
        task.insert(QStringLiteral("location_code"), *request.locationCode);
    insertIfSet(task, QStringLiteral("location_name"), request.locationName);
    insertIfSet(task, QStringLiteral("language_code"), request.languageCode);
    insertIfSet(task, QStringLiteral("language_name"), request.languageName);
    if (request.ignoreSynonyms)
        task.insert(QStringLiteral("ignore_synonyms"), true);
    task.insert(QStringLiteral("limit"), request.limit);
    if (request.offset > 0)
        task.insert(QStringLiteral("offset"), request.offset);
    insertIfSet(task, QStringLiteral("tag"), request.tag);
    return QJsonArray{task}; // live endpoints take one task per request
}

QJsonArray DataForSeoJson::backlinksTasks(const DataForSeoBacklinksRequest& request)
{
    QJsonObject task{{QStringLiteral("target"), backlinksTarget(request.target)}};
    if (request.includeSubdomains)
        task.insert(QStringLiteral("include_subdomains"), *request.includeSubdomains);
    if (request.includeIndirectLinks)
        task.insert(QStringLiteral("include_indirect_links"), *request.includeIndirectLinks);
    if (request.excludeInternalBacklinks)
        task.insert(QStringLiteral("exclude_internal_backlinks"), *request.excludeInternalBacklinks);
    insertIfSet(task, QStringLiteral("backlinks_status_type"), request.backlinksStatusType);
    if (request.internalListLimit)
        task.insert(QStringLiteral("internal_list_limit"), *request.internalListLimit);
    insertIfSet(task, QStringLiteral("rank_scale"), request.rankScale);
    insertIfSet(task, QStringLiteral("tag"), request.tag);
    return QJsonArray{task};
}

Result<DataForSeoRankOverview, IntegrationError>
DataForSeoJson::parseRankOverview(const QJsonDocument& document)
{
    auto view = firstTask(document);
    if (!view)
        return failure(view.error());
    DataForSeoRankOverview overview;
    overview.taskId = view->id;
    overview.cost = view->cost;
    overview.raw = view->result;
    JsonFields result(view->result, QStringLiteral("tasks[0].result[0]"));
    overview.target = result.text(QStringLiteral("target"));
    overview.locationCode = result.integer(QStringLiteral("location_code"));
    overview.languageCode = result.text(QStringLiteral("language_code"));
    overview.totalCount = result.integer(QStringLiteral("total_count")).value_or(0);
    const QJsonArray items = result.array(QStringLiteral("items"));
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = QStringLiteral("items[%1]").arg(i);
        if (!items.at(i).isObject()) {
            result.fail(where, QStringLiteral("expected an object"));
            continue;
        }
        JsonFields itemFields = result.nested(items.at(i).toObject(), where);
        DataForSeoRankItem item;
        item.seType = itemFields.text(QStringLiteral("se_type"));
        item.locationCode = itemFields.integer(QStringLiteral("location_code"));
        item.languageCode = itemFields.text(QStringLiteral("language_code"));
        // The keys of metrics are dynamic ("organic", "paid", …): each is read the same way.
        const QJsonObject metrics = itemFields.object(QStringLiteral("metrics"));
        for (auto it = metrics.constBegin(); it != metrics.constEnd(); ++it) {
            if (it.value().isNull())
                continue;
            const QString key = QStringLiteral("metrics.") + it.key();
            if (!it.value().isObject()) {
                itemFields.fail(key, QStringLiteral("expected an object"));
                continue;
            }
            JsonFields metricFields = itemFields.nested(it.value().toObject(), key);
            item.metrics.insert(it.key(), readMetrics(metricFields));
        }
        overview.items.append(std::move(item));
    }
    if (!result.ok())
        return failure(decodeError(result.problem()));
    return overview;
}

Result<DataForSeoBacklinksSummary, IntegrationError>
DataForSeoJson::parseBacklinksSummary(const QJsonDocument& document)
{
    auto view = firstTask(document);
    if (!view)
        return failure(view.error());
    DataForSeoBacklinksSummary summary;
    summary.taskId = view->id;
    summary.cost = view->cost;
    summary.raw = view->result;
    summary.hasData = view->hasResult;
    JsonFields result(view->result, QStringLiteral("tasks[0].result[0]"));
    const auto count = [&result](const char* key) {
        return result.integer(QString::fromLatin1(key)).value_or(0);
    };
    summary.target = result.text(QStringLiteral("target"));
    summary.firstSeen = result.text(QStringLiteral("first_seen"));
    summary.lostDate = result.text(QStringLiteral("lost_date"));
    summary.rank = count("rank");
    summary.backlinks = count("backlinks");
    summary.backlinksSpamScore = count("backlinks_spam_score");
    summary.crawledPages = count("crawled_pages");
    summary.internalLinksCount = count("internal_links_count");
    summary.externalLinksCount = count("external_links_count");
    summary.brokenBacklinks = count("broken_backlinks");
    summary.brokenPages = count("broken_pages");
    summary.referringDomains = count("referring_domains");
    summary.referringDomainsNofollow = count("referring_domains_nofollow");
    summary.referringMainDomains = count("referring_main_domains");
    summary.referringMainDomainsNofollow = count("referring_main_domains_nofollow");
    summary.referringIps = count("referring_ips");
    summary.referringSubnets = count("referring_subnets");
    summary.referringPages = count("referring_pages");
    summary.referringPagesNofollow = count("referring_pages_nofollow");
    summary.referringLinksTld = countMap(result, QStringLiteral("referring_links_tld"));
    summary.referringLinksTypes = countMap(result, QStringLiteral("referring_links_types"));
    summary.referringLinksAttributes = countMap(result, QStringLiteral("referring_links_attributes"));
    summary.referringLinksPlatformTypes = countMap(result, QStringLiteral("referring_links_platform_types"));
    summary.referringLinksSemanticLocations =
        countMap(result, QStringLiteral("referring_links_semantic_locations"));
    summary.referringLinksCountries = countMap(result, QStringLiteral("referring_links_countries"));
    if (!result.ok())
        return failure(decodeError(result.problem()));
    return summary;
}

Result<DataForSeoAccount, IntegrationError> DataForSeoJson::parseUserData(const QJsonDocument& document)
{
    auto view = firstTask(document);
    if (!view)
        return failure(view.error());
    if (!view->hasResult)
        return failure(decodeError(QStringLiteral("tasks[0].result: no account data")));
    DataForSeoAccount account;
    account.raw = view->result;
    JsonFields result(view->result, QStringLiteral("tasks[0].result[0]"));
    account.login = result.text(QStringLiteral("login"));
    account.timezone = result.text(QStringLiteral("timezone"));

    JsonFields money = result.nested(result.object(QStringLiteral("money")), QStringLiteral("money"));
    const std::optional<double> balance = money.number(QStringLiteral("balance"));
    if (!balance && money.ok())
        money.fail(QStringLiteral("balance"), QStringLiteral("missing"));
    account.balance = usd(balance.value_or(0));
    account.totalDeposited = usd(money.number(QStringLiteral("total")).value_or(0));
    JsonFields moneyLimits = money.nested(money.object(QStringLiteral("limits")), QStringLiteral("limits"));
    account.dailySpendLimitUsd = moneyTotalOf(moneyLimits, QStringLiteral("day"));
    JsonFields moneyStats =
        money.nested(money.object(QStringLiteral("statistics")), QStringLiteral("statistics"));
    account.spentTodayUsd = moneyTotalOf(moneyStats, QStringLiteral("day"));

    JsonFields rates = result.nested(result.object(QStringLiteral("rates")), QStringLiteral("rates"));
    JsonFields rateLimits = rates.nested(rates.object(QStringLiteral("limits")), QStringLiteral("limits"));
    account.requestsPerMinute = totalOf(rateLimits, QStringLiteral("minute"));
    account.requestsPerDay = totalOf(rateLimits, QStringLiteral("day"));
    JsonFields rateStats =
        rates.nested(rates.object(QStringLiteral("statistics")), QStringLiteral("statistics"));
    account.requestsToday = totalOf(rateStats, QStringLiteral("day"));

    account.backlinksSubscriptionExpiry = result.text(QStringLiteral("backlinks_subscription_expiry_date"));
    account.backlinksExpiresAt = parseTimestamp(account.backlinksSubscriptionExpiry);
    if (!result.ok())
        return failure(decodeError(result.problem()));
    return account;
}

std::optional<Money> DataForSeoJson::reportedCost(const QByteArray& body)
{
    const QJsonValue cost = QJsonDocument::fromJson(body).object().value(QStringLiteral("cost"));
    if (!cost.isDouble() || !std::isfinite(cost.toDouble()) || cost.toDouble() < 0)
        return std::nullopt;
    return usd(cost.toDouble());
}

QString DataForSeoJson::taskId(const QByteArray& body)
{
    const QJsonArray tasks = QJsonDocument::fromJson(body).object().value(QStringLiteral("tasks")).toArray();
    return tasks.isEmpty() ? QString() : tasks.first().toObject().value(QStringLiteral("id")).toString();
}

std::optional<IntegrationError::Kind> DataForSeoJson::kindForStatusCode(int code)
{
    using Kind = IntegrationError::Kind;
    if (code < 40000 || code == kNoResults)
        return std::nullopt; // 20000 Ok., 20100 Task Created., 40102 No Search Results.
    switch (code) {
    case 40100: // not authorized
    case 40201: // account blocked for suspicious activity
    case 40207: // IP not whitelisted
        return Kind::Auth;
    case 40202: // per-minute rate limit
    case 40205: // duplicate tasks per hour
    case 40206: // duplicate tasks per day
        return Kind::RateLimited;
    case 40101: // the search engine failed (DataForSEO retried already)
    case 40103: // task execution failed, resubmit
        return Kind::Server;
    default:
        break;
    }
    // 40200/40210 (money), 40203 (cost limit), 40204 (no subscription), 40000, 404xx, 405xx…
    return code >= 50000 ? Kind::Server : Kind::InvalidRequest;
}

ProviderErrorInfo DataForSeoJson::parseError(int status, const QByteArray& body)
{
    ProviderErrorInfo info;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject()) {
        // The 401/402 bodies are not documented as JSON: keep a short text, and say what a 402 means.
        if (status == 402) {
            info.message = QStringLiteral("insufficient funds (payment required)");
        } else if (status >= 400 && !body.trimmed().startsWith('<')) {
            info.message = QString::fromUtf8(body.trimmed().left(300)).simplified();
        }
        return info;
    }
    const QJsonObject object = document.object();
    int code = object.value(QStringLiteral("status_code")).toInt();
    QString message = object.value(QStringLiteral("status_message")).toString();
    if (!kindForStatusCode(code)) {
        // The request went through; its task may still have failed.
        const QJsonObject task = object.value(QStringLiteral("tasks")).toArray().first().toObject();
        const int taskCode = task.value(QStringLiteral("status_code")).toInt();
        if (kindForStatusCode(taskCode)) {
            code = taskCode;
            message = task.value(QStringLiteral("status_message")).toString();
        }
    }
    info.kind = kindForStatusCode(code);
    if (!info.kind) {
        if (status == 402)
            info.message = QStringLiteral("insufficient funds (payment required)");
        return info;
    }
    info.code = QString::number(code);
    info.message = message;
    if ((code == 40200 || code == 40210) && !message.contains(QStringLiteral("fund"), Qt::CaseInsensitive))
        info.message = QStringLiteral("insufficient funds — ") + message;
    return info;
}

QDateTime DataForSeoJson::parseTimestamp(const QString& text)
{
    // "2026-12-31 23:59:59 +00:00": the date and time, then the offset from UTC.
    const QString trimmed = text.trimmed();
    QDateTime at = QDateTime::fromString(trimmed.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!at.isValid())
        return QDateTime();
    int offsetSeconds = 0;
    const QString offset = trimmed.mid(19).trimmed();
    if (!offset.isEmpty()) {
        const QTime parsed = QTime::fromString(offset.mid(1), QStringLiteral("HH:mm"));
        if ((offset.front() != u'+' && offset.front() != u'-') || !parsed.isValid())
            return QDateTime();
        offsetSeconds = (parsed.hour() * 3600 + parsed.minute() * 60) * (offset.front() == u'-' ? -1 : 1);
    }
    at.setTimeZone(QTimeZone(offsetSeconds));
    return at.toUTC();
}

} // namespace agency
