#pragma once
// Request and result values of the Smartlead client: campaigns, leads, email accounts, warmup and
// campaign statistics. Smartlead sends many numbers as strings; these values hold them as numbers.

#include "model/integrationerror.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace agency {

enum class SmartleadCampaignStatus
{
    Unknown, ///< a value this version does not know (see statusText)
    Drafted,
    Active,
    Paused,
    Stopped,
    Completed,
    Archived,
};

struct SmartleadCampaign
{
    qint64 id = 0;
    qint64 userId = 0;
    QString name;
    SmartleadCampaignStatus status = SmartleadCampaignStatus::Unknown;
    QString statusText; ///< as sent: "ACTIVE"
    QDateTime createdAt;
    QDateTime updatedAt;
    int maxLeadsPerDay = 0;
    int minTimeBetweenEmails = 0; ///< minutes
    QString stopLeadSettings;     ///< "REPLY_TO_AN_EMAIL", …
    std::optional<qint64> clientId;
    std::optional<qint64> parentCampaignId;
    QJsonObject raw;
};

struct SmartleadNewCampaign
{
    QString name; ///< Smartlead names it "Untitled Campaign" when empty
    std::optional<qint64> clientId;
};

struct SmartleadCreatedCampaign
{
    qint64 id = 0;
    QString name;
    QDateTime createdAt;
};

/// What POST /campaigns/{id}/status asks for. Start also resumes a paused campaign.
enum class SmartleadCampaignCommand
{
    Start,
    Pause,
    Stop, ///< for good: a stopped campaign cannot be started again
};

struct SmartleadLead
{
    QString email; ///< required
    QString firstName;
    QString lastName;
    QString phoneNumber;
    QString companyName;
    QString website;
    QString location;
    QString linkedinProfile;
    QString companyUrl;
    QList<QPair<QString, QString>> customFields; ///< flat name → text
};

struct SmartleadLeadSettings
{
    bool ignoreGlobalBlockList = false;
    bool ignoreUnsubscribeList = false;
    bool ignoreDuplicateLeadsInOtherCampaign = false;
};

/// What Smartlead counted for one add-leads request (the counts it did not report stay 0).
struct SmartleadLeadCounts
{
    int uploaded = 0;          ///< upload_count (or added_count / inserted_count in newer answers)
    int alreadyInCampaign = 0; ///< already_added_to_campaign
    int duplicates = 0;        ///< duplicate_count
    int invalidEmails = 0;     ///< invalid_email_count
    int unsubscribed = 0;      ///< unsubscribed_leads
    int blocked = 0;           ///< blocked_count
    int skipped = 0;           ///< skipped_count
    int totalInRequest = 0;    ///< total_leads

    SmartleadLeadCounts& operator+=(const SmartleadLeadCounts& other);
};

/// One POST /campaigns/{id}/leads of an upload.
struct SmartleadLeadCall
{
    int firstLead = 0; ///< index of its first lead in the caller's list
    int leadCount = 0;
    SmartleadLeadCounts counts;
    QJsonObject raw;
};

/// The merged result of adding a list of leads in calls of at most SmartleadClient::kLeadsPerCall.
struct SmartleadLeadUpload
{
    int requested = 0; ///< leads the caller gave
    int submitted = 0; ///< leads in calls Smartlead accepted
    SmartleadLeadCounts counts;
    QList<SmartleadLeadCall> calls;
    /// Set when a call after the first failed: the leads from `submitted` on were not sent (adding
    /// them again later is safe: Smartlead counts a lead it already has, it does not add it twice).
    std::optional<IntegrationError> stoppedBy;
    bool complete() const { return !stoppedBy && submitted == requested; }
};

/// One lead of a campaign, as GET /campaigns/{id}/leads lists it (its campaign_lead_map row and lead).
struct SmartleadCampaignLead
{
    qint64 mapId = 0;  ///< campaign_lead_map_id
    qint64 leadId = 0; ///< lead.id
    QString status;    ///< the lead's state in this campaign: "IN_PROGRESS", "COMPLETED", "BOUNCED"…
    QDateTime addedAt; ///< created_at: when it joined the campaign (invalid when not given)
    QString email;
    QString firstName;
    QString lastName;
    QString companyName;
    QList<QPair<QString, QString>> customFields; ///< lead.custom_fields (unverified in list answers)
    bool unsubscribed = false;                   ///< lead.is_unsubscribed
};

