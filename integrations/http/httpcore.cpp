#include "httpcore.h"

#include "integrations/http/endpointpolicy.h"
#include "integrations/http/logcategory.h"
#include "integrations/http/retrytiming.h"
#include "model/redaction.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFileDevice>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

#include <qcoro/qcorosignal.h>
#include <qcoro/qcorotimer.h>

namespace agency {

namespace {

struct DeleteLater
{
    void operator()(QObject* object) const { object->deleteLater(); }
};

IntegrationError makeError(IntegrationError::Kind kind, ProviderId provider, QString detail = {})
{
    IntegrationError error;
    error.kind = kind;
    error.provider = provider;
    error.detail = Redactor::redact(std::move(detail));
    return error;
}

// Qt's connection-level errors (below 100) mean the answer did not arrive whole, whatever status
// line came first; HTTP-level errors (200 and up) are read from the status instead.
bool isConnectionError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 100;
}

// Failures that happen before the request can have reached the provider: safe to send again.
bool neverReachedServer(QNetworkReply::NetworkError error)
{
    return error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError ||
           error == QNetworkReply::ProxyConnectionRefusedError || error == QNetworkReply::ProxyNotFoundError;
}

// Qt 6.4 sometimes reports a connection reset mid-body as success with half the body: compare what
// arrived with Content-Length (only meaningful for an unencoded body).
bool isShortBody(const HttpResponse& response, qint64 received)
{
    const QByteArray length = response.header("Content-Length");
    const QByteArray encoding = response.header("Content-Encoding").trimmed().toLower();
    if (length.isEmpty() || !(encoding.isEmpty() || encoding == "identity"))
        return false;
    bool ok = false;
    const qint64 expected = length.trimmed().toLongLong(&ok);
    return ok && received < expected;
}

// A request body Qt cannot rewind. Qt's HTTP layer silently sends a request again when the server
// closes the connection while the upload is still in progress — even a POST, whose first copy the
// provider may already have acted on. A body that cannot be reset turns that into an error instead,
// and the retry decision stays with the core.
class OneShotBody : public QBuffer
{
public:
    explicit OneShotBody(QByteArray data)
    {
        setData(std::move(data));
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
};

bool hasHeader(const HeaderList& headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [name](const auto& header) {
        return name.compare(header.first, Qt::CaseInsensitive) == 0;
    });
}

QByteArray formEncode(const QList<QPair<QString, QString>>& fields)
{
    QByteArray encoded;
    for (const auto& [key, value] : fields) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return encoded;
}

void applyAuth(QNetworkRequest& networkRequest, const Auth& auth)
{
    switch (auth.scheme) {
    case Auth::Scheme::None:
    case Auth::Scheme::QueryParameter: // added to the URL
        break;
    case Auth::Scheme::Bearer:
        networkRequest.setRawHeader("Authorization", "Bearer " + auth.secret.toUtf8());
        break;
    case Auth::Scheme::Header:
        networkRequest.setRawHeader(auth.headerName, auth.secret.toUtf8());
        break;
    case Auth::Scheme::Basic:
        networkRequest.setRawHeader("Authorization",
                                    "Basic " + (auth.user + u':' + auth.secret).toUtf8().toBase64());
        break;
    case Auth::Scheme::SupabaseKey:
        networkRequest.setRawHeader("apikey", auth.secret.toUtf8());
        // Legacy keys are JWTs and go in Authorization too; new sb_ keys must not.
        if (auth.secret.startsWith(u"eyJ"))
            networkRequest.setRawHeader("Authorization", "Bearer " + auth.secret.toUtf8());
        break;
    }
}

bool rewindForRetry(const HttpRequest& request, qint64 sinkStart)
{
    if (const auto* raw = std::get_if<RawBody>(&request.body); raw && raw->device) {
        if (raw->device->isSequential() || !raw->device->seek(0))
            return false;
    }
    if (const auto* multipart = std::get_if<MultipartBody>(&request.body)) {
        for (const MultipartPart& part : multipart->parts) {
            if (part.device && (part.device->isSequential() || !part.device->seek(0)))
                return false;
        }
    }
    if (request.responseSink) {
        if (request.responseSink->isSequential() || !request.responseSink->seek(sinkStart))
            return false;
        if (auto* file = qobject_cast<QFileDevice*>(request.responseSink.get()))
            file->resize(sinkStart);
    }
    return true;
}

} // namespace

