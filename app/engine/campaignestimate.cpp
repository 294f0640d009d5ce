#include "campaignestimate.h"

#include "engine/spendguard.h"

#include <QCoreApplication>

#include <cmath>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignEstimate", text);
}

ReservationRequest wholeCampaign(ProviderId provider, const Money& cost, const QString& campaignName)
{
    ReservationRequest request;
    request.provider = provider;
    request.operation = QStringLiteral("campaign");
    request.worstCase = cost;
    request.campaign = campaignName;
    return request;
}

} // namespace

QString campaignDurationText(qint64 seconds)
{
    if (seconds < 120)
        return QCoreApplication::translate("agency::CampaignEstimate", "%n second(s)", nullptr, int(seconds));
    if (seconds < 2 * 3600)
        return QCoreApplication::translate("agency::CampaignEstimate", "%n minute(s)", nullptr,
                                           int((seconds + 59) / 60));
    if (seconds < 2 * 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600 + 59) / 60);
    return QCoreApplication::translate("agency::CampaignEstimate", "%n day(s)", nullptr,
                                       int((seconds + 86399) / 86400));
}

QString amountsText(const QList<Money>& amounts, const QString& none)
{
    QStringList parts;
    for (const Money& amount : amounts)
        parts.append(amount.toString());
    return parts.isEmpty() ? none : parts.join(QStringLiteral(" + "));
}

JournalItem itemForRecipient(const QString& uid, const ValidatedRecipient& recipient)
{
    JournalItem item;
    item.recipientKey = recipient.key;
    item.recipient = recipientJson(recipient.fields);
    item.idempotencyKey = CampaignJournal::idempotencyKey(uid, recipient.key, 0);
    return item;
}

RenderedAudience renderAudience(const CampaignRunner& runner, const QString& uid,
                                const QList<ValidatedRecipient>& ready)
{
    RenderedAudience rendered;
    rendered.messages.reserve(ready.size());
    for (const ValidatedRecipient& recipient : ready) {
        auto message = runner.render(itemForRecipient(uid, recipient));
        if (message)
            rendered.messages.append(message.value());
        else
            rendered.blocked.append({recipient.key, message.error()});
    }
    return rendered;
}

qint64 estimatedSeconds(int messages, const CampaignSender& sender, const CampaignThrottles& throttles,
                        int* days)
{
    const int batch = std::max(1, sender.batchSize());
    const int requests = (messages + batch - 1) / batch;
    const double rate = sender.requestsPerSecond() > 0 ? sender.requestsPerSecond() : 1.0;
    const double gap = double(throttles.minimumGap.count()) / 1000.0;
    const double perRequest = std::max(1.0 / rate, gap);
    qint64 seconds = qint64(std::ceil(requests * perRequest));
    int spread = 1;
    if (throttles.dailyCap > 0 && messages > throttles.dailyCap)
        spread = (messages + throttles.dailyCap - 1) / throttles.dailyCap;
    if (days)
        *days = spread;
    return seconds + qint64(spread - 1) * 24 * 3600;
}

QCoro::Task<CampaignEstimate> estimateCampaign(CampaignSender& sender, RenderedAudience audience,
                                               CampaignThrottles throttles, SpendGuard* guard,
                                               QString campaignName, CancelToken cancel)
{
    CampaignEstimate estimate;
    estimate.messages = int(audience.messages.size());
    estimate.blocked = int(audience.blocked.size());
    const int batch = std::max(1, sender.batchSize());
    estimate.requests = (estimate.messages + batch - 1) / batch;
    estimate.seconds = estimatedSeconds(estimate.messages, sender, throttles, &estimate.days);
    if (audience.messages.isEmpty())
        co_return estimate;
    const PriceQuote quote = co_await sender.quote(audience.messages, cancel);
    estimate.cost = quote.total;
    estimate.basis = quote.basis;
    estimate.priceError = quote.error;
    if (!guard) {
        estimate.budgetRefusal = tr("not checked: spend is not tracked");
        co_return estimate;
    }
    if (!estimate.cost.isValid()) {
        estimate.budgetRefusal = tr("not checked: the price is not known");
        co_return estimate;
    }
    auto fits = guard->affordable(wholeCampaign(sender.provider(), estimate.cost, campaignName));
    estimate.budgetChecked = bool(fits);
    estimate.budgetRefusal = fits ? fits.value() : tr("not checked: %1").arg(fits.error().message);
    co_return estimate;
}

} // namespace agency
