// Smartlead (shared/providers/smartlead.md): the key as the api_key query parameter, GET /campaigns/ as
// the credential check (a JSON array), X-RateLimit-* headers with a Unix-timestamp reset.
// Also: one campaign, create, status (START / PAUSED / STOPPED), add leads (at most 400 per call) and
// list them back (the one memory: leads added per campaign, kept until reset(); an address added again
// is counted already_added_to_campaign and keeps its first fields; "known…" addresses stand for leads
// someone added long before, "unsub…" for unsubscribed ones),
// email accounts (list, one, save), warmup (update, stats) and campaign analytics / statistics.
// Error bodies follow the published per-area specs: {"message"} for 401/429, {"error"} otherwise.

#include "providerspec.h"
#include "routekit.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <memory>
#include <optional>

namespace agency::sim {

namespace {

constexpr int kRequestsPerMinute = 60; // Standard tier

constexpr int kMaxLeadsPerCall = 400; // the current official limit (older docs: 100)
constexpr int kEmailAccounts = 5;
constexpr int kStatisticsRows = 37;

SimResponse slError(int status, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("error"), message}});
}

int campaignCount(const SimData& data)
{
    return static_cast<int>(data.range(u"smartlead:campaigns", 2, 4));
}

qint64 campaignId(const SimData& data, int index)
{
    return data.range(QStringLiteral("smartlead:campaign:%1").arg(index), 100000, 999999);
}

QJsonObject campaignObject(const SimData& data, int i)
{
    static const QStringList statuses = {QStringLiteral("ACTIVE"), QStringLiteral("PAUSED"),
                                         QStringLiteral("DRAFTED"), QStringLiteral("COMPLETED")};
    // unverified: the field list comes from community clients.
    const QString salt = QStringLiteral("smartlead:campaign:%1").arg(i);
    const QString created = isoMillis(data.dateTime(salt));
    return QJsonObject{
        {QStringLiteral("id"), campaignId(data, i)},
        {QStringLiteral("user_id"), data.range(u"smartlead:user", 10000, 99999)},
        {QStringLiteral("created_at"), created},
        {QStringLiteral("updated_at"), created},
        {QStringLiteral("status"), i == 0 ? QStringLiteral("ACTIVE") : data.pick(salt, statuses)},
        {QStringLiteral("name"), QStringLiteral("%1 outreach %2").arg(data.companyName(salt)).arg(i + 1)},
        {QStringLiteral("track_settings"), QJsonArray{QStringLiteral("DONT_TRACK_EMAIL_OPEN")}},
        {QStringLiteral("scheduler_cron_value"),
         QJsonObject{{QStringLiteral("tz"), QStringLiteral("Australia/Sydney")},
                     {QStringLiteral("days"), QJsonArray{1, 2, 3, 4, 5}},
                     {QStringLiteral("endHour"), QStringLiteral("17:00")},
                     {QStringLiteral("startHour"), QStringLiteral("09:00")}}},
        {QStringLiteral("min_time_btwn_emails"), 10},
        {QStringLiteral("max_leads_per_day"), 20},
        {QStringLiteral("stop_lead_settings"), QStringLiteral("REPLY_TO_AN_EMAIL")},
        {QStringLiteral("unsubscribe_text"), QString()},
        {QStringLiteral("client_id"), QJsonValue::Null},
        {QStringLiteral("parent_campaign_id"), QJsonValue::Null},
    };
}

SimResponse campaigns(const SimData& data)
{
    QJsonArray list;
    for (int i = 0; i < campaignCount(data); ++i)
        list.append(campaignObject(data, i));
    return SimResponse::json(200, list);
}

// The index of the campaign a {id} names, or nothing (Smartlead's 404).
std::optional<int> campaignIndex(const SimData& data, const SimRequest& request)
{
    const QString id = request.params.value(QStringLiteral("id"));
    for (int i = 0; i < campaignCount(data); ++i) {
        if (QString::number(campaignId(data, i)) == id)
            return i;
    }
    return std::nullopt;
}

SimResponse campaignNotFound()
{
    // unverified: the wording; the specs declare {"error": "Resource not found"}-shaped 404s.
    return slError(404, QStringLiteral("Campaign not found"));
}

