// The Spend panel, the status bar and the spend settings over a real SQLite ledger and the real
// spend guard, with the guard's clock injected. Events go in through the engine as a provider call's
// would; the test then waits for what a person would see: totals, bar colours, rows, banners, files.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/database.h"
#include "engine/ledger.h"
#include "engine/ledgercsv.h"
#include "engine/pricebook.h"
#include "engine/providerhub.h"
#include "engine/spendguard.h"
#include "integrations/http/httpcore.h"
#include "memorysecretstore.h"
#include "ui/budgetspage.h"
#include "ui/ledgertablemodel.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/pricespage.h"
#include "ui/providerspendmodel.h"
#include "ui/settingsdialog.h"
#include "ui/spendchart.h"
#include "ui/spendlimitsmodel.h"
#include "ui/spendpanel.h"
#include "ui/subscriptionspage.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace agency;

namespace {

QDateTime sydney(const QDate& date, const QTime& time)
{
    return QDateTime(date, time, QTimeZone(QByteArrayLiteral("Australia/Sydney"))).toUTC();
}

Money aud(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" AUD"));
}

} // namespace

class TestSpendPanel : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<PriceBook> m_prices;
    std::unique_ptr<SpendGuard> m_guard;
    std::unique_ptr<SpendServices> m_services;
    QDateTime m_now;

    SpendServices& services() { return *m_services; }

    CostEvent event(ProviderId provider, const Money& amountAud, const QString& campaign = {},
                    const QString& staff = QStringLiteral("alex"))
    {
        CostEvent cost;
        cost.at = m_now;
        cost.provider = provider;
        cost.operation = QStringLiteral("send");
        cost.units = 1;
        cost.unit = QStringLiteral("message");
        cost.unitPrice = amountAud;
        cost.amount = amountAud;
        cost.amountAud = amountAud;
        cost.source = CostSource::Reported;
        cost.staffMember = staff;
        cost.campaignOrRun = campaign;
        return cost;
    }

    bool charge(ProviderId provider, const Money& amountAud, const QString& campaign = {},
                const QString& staff = QStringLiteral("alex"))
    {
        const auto recorded = m_guard->chargeNow(event(provider, amountAud, campaign, staff));
        if (!recorded.ok())
            qWarning() << recorded.error().message;
        return recorded.ok();
    }

    bool setLimit(LimitScope scope, const QString& key, SpendPeriod period, const char* cap)
    {
        SpendLimit limit;
        limit.scope = scope;
        limit.key = key;
        limit.period = period;
        limit.cap = aud(cap);
        const auto set = m_guard->setLimit(limit);
        if (!set.ok())
            qWarning() << set.error().message;
        return set.ok();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AgencyOSTest"));
        QCoreApplication::setApplicationName(QStringLiteral("agency-console-spend-panel-test"));
    }

    // A new ledger file per test, and the clock at 10:00 on a Friday in Sydney.
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto opened =
            Database::open(DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("ledger.sqlite"))));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        m_database = std::move(opened).value();
        m_ledger = std::make_unique<Ledger>(*m_database);
        m_prices = std::make_unique<PriceBook>(*m_database);
        m_guard = std::make_unique<SpendGuard>(*m_database, *m_ledger, *m_prices);
        m_now = sydney(QDate(2025, 3, 14), QTime(10, 0));
        m_guard->setClock([this] { return m_now; });
        m_services = std::make_unique<SpendServices>(SpendServices{*m_ledger, *m_prices, *m_guard, nullptr});
    }

    void cleanup()
    {
        m_services.reset();
        m_guard.reset();
        m_prices.reset();
        m_ledger.reset();
        m_database.reset();
        m_dir.reset();
    }

    void barStates()
    {
        QCOMPARE(barStateFor(0), BarState::Normal);
        QCOMPARE(barStateFor(79), BarState::Normal);
        QCOMPARE(barStateFor(80), BarState::Warning);
        QCOMPARE(barStateFor(99), BarState::Warning);
        QCOMPARE(barStateFor(100), BarState::Over);
        QCOMPARE(barStateFor(250), BarState::Over);
        QVERIFY(barColour(BarState::Warning) != barColour(BarState::Normal));
        QVERIFY(barColour(BarState::Over) != barColour(BarState::Warning));
    }

    void balanceRunsOut()
    {
        const QDate today(2025, 3, 14);
        QCOMPARE(runsOutOn(aud("100"), aud("10"), today), today.addDays(10));
        QCOMPARE(runsOutOn(aud("105"), aud("10"), today), today.addDays(10));
        QCOMPARE(runsOutOn(aud("0"), aud("10"), today), today);
        QCOMPARE(runsOutOn(aud("100"), aud("0"), today), std::nullopt);
        QCOMPARE(runsOutOn(*Money::parse(QStringLiteral("US$100")), aud("10"), today), std::nullopt);
    }

    void parsesAud()
    {
        QString error;
        QCOMPARE(parseAud(QStringLiteral("A$50"), &error), aud("50"));
        QCOMPARE(parseAud(QStringLiteral("50.25"), &error), aud("50.25"));
        QCOMPARE(parseAud(QStringLiteral("1,250 AUD"), &error), aud("1250"));
        QVERIFY(!parseAud(QStringLiteral("US$5"), &error));
        QVERIFY(error.contains(QStringLiteral("AUD")));
        error.clear();
        QVERIFY(!parseAud(QStringLiteral("five"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!parseAud(QStringLiteral("0.0000001"), &error));
        QVERIFY(!parseAud(QString(), &error));
    }

    // 79 % is normal, 80 % amber, 100 % red; each step arrives without a manual refresh.
    void barsFollowTheLedgerLive()
    {
        QVERIFY(setLimit(LimitScope::Provider, providerKey(ProviderId::Resend), SpendPeriod::Day, "10"));
        SpendPanel panel(services(), nullptr);
        QCOMPARE(panel.providerPercent(ProviderId::Resend, SpendPeriod::Day), 0);
        QCOMPARE(panel.providerBarState(ProviderId::Resend, SpendPeriod::Day), BarState::Normal);
        QCOMPARE(panel.providerBarState(ProviderId::Resend, SpendPeriod::Month), BarState::NoLimit);
        QCOMPARE(panel.providerBarState(ProviderId::Twilio, SpendPeriod::Day), BarState::NoLimit);
        QCOMPARE(panel.todayTotalText(), QStringLiteral("A$0.00"));

        QVERIFY(charge(ProviderId::Resend, aud("7.90")));
        QTRY_COMPARE(panel.todayTotalText(), QStringLiteral("A$7.90"));
        QCOMPARE(panel.providerPercent(ProviderId::Resend, SpendPeriod::Day), 79);
        QCOMPARE(panel.chart()->shownHeight(ProviderId::Resend, int(panel.snapshot()->daily.size()) - 1),
                 7.9);
        QCOMPARE(panel.providerBarState(ProviderId::Resend, SpendPeriod::Day), BarState::Normal);

        QVERIFY(charge(ProviderId::Resend, aud("0.10")));
        QTRY_COMPARE(panel.providerPercent(ProviderId::Resend, SpendPeriod::Day), 80);
        QCOMPARE(panel.providerBarState(ProviderId::Resend, SpendPeriod::Day), BarState::Warning);
        const QModelIndex bar = panel.providerModel()->index(panel.providerModel()->rowOf(ProviderId::Resend),
                                                             ProviderSpendModel::DailyBarColumn);
        QCOMPARE(bar.data(Qt::UserRole + 41).toInt(), int(BarState::Warning)); // what the delegate paints

        QVERIFY(charge(ProviderId::Resend, aud("2.00")));
        QTRY_COMPARE(panel.providerPercent(ProviderId::Resend, SpendPeriod::Day), 100);
        QCOMPARE(panel.providerBarState(ProviderId::Resend, SpendPeriod::Day), BarState::Over);
        QCOMPARE(panel.todayTotalText(), QStringLiteral("A$10.00"));
        QCOMPARE(panel.monthTotalText(), QStringLiteral("A$10.00"));
        QCOMPARE(panel.providerModel()->spendOf(ProviderId::Resend).today, aud("10"));
        QCOMPARE(panel.chart()->providersShown(), QList<ProviderId>{ProviderId::Resend});
        const int today = int(panel.snapshot()->daily.size()) - 1;
        QCOMPARE(panel.snapshot()->daily.at(today).date, QDate(2025, 3, 14));
        QCOMPARE(panel.chart()->shownHeight(ProviderId::Resend, today), 10.0);
        QCOMPARE(panel.chart()->shownHeight(ProviderId::Resend, today - 1), 0.0);
        QCOMPARE(panel.chart()->shownHeight(ProviderId::Twilio, today), std::nullopt);
    }

    // A burst of events costs one refresh, not one each.
    void refreshesAreCoalesced()
    {
        SpendPanel panel(services(), nullptr);
        QTest::qWait(SpendPanel::kRefreshDelayMs * 2);
        const int before = panel.refreshCount();
        for (int i = 0; i < 40; ++i)
            QVERIFY(charge(ProviderId::Twilio, aud("0.25")));
        QTRY_COMPARE(panel.todayTotalText(), QStringLiteral("A$10.00"));
        QCOMPARE(panel.refreshCount() - before, 1);
    }

    void reservationsAndSettlements()
    {
        QVERIFY(setLimit(LimitScope::Provider, providerKey(ProviderId::Vapi), SpendPeriod::Day, "20"));
        SpendPanel panel(services(), nullptr);
        ReservationRequest request;
        request.provider = ProviderId::Vapi;
        request.operation = QStringLiteral("call");
        request.worstCase = aud("5");
        const auto reservation = m_guard->reserveNow(request);
        QVERIFY2(reservation.ok(), qPrintable(reservation.ok() ? QString() : reservation.error().message()));
        panel.refresh(); // a reservation writes no ledger row, so nothing says "changed"
        QCOMPARE(panel.reservedText(), QStringLiteral("A$5.00"));

        QVERIFY(
            m_guard->settleNow(reservation.value(), CallOutcome::Succeeded, event(ProviderId::Vapi, aud("3")))
                .ok());
        QTRY_COMPARE(panel.todayTotalText(), QStringLiteral("A$3.00"));
        QTRY_COMPARE(panel.reservedText(), QStringLiteral("A$0.00"));
        QCOMPARE(panel.providerPercent(ProviderId::Vapi, SpendPeriod::Day), 15);

        // A failed call records nothing and announces nothing; its reservation still leaves the figure.
        const auto failed = m_guard->reserveNow(request);
        QVERIFY(failed.ok());
        panel.refresh();
        QCOMPARE(panel.reservedText(), QStringLiteral("A$5.00"));
        QVERIFY(m_guard->settleNow(failed.value(), CallOutcome::Failed, std::nullopt).ok());
        QTRY_COMPARE_WITH_TIMEOUT(panel.reservedText(), QStringLiteral("A$0.00"),
                                  SpendPanel::kInFlightRecheckMs * 3);
        QCOMPARE(panel.todayTotalText(), QStringLiteral("A$3.00"));
    }

    // Overall, campaign and staff limits each get a row; the forecast is shown.
    void limitRows()
    {
        QVERIFY(setLimit(LimitScope::Overall, QString(), SpendPeriod::Day, "50"));
        QVERIFY(setLimit(LimitScope::Overall, QString(), SpendPeriod::Month, "1000"));
        QVERIFY(setLimit(LimitScope::Campaign, QStringLiteral("Spring"), SpendPeriod::Day, "5"));
        QVERIFY(setLimit(LimitScope::Staff, QStringLiteral("alex"), SpendPeriod::Month, "100"));
        SpendPanel panel(services(), nullptr);
        QCOMPARE(panel.limitsModel()->rowCount(), 4);
        QCOMPARE(panel.limitsModel()->limits().first().limit.scope, LimitScope::Overall);

        QVERIFY(charge(ProviderId::ClickSend, aud("4.50"), QStringLiteral("Spring")));
        QTRY_COMPARE(panel.todayTotalText(), QStringLiteral("A$4.50"));
        int campaignRow = -1;
        for (int row = 0; row < panel.limitsModel()->rowCount(); ++row) {
            if (panel.limitsModel()->limits().at(row).limit.scope == LimitScope::Campaign)
                campaignRow = row;
        }
        QVERIFY(campaignRow >= 0);
        const QModelIndex bar = panel.limitsModel()->index(campaignRow, SpendLimitsModel::BarColumn);
        QCOMPARE(bar.data(Qt::UserRole + 40).toInt(), 90);
        QCOMPARE(bar.data(Qt::UserRole + 41).toInt(), int(BarState::Warning));
        QVERIFY(!panel.forecastText().isEmpty());
        QVERIFY(panel.forecastText().startsWith(QStringLiteral("A$")));
        QCOMPARE(SpendPanel::statusText(*panel.snapshot()), QStringLiteral("Today A$4.50 of A$50.00"));
    }

    void ledgerFiltersAndCorrections()
    {
        QVERIFY(charge(ProviderId::Resend, aud("0.01"), QStringLiteral("Spring"), QStringLiteral("sam")));
        QVERIFY(charge(ProviderId::Resend, aud("0.02")));
        QVERIFY(charge(ProviderId::Twilio, aud("0.30"), QStringLiteral("Spring")));
        CostEvent estimated = event(ProviderId::Vapi, aud("1.00"));
        estimated.source = CostSource::Estimated;
        estimated.providerReference = QStringLiteral("call-77");
        QVERIFY(m_guard->chargeNow(estimated).ok());
        QVERIFY(m_guard->reportLateCost(ProviderId::Vapi, QStringLiteral("call-77"), aud("0.80")).ok());

        SpendPanel panel(services(), nullptr);
        LedgerTableModel* rows = panel.ledgerModel();
        QCOMPARE(rows->rowCount(), 5);
        int corrections = 0;
        for (int row = 0; row < rows->rowCount(); ++row) {
            if (rows->index(row, 0).data(LedgerTableModel::CorrectionRole).toBool()) {
                ++corrections;
                QVERIFY(rows->index(row, LedgerTableModel::NoteColumn)
                            .data()
                            .toString()
                            .startsWith(QStringLiteral("Correction of #")));
            }
        }
        QCOMPARE(corrections, 1);

        auto* providerCombo = panel.findChild<QComboBox*>(QStringLiteral("ledgerProviderComboBox"));
        providerCombo->setCurrentIndex(providerCombo->findData(providerKey(ProviderId::Resend)));
        QCOMPARE(rows->rowCount(), 2);
        for (const LedgerRow& row : rows->rows())
            QCOMPARE(row.event.provider, ProviderId::Resend);

        panel.setLedgerProvider(std::nullopt);
        QCOMPARE(rows->rowCount(), 5);
        panel.findChild<QLineEdit*>(QStringLiteral("ledgerCampaignLineEdit"))
            ->setText(QStringLiteral("Spring"));
        QTRY_COMPARE(rows->rowCount(), 2);
        panel.findChild<QLineEdit*>(QStringLiteral("ledgerStaffLineEdit"))->setText(QStringLiteral("sam"));
        QTRY_COMPARE(rows->rowCount(), 1);

        // A new event joins the table live, without a reload.
        QVERIFY(charge(ProviderId::Apollo, aud("0.05"), QStringLiteral("Spring"), QStringLiteral("sam")));
        QTRY_COMPARE(rows->rowCount(), 2);
        QCOMPARE(rows->rows().first().event.provider, ProviderId::Apollo);

        // Yesterday's events are in "last 30 days" but not "today".
        panel.findChild<QLineEdit*>(QStringLiteral("ledgerCampaignLineEdit"))->clear();
        panel.findChild<QLineEdit*>(QStringLiteral("ledgerStaffLineEdit"))->clear();
        panel.reloadLedger();
        m_now = m_now.addDays(1);
        panel.setLedgerPeriod(LedgerPeriod::Today);
        QCOMPARE(rows->rowCount(), 0);
        panel.setLedgerPeriod(LedgerPeriod::Last30Days);
        QCOMPARE(rows->rowCount(), 6);
    }

    void loadMorePagesBack()
    {
        QList<CostEvent> events;
        for (int i = 0; i < 1200; ++i)
            events.append(event(ProviderId::Deepgram, aud("0.01")));
        QVERIFY(m_ledger->recordBatch(events).ok());
        SpendPanel panel(services(), nullptr);
        QCOMPARE(panel.ledgerModel()->rowCount(), SpendPanel::kLedgerPageSize);
        auto* more = panel.findChild<QPushButton*>(QStringLiteral("loadMoreButton"));
        QVERIFY(more->isEnabled());
        more->click();
        QCOMPARE(panel.ledgerModel()->rowCount(), 2 * SpendPanel::kLedgerPageSize);
        more->click();
        QCOMPARE(panel.ledgerModel()->rowCount(), 1200);
        QVERIFY(!more->isEnabled());
        // Ids strictly descend: no row twice, none skipped between pages.
        const QList<LedgerRow>& rows = panel.ledgerModel()->rows();
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY(rows.at(i).id < rows.at(i - 1).id);

        // A new event goes on top and the loaded pages stay.
        QVERIFY(charge(ProviderId::Deepgram, aud("0.01")));
        QTRY_COMPARE(panel.ledgerModel()->rowCount(), 1201);
    }

    void exportsCsvThatReadsBackToTheSameTotals()
    {
        for (int i = 0; i < 30; ++i)
            QVERIFY(charge(i % 2 ? ProviderId::Resend : ProviderId::Anthropic, aud("0.123456")));
        CostEvent estimated = event(ProviderId::Vapi, aud("1.00"));
        estimated.source = CostSource::Estimated;
        estimated.providerReference = QStringLiteral("call-9");
        QVERIFY(m_guard->chargeNow(estimated).ok());
        QVERIFY(m_guard->reportLateCost(ProviderId::Vapi, QStringLiteral("call-9"), aud("1.25")).ok());

        SpendPanel panel(services(), nullptr);
        panel.setLedgerPeriod(LedgerPeriod::All);
        QSignalSpy finished(&panel, &SpendPanel::exportFinished);
        const QString path = m_dir->filePath(QStringLiteral("export.csv"));
        panel.exportCsv(path);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(1).toString(), QString());

        const auto ledgerTotal = m_ledger->total(LedgerFilter{});
        QVERIFY(ledgerTotal.ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto read = LedgerCsv::read(file);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error()));
        const auto all = m_ledger->events(LedgerFilter{}, 10000);
        QVERIFY(all.ok());
        QCOMPARE(read.value().size(), all.value().size());
        QCOMPARE(finished.first().at(0).value<qsizetype>(), all.value().size());
        Money sum = Money::aud(0);
        for (const CostEvent& row : read.value())
            sum = *sum.plus(row.amountAud);
        QCOMPARE(sum, ledgerTotal.value());

        // Filtered: only Resend's rows.
        panel.setLedgerProvider(ProviderId::Resend);
        finished.clear();
        panel.exportCsv(path);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<qsizetype>(), 15);
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto resendOnly = LedgerCsv::read(file);
        QVERIFY(resendOnly.ok());
        for (const CostEvent& row : resendOnly.value())
            QCOMPARE(row.provider, ProviderId::Resend);

        // A folder that does not exist: the problem is reported, in the signal and the banner.
        finished.clear();
        panel.exportCsv(m_dir->filePath(QStringLiteral("missing/folder/export.csv")));
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.first().at(1).toString().isEmpty());
        QVERIFY(panel.problemText().contains(QStringLiteral("export")));
    }

    // Nothing is spent at midnight, but "today" must start again from zero.
    void todayRollsOverAtMidnight()
    {
        m_now = sydney(QDate(2025, 3, 14), QTime(23, 59, 59, 500));
        SpendPanel panel(services(), nullptr);
        QVERIFY(charge(ProviderId::Resend, aud("5")));
        QTRY_COMPARE(panel.todayTotalText(), QStringLiteral("A$5.00"));
        m_now = sydney(QDate(2025, 3, 15), QTime(0, 0, 1));
        QTRY_COMPARE_WITH_TIMEOUT(panel.todayTotalText(), QStringLiteral("A$0.00"), 10000);
        QCOMPARE(panel.snapshot()->today, QDate(2025, 3, 15));
        QCOMPARE(panel.monthTotalText(), QStringLiteral("A$5.00"));
    }

    void engineErrorsAreShown()
    {
        SpendPanel panel(services(), nullptr);
        QCOMPARE(panel.problemText(), QString());
        QSqlQuery drop(m_database->connection());
        QVERIFY(drop.exec(QStringLiteral("DROP TABLE spend_daily")));
        panel.refresh();
        QVERIFY(panel.problemText().contains(QStringLiteral("could not be read")));
        QVERIFY(!panel.findChild<MessageBanner*>(QStringLiteral("spendProblemBanner"))->isHidden());
    }

    void balancesFromCredentialChecks()
    {
        QSettings qsettings(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        test::MemorySecretStore store;
        CredentialVault vault(store, qsettings);
        QNetworkAccessManager network;
        HttpCore core(network);
        ProviderHub hub(vault, settings, core);
        SpendServices withHub{*m_ledger, *m_prices, *m_guard, &hub};
        SpendPanel panel(withHub, &settings);
        QVERIFY(charge(ProviderId::Apify, aud("10")));
        QTRY_COMPARE(panel.todayTotalText(), QStringLiteral("A$10.00"));

        AccountStatus status;
        status.state = AccountStatus::State::Valid;
        status.balance = *Money::parse(QStringLiteral("US$100"));
        Q_EMIT hub.checked(ProviderId::Apify, status);
        const QModelIndex balance = panel.providerModel()->index(
            panel.providerModel()->rowOf(ProviderId::Apify), ProviderSpendModel::BalanceColumn);
        const QString text = balance.data().toString();
        QVERIFY2(text.startsWith(QStringLiteral("A$155.00")), qPrintable(text)); // at the default rate, 1.55
        QVERIFY2(text.contains(QStringLiteral("runs out")), qPrintable(text));
        const QString tip = balance.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("US$100.00")), qPrintable(tip));
    }

    void statusBarAndAlertBanner()
    {
        QVERIFY(setLimit(LimitScope::Overall, QString(), SpendPeriod::Day, "50"));
        QSettings qsettings(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        test::MemorySecretStore store;
        CredentialVault vault(store, qsettings);
        QNetworkAccessManager network;
        HttpCore core(network);
        ProviderHub hub(vault, settings, core);
        SpendServices withHub{*m_ledger, *m_prices, *m_guard, &hub};
        MainWindow window(vault, settings, hub, &withHub);
        QVERIFY(window.spendPanel());
        QCOMPARE(window.spendIndicatorText(), QStringLiteral("Today A$0.00 of A$50.00"));
        MessageBanner* banner = window.alertBanner();
        QVERIFY(banner->isHidden());

        QVERIFY(charge(ProviderId::Anthropic, aud("12.40")));
        QTRY_COMPARE(window.spendIndicatorText(), QStringLiteral("Today A$12.40 of A$50.00"));
        QVERIFY(banner->isHidden());

        QSignalSpy alerts(m_guard.get(), &SpendGuard::alertRaised);
        QVERIFY(charge(ProviderId::Anthropic, aud("13.00"))); // 50.8 %: the first soft threshold
        QTRY_COMPARE(window.spendIndicatorText(), QStringLiteral("Today A$25.40 of A$50.00"));
        QCOMPARE(alerts.size(), 1);
        QVERIFY(!banner->isHidden());
        const QString message = alerts.first().at(0).value<SpendAlert>().message();
        QCOMPARE(banner->messages(), QStringList{message});

        QVERIFY(charge(ProviderId::Anthropic, aud("1.00"))); // still under 80 %: no second alert
        QTRY_COMPARE(window.spendIndicatorText(), QStringLiteral("Today A$26.40 of A$50.00"));
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(banner->messages().size(), 1);

        banner->dismissButton()->click();
        QVERIFY(banner->isHidden());
        QVERIFY(charge(ProviderId::Anthropic, aud("14.00"))); // 80.8 %
        QTRY_VERIFY(!banner->isHidden());
        QCOMPARE(banner->messages().size(), 1);
        QVERIFY(banner->messages().first() != message);

        // A refused reservation is shown too.
        ReservationRequest request;
        request.provider = ProviderId::Anthropic;
        request.operation = QStringLiteral("messages");
        request.worstCase = aud("20");
        QVERIFY(!m_guard->reserveNow(request).ok());
        QTRY_COMPARE(banner->messages().size(), 2);
    }

    void withoutSpendServicesTheSpendPanelIsAPlaceholder()
    {
        QSettings qsettings(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        test::MemorySecretStore store;
        CredentialVault vault(store, qsettings);
        QNetworkAccessManager network;
        HttpCore core(network);
        ProviderHub hub(vault, settings, core);
        MainWindow window(vault, settings, hub);
        QCOMPARE(window.spendPanel(), nullptr);
        QCOMPARE(window.panelCount(), 7);
        QVERIFY(window.alertBanner()->isHidden());
        window.showSpendUnavailable(QStringLiteral("The ledger database refused to open: disk full"));
        QVERIFY(window.spendIndicatorText().contains(QStringLiteral("not being tracked")));
        QVERIFY(!window.alertBanner()->isHidden());
        QVERIFY(window.alertBanner()->messages().first().contains(QStringLiteral("disk full")));
    }

    void settingsBudgets()
    {
        QSettings qsettings(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        QCOMPARE(settings.spendTimeZone(), QByteArrayLiteral("Australia/Sydney"));
        SettingsDialog dialog(settings, &services());
        BudgetsPage* page = dialog.budgetsPage();
        QVERIFY(page);

        auto* scope = page->findChild<QComboBox*>(QStringLiteral("limitScopeComboBox"));
        auto* provider = page->findChild<QComboBox*>(QStringLiteral("limitProviderComboBox"));
        auto* period = page->findChild<QComboBox*>(QStringLiteral("limitPeriodComboBox"));
        auto* cap = page->findChild<QLineEdit*>(QStringLiteral("limitCapLineEdit"));
        auto* set = page->findChild<QPushButton*>(QStringLiteral("setLimitButton"));
        scope->setCurrentIndex(scope->findData(limitScopeKey(LimitScope::Provider)));
        provider->setCurrentIndex(provider->findData(providerKey(ProviderId::Twilio)));
        period->setCurrentIndex(period->findData(spendPeriodKey(SpendPeriod::Month)));
        cap->setText(QStringLiteral("two hundred"));
        set->click();
        QVERIFY(page->problem().startsWith(QStringLiteral("Cap:")));
        QVERIFY(m_guard->limits().value().isEmpty());
        cap->setText(QStringLiteral("US$200"));
        set->click();
        QVERIFY(page->problem().contains(QStringLiteral("AUD")));
        cap->setText(QStringLiteral("A$200.50"));
        set->click();
        QCOMPARE(page->problem(), QString());
        const auto limits = m_guard->limits();
        QVERIFY(limits.ok());
        QCOMPARE(limits.value().size(), 1);
        QCOMPARE(limits.value().first().key, providerKey(ProviderId::Twilio));
        QCOMPARE(limits.value().first().period, SpendPeriod::Month);
        QCOMPARE(limits.value().first().cap, aud("200.50"));
        QCOMPARE(page->limitsTable()->rowCount(), 1);

        // A campaign limit needs a name.
        scope->setCurrentIndex(scope->findData(limitScopeKey(LimitScope::Campaign)));
        cap->setText(QStringLiteral("5"));
        set->click();
        QVERIFY(!page->problem().isEmpty());
        page->findChild<QLineEdit*>(QStringLiteral("limitKeyLineEdit"))->setText(QStringLiteral("Spring"));
        set->click();
        QCOMPARE(page->limitsTable()->rowCount(), 2);

        page->limitsTable()->selectRow(0);
        page->findChild<QPushButton*>(QStringLiteral("removeLimitButton"))->click();
        QCOMPARE(m_guard->limits().value().size(), 1);

        auto* zone = page->findChild<QLineEdit*>(QStringLiteral("spendTimeZoneLineEdit"));
        zone->setText(QStringLiteral("Mars/Olympus_Mons"));
        QVERIFY(!dialog.apply());
        QVERIFY(page->problem().contains(QStringLiteral("Mars/Olympus_Mons")));
        QCOMPARE(settings.spendTimeZone(), QByteArrayLiteral("Australia/Sydney"));
        zone->setText(QStringLiteral("Australia/Perth"));
        QVERIFY(dialog.apply());
        QCOMPARE(settings.spendTimeZone(), QByteArrayLiteral("Australia/Perth"));
    }

    void settingsPricesAndSubscriptions()
    {
        QSettings qsettings(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        ConsoleSettings settings(qsettings);
        settings.setStaffMember(QStringLiteral("alex"));
        SettingsDialog dialog(settings, &services());
        PricesPage* prices = dialog.pricesPage();
        QVERIFY(prices);
        QVERIFY2(prices->rateText().contains(QStringLiteral("default — not set")),
                 qPrintable(prices->rateText()));

        auto* rate = prices->findChild<QLineEdit*>(QStringLiteral("usdRateLineEdit"));
        auto* setRate = prices->findChild<QPushButton*>(QStringLiteral("setRateButton"));
        rate->setText(QStringLiteral("1.6.2"));
        setRate->click();
        QVERIFY(prices->problem().startsWith(QStringLiteral("Rate:")));
        rate->setText(QStringLiteral("1.6123"));
        setRate->click();
        QCOMPARE(prices->problem(), QString());
        QVERIFY2(prices->rateText().contains(QStringLiteral("A$1.6123")), qPrintable(prices->rateText()));
        QVERIFY(!prices->rateText().contains(QStringLiteral("default")));
        QCOMPARE(
            m_prices->rateFor(QStringLiteral("USD"), m_guard->calendar().localDate(m_now)).audMicrosPerUnit,
            1'612'300);

        const int rowsBefore = prices->historyTable()->rowCount();
        auto* provider = prices->findChild<QComboBox*>(QStringLiteral("priceProviderComboBox"));
        provider->setCurrentIndex(provider->findData(providerKey(ProviderId::ClickSend)));
        prices->findChild<QLineEdit*>(QStringLiteral("priceOperationLineEdit"))
            ->setText(QStringLiteral("send_sms"));
        auto* amount = prices->findChild<QLineEdit*>(QStringLiteral("priceAmountLineEdit"));
        auto* add = prices->findChild<QPushButton*>(QStringLiteral("addPriceButton"));
        amount->setText(QStringLiteral("-0.05"));
        add->click();
        QVERIFY(!prices->problem().isEmpty());
        prices->findChild<QComboBox*>(QStringLiteral("priceCurrencyComboBox"))
            ->setCurrentText(QStringLiteral("AUD"));
        amount->setText(QStringLiteral("0.0512"));
        add->click();
        QCOMPARE(prices->problem(), QString());
        QCOMPARE(prices->historyTable()->rowCount(), rowsBefore + 1);
        QCOMPARE(prices->historyTable()->item(0, 0)->text(), QStringLiteral("ClickSend"));
        QCOMPARE(prices->historyTable()->item(0, 1)->text(), QStringLiteral("send_sms"));
        const PriceRow row = m_prices->priceFor(ProviderId::ClickSend, QStringLiteral("send_sms"),
                                                m_guard->calendar().localDate(m_now));
        QCOMPARE(row.unitPrice, aud("0.0512"));
        QCOMPARE(row.changedBy, QStringLiteral("alex"));

        SubscriptionsPage* subscriptions = dialog.subscriptionsPage();
        QVERIFY(subscriptions);
        subscriptions->findChild<QPushButton*>(QStringLiteral("addUsualSubscriptionsButton"))->click();
        QCOMPARE(subscriptions->table()->rowCount(), PriceBook::seedSubscriptions().size());
        QCOMPARE(subscriptions->addUsual(), 0); // already there: not added twice

        subscriptions->table()->selectRow(0);
        subscriptions->findChild<QSpinBox*>(QStringLiteral("subscriptionQuantitySpinBox"))->setValue(3);
        subscriptions->findChild<QPushButton*>(QStringLiteral("saveSubscriptionButton"))->click();
        QCOMPARE(subscriptions->problem(), QString());
        QCOMPARE(m_prices->subscriptions().size(), PriceBook::seedSubscriptions().size());
        QVERIFY(m_prices->subscriptionsPerMonthAud(m_guard->calendar().localDate(m_now)).micros() > 0);

        // The panel counts the subscription in this month's figures.
        SpendPanel panel(services(), nullptr);
        QCOMPARE(panel.snapshot()->subscriptions_month,
                 m_prices->subscriptionsPerMonthAud(m_guard->calendar().localDate(m_now)));
    }
};

QTEST_MAIN(TestSpendPanel)
#include "tst_spend_panel.moc"
