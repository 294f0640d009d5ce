#include "campaignpanel.h"

#include "engine/campaignsenderfactory.h"
#include "engine/campaignsettings.h"
#include "engine/consolesettings.h"
#include "engine/providerhub.h"
#include "engine/recipientvalidator.h"
#include "engine/spendguard.h"
#include "integrations/anthropic/anthropicclient.h"
#include "ui/campaignitemsmodel.h"
#include "ui/campaignsenderform.h"
#include "ui/messagebanner.h"
#include "ui/supabaserecipientsdialog.h"
#include "ui/suppressionsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimeEdit>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace agency {

namespace {

// The results table reloads live only up to this many items; a bigger campaign's table is read when it
// pauses or ends (or on F5), so following a 10,000-item run never stalls the window.
constexpr int kLiveTableLimit = 2000;
// How many ready recipients the preview's chooser lists.
constexpr int kPreviewChoices = 500;

QString prettyPayload(const QByteArray& payload)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error == QJsonParseError::NoError)
        return QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(payload);
}

QString audienceStatusName(AudienceStatus status)
{
    switch (status) {
    case AudienceStatus::Ready:
        return CampaignPanel::tr("Ready");
    case AudienceStatus::Invalid:
        return CampaignPanel::tr("Invalid");
    case AudienceStatus::Duplicate:
        return CampaignPanel::tr("Duplicate");
    case AudienceStatus::Suppressed:
        return CampaignPanel::tr("Suppressed");
    case AudienceStatus::RecentlyContacted:
        return CampaignPanel::tr("Contacted recently");
    }
    return {};
}

// The address a recipient is reached at on a channel: where a test send puts the tester's own.
QString addressField(CampaignChannel channel)
{
    switch (channel) {
    case CampaignChannel::Email:
        return QStringLiteral("email");
    case CampaignChannel::Sms:
    case CampaignChannel::Voice:
        return QStringLiteral("phone");
    case CampaignChannel::LinkedIn:
        return QStringLiteral("linkedin_url");
    case CampaignChannel::Letter:
        return QStringLiteral("address_line1");
    }
    return {};
}

} // namespace

CampaignPanel::CampaignPanel(Database& database, ProviderHub& hub, ConsoleSettings& settings,
                             SpendGuard* guard, Ledger* ledger, QWidget* parent)
    : QWidget(parent)
    , m_database(database)
    , m_hub(hub)
    , m_settings(settings)
    , m_guard(guard)
    , m_ledger(ledger)
    , m_journal(database)
    , m_suppressions(database)
    , m_audienceCheck(m_suppressions, m_journal)
    , m_drafts(database)
{
    auto* outer = new QVBoxLayout(this);
    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("campaignBanner"));
    outer->addWidget(m_banner);
    auto* splitter = new QSplitter(this);
    outer->addWidget(splitter, 1);

    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    auto* newButton = new QPushButton(tr("&New campaign"), side);
    newButton->setObjectName(QStringLiteral("newCampaignButton"));
    connect(newButton, &QPushButton::clicked, this, &CampaignPanel::newCampaign);
    sideLayout->addWidget(newButton);
    m_campaignList = new QListWidget(side);
    m_campaignList->setObjectName(QStringLiteral("campaignList"));
    sideLayout->addWidget(m_campaignList, 1);
    connect(m_campaignList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { openCampaign(item->data(Qt::UserRole).toLongLong()); });
    connect(m_campaignList, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { openCampaign(item->data(Qt::UserRole).toLongLong()); });

    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("campaignTabs"));
    m_tabs->addTab(buildSetupTab(), tr("1. &Set up"));
    m_tabs->addTab(buildPreviewTab(), tr("2. &Preview and estimate"));
    m_tabs->addTab(buildRunTab(), tr("3. &Run and results"));
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 1000});

    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(400);
    connect(m_previewTimer, &QTimer::timeout, this, &CampaignPanel::refreshPreview);
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(1000);
    connect(m_reloadTimer, &QTimer::timeout, this, &CampaignPanel::reloadItems);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1)
            refreshPreview();
    });

    auto* startShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    startShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(startShortcut, &QShortcut::activated, this, &CampaignPanel::start);
    auto* refresh = new QShortcut(QKeySequence::Refresh, this);
    refresh->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh, &QShortcut::activated, this, &CampaignPanel::reloadItems);

    reloadCampaignList();
    newCampaign();
}

CampaignPanel::~CampaignPanel()
{
    *m_alive = false;
    if (m_runner && m_runner->state() == CampaignRunner::State::Running)
        m_runner->cancel();
    if (m_testRunner && m_testRunner->state() == CampaignRunner::State::Running)
        m_testRunner->cancel();
    m_personaliseCancel.cancel();
}