std::optional<QJsonObject> jsonObjectBody(const SimRequest& request, bool allowEmpty)
{
    if (allowEmpty && request.body.trimmed().isEmpty())
        return QJsonObject();
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

SimResponse getCampaign(const SimData& data, const SimRequest& request)
{
    const std::optional<int> index = campaignIndex(data, request);
    return index ? SimResponse::json(200, campaignObject(data, *index)) : campaignNotFound();
}

SimResponse createCampaign(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request, true);
    if (!body)
        return slError(400, QStringLiteral("Invalid JSON body"));
    const QJsonValue name = body->value(u"name");
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return slError(422, QStringLiteral("name must be a string"));
    const QString salt = QStringLiteral("smartlead:created:") + request.requestId;
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("ok"), true},
                         {QStringLiteral("id"), data.range(salt, 1000000, 9999999)},
                         {QStringLiteral("name"), name.isString() && !name.toString().isEmpty()
                                                      ? name.toString()
                                                      : QStringLiteral("Untitled Campaign")},
                         {QStringLiteral("created_at"), isoMillis(data.dateTime(salt, 1))}});
}

SimResponse campaignStatus(const SimData& data, const SimRequest& request)
{
    if (!campaignIndex(data, request))
        return campaignNotFound();
    const std::optional<QJsonObject> body = jsonObjectBody(request, false);
    static const QStringList allowed = {QStringLiteral("START"), QStringLiteral("PAUSED"),
                                        QStringLiteral("STOPPED")};
    if (!body || !allowed.contains(body->value(u"status").toString()))
        return slError(400, QStringLiteral("status must be one of START, PAUSED, STOPPED"));
    return SimResponse::json(200, QJsonObject{{QStringLiteral("ok"), true}});
}

// The leads added to each campaign while this simulator runs (reset() forgets them), in the order they
// came, as GET /campaigns/{id}/leads lists them.
struct CampaignLeads
{
    QHash<qint64, QList<QJsonObject>> byCampaign; ///< campaign id → list rows
    qint64 nextId = 5000000;

    const QJsonObject* find(qint64 campaign, const QString& email) const
    {
        const auto it = byCampaign.constFind(campaign);
        if (it == byCampaign.cend())
            return nullptr;
        for (const QJsonObject& row : *it) {
            if (row.value(u"lead").toObject().value(u"email").toString() == email)
                return &row;
        }
        return nullptr;
    }
};

// A lead's state in the campaign. The simulator cannot let time pass, so the address says where the
// sequence has got to: "bounced…" bounced, "completed…" finished, anything else is under way.
QString leadStatus(const QString& email)
{
    if (email.startsWith(QStringLiteral("bounced")))
        return QStringLiteral("BOUNCED");
    if (email.startsWith(QStringLiteral("completed")))
        return QStringLiteral("COMPLETED");
    return QStringLiteral("IN_PROGRESS");
}

QJsonObject leadRow(CampaignLeads& leads, const QString& email, const QJsonObject& lead,
                    const QDateTime& added, bool keepFields)
{
    // unverified: the list row's fields come from community types (smartlead.md § 3.4); custom_fields
    // in a listed lead is assumed to be the object the lead was added with.
    const qint64 id = ++leads.nextId;
    QJsonObject person{{QStringLiteral("id"), id},
                       {QStringLiteral("email"), email},
                       {QStringLiteral("is_unsubscribed"), false}};
    for (const char* field :
         {"first_name", "last_name", "company_name", "phone_number", "website", "location"}) {
        const QJsonValue value = lead.value(QLatin1String(field));
        person.insert(QLatin1String(field),
                      keepFields && value.isString() ? value : QJsonValue(QJsonValue::Null));
    }
    person.insert(QStringLiteral("custom_fields"),
                  keepFields ? lead.value(u"custom_fields").toObject() : QJsonObject());
    return QJsonObject{{QStringLiteral("campaign_lead_map_id"), id + 1000000},
                       {QStringLiteral("status"), leadStatus(email)},
                       {QStringLiteral("created_at"), isoMillis(added)},
                       {QStringLiteral("lead"), person}};
}

