#pragma once
// The request a route handler sees and the response it returns: plain values, no sockets, so a
// handler is a pure function of its input and the seed.

#include "model/providerid.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace agency::sim {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// What the credential on a request amounts to. The simulator accepts one secret, "sim-valid";
/// two more values exist for demos: "sim-limited" (valid, but limited where the provider has such a
/// notion) and "sim-ratelimited" (always the provider's 429).
enum class CredentialState
{
    Missing,
    Invalid,
    Valid,
    Limited,
    RateLimited,
};

/// The result of a provider's authentication check.
struct AuthOutcome
{
    CredentialState state = CredentialState::Missing;
    QStringList secrets; ///< the secret values found on the request, masked verbatim in the log
};

/// Maps a secret value to its state: "sim-valid" is valid, anything else non-empty is invalid.
CredentialState classifySecret(const QString& secret);

/// The enforced rate limit as seen by one request (setRateLimit), for providers' rate-limit headers.
struct RateWindow
{
    int limit = 0;        ///< the bucket size (burst)
    int remaining = 0;    ///< whole tokens left after this request
    int resetSeconds = 0; ///< until the bucket is full again
};

struct SimRequest
{
    ProviderId provider = ProviderId::Apollo;
    QByteArray method; ///< upper case
    QString path;      ///< the provider's own path, e.g. "/api/v1/users/api_profile" (decoded)
    QString routePath; ///< path below the provider's base path, e.g. "/users/api_profile"
    QUrlQuery query;
    HeaderList headers;
    QByteArray body;
    QHash<QString, QString> params; ///< {name} captures of the matched route
    CredentialState credential = CredentialState::Missing;
    quint64 sequence = 0;           ///< 1 for the first request to this provider since the last reset
    QString requestId;              ///< deterministic per request, for providers that send one
    std::optional<RateWindow> rate; ///< set when a rate limit is enforced on this provider

    /// First header with this name (case-insensitive), or an empty array.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QString queryValue(const QString& name) const;
    bool limited() const { return credential == CredentialState::Limited; }
};

struct SimResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    static SimResponse json(int status, const QJsonObject& object);
    static SimResponse json(int status, const QJsonArray& array);
    static SimResponse text(int status, const QByteArray& body);
    static SimResponse empty(int status);

    SimResponse& withHeader(const QByteArray& name, const QByteArray& value);
    /// Replaces every header of that name (case-insensitive) with one value.
    SimResponse& setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

} // namespace agency::sim
