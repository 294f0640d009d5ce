#include "clicksendjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <climits>

namespace agency {

namespace {

const QString kSuccess = QStringLiteral("SUCCESS");
// Free text identifying the caller on each letter (the SDKs send "sdk").
const QString kSource = QStringLiteral("AgencyOSConsole");

// Reads fields of one JSON object, remembering the first problem met. Absent and null are the same
// for optional fields.
class FieldReader
{
public:
    FieldReader(const QJsonObject& object, QString what)
        : m_object(object)
        , m_what(std::move(what))
    {}

    /// A string; a whole number is read as its digits (ClickSend writes postcodes both ways).
    QString text(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return QString();
        }
        if (value.isString())
            return value.toString();
        if (value.isDouble() && isWhole(value.toDouble()))
            return QString::number(qint64(value.toDouble()));
        fail(key, QStringLiteral("is not a string"));
        return QString();
    }

    /// A whole number, or a string of digits (ids appear both ways).
    std::optional<qint64> integer(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return std::nullopt;
        }
        if (value.isDouble() && isWhole(value.toDouble()))
            return qint64(value.toDouble());
        if (value.isString()) {
            bool ok = false;
            const qint64 number = value.toString().toLongLong(&ok);
            if (ok)
                return number;
        }
        fail(key, QStringLiteral("is not a whole number"));
        return std::nullopt;
    }

    /// ClickSend's 0/1 flags.
    bool flag(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        const std::optional<qint64> number = integer(key);
        if (number && *number != 0 && *number != 1)
            fail(key, QStringLiteral("is not 0 or 1"));
        return number.value_or(0) == 1;
    }

    /// A decimal amount, written as a string ("13.4200") or a number (1.87).
    std::optional<Money> money(const QString& key, const CurrencyCode& currency, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return std::nullopt;
        }
        QString decimal;
        if (value.isString())
            decimal = value.toString().trimmed();
        else if (value.isDouble())
            decimal = QString::number(value.toDouble(), 'f', 6);
        const std::optional<Money> amount =
            decimal.isEmpty() ? std::nullopt : Money::parse(QString(decimal + u' ' + currency));
        if (!amount)
            fail(key, QStringLiteral("is not a decimal amount"));
        return amount;
    }

    /// Unix seconds; 0 means "not set".
    std::optional<QDateTime> unixTime(const QString& key)
    {
        const std::optional<qint64> seconds = integer(key);
        if (!seconds || *seconds <= 0)
            return std::nullopt;
        return QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
    }

    QJsonObject object(const QString& key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isObject())
            return value.toObject();
        if (required || !(value.isUndefined() || value.isNull()))
            fail(key, required && (value.isUndefined() || value.isNull())
                          ? QStringLiteral("is missing")
                          : QStringLiteral("is not an object"));
        return QJsonObject();
    }

    QJsonArray array(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isArray())
            fail(key, QStringLiteral("is not an array"));
        return value.toArray();
    }

    PostalAddress address()
    {
        PostalAddress address;
        address.name = text(QStringLiteral("address_name"));
        address.line1 = text(QStringLiteral("address_line_1"));
        address.line2 = text(QStringLiteral("address_line_2"));
        address.city = text(QStringLiteral("address_city"));
        address.state = text(QStringLiteral("address_state"));
        address.postcode = text(QStringLiteral("address_postal_code"));
        address.country = text(QStringLiteral("address_country"));
        return address;
    }

    QString problem() const { return m_problem; }
    bool ok() const { return m_problem.isEmpty(); }
    void fail(const QString& key, const QString& what)
    {
        if (m_problem.isEmpty())
            m_problem = m_what + u'.' + key + u' ' + what;
    }

private:
    static bool isWhole(double number) { return number == double(qint64(number)); }

    const QJsonObject& m_object;
    QString m_what;
    QString m_problem;
};

int toInt(std::optional<qint64> value)
{
    return value && *value >= INT_MIN && *value <= INT_MAX ? int(*value) : 0;
}

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::ClickSendJson", text);
}

} // namespace