SimResponse addLeads(const SimData& data, const SimRequest& request, CampaignLeads& remembered)
{
    const std::optional<int> index = campaignIndex(data, request);
    if (!index)
        return campaignNotFound();
    const qint64 campaign = campaignId(data, *index);
    const std::optional<QJsonObject> body = jsonObjectBody(request, false);
    if (!body || !body->value(u"lead_list").isArray())
        return slError(400, QStringLiteral("lead_list is required and must be an array"));
    const QJsonArray leads = body->value(u"lead_list").toArray();
    if (leads.size() > kMaxLeadsPerCall)
        return slError(
            400, QStringLiteral("A maximum of %1 leads can be added per request").arg(kMaxLeadsPerCall));
    for (qsizetype i = 0; i < leads.size(); ++i) {
        const QJsonValue email = leads.at(i).toObject().value(u"email");
        if (!leads.at(i).isObject() || !email.isString() || email.toString().isEmpty())
            return slError(422, QStringLiteral("lead_list[%1].email is required").arg(i));
    }
    int uploaded = 0;
    int already = 0;
    int duplicates = 0;
    int invalid = 0;
    int unsubscribed = 0;
    QSet<QString> seen;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QJsonValue& value : leads) {
        const QJsonObject lead = value.toObject();
        const QString address = lead.value(u"email").toString().trimmed().toLower();
        if (!address.contains(u'@') || address.startsWith(u'@') || address.endsWith(u'@')) {
            ++invalid;
        } else if (seen.contains(address)) {
            ++duplicates;
        } else if (address.startsWith(QStringLiteral("unsub"))) {
            ++unsubscribed;
        } else if (remembered.find(campaign, address)) {
            ++already; // added before: counted, not added twice, its fields kept as they were
        } else if (address.startsWith(QStringLiteral("known"))) {
            // A lead someone put in the campaign a month ago: already there, with none of these fields.
            ++already;
            remembered.byCampaign[campaign].append(leadRow(
                remembered, address, lead,
                now.addSecs(-data.range(QString(u"smartlead:known:" + address), 7 * 86400, 60 * 86400)),
                false));
        } else {
            ++uploaded;
            remembered.byCampaign[campaign].append(leadRow(remembered, address, lead, now, true));
        }
        seen.insert(address);
    }
    // unverified: the answer's field names come from community clients (newer docs show other names).
    return SimResponse::json(200, QJsonObject{{QStringLiteral("ok"), true},
                                              {QStringLiteral("upload_count"), uploaded},
                                              {QStringLiteral("total_leads"), int(leads.size())},
                                              {QStringLiteral("already_added_to_campaign"), already},
                                              {QStringLiteral("duplicate_count"), duplicates},
                                              {QStringLiteral("invalid_email_count"), invalid},
                                              {QStringLiteral("unsubscribed_leads"), unsubscribed}});
}

SimResponse campaignLeads(const SimData& data, const SimRequest& request, const CampaignLeads& remembered)
{
    const std::optional<int> index = campaignIndex(data, request);
    if (!index)
        return campaignNotFound();
    bool ok = true;
    const QString limitText = request.queryValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    const int offset = std::max(0, request.queryValue(QStringLiteral("offset")).toInt());
    if (!ok || limit < 1 || limit > 100)
        return slError(400, QStringLiteral("limit must be between 1 and 100"));
    const QList<QJsonObject> rows = remembered.byCampaign.value(campaignId(data, *index));
    QJsonArray page;
    for (qsizetype i = offset; i < std::min<qsizetype>(rows.size(), qsizetype(offset) + limit); ++i)
        page.append(rows.at(i));
    // unverified: total_leads may come as a string, as other Smartlead counts do.
    return SimResponse::json(200, QJsonObject{{QStringLiteral("total_leads"), QString::number(rows.size())},
                                              {QStringLiteral("offset"), offset},
                                              {QStringLiteral("limit"), limit},
                                              {QStringLiteral("data"), page}});
}

qint64 accountId(const SimData& data, int index)
{
    return data.range(QStringLiteral("smartlead:account:%1").arg(index), 10000, 99999);
}

