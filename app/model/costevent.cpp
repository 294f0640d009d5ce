#include "costevent.h"

namespace agency {

QString costSourceName(CostSource source)
{
    return source == CostSource::Reported ? QStringLiteral("reported") : QStringLiteral("estimated");
}

} // namespace agency
