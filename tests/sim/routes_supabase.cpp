// Supabase Data API (shared/providers/supabase.md): PostgREST under /rest/v1, the apikey header on
// every request (Authorization absent, equal to apikey, or a user JWT), a small table read as the
// credential check, gateway 401s with {"message","hint"} and PostgREST errors
// {"code","details","hint","message"}.
// The five console tables live in memory, seeded from SimData and seeded again by the simulator's
// reset: selects with filters (eq, neq, gt, gte, lt, lte, like, ilike, in, is, not.), order, select=,
// Range / limit / offset, Prefer: count=exact (206, Content-Range), 416 PGRST103; inserts and upserts
// (on_conflict, resolution=merge-duplicates | ignore-duplicates, return=minimal | representation |
// headers-only) with unique checks (409 23505) and PostgREST's own 400s (PGRST102, PGRST204, 22P02).
// The query string is read as PostgREST reads it: '+' means a space.

#include "providerspec.h"
#include "routekit.h"

#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <variant>

namespace agency::sim {

namespace {

// ---- The simulated project's schema ----------------------------------------------------------------

enum class ColumnType
{
    Integer, ///< bigint
    Text,
    Timestamp, ///< timestamptz, as ISO 8601 text
    Json,      ///< jsonb
};

struct Column
{
    QString name;
    ColumnType type;
    bool unique = false; ///< a unique constraint of its own (the primary key is one too)
};

// Tables the simulated project has (the console's own); anything else is an undefined table.
struct Table
{
    QString name;
    QList<Column> columns;
    QString primaryKey;
    bool serialKey; ///< the primary key defaults to the next number
    int seededRows;