QJsonObject accountObject(const SimData& data, int i)
{
    // unverified: the field list comes from a community type file "based on official documentation".
    const QString salt = QStringLiteral("smartlead:account:%1").arg(i);
    const QString first = data.firstName(salt);
    const QString email = QStringLiteral("%1@mail%2.agency.example").arg(first.toLower()).arg(i + 1);
    const QString created = isoMillis(data.dateTime(salt, 200));
    const bool warming = i != kEmailAccounts - 1;
    return QJsonObject{
        {QStringLiteral("id"), accountId(data, i)},
        {QStringLiteral("created_at"), created},
        {QStringLiteral("updated_at"), created},
        {QStringLiteral("user_id"), data.range(u"smartlead:user", 10000, 99999)},
        {QStringLiteral("from_name"), QStringLiteral("%1 at Agency").arg(first)},
        {QStringLiteral("from_email"), email},
        {QStringLiteral("username"), email},
        {QStringLiteral("smtp_host"), QStringLiteral("smtp.agency.example")},
        {QStringLiteral("smtp_port"), 587},
        {QStringLiteral("smtp_port_type"), QStringLiteral("TLS")},
        {QStringLiteral("imap_host"), QStringLiteral("imap.agency.example")},
        {QStringLiteral("imap_port"), 993},
        {QStringLiteral("imap_port_type"), QStringLiteral("SSL")},
        {QStringLiteral("message_per_day"), 40},
        {QStringLiteral("daily_sent_count"), int(data.range(salt, 0, 40))},
        {QStringLiteral("type"), QStringLiteral("SMTP")},
        {QStringLiteral("is_smtp_success"), true},
        {QStringLiteral("is_imap_success"), i != 2},
        {QStringLiteral("smtp_failure_error"), QString()},
        {QStringLiteral("imap_failure_error"), i != 2 ? QString() : QStringLiteral("Invalid credentials")},
        {QStringLiteral("client_id"), QJsonValue::Null},
        {QStringLiteral("signature"), QString()},
        {QStringLiteral("warmup_details"),
         warming ? QJsonValue(QJsonObject{
                       {QStringLiteral("id"), data.range(salt, 1000, 9999)},
                       {QStringLiteral("status"), QStringLiteral("ACTIVE")},
                       {QStringLiteral("created_at"), created},
                       {QStringLiteral("reply_rate"), 30},
                       {QStringLiteral("warmup_key_id"), QStringLiteral("key-%1").arg(data.alnum(salt, 6))},
                       {QStringLiteral("blocked_reason"), QJsonValue::Null},
                       {QStringLiteral("total_sent_count"), int(data.range(salt, 100, 900))},
                       {QStringLiteral("total_spam_count"), int(data.range(salt, 0, 9))},
                       {QStringLiteral("warmup_min_count"), 5},
                       {QStringLiteral("warmup_max_count"), 20},
                       {QStringLiteral("is_warmup_blocked"), false},
                       {QStringLiteral("max_email_per_day"), 20},
                       {QStringLiteral("warmup_reputation"),
                        QStringLiteral("%1%").arg(data.range(salt, 90, 100))},
                   })
                 : QJsonValue(QJsonValue::Null)},
    };
}

std::optional<int> accountIndex(const SimData& data, const SimRequest& request)
{
    const QString id = request.params.value(QStringLiteral("id"));
    for (int i = 0; i < kEmailAccounts; ++i) {
        if (QString::number(accountId(data, i)) == id)
            return i;
    }
    return std::nullopt;
}

SimResponse accountNotFound()
{
    return slError(404, QStringLiteral("Email account not found"));
}

SimResponse emailAccounts(const SimData& data, const SimRequest& request)
{
    bool ok = true;
    const QString limitText = request.queryValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    const int offset = request.queryValue(QStringLiteral("offset")).toInt();
    if (!ok || limit < 1 || limit > 100)
        return slError(400, QStringLiteral("limit must be between 1 and 100"));
    QJsonArray list;
    for (int i = std::max(0, offset); i < std::min(kEmailAccounts, std::max(0, offset) + limit); ++i)
        list.append(accountObject(data, i));
    return SimResponse::json(200, list);
}

SimResponse emailAccount(const SimData& data, const SimRequest& request)
{
    const std::optional<int> index = accountIndex(data, request);
    return index ? SimResponse::json(200, accountObject(data, *index)) : accountNotFound();
}

