#pragma once
// CampaignAudience: the pass every recipient list goes through before a campaign runs. Each row ends
// up ready, or held back with a reason: invalid for the channel, a duplicate of an earlier row,
// suppressed (block list, unsubscribe, bounce, complaint), or contacted on this channel recently.
// The counts feed the preview; only ready rows become journal items.
//
// The suppression rule: an entry for the channel's own address (the email or its domain for email,
// the number for SMS and calls, the profile for LinkedIn) holds the row whatever its reason; an entry
// for another address the row happens to carry holds it only when it is a block — an email
// unsubscribe does not stop a letter, but "never contact" does.

#include "engine/campaignjournal.h"
#include "engine/recipientvalidator.h"
#include "engine/suppressionlist.h"

namespace agency {

enum class AudienceStatus
{
    Ready,
    Invalid,
    Duplicate,
    Suppressed,
    RecentlyContacted,
};

struct AudienceEntry
{
    int row = 0; ///< 0-based index in the input
    AudienceStatus status = AudienceStatus::Ready;
    QString reason;                              ///< empty when ready
    QList<FieldProblem> problems;                ///< when invalid
    ValidatedRecipient recipient;                ///< when valid (any status but Invalid)
    std::optional<SuppressionEntry> suppression; ///< when suppressed
    int duplicateOf = -1;                        ///< when a duplicate: the first row with this recipient
};

struct AudienceCounts
{
    int ready = 0;
    int invalid = 0;
    int duplicate = 0;
    int suppressed = 0;
    int recentlyContacted = 0;
    int total() const { return ready + invalid + duplicate + suppressed + recentlyContacted; }
};

struct AudienceReport
{
    QList<AudienceEntry> entries; ///< one per input row, in order
    AudienceCounts counts;
    QList<ValidatedRecipient> ready() const;
};

struct AudienceOptions
{
    int recentContactDays = 30; ///< 0: do not hold back recent contacts
    QString defaultRegion = QStringLiteral("AU");
};

class CampaignAudience
{
    Q_DECLARE_TR_FUNCTIONS(agency::CampaignAudience)
public:
    CampaignAudience(SuppressionList& suppressions, CampaignJournal& journal, Clock clock = systemClock());

    Result<AudienceReport, DatabaseError> check(CampaignChannel channel, const QList<RecipientFields>& rows,
                                                const AudienceOptions& options = {});

private:
    Result<Done, DatabaseError> applySuppressions(CampaignChannel channel, QList<AudienceEntry>& entries,
                                                  const QString& defaultRegion);

    SuppressionList& m_suppressions;
    CampaignJournal& m_journal;
    Clock m_clock;
};

} // namespace agency
