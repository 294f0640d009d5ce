#include "bulkenrichpanel.h"

#include "engine/bulkintake.h"
#include "engine/csvreader.h"
#include "ui/messagebanner.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace agency {

namespace {

constexpr int kPreviewRows = 8;
constexpr qint64 kRowsPerSlice = 2000; // a slice stays well under a frame's worth of time on a laptop
constexpr int kListedIssues = 200;

const QString kNoteInput = QStringLiteral("input");
const QString kNoteStarted = QStringLiteral("started");
const QString kNoteIntake = QStringLiteral("intake");

// Keeps the run alive until its estimate is done, even when the panel has moved on to another file.
QCoro::Task<BulkEstimate> estimateKeepingAlive(std::shared_ptr<BulkEnrichment> run,
                                               EnrichmentService* service, EnrichmentCache* cache)
{
    const BulkEstimate estimate = co_await estimateBulkRun(*run, *service, cache);
    co_return estimate;
}

void removeJournal(const QString& path)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

QString BulkEnrichPanel::defaultJournalDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("bulk-runs"));
}

BulkEnrichPanel::BulkEnrichPanel(EnrichmentService& service, EnrichmentCache* cache,
                                 const QString& journalDirectory, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_cache(cache)
    , m_journalDir(journalDirectory.isEmpty() ? defaultJournalDirectory() : journalDirectory)
{
    setObjectName(QStringLiteral("bulkEnrichPanel"));
    m_intakeTimer = new QTimer(this);
    m_intakeTimer->setInterval(0); // a slice per turn of the event loop: the window stays responsive
    connect(m_intakeTimer, &QTimer::timeout, this, &BulkEnrichPanel::readSlice);

    auto* layout = new QVBoxLayout(this);
    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("bulkBanner"));
    layout->addWidget(m_banner);

    // The offer to resume a run that did not finish.
    m_offer = new QFrame(this);
    m_offer->setObjectName(QStringLiteral("resumeOfferFrame"));
    m_offer->setFrameShape(QFrame::StyledPanel);
    m_offer->setStyleSheet(
        QStringLiteral("#resumeOfferFrame { background: #fff4ce; border: 1px solid #e0c060; }"
                       " #resumeOfferFrame QLabel { color: #3b2f00; }"));
    auto* offerLayout = new QHBoxLayout(m_offer);
    m_offerText = new QLabel(m_offer);
    m_offerText->setWordWrap(true);
    m_offerText->setObjectName(QStringLiteral("resumeOfferLabel"));
    m_offerResume = new QPushButton(tr("&Resume this run"), m_offer);
    m_offerResume->setObjectName(QStringLiteral("resumeOfferButton"));
    m_offerDiscard = new QPushButton(tr("&Discard it"), m_offer);
    m_offerDiscard->setObjectName(QStringLiteral("discardOfferButton"));
    offerLayout->addWidget(m_offerText, 1);
    offerLayout->addWidget(m_offerResume);
    offerLayout->addWidget(m_offerDiscard);
    connect(m_offerResume, &QPushButton::clicked, this, &BulkEnrichPanel::resumeOffered);
    connect(m_offerDiscard, &QPushButton::clicked, this, &BulkEnrichPanel::discardOffered);
    m_offer->hide();
    layout->addWidget(m_offer);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildFileSection());
    splitter->addWidget(buildReportSection());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    layout->addWidget(buildRunSection());
    addShortcuts();

    updateButtons();
    findUnfinishedRun();
}

BulkEnrichPanel::~BulkEnrichPanel()
{
    m_intakeTimer->stop();
    if (m_run) {
        m_run->disconnect(this);
        if (m_run->state() == BulkEnrichment::State::Running)
            m_run->stop();
    }
}

