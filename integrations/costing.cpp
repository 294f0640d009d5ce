#include "costing.h"

#include "model/catalogue.h"

namespace agency {

namespace {
CostEvent baseEvent(ProviderId provider, const QString& operation, qint64 units, const QString& reference)
{
    CostEvent event;
    event.at = QDateTime::currentDateTimeUtc();
    event.provider = provider;
    event.operation = operation;
    event.units = units;
    event.providerReference = reference;
    return event;
}
} // namespace

CostEvent estimatedCost(ProviderId provider, const QString& operation, qint64 units, const QString& reference)
{
    const ProviderInfo& info = providerInfo(provider);
    CostEvent event = baseEvent(provider, operation, units, reference);
    event.unit = info.unit;
    event.unitPrice = info.unitCost;
    event.amount = info.unitCost.times(units).value_or(Money::zero(info.unitCost.currency()));
    if (event.amount.currency() == u"AUD")
        event.amountAud = event.amount;
    event.source = CostSource::Estimated;
    return event;
}

CostEvent reportedCost(ProviderId provider, const QString& operation, const Money& amount, qint64 units,
                       const QString& unit, const QString& reference)
{
    CostEvent event = baseEvent(provider, operation, units, reference);
    event.unit = unit;
    event.amount = amount;
    if (units > 0)
        event.unitPrice = amount.scaled(1, units).value_or(Money());
    if (amount.currency() == u"AUD")
        event.amountAud = amount;
    event.source = CostSource::Reported;
    return event;
}

} // namespace agency
