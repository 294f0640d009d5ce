#pragma once
// What an enrichment lookup asks for and what it found: each field with the provider that supplied
// it, whether it came from the cache, and what the lookup cost. Serialised to JSON for the cache.

#include "model/money.h"
#include "model/providerid.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>

#include <chrono>
#include <optional>

namespace agency {

enum class LookupKind
{
    PersonByEmail,
    PersonByName, ///< first name + last name + company domain
    PersonByLinkedIn,
    CompanyByDomain,
};

/// The fields a user can require; a lookup stops at the first provider whose answer has them all.
enum class EnrichField
{
    Email,
    Phone,
    Title,
    Company,
};
QString enrichFieldKey(EnrichField field); ///< "email", "phone", "title", "company"

struct LookupRequest
{
    LookupKind kind = LookupKind::PersonByEmail;
    QString email;
    QString firstName;
    QString lastName;
    QString domain; ///< the company's domain (person by name, or company)
    QString linkedinUrl;
    QSet<EnrichField> required; ///< empty: any match will do
    bool domainMetrics = false; ///< also DataForSEO metrics for the company's domain

    static LookupRequest byEmail(QString email);
    static LookupRequest byName(QString firstName, QString lastName, QString domain);
    static LookupRequest byLinkedIn(QString url);
    static LookupRequest byDomain(QString domain);

    /// Empty when the request can be looked up; else why not ("“jane@” is not an email address").
    QString problem() const;
    /// The same person or company always gives the same key (lower case, trimmed, domain normalised):
    /// "person:email:jane@acme.com", "person:name:jane|doe|acme.com", "person:linkedin:…",
    /// "company:acme.com".
    QString cacheKey() const;
};

/// Normalises a domain or URL: "https://www.Acme.com/about" → "acme.com"; empty when it is not one.
QString normalisedDomain(const QString& text);
/// A plausible email address (one @, a dotted domain, no spaces); not a deliverability check.
bool looksLikeEmail(const QString& text);

struct EnrichmentSettings
{
    QList<ProviderId> order{ProviderId::Apollo, ProviderId::Clay}; ///< Apollo and/or Clay, in order
    /// When a person lookup asks for nothing in particular, these must be found to stop early.
    QSet<EnrichField> defaultRequired{EnrichField::Email};
    std::chrono::seconds cacheTtl = std::chrono::hours(24 * 30);
    QString clayRoutineId; ///< the Clay routine that enriches one person; empty: Clay is skipped
    qint64 clayCreditsPerItem = 1;
    std::chrono::milliseconds clayPollInterval{2000};
    std::chrono::milliseconds clayTimeout{std::chrono::minutes(3)};
    bool teamCache =
        false; ///< the team's Redis (its credential in the Providers panel) instead of this computer's
};

struct SourcedValue
{
    QString value;
    ProviderId source = ProviderId::Apollo;
    bool operator==(const SourcedValue&) const = default;
};

struct EnrichmentResult
{
    /// "email", "phone", "title", "company", "company_domain", "first_name", "last_name", "linkedin_url",
    /// "location", "industry", "employees", "seo_organic_keywords", "seo_organic_traffic",
    /// "seo_backlinks", "seo_referring_domains" — each with the provider that supplied it.
    QMap<QString, SourcedValue> fields;
    QList<ProviderId> tried;           ///< in order; a provider tried and missed is still listed
    QMap<ProviderId, QJsonObject> raw; ///< each provider's own answer, for "show raw"
    Money cost = Money::aud(0);        ///< what this lookup spent (zero for a cache hit)
    bool fromCache = false;
    QDateTime fetchedAt; ///< when the providers answered (UTC)

    bool found() const { return !fields.isEmpty(); }
    bool has(EnrichField field) const { return fields.contains(enrichFieldKey(field)); }
    /// Every required field is present.
    bool satisfies(const QSet<EnrichField>& required) const;

    QByteArray toJson() const;
    static std::optional<EnrichmentResult> fromJson(const QByteArray& json);
    bool operator==(const EnrichmentResult&) const = default;
};

} // namespace agency
