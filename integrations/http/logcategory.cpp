#include "logcategory.h"

namespace agency {
Q_LOGGING_CATEGORY(lcHttp, "agency.http", QtInfoMsg)
}
