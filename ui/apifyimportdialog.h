#pragma once
// ApifyImportDialog: Apify as a source for a bulk run. Name the Actor, write its JSON input (checked as
// you type: Run stays off while it is not a JSON object, and the note says where it goes wrong), choose
// where the CSV goes and the run's cost cap, then Run: the run's status and elapsed time show while it
// goes, Cancel aborts it on Apify, and at the end the dialog shows the item count, the CSV's path and
// the run's cost, and emits imported() for the bulk view to open the file.

#include "engine/apifyimport.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace agency {

class MessageBanner;

class ApifyImportDialog : public QDialog
{
    Q_OBJECT
public:
    ApifyImportDialog(ProviderHub& hub, ConsoleSettings& settings, QWidget* parent = nullptr);
    ~ApifyImportDialog() override;

    // Hooks for tests and the bulk view (no file dialog needed).
    void setActorId(const QString& actorId);
    void setInputText(const QString& json);
    void setOutputPath(const QString& path);
    void setMaxChargeUsd(const QString& amount);
    /// The engine, for its timing settings.
    ApifyImport& importer() { return m_import; }

    bool isRunning() const { return m_cancel.has_value(); }
    QString inputProblem() const;
    QString statusText() const;
    QString resultText() const;
    QString lastCsvPath() const { return m_lastCsv; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QProgressBar* progressBar() const { return m_progress; }
    MessageBanner* banner() const { return m_banner; }

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    /// The Actor's items are in this CSV, ready for a bulk run.
    void imported(const QString& csvPath);
    /// A run ended, whatever the outcome.
    void finished();

private:
    void validate();
    void browse();
    void setRunning(bool running);
    void finish(const Result<ApifyImportResult, QString>& result);
    QString defaultOutputPath() const;

    ApifyImport m_import;
    std::optional<CancelToken> m_cancel;
    QString m_lastCsv;

    QLineEdit* m_actor = nullptr;
    QPlainTextEdit* m_input = nullptr;
    QLabel* m_inputNote = nullptr;
    QLineEdit* m_output = nullptr;
    QLineEdit* m_cap = nullptr;
    QLabel* m_status = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancelButton = nullptr;
    MessageBanner* m_banner = nullptr;
};

} // namespace agency
