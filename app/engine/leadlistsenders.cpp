#include "leadlistsenders.h"

#include "engine/campaignjournal.h"
#include "integrations/costing.h"
#include "integrations/heyreach/heyreachclient.h"
#include "integrations/smartlead/smartleadclient.h"
#include "integrations/smartlead/smartleadjson.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::LeadListSender", text);
}

// Our clock and the provider's differ a little: a lead that joined this long before the send began
// still counts as added by it.
constexpr qint64 kClockSlackSeconds = 300;
// status() reuses one listing of the campaign for this long.
constexpr qint64 kSnapshotSeconds = 60;
// A campaign listing stops after this many pages (100 leads each) whatever the total says.
constexpr int kMaxPages = 2000;

// The first of these fields the recipient has.
QString firstOf(const RecipientFields& fields, std::initializer_list<const char16_t*> names)
{
    for (const char16_t* name : names) {
        const QString value = recipientField(fields, name);
        if (!value.isEmpty())
            return value;
    }
    return {};
}

// First and last name: the fields when given, else "name" split at its first space.
QPair<QString, QString> namesOf(const RecipientFields& fields)
{
    QString first = recipientField(fields, RecipientField::FirstName);
    QString last = recipientField(fields, RecipientField::LastName);
    const QString whole = recipientField(fields, RecipientField::Name);
    if (first.isEmpty() && last.isEmpty() && !whole.isEmpty()) {
        const qsizetype space = whole.indexOf(u' ');
        first = space < 0 ? whole : whole.left(space);
        last = space < 0 ? QString() : whole.mid(space + 1).trimmed();
    }
    return {first, last};
}

QString companyOf(const RecipientFields& fields)
{
    return firstOf(fields, {u"company_name", u"company", u"organization", u"organisation"});
}

QString normalisedProfile(const QString& url)
{
    QString key = url.trimmed().toLower();
    while (key.endsWith(u'/'))
        key.chop(1);
    return key;
}

QString notAddedText(const QString& provider, const QString& counts)
{
    return counts.isEmpty()
               ? tr("%1 did not add this lead to the campaign.").arg(provider)
               : tr("%1 did not add this lead to the campaign (of this request: %2).").arg(provider, counts);
}

QString notOursText(const QString& provider, const QDateTime& addedAt)
{
    return addedAt.isValid()
               ? tr("Already in the %1 campaign since %2, before this send: it was not added again, so "
                    "this message does not go out through it.")
                     .arg(provider, addedAt.toLocalTime().toString(Qt::ISODate))
               : tr("Already in the %1 campaign from another send: it was not added again, so this "
                    "message does not go out through it.")
                     .arg(provider);
}

QString unprovableText(const QString& provider)
{
    return tr("The lead is in the %1 campaign, but %1 does not say when it joined: whether this send "
              "added it cannot be proven. A person decides.")
        .arg(provider);
}

QString absentText(const QString& provider)
{
    return tr("Not in the %1 campaign: the interrupted request never added it, so it may be sent again.")
        .arg(provider);
}

QString unverifiedText(const QString& provider, const QString& counts, const QString& why)
{
    return tr("%1 added only some of this request's leads (%2), and which ones could not be checked: %3")
        .arg(provider, counts, why);
}

QString goneText(const QString& provider)
{
    return tr("The lead is no longer in the %1 campaign.").arg(provider);
}

QString subscriptionBasis(ProviderId provider)
{
    const ProviderInfo& info = providerInfo(provider);
    return tr("%1 is a subscription (%2): adding leads costs nothing per message")
        .arg(info.name, unitCostText(info));
}

QString joinedCounts(const QStringList& parts)
{
    return parts.join(QStringLiteral(", "));
}

QString smartleadCounts(const SmartleadLeadCounts& counts)
{
    QStringList parts;
    const auto add = [&parts](int count, const char* words) {
        if (count > 0)
            parts.append(tr(words).arg(count));
    };
    add(counts.alreadyInCampaign, "%1 already in the campaign");
    add(counts.duplicates, "%1 duplicate");
    add(counts.invalidEmails, "%1 invalid email");
    add(counts.unsubscribed, "%1 unsubscribed");
    add(counts.blocked, "%1 blocked");
    add(counts.skipped, "%1 skipped");
    return joinedCounts(parts);
}

