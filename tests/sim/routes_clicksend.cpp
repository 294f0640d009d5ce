// ClickSend v3 (shared/providers/clicksend.md, contracts/specs/clicksend.yaml; the Post endpoints from
// the clicksend-go-v2 OpenAPI file at ffc4e203, the last one that has them): HTTP Basic with the
// username and API key, GET /v3/account as the credential check, return addresses, uploads, letter
// price / send / history, every answer in the {"http_code","response_code","response_msg","data"}
// envelope.
//
// Handlers are pure functions of the request and the seed: a letter's page count comes from its file
// URL, its price from pages and options, and the account's balance is the seeded one the account
// route reports — a send that costs more than it gets INSUFFICIENT_CREDIT.
//
// The one memory: every letter sent is kept (dated by its arrival on the wall clock, the only
// wall-clock value here) and listed by the history, newest first, before the seeded letters — so a
// sender that lost a send's answer finds it there as it would in ClickSend's history (reconciliation).
// ProviderSimulator::reset() forgets them.

#include "providerspec.h"
#include "routekit.h"

#include <QRegularExpression>

#include <cmath>
#include <memory>

namespace agency::sim {

namespace {

SimResponse envelope(int status, const QString& code, const QString& message, const QJsonValue& data)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("http_code"), status},
                                                 {QStringLiteral("response_code"), code},
                                                 {QStringLiteral("response_msg"), message},
                                                 {QStringLiteral("data"), data}});
}

// unverified: only 400 BAD_REQUEST appears in the spec; the wording follows Laravel's validator,
// which ClickSend's answers resemble.
SimResponse badRequest(const QString& message)
{
    return envelope(400, QStringLiteral("BAD_REQUEST"), message, QJsonValue::Null);
}

double seededBalance(const SimData& data)
{
    return data.amount(u"clicksend:balance", 5, 250, 6);
}

qint64 seededUserId(const SimData& data)
{
    return data.range(u"clicksend:user-id", 100000, 999999);
}

QJsonObject currencyJson()
{
    return QJsonObject{{QStringLiteral("currency_name_short"), QStringLiteral("AUD")},
                       {QStringLiteral("currency_prefix_d"), QStringLiteral("$")},
                       {QStringLiteral("currency_prefix_c"), QStringLiteral("c")},
                       {QStringLiteral("currency_name_long"), QStringLiteral("Australian Dollars")},
                       {QStringLiteral("min_recharge_amount"), QStringLiteral("20.00")},
                       {QStringLiteral("max_recharge_amount"), QStringLiteral("10000.00")}};
}

SimResponse account(const SimData& data, const SimRequest& request)
{
    const QString username = basicCredentials(request).value_or(BasicCredentials{}).user;
    const QString email = data.email(u"clicksend:user");
    // "sim-limited": a subaccount without Post access (the letters API refuses it).
    const int postAccess = request.limited() ? 0 : 1;
    const QJsonObject subaccount{
        {QStringLiteral("subaccount_id"), data.range(u"clicksend:sub-id", 100000, 999999)},
        {QStringLiteral("api_username"), username},
        {QStringLiteral("email"), email},
        {QStringLiteral("first_name"), data.firstName(u"clicksend:user")},
        {QStringLiteral("last_name"), data.lastName(u"clicksend:user")},
        {QStringLiteral("access_users"), 1},
        {QStringLiteral("access_billing"), 1},
        {QStringLiteral("access_reporting"), 1},
        {QStringLiteral("access_contacts"), 1},
        {QStringLiteral("access_settings"), 1},
        {QStringLiteral("access_sms"), 1},
        {QStringLiteral("access_email"), 1},
        {QStringLiteral("access_voice"), 1},
        {QStringLiteral("access_fax"), 0},
        {QStringLiteral("access_post"), postAccess},
        {QStringLiteral("access_mms"), 1},
        {QStringLiteral("is_main"), 1},
    };
    const QJsonObject account{
        {QStringLiteral("user_id"), seededUserId(data)},
        {QStringLiteral("username"), username},
        {QStringLiteral("user_email"), email},
        {QStringLiteral("active"), 1},
        {QStringLiteral("banned"), 0},
        {QStringLiteral("balance"), QString::number(seededBalance(data), 'f', 6)},
        {QStringLiteral("user_first_name"), data.firstName(u"clicksend:user")},
        {QStringLiteral("user_last_name"), data.lastName(u"clicksend:user")},
        {QStringLiteral("account_name"), data.companyName(u"clicksend:account")},
        {QStringLiteral("country"), QStringLiteral("AU")},
        {QStringLiteral("default_country_sms"), QStringLiteral("AU")},
        {QStringLiteral("auto_recharge"), 0},
        {QStringLiteral("auto_recharge_amount"), QStringLiteral("20.00")},
        {QStringLiteral("low_credit_amount"), QStringLiteral("5.00")},
        {QStringLiteral("timezone"), QStringLiteral("Australia/Melbourne")},
        {QStringLiteral("on_trial"), 0},
        {QStringLiteral("trial_expiry"), QJsonValue::Null},
        {QStringLiteral("_currency"), currencyJson()},
        {QStringLiteral("_subaccount"), subaccount},
    };
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Here's your account."), account);
}

