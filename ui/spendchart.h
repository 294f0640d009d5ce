#pragma once
// SpendChart: daily spend per provider over the last 30 days as stacked bars, one set per provider
// that spent anything, in AUD. Bar heights are the only place a double stands for money.

#include "engine/spendguard.h"

#include <QChartView>

class QBarCategoryAxis;
class QStackedBarSeries;
class QValueAxis;

namespace agency {

class SpendChart : public QChartView
{
    Q_OBJECT
public:
    explicit SpendChart(QWidget* parent = nullptr);

    /// Rebuilds the bars; nothing happens when `days` equals what is shown.
    void setDaily(const QList<DailySpend>& days);
    /// Providers with a bar set, in catalogue order.
    QList<ProviderId> providersShown() const { return m_shown; }
    /// The height drawn for `provider` on day `day` (0 = oldest), in dollars; nullopt when not drawn.
    std::optional<double> shownHeight(ProviderId provider, int day) const;
    /// A fixed colour per provider, so a provider keeps its colour from day to day.
    static QColor providerColour(ProviderId provider);

private:
    static QList<ProviderId> providersWithSpend(const QList<DailySpend>& days);
    static double barHeight(const DailySpend& day, ProviderId provider);
    bool sameAsShown(const QList<DailySpend>& days) const;
    void rescale();

    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_days = nullptr;
    QValueAxis* m_amounts = nullptr;
    QList<DailySpend> m_daily;
    QList<ProviderId> m_shown;
};

} // namespace agency
