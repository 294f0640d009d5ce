#pragma once
// Clay request and result values: a row for a table's webhook, a routine run and its results, and a
// search of Clay's people / company database. Field names follow contracts/specs/clay.json (Public API
// v0); routine results and search records are Clay-defined, so `result` / `raw` keep them whole.

#include "model/costevent.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace agency {

/// One row for a Clay table's webhook: each key becomes a column of the table.
struct ClayRow
{
    QString leadId; ///< "lead_id": the console's key, to pair the enriched row with its lead later
    QString email;
    QString domain;
    QString firstName;
    QString lastName;
    QString fullName;
    QString companyName;
    QString linkedinUrl;
    QMap<QString, QString> extra; ///< more columns, by their name in the table
};

struct ClaySubmitOptions
{
    /// Credits the table's enrichment columns spend per row. Configured in Clay; the console cannot
    /// see it, so the caller says (1 by default).
    qint64 creditsPerRow = 1;
    /// Rows this webhook has already taken (the ledger knows): a webhook takes 50,000 in its lifetime.
    std::optional<qint64> submissionsSoFar;
};

/// A row Clay accepted. Enrichment runs afterwards inside Clay: the answer holds no enriched data.
struct ClaySubmission
{
    int httpStatus = 0;
    QString leadId;
    std::optional<qint64> submissionsLeft; ///< when submissionsSoFar was given
    std::optional<CostEvent> cost;
};

/// One item of a routine run: `id` is the console's key, `inputs` must match the routine's inputs.
struct ClayRoutineItem
{
    QString id;
    QVariantMap inputs;
};

struct ClayRoutineRunStarted
{
    QString routineRunId;
    QString status; ///< "in_progress"
    std::optional<CostEvent> cost;
};

struct ClayRoutineItemResult
{
    QString id;
    bool complete = false; ///< "complete"; otherwise "failed" with errorMessage
    QJsonObject result;    ///< shaped by the routine
    QString errorMessage;

    /// A text field of the result ("email", "job_title"…); numbers are written out; empty when absent.
    QString text(const QString& key) const;
};

struct ClayRoutineResults
{
    QString routineRunId;
    QString status;                     ///< "in_progress" or "complete"
    qint64 total = 0;                   ///< items in the run
    qint64 finished = 0;                ///< items done so far
    QList<ClayRoutineItemResult> items; ///< this page (only once the run is complete)
    QString nextCursor;                 ///< empty on the last page

    bool isComplete() const { return status == u"complete"; }
};

enum class ClaySearchSource
{
    People,
    Companies,
};

/// The search quota of the current period, as search runs report it.
struct ClayPeriodQuota
{
    double limit = 0;
    double used = 0;
    double remaining = 0;
    QString resetsAt;
};

struct ClayPersonHit
{
    QString clayProfileId;
    QString name;
    QString firstName;
    QString lastName;
    QString locationName;
    QString city;
    QString stateOrProvince;
    QJsonObject raw; ///< also matched_experiences[], whose shape is Clay's
};

struct ClayCompanyHit
{
    QString clayCompanyId;
    QString name;
    QString domain;
    QString size;
    QString type;
    QString country;
    QString industry;
    QString location;
    QString linkedinUrl;
    QString description;
    QString annualRevenue;
    QString totalFundingRangeUsd;
    QJsonObject raw;
};

struct ClaySearchPage
{
    QList<ClayPersonHit> people;
    QList<ClayCompanyHit> companies;
    bool hasMore = false;
    std::optional<ClayPeriodQuota> quota;
};

} // namespace agency
