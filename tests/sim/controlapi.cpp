#include "controlapi.h"

#include "providersimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <chrono>

namespace agency::sim {

namespace {

SimResponse error(int status, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("error"), message}});
}

SimResponse ok()
{
    return SimResponse::json(200, QJsonObject{{QStringLiteral("ok"), true}});
}

// The provider named in a control request, if it is one the simulator fakes.
std::optional<ProviderId> simulatedProvider(const QString& key)
{
    const std::optional<ProviderId> provider = providerFromKey(key);
    if (!provider || !ProviderSimulator::isSimulated(*provider))
        return std::nullopt;
    return provider;
}

} // namespace

SimResponse ControlApi::handle(const QByteArray& method, const QString& path, const QUrlQuery& query,
                               const QByteArray& body)
{
    QString route = path;
    while (route.size() > 1 && route.endsWith(u'/'))
        route.chop(1);

    if (method == "GET" && route == u"/requests")
        return requests(query);
    if (method == "GET" && route == u"/providers")
        return providers();
    if (method != "POST")
        return error(
            404,
            QStringLiteral("no such control endpoint: %1 /__sim%2").arg(QString::fromLatin1(method), route));
    if (route == u"/reset") {
        m_simulator.reset();
        return ok();
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return error(400, QStringLiteral("the body must be a JSON object"));
    const QJsonObject object = document.object();

    if (route == u"/faults")
        return faults(object);
    if (route == u"/latency")
        return latency(object);
    if (route == u"/ratelimit")
        return rateLimit(object);
    return error(404, QStringLiteral("no such control endpoint: POST /__sim%1").arg(route));
}

QJsonObject ControlApi::toJson(const RecordedRequest& request)
{
    QJsonArray headers;
    for (const auto& [name, value] : request.headers)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    QJsonObject object{
        {QStringLiteral("provider"), providerKey(request.provider)},
        {QStringLiteral("method"), QString::fromLatin1(request.method)},
        {QStringLiteral("path"), request.path},
        {QStringLiteral("query"), request.query},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("body"), QString::fromUtf8(request.body)},
        {QStringLiteral("status"), request.status},
        {QStringLiteral("at"), request.at.toString(Qt::ISODateWithMs)},
    };
    if (request.fault)
        object.insert(QStringLiteral("fault"), faultKindName(*request.fault));
    return object;
}

SimResponse ControlApi::requests(const QUrlQuery& query) const
{
    std::optional<ProviderId> provider;
    if (query.hasQueryItem(QStringLiteral("provider"))) {
        provider = simulatedProvider(query.queryItemValue(QStringLiteral("provider")));
        if (!provider)
            return error(400, QStringLiteral("unknown provider"));
    }
    QJsonArray entries;
    for (const RecordedRequest& request : m_simulator.requestLog(provider))
        entries.append(toJson(request));
    return SimResponse::json(200, entries);
}

SimResponse ControlApi::providers() const
{
    QJsonObject urls;
    for (const ProviderId provider : ProviderSimulator::simulatedProviders())
        urls.insert(providerKey(provider), m_simulator.baseUrl(provider).toString());
    return SimResponse::json(200, urls);
}

SimResponse ControlApi::faults(const QJsonObject& body)
{
    const std::optional<ProviderId> provider =
        simulatedProvider(body.value(QStringLiteral("provider")).toString());
    if (!provider)
        return error(400, QStringLiteral("unknown provider"));
    QList<Fault> list;
    for (const QJsonValue& value : body.value(QStringLiteral("faults")).toArray()) {
        const QJsonObject item = value.toObject();
        const std::optional<FaultKind> kind =
            faultKindFromName(item.value(QStringLiteral("kind")).toString());
        if (!kind)
            return error(
                400,
                QStringLiteral("unknown fault kind: %1").arg(item.value(QStringLiteral("kind")).toString()));
        Fault fault;
        fault.kind = *kind;
        fault.retryAfterSeconds = item.value(QStringLiteral("retry_after")).toInt(1);
        fault.slowMs = item.value(QStringLiteral("slow_ms")).toInt(0);
        list.append(fault);
    }
    if (list.isEmpty())
        return error(400, QStringLiteral("faults must be a non-empty array"));
    m_simulator.scheduleFaults(*provider, body.value(QStringLiteral("path")).toString(), list);
    return ok();
}

SimResponse ControlApi::latency(const QJsonObject& body)
{
    const std::optional<ProviderId> provider =
        simulatedProvider(body.value(QStringLiteral("provider")).toString());
    if (!provider)
        return error(400, QStringLiteral("unknown provider"));
    m_simulator.setLatency(*provider, std::chrono::milliseconds(body.value(QStringLiteral("ms")).toInt(0)));
    return ok();
}

SimResponse ControlApi::rateLimit(const QJsonObject& body)
{
    const std::optional<ProviderId> provider =
        simulatedProvider(body.value(QStringLiteral("provider")).toString());
    if (!provider)
        return error(400, QStringLiteral("unknown provider"));
    if (body.contains(QStringLiteral("per_minute"))) {
        // A fixed window, as Apollo counts: {"provider":"apollo","per_minute":400,"window_seconds":60}.
        const int seconds = body.value(QStringLiteral("window_seconds")).toInt(60);
        m_simulator.setWindowRateLimit(*provider, body.value(QStringLiteral("per_minute")).toInt(0),
                                       std::chrono::seconds(std::max(1, seconds)));
        return ok();
    }
    const int perSecond = body.value(QStringLiteral("per_second")).toInt(0);
    m_simulator.setRateLimit(*provider, perSecond, body.value(QStringLiteral("burst")).toInt(perSecond));
    return ok();
}

} // namespace agency::sim
