#include "redislogcategory.h"

namespace agency {
Q_LOGGING_CATEGORY(lcRedis, "agency.redis", QtInfoMsg)
}
