#include "costevent.h"

namespace agency {

QString costSourceName(CostSource source)
{
    return source == CostSource::Reported ? QStringLiteral("reported") : QStringLiteral("estimated");
}

std::optional<CostSource> costSourceFromName(const QString& name)
{
    if (name == u"reported")
        return CostSource::Reported;
    if (name == u"estimated")
        return CostSource::Estimated;
    return std::nullopt;
}

} // namespace agency
