#pragma once
// BulkEnrichPanel: the Bulk run view of the Enrichment page — a lead CSV enriched row by row. A person
// opens the file, sees how it was read (encoding, delimiter, the first rows) and how its columns map to
// a lookup (guessed, adjustable), reads the intake report (duplicates, invalid rows and why, rows the
// cache already has) and the cost estimate, confirms, and watches the run: progress, spend, rate and
// ETA, with Pause, Resume and Stop. Afterwards failed rows can be run again, rows left in doubt by a
// crash retried (they may be paid twice), and the results saved as CSV.
//
// Each run is journalled (BulkEnrichment) in the journal directory; a run that did not finish is offered
// for resuming the next time the view opens. The file is read into the journal in slices from the event
// loop (BulkIntake), so a 100 MB file never freezes the window.

#include "engine/bulkenrichment.h"
#include "engine/leadfile.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

namespace agency {

class BulkIntake;
class EnrichmentCache;
class MessageBanner;

class BulkEnrichPanel : public QWidget
{
    Q_OBJECT
public:
    /// Where runs' journals live by default: AppDataLocation/bulk-runs.
    static QString defaultJournalDirectory();

    /// `service` and `cache` (may be null) must outlive the panel. `journalDirectory` empty: the default.
    /// An unfinished run found there is offered for resuming.
    explicit BulkEnrichPanel(EnrichmentService& service, EnrichmentCache* cache,
                             const QString& journalDirectory = {}, QWidget* parent = nullptr);
    /// Stops a run still going: nothing more is sent for a panel that is gone (the journal keeps it).
    ~BulkEnrichPanel() override;

    /// Asked before a run that may spend money starts; false: nothing is sent. Unset: a message box.
    void setConfirmation(std::function<bool(const BulkEstimate&)> confirm) { m_confirm = std::move(confirm); }
    /// Asked before rows in doubt are asked again (they may be paid twice). Unset: a message box.
    void setInDoubtConfirmation(std::function<bool(qint64 rows)> confirm)
    {
        m_confirmInDoubt = std::move(confirm);
    }
    /// Lookups at a time (the run's default otherwise).
    void setParallel(int lookups);

    /// Reads `path`'s header and first rows, guesses the mapping and reads the file into a new journal.
    /// False when the file cannot be read as CSV (the reason is shown).
    bool openFile(const QString& path);
    /// Sets the column for `role` (-1: none); the report is made again.
    void setColumn(const QString& role, int column);
    LeadColumnMapping mapping() const { return m_mapping; }

    /// The run shown (null before a file is read or a journal resumed).
    BulkEnrichment* run() const { return m_run.get(); }
    /// True between openFile() and the end of its intake and estimate.
    bool isPreparing() const;
    bool isRunning() const;
    /// The estimate of the run shown; unset until it is made.
    std::optional<BulkEstimate> estimate() const { return m_estimate; }
    /// Writes the results; false (the reason shown) when they could not be written.
    bool saveResults(const QString& path);
    /// `<name>-enriched.csv` beside the input.
    QString defaultOutputPath() const;
    /// The journal of an unfinished run offered for resuming; empty when none is offered.
    QString offeredJournal() const { return m_offeredPath; }

