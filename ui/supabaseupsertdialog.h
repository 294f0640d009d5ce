#pragma once
// SupabaseUpsertDialog: sends an enriched CSV back to the agency's Supabase table. Pick the file and
// the table, check the column mapping (guessed by name) and the on_conflict key, run a dry run to see
// how many rows would be inserted, updated or skipped — nothing is written — and only then Upsert,
// with progress and Cancel. A failed batch shows Supabase's message in the banner; Continue picks the
// run up at that batch without sending earlier rows again.

#include "engine/leadupsert.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace agency {

class MessageBanner;

class SupabaseUpsertDialog : public QDialog
{
    Q_OBJECT
public:
    SupabaseUpsertDialog(ProviderHub& hub, ConsoleSettings& settings, QWidget* parent = nullptr);
    ~SupabaseUpsertDialog() override;

    // Hooks for tests and for the bulk view (no file dialog needed).
    /// Reads the CSV's header and fills the mapping rows.
    void setCsvPath(const QString& path);
    void setTable(const QString& table);
    /// The table's columns, for the mapping combos (Load columns reads them from Supabase).
    void setTableColumns(const QStringList& columns);
    /// Maps one CSV column ("" leaves it out).
    void setMapping(const QString& csvColumn, const QString& tableColumn);
    void setOnConflict(const QStringList& columns);
    void setIncludeUnenriched(bool include);
    void setBatchSize(int rows) { m_batchSize = rows; }

    /// The plan the form describes.
    LeadUpsertPlan plan() const;
    bool isBusy() const { return m_cancel.has_value(); }
    /// Requests a failed or cancelled run got through; Upsert continues after them.
    int resumeAfter() const { return m_resumeAfter; }

    QPushButton* loadColumnsButton() const { return m_loadColumns; }
    QPushButton* dryRunButton() const { return m_dryRun; }
    QPushButton* upsertButton() const { return m_upsert; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QTableWidget* mappingTable() const { return m_mapping; }
    QListWidget* skipList() const { return m_skips; }
    QProgressBar* progressBar() const { return m_progress; }
    MessageBanner* banner() const { return m_banner; }
    QString countsText() const;
    QString statusText() const;

public Q_SLOTS:
    void loadColumns();
    void dryRun();
    void upsert();
    void cancel();

Q_SIGNALS:
    void columnsLoaded();
    void dryRunFinished();
    void upsertFinished();

private:
    void browse();
    void planChanged();
    void setBusy(bool busy);
    void showError(const QString& message);
    void applyGuess();
    void finishDryRun(const Result<LeadUpsertCounts, QString>& counts);
    void finishUpsert(const LeadUpsertOutcome& outcome);
    QComboBox* comboFor(int row) const;

    LeadUpsert m_engine;
    QStringList m_header;
    QStringList m_tableColumns;
    int m_batchSize = 500;
    std::optional<CancelToken> m_cancel;
    std::optional<LeadUpsertCounts> m_counts; ///< the dry run of the plan as it is now
    int m_resumeAfter = 0;
    qint64 m_writtenSoFar = 0;
    bool m_filling = false; ///< the form is being filled by code: not a change of plan

    QLineEdit* m_csvPath = nullptr;
    QComboBox* m_table = nullptr;
    QPushButton* m_loadColumns = nullptr;
    QTableWidget* m_mapping = nullptr;
    QLineEdit* m_onConflict = nullptr;
    QCheckBox* m_includeUnenriched = nullptr;
    QCheckBox* m_emptyAsNull = nullptr;
    QLabel* m_countsLabel = nullptr;
    QListWidget* m_skips = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_dryRun = nullptr;
    QPushButton* m_upsert = nullptr;
    QPushButton* m_cancelButton = nullptr;
    MessageBanner* m_banner = nullptr;
};

} // namespace agency
