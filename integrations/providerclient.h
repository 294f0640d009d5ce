#pragma once
// ProviderClient: what every one of the seventeen clients offers the engine — its provider and a
// credential check that never costs money. Operations are each client's own typed methods.

#include "model/credential.h"
#include "model/integrationerror.h"
#include "model/money.h"
#include "model/providerid.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <chrono>
#include <optional>

#include <qcoro/qcorotask.h>

namespace agency {

struct AccountStatus
{
    enum class State
    {
        Valid,
        ValidLimited,    ///< the key works but lacks something a check needs (a send-only key…)
        Invalid,         ///< the provider refused the credential
        RateLimited,     ///< the provider is limiting us; the key's validity is not known
        Unreachable,     ///< network, timeout or a provider outage
        NoTestAvailable, ///< the provider has no free read-only call to test with
        NotConfigured,   ///< a required credential field is missing
    };
    State state = State::NoTestAvailable;
    QString summary; ///< one line for the table: "Pro plan · 4,512 credits left"
    QString plan;
    std::optional<Money> balance;           ///< money left on the account, in its own currency
    QList<QPair<QString, QString>> details; ///< label → value, for the details view
    std::chrono::milliseconds latency{0};
    QDateTime checkedAt; ///< UTC
    std::optional<IntegrationError> error;
};

QString accountStateName(AccountStatus::State state); ///< "valid", "valid-limited", … for JSON
/// The status a failed check means: a refused key is Invalid, a 429 RateLimited, an outage Unreachable.
AccountStatus accountStatusFromError(const IntegrationError& error, std::chrono::milliseconds latency);

class ProviderClient
{
public:
    virtual ~ProviderClient() = default;
    virtual ProviderId provider() const = 0;
    /// Tests the credential with a free, read-only call and reports what the provider says of the account.
    virtual QCoro::Task<AccountStatus> checkCredentials() = 0;
};

} // namespace agency