SimResponse saveEmailAccount(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> body = jsonObjectBody(request, false);
    if (!body)
        return slError(400, QStringLiteral("Invalid JSON body"));
    for (const char* field : {"from_name", "from_email", "user_name", "password", "smtp_host", "imap_host"}) {
        if (body->value(QLatin1String(field)).toString().isEmpty())
            return slError(400, QStringLiteral("%1 is required").arg(QLatin1String(field)));
    }
    for (const char* field : {"smtp_port", "imap_port"}) {
        if (!body->value(QLatin1String(field)).isDouble())
            return slError(400, QStringLiteral("%1 must be a number").arg(QLatin1String(field)));
    }
    const QString salt = QStringLiteral("smartlead:saved:") + body->value(u"from_email").toString();
    // unverified: the official example answers emailAccountId; the published spec says id.
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("ok"), true},
                         {QStringLiteral("message"), QStringLiteral("Email account added successfully!")},
                         {QStringLiteral("emailAccountId"), data.range(salt, 100000, 999999)}});
}

SimResponse updateWarmup(const SimData& data, const SimRequest& request)
{
    if (!accountIndex(data, request))
        return accountNotFound();
    const std::optional<QJsonObject> body = jsonObjectBody(request, false);
    if (!body || !body->value(u"warmup_enabled").isBool())
        return slError(400, QStringLiteral("warmup_enabled is required and must be a boolean"));
    const QJsonValue rate = body->value(u"reply_rate_percentage");
    if (!rate.isUndefined() && (!rate.isDouble() || rate.toDouble() < 0 || rate.toDouble() > 100))
        return slError(400, QStringLiteral("reply_rate_percentage must be between 0 and 100"));
    for (const char* field : {"total_warmup_per_day", "daily_rampup"}) {
        const QJsonValue value = body->value(QLatin1String(field));
        if (!value.isUndefined() && (!value.isDouble() || value.toDouble() < 0))
            return slError(400, QStringLiteral("%1 must be a positive number").arg(QLatin1String(field)));
    }
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("ok"), true},
                         {QStringLiteral("message"), QStringLiteral("Warmup settings updated")}});
}

SimResponse warmupStats(const SimData& data, const SimRequest& request)
{
    const std::optional<int> index = accountIndex(data, request);
    if (!index)
        return accountNotFound();
    const QString salt = QStringLiteral("smartlead:warmup:%1").arg(*index);
    const QDate last = data.dateTime(u"smartlead:warmup:today", 30).date();
    QJsonArray days;
    int sent = 0;
    int saved = 0;
    for (int d = 6; d >= 0; --d) {
        const QString daySalt = QStringLiteral("%1:%2").arg(salt).arg(d);
        const int daySent = int(data.range(daySalt, 10, 20));
        const int daySaved = int(data.range(daySalt, 0, 2));
        sent += daySent;
        saved += daySaved;
        days.append(QJsonObject{{QStringLiteral("id"), data.range(daySalt, 100000, 999999)},
                                {QStringLiteral("date"), last.addDays(-d).toString(Qt::ISODate)},
                                {QStringLiteral("sent_count"), daySent},
                                {QStringLiteral("reply_count"), int(data.range(daySalt, 2, 8))},
                                {QStringLiteral("save_from_spam_count"), daySaved}});
    }
    // Observed payloads carry the top-level counts as strings.
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("id"), accountId(data, *index)},
                         {QStringLiteral("sent_count"), QString::number(sent)},
                         {QStringLiteral("spam_count"), QString::number(saved)},
                         {QStringLiteral("inbox_count"), QString::number(sent - saved)},
                         {QStringLiteral("warmup_email_received_count"), QString::number(sent - 3)},
                         {QStringLiteral("stats_by_date"), days}});
}

