#include "smartleadjson.h"

#include <QJsonObject>

#include <cmath>

namespace agency {

namespace {

IntegrationError decodeError(const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Smartlead;
    error.detail = detail;
    return error;
}

// Reads one JSON object field by field and remembers the first field of the wrong type; null counts
// as absent. Smartlead sends many counts as strings ("12"), so numbers are read from either.
class Reader
{
public:
    Reader(QJsonObject object, QString where)
        : m_object(std::move(object))
        , m_where(std::move(where))
    {}

    const QString& where() const { return m_where; }
    bool has(QStringView key) const { return !isAbsent(m_object.value(key)); }

    QString text(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (value.isDouble()) // a rate or an id Smartlead sent as a number where text was expected
            return QString::number(value.toDouble());
        if (!isAbsent(value) || required)
            fail(key, QStringLiteral("a string"));
        return {};
    }

    std::optional<qint64> optionalInteger(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (std::isfinite(number) && number == std::floor(number) && std::abs(number) < 9.0e15)
                return qint64(number);
        } else if (value.isString()) {
            const QString text = value.toString().trimmed();
            bool ok = false;
            const qint64 number = text.toLongLong(&ok);
            if (ok)
                return number;
            if (text.isEmpty() && !required)
                return std::nullopt;
        } else if (isAbsent(value) && !required) {
            return std::nullopt;
        }
        fail(key, QStringLiteral("a whole number"));
        return std::nullopt;
    }

    qint64 integer(QStringView key, bool required = false)
    {
        return optionalInteger(key, required).value_or(0);
    }
    int count(QStringView key) { return int(integer(key)); }

    bool flag(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (!isAbsent(value))
            fail(key, QStringLiteral("true or false"));
        return false;
    }

    QDateTime dateTime(QStringView key)
    {
        const QString value = text(key);
        if (value.isEmpty())
            return {};
        const QDateTime when = QDateTime::fromString(value, Qt::ISODateWithMs);
        return when.isValid() ? when.toUTC() : QDateTime();
    }

    QJsonArray array(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isArray())
            return value.toArray();
        if (!isAbsent(value) || required)
            fail(key, QStringLiteral("an array"));
        return {};
    }

    std::optional<QJsonObject> object(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isObject())
            return value.toObject();
        if (!isAbsent(value))
            fail(key, QStringLiteral("an object"));
        return std::nullopt;
    }

    void fail(QStringView key, const QString& expected)
    {
        if (!m_problem)
            m_problem = QStringLiteral("%1.%2 is not %3").arg(m_where, key, expected);
    }
    void adopt(const std::optional<QString>& problem)
    {
        if (!m_problem && problem)
            m_problem = problem;
    }
    const std::optional<QString>& problem() const { return m_problem; }

private:
    static bool isAbsent(const QJsonValue& value) { return value.isUndefined() || value.isNull(); }

    QJsonObject m_object;
    QString m_where;
    std::optional<QString> m_problem;
};

Result<QJsonObject, IntegrationError> objectOf(const QJsonValue& value, const QString& where)
{
    if (!value.isObject())
        return failure(decodeError(QStringLiteral("%1 is not an object").arg(where)));
    return value.toObject();
}

QJsonValue valueOf(const QJsonDocument& document)
{
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return {};
}

Result<SmartleadCampaign, IntegrationError> campaignFrom(const QJsonValue& value, const QString& where)
{
    auto object = objectOf(value, where);
    if (!object)
        return failure(object.error());
    Reader read(object.value(), where);
    SmartleadCampaign campaign;
    campaign.id = read.integer(u"id", true);
    campaign.userId = read.integer(u"user_id");
    campaign.name = read.text(u"name");
    campaign.statusText = read.text(u"status");
    campaign.createdAt = read.dateTime(u"created_at");
    campaign.updatedAt = read.dateTime(u"updated_at");
    campaign.maxLeadsPerDay = read.count(u"max_leads_per_day");
    campaign.minTimeBetweenEmails = read.count(u"min_time_btwn_emails");
    campaign.stopLeadSettings = read.text(u"stop_lead_settings");
    campaign.clientId = read.optionalInteger(u"client_id");
    campaign.parentCampaignId = read.optionalInteger(u"parent_campaign_id");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    campaign.status = SmartleadJson::statusFromName(campaign.statusText);
    campaign.raw = object.value();
    return campaign;
}

