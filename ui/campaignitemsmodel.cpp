#include "campaignitemsmodel.h"

#include "engine/csvcell.h"

#include <QBrush>
#include <QColor>
#include <QJsonValue>
#include <QLocale>

namespace agency {

QString itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Pending:
        return CampaignItemsModel::tr("Pending");
    case ItemState::Sending:
        return CampaignItemsModel::tr("Sending");
    case ItemState::Sent:
        return CampaignItemsModel::tr("Sent");
    case ItemState::Failed:
        return CampaignItemsModel::tr("Failed");
    case ItemState::Unknown:
        return CampaignItemsModel::tr("Unknown — a person decides");
    }
    return {};
}

CampaignItemsModel::CampaignItemsModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int CampaignItemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int CampaignItemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignItemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RecipientColumn:
        return tr("Recipient");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case ReferenceColumn:
        return tr("Provider reference");
    case CostColumn:
        return tr("Cost");
    case SentAtColumn:
        return tr("Sent at");
    case DeliveryColumn:
        return tr("Delivery");
    case ErrorColumn:
        return tr("Error or reason");
    }
    return {};
}

QVariant CampaignItemsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const JournalItem& item = m_items.at(index.row());
    if (role == ItemIdRole)
        return item.id;
    if (role == StateRole)
        return int(item.state);
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        if (item.state == ItemState::Failed)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (item.state == ItemState::Unknown)
            return QBrush(QColor(0xa0, 0x60, 0x00));
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case RecipientColumn:
        return item.recipientKey;
    case StateColumn:
        return itemStateName(item.state);
    case AttemptsColumn:
        return item.attempts;
    case ReferenceColumn:
        return item.state == ItemState::Sent ? item.providerRef : QString();
    case CostColumn:
        return item.cost.isValid() ? item.cost.toString() : QString();
    case SentAtColumn:
        return item.sentAt.isValid() ? QLocale().toString(item.sentAt.toLocalTime(), QLocale::ShortFormat)
                                     : QString();
    case DeliveryColumn:
        return item.deliveryFinal || item.deliveryStatus.isEmpty()
                   ? item.deliveryStatus
                   : tr("%1 (so far)").arg(item.deliveryStatus);
    case ErrorColumn:
        if (item.state == ItemState::Pending && m_waitReason)
            return m_waitReason(item);
        return item.error;
    }
    return {};
}

bool CampaignItemsModel::load(CampaignJournal& journal, CampaignId campaign, QString* error)
{
    QList<JournalItem> all;
    ItemPage page;
    page.limit = 2000;
    for (;;) {
        auto items = journal.items(campaign, page);
        if (!items) {
            if (error)
                *error = items.error().message;
            return false;
        }
        all.append(items.value());
        if (items->size() < page.limit)
            break;
        page.afterId = items->last().id;
    }
    beginResetModel();
    m_items = std::move(all);
    endResetModel();
    return true;
}

void CampaignItemsModel::clear()
{
    beginResetModel();
    m_items.clear();
    endResetModel();
}

QString CampaignItemsModel::toCsv(const std::function<bool(int row)>& filter) const
{
    // The recipient's own fields follow the journal's columns, in the order first seen.
    QStringList fieldNames;
    for (const JournalItem& item : m_items) {
        for (auto it = item.recipient.begin(); it != item.recipient.end(); ++it) {
            if (!fieldNames.contains(it.key()))
                fieldNames.append(it.key());
        }
    }
    const auto line = [](const QStringList& cells) -> QString {
        QStringList quoted;
        for (const QString& cell : cells)
            quoted.append(csvCell(cell, FormulaGuard::KeepNumbers));
        return quoted.join(u',') + QStringLiteral("\r\n");
    };
    QStringList header{QStringLiteral("recipient"),    QStringLiteral("state"),    QStringLiteral("attempts"),
                       QStringLiteral("provider_ref"), QStringLiteral("cost"),     QStringLiteral("currency"),
                       QStringLiteral("sent_at"),      QStringLiteral("delivery"), QStringLiteral("error")};
    header.append(fieldNames);
    QString csv = line(header);
    for (int row = 0; row < m_items.size(); ++row) {
        if (!filter(row))
            continue;
        const JournalItem& item = m_items.at(row);
        QStringList cells{item.recipientKey,
                          itemStateKey(item.state),
                          QString::number(item.attempts),
                          item.state == ItemState::Sent ? item.providerRef : QString(),
                          item.cost.isValid() ? item.cost.toDecimalString() : QString(),
                          item.cost.isValid() ? item.cost.currency() : QString(),
                          item.sentAt.isValid() ? item.sentAt.toUTC().toString(Qt::ISODate) : QString(),
                          item.deliveryStatus,
                          item.error};
        for (const QString& name : fieldNames)
            cells.append(item.recipient.value(name).toVariant().toString());
        csv += line(cells);
    }
    return csv;
}

void CampaignItemsFilter::setState(std::optional<ItemState> state)
{
    m_state = state;
    invalidateFilter();
}

void CampaignItemsFilter::setSearch(const QString& text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

bool CampaignItemsFilter::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const QAbstractItemModel* model = sourceModel();
    if (!model)
        return false;
    if (m_state && model->index(sourceRow, 0).data(CampaignItemsModel::StateRole).toInt() != int(*m_state))
        return false;
    if (m_search.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->index(sourceRow, column).data().toString().contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace agency
