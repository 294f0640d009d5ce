#include "campaignjournal.h"

#include "model/redaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace agency {

namespace {

const QString kItemColumns = QStringLiteral(
    "id, campaign_id, recipient_key, recipient_json, step, idempotency_key, state, attempts, provider_ref,"
    " error, retryable, cost_micros, cost_currency, updated_at_ms, sent_at_ms, delivery_status,"
    " delivery_final, delivery_checked_at_ms");

// Enough rows for one IN list on either driver, well below SQLite's bound-parameter limit.
constexpr int kKeysPerQuery = 500;

DatabaseError sqlError(const QString& what, const QSqlQuery& query)
{
    return DatabaseError{describeSqlError(what, query.lastError())};
}

QString compactJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parseJson(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QDateTime fromMs(const QVariant& value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString textOrEmpty(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

JournalItem readItem(const QSqlQuery& query)
{
    JournalItem item;
    item.id = query.value(0).toLongLong();
    item.campaignId = query.value(1).toLongLong();
    item.recipientKey = query.value(2).toString();
    item.recipient = parseJson(query.value(3).toString());
    item.step = query.value(4).toInt();
    item.idempotencyKey = query.value(5).toString();
    item.state = itemStateFromKey(query.value(6).toString()).value_or(ItemState::Unknown);
    item.attempts = query.value(7).toInt();
    item.providerRef = query.value(8).toString();
    item.error = query.value(9).toString();
    item.retryable = query.value(10).toInt() != 0;
    if (!query.value(11).isNull())
        item.cost = Money::fromMicros(query.value(11).toLongLong(), query.value(12).toString());
    item.updatedAt = fromMs(query.value(13));
    item.sentAt = fromMs(query.value(14));
    item.deliveryStatus = query.value(15).toString();
    item.deliveryFinal = query.value(16).toInt() != 0;
    item.deliveryCheckedAt = fromMs(query.value(17));
    return item;
}

Campaign readCampaign(const QSqlQuery& query)
{
    Campaign campaign;
    campaign.id = query.value(0).toLongLong();
    campaign.uid = query.value(1).toString();
    campaign.name = query.value(2).toString();
    campaign.channel = campaignChannelFromKey(query.value(3).toString()).value_or(CampaignChannel::Email);
    campaign.sender = parseJson(query.value(4).toString());
    campaign.messageTemplate = query.value(5).toString();
    campaign.createdAt = fromMs(query.value(6));
    campaign.createdBy = query.value(7).toString();
    campaign.state = campaignStateFromKey(query.value(8).toString()).value_or(CampaignState::Draft);
    return campaign;
}

// "?, ?, ?" for `count` placeholders.
QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QStringLiteral(", "));
}

} // namespace

QString campaignStateKey(CampaignState state)
{
    switch (state) {
    case CampaignState::Draft:
        return QStringLiteral("draft");
    case CampaignState::Running:
        return QStringLiteral("running");
    case CampaignState::Paused:
        return QStringLiteral("paused");
    case CampaignState::Completed:
        return QStringLiteral("completed");
    case CampaignState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<CampaignState> campaignStateFromKey(const QString& key)
{
    for (CampaignState state : {CampaignState::Draft, CampaignState::Running, CampaignState::Paused,
                                CampaignState::Completed, CampaignState::Cancelled}) {
        if (campaignStateKey(state) == key)
            return state;
    }
    return std::nullopt;
}

QString itemStateKey(ItemState state)
{
    switch (state) {
    case ItemState::Pending:
        return QStringLiteral("pending");
    case ItemState::Sending:
        return QStringLiteral("sending");
    case ItemState::Sent:
        return QStringLiteral("sent");
    case ItemState::Failed:
        return QStringLiteral("failed");
    case ItemState::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

std::optional<ItemState> itemStateFromKey(const QString& key)
{
    for (ItemState state :
         {ItemState::Pending, ItemState::Sending, ItemState::Sent, ItemState::Failed, ItemState::Unknown}) {
        if (itemStateKey(state) == key)
            return state;
    }
    return std::nullopt;
}

CampaignJournal::CampaignJournal(Database& database, Clock clock)
    : m_database(database)
    , m_clock(std::move(clock))
{}

QString CampaignJournal::idempotencyKey(const QString& campaignUid, const QString& recipientKey, int step)
{
    // A unit separator between the parts, so ("a", "bc") and ("ab", "c") never collide.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("agency-campaign-item-v1"));
    for (const QString& part : {campaignUid, recipientKey, QString::number(step)}) {
        hash.addData(QByteArrayView("\x1f"));
        hash.addData(part.toUtf8());
    }
    // 48 hex digits: well inside every provider's limit (Resend: 256), and 192 bits of hash.
    return QStringLiteral("agency-") + QString::fromLatin1(hash.result().toHex().left(48));
}

Result<Campaign, DatabaseError> CampaignJournal::createCampaign(const NewCampaign& campaign,
                                                                const QString& uid)
{
    if (campaign.name.trimmed().isEmpty())
        return failure(DatabaseError{tr("A campaign needs a name.")});
    Campaign made;
    made.uid = uid.trimmed().isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : uid.trimmed();
    made.name = campaign.name.trimmed();
    made.channel = campaign.channel;
    made.sender = campaign.sender;
    made.messageTemplate = campaign.messageTemplate;
    made.createdAt = m_clock().toUTC();
    made.createdBy = campaign.createdBy;
    made.state = CampaignState::Draft;
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO campaigns (uid, name, channel, sender_json, template,"
                                 " created_at_ms, created_by, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                 " RETURNING id"));
    query.addBindValue(made.uid);
    query.addBindValue(made.name);
    query.addBindValue(campaignChannelKey(made.channel));
    query.addBindValue(compactJson(made.sender));
    query.addBindValue(textOrEmpty(made.messageTemplate));
    query.addBindValue(made.createdAt.toMSecsSinceEpoch());
    query.addBindValue(textOrEmpty(made.createdBy));
    query.addBindValue(campaignStateKey(made.state));
    if (!query.exec() || !query.next())
        return failure(sqlError(QStringLiteral("the new campaign"), query));
    made.id = query.value(0).toLongLong();
    query.finish();
    (void)recordAudit(m_database, made.createdBy, QStringLiteral("campaign created"), made.name,
                      campaignChannelKey(made.channel));
    return made;
}

Result<Campaign, DatabaseError> CampaignJournal::campaign(CampaignId id)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT id, uid, name, channel, sender_json, template, created_at_ms,"
                                 " created_by, state FROM campaigns WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaign"), query));
    if (!query.next())
        return failure(DatabaseError{tr("There is no campaign %1 in the journal.").arg(id)});
    return readCampaign(query);
}

Result<Done, DatabaseError> CampaignJournal::setCampaignState(CampaignId id, CampaignState state)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE campaigns SET state = ? WHERE id = ?"));
    query.addBindValue(campaignStateKey(state));
    query.addBindValue(id);
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaign's state"), query));
    if (query.numRowsAffected() != 1)
        return failure(DatabaseError{tr("There is no campaign %1 in the journal.").arg(id)});
    return Done{};
}

Result<std::optional<Campaign>, DatabaseError> CampaignJournal::campaignByUid(const QString& uid)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT id, uid, name, channel, sender_json, template, created_at_ms,"
                                 " created_by, state FROM campaigns WHERE uid = ?"));
    query.addBindValue(uid);
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaign"), query));
    if (!query.next())
        return std::optional<Campaign>();
    return std::optional<Campaign>(readCampaign(query));
}

