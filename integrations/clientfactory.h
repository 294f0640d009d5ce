#pragma once
// The one place that knows which class serves which provider.

#include "integrations/http/httpcore.h"
#include "integrations/providerclient.h"
#include "model/credential.h"

#include <QUrl>

#include <memory>

namespace agency {

/// What every client is built from: the shared HTTP core, the base URL its paths are appended to
/// (exactly as agency-sim prints it), and its credential.
struct ClientContext
{
    HttpCore* core = nullptr;
    QUrl baseUrl;
    Credential credential;
};

/// Whether this version has a client for `provider`.
bool clientAvailable(ProviderId provider);

/// The provider's documented rate and concurrency limits, for the core's pacer.
PacingConfig documentedPacing(ProviderId provider);

/// The client for `provider`, or null while that provider has none yet.
std::unique_ptr<ProviderClient> createClient(ProviderId provider, const ClientContext& context);

} // namespace agency