    const Column* column(const QString& columnName) const
    {
        for (const Column& c : columns) {
            if (c.name == columnName)
                return &c;
        }
        return nullptr;
    }
    bool isUnique(const QString& columnName) const
    {
        const Column* c = column(columnName);
        return c && (c->unique || c->name == primaryKey);
    }
};

const QList<Table>& tables()
{
    using T = ColumnType;
    static const QList<Table> list = {
        {QStringLiteral("leads"),
         {{QStringLiteral("id"), T::Integer},
          {QStringLiteral("email"), T::Text, true},
          {QStringLiteral("first_name"), T::Text},
          {QStringLiteral("last_name"), T::Text},
          {QStringLiteral("company"), T::Text},
          {QStringLiteral("created_at"), T::Timestamp}},
         QStringLiteral("id"),
         true,
         25},
        {QStringLiteral("companies"),
         {{QStringLiteral("id"), T::Integer},
          {QStringLiteral("name"), T::Text},
          {QStringLiteral("domain"), T::Text, true},
          {QStringLiteral("created_at"), T::Timestamp}},
         QStringLiteral("id"),
         true,
         12},
        {QStringLiteral("campaigns"),
         {{QStringLiteral("id"), T::Integer},
          {QStringLiteral("name"), T::Text},
          {QStringLiteral("status"), T::Text},
          {QStringLiteral("created_at"), T::Timestamp}},
         QStringLiteral("id"),
         true,
         4},
        {QStringLiteral("cost_events"),
         {{QStringLiteral("id"), T::Integer},
          {QStringLiteral("provider"), T::Text},
          {QStringLiteral("amount_micros"), T::Integer},
          {QStringLiteral("currency"), T::Text},
          {QStringLiteral("created_at"), T::Timestamp}},
         QStringLiteral("id"),
         true,
         30},
        {QStringLiteral("clay_results"),
         {{QStringLiteral("lead_id"), T::Text},
          {QStringLiteral("result"), T::Json},
          {QStringLiteral("created_at"), T::Timestamp}},
         QStringLiteral("lead_id"),
         false,
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

QString timestampText(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs).replace(u'Z', QStringLiteral("+00:00"));
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
        return timestampText(data.dateTime(salt));
    return QJsonValue::Null;
}

// The rows every table holds, in memory: seeded from SimData, changed by inserts and upserts, and
// seeded again when the simulator is reset (which the routes see as the request counter starting over).
struct Store
{
    quint64 lastSequence = 0;
    QMap<QString, QList<QJsonObject>> rows;
    QMap<QString, qint64> nextKey;

    void seed(const SimData& data)
    {
        rows.clear();
        nextKey.clear();
        for (const Table& table : tables()) {
            QList<QJsonObject> list;
            for (int row = 0; row < table.seededRows; ++row) {
                QJsonObject object;
                for (const Column& column : table.columns)
                    object.insert(column.name, cell(data, table, row, column.name));
                list.append(object);
            }
            rows.insert(table.name, list);
            nextKey.insert(table.name, table.seededRows + 1);
        }
    }
    void follow(const SimData& data, const SimRequest& request)
    {
        if (request.sequence <= lastSequence || rows.isEmpty())
            seed(data);
        lastSequence = request.sequence;
    }
};

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
        for (const Column& column : table.columns) {
            const QString type = column.type == ColumnType::Integer ? QStringLiteral("integer")
                                 : column.type == ColumnType::Json  ? QStringLiteral("object")
                                                                    : QStringLiteral("string");
            properties.insert(column.name, QJsonObject{{QStringLiteral("type"), type}});
        }
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

SimResponse undefinedTable(const QString& name)
{
    return postgrestError(404, QStringLiteral("42P01"), QJsonValue::Null, QJsonValue::Null,
                          QStringLiteral("relation \"public.%1\" does not exist").arg(name));
}

SimResponse undefinedColumn(const Table& table, const QString& column)
{
    return postgrestError(400, QStringLiteral("42703"), QJsonValue::Null, QJsonValue::Null,
                          QStringLiteral("column %1.%2 does not exist").arg(table.name, column));
}

// PostgREST's parse errors (PGRST100) carry the parser's position and expectation.
SimResponse parseError(const QString& what, const QString& text, const QString& details)
{
    return postgrestError(400, QStringLiteral("PGRST100"), details, QJsonValue::Null,
                          QStringLiteral("\"failed to parse %1 (%2)\" (line 1, column 1)").arg(what, text));
}

// The query string as PostgREST reads it: '+' is a space, then percent-decoding
// (Network.HTTP.Types parseQueryReplacePlus).
QList<QPair<QString, QString>> postgrestParameters(const SimRequest& request)
{
    QList<QPair<QString, QString>> parameters;
    const QString encoded = request.query.query(QUrl::FullyEncoded);
    for (const QString& pair : encoded.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        QString key = equals < 0 ? pair : pair.left(equals);
        QString value = equals < 0 ? QString() : pair.mid(equals + 1);
        key.replace(u'+', u' ');
        value.replace(u'+', u' ');
        parameters.append(
            {QUrl::fromPercentEncoding(key.toLatin1()), QUrl::fromPercentEncoding(value.toLatin1())});
    }
    return parameters;
}

QString parameter(const QList<QPair<QString, QString>>& parameters, const QString& name)
{
    for (const auto& [key, value] : parameters) {
        if (key == name)
            return value;
    }
    return QString();
}

bool hasParameter(const QList<QPair<QString, QString>>& parameters, const QString& name)
{
    return std::any_of(parameters.cbegin(), parameters.cend(),
                       [&name](const auto& p) { return p.first == name; });
}

// Every Prefer header, split at commas: "return=representation", "count=exact", …
QStringList preferences(const SimRequest& request)
{
    QStringList list;
    for (const auto& [name, value] : request.headers) {
        if (name.compare("Prefer", Qt::CaseInsensitive) != 0)
            continue;
        for (const QString& part : QString::fromUtf8(value).split(u',', Qt::SkipEmptyParts))
            list.append(part.trimmed());
    }
    return list;
}

// ---- Comparing values as Postgres would (three-valued: nullopt is NULL) ----

// The filter value converted to the column's type; an error response when it does not convert.
std::variant<QJsonValue, SimResponse> typedValue(const Column& column, const QString& text)
{
    if (column.type == ColumnType::Integer) {
        bool ok = false;
        const qint64 number = text.trimmed().toLongLong(&ok);
        if (!ok) {
            return postgrestError(400, QStringLiteral("22P02"), QJsonValue::Null, QJsonValue::Null,
                                  QStringLiteral("invalid input syntax for type bigint: \"%1\"").arg(text));
        }
        return QJsonValue(number);
    }
    return QJsonValue(text);
}

int compareValues(const QJsonValue& a, const QJsonValue& b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() < b.toDouble() ? -1 : (a.toDouble() > b.toDouble() ? 1 : 0);
    const QString left =
        a.isString() ? a.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{a}).toJson());
    const QString right =
        b.isString() ? b.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{b}).toJson());
    return left.compare(right);
}

