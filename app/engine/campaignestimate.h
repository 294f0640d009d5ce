#pragma once
// What a campaign would send, cost and take before it runs: every ready recipient rendered as its
// journal item would be (a missing merge field blocks it), the price (the sender's quote: the price
// book, Twilio's segments, ClickSend's own price call), the time under the throttles, and whether the
// spend limits leave room for it. Nothing is sent. The command line's dry run and the Campaigns
// panel's preview both use it, so they cannot disagree.

#include "engine/campaignaudience.h"
#include "engine/campaignrunner.h"

namespace agency {

class SpendGuard;

/// The ready recipients rendered: the messages a run would send, and those a missing field blocks.
struct RenderedAudience
{
    QList<OutgoingMessage> messages;
    QList<std::pair<QString, QString>> blocked; ///< (recipient key, why)
};

/// Renders each ready recipient as the journal item (campaign `uid`, step 0) would be rendered.
RenderedAudience renderAudience(const CampaignRunner& runner, const QString& uid,
                                const QList<ValidatedRecipient>& ready);

/// The journal item a recipient becomes (what renderAudience() renders, and what a run adds).
JournalItem itemForRecipient(const QString& uid, const ValidatedRecipient& recipient);

struct CampaignEstimate
{
    int messages = 0; ///< would be sent
    int blocked = 0;  ///< held back by a missing merge field
    int requests = 0; ///< requests to the provider (batches count once)
    Money cost;       ///< invalid when nothing would be sent or the price call failed
    QString basis;    ///< how it was priced
    QString priceError;
    qint64 seconds = 0; ///< at the provider's rate, the minimum gap and the daily cap
    int days = 1;       ///< the daily cap spreads it over this many days
    /// Empty when the spend limits leave room for the whole cost; else why they do not. Unchecked
    /// (and said so) without a spend guard.
    QString budgetRefusal;
    bool budgetChecked = false;
};

/// "40 seconds", "12 minutes", "3 h 5 min", "2 days": how long a campaign takes, for a person.
QString campaignDurationText(qint64 seconds);
/// Amounts in several currencies as one line ("A$1.20 + US$0.40"); `none` when there are none.
QString amountsText(const QList<Money>& amounts, const QString& none);

/// Seconds for `messages` at the sender's batch size and rate, with the throttles' minimum gap; the
/// days the daily cap spreads them over in `days`.
qint64 estimatedSeconds(int messages, const CampaignSender& sender, const CampaignThrottles& throttles,
                        int* days = nullptr);

/// The estimate for `audience`. `guard` (may be null) is asked whether the cost fits under every limit
/// that applies to this provider, staff member and campaign.
QCoro::Task<CampaignEstimate> estimateCampaign(CampaignSender& sender, RenderedAudience audience,
                                               CampaignThrottles throttles, SpendGuard* guard,
                                               QString campaignName, CancelToken cancel = {});

} // namespace agency