QWidget* CampaignPanel::buildSetupTab()
{
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);

    auto* basics = new QGroupBox(tr("Campaign"), page);
    auto* basicsForm = new QFormLayout(basics);
    m_name = new QLineEdit(basics);
    m_name->setObjectName(QStringLiteral("campaignNameEdit"));
    m_name->setPlaceholderText(tr("Spring offer, NSW cafés"));
    basicsForm->addRow(tr("&Name"), m_name);
    m_channel = new QComboBox(basics);
    m_channel->setObjectName(QStringLiteral("channelCombo"));
    for (CampaignChannel channel : {CampaignChannel::Email, CampaignChannel::Sms, CampaignChannel::Voice,
                                    CampaignChannel::LinkedIn, CampaignChannel::Letter})
        m_channel->addItem(campaignChannelName(channel), int(channel));
    basicsForm->addRow(tr("C&hannel"), m_channel);
    layout->addWidget(basics);

    auto* sender = new QGroupBox(tr("Sender"), page);
    auto* senderLayout = new QVBoxLayout(sender);
    m_senderForm = new CampaignSenderForm(sender);
    m_senderForm->setObjectName(QStringLiteral("senderForm"));
    senderLayout->addWidget(m_senderForm);
    layout->addWidget(sender);

    auto* message = new QGroupBox(tr("Message"), page);
    auto* messageForm = new QFormLayout(message);
    m_subject = new QLineEdit(message);
    m_subject->setObjectName(QStringLiteral("subjectEdit"));
    m_subject->setPlaceholderText(tr("A quick question, {{first_name}}"));
    m_subjectLabel = new QLabel(tr("Su&bject"), message);
    m_subjectLabel->setBuddy(m_subject);
    messageForm->addRow(m_subjectLabel, m_subject);
    m_template = new QPlainTextEdit(message);
    m_template->setObjectName(QStringLiteral("templateEdit"));
    m_template->setPlaceholderText(
        tr("Hi {{first_name}}{{^first_name}}there{{/first_name}}, … — merge fields in double braces; "
           "{{^field}}text{{/field}} is the default when a recipient has no value."));
    m_template->setMinimumHeight(110);
    messageForm->addRow(tr("&Template"), m_template);
    m_mergeFields = new QLabel(message);
    m_mergeFields->setObjectName(QStringLiteral("mergeFieldsLabel"));
    m_mergeFields->setWordWrap(true);
    m_mergeFields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    messageForm->addRow(QString(), m_mergeFields);
    messageForm->addRow(buildPersonalisationBox(message));
    layout->addWidget(message);

    auto* recipients = new QGroupBox(tr("Recipients"), page);
    auto* recipientsLayout = new QVBoxLayout(recipients);
    auto* recipientButtons = new QHBoxLayout;
    auto* openCsv = new QPushButton(tr("&Open CSV…"), recipients);
    openCsv->setObjectName(QStringLiteral("openRecipientsButton"));
    connect(openCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Recipients"), {},
                                                          tr("CSV files (*.csv *.txt);;All files (*)"));
        if (!path.isEmpty())
            openRecipientFile(path);
    });
    auto* clear = new QPushButton(tr("C&lear"), recipients);
    clear->setObjectName(QStringLiteral("clearRecipientsButton"));
    connect(clear, &QPushButton::clicked, this, [this] {
        m_rows.clear();
        m_sources.clear();
        recheckAudience();
    });
    recipientButtons->addWidget(openCsv);
    auto* fromSupabase = new QPushButton(tr("From &Supabase…"), recipients);
    fromSupabase->setObjectName(QStringLiteral("supabaseRecipientsButton"));
    connect(fromSupabase, &QPushButton::clicked, this, &CampaignPanel::openSupabaseRecipients);
    recipientButtons->addWidget(fromSupabase);
    auto* suppressions = new QPushButton(tr("Do-not-contact &list…"), recipients);
    suppressions->setObjectName(QStringLiteral("suppressionsButton"));
    connect(suppressions, &QPushButton::clicked, this, &CampaignPanel::openSuppressions);
    recipientButtons->addWidget(clear);
    recipientButtons->addStretch(1);
    recipientButtons->addWidget(suppressions);
    recipientsLayout->addLayout(recipientButtons);
    m_recipientSummary = new QLabel(recipients);
    m_recipientSummary->setObjectName(QStringLiteral("recipientSummaryLabel"));
    m_recipientSummary->setWordWrap(true);
    recipientsLayout->addWidget(m_recipientSummary);
    m_heldBack = new QTableWidget(0, 4, recipients);
    m_heldBack->setObjectName(QStringLiteral("heldBackTable"));
    m_heldBack->setHorizontalHeaderLabels({tr("Row"), tr("Recipient"), tr("Held back"), tr("Why")});
    m_heldBack->horizontalHeader()->setStretchLastSection(true);
    m_heldBack->verticalHeader()->hide();
    m_heldBack->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_heldBack->setMinimumHeight(120);
    recipientsLayout->addWidget(m_heldBack);
    m_recentDays = new QSpinBox(recipients);
    m_recentDays->setObjectName(QStringLiteral("recentDaysSpin"));
    m_recentDays->setRange(0, 365);
    m_recentDays->setValue(30);
    m_recentDays->setSpecialValueText(tr("never held back"));
    m_recentDays->setSuffix(tr(" days"));
    auto* recentForm = new QFormLayout;
    recentForm->addRow(tr("Hold back anyone contacted on this channel in the last"), m_recentDays);
    recipientsLayout->addLayout(recentForm);
    layout->addWidget(recipients);

    auto* throttles = new QGroupBox(tr("Throttles"), page);
    auto* throttleForm = new QFormLayout(throttles);
    m_dailyCap = new QSpinBox(throttles);
    m_dailyCap->setObjectName(QStringLiteral("dailyCapSpin"));
    m_dailyCap->setRange(0, 1'000'000);
    m_dailyCap->setSpecialValueText(tr("no cap"));
    throttleForm->addRow(tr("&Daily cap per sender"), m_dailyCap);
    auto* window = new QHBoxLayout;
    m_useWindow = new QCheckBox(tr("Only &between"), throttles);
    m_useWindow->setObjectName(QStringLiteral("useWindowCheck"));
    m_windowFrom = new QTimeEdit(QTime(9, 0), throttles);
    m_windowFrom->setObjectName(QStringLiteral("windowFromEdit"));
    m_windowTo = new QTimeEdit(QTime(17, 0), throttles);
    m_windowTo->setObjectName(QStringLiteral("windowToEdit"));
    window->addWidget(m_useWindow);
    window->addWidget(m_windowFrom);
    window->addWidget(new QLabel(tr("and"), throttles));
    window->addWidget(m_windowTo);
    window->addWidget(new QLabel(tr("in the recipient's time zone"), throttles));
    window->addStretch(1);
    auto* windowLabel = new QLabel(tr("Send window"), throttles);
    throttleForm->addRow(windowLabel, window);
    m_timeZone = new QLineEdit(QStringLiteral("Australia/Sydney"), throttles);
    m_timeZone->setObjectName(QStringLiteral("timeZoneEdit"));
    m_timeZone->setToolTip(tr("Used for recipients without a “timezone” field."));
    throttleForm->addRow(tr("Default time &zone"), m_timeZone);
    m_minimumGap = new QSpinBox(throttles);
    m_minimumGap->setObjectName(QStringLiteral("minimumGapSpin"));
    m_minimumGap->setRange(0, 3600);
    m_minimumGap->setSuffix(tr(" s"));
    m_minimumGap->setSpecialValueText(tr("none (the provider's rate only)"));
    throttleForm->addRow(tr("&Minimum gap between requests"), m_minimumGap);
    layout->addWidget(throttles);
    layout->addStretch(1);
    scroll->setWidget(page);

    connect(m_name, &QLineEdit::textChanged, this, &CampaignPanel::settingsChanged);
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        const auto channel = CampaignChannel(m_channel->currentData().toInt());
        m_senderForm->setChannel(channel);
        m_subject->setVisible(channel == CampaignChannel::Email);
        m_subjectLabel->setVisible(channel == CampaignChannel::Email);
        recheckAudience();
    });
    connect(m_senderForm, &CampaignSenderForm::changed, this, &CampaignPanel::settingsChanged);
    connect(m_subject, &QLineEdit::textChanged, this, &CampaignPanel::settingsChanged);
    connect(m_template, &QPlainTextEdit::textChanged, this, &CampaignPanel::settingsChanged);
    connect(m_recentDays, &QSpinBox::valueChanged, this, &CampaignPanel::recheckAudience);
    for (QSpinBox* spin : {m_dailyCap, m_minimumGap})
        connect(spin, &QSpinBox::valueChanged, this, &CampaignPanel::settingsChanged);
    connect(m_useWindow, &QCheckBox::toggled, this, &CampaignPanel::settingsChanged);
    connect(m_windowFrom, &QTimeEdit::timeChanged, this, &CampaignPanel::settingsChanged);
    connect(m_windowTo, &QTimeEdit::timeChanged, this, &CampaignPanel::settingsChanged);
    connect(m_timeZone, &QLineEdit::textChanged, this, &CampaignPanel::settingsChanged);
    return scroll;
}

QWidget* CampaignPanel::buildPreviewTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* chooser = new QFormLayout;
    m_previewRecipient = new QComboBox(page);
    m_previewRecipient->setObjectName(QStringLiteral("previewRecipientCombo"));
    chooser->addRow(tr("Preview &for"), m_previewRecipient);
    layout->addLayout(chooser);
    connect(m_previewRecipient, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            setPreviewRecipient(index);
    });
    auto* requestLabel =
        new QLabel(tr("The request exactly as the provider receives it (credentials redacted):"), page);
    layout->addWidget(requestLabel);
    m_request = new QPlainTextEdit(page);
    m_request->setObjectName(QStringLiteral("previewRequestText"));
    m_request->setReadOnly(true);
    m_request->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_request, 1);

    auto* estimate = new QGroupBox(tr("Estimate"), page);
    auto* estimateLayout = new QVBoxLayout(estimate);
    m_estimateLabel = new QLabel(estimate);
    m_estimateLabel->setObjectName(QStringLiteral("estimateLabel"));
    m_estimateLabel->setWordWrap(true);
    estimateLayout->addWidget(m_estimateLabel);
    m_budgetLabel = new QLabel(estimate);
    m_budgetLabel->setObjectName(QStringLiteral("budgetLabel"));
    m_budgetLabel->setWordWrap(true);
    estimateLayout->addWidget(m_budgetLabel);
    m_estimateButton = new QPushButton(tr("Re-&estimate"), estimate);
    m_estimateButton->setObjectName(QStringLiteral("estimateButton"));
    connect(m_estimateButton, &QPushButton::clicked, this, &CampaignPanel::refreshPreview);
    estimateLayout->addWidget(m_estimateButton, 0, Qt::AlignLeft);
    layout->addWidget(estimate);

    auto* test = new QGroupBox(tr("Test send"), page);
    auto* testLayout = new QHBoxLayout(test);
    m_testAddress = new QLineEdit(test);
    m_testAddress->setObjectName(QStringLiteral("testAddressEdit"));
    m_testAddress->setPlaceholderText(tr("your own address or number"));
    auto* testLabel = new QLabel(tr("Send this message &to"), test);
    testLabel->setBuddy(m_testAddress);
    m_testButton = new QPushButton(tr("Send &test"), test);
    m_testButton->setObjectName(QStringLiteral("testSendButton"));
    connect(m_testButton, &QPushButton::clicked, this, [this] { sendTest(m_testAddress->text()); });
    m_testResult = new QLabel(test);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    testLayout->addWidget(testLabel);
    testLayout->addWidget(m_testAddress, 1);
    testLayout->addWidget(m_testButton);
    testLayout->addWidget(m_testResult, 2);
    layout->addWidget(test);
    return page;
}