Result<QList<Campaign>, DatabaseError> CampaignJournal::campaigns()
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT id, uid, name, channel, sender_json, template, created_at_ms,"
                                 " created_by, state FROM campaigns ORDER BY id DESC"));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaigns"), query));
    QList<Campaign> all;
    while (query.next())
        all.append(readCampaign(query));
    return all;
}

Result<int, DatabaseError> CampaignJournal::addItems(CampaignId id, const QList<NewItem>& items)
{
    auto owner = campaign(id);
    if (!owner)
        return failure(owner.error());
    for (const NewItem& item : items) {
        if (item.recipientKey.trimmed().isEmpty())
            return failure(DatabaseError{tr("A journal item needs a recipient key.")});
    }
    const qint64 now = m_clock().toMSecsSinceEpoch();
    Transaction transaction(m_database, Transaction::Lock::None);
    if (transaction.beginError())
        return failure(*transaction.beginError());
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("INSERT INTO campaign_items (campaign_id, recipient_key, recipient_json, step,"
                       " idempotency_key, state, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (idempotency_key) DO NOTHING"));
    int added = 0;
    const QString pending = itemStateKey(ItemState::Pending);
    for (const NewItem& item : items) {
        query.addBindValue(id);
        query.addBindValue(item.recipientKey);
        query.addBindValue(compactJson(item.recipient));
        query.addBindValue(item.step);
        query.addBindValue(idempotencyKey(owner->uid, item.recipientKey, item.step));
        query.addBindValue(pending);
        query.addBindValue(now);
        if (!query.exec())
            return failure(sqlError(QStringLiteral("the campaign's items"), query));
        added += query.numRowsAffected() > 0 ? 1 : 0;
    }
    query.finish();
    auto committed = transaction.commit();
    if (!committed)
        return failure(committed.error());
    return added;
}

