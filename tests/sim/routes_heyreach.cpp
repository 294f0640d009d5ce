// HeyReach public API (shared/providers/heyreach.md): X-API-KEY header, GET /auth/CheckApiKey as the
// credential check (200 with an empty body), errors as {"errorMessage": "..."}, 300 requests a minute.
// Reads are POSTs with a JSON body and answer {totalCount, items}. The campaigns, their seeded leads and
// the senders are a pure function of the seed: a pause changes nothing for the next request. The one
// memory: leads added to a campaign are kept (until reset()) and listed after its seeded leads; a profile
// added again is counted updatedLeadsCount and its fields updated, never listed twice.

#include "providerspec.h"
#include "routekit.h"

#include <QHash>
#include <QRegularExpression>

#include <cmath>
#include <memory>

namespace agency::sim {

namespace {

constexpr int kMaxPage = 100;            // heyreach.md § 3.1
constexpr int kMaxLeadsPerRequest = 100; // heyreach.md § 3.3 (per the CLI)

SimResponse heyReachError(int status, const QString& message)
{
    // unverified: heyreach.md calls {"errorMessage"} the shape actually observed; an
    // {"error":{"code","message"}} variant in the docs transcription is unverified.
    return SimResponse::json(status, QJsonObject{{QStringLiteral("errorMessage"), message}});
}

struct Sender
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    bool authIsValid = true;
};

struct Campaign
{
    qint64 id = 0;
    QString name;
    QString status;
    int leadCount = 0;
    QString salt;
};

QList<Sender> senders(const SimData& data)
{
    QList<Sender> list;
    const int count = static_cast<int>(data.range(u"heyreach:senders", 2, 4));
    for (int i = 0; i < count; ++i) {
        const QString salt = QStringLiteral("heyreach:sender:%1").arg(i);
        // The last seat's LinkedIn session has lapsed: its owner must log in again.
        list.append({data.range(salt, 10000, 99999) * 10 + i, data.firstName(salt), data.lastName(salt),
                     i != count - 1});
    }
    return list;
}

QList<Campaign> campaigns(const SimData& data)
{
    // The first three have fixed states so that pause, resume and the DRAFT refusal can be exercised.
    static const QStringList fixed = {QStringLiteral("IN_PROGRESS"), QStringLiteral("PAUSED"),
                                      QStringLiteral("DRAFT")};
    static const QStringList others = {QStringLiteral("IN_PROGRESS"), QStringLiteral("FINISHED"),
                                       QStringLiteral("PAUSED"), QStringLiteral("CANCELED")};
    QList<Campaign> list;
    const int count = static_cast<int>(data.range(u"heyreach:campaigns", 4, 6));
    for (int i = 0; i < count; ++i) {
        const QString salt = QStringLiteral("heyreach:campaign:%1").arg(i);
        list.append({data.range(salt, 100000, 999999) * 10 + i,
                     QStringLiteral("%1 LinkedIn outreach %2").arg(data.companyName(salt)).arg(i + 1),
                     i < fixed.size() ? fixed.at(i) : data.pick(salt, others),
                     i == 2 ? 0 : static_cast<int>(data.range(QString(salt + u":leads"), 3, 12)), salt});
    }
    return list;
}

const Campaign* findCampaign(const QList<Campaign>& list, qint64 id)
{
    for (const Campaign& campaign : list) {
        if (campaign.id == id)
            return &campaign;
    }
    return nullptr;
}

// Leads added while this simulator runs, per campaign, in the order they came: list rows.
struct AddedLeads
{
    QHash<qint64, QList<QJsonObject>> byCampaign;
    qint64 nextId = 90000000;

