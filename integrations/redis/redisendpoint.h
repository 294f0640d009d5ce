#pragma once
// RedisEndpoint: where a Redis server is, read from the credential's URL
// (redis://host:port/db or rediss://…). The URL never carries the password.

#include "model/integrationerror.h"
#include "model/result.h"

#include <QString>

namespace agency {

struct RedisEndpoint
{
    static constexpr quint16 kDefaultPort = 6379;

    QString host;
    QString userName; ///< an ACL user named in the URL (redis://user@host); the credential's field wins
    quint16 port = kDefaultPort;
    int database = 0;
    bool tls = false;

    /// "redis://127.0.0.1:6379/0": safe to print, it has no credentials.
    QString toString() const;

    /// Reads a redis:// or rediss:// URL. A Configuration error for anything else, for a database
    /// index that is not a number, and for a URL with a password in it (that belongs in the
    /// password field, where it is kept secret).
    static Result<RedisEndpoint, IntegrationError> parse(const QString& url);
};

} // namespace agency