// ---- Post --------------------------------------------------------------------------------------

// unverified: ClickSend's answer to a Post call from an account without Post access is not
// documented; a 403 in the envelope is assumed.
SimResponse noPostAccess()
{
    return envelope(403, QStringLiteral("FORBIDDEN"), QStringLiteral("You do not have access to Post."),
                    QJsonValue::Null);
}

QJsonObject returnAddressJson(const SimData& data, qint64 id, const QJsonObject& fields)
{
    QJsonObject address{{QStringLiteral("return_address_id"), id},
                        {QStringLiteral("user_id"), seededUserId(data)}};
    for (const char* key : {"address_name", "address_line_1", "address_line_2", "address_city",
                            "address_state", "address_postal_code", "address_country"}) {
        const QString name = QString::fromLatin1(key);
        address.insert(name, fields.value(name).isNull() || fields.value(name).isUndefined()
                                 ? QJsonValue(QString())
                                 : fields.value(name));
    }
    return address;
}

// The account's two return addresses.
QJsonObject seededReturnAddress(const SimData& data, int index)
{
    const QString salt = QStringLiteral("clicksend:return:%1").arg(index);
    return returnAddressJson(data, data.range(salt, 1000, 9999),
                             QJsonObject{
                                 {QStringLiteral("address_name"), data.companyName(salt)},
                                 {QStringLiteral("address_line_1"),
                                  QStringLiteral("%1 Collins Street").arg(data.range(salt, 1, 400))},
                                 {QStringLiteral("address_line_2"), QString()},
                                 {QStringLiteral("address_city"), QStringLiteral("Melbourne")},
                                 {QStringLiteral("address_state"), QStringLiteral("VIC")},
                                 {QStringLiteral("address_postal_code"), QStringLiteral("3000")},
                                 {QStringLiteral("address_country"), QStringLiteral("AU")},
                             });
}

// Laravel-style pagination, as ClickSend lists everything.
QJsonObject paginated(const SimRequest& request, const QJsonArray& all, int defaultLimit)
{
    const int limit = limitParameter(request, QStringLiteral("limit"), defaultLimit, 100);
    bool ok = false;
    int page = request.queryValue(QStringLiteral("page")).toInt(&ok);
    page = ok ? std::max(1, page) : 1;
    const int total = int(all.size());
    const int lastPage = std::max(1, (total + limit - 1) / limit);
    QJsonArray rows;
    const int from = (page - 1) * limit;
    for (int i = from; i < std::min(total, from + limit); ++i)
        rows.append(all.at(i));
    const QString base = request.path + QStringLiteral("?page=%1");
    return QJsonObject{
        {QStringLiteral("total"), total},
        {QStringLiteral("per_page"), limit},
        {QStringLiteral("current_page"), page},
        {QStringLiteral("last_page"), lastPage},
        {QStringLiteral("next_page_url"),
         page < lastPage ? QJsonValue(base.arg(page + 1)) : QJsonValue::Null},
        {QStringLiteral("prev_page_url"), page > 1 ? QJsonValue(base.arg(page - 1)) : QJsonValue::Null},
        {QStringLiteral("from"), rows.isEmpty() ? QJsonValue::Null : QJsonValue(from + 1)},
        {QStringLiteral("to"), rows.isEmpty() ? QJsonValue::Null : QJsonValue(from + int(rows.size()))},
        {QStringLiteral("data"), rows},
    };
}