QWidget* CampaignPanel::buildRunTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    auto* controls = new QHBoxLayout;
    m_startButton = new QPushButton(tr("S&tart…"), page);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_startButton->setToolTip(tr("Ctrl+Return"));
    m_pauseButton = new QPushButton(tr("P&ause"), page);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_resumeButton = new QPushButton(tr("Res&ume"), page);
    m_resumeButton->setObjectName(QStringLiteral("resumeButton"));
    m_cancelButton = new QPushButton(tr("&Cancel run"), page);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    connect(m_startButton, &QPushButton::clicked, this, &CampaignPanel::start);
    connect(m_pauseButton, &QPushButton::clicked, this, &CampaignPanel::pause);
    connect(m_resumeButton, &QPushButton::clicked, this, &CampaignPanel::resume);
    connect(m_cancelButton, &QPushButton::clicked, this, &CampaignPanel::cancel);
    for (QPushButton* button : {m_startButton, m_pauseButton, m_resumeButton, m_cancelButton})
        controls->addWidget(button);
    controls->addStretch(1);
    layout->addLayout(controls);
    m_progress = new QProgressBar(page);
    m_progress->setObjectName(QStringLiteral("campaignProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    m_counts = new QLabel(page);
    m_counts->setObjectName(QStringLiteral("countsLabel"));
    m_rate = new QLabel(page);
    m_rate->setObjectName(QStringLiteral("rateLabel"));
    m_waiting = new QLabel(page);
    m_waiting->setObjectName(QStringLiteral("waitingLabel"));
    m_waiting->setWordWrap(true);
    layout->addWidget(m_counts);
    layout->addWidget(m_rate);
    layout->addWidget(m_waiting);

    auto* filters = new QHBoxLayout;
    m_stateFilter = new QComboBox(page);
    m_stateFilter->setObjectName(QStringLiteral("stateFilterCombo"));
    m_stateFilter->addItem(tr("All items"), -1);
    for (ItemState state :
         {ItemState::Pending, ItemState::Sending, ItemState::Sent, ItemState::Failed, ItemState::Unknown})
        m_stateFilter->addItem(itemStateName(state), int(state));
    m_search = new QLineEdit(page);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Search recipients, references, errors"));
    m_search->setClearButtonEnabled(true);
    auto* showLabel = new QLabel(tr("S&how"), page);
    showLabel->setBuddy(m_stateFilter);
    filters->addWidget(showLabel);
    filters->addWidget(m_stateFilter);
    filters->addWidget(m_search, 1);
    layout->addLayout(filters);

    m_items = new CampaignItemsModel(this);
    m_filter = new CampaignItemsFilter(this);
    m_filter->setSourceModel(m_items);
    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("itemsTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // journal order until asked
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(CampaignItemsModel::RecipientColumn,
                                                      QHeaderView::Interactive);
    m_table->setColumnWidth(CampaignItemsModel::RecipientColumn, 260);
    m_table->setColumnWidth(CampaignItemsModel::StateColumn, 170);
    m_table->setColumnWidth(CampaignItemsModel::ReferenceColumn, 280);
    m_table->setColumnWidth(CampaignItemsModel::SentAtColumn, 150);
    layout->addWidget(m_table, 1);
    m_tableNote = new QLabel(page);
    m_tableNote->setObjectName(QStringLiteral("tableNoteLabel"));
    layout->addWidget(m_tableNote);
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        const int state = m_stateFilter->currentData().toInt();
        m_filter->setState(state < 0 ? std::nullopt : std::optional(ItemState(state)));
    });
    connect(m_search, &QLineEdit::textChanged, m_filter, &CampaignItemsFilter::setSearch);

    auto* actions = new QHBoxLayout;
    m_rerunButton = new QPushButton(tr("Re-run &failed"), page);
    m_rerunButton->setObjectName(QStringLiteral("rerunFailedButton"));
    m_markSentButton = new QPushButton(tr("Unknown: was &delivered"), page);
    m_markSentButton->setObjectName(QStringLiteral("markSentButton"));
    m_markSentButton->setToolTip(tr("You checked with the provider: the selected unknown items were sent."));
    m_markFailedButton = new QPushButton(tr("Unknown: &not delivered"), page);
    m_markFailedButton->setObjectName(QStringLiteral("markFailedButton"));
    m_markFailedButton->setToolTip(
        tr("You checked with the provider: the selected unknown items were not sent (Re-run failed sends "
           "them)."));
    m_deliveryButton = new QPushButton(tr("Check de&livery"), page);
    m_deliveryButton->setObjectName(QStringLiteral("checkDeliveryButton"));
    m_exportButton = new QPushButton(tr("E&xport CSV…"), page);
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(m_rerunButton, &QPushButton::clicked, this, &CampaignPanel::rerunFailed);
    connect(m_markSentButton, &QPushButton::clicked, this, [this] { decideSelectedUnknown(true); });
    connect(m_markFailedButton, &QPushButton::clicked, this, [this] { decideSelectedUnknown(false); });
    connect(m_deliveryButton, &QPushButton::clicked, this, &CampaignPanel::checkDelivery);
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export results"),
                                                          m_name->text().trimmed() + QStringLiteral(".csv"),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportResults(path);
    });
    for (QPushButton* button :
         {m_rerunButton, m_markSentButton, m_markFailedButton, m_deliveryButton, m_exportButton})
        actions->addWidget(button);
    actions->addStretch(1);
    layout->addLayout(actions);
    return page;
}

// ---- campaigns ----

void CampaignPanel::reloadCampaignList()
{
    auto all = m_journal.campaigns();
    m_campaignList->clear();
    if (!all) {
        showError(all.error().message);
        return;
    }
    for (const Campaign& campaign : all.value()) {
        auto* item = new QListWidgetItem(
            tr("%1\n%2 · %3")
                .arg(campaign.name, campaignChannelName(campaign.channel), campaignStateKey(campaign.state)),
            m_campaignList);
        item->setData(Qt::UserRole, campaign.id);
        if (campaign.id == m_campaignId)
            m_campaignList->setCurrentItem(item);
    }
}

void CampaignPanel::newCampaign()
{
    if (m_runner && m_runner->state() == CampaignRunner::State::Running) {
        showError(tr("Pause or cancel the running campaign first."));
        return;
    }
    m_runner.reset();
    m_campaignId = 0;
    m_uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_rows.clear();
    m_sources.clear();
    m_estimate.reset();
    m_name->clear();
    m_channel->setCurrentIndex(0);
    m_senderForm->setChannel(CampaignChannel::Email);
    m_senderForm->setSettings({});
    m_subject->clear();
    m_template->clear();
    setThrottles({});
    m_items->clear();
    m_campaignList->clearSelection();
    showProgress({});
    recheckAudience();
    updateButtons();
}

