#include "vapitypes.h"

namespace agency {

std::optional<std::chrono::milliseconds> VapiCall::duration() const
{
    if (!startedAt || !endedAt || *endedAt < *startedAt)
        return std::nullopt;
    return std::chrono::milliseconds(startedAt->msecsTo(*endedAt));
}

} // namespace agency