std::optional<SmartleadWarmup> warmupFrom(Reader& parent)
{
    const auto details = parent.object(u"warmup_details");
    if (!details)
        return std::nullopt;
    Reader read(*details, parent.where() + QStringLiteral(".warmup_details"));
    SmartleadWarmup warmup;
    warmup.status = read.text(u"status");
    warmup.enabled = warmup.status.compare(QStringLiteral("ACTIVE"), Qt::CaseInsensitive) == 0;
    warmup.totalSentCount = read.count(u"total_sent_count");
    warmup.totalSpamCount = read.count(u"total_spam_count");
    warmup.minPerDay = read.count(u"warmup_min_count");
    warmup.maxPerDay = read.count(u"warmup_max_count");
    warmup.maxEmailPerDay = read.count(u"max_email_per_day");
    warmup.replyRate = read.text(u"reply_rate");
    warmup.reputation = read.text(u"warmup_reputation");
    warmup.warmupKeyId = read.text(u"warmup_key_id");
    warmup.isBlocked = read.flag(u"is_warmup_blocked");
    warmup.blockedReason = read.text(u"blocked_reason");
    parent.adopt(read.problem());
    return warmup;
}

Result<SmartleadEmailAccount, IntegrationError> accountFrom(const QJsonValue& value, const QString& where)
{
    auto object = objectOf(value, where);
    if (!object)
        return failure(object.error());
    Reader read(object.value(), where);
    SmartleadEmailAccount account;
    account.id = read.integer(u"id", true);
    account.fromName = read.text(u"from_name");
    account.fromEmail = read.text(u"from_email");
    account.username = read.text(u"username");
    account.type = read.text(u"type");
    account.smtpHost = read.text(u"smtp_host");
    account.smtpPort = read.count(u"smtp_port");
    account.imapHost = read.text(u"imap_host");
    account.imapPort = read.count(u"imap_port");
    account.messagesPerDay = read.count(u"message_per_day");
    account.dailySentCount = read.count(u"daily_sent_count");
    account.smtpOk = read.flag(u"is_smtp_success");
    account.imapOk = read.flag(u"is_imap_success");
    account.clientId = read.optionalInteger(u"client_id");
    account.warmup = warmupFrom(read);
    if (read.problem())
        return failure(decodeError(*read.problem()));
    account.raw = object.value();
    return account;
}

template<typename T>
Result<QList<T>, IntegrationError> listOf(const QJsonDocument& document, const QString& where,
                                          Result<T, IntegrationError> (*item)(const QJsonValue&,
                                                                              const QString&))
{
    if (!document.isArray())
        return failure(decodeError(QStringLiteral("%1 is not an array").arg(where)));
    QList<T> list;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto parsed = item(array.at(i), QStringLiteral("%1[%2]").arg(where).arg(i));
        if (!parsed)
            return failure(parsed.error());
        list.append(std::move(parsed).value());
    }
    return list;
}

// unsubscribed_leads is a count in some answers and the list of those leads in others.
int countOrLength(Reader& read, QStringView key, const QJsonObject& object)
{
    const QJsonValue value = object.value(key);
    if (value.isArray())
        return int(value.toArray().size());
    return read.count(key);
}

} // namespace

QString smartleadStatusName(SmartleadCampaignStatus status)
{
    switch (status) {
    case SmartleadCampaignStatus::Unknown:
        return QString();
    case SmartleadCampaignStatus::Drafted:
        return QStringLiteral("DRAFTED");
    case SmartleadCampaignStatus::Active:
        return QStringLiteral("ACTIVE");
    case SmartleadCampaignStatus::Paused:
        return QStringLiteral("PAUSED");
    case SmartleadCampaignStatus::Stopped:
        return QStringLiteral("STOPPED");
    case SmartleadCampaignStatus::Completed:
        return QStringLiteral("COMPLETED");
    case SmartleadCampaignStatus::Archived:
        return QStringLiteral("ARCHIVED");
    }
    return QString();
}

