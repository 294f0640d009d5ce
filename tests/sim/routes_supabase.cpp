// Supabase Data API (shared/providers/supabase.md): PostgREST under /rest/v1, the apikey header on
// every request (Authorization absent, equal to apikey, or a user JWT), a small table read as the
// credential check, gateway 401s with {"message","hint"} and PostgREST errors
// {"code","details","hint","message"}.

#include "providerspec.h"
#include "routekit.h"

namespace agency::sim {

namespace {

// Tables the simulated project has, with their columns; anything else is an undefined table.
struct Table
{
    QString name;
    QStringList columns;
    int rows;
};

const QList<Table>& tables()
{
    static const QList<Table> list = {
        {QStringLiteral("leads"),
         {QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("first_name"),
          QStringLiteral("last_name"), QStringLiteral("company"), QStringLiteral("created_at")},
         25},
        {QStringLiteral("companies"),
         {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("domain"),
          QStringLiteral("created_at")},
         12},
        {QStringLiteral("campaigns"),
         {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("status"),
          QStringLiteral("created_at")},
         4},
        {QStringLiteral("cost_events"),
         {QStringLiteral("id"), QStringLiteral("provider"), QStringLiteral("amount_micros"),
          QStringLiteral("currency"), QStringLiteral("created_at")},
         30},
        {QStringLiteral("clay_results"),
         {QStringLiteral("lead_id"), QStringLiteral("result"), QStringLiteral("created_at")},
         5},
    };
    return list;
}

const Table* findTable(const QString& name)
{
    for (const Table& table : tables()) {
        if (table.name == name)
            return &table;
    }
    return nullptr;
}

QJsonValue cell(const SimData& data, const Table& table, int row, const QString& column)
{
    const QString salt = QStringLiteral("supabase:%1:%2").arg(table.name).arg(row);
    if (column == u"id")
        return row + 1;
    if (column == u"lead_id")
        return QStringLiteral("L-%1").arg(row + 1);
    if (column == u"email")
        return data.email(salt);
    if (column == u"first_name")
        return data.firstName(salt);
    if (column == u"last_name")
        return data.lastName(salt);
    if (column == u"company" || column == u"name")
        return data.companyName(salt);
    if (column == u"domain")
        return QString(data.companyName(salt).toLower().replace(u' ', u'-') + QStringLiteral(".example"));
    if (column == u"status")
        return data.pick(salt,
                         {QStringLiteral("draft"), QStringLiteral("running"), QStringLiteral("paused")});
    if (column == u"provider")
        return data.pick(salt,
                         {QStringLiteral("apollo"), QStringLiteral("twilio"), QStringLiteral("resend")});
    if (column == u"amount_micros")
        return data.range(salt, 900, 80000);
    if (column == u"currency")
        return QStringLiteral("AUD");
    if (column == u"result")
        return QJsonObject{{QStringLiteral("email"), data.email(salt)},
                           {QStringLiteral("status"), QStringLiteral("complete")}};
    if (column == u"created_at")
        return data.dateTime(salt).toString(Qt::ISODateWithMs).replace(u'Z', QStringLiteral("+00:00"));
    return QJsonValue::Null;
}

SimResponse postgrestError(int status, const QString& code, const QJsonValue& details, const QJsonValue& hint,
                           const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("code"), code},
                                                 {QStringLiteral("details"), details},
                                                 {QStringLiteral("hint"), hint},
                                                 {QStringLiteral("message"), message}});
}

SimResponse gatewayMessage(int status, const QString& message, const QString& hint)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("message"), message}, {QStringLiteral("hint"), hint}});
}

// The apikey from the header or, as PostgREST's gateway also allows, the URL.
QString apiKey(const SimRequest& request)
{
    const QByteArray header = request.header("apikey");
    if (!header.isEmpty())
        return QString::fromUtf8(header).trimmed();
    return request.queryValue(QStringLiteral("apikey"));
}

