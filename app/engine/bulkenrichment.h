#pragma once
// BulkEnrichment: a run over many leads, journalled row by row in its own SQLite file so a crash or
// a quit loses nothing — reopening the journal resumes where it stopped, and rows already answered
// are never looked up (or paid for) again. Pause, resume and stop (which cancels what is in flight
// at once); a budget or rate refusal pauses the run and says why; failed rows can be run again.
// The output is a CSV: the original columns, the enriched ones, and per row its source, cost and error.

#include "engine/enrichmentservice.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>

namespace agency {

struct BulkRow
{
    qint64 row = 0; ///< the row a spreadsheet shows (the header is row 1)
    LookupRequest request;
    QStringList original; ///< the input's own fields, copied to the output
    QString skipReason;   ///< set: not looked up (an invalid row, a duplicate), and this says why
};

struct BulkProgress
{
    qint64 total = 0;
    qint64 done = 0;    ///< answered (found or not)
    qint64 failed = 0;  ///< a provider error; can be run again
    qint64 cached = 0;  ///< answered from the cache, at no cost
    qint64 skipped = 0; ///< invalid or duplicate input rows (not counted in total)
    qint64 inDoubt = 0; ///< in flight when the console stopped, and not in the cache: maybe paid for
    Money spent = Money::aud(0);
    double rowsPerMinute = 0;
    std::optional<std::chrono::seconds> eta;
    qint64 pending() const { return total - done - failed - inDoubt; }
};

struct BulkEstimate
{
    qint64 rows = 0;
    qint64 alreadyCached = 0;
    Money worstCase = Money::aud(0); ///< every uncached row pays every provider in the waterfall
    Money expected = Money::aud(0);  ///< at the hit rates seen so far
};

class BulkEnrichment : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Running,
        Paused,
        Stopped,
        Finished,
    };
    Q_ENUM(State)

    /// Opens (or creates) the journal at `journalPath`. A journal left by a crash resumes: a row that
    /// was in flight is answered from the cache when the provider's answer reached it, and is otherwise
    /// put "in doubt" — never silently asked (and paid for) again; retryInDoubt() is the user's call.
    static Result<std::unique_ptr<BulkEnrichment>, QString> open(const QString& journalPath,
                                                                 EnrichmentService& service);
    ~BulkEnrichment() override;

    /// Adds rows to a new journal (all in one transaction). `header` names the original columns.
    Result<Done, QString> load(const QStringList& header, const QList<BulkRow>& rows);
    /// More rows for a journal that was loaded (a large file goes in batches).
    Result<Done, QString> append(const QList<BulkRow>& rows);
    bool isLoaded() const;
    /// Notes kept with the journal (the input file, the mapping, whether the run was started): a window that
    /// finds the journal later can say what it was. "header" is the run's own.
    QString note(const QString& name) const;
    Result<Done, QString> setNote(const QString& name, const QString& value);
    QString journalPath() const { return m_db.databaseName(); }

    /// What the run would cost: worst case and expected, counting rows the cache already has as free.
    QCoro::Task<BulkEstimate> estimate(EnrichmentCache* cache, Money apolloWorst, Money clayWorst,
                                       double apolloHitRate = 0.7);

    void setParallel(int lookups) { m_parallel = qMax(1, lookups); }
    State state() const { return m_state; }
    BulkProgress progress() const;
    QString pauseReason() const { return m_pauseReason; }

public Q_SLOTS:
    void start();
    void pause();
    void resume() { start(); }
    /// Cancels every lookup in flight now; nothing more is sent. Those rows stay pending.
    void stop();
    /// Puts failed rows back to pending (start() runs them).
    void retryFailed();
    /// Puts rows in doubt back to pending: they will be asked (and perhaps paid for) again.
    void retryInDoubt();

public:
    /// Writes the output CSV from the journal, in row order.
    Result<qint64, QString> writeOutput(const QString& path);

Q_SIGNALS:
    void progressed(const agency::BulkProgress& progress);
    void stateChanged(agency::BulkEnrichment::State state);
    void rowFinished(qint64 row);

private:
    BulkEnrichment(QSqlDatabase db, QString connection, EnrichmentService& service);
    void pump();
    QCoro::Task<> settleInterrupted();
    QCoro::Task<> runRow(qint64 row, LookupRequest request);
    void setState(State state);
    void recount();

    QSqlDatabase m_db;
    QString m_connection;
    EnrichmentService& m_service;
    State m_state = State::Idle;
    QString m_pauseReason;
    int m_parallel = 4;
    int m_inFlight = 0;
    CancelToken m_cancel;
    BulkProgress m_progress;
    QElapsedTimer m_clock;
    qint64 m_doneAtStart = 0;
    qint64 m_lastStarted = -1; ///< rows start in order; the cursor keeps one row from starting twice
};

} // namespace agency
