#include "clayjson.h"

#include "integrations/http/jsonfields.h"

#include <QDateTime>
#include <QJsonArray>

#include <limits>

namespace agency {

namespace {

void insertText(QJsonObject& object, const QString& key, const QString& value)
{
    if (!value.trimmed().isEmpty())
        object.insert(key, value.trimmed());
}

Result<QJsonObject, IntegrationError> rootObject(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(ClayJson::decodeError(QStringLiteral("the answer is not a JSON object")));
    return document.object();
}

// A count Clay sends as a JSON number: negative, fractional or absurd values (2.7e112) are clamped,
// never cast out of range.
qint64 wholeCount(std::optional<double> value)
{
    if (!value || !(*value > 0))
        return 0;
    return *value >= 9.2e18 ? std::numeric_limits<qint64>::max() : qint64(*value);
}

// Clay's descriptive fields (size, revenue…) are text ranges; a plain number is written out.
QString textOrNumber(JsonFields& fields, const QString& key)
{
    const QJsonValue value = fields.json().value(key);
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    return fields.text(key);
}

ClayPersonHit readPerson(JsonFields& fields)
{
    ClayPersonHit person;
    person.clayProfileId = textOrNumber(fields, QStringLiteral("clay_profile_id"));
    person.name = fields.text(QStringLiteral("name"));
    person.firstName = fields.text(QStringLiteral("first_name"));
    person.lastName = fields.text(QStringLiteral("last_name"));
    JsonFields location =
        fields.nested(fields.object(QStringLiteral("location")), QStringLiteral("location"));
    person.locationName = location.text(QStringLiteral("name"));
    person.city = location.text(QStringLiteral("city"));
    person.stateOrProvince = location.text(QStringLiteral("state_or_province"));
    fields.array(QStringLiteral("matched_experiences")); // type-checked; kept in raw
    person.raw = fields.json();
    return person;
}

ClayCompanyHit readCompany(JsonFields& fields)
{
    ClayCompanyHit company;
    company.clayCompanyId = textOrNumber(fields, QStringLiteral("clay_company_id"));
    company.name = fields.text(QStringLiteral("name"));
    company.domain = fields.text(QStringLiteral("domain"));
    company.size = textOrNumber(fields, QStringLiteral("size"));
    company.type = fields.text(QStringLiteral("type"));
    company.country = fields.text(QStringLiteral("country"));
    company.industry = fields.text(QStringLiteral("industry"));
    // location is text for companies (an object for people); read what arrives.
    const QJsonValue location = fields.json().value(QStringLiteral("location"));
    company.location = location.isObject() ? location.toObject().value(QStringLiteral("name")).toString()
                                           : fields.text(QStringLiteral("location"));
    company.linkedinUrl = fields.text(QStringLiteral("linkedin_url"));
    company.description = fields.text(QStringLiteral("description"));
    company.annualRevenue = textOrNumber(fields, QStringLiteral("annual_revenue"));
    company.totalFundingRangeUsd = textOrNumber(fields, QStringLiteral("total_funding_amount_range_usd"));
    company.raw = fields.json();
    return company;
}

} // namespace

IntegrationError ClayJson::decodeError(const QString& detail)
{
    return JsonFields::decodeError(ProviderId::Clay, detail);
}

QJsonObject ClayJson::rowObject(const ClayRow& row)
{
    QJsonObject object;
    // The extra columns first, so that the named fields win on a clash.
    for (auto it = row.extra.constBegin(); it != row.extra.constEnd(); ++it) {
        if (!it.key().trimmed().isEmpty())
            object.insert(it.key().trimmed(), it.value());
    }
    insertText(object, QStringLiteral("lead_id"), row.leadId);
    insertText(object, QStringLiteral("email"), row.email);
    insertText(object, QStringLiteral("domain"), row.domain);
    insertText(object, QStringLiteral("first_name"), row.firstName);
    insertText(object, QStringLiteral("last_name"), row.lastName);
    insertText(object, QStringLiteral("full_name"), row.fullName);
    insertText(object, QStringLiteral("company_name"), row.companyName);
    insertText(object, QStringLiteral("linkedin_url"), row.linkedinUrl);
    return object;
}

QJsonObject ClayJson::routineRunBody(const QList<ClayRoutineItem>& items, const QString& webhookId)
{
    QJsonArray array;
    for (const ClayRoutineItem& item : items)
        array.append(QJsonObject{{QStringLiteral("id"), item.id},
                                 {QStringLiteral("inputs"), QJsonObject::fromVariantMap(item.inputs)}});
    QJsonObject body{{QStringLiteral("items"), array}};
    insertText(body, QStringLiteral("webhook_id"), webhookId);
    return body;
}

QString ClayJson::sourceName(ClaySearchSource source)
{
    return source == ClaySearchSource::People ? QStringLiteral("people") : QStringLiteral("companies");
}

Result<ClayJson::Me, IntegrationError> ClayJson::parseMe(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    if (!fields.json().value(QStringLiteral("user")).isObject())
        fields.fail(QStringLiteral("user"), QStringLiteral("expected an object"));
    JsonFields user = fields.nested(fields.object(QStringLiteral("user")), QStringLiteral("user"));
    JsonFields workspace =
        fields.nested(fields.object(QStringLiteral("workspace")), QStringLiteral("workspace"));
    Me me;
    me.userId = textOrNumber(user, QStringLiteral("id"));
    me.userName = user.text(QStringLiteral("name"));
    me.workspaceId = textOrNumber(workspace, QStringLiteral("id"));
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return me;
}

Result<ClayRoutineRunStarted, IntegrationError>
ClayJson::parseRoutineRunStarted(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ClayRoutineRunStarted started;
    started.routineRunId = fields.text(QStringLiteral("routine_run_id"));
    started.status = fields.text(QStringLiteral("status"));
    if (fields.ok() && started.routineRunId.isEmpty())
        fields.fail(QStringLiteral("routine_run_id"), QStringLiteral("missing"));
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return started;
}

Result<ClayRoutineResults, IntegrationError> ClayJson::parseRoutineResults(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ClayRoutineResults results;
    results.routineRunId = fields.text(QStringLiteral("routine_run_id"));
    results.status = fields.text(QStringLiteral("status"));
    // total and finished are JSON numbers in the spec (not integers): whole values are expected.
    results.total = wholeCount(fields.number(QStringLiteral("total")));
    results.finished = wholeCount(fields.number(QStringLiteral("finished")));
    results.nextCursor = fields.text(QStringLiteral("cursor"));
    if (fields.ok() && results.status.isEmpty())
        fields.fail(QStringLiteral("status"), QStringLiteral("missing"));
    if (results.isComplete() && !fields.has(QStringLiteral("data")))
        fields.fail(QStringLiteral("data"), QStringLiteral("missing"));
    const QJsonArray data = fields.array(QStringLiteral("data"));
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QString where = QStringLiteral("data[%1]").arg(i);
        if (!data.at(i).isObject()) {
            fields.fail(where, QStringLiteral("expected an object"));
            continue;
        }
        JsonFields entry = fields.nested(data.at(i).toObject(), where);
        ClayRoutineItemResult item;
        item.id = entry.text(QStringLiteral("id"));
        const QString status = entry.text(QStringLiteral("status"));
        if (status != u"complete" && status != u"failed")
            entry.fail(QStringLiteral("status"), QStringLiteral("expected \"complete\" or \"failed\""));
        item.complete = status == u"complete";
        item.result = entry.object(QStringLiteral("result"));
        JsonFields error = entry.nested(entry.object(QStringLiteral("error")), QStringLiteral("error"));
        item.errorMessage = error.text(QStringLiteral("message"));
        results.items.append(std::move(item));
    }
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return results;
}