QWidget* BulkEnrichPanel::buildFileSection()
{
    auto* box = new QGroupBox(tr("Lead file"), this);
    auto* layout = new QVBoxLayout(box);
    auto* top = new QHBoxLayout;
    m_openButton = new QPushButton(tr("&Open CSV…"), box);
    m_openButton->setObjectName(QStringLiteral("openCsvButton"));
    m_openButton->setToolTip(tr("Choose a CSV of leads (%1)")
                                 .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
    connect(m_openButton, &QPushButton::clicked, this, &BulkEnrichPanel::chooseFile);
    m_file = new QLabel(tr("No file chosen."), box);
    m_file->setObjectName(QStringLiteral("fileLabel"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_importButton = new QPushButton(tr("Import from Apif&y…"), box);
    m_importButton->setObjectName(QStringLiteral("importApifyButton"));
    m_importButton->setToolTip(tr("Run an Apify Actor and take its dataset as the lead file"));
    connect(m_importButton, &QPushButton::clicked, this, &BulkEnrichPanel::apifyImportRequested);
    top->addWidget(m_openButton);
    top->addWidget(m_importButton);
    top->addWidget(m_file, 1);
    layout->addLayout(top);
    m_format = new QLabel(box);
    m_format->setObjectName(QStringLiteral("formatLabel"));
    layout->addWidget(m_format);

    m_preview = new QTableWidget(box);
    m_preview->setObjectName(QStringLiteral("previewTable"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setAccessibleName(tr("The first rows of the file"));
    m_preview->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_preview, 1);

    auto* mappingBox = new QGroupBox(tr("Columns"), box);
    auto* form = new QFormLayout(mappingBox);
    const QStringList roles = LeadFile::roles();
    const QStringList names = {tr("&Email"),          tr("&First name"),   tr("&Last name"),
                               tr("Company do&main"), tr("Lin&kedIn URL"), tr("Compa&ny")};
    for (qsizetype i = 0; i < roles.size(); ++i) {
        auto* combo = new QComboBox(mappingBox);
        combo->setObjectName(roles.at(i) + QStringLiteral("ColumnCombo"));
        combo->setEnabled(false);
        form->addRow(i < names.size() ? names.at(i) : roles.at(i), combo);
        const QString role = roles.at(i);
        connect(combo, &QComboBox::activated, this,
                [this, role, combo](int index) { setColumn(role, combo->itemData(index).toInt()); });
        m_columnCombos.append(combo);
    }
    m_mappingProblem = new QLabel(mappingBox);
    m_mappingProblem->setObjectName(QStringLiteral("mappingProblemLabel"));
    m_mappingProblem->setWordWrap(true);
    m_mappingProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_mappingProblem->hide();
    form->addRow(m_mappingProblem);
    layout->addWidget(mappingBox);
    return box;
}

QWidget* BulkEnrichPanel::buildReportSection()
{
    auto* box = new QGroupBox(tr("Intake report"), this);
    auto* layout = new QVBoxLayout(box);
    m_report = new QLabel(tr("Open a CSV to see what it holds."), box);
    m_report->setObjectName(QStringLiteral("reportLabel"));
    m_report->setWordWrap(true);
    layout->addWidget(m_report);
    auto* issuesLabel = new QLabel(tr("Rows that will not be looked up:"), box);
    layout->addWidget(issuesLabel);
    m_issues = new QListWidget(box);
    m_issues->setObjectName(QStringLiteral("issuesList"));
    m_issues->setAccessibleName(tr("Rows that will not be looked up"));
    layout->addWidget(m_issues, 1);
    m_estimateLabel = new QLabel(box);
    m_estimateLabel->setObjectName(QStringLiteral("estimateLabel"));
    m_estimateLabel->setWordWrap(true);
    QFont bold = m_estimateLabel->font();
    bold.setBold(true);
    m_estimateLabel->setFont(bold);
    layout->addWidget(m_estimateLabel);
    return box;
}

QWidget* BulkEnrichPanel::buildRunSection()
{
    auto* box = new QGroupBox(tr("Run"), this);
    auto* layout = new QVBoxLayout(box);
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("runProgressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addWidget(m_progress);
    auto* labels = new QHBoxLayout;
    m_counts = new QLabel(box);
    m_counts->setObjectName(QStringLiteral("countsLabel"));
    m_counts->setWordWrap(true);
    m_rate = new QLabel(box);
    m_rate->setObjectName(QStringLiteral("rateLabel"));
    m_rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    labels->addWidget(m_counts, 1);
    labels->addWidget(m_rate);
    layout->addLayout(labels);

    auto* buttons = new QHBoxLayout;
    const auto button = [&](const QString& text, const QString& name, void (BulkEnrichPanel::*slot)()) {
        auto* b = new QPushButton(text, box);
        b->setObjectName(name);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    m_startButton = button(tr("&Start run…"), QStringLiteral("startRunButton"), &BulkEnrichPanel::startRun);
    m_startButton->setToolTip(tr("Start the run after confirming its cost (Ctrl+Enter)"));
    m_pauseButton = button(tr("&Pause"), QStringLiteral("pauseRunButton"), &BulkEnrichPanel::pauseRun);
    m_pauseButton->setToolTip(tr("Lookups in flight finish; nothing new starts"));
    m_resumeButton = button(tr("Res&ume"), QStringLiteral("resumeRunButton"), &BulkEnrichPanel::resumeRun);
    m_stopButton = button(tr("S&top"), QStringLiteral("stopRunButton"), &BulkEnrichPanel::stopRun);
    m_stopButton->setToolTip(tr("Cancel what is in flight now; nothing more is sent (Ctrl+.)"));
    buttons->addSpacing(16);
    m_retryFailedButton =
        button(tr("Re-run f&ailed rows"), QStringLiteral("retryFailedButton"), &BulkEnrichPanel::retryFailed);
    m_retryInDoubtButton = button(tr("Retry &in-doubt rows…"), QStringLiteral("retryInDoubtButton"),
                                  &BulkEnrichPanel::retryInDoubt);
    m_retryInDoubtButton->setToolTip(
        tr("Rows that were being looked up when the console stopped: asking again may pay for them twice"));
    buttons->addStretch(1);
    m_saveButton =
        button(tr("Sa&ve results…"), QStringLiteral("saveResultsButton"), &BulkEnrichPanel::chooseOutput);
    m_writeBackButton = new QPushButton(tr("&Write to Supabase…"), box);
    m_writeBackButton->setObjectName(QStringLiteral("writeToSupabaseButton"));
    m_writeBackButton->setToolTip(
        tr("Upsert the saved results into the agency's lead table (a dry run first)"));
    connect(m_writeBackButton, &QPushButton::clicked, this,
            [this] { Q_EMIT supabaseUpsertRequested(m_savedPath); });
    buttons->addWidget(m_writeBackButton);
    layout->addLayout(buttons);
    return box;
}

void BulkEnrichPanel::addShortcuts()
{
    // Beside the buttons' Alt mnemonics; only while this tab is shown, and only when the button could be
    // clicked.
    const auto shortcut = [this](const QKeySequence& keys, QPushButton* button) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, button, [button] {
            if (button->isEnabled())
                button->click();
        });
    };
    shortcut(QKeySequence::Open, m_openButton);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_startButton);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), m_startButton);
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Period), m_stopButton);
    shortcut(QKeySequence::Save, m_saveButton);
}