    QJsonObject* find(qint64 campaign, const QString& url)
    {
        auto it = byCampaign.find(campaign);
        if (it == byCampaign.end())
            return nullptr;
        for (QJsonObject& row : *it) {
            if (row.value(QStringLiteral("linkedInUserProfile"))
                    .toObject()
                    .value(QStringLiteral("profileUrl")) == url)
                return &row;
        }
        return nullptr;
    }
    int count(qint64 campaign) const { return int(byCampaign.value(campaign).size()); }
};

QString profileUrl(const QString& first, const QString& last, const QString& suffix)
{
    return QStringLiteral("https://www.linkedin.com/in/%1-%2-%3")
        .arg(first.toLower(), last.toLower(), suffix);
}

QJsonObject campaignJson(const SimData& data, const Campaign& campaign, const QList<Sender>& seats,
                         int added = 0)
{
    // unverified: the field list comes from community TypeScript types (heyreach.md § 3.1).
    QJsonArray accountIds;
    for (qsizetype i = 0; i < seats.size(); ++i) {
        if (i == 0 || data.chance(QString(campaign.salt + u":seat" + QString::number(i)), 50))
            accountIds.append(seats.at(i).id);
    }
    const int finished = campaign.leadCount / 3;
    const int failed = campaign.leadCount > 5 ? 1 : 0;
    const int inProgress = campaign.status == u"DRAFT" ? 0 : campaign.leadCount - finished - failed;
    return QJsonObject{
        {QStringLiteral("id"), campaign.id},
        {QStringLiteral("name"), campaign.name},
        {QStringLiteral("status"), campaign.status},
        {QStringLiteral("creationTime"), isoMillis(data.dateTime(campaign.salt, 400))},
        {QStringLiteral("linkedInUserListName"), QString(campaign.name + QStringLiteral(" list"))},
        {QStringLiteral("linkedInUserListId"), data.range(QString(campaign.salt + u":list"), 10000, 99999)},
        {QStringLiteral("campaignAccountIds"), accountIds},
        {QStringLiteral("progressStats"),
         QJsonObject{{QStringLiteral("totalUsers"), campaign.leadCount + added},
                     {QStringLiteral("totalUsersInProgress"), inProgress},
                     {QStringLiteral("totalUsersPending"),
                      campaign.leadCount - finished - failed - inProgress + added},
                     {QStringLiteral("totalUsersFinished"), finished},
                     {QStringLiteral("totalUsersFailed"), failed}}},
        {QStringLiteral("excludeAlreadyMessagedGlobal"), false},
        {QStringLiteral("excludeInOtherCampaigns"), true},
    };
}

QJsonObject senderJson(const SimData& data, const Sender& sender)
{
    const QString salt = QStringLiteral("heyreach:sender-id:%1").arg(sender.id);
    return QJsonObject{
        {QStringLiteral("id"), sender.id},
        {QStringLiteral("emailAddress"), data.email(salt)},
        {QStringLiteral("firstName"), sender.firstName},
        {QStringLiteral("lastName"), sender.lastName},
        {QStringLiteral("profileUrl"), profileUrl(sender.firstName, sender.lastName, data.hex(salt, 6))},
        {QStringLiteral("isActive"), true},
        {QStringLiteral("activeCampaigns"), static_cast<int>(data.range(salt, 0, 3))},
        {QStringLiteral("authIsValid"), sender.authIsValid},
        {QStringLiteral("isValidNavigator"), data.chance(QString(salt + u":nav"), 50)},
        {QStringLiteral("isValidRecruiter"), false},
    };
}

// The JSON object body of a read or write; nullopt (and the 400 in `error`) when it is not one.
std::optional<QJsonObject> objectBody(const SimRequest& request, SimResponse* error)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject()) {
        *error = heyReachError(400, QStringLiteral("The request body is not a valid JSON object."));
        return std::nullopt;
    }
    return document.object();
}

std::optional<qint64> wholeNumber(const QJsonValue& value)
{
    if (!value.isDouble() || std::floor(value.toDouble()) != value.toDouble())
        return std::nullopt;
    return static_cast<qint64>(value.toDouble());
}

// offset and limit of a paged read; a 400 in `error` when they are out of range.
bool paging(const QJsonObject& body, int* offset, int* limit, SimResponse* error)
{
    const std::optional<qint64> from = wholeNumber(body.value(QStringLiteral("offset")));
    const std::optional<qint64> size = wholeNumber(body.value(QStringLiteral("limit")));
    *offset = body.contains(QStringLiteral("offset")) ? static_cast<int>(from.value_or(-1)) : 0;
    *limit = body.contains(QStringLiteral("limit")) ? static_cast<int>(size.value_or(-1)) : kMaxPage;
    if (*offset < 0 || *limit < 1 || *limit > kMaxPage) {
        *error = heyReachError(400, QStringLiteral("Limit must be between 1 and 100 and offset 0 or more."));
        return false;
    }
    return true;
}

