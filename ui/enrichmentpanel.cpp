#include "enrichmentpanel.h"

#include "engine/consolesettings.h"
#include "model/catalogue.h"
#include "ui/enrichfields.h"
#include "ui/enrichrawdialog.h"
#include "ui/enrichresultmodel.h"
#include "ui/messagebanner.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace agency {

namespace {

QString providerNames(const QList<ProviderId>& providers)
{
    QStringList names;
    for (ProviderId provider : providers)
        names.append(providerInfo(provider).name);
    return names.join(QStringLiteral(" → "));
}

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setStyleSheet(QStringLiteral("color: #555;"));
    return label;
}

QLabel* value(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

EnrichmentPanel::EnrichmentPanel(EnrichmentService& service, ConsoleSettings* settings, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("enrichmentPanel"));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<h2>Enrichment</h2>"), this));
    header->addStretch();
    m_profileLabel = new QLabel(this);
    m_profileLabel->setObjectName(QStringLiteral("enrichProfileLabel"));
    header->addWidget(m_profileLabel);
    layout->addLayout(header);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("enrichBanner"));
    layout->addWidget(m_banner);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("enrichSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildForm());
    splitter->addWidget(buildResult());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({400, 880});
    layout->addWidget(splitter, 1);

    // Keyboard order: the form top to bottom, the buttons, then the result and this session's list.
    QWidget* chain[] = {m_kind,           m_email,         m_firstName,
                        m_lastName,       m_domain,        m_linkedin,
                        m_requireEmail,   m_requirePhone,  m_requireTitle,
                        m_requireCompany, m_metrics,       m_lookUpButton,
                        m_stopButton,     m_table,         m_rawButton,
                        m_copyButton,     m_copyCsvButton, m_sendToCampaignButton,
                        m_history};
    for (std::size_t i = 1; i < std::size(chain); ++i)
        setTabOrder(chain[i - 1], chain[i]);

    connect(&m_service, &EnrichmentService::asking, this, [this](ProviderId provider) {
        // The service is shared: only this panel's lookup, and not once Stop was pressed.
        if (m_cancel && !m_cancel->isCancelled())
            m_status->setText(tr("Asking %1…").arg(providerInfo(provider).name));
    });
    if (m_settings)
        connect(m_settings, &ConsoleSettings::profileChanged, this, &EnrichmentPanel::updateProfileLabel);
    updateProfileLabel();
    updateKindRows();
    setRunning(false);
}

EnrichmentPanel::~EnrichmentPanel()
{
    if (m_cancel)
        m_cancel->cancel();
}