SmartleadLeadCounts& SmartleadLeadCounts::operator+=(const SmartleadLeadCounts& other)
{
    uploaded += other.uploaded;
    alreadyInCampaign += other.alreadyInCampaign;
    duplicates += other.duplicates;
    invalidEmails += other.invalidEmails;
    unsubscribed += other.unsubscribed;
    blocked += other.blocked;
    skipped += other.skipped;
    totalInRequest += other.totalInRequest;
    return *this;
}

SmartleadCampaignStatus SmartleadJson::statusFromName(const QString& name)
{
    for (const SmartleadCampaignStatus status :
         {SmartleadCampaignStatus::Drafted, SmartleadCampaignStatus::Active, SmartleadCampaignStatus::Paused,
          SmartleadCampaignStatus::Stopped, SmartleadCampaignStatus::Completed,
          SmartleadCampaignStatus::Archived}) {
        if (name.compare(smartleadStatusName(status), Qt::CaseInsensitive) == 0)
            return status;
    }
    return SmartleadCampaignStatus::Unknown;
}

QJsonObject SmartleadJson::leadBody(const QList<SmartleadLead>& leads, const SmartleadLeadSettings& settings)
{
    QJsonArray list;
    for (const SmartleadLead& lead : leads) {
        QJsonObject object{{QStringLiteral("email"), lead.email}};
        const QList<QPair<QString, QString>> optional = {
            {QStringLiteral("first_name"), lead.firstName},
            {QStringLiteral("last_name"), lead.lastName},
            {QStringLiteral("phone_number"), lead.phoneNumber},
            {QStringLiteral("company_name"), lead.companyName},
            {QStringLiteral("website"), lead.website},
            {QStringLiteral("location"), lead.location},
            {QStringLiteral("linkedin_profile"), lead.linkedinProfile},
            {QStringLiteral("company_url"), lead.companyUrl},
        };
        for (const auto& [name, value] : optional) {
            if (!value.isEmpty())
                object.insert(name, value);
        }
        if (!lead.customFields.isEmpty()) {
            QJsonObject custom;
            for (const auto& [name, value] : lead.customFields)
                custom.insert(name, value);
            object.insert(QStringLiteral("custom_fields"), custom);
        }
        list.append(object);
    }
    return QJsonObject{
        {QStringLiteral("lead_list"), list},
        {QStringLiteral("settings"),
         QJsonObject{{QStringLiteral("ignore_global_block_list"), settings.ignoreGlobalBlockList},
                     {QStringLiteral("ignore_unsubscribe_list"), settings.ignoreUnsubscribeList},
                     {QStringLiteral("ignore_duplicate_leads_in_other_campaign"),
                      settings.ignoreDuplicateLeadsInOtherCampaign}}},
    };
}

QJsonObject SmartleadJson::emailAccountBody(const SmartleadNewEmailAccount& account)
{
    // The official example names the login user_name and sends id null to create (not update).
    QJsonObject body{
        {QStringLiteral("id"), QJsonValue::Null},          {QStringLiteral("from_name"), account.fromName},
        {QStringLiteral("from_email"), account.fromEmail}, {QStringLiteral("user_name"), account.username},
        {QStringLiteral("password"), account.password},    {QStringLiteral("smtp_host"), account.smtpHost},
        {QStringLiteral("smtp_port"), account.smtpPort},   {QStringLiteral("imap_host"), account.imapHost},
        {QStringLiteral("imap_port"), account.imapPort},
    };
    if (!account.smtpPortType.isEmpty())
        body.insert(QStringLiteral("smtp_port_type"), account.smtpPortType);
    if (account.maxEmailPerDay > 0)
        body.insert(QStringLiteral("max_email_per_day"), account.maxEmailPerDay);
    if (!account.signature.isEmpty())
        body.insert(QStringLiteral("signature"), account.signature);
    if (account.warmupEnabled)
        body.insert(QStringLiteral("warmup_enabled"), *account.warmupEnabled);
    if (account.clientId)
        body.insert(QStringLiteral("client_id"), double(*account.clientId));
    return body;
}

