#include "resendjson.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace agency {

namespace {

// Limits from shared/providers/resend.md and the spec (SendEmailRequest).
constexpr int kMaxRecipients = 50;
constexpr int kMaxTagLength = 256;

IntegrationError decodeError(const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Resend;
    error.detail = detail;
    return error;
}

// Reads one JSON object field by field; the first field of the wrong type is remembered, so a caller
// reads everything and checks once. null counts as absent (Resend sends null for unset fields).
class Reader
{
public:
    Reader(QJsonObject object, QString where)
        : m_object(std::move(object))
        , m_where(std::move(where))
    {}

    QString text(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (!isAbsent(value) || required)
            fail(key, QStringLiteral("a string"));
        return {};
    }

    // A string or an array of strings (Resend accepts and returns both for addresses).
    QStringList textList(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return {value.toString()};
        if (value.isArray()) {
            QStringList list;
            for (const QJsonValue& item : value.toArray()) {
                if (!item.isString()) {
                    fail(key, QStringLiteral("an array of strings"));
                    return {};
                }
                list.append(item.toString());
            }
            return list;
        }
        if (!isAbsent(value) || required)
            fail(key, QStringLiteral("an array of strings"));
        return {};
    }

    bool flag(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (!isAbsent(value) || required)
            fail(key, QStringLiteral("true or false"));
        return false;
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

    const std::optional<QString>& problem() const { return m_problem; }

private:
    static bool isAbsent(const QJsonValue& value) { return value.isUndefined() || value.isNull(); }
    void fail(QStringView key, const QString& expected)
    {
        if (!m_problem)
            m_problem = QStringLiteral("%1.%2 is not %3").arg(m_where, key, expected);
    }

    QJsonObject m_object;
    QString m_where;
    std::optional<QString> m_problem;
};

QJsonValue addressValue(const QStringList& addresses)
{
    return addresses.size() == 1 ? QJsonValue(addresses.first())
                                 : QJsonValue(QJsonArray::fromStringList(addresses));
}

bool isTagText(const QString& text)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_-]+$"));
    return text.size() <= kMaxTagLength && allowed.match(text).hasMatch();
}

Result<ResendEmailRecord, IntegrationError> emailFrom(const QJsonValue& value, const QString& where)
{
    if (!value.isObject())
        return failure(decodeError(QStringLiteral("%1 is not an object").arg(where)));
    const QJsonObject object = value.toObject();
    Reader read(object, where);
    ResendEmailRecord email;
    email.id = read.text(u"id", true);
    email.messageId = read.text(u"message_id");
    email.from = read.text(u"from");
    email.to = read.textList(u"to");
    email.cc = read.textList(u"cc");
    email.bcc = read.textList(u"bcc");
    email.replyTo = read.textList(u"reply_to");
    email.subject = read.text(u"subject");
    email.html = read.text(u"html");
    email.text = read.text(u"text");
    email.createdAtText = read.text(u"created_at");
    email.lastEventText = read.text(u"last_event");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    if (email.id.isEmpty())
        return failure(decodeError(QStringLiteral("%1.id is empty").arg(where)));
    email.createdAt = ResendJson::parseTimestamp(email.createdAtText);
    email.lastEvent = ResendJson::eventFromName(email.lastEventText);
    email.raw = object;
    return email;
}

} // namespace

QString resendEventName(ResendEmailEvent event)
{
    switch (event) {
    case ResendEmailEvent::Unknown:
        return QStringLiteral("unknown");
    case ResendEmailEvent::Queued:
        return QStringLiteral("queued");
    case ResendEmailEvent::Scheduled:
        return QStringLiteral("scheduled");
    case ResendEmailEvent::Sent:
        return QStringLiteral("sent");
    case ResendEmailEvent::Delivered:
        return QStringLiteral("delivered");
    case ResendEmailEvent::DeliveryDelayed:
        return QStringLiteral("delivery_delayed");
    case ResendEmailEvent::Opened:
        return QStringLiteral("opened");
    case ResendEmailEvent::Clicked:
        return QStringLiteral("clicked");
    case ResendEmailEvent::Bounced:
        return QStringLiteral("bounced");
    case ResendEmailEvent::Complained:
        return QStringLiteral("complained");
    case ResendEmailEvent::Failed:
        return QStringLiteral("failed");
    case ResendEmailEvent::Canceled:
        return QStringLiteral("canceled");
    case ResendEmailEvent::Suppressed:
        return QStringLiteral("suppressed");
    }
    return QString();
}

ResendEmailEvent ResendJson::eventFromName(const QString& name)
{
    static const ResendEmailEvent known[] = {
        ResendEmailEvent::Queued,    ResendEmailEvent::Scheduled,       ResendEmailEvent::Sent,
        ResendEmailEvent::Delivered, ResendEmailEvent::DeliveryDelayed, ResendEmailEvent::Opened,
        ResendEmailEvent::Clicked,   ResendEmailEvent::Bounced,         ResendEmailEvent::Complained,
        ResendEmailEvent::Failed,    ResendEmailEvent::Canceled,        ResendEmailEvent::Suppressed,
    };
    for (const ResendEmailEvent event : known) {
        if (resendEventName(event) == name)
            return event;
    }
    // A value Resend added later stays readable through lastEventText rather than failing the read.
    return ResendEmailEvent::Unknown;
}

