#include "simhttp.h"

namespace agency::sim {

namespace {

QByteArray firstHeader(const HeaderList& headers, QByteArrayView name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

bool containsHeader(const HeaderList& headers, QByteArrayView name)
{
    for (const auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

CredentialState classifySecret(const QString& secret)
{
    if (secret.isEmpty())
        return CredentialState::Missing;
    if (secret == u"sim-valid")
        return CredentialState::Valid;
    if (secret == u"sim-limited")
        return CredentialState::Limited;
    if (secret == u"sim-ratelimited")
        return CredentialState::RateLimited;
    return CredentialState::Invalid;
}

QByteArray SimRequest::header(QByteArrayView name) const
{
    return firstHeader(headers, name);
}

bool SimRequest::hasHeader(QByteArrayView name) const
{
    return containsHeader(headers, name);
}

QString SimRequest::queryValue(const QString& name) const
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

SimResponse SimResponse::json(int status, const QJsonObject& object)
{
    SimResponse response{status, {}, QJsonDocument(object).toJson(QJsonDocument::Compact)};
    response.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")});
    return response;
}

SimResponse SimResponse::json(int status, const QJsonArray& array)
{
    SimResponse response{status, {}, QJsonDocument(array).toJson(QJsonDocument::Compact)};
    response.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")});
    return response;
}

SimResponse SimResponse::text(int status, const QByteArray& body)
{
    SimResponse response{status, {}, body};
    response.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
    return response;
}

SimResponse SimResponse::empty(int status)
{
    return SimResponse{status, {}, {}};
}

SimResponse& SimResponse::withHeader(const QByteArray& name, const QByteArray& value)
{
    headers.append({name, value});
    return *this;
}

SimResponse& SimResponse::setHeader(const QByteArray& name, const QByteArray& value)
{
    headers.removeIf(
        [&name](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
    return *this;
}

QByteArray SimResponse::header(QByteArrayView name) const
{
    return firstHeader(headers, name);
}

bool SimResponse::hasHeader(QByteArrayView name) const
{
    return containsHeader(headers, name);
}

} // namespace agency::sim
