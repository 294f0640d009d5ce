#include "retrytiming.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace agency {

std::chrono::milliseconds backoffDelay(const RetryPolicy& policy, int attempt, double unitRandom)
{
    const double base = double(policy.initialBackoff.count()) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(base, double(policy.maxBackoff.count()));
    const double factor = 1.0 + policy.jitter * (2.0 * std::clamp(unitRandom, 0.0, 1.0) - 1.0);
    const double jittered =
        std::clamp(capped * factor, double(policy.initialBackoff.count()), double(policy.maxBackoff.count()));
    return std::chrono::milliseconds(std::llround(jittered));
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = trimmed.toDouble(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional(std::chrono::milliseconds(std::llround(seconds * 1000.0)));
    // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT"
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}

std::optional<std::chrono::milliseconds> parseResetTimestamp(const QByteArray& value, const QDateTime& now)
{
    bool ok = false;
    const double number = value.trimmed().toDouble(&ok);
    if (!ok || number < 0)
        return std::nullopt;
    // Below a year's worth of seconds it is a delta, not a point in time.
    if (number < 365.0 * 24 * 3600)
        return std::chrono::milliseconds(std::llround(number * 1000.0));
    const qint64 whenMs = std::llround(number * 1000.0);
    return std::chrono::milliseconds(std::max<qint64>(0, whenMs - now.toMSecsSinceEpoch()));
}

} // namespace agency
