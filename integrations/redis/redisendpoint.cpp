#include "redisendpoint.h"

#include "model/redaction.h"

#include <QUrl>

namespace agency {

namespace {

IntegrationError configurationError(const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Redis;
    error.detail = detail;
    return error;
}

} // namespace

QString RedisEndpoint::toString() const
{
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return (tls ? QStringLiteral("rediss://") : QStringLiteral("redis://")) + shownHost + u':' +
           QString::number(port) + u'/' + QString::number(database);
}

Result<RedisEndpoint, IntegrationError> RedisEndpoint::parse(const QString& url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return failure(configurationError(QStringLiteral("the Redis URL is missing")));
    const QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.password().isEmpty()) {
        // Mask it wherever the text might travel next, then refuse it.
        Redactor::registerSecret(parsed.password());
        return failure(configurationError(
            QStringLiteral("the Redis URL must not contain the password; put it in the password field")));
    }
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || (scheme != u"redis" && scheme != u"rediss") || parsed.host().isEmpty())
        return failure(configurationError(QStringLiteral("\"%1\" is not a Redis URL (redis://host:6379/0)")
                                              .arg(Redactor::redact(trimmed))));
    RedisEndpoint endpoint;
    endpoint.host = parsed.host();
    endpoint.userName = parsed.userName();
    endpoint.tls = scheme == u"rediss";
    endpoint.port = quint16(parsed.port(kDefaultPort));
    if (parsed.port(kDefaultPort) <= 0)
        return failure(configurationError(QStringLiteral("the Redis URL has no valid port")));
    const QString path = parsed.path();
    if (!path.isEmpty() && path != u"/") {
        bool ok = false;
        const int database = path.mid(1).toInt(&ok);
        if (!ok || database < 0 || path.mid(1).contains(u'/'))
            return failure(configurationError(
                QStringLiteral("the Redis URL's database \"%1\" is not a number (redis://host:6379/0)")
                    .arg(path.mid(1))));
        endpoint.database = database;
    }
    return endpoint;
}

} // namespace agency
