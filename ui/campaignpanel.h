#pragma once
// CampaignPanel: the Campaigns page — a hand-run campaign from set-up to results. A person picks the
// channel and sender, loads recipients (a CSV, enrichment results), writes the message with merge
// fields and sets the throttles (Set up); sees the exact request each recipient's message leaves in,
// the estimate of cost and time checked against the spend limits, and sends a test to themself
// (Preview); then starts, pauses, resumes or cancels the run and follows it: progress, rate, ETA,
// cost, why it waits, and every item's outcome — filtered, exported as CSV, failed ones run again,
// unknown ones decided by a person (Run).
//
// Everything goes through the engine: CampaignAudience holds back invalid, duplicate, suppressed and
// recently contacted recipients; CampaignRunner journals each send before and after it; the estimate
// is campaignestimate.h's, the same as the command line's dry run.

#include "engine/campaignaudience.h"
#include "engine/campaignestimate.h"
#include "engine/campaignjournal.h"
#include "engine/campaignpersonaliser.h"
#include "engine/campaignrunner.h"
#include "engine/suppressionlist.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QGroupBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTableWidget;
class QTimeEdit;
class QTimer;

namespace agency {

class CampaignItemsFilter;
class CampaignItemsModel;
class CampaignSenderForm;
class ConsoleSettings;
class Ledger;
class MessageBanner;
class ProviderHub;
class SpendGuard;
class SupabaseRecipientsDialog;
class SuppressionsDialog;

class CampaignPanel : public QWidget
{
    Q_OBJECT
public:
    /// `guard` and `ledger` may be null (spend not tracked: the estimate says so).
    CampaignPanel(Database& database, ProviderHub& hub, ConsoleSettings& settings, SpendGuard* guard,
                  Ledger* ledger, QWidget* parent = nullptr);
    /// Cancels a run still going: the journal keeps what it did.
    ~CampaignPanel() override;

    /// Asked before a run (or a test send) spends money; false: nothing is sent. Unset: a message box.
    void setConfirmation(std::function<bool(const QString& question)> confirm)
    {
        m_confirm = std::move(confirm);
    }

    /// A new, empty campaign (a new uid: its idempotency keys are its own).
    void newCampaign();
    /// Shows a journalled campaign: its settings, its items and, if it did not finish, Resume.
    bool openCampaign(CampaignId id);
    CampaignId campaignId() const { return m_campaignId; }

    void setName(const QString& name);
    void setChannel(CampaignChannel channel);
    CampaignSenderForm* senderForm() const { return m_senderForm; }
    void setSubject(const QString& subject);
    void setMessageTemplate(const QString& text);
    void setThrottles(const CampaignThrottles& throttles);
    CampaignThrottles throttles() const;

    /// Recipients from a CSV file; false (the reason shown) when it cannot be read.
    bool openRecipientFile(const QString& path);
    /// Adds recipients (enrichment results, a Supabase table): `source` names them in the summary.
    void addRecipients(const QList<RecipientFields>& rows, const QString& source);
    const AudienceReport& audience() const { return m_audience; }
    /// The Supabase recipients dialog (non-modal); its rows are added when it has loaded them.
    SupabaseRecipientsDialog* openSupabaseRecipients();
    /// The do-not-contact list (non-modal); a change checks the recipients again.
    SuppressionsDialog* openSuppressions();

    /// AI personalisation: the instruction (a mustache template over the recipient's fields), the
    /// model and the longest draft. Each draft goes in the recipient's {{ai_line}}.
    void setPersonalisation(const QString& instruction, const QString& model = {}, int maxTokens = 0);
    /// Drafts {{ai_line}} for the preview's recipient (one paid call, or the cached draft). Done when
    /// personalised() is emitted.
    void personalisePreview();
    /// Drafts {{ai_line}} for every ready recipient, after a confirmation with the worst-case cost.
    void personaliseAll();

    /// Builds the sender and renders the preview and estimate now (normally after a short pause in
    /// typing). Done when previewUpdated() is emitted.
    void refreshPreview();
    /// The preview's recipient (an index into the ready recipients).
    void setPreviewRecipient(int index);
    QString previewText() const;
    std::optional<CampaignEstimate> estimate() const { return m_estimate; }

    /// Sends the campaign's message for the preview's recipient to `address` (journalled in the
    /// campaign's own test journal). Done when testSendFinished() is emitted.
    void sendTest(const QString& address);