QJsonObject page(const QJsonArray& all, int offset, int limit)
{
    QJsonArray items;
    for (qsizetype i = offset; i < all.size() && i < qsizetype(offset) + limit; ++i)
        items.append(all.at(i));
    return QJsonObject{{QStringLiteral("totalCount"), all.size()}, {QStringLiteral("items"), items}};
}

// The campaign id from the query or the JSON body (the md says both forms are seen).
std::optional<qint64> campaignIdOf(const SimRequest& request)
{
    bool ok = false;
    const qint64 fromQuery = request.queryValue(QStringLiteral("campaignId")).toLongLong(&ok);
    if (ok)
        return fromQuery;
    return wholeNumber(QJsonDocument::fromJson(request.body).object().value(QStringLiteral("campaignId")));
}

SimResponse campaignNotFound()
{
    return heyReachError(404, QStringLiteral("Campaign not found."));
}

SimResponse listCampaigns(const SimData& data, const SimRequest& request, const AddedLeads& added)
{
    SimResponse error;
    const std::optional<QJsonObject> body = objectBody(request, &error);
    int offset = 0;
    int limit = 0;
    if (!body || !paging(*body, &offset, &limit, &error))
        return error;
    const QString keyword = body->value(QStringLiteral("keyword")).toString();
    QStringList statuses;
    for (const QJsonValue& status : body->value(QStringLiteral("statuses")).toArray())
        statuses.append(status.toString());
    QList<qint64> accounts;
    for (const QJsonValue& id : body->value(QStringLiteral("accountIds")).toArray())
        accounts.append(wholeNumber(id).value_or(0));

    const QList<Sender> seats = senders(data);
    QJsonArray all;
    for (const Campaign& campaign : campaigns(data)) {
        const QJsonObject json = campaignJson(data, campaign, seats, added.count(campaign.id));
        if (!keyword.isEmpty() && !campaign.name.contains(keyword, Qt::CaseInsensitive))
            continue;
        if (!statuses.isEmpty() && !statuses.contains(campaign.status))
            continue;
        const QJsonArray used = json.value(QStringLiteral("campaignAccountIds")).toArray();
        if (!accounts.isEmpty() && std::none_of(accounts.cbegin(), accounts.cend(),
                                                [&used](qint64 id) { return used.contains(QJsonValue(id)); }))
            continue;
        all.append(json);
    }
    return SimResponse::json(200, page(all, offset, limit));
}

SimResponse getCampaign(const SimData& data, const SimRequest& request, const AddedLeads& added)
{
    bool ok = false;
    const qint64 id = request.queryValue(QStringLiteral("campaignId")).toLongLong(&ok);
    if (!ok)
        return heyReachError(400, QStringLiteral("The campaignId parameter is required."));
    const QList<Campaign> list = campaigns(data);
    const Campaign* campaign = findCampaign(list, id);
    if (!campaign)
        return campaignNotFound();
    return SimResponse::json(200, campaignJson(data, *campaign, senders(data), added.count(campaign->id)));
}

