// Postmark (shared/providers/postmark.md, contracts/specs/postmark.json): X-Postmark-Server-Token,
// GET /server as the credential check, errors as {"ErrorCode","Message"} (10 = bad or missing token).
// The Messages API's inbound side: GET /messages/inbound (count and offset required, filters) and
// GET /messages/inbound/{id}/details, over a fixed, seeded mailbox of kInboundMessages replies.

#include "providerspec.h"
#include "routekit.h"

#include <QDate>

#include <optional>

namespace agency::sim {

namespace {

SimResponse postmarkError(int status, int code, const QString& message)
{
    return SimResponse::json(
        status, QJsonObject{{QStringLiteral("ErrorCode"), code}, {QStringLiteral("Message"), message}});
}

SimResponse server(const SimData& data)
{
    const QString hash = data.hex(u"postmark:inbound-hash", 32);
    const qint64 id = data.range(u"postmark:server-id", 1000000, 9999999);
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("ID"), id},
            {QStringLiteral("Name"),
             QString(data.companyName(u"postmark:server") + QStringLiteral(" Replies"))},
            // The real answer lists the server's tokens; a seeded stand-in, never the one sent.
            {QStringLiteral("ApiTokens"), QJsonArray{data.uuid(u"postmark:token")}},
            {QStringLiteral("ServerLink"),
             QStringLiteral("https://account.postmarkapp.com/servers/%1/streams").arg(id)},
            {QStringLiteral("Color"),
             data.pick(u"postmark:color",
                       {QStringLiteral("blue"), QStringLiteral("green"), QStringLiteral("purple")})},
            {QStringLiteral("InboundAddress"), QString(hash + QStringLiteral("@inbound.postmarkapp.com"))},
            {QStringLiteral("InboundHash"), hash},
            {QStringLiteral("InboundDomain"), QString()},
            {QStringLiteral("InboundHookUrl"),
             QStringLiteral("https://hooks.agency.example/postmark/inbound")},
            {QStringLiteral("InboundSpamThreshold"), 5},
            {QStringLiteral("RawEmailEnabled"), false},
            {QStringLiteral("SmtpApiActivated"), true},
            {QStringLiteral("TrackOpens"), false},
            {QStringLiteral("TrackLinks"), QStringLiteral("None")},
            {QStringLiteral("BounceHookUrl"), QString()},
            {QStringLiteral("OpenHookUrl"), QString()},
            {QStringLiteral("ClickHookUrl"), QString()},
            {QStringLiteral("DeliveryHookUrl"), QString()},
            {QStringLiteral("PostFirstOpenOnly"), false},
        });
}

constexpr int kInboundMessages = 23;
constexpr int kMaxCount = 500;
// unverified: Postmark's ErrorCodes for a bad search parameter and an unknown message id are not in
// the md; 422 with {"ErrorCode","Message"} is what the spec declares for API-level errors.
constexpr int kInvalidParameterCode = 300;
constexpr int kMessageNotFoundCode = 701;

const QStringList& mailboxHashes()
{
    static const QStringList hashes = {QStringLiteral("c7-lead42"), QStringLiteral("c7-lead43"),
                                       QStringLiteral("c9-lead7"), QString()};
    return hashes;
}

QJsonObject address(const QString& email, const QString& name, const QString& hash)
{
    return QJsonObject{{QStringLiteral("Email"), email},
                       {QStringLiteral("Name"), name},
                       {QStringLiteral("MailboxHash"), hash}};
}

