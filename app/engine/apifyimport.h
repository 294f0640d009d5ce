#pragma once
// ApifyImport: Apify as a source of bulk data. Runs a chosen Actor with JSON input, waits for it (with
// status and elapsed time; cancel aborts the run through the API), then pages through the run's default
// dataset and writes the items to a UTF-8 CSV the bulk run opens with LeadFile: nested objects become
// dotted column names ("company.location.city"), arrays stay JSON text, and the header is the union of
// the items' keys in first-seen order. Items go to a temporary JSON-lines file first and the CSV is
// written in a second pass, so memory stays bounded by one page and the header, whatever the size.
// The run's cost reaches the spend ledger the way the client reports it: the cap reserved at the
// start, then Apify's own usageTotalUsd read once the run has ended (reportRunCost).

#include "engine/consolesettings.h"
#include "engine/providerhub.h"
#include "integrations/apify/apifytypes.h"
#include "integrations/http/cancellation.h"

#include <QElapsedTimer>
#include <QObject>

#include <chrono>

namespace agency {

class ApifyClient;

struct ApifyImportRequest
{
    QString actorId;    ///< the Actor's id or "username~actor-name"
    QString input;      ///< the Actor input as JSON text, checked (parseInput) before anything is sent
    QString outputPath; ///< the CSV to write (replaced whole, or left alone on failure)
    std::optional<Money> maxTotalCharge; ///< the run's cap in USD; unset: the client's default
    qint64 pageSize = 1000;              ///< dataset items per request
};

struct ApifyImportResult
{
    QString runId;
    ApifyRunStatus status = ApifyRunStatus::Succeeded;
    qint64 items = 0;   ///< rows written to the CSV
    QStringList header; ///< the CSV's columns
    QString csvPath;
    std::optional<Money> cost; ///< Apify's usageTotalUsd for the run, when it could be read
    QString costNote;          ///< why the cost is missing, when it is
};

class ApifyImport : public QObject
{
    Q_OBJECT
public:
    ApifyImport(ProviderHub& hub, ConsoleSettings& settings, QObject* parent = nullptr);

    /// The Actor input: must be a JSON object. The error says where the text goes wrong
    /// ("line 3, column 7: missing comma") or what it is instead of an object.
    static Result<QJsonObject, QString> parseInput(const QString& text);
    /// Empty when `actorId` looks like an Actor id ("username~name", "username/name" or an id).
    static QString actorIdProblem(const QString& actorId);
    /// One item flattened to column → text: nested objects dotted, arrays as compact JSON, null empty.
    static QList<QPair<QString, QString>> flatten(const QJsonObject& item);

    /// Use this profile rather than the active one.
    void setProfile(std::optional<Profile> profile) { m_profile = profile; }
    /// Each status read holds up to this long on the server (waitForFinish, 0–60 s); Cancel is seen
    /// between reads. 0 polls every pollInterval instead.
    void setPollWait(std::chrono::seconds wait) { m_pollWait = wait; }
    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }
    /// How long after the run's end its cost is read (Apify's first figures may be preliminary).
    void setCostSettleDelay(std::chrono::milliseconds delay) { m_costDelay = delay; }

    /// Runs the Actor and writes its items. Fails with a sentence naming Apify: a refused input, a run
    /// that FAILED / ABORTED / TIMED-OUT (with Apify's status message), a dataset that cannot be read,
    /// or "cancelled" — after aborting the run.
    QCoro::Task<Result<ApifyImportResult, QString>> run(ApifyImportRequest request, CancelToken cancel = {});

Q_SIGNALS:
    /// The run's status as Apify last reported it, its status message, and the time since the start.
    void statusChanged(const QString& status, const QString& message, qint64 elapsedMs);
    /// Dataset items read so far, out of the dataset's total.
    void itemsRead(qint64 read, qint64 total);

private:
    /// Reads the finished run's cost once, `delay` from now, which also reports it to the ledger.
    QCoro::Task<std::optional<Money>> readCost(ApifyClient* client, QString runId,
                                               std::chrono::milliseconds delay, QString* note);
    /// Pages through the run's dataset into the CSV (two passes through a temporary file).
    QCoro::Task<Result<ApifyImportResult, QString>> readItems(ApifyClient* client, ApifyRun run,
                                                              ApifyImportRequest request, CancelToken cancel);
    void report(const ApifyRun& run);

    ProviderHub& m_hub;
    ConsoleSettings& m_settings;
    std::optional<Profile> m_profile;
    std::chrono::seconds m_pollWait{5};
    std::chrono::milliseconds m_pollInterval{1000};
    std::chrono::milliseconds m_costDelay{10'000};
    QElapsedTimer m_clock;
};

} // namespace agency