QString heyReachCounts(const HeyReachAddLeadsResult& result)
{
    QStringList parts;
    if (result.updated > 0)
        parts.append(tr("%1 already in the campaign (updated)").arg(result.updated));
    if (result.failed > 0)
        parts.append(tr("%1 failed").arg(result.failed));
    return joinedCounts(parts);
}

bool smartleadFinal(const QString& status, bool unsubscribed)
{
    static const QStringList finals = {QStringLiteral("COMPLETED"),    QStringLiteral("BOUNCED"),
                                       QStringLiteral("UNSUBSCRIBED"), QStringLiteral("DO_NOT_CONTACT"),
                                       QStringLiteral("STOPPED"),      QStringLiteral("BLOCKED")};
    return unsubscribed || finals.contains(status.toUpper());
}

CampaignLeadRecord smartleadRecord(const SmartleadCampaignLead& lead)
{
    CampaignLeadRecord record;
    record.key = lead.email.trimmed().toLower();
    for (const auto& field : lead.customFields) {
        if (field.first == QStringView(kConsoleRefField))
            record.ref = field.second;
    }
    record.addedAt = lead.addedAt;
    record.status = lead.unsubscribed && lead.status.isEmpty() ? QStringLiteral("UNSUBSCRIBED") : lead.status;
    record.final = smartleadFinal(lead.status, lead.unsubscribed);
    return record;
}

CampaignLeadRecord heyReachRecord(const HeyReachCampaignLead& lead)
{
    CampaignLeadRecord record;
    record.key = normalisedProfile(lead.profileUrl);
    record.addedAt = lead.addedAt;
    QStringList words{lead.campaignStatus};
    for (const QString& part : {lead.connectionStatus, lead.messageStatus}) {
        if (!part.isEmpty() && part != u"None")
            words.append(part);
    }
    if (!lead.errorCode.isEmpty())
        words.append(lead.errorCode);
    record.status = words.join(QStringLiteral(" · "));
    record.final = lead.campaignStatus == u"Finished" || lead.campaignStatus == u"Failed";
    return record;
}

DeliveryStatus statusFrom(ItemId item, const QString& ref, const CampaignLeadRecord* found,
                          const QString& provider)
{
    DeliveryStatus status;
    status.item = item;
    status.providerRef = ref;
    if (!found) {
        status.error = goneText(provider);
        return status;
    }
    status.status = found->status;
    status.final = found->final;
    return status;
}

DeliveryStatus statusFailed(ItemId item, const QString& ref, const IntegrationError& error)
{
    DeliveryStatus status;
    status.item = item;
    status.providerRef = ref;
    status.error = error.message();
    return status;
}

QSet<QString> keySet(const QStringList& keys)
{
    return QSet<QString>(keys.cbegin(), keys.cend());
}

} // namespace

// ---- the shared part ----

RecipientFields LeadListSender::recipientOf(const OutgoingMessage& message) const
{
    return message.recipient;
}

Money LeadListSender::estimate(const OutgoingMessage&) const
{
    const ProviderInfo& info = providerInfo(provider());
    if (info.pricing == PricingBasis::Subscription)
        return Money::zero(info.unitCost.currency());
    return estimatedCost(provider(), QStringLiteral("add_lead"), 1).amount;
}

QCoro::Task<PriceQuote> LeadListSender::quote(QList<OutgoingMessage> messages, CancelToken)
{
    PriceQuote quote;
    const ProviderInfo& info = providerInfo(provider());
    quote.total = Money::zero(info.unitCost.currency());
    for (const OutgoingMessage& message : messages)
        quote.total = quote.total.plus(estimate(message)).value_or(quote.total);
    quote.basis =
        info.pricing == PricingBasis::Subscription ? subscriptionBasis(provider()) : tr("the price book");
    co_return quote;
}