// LIKE with PostgREST's '*' for '%', '_' for one character, and '\' escaping the next character.
bool likeMatches(const QString& pattern, const QString& text, bool caseInsensitive)
{
    QString expression = QStringLiteral("^");
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size())
            expression += QRegularExpression::escape(QString(pattern.at(++i)));
        else if (c == u'*' || c == u'%')
            expression += QStringLiteral(".*");
        else if (c == u'_')
            expression += u'.';
        else
            expression += QRegularExpression::escape(QString(c));
    }
    expression += u'$';
    const QRegularExpression regex(expression, caseInsensitive
                                                   ? QRegularExpression::CaseInsensitiveOption |
                                                         QRegularExpression::DotMatchesEverythingOption
                                                   : QRegularExpression::DotMatchesEverythingOption);
    return regex.match(text).hasMatch();
}

// An in.(…) list: quoted elements with '\' escapes, or bare ones up to ',' or ')' (QueryParams.hs pListVal).
std::optional<QStringList> listElements(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (!trimmed.startsWith(u'(') || !trimmed.endsWith(u')'))
        return std::nullopt;
    const QString inner = trimmed.mid(1, trimmed.size() - 2);
    QStringList elements;
    qsizetype i = 0;
    while (true) {
        QString element;
        if (i < inner.size() && inner.at(i) == u'"') {
            ++i;
            bool closed = false;
            while (i < inner.size()) {
                const QChar c = inner.at(i++);
                if (c == u'\\' && i < inner.size()) {
                    element += inner.at(i++);
                } else if (c == u'"') {
                    closed = true;
                    break;
                } else {
                    element += c;
                }
            }
            if (!closed)
                return std::nullopt;
        } else {
            while (i < inner.size() && inner.at(i) != u',' && inner.at(i) != u')')
                element += inner.at(i++);
        }
        elements.append(element);
        if (i >= inner.size())
            break;
        if (inner.at(i) != u',')
            return std::nullopt;
        ++i;
    }
    return elements;
}

struct Filter
{
    const Column* column = nullptr;
    bool negated = false;
    QString op;
    QJsonValue value;       ///< typed, for comparisons and like
    QList<QJsonValue> list; ///< for in
    QString isValue;        ///< for is: null, true, false, unknown
};

std::optional<bool> evaluate(const Filter& filter, const QJsonObject& row)
{
    const QJsonValue cellValue = row.value(filter.column->name);
    std::optional<bool> result;
    if (filter.op == u"is") {
        if (filter.isValue == u"null" || filter.isValue == u"unknown")
            result = cellValue.isNull() || cellValue.isUndefined();
        else
            result = cellValue.isBool() && cellValue.toBool() == (filter.isValue == u"true");
    } else if (cellValue.isNull() || cellValue.isUndefined()) {
        result = std::nullopt; // any comparison with NULL is NULL
    } else if (filter.op == u"in") {
        result = std::any_of(filter.list.cbegin(), filter.list.cend(),
                             [&cellValue](const QJsonValue& v) { return compareValues(cellValue, v) == 0; });
    } else if (filter.op == u"like" || filter.op == u"ilike") {
        result =
            likeMatches(filter.value.toString(), cellValue.toVariant().toString(), filter.op == u"ilike");
    } else {
        const int order = compareValues(cellValue, filter.value);
        if (filter.op == u"eq")
            result = order == 0;
        else if (filter.op == u"neq")
            result = order != 0;
        else if (filter.op == u"gt")
            result = order > 0;
        else if (filter.op == u"gte")
            result = order >= 0;
        else if (filter.op == u"lt")
            result = order < 0;
        else
            result = order <= 0;
    }
    if (filter.negated && result)
        result = !*result;
    return result;
}

