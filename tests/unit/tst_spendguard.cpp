// SpendGuard on a SQLite file and on the real PostgreSQL server: limits refuse before anything is
// sent, reservations settle and release, periods roll over at Sydney's midnight and month end (an
// injected clock), alerts are raised once per period, late costs keep both figures, the price book
// applies from its date, and the slot totals always agree with the events.

#include "engine/spendguard.h"
#include "integrations/anthropic/anthropicclient.h"
#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "ledgertestsupport.h"
#include "providersimulator.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>

using namespace agency;
using namespace agency::testing;

namespace {

const QTimeZone kSydney(QByteArrayLiteral("Australia/Sydney"));

QDateTime sydney(int y, int m, int d, int h, int min, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), kSydney).toUTC();
}

Money aud(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" AUD"));
}

CostEvent spend(ProviderId provider, Money amount, const QString& reference = {})
{
    CostEvent event =
        reportedCost(provider, QStringLiteral("test"), amount, 1, QStringLiteral("call"), reference);
    event.at = QDateTime();
    return event;
}

template<typename T, typename E>
QByteArray why(const Result<T, E>& result)
{
    if (result)
        return "ok";
    if constexpr (std::is_same_v<E, DatabaseError>)
        return result.error().message.toUtf8();
    else
        return result.error().message().toUtf8();
}

// A database, its ledger, price book and guard, on one backend, with a clock the test moves.
struct Fixture
{
    std::unique_ptr<Database> database;
    std::unique_ptr<Ledger> ledger;
    std::unique_ptr<PriceBook> prices;
    std::unique_ptr<SpendGuard> guard;
    QDateTime now;

    explicit Fixture(std::unique_ptr<Database> db)
        : database(std::move(db))
    {
        if (!database)
            return;
        ledger = std::make_unique<Ledger>(*database);
        prices = std::make_unique<PriceBook>(*database);
        guard = std::make_unique<SpendGuard>(*database, *ledger, *prices, SpendCalendar(kSydney));
        guard->setClock([this] { return now; });
        guard->setStaffMember(QStringLiteral("alex"));
    }
    bool ok() const { return bool(database); }
    Money today()
    {
        auto snap = guard->snapshot();
        return snap ? snap.value().today_total : Money();
    }
};

} // namespace

class TestSpendGuard : public QObject
{
    Q_OBJECT
private:
    LedgerBackends m_backends;

    std::unique_ptr<Fixture> fixture(const QString& kind)
    {
        auto made = std::make_unique<Fixture>(m_backends.open(kind));
        made->now = sydney(2026, 11, 25, 12, 0);
        return made;
    }

private Q_SLOTS:
    void refusedCallIsNeverSent_data() { LedgerBackends::addRows(); }
    void refusedCallIsNeverSent()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        f->guard->setClock(systemClock()); // the client stamps its cost with the real time
        sim::ProviderSimulator simulator(3);
        QVERIFY(simulator.listen());
        QNetworkAccessManager network;
        HttpCore core(network);
        core.setBudgetHook(f->guard.get());
        Credential credential;
        credential.fields.insert(QStringLiteral("api_key"), QStringLiteral("sim-valid"));
        AnthropicClient anthropic(ClientContext{&core, simulator.baseUrl(ProviderId::Anthropic), credential});
        AnthropicMessageRequest request;
        request.model = QStringLiteral("claude-sonnet-4-6");
        request.maxTokens = 1000;
        request.messages = {{AnthropicMessage::Role::User, QStringLiteral("Write a two-line follow-up.")}};
        const Money worstUsd = *anthropic.worstCaseCost(request);
        const Money worstAud = *f->prices->toAud(worstUsd, QDate::currentDate(), Rounding::Up);