// One received reply, newest first by index. `details` adds the bodies, headers and attachment content.
QJsonObject inboundMessage(const SimData& data, int index, bool details)
{
    static const QStringList statuses = {QStringLiteral("processed"), QStringLiteral("processed"),
                                         QStringLiteral("processed"), QStringLiteral("blocked"),
                                         QStringLiteral("failed"),    QStringLiteral("queued")};
    const QString salt = QStringLiteral("postmark:inbound:%1").arg(index);
    const QString first = data.firstName(salt);
    const QString last = data.lastName(salt);
    const QString from = data.email(salt);
    const QString hash = mailboxHashes().at(index % mailboxHashes().size());
    const QString to = hash.isEmpty() ? QStringLiteral("replies@agency.example")
                                      : QStringLiteral("replies+%1@agency.example").arg(hash);
    const QString status = index == 0 ? QStringLiteral("processed") : data.pick(salt, statuses);
    const QDateTime base = data.dateTime(u"postmark:inbound:base", 30);
    const QDateTime date = base.addSecs(-qint64(index) * 5 * 3600 - data.range(salt, 0, 3000));
    const QString subject = QStringLiteral("Re: Quick question, %1").arg(first);

    QJsonObject message{
        {QStringLiteral("MessageID"), data.uuid(salt)},
        {QStringLiteral("MessageStream"), QStringLiteral("inbound")},
        {QStringLiteral("Status"), status},
        {QStringLiteral("From"), from},
        {QStringLiteral("FromName"), QStringLiteral("%1 %2").arg(first, last)},
        {QStringLiteral("FromFull"), address(from, QStringLiteral("%1 %2").arg(first, last), QString())},
        {QStringLiteral("To"), QStringLiteral("\"Agency Replies\" <%1>").arg(to)},
        {QStringLiteral("ToFull"), QJsonArray{address(to, QStringLiteral("Agency Replies"), hash)}},
        {QStringLiteral("Cc"), QString()},
        {QStringLiteral("CcFull"), QJsonArray()},
        {QStringLiteral("Bcc"), QString()},
        {QStringLiteral("BccFull"), QJsonArray()},
        {QStringLiteral("ReplyTo"), QString()},
        {QStringLiteral("OriginalRecipient"), to},
        {QStringLiteral("Subject"), subject},
        {QStringLiteral("Date"), rfc2822(date)},
        {QStringLiteral("MailboxHash"), hash},
        {QStringLiteral("Tag"), index % 3 == 0 ? QStringLiteral("campaign-spring") : QString()},
    };
    QJsonArray attachments;
    const QByteArray pdf = QByteArrayLiteral("%PDF-1.4 proposal for ") + first.toUtf8();
    if (index % 5 == 0) {
        QJsonObject attachment{{QStringLiteral("Name"), QStringLiteral("proposal.pdf")},
                               {QStringLiteral("ContentType"), QStringLiteral("application/pdf")},
                               {QStringLiteral("ContentID"), QString()},
                               {QStringLiteral("ContentLength"), int(pdf.size())}};
        if (details)
            attachment.insert(QStringLiteral("Content"), QString::fromLatin1(pdf.toBase64()));
        attachments.append(attachment);
    }
    message.insert(QStringLiteral("Attachments"), attachments);
    if (details) {
        const QString reply = QStringLiteral("Thanks %1, Tuesday works for me.").arg(QStringLiteral("Sam"));
        message.insert(QStringLiteral("TextBody"),
                       QString(reply + QStringLiteral("\n\nOn Mon, Sam wrote:\n> Worth a chat?")));
        message.insert(QStringLiteral("HtmlBody"),
                       QStringLiteral("<p>%1</p><blockquote>Worth a chat?</blockquote>").arg(reply));
        message.insert(QStringLiteral("StrippedTextReply"), reply);
        message.insert(
            QStringLiteral("Headers"),
            QJsonArray{QJsonObject{{QStringLiteral("Name"), QStringLiteral("X-Spam-Status")},
                                   {QStringLiteral("Value"), QStringLiteral("No")}},
                       QJsonObject{{QStringLiteral("Name"), QStringLiteral("X-Spam-Score")},
                                   {QStringLiteral("Value"), QStringLiteral("-0.1")}},
                       QJsonObject{{QStringLiteral("Name"), QStringLiteral("Message-ID")},
                                   {QStringLiteral("Value"),
                                    QStringLiteral("<%1@mail.example>").arg(data.hex(salt, 12))}}});
        message.insert(QStringLiteral("BlockedReason"),
                       status == u"blocked" ? QStringLiteral("Blocked by an inbound rule.") : QString());
    }
    return message;
}

SimResponse invalidParameter(const QString& message)
{
    return postmarkError(422, kInvalidParameterCode, message);
}

std::optional<QDate> dateParameter(const SimRequest& request, const QString& name, bool* bad)
{
    const QString text = request.queryValue(name);
    if (text.isEmpty())
        return std::nullopt;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        *bad = true;
    return date;
}