QJsonObject SmartleadJson::warmupBody(const SmartleadWarmupUpdate& update)
{
    QJsonObject body{{QStringLiteral("warmup_enabled"), update.enabled}};
    if (update.totalPerDay)
        body.insert(QStringLiteral("total_warmup_per_day"), *update.totalPerDay);
    if (update.dailyRampup)
        body.insert(QStringLiteral("daily_rampup"), *update.dailyRampup);
    if (update.replyRatePercentage)
        body.insert(QStringLiteral("reply_rate_percentage"), *update.replyRatePercentage);
    if (!update.warmupKeyId.isEmpty())
        body.insert(QStringLiteral("warmup_key_id"), update.warmupKeyId);
    return body;
}

Result<QList<SmartleadCampaign>, IntegrationError>
SmartleadJson::parseCampaigns(const QJsonDocument& document)
{
    return listOf<SmartleadCampaign>(document, QStringLiteral("campaigns"), &campaignFrom);
}

Result<SmartleadCampaign, IntegrationError> SmartleadJson::parseCampaign(const QJsonDocument& document)
{
    return campaignFrom(valueOf(document), QStringLiteral("campaign"));
}

Result<SmartleadCreatedCampaign, IntegrationError>
SmartleadJson::parseCreatedCampaign(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("created"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("created"));
    SmartleadCreatedCampaign created;
    created.id = read.integer(u"id", true);
    created.name = read.text(u"name");
    created.createdAt = read.dateTime(u"created_at");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    return created;
}

Result<Done, IntegrationError> SmartleadJson::parseOk(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("answer"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("answer"));
    const bool ok = read.has(u"ok") ? read.flag(u"ok") : true;
    const QString message = read.text(u"message");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    if (!ok) {
        IntegrationError error;
        error.kind = IntegrationError::Kind::InvalidRequest;
        error.provider = ProviderId::Smartlead;
        error.httpStatus = 200;
        error.providerMessage =
            message.isEmpty() ? QStringLiteral("the request was not carried out") : message;
        return failure(error);
    }
    return Done{};
}

Result<SmartleadLeadCounts, IntegrationError> SmartleadJson::parseLeadCounts(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("upload"));
    if (!object)
        return failure(object.error());
    const QJsonObject& fields = object.value();
    Reader read(fields, QStringLiteral("upload"));
    SmartleadLeadCounts counts;
    // Answers differ between API generations: upload_count (observed), added_count (new guide) and
    // inserted_count (the published spec) all name the leads that were added.
    for (const QStringView key :
         {QStringView(u"upload_count"), QStringView(u"added_count"), QStringView(u"inserted_count")}) {
        if (read.has(key)) {
            counts.uploaded = read.count(key);
            break;
        }
    }
    counts.alreadyInCampaign = read.count(u"already_added_to_campaign");
    counts.duplicates = read.count(u"duplicate_count");
    counts.invalidEmails = read.count(u"invalid_email_count");
    counts.unsubscribed = countOrLength(read, u"unsubscribed_leads", fields);
    counts.blocked = read.count(u"blocked_count");
    counts.skipped = read.count(u"skipped_count");
    counts.totalInRequest = read.count(u"total_leads");
    const bool ok = read.has(u"ok") ? read.flag(u"ok") : true;
    const QString message = read.text(u"message");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    if (!ok) {
        IntegrationError error;
        error.kind = IntegrationError::Kind::InvalidRequest;
        error.provider = ProviderId::Smartlead;
        error.httpStatus = 200;
        error.providerMessage = message.isEmpty() ? QStringLiteral("the leads were not added") : message;
        return failure(error);
    }
    return counts;
}