QWidget* EnrichmentPanel::buildForm()
{
    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* box = new QGroupBox(tr("Look up one lead"), column);
    m_form = new QFormLayout(box);
    m_kind = new QComboBox(box);
    m_kind->setObjectName(QStringLiteral("lookupKindComboBox"));
    m_kind->addItem(tr("Person by email"), int(LookupKind::PersonByEmail));
    m_kind->addItem(tr("Person by name and company domain"), int(LookupKind::PersonByName));
    m_kind->addItem(tr("Person by LinkedIn profile"), int(LookupKind::PersonByLinkedIn));
    m_kind->addItem(tr("Company by domain"), int(LookupKind::CompanyByDomain));
    const auto addInput = [this, box](const QString& name, const QString& label, const QString& placeholder) {
        auto* edit = new QLineEdit(box);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        m_form->addRow(label, edit);
        // Enter in any field looks up, as the default button would in a dialog.
        connect(edit, &QLineEdit::returnPressed, this, &EnrichmentPanel::lookUp);
        connect(edit, &QLineEdit::textEdited, this, [this] { showProblem(QString()); });
        return edit;
    };
    m_form->addRow(tr("Loo&k up:"), m_kind);
    m_email = addInput(QStringLiteral("emailLineEdit"), tr("&Email:"), tr("jane@acme.com.au"));
    m_firstName = addInput(QStringLiteral("firstNameLineEdit"), tr("First &name:"), tr("Jane"));
    m_lastName = addInput(QStringLiteral("lastNameLineEdit"), tr("Last n&ame:"), tr("Citizen"));
    m_domain = addInput(QStringLiteral("domainLineEdit"), tr("Company &domain:"), tr("acme.com.au"));
    m_linkedin = addInput(QStringLiteral("linkedinLineEdit"), tr("LinkedIn profile &URL:"),
                          tr("linkedin.com/in/jane-citizen"));

    m_requiredRow = new QWidget(box);
    auto* required = new QHBoxLayout(m_requiredRow);
    required->setContentsMargins(0, 0, 0, 0);
    const auto addRequired = [this, required](const QString& name, const QString& text) {
        auto* check = new QCheckBox(text, m_requiredRow);
        check->setObjectName(name);
        required->addWidget(check);
        return check;
    };
    m_requireEmail = addRequired(QStringLiteral("requireEmailCheckBox"), tr("Ema&il"));
    m_requirePhone = addRequired(QStringLiteral("requirePhoneCheckBox"), tr("&Phone"));
    m_requireTitle = addRequired(QStringLiteral("requireTitleCheckBox"), tr("&Title"));
    m_requireCompany = addRequired(QStringLiteral("requireCompanyCheckBox"), tr("&Company"));
    required->addStretch();
    // What Settings → Enrichment says a person lookup must find, until the person changes it here.
    for (EnrichField field :
         {EnrichField::Email, EnrichField::Phone, EnrichField::Title, EnrichField::Company})
        requiredCheckBox(field)->setChecked(m_service.settings().defaultRequired.contains(field));
    m_requiredRow->setToolTip(tr("The lookup stops at the first provider whose answer has all of these; the "
                                 "next provider is only paid when one is missing."));
    m_form->addRow(tr("Required:"), m_requiredRow);

    m_metrics = new QCheckBox(tr("Domain &metrics (DataForSEO)"), box);
    m_metrics->setObjectName(QStringLiteral("domainMetricsCheckBox"));
    m_metrics->setToolTip(
        tr("Also ask DataForSEO for the company domain's organic keywords, traffic and backlinks"));
    m_form->addRow(QString(), m_metrics);

    m_problem = new QLabel(box);
    m_problem->setObjectName(QStringLiteral("lookupProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #8a1c1c;"));
    m_problem->hide();
    m_form->addRow(m_problem);

    auto* buttons = new QHBoxLayout;
    m_lookUpButton = new QPushButton(QIcon(QStringLiteral(":/icons/enrichment.svg")), tr("&Look up"), box);
    m_lookUpButton->setObjectName(QStringLiteral("lookUpButton"));
    m_lookUpButton->setDefault(true);
    m_lookUpButton->setToolTip(tr("Ask the cache, then the providers in order (Enter)"));
    m_stopButton = new QPushButton(tr("&Stop"), box);
    m_stopButton->setObjectName(QStringLiteral("stopLookupButton"));
    m_stopButton->setToolTip(tr("Stop the lookup; nothing more is sent, and what was found is kept"));
    buttons->addWidget(m_lookUpButton);
    buttons->addWidget(m_stopButton);
    buttons->addStretch();
    m_form->addRow(buttons);
    layout->addWidget(box);

    auto* historyLabel =
        new QLabel(tr("This session's lookups (click to show again; nothing is sent):"), column);
    historyLabel->setWordWrap(true);
    m_history = new QListWidget(column);
    m_history->setObjectName(QStringLiteral("lookupHistoryListWidget"));
    m_history->setAlternatingRowColors(true);
    m_history->setSpacing(2);
    m_history->setToolTip(tr("Earlier lookups of this session, most recent first (Alt+Y)"));
    auto* historyMnemonic = new QLabel(tr("Histor&y"), column);
    historyMnemonic->setBuddy(m_history);
    historyMnemonic->setStyleSheet(QStringLiteral("font-weight: bold;"));
    layout->addWidget(historyMnemonic);
    layout->addWidget(historyLabel);
    layout->addWidget(m_history, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        showProblem(QString());
        updateKindRows();
    });
    connect(m_lookUpButton, &QPushButton::clicked, this, &EnrichmentPanel::lookUp);
    connect(m_stopButton, &QPushButton::clicked, this, &EnrichmentPanel::stop);
    connect(m_history, &QListWidget::currentRowChanged, this, &EnrichmentPanel::showHistoryEntry);
    return column;
}