SendOutcome LeadListSender::judge(const OutgoingMessage& message, const CampaignLeadRecord* found,
                                  const QDateTime& since, bool reply, const QString& notAdded) const
{
    const QString name = providerName();
    if (!found)
        return reply ? outcomeFor(message, SendOutcome::Kind::Failed, notAddedText(name, notAdded))
                     : outcomeFor(message, SendOutcome::Kind::NotSent, absentText(name));
    bool ours = false;
    if (!found->ref.isEmpty())
        ours = found->ref == message.idempotencyKey;
    else if (found->addedAt.isValid())
        ours = found->addedAt >= since.addSecs(-kClockSlackSeconds);
    else
        return outcomeFor(message, SendOutcome::Kind::Unknown, unprovableText(name));
    if (!ours)
        return outcomeFor(message, SendOutcome::Kind::Failed, notOursText(name, found->addedAt));
    SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
    outcome.providerRef = found->key;
    outcome.cost = estimate(message);
    return outcome;
}

QCoro::Task<Result<QHash<QString, CampaignLeadRecord>, IntegrationError>>
LeadListSender::findLeads(QSet<QString> keys, CancelToken cancel)
{
    QHash<QString, CampaignLeadRecord> found;
    int offset = 0;
    for (int page = 0; page < kMaxPages; ++page) {
        auto listed = co_await leadPage(offset, cancel);
        if (!listed)
            co_return failure(listed.error());
        const QList<CampaignLeadRecord> records = listed->first;
        const qint64 total = listed->second;
        for (const CampaignLeadRecord& record : records) {
            if (keys.isEmpty() || keys.contains(record.key))
                found.insert(record.key, record);
        }
        offset += int(records.size());
        const bool allFound = !keys.isEmpty() && found.size() >= keys.size();
        if (records.isEmpty() || offset >= total || allFound)
            break;
    }
    co_return found;
}

QCoro::Task<QList<SendOutcome>> LeadListSender::send(QList<OutgoingMessage> messages, QString,
                                                     CancelToken cancel)
{
    QDateTime since = QDateTime::currentDateTimeUtc();
    for (const OutgoingMessage& message : messages) {
        if (message.startedAt.isValid() && message.startedAt < since)
            since = message.startedAt;
    }
    auto uploaded = co_await addLeads(messages, cancel);
    if (!uploaded)
        co_return allOf(
            messages, outcomeForError(uploaded.error(), false)); // adding again is harmless: see reconcile()
    QList<SendOutcome> outcomes;
    if (uploaded->added >= messages.size()) {
        for (const OutgoingMessage& message : messages) {
            SendOutcome outcome = outcomeFor(message, SendOutcome::Kind::Sent);
            outcome.providerRef = leadKey(message);
            outcome.cost = estimate(message);
            outcomes.append(outcome);
        }
        co_return outcomes;
    }
    // Only counts come back: which leads were added is read from the campaign itself.
    QStringList keys;
    for (const OutgoingMessage& message : messages)
        keys.append(leadKey(message));
    auto found = co_await findLeads(keySet(keys), cancel);
    if (!found) {
        SendOutcome unknown;
        unknown.kind = SendOutcome::Kind::Unknown;
        unknown.error = unverifiedText(providerName(), uploaded->notAdded, found.error().message());
        co_return allOf(messages, unknown);
    }
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const auto it = found->constFind(keys.at(i));
        const CampaignLeadRecord* record = it == found->cend() ? nullptr : &it.value();
        outcomes.append(judge(messages.at(i), record, since, true, uploaded->notAdded));
    }
    co_return outcomes;
}

QCoro::Task<QList<SendOutcome>> LeadListSender::reconcile(QList<OutgoingMessage> messages, QString,
                                                          CancelToken cancel)
{
    QStringList keys;
    for (const OutgoingMessage& message : messages)
        keys.append(leadKey(message));
    auto found = co_await findLeads(keySet(keys), cancel);
    if (!found) {
        SendOutcome unresolved;
        unresolved.kind = SendOutcome::Kind::Unresolved;
        unresolved.error = found.error().message();
        co_return allOf(messages, unresolved);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<SendOutcome> outcomes;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const OutgoingMessage& message = messages.at(i);
        const auto it = found->constFind(keys.at(i));
        const CampaignLeadRecord* record = it == found->cend() ? nullptr : &it.value();
        const QDateTime since = message.startedAt.isValid() ? message.startedAt : now.addDays(-1);
        outcomes.append(judge(message, record, since, false, QString()));
    }
    co_return outcomes;
}

