// Twilio 2010 API (shared/providers/twilio.md, contracts/specs/twilio.json): HTTP Basic (account or
// API-key SID, auth token), GET /2010-04-01/Accounts/{sid}.json and …/Balance.json as the checks,
// form-encoded Messages and Calls creation, message/call look-ups, the message list with its
// filters and next_page_uri paging, and classic error bodies {"code","message","more_info","status"}.
//
// Handlers are pure functions of the request and the seed, so a message or call created here is not
// remembered. Instead its SID carries what a later look-up needs:
//   "SM" + 29 hex digits (a hash) + 2 hex digits (the segment count) + 1 hex digit (the lifecycle),
// and the same for "CA…" calls (the two digits are 00). The lifecycle digit picks the state a GET
// reports: 0–b final success (message delivered and priced / call completed and priced),
// c undelivered / busy, d failed / no-answer, e queued / in-progress, f sent (not priced yet) /
// failed. Created messages and calls end in 0.
//
// The one memory: each message created is also kept (with its arrival time on the wall clock, the
// only wall-clock value here) and listed by GET Messages.json next to the seeded corpus, so a sender
// that lost track of a send can find it as it would in Twilio's log (reconciliation after a crash).

#include "providerspec.h"
#include "routekit.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <memory>
#include <string_view>