bool hasRecipient(const QJsonObject& message, const QString& recipient)
{
    if (message.value(u"OriginalRecipient").toString().compare(recipient, Qt::CaseInsensitive) == 0)
        return true;
    for (const QJsonValue& to : message.value(u"ToFull").toArray()) {
        if (to.toObject().value(u"Email").toString().compare(recipient, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

SimResponse searchInbound(const SimData& data, const SimRequest& request)
{
    bool countOk = false;
    bool offsetOk = false;
    const int count = request.queryValue(QStringLiteral("count")).toInt(&countOk);
    const int offset = request.queryValue(QStringLiteral("offset")).toInt(&offsetOk);
    if (!countOk || count < 1 || count > kMaxCount)
        return invalidParameter(
            QStringLiteral("The 'count' parameter is required and must be between 1 and 500."));
    if (!offsetOk || offset < 0)
        return invalidParameter(
            QStringLiteral("The 'offset' parameter is required and must not be negative."));
    static const QStringList statuses = {QStringLiteral("blocked"),   QStringLiteral("processed"),
                                         QStringLiteral("queued"),    QStringLiteral("failed"),
                                         QStringLiteral("scheduled"), QStringLiteral("sent")};
    const QString status = request.queryValue(QStringLiteral("status"));
    if (!status.isEmpty() && !statuses.contains(status))
        return invalidParameter(QStringLiteral("The 'status' parameter is not valid."));
    bool badDate = false;
    const std::optional<QDate> fromDate = dateParameter(request, QStringLiteral("fromdate"), &badDate);
    const std::optional<QDate> toDate = dateParameter(request, QStringLiteral("todate"), &badDate);
    if (badDate)
        return invalidParameter(QStringLiteral("Dates must be given as YYYY-MM-DD."));
    const QString recipient = request.queryValue(QStringLiteral("recipient"));
    const QString fromEmail = request.queryValue(QStringLiteral("fromemail"));
    const QString subject = request.queryValue(QStringLiteral("subject"));
    const QString mailboxHash = request.queryValue(QStringLiteral("mailboxhash"));
    const QString tag = request.queryValue(QStringLiteral("tag"));

    QJsonArray matches;
    for (int i = 0; i < kInboundMessages; ++i) {
        const QJsonObject message = inboundMessage(data, i, false);
        const QDate day =
            QDateTime::fromString(message.value(u"Date").toString(), Qt::RFC2822Date).toUTC().date();
        if ((!recipient.isEmpty() && !hasRecipient(message, recipient)) ||
            (!fromEmail.isEmpty() &&
             message.value(u"From").toString().compare(fromEmail, Qt::CaseInsensitive) != 0) ||
            (!subject.isEmpty() &&
             !message.value(u"Subject").toString().contains(subject, Qt::CaseInsensitive)) ||
            (!mailboxHash.isEmpty() && message.value(u"MailboxHash").toString() != mailboxHash) ||
            (!tag.isEmpty() && message.value(u"Tag").toString() != tag) ||
            (!status.isEmpty() && message.value(u"Status").toString() != status) ||
            (fromDate && day < *fromDate) || (toDate && day > *toDate))
            continue;
        matches.append(message);
    }
    QJsonArray page;
    for (qsizetype i = offset; i < std::min<qsizetype>(matches.size(), qsizetype(offset) + count); ++i)
        page.append(matches.at(i));
    return SimResponse::json(200, QJsonObject{{QStringLiteral("TotalCount"), int(matches.size())},
                                              {QStringLiteral("InboundMessages"), page}});
}

SimResponse inboundDetails(const SimData& data, const SimRequest& request)
{
    const QString id = request.params.value(QStringLiteral("id"));
    for (int i = 0; i < kInboundMessages; ++i) {
        if (data.uuid(QStringLiteral("postmark:inbound:%1").arg(i)) == id)
            return SimResponse::json(200, inboundMessage(data, i, true));
    }
    return postmarkError(422, kMessageNotFoundCode, QStringLiteral("This message was not found."));
}

} // namespace

ProviderSpec postmarkSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Postmark;

    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, "X-Postmark-Server-Token");
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: code 10 and the 401 are documented; the two message texts are not.
        if (request.credential == CredentialState::Missing) {
            return postmarkError(
                401, 10,
                QStringLiteral("No Account or Server API tokens were supplied in the HTTP headers. "
                               "Please add a header for either X-Postmark-Server-Token or "
                               "X-Postmark-Account-Token."));
        }
        return postmarkError(
            401, 10,
            QStringLiteral("The Server API token you provided in the X-Postmark-Server-Token request "
                           "header was invalid. Please verify that you are using a valid token."));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: no rate-limit headers or numbers are documented; ErrorCode 429 is.
        return postmarkError(429, 429, QStringLiteral("Rate limit exceeded."));
    };
    spec.serverError = [](const SimRequest&, int status) {
        if (status == 503) // ErrorCode 100: maintenance
            return postmarkError(503, 100, QStringLiteral("Postmark is in maintenance mode."));
        // unverified: the spec declares the 500 without a body; a plain-text one is the harder case.
        return SimResponse::text(status, status == 502 ? QByteArrayLiteral("Bad Gateway")
                                                       : QByteArrayLiteral("Internal Server Error"));
    };
    spec.notFound = [](const SimRequest&) {
        return postmarkError(404, 404, QStringLiteral("The requested resource was not found."));
    };

    spec.routes.add("GET", QStringLiteral("/server"), [data](const SimRequest&) { return server(data); });
    spec.routes.add("GET", QStringLiteral("/messages/inbound"),
                    [data](const SimRequest& request) { return searchInbound(data, request); });
    spec.routes.add("GET", QStringLiteral("/messages/inbound/{id}/details"),
                    [data](const SimRequest& request) { return inboundDetails(data, request); });
    return spec;
}

} // namespace agency::sim
