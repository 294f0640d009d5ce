#pragma once
// Cost events as clients make them: estimated from the catalogue's unit price, or reported by the
// provider in its own currency. AUD for a USD amount is the engine's job (it owns the rate).

#include "model/costevent.h"

namespace agency {

/// `units` × the catalogue's unit price for `provider`, marked estimated.
CostEvent estimatedCost(ProviderId provider, const QString& operation, qint64 units,
                        const QString& reference = {});

/// What the provider said the call cost (`amount`, in its currency), marked reported.
CostEvent reportedCost(ProviderId provider, const QString& operation, const Money& amount, qint64 units,
                       const QString& unit, const QString& reference = {});

} // namespace agency