SimResponse listReturnAddresses(const SimData& data, const SimRequest& request)
{
    if (request.limited())
        return noPostAccess();
    const QJsonArray all{seededReturnAddress(data, 0), seededReturnAddress(data, 1)};
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Here are your records."),
                    paginated(request, all, 15));
}

std::optional<QJsonObject> jsonBody(const SimRequest& request)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

// A required text field: a non-empty string, or a number (ClickSend's own examples send postcodes
// both ways).
bool present(const QJsonObject& object, const QString& key)
{
    const QJsonValue value = object.value(key);
    return (value.isString() && !value.toString().trimmed().isEmpty()) || value.isDouble();
}

SimResponse createReturnAddress(const SimData& data, const SimRequest& request)
{
    if (request.limited())
        return noPostAccess();
    const std::optional<QJsonObject> body = jsonBody(request);
    if (!body)
        return badRequest(QStringLiteral("The request body is not valid JSON."));
    for (const char* key :
         {"address_name", "address_line_1", "address_city", "address_postal_code", "address_country"}) {
        if (!present(*body, QString::fromLatin1(key)))
            return badRequest(QStringLiteral("The %1 field is required.").arg(QString::fromLatin1(key)));
    }
    const qint64 id =
        data.range(QString(u"clicksend:new-return:" + body->value(QStringLiteral("address_name")).toString() +
                           body->value(QStringLiteral("address_line_1")).toString()),
                   10000, 99999);
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("New return address has been added."),
                    returnAddressJson(data, id, *body));
}

// unverified: the shape of the upload answer beyond data._url (seen in third-party code).
SimResponse upload(const SimData& data, const SimRequest& request)
{
    static const QStringList conversions = {QStringLiteral("fax"), QStringLiteral("mms"),
                                            QStringLiteral("csv"), QStringLiteral("post"),
                                            QStringLiteral("postcard")};
    const QString convert = request.queryValue(QStringLiteral("convert"));
    if (!conversions.contains(convert))
        return badRequest(QStringLiteral("The convert field is required."));
    const std::optional<QJsonObject> body = jsonBody(request);
    const QJsonValue content = body ? body->value(QStringLiteral("content")) : QJsonValue();
    if (!content.isString() || content.toString().isEmpty())
        return badRequest(QStringLiteral("The content field is required."));
    const auto decoded = QByteArray::fromBase64Encoding(content.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return badRequest(QStringLiteral("The content field must be base64 encoded."));
    const QByteArray bytes = *decoded;
    // Post takes a PDF as it is, or converts a Word document (a zip or an OLE file).
    const bool pdf = bytes.startsWith("%PDF-");
    const bool word = bytes.startsWith("PK\x03\x04") || bytes.startsWith("\xD0\xCF\x11\xE0");
    if (convert == u"post" && !pdf && !word)
        return badRequest(QStringLiteral("Unsupported file type."));
    const QString name =
        data.uuid(QString::fromLatin1(QByteArray("clicksend:upload:" + bytes.left(4096).toHex()))).toUpper();
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Your file has been uploaded."),
                    QJsonObject{{QStringLiteral("_url"),
                                 QStringLiteral("https://rest.clicksend.com/files/%1.pdf").arg(name)}});
}

struct LetterCheck
{
    QJsonObject body;
    QJsonArray recipients;
    std::optional<SimResponse> refusal;
};

