#include "logcategories.h"

namespace agency {
Q_LOGGING_CATEGORY(lcApp, "agency.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVault, "agency.vault", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "agency.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "agency.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSpend, "agency.spend", QtInfoMsg)
} // namespace agency
