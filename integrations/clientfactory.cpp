#include "clientfactory.h"

#include "integrations/redis/redisclient.h"

namespace agency {

bool clientAvailable(ProviderId provider)
{
    switch (provider) {
    case ProviderId::Redis:
        return true;
    default:
        return false;
    }
}

std::unique_ptr<ProviderClient> createClient(ProviderId provider, const ClientContext& context)
{
    switch (provider) {
    case ProviderId::Redis:
        return std::make_unique<RedisClient>(context.credential);
    default:
        return nullptr;
    }
}

} // namespace agency
