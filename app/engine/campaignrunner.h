#pragma once
// CampaignRunner: runs one campaign's journal through its channel's sender. Each item is rendered (a
// missing merge field fails it, never sent), journalled as `sending` before the call and recorded
// after it; a group sent in one request is begun and recorded in one transaction each, so a crash
// leaves whole requests in `sending`, which reconcile() replays (Resend, same idempotency key) or
// looks up (Twilio) before anything new is sent. Throttles: the provider's pacer (in the HTTP core),
// a daily cap per sender, a send window in the recipient's time zone and a minimum gap; whatever
// holds the campaign back is said in words. A circuit breaker pauses the campaign when too many of
// the last attempts failed or were rate limited; a budget refusal pauses it with nothing sent.

#include "engine/campaignjournal.h"
#include "engine/campaignsender.h"
#include "engine/messagetemplate.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTime>

#include <chrono>
#include <deque>
#include <memory>

namespace agency {

class Database;
class Ledger;
class SpendGuard;

struct CampaignThrottles
{
    int dailyCap = 0;                ///< sends per sender per day, across campaigns; 0: no cap
    std::optional<QTime> windowFrom; ///< the send window in the recipient's time zone; none: any time
    std::optional<QTime> windowTo;   ///< exclusive; before windowFrom for a window over midnight
    /// A recipient's zone comes from its "timezone" (or "time_zone") field; this when it has none.
    QByteArray defaultTimeZone = "Australia/Sydney";
    QByteArray capTimeZone = "Australia/Sydney"; ///< where the daily cap's day begins
    std::chrono::milliseconds minimumGap{0};     ///< between two requests of this campaign
    int breakerWindow = 20;                      ///< the last N attempts the breaker looks at…
    int breakerThreshold = 5;                    ///< …and how many failures or 429s among them trip it
};

struct CampaignProgress
{
    JournalCounts counts;
    double perMinute = 0;             ///< messages recorded as sent per minute, this run
    std::optional<qint64> etaSeconds; ///< at that rate, for what is pending
    QList<Money> cost;                ///< sent so far, per currency
    QString waiting;                  ///< why nothing is being sent right now; empty while sending
};

struct ReconcileReport
{
    int examined = 0;
    int sent = 0;       ///< proven sent (a replay answered, a message found)
    int failed = 0;     ///< proven refused
    int unknown = 0;    ///< unprovable: for a person
    int unresolved = 0; ///< the provider could not be asked now: left as they were, tried next run
};

class CampaignRunner : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Running,
        Paused,
        Completed,
        Cancelled,
    };

    CampaignRunner(Database& database, CampaignJournal& journal, CampaignSender& sender,
                   QObject* parent = nullptr);
    ~CampaignRunner() override;

    /// Loads the campaign and parses its message (and, for email, its subject from sender["subject"]).
    Result<Done, QString> open(CampaignId id);
    /// The same for a campaign given whole: a dry run previews one not yet in the journal.
    Result<Done, QString> use(const Campaign& campaign);
    const Campaign& campaign() const { return m_campaign; }

    void setThrottles(CampaignThrottles throttles) { m_throttles = std::move(throttles); }
    const CampaignThrottles& throttles() const { return m_throttles; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    /// Where reconciliation records the cost of a send proven by a look-up (its console died before
    /// billing it). Optional.
    void setSpendGuard(SpendGuard* guard) { m_guard = guard; }
    /// The longest single wait before the runner looks again (a window opening, a new day).
    void setPollInterval(std::chrono::milliseconds interval) { m_pollInterval = interval; }

    /// The message this item would be sent: refused, naming the fields, when one is missing.
    Result<OutgoingMessage, QString> render(const JournalItem& item) const;
    /// Why this item would wait now (the daily cap, its send window, the minimum gap); empty if not.
    QString waitReason(const JournalItem& item);

    /// Proves what became of the items a crash left in `sending` and those recorded `unknown`:
    /// run by start() before anything new is sent; callable on its own.
    QCoro::Task<ReconcileReport> reconcile();
    /// Asks the provider for the delivery status of every sent item whose status is not final yet,
    /// stores each answer in the journal (JournalItem::deliveryStatus, deliveryFinal,
    /// deliveryCheckedAt) and returns the answers of this pass (a failed look-up: `error` set, nothing
    /// stored). Settles a reported price (Twilio) through SpendGuard's late-cost path when `guard` is
    /// given — once: an estimate `ledger` shows already corrected is left alone, so the follow-up can
    /// run any number of times.
    QCoro::Task<QList<DeliveryStatus>> followUp(SpendGuard* guard, Ledger* ledger);

    State state() const { return m_state; }
    QString pauseReason() const { return m_pauseReason; }
    QString waiting() const { return m_waiting; }
    CampaignProgress progress();
    /// The reconciliation start() ran last.
    const ReconcileReport& lastReconcile() const { return m_lastReconcile; }

public Q_SLOTS:
    /// Reconciles, then sends until everything is recorded, or it is paused or cancelled.
    void start();
    /// Stops after the request in flight; start() or resume() goes on.
    void pause();
    void resume() { start(); }
    /// Stops now: the request in flight is aborted (what it means for its items is recorded).
    void cancel();

Q_SIGNALS:
    void stateChanged(agency::CampaignRunner::State state);
    void progressed(const agency::CampaignProgress& progress);
    /// Something holds the campaign back (empty: it sends again).
    void waitingChanged(const QString& reason);

private:
    struct Pick
    {
        QList<OutgoingMessage> messages;
        QString waitReason;
        qint64 waitMs = 0;
        bool done = false;
        QString error;
    };
    struct ReconcilePlan
    {
        QList<QList<OutgoingMessage>> groups;
        QStringList keys;
        int unrenderable = 0;
        QString error;
    };

    QCoro::Task<> run(CancelToken cancel);
    QCoro::Task<> sleepFor(qint64 ms, CancelToken cancel);
    Pick pick();
    ReconcilePlan reconcilePlan();
    Result<Done, QString> beginAll(const QList<OutgoingMessage>& messages, const QString& requestKey);
    Result<Done, QString> record(const QList<SendOutcome>& outcomes);
    void afterOutcomes(const QList<SendOutcome>& outcomes);
    void chargeUnbilled(const QList<SendOutcome>& outcomes);
    void settle(SpendGuard* guard, Ledger* ledger, DeliveryStatus& status);
    void storeDelivery(DeliveryStatus& status);
    std::optional<QDateTime> windowOpensAt(const JournalItem& item, const QDateTime& now) const;
    QString windowReason(const QDateTime& opensAt) const;
    Result<int, QString> capRemaining(QString* reason, qint64* waitMs);
    qint64 gapRemainingMs() const;
    void setState(State state);
    void setWaiting(const QString& reason);
    void pauseWith(const QString& reason);
    void emitProgress();

    Database& m_database;
    CampaignJournal& m_journal;
    CampaignSender& m_sender;
    Campaign m_campaign;
    MessageTemplate m_body;
    MessageTemplate m_subject;
    CampaignThrottles m_throttles;
    Clock m_clock = systemClock();
    SpendGuard* m_guard = nullptr;
    std::chrono::milliseconds m_pollInterval{30'000};
    State m_state = State::Idle;
    QString m_pauseReason;
    QString m_waiting;
    bool m_loopActive = false;
    CancelToken m_cancel;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::deque<bool> m_recent; ///< the last attempts: true for a failure or a 429
    std::optional<QDateTime> m_lastRequestAt;
    QElapsedTimer m_runTimer;
    int m_sentThisRun = 0;
    ReconcileReport m_lastReconcile;
};

QString campaignRunnerStateName(CampaignRunner::State state);

} // namespace agency
