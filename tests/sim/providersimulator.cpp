#include "providersimulator.h"

#include "controlapi.h"
#include "faultschedule.h"
#include "providerspec.h"
#include "ratelimiter.h"
#include "requestlog.h"
#include "responsewriter.h"
#include "simhttpserver.h"

#include "model/catalogue.h"

#include <QHttpServerRequest>
#include <QMap>
#include <QTcpSocket>

namespace agency::sim {

namespace {

const QString kControlPrefix = QStringLiteral("/__sim");

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

bool isStatusFault(FaultKind kind)
{
    return kind == FaultKind::RateLimited || kind == FaultKind::ServerError500 ||
           kind == FaultKind::BadGateway502 || kind == FaultKind::Unavailable503;
}

int faultStatus(FaultKind kind)
{
    switch (kind) {
    case FaultKind::BadGateway502:
        return 502;
    case FaultKind::Unavailable503:
        return 503;
    default:
        return 500;
    }
}

// Invalid JSON that still starts like the real body: a cut-off document followed by an HTML comment,
// the kind of thing a misbehaving proxy produces.
QByteArray malformed(const QByteArray& body)
{
    return body.left(body.size() / 2) + QByteArrayLiteral("<!-- upstream error -->");
}

// The faults that break how a response travels rather than what it says.
void applyDeliveryFault(const Fault& fault, SimResponse& response, WriteOptions& options)
{
    switch (fault.kind) {
    case FaultKind::ResetMidResponse:
        options.mode = WriteOptions::Mode::ResetMidResponse;
        break;
    case FaultKind::TruncatedBody:
        options.mode = WriteOptions::Mode::Truncated;
        break;
    case FaultKind::MalformedBody:
        response.status = 200;
        response.body = malformed(response.body);
        break;
    case FaultKind::SlowBody:
        options.mode = WriteOptions::Mode::Slow;
        options.slowMs = fault.slowMs;
        break;
    case FaultKind::RateLimited:
    case FaultKind::ServerError500:
    case FaultKind::BadGateway502:
    case FaultKind::Unavailable503:
        break; // status faults replace the response instead
    }
}

// "/apollo/api/v1/users/api_profile" → ("apollo", "/api/v1/users/api_profile")
std::pair<QString, QString> splitProviderPath(const QString& path)
{
    const qsizetype slash = path.indexOf(u'/', 1);
    if (slash < 0)
        return {path.mid(1), QString()};
    return {path.mid(1, slash - 1), path.mid(slash)};
}

} // namespace

struct ProviderSimulator::Private
{
    explicit Private(quint64 seed)
        : data(seed)
    {
        for (ProviderSpec& spec : buildProviderSpecs(data))
            specs.insert(spec.id, std::move(spec));
    }

    SimRequest makeRequest(const QHttpServerRequest& raw, ProviderId provider, const QByteArray& method,
                           const QString& providerPath);
    // The response to a request that passed the fault layer: auth, enforced rate limit, route.
    SimResponse answer(const ProviderSpec& spec, SimRequest& request);
    SimResponse rateLimited(const ProviderSpec& spec, const SimRequest& request, int retryAfterSeconds) const;

    SimData data;
    QMap<ProviderId, ProviderSpec> specs;
    FaultSchedule faults;
    RateLimiter limiter;
    RequestLog log;
    QMap<ProviderId, int> latencyMs;
    QMap<ProviderId, quint64> sequence;
    quint64 requestCounter = 0;
    SimHttpServer* server = nullptr;
    std::unique_ptr<ControlApi> control;
};

SimRequest ProviderSimulator::Private::makeRequest(const QHttpServerRequest& raw, ProviderId provider,
                                                   const QByteArray& method, const QString& providerPath)
{
    SimRequest request;
    request.provider = provider;
    request.method = method;
    request.path = providerPath.isEmpty() ? QStringLiteral("/") : providerPath;
    request.query = raw.query();
    request.headers = raw.headers();
    request.body = raw.body();
    request.sequence = ++sequence[provider];
    request.requestId = data.hex(QStringLiteral("request:%1").arg(++requestCounter), 32);
    // The path below the provider's base path; null when the request is outside it (the provider's 404).
    const QString base = ProviderSimulator::basePath(provider);
    if (base.isEmpty()) {
        request.routePath = request.path;
    } else if (request.path == base || request.path.startsWith(base + u'/')) {
        const QString below = request.path.mid(base.size());
        request.routePath = below.isEmpty() ? QStringLiteral("/") : below;
    }
    return request;
}

SimResponse ProviderSimulator::Private::rateLimited(const ProviderSpec& spec, const SimRequest& request,
                                                    int retryAfterSeconds) const
{
    SimResponse response = spec.rateLimited(request, retryAfterSeconds);
    // Retry-After is what clients key their back-off on; add it where the provider's shape left it out
    // (DataForSEO signals its limit inside a 200 and sends none).
    if (response.status == 429 && !response.hasHeader("Retry-After"))
        response.withHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds));
    return response;
}

SimResponse ProviderSimulator::Private::answer(const ProviderSpec& spec, SimRequest& request)
{
    switch (request.credential) {
    case CredentialState::Missing:
    case CredentialState::Invalid:
        return spec.rejectCredentials(request);
    case CredentialState::RateLimited:
        return rateLimited(spec, request, 1);
    case CredentialState::Valid:
    case CredentialState::Limited:
        break;
    }

    // The limit counts authenticated requests only, as providers count per key or account.
    if (const std::optional<RateLimiter::Decision> decision = limiter.take(spec.id)) {
        request.rate = decision->window;
        if (!decision->allowed)
            return rateLimited(spec, request, decision->retryAfterSeconds);
    }

    if (request.routePath.isNull())
        return spec.notFound(request);
    if (const std::optional<RouteTable::Match> match = spec.routes.match(request.method, request.routePath)) {
        request.params = match->params;
        return match->handler(request);
    }
    return spec.notFound(request);
}

