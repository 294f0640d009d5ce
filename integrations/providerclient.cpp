#include "providerclient.h"

namespace agency {

QString accountStateName(AccountStatus::State state)
{
    switch (state) {
    case AccountStatus::State::Valid:
        return QStringLiteral("valid");
    case AccountStatus::State::ValidLimited:
        return QStringLiteral("valid-limited");
    case AccountStatus::State::Invalid:
        return QStringLiteral("invalid");
    case AccountStatus::State::RateLimited:
        return QStringLiteral("rate-limited");
    case AccountStatus::State::Unreachable:
        return QStringLiteral("unreachable");
    case AccountStatus::State::NoTestAvailable:
        return QStringLiteral("no-test-available");
    case AccountStatus::State::NotConfigured:
        return QStringLiteral("not-configured");
    }
    return QString();
}

AccountStatus accountStatusFromError(const IntegrationError& error, std::chrono::milliseconds latency)
{
    using Kind = IntegrationError::Kind;
    AccountStatus status;
    switch (error.kind) {
    case Kind::Auth:
        status.state = AccountStatus::State::Invalid;
        break;
    case Kind::RateLimited:
        status.state = AccountStatus::State::RateLimited;
        break;
    case Kind::Configuration:
        status.state = AccountStatus::State::NotConfigured;
        break;
    case Kind::InvalidRequest:
    case Kind::Decode:
    case Kind::BudgetExceeded:
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Server:
    case Kind::Cancelled:
        // Never a false "invalid": anything but a refused credential leaves validity unknown.
        status.state = AccountStatus::State::Unreachable;
        break;
    }
    status.summary = error.message();
    status.error = error;
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    return status;
}

} // namespace agency