        // The Anthropic limiter: a daily cap of its own, a cent short of this call's worst case.
        const Money cap = Money::aud(worstAud.micros() - 10'000);
        QVERIFY(f->guard->setLimit(
            {LimitScope::Provider, providerKey(ProviderId::Anthropic), SpendPeriod::Day, cap}));
        QSignalSpy refusals(f->guard.get(), &SpendGuard::refused);
        const auto refused = QCoro::waitFor(anthropic.createMessage(request));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind, IntegrationError::Kind::BudgetExceeded);
        const QString message = refused.error().message();
        QVERIFY2(message.contains(QStringLiteral("only %1 is left").arg(cap.toString())),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Anthropic")), qPrintable(message));
        QCOMPARE(refusals.size(), 1);
        QVERIFY(simulator.requestLog(ProviderId::Anthropic).isEmpty()); // nothing left the machine
        QCOMPARE(f->guard->snapshot().value().reserved, Money::aud(0));

        // Room for it: sent, settled from usage (USD at the rate), the reservation gone.
        QVERIFY(f->guard->setLimit({LimitScope::Provider, providerKey(ProviderId::Anthropic),
                                    SpendPeriod::Day, Money::aud(worstAud.micros())}));
        const auto sent = QCoro::waitFor(anthropic.createMessage(request));
        QVERIFY2(sent, why(sent).constData());
        QCOMPARE(simulator.requestLog(ProviderId::Anthropic).size(), 1);
        auto rows = f->ledger->events({}, 10);
        QVERIFY(rows);
        QCOMPARE(rows.value().size(), 1);
        const CostEvent& recorded = rows.value().first().event;
        QCOMPARE(recorded.amount, sent->cost->amount);
        QCOMPARE(recorded.amountAud, *f->prices->toAud(sent->cost->amount, QDate::currentDate()));
        QCOMPARE(recorded.staffMember, QStringLiteral("alex"));
        QVERIFY(recorded.amountAud < worstAud);
        f->guard->setClock([] { return QDateTime::currentDateTimeUtc(); });
        QCOMPARE(f->guard->snapshot().value().reserved, Money::aud(0));
    }

    void settleRecordsAndReleaseFrees_data() { LedgerBackends::addRows(); }
    void settleRecordsAndReleaseFrees()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        QVERIFY(f->guard->setLimit({LimitScope::Overall, {}, SpendPeriod::Day, aud("1.00")}));
        ReservationRequest request{
            ProviderId::Twilio, QStringLiteral("send_sms"), aud("0.60"), {}, QStringLiteral("Spring")};
        auto first = f->guard->reserveNow(request);
        QVERIFY2(first, why(first).constData());
        QCOMPARE(f->guard->snapshot().value().reserved, aud("0.60"));
        // The reservation holds its room: a second one would cross A$1.00.
        auto second = f->guard->reserveNow(request);
        QVERIFY(!second);
        QVERIFY(second.error().message().contains(QStringLiteral("only A$0.40 is left")));

        // Released on failure: nothing recorded, the room is back.
        QVERIFY(f->guard->settleNow(*first, CallOutcome::Failed, std::nullopt));
        QCOMPARE(f->guard->snapshot().value().reserved, Money::aud(0));
        QCOMPARE(f->ledger->events({}, 10).value().size(), 0);