Result<SmartleadLeadPage, IntegrationError> SmartleadJson::parseCampaignLeads(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("leads"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("leads"));
    SmartleadLeadPage page;
    page.total = read.integer(u"total_leads");
    const QJsonArray rows = read.array(u"data", true);
    for (qsizetype i = 0; i < rows.size() && !read.problem(); ++i) {
        const QString where = QStringLiteral("leads.data[%1]").arg(i);
        if (!rows.at(i).isObject()) {
            read.adopt(QStringLiteral("%1 is not an object").arg(where));
            break;
        }
        Reader row(rows.at(i).toObject(), where);
        SmartleadCampaignLead entry;
        entry.mapId = row.integer(u"campaign_lead_map_id");
        entry.status = row.text(u"status");
        entry.addedAt = row.dateTime(u"created_at");
        if (const auto lead = row.object(u"lead")) {
            Reader person(*lead, where + QStringLiteral(".lead"));
            entry.leadId = person.integer(u"id");
            entry.email = person.text(u"email", true);
            entry.firstName = person.text(u"first_name");
            entry.lastName = person.text(u"last_name");
            entry.companyName = person.text(u"company_name");
            entry.unsubscribed = person.flag(u"is_unsubscribed");
            if (const auto custom = person.object(u"custom_fields")) {
                for (auto it = custom->begin(); it != custom->end(); ++it) {
                    if (it.value().isString())
                        entry.customFields.append({it.key(), it.value().toString()});
                    else if (!it.value().isNull())
                        person.fail(it.key(), QStringLiteral("a string"));
                }
            }
            row.adopt(person.problem());
        } else {
            row.fail(u"lead", QStringLiteral("an object"));
        }
        read.adopt(row.problem());
        page.leads.append(entry);
    }
    if (read.problem())
        return failure(decodeError(*read.problem()));
    return page;
}

Result<QList<SmartleadEmailAccount>, IntegrationError>
SmartleadJson::parseEmailAccounts(const QJsonDocument& document)
{
    return listOf<SmartleadEmailAccount>(document, QStringLiteral("accounts"), &accountFrom);
}

Result<SmartleadEmailAccount, IntegrationError>
SmartleadJson::parseEmailAccount(const QJsonDocument& document)
{
    return accountFrom(valueOf(document), QStringLiteral("account"));
}

Result<SmartleadCreatedEmailAccount, IntegrationError>
SmartleadJson::parseCreatedEmailAccount(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("created"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("created"));
    SmartleadCreatedEmailAccount created;
    // The official example answers emailAccountId; the published spec says id.
    created.id = read.has(u"emailAccountId") ? read.integer(u"emailAccountId") : read.integer(u"id", true);
    created.message = read.text(u"message");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    if (created.id <= 0)
        return failure(decodeError(QStringLiteral("created.emailAccountId is not an account id")));
    return created;
}

Result<SmartleadWarmupStats, IntegrationError> SmartleadJson::parseWarmupStats(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("warmup"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("warmup"));
    SmartleadWarmupStats stats;
    stats.id = read.integer(u"id");
    stats.sent = read.count(u"sent_count");
    stats.spam = read.count(u"spam_count");
    stats.inbox = read.count(u"inbox_count");
    stats.warmupReceived = read.count(u"warmup_email_received_count");
    const QJsonArray days = read.array(u"stats_by_date");
    for (qsizetype i = 0; i < days.size() && !read.problem(); ++i) {
        const QString where = QStringLiteral("warmup.stats_by_date[%1]").arg(i);
        if (!days.at(i).isObject()) {
            read.adopt(QStringLiteral("%1 is not an object").arg(where));
            break;
        }
        Reader day(days.at(i).toObject(), where);
        SmartleadWarmupDay entry;
        const QString date = day.text(u"date");
        entry.date = QDate::fromString(date.left(10), Qt::ISODate);
        entry.sent = day.count(u"sent_count");
        entry.replies = day.count(u"reply_count");
        entry.savedFromSpam = day.count(u"save_from_spam_count");
        if (!date.isEmpty() && !entry.date.isValid())
            day.fail(u"date", QStringLiteral("a date"));
        read.adopt(day.problem());
        stats.days.append(entry);
    }
    if (read.problem())
        return failure(decodeError(*read.problem()));
    return stats;
}

