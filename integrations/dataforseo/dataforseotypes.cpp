#include "dataforseotypes.h"

namespace agency {

qint64 DataForSeoRankMetrics::topTen() const
{
    return positions.value(QStringLiteral("pos_1")) + positions.value(QStringLiteral("pos_2_3")) +
           positions.value(QStringLiteral("pos_4_10"));
}

std::optional<DataForSeoRankMetrics> DataForSeoRankItem::organic() const
{
    const auto found = metrics.constFind(QStringLiteral("organic"));
    if (found == metrics.cend())
        return std::nullopt;
    return found.value();
}

std::optional<DataForSeoRankMetrics> DataForSeoRankItem::paid() const
{
    const auto found = metrics.constFind(QStringLiteral("paid"));
    if (found == metrics.cend())
        return std::nullopt;
    return found.value();
}

bool DataForSeoAccount::hasBacklinks(const QDateTime& now) const
{
    if (backlinksSubscriptionExpiry.isEmpty())
        return false;
    // A date that cannot be read still says a subscription exists.
    return !backlinksExpiresAt.isValid() || backlinksExpiresAt > now;
}

} // namespace agency