// A lead's place in the sequence. The simulator cannot let time pass, so the profile's name says where
// it has got to: "…finished…" finished, "…failed…" failed, anything else in sequence.
QJsonObject addedLeadRow(AddedLeads& added, const QJsonObject& lead, const QJsonValue& seat,
                         const QDateTime& at)
{
    const QString url = lead.value(QStringLiteral("profileUrl")).toString();
    const QString state = url.contains(QStringLiteral("finished")) ? QStringLiteral("Finished")
                          : url.contains(QStringLiteral("failed")) ? QStringLiteral("Failed")
                                                                   : QStringLiteral("InSequence");
    const bool failed = state == u"Failed";
    QJsonObject profile{{QStringLiteral("profileUrl"), url}};
    for (const char* field : {"firstName", "lastName", "companyName", "position", "emailAddress"}) {
        const QJsonValue value = lead.value(QLatin1String(field));
        if (value.isString())
            profile.insert(QLatin1String(field), value);
    }
    // unverified: whether a listed lead carries its custom fields; the simulator keeps them.
    profile.insert(QStringLiteral("customUserFields"),
                   lead.value(QStringLiteral("customUserFields")).toArray());
    return QJsonObject{
        {QStringLiteral("id"), ++added.nextId},
        {QStringLiteral("linkedInUserProfile"), profile},
        {QStringLiteral("leadCampaignStatus"), state},
        {QStringLiteral("leadConnectionStatus"),
         state == u"Finished" ? QStringLiteral("ConnectionAccepted")
                              : (failed ? QStringLiteral("None") : QStringLiteral("ConnectionSent"))},
        {QStringLiteral("leadMessageStatus"),
         state == u"Finished" ? QStringLiteral("MessageSent") : QStringLiteral("None")},
        {QStringLiteral("linkedInSenderId"), seat.isDouble() ? seat : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("creationTime"), isoMillis(at)},
        {QStringLiteral("lastActionTime"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("failedTime"), failed ? QJsonValue(isoMillis(at)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("errorCode"),
         failed ? QJsonValue(QStringLiteral("ProfileNotReachable")) : QJsonValue(QJsonValue::Null)},
    };
}

SimResponse addLeads(const SimData& data, const SimRequest& request, AddedLeads& remembered)
{
    static const QRegularExpression linkedIn(
        QStringLiteral("^https://(www\\.)?linkedin\\.com/in/[A-Za-z0-9_%-]+/?$"));
    SimResponse error;
    const std::optional<QJsonObject> body = objectBody(request, &error);
    if (!body)
        return error;
    const std::optional<qint64> campaignId = wholeNumber(body->value(QStringLiteral("campaignId")));
    if (!campaignId)
        return heyReachError(400, QStringLiteral("The campaignId field is required."));
    const QJsonValue pairsValue = body->value(QStringLiteral("accountLeadPairs"));
    if (!pairsValue.isArray() || pairsValue.toArray().isEmpty())
        return heyReachError(400, QStringLiteral("The accountLeadPairs field is required."));
    const QJsonArray pairs = pairsValue.toArray();
    if (pairs.size() > kMaxLeadsPerRequest)
        return heyReachError(400, QStringLiteral("You can add at most 100 leads per request."));
    const QList<Campaign> list = campaigns(data);
    const Campaign* campaign = findCampaign(list, *campaignId);
    if (!campaign)
        return campaignNotFound();
    // unverified (community observation): leads cannot be added to a DRAFT campaign.
    if (campaign->status == u"DRAFT")
        return heyReachError(400, QStringLiteral("Leads can only be added to an active campaign."));

    QList<qint64> seatIds;
    for (const Sender& seat : senders(data))
        seatIds.append(seat.id);
    int added = 0;
    int updated = 0;
    int failed = 0;
    QStringList seen;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QJsonValue& value : pairs) {
        const QJsonObject pair = value.toObject();
        const QJsonObject lead = pair.value(QStringLiteral("lead")).toObject();
        const QString url = lead.value(QStringLiteral("profileUrl")).toString();
        const QJsonValue seat = pair.value(QStringLiteral("linkedInAccountId"));
        const bool seatOk =
            seat.isUndefined() || seat.isNull() || seatIds.contains(wholeNumber(seat).value_or(0));
        const QString knownSalt = QStringLiteral("heyreach:known:%1:%2").arg(campaign->id).arg(url);
        if (!linkedIn.match(url).hasMatch() || !seatOk) {
            ++failed;
        } else if (QJsonObject* row = remembered.find(campaign->id, url)) {
            // already in the campaign: updated, not duplicated (unverified: which fields change)
            QJsonObject profile = row->value(QStringLiteral("linkedInUserProfile")).toObject();
            for (auto it = lead.begin(); it != lead.end(); ++it)
                profile.insert(it.key(), it.value());
            row->insert(QStringLiteral("linkedInUserProfile"), profile);
            ++updated;
        } else if (seen.contains(url) || data.chance(knownSalt, 20)) {
            // A lead someone put in the campaign weeks ago: updated, not duplicated.
            remembered.byCampaign[campaign->id].append(addedLeadRow(
                remembered, lead, seat, now.addSecs(-data.range(knownSalt, 7 * 86400, 60 * 86400))));
            ++updated;
        } else {
            remembered.byCampaign[campaign->id].append(addedLeadRow(remembered, lead, seat, now));
            ++added;
        }
        seen.append(url);
    }
    return SimResponse::json(200, QJsonObject{{QStringLiteral("addedLeadsCount"), added},
                                              {QStringLiteral("updatedLeadsCount"), updated},
                                              {QStringLiteral("failedLeadsCount"), failed}});
}

SimResponse control(const SimData& data, const SimRequest& request, bool pause)
{
    const std::optional<qint64> id = campaignIdOf(request);
    if (!id)
        return heyReachError(400, QStringLiteral("The campaignId parameter is required."));
    const QList<Campaign> list = campaigns(data);
    const Campaign* campaign = findCampaign(list, *id);
    if (!campaign)
        return campaignNotFound();
    if (pause) {
        // unverified: the refusal's text.
        if (campaign->status != u"IN_PROGRESS")
            return heyReachError(400,
                                 QStringLiteral("The campaign you are trying to pause is not in progress."));
    } else if (campaign->status != u"PAUSED" && campaign->status != u"FINISHED" &&
               campaign->status != u"FAILED") {
        // The text HeyReach sends for a DRAFT (heyreach.md § 3.4).
        return heyReachError(
            400, QStringLiteral("The campaign you are trying to resume is not paused, finished or failed."));
    }
    // unverified: the success body; the md does not record one.
    return SimResponse::empty(200);
}

SimResponse campaignLeads(const SimData& data, const SimRequest& request, const AddedLeads& added)
{
    static const QStringList campaignStates = {QStringLiteral("Pending"), QStringLiteral("InSequence"),
                                               QStringLiteral("Finished"), QStringLiteral("Failed")};
    static const QStringList connectionStates = {QStringLiteral("None"), QStringLiteral("ConnectionSent"),
                                                 QStringLiteral("ConnectionAccepted")};
    static const QStringList messageStates = {QStringLiteral("None"), QStringLiteral("MessageSent"),
                                              QStringLiteral("MessageReply")};
    SimResponse error;
    const std::optional<QJsonObject> body = objectBody(request, &error);
    int offset = 0;
    int limit = 0;
    if (!body || !paging(*body, &offset, &limit, &error))
        return error;
    const std::optional<qint64> id = wholeNumber(body->value(QStringLiteral("campaignId")));
    if (!id)
        return heyReachError(400, QStringLiteral("The campaignId field is required."));
    const QList<Campaign> list = campaigns(data);
    const Campaign* campaign = findCampaign(list, *id);
    if (!campaign)
        return campaignNotFound();
    const QList<Sender> seats = senders(data);
    QJsonArray all;
    for (int i = 0; i < campaign->leadCount; ++i) {
        const QString salt = campaign->salt + QStringLiteral(":lead:%1").arg(i);
        const QString first = data.firstName(salt);
        const QString last = data.lastName(salt);
        // Lead 0 is always pending, lead 1 always failed after its invitation was accepted: HeyReach's
        // three statuses are independent of each other.
        const QString state = i == 0   ? campaignStates.at(0)
                              : i == 1 ? campaignStates.at(3)
                                       : data.pick(salt, campaignStates);
        const QString connection = i == 0   ? connectionStates.at(0)
                                   : i == 1 ? connectionStates.at(2)
                                            : data.pick(QString(salt + u":c"), connectionStates);
        const QString message =
            i == 0 ? messageStates.at(0) : data.pick(QString(salt + u":m"), messageStates);
        const bool hasFailed = state == u"Failed";
        all.append(QJsonObject{
            {QStringLiteral("id"), data.range(salt, 1000000, 9999999)},
            {QStringLiteral("linkedInUserProfileId"), data.hex(salt, 12)},
            {QStringLiteral("linkedInUserProfile"),
             QJsonObject{
                 {QStringLiteral("firstName"), first},
                 {QStringLiteral("lastName"), last},
                 {QStringLiteral("profileUrl"), profileUrl(first, last, data.hex(QString(salt + u":u"), 6))},
                 {QStringLiteral("companyName"), data.companyName(salt)},
                 {QStringLiteral("position"), QStringLiteral("Head of Growth")}}},
            {QStringLiteral("leadCampaignStatus"), state},
            {QStringLiteral("leadConnectionStatus"), connection},
            {QStringLiteral("leadMessageStatus"), message},
            {QStringLiteral("linkedInSenderId"), seats.at(i % seats.size()).id},
            {QStringLiteral("creationTime"), isoMillis(data.dateTime(salt, 60))},
            {QStringLiteral("lastActionTime"),
             i == 0 ? QJsonValue(QJsonValue::Null)
                    : QJsonValue(isoMillis(data.dateTime(QString(salt + u":a"), 30)))},
            {QStringLiteral("failedTime"),
             hasFailed ? QJsonValue(isoMillis(data.dateTime(QString(salt + u":f"), 20)))
                       : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("errorCode"),
             hasFailed ? QJsonValue(QStringLiteral("ProfileNotReachable")) : QJsonValue(QJsonValue::Null)},
        });
    }
    for (const QJsonObject& row : added.byCampaign.value(campaign->id))
        all.append(row);
    return SimResponse::json(200, page(all, offset, limit));
}

SimResponse senderAccounts(const SimData& data, const SimRequest& request)
{
    SimResponse error;
    const std::optional<QJsonObject> body = objectBody(request, &error);
    int offset = 0;
    int limit = 0;
    if (!body || !paging(*body, &offset, &limit, &error))
        return error;
    QJsonArray all;
    for (const Sender& sender : senders(data))
        all.append(senderJson(data, sender));
    return SimResponse::json(200, page(all, offset, limit));
}

QJsonObject statsJson(const SimData& data, const QString& salt)
{
    const int sent = static_cast<int>(data.range(QString(salt + u":cs"), 5, 40));
    const int accepted = static_cast<int>(data.range(QString(salt + u":ca"), 0, sent));
    const int messages = static_cast<int>(data.range(QString(salt + u":ms"), 0, 30));
    const int replies = static_cast<int>(data.range(QString(salt + u":mr"), 0, messages));
    const int inMails = static_cast<int>(data.range(QString(salt + u":is"), 0, 5));
    const int inMailReplies = static_cast<int>(data.range(QString(salt + u":ir"), 0, inMails));
    return QJsonObject{
        {QStringLiteral("profileViews"), data.range(QString(salt + u":pv"), 0, 60)},
        {QStringLiteral("postLikes"), data.range(QString(salt + u":pl"), 0, 20)},
        {QStringLiteral("follows"), data.range(QString(salt + u":fo"), 0, 10)},
        {QStringLiteral("messagesSent"), messages},
        {QStringLiteral("totalMessageStarted"), messages},
        {QStringLiteral("totalMessageReplies"), replies},
        {QStringLiteral("inmailMessagesSent"), inMails},
        {QStringLiteral("totalInmailStarted"), inMails},
        {QStringLiteral("totalInmailReplies"), inMailReplies},
        {QStringLiteral("connectionsSent"), sent},
        {QStringLiteral("connectionsAccepted"), accepted},
        {QStringLiteral("messageReplyRate"), messages ? double(replies) / messages : 0.0},
        {QStringLiteral("inMailReplyRate"), inMails ? double(inMailReplies) / inMails : 0.0},
        {QStringLiteral("connectionAcceptanceRate"), double(accepted) / sent},
    };
}

SimResponse overallStats(const SimData& data, const SimRequest& request)
{
    static const QStringList counters = {QStringLiteral("profileViews"),
                                         QStringLiteral("postLikes"),
                                         QStringLiteral("follows"),
                                         QStringLiteral("messagesSent"),
                                         QStringLiteral("totalMessageStarted"),
                                         QStringLiteral("totalMessageReplies"),
                                         QStringLiteral("inmailMessagesSent"),
                                         QStringLiteral("totalInmailStarted"),
                                         QStringLiteral("totalInmailReplies"),
                                         QStringLiteral("connectionsSent"),
                                         QStringLiteral("connectionsAccepted")};
    SimResponse error;
    const std::optional<QJsonObject> body = objectBody(request, &error);
    if (!body)
        return error;
    const QDateTime start =
        QDateTime::fromString(body->value(QStringLiteral("startDate")).toString(), Qt::ISODateWithMs);
    const QDateTime end =
        QDateTime::fromString(body->value(QStringLiteral("endDate")).toString(), Qt::ISODateWithMs);
    if (!start.isValid() || !end.isValid() || end < start)
        return heyReachError(400, QStringLiteral("startDate and endDate must be valid dates, start first."));
    QString filter;
    for (const QString& key : {QStringLiteral("accountIds"), QStringLiteral("campaignIds")}) {
        for (const QJsonValue& id : body->value(key).toArray())
            filter += QString::number(wholeNumber(id).value_or(0)) + u',';
    }

    QJsonObject byDay;
    QJsonObject totals;
    for (const QString& counter : counters)
        totals.insert(counter, 0);
    // At most 31 days, the most recent ones: enough for a month's chart.
    QDate day = std::max(start.toUTC().date(), end.toUTC().date().addDays(-30));
    for (; day <= end.toUTC().date(); day = day.addDays(1)) {
        const QString key = day.toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
        const QJsonObject stats = statsJson(data, QStringLiteral("heyreach:stats:%1:%2").arg(filter, key));
        byDay.insert(key, stats);
        for (const QString& counter : counters)
            totals.insert(counter, totals.value(counter).toInt() + stats.value(counter).toInt());
    }
    const auto rate = [&totals](const QString& part, const QString& whole) {
        const int base = totals.value(whole).toInt();
        return base ? double(totals.value(part).toInt()) / base : 0.0;
    };
    totals.insert(QStringLiteral("messageReplyRate"),
                  rate(QStringLiteral("totalMessageReplies"), QStringLiteral("totalMessageStarted")));
    totals.insert(QStringLiteral("inMailReplyRate"),
                  rate(QStringLiteral("totalInmailReplies"), QStringLiteral("totalInmailStarted")));
    totals.insert(QStringLiteral("connectionAcceptanceRate"),
                  rate(QStringLiteral("connectionsAccepted"), QStringLiteral("connectionsSent")));
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("byDayStats"), byDay}, {QStringLiteral("overallStats"), totals}});
}

} // namespace