        // Settled: the real cost, with the reservation's staff member and campaign.
        auto third = f->guard->reserveNow(request);
        QVERIFY(third);
        QVERIFY(f->guard->settleNow(*third, CallOutcome::Succeeded,
                                    spend(ProviderId::Twilio, aud("0.0515"), QStringLiteral("SM1"))));
        auto rows = f->ledger->events({}, 10).value();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().event.amountAud, aud("0.0515"));
        QCOMPARE(rows.first().event.campaignOrRun, QStringLiteral("Spring"));
        QCOMPARE(rows.first().event.staffMember, QStringLiteral("alex"));
        QCOMPARE(f->today(), aud("0.0515"));

        // Unknown (a reset after sending): the worst case is counted until the provider says otherwise.
        auto fourth = f->guard->reserveNow(request);
        QVERIFY(fourth);
        QVERIFY(f->guard->settleNow(*fourth, CallOutcome::Unknown, std::nullopt));
        QCOMPARE(f->today(), aud("0.6515"));
        QCOMPARE(f->ledger->events({}, 10).value().first().event.source, CostSource::Estimated);

        // A crashed console's reservation stops counting after its lifetime.
        auto fifth =
            f->guard->reserveNow({ProviderId::Twilio, QStringLiteral("send_sms"), aud("0.30"), {}, {}});
        QVERIFY(fifth);
        QVERIFY(!f->guard->reserveNow({ProviderId::Twilio, QStringLiteral("send_sms"), aud("0.30"), {}, {}}));
        f->now = f->now.addMSecs(SpendGuard::kReservationLifetimeMs + 1);
        QVERIFY(f->guard->reserveNow({ProviderId::Twilio, QStringLiteral("send_sms"), aud("0.30"), {}, {}}));
    }

    void limitsPerScopeApplyOnlyToTheirScope_data() { LedgerBackends::addRows(); }
    void limitsPerScopeApplyOnlyToTheirScope()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        QVERIFY(f->guard->setLimit(
            {LimitScope::Campaign, QStringLiteral("Spring"), SpendPeriod::Month, aud("2.00")}));
        QVERIFY(
            f->guard->setLimit({LimitScope::Staff, QStringLiteral("sam"), SpendPeriod::Day, aud("1.00")}));
        const auto reserve = [&](const QString& staff, const QString& campaign, const char* amount) {
            return f->guard->reserveNow(
                {ProviderId::Resend, QStringLiteral("send_email"), aud(amount), staff, campaign});
        };
        QVERIFY(reserve(QStringLiteral("alex"), QStringLiteral("Spring"), "1.50"));
        QVERIFY(!reserve(QStringLiteral("alex"), QStringLiteral("Spring"), "0.60")); // the campaign's month
        QVERIFY(reserve(QStringLiteral("alex"), QStringLiteral("Autumn"), "5.00"));  // another campaign
        QVERIFY(!reserve(QStringLiteral("sam"), QString(), "1.01"));                 // sam's day
        QVERIFY(reserve(QStringLiteral("sam"), QString(), "1.00"));
        // USD is reserved in AUD at the rate, rounded up.
        QVERIFY(f->prices->setRate({QStringLiteral("USD"), 2'000'000, QDate(2026, 1, 1), false}));
        QVERIFY(f->guard->setLimit(
            {LimitScope::Provider, providerKey(ProviderId::Vapi), SpendPeriod::Day, aud("1.00")}));
        QVERIFY(!f->guard->reserveNow({ProviderId::Vapi,
                                       QStringLiteral("call"),
                                       Money::fromMicros(500'001, QStringLiteral("USD")),
                                       {},
                                       {}}));
        QVERIFY(f->guard->reserveNow({ProviderId::Vapi,
                                      QStringLiteral("call"),
                                      Money::fromMicros(500'000, QStringLiteral("USD")),
                                      {},
                                      {}}));
    }

    void periodsRollOverAtSydneyMidnightAndMonthEnd_data() { LedgerBackends::addRows(); }
    void periodsRollOverAtSydneyMidnightAndMonthEnd()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        QVERIFY(f->guard->setLimit({LimitScope::Overall, {}, SpendPeriod::Day, aud("1.00")}));
        QVERIFY(f->guard->setLimit({LimitScope::Overall, {}, SpendPeriod::Month, aud("1.50")}));
        // 23:59 on 30 November in Sydney is 12:59 UTC: a UTC calendar would put midnight 11 hours later.
        f->now = sydney(2026, 11, 30, 23, 59);
        QVERIFY(f->guard->chargeNow(spend(ProviderId::Resend, aud("1.00"))));
        const ReservationRequest cent{ProviderId::Resend, QStringLiteral("send_email"), aud("0.01"), {}, {}};
        QVERIFY(!f->guard->reserveNow(cent));
        f->now = sydney(2026, 11, 30, 23, 59, 59);
        QVERIFY(!f->guard->reserveNow(cent));
        // Local midnight: a new day and, on 1 December, a new month.
        f->now = sydney(2026, 12, 1, 0, 0);
        QCOMPARE(f->today(), Money::aud(0));
        auto fresh =
            f->guard->reserveNow({ProviderId::Resend, QStringLiteral("send_email"), aud("1.00"), {}, {}});
        QVERIFY2(fresh, why(fresh).constData());
        QVERIFY(f->guard->settleNow(*fresh, CallOutcome::Succeeded, spend(ProviderId::Resend, aud("1.00"))));
        // The next day the daily cap is free again, but December's A$1.50 has only A$0.50 left.
        f->now = sydney(2026, 12, 2, 0, 0);
        QVERIFY(
            !f->guard->reserveNow({ProviderId::Resend, QStringLiteral("send_email"), aud("0.51"), {}, {}}));
        QVERIFY(
            f->guard->reserveNow({ProviderId::Resend, QStringLiteral("send_email"), aud("0.50"), {}, {}}));
        // A daylight-saving change (5 April 2026, Sydney: 25-hour day) still ends the day at local midnight.
        SpendCalendar calendar(kSydney);
        const TimeRange day = calendar.periodAt(SpendPeriod::Day, sydney(2026, 4, 5, 12, 0));
        QCOMPARE(day.start.secsTo(day.end), qint64(25 * 3600));
    }

    void alertsAreRaisedOncePerPeriod_data() { LedgerBackends::addRows(); }
    void alertsAreRaisedOncePerPeriod()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        QVERIFY(f->guard->setLimit(
            {LimitScope::Provider, providerKey(ProviderId::Apollo), SpendPeriod::Day, aud("10.00")}));
        QSignalSpy alerts(f->guard.get(), &SpendGuard::alertRaised);
        const auto charge = [&](const char* amount) {
            QVERIFY(f->guard->chargeNow(spend(ProviderId::Apollo, aud(amount))));
        };
        const auto lastThreshold = [&] {
            return alerts.constLast().first().value<SpendAlert>().threshold;
        };
        charge("4.99");
        QCOMPARE(alerts.size(), 0);
        charge("0.01");
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(lastThreshold(), 50);
        charge("0.10");
        QCOMPARE(alerts.size(), 1); // 50 % is said once
        charge("4.40");             // 95 %: one alert, not one for 80 and one for 95
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(lastThreshold(), 95);
        QVERIFY(alerts.constLast().first().value<SpendAlert>().message().contains(QStringLiteral("95")));
        charge("0.50");
        QCOMPARE(alerts.size(), 3);
        QCOMPARE(lastThreshold(), 100);
        // Another guard (another console) on the same ledger does not say it again.
        SpendGuard other(*f->database, *f->ledger, *f->prices, SpendCalendar(kSydney));
        other.setClock([&] { return f->now; });
        QSignalSpy otherAlerts(&other, &SpendGuard::alertRaised);
        QVERIFY(other.chargeNow(spend(ProviderId::Apollo, aud("0.01"))));
        QCOMPARE(otherAlerts.size(), 0);
        // A new day: 50 % is news again.
        f->now = f->now.addDays(1);
        charge("6.00");
        QCOMPARE(alerts.size(), 4);
        QCOMPARE(lastThreshold(), 50);
    }

    void lateCostKeepsBothFigures_data() { LedgerBackends::addRows(); }
    void lateCostKeepsBothFigures()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        QVERIFY(f->prices->setRate({QStringLiteral("USD"), 1'500'000, QDate(2026, 1, 1), false}));
        // Twilio's price arrives after delivery: the send is recorded at the estimate.
        CostEvent estimate =
            estimatedCost(ProviderId::Twilio, QStringLiteral("send_sms"), 1, QStringLiteral("SM42"));
        estimate.at = f->now;
        QVERIFY(f->guard->chargeNow(estimate));
        const Money estimated = f->today();
        QCOMPARE(estimated, providerInfo(ProviderId::Twilio).unitCost);
        // Then Twilio says US$0.0400 (= A$0.06): the correction keeps both figures.
        f->now = f->now.addSecs(3600);
        QVERIFY(f->guard->reportLateCost(ProviderId::Twilio, QStringLiteral("SM42"),
                                         Money::fromMicros(40'000, QStringLiteral("USD"))));
        QCOMPARE(f->today(), aud("0.06"));
        auto rows = f->ledger->events({}, 10).value();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).corrects, rows.at(1).id);
        QCOMPARE(rows.at(1).event.amountAud, estimated);    // the estimate is never rewritten
        QCOMPARE(rows.at(0).event.at, rows.at(1).event.at); // dated with the call
        // Said once: a second report has nothing to correct.
        QVERIFY(!f->guard->reportLateCost(ProviderId::Twilio, QStringLiteral("SM42"),
                                          Money::fromMicros(40'000, QStringLiteral("USD"))));
        QVERIFY(!f->guard->reportLateCost(ProviderId::Twilio, QStringLiteral("SM-unknown"), aud("1.00")));
    }

    void chargeOnceSkipsACostAlreadyRecorded_data() { LedgerBackends::addRows(); }
    void chargeOnceSkipsACostAlreadyRecorded()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        // The console that sent SM7 billed it, then died before its journal said so; the next run proves
        // the send by a look-up and must not bill it again.
        CostEvent sent = estimatedCost(ProviderId::Twilio, QStringLiteral("send_sms"), 1);
        sent.at = f->now;
        sent.providerReference = QStringLiteral("SM7");
        QVERIFY(f->guard->chargeNow(sent));
        const Money once = f->today();
        auto again = f->guard->chargeOnce(sent);
        QVERIFY(again);
        QVERIFY(!again.value());
        QCOMPARE(f->today(), once);
        // One the dead console never billed is recorded, once.
        sent.providerReference = QStringLiteral("SM8");
        QVERIFY(f->guard->chargeOnce(sent).value());
        QVERIFY(!f->guard->chargeOnce(sent).value());
        QCOMPARE(f->ledger->events({}, 10)->size(), 2);
        QVERIFY(f->today() > once);
    }

    void priceBookAppliesFromItsDate_data() { LedgerBackends::addRows(); }
    void priceBookAppliesFromItsDate()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        const auto lookup = [&] {
            CostEvent event = estimatedCost(ProviderId::Apollo, QStringLiteral("person_match"), 10);
            event.at = f->now;
            return event;
        };
        QVERIFY(f->guard->chargeNow(lookup()));
        QCOMPARE(f->today(), aud("0.20")); // the seed: A$0.02 per lead
        QVERIFY(
            f->prices->setPrice({ProviderId::Apollo, QStringLiteral("person_match"), QStringLiteral("lead"),
                                 aud("0.03"), QDate(2026, 11, 26), QStringLiteral("alex")}));
        QVERIFY(f->guard->chargeNow(lookup()));
        QCOMPARE(f->today(), aud("0.40")); // not yet in force on the 25th
        f->now = f->now.addDays(1);
        QVERIFY(f->guard->chargeNow(lookup()));
        QCOMPARE(f->today(), aud("0.30"));
        auto rows = f->ledger->events({}, 10).value();
        QCOMPARE(rows.last().event.amountAud, aud("0.20")); // the first event keeps its price
        // The default USD rate is flagged until someone sets one; a set rate applies from its date.
        QVERIFY(f->prices->rateFor(QStringLiteral("USD"), QDate(2026, 11, 25)).isDefault);
        QVERIFY(f->prices->setRate({QStringLiteral("USD"), 1'600'000, QDate(2026, 11, 1), false}));
        QCOMPARE(*f->prices->toAud(Money::fromMicros(1'000'000, QStringLiteral("USD")), QDate(2026, 11, 2)),
                 aud("1.60"));
        QCOMPARE(*f->prices->toAud(Money::fromMicros(1'000'000, QStringLiteral("USD")), QDate(2026, 10, 31)),
                 aud("1.55"));
        // Another console sees the same book.
        PriceBook again(*f->database);
        QCOMPARE(
            again.priceFor(ProviderId::Apollo, QStringLiteral("person_match"), QDate(2026, 12, 1)).unitPrice,
            aud("0.03"));
        QCOMPARE(again.history().size(), 1);
    }

    void snapshotShowsTotalsBurnForecastAndRunOut_data() { LedgerBackends::addRows(); }
    void snapshotShowsTotalsBurnForecastAndRunOut()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        // A$7 a day on Resend for the 7 days up to today (25 November), A$1 on Apollo today.
        for (int day = 6; day >= 0; --day) {
            CostEvent event = spend(ProviderId::Resend, aud("7.00"));
            event.at = f->now.addDays(-day);
            QVERIFY(f->guard->chargeNow(event));
        }
        CostEvent apollo = spend(ProviderId::Apollo, aud("1.00"));
        apollo.at = f->now;
        QVERIFY(f->guard->chargeNow(apollo));
        Subscription seats = PriceBook::seedSubscriptions().first();
        seats.quantity = 2;
        QVERIFY(f->prices->saveSubscription(seats));
        QVERIFY(f->guard->setLimit({LimitScope::Overall, {}, SpendPeriod::Month, aud("300.00")}));
        auto snap = f->guard->snapshot();
        QVERIFY2(snap, why(snap).constData());
        const SpendSnapshot& s = snap.value();
        QCOMPARE(s.today, QDate(2026, 11, 25));
        QCOMPARE(s.today_total, aud("8.00"));
        QCOMPARE(s.month_total, aud("50.00"));
        QCOMPARE(s.subscriptions_month, aud("244.00"));
        QCOMPARE(s.burnPerDay, aud("7.142857"));
        // 50 + 244 + 5 days left × 7.142857
        QCOMPARE(s.forecastMonth, Money::aud(50'000'000 + 244'000'000 + 5 * 7'142'857));
        QCOMPARE(s.providers.size(), 17);
        for (const ProviderSpend& p : s.providers) {
            if (p.provider == ProviderId::Resend)
                QCOMPARE(p.month, aud("49.00"));
        }
        QCOMPARE(s.daily.size(), 30);
        QCOMPARE(s.daily.last().byProvider.value(ProviderId::Apollo), aud("1.00"));
        QCOMPARE(s.limits.size(), 1);
        QCOMPARE(s.limits.first().percent, 16);
        // A$250 left at A$7.142857 a day: 35 days — past the month's end, so no run-out date this month.
        QVERIFY(!s.limits.first().runsOut);
        QVERIFY(f->guard->setLimit({LimitScope::Overall, {}, SpendPeriod::Month, aud("60.00")}));
        QCOMPARE(*f->guard->snapshot().value().limits.first().runsOut, QDate(2026, 11, 27));
    }

    void dailyTotalsAgreeWithTheEvents_data() { LedgerBackends::addRows(); }
    void dailyTotalsAgreeWithTheEvents()
    {
        QFETCH(QString, kind);
        AGENCY_SKIP_WITHOUT_POSTGRES(kind);
        auto f = fixture(kind);
        QVERIFY(f->ok());
        QList<CostEvent> batch;
        for (int i = 0; i < 500; ++i) {
            CostEvent event = spend(ProviderId(i % 17), Money::aud(900 + i));
            event.at = f->now.addSecs(-i * 577);
            event.amountAud = event.amount;
            event.campaignOrRun = i % 3 ? QStringLiteral("Spring") : QString();
            batch.append(event);
        }
        QVERIFY(f->ledger->recordBatch(batch));
        const auto fromTotals = f->guard->providerTotals().value();
        const TimeRange month = SpendCalendar(kSydney).periodAt(SpendPeriod::Month, f->now);
        const auto fromEvents = f->ledger->audTotalsByProvider(month.start, month.end).value();
        QCOMPARE(fromTotals.size(), fromEvents.size());
        for (auto it = fromEvents.begin(); it != fromEvents.end(); ++it)
            QCOMPARE(fromTotals.value(it.key()).second, it.value());
        LedgerFilter spring;
        spring.campaign = QStringLiteral("Spring");
        const Money springTotal = f->ledger->total(spring).value();
        QCOMPARE(f->ledger
                     ->sumDays(LimitScope::Campaign, QStringLiteral("Spring"), QDate(2026, 1, 1),
                               QDate(2026, 12, 31))
                     .value(),
                 springTotal);
        QVERIFY(f->ledger->rebuildTotals());
        QCOMPARE(f->guard->providerTotals().value(), fromTotals);

        // Another zone: a ledger that adopts it adds its days up again; going back gives the same totals.
        // 12:00 on the 25th in Sydney is 01:00 UTC, so events from the early Sydney morning fall on the
        // 24th in UTC: the days must differ.
        const QDate day = QDate(2026, 11, 25);
        const Money sydneyDay = f->ledger->sumDays(LimitScope::Overall, {}, day, day).value();
        QVERIFY(f->ledger->useCalendar(SpendCalendar(QTimeZone::utc())));
        const Money utcDay = f->ledger->sumDays(LimitScope::Overall, {}, day, day).value();
        QVERIFY(utcDay != sydneyDay);
        QCOMPARE(f->ledger->sumDays(LimitScope::Overall, {}, QDate(2026, 11, 1), QDate(2026, 11, 30)).value(),
                 f->ledger->total({}).value());
        QVERIFY(f->ledger->useCalendar(SpendCalendar(kSydney)));
        QCOMPARE(f->ledger->sumDays(LimitScope::Overall, {}, day, day).value(), sydneyDay);
        QCOMPARE(f->guard->providerTotals().value(), fromTotals);
    }
};

QTEST_GUILESS_MAIN(TestSpendGuard)
#include "tst_spendguard.moc"
