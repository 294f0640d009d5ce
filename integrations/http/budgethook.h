#pragma once
// BudgetHook: how the engine's spend guard sees every billable call. The core reserves the call's
// worst case before anything is sent, and settles (or releases) it when the call ends.

#include "model/costevent.h"
#include "model/integrationerror.h"
#include "model/money.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

using ReservationId = quint64;

enum class CallOutcome
{
    Succeeded, ///< `cost` holds what the provider charged (or nothing when it reported no cost)
    Failed,    ///< the provider refused or was never reached: nothing was charged
    Unknown,   ///< the request may have reached the provider (a timeout or reset after sending)
};

class BudgetHook
{
public:
    virtual ~BudgetHook() = default;
    /// Reserves `worstCase` for one call; a refusal is returned as a BudgetExceeded error.
    virtual QCoro::Task<Result<ReservationId, IntegrationError>>
    reserve(ProviderId provider, QString operation, Money worstCase) = 0;
    virtual void settle(ReservationId reservation, CallOutcome outcome, std::optional<CostEvent> cost) = 0;
    /// A cost with no reservation of its own (a billed attempt that is then retried).
    virtual void charge(CostEvent cost) { Q_UNUSED(cost); }
};

} // namespace agency
