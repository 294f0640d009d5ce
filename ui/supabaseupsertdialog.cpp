#include "supabaseupsertdialog.h"

#include "ui/messagebanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agency {

namespace {

// The console's own tables (the simulator and a fresh project have them); any other name can be typed.
const QStringList& knownTables()
{
    static const QStringList tables = {QStringLiteral("leads"), QStringLiteral("companies"),
                                       QStringLiteral("campaigns")};
    return tables;
}

QStringList splitColumns(const QString& text)
{
    QStringList columns;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            columns.append(part.trimmed());
    }
    return columns;
}

} // namespace

SupabaseUpsertDialog::SupabaseUpsertDialog(ProviderHub& hub, ConsoleSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_engine(hub, settings)
{
    setObjectName(QStringLiteral("supabaseUpsertDialog"));
    setWindowTitle(tr("Upsert enriched rows into Supabase"));
    auto* layout = new QVBoxLayout(this);
    m_banner = new MessageBanner(this);
    layout->addWidget(m_banner);

    auto* form = new QFormLayout;
    auto* fileRow = new QHBoxLayout;
    m_csvPath = new QLineEdit(this);
    m_csvPath->setObjectName(QStringLiteral("csvPathEdit"));
    m_csvPath->setPlaceholderText(tr("The bulk run's output CSV"));
    m_csvPath->setReadOnly(true);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &SupabaseUpsertDialog::browse);
    fileRow->addWidget(m_csvPath, 1);
    fileRow->addWidget(browseButton);
    form->addRow(tr("Enriched CSV"), fileRow);

    auto* tableRow = new QHBoxLayout;
    m_table = new QComboBox(this);
    m_table->setObjectName(QStringLiteral("tableCombo"));
    m_table->setEditable(true);
    m_table->addItems(knownTables());
    m_table->setToolTip(tr("The table in the agency's Supabase project (public schema)."));
    connect(m_table, &QComboBox::currentTextChanged, this, &SupabaseUpsertDialog::planChanged);
    m_loadColumns = new QPushButton(tr("Load columns"), this);
    m_loadColumns->setObjectName(QStringLiteral("loadColumnsButton"));
    m_loadColumns->setToolTip(tr("Reads one row of the table to learn its columns."));
    connect(m_loadColumns, &QPushButton::clicked, this, &SupabaseUpsertDialog::loadColumns);
    tableRow->addWidget(m_table, 1);
    tableRow->addWidget(m_loadColumns);
    form->addRow(tr("Table"), tableRow);

    m_onConflict = new QLineEdit(this);
    m_onConflict->setObjectName(QStringLiteral("onConflictEdit"));
    m_onConflict->setPlaceholderText(tr("email"));
    m_onConflict->setToolTip(tr("The table's unique column(s), comma-separated: a row with the same value "
                                "updates the existing row instead of adding one."));
    connect(m_onConflict, &QLineEdit::textChanged, this, &SupabaseUpsertDialog::planChanged);
    form->addRow(tr("Key (on_conflict)"), m_onConflict);
    layout->addLayout(form);

    m_mapping = new QTableWidget(0, 2, this);
    m_mapping->setObjectName(QStringLiteral("mappingTable"));
    m_mapping->setHorizontalHeaderLabels({tr("CSV column"), tr("Table column")});
    m_mapping->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_mapping->verticalHeader()->setVisible(false);
    m_mapping->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_mapping, 2);

    m_includeUnenriched =
        new QCheckBox(tr("Include rows the bulk run did not enrich (failed, skipped)"), this);
    m_includeUnenriched->setObjectName(QStringLiteral("includeUnenrichedCheck"));
    connect(m_includeUnenriched, &QCheckBox::toggled, this, &SupabaseUpsertDialog::planChanged);
    m_emptyAsNull = new QCheckBox(tr("Send empty cells as empty (overwrites what the table has)"), this);
    m_emptyAsNull->setObjectName(QStringLiteral("emptyAsNullCheck"));
    connect(m_emptyAsNull, &QCheckBox::toggled, this, &SupabaseUpsertDialog::planChanged);
    layout->addWidget(m_includeUnenriched);
    layout->addWidget(m_emptyAsNull);

    m_countsLabel = new QLabel(tr("Run a dry run to see what the upsert would do."), this);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_countsLabel->setWordWrap(true);
    layout->addWidget(m_countsLabel);
    m_skips = new QListWidget(this);
    m_skips->setObjectName(QStringLiteral("skipList"));
    m_skips->setMaximumHeight(90);
    m_skips->setVisible(false);
    layout->addWidget(m_skips);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);

    auto* buttons = new QDialogButtonBox(this);
    m_dryRun = buttons->addButton(tr("Dry run"), QDialogButtonBox::ActionRole);
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_upsert = buttons->addButton(tr("Upsert"), QDialogButtonBox::AcceptRole);
    m_upsert->setObjectName(QStringLiteral("upsertButton"));
    m_upsert->setEnabled(false);
    m_upsert->setToolTip(tr("Run a dry run first."));
    m_cancelButton = buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    // The box's accept/reject would close the dialog: each button does its own job instead.
    connect(m_dryRun, &QPushButton::clicked, this, &SupabaseUpsertDialog::dryRun);
    connect(m_upsert, &QPushButton::clicked, this, &SupabaseUpsertDialog::upsert);
    connect(m_cancelButton, &QPushButton::clicked, this, &SupabaseUpsertDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    m_cancelButton->setEnabled(false);
    layout->addWidget(buttons);

    connect(&m_engine, &LeadUpsert::progressed, this, [this](qint64 rows, qint64 read, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(read * 1000 / total));
        }
        m_status->setText(m_counts ? tr("%1 rows written…").arg(QLocale().toString(m_writtenSoFar + rows))
                                   : tr("%1 rows checked…").arg(QLocale().toString(rows)));
    });
    resize(720, 620);
}