std::optional<QString> ResendJson::problemWith(const ResendEmail& email, bool inBatch)
{
    if (email.from.trimmed().isEmpty())
        return QStringLiteral("an email needs a from address");
    if (email.to.isEmpty())
        return QStringLiteral("an email needs at least one recipient");
    if (email.to.size() > kMaxRecipients)
        return QStringLiteral("an email can have at most %1 recipients (it has %2)")
            .arg(kMaxRecipients)
            .arg(email.to.size());
    if (email.subject.isEmpty())
        return QStringLiteral("an email needs a subject");
    if (email.html.isEmpty() && email.text.isEmpty())
        return QStringLiteral("an email needs an HTML or a text body");
    for (const ResendTag& tag : email.tags) {
        if (!isTagText(tag.name) || !isTagText(tag.value))
            return QStringLiteral("tag \"%1\": names and values may only hold ASCII letters, digits, '_' "
                                  "and '-' (at most 256)")
                .arg(tag.name);
    }
    if (inBatch && !email.scheduledAt.isEmpty())
        return QStringLiteral("a batch cannot schedule emails; send scheduled emails one by one");
    return std::nullopt;
}

QJsonObject ResendJson::emailObject(const ResendEmail& email)
{
    QJsonObject object{
        {QStringLiteral("from"), email.from},
        {QStringLiteral("to"), addressValue(email.to)},
        {QStringLiteral("subject"), email.subject},
    };
    if (!email.html.isEmpty())
        object.insert(QStringLiteral("html"), email.html);
    if (!email.text.isEmpty())
        object.insert(QStringLiteral("text"), email.text);
    if (!email.cc.isEmpty())
        object.insert(QStringLiteral("cc"), addressValue(email.cc));
    if (!email.bcc.isEmpty())
        object.insert(QStringLiteral("bcc"), addressValue(email.bcc));
    if (!email.replyTo.isEmpty())
        object.insert(QStringLiteral("reply_to"), addressValue(email.replyTo));
    if (!email.headers.isEmpty()) {
        QJsonObject headers;
        for (const auto& [name, value] : email.headers)
            headers.insert(name, value);
        object.insert(QStringLiteral("headers"), headers);
    }
    if (!email.tags.isEmpty()) {
        QJsonArray tags;
        for (const ResendTag& tag : email.tags)
            tags.append(
                QJsonObject{{QStringLiteral("name"), tag.name}, {QStringLiteral("value"), tag.value}});
        object.insert(QStringLiteral("tags"), tags);
    }
    if (!email.scheduledAt.isEmpty())
        object.insert(QStringLiteral("scheduled_at"), email.scheduledAt);
    return object;
}

Result<QString, IntegrationError> ResendJson::parseSendAnswer(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(decodeError(QStringLiteral("the send answer is not an object")));
    Reader read(document.object(), QStringLiteral("answer"));
    const QString id = read.text(u"id", true);
    if (read.problem())
        return failure(decodeError(*read.problem()));
    if (id.isEmpty())
        return failure(decodeError(QStringLiteral("answer.id is empty")));
    return id;
}

Result<ResendBatchResult, IntegrationError> ResendJson::parseBatchAnswer(const QJsonDocument& document,
                                                                         int sent)
{
    if (!document.isObject())
        return failure(decodeError(QStringLiteral("the batch answer is not an object")));
    Reader read(document.object(), QStringLiteral("answer"));
    const QJsonArray data = read.array(u"data", true);
    const QJsonArray errors = read.array(u"errors");
    if (read.problem())
        return failure(decodeError(*read.problem()));

    ResendBatchResult result;
    QList<QString> refused(sent);
    QList<bool> isRefused(sent, false);
    for (qsizetype i = 0; i < errors.size(); ++i) {
        const QString where = QStringLiteral("answer.errors[%1]").arg(i);
        if (!errors.at(i).isObject())
            return failure(decodeError(QStringLiteral("%1 is not an object").arg(where)));
        const QJsonObject error = errors.at(i).toObject();
        const QJsonValue index = error.value(u"index");
        const double position = index.toDouble(-1);
        if (!index.isDouble() || position != double(qint64(position)) || position < 0 || position >= sent)
            return failure(decodeError(QStringLiteral("%1.index is not a position in the batch").arg(where)));
        Reader fields(error, where);
        refused[int(position)] = fields.text(u"message");
        if (fields.problem())
            return failure(decodeError(*fields.problem()));
        isRefused[int(position)] = true;
    }
    // Resend lists the ids of the accepted emails in request order; the refused ones are named by index.
    const qsizetype refusedCount = std::count(isRefused.cbegin(), isRefused.cend(), true);
    if (data.size() + refusedCount != sent)
        return failure(decodeError(QStringLiteral("the batch answer has %1 ids and %2 errors for %3 emails")
                                       .arg(data.size())
                                       .arg(refusedCount)
                                       .arg(sent)));
    qsizetype next = 0;
    for (int i = 0; i < sent; ++i) {
        ResendBatchItem item;
        item.index = i;
        if (isRefused.at(i)) {
            item.error = refused.at(i);
        } else {
            const QString where = QStringLiteral("answer.data[%1]").arg(next);
            const QJsonValue entry = data.at(next++);
            if (!entry.isObject())
                return failure(decodeError(QStringLiteral("%1 is not an object").arg(where)));
            Reader fields(entry.toObject(), where);
            item.id = fields.text(u"id", true);
            if (fields.problem())
                return failure(decodeError(*fields.problem()));
            if (item.id.isEmpty())
                return failure(decodeError(QStringLiteral("%1.id is empty").arg(where)));
            ++result.acceptedCount;
        }
        result.items.append(item);
    }
    return result;
}