Result<Done, DatabaseError> CampaignJournal::transition(ItemId item, const QList<ItemState>& from,
                                                        ItemState to, const QString& assignments,
                                                        const QVariantList& values)
{
    // One conditional statement: the state it leaves is part of the WHERE, so of two consoles racing
    // for one item exactly one changes a row; PostgreSQL re-checks the WHERE after the row lock.
    QStringList fromKeys;
    for (ItemState state : from)
        fromKeys.append(itemStateKey(state));
    QString sql = QStringLiteral("UPDATE campaign_items SET state = ?, updated_at_ms = ?");
    if (!assignments.isEmpty())
        sql += QStringLiteral(", ") + assignments;
    sql += QStringLiteral(" WHERE id = ? AND state IN (") + placeholders(from.size()) + u')';
    QSqlQuery& query = statement(sql);
    query.addBindValue(itemStateKey(to));
    query.addBindValue(m_clock().toMSecsSinceEpoch());
    for (const QVariant& value : values)
        query.addBindValue(value);
    query.addBindValue(item);
    for (const QString& key : fromKeys)
        query.addBindValue(key);
    if (!query.exec()) {
        auto error = sqlError(QStringLiteral("the journal item"), query);
        query.finish();
        return failure(error);
    }
    const int changed = query.numRowsAffected();
    query.finish();
    if (changed != 1)
        return failure(DatabaseError{refusal(item, to)});
    return Done{};
}

QSqlQuery& CampaignJournal::statement(const QString& sql)
{
    if (const auto kept = m_statements.value(sql))
        return *kept;
    auto made = std::make_shared<QSqlQuery>(m_database.connection());
    // Kept only once prepared: one the server refused (PostgreSQL away) is prepared again next time,
    // and this one lives until then so its caller can read the error.
    m_lastPrepared = made;
    if (made->prepare(sql))
        m_statements.insert(sql, made);
    return *made;
}

QString CampaignJournal::refusal(ItemId item, ItemState to)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT state FROM campaign_items WHERE id = ?"));
    query.addBindValue(item);
    if (!query.exec() || !query.next())
        return tr("There is no journal item %1.").arg(item);
    return tr("Journal item %1 is %2; it cannot become %3.")
        .arg(QString::number(item), query.value(0).toString(), itemStateKey(to));
}