// "eq.x", "not.in.(a,b)", "is.null" → a Filter, or PostgREST's 400.
std::variant<Filter, SimResponse> parseFilter(const Table& table, const QString& key, const QString& text)
{
    static const QStringList simple = {QStringLiteral("eq"),   QStringLiteral("neq"),  QStringLiteral("gt"),
                                       QStringLiteral("gte"),  QStringLiteral("lt"),   QStringLiteral("lte"),
                                       QStringLiteral("like"), QStringLiteral("ilike")};
    Filter filter;
    filter.column = table.column(key);
    if (!filter.column)
        return undefinedColumn(table, key);
    QString rest = text;
    if (rest.startsWith(QStringLiteral("not."))) {
        filter.negated = true;
        rest = rest.mid(4);
    }
    const qsizetype dot = rest.indexOf(u'.');
    filter.op = dot < 0 ? rest : rest.left(dot);
    const QString value = dot < 0 ? QString() : rest.mid(dot + 1);
    if (dot < 0 || (!simple.contains(filter.op) && filter.op != u"in" && filter.op != u"is"))
        return parseError(QStringLiteral("filter"), text,
                          QStringLiteral("unknown single value operator %1").arg(filter.op));
    if (filter.op == u"is") {
        filter.isValue = value.toLower();
        static const QStringList trilean = {QStringLiteral("null"), QStringLiteral("true"),
                                            QStringLiteral("false"), QStringLiteral("unknown")};
        if (!trilean.contains(filter.isValue))
            return parseError(QStringLiteral("filter"), text,
                              QStringLiteral("expecting null or trilean value (unknown, true, false)"));
        return filter;
    }
    if (filter.column->type == ColumnType::Json) {
        // unverified: Postgres' wording for comparing jsonb with text.
        return postgrestError(404, QStringLiteral("42883"), QJsonValue::Null,
                              QStringLiteral("No operator matches the given name and argument types."),
                              QStringLiteral("operator does not exist: jsonb = text"));
    }
    if (filter.op == u"in") {
        const std::optional<QStringList> elements = listElements(value);
        if (!elements)
            return parseError(QStringLiteral("filter"), text, QStringLiteral("expecting \"(\" or \",\""));
        for (const QString& element : *elements) {
            auto typed = typedValue(*filter.column, element);
            if (std::holds_alternative<SimResponse>(typed))
                return std::get<SimResponse>(typed);
            filter.list.append(std::get<QJsonValue>(typed));
        }
        return filter;
    }
    if (filter.op == u"like" || filter.op == u"ilike") {
        filter.value = value;
        return filter;
    }
    auto typed = typedValue(*filter.column, value);
    if (std::holds_alternative<SimResponse>(typed))
        return std::get<SimResponse>(typed);
    filter.value = std::get<QJsonValue>(typed);
    return filter;
}

struct OrderTerm
{
    QString column;
    bool ascending = true;
    bool nullsFirst = false;
};

std::variant<QList<OrderTerm>, SimResponse> parseOrder(const Table& table, const QString& text)
{
    QList<OrderTerm> terms;
    for (const QString& part : text.split(u',')) {
        const QStringList pieces = part.trimmed().split(u'.');
        OrderTerm term;
        term.column = pieces.value(0);
        if (!table.column(term.column))
            return undefinedColumn(table, term.column);
        qsizetype next = 1;
        if (next < pieces.size() && (pieces.at(next) == u"asc" || pieces.at(next) == u"desc"))
            term.ascending = pieces.at(next++) == u"asc";
        // Postgres puts NULLs last when ascending and first when descending.
        term.nullsFirst = !term.ascending;
        if (next < pieces.size() && (pieces.at(next) == u"nullsfirst" || pieces.at(next) == u"nullslast"))
            term.nullsFirst = pieces.at(next++) == u"nullsfirst";
        if (next != pieces.size())
            return parseError(QStringLiteral("order"), text,
                              QStringLiteral("expecting \"asc\", \"desc\", \"nullsfirst\" or \"nullslast\""));
        terms.append(term);
    }
    return terms;
}

// select=*, or a list of plain columns (aliases, casts and embedding are not simulated).
std::variant<QStringList, SimResponse> parseSelect(const Table& table, const QString& text)
{
    QStringList columns;
    if (text.isEmpty() || text == u"*") {
        for (const Column& column : table.columns)
            columns.append(column.name);
        return columns;
    }
    for (const QString& part : text.split(u',')) {
        const QString name = part.trimmed();
        if (name == u"*") {
            for (const Column& column : table.columns)
                columns.append(column.name);
            continue;
        }
        if (name.isEmpty() || name.contains(u'(') || name.contains(u':'))
            return parseError(QStringLiteral("select parameter"), text,
                              QStringLiteral("the simulator serves plain column lists only"));
        if (!table.column(name))
            return undefinedColumn(table, name);
        columns.append(name);
    }
    return columns;
}

