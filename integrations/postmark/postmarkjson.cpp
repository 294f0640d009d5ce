#include "postmarkjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace agency {

namespace {

// Postmark's ErrorCodes with a meaning beyond the HTTP status (shared/providers/postmark.md §4).
constexpr int kBadOrMissingToken = 10;
constexpr int kMaintenance = 100;
constexpr int kRateLimitExceeded = 429;

IntegrationError decodeError(const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Postmark;
    error.detail = detail;
    return error;
}

// Reads one JSON object field by field and remembers the first field of the wrong type; null counts
// as absent. Numbers may come as strings (the Node SDK types TotalCount as one): both are read.
class Reader
{
public:
    Reader(QJsonObject object, QString where)
        : m_object(std::move(object))
        , m_where(std::move(where))
    {}

    const QString& where() const { return m_where; }
    QJsonValue value(QStringView key) const { return m_object.value(key); }

    QString text(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (!isAbsent(value) || required)
            fail(key, QStringLiteral("a string"));
        return {};
    }

    qint64 integer(QStringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (std::isfinite(number) && number == std::floor(number) && std::abs(number) < 9.0e15)
                return qint64(number);
        } else if (value.isString()) {
            bool ok = false;
            const qint64 number = value.toString().trimmed().toLongLong(&ok);
            if (ok)
                return number;
        } else if (isAbsent(value) && !required) {
            return 0;
        }
        fail(key, QStringLiteral("a whole number"));
        return 0;
    }

    bool flag(QStringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (!isAbsent(value))
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

    // An object member: its reader, or an empty one (and a problem) when it is something else.
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

PostmarkAddress addressFrom(const QJsonObject& object, const QString& where, Reader& parent)
{
    Reader read(object, where);
    PostmarkAddress address{read.text(u"Email"), read.text(u"Name"), read.text(u"MailboxHash")};
    parent.adopt(read.problem());
    return address;
}

QList<PostmarkAddress> addressList(Reader& read, QStringView key)
{
    QList<PostmarkAddress> list;
    const QJsonArray entries = read.array(key);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("%1.%2[%3]").arg(read.where(), key).arg(i);
        if (!entries.at(i).isObject()) {
            read.adopt(QStringLiteral("%1 is not an object").arg(where));
            return {};
        }
        list.append(addressFrom(entries.at(i).toObject(), where, read));
    }
    return list;
}

QList<PostmarkHeader> headerList(Reader& read)
{
    QList<PostmarkHeader> list;
    const QJsonArray entries = read.array(u"Headers");
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("%1.Headers[%2]").arg(read.where()).arg(i);
        if (!entries.at(i).isObject()) {
            read.adopt(QStringLiteral("%1 is not an object").arg(where));
            return {};
        }
        Reader header(entries.at(i).toObject(), where);
        list.append({header.text(u"Name"), header.text(u"Value")});
        read.adopt(header.problem());
    }
    return list;
}

QList<PostmarkAttachment> attachmentList(Reader& read)
{
    QList<PostmarkAttachment> list;
    const QJsonArray entries = read.array(u"Attachments");
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString where = QStringLiteral("%1.Attachments[%2]").arg(read.where()).arg(i);
        if (!entries.at(i).isObject()) {
            read.adopt(QStringLiteral("%1 is not an object").arg(where));
            return {};
        }
        Reader fields(entries.at(i).toObject(), where);
        PostmarkAttachment attachment;
        attachment.name = fields.text(u"Name");
        attachment.contentType = fields.text(u"ContentType");
        attachment.contentId = fields.text(u"ContentID");
        attachment.contentLength = fields.integer(u"ContentLength");
        const QString content = fields.text(u"Content");
        if (!content.isEmpty()) {
            auto decoded =
                QByteArray::fromBase64Encoding(content.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                fields.fail(u"Content", QStringLiteral("base64"));
            else
                attachment.content = std::move(*decoded);
        }
        read.adopt(fields.problem());
        list.append(std::move(attachment));
    }
    return list;
}

// The fields the search results, the details and the webhook share; `webhook` reads RawEmail and no
// Status.
Result<InboundMessage, IntegrationError> messageFrom(const QJsonValue& value, const QString& where,
                                                     bool webhook)
{
    if (!value.isObject())
        return failure(decodeError(QStringLiteral("%1 is not an object").arg(where)));
    const QJsonObject object = value.toObject();
    Reader read(object, where);
    InboundMessage message;
    message.messageId = read.text(u"MessageID", true);
    message.messageStream = read.text(u"MessageStream");
    if (!webhook) {
        message.statusText = read.text(u"Status");
        message.status = PostmarkJson::statusFromName(message.statusText);
    }
    message.from.email = read.text(u"From");
    message.from.name = read.text(u"FromName");
    if (const auto full = read.object(u"FromFull")) {
        const PostmarkAddress address = addressFrom(*full, where + QStringLiteral(".FromFull"), read);
        if (!address.email.isEmpty())
            message.from.email = address.email;
        if (!address.name.isEmpty())
            message.from.name = address.name;
        message.from.mailboxHash = address.mailboxHash;
    }
    message.toText = read.text(u"To");
    message.to = addressList(read, u"ToFull");
    message.cc = addressList(read, u"CcFull");
    message.bcc = addressList(read, u"BccFull");
    message.replyTo = read.text(u"ReplyTo");
    message.originalRecipient = read.text(u"OriginalRecipient");
    message.subject = read.text(u"Subject");
    message.mailboxHash = read.text(u"MailboxHash");
    message.tag = read.text(u"Tag");
    message.dateText = read.text(u"Date");
    message.textBody = read.text(u"TextBody");
    message.htmlBody = read.text(u"HtmlBody");
    message.strippedTextReply = read.text(u"StrippedTextReply");
    message.blockedReason = read.text(u"BlockedReason");
    message.headers = headerList(read);
    message.attachments = attachmentList(read);
    if (webhook)
        message.rawEmail = read.text(u"RawEmail").toUtf8();
    if (read.problem())
        return failure(decodeError(*read.problem()));
    if (message.messageId.isEmpty())
        return failure(decodeError(QStringLiteral("%1.MessageID is empty").arg(where)));
    message.date = PostmarkJson::parseMailDate(message.dateText);
    message.raw = object;
    return message;
}

} // namespace