Result<QString, DatabaseError> CampaignJournal::beginSend(ItemId item, const QString& requestRef)
{
    auto moved = transition(item, {ItemState::Pending}, ItemState::Sending,
                            QStringLiteral("attempts = attempts + 1, error = ?, provider_ref = ?"),
                            {QStringLiteral(""), textOrEmpty(requestRef)});
    if (!moved)
        return failure(moved.error());
    QSqlQuery& query = statement(QStringLiteral("SELECT idempotency_key FROM campaign_items WHERE id = ?"));
    query.addBindValue(item);
    if (!query.exec() || !query.next()) {
        auto error = sqlError(QStringLiteral("the journal item"), query);
        query.finish();
        return failure(error);
    }
    const QString key = query.value(0).toString();
    query.finish(); // no cursor left open across the caller's COMMIT
    return key;
}

Result<Done, DatabaseError> CampaignJournal::markSent(ItemId item, const QString& providerRef,
                                                      const Money& cost)
{
    const QVariant micros =
        cost.isValid() ? QVariant(cost.micros()) : QVariant(QMetaType::fromType<qint64>());
    const QVariant currency =
        cost.isValid() ? QVariant(cost.currency()) : QVariant(QMetaType::fromType<QString>());
    return transition(
        item, {ItemState::Sending, ItemState::Unknown}, ItemState::Sent,
        QStringLiteral("provider_ref = ?, cost_micros = ?, cost_currency = ?, sent_at_ms = ?,"
                       " error = ?"),
        {textOrEmpty(providerRef), micros, currency, m_clock().toMSecsSinceEpoch(), QStringLiteral("")});
}

Result<Done, DatabaseError> CampaignJournal::markFailed(ItemId item, const QString& error, bool retryable)
{
    return transition(item, {ItemState::Sending, ItemState::Unknown}, ItemState::Failed,
                      QStringLiteral("error = ?, retryable = ?"),
                      {Redactor::redact(textOrEmpty(error)), retryable ? 1 : 0});
}

Result<Done, DatabaseError> CampaignJournal::markUnknown(ItemId item, const QString& why)
{
    return transition(item, {ItemState::Sending}, ItemState::Unknown, QStringLiteral("error = ?"),
                      {Redactor::redact(textOrEmpty(why))});
}

Result<Done, DatabaseError> CampaignJournal::recordDelivery(ItemId item, const QString& status, bool final)
{
    // Not a state transition: the item stays sent. The WHERE keeps a final status final, so two
    // follow-ups racing (or one reading a stale answer) cannot turn "delivered" back into "sent".
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("UPDATE campaign_items SET delivery_status = ?, delivery_final = ?,"
                       " delivery_checked_at_ms = ? WHERE id = ? AND state = ? AND delivery_final = 0"));
    query.addBindValue(textOrEmpty(status));
    query.addBindValue(final ? 1 : 0);
    query.addBindValue(m_clock().toMSecsSinceEpoch());
    query.addBindValue(item);
    query.addBindValue(itemStateKey(ItemState::Sent));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the item's delivery status"), query));
    if (query.numRowsAffected() == 1)
        return Done{};
    query.finish();
    auto current = this->item(item);
    if (!current)
        return failure(current.error());
    if (current->state != ItemState::Sent)
        return failure(DatabaseError{tr("Journal item %1 is %2; only a sent item has a delivery status.")
                                         .arg(QString::number(item), itemStateKey(current->state))});
    return failure(DatabaseError{tr("Journal item %1's delivery status “%2” is final already.")
                                     .arg(QString::number(item), current->deliveryStatus)});
}

Result<Done, DatabaseError> CampaignJournal::restateUnknown(ItemId item, const QString& why)
{
    return transition(item, {ItemState::Unknown}, ItemState::Unknown, QStringLiteral("error = ?"),
                      {Redactor::redact(textOrEmpty(why))});
}

