#include "spendlimitsmodel.h"

#include "ui/spendbardelegate.h"
#include "ui/spendmath.h"

#include <QLocale>

#include <algorithm>

namespace agency {

SpendLimitsModel::SpendLimitsModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int SpendLimitsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_limits.size());
}

int SpendLimitsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpendLimitsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LimitColumn:
        return tr("Limit");
    case SpentColumn:
        return tr("Spent");
    case ReservedColumn:
        return tr("In flight");
    case BarColumn:
        return tr("Of limit");
    case RunsOutColumn:
        return tr("Runs out");
    default:
        return {};
    }
}

QVariant SpendLimitsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_limits.size())
        return {};
    const LimitStatus& status = m_limits.at(index.row());
    switch (index.column()) {
    case LimitColumn:
        if (role == Qt::DisplayRole) {
            // describe() is written to sit inside a sentence; a table cell starts with a capital.
            QString text = status.limit.describe();
            if (!text.isEmpty())
                text[0] = text.at(0).toUpper();
            return text;
        }
        return {};
    case SpentColumn:
        if (role == Qt::DisplayRole)
            return centsText(status.spent);
        if (role == Qt::ToolTipRole)
            return status.spent.toString();
        break;
    case ReservedColumn:
        if (role == Qt::DisplayRole)
            return centsText(status.reserved);
        if (role == Qt::ToolTipRole)
            return tr("%1 held by calls that have not finished yet").arg(status.reserved.toString());
        break;
    case BarColumn:
        if (role == SpendBarDelegate::PercentRole)
            return status.percent;
        if (role == SpendBarDelegate::BarStateRole)
            return int(barStateFor(status.percent));
        if (role == Qt::DisplayRole)
            return tr("%1 % of %2").arg(status.percent).arg(centsText(status.limit.cap));
        return {};
    case RunsOutColumn:
        if (role == Qt::DisplayRole)
            return status.runsOut ? QLocale().toString(*status.runsOut, QLocale::ShortFormat)
                                  : tr("not this period");
        if (role == Qt::ToolTipRole)
            return tr("At the 7-day burn rate");
        return {};
    default:
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

void SpendLimitsModel::update(QList<LimitStatus> limits)
{
    std::stable_sort(limits.begin(), limits.end(), [](const LimitStatus& a, const LimitStatus& b) {
        return std::tuple(int(a.limit.scope), a.limit.key, int(a.limit.period)) <
               std::tuple(int(b.limit.scope), b.limit.key, int(b.limit.period));
    });
    if (limits.size() == m_limits.size()) {
        m_limits = std::move(limits);
        if (!m_limits.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_limits = std::move(limits);
    endResetModel();
}

} // namespace agency
