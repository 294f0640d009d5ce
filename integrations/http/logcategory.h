#pragma once
// Logging category of the integrations layer.

#include <QLoggingCategory>

namespace agency {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
}
