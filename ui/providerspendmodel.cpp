#include "providerspendmodel.h"

#include "model/catalogue.h"
#include "ui/spendbardelegate.h"
#include "ui/spendmath.h"

#include <QLocale>

namespace agency {

ProviderSpendModel::ProviderSpendModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    for (ProviderId provider : allProviders()) {
        Row row;
        row.spend.provider = provider;
        row.spend.today = Money::aud(0);
        row.spend.month = Money::aud(0);
        row.spend.burnPerDay = Money::aud(0);
        m_rows.append(row);
    }
}

int ProviderSpendModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderSpendModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProviderSpendModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case TodayColumn:
        return tr("Today");
    case DailyBarColumn:
        return tr("Of daily limit");
    case MonthColumn:
        return tr("This month");
    case MonthlyBarColumn:
        return tr("Of monthly limit");
    case BurnColumn:
        return tr("Burn / day");
    case BalanceColumn:
        return tr("Account balance");
    default:
        return {};
    }
}

QVariant ProviderSpendModel::barData(const std::optional<LimitStatus>& status, int role) const
{
    if (role == SpendBarDelegate::PercentRole)
        return status ? status->percent : -1;
    if (role == SpendBarDelegate::BarStateRole)
        return int(status ? barStateFor(status->percent) : BarState::NoLimit);
    if (role == Qt::DisplayRole)
        return status ? tr("%1 % of %2").arg(status->percent).arg(status->limit.cap.toString())
                      : tr("no limit");
    if (role == Qt::ToolTipRole && status)
        return tr("%1: %2 spent and %3 reserved of %4")
            .arg(status->limit.describe(), status->spent.toString(), status->reserved.toString(),
                 status->limit.cap.toString());
    return {};
}

QString ProviderSpendModel::balanceText(ProviderId provider) const
{
    const auto found = m_balances.constFind(provider);
    if (found == m_balances.cend())
        return {};
    const ProviderBalance& balance = *found;
    QString amount = balance.reported.toString();
    if (balance.aud && balance.reported.currency() != balance.aud->currency())
        amount = tr("%1 (%2)").arg(amount, balance.aud->toString());
    if (balance.runsOut)
        return tr("%1 — runs out %2").arg(amount, QLocale().toString(*balance.runsOut, QLocale::ShortFormat));
    return amount;
}

QVariant ProviderSpendModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows.at(index.row());
    switch (index.column()) {
    case ProviderColumn:
        if (role == Qt::DisplayRole)
            return providerInfo(row.spend.provider).name;
        if (role == Qt::UserRole)
            return int(row.spend.provider);
        return {};
    case TodayColumn:
        if (role == Qt::DisplayRole)
            return row.spend.today.toString();
        break;
    case MonthColumn:
        if (role == Qt::DisplayRole)
            return row.spend.month.toString();
        break;
    case DailyBarColumn:
        return barData(row.daily, role);
    case MonthlyBarColumn:
        return barData(row.monthly, role);
    case BurnColumn:
        if (role == Qt::DisplayRole)
            return row.spend.burnPerDay.toString();
        if (role == Qt::ToolTipRole)
            return tr("Average of the last 7 whole days and today");
        break;
    case BalanceColumn:
        if (role == Qt::DisplayRole)
            return balanceText(row.spend.provider);
        if (role == Qt::ToolTipRole && m_balances.contains(row.spend.provider))
            return tr("From the last credential check, at this provider's burn rate");
        return {};
    default:
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

void ProviderSpendModel::update(const QList<ProviderSpend>& providers, const QList<LimitStatus>& limits)
{
    for (Row& row : m_rows) {
        row.daily.reset();
        row.monthly.reset();
    }
    for (const ProviderSpend& spend : providers) {
        const int row = rowOf(spend.provider);
        if (row >= 0)
            m_rows[row].spend = spend;
    }
    for (const LimitStatus& status : limits) {
        if (status.limit.scope != LimitScope::Provider)
            continue;
        const auto provider = providerFromKey(status.limit.key);
        const int row = provider ? rowOf(*provider) : -1;
        if (row < 0)
            continue;
        (status.limit.period == SpendPeriod::Day ? m_rows[row].daily : m_rows[row].monthly) = status;
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ProviderSpendModel::setBalances(const QHash<ProviderId, ProviderBalance>& balances)
{
    m_balances = balances;
    Q_EMIT dataChanged(index(0, BalanceColumn), index(rowCount() - 1, BalanceColumn));
}

int ProviderSpendModel::rowOf(ProviderId provider) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).spend.provider == provider)
            return row;
    }
    return -1;
}

std::optional<LimitStatus> ProviderSpendModel::limitOf(ProviderId provider, SpendPeriod period) const
{
    const int row = rowOf(provider);
    if (row < 0)
        return std::nullopt;
    return period == SpendPeriod::Day ? m_rows.at(row).daily : m_rows.at(row).monthly;
}

const ProviderSpend& ProviderSpendModel::spendOf(ProviderId provider) const
{
    return m_rows.at(std::max(0, rowOf(provider))).spend;
}

} // namespace agency
