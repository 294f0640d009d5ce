#pragma once
// SupabaseFilter and SupabaseOrder: PostgREST's horizontal filters (`column=op.value`) and ordering,
// built from typed parts so that no value can change the shape of the query.

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace agency {

class SupabaseFilter
{
public:
    enum class Op
    {
        Eq,
        Neq,
        Gt,
        Gte,
        Lt,
        Lte,
        Like,  ///< '*' is the wildcard (PostgREST turns it into '%')
        ILike, ///< case-insensitive like
        In,
        Is,
    };
    enum class IsValue
    {
        Null,
        True,
        False,
        Unknown,
    };

    /// Comparisons take a string, number or boolean (null is `is(column, IsValue::Null)`).
    static SupabaseFilter eq(QString column, QJsonValue value);
    static SupabaseFilter neq(QString column, QJsonValue value);
    static SupabaseFilter gt(QString column, QJsonValue value);
    static SupabaseFilter gte(QString column, QJsonValue value);
    static SupabaseFilter lt(QString column, QJsonValue value);
    static SupabaseFilter lte(QString column, QJsonValue value);
    static SupabaseFilter like(QString column, QString pattern);
    static SupabaseFilter ilike(QString column, QString pattern);
    /// One of `values` (strings, numbers or booleans); each is quoted, so commas and parentheses are safe.
    static SupabaseFilter in(QString column, QJsonArray values);
    static SupabaseFilter is(QString column, IsValue value);
    /// The same filter under `not.`.
    SupabaseFilter negated() const;

    const QString& column() const { return m_column; }
    Op op() const { return m_op; }
    bool isNegated() const { return m_negated; }

    /// The query parameter's value before URL encoding: "eq.Acme, Inc", "in.(\"a,b\",\"c\")", "not.is.null".
    QString expression() const;
    /// Why the filter cannot be sent; empty when it can.
    QString problem() const;

private:
    SupabaseFilter(QString column, Op op, QJsonValue value)
        : m_column(std::move(column))
        , m_op(op)
        , m_value(std::move(value))
    {}

    QString m_column;
    Op m_op = Op::Eq;
    QJsonValue m_value;
    bool m_negated = false;
};

struct SupabaseOrder
{
    enum class Nulls
    {
        Default, ///< Postgres: last when ascending, first when descending
        First,
        Last,
    };
    QString column;
    bool ascending = true;
    Nulls nulls = Nulls::Default;

    /// "created_at.desc.nullslast"
    QString term() const;
};

/// Why `name` cannot be used as a column or table name in a PostgREST URL; empty when it can.
/// (Plain identifiers only: letters, digits and '_', not a PostgREST reserved parameter name.)
QString supabaseIdentifierProblem(const QString& name);

} // namespace agency