void BulkEnrichPanel::setParallel(int lookups)
{
    m_parallel = lookups;
    if (m_run && lookups > 0)
        m_run->setParallel(lookups);
}

// --- The file, its preview and its mapping ----------------------------------------------------------

void BulkEnrichPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a lead CSV"),
        m_path.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                         : QFileInfo(m_path).absolutePath(),
        tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool BulkEnrichPanel::openFile(const QString& path)
{
    if (isRunning())
        return false; // the buttons do not allow it; a test or a shortcut might
    ++m_generation;
    closeRun(true);
    m_path = path;
    m_savedPath.clear();
    m_header.clear();
    m_mapping.clear();
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_format->clear();
    m_banner->dismiss();
    m_file->setText(QDir::toNativeSeparators(path));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_banner->addMessage(
            tr("%1 could not be opened: %2").arg(QFileInfo(path).fileName(), file.errorString()),
            MessageBanner::Kind::Error);
        m_path.clear();
        showMappingCombos();
        updateButtons();
        return false;
    }
    auto opened = CsvReader::open(file);
    if (!opened) {
        m_banner->addMessage(tr("%1: %2").arg(QFileInfo(path).fileName(), opened.error()),
                             MessageBanner::Kind::Error);
        m_path.clear();
        showMappingCombos();
        updateButtons();
        return false;
    }
    CsvReader& csv = opened.value();
    m_header = csv.header();
    const QChar delimiter = csv.delimiter();
    const QString delimiterName = delimiter == u'\t'  ? tr("tab")
                                  : delimiter == u';' ? tr("semicolon “;”")
                                  : delimiter == u',' ? tr("comma “,”")
                                                      : QString(delimiter);
    m_format->setText(tr("Encoding: %1 · Delimiter: %2 · %3 columns")
                          .arg(csv.encodingName(), delimiterName)
                          .arg(m_header.size()));

    m_preview->setColumnCount(int(m_header.size()));
    m_preview->setHorizontalHeaderLabels(m_header);
    CsvRecord record;
    int rows = 0;
    while (rows < kPreviewRows && csv.next(record)) {
        m_preview->insertRow(rows);
        for (qsizetype column = 0; column < record.size() && column < m_header.size(); ++column)
            m_preview->setItem(rows, int(column), new QTableWidgetItem(record.field(column).toString()));
        m_preview->setVerticalHeaderItem(rows, new QTableWidgetItem(number(record.number())));
        ++rows;
    }
    m_preview->resizeColumnsToContents();

    m_mapping = LeadFile::guessMapping(m_header);
    showMappingCombos();
    prepare();
    return true;
}