Result<QJsonValue, QString> ClickSendJson::data(const QJsonObject& envelope)
{
    const QJsonValue code = envelope.value(QStringLiteral("response_code"));
    if (!code.isString())
        return failure(QStringLiteral("envelope.response_code is not a string"));
    if (code.toString() != kSuccess)
        return failure(QStringLiteral("envelope.response_code is %1, not SUCCESS").arg(code.toString()));
    if (!envelope.contains(QStringLiteral("data")))
        return failure(QStringLiteral("envelope.data is missing"));
    return envelope.value(QStringLiteral("data"));
}

Result<ClickSendAccount, QString> ClickSendJson::account(const QJsonObject& data)
{
    FieldReader read(data, QStringLiteral("account"));
    ClickSendAccount account;
    account.userId = read.integer(QStringLiteral("user_id"), true).value_or(0);
    account.username = read.text(QStringLiteral("username"));
    account.accountName = read.text(QStringLiteral("account_name"));
    account.country = read.text(QStringLiteral("country"));
    account.onTrial = read.flag(QStringLiteral("on_trial"));
    account.banned = read.flag(QStringLiteral("banned"));
    const QJsonObject currency = read.object(QStringLiteral("_currency"), true);
    if (!read.ok())
        return failure(read.problem());
    FieldReader readCurrency(currency, QStringLiteral("account._currency"));
    const QString code = readCurrency.text(QStringLiteral("currency_name_short"), true).toUpper();
    if (!readCurrency.ok())
        return failure(readCurrency.problem());
    if (code.size() != 3)
        return failure(QStringLiteral("account._currency.currency_name_short is not a currency code"));
    account.balance = read.money(QStringLiteral("balance"), code, true).value_or(Money());
    const QJsonObject subaccount = read.object(QStringLiteral("_subaccount"));
    if (!subaccount.isEmpty() && subaccount.contains(QStringLiteral("access_post"))) {
        FieldReader readSubaccount(subaccount, QStringLiteral("account._subaccount"));
        account.postAccess = readSubaccount.flag(QStringLiteral("access_post"));
        if (!readSubaccount.ok())
            return failure(readSubaccount.problem());
    }
    if (!read.ok())
        return failure(read.problem());
    return account;
}

Result<ReturnAddress, QString> ClickSendJson::returnAddress(const QJsonObject& object)
{
    FieldReader read(object, QStringLiteral("return_address"));
    ReturnAddress address;
    address.id = read.integer(QStringLiteral("return_address_id"), true).value_or(0);
    address.address = read.address();
    if (!read.ok())
        return failure(read.problem());
    return address;
}

Result<ReturnAddressPage, QString> ClickSendJson::returnAddressPage(const QJsonObject& data)
{
    FieldReader read(data, QStringLiteral("return_addresses"));
    ReturnAddressPage page;
    page.currentPage = toInt(read.integer(QStringLiteral("current_page")));
    page.lastPage = toInt(read.integer(QStringLiteral("last_page")));
    const QJsonArray items = read.array(QStringLiteral("data"));
    if (!read.ok())
        return failure(read.problem());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return failure(QStringLiteral("return_addresses.data[%1] is not an object").arg(i));
        Result<ReturnAddress, QString> address = returnAddress(items.at(i).toObject());
        if (!address)
            return failure(QStringLiteral("return_addresses.data[%1]: %2").arg(i).arg(address.error()));
        page.addresses.append(std::move(address).value());
    }
    return page;
}

