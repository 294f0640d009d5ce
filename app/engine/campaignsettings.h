#pragma once
// A campaign's settings as JSON and its recipients from a CSV file: what a campaign file holds and
// what the Campaigns panel keeps with a campaign, read and checked in one place.

#include "engine/campaignrunner.h"
#include "engine/campaigntypes.h"
#include "model/result.h"

#include <QJsonObject>

namespace agency {

/// The throttles from {"daily_cap", "window": {"from": "09:00", "to": "17:00"}, "time_zone",
/// "cap_time_zone", "min_gap_ms", "breaker_window", "breaker_threshold"}; a wrong value is named.
Result<CampaignThrottles, QString> throttlesFromJson(const QJsonObject& object);
QJsonObject throttlesJson(const CampaignThrottles& throttles);

/// A recipient CSV: one recipient per row, fields named by the header (trimmed, lower case, spaces as
/// underscores, so "First Name" is first_name). The reader's own words name a malformed row.
Result<QList<RecipientFields>, QString> readRecipientCsv(const QString& path);

} // namespace agency