bool CampaignPanel::openCampaign(CampaignId id)
{
    if (id == m_campaignId && m_runner)
        return true;
    if (m_runner && m_runner->state() == CampaignRunner::State::Running) {
        showError(tr("Pause or cancel the running campaign first."));
        return false;
    }
    auto campaign = m_journal.campaign(id);
    if (!campaign) {
        showError(campaign.error().message);
        return false;
    }
    m_runner.reset();
    m_campaignId = id;
    m_uid = campaign->uid;
    m_rows.clear();
    m_sources.clear();
    m_name->setText(campaign->name);
    m_channel->setCurrentIndex(m_channel->findData(int(campaign->channel)));
    m_senderForm->setChannel(campaign->channel);
    m_senderForm->setSettings(campaign->sender);
    m_subject->setText(campaign->sender.value(u"subject").toString());
    m_template->setPlainText(campaign->messageTemplate);
    auto throttles = throttlesFromJson(campaign->sender.value(u"throttles").toObject());
    setThrottles(throttles ? throttles.value() : CampaignThrottles{});
    recheckAudience();
    reloadItems();
    auto counts = m_journal.counts(id);
    if (counts) {
        CampaignProgress progress;
        progress.counts = counts.value();
        if (auto cost = m_journal.costSoFar(id))
            progress.cost = cost.value();
        showProgress(progress);
    }
    updateButtons();
    m_tabs->setCurrentIndex(2);
    QCoro::connect(prepareRunner(), this, [this](const QString& error) {
        if (!error.isEmpty())
            showError(error);
        updateButtons();
    });
    return true;
}

void CampaignPanel::setName(const QString& name)
{
    m_name->setText(name);
}

void CampaignPanel::setChannel(CampaignChannel channel)
{
    m_channel->setCurrentIndex(m_channel->findData(int(channel)));
}

void CampaignPanel::setSubject(const QString& subject)
{
    m_subject->setText(subject);
}

void CampaignPanel::setMessageTemplate(const QString& text)
{
    m_template->setPlainText(text);
}

void CampaignPanel::setThrottles(const CampaignThrottles& throttles)
{
    m_dailyCap->setValue(throttles.dailyCap);
    m_useWindow->setChecked(throttles.windowFrom.has_value());
    if (throttles.windowFrom && throttles.windowTo) {
        m_windowFrom->setTime(*throttles.windowFrom);
        m_windowTo->setTime(*throttles.windowTo);
    }
    m_timeZone->setText(QString::fromUtf8(throttles.defaultTimeZone));
    m_minimumGap->setValue(int(throttles.minimumGap.count() / 1000));
}

CampaignThrottles CampaignPanel::throttles() const
{
    CampaignThrottles throttles;
    throttles.dailyCap = m_dailyCap->value();
    if (m_useWindow->isChecked()) {
        throttles.windowFrom = m_windowFrom->time();
        throttles.windowTo = m_windowTo->time();
    }
    throttles.defaultTimeZone = m_timeZone->text().trimmed().toUtf8();
    throttles.minimumGap = std::chrono::seconds(m_minimumGap->value());
    return throttles;
}

QJsonObject CampaignPanel::senderJson() const
{
    QJsonObject sender = m_senderForm->settings();
    if (m_senderForm->channel() == CampaignChannel::Email && !m_subject->text().trimmed().isEmpty())
        sender.insert(QStringLiteral("subject"), m_subject->text());
    sender.insert(QStringLiteral("throttles"), throttlesJson(throttles()));
    return sender;
}

Campaign CampaignPanel::draftCampaign() const
{
    Campaign campaign;
    campaign.id = m_campaignId;
    campaign.uid = m_uid;
    campaign.name = m_name->text().trimmed();
    campaign.channel = m_senderForm->channel();
    campaign.sender = senderJson();
    campaign.messageTemplate = m_template->toPlainText();
    return campaign;
}

// ---- recipients ----

bool CampaignPanel::openRecipientFile(const QString& path)
{
    auto rows = readRecipientCsv(path);
    if (!rows) {
        showError(rows.error());
        return false;
    }
    addRecipients(rows.value(), QFileInfo(path).fileName());
    return true;
}

void CampaignPanel::addRecipients(const QList<RecipientFields>& rows, const QString& source)
{
    m_rows.append(rows);
    m_sources.append(tr("%n from %1", nullptr, int(rows.size())).arg(source));
    recheckAudience();
}

SupabaseRecipientsDialog* CampaignPanel::openSupabaseRecipients()
{
    auto* dialog = new SupabaseRecipientsDialog(m_hub, m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SupabaseRecipientsDialog::loaded, this,
            [this, dialog] { addRecipients(dialog->rows(), dialog->sourceName()); });
    dialog->open();
    return dialog;
}

SuppressionsDialog* CampaignPanel::openSuppressions()
{
    auto* dialog = new SuppressionsDialog(m_database, m_guard ? m_guard->staffMember() : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SuppressionsDialog::changed, this, &CampaignPanel::recheckAudience);
    dialog->open();
    return dialog;
}

// ---- AI personalisation ----

QWidget* CampaignPanel::buildPersonalisationBox(QWidget* parent)
{
    m_aiBox =
        new QGroupBox(tr("AI personalisation (Anthropic): a line per recipient in {{ai_line}}"), parent);
    m_aiBox->setObjectName(QStringLiteral("personalisationBox"));
    auto* form = new QFormLayout(m_aiBox);
    m_aiInstruction = new QPlainTextEdit(m_aiBox);
    m_aiInstruction->setObjectName(QStringLiteral("aiInstructionEdit"));
    m_aiInstruction->setPlaceholderText(
        tr("Write one friendly opening line for {{first_name}}, who runs {{company}}. No greeting."));
    m_aiInstruction->setMaximumHeight(70);
    form->addRow(tr("&Instruction"), m_aiInstruction);
    auto* settings = new QHBoxLayout;
    m_aiModel = new QLineEdit(PersonaliserSettings().model, m_aiBox);
    m_aiModel->setObjectName(QStringLiteral("aiModelEdit"));
    m_aiMaxTokens = new QSpinBox(m_aiBox);
    m_aiMaxTokens->setObjectName(QStringLiteral("aiMaxTokensSpin"));
    m_aiMaxTokens->setRange(1, 4096);
    m_aiMaxTokens->setValue(PersonaliserSettings().maxTokens);
    m_aiMaxTokens->setSuffix(tr(" tokens at most"));
    settings->addWidget(m_aiModel, 1);
    settings->addWidget(m_aiMaxTokens);
    auto* modelLabel = new QLabel(tr("Mo&del"), m_aiBox);
    modelLabel->setBuddy(m_aiModel);
    form->addRow(modelLabel, settings);
    auto* buttons = new QHBoxLayout;
    m_aiDraftButton = new QPushButton(tr("Draft for the &preview"), m_aiBox);
    m_aiDraftButton->setObjectName(QStringLiteral("aiDraftButton"));
    m_aiAllButton = new QPushButton(tr("Personalise &all…"), m_aiBox);
    m_aiAllButton->setObjectName(QStringLiteral("aiAllButton"));
    m_aiStatus = new QLabel(m_aiBox);
    m_aiStatus->setObjectName(QStringLiteral("aiStatusLabel"));
    m_aiStatus->setWordWrap(true);
    buttons->addWidget(m_aiDraftButton);
    buttons->addWidget(m_aiAllButton);
    buttons->addWidget(m_aiStatus, 1);
    form->addRow(buttons);
    connect(m_aiDraftButton, &QPushButton::clicked, this, &CampaignPanel::personalisePreview);
    connect(m_aiAllButton, &QPushButton::clicked, this, &CampaignPanel::personaliseAll);
    return m_aiBox;
}