Result<LetterQuote, QString> ClickSendJson::letterQuote(const QJsonObject& data, const CurrencyCode& currency)
{
    FieldReader read(data, QStringLiteral("price"));
    LetterQuote quote;
    quote.total = read.money(QStringLiteral("total_price"), currency, true).value_or(Money());
    const QJsonArray recipients = read.array(QStringLiteral("recipients"));
    if (!read.ok())
        return failure(read.problem());
    for (qsizetype i = 0; i < recipients.size(); ++i) {
        const QJsonObject object = recipients.at(i).toObject();
        FieldReader line(object, QStringLiteral("price.recipients[%1]").arg(i));
        LetterQuoteLine quoteLine;
        quoteLine.address = line.address();
        quoteLine.pages = toInt(line.integer(QStringLiteral("post_pages"), true));
        quoteLine.price = line.money(QStringLiteral("post_price"), currency, true).value_or(Money());
        quoteLine.status = line.text(QStringLiteral("status"));
        if (!recipients.at(i).isObject())
            line.fail(QStringLiteral("recipient"), QStringLiteral("is not an object"));
        if (!line.ok())
            return failure(line.problem());
        quote.recipients.append(quoteLine);
    }
    return quote;
}

Result<Letter, QString> ClickSendJson::letter(const QJsonObject& object, const CurrencyCode& currency)
{
    FieldReader read(object, QStringLiteral("letter"));
    Letter letter;
    letter.messageId = read.text(QStringLiteral("message_id"), true);
    letter.address = read.address();
    letter.returnAddressId = read.integer(QStringLiteral("return_address_id")).value_or(0);
    letter.status = read.text(QStringLiteral("status"), true);
    letter.pages = toInt(read.integer(QStringLiteral("post_pages")));
    letter.price = read.money(QStringLiteral("post_price"), currency).value_or(Money::zero(currency));
    letter.colour = read.flag(QStringLiteral("colour"));
    letter.duplex = read.flag(QStringLiteral("duplex"));
    letter.priorityPost = read.flag(QStringLiteral("priority_post"));
    letter.customString = read.text(QStringLiteral("custom_string"));
    letter.dateAdded = read.unixTime(QStringLiteral("date_added")).value_or(QDateTime());
    letter.schedule = read.unixTime(QStringLiteral("schedule"));
    if (!read.ok())
        return failure(read.problem());
    if (letter.messageId.isEmpty())
        return failure(QStringLiteral("letter.message_id is empty"));
    letter.raw = object;
    return letter;
}

Result<LetterSendResult, QString> ClickSendJson::sentLetters(const QJsonObject& data,
                                                             const CurrencyCode& fallbackCurrency)
{
    FieldReader read(data, QStringLiteral("send"));
    LetterSendResult result;
    result.currency = fallbackCurrency;
    const QJsonObject currency = read.object(QStringLiteral("_currency"));
    if (!currency.isEmpty()) {
        FieldReader readCurrency(currency, QStringLiteral("send._currency"));
        const QString code = readCurrency.text(QStringLiteral("currency_name_short"), true).toUpper();
        if (!readCurrency.ok() || code.size() != 3)
            return failure(QStringLiteral("send._currency.currency_name_short is not a currency code"));
        result.currency = code;
    }
    const QJsonArray recipients = read.array(QStringLiteral("recipients"));
    if (!read.ok())
        return failure(read.problem());
    for (qsizetype i = 0; i < recipients.size(); ++i) {
        if (!recipients.at(i).isObject())
            return failure(QStringLiteral("send.recipients[%1] is not an object").arg(i));
        Result<Letter, QString> sent = letter(recipients.at(i).toObject(), result.currency);
        if (!sent)
            return failure(QStringLiteral("send.recipients[%1]: %2").arg(i).arg(sent.error()));
        result.letters.append(std::move(sent).value());
    }
    return result;
}

Result<LetterHistoryPage, QString> ClickSendJson::letterHistory(const QJsonObject& data,
                                                                const CurrencyCode& currency)
{
    FieldReader read(data, QStringLiteral("history"));
    LetterHistoryPage page;
    page.total = toInt(read.integer(QStringLiteral("total"), true));
    page.perPage = toInt(read.integer(QStringLiteral("per_page")));
    page.currentPage = toInt(read.integer(QStringLiteral("current_page")));
    page.lastPage = toInt(read.integer(QStringLiteral("last_page")));
    const QJsonArray rows = read.array(QStringLiteral("data"));
    if (!read.ok())
        return failure(read.problem());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!rows.at(i).isObject())
            return failure(QStringLiteral("history.data[%1] is not an object").arg(i));
        Result<Letter, QString> row = letter(rows.at(i).toObject(), currency);
        if (!row)
            return failure(QStringLiteral("history.data[%1]: %2").arg(i).arg(row.error()));
        page.letters.append(std::move(row).value());
    }
    return page;
}

