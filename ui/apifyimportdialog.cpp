#include "apifyimportdialog.h"

#include "ui/messagebanner.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <limits>

namespace agency {

namespace {

QString elapsedText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ApifyImportDialog::ApifyImportDialog(ProviderHub& hub, ConsoleSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_import(hub, settings)
{
    setObjectName(QStringLiteral("apifyImportDialog"));
    setWindowTitle(tr("Import from an Apify Actor"));
    auto* layout = new QVBoxLayout(this);
    m_banner = new MessageBanner(this);
    layout->addWidget(m_banner);

    auto* form = new QFormLayout;
    m_actor = new QLineEdit(this);
    m_actor->setObjectName(QStringLiteral("actorEdit"));
    m_actor->setPlaceholderText(tr("username~actor-name, or the Actor's id"));
    connect(m_actor, &QLineEdit::textChanged, this, &ApifyImportDialog::validate);
    form->addRow(tr("Actor"), m_actor);

    m_input = new QPlainTextEdit(this);
    m_input->setObjectName(QStringLiteral("inputEdit"));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setPlaceholderText(QStringLiteral("{\n  \"queries\": \"digital agencies sydney\"\n}"));
    m_input->setTabChangesFocus(true);
    connect(m_input, &QPlainTextEdit::textChanged, this, &ApifyImportDialog::validate);
    form->addRow(tr("Input (JSON)"), m_input);
    m_inputNote = new QLabel(this);
    m_inputNote->setObjectName(QStringLiteral("inputNote"));
    m_inputNote->setWordWrap(true);
    form->addRow(QString(), m_inputNote);

    auto* outputRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    m_output->setObjectName(QStringLiteral("outputEdit"));
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    connect(browseButton, &QPushButton::clicked, this, &ApifyImportDialog::browse);
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browseButton);
    form->addRow(tr("Save items to"), outputRow);

    m_cap = new QLineEdit(QStringLiteral("5.00"), this);
    m_cap->setObjectName(QStringLiteral("capEdit"));
    m_cap->setToolTip(tr("Apify stops charging the run at this amount; the budget reserves it until the "
                         "run's real cost is known."));
    connect(m_cap, &QLineEdit::textChanged, this, &ApifyImportDialog::validate);
    form->addRow(tr("Cost cap (USD)"), m_cap);
    layout->addLayout(form, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    auto* buttons = new QDialogButtonBox(this);
    m_run = buttons->addButton(tr("Run"), QDialogButtonBox::ActionRole);
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancelButton = buttons->addButton(tr("Cancel run"), QDialogButtonBox::ActionRole);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setEnabled(false);
    auto* close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_run, &QPushButton::clicked, this, &ApifyImportDialog::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &ApifyImportDialog::cancel);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(&m_import, &ApifyImport::statusChanged, this,
            [this](const QString& status, const QString& message, qint64 elapsedMs) {
                m_status->setText(message.isEmpty()
                                      ? tr("%1 · %2").arg(status, elapsedText(elapsedMs))
                                      : tr("%1 · %2 · %3").arg(status, elapsedText(elapsedMs), message));
            });
    connect(&m_import, &ApifyImport::itemsRead, this, [this](qint64 read, qint64 total) {
        m_progress->setRange(0, int(qMin<qint64>(total, std::numeric_limits<int>::max())));
        m_progress->setValue(int(qMin(read, total)));
        m_status->setText(
            tr("Reading items: %1 of %2").arg(QLocale().toString(read), QLocale().toString(total)));
    });
    m_output->setText(defaultOutputPath());
    validate();
    resize(640, 560);
}

ApifyImportDialog::~ApifyImportDialog()
{
    if (m_cancel)
        m_cancel->cancel();
}

QString ApifyImportDialog::defaultOutputPath() const
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder).filePath(
        QStringLiteral("apify-%1.csv")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
}

void ApifyImportDialog::browse()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save items to"), m_output->text(), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        m_output->setText(path);
}

void ApifyImportDialog::setActorId(const QString& actorId)
{
    m_actor->setText(actorId);
}

void ApifyImportDialog::setInputText(const QString& json)
{
    m_input->setPlainText(json);
}

void ApifyImportDialog::setOutputPath(const QString& path)
{
    m_output->setText(path);
}

void ApifyImportDialog::setMaxChargeUsd(const QString& amount)
{
    m_cap->setText(amount);
}

QString ApifyImportDialog::inputProblem() const
{
    return m_inputNote->text();
}

QString ApifyImportDialog::statusText() const
{
    return m_status->text();
}

QString ApifyImportDialog::resultText() const
{
    return m_result->text();
}

void ApifyImportDialog::validate()
{
    const auto input = ApifyImport::parseInput(m_input->toPlainText());
    m_inputNote->setText(input ? QString() : input.error());
    m_inputNote->setStyleSheet(input ? QString() : QStringLiteral("color: #b3261e;"));
    const bool actorOk = ApifyImport::actorIdProblem(m_actor->text()).isEmpty();
    const bool capOk = Money::parse(m_cap->text().trimmed() + QStringLiteral(" USD")).has_value();
    m_run->setEnabled(!m_cancel && input.ok() && actorOk && capOk);
}

void ApifyImportDialog::setRunning(bool running)
{
    m_actor->setEnabled(!running);
    m_input->setReadOnly(running);
    m_output->setEnabled(!running);
    m_cap->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_progress->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0); // busy until the items are read
        m_banner->dismiss();
        m_result->clear();
    }
    validate();
}

void ApifyImportDialog::run()
{
    if (m_cancel)
        return;
    ApifyImportRequest request;
    request.actorId = m_actor->text().trimmed();
    request.input = m_input->toPlainText();
    request.outputPath = m_output->text().trimmed();
    request.maxTotalCharge = Money::parse(m_cap->text().trimmed() + QStringLiteral(" USD"));
    m_cancel = CancelToken();
    setRunning(true);
    m_status->setText(tr("Starting %1…").arg(request.actorId));
    QCoro::connect(m_import.run(request, *m_cancel), this,
                   [this](const Result<ApifyImportResult, QString>& result) { finish(result); });
}

void ApifyImportDialog::finish(const Result<ApifyImportResult, QString>& result)
{
    m_cancel.reset();
    setRunning(false);
    if (!result) {
        m_banner->addMessage(result.error(), MessageBanner::Kind::Error);
        Q_EMIT finished();
        return;
    }
    m_lastCsv = result->csvPath;
    const QString cost = result->cost ? tr("cost %1").arg(result->cost->toString()) : result->costNote;
    m_result->setText(tr("%1 items in %2 columns → %3\nRun %4 · %5")
                          .arg(QLocale().toString(result->items))
                          .arg(result->header.size())
                          .arg(QDir::toNativeSeparators(result->csvPath), result->runId, cost));
    m_status->setText(tr("Done."));
    Q_EMIT imported(result->csvPath);
    Q_EMIT finished();
}

void ApifyImportDialog::cancel()
{
    if (!m_cancel)
        return;
    m_cancel->cancel();
    m_cancelButton->setEnabled(false);
    m_status->setText(tr("Aborting the run…"));
}

} // namespace agency
