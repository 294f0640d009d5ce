#pragma once
// Request and result values of the Apify client (shared/providers/apify.md, contracts/specs/apify.yaml).

#include "model/costevent.h"
#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace agency {

/// ActorJobStatus: READY, RUNNING, TIMING-OUT and ABORTING are in progress; the rest are final.
enum class ApifyRunStatus
{
    Ready,
    Running,
    TimingOut,
    Aborting,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
};

QString apifyRunStatusName(ApifyRunStatus status); ///< "TIMING-OUT", as the API spells it
std::optional<ApifyRunStatus> apifyRunStatusFromName(QStringView name);
bool isFinal(ApifyRunStatus status);

/// Run options shared by the asynchronous and the synchronous start (query parameters).
struct ApifyRunOptions
{
    std::optional<int> timeoutSecs;
    std::optional<int> memoryMbytes; ///< a power of 2, at least 128
    std::optional<int> maxItems;     ///< cap on billed dataset items (pay-per-result Actors)
    /// Cap on the run's total charge, in USD. It is also what the budget reserves; when absent the
    /// client's default cap is sent, so that every run has a worst case.
    std::optional<Money> maxTotalCharge;
    std::optional<bool> restartOnError;
    QString build; ///< build tag or number; empty = the Actor's default
};

struct ApifyStartRunRequest
{
    QString actorId; ///< "username~actor-name" (a '/' is turned into '~') or the Actor's id
    QJsonObject input;
    ApifyRunOptions options;
    int waitForFinishSecs = 0; ///< 0–60: the server holds the answer up to this long
};

/// Which slice of a dataset to read (format json; the item shape is the Actor's own).
struct ApifyItemsQuery
{
    qint64 offset = 0;
    qint64 limit = 1000; ///< page size; Apify has no default limit, so the client always sends one
    QStringList fields;  ///< also fixes the field order
    QStringList omit;
    bool clean = false; ///< skips empty items and hidden "#" fields
    bool desc = false;
};

struct ApifyDatasetItemsRequest
{
    QString datasetId; ///< usually the run's defaultDatasetId
    ApifyItemsQuery query;
};

struct ApifyRunSyncRequest
{
    QString actorId;
    QJsonObject input;
    ApifyRunOptions options;
    ApifyItemsQuery items;
};

/// One page of dataset items and the X-Apify-Pagination-* headers that came with it.
struct ApifyItemsPage
{
    QList<QJsonObject> items;
    qint64 offset = 0;
    std::optional<qint64> limit;
    qint64 count = 0;
    qint64 total = 0;
    std::optional<CostEvent> cost; ///< run-sync only: what the run may have cost (estimated)

    bool hasMore() const { return offset + count < total; }
};

struct ApifyRun
{
    QString id;
    QString actId;
    ApifyRunStatus status = ApifyRunStatus::Ready;
    QString statusMessage;
    QDateTime startedAt;
    QDateTime finishedAt; ///< null while the run is in progress
    QString buildNumber;
    QString defaultDatasetId;
    QString defaultKeyValueStoreId;
    std::optional<double> runTimeSecs;
    std::optional<double> computeUnits;
    std::optional<int> timeoutSecs;
    std::optional<int> memoryMbytes;
    std::optional<qint64> maxItems;
    std::optional<Money> maxTotalCharge;
    /// What the run costs the account, in USD (usageTotalUsd). May be preliminary right after the
    /// run finished: read it again about 10 s later for the final figure.
    std::optional<Money> usageTotal;
    QMap<QString, qint64> chargedEventCounts; ///< pay-per-event Actors
    QString pricingModel;                     ///< PAY_PER_EVENT, PRICE_PER_DATASET_ITEM, FREE, …
    QUrl location;                            ///< the run's URL (Location header), on start only
    std::optional<CostEvent> cost;            ///< set by startRun and reportRunCost
    QJsonObject raw;                          ///< the provider's run object, on demand

    bool isFinished() const { return isFinal(status); }
};

} // namespace agency
