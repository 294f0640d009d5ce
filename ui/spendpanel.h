#pragma once
// SpendPanel: what the agency is spending, live, in AUD — per provider today and this month against
// limits, every limit with the day it runs out, totals, burn rate and forecast, 30 days of daily
// spend, and the ledger itself with filters and CSV export. Refreshes when the ledger or the price
// book changes (coalesced) and at local midnight; a refresh reads the guard's daily totals and one
// page of events, never the whole ledger.

#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/spendguard.h"
#include "model/credential.h"
#include "ui/spendmath.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace agency {

class ConsoleSettings;
class LedgerExport;
class LedgerTableModel;
class MessageBanner;
class ProviderHub;
class ProviderSpendModel;
class SpendChart;
class SpendLimitsModel;

/// The engine objects the spend views work on; the window's owner keeps them alive.
struct SpendServices
{
    Ledger& ledger;
    PriceBook& prices;
    SpendGuard& guard;
    ProviderHub* hub = nullptr; ///< for account balances from credential checks; may be null
};

/// The ledger table's period filter.
enum class LedgerPeriod
{
    Today,
    ThisMonth,
    Last30Days,
    All,
};

class SpendPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLedgerPageSize = 500;
    static constexpr int kRefreshDelayMs = 100;
    /// How soon the in-flight figure is read again while calls are in flight.
    static constexpr int kInFlightRecheckMs = 5000;

    /// `settings` (may be null) gives the active profile, for the balances of the last checks.
    SpendPanel(SpendServices services, ConsoleSettings* settings, QWidget* parent = nullptr);
    ~SpendPanel() override;

    /// "Today A$12.40 of A$50.00": today's spend against the overall daily limit, for the status bar.
    static QString statusText(const SpendSnapshot& snapshot);
    /// How full the overall daily limit is (NoLimit when none is set).
    static BarState statusState(const SpendSnapshot& snapshot);

    // What the panel shows, for tests and the status bar.
    const std::optional<SpendSnapshot>& snapshot() const { return m_snapshot; }
    QString todayTotalText() const;
    QString monthTotalText() const;
    QString reservedText() const;
    QString forecastText() const;
    /// Percent of the provider's daily or monthly limit; nullopt when it has none.
    std::optional<int> providerPercent(ProviderId provider, SpendPeriod period) const;
    BarState providerBarState(ProviderId provider, SpendPeriod period) const;
    /// The problem banner's text; empty when nothing is wrong.
    QString problemText() const;
    int refreshCount() const { return m_refreshCount; }

    ProviderSpendModel* providerModel() const { return m_providerModel; }
    SpendLimitsModel* limitsModel() const { return m_limitsModel; }
    LedgerTableModel* ledgerModel() const { return m_ledgerModel; }
    SpendChart* chart() const { return m_chart; }
    QTableView* ledgerTable() const { return m_ledgerTable; }

    /// The ledger filter the controls describe, with the period resolved against the guard's clock.
    LedgerFilter ledgerFilter() const;
    void setLedgerProvider(std::optional<ProviderId> provider);
    void setLedgerPeriod(LedgerPeriod period);

public Q_SLOTS:
    /// Reads a new snapshot and the newest ledger page now.
    void refresh();
    /// Refreshes once, shortly; many calls in a burst cost one refresh.
    void scheduleRefresh();
    /// Reloads the ledger table from its first page (the filter changed).
    void reloadLedger();
    /// Adds the next older page to the ledger table.
    void loadMore();
    /// Writes every row matching the filter to `path`; exportFinished() follows.
    void exportCsv(const QString& path);
    /// Asks where to export, then exports.
    void chooseExportFile();

Q_SIGNALS:
    /// After each successful refresh.
    void refreshed(const agency::SpendSnapshot& snapshot);
    /// `problem` is empty on success.
    void exportFinished(qsizetype rows, const QString& problem);

private:
    QWidget* buildTotals();
    QWidget* buildOverview();
    QWidget* buildLedgerPage();
    void showTotals(const SpendSnapshot& snapshot);
    void refreshBalances();
    void refreshLedger();
    void armMidnightTimer();
    void showProblem(const QString& message);
    void showReadProblem(const QString& message);
    void clearReadProblem();
    Profile activeProfile() const;

    SpendServices m_services;
    ConsoleSettings* m_settings = nullptr;
    std::optional<SpendSnapshot> m_snapshot;
    /// Balances heard from credential checks this session (the stored last check may lack one).
    QHash<ProviderId, Money> m_liveBalances;
    int m_refreshCount = 0;
    QString m_readProblem; ///< the banner's message about a failed read, cleared by a good one

    QTimer* m_refreshTimer = nullptr;
    QTimer* m_midnightTimer = nullptr;
    QTimer* m_inFlightTimer = nullptr;
    QTimer* m_filterTimer = nullptr;
    MessageBanner* m_problemBanner = nullptr;
    QLabel* m_zoneLabel = nullptr;
    QLabel* m_todayLabel = nullptr;
    QLabel* m_monthLabel = nullptr;
    QLabel* m_subscriptionsLabel = nullptr;
    QLabel* m_reservedLabel = nullptr;
    QLabel* m_burnLabel = nullptr;
    QLabel* m_forecastLabel = nullptr;
    QLabel* m_forecastCaption = nullptr;
    ProviderSpendModel* m_providerModel = nullptr;
    SpendLimitsModel* m_limitsModel = nullptr;
    SpendChart* m_chart = nullptr;

    LedgerTableModel* m_ledgerModel = nullptr;
    QTableView* m_ledgerTable = nullptr;
    QComboBox* m_providerFilter = nullptr;
    QComboBox* m_periodFilter = nullptr;
    QLineEdit* m_campaignFilter = nullptr;
    QLineEdit* m_staffFilter = nullptr;
    QPushButton* m_loadMoreButton = nullptr;
    QPushButton* m_exportButton = nullptr;
    QLabel* m_ledgerStatus = nullptr;
    std::optional<LedgerFilter> m_shownFilter;
    LedgerExport* m_export = nullptr;
};

} // namespace agency
