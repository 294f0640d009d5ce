#include "spendpanel.h"

#include "engine/consolesettings.h"
#include "engine/logcategories.h"
#include "engine/providerhub.h"
#include "model/catalogue.h"
#include "ui/ledgerexport.h"
#include "ui/ledgertablemodel.h"
#include "ui/messagebanner.h"
#include "ui/providerspendmodel.h"
#include "ui/spendbardelegate.h"
#include "ui/spendchart.h"
#include "ui/spendlimitsmodel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace agency {

namespace {

constexpr int kFilterDelayMs = 300;
constexpr qint64 kSlowRefreshMs = 50;

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(24);
    return table;
}

QLabel* addTotal(QGridLayout* grid, int column, const QString& caption, const QString& name, QWidget* parent)
{
    auto* captionLabel = new QLabel(caption, parent);
    auto* value = new QLabel(QStringLiteral("—"), parent);
    value->setObjectName(name);
    QFont font = value->font();
    font.setPointSizeF(font.pointSizeF() * 1.35);
    font.setBold(true);
    value->setFont(font);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(captionLabel, 0, column);
    grid->addWidget(value, 1, column);
    return value;
}

bool sameFilter(const LedgerFilter& a, const LedgerFilter& b)
{
    const bool sameRange = a.range.has_value() == b.range.has_value() &&
                           (!a.range || (a.range->start == b.range->start && a.range->end == b.range->end));
    return sameRange && a.provider == b.provider && a.campaign == b.campaign && a.staff == b.staff;
}

} // namespace

SpendPanel::SpendPanel(SpendServices services, ConsoleSettings* settings, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("spendPanel"));
    auto* layout = new QVBoxLayout(this);

    // Timers first: the filter fields connect to one.
    // Changes arrive in bursts (a campaign settles many calls); one refresh per burst.
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshDelayMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &SpendPanel::refresh);
    // "Today" and "this month" roll over at local midnight even when nothing is spent.
    m_midnightTimer = new QTimer(this);
    m_midnightTimer->setSingleShot(true);
    m_midnightTimer->setTimerType(Qt::VeryCoarseTimer);
    connect(m_midnightTimer, &QTimer::timeout, this, &SpendPanel::refresh);
    // This console's reservations are announced; another console's, and one that expires, are not:
    // while anything is in flight the figure is read again now and then.
    m_inFlightTimer = new QTimer(this);
    m_inFlightTimer->setSingleShot(true);
    m_inFlightTimer->setInterval(kInFlightRecheckMs);
    connect(m_inFlightTimer, &QTimer::timeout, this, &SpendPanel::scheduleRefresh);
    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &SpendPanel::reloadLedger);

    auto* header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<h2>Spend</h2>"), this));
    header->addStretch();
    m_zoneLabel = new QLabel(this);
    m_zoneLabel->setObjectName(QStringLiteral("spendZoneLabel"));
    header->addWidget(m_zoneLabel);
    layout->addLayout(header);

    m_problemBanner = new MessageBanner(this);
    m_problemBanner->setObjectName(QStringLiteral("spendProblemBanner"));
    layout->addWidget(m_problemBanner);
    layout->addWidget(buildTotals());

    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("spendTabs"));
    tabs->addTab(buildOverview(), tr("&Overview"));
    tabs->addTab(buildLedgerPage(), tr("&Ledger"));
    layout->addWidget(tabs, 1);

    connect(&m_services.ledger, &Ledger::changed, this, &SpendPanel::scheduleRefresh);
    connect(&m_services.prices, &PriceBook::changed, this, &SpendPanel::scheduleRefresh);
    // A refusal or a failed settlement changes what is reserved without a new ledger row.
    connect(&m_services.guard, &SpendGuard::refused, this, &SpendPanel::scheduleRefresh);
    connect(&m_services.guard, &SpendGuard::reservationsChanged, this, &SpendPanel::scheduleRefresh);
    connect(&m_services.guard, &SpendGuard::ledgerFailed, this,
            [this](const QString& message) { showProblem(message); });
    if (m_services.hub) {
        connect(m_services.hub, &ProviderHub::checked, this,
                [this](ProviderId provider, const AccountStatus& status) {
                    if (status.balance)
                        m_liveBalances.insert(provider, *status.balance);
                    else
                        m_liveBalances.remove(provider);
                    refreshBalances();
                });
    }
    if (m_settings) {
        connect(m_settings, &ConsoleSettings::profileChanged, this, [this] {
            m_liveBalances.clear();
            refreshBalances();
        });
    }
    refresh();
}

