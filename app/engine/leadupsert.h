#pragma once
// LeadUpsert: puts the rows of an enriched CSV back into the agency's Supabase table, so the team's
// lead list stays the single source of truth. A mapping says which CSV column fills which table column
// (guessed by name, adjustable) and on_conflict names the key. A dry run first counts, without writing
// anything, how many rows would be inserted and how many would update an existing row (the keys are
// looked up with in.(…) selects in batches) and which rows are skipped and why; then the upsert writes
// in batches with Prefer: resolution=merge-duplicates. A failed batch stops the run with Supabase's
// message and the batch's rows; what was written before it is reported, and the run continues from the
// failed batch (upsert(plan, outcome.requestsDone)) without sending any earlier batch again.
//
// Rows skipped: no value in a key column; a key an earlier row already had (PostgREST cannot update
// one row twice in one statement); and, unless includeUnenriched, rows the bulk run did not enrich
// (its enrichment_state column says anything but "done": failed, skipped, in doubt, not run).
// Empty cells are left out of the row by default, so an upsert never blanks a value the table has;
// rows with the same non-empty columns go in one request (PostgREST needs the same keys per request).

#include "engine/consolesettings.h"
#include "engine/providerhub.h"
#include "integrations/http/cancellation.h"

#include <QMap>
#include <QObject>

namespace agency {

struct LeadUpsertPlan
{
    QString csvPath;
    QString table;
    QMap<QString, QString> mapping; ///< CSV column → table column; CSV columns not in it are not sent
    QStringList onConflict;         ///< the table's unique column(s); each must be mapped
    bool includeUnenriched = false; ///< also rows whose enrichment_state is not "done"
    bool emptyAsNull = false;       ///< send empty cells as null (overwrites) instead of leaving them out
    int batchSize = 500;            ///< rows per upsert window
    int lookupBatch = 100;          ///< keys per in.(…) select in the dry run (keeps URLs short)
};

struct LeadUpsertSkip
{
    qint64 row = 0; ///< as a spreadsheet shows it (the header is row 1)
    QString reason; ///< names the row
};

struct LeadUpsertCounts
{
    qint64 rows = 0;     ///< data rows read
    qint64 toInsert = 0; ///< no row in the table has its key
    qint64 toUpdate = 0; ///< would update the existing row with its key
    qint64 skipped = 0;
    QList<LeadUpsertSkip> skips; ///< the first 1,000; `skipped` is always exact
    qint64 toWrite() const { return toInsert + toUpdate; }
};

struct LeadUpsertFailure
{
    int request = 0; ///< 1-based: the upsert request that failed
    qint64 firstRow = 0;
    qint64 lastRow = 0;
    qint64 rows = 0; ///< rows in the failed request
    QString message; ///< names Supabase and the rows, with PostgREST's own message
};

struct LeadUpsertOutcome
{
    qint64 written = 0; ///< rows written by this call
    qint64 skipped = 0;
    /// Requests sent successfully so far, counting those a resumed run passed over: give it back to
    /// upsert() to continue after a failure or a cancel.
    int requestsDone = 0;
    std::optional<LeadUpsertFailure> failure;
    QString error; ///< a failure before any batch (the file, the plan, the client)
    bool cancelled = false;
    bool complete() const { return !failure && error.isEmpty() && !cancelled; }
};

class LeadUpsert : public QObject
{
    Q_OBJECT
public:
    LeadUpsert(ProviderHub& hub, ConsoleSettings& settings, QObject* parent = nullptr);

    /// The CSV's columns.
    static Result<QStringList, QString> readHeader(const QString& csvPath);
    /// CSV column → table column by name (case, spaces and '-' ignored); an enriched_<name> column is
    /// preferred to <name>, since it holds what the bulk run found. Source/cost/state columns never map.
    static QMap<QString, QString> guessMapping(const QStringList& csvHeader, const QStringList& tableColumns);
    /// Empty when the plan can run; else what is wrong with it.
    static QString planProblem(const LeadUpsertPlan& plan);

    void setProfile(std::optional<Profile> profile) { m_profile = profile; }

    /// The table's columns, from one row of it (an empty table gives none: type the names).
    QCoro::Task<Result<QStringList, QString>> tableColumns(QString table);
    /// Counts what upsert() would do, writing nothing.
    QCoro::Task<Result<LeadUpsertCounts, QString>> dryRun(LeadUpsertPlan plan, CancelToken cancel = {});
    /// Writes the rows; `resumeAfter` requests (from an earlier outcome) are not sent again.
    /// Cancel is seen between requests: a request in flight completes and is counted.
    QCoro::Task<LeadUpsertOutcome> upsert(LeadUpsertPlan plan, int resumeAfter = 0, CancelToken cancel = {});

Q_SIGNALS:
    /// Rows checked (dry run) or written (upsert) so far, and how far through the file.
    void progressed(qint64 rows, qint64 bytesRead, qint64 bytesTotal);

private:
    ProviderHub& m_hub;
    ConsoleSettings& m_settings;
    std::optional<Profile> m_profile;
};

} // namespace agency