QWidget* EnrichmentPanel::buildResult()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    m_subject = new QLabel(tr("No lookup yet"), page);
    m_subject->setObjectName(QStringLiteral("resultSubjectLabel"));
    m_subject->setTextFormat(Qt::PlainText);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_subject->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_subject->setFont(big);
    top->addWidget(m_subject, 1);
    m_busy = new QProgressBar(page);
    m_busy->setObjectName(QStringLiteral("lookupBusyIndicator"));
    m_busy->setRange(0, 0); // indeterminate: a lookup's length is not known
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    top->addWidget(m_busy);
    m_status = value(QStringLiteral("lookupStatusLabel"), page);
    top->addWidget(m_status);
    layout->addLayout(top);

    auto* facts = new QGridLayout;
    facts->setHorizontalSpacing(12);
    m_cost = value(QStringLiteral("lookupCostLabel"), page);
    m_tried = value(QStringLiteral("providersTriedLabel"), page);
    m_when = value(QStringLiteral("lookupWhenLabel"), page);
    facts->addWidget(caption(tr("Cost:"), page), 0, 0);
    facts->addWidget(m_cost, 0, 1);
    facts->addWidget(caption(tr("Providers tried:"), page), 1, 0);
    facts->addWidget(m_tried, 1, 1);
    facts->addWidget(caption(tr("When:"), page), 2, 0);
    facts->addWidget(m_when, 2, 1);
    facts->setColumnStretch(1, 1);
    layout->addLayout(facts);

    m_model = new EnrichResultModel(this);
    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("enrichResultTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setSectionResizeMode(EnrichResultModel::FieldColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(EnrichResultModel::ValueColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(EnrichResultModel::SourceColumn,
                                                      QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    m_rawButton = new QPushButton(tr("Show &raw response…"), page);
    m_rawButton->setObjectName(QStringLiteral("showRawResponseButton"));
    m_rawButton->setToolTip(tr("Each provider's own answer, as JSON"));
    m_copyButton = new QPushButton(tr("C&opy"), page);
    m_copyButton->setObjectName(QStringLiteral("copyFieldsButton"));
    m_copyButton->setToolTip(tr("Copy the fields as “Field: value” lines"));
    m_copyCsvButton = new QPushButton(tr("Copy as CS&V row"), page);
    m_copyCsvButton->setObjectName(QStringLiteral("copyCsvRowButton"));
    m_copyCsvButton->setToolTip(
        tr("Copy one CSV row, always in this column order: %1").arg(enrichfields::csvHeader()));
    buttons->addWidget(m_rawButton);
    buttons->addStretch();
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_copyCsvButton);
    m_sendToCampaignButton = new QPushButton(tr("Send to campai&gn"), page);
    m_sendToCampaignButton->setObjectName(QStringLiteral("sendToCampaignButton"));
    m_sendToCampaignButton->setToolTip(tr("Add this lead to the campaign open in Campaigns"));
    buttons->addWidget(m_sendToCampaignButton);
    layout->addLayout(buttons);

    connect(m_rawButton, &QPushButton::clicked, this, [this] { showRawResponse(); });
    connect(m_copyButton, &QPushButton::clicked, this, &EnrichmentPanel::copyFields);
    connect(m_copyCsvButton, &QPushButton::clicked, this, &EnrichmentPanel::copyCsvRow);
    connect(m_sendToCampaignButton, &QPushButton::clicked, this, [this] {
        const EnrichmentResult& result = m_model->result();
        if (!result.found())
            return;
        RecipientFields fields;
        for (auto it = result.fields.begin(); it != result.fields.end(); ++it)
            fields.insert(it.key(), it.value().value);
        Q_EMIT sendToCampaignRequested({fields}, tr("enrichment"));
    });
    m_sendToCampaignButton->setEnabled(false);
    m_rawButton->setEnabled(false);
    m_copyButton->setEnabled(false);
    m_copyCsvButton->setEnabled(false);
    return page;
}