SpendPanel::~SpendPanel() = default;

QWidget* SpendPanel::buildTotals()
{
    auto* box = new QWidget(this);
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(28);
    m_todayLabel = addTotal(grid, 0, tr("Today"), QStringLiteral("todayTotalLabel"), box);
    m_monthLabel = addTotal(grid, 1, tr("This month (metered)"), QStringLiteral("monthTotalLabel"), box);
    m_subscriptionsLabel =
        addTotal(grid, 2, tr("Subscriptions this month"), QStringLiteral("subscriptionsTotalLabel"), box);
    m_reservedLabel = addTotal(grid, 3, tr("In flight"), QStringLiteral("reservedTotalLabel"), box);
    m_burnLabel = addTotal(grid, 4, tr("Burn rate / day (7 days)"), QStringLiteral("burnRateLabel"), box);
    m_forecastLabel = addTotal(grid, 5, tr("Forecast to month end"), QStringLiteral("forecastLabel"), box);
    m_forecastCaption = qobject_cast<QLabel*>(grid->itemAtPosition(0, 5)->widget());
    grid->setColumnStretch(6, 1);
    return box;
}

QWidget* SpendPanel::buildOverview()
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("spendOverviewSplitter"));
    auto* barDelegate = new SpendBarDelegate(this);
    constexpr int kBarWidth = 140;

    auto* tables = new QSplitter(Qt::Vertical, splitter);
    m_providerModel = new ProviderSpendModel(this);
    QTableView* providers = makeTable(m_providerModel, QStringLiteral("providerSpendTableView"), tables);
    providers->setItemDelegateForColumn(ProviderSpendModel::DailyBarColumn, barDelegate);
    providers->setItemDelegateForColumn(ProviderSpendModel::MonthlyBarColumn, barDelegate);
    QHeaderView* header = providers->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int column : {int(ProviderSpendModel::DailyBarColumn), int(ProviderSpendModel::MonthlyBarColumn)}) {
        header->setSectionResizeMode(column, QHeaderView::Interactive);
        header->resizeSection(column, kBarWidth);
    }
    header->setSectionResizeMode(ProviderSpendModel::BalanceColumn, QHeaderView::Stretch);
    tables->addWidget(providers);

    m_limitsModel = new SpendLimitsModel(this);
    QTableView* limits = makeTable(m_limitsModel, QStringLiteral("limitsTableView"), tables);
    limits->setItemDelegateForColumn(SpendLimitsModel::BarColumn, barDelegate);
    limits->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    limits->horizontalHeader()->setSectionResizeMode(SpendLimitsModel::LimitColumn, QHeaderView::Stretch);
    limits->horizontalHeader()->setSectionResizeMode(SpendLimitsModel::BarColumn, QHeaderView::Interactive);
    limits->horizontalHeader()->resizeSection(SpendLimitsModel::BarColumn, kBarWidth);
    tables->addWidget(limits);
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 1);
    splitter->addWidget(tables);

    m_chart = new SpendChart(splitter);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({720, 540}); // a starting split; the splitter scales it to the panel
    return splitter;
}

