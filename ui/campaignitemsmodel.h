#pragma once
// CampaignItemsModel: a campaign's journal as a table — recipient, state, attempts, the provider's
// reference, cost, when it was sent and what went wrong (or why it waits). Filtered by state and by
// text; read from the journal in pages and written out as CSV.

#include "engine/campaignjournal.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <functional>

namespace agency {

class CampaignItemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        RecipientColumn,
        StateColumn,
        AttemptsColumn,
        ReferenceColumn,
        CostColumn,
        SentAtColumn,
        DeliveryColumn,
        ErrorColumn,
        ColumnCount
    };
    static constexpr int ItemIdRole = Qt::UserRole + 1;
    static constexpr int StateRole = Qt::UserRole + 2; ///< the ItemState as an int

    explicit CampaignItemsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Reads every item of `campaign` from `journal` (in pages); false with `error` set when it fails.
    bool load(CampaignJournal& journal, CampaignId campaign, QString* error);
    void clear();
    /// Says why a pending item waits (the runner's words), shown in the error column.
    void setWaitReason(std::function<QString(const JournalItem&)> reason)
    {
        m_waitReason = std::move(reason);
    }

    const JournalItem& item(int row) const { return m_items.at(row); }
    int itemCount() const { return int(m_items.size()); }

    /// The rows `filter` accepts as CSV (header, then one line per item; recipient fields included).
    QString toCsv(const std::function<bool(int row)>& filter) const;

private:
    QList<JournalItem> m_items;
    std::function<QString(const JournalItem&)> m_waitReason;
};

/// Rows in a state (all when unset) whose text contains a search string.
class CampaignItemsFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setState(std::optional<ItemState> state);
    void setSearch(const QString& text);
    bool acceptsSourceRow(int row) const { return filterAcceptsRow(row, {}); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    std::optional<ItemState> m_state;
    QString m_search;
};

/// "Pending", "Sending", "Sent", "Failed", "Unknown — a person decides".
QString itemStateName(ItemState state);

} // namespace agency