/// One page of a campaign's leads.
struct SmartleadLeadPage
{
    qint64 total = 0; ///< total_leads: the campaign's leads on every page
    QList<SmartleadCampaignLead> leads;
};

struct SmartleadWarmup
{
    QString status; ///< "ACTIVE" / "INACTIVE"
    bool enabled = false;
    int totalSentCount = 0;
    int totalSpamCount = 0;
    int minPerDay = 0; ///< warmup_min_count
    int maxPerDay = 0; ///< warmup_max_count
    int maxEmailPerDay = 0;
    QString replyRate;
    QString reputation; ///< as sent, may carry a '%': "100%"
    QString warmupKeyId;
    bool isBlocked = false;
    QString blockedReason;
};

struct SmartleadEmailAccount
{
    qint64 id = 0;
    QString fromName;
    QString fromEmail;
    QString username;
    QString type; ///< SMTP, GMAIL, ZOHO, OUTLOOK
    QString smtpHost;
    int smtpPort = 0;
    QString imapHost;
    int imapPort = 0;
    int messagesPerDay = 0; ///< message_per_day: the daily send cap
    int dailySentCount = 0;
    bool smtpOk = false;
    bool imapOk = false;
    std::optional<qint64> clientId;
    std::optional<SmartleadWarmup> warmup;
    QJsonObject raw;
};

/// POST /email-accounts/save: an SMTP/IMAP mailbox. The password is sent once and never kept.
struct SmartleadNewEmailAccount
{
    QString fromName;
    QString fromEmail;
    QString username;
    QString password;
    QString smtpHost;
    int smtpPort = 587;
    QString smtpPortType; ///< "TLS" / "SSL"; left out when empty
    QString imapHost;
    int imapPort = 993;
    int maxEmailPerDay = 0; ///< left out when 0
    QString signature;
    std::optional<bool> warmupEnabled;
    std::optional<qint64> clientId;
};

struct SmartleadCreatedEmailAccount
{
    qint64 id = 0;
    QString message;
};

/// POST /email-accounts/{id}/warmup. Unset values are left out (Smartlead keeps its own).
struct SmartleadWarmupUpdate
{
    bool enabled = true;
    std::optional<int> totalPerDay;
    std::optional<int> dailyRampup;
    std::optional<int> replyRatePercentage; ///< 0–100
    QString warmupKeyId;
};

struct SmartleadWarmupDay
{
    QDate date;
    int sent = 0;
    int replies = 0;
    int savedFromSpam = 0;
};

/// GET /email-accounts/{id}/warmup-stats: the last seven days.
struct SmartleadWarmupStats
{
    qint64 id = 0;
    int sent = 0;
    int spam = 0;
    int inbox = 0;
    int warmupReceived = 0;
    QList<SmartleadWarmupDay> days;
};

/// GET /campaigns/{id}/analytics: the campaign's totals.
struct SmartleadCampaignAnalytics
{
    qint64 id = 0;
    QString name;
    QString status;
    int sent = 0;
    int uniqueSent = 0;
    int opens = 0;
    int uniqueOpens = 0;
    int clicks = 0;
    int uniqueClicks = 0;
    int replies = 0;
    int bounces = 0;
    int unsubscribed = 0;
    int blocked = 0;
    int totalLeads = 0;
    int leadsNotStarted = 0;
    int leadsInProgress = 0;
    int leadsCompleted = 0;
    int leadsBlocked = 0;
    int leadsStopped = 0;
    QJsonObject raw;
};

/// GET /campaigns/{id}/statistics: one row per email sent.
struct SmartleadStatisticsQuery
{
    int offset = 0;
    int limit = 100; ///< 1 to 100
    std::optional<int> sequenceNumber;
    QString emailStatus; ///< opened, clicked, replied, unsubscribed, bounced; empty = all
};

struct SmartleadEmailStatistic
{
    QString leadName;
    QString leadEmail;
    QString leadCategory;
    int sequenceNumber = 0;
    QString subject;
    QDateTime sentAt;
    QDateTime openedAt;
    QDateTime clickedAt;
    QDateTime repliedAt;
    int openCount = 0;
    int clickCount = 0;
    bool unsubscribed = false;
    bool bounced = false;
};

struct SmartleadStatisticsPage
{
    qint64 total = 0;
    QList<SmartleadEmailStatistic> rows;
};

QString smartleadStatusName(SmartleadCampaignStatus status);

} // namespace agency