QWidget* SpendPanel::buildLedgerPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);

    auto* filters = new QHBoxLayout;
    m_providerFilter = new QComboBox(page);
    m_providerFilter->setObjectName(QStringLiteral("ledgerProviderComboBox"));
    m_providerFilter->addItem(tr("All providers"), QString());
    for (const ProviderInfo& info : providerCatalogue())
        m_providerFilter->addItem(info.name, providerKey(info.id));
    m_periodFilter = new QComboBox(page);
    m_periodFilter->setObjectName(QStringLiteral("ledgerPeriodComboBox"));
    m_periodFilter->addItem(tr("Today"), int(LedgerPeriod::Today));
    m_periodFilter->addItem(tr("This month"), int(LedgerPeriod::ThisMonth));
    m_periodFilter->addItem(tr("Last 30 days"), int(LedgerPeriod::Last30Days));
    m_periodFilter->addItem(tr("All"), int(LedgerPeriod::All));
    m_periodFilter->setCurrentIndex(1);
    m_campaignFilter = new QLineEdit(page);
    m_campaignFilter->setObjectName(QStringLiteral("ledgerCampaignLineEdit"));
    m_campaignFilter->setPlaceholderText(tr("any campaign"));
    m_campaignFilter->setClearButtonEnabled(true);
    m_staffFilter = new QLineEdit(page);
    m_staffFilter->setObjectName(QStringLiteral("ledgerStaffLineEdit"));
    m_staffFilter->setPlaceholderText(tr("any staff member"));
    m_staffFilter->setClearButtonEnabled(true);
    auto* providerLabel = new QLabel(tr("&Provider:"), page);
    providerLabel->setBuddy(m_providerFilter);
    auto* periodLabel = new QLabel(tr("P&eriod:"), page);
    periodLabel->setBuddy(m_periodFilter);
    auto* campaignLabel = new QLabel(tr("&Campaign:"), page);
    campaignLabel->setBuddy(m_campaignFilter);
    auto* staffLabel = new QLabel(tr("&Staff:"), page);
    staffLabel->setBuddy(m_staffFilter);
    filters->addWidget(providerLabel);
    filters->addWidget(m_providerFilter);
    filters->addWidget(periodLabel);
    filters->addWidget(m_periodFilter);
    filters->addWidget(campaignLabel);
    filters->addWidget(m_campaignFilter, 1);
    filters->addWidget(staffLabel);
    filters->addWidget(m_staffFilter, 1);
    layout->addLayout(filters);

    m_ledgerModel = new LedgerTableModel(this);
    m_ledgerModel->setTimeZone(m_services.guard.calendar().zone());
    m_ledgerTable = makeTable(m_ledgerModel, QStringLiteral("ledgerTableView"), page);
    m_ledgerTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_ledgerTable->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_ledgerTable, 1);

    auto* buttons = new QHBoxLayout;
    m_ledgerStatus = new QLabel(page);
    m_ledgerStatus->setObjectName(QStringLiteral("ledgerStatusLabel"));
    buttons->addWidget(m_ledgerStatus, 1);
    m_loadMoreButton = new QPushButton(tr("Load &more"), page);
    m_loadMoreButton->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMoreButton->setToolTip(tr("Show the next %1 older rows").arg(kLedgerPageSize));
    m_exportButton = new QPushButton(tr("E&xport CSV…"), page);
    m_exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportButton->setToolTip(tr("Write every row matching the filter to a CSV file"));
    buttons->addWidget(m_loadMoreButton);
    buttons->addWidget(m_exportButton);
    layout->addLayout(buttons);

    connect(m_providerFilter, &QComboBox::currentIndexChanged, this, &SpendPanel::reloadLedger);
    connect(m_periodFilter, &QComboBox::currentIndexChanged, this, &SpendPanel::reloadLedger);
    connect(m_campaignFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_staffFilter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_loadMoreButton, &QPushButton::clicked, this, &SpendPanel::loadMore);
    connect(m_exportButton, &QPushButton::clicked, this, &SpendPanel::chooseExportFile);
    return page;
}

Profile SpendPanel::activeProfile() const
{
    return m_settings ? m_settings->activeProfile() : Profile::Production;
}

void SpendPanel::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void SpendPanel::refresh()
{
    m_refreshTimer->stop();
    QElapsedTimer elapsed;
    elapsed.start();
    auto snapshot = m_services.guard.snapshot();
    if (!snapshot.ok()) {
        showReadProblem(tr("The spend figures could not be read: %1").arg(snapshot.error().message));
        armMidnightTimer();
        return;
    }
    clearReadProblem();
    m_snapshot = std::move(snapshot).value();
    ++m_refreshCount;
    showTotals(*m_snapshot);
    m_providerModel->update(m_snapshot->providers, m_snapshot->limits);
    m_limitsModel->update(m_snapshot->limits);
    m_chart->setDaily(m_snapshot->daily);
    refreshBalances();
    refreshLedger();
    armMidnightTimer();
    if (m_snapshot->reserved.isZero())
        m_inFlightTimer->stop();
    else
        m_inFlightTimer->start();
    if (elapsed.elapsed() > kSlowRefreshMs)
        qCWarning(lcUi) << "Spend panel refresh took" << elapsed.elapsed() << "ms";
    Q_EMIT refreshed(*m_snapshot);
}

