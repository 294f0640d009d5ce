#include "suppressionlist.h"

#include "engine/enrichmenttypes.h"
#include "engine/recipientvalidator.h"
#include "integrations/phone/phonenumbers.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace agency {

namespace {

constexpr int kValuesPerQuery = 500;

DatabaseError sqlError(const QString& what, const QSqlQuery& query)
{
    return DatabaseError{describeSqlError(what, query.lastError())};
}

SuppressionEntry readEntry(const QSqlQuery& query)
{
    SuppressionEntry entry;
    entry.kind = suppressionKindFromKey(query.value(0).toString()).value_or(SuppressionKind::Email);
    entry.value = query.value(1).toString();
    entry.reason = suppressionReasonFromKey(query.value(2).toString()).value_or(SuppressionReason::Block);
    entry.addedAt = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
    entry.addedBy = query.value(4).toString();
    return entry;
}

} // namespace

QString suppressionKindKey(SuppressionKind kind)
{
    switch (kind) {
    case SuppressionKind::Email:
        return QStringLiteral("email");
    case SuppressionKind::Domain:
        return QStringLiteral("domain");
    case SuppressionKind::Phone:
        return QStringLiteral("phone");
    case SuppressionKind::LinkedIn:
        return QStringLiteral("linkedin");
    }
    return {};
}