QCoro::Task<DeliveryStatus> LeadListSender::status(ItemId item, QString providerRef)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool fresh = m_snapshotAt.isValid() && m_snapshotAt.secsTo(now) < kSnapshotSeconds;
    if (!fresh || !m_snapshot.contains(providerRef)) {
        const QSet<QString> everyLead;
        const CancelToken never;
        auto listed = co_await findLeads(everyLead, never);
        if (!listed)
            co_return statusFailed(item, providerRef, listed.error());
        m_snapshot = listed.value();
        m_snapshotAt = now;
    }
    const auto it = m_snapshot.constFind(providerRef);
    co_return statusFrom(item, providerRef, it == m_snapshot.cend() ? nullptr : &it.value(), providerName());
}

// ---- Smartlead ----

SmartleadSender::SmartleadSender(std::shared_ptr<SmartleadClient> client, SmartleadSenderSettings settings)
    : m_client(std::move(client))
    , m_settings(std::move(settings))
{}

int SmartleadSender::batchSize() const
{
    return SmartleadClient::kLeadsPerCall;
}

QString SmartleadSender::providerName() const
{
    return providerInfo(ProviderId::Smartlead).name;
}

QString SmartleadSender::leadKey(const OutgoingMessage& message) const
{
    return message.to.trimmed().toLower();
}

QList<SmartleadLead> SmartleadSender::leadsOf(const QList<OutgoingMessage>& messages) const
{
    QList<SmartleadLead> leads;
    for (const OutgoingMessage& message : messages) {
        const RecipientFields fields = recipientOf(message);
        SmartleadLead lead;
        lead.email = leadKey(message);
        const auto names = namesOf(fields);
        lead.firstName = names.first;
        lead.lastName = names.second;
        lead.companyName = companyOf(fields);
        lead.customFields.append({m_settings.messageField, message.body});
        if (!m_settings.subjectField.isEmpty() && !message.subject.isEmpty())
            lead.customFields.append({m_settings.subjectField, message.subject});
        lead.customFields.append({QString::fromUtf16(kConsoleRefField), message.idempotencyKey});
        leads.append(lead);
    }
    return leads;
}

QByteArray SmartleadSender::payload(const QList<OutgoingMessage>& messages) const
{
    return QJsonDocument(SmartleadJson::leadBody(leadsOf(messages), SmartleadLeadSettings{}))
        .toJson(QJsonDocument::Compact);
}

QString SmartleadSender::requestLine(int) const
{
    return QStringLiteral("POST /campaigns/%1/leads?api_key=[REDACTED]").arg(m_settings.campaignId);
}

QStringList SmartleadSender::redactedHeaders(const QString&) const
{
    // The key travels as the api_key query parameter; Smartlead has no idempotency key.
    return {QStringLiteral("Content-Type: application/json")};
}

double SmartleadSender::requestsPerSecond() const
{
    return SmartleadClient::documentedPacing().ratePerSecond;
}

QCoro::Task<Result<LeadUploadCounts, IntegrationError>>
SmartleadSender::addLeads(QList<OutgoingMessage> messages, CancelToken cancel)
{
    const QList<SmartleadLead> leads = leadsOf(messages);
    const SmartleadLeadSettings settings;
    auto upload = co_await m_client->addLeads(m_settings.campaignId, leads, settings, cancel);
    if (!upload)
        co_return failure(upload.error());
    // One call (batchSize() is the client's call size): a later call's failure cannot happen here.
    if (upload->stoppedBy)
        co_return failure(*upload->stoppedBy);
    LeadUploadCounts counts;
    counts.added = upload->counts.uploaded;
    counts.notAdded = smartleadCounts(upload->counts);
    co_return counts;
}

