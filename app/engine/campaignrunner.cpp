#include "campaignrunner.h"

#include "engine/database.h"
#include "engine/ledger.h"
#include "engine/spendguard.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>
#include <QTimer>

#include <qcoro/qcorotimer.h>

#include <algorithm>
#include <limits>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignRunner", text);
}

constexpr int kPageSize = 500;
constexpr qint64 kSleepSliceMs = 100; // a pause or a cancel is noticed within this long

QTimeZone zoneOf(const QJsonObject& recipient, const QByteArray& fallback)
{
    for (const char* name : {"timezone", "time_zone", "tz"}) {
        const QString value = recipient.value(QLatin1String(name)).toString().trimmed();
        if (!value.isEmpty()) {
            const QTimeZone zone(value.toUtf8());
            if (zone.isValid())
                return zone;
        }
    }
    const QTimeZone zone(fallback);
    return zone.isValid() ? zone : QTimeZone(QByteArray("Australia/Sydney"));
}

QString hhmm(const QTime& time)
{
    return time.toString(QStringLiteral("HH:mm"));
}

QString waitingForWindow(int items)
{
    return QCoreApplication::translate("agency::CampaignRunner", "%n item(s) wait for the send window.",
                                       nullptr, items);
}

} // namespace

QString campaignRunnerStateName(CampaignRunner::State state)
{
    switch (state) {
    case CampaignRunner::State::Idle:
        return tr("idle");
    case CampaignRunner::State::Running:
        return tr("running");
    case CampaignRunner::State::Paused:
        return tr("paused");
    case CampaignRunner::State::Completed:
        return tr("completed");
    case CampaignRunner::State::Cancelled:
        return tr("cancelled");
    }
    return {};
}