SimResponse analytics(const SimData& data, const SimRequest& request)
{
    const std::optional<int> index = campaignIndex(data, request);
    if (!index)
        return campaignNotFound();
    const QJsonObject campaign = campaignObject(data, *index);
    const QString salt = QStringLiteral("smartlead:analytics:%1").arg(*index);
    const int total = int(data.range(salt, 200, 600));
    const int sent = total / 2;
    const auto text = [](qint64 value) {
        return QString::number(value);
    };
    return SimResponse::json(200, QJsonObject{
                                      {QStringLiteral("id"), campaign.value(u"id")},
                                      {QStringLiteral("user_id"), campaign.value(u"user_id")},
                                      {QStringLiteral("created_at"), campaign.value(u"created_at")},
                                      {QStringLiteral("status"), campaign.value(u"status")},
                                      {QStringLiteral("name"), campaign.value(u"name")},
                                      {QStringLiteral("sent_count"), text(sent)},
                                      {QStringLiteral("unique_sent_count"), text(sent - 4)},
                                      {QStringLiteral("open_count"), text(sent / 2)},
                                      {QStringLiteral("unique_open_count"), text(sent / 3)},
                                      {QStringLiteral("click_count"), text(sent / 10)},
                                      {QStringLiteral("unique_click_count"), text(sent / 12)},
                                      {QStringLiteral("reply_count"), text(sent / 20)},
                                      {QStringLiteral("bounce_count"), text(3)},
                                      {QStringLiteral("unsubscribed_count"), text(2)},
                                      {QStringLiteral("block_count"), text(0)},
                                      {QStringLiteral("total_count"), text(total)},
                                      {QStringLiteral("drafted_count"), text(0)},
                                      {QStringLiteral("sequence_count"), text(3)},
                                      {QStringLiteral("client_id"), QJsonValue::Null},
                                      {QStringLiteral("client_name"), QJsonValue::Null},
                                      {QStringLiteral("campaign_lead_stats"),
                                       QJsonObject{{QStringLiteral("total"), total},
                                                   {QStringLiteral("notStarted"), total - sent},
                                                   {QStringLiteral("inprogress"), sent - 40},
                                                   {QStringLiteral("completed"), 35},
                                                   {QStringLiteral("blocked"), 3},
                                                   {QStringLiteral("stopped"), 2}}},
                                  });
}

SimResponse statistics(const SimData& data, const SimRequest& request)
{
    const std::optional<int> index = campaignIndex(data, request);
    if (!index)
        return campaignNotFound();
    bool ok = true;
    const QString limitText = request.queryValue(QStringLiteral("limit"));
    const int limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    const int offset = std::max(0, request.queryValue(QStringLiteral("offset")).toInt());
    if (!ok || limit < 1 || limit > 100)
        return slError(400, QStringLiteral("limit must be between 1 and 100"));
    const QString status = request.queryValue(QStringLiteral("email_status"));
    QJsonArray rows;
    for (int i = 0; i < kStatisticsRows; ++i) {
        const QString salt = QStringLiteral("smartlead:stat:%1:%2").arg(*index).arg(i);
        const QDateTime sentAt = data.dateTime(salt, 20);
        const bool opened = i % 2 == 0;
        const bool clicked = i % 6 == 0;
        const bool replied = i % 9 == 0;
        const bool bounced = i == 5;
        if ((status == u"opened" && !opened) || (status == u"clicked" && !clicked) ||
            (status == u"replied" && !replied) || (status == u"bounced" && !bounced) ||
            status == u"unsubscribed")
            continue;
        rows.append(QJsonObject{
            {QStringLiteral("lead_name"),
             QStringLiteral("%1 %2").arg(data.firstName(salt), data.lastName(salt))},
            {QStringLiteral("lead_email"), data.email(salt)},
            {QStringLiteral("lead_category"),
             replied ? QStringLiteral("Interested") : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("sequence_number"), 1 + i % 3},
            {QStringLiteral("email_subject"), QStringLiteral("Quick question")},
            {QStringLiteral("sent_time"), isoMillis(sentAt)},
            {QStringLiteral("open_time"),
             opened ? QJsonValue(isoMillis(sentAt.addSecs(3600))) : QJsonValue::Null},
            {QStringLiteral("click_time"),
             clicked ? QJsonValue(isoMillis(sentAt.addSecs(4000))) : QJsonValue::Null},
            {QStringLiteral("reply_time"),
             replied ? QJsonValue(isoMillis(sentAt.addSecs(9000))) : QJsonValue::Null},
            {QStringLiteral("open_count"), opened ? 2 : 0},
            {QStringLiteral("click_count"), clicked ? 1 : 0},
            {QStringLiteral("is_unsubscribed"), false},
            {QStringLiteral("is_bounced"), bounced},
        });
    }
    QJsonArray page;
    for (qsizetype i = offset; i < std::min<qsizetype>(rows.size(), qsizetype(offset) + limit); ++i)
        page.append(rows.at(i));
    // unverified: total_stats is a string in observed payloads.
    return SimResponse::json(200, QJsonObject{{QStringLiteral("total_stats"), QString::number(rows.size())},
                                              {QStringLiteral("offset"), offset},
                                              {QStringLiteral("limit"), limit},
                                              {QStringLiteral("data"), page}});
}