void SpendPanel::showTotals(const SpendSnapshot& snapshot)
{
    const auto show = [](QLabel* label, const Money& amount) {
        label->setText(centsText(amount));
        label->setToolTip(amount.toString());
    };
    show(m_todayLabel, snapshot.today_total);
    show(m_monthLabel, snapshot.month_total);
    show(m_subscriptionsLabel, snapshot.subscriptions_month);
    show(m_reservedLabel, snapshot.reserved);
    show(m_burnLabel, snapshot.burnPerDay);
    show(m_forecastLabel, snapshot.forecastMonth);
    m_forecastCaption->setText(
        tr("Forecast to %1").arg(QLocale().toString(snapshot.monthEnd, QStringLiteral("d MMM"))));
    m_forecastLabel->setToolTip(tr("%1: metered spend so far, plus subscriptions, plus the 7-day burn rate "
                                   "for each day left in the month")
                                    .arg(snapshot.forecastMonth.toString()));
    const QDateTime local = snapshot.at.toTimeZone(m_services.guard.calendar().zone());
    m_zoneLabel->setText(tr("Days and months in %1 · updated %2")
                             .arg(QString::fromUtf8(m_services.guard.calendar().zone().id()),
                                  QLocale().toString(local.time(), QLocale::ShortFormat)));
}

void SpendPanel::refreshBalances()
{
    if (!m_snapshot)
        return;
    QHash<ProviderId, ProviderBalance> balances;
    const QDate today = m_snapshot->today;
    for (ProviderId provider : allProviders()) {
        std::optional<Money> reported;
        if (const auto live = m_liveBalances.constFind(provider); live != m_liveBalances.cend())
            reported = *live;
        else if (m_services.hub) {
            if (const auto last = m_services.hub->lastCheck(provider, activeProfile()))
                reported = last->balance;
        }
        if (!reported)
            continue;
        ProviderBalance balance;
        balance.reported = *reported;
        balance.aud = m_services.prices.toAud(*reported, today);
        if (balance.aud)
            balance.runsOut = runsOutOn(*balance.aud, m_providerModel->spendOf(provider).burnPerDay, today);
        balances.insert(provider, balance);
    }
    m_providerModel->setBalances(balances);
}

LedgerFilter SpendPanel::ledgerFilter() const
{
    LedgerFilter filter;
    if (const QString key = m_providerFilter->currentData().toString(); !key.isEmpty())
        filter.provider = providerFromKey(key);
    filter.campaign = m_campaignFilter->text().trimmed();
    filter.staff = m_staffFilter->text().trimmed();
    const SpendCalendar& calendar = m_services.guard.calendar();
    const QDateTime now = m_services.guard.now();
    switch (LedgerPeriod(m_periodFilter->currentData().toInt())) {
    case LedgerPeriod::Today:
        filter.range = calendar.periodAt(SpendPeriod::Day, now);
        break;
    case LedgerPeriod::ThisMonth:
        filter.range = calendar.periodAt(SpendPeriod::Month, now);
        break;
    case LedgerPeriod::Last30Days: {
        const QDate today = calendar.localDate(now);
        filter.range = TimeRange{calendar.dayRange(today.addDays(-29)).start, calendar.dayRange(today).end};
        break;
    }
    case LedgerPeriod::All:
        break;
    }
    return filter;
}

void SpendPanel::setLedgerProvider(std::optional<ProviderId> provider)
{
    m_providerFilter->setCurrentIndex(provider ? m_providerFilter->findData(providerKey(*provider)) : 0);
}

void SpendPanel::setLedgerPeriod(LedgerPeriod period)
{
    m_periodFilter->setCurrentIndex(m_periodFilter->findData(int(period)));
}

void SpendPanel::reloadLedger()
{
    m_filterTimer->stop();
    m_shownFilter.reset();
    refreshLedger();
}

void SpendPanel::refreshLedger()
{
    const LedgerFilter filter = ledgerFilter();
    const bool sameAsShown = m_shownFilter && sameFilter(*m_shownFilter, filter);
    // The same filter: read only from the newest row shown up (by primary key: cheap on any ledger).
    const qint64 from = sameAsShown && m_ledgerModel->newestId() > 0 ? m_ledgerModel->newestId() - 1 : 0;
    auto page = m_services.ledger.events(filter, kLedgerPageSize, 0, from);
    if (!page.ok()) {
        showReadProblem(tr("The ledger could not be read: %1").arg(page.error().message));
        return;
    }
    // The same filter: only new rows go on top, so the older pages someone loaded stay.
    if (!sameAsShown || !m_ledgerModel->mergeNewest(page.value())) {
        m_ledgerModel->reset(page.value());
        m_loadMoreButton->setEnabled(page.value().size() >= kLedgerPageSize);
    }
    m_shownFilter = filter;
    m_ledgerStatus->setText(tr("%n row(s) shown", nullptr, m_ledgerModel->rowCount()));
}