ProviderSimulator::ProviderSimulator(quint64 seed, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(seed))
{
    d->server = new SimHttpServer(
        [this](const QHttpServerRequest& request, QTcpSocket* socket) { dispatch(request, socket); }, this);
    d->control = std::make_unique<ControlApi>(*this);
}

ProviderSimulator::~ProviderSimulator()
{
    // The server first: its sockets' callbacks reach into d, which must still be whole.
    delete d->server;
}

QList<ProviderId> ProviderSimulator::simulatedProviders()
{
    QList<ProviderId> list;
    for (const ProviderId provider : allProviders()) {
        if (isSimulated(provider))
            list.append(provider);
    }
    return list;
}

bool ProviderSimulator::isSimulated(ProviderId provider)
{
    return provider != ProviderId::Redis;
}

QString ProviderSimulator::basePath(ProviderId provider)
{
    QString path = QUrl(providerInfo(provider).defaultBaseUrl).path();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

bool ProviderSimulator::listen(quint16 port)
{
    return d->server->listenLoopback(port);
}

void ProviderSimulator::stop()
{
    d->server->stopListening();
}

bool ProviderSimulator::isListening() const
{
    return d->server->isListening();
}

quint16 ProviderSimulator::port() const
{
    return d->server->port();
}

quint64 ProviderSimulator::seed() const
{
    return d->data.seed();
}

QUrl ProviderSimulator::baseUrl(ProviderId provider) const
{
    if (!isSimulated(provider))
        return QUrl();
    return QUrl(QStringLiteral("http://127.0.0.1:%1/%2%3")
                    .arg(port())
                    .arg(providerKey(provider), basePath(provider)));
}

QUrl ProviderSimulator::controlUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(kControlPrefix));
}

void ProviderSimulator::setLatency(ProviderId provider, std::chrono::milliseconds latency)
{
    if (latency.count() <= 0)
        d->latencyMs.remove(provider);
    else
        d->latencyMs.insert(provider, static_cast<int>(latency.count()));
}

void ProviderSimulator::scheduleFaults(ProviderId provider, const QString& pathContains, QList<Fault> faults)
{
    d->faults.schedule(provider, pathContains, faults);
}

void ProviderSimulator::setRateLimit(ProviderId provider, int requestsPerSecond, int burst)
{
    d->limiter.setLimit(provider, requestsPerSecond, burst);
}

void ProviderSimulator::setWindowRateLimit(ProviderId provider, int limit, std::chrono::milliseconds window)
{
    d->limiter.setWindowLimit(provider, limit, window.count());
}

QList<RecordedRequest> ProviderSimulator::requestLog(std::optional<ProviderId> provider) const
{
    return d->log.entries(provider);
}

void ProviderSimulator::clearLog()
{
    d->log.clear();
}

void ProviderSimulator::reset()
{
    d->faults.clear();
    d->limiter.clear();
    d->latencyMs.clear();
    d->log.clear();
    d->sequence.clear();
    d->requestCounter = 0;
    for (const ProviderSpec& spec : std::as_const(d->specs)) {
        if (spec.forget)
            spec.forget();
    }
}

void ProviderSimulator::dispatch(const QHttpServerRequest& raw, QTcpSocket* socket)
{
    const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
    const QByteArray method = methodName(raw.method());
    const QString fullPath = raw.url().path();

    WriteOptions options;
    options.headOnly = method == "HEAD";
    options.keepAlive = !raw.value(QByteArrayLiteral("connection")).toLower().contains("close");

    if (fullPath == kControlPrefix || fullPath.startsWith(kControlPrefix + u'/')) {
        const SimResponse response =
            d->control->handle(method, fullPath.mid(kControlPrefix.size()), raw.query(), raw.body());
        ResponseWriter::write(socket, response, options);
        return;
    }

    const auto [key, providerPath] = splitProviderPath(fullPath);
    const std::optional<ProviderId> provider = providerFromKey(key);
    const auto found = provider ? d->specs.constFind(*provider) : d->specs.constEnd();
    if (found == d->specs.constEnd()) {
        const QJsonObject body{
            {QStringLiteral("error"), QStringLiteral("not a simulated provider: %1").arg(key)}};
        ResponseWriter::write(socket, SimResponse::json(404, body), options);
        return;
    }
    const ProviderSpec& spec = found.value();

    SimRequest request = d->makeRequest(raw, *provider, method, providerPath);

    // A scheduled fault comes first: a failing gateway answers before the provider looks at the key.
    const std::optional<Fault> fault = d->faults.take(*provider, request.path);
    const AuthOutcome auth = spec.authenticate(request);
    request.credential = auth.state;

    SimResponse response;
    if (fault && fault->kind == FaultKind::RateLimited)
        response = d->rateLimited(spec, request, fault->retryAfterSeconds);
    else if (fault && isStatusFault(fault->kind))
        response = spec.serverError(request, faultStatus(fault->kind));
    else
        response = d->answer(spec, request);

    if (fault)
        applyDeliveryFault(*fault, response, options);
    if (spec.decorate)
        spec.decorate(request, response);
    options.delayMs = d->latencyMs.value(*provider, 0);

    const RecordedRequest entry =
        RequestLog::redacted(request, auth.secrets, response.status,
                             fault ? std::optional<FaultKind>(fault->kind) : std::nullopt, receivedAt);
    d->log.append(entry);
    Q_EMIT requestHandled(entry);

    ResponseWriter::write(socket, response, options);
}

} // namespace agency::sim
