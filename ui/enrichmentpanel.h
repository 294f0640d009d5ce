#pragma once
// EnrichmentPanel: look up one lead during a call — a person by email, by name and company domain
// or by LinkedIn profile, or a company by domain — and see what was found, where each field came
// from, what it cost and why the lookup stopped. The lookup runs as a coroutine and never blocks the
// window; Stop cancels it. This session's lookups stay in a list and are shown again without a new
// call. (Bulk CSV runs are a separate view.)

#include "engine/campaigntypes.h"
#include "engine/enrichmentservice.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableView;

namespace agency {

class ConsoleSettings;
class EnrichRawDialog;
class EnrichResultModel;
class MessageBanner;

class EnrichmentPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxHistory = 50;

    /// `service` must outlive the panel; `settings` (may be null) shows which profile lookups use.
    explicit EnrichmentPanel(EnrichmentService& service, ConsoleSettings* settings = nullptr,
                             QWidget* parent = nullptr);
    /// Cancels a lookup still running, so nothing more is spent for a panel that is gone.
    ~EnrichmentPanel() override;

    /// The request the form describes (not yet checked).
    LookupRequest request() const;
    void setKind(LookupKind kind);
    bool isRunning() const { return m_cancel.has_value(); }

    // What the panel shows, for tests and the screenshot.
    EnrichResultModel* resultModel() const { return m_model; }
    QString problemText() const;
    QString statusText() const;
    QString costText() const;
    QString triedText() const;
    MessageBanner* banner() const { return m_banner; }
    QListWidget* historyList() const { return m_history; }
    QTableView* resultTable() const { return m_table; }
    QComboBox* kindCombo() const { return m_kind; }
    QLineEdit* emailEdit() const { return m_email; }
    QLineEdit* firstNameEdit() const { return m_firstName; }
    QLineEdit* lastNameEdit() const { return m_lastName; }
    QLineEdit* domainEdit() const { return m_domain; }
    QLineEdit* linkedinEdit() const { return m_linkedin; }
    QCheckBox* requiredCheckBox(EnrichField field) const;
    QCheckBox* metricsCheckBox() const { return m_metrics; }
    QPushButton* lookUpButton() const { return m_lookUpButton; }
    QPushButton* stopButton() const { return m_stopButton; }
    QPushButton* rawButton() const { return m_rawButton; }
    QPushButton* copyButton() const { return m_copyButton; }
    QPushButton* copyCsvButton() const { return m_copyCsvButton; }
    QPushButton* sendToCampaignButton() const { return m_sendToCampaignButton; }

public Q_SLOTS:
    /// Checks the form; when it is sound, starts the lookup (one at a time).
    void lookUp();
    /// Cancels the running lookup; what was found before it is still shown.
    void stop();
    /// Opens the shown result's raw provider answers (non-modal); null when there are none.
    EnrichRawDialog* showRawResponse();
    /// The shown result as "Field: value" lines, on the clipboard.
    void copyFields();
    /// The shown result as one CSV row (columns as enrichfields::csvHeader()), on the clipboard.
    void copyCsvRow();
    /// Shows history row `row` again (0 = the latest); nothing is sent.
    void showHistoryEntry(int row);

Q_SIGNALS:
    /// A lookup has ended and its outcome (or the reason it could not start) is shown.
    void lookupFinished();
    /// "Send to campaign": the result shown, as a campaign recipient (its fields by their keys).
    void sendToCampaignRequested(const QList<agency::RecipientFields>& recipients, const QString& source);

private:
    struct Entry
    {
        QString subject; ///< "jane@acme.com.au", "Jane Doe at acme.com"
        LookupOutcome outcome;
        QDateTime at;
    };

    QWidget* buildForm();
    QWidget* buildResult();
    void updateKindRows();
    void updateProfileLabel();
    void setRunning(bool running);
    void finish(const QString& subject, const Result<LookupOutcome, QString>& outcome);
    void showEntry(const Entry& entry, bool fromHistory);
    void showProblem(const QString& problem);
    /// The field to fix when `request` has a problem.
    QLineEdit* inputFor(const LookupRequest& request) const;
    QString subjectOf(const LookupRequest& request) const;
    QString summaryOf(const LookupOutcome& outcome) const;

    EnrichmentService& m_service;
    ConsoleSettings* m_settings = nullptr;
    std::optional<CancelToken> m_cancel; ///< set while a lookup runs
    QList<Entry> m_entries;              ///< this session's lookups, most recent first
    QString m_shownSubject;

    QLabel* m_profileLabel = nullptr;
    MessageBanner* m_banner = nullptr;
    QComboBox* m_kind = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_email = nullptr;
    QLineEdit* m_firstName = nullptr;
    QLineEdit* m_lastName = nullptr;
    QLineEdit* m_domain = nullptr;
    QLineEdit* m_linkedin = nullptr;
    QWidget* m_requiredRow = nullptr;
    QCheckBox* m_requireEmail = nullptr;
    QCheckBox* m_requirePhone = nullptr;
    QCheckBox* m_requireTitle = nullptr;
    QCheckBox* m_requireCompany = nullptr;
    QCheckBox* m_metrics = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_lookUpButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QListWidget* m_history = nullptr;

    QLabel* m_subject = nullptr;
    QProgressBar* m_busy = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_cost = nullptr;
    QLabel* m_tried = nullptr;
    QLabel* m_when = nullptr;
    EnrichResultModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QPushButton* m_rawButton = nullptr;
    QPushButton* m_copyButton = nullptr;
    QPushButton* m_copyCsvButton = nullptr;
    QPushButton* m_sendToCampaignButton = nullptr;
};

} // namespace agency