// True when Authorization is acceptable next to the apikey: absent, the same key, or a JWT-shaped
// user token (three dot-separated parts; the simulator does not check signatures).
bool authorizationAcceptable(const SimRequest& request, const QString& key)
{
    if (!request.hasHeader("Authorization"))
        return true;
    const QString bearer = authorizationToken(request, "Bearer").value_or(QString());
    return bearer == key || bearer.count(u'.') == 2;
}

SimResponse openApiRoot(const SimData& data, const SimRequest& request)
{
    if (request.limited()) {
        // Since 2026-04-08 only admin keys may read the root. unverified: the body text.
        return postgrestError(
            403, QStringLiteral("42501"), QJsonValue::Null, QJsonValue::Null,
            QStringLiteral("Access to the schema root requires a secret or service_role key."));
    }
    QJsonObject paths{{QStringLiteral("/"), QJsonObject{}}};
    QJsonObject definitions;
    for (const Table& table : tables()) {
        paths.insert(QString(u'/' + table.name),
                     QJsonObject{{QStringLiteral("get"),
                                  QJsonObject{{QStringLiteral("tags"), QJsonArray{table.name}}}}});
        QJsonObject properties;
        for (const QString& column : table.columns)
            properties.insert(column, QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
        definitions.insert(table.name, QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                   {QStringLiteral("properties"), properties}});
    }
    SimResponse response = SimResponse::json(
        200, QJsonObject{{QStringLiteral("swagger"), QStringLiteral("2.0")},
                         {QStringLiteral("info"),
                          QJsonObject{{QStringLiteral("title"), QStringLiteral("standard public schema")},
                                      {QStringLiteral("version"), QStringLiteral("12.2.3")}}},
                         {QStringLiteral("host"), QString(data.alnum(u"supabase:ref", 20).toLower() +
                                                          QStringLiteral(".supabase.co:443"))},
                         {QStringLiteral("basePath"), QStringLiteral("/")},
                         {QStringLiteral("schemes"), QJsonArray{QStringLiteral("https")}},
                         {QStringLiteral("paths"), paths},
                         {QStringLiteral("definitions"), definitions}});
    response.setHeader("Content-Type", "application/openapi+json; charset=utf-8");
    return response;
}

SimResponse readTable(const SimData& data, const SimRequest& request)
{
    const QString name = request.params.value(QStringLiteral("table"));
    const Table* table = findTable(name);
    if (!table) {
        return postgrestError(404, QStringLiteral("42P01"), QJsonValue::Null, QJsonValue::Null,
                              QStringLiteral("relation \"public.%1\" does not exist").arg(name));
    }

    QStringList columns = table->columns;
    const QString select = request.queryValue(QStringLiteral("select"));
    if (!select.isEmpty() && select != u"*") {
        columns.clear();
        for (const QString& column : select.split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = column.trimmed();
            if (!table->columns.contains(trimmed)) {
                return postgrestError(400, QStringLiteral("42703"), QJsonValue::Null, QJsonValue::Null,
                                      QStringLiteral("column %1.%2 does not exist").arg(name, trimmed));
            }
            columns.append(trimmed);
        }
    }

    // Filters "col=eq.value"; other operators are accepted and ignored.
    QList<int> rows;
    for (int row = 0; row < table->rows; ++row) {
        bool keep = true;
        for (const auto& [key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
            if (table->columns.contains(key) && value.startsWith(QStringLiteral("eq.")))
                keep = keep && cell(data, *table, row, key).toVariant().toString() == value.mid(3);
        }
        if (keep)
            rows.append(row);
    }

    const int total = static_cast<int>(rows.size());
    const int offset = std::max(0, request.queryValue(QStringLiteral("offset")).toInt());
    // Supabase caps a response at 1,000 rows.
    const int limit = limitParameter(request, QStringLiteral("limit"), 1000, 1000);
    QJsonArray body;
    for (int i = offset; i < std::min(total, offset + limit); ++i) {
        QJsonObject object;
        for (const QString& column : columns)
            object.insert(column, cell(data, *table, rows.at(i), column));
        body.append(object);
    }

    const bool counted = QString::fromUtf8(request.header("Prefer")).contains(QStringLiteral("count="));
    const QString totalText = counted ? QString::number(total) : QStringLiteral("*");
    const QString range =
        body.isEmpty() ? QStringLiteral("*/") + totalText
                       : QStringLiteral("%1-%2/%3").arg(offset).arg(offset + body.size() - 1).arg(totalText);
    const bool partial = counted && body.size() < total;
    SimResponse response = SimResponse::json(partial ? 206 : 200, body);
    response.setHeader("Content-Range", range.toLatin1());
    return response;
}

} // namespace

