#pragma once
// ProviderSpec: everything the simulator knows about one provider — how it authenticates, the shapes
// of its errors, the headers it adds, and its routes. Each routes_<id>.cpp builds one; the framework
// (ProviderSimulator) never knows a provider by name.

#include "routetable.h"
#include "simdata.h"
#include "simhttp.h"

#include "model/providerid.h"

#include <QList>

#include <functional>

namespace agency::sim {

struct ProviderSpec
{
    ProviderId id = ProviderId::Apollo;

    /// Finds and classifies the credential on a request (the provider's own auth scheme).
    std::function<AuthOutcome(const SimRequest&)> authenticate;
    /// The provider's answer to a missing or wrong credential; request.credential says which.
    std::function<SimResponse(const SimRequest&)> rejectCredentials;
    /// The provider's own 429. The framework adds Retry-After when the provider leaves it out.
    std::function<SimResponse(const SimRequest&, int retryAfterSeconds)> rateLimited;
    /// The provider's 5xx body for this status (500, 502, 503).
    std::function<SimResponse(const SimRequest&, int status)> serverError;
    /// The provider's answer to a path it does not serve.
    std::function<SimResponse(const SimRequest&)> notFound;
    /// Optional: headers on every answer (request ids, rate-limit counters).
    std::function<void(const SimRequest&, SimResponse&)> decorate;
    /// Optional: forgets what the provider remembers between requests (Resend's idempotency keys,
    /// Twilio's created messages); ProviderSimulator::reset() calls it.
    std::function<void()> forget;

    RouteTable routes;
};

// One factory per provider, each in its own routes_<id>.cpp.
ProviderSpec apolloSpec(const SimData& data);
ProviderSpec apifySpec(const SimData& data);
ProviderSpec claySpec(const SimData& data);
ProviderSpec dataForSeoSpec(const SimData& data);
ProviderSpec resendSpec(const SimData& data);
ProviderSpec postmarkSpec(const SimData& data);
ProviderSpec twilioSpec(const SimData& data);
ProviderSpec heyReachSpec(const SimData& data);
ProviderSpec clickSendSpec(const SimData& data);
ProviderSpec vapiSpec(const SimData& data);
ProviderSpec elevenLabsSpec(const SimData& data);
ProviderSpec deepgramSpec(const SimData& data);
ProviderSpec anthropicSpec(const SimData& data);
ProviderSpec infraForgeSpec(const SimData& data);
ProviderSpec smartleadSpec(const SimData& data);
ProviderSpec supabaseSpec(const SimData& data);

/// The sixteen simulated providers (every provider but Redis), in catalogue order.
QList<ProviderSpec> buildProviderSpecs(const SimData& data);

} // namespace agency::sim