QCoro::Task<Result<QPair<QList<CampaignLeadRecord>, qint64>, IntegrationError>>
SmartleadSender::leadPage(int offset, CancelToken cancel)
{
    auto page = co_await m_client->campaignLeads(m_settings.campaignId, offset, SmartleadClient::kMaxPageSize,
                                                 cancel);
    if (!page)
        co_return failure(page.error());
    QList<CampaignLeadRecord> records;
    for (const SmartleadCampaignLead& lead : page->leads)
        records.append(smartleadRecord(lead));
    co_return qMakePair(records, page->total);
}

// ---- HeyReach ----

HeyReachSender::HeyReachSender(std::shared_ptr<HeyReachClient> client, HeyReachSenderSettings settings)
    : m_client(std::move(client))
    , m_settings(std::move(settings))
{}

int HeyReachSender::batchSize() const
{
    return HeyReachClient::kMaxLeadsPerRequest;
}

QString HeyReachSender::providerName() const
{
    return providerInfo(ProviderId::HeyReach).name;
}

QString HeyReachSender::leadKey(const OutgoingMessage& message) const
{
    return normalisedProfile(message.to);
}

HeyReachAddLeadsRequest HeyReachSender::requestOf(const QList<OutgoingMessage>& messages) const
{
    HeyReachAddLeadsRequest request;
    request.campaignId = m_settings.campaignId;
    for (const OutgoingMessage& message : messages) {
        const RecipientFields fields = recipientOf(message);
        HeyReachLead lead;
        lead.profileUrl = message.to.trimmed();
        const auto names = namesOf(fields);
        lead.firstName = names.first;
        lead.lastName = names.second;
        lead.companyName = companyOf(fields);
        lead.position = firstOf(fields, {u"position", u"title", u"job_title"});
        lead.emailAddress = recipientField(fields, RecipientField::Email);
        lead.customFields.append({m_settings.messageField, message.body});
        lead.customFields.append({QString::fromUtf16(kConsoleRefField), message.idempotencyKey});
        lead.senderAccountId = m_settings.linkedInAccountId;
        request.leads.append(lead);
    }
    return request;
}

QByteArray HeyReachSender::payload(const QList<OutgoingMessage>& messages) const
{
    return QJsonDocument(HeyReachClient::addLeadsBody(requestOf(messages))).toJson(QJsonDocument::Compact);
}

QString HeyReachSender::requestLine(int) const
{
    return QStringLiteral("POST /campaign/AddLeadsToCampaignV2");
}

QStringList HeyReachSender::redactedHeaders(const QString&) const
{
    // HeyReach has no idempotency key for writes: a lost answer is settled by listing the campaign.
    return {QStringLiteral("X-API-KEY: [REDACTED]"), QStringLiteral("Content-Type: application/json")};
}

double HeyReachSender::requestsPerSecond() const
{
    return HeyReachClient::documentedPacing().ratePerSecond;
}

QCoro::Task<Result<LeadUploadCounts, IntegrationError>>
HeyReachSender::addLeads(QList<OutgoingMessage> messages, CancelToken)
{
    // HeyReachClient::addLeads takes no cancel token: a request once started runs to its answer.
    const HeyReachAddLeadsRequest request = requestOf(messages);
    auto added = co_await m_client->addLeads(request);
    if (!added)
        co_return failure(added.error());
    LeadUploadCounts counts;
    counts.added = added->added;
    counts.notAdded = heyReachCounts(added.value());
    co_return counts;
}

QCoro::Task<Result<QPair<QList<CampaignLeadRecord>, qint64>, IntegrationError>>
HeyReachSender::leadPage(int offset, CancelToken)
{
    HeyReachCampaignLeadsRequest request;
    request.campaignId = m_settings.campaignId;
    request.offset = offset;
    request.limit = HeyReachClient::kMaxPageSize;
    auto page = co_await m_client->campaignLeads(request);
    if (!page)
        co_return failure(page.error());
    QList<CampaignLeadRecord> records;
    for (const HeyReachCampaignLead& lead : page->items)
        records.append(heyReachRecord(lead));
    co_return qMakePair(records, qint64(page->totalCount));
}

} // namespace agency