CampaignRunner::CampaignRunner(Database& database, CampaignJournal& journal, CampaignSender& sender,
                               QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_journal(journal)
    , m_sender(sender)
{}

CampaignRunner::~CampaignRunner()
{
    // A coroutine still suspended holds a copy of the flag: it ends at its next step without `this`.
    *m_alive = false;
    m_cancel.cancel();
}

Result<Done, QString> CampaignRunner::open(CampaignId id)
{
    auto loaded = m_journal.campaign(id);
    if (!loaded)
        return failure(loaded.error().message);
    return use(loaded.value());
}

Result<Done, QString> CampaignRunner::use(const Campaign& campaign)
{
    m_campaign = campaign;
    const bool html = m_campaign.sender.value(QStringLiteral("html")).toBool();
    auto body = MessageTemplate::parse(m_campaign.messageTemplate,
                                       html ? TemplateEscaping::Html : TemplateEscaping::PlainText);
    if (!body)
        return failure(tr("The message: %1").arg(body.error().message));
    m_body = body.value();
    if (m_campaign.channel == CampaignChannel::Email) {
        const QString subjectText = m_campaign.sender.value(QStringLiteral("subject")).toString();
        if (subjectText.trimmed().isEmpty())
            return failure(tr("An email campaign needs a subject (sender “subject”)."));
        auto subject = MessageTemplate::parse(subjectText, TemplateEscaping::PlainText);
        if (!subject)
            return failure(tr("The subject: %1").arg(subject.error().message));
        m_subject = subject.value();
    }
    return Done{};
}

Result<OutgoingMessage, QString> CampaignRunner::render(const JournalItem& item) const
{
    const RecipientFields fields = recipientFieldsFromJson(item.recipient);
    OutgoingMessage message;
    message.item = item.id;
    message.idempotencyKey = item.idempotencyKey;
    message.to = item.recipientKey;
    message.startedAt = item.updatedAt;
    message.recipient = fields;
    auto body = m_body.render(fields);
    if (!body)
        return failure(body.error().message);
    message.body = body.value();
    if (m_campaign.channel == CampaignChannel::Email) {
        auto subject = m_subject.render(fields);
        if (!subject)
            return failure(tr("The subject: %1").arg(subject.error().message));
        message.subject = subject.value();
    }
    return message;
}

// ---- throttles ----

std::optional<QDateTime> CampaignRunner::windowOpensAt(const JournalItem& item, const QDateTime& now) const
{
    if (!m_throttles.windowFrom || !m_throttles.windowTo || *m_throttles.windowFrom == *m_throttles.windowTo)
        return std::nullopt;
    const QTimeZone zone = zoneOf(item.recipient, m_throttles.defaultTimeZone);
    const QDateTime local = now.toTimeZone(zone);
    const QTime from = *m_throttles.windowFrom;
    const QTime to = *m_throttles.windowTo;
    const QTime time = local.time();
    const bool open = from < to ? (time >= from && time < to) : (time >= from || time < to);
    if (open)
        return std::nullopt;
    QDateTime opens(local.date(), from, zone);
    if (opens <= local)
        opens = QDateTime(local.date().addDays(1), from, zone);
    return opens.toUTC();
}

QString CampaignRunner::windowReason(const QDateTime& opensAt) const
{
    return tr("Outside the send window (%1–%2 in the recipient's time zone); it opens at %3 UTC.")
        .arg(hhmm(*m_throttles.windowFrom), hhmm(*m_throttles.windowTo),
             opensAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

Result<int, QString> CampaignRunner::capRemaining(QString* reason, qint64* waitMs)
{
    if (m_throttles.dailyCap <= 0)
        return std::numeric_limits<int>::max();
    QTimeZone zone(m_throttles.capTimeZone);
    if (!zone.isValid())
        zone = QTimeZone(QByteArray("Australia/Sydney"));
    const QDateTime now = m_clock().toTimeZone(zone);
    const QDateTime dayStart(now.date(), QTime(0, 0), zone);
    const QString sender = m_campaign.sender.value(QStringLiteral("from")).toString();
    auto sent = m_journal.sentBySenderSince(m_campaign.channel, QStringLiteral("from"), sender, dayStart);
    if (!sent)
        return failure(sent.error().message);
    const int remaining = m_throttles.dailyCap - sent.value();
    if (remaining <= 0) {
        const QDateTime tomorrow(now.date().addDays(1), QTime(0, 0), zone);
        if (reason)
            *reason = tr("The daily cap of %1 sends for %2 is reached; sending resumes at midnight (%3).")
                          .arg(m_throttles.dailyCap)
                          .arg(sender, QString::fromUtf8(zone.id()));
        if (waitMs)
            *waitMs = std::max<qint64>(1, now.msecsTo(tomorrow));
    }
    return remaining;
}

qint64 CampaignRunner::gapRemainingMs() const
{
    if (m_throttles.minimumGap.count() <= 0 || !m_lastRequestAt)
        return 0;
    const qint64 since = m_lastRequestAt->msecsTo(m_clock());
    return std::max<qint64>(0, m_throttles.minimumGap.count() - since);
}

QString CampaignRunner::waitReason(const JournalItem& item)
{
    QString reason;
    qint64 waitMs = 0;
    auto remaining = capRemaining(&reason, &waitMs);
    if (!remaining)
        return remaining.error();
    if (remaining.value() <= 0)
        return reason;
    if (const auto opens = windowOpensAt(item, m_clock()))
        return windowReason(*opens);
    if (const qint64 gap = gapRemainingMs(); gap > 0)
        return tr("The minimum gap between sends (%1 ms) has %2 ms to run.")
            .arg(m_throttles.minimumGap.count())
            .arg(gap);
    return {};
}

CampaignRunner::Pick CampaignRunner::pick()
{
    Pick pick;
    qint64 capWait = 0;
    QString capReason;
    auto remaining = capRemaining(&capReason, &capWait);
    if (!remaining) {
        pick.error = remaining.error();
        return pick;
    }
    const QDateTime now = m_clock();
    const int wanted = std::min(m_sender.batchSize(), remaining.value());
    std::optional<QDateTime> earliest;
    int outsideWindow = 0;
    int refused = 0;
    ItemPage page;
    page.state = ItemState::Pending;
    page.limit = kPageSize;
    while (wanted > 0 && pick.messages.size() < wanted) {
        auto items = m_journal.items(m_campaign.id, page);
        if (!items) {
            pick.error = items.error().message;
            return pick;
        }
        for (const JournalItem& item : items.value()) {
            if (const auto opens = windowOpensAt(item, now)) {
                ++outsideWindow;
                if (!earliest || *opens < *earliest)
                    earliest = opens;
                continue;
            }
            auto message = render(item);
            if (!message) {
                // A message with a hole in it is never sent: the item fails, saying which field.
                auto refusedItem = m_journal.refuse(item.id, message.error());
                if (!refusedItem) {
                    pick.error = refusedItem.error().message;
                    return pick;
                }
                ++refused;
                continue;
            }
            pick.messages.append(message.value());
            if (pick.messages.size() >= wanted)
                break;
        }
        if (items->size() < page.limit || items->isEmpty())
            break;
        page.afterId = items->last().id;
    }
    if (!pick.messages.isEmpty() || refused > 0)
        return pick; // refused items change the counts: look again at once
    auto counts = m_journal.counts(m_campaign.id);
    if (!counts) {
        pick.error = counts.error().message;
        return pick;
    }
    if (counts->pending == 0) {
        pick.done = true;
        return pick;
    }
    if (wanted <= 0) {
        pick.waitReason = capReason;
        pick.waitMs = std::min<qint64>(capWait, m_pollInterval.count());
        return pick;
    }
    if (earliest) {
        pick.waitReason = waitingForWindow(outsideWindow) + u' ' + windowReason(*earliest);
        pick.waitMs = std::clamp<qint64>(now.msecsTo(*earliest), 1, m_pollInterval.count());
    }
    return pick;
}

// ---- journal writes ----

Result<Done, QString> CampaignRunner::beginAll(const QList<OutgoingMessage>& messages,
                                               const QString& requestKey)
{
    // One transaction: a crash leaves the whole request in `sending` or none of it.
    Transaction transaction(m_database, Transaction::Lock::None);
    if (transaction.beginError())
        return failure(transaction.beginError()->message);
    for (const OutgoingMessage& message : messages) {
        auto begun = m_journal.beginSend(message.item, requestKey);
        if (!begun)
            return failure(begun.error().message);
    }
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error().message);
    return Done{};
}

Result<Done, QString> CampaignRunner::record(const QList<SendOutcome>& outcomes)
{
    Transaction transaction(m_database, Transaction::Lock::None);
    if (transaction.beginError())
        return failure(transaction.beginError()->message);
    for (const SendOutcome& outcome : outcomes) {
        Result<Done, DatabaseError> written = Done{};
        switch (outcome.kind) {
        case SendOutcome::Kind::Sent:
            written = m_journal.markSent(outcome.item, outcome.providerRef, outcome.cost);
            break;
        case SendOutcome::Kind::Failed:
            written = m_journal.markFailed(outcome.item, outcome.error, outcome.retryable);
            break;
        case SendOutcome::Kind::Unknown: {
            auto item = m_journal.item(outcome.item);
            if (item && item->state == ItemState::Sending)
                written = m_journal.markUnknown(outcome.item, outcome.error);
            else if (item && item->state == ItemState::Unknown && !outcome.error.isEmpty() &&
                     outcome.error != item->error)
                written = m_journal.restateUnknown(outcome.item, outcome.error);
            break;
        }
        case SendOutcome::Kind::NotSent:
            written = m_journal.releaseUnsent(outcome.item, outcome.error);
            break;
        case SendOutcome::Kind::Unresolved:
            break;
        }
        if (!written)
            return failure(written.error().message);
        if (outcome.kind == SendOutcome::Kind::Sent)
            ++m_sentThisRun;
    }
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error().message);
    return Done{};
}

void CampaignRunner::afterOutcomes(const QList<SendOutcome>& outcomes)
{
    QString budget;
    QString latest;
    for (const SendOutcome& outcome : outcomes) {
        if (outcome.budgetRefused)
            budget = outcome.error;
    }
    if (!budget.isEmpty()) {
        pauseWith(budget);
        return;
    }
    // One request is one attempt for the breaker, whatever it carried.
    bool bad = false;
    for (const SendOutcome& outcome : outcomes) {
        if (outcome.kind == SendOutcome::Kind::Failed || outcome.kind == SendOutcome::Kind::Unknown ||
            outcome.rateLimited) {
            bad = true;
            latest = outcome.error;
        }
    }
    if (outcomes.isEmpty())
        return;
    m_recent.push_back(bad);
    while (int(m_recent.size()) > std::max(1, m_throttles.breakerWindow))
        m_recent.pop_front();
    const int failures = int(std::count(m_recent.begin(), m_recent.end(), true));
    if (m_throttles.breakerThreshold > 0 && failures >= m_throttles.breakerThreshold) {
        pauseWith(tr("Circuit breaker: %1 of the last %2 requests failed or were rate limited (the latest: "
                     "%3). Resume when the provider is healthy again.")
                      .arg(failures)
                      .arg(m_recent.size())
                      .arg(latest));
        m_recent.clear();
    }
}

// ---- the run ----

void CampaignRunner::start()
{
    if (m_state == State::Running)
        return;
    if (m_campaign.id == 0) {
        pauseWith(tr("No campaign is open."));
        return;
    }
    if (m_cancel.isCancelled()) {
        if (m_loopActive)
            return; // the cancelled loop has not ended yet
        m_cancel = CancelToken();
    }
    m_pauseReason.clear();
    setState(State::Running);
    (void)m_journal.setCampaignState(m_campaign.id, CampaignState::Running);
    if (m_loopActive)
        return; // the loop still running notices the state and goes on
    m_runTimer.start();
    m_sentThisRun = 0;
    m_loopActive = true;
    QCoro::connect(run(m_cancel), this, [] {});
}

void CampaignRunner::pause()
{
    if (m_state != State::Running)
        return;
    pauseWith(tr("Paused by the user."));
}

void CampaignRunner::cancel()
{
    if (m_state == State::Completed || m_state == State::Cancelled)
        return;
    m_cancel.cancel();
    setWaiting(QString());
    setState(State::Cancelled);
    (void)m_journal.setCampaignState(m_campaign.id, CampaignState::Cancelled);
}

void CampaignRunner::pauseWith(const QString& reason)
{
    m_pauseReason = reason;
    setWaiting(QString());
    setState(State::Paused);
    (void)m_journal.setCampaignState(m_campaign.id, CampaignState::Paused);
}

QCoro::Task<> CampaignRunner::sleepFor(qint64 ms, CancelToken cancel)
{
    const std::shared_ptr<bool> alive = m_alive;
    qint64 left = ms;
    while (left > 0 && *alive && !cancel.isCancelled() && m_state == State::Running) {
        const qint64 slice = std::min(left, kSleepSliceMs);
        QTimer timer;
        timer.setSingleShot(true);
        timer.start(int(slice));
        co_await timer;
        left -= slice;
    }
}

QCoro::Task<> CampaignRunner::run(CancelToken cancel)
{
    const std::shared_ptr<bool> alive = m_alive;
    m_lastReconcile = co_await reconcile();
    if (!*alive)
        co_return;
    emitProgress();
    while (m_state == State::Running && !cancel.isCancelled()) {
        Pick next = pick();
        if (!next.error.isEmpty()) {
            pauseWith(next.error);
            break;
        }
        if (next.done) {
            setWaiting(QString());
            setState(State::Completed);
            (void)m_journal.setCampaignState(m_campaign.id, CampaignState::Completed);
            break;
        }
        if (next.messages.isEmpty()) {
            setWaiting(next.waitReason);
            emitProgress();
            co_await sleepFor(std::max<qint64>(1, next.waitMs), cancel);
            if (!*alive)
                co_return;
            continue;
        }
        const qint64 gap = gapRemainingMs();
        if (gap > 0) {
            setWaiting(tr("The minimum gap between sends (%1 ms) has %2 ms to run.")
                           .arg(m_throttles.minimumGap.count())
                           .arg(gap));
            co_await sleepFor(gap, cancel);
            if (!*alive)
                co_return;
            continue;
        }
        setWaiting(QString());
        const QString key = m_sender.requestKey(next.messages);
        auto begun = beginAll(next.messages, key);
        if (!begun) {
            pauseWith(begun.error());
            break;
        }
        m_lastRequestAt = m_clock();
        QList<SendOutcome> outcomes = co_await m_sender.send(next.messages, key, cancel);
        if (!*alive)
            co_return;
        auto recorded = record(outcomes);
        if (!recorded) {
            pauseWith(recorded.error());
            break;
        }
        afterOutcomes(outcomes);
        emitProgress();
    }
    m_loopActive = false;
    emitProgress();
}

CampaignRunner::ReconcilePlan CampaignRunner::reconcilePlan()
{
    ReconcilePlan plan;
    QList<JournalItem> doubtful;
    auto sending = m_journal.itemsToReconcile(m_campaign.id);
    if (!sending) {
        plan.error = sending.error().message;
        return plan;
    }
    doubtful = sending.value();
    ItemPage page;
    page.state = ItemState::Unknown;
    page.limit = kPageSize;
    while (true) {
        auto unknown = m_journal.items(m_campaign.id, page);
        if (!unknown) {
            plan.error = unknown.error().message;
            return plan;
        }
        doubtful += unknown.value();
        if (unknown->size() < page.limit || unknown->isEmpty())
            break;
        page.afterId = unknown->last().id;
    }
    std::sort(doubtful.begin(), doubtful.end(),
              [](const JournalItem& a, const JournalItem& b) { return a.id < b.id; });
    // Items of one request share its key (kept in provider_ref until sent): replayed together, in
    // the order they were sent, they are the same request.
    QHash<QString, int> groupOf;
    for (const JournalItem& item : doubtful) {
        const QString key = item.providerRef.isEmpty() ? item.idempotencyKey : item.providerRef;
        auto message = render(item);
        if (!message) {
            if (item.state == ItemState::Sending)
                (void)m_journal.markUnknown(item.id, message.error());
            ++plan.unrenderable;
            continue;
        }
        if (!groupOf.contains(key)) {
            groupOf.insert(key, int(plan.groups.size()));
            plan.groups.append(QList<OutgoingMessage>());
            plan.keys.append(key);
        }
        plan.groups[groupOf.value(key)].append(message.value());
    }
    return plan;
}

void CampaignRunner::chargeUnbilled(const QList<SendOutcome>& outcomes)
{
    // After the journal is written: a crash between the two leaves a cost unrecorded, never twice.
    if (!m_guard)
        return;
    for (const SendOutcome& outcome : outcomes) {
        if (outcome.kind != SendOutcome::Kind::Sent || !outcome.unbilled)
            continue;
        CostEvent charge = *outcome.unbilled;
        charge.campaignOrRun = m_campaign.name;
        (void)m_guard->chargeOnce(charge); // the console that died may have billed it already
    }
}

QCoro::Task<ReconcileReport> CampaignRunner::reconcile()
{
    const std::shared_ptr<bool> alive = m_alive;
    ReconcileReport report;
    const ReconcilePlan plan = reconcilePlan();
    if (!plan.error.isEmpty()) {
        pauseWith(plan.error);
        co_return report;
    }
    report.unknown += plan.unrenderable;
    report.examined += plan.unrenderable;
    const CancelToken cancel = m_cancel;
    for (qsizetype g = 0; g < plan.groups.size(); ++g) {
        const QList<OutgoingMessage> group = plan.groups.at(g);
        const QString key = plan.keys.at(g);
        QList<SendOutcome> outcomes = co_await m_sender.reconcile(group, key, cancel);
        if (!*alive)
            co_return report;
        auto recorded = record(outcomes);
        if (!recorded) {
            pauseWith(recorded.error());
            co_return report;
        }
        chargeUnbilled(outcomes);
        for (const SendOutcome& outcome : outcomes) {
            ++report.examined;
            if (outcome.kind == SendOutcome::Kind::Sent)
                ++report.sent;
            else if (outcome.kind == SendOutcome::Kind::Failed)
                ++report.failed;
            else if (outcome.kind == SendOutcome::Kind::Unknown)
                ++report.unknown;
            else
                ++report.unresolved;
        }
    }
    m_sentThisRun = 0;
    co_return report;
}

QCoro::Task<QList<DeliveryStatus>> CampaignRunner::followUp(SpendGuard* guard, Ledger* ledger)
{
    const std::shared_ptr<bool> alive = m_alive;
    QList<DeliveryStatus> statuses;
    ItemPage page;
    page.state = ItemState::Sent;
    page.limit = kPageSize;
    while (true) {
        auto sent = m_journal.items(m_campaign.id, page);
        if (!sent)
            break;
        const QList<JournalItem> items = sent.value();
        for (const JournalItem& item : items) {
            if (item.deliveryFinal)
                continue; // the provider will not change it: no call
            DeliveryStatus status = co_await m_sender.status(item.id, item.providerRef);
            if (!*alive)
                co_return statuses;
            if (guard && status.price && status.error.isEmpty())
                settle(guard, ledger, status);
            if (status.error.isEmpty())
                storeDelivery(status);
            statuses.append(status);
        }
        if (items.size() < page.limit || items.isEmpty())
            break;
        page.afterId = items.last().id;
    }
    co_return statuses;
}

void CampaignRunner::storeDelivery(DeliveryStatus& status)
{
    // A failed look-up is not a status: the item keeps what it had and is asked again next time.
    // Twilio rates a message after it is delivered: until its price is in, the item stays open so
    // the next follow-up can still settle the price.
    const bool awaitingPrice = m_sender.provider() == ProviderId::Twilio && !status.price;
    auto stored = m_journal.recordDelivery(status.item, status.status, status.final && !awaitingPrice);
    if (!stored)
        status.error = stored.error().message;
}

void CampaignRunner::settle(SpendGuard* guard, Ledger* ledger, DeliveryStatus& status)
{
    if (ledger) {
        auto waiting = ledger->uncorrectedEstimates(m_sender.provider(), status.providerRef);
        if (waiting && waiting->isEmpty())
            return; // settled by an earlier follow-up
    }
    auto settled = guard->reportLateCost(m_sender.provider(), status.providerRef, *status.price);
    if (settled)
        status.settled = true;
    else
        status.error = settled.error().message;
}

// ---- reporting ----

CampaignProgress CampaignRunner::progress()
{
    CampaignProgress progress;
    if (auto counts = m_journal.counts(m_campaign.id))
        progress.counts = counts.value();
    if (auto cost = m_journal.costSoFar(m_campaign.id))
        progress.cost = cost.value();
    const qint64 elapsed = m_runTimer.isValid() ? m_runTimer.elapsed() : 0;
    if (elapsed > 0 && m_sentThisRun > 0) {
        progress.perMinute = m_sentThisRun * 60000.0 / double(elapsed);
        progress.etaSeconds = qint64(progress.counts.pending / progress.perMinute * 60.0);
    }
    progress.waiting = m_waiting;
    return progress;
}

void CampaignRunner::emitProgress()
{
    Q_EMIT progressed(progress());
}

void CampaignRunner::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void CampaignRunner::setWaiting(const QString& reason)
{
    if (m_waiting == reason)
        return;
    m_waiting = reason;
    Q_EMIT waitingChanged(reason);
}

} // namespace agency