void BulkEnrichPanel::showMappingCombos()
{
    const QStringList roles = LeadFile::roles();
    for (qsizetype i = 0; i < m_columnCombos.size(); ++i) {
        QComboBox* combo = m_columnCombos.at(i);
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(tr("(none)"), -1);
        for (qsizetype column = 0; column < m_header.size(); ++column)
            combo->addItem(tr("%1. %2").arg(column + 1).arg(m_header.at(column)), int(column));
        combo->setCurrentIndex(combo->findData(m_mapping.value(roles.at(i), -1)));
        // Once a run has started its rows are fixed: a new mapping means opening the file again.
        combo->setEnabled(!m_header.isEmpty() && (!m_run || m_run->state() == BulkEnrichment::State::Idle));
    }
}

QComboBox* BulkEnrichPanel::columnCombo(const QString& role) const
{
    const qsizetype index = LeadFile::roles().indexOf(role);
    return index >= 0 && index < m_columnCombos.size() ? m_columnCombos.at(index) : nullptr;
}

void BulkEnrichPanel::setColumn(const QString& role, int column)
{
    if (m_path.isEmpty() || (m_run && m_run->state() != BulkEnrichment::State::Idle) ||
        !LeadFile::roles().contains(role))
        return;
    // One column serves one role: a column taken from another role leaves that role without one.
    for (auto it = m_mapping.begin(); it != m_mapping.end();) {
        if (it.value() == column && it.key() != role)
            it = m_mapping.erase(it);
        else
            ++it;
    }
    if (column < 0)
        m_mapping.remove(role);
    else
        m_mapping.insert(role, column);
    ++m_generation;
    closeRun(true);
    showMappingCombos();
    prepare();
}

// --- Intake and estimate ------------------------------------------------------------------------------

QString BulkEnrichPanel::newJournalPath() const
{
    const QString base = QFileInfo(m_path).completeBaseName();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmsszzz"));
    QDir dir(m_journalDir);
    QString path = dir.filePath(QStringLiteral("%1-%2.journal").arg(stamp, base));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1-%2-%3.journal").arg(stamp, base).arg(n));
    return path;
}

void BulkEnrichPanel::prepare()
{
    m_estimate.reset();
    m_estimating = false;
    m_issues->clear();
    m_estimateLabel->clear();
    m_counts->clear();
    m_rate->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    const QString problem = LeadFile::mappingProblem(m_mapping, m_header.size());
    m_mappingProblem->setText(problem);
    m_mappingProblem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_report->setText(tr("Choose the columns to look up by before the file is read."));
        updateButtons();
        Q_EMIT prepared();
        return;
    }
    QDir().mkpath(m_journalDir);
    auto opened = BulkEnrichment::open(newJournalPath(), m_service);
    if (!opened) {
        m_banner->addMessage(opened.error(), MessageBanner::Kind::Error);
        updateButtons();
        Q_EMIT prepared();
        return;
    }
    std::shared_ptr<BulkEnrichment> run(std::move(opened).value().release());
    (void)run->setNote(kNoteInput, m_path);
    LeadFileOptions options;
    options.mapping = m_mapping;
    options.maxListed = kListedIssues;
    auto intake = BulkIntake::open(m_path, *run, options);
    if (!intake) {
        const QString journal = run->journalPath();
        run.reset();
        removeJournal(journal);
        m_banner->addMessage(intake.error(), MessageBanner::Kind::Error);
        m_report->setText(intake.error());
        updateButtons();
        Q_EMIT prepared();
        return;
    }
    m_intake = std::move(intake).value();
    adoptRun(std::move(run));
    m_report->setText(tr("Reading the file…"));
    m_progress->setRange(0, 1000);
    m_intakeTimer->start();
    updateButtons();
}

