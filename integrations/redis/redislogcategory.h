#pragma once
// Logging category of the Redis client.

#include <QLoggingCategory>

namespace agency {
Q_DECLARE_LOGGING_CATEGORY(lcRedis)
}