LetterCheck checkLetter(const SimRequest& request)
{
    LetterCheck check;
    const std::optional<QJsonObject> body = jsonBody(request);
    if (!body) {
        check.refusal = badRequest(QStringLiteral("The request body is not valid JSON."));
        return check;
    }
    check.body = *body;
    const QString fileUrl = body->value(QStringLiteral("file_url")).toString();
    if (fileUrl.isEmpty()) {
        check.refusal = badRequest(QStringLiteral("The file_url field is required."));
        return check;
    }
    if (!fileUrl.startsWith(u"https://") && !fileUrl.startsWith(u"http://")) {
        check.refusal = badRequest(QStringLiteral("The file_url format is invalid."));
        return check;
    }
    for (const char* flag : {"template_used", "colour", "duplex", "priority_post"}) {
        const QJsonValue value = body->value(QString::fromLatin1(flag));
        if (!value.isUndefined() && !(value.isDouble() && (value.toInt() == 0 || value.toInt() == 1))) {
            check.refusal =
                badRequest(QStringLiteral("The %1 field must be 0 or 1.").arg(QString::fromLatin1(flag)));
            return check;
        }
    }
    check.recipients = body->value(QStringLiteral("recipients")).toArray();
    if (check.recipients.isEmpty()) {
        check.refusal = badRequest(QStringLiteral("The recipients field is required."));
        return check;
    }
    for (qsizetype i = 0; i < check.recipients.size(); ++i) {
        const QJsonObject recipient = check.recipients.at(i).toObject();
        for (const char* key : {"address_name", "address_line_1", "address_city", "address_postal_code",
                                "address_country", "return_address_id"}) {
            if (!present(recipient, QString::fromLatin1(key))) {
                check.refusal = badRequest(QStringLiteral("The recipients.%1.%2 field is required.")
                                               .arg(i)
                                               .arg(QString::fromLatin1(key)));
                return check;
            }
        }
    }
    return check;
}

// unverified: ClickSend's Australian letter prices are not recorded (clicksend.md §5). Illustrative:
// A$0.59 a page in black and white, A$0.89 in colour, A$0.60 more for priority post.
double letterPrice(int pages, bool colour, bool priority)
{
    return pages * (colour ? 0.89 : 0.59) + (priority ? 0.60 : 0.0);
}

int letterPages(const SimData& data, const QString& fileUrl)
{
    return int(data.range(QString(u"clicksend:pages:" + fileUrl), 1, 4));
}

QString money4(double amount)
{
    return QString::number(amount, 'f', 4);
}

QJsonObject letterJson(const SimData& data, const SimRequest& request, const QJsonObject& body,
                       const QJsonObject& recipient, qsizetype index, bool sent)
{
    const QString fileUrl = body.value(QStringLiteral("file_url")).toString();
    const bool colour = body.value(QStringLiteral("colour")).toInt() == 1;
    const bool priority = body.value(QStringLiteral("priority_post")).toInt() == 1;
    const int pages = letterPages(data, fileUrl);
    QJsonObject letter = recipient;
    letter.insert(QStringLiteral("user_id"), seededUserId(data));
    letter.insert(QStringLiteral("subaccount_id"), data.range(u"clicksend:sub-id", 100000, 999999));
    letter.insert(QStringLiteral("message_id"),
                  data.uuid(QStringLiteral("clicksend:letter:%1:%2:%3")
                                .arg(request.sequence)
                                .arg(index)
                                .arg(recipient.value(QStringLiteral("address_name")).toString()))
                      .toUpper());
    letter.insert(QStringLiteral("return_address_id"),
                  recipient.value(QStringLiteral("return_address_id")).toInteger());
    letter.insert(QStringLiteral("schedule"), recipient.value(QStringLiteral("schedule")).toInteger(0));
    letter.insert(QStringLiteral("post_pages"), pages);
    letter.insert(QStringLiteral("post_price"), money4(letterPrice(pages, colour, priority)));
    letter.insert(QStringLiteral("priority_post"), priority ? 1 : 0);
    letter.insert(QStringLiteral("date_added"), data.dateTime(u"clicksend:now", 0).toSecsSinceEpoch());
    letter.insert(QStringLiteral("status"), QStringLiteral("SUCCESS"));
    if (sent) {
        letter.insert(QStringLiteral("custom_string"),
                      recipient.value(QStringLiteral("custom_string")).toString());
        letter.insert(QStringLiteral("source"), body.value(QStringLiteral("source")).toString());
        letter.insert(QStringLiteral("colour"), colour ? 1 : 0);
        letter.insert(QStringLiteral("duplex"), body.value(QStringLiteral("duplex")).toInt());
        letter.insert(QStringLiteral("_file_url"), fileUrl);
        letter.insert(QStringLiteral("_return_address"), seededReturnAddress(data, 0));
        letter.insert(QStringLiteral("_api_username"),
                      basicCredentials(request).value_or(BasicCredentials{}).user);
    }
    return letter;
}

