#include "providerspec.h"

namespace agency::sim {

QList<ProviderSpec> buildProviderSpecs(const SimData& data)
{
    return {
        apolloSpec(data),    apifySpec(data),      claySpec(data),       dataForSeoSpec(data),
        resendSpec(data),    postmarkSpec(data),   twilioSpec(data),     heyReachSpec(data),
        clickSendSpec(data), vapiSpec(data),       elevenLabsSpec(data), deepgramSpec(data),
        anthropicSpec(data), infraForgeSpec(data), smartleadSpec(data),  supabaseSpec(data),
    };
}

} // namespace agency::sim
