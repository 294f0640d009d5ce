#pragma once
// RouteTable: (method, path pattern) → handler, for one provider. Patterns are the provider's
// paths below its base path with {name} placeholders: "/2010-04-01/Accounts/{sid}/Balance.json".

#include "simhttp.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <functional>
#include <optional>

namespace agency::sim {

using RouteHandler = std::function<SimResponse(const SimRequest&)>;

class RouteTable
{
public:
    struct Match
    {
        RouteHandler handler;
        QHash<QString, QString> params;
    };

    /// Adds a route. A GET route also answers HEAD (the writer drops the body).
    void add(const QByteArray& method, const QString& pattern, RouteHandler handler);

    /// The route for this method and path, if any.
    std::optional<Match> match(const QByteArray& method, const QString& path) const;
    /// True when some route has this path under another method (a 405 rather than a 404).
    bool hasPath(const QString& path) const;

    qsizetype size() const { return m_routes.size(); }

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QRegularExpression regex;
        QStringList names;
        RouteHandler handler;
    };

    QList<Route> m_routes;
};

} // namespace agency::sim