Result<QUrl, QString> ClickSendJson::uploadedUrl(const QJsonObject& data)
{
    FieldReader read(data, QStringLiteral("upload"));
    const QUrl url(read.text(QStringLiteral("_url"), true));
    if (!read.ok())
        return failure(read.problem());
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http"))
        return failure(QStringLiteral("upload._url is not an http(s) URL"));
    return url;
}

QJsonObject ClickSendJson::addressFields(const PostalAddress& address)
{
    QJsonObject fields{
        {QStringLiteral("address_name"), address.name},
        {QStringLiteral("address_line_1"), address.line1},
        {QStringLiteral("address_city"), address.city},
        {QStringLiteral("address_postal_code"), address.postcode},
        {QStringLiteral("address_country"), address.country},
    };
    if (!address.line2.isEmpty())
        fields.insert(QStringLiteral("address_line_2"), address.line2);
    if (!address.state.isEmpty())
        fields.insert(QStringLiteral("address_state"), address.state);
    return fields;
}

QJsonObject ClickSendJson::letterBody(const LetterRequest& request)
{
    QJsonArray recipients;
    for (const LetterRecipient& recipient : request.recipients) {
        QJsonObject fields = addressFields(recipient.address);
        fields.insert(QStringLiteral("return_address_id"), recipient.returnAddressId);
        if (recipient.schedule)
            fields.insert(QStringLiteral("schedule"), recipient.schedule->toSecsSinceEpoch());
        if (!recipient.customString.isEmpty())
            fields.insert(QStringLiteral("custom_string"), recipient.customString);
        recipients.append(fields);
    }
    return QJsonObject{
        {QStringLiteral("file_url"), request.fileUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("template_used"), request.templateUsed ? 1 : 0},
        {QStringLiteral("colour"), request.colour ? 1 : 0},
        {QStringLiteral("duplex"), request.duplex ? 1 : 0},
        {QStringLiteral("priority_post"), request.priorityPost ? 1 : 0},
        {QStringLiteral("source"), kSource},
        {QStringLiteral("recipients"), recipients},
    };
}

ProviderErrorInfo ClickSendJson::error(int status, const QByteArray& body)
{
    const QJsonObject envelope = QJsonDocument::fromJson(body).object();
    if (envelope.isEmpty())
        return {};
    const QString code = envelope.value(QStringLiteral("response_code")).toString();
    const QString message = envelope.value(QStringLiteral("response_msg")).toString();
    const bool success = status >= 200 && status < 300;
    if (success && (code.isEmpty() || code == kSuccess))
        return {};

    ProviderErrorInfo info;
    info.code = code;
    info.message = message;
    if (code == u"INSUFFICIENT_CREDIT") {
        info.message = tr("insufficient credit on the ClickSend account; top it up and try again");
        if (!message.isEmpty())
            info.message += QStringLiteral(" (") + message + u')';
        info.kind = IntegrationError::Kind::InvalidRequest;
    } else if (code == u"UNAUTHORIZED" || code == u"INVALID_CREDENTIALS" || code == u"MISSING_CREDENTIALS") {
        info.kind = IntegrationError::Kind::Auth;
    } else if (code == u"TOO_MANY_REQUESTS" || code == u"THROTTLED") {
        info.kind = IntegrationError::Kind::RateLimited;
    } else if (success) {
        // A 2xx envelope whose response_code is not SUCCESS is a refusal all the same.
        info.kind = IntegrationError::Kind::InvalidRequest;
    }
    if (info.message.isEmpty())
        info.message = code;
    return info;
}

} // namespace agency