InboundStatus PostmarkJson::statusFromName(const QString& name)
{
    for (const InboundStatus status :
         {InboundStatus::Blocked, InboundStatus::Processed, InboundStatus::Queued, InboundStatus::Failed,
          InboundStatus::Scheduled, InboundStatus::Sent}) {
        if (name.compare(inboundStatusName(status), Qt::CaseInsensitive) == 0)
            return status;
    }
    return InboundStatus::Unknown;
}

QDateTime PostmarkJson::parseMailDate(const QString& text)
{
    QString trimmed = text.trimmed();
    // A trailing comment such as "(UTC)" or "(CEST)" is allowed by RFC 2822 but not by Qt's parser.
    static const QRegularExpression comment(QStringLiteral("\\s*\\([^)]*\\)\\s*$"));
    trimmed.remove(comment);
    // Some servers write the offset with a colon ("-04:00", as in Postmark's own example).
    static const QRegularExpression colonOffset(QStringLiteral("([+-]\\d{2}):(\\d{2})$"));
    trimmed.replace(colonOffset, QStringLiteral("\\1\\2"));
    QDateTime when = QDateTime::fromString(trimmed, Qt::RFC2822Date);
    if (!when.isValid())
        when = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    return when.isValid() ? when.toUTC() : QDateTime();
}

Result<PostmarkInboundPage, IntegrationError> PostmarkJson::parseInboundPage(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(decodeError(QStringLiteral("the inbound search answer is not an object")));
    Reader read(document.object(), QStringLiteral("search"));
    PostmarkInboundPage page;
    page.totalCount = read.integer(u"TotalCount", true);
    const QJsonArray messages = read.array(u"InboundMessages", true);
    if (read.problem())
        return failure(decodeError(*read.problem()));
    for (qsizetype i = 0; i < messages.size(); ++i) {
        auto message =
            messageFrom(messages.at(i), QStringLiteral("search.InboundMessages[%1]").arg(i), false);
        if (!message)
            return failure(message.error());
        page.messages.append(std::move(message).value());
    }
    return page;
}

Result<InboundMessage, IntegrationError> PostmarkJson::parseMessage(const QJsonDocument& document)
{
    return messageFrom(document.isObject() ? QJsonValue(document.object()) : QJsonValue(),
                       QStringLiteral("message"), false);
}

Result<InboundMessage, IntegrationError> PostmarkJson::parseWebhook(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(decodeError(QStringLiteral("the inbound webhook is not JSON (at byte %1: %2)")
                                       .arg(parseError.offset)
                                       .arg(parseError.errorString())));
    return messageFrom(document.isObject() ? QJsonValue(document.object()) : QJsonValue(),
                       QStringLiteral("webhook"), true);
}

Result<PostmarkServer, IntegrationError> PostmarkJson::parseServer(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(decodeError(QStringLiteral("the server answer is not an object")));
    // ApiTokens is deliberately never read: the tokens must not travel further than this answer.
    Reader read(document.object(), QStringLiteral("server"));
    PostmarkServer server;
    server.id = read.integer(u"ID", true);
    server.name = read.text(u"Name");
    server.inboundAddress = read.text(u"InboundAddress");
    server.inboundDomain = read.text(u"InboundDomain");
    server.inboundHookUrl = read.text(u"InboundHookUrl");
    server.inboundSpamThreshold = int(read.integer(u"InboundSpamThreshold"));
    server.rawEmailEnabled = read.flag(u"RawEmailEnabled");
    server.smtpApiActivated = read.flag(u"SmtpApiActivated");
    server.serverLink = read.text(u"ServerLink");
    if (read.problem())
        return failure(decodeError(*read.problem()));
    return server;
}

ProviderErrorInfo PostmarkJson::parseError(int status, const QByteArray& body)
{
    if (status < 400)
        return {}; // the core also asks about 2xx answers; Postmark reports failures with a 4xx/5xx
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    ProviderErrorInfo info;
    const QJsonValue code = object.value(u"ErrorCode");
    info.message = object.value(u"Message").toString();
    if (!code.isDouble())
        return info; // a plain-text 5xx page: the status decides
    const int errorCode = code.toInt();
    info.code = QString::number(errorCode);
    if (errorCode == kBadOrMissingToken)
        info.kind = IntegrationError::Kind::Auth;
    else if (errorCode == kRateLimitExceeded)
        info.kind = IntegrationError::Kind::RateLimited;
    else if (errorCode == kMaintenance)
        info.kind = IntegrationError::Kind::Server;
    return info;
}

} // namespace agency
