#pragma once
// SpendLimitsModel: every limit set (overall, provider, campaign, staff; daily and monthly) with
// what its period has spent and reserved, how full it is, and the day it runs out at the burn rate.

#include "engine/spendguard.h"

#include <QAbstractTableModel>

namespace agency {

class SpendLimitsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LimitColumn,
        SpentColumn,
        ReservedColumn,
        BarColumn,
        RunsOutColumn,
        ColumnCount
    };

    explicit SpendLimitsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Overall limits first, then providers, campaigns and staff; within a scope by key, day first.
    void update(QList<LimitStatus> limits);
    const QList<LimitStatus>& limits() const { return m_limits; }

private:
    QList<LimitStatus> m_limits;
};

} // namespace agency
