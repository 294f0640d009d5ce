#pragma once
// DataForSEO request and result values: a domain's rank overview (DataForSEO Labs, Google) and its
// backlinks summary, plus the account's user_data. Field names follow contracts/specs/dataforseo.yaml;
// `raw` keeps the task's result object on demand.

#include "model/costevent.h"
#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace agency {

/// POST /v3/dataforseo_labs/google/domain_rank_overview/live, one task.
struct DataForSeoRankOverviewRequest
{
    QString target;                  ///< a domain; the client strips scheme, www. and path
    std::optional<int> locationCode; ///< 2840 = United States; leave out for every locale
    QString locationName;            ///< instead of locationCode: "United Kingdom"
    QString languageCode;            ///< "en"
    QString languageName;            ///< instead of languageCode: "English"
    bool ignoreSynonyms = false;
    int limit = 100; ///< 1 to 1000 rows (locales); the price grows with the rows
    int offset = 0;
    QString tag; ///< echoed back in the task's data
};

struct DataForSeoRankMetrics
{
    QMap<QString, qint64> positions; ///< "pos_1", "pos_2_3", "pos_4_10", … "pos_91_100"
    double etv = 0;                  ///< estimated monthly traffic
    qint64 count = 0;                ///< SERPs the domain ranks in
    double estimatedPaidTrafficCost = 0;
    qint64 isNew = 0;
    qint64 isUp = 0;
    qint64 isDown = 0;
    qint64 isLost = 0;
    std::optional<double> clickstreamEtv;

    /// Rankings on page one: pos_1 + pos_2_3 + pos_4_10.
    qint64 topTen() const;
};

struct DataForSeoRankItem
{
    QString seType;
    std::optional<qint64> locationCode;
    QString languageCode;
    QMap<QString, DataForSeoRankMetrics> metrics; ///< keyed as DataForSEO sends them: "organic", "paid"

    std::optional<DataForSeoRankMetrics> organic() const;
    std::optional<DataForSeoRankMetrics> paid() const;
};

struct DataForSeoRankOverview
{
    QString target;
    std::optional<qint64> locationCode;
    QString languageCode;
    qint64 totalCount = 0;
    QList<DataForSeoRankItem> items; ///< empty when DataForSEO has no data for the domain
    QString taskId;
    Money cost; ///< what DataForSEO said the call cost (USD)
    std::optional<CostEvent> costEvent;
    QJsonObject raw;
};

/// POST /v3/backlinks/summary/live, one task. Needs a Backlinks API subscription.
struct DataForSeoBacklinksRequest
{
    QString target;                        ///< a domain (scheme, www. and path stripped) or a full page URL
    std::optional<bool> includeSubdomains; ///< DataForSEO's default: true
    std::optional<bool> includeIndirectLinks;
    std::optional<bool> excludeInternalBacklinks;
    QString backlinksStatusType;          ///< "all", "live" (default) or "lost"
    std::optional<int> internalListLimit; ///< 1 to 1000: caps the referring_links_* maps
    QString rankScale;                    ///< "one_thousand" (default) or "one_hundred"
    QString tag;
};

struct DataForSeoBacklinksSummary
{
    QString target;
    QString firstSeen;
    QString lostDate;
    qint64 rank = 0;
    qint64 backlinks = 0;
    qint64 backlinksSpamScore = 0;
    qint64 crawledPages = 0;
    qint64 internalLinksCount = 0;
    qint64 externalLinksCount = 0;
    qint64 brokenBacklinks = 0;
    qint64 brokenPages = 0;
    qint64 referringDomains = 0;
    qint64 referringDomainsNofollow = 0;
    qint64 referringMainDomains = 0;
    qint64 referringMainDomainsNofollow = 0;
    qint64 referringIps = 0;
    qint64 referringSubnets = 0;
    qint64 referringPages = 0;
    qint64 referringPagesNofollow = 0;
    QMap<QString, qint64> referringLinksTld;
    QMap<QString, qint64> referringLinksTypes;
    QMap<QString, qint64> referringLinksAttributes;
    QMap<QString, qint64> referringLinksPlatformTypes;
    QMap<QString, qint64> referringLinksSemanticLocations;
    QMap<QString, qint64> referringLinksCountries;
    bool hasData = false; ///< false when DataForSEO returned no result for the target
    QString taskId;
    Money cost; ///< USD, as reported
    std::optional<CostEvent> costEvent;
    QJsonObject raw;
};

/// GET /v3/appendix/user_data: the account behind the login.
struct DataForSeoAccount
{
    QString login;
    QString timezone;
    Money balance;                            ///< USD left (money.balance)
    Money totalDeposited;                     ///< USD (money.total)
    std::optional<qint64> requestsPerMinute;  ///< rates.limits.minute
    std::optional<qint64> requestsPerDay;     ///< rates.limits.day (0 = no daily cap)
    std::optional<qint64> requestsToday;      ///< rates.statistics.day.total
    std::optional<double> dailySpendLimitUsd; ///< money.limits.day.total (0 = none set)
    std::optional<double> spentTodayUsd;      ///< money.statistics.day.total
    QString backlinksSubscriptionExpiry;      ///< as sent; empty when there is no subscription
    QDateTime backlinksExpiresAt;             ///< parsed, invalid when absent or unreadable
    QJsonObject raw;

    bool hasBacklinks(const QDateTime& now) const;
};

} // namespace agency