QJsonObject project(const QJsonObject& row, const QStringList& columns)
{
    QJsonObject shown;
    for (const QString& column : columns)
        shown.insert(column,
                     row.value(column).isUndefined() ? QJsonValue(QJsonValue::Null) : row.value(column));
    return shown;
}

// Range: "a-b" or "a-" with Range-Unit: items; nullopt when absent. lower > upper is unsatisfiable.
struct RowRange
{
    qint64 first = 0;
    std::optional<qint64> last;
};

std::optional<RowRange> rangeHeader(const SimRequest& request, bool* invalid)
{
    const QByteArray header = request.header("Range").trimmed();
    if (header.isEmpty())
        return std::nullopt;
    static const QRegularExpression shape(QStringLiteral("^(\\d+)-(\\d*)$"));
    const QRegularExpressionMatch match = shape.match(QString::fromLatin1(header));
    if (!match.hasMatch()) {
        *invalid = true;
        return std::nullopt;
    }
    RowRange range;
    range.first = match.captured(1).toLongLong();
    if (!match.captured(2).isEmpty())
        range.last = match.captured(2).toLongLong();
    if (range.last && *range.last < range.first)
        *invalid = true;
    return range;
}

// GET /rest/v1/{table}: filters, order, select, Range / limit / offset, Prefer: count=exact.
SimResponse readTable(const SimData& data, Store& store, const SimRequest& request)
{
    store.follow(data, request);
    const QString name = request.params.value(QStringLiteral("table"));
    const Table* table = findTable(name);
    if (!table)
        return undefinedTable(name);
    const QList<QPair<QString, QString>> parameters = postgrestParameters(request);

    auto columns = parseSelect(*table, parameter(parameters, QStringLiteral("select")));
    if (std::holds_alternative<SimResponse>(columns))
        return std::get<SimResponse>(columns);
    static const QStringList reserved = {QStringLiteral("select"),  QStringLiteral("order"),
                                         QStringLiteral("limit"),   QStringLiteral("offset"),
                                         QStringLiteral("columns"), QStringLiteral("on_conflict"),
                                         QStringLiteral("apikey")};
    QList<Filter> filters;
    for (const auto& [key, value] : parameters) {
        if (reserved.contains(key))
            continue;
        auto filter = parseFilter(*table, key, value);
        if (std::holds_alternative<SimResponse>(filter))
            return std::get<SimResponse>(filter);
        filters.append(std::get<Filter>(filter));
    }
    QList<OrderTerm> order;
    if (hasParameter(parameters, QStringLiteral("order"))) {
        auto parsed = parseOrder(*table, parameter(parameters, QStringLiteral("order")));
        if (std::holds_alternative<SimResponse>(parsed))
            return std::get<SimResponse>(parsed);
        order = std::get<QList<OrderTerm>>(parsed);
    }

    QList<QJsonObject> matching;
    for (const QJsonObject& row : store.rows.value(table->name)) {
        const bool keep = std::all_of(filters.cbegin(), filters.cend(),
                                      [&row](const Filter& f) { return evaluate(f, row).value_or(false); });
        if (keep)
            matching.append(row);
    }
    std::stable_sort(matching.begin(), matching.end(), [&order](const QJsonObject& a, const QJsonObject& b) {
        for (const OrderTerm& term : order) {
            const QJsonValue left = a.value(term.column);
            const QJsonValue right = b.value(term.column);
            const bool leftNull = left.isNull() || left.isUndefined();
            const bool rightNull = right.isNull() || right.isUndefined();
            if (leftNull || rightNull) {
                if (leftNull == rightNull)
                    continue;
                return leftNull == term.nullsFirst;
            }
            const int c = compareValues(left, right);
            if (c != 0)
                return term.ascending ? c < 0 : c > 0;
        }
        return false;
    });

    // The page: the Range header and limit/offset together (both narrow it); at most 1,000 rows.
    bool invalidRange = false;
    const std::optional<RowRange> range = rangeHeader(request, &invalidRange);
    const qint64 total = matching.size();
    const bool counted = preferences(request).contains(QStringLiteral("count=exact")) ||
                         preferences(request).contains(QStringLiteral("count=planned")) ||
                         preferences(request).contains(QStringLiteral("count=estimated"));
    const QString totalText = counted ? QString::number(total) : QStringLiteral("*");
    qint64 first = range ? range->first : 0;
    qint64 last = range && range->last ? *range->last : std::numeric_limits<qint64>::max();
    first += std::max<qint64>(0, parameter(parameters, QStringLiteral("offset")).toLongLong());
    if (hasParameter(parameters, QStringLiteral("limit")))
        last = std::min(
            last,
            first + std::max<qint64>(0, parameter(parameters, QStringLiteral("limit")).toLongLong()) - 1);
    last = std::min(last, first + 999);
    if (invalidRange || (counted && first > 0 && first >= total)) {
        SimResponse refused = postgrestError(
            416, QStringLiteral("PGRST103"),
            invalidRange
                ? QJsonValue(QStringLiteral("The lower boundary must be lower than or equal to the upper "
                                            "boundary in the Range header."))
                : QJsonValue(QStringLiteral("An offset of %1 was requested, but there are only %2 rows.")
                                 .arg(first)
                                 .arg(total)),
            QJsonValue::Null, QStringLiteral("Requested range not satisfiable"));
        refused.setHeader("Content-Range", QStringLiteral("*/%1").arg(totalText).toLatin1());
        return refused;
    }

    QJsonArray body;
    for (qint64 i = first; i < total && i <= last; ++i)
        body.append(project(matching.at(i), std::get<QStringList>(columns)));
    const QString contentRange =
        body.isEmpty() ? QStringLiteral("*/") + totalText
                       : QStringLiteral("%1-%2/%3").arg(first).arg(first + body.size() - 1).arg(totalText);

    // Accept: application/vnd.pgrst.object+json asks for exactly one row, as an object.
    if (request.header("Accept").contains("application/vnd.pgrst.object+json")) {
        if (body.size() != 1) {
            return postgrestError(406, QStringLiteral("PGRST116"),
                                  QStringLiteral("The result contains %1 rows").arg(body.size()),
                                  QJsonValue::Null,
                                  QStringLiteral("JSON object requested, multiple (or no) rows returned"));
        }
        SimResponse single = SimResponse::json(200, body.first().toObject());
        single.setHeader("Content-Type", "application/vnd.pgrst.object+json; charset=utf-8");
        single.setHeader("Content-Range", contentRange.toLatin1());
        return single;
    }
    const bool partial = counted && body.size() < total;
    SimResponse response = SimResponse::json(partial ? 206 : 200, body);
    response.setHeader("Content-Range", contentRange.toLatin1());
    return response;
}