SupabaseUpsertDialog::~SupabaseUpsertDialog()
{
    if (m_cancel)
        m_cancel->cancel();
}

void SupabaseUpsertDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Enriched CSV"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        setCsvPath(path);
}

void SupabaseUpsertDialog::setCsvPath(const QString& path)
{
    m_csvPath->setText(path);
    auto header = LeadUpsert::readHeader(path);
    m_filling = true;
    m_mapping->setRowCount(0);
    m_header.clear();
    if (!header) {
        m_filling = false;
        showError(header.error());
        planChanged();
        return;
    }
    m_header = header.value();
    m_mapping->setRowCount(int(m_header.size()));
    for (int row = 0; row < m_header.size(); ++row) {
        m_mapping->setItem(row, 0, new QTableWidgetItem(m_header.at(row)));
        auto* combo = new QComboBox(m_mapping);
        combo->setEditable(true);
        combo->setObjectName(QStringLiteral("mapping_%1").arg(row));
        connect(combo, &QComboBox::currentTextChanged, this, &SupabaseUpsertDialog::planChanged);
        m_mapping->setCellWidget(row, 1, combo);
    }
    m_filling = false;
    setTableColumns(m_tableColumns);
}

void SupabaseUpsertDialog::setTable(const QString& table)
{
    m_table->setCurrentText(table);
}

void SupabaseUpsertDialog::setTableColumns(const QStringList& columns)
{
    m_tableColumns = columns;
    m_filling = true;
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        QComboBox* combo = comboFor(row);
        const QString current = combo->currentText();
        combo->clear();
        combo->addItem(QString());
        combo->addItems(columns);
        combo->setCurrentText(current);
    }
    m_filling = false;
    applyGuess();
}

void SupabaseUpsertDialog::applyGuess()
{
    if (m_tableColumns.isEmpty() || m_header.isEmpty())
        return;
    const QMap<QString, QString> guess = LeadUpsert::guessMapping(m_header, m_tableColumns);
    m_filling = true;
    for (int row = 0; row < m_mapping->rowCount(); ++row)
        comboFor(row)->setCurrentText(guess.value(m_header.at(row)));
    if (m_onConflict->text().trimmed().isEmpty()) {
        const QStringList mapped = guess.values();
        if (mapped.contains(QStringLiteral("email")))
            m_onConflict->setText(QStringLiteral("email"));
        else if (mapped.contains(QStringLiteral("id")))
            m_onConflict->setText(QStringLiteral("id"));
    }
    m_filling = false;
    planChanged();
}

void SupabaseUpsertDialog::setMapping(const QString& csvColumn, const QString& tableColumn)
{
    const int row = int(m_header.indexOf(csvColumn));
    if (row >= 0)
        comboFor(row)->setCurrentText(tableColumn);
}

void SupabaseUpsertDialog::setOnConflict(const QStringList& columns)
{
    m_onConflict->setText(columns.join(QStringLiteral(", ")));
}

void SupabaseUpsertDialog::setIncludeUnenriched(bool include)
{
    m_includeUnenriched->setChecked(include);
}

QComboBox* SupabaseUpsertDialog::comboFor(int row) const
{
    return static_cast<QComboBox*>(m_mapping->cellWidget(row, 1));
}

LeadUpsertPlan SupabaseUpsertDialog::plan() const
{
    LeadUpsertPlan plan;
    plan.csvPath = m_csvPath->text();
    plan.table = m_table->currentText().trimmed();
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        const QString column = comboFor(row)->currentText().trimmed();
        if (!column.isEmpty())
            plan.mapping.insert(m_header.value(row), column);
    }
    plan.onConflict = splitColumns(m_onConflict->text());
    plan.includeUnenriched = m_includeUnenriched->isChecked();
    plan.emptyAsNull = m_emptyAsNull->isChecked();
    plan.batchSize = m_batchSize;
    return plan;
}

void SupabaseUpsertDialog::planChanged()
{
    if (m_filling)
        return;
    // A dry run counts one plan: any change asks for a new one before anything is written.
    m_counts.reset();
    m_resumeAfter = 0;
    m_writtenSoFar = 0;
    m_upsert->setText(tr("Upsert"));
    m_upsert->setEnabled(false);
    m_skips->clear();
    m_skips->setVisible(false);
    m_countsLabel->setText(tr("Run a dry run to see what the upsert would do."));
}