HttpCore::HttpCore(QNetworkAccessManager& network, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{}

HttpCore::~HttpCore() = default;

void HttpCore::setPacing(ProviderId provider, PacingConfig config)
{
    pacer(provider).setConfig(config);
}

void HttpCore::adaptPacing(const Endpoint& endpoint, const HttpResponse& response, RequestPacer& pacer)
{
    // Only a provider that is paced at all: a core set up without pacing (a test) stays unpaced.
    if (!endpoint.pacingFromHeaders || pacer.config().ratePerSecond <= 0)
        return;
    const std::optional<PacingConfig> learned = endpoint.pacingFromHeaders(response);
    if (!learned || learned->ratePerSecond <= 0)
        return;
    const PacingConfig current = pacer.config();
    if (learned->ratePerSecond != current.ratePerSecond || learned->burst != current.burst ||
        learned->maxConcurrent != current.maxConcurrent)
        pacer.setConfig(*learned);
}

RequestPacer& HttpCore::pacer(ProviderId provider)
{
    RequestPacer*& pacer = m_pacers[provider];
    if (!pacer)
        pacer = new RequestPacer({}, this);
    return *pacer;
}

QUrl HttpCore::requestUrl(const Endpoint& endpoint, const HttpRequest& request)
{
    QUrl url = endpoint.baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!request.path.isEmpty() && !request.path.startsWith(u'/'))
        path += u'/';
    url.setPath(path + request.path);
    QUrlQuery query(url);
    for (const auto& [key, value] : request.query.queryItems(QUrl::FullyEncoded))
        query.addQueryItem(key, value);
    if (endpoint.auth.scheme == Auth::Scheme::QueryParameter)
        query.addQueryItem(endpoint.auth.parameterName,
                           QString::fromLatin1(QUrl::toPercentEncoding(endpoint.auth.secret)));
    url.setQuery(query);
    return url;
}

Result<QJsonDocument, IntegrationError> HttpCore::decodeJson(ProviderId provider,
                                                             const HttpResponse& response)
{
    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        IntegrationError error = makeError(IntegrationError::Kind::Decode, provider,
                                           QStringLiteral("invalid JSON at byte %1: %2")
                                               .arg(parseError.offset)
                                               .arg(parseError.errorString()));
        error.httpStatus = response.status;
        error.requestId = response.requestId;
        return failure(std::move(error));
    }
    return document;
}

QNetworkReply* HttpCore::dispatch(const QNetworkRequest& base, const HttpRequest& request)
{
    QNetworkRequest networkRequest = base;
    auto withType = [&](const QByteArray& type) {
        if (!hasHeader(request.headers, "Content-Type"))
            networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, type);
    };
    // Bytes in memory go as a one-shot body, so that only the core ever decides to send again.
    auto sendBytes = [&](const QByteArray& data) -> QNetworkReply* {
        auto* body = new OneShotBody(data);
        networkRequest.setHeader(QNetworkRequest::ContentLengthHeader, data.size());
        networkRequest.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        QNetworkReply* reply = m_network.sendCustomRequest(networkRequest, request.method, body);
        body->setParent(reply);
        return reply;
    };
    if (std::holds_alternative<std::monostate>(request.body)) {
        if (request.method == "GET")
            return m_network.get(networkRequest);
        if (request.method == "HEAD") // a custom HEAD waits for a body that never comes
            return m_network.head(networkRequest);
        return sendBytes(QByteArray());
    }
    if (const auto* json = std::get_if<JsonBody>(&request.body)) {
        withType("application/json");
        return m_network.sendCustomRequest(networkRequest, request.method,
                                           json->document.toJson(QJsonDocument::Compact));
    }
    if (const auto* form = std::get_if<FormBody>(&request.body)) {
        withType("application/x-www-form-urlencoded");
        return sendBytes(formEncode(form->fields));
    }
    if (const auto* raw = std::get_if<RawBody>(&request.body)) {
        withType(raw->contentType.isEmpty() ? QByteArray("application/octet-stream") : raw->contentType);
        if (raw->device)
            return m_network.sendCustomRequest(networkRequest, request.method, raw->device.get());
        return sendBytes(raw->data);
    }
    const auto& multipart = std::get<MultipartBody>(request.body);
    auto* parts = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    for (const MultipartPart& part : multipart.parts) {
        QHttpPart httpPart;
        QByteArray disposition = "form-data; name=\"" + part.name + '"';
        if (!part.fileName.isEmpty())
            disposition += "; filename=\"" + part.fileName + '"';
        httpPart.setRawHeader("Content-Disposition", disposition);
        if (!part.contentType.isEmpty())
            httpPart.setRawHeader("Content-Type", part.contentType);
        if (part.device)
            httpPart.setBodyDevice(part.device.get());
        else
            httpPart.setBody(part.data);
        parts->append(httpPart);
    }
    QNetworkReply* reply = m_network.sendCustomRequest(networkRequest, request.method, parts);
    parts->setParent(reply);
    return reply;
}

