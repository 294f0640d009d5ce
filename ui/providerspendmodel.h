#pragma once
// ProviderSpendModel: one row per provider (all seventeen, catalogue order) — today and this month
// in AUD against the provider's daily and monthly limits, the 7-day burn rate, and when the balance
// its last credential check reported runs out.

#include "engine/spendguard.h"

#include <QAbstractTableModel>

namespace agency {

/// Money left on a provider account, as its last credential check reported it.
struct ProviderBalance
{
    Money reported;           ///< in the provider's currency
    std::optional<Money> aud; ///< nullopt when it could not be converted
    std::optional<QDate> runsOut;
};

class ProviderSpendModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ProviderColumn,
        TodayColumn,
        DailyBarColumn,
        MonthColumn,
        MonthlyBarColumn,
        BurnColumn,
        BalanceColumn,
        ColumnCount
    };

    explicit ProviderSpendModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Takes a new snapshot's providers and provider limits; rows stay put (selection survives).
    void update(const QList<ProviderSpend>& providers, const QList<LimitStatus>& limits);
    void setBalances(const QHash<ProviderId, ProviderBalance>& balances);

    int rowOf(ProviderId provider) const;
    /// The provider's limit status for `period`, if it has a limit.
    std::optional<LimitStatus> limitOf(ProviderId provider, SpendPeriod period) const;
    const ProviderSpend& spendOf(ProviderId provider) const;

private:
    struct Row
    {
        ProviderSpend spend;
        std::optional<LimitStatus> daily;
        std::optional<LimitStatus> monthly;
    };
    QVariant barData(const std::optional<LimitStatus>& status, int role) const;
    QString balanceText(ProviderId provider) const;
    QString balanceToolTip(ProviderId provider) const;

    QList<Row> m_rows;
    QHash<ProviderId, ProviderBalance> m_balances;
};

} // namespace agency
