#pragma once
// LedgerTableModel: ledger rows, newest first, a page at a time. New rows are merged in at the top
// without dropping the older pages already loaded; a correction row is marked.

#include "engine/ledger.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace agency {

class LedgerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        WhenColumn,
        ProviderColumn,
        OperationColumn,
        UnitsColumn,
        AmountColumn,
        AudColumn,
        SourceColumn,
        StaffColumn,
        CampaignColumn,
        ReferenceColumn,
        NoteColumn,
        ColumnCount
    };
    /// True for a correction row (Qt::UserRole on any column).
    static constexpr int CorrectionRole = Qt::UserRole + 1;

    explicit LedgerTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Times are shown in the spend time zone.
    void setTimeZone(const QTimeZone& zone) { m_zone = zone; }

    /// Replaces everything with the first page.
    void reset(QList<LedgerRow> firstPage);
    /// Merges a fresh first page: rows newer than the newest shown go on top. False when the page
    /// does not reach back to the newest shown row (more arrived than a page), so a reset is needed.
    bool mergeNewest(const QList<LedgerRow>& firstPage);
    /// Adds an older page at the bottom.
    void appendOlder(const QList<LedgerRow>& page);

    const QList<LedgerRow>& rows() const { return m_rows; }
    /// The oldest row's id (for the next page), 0 when empty.
    qint64 oldestId() const { return m_rows.isEmpty() ? 0 : m_rows.constLast().id; }
    /// The newest row's id, or 0 when empty.
    qint64 newestId() const { return m_rows.isEmpty() ? 0 : m_rows.constFirst().id; }

private:
    QList<LedgerRow> m_rows;
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace agency