void addRateHeaders(SimResponse& response, const SimRequest& request, bool exhausted)
{
    const int limit = request.rate ? request.rate->limit : kRequestsPerMinute;
    const int remaining =
        exhausted ? 0
                  : (request.rate ? request.rate->remaining
                                  : std::max(0, kRequestsPerMinute - static_cast<int>(request.sequence)));
    // X-RateLimit-Reset is the Unix time the window ends.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 reset = request.rate ? now + std::max(1, request.rate->resetSeconds) : now - now % 60 + 60;
    response.setHeader("X-RateLimit-Limit", QByteArray::number(limit))
        .setHeader("X-RateLimit-Remaining", QByteArray::number(remaining))
        .setHeader("X-RateLimit-Reset", QByteArray::number(reset));
}

} // namespace

ProviderSpec smartleadSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Smartlead;

    spec.authenticate = [](const SimRequest& request) {
        return outcomeFor(request.queryValue(QStringLiteral("api_key")));
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // unverified: the text is from the endpoint docs; the body shape varies (clients read message first).
        return SimResponse::json(
            401, QJsonObject{{QStringLiteral("message"), QStringLiteral("Invalid or missing API key")}});
    };
    spec.rateLimited = [](const SimRequest& request, int retryAfterSeconds) {
        SimResponse response = SimResponse::json(
            429,
            QJsonObject{{QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"), QStringLiteral("RATE_LIMIT_EXCEEDED")},
                                     {QStringLiteral("message"),
                                      QStringLiteral("Rate limit exceeded. Please retry after %1 seconds.")
                                          .arg(retryAfterSeconds)},
                                     {QStringLiteral("retry_after"), retryAfterSeconds}}}});
        addRateHeaders(response, request, true);
        response.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: the 5xx body shape varies.
        return SimResponse::json(
            status, QJsonObject{{QStringLiteral("message"), QStringLiteral("Internal server error")}});
    };
    spec.notFound = [](const SimRequest& request) {
        return SimResponse::text(
            404,
            QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(request.method), request.path).toUtf8());
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        if (response.status != 429)
            addRateHeaders(response, request, false);
    };

    // The documented path ends in '/'; the server is assumed to accept it without one too.
    const auto list = [data](const SimRequest&) {
        return campaigns(data);
    };
    spec.routes.add("GET", QStringLiteral("/campaigns/"), list);
    spec.routes.add("GET", QStringLiteral("/campaigns"), list);
    const auto route = [&spec, data](const QByteArray& method, const QString& pattern,
                                     SimResponse (*handler)(const SimData&, const SimRequest&)) {
        spec.routes.add(method, pattern,
                        [data, handler](const SimRequest& request) { return handler(data, request); });
    };
    route("POST", QStringLiteral("/campaigns/create"), &createCampaign);
    route("GET", QStringLiteral("/campaigns/{id}"), &getCampaign);
    route("POST", QStringLiteral("/campaigns/{id}/status"), &campaignStatus);
    auto remembered = std::make_shared<CampaignLeads>();
    spec.forget = [remembered] {
        *remembered = CampaignLeads();
    };
    spec.routes.add(
        "POST", QStringLiteral("/campaigns/{id}/leads"),
        [data, remembered](const SimRequest& request) { return addLeads(data, request, *remembered); });
    spec.routes.add(
        "GET", QStringLiteral("/campaigns/{id}/leads"),
        [data, remembered](const SimRequest& request) { return campaignLeads(data, request, *remembered); });
    route("GET", QStringLiteral("/campaigns/{id}/analytics"), &analytics);
    route("GET", QStringLiteral("/campaigns/{id}/statistics"), &statistics);
    route("GET", QStringLiteral("/email-accounts/"), &emailAccounts);
    route("GET", QStringLiteral("/email-accounts"), &emailAccounts);
    route("POST", QStringLiteral("/email-accounts/save"), &saveEmailAccount);
    route("GET", QStringLiteral("/email-accounts/{id}/"), &emailAccount);
    route("GET", QStringLiteral("/email-accounts/{id}"), &emailAccount);
    route("POST", QStringLiteral("/email-accounts/{id}/warmup"), &updateWarmup);
    route("GET", QStringLiteral("/email-accounts/{id}/warmup-stats"), &warmupStats);
    return spec;
}

} // namespace agency::sim