void CampaignPanel::setPersonalisation(const QString& instruction, const QString& model, int maxTokens)
{
    m_aiInstruction->setPlainText(instruction);
    if (!model.isEmpty())
        m_aiModel->setText(model);
    if (maxTokens > 0)
        m_aiMaxTokens->setValue(maxTokens);
}

void CampaignPanel::personalisePreview()
{
    QCoro::connect(draftRecipients(true), this, [] {});
}

void CampaignPanel::personaliseAll()
{
    QCoro::connect(draftRecipients(false), this, [] {});
}

QCoro::Task<QString> CampaignPanel::preparePersonaliser()
{
    PersonaliserSettings settings;
    settings.instruction = m_aiInstruction->toPlainText().trimmed();
    settings.model = m_aiModel->text().trimmed();
    settings.maxTokens = m_aiMaxTokens->value();
    if (settings.instruction.isEmpty())
        co_return tr("Write the instruction first: what the AI should write for each recipient.");
    if (!m_personaliser) {
        const std::weak_ptr<bool> alive = m_alive;
        auto client = co_await m_hub.client(ProviderId::Anthropic, m_settings.activeProfile());
        if (alive.expired() || !*alive.lock())
            co_return QString();
        auto anthropic = client ? std::dynamic_pointer_cast<AnthropicClient>(client.value()) : nullptr;
        if (!anthropic)
            co_return client ? tr("No Anthropic client is available.") : client.error().message();
        m_personaliser = std::make_unique<CampaignPersonaliser>(anthropic, m_drafts);
    }
    auto configured = m_personaliser->configure(settings);
    co_return configured ? QString() : configured.error();
}

QCoro::Task<> CampaignPanel::draftRecipients(bool previewOnly)
{
    const std::weak_ptr<bool> alive = m_alive;
    const auto finish = [this](const QString& summary) {
        m_aiStatus->setText(summary);
        m_aiDraftButton->setEnabled(true);
        m_aiAllButton->setEnabled(true);
        Q_EMIT personalised(summary);
    };
    m_aiDraftButton->setEnabled(false);
    m_aiAllButton->setEnabled(false);
    const QString problem = co_await preparePersonaliser();
    if (alive.expired() || !*alive.lock())
        co_return;
    if (!problem.isEmpty()) {
        finish(problem);
        co_return;
    }
    // The ready recipients, each with the input row its draft goes back to.
    QList<PersonalisationTarget> targets;
    QList<int> rows;
    const int previewIndex = std::clamp(m_previewIndex, 0, std::max(0, int(m_ready.size()) - 1));
    int readyIndex = 0;
    for (const AudienceEntry& entry : std::as_const(m_audience.entries)) {
        if (entry.status != AudienceStatus::Ready)
            continue;
        if (!previewOnly || readyIndex == previewIndex) {
            targets.append(PersonalisationTarget{entry.recipient.key, entry.recipient.fields});
            rows.append(entry.row);
        }
        ++readyIndex;
    }
    if (targets.isEmpty()) {
        finish(tr("No ready recipient to personalise."));
        co_return;
    }
    if (!previewOnly) {
        const PersonalisationEstimate estimate = m_personaliser->estimate(targets);
        if (!estimate.error.isEmpty()) {
            finish(estimate.error);
            co_return;
        }
        if (estimate.toDraft > 0 &&
            !confirm(
                tr("Ask %1 for %2 drafts (%3 already drafted, %4 blocked by a missing field)? At most %5.")
                    .arg(m_aiModel->text().trimmed())
                    .arg(estimate.toDraft)
                    .arg(estimate.cached)
                    .arg(estimate.blocked)
                    .arg(estimate.worstCase.toString()))) {
            finish(tr("Nothing was asked."));
            co_return;
        }
    }
    m_personaliseCancel = CancelToken();
    connect(
        m_personaliser.get(), &CampaignPersonaliser::progressed, m_aiStatus,
        [this](int done, int total) { m_aiStatus->setText(tr("Drafting %1 of %2…").arg(done).arg(total)); },
        Qt::UniqueConnection);
    const PersonalisationReport report = co_await m_personaliser->personalise(targets, m_personaliseCancel);
    if (alive.expired() || !*alive.lock())
        co_return;
    for (qsizetype i = 0; i < report.recipients.size() && i < rows.size(); ++i) {
        const PersonalisedRecipient& done = report.recipients.at(i);
        if (!done.draft.isEmpty() && rows.at(i) < m_rows.size())
            m_rows[rows.at(i)].insert(CampaignPersonaliser::draftField(), done.draft);
    }
    QString summary = tr("%1 drafted, %2 from earlier drafts, %3 blocked, %4 failed; cost %5.")
                          .arg(report.drafted)
                          .arg(report.fromCache)
                          .arg(report.blocked)
                          .arg(report.failed)
                          .arg(report.cost.isValid() ? report.cost.toString() : tr("nothing"));
    for (const PersonalisedRecipient& done : report.recipients) {
        if (!done.error.isEmpty()) {
            summary += u' ' + tr("%1: %2").arg(done.key, done.error);
            break; // the first reason; the rest are alike more often than not
        }
    }
    if (!report.stopped.isEmpty())
        summary += u' ' + tr("Stopped: %1").arg(report.stopped);
    recheckAudience();
    refreshPreview();
    finish(summary);
}

void CampaignPanel::recheckAudience()
{
    const auto channel = CampaignChannel(m_channel->currentData().toInt());
    AudienceOptions options;
    options.recentContactDays = m_recentDays->value();
    auto report = m_audienceCheck.check(channel, m_rows, options);
    if (!report) {
        showError(report.error().message);
        return;
    }
    m_audience = std::move(report).value();
    m_ready = m_audience.ready();
    const AudienceCounts& c = m_audience.counts;
    m_recipientSummary->setText(
        m_rows.isEmpty()
            ? tr("No recipients yet: open a CSV, or use “Send to campaign” in Enrichment.")
            : tr("%1 — %2 ready, %3 invalid, %4 duplicate, %5 suppressed, %6 contacted recently.")
                  .arg(m_sources.join(QStringLiteral(", ")))
                  .arg(c.ready)
                  .arg(c.invalid)
                  .arg(c.duplicate)
                  .arg(c.suppressed)
                  .arg(c.recentlyContacted));
    m_heldBack->setRowCount(0);
    for (const AudienceEntry& entry : m_audience.entries) {
        if (entry.status == AudienceStatus::Ready)
            continue;
        const int row = m_heldBack->rowCount();
        if (row >= 1000)
            break; // the summary counts them all; a person reads the first thousand
        m_heldBack->insertRow(row);
        const QString who = entry.recipient.key.isEmpty()
                                ? m_rows.value(entry.row).value(addressField(channel))
                                : entry.recipient.key;
        m_heldBack->setItem(row, 0, new QTableWidgetItem(QString::number(entry.row + 2))); // +header, 1-based
        m_heldBack->setItem(row, 1, new QTableWidgetItem(who));
        m_heldBack->setItem(row, 2, new QTableWidgetItem(audienceStatusName(entry.status)));
        m_heldBack->setItem(row, 3, new QTableWidgetItem(entry.reason));
    }
    QStringList fields;
    for (const RecipientFields& row : std::as_const(m_rows)) {
        for (auto it = row.begin(); it != row.end(); ++it) {
            if (!fields.contains(it.key()))
                fields.append(it.key());
        }
        if (fields.size() > 40)
            break;
    }
    m_mergeFields->setText(
        fields.isEmpty()
            ? QString()
            : tr("Merge fields in your recipients: %1")
                  .arg(QStringLiteral("{{") + fields.join(QStringLiteral("}}, {{")) + QStringLiteral("}}")));
    // The same recipient stays in the preview when the list is checked again (a draft was added).
    const QString previewed = m_previewRecipient->currentText();
    m_previewRecipient->blockSignals(true);
    m_previewRecipient->clear();
    for (int i = 0; i < m_ready.size() && i < kPreviewChoices; ++i)
        m_previewRecipient->addItem(m_ready.at(i).key);
    m_previewIndex = std::max(0, m_previewRecipient->findText(previewed));
    m_previewRecipient->setCurrentIndex(m_previewIndex);
    m_previewRecipient->blockSignals(false);
    settingsChanged();
}

