#include "campaignaudience.h"

#include <QHash>
#include <QMap>

#include <algorithm>

namespace agency {

namespace {

struct Probe
{
    SuppressionKind kind = SuppressionKind::Email;
    QString value; ///< normalised
    bool primary = false;
};

// The addresses of a row that the suppression list can hold, the channel's own first.
QList<Probe> probesFor(CampaignChannel channel, const RecipientFields& fields, const QString& region)
{
    QList<Probe> probes;
    const QString email = SuppressionList::normalise(SuppressionKind::Email,
                                                     recipientField(fields, RecipientField::Email), region);
    if (!email.isEmpty()) {
        const bool primary = channel == CampaignChannel::Email;
        probes.append({SuppressionKind::Email, email, primary});
        probes.append(
            {SuppressionKind::Domain, SuppressionList::normalise(SuppressionKind::Domain, email), primary});
    }
    const QString phone = SuppressionList::normalise(SuppressionKind::Phone,
                                                     recipientField(fields, RecipientField::Phone), region);
    if (!phone.isEmpty())
        probes.append({SuppressionKind::Phone, phone,
                       channel == CampaignChannel::Sms || channel == CampaignChannel::Voice});
    const QString linkedin = SuppressionList::normalise(
        SuppressionKind::LinkedIn, recipientField(fields, RecipientField::LinkedIn), region);
    if (!linkedin.isEmpty())
        probes.append({SuppressionKind::LinkedIn, linkedin, channel == CampaignChannel::LinkedIn});
    std::stable_partition(probes.begin(), probes.end(), [](const Probe& probe) { return probe.primary; });
    return probes;
}

QString reasonName(SuppressionReason reason)
{
    switch (reason) {
    case SuppressionReason::Block:
        return CampaignAudience::tr("blocked");
    case SuppressionReason::Unsubscribe:
        return CampaignAudience::tr("unsubscribed");
    case SuppressionReason::Bounce:
        return CampaignAudience::tr("bounced");
    case SuppressionReason::Complaint:
        return CampaignAudience::tr("complained");
    }
    return {};
}

} // namespace

QList<ValidatedRecipient> AudienceReport::ready() const
{
    QList<ValidatedRecipient> list;
    for (const AudienceEntry& entry : entries) {
        if (entry.status == AudienceStatus::Ready)
            list.append(entry.recipient);
    }
    return list;
}

CampaignAudience::CampaignAudience(SuppressionList& suppressions, CampaignJournal& journal, Clock clock)
    : m_suppressions(suppressions)
    , m_journal(journal)
    , m_clock(std::move(clock))
{}

Result<AudienceReport, DatabaseError> CampaignAudience::check(CampaignChannel channel,
                                                              const QList<RecipientFields>& rows,
                                                              const AudienceOptions& options)
{
    QList<AudienceEntry> entries;
    entries.reserve(rows.size());
    QHash<QString, int> firstRowByKey;
    for (int row = 0; row < rows.size(); ++row) {
        AudienceEntry entry;
        entry.row = row;
        auto validated = RecipientValidator::validate(channel, rows.at(row), options.defaultRegion);
        if (!validated) {
            entry.status = AudienceStatus::Invalid;
            entry.problems = validated.error();
            entry.reason = RecipientValidator::describe(entry.problems);
        } else {
            entry.recipient = validated.value();
            const auto first = firstRowByKey.constFind(entry.recipient.key);
            if (first != firstRowByKey.constEnd()) {
                entry.status = AudienceStatus::Duplicate;
                entry.duplicateOf = first.value();
                entry.reason = tr("The same recipient as row %1.").arg(first.value() + 1);
            } else {
                firstRowByKey.insert(entry.recipient.key, row);
            }
        }
        entries.append(std::move(entry));
    }

    auto suppressed = applySuppressions(channel, entries, options.defaultRegion);
    if (!suppressed)
        return failure(suppressed.error());

    if (options.recentContactDays > 0) {
        QStringList keys;
        for (const AudienceEntry& entry : entries) {
            if (entry.status == AudienceStatus::Ready)
                keys.append(entry.recipient.key);
        }
        const QDateTime since = m_clock().addDays(-options.recentContactDays);
        auto contacted = m_journal.contactedSince(channel, keys, since);
        if (!contacted)
            return failure(contacted.error());
        for (AudienceEntry& entry : entries) {
            if (entry.status == AudienceStatus::Ready && contacted->contains(entry.recipient.key)) {
                entry.status = AudienceStatus::RecentlyContacted;
                entry.reason =
                    tr("Already contacted by %1 in the last %n day(s).", nullptr, options.recentContactDays)
                        .arg(campaignChannelName(channel));
            }
        }
    }

    AudienceReport report;
    for (const AudienceEntry& entry : entries) {
        switch (entry.status) {
        case AudienceStatus::Ready:
            ++report.counts.ready;
            break;
        case AudienceStatus::Invalid:
            ++report.counts.invalid;
            break;
        case AudienceStatus::Duplicate:
            ++report.counts.duplicate;
            break;
        case AudienceStatus::Suppressed:
            ++report.counts.suppressed;
            break;
        case AudienceStatus::RecentlyContacted:
            ++report.counts.recentlyContacted;
            break;
        }
    }
    report.entries = std::move(entries);
    return report;
}

Result<Done, DatabaseError> CampaignAudience::applySuppressions(CampaignChannel channel,
                                                                QList<AudienceEntry>& entries,
                                                                const QString& defaultRegion)
{
    // One query per kind for the whole list, then each row reads its own hits.
    QHash<int, QList<Probe>> probesByRow;
    QMap<SuppressionKind, QStringList> valuesByKind;
    for (const AudienceEntry& entry : entries) {
        if (entry.status != AudienceStatus::Ready)
            continue;
        const QList<Probe> probes = probesFor(channel, entry.recipient.fields, defaultRegion);
        for (const Probe& probe : probes)
            valuesByKind[probe.kind].append(probe.value);
        probesByRow.insert(entry.row, probes);
    }
    QMap<SuppressionKind, QHash<QString, SuppressionEntry>> listed;
    for (auto it = valuesByKind.cbegin(); it != valuesByKind.cend(); ++it) {
        auto found = m_suppressions.checkMany(it.key(), it.value());
        if (!found)
            return failure(found.error());
        listed.insert(it.key(), found.value());
    }
    for (AudienceEntry& entry : entries) {
        if (entry.status != AudienceStatus::Ready)
            continue;
        for (const Probe& probe : probesByRow.value(entry.row)) {
            const auto kindHits = listed.constFind(probe.kind);
            if (kindHits == listed.constEnd())
                continue;
            const auto hit = kindHits->constFind(probe.value);
            if (hit == kindHits->constEnd())
                continue;
            if (!probe.primary && hit->reason != SuppressionReason::Block)
                continue;
            entry.status = AudienceStatus::Suppressed;
            entry.suppression = *hit;
            entry.reason = tr("%1 %2 is on the suppression list (%3).")
                               .arg(suppressionKindKey(probe.kind), probe.value, reasonName(hit->reason));
            break;
        }
    }
    return Done{};
}

} // namespace agency
