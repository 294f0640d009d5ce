#include "clientfactory.h"

namespace agency {

bool clientAvailable(ProviderId provider)
{
    switch (provider) {
    default:
        return false;
    }
}

std::unique_ptr<ProviderClient> createClient(ProviderId provider, const ClientContext& context)
{
    Q_UNUSED(context);
    switch (provider) {
    default:
        return nullptr;
    }
}

} // namespace agency