SimResponse priceLetter(const SimData& data, const SimRequest& request)
{
    if (request.limited())
        return noPostAccess();
    const LetterCheck check = checkLetter(request);
    if (check.refusal)
        return *check.refusal;
    QJsonArray recipients;
    double total = 0;
    for (qsizetype i = 0; i < check.recipients.size(); ++i) {
        const QJsonObject letter =
            letterJson(data, request, check.body, check.recipients.at(i).toObject(), i, false);
        total += letter.value(QStringLiteral("post_price")).toString().toDouble();
        recipients.append(letter);
    }
    // total_price is a number here, while each post_price is a string (as in the spec's example).
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Here are some results."),
                    QJsonObject{{QStringLiteral("total_price"), std::round(total * 10000) / 10000},
                                {QStringLiteral("total_cost"), double(check.recipients.size())},
                                {QStringLiteral("recipients"), recipients}});
}

// The letters this simulator sent, oldest first, as the history lists them.
using SentLetters = QList<QJsonObject>;

SimResponse sendLetter(const SimData& data, SentLetters& kept, const SimRequest& request)
{
    if (request.limited())
        return noPostAccess();
    const LetterCheck check = checkLetter(request);
    if (check.refusal)
        return *check.refusal;
    QJsonArray recipients;
    double total = 0;
    for (qsizetype i = 0; i < check.recipients.size(); ++i) {
        const QJsonObject letter =
            letterJson(data, request, check.body, check.recipients.at(i).toObject(), i, true);
        total += letter.value(QStringLiteral("post_price")).toString().toDouble();
        recipients.append(letter);
    }
    // unverified: the status and wording of ClickSend's low-balance refusal (the quick-start docs
    // only name INSUFFICIENT_CREDIT).
    if (total > seededBalance(data))
        return envelope(400, QStringLiteral("INSUFFICIENT_CREDIT"),
                        QStringLiteral("You have insufficient credit. Please top up your account."),
                        QJsonValue::Null);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (qsizetype i = 0; i < recipients.size(); ++i) {
        QJsonObject letter = recipients.at(i).toObject();
        letter.insert(QStringLiteral("date_added"), now);
        recipients[i] = letter;
        kept.append(letter);
    }
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Letters queued for delivery."),
                    QJsonObject{{QStringLiteral("recipients"), recipients},
                                {QStringLiteral("_currency"), currencyJson()}});
}

