#include "supabasefilter.h"

#include <QRegularExpression>

#include <cmath>

namespace agency {

namespace {

// Query parameters PostgREST reads as something other than a filter (QueryParams.hs "reserved").
const QStringList kReservedNames = {QStringLiteral("select"),      QStringLiteral("columns"),
                                    QStringLiteral("on_conflict"), QStringLiteral("order"),
                                    QStringLiteral("limit"),       QStringLiteral("offset"),
                                    QStringLiteral("and"),         QStringLiteral("or")};

QString opName(SupabaseFilter::Op op)
{
    switch (op) {
    case SupabaseFilter::Op::Eq:
        return QStringLiteral("eq");
    case SupabaseFilter::Op::Neq:
        return QStringLiteral("neq");
    case SupabaseFilter::Op::Gt:
        return QStringLiteral("gt");
    case SupabaseFilter::Op::Gte:
        return QStringLiteral("gte");
    case SupabaseFilter::Op::Lt:
        return QStringLiteral("lt");
    case SupabaseFilter::Op::Lte:
        return QStringLiteral("lte");
    case SupabaseFilter::Op::Like:
        return QStringLiteral("like");
    case SupabaseFilter::Op::ILike:
        return QStringLiteral("ilike");
    case SupabaseFilter::Op::In:
        return QStringLiteral("in");
    case SupabaseFilter::Op::Is:
        return QStringLiteral("is");
    }
    return QString();
}

// A scalar as PostgREST reads it; empty optional for null, arrays and objects.
std::optional<QString> scalarText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (!std::isfinite(number))
            return std::nullopt;
        if (number == std::floor(number) && std::abs(number) < 9e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    return std::nullopt;
}

// An element of an in.(…) list: always quoted, with '\' and '"' escaped (QueryParams.hs pQuotedValue),
// so commas, parentheses and dots inside a value stay part of it.
QString quoted(const QString& text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

} // namespace

QString supabaseIdentifierProblem(const QString& name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (!identifier.match(name).hasMatch())
        return QStringLiteral("\"%1\" is not a plain column or table name (letters, digits and _)").arg(name);
    if (kReservedNames.contains(name))
        return QStringLiteral("\"%1\" is a name PostgREST reserves for its own parameters").arg(name);
    return QString();
}

SupabaseFilter SupabaseFilter::eq(QString column, QJsonValue value)
{
    return SupabaseFilter(std::move(column), Op::Eq, std::move(value));
}
SupabaseFilter SupabaseFilter::neq(QString column, QJsonValue value)
{
    return SupabaseFilter(std::move(column), Op::Neq, std::move(value));
}
SupabaseFilter SupabaseFilter::gt(QString column, QJsonValue value)
{
    return SupabaseFilter(std::move(column), Op::Gt, std::move(value));
}
SupabaseFilter SupabaseFilter::gte(QString column, QJsonValue value)
{
    return SupabaseFilter(std::move(column), Op::Gte, std::move(value));
}
SupabaseFilter SupabaseFilter::lt(QString column, QJsonValue value)
{
    return SupabaseFilter(std::move(column), Op::Lt, std::move(value));
}
SupabaseFilter SupabaseFilter::lte(QString column, QJsonValue value)
{
    return SupabaseFilter(std::move(column), Op::Lte, std::move(value));
}
SupabaseFilter SupabaseFilter::like(QString column, QString pattern)
{
    return SupabaseFilter(std::move(column), Op::Like, QJsonValue(std::move(pattern)));
}
SupabaseFilter SupabaseFilter::ilike(QString column, QString pattern)
{
    return SupabaseFilter(std::move(column), Op::ILike, QJsonValue(std::move(pattern)));
}
SupabaseFilter SupabaseFilter::in(QString column, QJsonArray values)
{
    return SupabaseFilter(std::move(column), Op::In, QJsonValue(std::move(values)));
}
SupabaseFilter SupabaseFilter::is(QString column, IsValue value)
{
    static const char* const names[] = {"null", "true", "false", "unknown"};
    return SupabaseFilter(std::move(column), Op::Is, QJsonValue(QLatin1String(names[int(value)])));
}

SupabaseFilter SupabaseFilter::negated() const
{
    SupabaseFilter copy = *this;
    copy.m_negated = !m_negated;
    return copy;
}

QString SupabaseFilter::problem() const
{
    if (const QString name = supabaseIdentifierProblem(m_column); !name.isEmpty())
        return name;
    if (m_op == Op::In) {
        const QJsonArray values = m_value.toArray();
        if (values.isEmpty())
            return QStringLiteral("in() on \"%1\" needs at least one value").arg(m_column);
        for (const QJsonValue value : values) {
            if (!scalarText(value))
                return QStringLiteral("in() on \"%1\" takes strings, numbers or booleans").arg(m_column);
        }
        return QString();
    }
    if (!scalarText(m_value))
        return QStringLiteral("the value compared with \"%1\" must be a string, number or boolean (use "
                              "is(null) for null)")
            .arg(m_column);
    return QString();
}

QString SupabaseFilter::expression() const
{
    QString value;
    if (m_op == Op::In) {
        QStringList items;
        for (const QJsonValue item : m_value.toArray())
            items.append(quoted(scalarText(item).value_or(QString())));
        value = u'(' + items.join(u',') + u')';
    } else {
        // A single value is everything after "op." (QueryParams.hs pSingleVal): taken verbatim.
        value = scalarText(m_value).value_or(QString());
    }
    const QString expression = opName(m_op) + u'.' + value;
    return m_negated ? QString(QStringLiteral("not.") + expression) : expression;
}

QString SupabaseOrder::term() const
{
    QString text = column + (ascending ? QStringLiteral(".asc") : QStringLiteral(".desc"));
    if (nulls == Nulls::First)
        text += QStringLiteral(".nullsfirst");
    else if (nulls == Nulls::Last)
        text += QStringLiteral(".nullslast");
    return text;
}

} // namespace agency