Result<Done, DatabaseError> CampaignJournal::refuse(ItemId item, const QString& why)
{
    return transition(item, {ItemState::Pending}, ItemState::Failed,
                      QStringLiteral("error = ?, retryable = ?"), {Redactor::redact(textOrEmpty(why)), 0});
}

Result<Done, DatabaseError> CampaignJournal::releaseUnsent(ItemId item, const QString& why)
{
    return transition(item, {ItemState::Sending}, ItemState::Pending,
                      QStringLiteral("attempts = attempts - 1, error = ?"),
                      {Redactor::redact(textOrEmpty(why))});
}

Result<QList<JournalItem>, DatabaseError> CampaignJournal::itemsToReconcile(CampaignId id)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + kItemColumns +
                  QStringLiteral(" FROM campaign_items WHERE campaign_id = ? AND state = ? ORDER BY id"));
    query.addBindValue(id);
    query.addBindValue(itemStateKey(ItemState::Sending));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the items to reconcile"), query));
    QList<JournalItem> list;
    while (query.next())
        list.append(readItem(query));
    return list;
}

Result<int, DatabaseError> CampaignJournal::resetFailed(CampaignId id, bool retryableOnly)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE campaign_items SET state = ?, updated_at_ms = ?"
                                 " WHERE campaign_id = ? AND state = ?") +
                  (retryableOnly ? QStringLiteral(" AND retryable = 1") : QString()));
    query.addBindValue(itemStateKey(ItemState::Pending));
    query.addBindValue(m_clock().toMSecsSinceEpoch());
    query.addBindValue(id);
    query.addBindValue(itemStateKey(ItemState::Failed));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the failed items"), query));
    return query.numRowsAffected();
}

Result<QList<Money>, DatabaseError> CampaignJournal::costSoFar(CampaignId id)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT cost_currency, SUM(cost_micros) FROM campaign_items"
                                 " WHERE campaign_id = ? AND state = ? AND cost_micros IS NOT NULL"
                                 " GROUP BY cost_currency ORDER BY cost_currency"));
    query.addBindValue(id);
    query.addBindValue(itemStateKey(ItemState::Sent));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaign's cost"), query));
    QList<Money> costs;
    while (query.next())
        costs.append(Money::fromMicros(query.value(1).toLongLong(), query.value(0).toString()));
    return costs;
}

Result<int, DatabaseError> CampaignJournal::sentBySenderSince(CampaignChannel channel,
                                                              const QString& senderField,
                                                              const QString& senderKey,
                                                              const QDateTime& since)
{
    // The sender lives in each campaign's JSON: the campaigns are few, so they are matched here
    // rather than with each driver's own JSON operators.
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT id, sender_json FROM campaigns WHERE channel = ?"));
    query.addBindValue(campaignChannelKey(channel));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaigns"), query));
    QVariantList ids;
    while (query.next()) {
        if (parseJson(query.value(1).toString()).value(senderField).toString().trimmed().toLower() ==
            senderKey.trimmed().toLower())
            ids.append(query.value(0).toLongLong());
    }
    query.finish();
    int sent = 0;
    for (qsizetype start = 0; start < ids.size(); start += kKeysPerQuery) {
        const QVariantList chunk = ids.mid(start, kKeysPerQuery);
        QSqlQuery count(m_database.connection());
        count.prepare(QStringLiteral("SELECT COUNT(*) FROM campaign_items WHERE state = ? AND sent_at_ms >= ?"
                                     " AND campaign_id IN (") +
                      placeholders(chunk.size()) + u')');
        count.addBindValue(itemStateKey(ItemState::Sent));
        count.addBindValue(since.toMSecsSinceEpoch());
        for (const QVariant& value : chunk)
            count.addBindValue(value);
        if (!count.exec() || !count.next())
            return failure(sqlError(QStringLiteral("the sender's sends"), count));
        sent += count.value(0).toInt();
    }
    return sent;
}