// A value for a column, as Postgres would store it; an error response when it cannot.
std::variant<QJsonValue, SimResponse> storedValue(const Table& table, const Column& column,
                                                  const QJsonValue& value)
{
    if (value.isNull())
        return value;
    switch (column.type) {
    case ColumnType::Integer:
        if (value.isDouble() && value.toDouble() == std::floor(value.toDouble()))
            return QJsonValue(qint64(value.toDouble()));
        if (value.isString())
            return typedValue(column, value.toString());
        break;
    case ColumnType::Text:
        if (value.isString())
            return value;
        if (value.isDouble() || value.isBool())
            return QJsonValue(value.toVariant().toString());
        break;
    case ColumnType::Timestamp:
        if (value.isString() && QDateTime::fromString(value.toString(), Qt::ISODateWithMs).isValid())
            return value;
        return postgrestError(400, QStringLiteral("22007"), QJsonValue::Null, QJsonValue::Null,
                              QStringLiteral("invalid input syntax for type timestamp with time zone: \"%1\"")
                                  .arg(value.toVariant().toString()));
    case ColumnType::Json:
        return value;
    }
    Q_UNUSED(table);
    return postgrestError(
        400, QStringLiteral("22P02"), QJsonValue::Null, QJsonValue::Null,
        QStringLiteral("invalid input syntax for type %1: \"%2\"")
            .arg(column.type == ColumnType::Integer ? QStringLiteral("bigint") : QStringLiteral("text"),
                 QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                     .mid(1)
                     .chopped(1)));
}

