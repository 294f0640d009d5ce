#pragma once
// RetryTiming: the waits between attempts — exponential back-off with jitter, and the provider's
// Retry-After (seconds or an HTTP date) — kept apart from the core so they can be tested alone.

#include "integrations/http/endpoint.h"

#include <QDateTime>

#include <chrono>
#include <optional>

namespace agency {

/// The back-off before attempt `attempt + 1` (attempt counts from 1): initial × 2^(attempt-1),
/// capped, times a jitter factor from `unitRandom` (a value in [0, 1)).
std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int attempt, double unitRandom);

/// Parses a Retry-After value: delta seconds ("2", "1.5") or an HTTP date, relative to `now`.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now);

/// Parses a reset header that holds a Unix time in seconds (Smartlead, Apollo) relative to `now`;
/// values that look like a delta (small numbers) are taken as seconds from now.
std::optional<std::chrono::milliseconds> parseResetTimestamp(const QByteArray& value, const QDateTime& now);

} // namespace agency
