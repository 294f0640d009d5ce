#pragma once
// Apollo request and result values: who to look up, and the typed Person and Organization that come
// back. Field names follow contracts/specs/apollo.json; `raw` keeps the provider's object on demand.

#include "model/costevent.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace agency {

/// Who to enrich. Apollo needs enough to identify one person: an email, a LinkedIn URL, an Apollo
/// id, or a name together with the employer's domain (or name).
struct ApolloPersonQuery
{
    QString email;
    QString hashedEmail; ///< MD5 or SHA-256 of the email
    QString firstName;
    QString lastName;
    QString name;   ///< full name; replaces firstName + lastName
    QString domain; ///< employer domain, normalised by the client ("https://www.acme.com/" → "acme.com")
    QString organizationName;
    QString linkedinUrl;
    QString id; ///< Apollo person id, from a search

    static ApolloPersonQuery byEmail(QString email);
    static ApolloPersonQuery byName(QString firstName, QString lastName, QString domain);
    static ApolloPersonQuery byLinkedIn(QString linkedinUrl);

    /// True when nothing identifies a person (Apollo would answer "no match" and the call is wasted).
    bool isEmpty() const;
};

/// Optional reveals. Both can cost credits; a phone reveal is delivered later to `webhookUrl`.
struct ApolloRevealOptions
{
    bool revealPersonalEmails = false;
    bool revealPhoneNumber = false; ///< requires webhookUrl (Apollo delivers phones asynchronously)
    QString webhookUrl;             ///< HTTPS endpoint Apollo POSTs the phone numbers to
};

struct ApolloPhone
{
    QString rawNumber;
    QString sanitizedNumber; ///< E.164 where Apollo has it
    QString type;            ///< "mobile", "work_hq", "work_direct", … (free text at Apollo)
    QString status;          ///< "valid_number", …

    bool isMobile() const;
};

struct ApolloOrganization
{
    QString id;
    QString name;
    QString primaryDomain;
    QString websiteUrl;
    QString linkedinUrl;
    QString industry;
    QString phone;
    QString city;
    QString state;
    QString country;
    QString shortDescription;
    QString annualRevenuePrinted; ///< "100M"
    QString latestFundingStage;
    std::optional<qint64> estimatedEmployees;
    std::optional<qint64> foundedYear;
    std::optional<qint64> annualRevenue;
    std::optional<qint64> totalFunding;
    QStringList keywords;
    QStringList technologies;
    QJsonObject raw;
};

struct ApolloPerson
{
    QString id;
    QString firstName;
    QString lastName;
    QString name;
    QString title;
    QString headline;
    QString email;
    QString emailStatus; ///< "verified", "guessed", "unavailable", …
    QStringList personalEmails;
    QList<ApolloPhone> phones;
    QString linkedinUrl;
    QString seniority;
    QStringList departments;
    QString city;
    QString state;
    QString country;
    // The employer, flattened for a table row; `organization` holds the whole record when Apollo sent it.
    QString companyName;
    QString companyDomain;
    QString companyIndustry;
    std::optional<qint64> companySize; ///< estimated employees
    std::optional<ApolloOrganization> organization;
    QJsonObject raw;

    /// "San Francisco, California, United States" (the parts Apollo has).
    QString location() const;
    bool hasMobilePhone() const;
};

/// One people/match answer. A miss is a success with no person (Apollo answers 200).
struct ApolloPersonMatch
{
    std::optional<ApolloPerson> person;
    qint64 creditsUsed = 0;          ///< from the documented credit rules (the answer carries no count)
    QString requestId;               ///< for a pending phone reveal: the id Apollo's webhook call will carry
    bool phoneRevealPending = false; ///< phones will arrive at the webhook, not in this answer
    std::optional<CostEvent> cost;

    bool matched() const { return person.has_value(); }
};

/// One people/bulk_match answer: `matches` is in the order of the request, a miss is empty.
struct ApolloBulkMatch
{
    QList<std::optional<ApolloPerson>> matches;
    qint64 totalRequested = 0;
    qint64 uniqueEnriched = 0;
    qint64 missing = 0;
    double creditsConsumed = 0; ///< as Apollo reports it (it can be fractional: 1.01)
    QString requestId;
    std::optional<CostEvent> cost;
};

struct ApolloOrganizationMatch
{
    std::optional<ApolloOrganization> organization;
    qint64 creditsUsed = 0;
    std::optional<CostEvent> cost;

    bool matched() const { return organization.has_value(); }
};

/// People API Search filters (a master key is required; the search costs no credits).
struct ApolloPeopleSearch
{
    QStringList personTitles;
    bool includeSimilarTitles = false;
    QString keywords;
    QStringList personLocations;
    QStringList personSeniorities;
    QStringList organizationDomains;
    QStringList organizationLocations;
    QStringList organizationIds;
    QStringList employeeRanges; ///< "11,50", "51,200"
    QStringList emailStatuses;  ///< "verified", …
    int page = 1;               ///< 1 to 500
    int perPage = 25;           ///< 1 to 100
};

/// A search hit: no email or phone (enrich it for those), the last name may be obfuscated.
struct ApolloSearchHit
{
    QString id;
    QString firstName;
    QString lastName; ///< "Hu***n" when Apollo obfuscates it
    QString title;
    QString organizationName;
    bool hasEmail = false;
    QString hasDirectPhone; ///< "Yes", "Maybe: please request direct dial via people/match", …
    QString lastRefreshedAt;
    QJsonObject raw;
};

struct ApolloPeoplePage
{
    QList<ApolloSearchHit> people;
    qint64 totalEntries = 0;
    int page = 1;
    int perPage = 0;

    /// Whether a next page exists within Apollo's 500-page window.
    bool hasMore() const;
};

} // namespace agency