    CampaignRunner* runner() const { return m_runner.get(); }
    CampaignItemsModel* itemsModel() const { return m_items; }
    CampaignItemsFilter* itemsFilter() const { return m_filter; }
    QTabWidget* tabs() const { return m_tabs; }
    MessageBanner* banner() const { return m_banner; }
    /// Writes the filtered results; false (the reason shown) when the file cannot be written.
    bool exportResults(const QString& path);

public Q_SLOTS:
    /// Confirms with the estimate, journals the campaign and its ready recipients, and sends.
    void start();
    void pause();
    void resume();
    void cancel();
    /// Failed items back to pending, then resume.
    void rerunFailed();
    /// The selected unknown items: a person says they were delivered (sent) or not (failed, to re-run).
    void decideSelectedUnknown(bool delivered);
    /// Asks the provider for every sent item's delivery status and settles reported prices.
    void checkDelivery();
    /// Reads the journal into the results table again.
    void reloadItems();

Q_SIGNALS:
    void previewUpdated();
    void testSendFinished(const QString& outcome);
    void runFinished();
    /// A personalisation pass ended: what it did, in words.
    void personalised(const QString& summary);

private:
    QWidget* buildSetupTab();
    QWidget* buildPreviewTab();
    QWidget* buildRunTab();
    void reloadCampaignList();
    void recheckAudience();
    void settingsChanged();
    Campaign draftCampaign() const;
    QJsonObject senderJson() const;
    QCoro::Task<QString> prepareRunner();
    QCoro::Task<> updatePreview();
    QCoro::Task<> runTest(QString address);
    QCoro::Task<> followUp();
    QCoro::Task<QString> preparePersonaliser();
    QCoro::Task<> draftRecipients(bool previewOnly);
    QWidget* buildPersonalisationBox(QWidget* parent);
    void showPreviewRequest();
    void showEstimate();
    void connectRunner();
    void showProgress(const CampaignProgress& progress);
    void updateButtons();
    bool confirm(const QString& question);
    void showError(const QString& message);
    bool journalCampaign(QString* error);

    Database& m_database;
    ProviderHub& m_hub;
    ConsoleSettings& m_settings;
    SpendGuard* m_guard;
    Ledger* m_ledger;
    CampaignJournal m_journal;
    SuppressionList m_suppressions;
    CampaignAudience m_audienceCheck;
    LedgerDraftCache m_drafts;
    std::unique_ptr<CampaignPersonaliser> m_personaliser;
    CancelToken m_personaliseCancel;

    CampaignId m_campaignId = 0;
    QString m_uid;
    QList<RecipientFields> m_rows;
    QStringList m_sources;
    AudienceReport m_audience;
    QList<ValidatedRecipient> m_ready;
    std::unique_ptr<CampaignSender> m_sender;
    std::unique_ptr<CampaignRunner> m_runner;
    std::unique_ptr<CampaignRunner> m_testRunner;
    QString m_builtFor; ///< the channel and sender settings m_sender was built for
    std::optional<CampaignEstimate> m_estimate;
    JournalCounts m_shownCounts; ///< as last shown: the buttons follow them, with no query a keystroke
    std::optional<OutgoingMessage> m_previewMessage;
    QString m_previewProblem;
    int m_previewIndex = 0;
    bool m_updating = false;
    bool m_updateAgain = false;
    std::function<bool(const QString&)> m_confirm;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);

    MessageBanner* m_banner = nullptr;
    QListWidget* m_campaignList = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_channel = nullptr;
    CampaignSenderForm* m_senderForm = nullptr;
    QLineEdit* m_subject = nullptr;
    QLabel* m_subjectLabel = nullptr;
    QPlainTextEdit* m_template = nullptr;
    QLabel* m_mergeFields = nullptr;
    QGroupBox* m_aiBox = nullptr;
    QPlainTextEdit* m_aiInstruction = nullptr;
    QLineEdit* m_aiModel = nullptr;
    QSpinBox* m_aiMaxTokens = nullptr;
    QPushButton* m_aiDraftButton = nullptr;
    QPushButton* m_aiAllButton = nullptr;
    QLabel* m_aiStatus = nullptr;
    QLabel* m_recipientSummary = nullptr;
    QTableWidget* m_heldBack = nullptr;
    QSpinBox* m_dailyCap = nullptr;
    QCheckBox* m_useWindow = nullptr;
    QTimeEdit* m_windowFrom = nullptr;
    QTimeEdit* m_windowTo = nullptr;
    QLineEdit* m_timeZone = nullptr;
    QSpinBox* m_minimumGap = nullptr;
    QSpinBox* m_recentDays = nullptr;
    QComboBox* m_previewRecipient = nullptr;
    QPlainTextEdit* m_request = nullptr;
    QLabel* m_estimateLabel = nullptr;
    QLabel* m_budgetLabel = nullptr;
    QPushButton* m_estimateButton = nullptr;
    QLineEdit* m_testAddress = nullptr;
    QPushButton* m_testButton = nullptr;
    QLabel* m_testResult = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_pauseButton = nullptr;
    QPushButton* m_resumeButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_rate = nullptr;
    QLabel* m_waiting = nullptr;
    QComboBox* m_stateFilter = nullptr;
    QLineEdit* m_search = nullptr;
    QTableView* m_table = nullptr;
    CampaignItemsModel* m_items = nullptr;
    CampaignItemsFilter* m_filter = nullptr;
    QPushButton* m_rerunButton = nullptr;
    QPushButton* m_markSentButton = nullptr;
    QPushButton* m_markFailedButton = nullptr;
    QPushButton* m_deliveryButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_tableNote = nullptr;
    QTimer* m_previewTimer = nullptr;
    QTimer* m_reloadTimer = nullptr;
};

} // namespace agency