// ---- preview and estimate ----

void CampaignPanel::settingsChanged()
{
    m_estimate.reset();
    m_previewTimer->start();
    updateButtons();
}

void CampaignPanel::refreshPreview()
{
    m_previewTimer->stop();
    if (m_updating) {
        m_updateAgain = true;
        return;
    }
    QCoro::connect(updatePreview(), this, [this] {
        if (m_updateAgain) {
            m_updateAgain = false;
            refreshPreview();
        }
    });
}

void CampaignPanel::setPreviewRecipient(int index)
{
    m_previewIndex = index;
    if (m_previewRecipient->currentIndex() != index)
        m_previewRecipient->setCurrentIndex(index);
    showPreviewRequest();
}

QCoro::Task<QString> CampaignPanel::prepareRunner()
{
    const Campaign campaign = draftCampaign();
    if (m_runner && m_runner->state() == CampaignRunner::State::Running)
        co_return QString(); // a running campaign's settings do not change under it
    const QStringList problems = senderSettingProblems(campaign.channel, campaign.sender);
    if (!problems.isEmpty())
        co_return problems.join(u' ');
    QJsonObject identity = campaign.sender;
    identity.remove(QStringLiteral("subject"));
    identity.remove(QStringLiteral("throttles"));
    const QString builtFor = campaignChannelKey(campaign.channel) + u'|' +
                             QString::fromUtf8(QJsonDocument(identity).toJson(QJsonDocument::Compact)) +
                             u'|' + profileKey(m_settings.activeProfile());
    if (!m_sender || builtFor != m_builtFor) {
        const ProviderId provider = campaignProvider(campaign.channel, campaign.sender);
        const std::weak_ptr<bool> alive = m_alive;
        auto client = co_await m_hub.client(provider, m_settings.activeProfile());
        if (alive.expired() || !*alive.lock())
            co_return QString();
        if (!client)
            co_return client.error().message();
        auto sender = makeCampaignSender(campaign.channel, campaign.sender, client.value());
        if (!sender)
            co_return sender.error();
        if (m_runner && m_runner->state() == CampaignRunner::State::Running)
            co_return QString();
        m_runner.reset();
        m_testRunner.reset();
        m_sender = std::move(sender).value();
        m_builtFor = builtFor;
    }
    if (!m_runner) {
        m_runner = std::make_unique<CampaignRunner>(m_database, m_journal, *m_sender);
        m_runner->setSpendGuard(m_guard);
        connectRunner();
    }
    m_runner->setThrottles(throttles());
    const auto used = m_campaignId > 0 ? m_runner->open(m_campaignId) : m_runner->use(campaign);
    if (!used)
        co_return used.error();
    if (m_campaignId > 0) {
        // The journal keeps the campaign as it was created; the message being edited is what is previewed.
        Campaign edited = campaign;
        edited.state = m_runner->campaign().state;
        (void)m_runner->use(edited);
    }
    co_return QString();
}

QCoro::Task<> CampaignPanel::updatePreview()
{
    m_updating = true;
    const std::weak_ptr<bool> alive = m_alive;
    const QString error = co_await prepareRunner();
    if (alive.expired() || !*alive.lock())
        co_return;
    m_previewProblem = error;
    m_estimate.reset();
    if (error.isEmpty() && m_runner) {
        const RenderedAudience rendered = renderAudience(*m_runner, m_uid, m_ready);
        const CampaignEstimate estimate =
            co_await estimateCampaign(*m_sender, rendered, throttles(), m_guard, m_name->text().trimmed());
        if (alive.expired() || !*alive.lock())
            co_return;
        m_estimate = estimate;
    }
    showPreviewRequest();
    showEstimate();
    updateButtons();
    m_updating = false;
    Q_EMIT previewUpdated();
}

void CampaignPanel::showPreviewRequest()
{
    m_previewMessage.reset();
    if (!m_previewProblem.isEmpty()) {
        m_request->setPlainText(tr("Not ready to preview: %1").arg(m_previewProblem));
        return;
    }
    if (!m_runner || !m_sender)
        return;
    if (m_ready.isEmpty()) {
        m_request->setPlainText(tr("No ready recipient to preview."));
        return;
    }
    const int index = std::clamp(m_previewIndex, 0, int(m_ready.size()) - 1);
    auto message = m_runner->render(itemForRecipient(m_uid, m_ready.at(index)));
    if (!message) {
        m_request->setPlainText(
            tr("%1 is blocked and will not be sent: %2").arg(m_ready.at(index).key, message.error()));
        return;
    }
    m_previewMessage = message.value();
    // Batches go out as one request: the preview shows this recipient's message as its own request,
    // with the key it would be sent under alone.
    const QList<OutgoingMessage> group{message.value()};
    QStringList lines{m_sender->requestLine(1)};
    lines.append(m_sender->redactedHeaders(m_sender->requestKey(group)));
    lines.append(QString());
    lines.append(prettyPayload(m_sender->payload(group)));
    if (const QString draft = m_ready.at(index).fields.value(CampaignPersonaliser::draftField());
        !draft.isEmpty())
        lines.append(tr("\n(The AI draft in {{ai_line}}, as it will be sent: “%1”)").arg(draft));
    if (m_sender->batchSize() > 1)
        lines.append(tr("\n(Sent in batches of up to %1: this message is one element of the batch's list.)")
                         .arg(m_sender->batchSize()));
    m_request->setPlainText(lines.join(u'\n'));
}

QString CampaignPanel::previewText() const
{
    return m_request->toPlainText();
}

void CampaignPanel::showEstimate()
{
    if (!m_estimate) {
        m_estimateLabel->setText(m_previewProblem.isEmpty() ? tr("No estimate yet.")
                                                            : tr("No estimate: %1").arg(m_previewProblem));
        m_budgetLabel->clear();
        return;
    }
    const CampaignEstimate& e = *m_estimate;
    QString cost = e.cost.isValid() ? e.cost.toString() : tr("unknown");
    if (!e.priceError.isEmpty())
        cost += tr(" (the price call failed: %1)").arg(e.priceError);
    else if (!e.basis.isEmpty())
        cost += tr(" (%1)").arg(e.basis);
    m_estimateLabel->setText(
        tr("%1 messages in %2 requests; %3 blocked by a missing merge field.\nCost: %4.\nTime: about %5 at "
           "the provider's rate%6%7.")
            .arg(e.messages)
            .arg(e.requests)
            .arg(e.blocked)
            .arg(cost, campaignDurationText(e.seconds),
                 m_useWindow->isChecked() ? tr(", within the send window") : QString(),
                 e.days > 1 ? tr(", over %n day(s) at the daily cap", nullptr, e.days) : QString()));
    if (!e.budgetChecked)
        m_budgetLabel->setText(tr("Spend limits: %1.").arg(e.budgetRefusal));
    else if (e.budgetRefusal.isEmpty())
        m_budgetLabel->setText(tr("Spend limits: the estimate fits under every limit."));
    else
        m_budgetLabel->setText(tr("<b>Spend limits: the run would be stopped part-way</b> — %1.")
                                   .arg(e.budgetRefusal.toHtmlEscaped()));
}

