#include "spendchart.h"

#include "model/catalogue.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QLocale>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>

namespace agency {

SpendChart::SpendChart(QWidget* parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("spendChartView"));
    // The view made a chart of its own; setChart() would orphan it (and leak), so use that one.
    QChart* chart = this->chart();
    chart->setTitle(tr("Daily spend per provider, last 30 days (AUD)"));
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_series = new QStackedBarSeries(chart);
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);
    m_days = new QBarCategoryAxis(chart);
    QFont small = m_days->labelsFont();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    m_days->setLabelsFont(small);
    m_days->setTruncateLabels(false);
    m_amounts = new QValueAxis(chart);
    m_amounts->setLabelFormat(QStringLiteral("A$%.2f"));
    m_amounts->setMin(0);
    chart->addAxis(m_days, Qt::AlignBottom);
    chart->addAxis(m_amounts, Qt::AlignLeft);
    m_series->attachAxis(m_days);
    m_series->attachAxis(m_amounts);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
}

QColor SpendChart::providerColour(ProviderId provider)
{
    // Seventeen colours far enough apart to tell the stacked sets apart.
    static const QList<QColor> colours = {
        QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd),
        QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f), QColor(0xbcbd22), QColor(0x17becf),
        QColor(0x393b79), QColor(0xad494a), QColor(0x637939), QColor(0x8c6d31), QColor(0x843c39),
        QColor(0x7b4173), QColor(0x3182bd)};
    return colours.at(int(provider) % colours.size());
}

bool SpendChart::sameAsShown(const QList<DailySpend>& days) const
{
    if (days.size() != m_daily.size())
        return false;
    for (qsizetype i = 0; i < days.size(); ++i) {
        if (days.at(i).date != m_daily.at(i).date || days.at(i).byProvider != m_daily.at(i).byProvider)
            return false;
    }
    return true;
}

QList<ProviderId> SpendChart::providersWithSpend(const QList<DailySpend>& days)
{
    QList<ProviderId> providers;
    for (ProviderId provider : allProviders()) {
        const bool spent = std::any_of(days.cbegin(), days.cend(), [provider](const DailySpend& day) {
            return day.byProvider.value(provider, Money::aud(0)).micros() != 0;
        });
        if (spent)
            providers.append(provider);
    }
    return providers;
}

double SpendChart::barHeight(const DailySpend& day, ProviderId provider)
{
    return double(day.byProvider.value(provider, Money::aud(0)).micros()) / double(Money::kMicrosPerUnit);
}

void SpendChart::setDaily(const QList<DailySpend>& days)
{
    if (sameAsShown(days) && !m_daily.isEmpty())
        return;
    const QList<ProviderId> providers = providersWithSpend(days);
    bool sameDates = days.size() == m_daily.size();
    for (qsizetype i = 0; sameDates && i < days.size(); ++i)
        sameDates = days.at(i).date == m_daily.at(i).date;
    m_daily = days;
    // Usually only today's bar grew: change the heights in place instead of rebuilding every set.
    if (sameDates && providers == m_shown) {
        const QList<QBarSet*> sets = m_series->barSets();
        for (qsizetype s = 0; s < sets.size(); ++s) {
            for (qsizetype i = 0; i < days.size(); ++i) {
                const double height = barHeight(days.at(i), m_shown.at(s));
                if (sets.at(s)->at(int(i)) != height)
                    sets.at(s)->replace(int(i), height);
            }
        }
        rescale();
        return;
    }
    m_series->clear();
    m_shown = providers;

    // Thirty dates do not fit under thirty narrow bars: every third day is named, today included.
    // A category axis drops a repeated name, so the unnamed days are distinct runs of zero-width spaces.
    QStringList labels;
    for (qsizetype i = 0; i < days.size(); ++i) {
        const bool named = (days.size() - 1 - i) % 3 == 0;
        labels.append(named ? QLocale().toString(days.at(i).date, QStringLiteral("d/M"))
                            : QString(int(i) + 1, QChar(0x200B)));
    }
    m_days->clear();
    m_days->append(labels);
    m_days->setTitleText(
        days.isEmpty()
            ? QString()
            : tr("%1 – %2").arg(QLocale().toString(days.constFirst().date, QStringLiteral("d MMM")),
                                QLocale().toString(days.constLast().date, QStringLiteral("d MMM yyyy"))));

    for (ProviderId provider : m_shown) {
        auto* set = new QBarSet(providerInfo(provider).name);
        set->setColor(providerColour(provider));
        set->setBorderColor(providerColour(provider));
        for (const DailySpend& day : days)
            *set << barHeight(day, provider);
        m_series->append(set);
    }
    rescale();
}

std::optional<double> SpendChart::shownHeight(ProviderId provider, int day) const
{
    const qsizetype set = m_shown.indexOf(provider);
    const QList<QBarSet*> sets = m_series->barSets();
    if (set < 0 || set >= sets.size() || day < 0 || day >= sets.at(set)->count())
        return std::nullopt;
    return sets.at(set)->at(day);
}

void SpendChart::rescale()
{
    qint64 highestDayMicros = 0;
    for (const DailySpend& day : m_daily) {
        qint64 total = 0;
        for (ProviderId provider : m_shown)
            total += std::max<qint64>(0, day.byProvider.value(provider, Money::aud(0)).micros());
        highestDayMicros = std::max(highestDayMicros, total);
    }
    // A round top for the axis: the highest day plus a little headroom, at least A$1.
    const double top = std::max(1.0, double(highestDayMicros) / double(Money::kMicrosPerUnit) * 1.1);
    m_amounts->setRange(0, top);
    m_amounts->applyNiceNumbers();
}

} // namespace agency