std::optional<std::chrono::milliseconds> HttpCore::retryAfterOf(const Endpoint& endpoint,
                                                                const HttpResponse& response) const
{
    if (const QByteArray value = response.header("Retry-After"); !value.isEmpty())
        if (auto parsed = parseRetryAfter(value, QDateTime::currentDateTimeUtc()))
            return parsed;
    if (endpoint.readRetryAfter)
        return endpoint.readRetryAfter(response);
    return std::nullopt;
}

IntegrationError HttpCore::errorFromResponse(const Endpoint& endpoint, const HttpResponse& response) const
{
    using Kind = IntegrationError::Kind;
    const int status = response.status;
    Kind kind = Kind::InvalidRequest;
    if (status == 401 || status == 403)
        kind = Kind::Auth;
    else if (status == 429)
        kind = Kind::RateLimited;
    else if (status == 408)
        kind = Kind::Timeout;
    else if (status >= 500)
        kind = Kind::Server;
    IntegrationError error = makeError(kind, endpoint.provider);
    error.httpStatus = status;
    error.requestId = response.requestId;
    if (endpoint.parseError) {
        const ProviderErrorInfo info = endpoint.parseError(status, response.body);
        error.providerMessage = Redactor::redact(info.message);
        error.providerCode = info.code;
        if (info.kind)
            error.kind = *info.kind;
    }
    if (error.kind == Kind::RateLimited || status == 503 || status == 529)
        error.retryAfter = retryAfterOf(endpoint, response);
    return error;
}