// ---- test send ----

void CampaignPanel::sendTest(const QString& address)
{
    QCoro::connect(runTest(address), this, [] {});
}

QCoro::Task<> CampaignPanel::runTest(QString address)
{
    const std::weak_ptr<bool> alive = m_alive;
    const auto finish = [this](const QString& outcome) {
        m_testResult->setText(outcome);
        m_testButton->setEnabled(true);
        Q_EMIT testSendFinished(outcome);
    };
    m_testButton->setEnabled(false);
    const QString error = co_await prepareRunner();
    if (alive.expired() || !*alive.lock())
        co_return;
    if (!error.isEmpty()) {
        finish(error);
        co_return;
    }
    if (m_ready.isEmpty()) {
        finish(tr("Load at least one recipient: the test uses the first one's merge fields."));
        co_return;
    }
    const Campaign campaign = draftCampaign();
    RecipientFields fields = m_ready.at(std::clamp(m_previewIndex, 0, int(m_ready.size()) - 1)).fields;
    fields.insert(addressField(campaign.channel), address.trimmed());
    auto valid = RecipientValidator::validate(campaign.channel, fields);
    if (!valid) {
        finish(tr("The test address will not do: %1").arg(RecipientValidator::describe(valid.error())));
        co_return;
    }
    if (!confirm(tr("Send one test message to %1? It is billed like any other.").arg(valid->key))) {
        finish(tr("Nothing was sent."));
        co_return;
    }
    // Test sends are journalled like any send, in the campaign's own test journal: each press is a
    // new item (its own step), so it is sent once and never replayed into a second message.
    const QString testUid = m_uid + QStringLiteral(":test");
    auto existing = m_journal.campaignByUid(testUid);
    if (!existing) {
        finish(existing.error().message);
        co_return;
    }
    CampaignId testId = 0;
    if (existing.value()) {
        testId = existing.value()->id;
    } else {
        NewCampaign made;
        made.name = tr("%1 — test sends").arg(campaign.name.isEmpty() ? tr("Untitled") : campaign.name);
        made.channel = campaign.channel;
        made.sender = campaign.sender;
        made.messageTemplate = campaign.messageTemplate;
        made.createdBy = m_guard ? m_guard->staffMember() : QString();
        auto created = m_journal.createCampaign(made, testUid);
        if (!created) {
            finish(created.error().message);
            co_return;
        }
        testId = created->id;
    }
    const int step = m_journal.counts(testId).value_or(JournalCounts{}).total();
    auto added = m_journal.addItems(testId, {NewItem{valid->key, recipientJson(valid->fields), step}});
    if (!added) {
        finish(added.error().message);
        co_return;
    }
    m_testRunner = std::make_unique<CampaignRunner>(m_database, m_journal, *m_sender);
    m_testRunner->setSpendGuard(m_guard);
    if (auto opened = m_testRunner->open(testId); !opened) {
        finish(opened.error());
        co_return;
    }
    Campaign edited = campaign; // the message as it stands in the editor
    edited.id = testId;
    edited.uid = testUid;
    (void)m_testRunner->use(edited);
    CampaignRunner* runner = m_testRunner.get();
    connect(runner, &CampaignRunner::stateChanged, this,
            [this, runner, finish, testId](CampaignRunner::State state) {
                if (state == CampaignRunner::State::Running || runner != m_testRunner.get())
                    return;
                auto counts = m_journal.counts(testId);
                QString outcome;
                if (state == CampaignRunner::State::Paused)
                    outcome = tr("Not sent: %1").arg(runner->pauseReason());
                else if (counts && counts->failed + counts->unknown > 0)
                    outcome = tr("The test failed: see the campaign's test journal.");
                else
                    outcome = tr("Test sent.");
                auto items = m_journal.items(testId, ItemPage{ItemState::Failed, 0, 200});
                if (items && !items->isEmpty())
                    outcome = tr("The test failed: %1").arg(items->last().error);
                finish(outcome);
            });
    runner->start();
}

// ---- running ----

bool CampaignPanel::journalCampaign(QString* error)
{
    const Campaign draft = draftCampaign();
    if (m_campaignId == 0) {
        if (draft.name.isEmpty()) {
            *error = tr("Give the campaign a name first.");
            return false;
        }
        NewCampaign made;
        made.name = draft.name;
        made.channel = draft.channel;
        made.sender = draft.sender;
        made.messageTemplate = draft.messageTemplate;
        made.createdBy = m_guard ? m_guard->staffMember() : QString();
        auto created = m_journal.createCampaign(made, m_uid);
        if (!created) {
            *error = created.error().message;
            return false;
        }
        m_campaignId = created->id;
    }
    QList<NewItem> items;
    items.reserve(m_ready.size());
    for (const ValidatedRecipient& recipient : std::as_const(m_ready))
        items.append(NewItem{recipient.key, recipientJson(recipient.fields), 0});
    auto added = m_journal.addItems(m_campaignId, items); // already journalled ones are left as they are
    if (!added) {
        *error = added.error().message;
        return false;
    }
    m_rows.clear(); // they are in the journal now
    m_sources.clear();
    if (auto opened = m_runner->open(m_campaignId); !opened) {
        *error = opened.error();
        return false;
    }
    return true;
}

void CampaignPanel::start()
{
    if (m_runner && m_runner->state() == CampaignRunner::State::Running)
        return;
    QCoro::connect(updatePreview(), this, [this] {
        if (!m_runner || !m_previewProblem.isEmpty()) {
            showError(tr("The campaign cannot start: %1").arg(m_previewProblem));
            return;
        }
        const int journalled =
            m_campaignId > 0 ? m_journal.counts(m_campaignId).value_or(JournalCounts{}).pending : 0;
        if (!m_estimate || (m_estimate->messages == 0 && journalled == 0)) {
            showError(tr("Nothing to send: no ready recipient has a complete message."));
            return;
        }
        const CampaignEstimate& e = *m_estimate;
        QString question = tr("Send %1 messages through %2 for about %3, over about %4?")
                               .arg(e.messages + journalled)
                               .arg(providerInfo(m_sender->provider()).name,
                                    e.cost.isValid() ? e.cost.toString() : tr("an unknown cost"),
                                    campaignDurationText(e.seconds));
        if (e.blocked > 0)
            question +=
                u'\n' + tr("%n recipient(s) are held back by a missing merge field.", nullptr, e.blocked);
        if (e.budgetChecked && !e.budgetRefusal.isEmpty())
            question += u'\n' + tr("The spend limits will stop it part-way: %1.").arg(e.budgetRefusal);
        if (!confirm(question))
            return;
        QString error;
        if (!journalCampaign(&error)) {
            showError(error);
            return;
        }
        recheckAudience();
        reloadCampaignList();
        reloadItems();
        m_tabs->setCurrentIndex(2);
        m_runner->start();
        updateButtons();
    });
}

void CampaignPanel::pause()
{
    if (m_runner)
        m_runner->pause();
    updateButtons();
}

void CampaignPanel::resume()
{
    if (!m_runner || m_campaignId == 0)
        return;
    if (m_runner->campaign().id != m_campaignId) {
        if (auto opened = m_runner->open(m_campaignId); !opened) {
            showError(opened.error());
            return;
        }
    }
    m_runner->resume();
    updateButtons();
}