void SupabaseUpsertDialog::setBusy(bool busy)
{
    m_dryRun->setEnabled(!busy);
    m_upsert->setEnabled(!busy && m_counts.has_value());
    m_loadColumns->setEnabled(!busy);
    m_mapping->setEnabled(!busy);
    m_table->setEnabled(!busy);
    m_onConflict->setEnabled(!busy);
    m_includeUnenriched->setEnabled(!busy);
    m_emptyAsNull->setEnabled(!busy);
    m_cancelButton->setEnabled(busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_banner->dismiss();
    }
}

void SupabaseUpsertDialog::showError(const QString& message)
{
    m_banner->addMessage(message, MessageBanner::Kind::Error);
}

QString SupabaseUpsertDialog::countsText() const
{
    return m_countsLabel->text();
}

QString SupabaseUpsertDialog::statusText() const
{
    return m_status->text();
}

void SupabaseUpsertDialog::loadColumns()
{
    if (m_cancel)
        return;
    m_cancel = CancelToken();
    setBusy(true);
    m_status->setText(tr("Reading the columns of %1…").arg(m_table->currentText()));
    QCoro::connect(m_engine.tableColumns(m_table->currentText().trimmed()), this,
                   [this](const Result<QStringList, QString>& columns) {
                       m_cancel.reset();
                       setBusy(false);
                       m_status->clear();
                       if (!columns)
                           showError(columns.error());
                       else if (columns->isEmpty())
                           showError(tr("The table is empty, so its columns could not be read: type them "
                                        "in the mapping."));
                       else
                           setTableColumns(columns.value());
                       Q_EMIT columnsLoaded();
                   });
}

void SupabaseUpsertDialog::dryRun()
{
    if (m_cancel)
        return;
    const LeadUpsertPlan plan = this->plan();
    if (const QString problem = LeadUpsert::planProblem(plan); !problem.isEmpty()) {
        showError(problem);
        Q_EMIT dryRunFinished();
        return;
    }
    planChanged();
    m_cancel = CancelToken();
    setBusy(true);
    m_status->setText(tr("Looking up the keys…"));
    QCoro::connect(m_engine.dryRun(plan, *m_cancel), this,
                   [this](const Result<LeadUpsertCounts, QString>& counts) { finishDryRun(counts); });
}

void SupabaseUpsertDialog::finishDryRun(const Result<LeadUpsertCounts, QString>& counts)
{
    m_cancel.reset();
    m_status->clear();
    if (!counts) {
        setBusy(false);
        showError(counts.error());
        Q_EMIT dryRunFinished();
        return;
    }
    const QLocale locale;
    m_counts = counts.value();
    setBusy(false);
    m_countsLabel->setText(
        tr("Dry run of %1 rows: %2 new, %3 update an existing row, %4 skipped. Nothing was "
           "written.")
            .arg(locale.toString(counts->rows), locale.toString(counts->toInsert),
                 locale.toString(counts->toUpdate), locale.toString(counts->skipped)));
    for (const LeadUpsertSkip& skip : counts->skips)
        m_skips->addItem(skip.reason);
    m_skips->setVisible(!counts->skips.isEmpty());
    m_upsert->setEnabled(counts->toWrite() > 0);
    Q_EMIT dryRunFinished();
}

void SupabaseUpsertDialog::upsert()
{
    if (m_cancel || !m_counts)
        return;
    m_cancel = CancelToken();
    setBusy(true);
    m_status->setText(tr("Writing…"));
    QCoro::connect(m_engine.upsert(plan(), m_resumeAfter, *m_cancel), this,
                   [this](const LeadUpsertOutcome& outcome) { finishUpsert(outcome); });
}

void SupabaseUpsertDialog::finishUpsert(const LeadUpsertOutcome& outcome)
{
    m_cancel.reset();
    const QLocale locale;
    m_writtenSoFar += outcome.written;
    m_resumeAfter = outcome.requestsDone;
    setBusy(false);
    if (outcome.complete()) {
        m_status->setText(tr("Done: %1 rows written to %2; %3 skipped.")
                              .arg(locale.toString(m_writtenSoFar), m_table->currentText(),
                                   locale.toString(outcome.skipped)));
        m_upsert->setText(tr("Upsert"));
        m_upsert->setEnabled(false); // written: a new dry run shows what another upsert would do
        m_resumeAfter = 0;
    } else {
        if (outcome.failure)
            showError(outcome.failure->message);
        else if (!outcome.error.isEmpty())
            showError(outcome.error);
        m_status->setText(outcome.cancelled
                              ? tr("Cancelled after %1 rows; Continue goes on from there.")
                                    .arg(locale.toString(m_writtenSoFar))
                              : tr("Stopped after %1 rows.").arg(locale.toString(m_writtenSoFar)));
        m_upsert->setText(tr("Continue"));
    }
    Q_EMIT upsertFinished();
}

void SupabaseUpsertDialog::cancel()
{
    if (!m_cancel)
        return;
    m_cancel->cancel();
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Cancelling after the batch in flight…"));
}

} // namespace agency