void BulkEnrichPanel::readSlice()
{
    if (!m_intake) {
        m_intakeTimer->stop();
        return;
    }
    auto stepped = m_intake->step(kRowsPerSlice);
    if (!stepped) {
        m_intakeTimer->stop();
        m_intake.reset();
        m_banner->addMessage(stepped.error(), MessageBanner::Kind::Error);
        m_report->setText(stepped.error());
        updateButtons();
        Q_EMIT prepared();
        return;
    }
    const qint64 total = m_intake->totalBytes();
    if (total > 0)
        m_progress->setValue(int(m_intake->bytesRead() * 1000 / total));
    m_counts->setText(tr("Reading the file: %1 rows so far").arg(number(m_intake->report().rows)));
    if (!stepped.value())
        finishIntake();
}

void BulkEnrichPanel::finishIntake()
{
    m_intakeTimer->stop();
    const LeadIntakeReport report = m_intake->report();
    m_intake.reset();
    (void)m_run->setNote(kNoteIntake, QStringLiteral("complete"));

    QStringList lines;
    lines << tr("%1 rows: %2 to look up, %3 duplicates within the file, %4 invalid, %5 blank.")
                 .arg(number(report.rows), number(report.uniqueRows), number(report.duplicateRows),
                      number(report.invalidRows), number(report.blankRows));
    if (report.invalidBytes)
        lines << tr("Some bytes were not valid %1 and read as “�”: check the file's encoding.")
                     .arg(report.encoding);
    if (!report.error.isEmpty())
        lines << tr("Reading stopped early: %1 Only the rows before it are in the run.").arg(report.error);
    m_report->setText(lines.join(u'\n'));
    for (const LeadIssue& issue : report.invalid)
        m_issues->addItem(issue.message);
    for (const LeadDuplicate& duplicate : report.duplicates)
        m_issues->addItem(tr("Row %1: the same lead as row %2 (skipped).")
                              .arg(number(duplicate.row), number(duplicate.firstRow)));
    const qint64 unlisted = report.invalidRows + report.duplicateRows - m_issues->count();
    if (unlisted > 0)
        m_issues->addItem(tr("… and %1 more").arg(number(unlisted)));

    m_estimateLabel->setText(tr("Estimating the cost…"));
    m_estimating = true;
    showProgress();
    updateButtons();
    const quint64 generation = m_generation;
    QCoro::connect(estimateKeepingAlive(m_run, &m_service, m_cache), this,
                   [this, generation](const BulkEstimate& estimate) {
                       if (generation != m_generation)
                           return; // another file or mapping since
                       m_estimating = false;
                       showEstimate(estimate);
                       updateButtons();
                       Q_EMIT prepared();
                   });
}

void BulkEnrichPanel::showEstimate(const BulkEstimate& estimate)
{
    m_estimate = estimate;
    if (estimate.rows == 0) {
        m_estimateLabel->setText(tr("Nothing to look up."));
        return;
    }
    m_estimateLabel->setText(tr("%1 rows to look up; %2 already in the cache (free). Estimated cost: %3 "
                                "expected, %4 at worst.")
                                 .arg(number(estimate.rows), number(estimate.alreadyCached),
                                      estimate.expected.toString(), estimate.worstCase.toString()));
}

// --- The run ------------------------------------------------------------------------------------------

void BulkEnrichPanel::adoptRun(std::shared_ptr<BulkEnrichment> run)
{
    m_run = std::move(run);
    if (m_parallel > 0)
        m_run->setParallel(m_parallel);
    connect(m_run.get(), &BulkEnrichment::progressed, this, [this] {
        showProgress();
        Q_EMIT runProgressed();
    });
    connect(m_run.get(), &BulkEnrichment::stateChanged, this, &BulkEnrichPanel::onStateChanged);
}

