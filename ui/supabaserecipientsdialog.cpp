#include "supabaserecipientsdialog.h"

#include "engine/consolesettings.h"
#include "engine/providerhub.h"
#include "engine/supabaserecipients.h"
#include "integrations/supabase/supabaseclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace agency {

SupabaseRecipientsDialog::SupabaseRecipientsDialog(ProviderHub& hub, ConsoleSettings& settings,
                                                   QWidget* parent)
    : QDialog(parent)
    , m_hub(hub)
    , m_settings(settings)
{
    setWindowTitle(tr("Recipients from Supabase"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_table = new QLineEdit(QStringLiteral("leads"), this);
    m_table->setObjectName(QStringLiteral("tableEdit"));
    form->addRow(tr("&Table"), m_table);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("status=eq.new&state=in.(NSW,VIC)"));
    m_filter->setToolTip(tr("PostgREST filters joined by &: eq, neq, gt, gte, lt, lte, like, ilike, in, is, "
                            "each optionally with not."));
    form->addRow(tr("&Filter"), m_filter);
    m_columns = new QLineEdit(this);
    m_columns->setObjectName(QStringLiteral("columnsEdit"));
    m_columns->setPlaceholderText(tr("every column"));
    form->addRow(tr("&Columns"), m_columns);
    m_maxRows = new QSpinBox(this);
    m_maxRows->setObjectName(QStringLiteral("maxRowsSpin"));
    m_maxRows->setRange(1, 1'000'000);
    m_maxRows->setValue(10'000);
    form->addRow(tr("At &most"), m_maxRows);
    layout->addLayout(form);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b02020"));
    layout->addWidget(m_problem);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    layout->addWidget(m_progress);
    auto* buttons = new QDialogButtonBox(this);
    m_load = buttons->addButton(tr("&Load recipients"), QDialogButtonBox::AcceptRole);
    m_load->setObjectName(QStringLiteral("loadButton"));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(m_load, &QPushButton::clicked, this, &SupabaseRecipientsDialog::load);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        m_cancel.cancel();
        reject();
    });
    for (QLineEdit* edit : {m_table, m_filter, m_columns})
        connect(edit, &QLineEdit::textChanged, this, &SupabaseRecipientsDialog::checkQuery);
    checkQuery();
    resize(560, 240);
}

SupabaseRecipientsDialog::~SupabaseRecipientsDialog()
{
    *m_alive = false;
    m_cancel.cancel();
}

void SupabaseRecipientsDialog::setTable(const QString& table)
{
    m_table->setText(table);
}

void SupabaseRecipientsDialog::setFilter(const QString& filter)
{
    m_filter->setText(filter);
}

QString SupabaseRecipientsDialog::problemText() const
{
    return m_problem->text();
}

QString SupabaseRecipientsDialog::sourceName() const
{
    const QString filter = m_filter->text().trimmed();
    return filter.isEmpty() ? tr("Supabase table %1").arg(m_table->text().trimmed())
                            : tr("Supabase %1 where %2").arg(m_table->text().trimmed(), filter);
}

void SupabaseRecipientsDialog::checkQuery()
{
    SupabaseRecipientQuery query;
    query.table = m_table->text().trimmed();
    query.filter = m_filter->text().trimmed();
    const QString problem = SupabaseRecipients::queryProblem(query);
    m_problem->setText(problem);
    m_load->setEnabled(problem.isEmpty());
}

void SupabaseRecipientsDialog::load()
{
    QCoro::connect(readRows(), this, [] {});
}

QCoro::Task<> SupabaseRecipientsDialog::readRows()
{
    SupabaseRecipientQuery query;
    query.table = m_table->text().trimmed();
    query.filter = m_filter->text().trimmed();
    for (const QString& column : m_columns->text().split(u',', Qt::SkipEmptyParts))
        query.columns.append(column.trimmed());
    query.maxRows = m_maxRows->value();
    const auto fail = [this](const QString& reason) {
        m_problem->setText(reason);
        m_progress->clear();
        m_load->setEnabled(true);
        Q_EMIT failed(reason);
    };
    if (const QString problem = SupabaseRecipients::queryProblem(query); !problem.isEmpty()) {
        fail(problem);
        co_return;
    }
    m_load->setEnabled(false);
    m_problem->clear();
    m_progress->setText(tr("Reading…"));
    m_cancel = CancelToken();
    const std::weak_ptr<bool> alive = m_alive;
    auto client = co_await m_hub.client(ProviderId::Supabase, m_settings.activeProfile());
    if (alive.expired() || !*alive.lock())
        co_return;
    auto supabase = client ? std::dynamic_pointer_cast<SupabaseClient>(client.value()) : nullptr;
    if (!supabase) {
        fail(client ? tr("No Supabase client is available.") : client.error().message());
        co_return;
    }
    SupabaseRecipients reader(supabase);
    connect(&reader, &SupabaseRecipients::pageLoaded, this, [this](int rows, qint64 total) {
        m_progress->setText(total >= 0 ? tr("%1 of %2 rows read…").arg(rows).arg(total)
                                       : tr("%1 rows read…").arg(rows));
    });
    auto rows = co_await reader.load(query, m_cancel);
    if (alive.expired() || !*alive.lock())
        co_return;
    if (!rows) {
        fail(rows.error());
        co_return;
    }
    m_rows = rows.value();
    m_progress->setText(tr("%n row(s) read.", nullptr, int(m_rows.size())));
    m_load->setEnabled(true);
    Q_EMIT loaded();
    accept();
}

} // namespace agency