Result<SmartleadCampaignAnalytics, IntegrationError>
SmartleadJson::parseAnalytics(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("analytics"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("analytics"));
    SmartleadCampaignAnalytics analytics;
    analytics.id = read.integer(u"id");
    analytics.name = read.text(u"name");
    analytics.status = read.text(u"status");
    analytics.sent = read.count(u"sent_count");
    analytics.uniqueSent = read.count(u"unique_sent_count");
    analytics.opens = read.count(u"open_count");
    analytics.uniqueOpens = read.count(u"unique_open_count");
    analytics.clicks = read.count(u"click_count");
    analytics.uniqueClicks = read.count(u"unique_click_count");
    analytics.replies = read.count(u"reply_count");
    analytics.bounces = read.count(u"bounce_count");
    analytics.unsubscribed = read.count(u"unsubscribed_count");
    analytics.blocked = read.count(u"block_count");
    analytics.totalLeads = read.count(u"total_count");
    if (const auto leads = read.object(u"campaign_lead_stats")) {
        Reader stats(*leads, QStringLiteral("analytics.campaign_lead_stats"));
        if (stats.has(u"total"))
            analytics.totalLeads = stats.count(u"total");
        analytics.leadsNotStarted = stats.count(u"notStarted");
        analytics.leadsInProgress = stats.count(u"inprogress");
        analytics.leadsCompleted = stats.count(u"completed");
        analytics.leadsBlocked = stats.count(u"blocked");
        analytics.leadsStopped = stats.count(u"stopped");
        read.adopt(stats.problem());
    }
    if (read.problem())
        return failure(decodeError(*read.problem()));
    analytics.raw = object.value();
    return analytics;
}

Result<SmartleadStatisticsPage, IntegrationError>
SmartleadJson::parseStatistics(const QJsonDocument& document)
{
    auto object = objectOf(valueOf(document), QStringLiteral("statistics"));
    if (!object)
        return failure(object.error());
    Reader read(object.value(), QStringLiteral("statistics"));
    SmartleadStatisticsPage page;
    page.total = read.integer(u"total_stats");
    const QJsonArray rows = read.array(u"data", true);
    for (qsizetype i = 0; i < rows.size() && !read.problem(); ++i) {
        const QString where = QStringLiteral("statistics.data[%1]").arg(i);
        if (!rows.at(i).isObject()) {
            read.adopt(QStringLiteral("%1 is not an object").arg(where));
            break;
        }
        Reader row(rows.at(i).toObject(), where);
        SmartleadEmailStatistic entry;
        entry.leadName = row.text(u"lead_name");
        entry.leadEmail = row.text(u"lead_email");
        entry.leadCategory = row.text(u"lead_category");
        entry.sequenceNumber = row.count(u"sequence_number");
        entry.subject = row.text(u"email_subject");
        entry.sentAt = row.dateTime(u"sent_time");
        entry.openedAt = row.dateTime(u"open_time");
        entry.clickedAt = row.dateTime(u"click_time");
        entry.repliedAt = row.dateTime(u"reply_time");
        entry.openCount = row.count(u"open_count");
        entry.clickCount = row.count(u"click_count");
        entry.unsubscribed = row.flag(u"is_unsubscribed");
        entry.bounced = row.flag(u"is_bounced");
        read.adopt(row.problem());
        page.rows.append(entry);
    }
    if (read.problem())
        return failure(decodeError(*read.problem()));
    return page;
}

ProviderErrorInfo SmartleadJson::parseError(int status, const QByteArray& body)
{
    if (status < 400)
        return {}; // a 2xx answer is never an error here (campaign objects have a "name", not an error)
    ProviderErrorInfo info;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Plain text such as "Cannot GET /api/v1/…" (the server's own 404); kept short.
        info.message = QString::fromUtf8(body).simplified().left(200);
        return info;
    }
    const QJsonObject object = document.object();
    const QJsonValue error = object.value(u"error");
    if (error.isObject()) {
        info.message = error.toObject().value(u"message").toString();
        info.code = error.toObject().value(u"code").toString();
    }
    for (const QStringView key : {QStringView(u"message"), QStringView(u"error"), QStringView(u"err")}) {
        if (!info.message.isEmpty())
            break;
        info.message = object.value(key).toString();
    }
    return info;
}

} // namespace agency
