#include "suppressionsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agency {

namespace {

QString kindName(SuppressionKind kind)
{
    switch (kind) {
    case SuppressionKind::Email:
        return SuppressionsDialog::tr("Email");
    case SuppressionKind::Domain:
        return SuppressionsDialog::tr("Domain");
    case SuppressionKind::Phone:
        return SuppressionsDialog::tr("Phone");
    case SuppressionKind::LinkedIn:
        return SuppressionsDialog::tr("LinkedIn profile");
    }
    return {};
}

QString reasonName(SuppressionReason reason)
{
    switch (reason) {
    case SuppressionReason::Block:
        return SuppressionsDialog::tr("Never contact");
    case SuppressionReason::Unsubscribe:
        return SuppressionsDialog::tr("Unsubscribed");
    case SuppressionReason::Bounce:
        return SuppressionsDialog::tr("Bounced");
    case SuppressionReason::Complaint:
        return SuppressionsDialog::tr("Complained");
    }
    return {};
}

} // namespace

SuppressionsDialog::SuppressionsDialog(Database& database, const QString& addedBy, QWidget* parent)
    : QDialog(parent)
    , m_list(database)
    , m_addedBy(addedBy)
{
    setWindowTitle(tr("Do-not-contact list"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    for (SuppressionKind kind :
         {SuppressionKind::Email, SuppressionKind::Domain, SuppressionKind::Phone, SuppressionKind::LinkedIn})
        m_kind->addItem(kindName(kind), int(kind));
    form->addRow(tr("&Kind"), m_kind);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("reasonCombo"));
    for (SuppressionReason reason : {SuppressionReason::Block, SuppressionReason::Unsubscribe,
                                     SuppressionReason::Bounce, SuppressionReason::Complaint})
        m_reason->addItem(reasonName(reason), int(reason));
    form->addRow(tr("&Why"), m_reason);
    m_values = new QPlainTextEdit(this);
    m_values->setObjectName(QStringLiteral("valuesEdit"));
    m_values->setPlaceholderText(tr("One per line: jane@acme.com.au, acme.com.au, 0412 345 678…"));
    m_values->setMaximumHeight(90);
    form->addRow(tr("&Values"), m_values);
    layout->addLayout(form);
    auto* actions = new QHBoxLayout;
    auto* add = new QPushButton(tr("&Add"), this);
    add->setObjectName(QStringLiteral("addButton"));
    auto* remove = new QPushButton(tr("&Remove selected"), this);
    remove->setObjectName(QStringLiteral("removeButton"));
    actions->addWidget(add);
    actions->addWidget(remove);
    actions->addStretch(1);
    layout->addLayout(actions);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("suppressionsTable"));
    m_table->setHorizontalHeaderLabels({tr("Kind"), tr("Value"), tr("Why"), tr("Added"), tr("By")});
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] { addValues(m_values->toPlainText()); });
    connect(remove, &QPushButton::clicked, this, &SuppressionsDialog::removeSelected);
    resize(720, 520);
    reload();
}

void SuppressionsDialog::setKind(SuppressionKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

void SuppressionsDialog::setReason(SuppressionReason reason)
{
    m_reason->setCurrentIndex(m_reason->findData(int(reason)));
}

QString SuppressionsDialog::statusText() const
{
    return m_status->text();
}

void SuppressionsDialog::addValues(const QString& lines)
{
    QStringList values;
    for (const QString& line : lines.split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty())
            values.append(line.trimmed());
    }
    if (values.isEmpty())
        return;
    const auto kind = SuppressionKind(m_kind->currentData().toInt());
    const auto reason = SuppressionReason(m_reason->currentData().toInt());
    auto imported = m_list.importMany(kind, values, reason, m_addedBy);
    if (!imported) {
        m_status->setText(imported.error().message);
        return;
    }
    QString text = tr("%1 added, %2 already listed.").arg(imported->added).arg(imported->alreadyListed);
    if (!imported->invalid.isEmpty())
        text += u' ' + tr("Not a %1, not stored: %2")
                           .arg(kindName(kind).toLower(), imported->invalid.join(QStringLiteral(", ")));
    m_status->setText(text);
    m_values->setPlainText(imported->invalid.join(u'\n')); // what is left to correct
    reload();
    Q_EMIT changed();
}

void SuppressionsDialog::removeSelected()
{
    int removed = 0;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows()) {
        const auto kind = SuppressionKind(m_table->item(index.row(), 0)->data(Qt::UserRole).toInt());
        auto done = m_list.remove(kind, m_table->item(index.row(), 1)->text());
        if (!done) {
            m_status->setText(done.error().message);
            break;
        }
        removed += done.value() ? 1 : 0;
    }
    m_status->setText(tr("%n removed.", nullptr, removed));
    reload();
    if (removed > 0)
        Q_EMIT changed();
}

void SuppressionsDialog::reload()
{
    auto entries = m_list.list(std::nullopt, 0, 5000);
    if (!entries) {
        m_status->setText(entries.error().message);
        return;
    }
    m_table->setRowCount(0);
    for (const SuppressionEntry& entry : entries.value()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* kind = new QTableWidgetItem(kindName(entry.kind));
        kind->setData(Qt::UserRole, int(entry.kind));
        m_table->setItem(row, 0, kind);
        m_table->setItem(row, 1, new QTableWidgetItem(entry.value));
        m_table->setItem(row, 2, new QTableWidgetItem(reasonName(entry.reason)));
        m_table->setItem(
            row, 3,
            new QTableWidgetItem(QLocale().toString(entry.addedAt.toLocalTime(), QLocale::ShortFormat)));
        m_table->setItem(row, 4, new QTableWidgetItem(entry.addedBy));
    }
}

} // namespace agency
