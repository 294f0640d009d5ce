#include "routetable.h"

namespace agency::sim {

namespace {

// "{name}" matches one path segment, or the part of it before a literal suffix ("{sid}.json").
const QRegularExpression& placeholder()
{
    static const QRegularExpression expression(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
    return expression;
}

} // namespace

void RouteTable::add(const QByteArray& method, const QString& pattern, RouteHandler handler)
{
    Route route;
    route.method = method.toUpper();
    route.pattern = pattern;
    route.handler = std::move(handler);

    QString expression = QStringLiteral("^");
    qsizetype last = 0;
    auto it = placeholder().globalMatch(pattern);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        expression += QRegularExpression::escape(pattern.mid(last, m.capturedStart() - last));
        expression += QStringLiteral("([^/]+?)");
        route.names.append(m.captured(1));
        last = m.capturedEnd();
    }
    expression += QRegularExpression::escape(pattern.mid(last));
    expression += u'$';
    route.regex = QRegularExpression(expression);
    Q_ASSERT(route.regex.isValid());
    m_routes.append(std::move(route));
}

std::optional<RouteTable::Match> RouteTable::match(const QByteArray& method, const QString& path) const
{
    const QByteArray wanted = method.toUpper();
    for (const Route& route : m_routes) {
        const bool methodMatches = route.method == wanted || (wanted == "HEAD" && route.method == "GET");
        if (!methodMatches)
            continue;
        const QRegularExpressionMatch m = route.regex.match(path);
        if (!m.hasMatch())
            continue;
        Match result{route.handler, {}};
        for (qsizetype i = 0; i < route.names.size(); ++i)
            result.params.insert(route.names.at(i), m.captured(i + 1));
        return result;
    }
    return std::nullopt;
}

bool RouteTable::hasPath(const QString& path) const
{
    for (const Route& route : m_routes) {
        if (route.regex.match(path).hasMatch())
            return true;
    }
    return false;
}

} // namespace agency::sim