void CampaignPanel::cancel()
{
    if (!m_runner)
        return;
    if (!confirm(tr("Cancel the run? What was sent stays sent; the rest stays pending in the journal.")))
        return;
    m_runner->cancel();
    updateButtons();
}

void CampaignPanel::rerunFailed()
{
    if (m_campaignId == 0)
        return;
    auto reset = m_journal.resetFailed(m_campaignId);
    if (!reset) {
        showError(reset.error().message);
        return;
    }
    if (reset.value() == 0) {
        showError(tr("No failed items to run again."));
        return;
    }
    reloadItems();
    resume();
}

void CampaignPanel::decideSelectedUnknown(bool delivered)
{
    QList<ItemId> chosen;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        const QModelIndex source = m_filter->mapToSource(index);
        const JournalItem& item = m_items->item(source.row());
        if (item.state == ItemState::Unknown)
            chosen.append(item.id);
    }
    if (chosen.isEmpty()) {
        showError(tr("Select the unknown items you have checked with the provider."));
        return;
    }
    const QString question =
        delivered ? tr("Record %n item(s) as delivered? They will never be sent again.", nullptr,
                       int(chosen.size()))
                  : tr("Record %n item(s) as not delivered? “Re-run failed” will send them again.", nullptr,
                       int(chosen.size()));
    if (!confirm(question))
        return;
    for (ItemId id : chosen) {
        const auto done = delivered
                              ? m_journal.markSent(id, tr("confirmed by a person"), Money())
                              : m_journal.markFailed(id, tr("not delivered, confirmed by a person"), true);
        if (!done) {
            showError(done.error().message);
            break;
        }
    }
    reloadItems();
    CampaignProgress progress = m_runner ? m_runner->progress() : CampaignProgress{};
    if (!m_runner)
        progress.counts = m_journal.counts(m_campaignId).value_or(JournalCounts{});
    showProgress(progress);
}

void CampaignPanel::checkDelivery()
{
    QCoro::connect(followUp(), this, [] {});
}

QCoro::Task<> CampaignPanel::followUp()
{
    if (!m_runner || m_campaignId == 0)
        co_return;
    const std::weak_ptr<bool> alive = m_alive;
    m_deliveryButton->setEnabled(false);
    const QList<DeliveryStatus> statuses = co_await m_runner->followUp(m_guard, m_ledger);
    if (alive.expired() || !*alive.lock())
        co_return;
    m_deliveryButton->setEnabled(true);
    QMap<QString, int> byStatus;
    int errors = 0;
    for (const DeliveryStatus& status : statuses) {
        if (status.error.isEmpty())
            ++byStatus[status.status];
        else
            ++errors;
    }
    QStringList parts;
    for (auto it = byStatus.begin(); it != byStatus.end(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    if (errors > 0)
        parts.append(tr("%n look-up(s) failed", nullptr, errors));
    reloadItems(); // before the note: a reload sets the note its own way
    m_tableNote->setText(
        tr("Delivery: %1.").arg(parts.isEmpty() ? tr("nothing sent yet") : parts.join(QStringLiteral(", "))));
}

bool CampaignPanel::exportResults(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        showError(tr("%1 could not be written: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(m_items->toCsv([this](int row) { return m_filter->acceptsSourceRow(row); }).toUtf8());
    if (!file.commit()) {
        showError(tr("%1 could not be written: %2").arg(path, file.errorString()));
        return false;
    }
    m_tableNote->setText(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return true;
}

void CampaignPanel::reloadItems()
{
    if (m_campaignId == 0) {
        m_items->clear();
        return;
    }
    QString error;
    if (!m_items->load(m_journal, m_campaignId, &error))
        showError(error);
    const bool live = m_items->itemCount() <= kLiveTableLimit;
    m_tableNote->setText(live ? QString()
                              : tr("%1 items: the table is read again when the run pauses or ends, or on F5.")
                                    .arg(m_items->itemCount()));
}

void CampaignPanel::connectRunner()
{
    CampaignRunner* runner = m_runner.get();
    m_items->setWaitReason([runner](const JournalItem& item) { return runner->waitReason(item); });
    connect(runner, &CampaignRunner::progressed, this, [this](const CampaignProgress& progress) {
        showProgress(progress);
        if (m_items->itemCount() <= kLiveTableLimit && !m_reloadTimer->isActive())
            m_reloadTimer->start();
    });
    connect(runner, &CampaignRunner::waitingChanged, this, [this](const QString& reason) {
        m_waiting->setText(reason.isEmpty() ? QString() : tr("Waiting: %1").arg(reason));
    });
    connect(runner, &CampaignRunner::stateChanged, this, [this, runner](CampaignRunner::State state) {
        updateButtons();
        reloadCampaignList(); // the list shows each campaign's state
        if (state == CampaignRunner::State::Running)
            return;
        if (state == CampaignRunner::State::Paused && !runner->pauseReason().isEmpty())
            m_waiting->setText(tr("Paused: %1").arg(runner->pauseReason()));
        else if (state != CampaignRunner::State::Paused)
            m_waiting->setText(campaignRunnerStateName(state));
        showProgress(runner->progress());
        reloadItems();
        Q_EMIT runFinished();
    });
}

void CampaignPanel::showProgress(const CampaignProgress& progress)
{
    m_shownCounts = progress.counts;
    const JournalCounts& c = progress.counts;
    const int done = c.sent + c.failed + c.unknown;
    m_progress->setRange(0, std::max(1, c.total()));
    m_progress->setValue(done);
    m_counts->setText(tr("%1 of %2 done: %3 sent, %4 failed, %5 unknown, %6 sending, %7 pending.")
                          .arg(done)
                          .arg(c.total())
                          .arg(c.sent)
                          .arg(c.failed)
                          .arg(c.unknown)
                          .arg(c.sending)
                          .arg(c.pending));
    m_rate->setText(tr("Rate: %1 a minute · ETA: %2 · Cost so far: %3")
                        .arg(QLocale().toString(progress.perMinute, 'f', 1),
                             progress.etaSeconds ? campaignDurationText(*progress.etaSeconds) : tr("—"),
                             amountsText(progress.cost, tr("nothing yet"))));
    if (!progress.waiting.isEmpty())
        m_waiting->setText(tr("Waiting: %1").arg(progress.waiting));
    updateButtons();
}

void CampaignPanel::updateButtons()
{
    const bool running = m_runner && m_runner->state() == CampaignRunner::State::Running;
    const bool paused = m_runner && m_runner->state() == CampaignRunner::State::Paused;
    const JournalCounts counts = m_campaignId > 0 ? m_shownCounts : JournalCounts{};
    m_startButton->setEnabled(!running && !m_ready.isEmpty());
    m_pauseButton->setEnabled(running);
    m_resumeButton->setEnabled(!running && m_campaignId > 0 && m_runner &&
                               (paused || counts.pending > 0 || counts.sending > 0));
    m_cancelButton->setEnabled(running || paused);
    m_rerunButton->setEnabled(!running && counts.failed > 0);
    m_markSentButton->setEnabled(counts.unknown > 0);
    m_markFailedButton->setEnabled(counts.unknown > 0);
    m_deliveryButton->setEnabled(!running && counts.sent > 0);
    m_exportButton->setEnabled(counts.total() > 0);
    for (QWidget* editor : std::initializer_list<QWidget*>{m_channel, m_senderForm, m_template, m_subject})
        editor->setEnabled(!running);
}

bool CampaignPanel::confirm(const QString& question)
{
    if (m_confirm)
        return m_confirm(question);
    return QMessageBox::question(this, tr("Campaign"), question) == QMessageBox::Yes;
}

void CampaignPanel::showError(const QString& message)
{
    m_banner->addMessage(message, MessageBanner::Kind::Error);
}

} // namespace agency
