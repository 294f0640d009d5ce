#pragma once
// SuppressionList: the agency's global "do not contact" list in the ledger database — emails, whole
// domains, phone numbers and LinkedIn profiles, each with why (a block, an unsubscribe, a bounce, a
// complaint). Values are normalised on the way in and on every check, so "Jane@Acme.com",
// "0412 345 678" and "au.linkedin.com/in/Jane/" match what was added in any other form.

#include "engine/database.h"
#include "engine/spendcalendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace agency {

enum class SuppressionKind
{
    Email,
    Domain,
    Phone,
    LinkedIn,
};
QString suppressionKindKey(SuppressionKind kind); ///< "email", "domain", "phone", "linkedin"
std::optional<SuppressionKind> suppressionKindFromKey(const QString& key);

enum class SuppressionReason
{
    Block,       ///< never contact on any channel
    Unsubscribe, ///< asked to stop
    Bounce,      ///< the address does not exist
    Complaint,   ///< marked as spam
};
QString suppressionReasonKey(SuppressionReason reason); ///< "block", "unsubscribe", "bounce", "complaint"
std::optional<SuppressionReason> suppressionReasonFromKey(const QString& key);

struct SuppressionEntry
{
    SuppressionKind kind = SuppressionKind::Email;
    QString value; ///< normalised
    SuppressionReason reason = SuppressionReason::Block;
    QDateTime addedAt;
    QString addedBy;
};

struct SuppressionImport
{
    int added = 0;
    int alreadyListed = 0;
    QStringList invalid; ///< the values that could not be normalised, as given
};

class SuppressionList
{
    Q_DECLARE_TR_FUNCTIONS(agency::SuppressionList)
public:
    explicit SuppressionList(Database& database, Clock clock = systemClock());

    /// The stored form: emails lower-cased; a domain from a domain, an email or a URL; phones in E.164
    /// (AU when no country code); LinkedIn as the canonical profile URL. Empty when it is not one.
    static QString normalise(SuppressionKind kind, const QString& value,
                             const QString& defaultRegion = QStringLiteral("AU"));

    /// True when added, false when it was already listed (its first reason stays).
    Result<bool, DatabaseError> add(SuppressionKind kind, const QString& value, SuppressionReason reason,
                                    const QString& addedBy);
    /// True when something was removed.
    Result<bool, DatabaseError> remove(SuppressionKind kind, const QString& value);
    /// Newest first; all kinds when `kind` is empty.
    Result<QList<SuppressionEntry>, DatabaseError> list(std::optional<SuppressionKind> kind = std::nullopt,
                                                        int offset = 0, int limit = 500);
    /// Adds many in one transaction (all or none); invalid values are reported, not stored.
    Result<SuppressionImport, DatabaseError> importMany(SuppressionKind kind, const QStringList& values,
                                                        SuppressionReason reason, const QString& addedBy);

    /// The entry for one value (normalised first), if listed.
    Result<std::optional<SuppressionEntry>, DatabaseError> check(SuppressionKind kind, const QString& value);
    /// The entries for many values of one kind, by normalised value (only those listed).
    Result<QHash<QString, SuppressionEntry>, DatabaseError> checkMany(SuppressionKind kind,
                                                                      const QStringList& values);

private:
    Database& m_database;
    Clock m_clock;
};

} // namespace agency