void BulkEnrichPanel::closeRun(bool deleteJournalIfUnstarted)
{
    m_intakeTimer->stop();
    m_intake.reset();
    if (!m_run)
        return;
    m_run->disconnect(this);
    if (m_run->state() == BulkEnrichment::State::Running)
        m_run->stop();
    const bool started = m_run->note(kNoteStarted) == u"1";
    const QString journal = m_run->journalPath();
    m_run.reset();
    if (deleteJournalIfUnstarted && !started)
        removeJournal(journal); // read but never run: nothing in it a person would want back
    if (!m_pauseMessage.isEmpty())
        m_banner->removeMessage(m_pauseMessage);
    m_pauseMessage.clear();
}

bool BulkEnrichPanel::isPreparing() const
{
    return m_intake != nullptr || m_estimating;
}

bool BulkEnrichPanel::isRunning() const
{
    return m_run && m_run->state() == BulkEnrichment::State::Running;
}

bool BulkEnrichPanel::confirmStart(const BulkEstimate& estimate)
{
    if (m_confirm)
        return m_confirm(estimate);
    QMessageBox box(
        QMessageBox::Question, tr("Start the bulk run?"),
        tr("%1 rows will be looked up (%2 come from the cache, free).\n\nExpected cost: %3\nWorst "
           "case: %4\n\nMoney is spent with the providers as the run goes; you can pause or stop it "
           "at any time.")
            .arg(number(estimate.rows), number(estimate.alreadyCached), estimate.expected.toString(),
                 estimate.worstCase.toString()),
        QMessageBox::NoButton, this);
    QPushButton* go = box.addButton(tr("&Start run"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

void BulkEnrichPanel::startRun()
{
    if (!m_run || isPreparing() || isRunning() || !m_estimate)
        return;
    if (m_estimate->rows > m_estimate->alreadyCached && !confirmStart(*m_estimate)) {
        m_counts->setText(tr("Not started: nothing was looked up, and nothing was spent."));
        return;
    }
    (void)m_run->setNote(kNoteStarted, QStringLiteral("1"));
    m_run->start();
    updateButtons();
}

void BulkEnrichPanel::pauseRun()
{
    if (m_run)
        m_run->pause();
}

void BulkEnrichPanel::resumeRun()
{
    if (!m_run || isRunning())
        return;
    m_run->resume();
    updateButtons();
}

void BulkEnrichPanel::stopRun()
{
    if (m_run)
        m_run->stop();
}

void BulkEnrichPanel::retryFailed()
{
    if (!m_run || isRunning() || m_run->progress().failed == 0)
        return;
    m_run->retryFailed();
    m_run->start();
    updateButtons();
}

void BulkEnrichPanel::retryInDoubt()
{
    if (!m_run || isRunning())
        return;
    const qint64 rows = m_run->progress().inDoubt;
    if (rows == 0)
        return;
    bool yes = false;
    if (m_confirmInDoubt) {
        yes = m_confirmInDoubt(rows);
    } else {
        yes = QMessageBox::warning(
                  this, tr("Retry rows in doubt?"),
                  tr("%1 rows were being looked up when the console stopped. The providers may "
                     "already have answered, and charged for, them: asking again may pay for "
                     "them twice.\n\nAsk them again?")
                      .arg(number(rows)),
                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    }
    if (!yes)
        return;
    m_run->retryInDoubt();
    m_run->start();
    updateButtons();
}

void BulkEnrichPanel::onStateChanged(BulkEnrichment::State state)
{
    if (!m_pauseMessage.isEmpty()) {
        m_banner->removeMessage(m_pauseMessage);
        m_pauseMessage.clear();
    }
    if (state == BulkEnrichment::State::Paused && !m_run->pauseReason().isEmpty()) {
        m_pauseMessage = tr("The run paused: %1 Resume when it can go on.").arg(m_run->pauseReason());
        m_banner->addMessage(m_pauseMessage, MessageBanner::Kind::Warning);
    }
    if ((state == BulkEnrichment::State::Finished || state == BulkEnrichment::State::Stopped) &&
        m_run->progress().inDoubt > 0) {
        m_banner->addMessage(
            tr("%1 rows are in doubt: they were being looked up when the console stopped and may "
               "have been paid for. They are not asked again unless you choose “Retry in-doubt "
               "rows”.")
                .arg(number(m_run->progress().inDoubt)));
    }
    showProgress();
    updateButtons();
    showMappingCombos();
    Q_EMIT runStateChanged(state);
}

void BulkEnrichPanel::showProgress()
{
    if (!m_run || m_intake)
        return;
    const BulkProgress p = m_run->progress();
    const qint64 total = qMax<qint64>(p.total, 1);
    // The bar counts in thousandths so a run of millions still fits an int.
    m_progress->setRange(0, 1000);
    m_progress->setValue(int((p.done + p.failed + p.inDoubt) * 1000 / total));
    m_progress->setFormat(tr("%1 of %2 rows").arg(number(p.done + p.failed + p.inDoubt), number(p.total)));
    m_counts->setText(tr("Answered %1 · from the cache %2 · failed %3 · in doubt %4 · skipped %5 · spent %6")
                          .arg(number(p.done), number(p.cached), number(p.failed), number(p.inDoubt),
                               number(p.skipped), p.spent.toString()));
    QString rate;
    if (m_run->state() == BulkEnrichment::State::Running && p.rowsPerMinute > 0) {
        rate = tr("%1 rows/min").arg(QLocale().toString(p.rowsPerMinute, 'f', 0));
        if (p.eta) {
            const qint64 seconds = p.eta->count();
            rate += u' ' + (seconds < 90 ? tr("· about %1 s left").arg(seconds)
                                         : tr("· about %1 min left").arg((seconds + 30) / 60));
        }
    } else if (m_run->state() == BulkEnrichment::State::Finished) {
        rate = tr("Finished");
    } else if (m_run->state() == BulkEnrichment::State::Paused) {
        rate = tr("Paused");
    } else if (m_run->state() == BulkEnrichment::State::Stopped) {
        rate = tr("Stopped");
    }
    m_rate->setText(rate);
}

void BulkEnrichPanel::updateButtons()
{
    const bool preparing = isPreparing();
    const bool running = isRunning();
    const BulkEnrichment::State state = m_run ? m_run->state() : BulkEnrichment::State::Idle;
    const BulkProgress p = m_run ? m_run->progress() : BulkProgress{};
    const bool started = m_run && state != BulkEnrichment::State::Idle;
    m_openButton->setEnabled(!running);
    m_startButton->setEnabled(m_run && !preparing && !started && m_estimate && m_estimate->rows > 0 &&
                              m_mappingProblem->isHidden());
    m_pauseButton->setEnabled(running);
    m_resumeButton->setEnabled(
        m_run && (state == BulkEnrichment::State::Paused || state == BulkEnrichment::State::Stopped) &&
        p.pending() > 0);
    m_stopButton->setEnabled(running || state == BulkEnrichment::State::Paused);
    const bool ended = state == BulkEnrichment::State::Finished || state == BulkEnrichment::State::Stopped ||
                       state == BulkEnrichment::State::Paused;
    m_retryFailedButton->setEnabled(ended && p.failed > 0);
    m_retryInDoubtButton->setEnabled(ended && p.inDoubt > 0);
    m_saveButton->setEnabled(m_run && !preparing && !running && m_run->isLoaded() && started);
    m_importButton->setEnabled(!running);
    m_writeBackButton->setEnabled(!running && !m_savedPath.isEmpty());
}

// --- Results ------------------------------------------------------------------------------------------

QString BulkEnrichPanel::defaultOutputPath() const
{
    QString input = m_path;
    if (input.isEmpty() && m_run)
        input = m_run->note(kNoteInput);
    if (input.isEmpty())
        return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("leads-enriched.csv"));
    const QFileInfo info(input);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral("-enriched.csv"));
}

void BulkEnrichPanel::chooseOutput()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the enriched leads"),
                                                      defaultOutputPath(), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        saveResults(path);
}

bool BulkEnrichPanel::saveResults(const QString& path)
{
    if (!m_run)
        return false;
    auto written = m_run->writeOutput(path);
    if (!written) {
        m_banner->addMessage(written.error(), MessageBanner::Kind::Error);
        return false;
    }
    m_counts->setText(
        m_counts->text() + u'\n' +
        tr("Saved %1 rows to %2.").arg(number(written.value()), QDir::toNativeSeparators(path)));
    m_savedPath = path;
    updateButtons();
    return true;
}

// --- Journals left by earlier runs -------------------------------------------------------------------

void BulkEnrichPanel::findUnfinishedRun()
{
    m_offeredPath.clear();
    m_offer->hide();
    const QString current = m_run ? m_run->journalPath() : QString();
    const QFileInfoList journals =
        QDir(m_journalDir).entryInfoList({QStringLiteral("*.journal")}, QDir::Files, QDir::Time);
    for (const QFileInfo& info : journals) {
        const QString path = info.absoluteFilePath();
        if (path == QFileInfo(current).absoluteFilePath())
            continue;
        auto opened = BulkEnrichment::open(path, m_service);
        if (!opened)
            continue;
        std::unique_ptr<BulkEnrichment> run = std::move(opened).value();
        if (run->note(kNoteStarted) != u"1") {
            // A file read but never run: nothing a person would want back. Left alone for a day in case
            // another window is still preparing it.
            if (info.lastModified().secsTo(QDateTime::currentDateTime()) > 24 * 60 * 60) {
                const QString journal = run->journalPath();
                delete run.release();
                removeJournal(journal);
            }
            continue;
        }
        const BulkProgress p = run->progress();
        if (p.pending() == 0 && p.inDoubt == 0)
            continue;
        m_offeredPath = path;
        const QString input = QFileInfo(run->note(kNoteInput)).fileName();
        QString text = tr("A bulk run of %1 did not finish: %2 of %3 rows answered, %4 spent.")
                           .arg(input.isEmpty() ? tr("a lead file") : input, number(p.done), number(p.total),
                                p.spent.toString());
        if (p.pending() > 0)
            text += u' ' + tr("Resuming asks only the %1 rows not yet answered.").arg(number(p.pending()));
        text +=
            u' ' + tr("Rows that were being looked up when it stopped are taken from the cache when their "
                      "answer reached it; the rest are put “in doubt” (they may have been paid for) and are "
                      "asked again only if you choose to.");
        m_offerText->setText(text);
        m_offer->show();
        break; // the newest one
    }
}

void BulkEnrichPanel::resumeOffered()
{
    if (m_offeredPath.isEmpty() || isRunning())
        return;
    auto opened = BulkEnrichment::open(m_offeredPath, m_service);
    m_offer->hide();
    m_offeredPath.clear();
    if (!opened) {
        m_banner->addMessage(opened.error(), MessageBanner::Kind::Error);
        return;
    }
    ++m_generation;
    closeRun(true);
    m_estimate.reset();
    std::shared_ptr<BulkEnrichment> run(std::move(opened).value().release());
    m_path = run->note(kNoteInput);
    m_savedPath.clear();
    m_header.clear();
    m_mapping.clear();
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_format->clear();
    m_issues->clear();
    m_file->setText(tr("%1 (resumed)").arg(QDir::toNativeSeparators(m_path)));
    m_report->setText(tr("Resumed from its journal: rows already answered are not asked again."));
    m_estimateLabel->clear();
    showMappingCombos();
    adoptRun(std::move(run));
    m_run->start();
    showProgress();
    updateButtons();
}

void BulkEnrichPanel::discardOffered()
{
    if (m_offeredPath.isEmpty())
        return;
    removeJournal(m_offeredPath);
    m_offeredPath.clear();
    m_offer->hide();
}

QString BulkEnrichPanel::fileText() const
{
    return m_file->text();
}
QString BulkEnrichPanel::formatText() const
{
    return m_format->text();
}
QString BulkEnrichPanel::mappingProblemText() const
{
    return m_mappingProblem->isHidden() ? QString() : m_mappingProblem->text();
}
QString BulkEnrichPanel::reportText() const
{
    return m_report->text();
}
QString BulkEnrichPanel::estimateText() const
{
    return m_estimateLabel->text();
}
QString BulkEnrichPanel::progressText() const
{
    return m_counts->text();
}
QString BulkEnrichPanel::rateText() const
{
    return m_rate->text();
}
QString BulkEnrichPanel::offerText() const
{
    return m_offer->isHidden() ? QString() : m_offerText->text();
}

} // namespace agency