QString constraintName(const Table& table, const QString& column)
{
    return column == table.primaryKey ? QStringLiteral("%1_pkey").arg(table.name)
                                      : QStringLiteral("%1_%2_key").arg(table.name, column);
}

SimResponse duplicateKey(const Table& table, const QString& column, const QJsonValue& value)
{
    return postgrestError(
        409, QStringLiteral("23505"),
        QStringLiteral("Key (%1)=(%2) already exists.").arg(column, value.toVariant().toString()),
        QJsonValue::Null,
        QStringLiteral("duplicate key value violates unique constraint \"%1\"")
            .arg(constraintName(table, column)));
}

// The row index in `rows` whose `columns` all equal those of `row`, or -1.
qsizetype findConflict(const QList<QJsonObject>& rows, const QStringList& columns, const QJsonObject& row)
{
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const bool same = std::all_of(columns.cbegin(), columns.cend(), [&](const QString& c) {
            const QJsonValue mine = row.value(c);
            return !mine.isNull() && !mine.isUndefined() && compareValues(rows.at(i).value(c), mine) == 0;
        });
        if (same)
            return i;
    }
    return -1;
}

// POST /rest/v1/{table}: insert (one object or an array with the same keys), or upsert with
// Prefer: resolution=…; Prefer: return=minimal | representation | headers-only. All or nothing.
SimResponse writeTable(const SimData& data, Store& store, const SimRequest& request)
{
    store.follow(data, request);
    const QString name = request.params.value(QStringLiteral("table"));
    const Table* table = findTable(name);
    if (!table)
        return undefinedTable(name);
    const QList<QPair<QString, QString>> parameters = postgrestParameters(request);
    const QStringList prefer = preferences(request);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || (!document.isObject() && !document.isArray())) {
        return postgrestError(400, QStringLiteral("PGRST102"), QJsonValue::Null, QJsonValue::Null,
                              QStringLiteral("Empty or invalid json"));
    }
    QList<QJsonObject> incoming;
    if (document.isObject()) {
        incoming.append(document.object());
    } else {
        for (const QJsonValue value : document.array()) {
            if (!value.isObject())
                return postgrestError(400, QStringLiteral("PGRST102"), QJsonValue::Null, QJsonValue::Null,
                                      QStringLiteral("Empty or invalid json"));
            incoming.append(value.toObject());
        }
    }
    // The payload's keys (or ?columns=) are the columns written; the rest get their defaults.
    QStringList payloadColumns = incoming.isEmpty() ? QStringList() : incoming.first().keys();
    if (hasParameter(parameters, QStringLiteral("columns")))
        payloadColumns = parameter(parameters, QStringLiteral("columns")).split(u',', Qt::SkipEmptyParts);
    else {
        for (const QJsonObject& row : incoming) {
            if (row.keys() != payloadColumns)
                return postgrestError(400, QStringLiteral("PGRST102"), QJsonValue::Null, QJsonValue::Null,
                                      QStringLiteral("All object keys must match"));
        }
    }
    for (const QString& column : payloadColumns) {
        if (!table->column(column.trimmed())) {
            return postgrestError(400, QStringLiteral("PGRST204"), QJsonValue::Null, QJsonValue::Null,
                                  QStringLiteral("Could not find the '%1' column of '%2' in the schema cache")
                                      .arg(column, table->name));
        }
    }

    const bool merge = prefer.contains(QStringLiteral("resolution=merge-duplicates"));
    const bool ignore = prefer.contains(QStringLiteral("resolution=ignore-duplicates"));
    QStringList conflictTarget{table->primaryKey};
    if (hasParameter(parameters, QStringLiteral("on_conflict")))
        conflictTarget = parameter(parameters, QStringLiteral("on_conflict")).split(u',', Qt::SkipEmptyParts);
    for (const QString& column : conflictTarget) {
        if (!table->column(column))
            return undefinedColumn(*table, column);
    }
    if ((merge || ignore) && !(conflictTarget.size() == 1 && table->isUnique(conflictTarget.first()))) {
        return postgrestError(
            400, QStringLiteral("42P10"), QJsonValue::Null, QJsonValue::Null,
            QStringLiteral("there is no unique or exclusion constraint matching the ON CONFLICT "
                           "specification"));
    }

    // Work on a copy: a failing row leaves the table as it was.
    QList<QJsonObject> rows = store.rows.value(table->name);
    qint64 nextKey = store.nextKey.value(table->name);
    const bool useDefaults = prefer.contains(QStringLiteral("missing=default")) ||
                             !hasParameter(parameters, QStringLiteral("columns"));
    const QString now = timestampText(data.dateTime(u"supabase:now", 0));
    QList<QJsonObject> written;
    for (const QJsonObject& source : incoming) {
        QJsonObject row;
        for (const QString& column : payloadColumns) {
            const Column* c = table->column(column.trimmed());
            auto stored = storedValue(*table, *c,
                                      source.value(c->name).isUndefined() ? QJsonValue(QJsonValue::Null)
                                                                          : source.value(c->name));
            if (std::holds_alternative<SimResponse>(stored))
                return std::get<SimResponse>(stored);
            row.insert(c->name, std::get<QJsonValue>(stored));
        }

        const qsizetype existing = (merge || ignore) ? findConflict(rows, conflictTarget, row) : -1;
        if (existing >= 0) {
            if (ignore)
                continue;
            QJsonObject updated = rows.at(existing);
            for (auto it = row.begin(); it != row.end(); ++it)
                updated.insert(it.key(), it.value());
            rows[existing] = updated;
            written.append(updated);
            continue;
        }
        for (const Column& column : table->columns) {
            if (row.contains(column.name))
                continue;
            if (!useDefaults)
                row.insert(column.name, QJsonValue::Null);
            else if (column.name == table->primaryKey && table->serialKey)
                row.insert(column.name, nextKey++);
            else if (column.type == ColumnType::Timestamp)
                row.insert(column.name, now);
            else
                row.insert(column.name, QJsonValue::Null);
        }
        if (row.value(table->primaryKey).isNull()) {
            return postgrestError(
                400, QStringLiteral("23502"), QStringLiteral("Failing row contains (null)."),
                QJsonValue::Null,
                QStringLiteral("null value in column \"%1\" of relation \"%2\" violates not-null "
                               "constraint")
                    .arg(table->primaryKey, table->name));
        }
        for (const Column& column : table->columns) {
            if (!table->isUnique(column.name) || row.value(column.name).isNull())
                continue;
            if (findConflict(rows, {column.name}, row) >= 0)
                return duplicateKey(*table, column.name, row.value(column.name));
        }
        if (table->serialKey && row.value(table->primaryKey).isDouble())
            nextKey = std::max<qint64>(nextKey, qint64(row.value(table->primaryKey).toDouble()) + 1);
        rows.append(row);
        written.append(row);
    }
    store.rows.insert(table->name, rows);
    store.nextKey.insert(table->name, nextKey);

    QStringList applied;
    for (const QString& preference : prefer) {
        if (preference.startsWith(QStringLiteral("return=")) ||
            preference.startsWith(QStringLiteral("resolution=")) || preference == u"missing=default")
            applied.append(preference);
    }
    SimResponse response;
    if (prefer.contains(QStringLiteral("return=representation"))) {
        auto columns = parseSelect(*table, parameter(parameters, QStringLiteral("select")));
        if (std::holds_alternative<SimResponse>(columns))
            return std::get<SimResponse>(columns);
        QJsonArray body;
        for (const QJsonObject& row : written)
            body.append(project(row, std::get<QStringList>(columns)));
        response = SimResponse::json(201, body);
    } else {
        response = SimResponse::empty(201);
        if (prefer.contains(QStringLiteral("return=headers-only")) && written.size() == 1) {
            response.setHeader("Location",
                               QStringLiteral("/%1?%2=eq.%3")
                                   .arg(table->name, table->primaryKey,
                                        written.first().value(table->primaryKey).toVariant().toString())
                                   .toUtf8());
        }
    }
    response.setHeader("Content-Range", "*/*");
    if (!applied.isEmpty())
        response.setHeader("Preference-Applied", applied.join(QStringLiteral(", ")).toLatin1());
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
    const auto store = std::make_shared<Store>();
    spec.routes.add("GET", QStringLiteral("/rest/v1/{table}"),
                    [data, store](const SimRequest& request) { return readTable(data, *store, request); });
    spec.routes.add("POST", QStringLiteral("/rest/v1/{table}"),
                    [data, store](const SimRequest& request) { return writeTable(data, *store, request); });
    return spec;
}

} // namespace agency::sim
