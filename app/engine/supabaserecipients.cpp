#include "supabaserecipients.h"

#include "integrations/supabase/supabaseclient.h"

#include <QJsonArray>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::SupabaseRecipients", text);
}

constexpr int kMaxPageSize = 1000; // Supabase's default "Max rows"

// PostgREST operators the console does not send (QueryParams.hs): named apart from typos, so the
// refusal says "not supported" rather than "unknown".
const QStringList kUnsupportedOperators = {
    QStringLiteral("match"),     QStringLiteral("imatch"), QStringLiteral("isdistinct"),
    QStringLiteral("fts"),       QStringLiteral("plfts"),  QStringLiteral("phfts"),
    QStringLiteral("wfts"),      QStringLiteral("cs"),     QStringLiteral("cd"),
    QStringLiteral("ov"),        QStringLiteral("sl"),     QStringLiteral("sr"),
    QStringLiteral("nxr"),       QStringLiteral("nxl"),    QStringLiteral("adj"),
    QStringLiteral("like(any)"), QStringLiteral("any"),    QStringLiteral("all")};

QString supportedOperators()
{
    return QStringLiteral("eq, neq, gt, gte, lt, lte, like, ilike, in, is");
}

// "(NSW,VIC)" or "(\"a,b\",c)" → the values, as PostgREST's pList reads them: quoted values keep
// commas and parentheses, '\' escapes the next character inside quotes.
Result<QJsonArray, QString> parseList(const QString& text)
{
    if (!text.startsWith(u'(') || !text.endsWith(u')') || text.size() < 3)
        return failure(tr("in. takes a list in parentheses, e.g. in.(NSW,VIC)"));
    const QString inner = text.mid(1, text.size() - 2);
    QJsonArray values;
    qsizetype i = 0;
    while (i <= inner.size()) {
        QString value;
        if (i < inner.size() && inner.at(i) == u'"') {
            ++i;
            bool closed = false;
            while (i < inner.size()) {
                const QChar c = inner.at(i++);
                if (c == u'\\' && i < inner.size()) {
                    value += inner.at(i++);
                } else if (c == u'"') {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed)
                return failure(tr("a quoted value in the in. list is not closed"));
            if (i < inner.size() && inner.at(i) != u',')
                return failure(tr("a quoted value in the in. list must be followed by a comma"));
        } else {
            while (i < inner.size() && inner.at(i) != u',') {
                if (inner.at(i) == u'(' || inner.at(i) == u')')
                    return failure(tr("a value with parentheses in the in. list needs double quotes"));
                value += inner.at(i++);
            }
        }
        values.append(value);
        ++i; // past the comma (or the end)
    }
    return values;
}

// "column=op.value" or "column=not.op.value" → a typed filter.
Result<SupabaseFilter, QString> parsePair(const QString& pair)
{
    const qsizetype equals = pair.indexOf(u'=');
    if (equals <= 0)
        return failure(tr("“%1” is not a column=operator.value pair").arg(pair));
    const QString column = pair.left(equals).trimmed();
    if (const QString problem = supabaseIdentifierProblem(column); !problem.isEmpty())
        return failure(tr("“%1”: %2").arg(pair, problem));
    QString expression = pair.mid(equals + 1);
    bool negated = false;
    if (expression.startsWith(QStringLiteral("not."))) {
        negated = true;
        expression = expression.mid(4);
    }
    const qsizetype dot = expression.indexOf(u'.');
    if (dot <= 0)
        return failure(tr("“%1” has no operator: write column=operator.value, e.g. status=eq.new").arg(pair));
    const QString op = expression.left(dot);
    const QString value = expression.mid(dot + 1);
    std::optional<SupabaseFilter> filter;
    if (op == u"eq")
        filter = SupabaseFilter::eq(column, value);
    else if (op == u"neq")
        filter = SupabaseFilter::neq(column, value);
    else if (op == u"gt")
        filter = SupabaseFilter::gt(column, value);
    else if (op == u"gte")
        filter = SupabaseFilter::gte(column, value);
    else if (op == u"lt")
        filter = SupabaseFilter::lt(column, value);
    else if (op == u"lte")
        filter = SupabaseFilter::lte(column, value);
    else if (op == u"like")
        filter = SupabaseFilter::like(column, value);
    else if (op == u"ilike")
        filter = SupabaseFilter::ilike(column, value);
    else if (op == u"in") {
        auto list = parseList(value);
        if (!list)
            return failure(tr("“%1”: %2").arg(pair, list.error()));
        filter = SupabaseFilter::in(column, list.value());
    } else if (op == u"is") {
        const QString word = value.toLower();
        if (word == u"null")
            filter = SupabaseFilter::is(column, SupabaseFilter::IsValue::Null);
        else if (word == u"true")
            filter = SupabaseFilter::is(column, SupabaseFilter::IsValue::True);
        else if (word == u"false")
            filter = SupabaseFilter::is(column, SupabaseFilter::IsValue::False);
        else if (word == u"unknown")
            filter = SupabaseFilter::is(column, SupabaseFilter::IsValue::Unknown);
        else
            return failure(tr("“%1”: is. takes null, true, false or unknown").arg(pair));
    } else if (kUnsupportedOperators.contains(op)) {
        return failure(tr("“%1”: the console does not send PostgREST's %2 operator; use one of %3")
                           .arg(pair, op, supportedOperators()));
    } else {
        return failure(
            tr("“%1”: “%2” is not a PostgREST operator; use one of %3").arg(pair, op, supportedOperators()));
    }
    SupabaseFilter typed = negated ? filter->negated() : *filter;
    if (const QString problem = typed.problem(); !problem.isEmpty())
        return failure(tr("“%1”: %2").arg(pair, problem));
    return typed;
}

SupabaseSelectRequest pageRequest(const SupabaseRecipientQuery& query, const QList<SupabaseFilter>& filters,
                                  qint64 offset, qint64 limit)
{
    SupabaseSelectRequest request;
    request.table = query.table;
    request.columns = query.columns;
    request.filters = filters;
    if (!query.orderBy.isEmpty())
        request.order.append(SupabaseOrder{query.orderBy, true, SupabaseOrder::Nulls::Default});
    request.offset = offset;
    request.limit = limit;
    request.countExact = offset == 0; // the total once, for the progress bar
    return request;
}

QString cancelledAfter(const QString& table, qsizetype rows)
{
    return tr("Reading table “%1” was cancelled after %2 rows.").arg(table).arg(rows);
}

// PostgREST's own words (an unknown column, a value of the wrong type), under the table's name.
QString tableError(const QString& table, const IntegrationError& error)
{
    return tr("Supabase table “%1”: %2").arg(table, error.message());
}

} // namespace