SimResponse letterHistory(const SimData& data, const SentLetters& kept, const SimRequest& request)
{
    if (request.limited())
        return noPostAccess();
    // The letters sent here, newest first; then 23 seeded letters sent over the last months.
    // unverified: statuses other than SUCCESS.
    QJsonArray all;
    for (auto it = kept.crbegin(); it != kept.crend(); ++it)
        all.append(*it);
    const QDateTime now = data.dateTime(u"clicksend:now", 0);
    for (int i = 0; i < 23; ++i) {
        const QString salt = QStringLiteral("clicksend:history:%1").arg(i);
        const int pages = int(data.range(salt, 1, 4));
        const bool colour = data.chance(QString(salt + u":colour"), 30);
        all.append(QJsonObject{
            {QStringLiteral("user_id"), seededUserId(data)},
            {QStringLiteral("subaccount_id"), data.range(u"clicksend:sub-id", 100000, 999999)},
            {QStringLiteral("message_id"), data.uuid(salt).toUpper()},
            {QStringLiteral("address_name"), QString(data.firstName(salt) + u' ' + data.lastName(salt))},
            {QStringLiteral("address_line_1"),
             QStringLiteral("%1 George Street").arg(data.range(salt, 1, 500))},
            {QStringLiteral("address_line_2"), QString()},
            {QStringLiteral("address_city"), QStringLiteral("Sydney")},
            {QStringLiteral("address_state"), QStringLiteral("NSW")},
            // A number in some rows, as in the spec's example.
            {QStringLiteral("address_postal_code"),
             i % 2 == 0 ? QJsonValue(2000) : QJsonValue(QStringLiteral("2000"))},
            {QStringLiteral("address_country"), QStringLiteral("AU")},
            {QStringLiteral("return_address_id"),
             seededReturnAddress(data, 0).value(QStringLiteral("return_address_id"))},
            {QStringLiteral("schedule"), 0},
            {QStringLiteral("colour"), colour ? 1 : 0},
            {QStringLiteral("duplex"), 0},
            {QStringLiteral("post_pages"), pages},
            {QStringLiteral("post_price"), money4(letterPrice(pages, colour, false))},
            {QStringLiteral("priority_post"), 0},
            {QStringLiteral("date_added"), now.addDays(-3 * i).toSecsSinceEpoch()},
            {QStringLiteral("custom_string"), QStringLiteral("campaign-%1").arg(i)},
            {QStringLiteral("status"), QStringLiteral("SUCCESS")},
        });
    }
    return envelope(200, QStringLiteral("SUCCESS"), QStringLiteral("Here is your history."),
                    paginated(request, all, 15));
}

} // namespace

ProviderSpec clickSendSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::ClickSend;

    spec.authenticate = [](const SimRequest& request) {
        return basicAuthOutcome(request);
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // unverified: clicksend.md expects the envelope with a non-SUCCESS code such as UNAUTHORIZED.
        return envelope(401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("Invalid credentials."),
                        QJsonValue::Null);
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: a throttled request gets 429 per a third-party summary; the code name is a guess.
        return envelope(429, QStringLiteral("TOO_MANY_REQUESTS"), QStringLiteral("Too many requests."),
                        QJsonValue::Null);
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: only 400 BAD_REQUEST appears in the spec.
        return envelope(status, QStringLiteral("INTERNAL_SERVER_ERROR"),
                        QStringLiteral("Something went wrong."), QJsonValue::Null);
    };
    spec.notFound = [](const SimRequest&) {
        return envelope(404, QStringLiteral("NOT_FOUND"), QStringLiteral("Resource not found."),
                        QJsonValue::Null);
    };

    spec.routes.add("GET", QStringLiteral("/v3/account"),
                    [data](const SimRequest& request) { return account(data, request); });
    spec.routes.add("GET", QStringLiteral("/v3/post/return-addresses"),
                    [data](const SimRequest& request) { return listReturnAddresses(data, request); });
    spec.routes.add("POST", QStringLiteral("/v3/post/return-addresses"),
                    [data](const SimRequest& request) { return createReturnAddress(data, request); });
    spec.routes.add("POST", QStringLiteral("/v3/uploads"),
                    [data](const SimRequest& request) { return upload(data, request); });
    spec.routes.add("POST", QStringLiteral("/v3/post/letters/price"),
                    [data](const SimRequest& request) { return priceLetter(data, request); });
    auto kept = std::make_shared<SentLetters>();
    spec.forget = [kept] {
        kept->clear();
    };
    spec.routes.add("POST", QStringLiteral("/v3/post/letters/send"),
                    [data, kept](const SimRequest& request) { return sendLetter(data, *kept, request); });
    spec.routes.add("GET", QStringLiteral("/v3/post/letters/history"),
                    [data, kept](const SimRequest& request) { return letterHistory(data, *kept, request); });
    return spec;
}

} // namespace agency::sim