std::optional<SuppressionKind> suppressionKindFromKey(const QString& key)
{
    for (SuppressionKind kind : {SuppressionKind::Email, SuppressionKind::Domain, SuppressionKind::Phone,
                                 SuppressionKind::LinkedIn}) {
        if (suppressionKindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QString suppressionReasonKey(SuppressionReason reason)
{
    switch (reason) {
    case SuppressionReason::Block:
        return QStringLiteral("block");
    case SuppressionReason::Unsubscribe:
        return QStringLiteral("unsubscribe");
    case SuppressionReason::Bounce:
        return QStringLiteral("bounce");
    case SuppressionReason::Complaint:
        return QStringLiteral("complaint");
    }
    return {};
}

std::optional<SuppressionReason> suppressionReasonFromKey(const QString& key)
{
    for (SuppressionReason reason : {SuppressionReason::Block, SuppressionReason::Unsubscribe,
                                     SuppressionReason::Bounce, SuppressionReason::Complaint}) {
        if (suppressionReasonKey(reason) == key)
            return reason;
    }
    return std::nullopt;
}

SuppressionList::SuppressionList(Database& database, Clock clock)
    : m_database(database)
    , m_clock(std::move(clock))
{}

QString SuppressionList::normalise(SuppressionKind kind, const QString& value, const QString& defaultRegion)
{
    switch (kind) {
    case SuppressionKind::Email:
        // Syntax only: a block on an address at a reserved domain is harmless and may be deliberate.
        return looksLikeEmail(value) ? value.trimmed().toLower() : QString();
    case SuppressionKind::Domain:
        return normalisedDomain(value);
    case SuppressionKind::Phone: {
        auto e164 = PhoneNumbers::normaliseToE164(value, defaultRegion);
        return e164 ? e164.value() : QString();
    }
    case SuppressionKind::LinkedIn:
        return RecipientValidator::normalisedLinkedInProfile(value);
    }
    return {};
}

Result<bool, DatabaseError> SuppressionList::add(SuppressionKind kind, const QString& value,
                                                 SuppressionReason reason, const QString& addedBy)
{
    auto imported = importMany(kind, {value}, reason, addedBy);
    if (!imported)
        return failure(imported.error());
    if (!imported->invalid.isEmpty())
        return failure(DatabaseError{tr("“%1” is not a valid %2 for the suppression list.")
                                         .arg(value.trimmed(), suppressionKindKey(kind))});
    return imported->added == 1;
}

Result<bool, DatabaseError> SuppressionList::remove(SuppressionKind kind, const QString& value)
{
    const QString normalised = normalise(kind, value);
    if (normalised.isEmpty())
        return false;
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("DELETE FROM suppressions WHERE kind = ? AND value = ?"));
    query.addBindValue(suppressionKindKey(kind));
    query.addBindValue(normalised);
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the suppression entry"), query));
    return query.numRowsAffected() > 0;
}

Result<QList<SuppressionEntry>, DatabaseError> SuppressionList::list(std::optional<SuppressionKind> kind,
                                                                     int offset, int limit)
{
    QString sql = QStringLiteral("SELECT kind, value, reason, added_at_ms, added_by FROM suppressions");
    if (kind)
        sql += QStringLiteral(" WHERE kind = ?");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?");
    QSqlQuery query(m_database.connection());
    query.prepare(sql);
    if (kind)
        query.addBindValue(suppressionKindKey(*kind));
    query.addBindValue(std::max(1, limit));
    query.addBindValue(std::max(0, offset));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the suppression list"), query));
    QList<SuppressionEntry> entries;
    while (query.next())
        entries.append(readEntry(query));
    return entries;
}

Result<SuppressionImport, DatabaseError> SuppressionList::importMany(SuppressionKind kind,
                                                                     const QStringList& values,
                                                                     SuppressionReason reason,
                                                                     const QString& addedBy)
{
    SuppressionImport report;
    const qint64 now = m_clock().toMSecsSinceEpoch();
    Transaction transaction(m_database, Transaction::Lock::None);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO suppressions (kind, value, reason, added_at_ms, added_by)"
                                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, value) DO NOTHING"));
    for (const QString& value : values) {
        const QString normalised = normalise(kind, value);
        if (normalised.isEmpty()) {
            report.invalid.append(value.trimmed());
            continue;
        }
        query.addBindValue(suppressionKindKey(kind));
        query.addBindValue(normalised);
        query.addBindValue(suppressionReasonKey(reason));
        query.addBindValue(now);
        query.addBindValue(addedBy.isNull() ? QStringLiteral("") : addedBy);
        if (!query.exec())
            return failure(sqlError(QStringLiteral("the suppression entry"), query));
        if (query.numRowsAffected() > 0)
            ++report.added;
        else
            ++report.alreadyListed;
    }
    query.finish();
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    if (report.added > 0)
        (void)recordAudit(m_database, addedBy, QStringLiteral("suppression added"), suppressionKindKey(kind),
                          tr("%n value(s), %1", nullptr, report.added).arg(suppressionReasonKey(reason)));
    return report;
}

Result<std::optional<SuppressionEntry>, DatabaseError> SuppressionList::check(SuppressionKind kind,
                                                                              const QString& value)
{
    auto found = checkMany(kind, {value});
    if (!found)
        return failure(found.error());
    if (found->isEmpty())
        return std::optional<SuppressionEntry>();
    return std::optional<SuppressionEntry>(*found->cbegin());
}

Result<QHash<QString, SuppressionEntry>, DatabaseError> SuppressionList::checkMany(SuppressionKind kind,
                                                                                   const QStringList& values)
{
    QStringList normalised;
    QSet<QString> seen;
    for (const QString& value : values) {
        const QString one = normalise(kind, value);
        if (!one.isEmpty() && !seen.contains(one)) {
            seen.insert(one);
            normalised.append(one);
        }
    }
    QHash<QString, SuppressionEntry> found;
    for (qsizetype start = 0; start < normalised.size(); start += kValuesPerQuery) {
        const QStringList chunk = normalised.mid(start, kValuesPerQuery);
        QStringList marks;
        marks.fill(QStringLiteral("?"), chunk.size());
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("SELECT kind, value, reason, added_at_ms, added_by FROM suppressions"
                                     " WHERE kind = ? AND value IN (") +
                      marks.join(QStringLiteral(", ")) + u')');
        query.addBindValue(suppressionKindKey(kind));
        for (const QString& value : chunk)
            query.addBindValue(value);
        if (!query.exec())
            return failure(sqlError(QStringLiteral("the suppression list"), query));
        while (query.next()) {
            SuppressionEntry entry = readEntry(query);
            found.insert(entry.value, entry);
        }
    }
    return found;
}

} // namespace agency
