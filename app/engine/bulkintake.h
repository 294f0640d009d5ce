#pragma once
// BulkIntake: reads a lead CSV into a bulk run's journal — every row, with its own fields beside the lookup
// it implies, invalid rows and duplicates journalled as skipped with the reason — in slices. step() reads a
// few thousand rows and returns, so a window can run the intake from its event loop without freezing on a
// 100 MB file, and reports the bytes read so far; the command line simply calls it until it is done.
//
// bulkUnitCosts() / estimateBulkRun(): the prices a run's estimate is made from (Apollo's unit cost from
// the catalogue, Clay's worst case per credit × credits per item from the settings), in one place for the
// command line and the window.

#include "engine/bulkenrichment.h"
#include "engine/leadfile.h"

#include <QFile>

#include <memory>
#include <optional>

namespace agency {

class BulkIntake
{
public:
    /// Opens `path` and prepares `run` (a new journal: its header is written now). Fails when the file cannot
    /// be opened or read as CSV, when the mapping has a problem, or when the journal already has rows.
    /// `run` must outlive the intake.
    static Result<std::unique_ptr<BulkIntake>, QString> open(const QString& path, BulkEnrichment& run,
                                                             LeadFileOptions options = {});

    /// Reads up to `maxRows` rows into the journal. True while rows remain; false once the file is read
    /// (report() is complete). A failure only when the journal cannot be written.
    Result<bool, QString> step(qint64 maxRows = 5000);
    /// step() until the end: for callers that may block (the command line).
    Result<LeadIntakeReport, QString> readAll();

    bool atEnd() const { return m_atEnd; }
    qint64 bytesRead() const;
    qint64 totalBytes() const; ///< the file's size
    /// The tallies so far (complete once atEnd()).
    const LeadIntakeReport& report() const { return m_file->report(); }
    QString path() const { return m_path; }

private:
    BulkIntake(QString path, std::unique_ptr<QFile> device, LeadFile file, BulkEnrichment& run);

    QString m_path;
    std::unique_ptr<QFile> m_device; ///< the lead file reads from it: its address must not change
    std::optional<LeadFile> m_file;
    BulkEnrichment& m_run;
    bool m_atEnd = false;
};

struct BulkUnitCosts
{
    Money apollo = Money::aud(0); ///< per lookup
    Money clay = Money::aud(0);   ///< per item, at the worst case per credit
};

/// What one lookup can cost at worst with these settings (Clay counted whether or not it is used: the
/// estimate decides that from the settings of the run's service).
BulkUnitCosts bulkUnitCosts(const EnrichmentSettings& settings);
/// The run's estimate at bulkUnitCosts() of its service's settings, counting rows `cache` has as free.
QCoro::Task<BulkEstimate> estimateBulkRun(BulkEnrichment& run, EnrichmentService& service,
                                          EnrichmentCache* cache);

} // namespace agency