void EnrichmentPanel::updateKindRows()
{
    const auto kind = LookupKind(m_kind->currentData().toInt());
    m_form->setRowVisible(m_email, kind == LookupKind::PersonByEmail);
    m_form->setRowVisible(m_firstName, kind == LookupKind::PersonByName);
    m_form->setRowVisible(m_lastName, kind == LookupKind::PersonByName);
    m_form->setRowVisible(m_domain, kind == LookupKind::PersonByName || kind == LookupKind::CompanyByDomain);
    m_form->setRowVisible(m_linkedin, kind == LookupKind::PersonByLinkedIn);
    // A company has no email, phone or title to require.
    m_form->setRowVisible(m_requiredRow, kind != LookupKind::CompanyByDomain);
}

void EnrichmentPanel::updateProfileLabel()
{
    if (!m_settings) {
        m_profileLabel->clear();
        return;
    }
    m_profileLabel->setText(m_settings->activeProfile() == Profile::Sandbox
                                ? tr("Sandbox profile: lookups go to the provider simulator")
                                : tr("Production profile: a lookup the cache cannot answer is paid for"));
}

void EnrichmentPanel::setKind(LookupKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

LookupRequest EnrichmentPanel::request() const
{
    LookupRequest request;
    request.kind = LookupKind(m_kind->currentData().toInt());
    switch (request.kind) {
    case LookupKind::PersonByEmail:
        request.email = m_email->text();
        break;
    case LookupKind::PersonByName:
        request.firstName = m_firstName->text();
        request.lastName = m_lastName->text();
        request.domain = m_domain->text();
        break;
    case LookupKind::PersonByLinkedIn:
        request.linkedinUrl = m_linkedin->text();
        break;
    case LookupKind::CompanyByDomain:
        request.domain = m_domain->text();
        break;
    }
    if (request.kind != LookupKind::CompanyByDomain) {
        const std::pair<QCheckBox*, EnrichField> checks[] = {{m_requireEmail, EnrichField::Email},
                                                             {m_requirePhone, EnrichField::Phone},
                                                             {m_requireTitle, EnrichField::Title},
                                                             {m_requireCompany, EnrichField::Company}};
        for (const auto& [check, field] : checks) {
            if (check->isChecked())
                request.required.insert(field);
        }
    }
    request.domainMetrics = m_metrics->isChecked();
    return request;
}

QCheckBox* EnrichmentPanel::requiredCheckBox(EnrichField field) const
{
    switch (field) {
    case EnrichField::Email:
        return m_requireEmail;
    case EnrichField::Phone:
        return m_requirePhone;
    case EnrichField::Title:
        return m_requireTitle;
    case EnrichField::Company:
        return m_requireCompany;
    }
    return nullptr;
}

void EnrichmentPanel::lookUp()
{
    if (m_cancel)
        return; // one lookup at a time: a second click must not pay twice
    const LookupRequest request = this->request();
    // Checked here as well as in the service so that the problem shows beside the form, and nothing
    // (not even the cache) is asked.
    const QString problem = request.problem();
    if (!problem.isEmpty()) {
        showProblem(problem);
        inputFor(request)->setFocus();
        Q_EMIT lookupFinished();
        return;
    }
    showProblem(QString());
    m_cancel = CancelToken();
    setRunning(true);
    m_status->setText(tr("Looking up…"));
    const QString subject = subjectOf(request);
    // Not awaited here: the window keeps running, and the callback is dropped if the panel is gone.
    QCoro::connect(
        m_service.lookup(request, *m_cancel), this,
        [this, subject](const Result<LookupOutcome, QString>& outcome) { finish(subject, outcome); });
}

void EnrichmentPanel::stop()
{
    if (!m_cancel)
        return;
    m_cancel->cancel();
    m_stopButton->setEnabled(false);
    m_status->setText(tr("Stopping…"));
}

void EnrichmentPanel::setRunning(bool running)
{
    m_lookUpButton->setEnabled(!running);
    m_stopButton->setEnabled(running);
    m_kind->setEnabled(!running);
    for (QWidget* input :
         {static_cast<QWidget*>(m_email), static_cast<QWidget*>(m_firstName),
          static_cast<QWidget*>(m_lastName), static_cast<QWidget*>(m_domain),
          static_cast<QWidget*>(m_linkedin), m_requiredRow, static_cast<QWidget*>(m_metrics)})
        input->setEnabled(!running);
    m_busy->setVisible(running);
    if (running && m_stopButton->isVisible())
        m_stopButton->setFocus(); // the form's focus would otherwise fall out of a disabled field
}

void EnrichmentPanel::finish(const QString& subject, const Result<LookupOutcome, QString>& outcome)
{
    const bool hadFocus = m_stopButton->hasFocus();
    m_cancel.reset();
    setRunning(false);
    if (hadFocus)
        m_lookUpButton->setFocus();
    if (!outcome) {
        m_status->clear();
        showProblem(outcome.error());
        Q_EMIT lookupFinished();
        return;
    }
    const Entry entry{subject, outcome.value(), QDateTime::currentDateTime()};
    m_entries.prepend(entry);
    // The item reads as the lookup: when, who, what was found and what it cost.
    const QString cost =
        entry.outcome.cacheHit() ? tr("from the cache") : entry.outcome.result.cost.toString();
    auto* item = new QListWidgetItem(tr("%1  %2\n%3 · %4")
                                         .arg(QLocale().toString(entry.at.time(), QLocale::ShortFormat),
                                              subject, summaryOf(entry.outcome), cost));
    item->setToolTip(QLocale().toString(entry.at, QLocale::LongFormat));
    const QSignalBlocker blocker(m_history); // this entry is shown below; no second show
    m_history->insertItem(0, item);
    while (m_entries.size() > kMaxHistory) {
        m_entries.removeLast();
        delete m_history->takeItem(m_history->count() - 1);
    }
    m_history->setCurrentRow(0);
    showEntry(entry, false);
    Q_EMIT lookupFinished();
}

void EnrichmentPanel::showHistoryEntry(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    showEntry(m_entries.at(row), true);
}

void EnrichmentPanel::showEntry(const Entry& entry, bool fromHistory)
{
    const LookupOutcome& outcome = entry.outcome;
    const EnrichmentResult& result = outcome.result;
    m_shownSubject = entry.subject;
    m_subject->setText(entry.subject);
    m_model->setResult(result);
    m_status->setText(summaryOf(outcome));

    if (outcome.cacheHit()) {
        m_cost->setText(tr("%1 — from the cache").arg(Money::aud(0).toString()));
        m_cost->setToolTip(
            result.fetchedAt.isValid()
                ? tr("The providers answered on %1; nothing was spent this time.")
                      .arg(QLocale().toString(result.fetchedAt.toLocalTime(), QLocale::ShortFormat))
                : QString());
    } else {
        m_cost->setText(result.cost.toString());
        m_cost->setToolTip(QString());
    }
    if (result.tried.isEmpty())
        m_tried->setText(tr("none — nothing was sent"));
    else if (outcome.cacheHit())
        m_tried->setText(
            tr("%1 (when the answer was cached; not asked again)").arg(providerNames(result.tried)));
    else
        m_tried->setText(providerNames(result.tried));
    const QString at = QLocale().toString(entry.at.time(), QLocale::LongFormat);
    m_when->setText(fromHistory ? tr("%1 — shown again from this session's list; nothing was sent").arg(at)
                                : at);

    m_banner->dismiss();
    for (const QString& note : outcome.notes)
        m_banner->addMessage(note, MessageBanner::Kind::Warning);
    if (outcome.stoppedBy) {
        const bool cancelled = outcome.stoppedBy->kind == IntegrationError::Kind::Cancelled;
        m_banner->addMessage(tr("The lookup stopped: %1").arg(outcome.stoppedBy->message()),
                             cancelled ? MessageBanner::Kind::Warning : MessageBanner::Kind::Error);
    }
    m_rawButton->setEnabled(!result.raw.isEmpty());
    m_copyButton->setEnabled(result.found());
    m_copyCsvButton->setEnabled(result.found());
    m_sendToCampaignButton->setEnabled(result.found());
}

QString EnrichmentPanel::summaryOf(const LookupOutcome& outcome) const
{
    // Worded without plurals: the count reads the same in every language's list.
    const qsizetype count = outcome.result.fields.size();
    if (outcome.cacheHit())
        return count > 0 ? tr("Fields found in the cache: %1").arg(count)
                         : tr("Nothing found (a miss remembered in the cache)");
    if (outcome.stoppedBy)
        return count > 0 ? tr("Fields found before the lookup stopped: %1").arg(count)
                         : tr("Stopped before anything was found");
    return count > 0 ? tr("Fields found: %1").arg(count) : tr("Nothing found");
}

QString EnrichmentPanel::subjectOf(const LookupRequest& request) const
{
    switch (request.kind) {
    case LookupKind::PersonByEmail:
        return request.email.trimmed();
    case LookupKind::PersonByName:
        return tr("%1 %2 at %3")
            .arg(request.firstName.trimmed(), request.lastName.trimmed(), normalisedDomain(request.domain));
    case LookupKind::PersonByLinkedIn:
        return request.linkedinUrl.trimmed();
    case LookupKind::CompanyByDomain:
        return normalisedDomain(request.domain);
    }
    return {};
}

QLineEdit* EnrichmentPanel::inputFor(const LookupRequest& request) const
{
    switch (request.kind) {
    case LookupKind::PersonByEmail:
        return m_email;
    case LookupKind::PersonByLinkedIn:
        return m_linkedin;
    case LookupKind::CompanyByDomain:
        return m_domain;
    case LookupKind::PersonByName:
        break;
    }
    if (request.firstName.trimmed().isEmpty())
        return m_firstName;
    return request.lastName.trimmed().isEmpty() ? m_lastName : m_domain;
}

void EnrichmentPanel::showProblem(const QString& problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

EnrichRawDialog* EnrichmentPanel::showRawResponse()
{
    const EnrichmentResult& result = m_model->result();
    if (result.raw.isEmpty())
        return nullptr;
    auto* dialog = new EnrichRawDialog(m_shownSubject, result.raw, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void EnrichmentPanel::copyFields()
{
    const EnrichmentResult& result = m_model->result();
    if (!result.found())
        return;
    QGuiApplication::clipboard()->setText(enrichfields::asText(result));
    m_status->setText(tr("Copied to the clipboard."));
}

void EnrichmentPanel::copyCsvRow()
{
    const EnrichmentResult& result = m_model->result();
    if (!result.found())
        return;
    QGuiApplication::clipboard()->setText(enrichfields::asCsvRow(result));
    m_status->setText(tr("Copied to the clipboard as a CSV row."));
}

QString EnrichmentPanel::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

QString EnrichmentPanel::statusText() const
{
    return m_status->text();
}

QString EnrichmentPanel::costText() const
{
    return m_cost->text();
}

QString EnrichmentPanel::triedText() const
{
    return m_tried->text();
}

} // namespace agency