ProviderSpec supabaseSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Supabase;

    spec.authenticate = [](const SimRequest& request) {
        const QString key = apiKey(request);
        AuthOutcome outcome = outcomeFor(key);
        if (const std::optional<QString> bearer = authorizationToken(request, "Bearer");
            bearer && *bearer != key)
            outcome.secrets.append(*bearer);
        if (outcome.state != CredentialState::Missing && outcome.state != CredentialState::Invalid &&
            !authorizationAcceptable(request, key))
            outcome.state = CredentialState::Invalid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: the gateway bodies come from matching issue reports, not reference docs.
        const QString key = apiKey(request);
        if (request.credential == CredentialState::Missing) {
            return gatewayMessage(401, QStringLiteral("No API key found in request"),
                                  QStringLiteral("No `apikey` request header or url param was found."));
        }
        if (classifySecret(key) != CredentialState::Invalid) {
            // A good apikey, but a non-JWT Bearer that differs from it (sb_ keys are not JWTs).
            const QString bearer = authorizationToken(request, "Bearer").value_or(QString());
            return postgrestError(
                401, QStringLiteral("PGRST301"), QJsonValue::Null, QJsonValue::Null,
                QStringLiteral("Expected 3 parts in JWT; got %1").arg(bearer.count(u'.') + 1));
        }
        return gatewayMessage(401, QStringLiteral("Invalid API key"),
                              QStringLiteral("Double check your Supabase `anon` or `service_role` API key."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: the Data API documents no rate limit; this is the API gateway's generic answer.
        return SimResponse::json(
            429, QJsonObject{{QStringLiteral("message"), QStringLiteral("API rate limit exceeded")}});
    };
    spec.serverError = [](const SimRequest&, int status) {
        if (status == 503) {
            // 08* connection errors map to 503 (supabase.md §4).
            return postgrestError(503, QStringLiteral("PGRST001"),
                                  QStringLiteral("connection to the database failed"), QJsonValue::Null,
                                  QStringLiteral("Database client error. Retrying the connection."));
        }
        if (status == 502) {
            // unverified: the gateway's wording when PostgREST does not answer.
            return SimResponse::json(
                502,
                QJsonObject{{QStringLiteral("message"),
                             QStringLiteral("An invalid response was received from the upstream server")}});
        }
        return postgrestError(status, QStringLiteral("XX000"), QJsonValue::Null, QJsonValue::Null,
                              QStringLiteral("internal error"));
    };
    spec.notFound = [](const SimRequest&) {
        return SimResponse::json(404, QJsonObject{{QStringLiteral("message"),
                                                   QStringLiteral("no Route matched with those values")}});
    };

    const auto root = [data](const SimRequest& request) {
        return openApiRoot(data, request);
    };
    spec.routes.add("GET", QStringLiteral("/rest/v1/"), root);
    spec.routes.add("GET", QStringLiteral("/rest/v1"), root);
    spec.routes.add("GET", QStringLiteral("/rest/v1/{table}"),
                    [data](const SimRequest& request) { return readTable(data, request); });
    return spec;
}

} // namespace agency::sim
