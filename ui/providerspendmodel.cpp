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
        return tr("Daily limit");
    case MonthColumn:
        return tr("This month");
    case MonthlyBarColumn:
        return tr("Monthly limit");
    case BurnColumn:
        return tr("Burn / day");
    case BalanceColumn:
        return tr("Balance");
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
        return tr("%1: %2 spent and %3 in flight, of %4")
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
    const QString amount = centsText(balance.aud ? *balance.aud : balance.reported);
    if (balance.runsOut)
        return tr("%1 · runs out %2")
            .arg(amount, QLocale().toString(*balance.runsOut, QStringLiteral("d MMM yyyy")));
    return amount;
}

QString ProviderSpendModel::balanceToolTip(ProviderId provider) const
{
    const auto found = m_balances.constFind(provider);
    if (found == m_balances.cend())
        return {};
    const ProviderBalance& balance = *found;
    QString text = tr("%1 left at the last credential check").arg(balance.reported.toString());
    if (balance.aud && balance.aud->currency() != balance.reported.currency())
        text += tr(" (%1)").arg(balance.aud->toString());
    const Money& burn = spendOf(provider).burnPerDay;
    if (balance.runsOut)
        text += tr("; at %1 a day it runs out on %2")
                    .arg(burn.toString(), QLocale().toString(*balance.runsOut, QLocale::LongFormat));
    else if (burn.micros() <= 0)
        text += tr("; nothing spent here in the last 7 days");
    return text;
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
            return centsText(row.spend.today);
        if (role == Qt::ToolTipRole)
            return row.spend.today.toString();
        break;
    case MonthColumn:
        if (role == Qt::DisplayRole)
            return centsText(row.spend.month);
        if (role == Qt::ToolTipRole)
            return row.spend.month.toString();
        break;
    case DailyBarColumn:
        return barData(row.daily, role);
    case MonthlyBarColumn:
        return barData(row.monthly, role);
    case BurnColumn:
        if (role == Qt::DisplayRole)
            return centsText(row.spend.burnPerDay);
        if (role == Qt::ToolTipRole)
            return tr("%1 a day: the average of the last 7 whole days and today")
                .arg(row.spend.burnPerDay.toString());
        break;
    case BalanceColumn:
        if (role == Qt::DisplayRole)
            return balanceText(row.spend.provider);
        if (role == Qt::ToolTipRole)
            return balanceToolTip(row.spend.provider);
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