Result<JournalCounts, DatabaseError> CampaignJournal::counts(CampaignId id)
{
    QSqlQuery query(m_database.connection());
    query.prepare(
        QStringLiteral("SELECT state, COUNT(*) FROM campaign_items WHERE campaign_id = ? GROUP BY state"));
    query.addBindValue(id);
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaign's counts"), query));
    JournalCounts counts;
    while (query.next()) {
        const int count = query.value(1).toInt();
        switch (itemStateFromKey(query.value(0).toString()).value_or(ItemState::Unknown)) {
        case ItemState::Pending:
            counts.pending += count;
            break;
        case ItemState::Sending:
            counts.sending += count;
            break;
        case ItemState::Sent:
            counts.sent += count;
            break;
        case ItemState::Failed:
            counts.failed += count;
            break;
        case ItemState::Unknown:
            counts.unknown += count;
            break;
        }
    }
    return counts;
}

Result<QList<JournalItem>, DatabaseError> CampaignJournal::items(CampaignId id, const ItemPage& page)
{
    QString sql = QStringLiteral("SELECT ") + kItemColumns +
                  QStringLiteral(" FROM campaign_items WHERE campaign_id = ? AND id > ?");
    if (page.state)
        sql += QStringLiteral(" AND state = ?");
    sql += QStringLiteral(" ORDER BY id LIMIT ?");
    QSqlQuery query(m_database.connection());
    query.prepare(sql);
    query.addBindValue(id);
    query.addBindValue(page.afterId);
    if (page.state)
        query.addBindValue(itemStateKey(*page.state));
    query.addBindValue(std::max(1, page.limit));
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the campaign's items"), query));
    QList<JournalItem> list;
    while (query.next())
        list.append(readItem(query));
    return list;
}

Result<JournalItem, DatabaseError> CampaignJournal::item(ItemId item)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT ") + kItemColumns +
                  QStringLiteral(" FROM campaign_items WHERE id = ?"));
    query.addBindValue(item);
    if (!query.exec())
        return failure(sqlError(QStringLiteral("the journal item"), query));
    if (!query.next())
        return failure(DatabaseError{tr("There is no journal item %1.").arg(item)});
    return readItem(query);
}

Result<QSet<QString>, DatabaseError> CampaignJournal::contactedSince(CampaignChannel channel,
                                                                     const QStringList& recipientKeys,
                                                                     const QDateTime& since)
{
    // An item in `sending` or `unknown` may have reached the recipient: it counts as contact, so a
    // doubtful send is never followed by a second message.
    QSet<QString> contacted;
    for (qsizetype start = 0; start < recipientKeys.size(); start += kKeysPerQuery) {
        const QStringList chunk = recipientKeys.mid(start, kKeysPerQuery);
        QSqlQuery query(m_database.connection());
        query.prepare(QStringLiteral("SELECT DISTINCT i.recipient_key FROM campaign_items i"
                                     " JOIN campaigns c ON c.id = i.campaign_id"
                                     " WHERE c.channel = ? AND i.state IN (?, ?, ?)"
                                     " AND COALESCE(i.sent_at_ms, i.updated_at_ms) >= ?"
                                     " AND i.recipient_key IN (") +
                      placeholders(chunk.size()) + u')');
        query.addBindValue(campaignChannelKey(channel));
        query.addBindValue(itemStateKey(ItemState::Sent));
        query.addBindValue(itemStateKey(ItemState::Sending));
        query.addBindValue(itemStateKey(ItemState::Unknown));
        query.addBindValue(since.toMSecsSinceEpoch());
        for (const QString& key : chunk)
            query.addBindValue(key);
        if (!query.exec())
            return failure(sqlError(QStringLiteral("the recent contacts"), query));
        while (query.next())
            contacted.insert(query.value(0).toString());
    }
    return contacted;
}

} // namespace agency
