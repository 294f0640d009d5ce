#pragma once
// Request and result values of the HeyReach client (shared/providers/heyreach.md). Plain data: the
// client fills them from HeyReach's JSON after checking every field's type.

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace agency {

/// One page of a HeyReach list: `items` from `offset`, out of `totalCount`.
template<typename T>
struct HeyReachPage
{
    int totalCount = 0;
    QList<T> items;
};

struct HeyReachCampaignProgress
{
    int totalUsers = 0;
    int inProgress = 0;
    int pending = 0;
    int finished = 0;
    int failed = 0;
};

struct HeyReachCampaign
{
    qint64 id = 0;
    QString name;
    QString status; ///< DRAFT, IN_PROGRESS, PAUSED, FINISHED, CANCELED, FAILED, STARTING, SCHEDULED
    QDateTime createdAt;
    QString leadListName;
    std::optional<qint64> leadListId;
    QList<qint64> senderAccountIds; ///< the LinkedIn accounts that send for this campaign
    std::optional<HeyReachCampaignProgress> progress;
    QJsonObject raw; ///< the campaign as HeyReach sent it
};

struct HeyReachListCampaignsRequest
{
    int offset = 0;
    int limit = 100; ///< 1–100
    QString keyword;
    QStringList statuses;           ///< empty = every status
    QList<qint64> senderAccountIds; ///< empty = every sender
};

struct HeyReachCustomField
{
    QString name;
    QString value;
};

/// A lead to add: the LinkedIn profile URL is HeyReach's key for the person.
struct HeyReachLead
{
    QString profileUrl; ///< https://www.linkedin.com/in/<slug>
    QString firstName;
    QString lastName;
    QString companyName;
    QString position;
    QString location;
    QString emailAddress;
    QString summary;
    QString about;
    QList<HeyReachCustomField> customFields;
    std::optional<qint64> senderAccountId; ///< the LinkedIn account to send from; HeyReach picks when unset
};

struct HeyReachAddLeadsRequest
{
    qint64 campaignId = 0;
    QList<HeyReachLead> leads; ///< at most HeyReachClient::kMaxLeadsPerRequest
    bool resumeFinishedCampaign = false;
    bool resumePausedCampaign = false;
};

struct HeyReachAddLeadsResult
{
    int added = 0;
    int updated = 0; ///< already in the campaign: HeyReach updates rather than duplicates
    int failed = 0;
};

struct HeyReachCampaignLeadsRequest
{
    qint64 campaignId = 0;
    int offset = 0;
    int limit = 100; ///< 1–100
};

/// One lead's state in a campaign. The three statuses are independent of each other.
struct HeyReachCampaignLead
{
    qint64 id = 0;
    QString profileUrl;
    QString firstName;
    QString lastName;
    QString companyName;
    QString campaignStatus;   ///< Pending, InSequence, Finished, Paused, Failed
    QString connectionStatus; ///< None, ConnectionSent, ConnectionAccepted
    QString messageStatus;    ///< None, MessageSent, MessageReply
    std::optional<qint64> senderAccountId;
    QDateTime addedAt; ///< creationTime: when it joined the campaign (unverified; invalid when absent)
    QDateTime lastActionAt;
    QDateTime failedAt;
    QString errorCode;
};

/// A LinkedIn sender account (a HeyReach seat).
struct HeyReachSenderAccount
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString emailAddress;
    QString profileUrl;
    bool isActive = false;
    bool authIsValid = false; ///< false when the LinkedIn session needs the owner to log in again
    QJsonObject raw;
};

struct HeyReachStatsRequest
{
    QList<qint64> senderAccountIds; ///< empty = every sender
    QList<qint64> campaignIds;      ///< empty = every campaign
    QDateTime start;                ///< UTC
    QDateTime end;                  ///< UTC
};

struct HeyReachStats
{
    int profileViews = 0;
    int postLikes = 0;
    int follows = 0;
    int messagesSent = 0;
    int messagesStarted = 0;
    int messageReplies = 0;
    int inMailsSent = 0;
    int inMailsStarted = 0;
    int inMailReplies = 0;
    int connectionsSent = 0;
    int connectionsAccepted = 0;
    double messageReplyRate = 0;         ///< 0–1
    double inMailReplyRate = 0;          ///< 0–1
    double connectionAcceptanceRate = 0; ///< 0–1
};

struct HeyReachOverallStats
{
    HeyReachStats overall;
    QList<QPair<QDate, HeyReachStats>> byDay; ///< in date order
};

} // namespace agency