namespace agency::sim {

namespace {

using Fields = QList<QPair<QString, QString>>;

// The "now" of every body: SimData's fixed origin (bodies never depend on the wall clock).
QDateTime simNow(const SimData& data)
{
    return data.dateTime(u"twilio:now", 0);
}

SimResponse twilioError(int status, int code, const QString& message)
{
    return SimResponse::json(status,
                             QJsonObject{{QStringLiteral("code"), code},
                                         {QStringLiteral("message"), message},
                                         {QStringLiteral("more_info"),
                                          QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
                                         {QStringLiteral("status"), status}});
}

// application/x-www-form-urlencoded as Twilio reads it: '+' is a space, %XX a byte, keys may repeat.
Fields decodeForm(const QByteArray& encoded)
{
    Fields fields;
    for (const QByteArray& pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        auto decode = [](QByteArray part) {
            return QUrl::fromPercentEncoding(part.replace('+', ' '));
        };
        fields.append({decode(pair.left(equals < 0 ? pair.size() : equals)),
                       equals < 0 ? QString() : decode(pair.mid(equals + 1))});
    }
    return fields;
}

Fields bodyFields(const SimRequest& request)
{
    // A body in another format (JSON) is not read at all, as Twilio does not read it.
    if (!request.header("Content-Type").toLower().startsWith("application/x-www-form-urlencoded"))
        return {};
    return decodeForm(request.body);
}

Fields queryFields(const SimRequest& request)
{
    return decodeForm(request.query.toString(QUrl::FullyEncoded).toUtf8());
}

QString field(const Fields& fields, const QString& key)
{
    for (const auto& [name, value] : fields) {
        if (name == key)
            return value;
    }
    return QString();
}

bool hasField(const Fields& fields, const QString& key)
{
    return std::any_of(fields.cbegin(), fields.cend(),
                       [&key](const auto& pair) { return pair.first == key; });
}

bool isE164(const QString& number)
{
    static const QRegularExpression shape(QStringLiteral("^\\+[1-9][0-9]{6,14}$"));
    return shape.match(number).hasMatch();
}

// Segments the way Twilio counts them: GSM-7 (160, or 153 per part) unless a character is outside
// the GSM 03.38 alphabet, then UCS-2 (70, or 67 per part). A simplified count (it may split an
// escape pair), independent of the client's.
int segmentsOf(const QString& body)
{
    static const std::u16string_view basic =
        u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        u"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static const std::u16string_view extension = u"\f^{}\\[~]|€";
    int septets = 0;
    bool gsm = true;
    for (const QChar c : body) {
        if (basic.find(c.unicode()) != std::u16string_view::npos)
            septets += 1;
        else if (extension.find(c.unicode()) != std::u16string_view::npos)
            septets += 2;
        else
            gsm = false;
    }
    if (body.isEmpty())
        return 0;
    if (gsm)
        return septets <= 160 ? 1 : (septets + 152) / 153;
    const int units = int(body.size());
    return units <= 70 ? 1 : (units + 66) / 67;
}

QString accountBase(const SimRequest& request)
{
    return QStringLiteral("/2010-04-01/Accounts/") + request.params.value(QStringLiteral("sid"));
}

// An SID of this simulator: prefix, 29 hash digits, two digits of count, one lifecycle digit.
QString makeSid(const SimData& data, const QString& prefix, const QString& salt, int count,
                char16_t lifecycle)
{
    return prefix + data.hex(salt, 29) +
           QStringLiteral("%1").arg(std::clamp(count, 0, 255), 2, 16, QLatin1Char('0')) + QChar(lifecycle);
}

int countOf(const QString& sid)
{
    return sid.mid(31, 2).toInt(nullptr, 16);
}

int lifecycleOf(const QString& sid)
{
    return sid.right(1).toInt(nullptr, 16);
}

// ---- messages ----------------------------------------------------------------------------------

struct SimMessage
{
    QString sid;
    QString to;
    QString from;
    QString messagingServiceSid;
    QString body;
    QString status;
    int segments = 1;
    QDateTime created;
    std::optional<QDateTime> sent;
    std::optional<QString> price; ///< null until rated
    std::optional<int> errorCode;
    QString errorMessage;
};

// AU outbound SMS, per segment, in USD: illustrative, not Twilio's price list.
constexpr double kSmsPricePerSegment = 0.0515;

QJsonValue nullable(const std::optional<QString>& text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

QJsonObject messageJson(const SimRequest& request, const SimMessage& message)
{
    const QString uri = accountBase(request) + QStringLiteral("/Messages/") + message.sid;
    return QJsonObject{
        {QStringLiteral("account_sid"), request.params.value(QStringLiteral("sid"))},
        {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
        {QStringLiteral("body"), message.body},
        {QStringLiteral("date_created"), rfc2822(message.created)},
        {QStringLiteral("date_sent"), message.sent ? QJsonValue(rfc2822(*message.sent)) : QJsonValue::Null},
        {QStringLiteral("date_updated"), rfc2822(message.sent.value_or(message.created))},
        {QStringLiteral("direction"), QStringLiteral("outbound-api")},
        {QStringLiteral("error_code"), message.errorCode ? QJsonValue(*message.errorCode) : QJsonValue::Null},
        {QStringLiteral("error_message"),
         message.errorMessage.isEmpty() ? QJsonValue::Null : QJsonValue(message.errorMessage)},
        {QStringLiteral("from"), message.from.isEmpty() ? QJsonValue::Null : QJsonValue(message.from)},
        {QStringLiteral("messaging_service_sid"),
         message.messagingServiceSid.isEmpty() ? QJsonValue::Null : QJsonValue(message.messagingServiceSid)},
        {QStringLiteral("num_media"), QStringLiteral("0")},
        {QStringLiteral("num_segments"), QString::number(message.segments)},
        {QStringLiteral("price"), nullable(message.price)},
        {QStringLiteral("price_unit"), QStringLiteral("USD")},
        {QStringLiteral("sid"), message.sid},
        {QStringLiteral("status"), message.status},
        {QStringLiteral("subresource_uris"),
         QJsonObject{{QStringLiteral("media"), QString(uri + QStringLiteral("/Media.json"))}}},
        {QStringLiteral("to"), message.to},
        {QStringLiteral("uri"), QString(uri + QStringLiteral(".json"))},
    };
}

QString priceFor(int segments)
{
    // Negative: a charge, as Twilio writes it.
    return QString::number(-kSmsPricePerSegment * std::max(1, segments), 'f', 5);
}

// The state a look-up reports for a message SID of this simulator (see the top of this file).
SimMessage messageFromSid(const SimData& data, const QString& sid)
{
    SimMessage message;
    message.sid = sid;
    message.segments = std::max(1, countOf(sid));
    message.to = QStringLiteral("+614%1").arg(data.range(QString(u"twilio:to:" + sid), 10000000, 99999999));
    message.from = QStringLiteral("+61485000000");
    message.body = QStringLiteral("Simulated message %1").arg(sid.right(6));
    message.created = simNow(data).addSecs(-data.range(QString(u"twilio:age:" + sid), 60, 86400));
    const QDateTime sent = message.created.addSecs(2);
    switch (lifecycleOf(sid)) {
    case 0xc:
        message.status = QStringLiteral("undelivered");
        message.sent = sent;
        message.price = priceFor(message.segments); // carriers charge for undelivered messages
        message.errorCode = 30003;
        message.errorMessage = QStringLiteral("Unreachable destination handset");
        break;
    case 0xd:
        message.status = QStringLiteral("failed");
        message.price = QStringLiteral("0.00000"); // never left Twilio: not charged
        message.errorCode = 30008;
        message.errorMessage = QStringLiteral("Unknown error");
        break;
    case 0xe:
        message.status = QStringLiteral("queued");
        break;
    case 0xf:
        message.status = QStringLiteral("sent");
        message.sent = sent;
        break;
    default:
        message.status = QStringLiteral("delivered");
        message.sent = sent;
        message.price = priceFor(message.segments);
        break;
    }
    return message;
}

SimResponse createMessage(const SimData& data, const SimRequest& request)
{
    const Fields fields = bodyFields(request);
    const QString to = field(fields, QStringLiteral("To"));
    const QString from = field(fields, QStringLiteral("From"));
    const QString service = field(fields, QStringLiteral("MessagingServiceSid"));
    const QString body = field(fields, QStringLiteral("Body"));
    // unverified: the 21xxx codes below come from a community error map (twilio.md §4).
    if (to.isEmpty())
        return twilioError(400, 21604, QStringLiteral("A 'To' phone number is required."));
    if (from.isEmpty() && service.isEmpty())
        return twilioError(400, 21603, QStringLiteral("A 'From' phone number is required."));
    if (!service.isEmpty() &&
        !QRegularExpression(QStringLiteral("^MG[0-9a-fA-F]{32}$")).match(service).hasMatch())
        return twilioError(400, 21701,
                           QStringLiteral("The Messaging Service Sid %1 is invalid.").arg(service));
    if (body.isEmpty() && !hasField(fields, QStringLiteral("MediaUrl")) &&
        !hasField(fields, QStringLiteral("ContentSid")))
        return twilioError(400, 21602, QStringLiteral("Message body is required."));
    if (body.size() > 1600)
        return twilioError(400, 21617,
                           QStringLiteral("The concatenated message body exceeds the 1600 character limit."));
    // Simulator convention: ACMA's reserved fictitious mobile range (0491 570 xxx) stands for the
    // numbers Twilio's own look-up rejects.
    if (!isE164(to) || to.startsWith(u"+61491570"))
        return twilioError(400, 21211,
                           QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(to));
    // Australian landlines (02, 03, 07, 08) cannot receive SMS.
    static const QRegularExpression landline(QStringLiteral("^\\+61[2378]"));
    if (landline.match(to).hasMatch())
        return twilioError(400, 21614, QStringLiteral("'To' number %1 is not a valid mobile number").arg(to));
    if (!from.isEmpty() && from.startsWith(u'+') && !isE164(from))
        return twilioError(400, 21212,
                           QStringLiteral("The 'From' number %1 is not a valid phone number.").arg(from));
    if (request.limited())
        return twilioError(
            400, 21608,
            QStringLiteral("The number %1 is unverified. Trial accounts cannot send messages to "
                           "unverified numbers; verify %1 at twilio.com/user/account/phone-numbers/"
                           "verified, or purchase a Twilio number to send messages to unverified "
                           "numbers.")
                .arg(to));

    SimMessage message;
    const int segments = segmentsOf(body);
    message.sid = makeSid(
        data, QStringLiteral("SM"),
        QStringLiteral("twilio:sms:%1:%2:%3:%4").arg(to, QString(from + service), body).arg(request.sequence),
        segments, u'0');
    message.to = to;
    message.body = body;
    message.created = simNow(data);
    if (service.isEmpty()) {
        message.from = from;
        message.status = QStringLiteral("queued");
        message.segments = segments;
    } else {
        // Through a Messaging Service: "accepted", no sender and 0 segments until one is picked.
        message.messagingServiceSid = service;
        message.status = QStringLiteral("accepted");
        message.segments = 0;
    }
    return SimResponse::json(201, messageJson(request, message));
}

SimResponse getMessage(const SimData& data, const SimRequest& request)
{
    const QString sid = request.params.value(QStringLiteral("message"));
    static const QRegularExpression shape(QStringLiteral("^(SM|MM)[0-9a-f]{32}$"));
    if (!shape.match(sid).hasMatch())
        return twilioError(404, 20404,
                           QStringLiteral("The requested resource %1 was not found").arg(request.path));
    return SimResponse::json(200, messageJson(request, messageFromSid(data, sid)));
}

// The account's outbound messages: five per recipient, spread over the last day and a half (so that
// date filters matter), newest first. Without a To filter, three seeded recipients.
QList<SimMessage> messageCorpus(const SimData& data, const QString& to)
{
    QStringList recipients;
    if (!to.isEmpty())
        recipients.append(to);
    else
        for (int r = 0; r < 3; ++r)
            recipients.append(QStringLiteral("+614%1").arg(
                data.range(QStringLiteral("twilio:corpus:%1").arg(r), 10000000, 99999999)));
    QList<SimMessage> corpus;
    for (const QString& recipient : recipients) {
        for (int i = 0; i < 5; ++i) {
            const QString salt = QStringLiteral("twilio:list:%1:%2").arg(recipient).arg(i);
            const char16_t lifecycle = i == 3 ? u'c' : u'0';
            SimMessage message =
                messageFromSid(data, makeSid(data, QStringLiteral("SM"), salt, 1, lifecycle));
            message.to = recipient;
            message.created = simNow(data).addSecs(
                -(i * 7 * 3600 + data.range(QString(u"twilio:minute:" + salt), 60, 3000)));
            message.sent = message.created.addSecs(2);
            corpus.append(message);
        }
    }
    std::sort(corpus.begin(), corpus.end(),
              [](const SimMessage& a, const SimMessage& b) { return a.created > b.created; });
    return corpus;
}

// The messages this simulator created, as a later list shows them.
using CreatedMessages = QList<SimMessage>;

void rememberMessage(CreatedMessages& created, const SimData& data, const SimResponse& response)
{
    if (response.status != 201)
        return;
    const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
    SimMessage message = messageFromSid(data, answer.value(u"sid").toString());
    message.to = answer.value(u"to").toString();
    message.from = answer.value(u"from").toString();
    message.messagingServiceSid = answer.value(u"messaging_service_sid").toString();
    message.body = answer.value(u"body").toString();
    message.created = QDateTime::currentDateTimeUtc();
    message.sent = message.created;
    created.append(message);
}

// "2025-12-31" or "2025-12-31T10:00:00Z": Twilio compares whole days (the docs' YYYY-MM-DD forms).
std::optional<QDate> filterDate(const QString& value)
{
    QDate date = QDate::fromString(value.left(10), Qt::ISODate);
    if (!date.isValid() || (value.size() > 10 && !QDateTime::fromString(value, Qt::ISODate).isValid()))
        return std::nullopt;
    return date;
}

SimResponse listMessages(const SimData& data, const SimRequest& request, const CreatedMessages& created)
{
    const Fields query = queryFields(request);
    const QString to = field(query, QStringLiteral("To"));
    const QString from = field(query, QStringLiteral("From"));
    std::optional<QDate> after;
    std::optional<QDate> before;
    std::optional<QDate> on;
    for (const char16_t* key : {u"DateSent>", u"DateSent<", u"DateSent"}) {
        const QString name = QString::fromUtf16(key);
        if (!hasField(query, name))
            continue;
        const std::optional<QDate> date = filterDate(field(query, name));
        // unverified: the code and words of Twilio's answer to a malformed date.
        if (!date)
            return twilioError(400, 20001, QStringLiteral("Invalid %1 value").arg(name));
        (name.endsWith(u'>') ? after : name.endsWith(u'<') ? before : on) = date;
    }
    bool ok = false;
    int pageSize = field(query, QStringLiteral("PageSize")).toInt(&ok);
    pageSize = ok ? std::clamp(pageSize, 1, 1000) : 50;
    int page = field(query, QStringLiteral("Page")).toInt(&ok);
    page = ok ? std::max(0, page) : 0;

    QList<SimMessage> corpus = messageCorpus(data, to);
    for (const SimMessage& message : created) {
        if (to.isEmpty() || message.to == to)
            corpus.append(message);
    }
    std::sort(corpus.begin(), corpus.end(),
              [](const SimMessage& a, const SimMessage& b) { return a.created > b.created; });
    QList<SimMessage> matching;
    for (const SimMessage& message : corpus) {
        const QDate day = message.sent.value_or(message.created).toUTC().date();
        if ((after && day < *after) || (before && day > *before) || (on && day != *on))
            continue;
        if (!from.isEmpty() && message.from != from)
            continue;
        matching.append(message);
    }

    QJsonArray items;
    const qsizetype start = qsizetype(page) * pageSize;
    for (qsizetype i = start; i < std::min<qsizetype>(matching.size(), start + pageSize); ++i)
        items.append(messageJson(request, matching.at(i)));

    // The page URIs repeat the filters, percent-encoded ('+' as %2B), as Twilio writes them.
    auto pageUri = [&](int number) {
        QUrlQuery uriQuery;
        for (const auto& [name, value] : query) {
            if (name != u"Page" && name != u"PageSize" && name != u"PageToken")
                uriQuery.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                                      QString::fromLatin1(QUrl::toPercentEncoding(value)));
        }
        uriQuery.addQueryItem(QStringLiteral("PageSize"), QString::number(pageSize));
        uriQuery.addQueryItem(QStringLiteral("Page"), QString::number(number));
        if (number > 0)
            uriQuery.addQueryItem(QStringLiteral("PageToken"),
                                  QStringLiteral("PASM") +
                                      data.hex(QStringLiteral("twilio:page:%1").arg(number), 32));
        return QString(accountBase(request) + QStringLiteral("/Messages.json?") +
                       uriQuery.toString(QUrl::FullyEncoded));
    };
    const bool more = start + pageSize < matching.size();
    return SimResponse::json(
        200, QJsonObject{
                 {QStringLiteral("messages"), items},
                 {QStringLiteral("page"), page},
                 {QStringLiteral("page_size"), pageSize},
                 {QStringLiteral("start"), start},
                 {QStringLiteral("end"), start + std::max<qsizetype>(0, items.size() - 1)},
                 {QStringLiteral("uri"), pageUri(page)},
                 {QStringLiteral("first_page_uri"), pageUri(0)},
                 {QStringLiteral("next_page_uri"), more ? QJsonValue(pageUri(page + 1)) : QJsonValue::Null},
                 {QStringLiteral("previous_page_uri"),
                  page > 0 ? QJsonValue(pageUri(page - 1)) : QJsonValue::Null},
             });
}

// ---- calls -------------------------------------------------------------------------------------

// AU outbound voice, per minute, in USD: illustrative.
constexpr double kCallPricePerMinute = 0.024;

QJsonObject callJson(const SimData& data, const SimRequest& request, const QString& sid, const QString& to,
                     const QString& from, const QString& status)
{
    const QDateTime created =
        simNow(data).addSecs(-data.range(QString(u"twilio:call-age:" + sid), 600, 86400));
    QJsonValue duration = QJsonValue::Null;
    QJsonValue price = QJsonValue::Null;
    QJsonValue start = QJsonValue::Null;
    QJsonValue end = QJsonValue::Null;
    if (status == u"completed") {
        const qint64 seconds = data.range(QString(u"twilio:call-duration:" + sid), 30, 600);
        duration = QString::number(seconds);
        price = QString::number(-kCallPricePerMinute * double((seconds + 59) / 60), 'f', 5);
        start = rfc2822(created.addSecs(5));
        end = rfc2822(created.addSecs(5 + seconds));
    } else if (status == u"busy" || status == u"no-answer") {
        duration = QStringLiteral("0");
        end = rfc2822(created.addSecs(30));
    } else if (status == u"in-progress") {
        start = rfc2822(created.addSecs(5));
    }
    const QString uri = accountBase(request) + QStringLiteral("/Calls/") + sid;
    return QJsonObject{
        {QStringLiteral("sid"), sid},
        {QStringLiteral("account_sid"), request.params.value(QStringLiteral("sid"))},
        {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
        {QStringLiteral("to"), to},
        {QStringLiteral("to_formatted"), to},
        {QStringLiteral("from"), from},
        {QStringLiteral("from_formatted"), from},
        {QStringLiteral("status"), status},
        {QStringLiteral("direction"), QStringLiteral("outbound-api")},
        {QStringLiteral("answered_by"), QJsonValue::Null},
        {QStringLiteral("duration"), duration},
        {QStringLiteral("price"), price},
        {QStringLiteral("price_unit"), QStringLiteral("USD")},
        {QStringLiteral("start_time"), start},
        {QStringLiteral("end_time"), end},
        {QStringLiteral("date_created"), rfc2822(created)},
        {QStringLiteral("date_updated"), rfc2822(created)},
        {QStringLiteral("parent_call_sid"), QJsonValue::Null},
        {QStringLiteral("phone_number_sid"), QJsonValue::Null},
        {QStringLiteral("queue_time"), QStringLiteral("0")},
        {QStringLiteral("uri"), QString(uri + QStringLiteral(".json"))},
        {QStringLiteral("subresource_uris"),
         QJsonObject{{QStringLiteral("recordings"), QString(uri + QStringLiteral("/Recordings.json"))}}},
    };
}

SimResponse createCall(const SimData& data, const SimRequest& request)
{
    const Fields fields = bodyFields(request);
    const QString to = field(fields, QStringLiteral("To"));
    const QString from = field(fields, QStringLiteral("From"));
    const QString url = field(fields, QStringLiteral("Url"));
    // unverified: the codes and words of these refusals.
    if (to.isEmpty())
        return twilioError(400, 21201, QStringLiteral("No 'To' number is specified"));
    if (from.isEmpty())
        return twilioError(400, 21213, QStringLiteral("No 'From' number is specified"));
    if (url.isEmpty() && field(fields, QStringLiteral("Twiml")).isEmpty() &&
        field(fields, QStringLiteral("ApplicationSid")).isEmpty())
        return twilioError(400, 21205, QStringLiteral("Url parameter is required."));
    if (!url.isEmpty() && !url.startsWith(u"https://") && !url.startsWith(u"http://"))
        return twilioError(400, 21205, QStringLiteral("Url is not a valid URL: %1").arg(url));
    if (!isE164(to))
        return twilioError(400, 21217, QStringLiteral("Phone number does not appear to be valid"));
    if (request.limited())
        return twilioError(400, 21219, QStringLiteral("'To' number %1 not verified").arg(to));
    const QString sid =
        makeSid(data, QStringLiteral("CA"),
                QStringLiteral("twilio:call:%1:%2:%3").arg(to, from).arg(request.sequence), 0, u'0');
    QJsonObject call = callJson(data, request, sid, to, from, QStringLiteral("queued"));
    call.insert(QStringLiteral("date_created"), rfc2822(simNow(data)));
    return SimResponse::json(201, call);
}

SimResponse getCall(const SimData& data, const SimRequest& request)
{
    const QString sid = request.params.value(QStringLiteral("call"));
    static const QRegularExpression shape(QStringLiteral("^CA[0-9a-f]{32}$"));
    if (!shape.match(sid).hasMatch())
        return twilioError(404, 20404,
                           QStringLiteral("The requested resource %1 was not found").arg(request.path));
    QString status;
    switch (lifecycleOf(sid)) {
    case 0xc:
        status = QStringLiteral("busy");
        break;
    case 0xd:
        status = QStringLiteral("no-answer");
        break;
    case 0xe:
        status = QStringLiteral("in-progress");
        break;
    case 0xf:
        status = QStringLiteral("failed");
        break;
    default:
        status = QStringLiteral("completed");
        break;
    }
    const QString to =
        QStringLiteral("+614%1").arg(data.range(QString(u"twilio:call-to:" + sid), 10000000, 99999999));
    return SimResponse::json(200, callJson(data, request, sid, to, QStringLiteral("+61485000000"), status));
}

// ---- account -----------------------------------------------------------------------------------

SimResponse account(const SimData& data, const SimRequest& request)
{
    const QString sid = request.params.value(QStringLiteral("sid"));
    const QString base = QStringLiteral("/2010-04-01/Accounts/") + sid;
    QJsonObject subresources;
    for (const char16_t* name :
         {u"addresses", u"calls", u"messages", u"incoming_phone_numbers", u"recordings", u"usage", u"keys",
          u"applications", u"queues", u"notifications"}) {
        const QString key = QString::fromUtf16(name);
        QString resource = key;
        resource[0] = resource[0].toUpper();
        if (key == u"incoming_phone_numbers")
            resource = QStringLiteral("IncomingPhoneNumbers");
        subresources.insert(key, QString(base + u'/' + resource + QStringLiteral(".json")));
    }
    subresources.insert(QStringLiteral("balance"), QString(base + QStringLiteral("/Balance.json")));
    const QString created = rfc2822(data.dateTime(u"twilio:created"));
    return SimResponse::json(
        200,
        QJsonObject{
            {QStringLiteral("sid"), sid},
            {QStringLiteral("owner_account_sid"), sid},
            {QStringLiteral("friendly_name"), data.companyName(u"twilio:account")},
            {QStringLiteral("status"), QStringLiteral("active")},
            // "sim-limited": a trial account (verified numbers only, trial credit).
            {QStringLiteral("type"), request.limited() ? QStringLiteral("Trial") : QStringLiteral("Full")},
            // The real body carries the auth token; a seeded stand-in, never the one sent.
            {QStringLiteral("auth_token"), data.hex(u"twilio:auth-token", 32)},
            {QStringLiteral("date_created"), created},
            {QStringLiteral("date_updated"), created},
            {QStringLiteral("uri"), QString(base + QStringLiteral(".json"))},
            {QStringLiteral("subresource_uris"), subresources},
        });
}

SimResponse balance(const SimData& data, const SimRequest& request)
{
    const double amount = request.limited() ? data.amount(u"twilio:trial-balance", 5, 15, 2)
                                            : data.amount(u"twilio:balance", 20, 400, 5);
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("account_sid"), request.params.value(QStringLiteral("sid"))},
                         // a string, as Twilio sends it
                         {QStringLiteral("balance"), QString::number(amount, 'f', 5)},
                         {QStringLiteral("currency"), QStringLiteral("USD")}});
}

} // namespace

ProviderSpec twilioSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Twilio;