void SpendPanel::loadMore()
{
    if (!m_shownFilter)
        return;
    auto page = m_services.ledger.events(*m_shownFilter, kLedgerPageSize, m_ledgerModel->oldestId());
    if (!page.ok()) {
        showReadProblem(tr("The ledger could not be read: %1").arg(page.error().message));
        return;
    }
    m_ledgerModel->appendOlder(page.value());
    m_loadMoreButton->setEnabled(page.value().size() >= kLedgerPageSize);
    m_ledgerStatus->setText(tr("%n row(s) shown", nullptr, m_ledgerModel->rowCount()));
}

void SpendPanel::chooseExportFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(
        tr("agency-spend-%1.csv")
            .arg(m_services.guard.calendar().localDate(m_services.guard.now()).toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the ledger as CSV"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void SpendPanel::exportCsv(const QString& path)
{
    if (m_export) {
        Q_EMIT exportFinished(0, tr("An export is already running."));
        return;
    }
    m_exportButton->setEnabled(false);
    m_export = new LedgerExport(m_services.ledger, ledgerFilter(), path, this);
    connect(m_export, &LedgerExport::progress, this, [this](qsizetype rows) {
        m_ledgerStatus->setText(tr("Exporting… %n row(s) read", nullptr, int(rows)));
    });
    connect(m_export, &LedgerExport::finished, this, [this, path](qsizetype rows, const QString& problem) {
        m_export->deleteLater();
        m_export = nullptr;
        m_exportButton->setEnabled(true);
        if (problem.isEmpty())
            m_ledgerStatus->setText(tr("Exported %n row(s) to %1", nullptr, int(rows)).arg(path));
        else
            showProblem(tr("The export failed: %1").arg(problem));
        Q_EMIT exportFinished(rows, problem);
    });
    m_export->start();
}

void SpendPanel::armMidnightTimer()
{
    const SpendCalendar& calendar = m_services.guard.calendar();
    const QDateTime now = m_services.guard.now();
    const QDateTime midnight = calendar.dayRange(calendar.localDate(now)).end;
    // A second past midnight, so the new day's range is the one read.
    const qint64 wait = std::clamp<qint64>(now.msecsTo(midnight) + 1000, 1000, 25LL * 60 * 60 * 1000);
    m_midnightTimer->start(int(wait));
}

void SpendPanel::showProblem(const QString& message)
{
    qCWarning(lcUi) << "Spend panel:" << message;
    m_problemBanner->addMessage(message, MessageBanner::Kind::Error);
}

void SpendPanel::clearReadProblem()
{
    // A good read answers an earlier failed one; a failed settlement stays until dismissed.
    if (!m_readProblem.isEmpty())
        m_problemBanner->removeMessage(m_readProblem);
    m_readProblem.clear();
}

void SpendPanel::showReadProblem(const QString& message)
{
    if (m_readProblem != message)
        clearReadProblem();
    m_readProblem = message;
    showProblem(message);
}

QString SpendPanel::problemText() const
{
    return m_problemBanner->isHidden() ? QString() : m_problemBanner->messages().join(u'\n');
}

QString SpendPanel::todayTotalText() const
{
    return m_todayLabel->text();
}

QString SpendPanel::monthTotalText() const
{
    return m_monthLabel->text();
}

QString SpendPanel::reservedText() const
{
    return m_reservedLabel->text();
}

QString SpendPanel::forecastText() const
{
    return m_forecastLabel->text();
}

std::optional<int> SpendPanel::providerPercent(ProviderId provider, SpendPeriod period) const
{
    const auto status = m_providerModel->limitOf(provider, period);
    return status ? std::optional<int>(status->percent) : std::nullopt;
}

BarState SpendPanel::providerBarState(ProviderId provider, SpendPeriod period) const
{
    const auto percent = providerPercent(provider, period);
    return percent ? barStateFor(*percent) : BarState::NoLimit;
}

QString SpendPanel::statusText(const SpendSnapshot& snapshot)
{
    for (const LimitStatus& status : snapshot.limits) {
        if (status.limit.scope == LimitScope::Overall && status.limit.period == SpendPeriod::Day)
            return tr("Today %1 of %2").arg(centsText(snapshot.today_total), centsText(status.limit.cap));
    }
    return tr("Today %1 (no daily limit)").arg(centsText(snapshot.today_total));
}

BarState SpendPanel::statusState(const SpendSnapshot& snapshot)
{
    for (const LimitStatus& status : snapshot.limits) {
        if (status.limit.scope == LimitScope::Overall && status.limit.period == SpendPeriod::Day)
            return barStateFor(status.percent);
    }
    return BarState::NoLimit;
}

} // namespace agency