int ResendJson::acceptedInBatchAnswer(const QByteArray& body)
{
    return int(QJsonDocument::fromJson(body).object().value(u"data").toArray().size());
}

Result<ResendEmailRecord, IntegrationError> ResendJson::parseEmail(const QJsonDocument& document)
{
    return emailFrom(document.isObject() ? QJsonValue(document.object()) : QJsonValue(),
                     QStringLiteral("email"));
}

Result<ResendEmailPage, IntegrationError> ResendJson::parseEmailPage(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(decodeError(QStringLiteral("the email list is not an object")));
    Reader read(document.object(), QStringLiteral("list"));
    ResendEmailPage page;
    page.hasMore = read.flag(u"has_more");
    const QJsonArray data = read.array(u"data", true);
    if (read.problem())
        return failure(decodeError(*read.problem()));
    for (qsizetype i = 0; i < data.size(); ++i) {
        auto email = emailFrom(data.at(i), QStringLiteral("list.data[%1]").arg(i));
        if (!email)
            return failure(email.error());
        page.emails.append(std::move(email).value());
    }
    return page;
}

ProviderErrorInfo ResendJson::parseError(int status, const QByteArray& body)
{
    if (status < 400)
        return {}; // the core also asks about 2xx answers; Resend reports failures with a 4xx/5xx
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    ProviderErrorInfo info;
    info.message = object.value(u"message").toString();
    info.code = object.value(u"name").toString();
    if (info.message.isEmpty() && info.code.isEmpty())
        return info; // not Resend's shape (a proxy's page): the status decides
    using Kind = IntegrationError::Kind;
    static const QStringList keyErrors = {QStringLiteral("missing_api_key"),
                                          QStringLiteral("invalid_api_key"),
                                          QStringLiteral("restricted_api_key")};
    if (keyErrors.contains(info.code)) {
        info.kind = Kind::Auth;
    } else if (info.code == u"validation_error") {
        // A bad key is a validation_error "API key is invalid" (400 on reads, 401 on sends); the same
        // name with 403 means an unverified domain or a test-only account: the request, not the key.
        info.kind = info.message.contains(QStringLiteral("API key"), Qt::CaseInsensitive)
                        ? Kind::Auth
                        : Kind::InvalidRequest;
    } else if (info.code == u"daily_quota_exceeded" || info.code == u"monthly_quota_exceeded") {
        // A sending quota is not lifted by waiting seconds: not retried, the message says which.
        info.kind = Kind::InvalidRequest;
    } else if (status == 409 && info.code == u"concurrent_idempotent_requests") {
        // The first request with this key is still running: the same call may be tried again later.
        info.kind = Kind::RateLimited;
    }
    return info;
}

QDateTime ResendJson::parseTimestamp(const QString& text)
{
    // Resend's created_at is Postgres text: "2023-04-03 22:13:42.674981+00"; the fraction has up to
    // six digits and the offset may be "+00", "+0000" or "+00:00".
    static const QRegularExpression postgres(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?"
                       "(?:(Z)|([+-])(\\d{2})(?::?(\\d{2}))?)?$"));
    const QRegularExpressionMatch match = postgres.match(text.trimmed());
    if (!match.hasMatch())
        return {};
    QDateTime when = QDateTime::fromString(match.captured(1) + u'T' + match.captured(2), Qt::ISODate);
    if (!when.isValid())
        return {};
    const QString fraction = match.captured(3);
    const int millis = fraction.isEmpty() ? 0 : QString(fraction + QStringLiteral("00")).left(3).toInt();
    int offsetSeconds = 0;
    if (!match.captured(5).isEmpty()) {
        offsetSeconds = match.captured(6).toInt() * 3600 + match.captured(7).toInt() * 60;
        if (match.captured(5) == u"-")
            offsetSeconds = -offsetSeconds;
    }
    when.setTimeZone(QTimeZone(offsetSeconds));
    return when.addMSecs(millis).toUTC();
}

} // namespace agency
