#pragma once
// EndpointPolicy: where a credential may be sent. HTTPS always, except to this machine;
// in Production only to the provider's own hosts.

#include "model/catalogue.h"
#include "model/credential.h"

#include <QString>
#include <QUrl>

namespace agency {

/// True for 127.0.0.0/8, ::1 and "localhost".
bool isLoopbackHost(const QString& host);

/// True when `host` is one of `allowed`, where "*.example.com" matches any subdomain.
bool hostIsAllowed(const QString& host, const QStringList& allowed);

/// Why `url` may not be used as the provider's base URL in `profile`; empty when it may.
QString endpointProblem(const QUrl& url, const ProviderInfo& info, Profile profile);

} // namespace agency