ProviderSpec heyReachSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::HeyReach;

    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "X-API-KEY");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: 401 is documented (403 also possible); the texts are not.
        if (request.credential == CredentialState::Missing)
            return heyReachError(401,
                                 QStringLiteral("No API key was provided. Send it in the X-API-KEY header."));
        return heyReachError(401, QStringLiteral("The API key is invalid or has been deactivated."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: heyreach.md documents no rate-limit headers; Retry-After is added by the simulator.
        return heyReachError(429, QStringLiteral("Rate limit exceeded: 300 requests per minute."));
    };
    spec.serverError = [](const SimRequest&, int status) {
        return heyReachError(status,
                             QStringLiteral("An internal error occurred while processing your request."));
    };
    spec.notFound = [](const SimRequest&) {
        return heyReachError(404, QStringLiteral("Not found."));
    };

    // "200 (empty or minimal body)": the simulator sends an empty one.
    spec.routes.add("GET", QStringLiteral("/auth/CheckApiKey"),
                    [](const SimRequest&) { return SimResponse::empty(200); });
    auto added = std::make_shared<AddedLeads>();
    spec.forget = [added] {
        *added = AddedLeads();
    };
    spec.routes.add("POST", QStringLiteral("/campaign/GetAll"), [data, added](const SimRequest& request) {
        return listCampaigns(data, request, *added);
    });
    spec.routes.add("GET", QStringLiteral("/campaign/GetById"),
                    [data, added](const SimRequest& request) { return getCampaign(data, request, *added); });
    spec.routes.add("POST", QStringLiteral("/campaign/AddLeadsToCampaignV2"),
                    [data, added](const SimRequest& request) { return addLeads(data, request, *added); });
    spec.routes.add("POST", QStringLiteral("/campaign/Pause"),
                    [data](const SimRequest& request) { return control(data, request, true); });
    spec.routes.add("POST", QStringLiteral("/campaign/Resume"),
                    [data](const SimRequest& request) { return control(data, request, false); });
    spec.routes.add(
        "POST", QStringLiteral("/campaign/GetLeadsFromCampaign"),
        [data, added](const SimRequest& request) { return campaignLeads(data, request, *added); });
    // Live integrations record /linkedinaccount/GetAll (the md's path) answering 404: only this one exists.
    spec.routes.add("POST", QStringLiteral("/li_account/GetAll"),
                    [data](const SimRequest& request) { return senderAccounts(data, request); });
    spec.routes.add("POST", QStringLiteral("/stats/GetOverallStats"),
                    [data](const SimRequest& request) { return overallStats(data, request); });
    return spec;
}

} // namespace agency::sim