    // What the panel shows, for tests and the screenshot.
    QString fileText() const;
    QString formatText() const; ///< the encoding and the delimiter
    QString mappingProblemText() const;
    QString reportText() const;
    QString estimateText() const;
    QString progressText() const;
    QString rateText() const;
    QString offerText() const;
    MessageBanner* banner() const { return m_banner; }
    QTableWidget* previewTable() const { return m_preview; }
    QComboBox* columnCombo(const QString& role) const;
    QListWidget* issuesList() const { return m_issues; }
    QProgressBar* progressBar() const { return m_progress; }
    QFrame* offerFrame() const { return m_offer; }
    QPushButton* openButton() const { return m_openButton; }
    QPushButton* startButton() const { return m_startButton; }
    QPushButton* pauseButton() const { return m_pauseButton; }
    QPushButton* resumeButton() const { return m_resumeButton; }
    QPushButton* stopButton() const { return m_stopButton; }
    QPushButton* retryFailedButton() const { return m_retryFailedButton; }
    QPushButton* retryInDoubtButton() const { return m_retryInDoubtButton; }
    QPushButton* saveButton() const { return m_saveButton; }
    QPushButton* importApifyButton() const { return m_importButton; }
    QPushButton* writeToSupabaseButton() const { return m_writeBackButton; }
    /// The results file saved last (empty until one is saved): what goes back to Supabase.
    QString savedResultsPath() const { return m_savedPath; }
    QPushButton* resumeOfferButton() const { return m_offerResume; }
    QPushButton* discardOfferButton() const { return m_offerDiscard; }

public Q_SLOTS:
    /// A file dialog, then openFile().
    void chooseFile();
    /// Asks for confirmation with the estimate (when money may be spent), then starts the run.
    void startRun();
    void pauseRun();
    void resumeRun();
    /// Cancels what is in flight at once; nothing more is sent.
    void stopRun();
    void retryFailed();
    /// Warns that these rows may be paid twice; on yes, asks them again.
    void retryInDoubt();
    /// A file dialog (beside the input), then saveResults().
    void chooseOutput();
    /// Takes the offered journal as the run shown and starts it again.
    void resumeOffered();
    /// Deletes the offered journal.
    void discardOffered();
    /// Looks in the journal directory for a run that did not finish, and offers it.
    void findUnfinishedRun();

Q_SIGNALS:
    /// The intake report and the estimate are shown (or the reason there is none).
    void prepared();
    void runStateChanged(agency::BulkEnrichment::State state);
    void runProgressed();
    /// "Import from Apify…": the window runs the import and opens the CSV it writes here.
    void apifyImportRequested();
    /// "Write to Supabase…" for the results saved at `csvPath`.
    void supabaseUpsertRequested(const QString& csvPath);

private:
    QWidget* buildFileSection();
    QWidget* buildReportSection();
    QWidget* buildRunSection();
    void addShortcuts();
    void closeRun(bool deleteJournalIfUnstarted);
    void prepare();
    void readSlice();
    void finishIntake();
    void showEstimate(const BulkEstimate& estimate);
    void adoptRun(std::shared_ptr<BulkEnrichment> run);
    void showProgress();
    void onStateChanged(BulkEnrichment::State state);
    void updateButtons();
    void showMappingCombos();
    bool confirmStart(const BulkEstimate& estimate);
    QString newJournalPath() const;

    EnrichmentService& m_service;
    EnrichmentCache* m_cache = nullptr;
    QString m_journalDir;
    std::function<bool(const BulkEstimate&)> m_confirm;
    std::function<bool(qint64)> m_confirmInDoubt;
    int m_parallel = 0;

    QString m_path; ///< the input file
    QStringList m_header;
    LeadColumnMapping m_mapping;
    std::shared_ptr<BulkEnrichment> m_run; ///< shared: an estimate still running keeps it alive
    std::unique_ptr<BulkIntake> m_intake;
    std::optional<BulkEstimate> m_estimate;
    quint64 m_generation = 0; ///< a new file or mapping: answers for the old one are dropped
    bool m_estimating = false;
    QString m_offeredPath;
    QString m_pauseMessage; ///< in the banner while the run is paused for it

    MessageBanner* m_banner = nullptr;
    QFrame* m_offer = nullptr;
    QLabel* m_offerText = nullptr;
    QPushButton* m_offerResume = nullptr;
    QPushButton* m_offerDiscard = nullptr;
    QPushButton* m_openButton = nullptr;
    QLabel* m_file = nullptr;
    QLabel* m_format = nullptr;
    QTableWidget* m_preview = nullptr;
    QList<QComboBox*> m_columnCombos; ///< in LeadFile::roles() order
    QLabel* m_mappingProblem = nullptr;
    QLabel* m_report = nullptr;
    QListWidget* m_issues = nullptr;
    QLabel* m_estimateLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_rate = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_resumeButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_retryFailedButton = nullptr;
    QPushButton* m_retryInDoubtButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_importButton = nullptr;
    QPushButton* m_writeBackButton = nullptr;
    QString m_savedPath;
    QTimer* m_intakeTimer = nullptr;
};

} // namespace agency