QCoro::Task<HttpResult> HttpCore::attemptOnce(const Endpoint& endpoint, const HttpRequest& request,
                                              const QUrl& url, const CancelToken& cancel, bool* reachedServer,
                                              std::optional<HttpResponse>* billedResponse)
{
    QNetworkRequest networkRequest(url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader,
                             QByteArrayLiteral("AgencyOSConsole/" AGENCY_VERSION));
    if (!hasHeader(request.headers, "Accept") && !hasHeader(endpoint.defaultHeaders, "Accept"))
        networkRequest.setRawHeader("Accept", "application/json");
    for (const auto& [name, value] : endpoint.defaultHeaders)
        networkRequest.setRawHeader(name, value);
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    applyAuth(networkRequest, endpoint.auth);
    if (!request.idempotencyKey.isEmpty())
        networkRequest.setRawHeader(request.idempotencyHeader, request.idempotencyKey);

    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply, DeleteLater> reply(dispatch(networkRequest, request));
    bool timedOut = false;
    bool cancelled = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, reply.get(), [&] {
        timedOut = true;
        reply->abort();
    });
    deadline.start(request.timeout);
    const auto cancelConnection = connect(cancel.state(), &CancellationState::cancelled, reply.get(), [&] {
        cancelled = true;
        reply->abort();
    });
    QMetaObject::Connection sinkConnection;
    QMetaObject::Connection bufferConnection;
    qint64 sunkBytes = 0;
    QByteArray errorBody; // a failed answer's body is the provider's error, never the caller's data
    auto isSuccess = [&] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return status >= 200 && status < 300;
    };
    if (request.responseSink) {
        // Stream: Qt's reply buffer stays small (the limit only takes hold once the request is sent).
        bufferConnection = connect(reply.get(), &QNetworkReply::requestSent, reply.get(),
                                   [&] { reply->setReadBufferSize(256 * 1024); });
        sinkConnection = connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
            if (isSuccess())
                sunkBytes += request.responseSink->write(reply->readAll());
            else
                errorBody += reply->readAll();
        });
    }
    if (!reply->isFinished())
        co_await qCoro(reply.get(), &QNetworkReply::finished);
    deadline.stop();
    disconnect(cancelConnection);
    disconnect(sinkConnection);
    disconnect(bufferConnection);

    HttpResponse response;
    response.latency = std::chrono::milliseconds(clock.elapsed());
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    response.status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    for (const auto& [name, value] : reply->rawHeaderPairs())
        response.headers.append({name, value});
    for (const QByteArray& name : endpoint.requestIdHeaders) {
        if (const QByteArray id = response.header(name); !id.isEmpty()) {
            response.requestId = QString::fromLatin1(id);
            break;
        }
    }
    if (request.responseSink && isSuccess()) {
        sunkBytes += request.responseSink->write(reply->readAll());
    } else {
        response.body = errorBody + reply->readAll();
    }
    const qint64 received = request.responseSink ? sunkBytes : response.body.size();

    const QNetworkReply::NetworkError networkError = reply->error();
    *reachedServer = response.status != 0 || !neverReachedServer(networkError);
    qCDebug(lcHttp).noquote() << describeRequest(request.method, url, request.headers) << "->"
                              << response.status << networkError << response.latency.count() << "ms";

    if (cancelled)
        co_return failure(makeError(IntegrationError::Kind::Cancelled, endpoint.provider));
    if (timedOut) {
        IntegrationError error =
            makeError(IntegrationError::Kind::Timeout, endpoint.provider,
                      QStringLiteral("no complete answer within %1 s").arg(request.timeout.count() / 1000.0));
        error.httpStatus = response.status;
        co_return failure(std::move(error));
    }
    if (response.status == 0 || isConnectionError(networkError) ||
        (response.status >= 200 && response.status < 300 && isShortBody(response, received))) {
        IntegrationError error =
            makeError(IntegrationError::Kind::Network, endpoint.provider, reply->errorString());
        error.httpStatus = response.status;
        error.requestId = response.requestId;
        co_return failure(std::move(error));
    }
    if (response.status < 200 || response.status >= 300)
        co_return failure(errorFromResponse(endpoint, response));
    // A provider may report failure inside a 2xx body (DataForSEO's status_code).
    if (endpoint.parseError) {
        const ProviderErrorInfo info = endpoint.parseError(response.status, response.body);
        if (info.kind) {
            IntegrationError error = makeError(*info.kind, endpoint.provider);
            error.httpStatus = response.status;
            error.requestId = response.requestId;
            error.providerMessage = Redactor::redact(info.message);
            error.providerCode = info.code;
            if (error.kind == IntegrationError::Kind::RateLimited)
                error.retryAfter = retryAfterOf(endpoint, response);
            *billedResponse = std::move(response); // the provider may still have charged for it
            co_return failure(std::move(error));
        }
    }
    co_return response;
}

QCoro::Task<bool> HttpCore::wait(std::chrono::milliseconds duration, const CancelToken& cancel)
{
    if (cancel.isCancelled())
        co_return false;
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    const auto connection =
        connect(cancel.state(), &CancellationState::cancelled, &timer, [&timer] { timer.start(0); });
    timer.start(duration);
    // QCoro's own timer awaiter: awaiting QTimer::timeout directly binds its QPrivateSignal
    // argument to null, which UBSan rightly rejects.
    co_await timer;
    disconnect(connection);
    co_return !cancel.isCancelled();
}