Result<QString, IntegrationError> ClayJson::parseSearchId(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    const QString id = fields.text(QStringLiteral("search_id"));
    if (fields.ok() && id.isEmpty())
        fields.fail(QStringLiteral("search_id"), QStringLiteral("missing"));
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return id;
}

Result<ClaySearchPage, IntegrationError> ClayJson::parseSearchPage(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ClaySearchPage page;
    if (!fields.has(QStringLiteral("data")))
        fields.fail(QStringLiteral("data"), QStringLiteral("missing"));
    const QJsonArray data = fields.array(QStringLiteral("data"));
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QString where = QStringLiteral("data[%1]").arg(i);
        if (!data.at(i).isObject()) {
            fields.fail(where, QStringLiteral("expected an object"));
            continue;
        }
        JsonFields record = fields.nested(data.at(i).toObject(), where);
        // A run does not name its source: a record says what it is by its id field.
        if (record.has(QStringLiteral("clay_company_id")))
            page.companies.append(readCompany(record));
        else
            page.people.append(readPerson(record));
    }
    page.hasMore = fields.flag(QStringLiteral("has_more")).value_or(false);
    if (fields.has(QStringLiteral("period_quota"))) {
        JsonFields quota =
            fields.nested(fields.object(QStringLiteral("period_quota")), QStringLiteral("period_quota"));
        ClayPeriodQuota value;
        value.limit = quota.number(QStringLiteral("limit")).value_or(0);
        value.used = quota.number(QStringLiteral("used")).value_or(0);
        value.remaining = quota.number(QStringLiteral("remaining")).value_or(0);
        value.resetsAt = quota.text(QStringLiteral("resets_at"));
        page.quota = value;
    }
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return page;
}

ProviderErrorInfo ClayJson::parseError(int status, const QByteArray& body)
{
    ProviderErrorInfo info;
    if (status >= 200 && status < 300)
        return info;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        info.message = object.value(QStringLiteral("message")).toString();
        if (info.message.isEmpty())
            info.message = object.value(QStringLiteral("error")).toString();
        info.code = object.value(QStringLiteral("code")).toString();
    } else if (!body.trimmed().startsWith('<')) {
        info.message = QString::fromUtf8(body.trimmed().left(300)).simplified();
    }
    // 402: the search quota or the credits are spent — a request that must not be repeated.
    if (status == 402)
        info.kind = IntegrationError::Kind::InvalidRequest;
    return info;
}

std::optional<std::chrono::milliseconds> ClayJson::readRetryAfter(const HttpResponse& response)
{
    bool ok = false;
    const qint64 value = response.header("X-RateLimit-Reset").trimmed().toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    constexpr qint64 kUnixTimeFloor = 1'000'000'000; // larger values are a point in time, not a wait
    constexpr qint64 kLongestWait =
        366LL * 24 * 3600; // a year: more is nonsense, and ×1000 must not overflow
    qint64 wait = value;
    if (value >= kUnixTimeFloor)
        wait = std::max<qint64>(0, value - QDateTime::currentSecsSinceEpoch());
    return std::chrono::milliseconds(std::min(wait, kLongestWait) * 1000);
}

} // namespace agency
