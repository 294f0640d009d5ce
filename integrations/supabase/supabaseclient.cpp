#include "supabaseclient.h"

#include "integrations/http/httpcore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace agency {

namespace {

// ---- What the client assumes about Supabase / PostgREST, in one place (supabase.md) ----
const QString kRestPrefix = QStringLiteral("/rest/v1/");
// The tables the console itself reads and writes; the check says which ones the project lacks.
const QStringList kConsoleTables = {QStringLiteral("leads"), QStringLiteral("companies"),
                                    QStringLiteral("campaigns"), QStringLiteral("cost_events"),
                                    QStringLiteral("clay_results")};
// Supabase caps every response at 1,000 rows by default ("Max rows").
constexpr qint64 kMaxRowsPerPage = 1000;
// PostgREST codes for a table that does not exist: the SQLSTATE, and the schema cache's own.
const QStringList kUndefinedTableCodes = {QStringLiteral("42P01"), QStringLiteral("PGRST205")};
// Auth failures PostgREST reports with its own codes (JWT invalid, claims validation failed).
const QStringList kJwtCodes = {QStringLiteral("PGRST301"), QStringLiteral("PGRST302"),
                               QStringLiteral("PGRST303")};

// Query values go out percent-encoded by us: PostgREST decodes '+' as a space (parseQueryReplacePlus).
void addQuery(QUrlQuery& query, const QString& key, const QString& value)
{
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

// {"code","message","details","hint"} from PostgREST, or the gateway's {"message","hint"}.
ProviderErrorInfo parseSupabaseError(int, const QByteArray& body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString message = object.value(QStringLiteral("message")).toString();
    const QString details = object.value(QStringLiteral("details")).toString();
    const QString hint = object.value(QStringLiteral("hint")).toString();
    ProviderErrorInfo info;
    info.code = object.value(QStringLiteral("code")).toString();
    info.message = message;
    if (!details.isEmpty())
        info.message += (info.message.isEmpty() ? QString() : QStringLiteral(" — ")) + details;
    if (!hint.isEmpty())
        info.message +=
            (info.message.isEmpty() ? QString() : QStringLiteral(". ")) + QStringLiteral("Hint: ") + hint;
    if (kJwtCodes.contains(info.code))
        info.kind = IntegrationError::Kind::Auth;
    return info;
}

IntegrationError makeError(IntegrationError::Kind kind, const QString& detail,
                           const HttpResponse* response = nullptr)
{
    IntegrationError error;
    error.kind = kind;
    error.provider = ProviderId::Supabase;
    error.detail = detail;
    if (response) {
        error.httpStatus = response->status;
        error.requestId = response->requestId;
    }
    return error;
}

Result<QList<QJsonObject>, QString> rowsOf(const QJsonDocument& document)
{
    if (!document.isArray())
        return failure(QStringLiteral("rows should come as a JSON array"));
    QList<QJsonObject> rows;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return failure(QStringLiteral("row %1 is not an object").arg(i));
        rows.append(array.at(i).toObject());
    }
    return rows;
}

struct ContentRange
{
    std::optional<qint64> first;
    std::optional<qint64> last;
    std::optional<qint64> total;
};

// "0-49/*", "0-24/3573458", "*/0", "*/*".
std::optional<ContentRange> parseContentRange(const QByteArray& header)
{
    static const QRegularExpression shape(QStringLiteral("^(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)$"));
    const QRegularExpressionMatch match = shape.match(QString::fromLatin1(header.trimmed()));
    if (!match.hasMatch())
        return std::nullopt;
    ContentRange range;
    if (match.hasCaptured(1)) {
        range.first = match.captured(1).toLongLong();
        range.last = match.captured(2).toLongLong();
        if (*range.last < *range.first)
            return std::nullopt;
    }
    if (match.captured(3) != u"*")
        range.total = match.captured(3).toLongLong();
    return range;
}

// Every key of every row must be a plain column name, and a bulk insert needs the same keys in every
// row (PostgREST answers PGRST102 otherwise): checked here, before anything is sent.
QString rowsProblem(const QList<QJsonObject>& rows)
{
    if (rows.isEmpty())
        return QStringLiteral("there are no rows to write");
    const QStringList keys = rows.first().keys();
    for (const QString& key : keys) {
        if (const QString problem = supabaseIdentifierProblem(key); !problem.isEmpty())
            return problem;
    }
    for (qsizetype i = 1; i < rows.size(); ++i) {
        if (rows.at(i).keys() != keys)
            return QStringLiteral("row %1 has other columns than row 1; a bulk insert needs the same keys in "
                                  "every row")
                .arg(i + 1);
    }
    return QString();
}

QString columnsProblem(const QStringList& columns)
{
    for (const QString& column : columns) {
        if (const QString problem = supabaseIdentifierProblem(column); !problem.isEmpty())
            return problem;
    }
    return QString();
}

QString keyTypeOf(const QString& key)
{
    if (key.startsWith(u"sb_secret_"))
        return QStringLiteral("secret (bypasses Row Level Security)");
    if (key.startsWith(u"sb_publishable_"))
        return QStringLiteral("publishable (Row Level Security applies)");
    if (key.startsWith(u"eyJ")) {
        // A legacy JWT: its payload (not secret) names the role.
        const QStringList parts = key.split(u'.');
        const QByteArray payload =
            parts.size() == 3
                ? QByteArray::fromBase64(parts.at(1).toLatin1(),
                                         QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                : QByteArray();
        const QString role =
            QJsonDocument::fromJson(payload).object().value(QStringLiteral("role")).toString();
        return role.isEmpty() ? QStringLiteral("legacy JWT") : QStringLiteral("legacy %1 JWT").arg(role);
    }
    return QStringLiteral("unrecognised format");
}

} // namespace

SupabaseClient::SupabaseClient(const ClientContext& context)
    : m_core(context.core)
    , m_apiKey(context.credential.value(QStringLiteral("api_key")))
{
    m_endpoint.provider = ProviderId::Supabase;
    m_endpoint.baseUrl = context.baseUrl.isEmpty()
                             ? QUrl(context.credential.value(QStringLiteral("project_url")))
                             : context.baseUrl;
    // apikey on every request; Authorization: Bearer only for legacy JWT keys (the new sb_ keys are no
    // JWTs and fail as Bearer). The core also sends "User-Agent: AgencyOSConsole/<version>": Supabase
    // refuses secret keys from anything that looks like a browser.
    m_endpoint.auth = Auth::supabase(m_apiKey);
    m_endpoint.parseError = parseSupabaseError;
}

PacingConfig SupabaseClient::documentedPacing()
{
    return PacingConfig{};
}

std::optional<IntegrationError> SupabaseClient::notReady() const
{
    if (!m_core)
        return configurationError(QStringLiteral("no HTTP core"));
    if (m_apiKey.isEmpty())
        return configurationError(QStringLiteral("no API key is set"));
    if (!m_endpoint.baseUrl.isValid() || m_endpoint.baseUrl.host().isEmpty())
        return configurationError(QStringLiteral("no project URL is set"));
    return std::nullopt;
}

IntegrationError SupabaseClient::configurationError(const QString& detail) const
{
    return makeError(IntegrationError::Kind::Configuration, detail);
}

IntegrationError SupabaseClient::aboutTable(IntegrationError error, const QString& table)
{
    if (kUndefinedTableCodes.contains(error.providerCode)) {
        const QString what = QStringLiteral("table \"%1\" does not exist (or is not exposed through the "
                                            "Data API)")
                                 .arg(table);
        error.providerMessage = what + QStringLiteral(" — ") + error.providerMessage;
    }
    return error;
}

QCoro::Task<AccountStatus> SupabaseClient::checkCredentials()
{
    QElapsedTimer clock;
    clock.start();
    const auto elapsed = [&clock] {
        return std::chrono::milliseconds(clock.elapsed());
    };
    if (const std::optional<IntegrationError> missing = notReady())
        co_return accountStatusFromError(*missing, elapsed());

    HttpRequest http;
    http.path = kRestPrefix;
    http.headers = {{QByteArrayLiteral("Accept"), QByteArrayLiteral("application/openapi+json")}};
    http.operation = QStringLiteral("check_schema");
    const HttpResult response = co_await m_core->send(m_endpoint, http);

    AccountStatus status;
    status.details.append({QStringLiteral("Key type"), keyTypeOf(m_apiKey)});
    if (!response && response.error().httpStatus == 403) {
        // The gateway took the key (a wrong one gets 401) but the schema root is for admin keys only
        // since 2026-04-08: a publishable or anon key, fine for tables Row Level Security opens.
        status.state = AccountStatus::State::ValidLimited;
        status.summary = QStringLiteral("Publishable key · Row Level Security applies");
        status.details.append(
            {QStringLiteral("Schema"),
             QStringLiteral("not readable with this key (%1)").arg(response.error().providerMessage)});
        status.latency = elapsed();
        status.checkedAt = QDateTime::currentDateTimeUtc();
        co_return status;
    }
    if (!response)
        co_return accountStatusFromError(response.error(), elapsed());
    auto document = HttpCore::decodeJson(ProviderId::Supabase, response.value());
    if (!document)
        co_return accountStatusFromError(document.error(), elapsed());
    const QJsonValue paths = document->object().value(QStringLiteral("paths"));
    if (!paths.isObject())
        co_return accountStatusFromError(makeError(IntegrationError::Kind::Decode,
                                                   QStringLiteral("the schema root has no \"paths\" object"),
                                                   &response.value()),
                                         elapsed());

    QSet<QString> tables;
    for (const QString& path : paths.toObject().keys()) {
        const QString name = path.mid(1);
        if (!name.isEmpty() && !name.contains(u'/'))
            tables.insert(name);
    }
    QStringList found, missing;
    for (const QString& table : kConsoleTables)
        (tables.contains(table) ? found : missing).append(table);
    status.state = AccountStatus::State::Valid;
    status.details.append({QStringLiteral("Tables exposed"), QString::number(tables.size())});
    status.details.append({QStringLiteral("Console tables"),
                           found.isEmpty() ? QStringLiteral("none") : found.join(QStringLiteral(", "))});
    if (!missing.isEmpty())
        status.details.append({QStringLiteral("Missing tables"), missing.join(QStringLiteral(", "))});
    const QString version = document->object()
                                .value(QStringLiteral("info"))
                                .toObject()
                                .value(QStringLiteral("version"))
                                .toString();
    if (!version.isEmpty())
        status.details.append({QStringLiteral("PostgREST"), version});
    status.summary = missing.isEmpty()
                         ? QStringLiteral("Secret key · %1 tables").arg(tables.size())
                         : QStringLiteral("Secret key · %1 console tables missing").arg(missing.size());
    status.latency = elapsed();
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

QCoro::Task<Result<SupabaseRows, IntegrationError>> SupabaseClient::select(SupabaseSelectRequest request)
{
    if (const std::optional<IntegrationError> missing = notReady())
        co_return failure(*missing);
    QString problem = supabaseIdentifierProblem(request.table);
    if (problem.isEmpty())
        problem = columnsProblem(request.columns);
    for (const SupabaseFilter& filter : request.filters) {
        if (problem.isEmpty())
            problem = filter.problem();
    }
    for (const SupabaseOrder& order : request.order) {
        if (problem.isEmpty())
            problem = supabaseIdentifierProblem(order.column);
    }
    if (problem.isEmpty() && (request.offset < 0 || request.limit < 1 || request.limit > kMaxRowsPerPage))
        problem = QStringLiteral("a page is 1 to %1 rows from an offset of 0 or more").arg(kMaxRowsPerPage);
    if (!problem.isEmpty())
        co_return failure(configurationError(problem));

    HttpRequest http;
    http.path = kRestPrefix + request.table;
    addQuery(http.query, QStringLiteral("select"),
             request.columns.isEmpty() ? QStringLiteral("*") : request.columns.join(u','));
    for (const SupabaseFilter& filter : request.filters)
        addQuery(http.query, filter.column(), filter.expression());
    if (!request.order.isEmpty()) {
        QStringList terms;
        for (const SupabaseOrder& order : request.order)
            terms.append(order.term());
        addQuery(http.query, QStringLiteral("order"), terms.join(u','));
    }
    const qint64 last = request.offset + request.limit - 1;
    http.headers = {
        {QByteArrayLiteral("Range-Unit"), QByteArrayLiteral("items")},
        {QByteArrayLiteral("Range"), QByteArray::number(request.offset) + '-' + QByteArray::number(last)}};
    if (request.countExact)
        http.headers.append({QByteArrayLiteral("Prefer"), QByteArrayLiteral("count=exact")});
    http.operation = QStringLiteral("select");

    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(aboutTable(response.error(), request.table));
    auto document = HttpCore::decodeJson(ProviderId::Supabase, response.value());
    if (!document)
        co_return failure(document.error());
    auto rows = rowsOf(document.value());
    if (!rows)
        co_return failure(makeError(IntegrationError::Kind::Decode, rows.error(), &response.value()));
    SupabaseRows page;
    page.rows = rows.value();
    page.partial = response->status == 206;
    const QByteArray rangeHeader = response->header("Content-Range");
    if (!rangeHeader.isEmpty()) {
        const std::optional<ContentRange> range = parseContentRange(rangeHeader);
        if (!range)
            co_return failure(makeError(IntegrationError::Kind::Decode,
                                        QStringLiteral("Content-Range \"%1\" is not first-last/total")
                                            .arg(QString::fromLatin1(rangeHeader)),
                                        &response.value()));
        const bool consistent =
            range->first ? *range->last - *range->first + 1 == page.rows.size() : page.rows.isEmpty();
        if (!consistent)
            co_return failure(makeError(IntegrationError::Kind::Decode,
                                        QStringLiteral("Content-Range \"%1\" does not match the %2 rows sent")
                                            .arg(QString::fromLatin1(rangeHeader))
                                            .arg(page.rows.size()),
                                        &response.value()));
        page.first = range->first;
        page.last = range->last;
        page.total = range->total;
    }
    co_return page;
}

QCoro::Task<Result<SupabaseWriteResult, IntegrationError>>
SupabaseClient::insert(SupabaseInsertRequest request)
{
    QStringList prefer{request.returning == SupabaseReturn::Representation
                           ? QStringLiteral("return=representation")
                           : QStringLiteral("return=minimal")};
    if (request.missingAsDefault)
        prefer.append(QStringLiteral("missing=default"));
    QUrlQuery query;
    if (request.returning == SupabaseReturn::Representation && !request.returnColumns.isEmpty())
        addQuery(query, QStringLiteral("select"), request.returnColumns.join(u','));
    else if (!request.returnColumns.isEmpty())
        co_return failure(
            configurationError(QStringLiteral("returned columns need SupabaseReturn::Representation")));
    if (const QString problem = columnsProblem(request.returnColumns); !problem.isEmpty())
        co_return failure(configurationError(problem));
    const QString operation = QStringLiteral("insert");
    Result<SupabaseWriteResult, IntegrationError> result =
        co_await write(request.table, request.rows, prefer, query, operation);
    co_return result;
}

QCoro::Task<Result<SupabaseWriteResult, IntegrationError>>
SupabaseClient::upsert(SupabaseUpsertRequest request)
{
    QStringList prefer{request.resolution == SupabaseUpsertRequest::Resolution::MergeDuplicates
                           ? QStringLiteral("resolution=merge-duplicates")
                           : QStringLiteral("resolution=ignore-duplicates"),
                       request.returning == SupabaseReturn::Representation
                           ? QStringLiteral("return=representation")
                           : QStringLiteral("return=minimal")};
    QUrlQuery query;
    if (const QString problem = columnsProblem(request.onConflict + request.returnColumns);
        !problem.isEmpty())
        co_return failure(configurationError(problem));
    if (!request.onConflict.isEmpty())
        addQuery(query, QStringLiteral("on_conflict"), request.onConflict.join(u','));
    if (request.returning == SupabaseReturn::Representation && !request.returnColumns.isEmpty())
        addQuery(query, QStringLiteral("select"), request.returnColumns.join(u','));
    else if (!request.returnColumns.isEmpty())
        co_return failure(
            configurationError(QStringLiteral("returned columns need SupabaseReturn::Representation")));
    const QString operation = QStringLiteral("upsert");
    Result<SupabaseWriteResult, IntegrationError> result =
        co_await write(request.table, request.rows, prefer, query, operation);
    co_return result;
}

QCoro::Task<Result<SupabaseWriteResult, IntegrationError>>
SupabaseClient::write(QString table, QList<QJsonObject> rows, QStringList prefer, QUrlQuery query,
                      QString operation)
{
    if (const std::optional<IntegrationError> missing = notReady())
        co_return failure(*missing);
    QString problem = supabaseIdentifierProblem(table);
    if (problem.isEmpty())
        problem = rowsProblem(rows);
    if (!problem.isEmpty())
        co_return failure(configurationError(problem));

    HttpRequest http;
    http.method = "POST";
    http.path = kRestPrefix + table;
    http.query = query;
    if (rows.size() == 1) {
        http.body = JsonBody{QJsonDocument(rows.first())};
    } else {
        QJsonArray array;
        for (const QJsonObject& row : rows)
            array.append(row);
        http.body = JsonBody{QJsonDocument(array)};
    }
    http.headers = {{QByteArrayLiteral("Prefer"), prefer.join(QStringLiteral(", ")).toLatin1()}};
    http.operation = operation;
    // Not billed per call: no worst case, no cost event.

    const HttpResult response = co_await m_core->send(m_endpoint, http);
    if (!response)
        co_return failure(aboutTable(response.error(), table));
    SupabaseWriteResult result;
    result.status = response->status;
    result.preferenceApplied = QString::fromLatin1(response->header("Preference-Applied"));
    if (prefer.contains(QStringLiteral("return=representation"))) {
        auto document = HttpCore::decodeJson(ProviderId::Supabase, response.value());
        if (!document)
            co_return failure(document.error());
        auto written = rowsOf(document.value());
        if (!written)
            co_return failure(makeError(IntegrationError::Kind::Decode, written.error(), &response.value()));
        result.rows = written.value();
    }
    co_return result;
}

} // namespace agency