Result<QList<SupabaseFilter>, QString> parsePostgrestFilter(const QString& text)
{
    QList<SupabaseFilter> filters;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return filters;
    for (const QString& pair : trimmed.split(u'&')) {
        if (pair.trimmed().isEmpty())
            return failure(tr("The filter has an empty pair (two '&' in a row, or one at an end)."));
        auto filter = parsePair(pair.trimmed());
        if (!filter)
            return failure(tr("The filter: %1").arg(filter.error()));
        filters.append(filter.value());
    }
    return filters;
}

SupabaseRecipients::SupabaseRecipients(std::shared_ptr<SupabaseClient> client, QObject* parent)
    : QObject(parent)
    , m_client(std::move(client))
{}

SupabaseRecipients::~SupabaseRecipients()
{
    // A load still suspended holds a copy of the flag: it ends at its next step without `this`.
    *m_alive = false;
}

QString SupabaseRecipients::queryProblem(const SupabaseRecipientQuery& query)
{
    if (query.table.trimmed().isEmpty())
        return tr("Name the Supabase table to read the recipients from.");
    if (const QString problem = supabaseIdentifierProblem(query.table); !problem.isEmpty())
        return tr("The table: %1").arg(problem);
    for (const QString& column : query.columns) {
        if (const QString problem = supabaseIdentifierProblem(column); !problem.isEmpty())
            return tr("The columns: %1").arg(problem);
    }
    if (!query.orderBy.isEmpty()) {
        if (const QString problem = supabaseIdentifierProblem(query.orderBy); !problem.isEmpty())
            return tr("The order: %1").arg(problem);
    }
    if (query.maxRows < 1)
        return tr("The row limit must be 1 or more.");
    if (query.pageSize < 1 || query.pageSize > kMaxPageSize)
        return tr("A page is 1 to %1 rows.").arg(kMaxPageSize);
    auto filters = parsePostgrestFilter(query.filter);
    if (!filters)
        return filters.error();
    return QString();
}

QCoro::Task<Result<QList<RecipientFields>, QString>> SupabaseRecipients::load(SupabaseRecipientQuery query,
                                                                              CancelToken cancel)
{
    const std::shared_ptr<bool> alive = m_alive;
    const QString problem = queryProblem(query);
    if (!problem.isEmpty())
        co_return failure(problem);
    if (!m_client)
        co_return failure(tr("Supabase is not set up (no project URL or API key)."));
    const QList<SupabaseFilter> filters = parsePostgrestFilter(query.filter).value();
    QList<RecipientFields> recipients;
    std::optional<qint64> matching; // every matching row, from the first page's exact count
    qint64 offset = 0;
    while (recipients.size() < query.maxRows) {
        if (cancel.isCancelled())
            co_return failure(cancelledAfter(query.table, recipients.size()));
        const qint64 limit = std::min<qint64>(query.pageSize, query.maxRows - recipients.size());
        const SupabaseSelectRequest request = pageRequest(query, filters, offset, limit);
        const Result<SupabaseRows, IntegrationError> page = co_await m_client->select(request);
        if (!*alive)
            co_return failure(cancelledAfter(query.table, recipients.size()));
        if (!page)
            co_return failure(tableError(query.table, page.error()));
        if (page->total)
            matching = page->total;
        for (const QJsonObject& row : page->rows) {
            if (recipients.size() >= query.maxRows)
                break;
            recipients.append(recipientFieldsFromJson(row));
        }
        const qint64 total = matching ? std::min<qint64>(*matching, query.maxRows) : -1;
        Q_EMIT pageLoaded(int(recipients.size()), total);
        offset += page->rows.size();
        // The last page: shorter than asked, or every matching row read.
        const bool allRead = matching && offset >= *matching;
        if (page->rows.size() < limit || allRead)
            break;
    }
    co_return recipients;
}

} // namespace agency