QCoro::Task<HttpResult> HttpCore::send(Endpoint endpoint, HttpRequest request, CancelToken cancel)
{
    using Kind = IntegrationError::Kind;
    const QUrl url = requestUrl(endpoint, request);
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https" && !(scheme == u"http" && isLoopbackHost(url.host())))
        co_return failure(
            makeError(Kind::Configuration, endpoint.provider,
                      QStringLiteral("credentials are only sent over HTTPS (plain HTTP is allowed to "
                                     "this machine only)")));
    if (!endpoint.auth.secret.isEmpty())
        Redactor::registerSecret(endpoint.auth.secret);

    std::optional<ReservationId> reservation;
    if (request.worstCaseCost && m_budget) {
        auto reserved =
            co_await m_budget->reserve(endpoint.provider, request.operation, *request.worstCaseCost);
        if (!reserved)
            co_return failure(reserved.error());
        reservation = reserved.value();
    }
    // Every cost reaches the budget hook once: with the call's reservation, or charged on its own.
    auto settle = [&](CallOutcome outcome, std::optional<CostEvent> cost) {
        if (reservation)
            m_budget->settle(*reservation, outcome, std::move(cost));
        else if (m_budget && cost)
            m_budget->charge(std::move(*cost));
    };

    RequestPacer& providerPacer = pacer(endpoint.provider);
    const qint64 sinkStart = request.responseSink ? request.responseSink->pos() : 0;
    QElapsedTimer total;
    total.start();
    for (int attempt = 1;; ++attempt) {
        // GCC 12 miscompiles co_await inside an if condition: await first, then test.
        const bool granted = co_await providerPacer.acquire(cancel);
        if (!granted) {
            settle(CallOutcome::Failed, std::nullopt);
            co_return failure(makeError(Kind::Cancelled, endpoint.provider));
        }
        bool reachedServer = false;
        std::optional<HttpResponse> billedFailure;
        HttpResult result =
            co_await attemptOnce(endpoint, request, url, cancel, &reachedServer, &billedFailure);
        providerPacer.release();
        // A 2xx whose body reports a failure may still be billed (DataForSEO charges failed tasks).
        std::optional<CostEvent> failureCost;
        if (billedFailure && request.costOf)
            failureCost = request.costOf(*billedFailure);
        if (failureCost && failureCost->amount.isZero())
            failureCost.reset(); // refused without a charge: nothing to record
        if (failureCost)
            Q_EMIT costIncurred(*failureCost);

        if (result) {
            HttpResponse response = std::move(result).value();
            adaptPacing(endpoint, response, providerPacer);
            response.attempts = attempt;
            response.latency = std::chrono::milliseconds(total.elapsed());
            if (request.costOf)
                response.cost = request.costOf(response);
            settle(CallOutcome::Succeeded, response.cost);
            if (response.cost)
                Q_EMIT costIncurred(*response.cost);
            co_return response;
        }

        IntegrationError error = result.error();
        // A request that is not idempotent is sent again only when it cannot have reached the provider.
        const bool maySendAgain = request.isIdempotent() || !reachedServer;
        const bool attemptsLeft = attempt < endpoint.retry.maxAttempts;
        const bool waitTooLong = error.retryAfter && *error.retryAfter > endpoint.retry.maxRetryAfter;
        const bool retry = error.isTransient() && maySendAgain && attemptsLeft && !waitTooLong &&
                           !cancel.isCancelled() && rewindForRetry(request, sinkStart);
        if (!retry) {
            const bool uncertain = reachedServer && !request.isIdempotent() &&
                                   (error.kind == Kind::Timeout || error.kind == Kind::Network ||
                                    error.kind == Kind::Server || error.kind == Kind::Cancelled);
            if (failureCost)
                settle(CallOutcome::Succeeded, failureCost);
            else
                settle(uncertain ? CallOutcome::Unknown : CallOutcome::Failed, std::nullopt);
            co_return failure(std::move(error));
        }
        if (failureCost && m_budget)
            m_budget->charge(*failureCost); // this attempt was billed; the retry gets the reservation
        const std::chrono::milliseconds computed =
            error.retryAfter ? *error.retryAfter : backoffDelay(endpoint.retry, attempt, m_random());
        Q_EMIT retryScheduled(endpoint.provider, attempt, computed, error);
        const auto scaled =
            std::chrono::milliseconds(qint64(double(computed.count()) * endpoint.retry.timeScale));
        const bool waited = co_await wait(scaled, cancel);
        if (!waited) {
            settle(CallOutcome::Failed, std::nullopt);
            co_return failure(makeError(Kind::Cancelled, endpoint.provider));
        }
    }
}

} // namespace agency
