#pragma once
// Request and response values for the HTTP core. A client builds an HttpRequest; the core applies
// the shared policy (auth, timeout, retry, pacing, redaction, cost) and returns an HttpResponse.

#include "model/costevent.h"
#include "model/money.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QIODevice;

namespace agency {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// How a credential travels with each request.
struct Auth
{
    enum class Scheme
    {
        None,
        Bearer,         ///< Authorization: Bearer <secret>
        Header,         ///< <headerName>: <prefix><secret> (X-Api-Key, xi-api-key, raw Authorization…)
        Basic,          ///< Authorization: Basic base64(<user>:<secret>)
        QueryParameter, ///< ?<parameterName>=<secret>
        SupabaseKey,    ///< apikey: <secret>, plus Authorization: Bearer <secret> for legacy JWT keys
    };
    Scheme scheme = Scheme::None;
    QByteArray headerName;
    QString parameterName;
    QString user;
    QString secret;

    static Auth none() { return {}; }
    static Auth bearer(QString secret) { return {Scheme::Bearer, {}, {}, {}, std::move(secret)}; }
    static Auth header(QByteArray name, QString secret)
    {
        return {Scheme::Header, std::move(name), {}, {}, std::move(secret)};
    }
    static Auth basic(QString user, QString secret)
    {
        return {Scheme::Basic, {}, {}, std::move(user), std::move(secret)};
    }
    static Auth query(QString parameter, QString secret)
    {
        return {Scheme::QueryParameter, {}, std::move(parameter), {}, std::move(secret)};
    }
    static Auth supabase(QString secret) { return {Scheme::SupabaseKey, {}, {}, {}, std::move(secret)}; }
};

struct JsonBody
{
    QJsonDocument document;
};
/// application/x-www-form-urlencoded; a key may repeat (Twilio's MediaUrl=a&MediaUrl=b).
struct FormBody
{
    QList<QPair<QString, QString>> fields;
};
struct MultipartPart
{
    QByteArray name;
    QByteArray fileName; ///< empty for a plain field
    QByteArray contentType;
    QByteArray data;
    std::shared_ptr<QIODevice> device; ///< streamed instead of data when set
};
struct MultipartBody
{
    QList<MultipartPart> parts;
};
/// Raw bytes (audio) in memory, or streamed from a device (a file) so only one copy exists.
struct RawBody
{
    QByteArray contentType;
    QByteArray data;
    std::shared_ptr<QIODevice> device;
};
using RequestBody = std::variant<std::monostate, JsonBody, FormBody, MultipartBody, RawBody>;

struct HttpResponse;

struct HttpRequest
{
    QByteArray method = "GET";
    QString path; ///< appended to the endpoint's base URL: "/people/match"
    QUrlQuery query;
    HeaderList headers;
    RequestBody body;
    std::chrono::milliseconds timeout{30'000};
    /// Sent as the provider's idempotency header; makes a POST safe to retry.
    QByteArray idempotencyKey;
    QByteArray idempotencyHeader = "Idempotency-Key";
    /// When set, the response body is written here as it arrives instead of kept in memory.
    std::shared_ptr<QIODevice> responseSink;
    QString operation; ///< "person_match": for logs, cost events and budget checks

    /// For a billable call: the most it can cost, reserved with the budget hook before sending.
    std::optional<Money> worstCaseCost;
    /// For a billable call: what a successful response cost. Called once, on a 2xx answer.
    std::function<std::optional<CostEvent>(const HttpResponse&)> costOf;

    bool isIdempotent() const;
};

struct HttpResponse
{
    int status = 0;
    HeaderList headers; ///< names as received
    QByteArray body;    ///< empty when the request had a responseSink
    std::chrono::milliseconds latency{0};
    int attempts = 1;
    QString requestId;
    std::optional<CostEvent> cost; ///< what costOf reported

    /// Case-insensitive header lookup; empty when absent.
    QByteArray header(QByteArrayView name) const;
};

/// One line describing a request for a log, with every credential masked.
QString describeRequest(const QByteArray& method, const QUrl& url, const HeaderList& headers);

} // namespace agency