    spec.authenticate = [](const SimRequest& request) {
        return basicAuthOutcome(request);
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // The same 20003 for a missing and a wrong credential.
        return twilioError(401, 20003, QStringLiteral("Authenticate"));
    };
    spec.rateLimited = [](const SimRequest&, int retryAfterSeconds) {
        // unverified: twilio.md says Retry-After may not always be present; the simulator sends it.
        return twilioError(429, 20429, QStringLiteral("Too Many Requests"))
            .withHeader("Retry-After", QByteArray::number(retryAfterSeconds))
            .withHeader("Twilio-Concurrent-Requests", "100");
    };
    spec.serverError = [](const SimRequest&, int status) {
        if (status == 503)
            return twilioError(503, 20503, QStringLiteral("Service Unavailable"));
        return twilioError(status, 20500, QStringLiteral("Internal Server Error"));
    };
    spec.notFound = [](const SimRequest& request) {
        return twilioError(404, 20404,
                           QStringLiteral("The requested resource %1 was not found").arg(request.path));
    };
    spec.decorate = [](const SimRequest&, SimResponse& response) {
        if (response.status != 429)
            response.withHeader("Twilio-Concurrent-Requests", "1");
    };

    spec.routes.add("GET", QStringLiteral("/2010-04-01/Accounts/{sid}.json"),
                    [data](const SimRequest& request) { return account(data, request); });
    spec.routes.add("GET", QStringLiteral("/2010-04-01/Accounts/{sid}/Balance.json"),
                    [data](const SimRequest& request) { return balance(data, request); });
    auto created = std::make_shared<CreatedMessages>();
    spec.forget = [created] {
        created->clear();
    };
    spec.routes.add("POST", QStringLiteral("/2010-04-01/Accounts/{sid}/Messages.json"),
                    [data, created](const SimRequest& request) {
                        SimResponse response = createMessage(data, request);
                        rememberMessage(*created, data, response);
                        return response;
                    });
    spec.routes.add(
        "GET", QStringLiteral("/2010-04-01/Accounts/{sid}/Messages.json"),
        [data, created](const SimRequest& request) { return listMessages(data, request, *created); });
    spec.routes.add("GET", QStringLiteral("/2010-04-01/Accounts/{sid}/Messages/{message}.json"),
                    [data](const SimRequest& request) { return getMessage(data, request); });
    spec.routes.add("POST", QStringLiteral("/2010-04-01/Accounts/{sid}/Calls.json"),
                    [data](const SimRequest& request) { return createCall(data, request); });
    spec.routes.add("GET", QStringLiteral("/2010-04-01/Accounts/{sid}/Calls/{call}.json"),
                    [data](const SimRequest& request) { return getCall(data, request); });
    return spec;
}

} // namespace agency::sim
