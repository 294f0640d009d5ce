#include "twiliojson.h"

#include "integrations/costing.h"
#include "model/catalogue.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <climits>

namespace agency {

namespace {

// Reads fields of one JSON object, remembering the first problem met. Absent and null are the same
// for optional fields; a value of the wrong type is a problem.
class FieldReader
{
public:
    FieldReader(const QJsonObject& object, QString what)
        : m_object(object)
        , m_what(std::move(what))
    {}

    QString requiredString(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isString() || value.toString().isEmpty()) {
            fail(key, value.isUndefined() || value.isNull() ? QStringLiteral("is missing")
                                                            : QStringLiteral("is not a non-empty string"));
            return QString();
        }
        return value.toString();
    }

    QString optionalString(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return QString();
        if (!value.isString()) {
            fail(key, QStringLiteral("is not a string"));
            return QString();
        }
        return value.toString();
    }

    std::optional<int> optionalInt(const QString& key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return std::nullopt;
        const double number = value.toDouble();
        if (!value.isDouble() || number != double(qint64(number)) || number < INT_MIN || number > INT_MAX) {
            fail(key, QStringLiteral("is not an integer"));
            return std::nullopt;
        }
        return int(number);
    }

    /// Twilio writes counts and durations as strings ("1", "42"); "" means not known yet.
    std::optional<int> optionalIntString(const QString& key)
    {
        const QString text = optionalString(key);
        if (text.isEmpty())
            return std::nullopt;
        bool ok = false;
        const int number = text.toInt(&ok);
        if (!ok || number < 0) {
            fail(key, QStringLiteral("is not a whole number in a string"));
            return std::nullopt;
        }
        return number;
    }

    /// "Fri, 24 May 2019 17:44:50 +0000"
    std::optional<QDateTime> optionalDate(const QString& key)
    {
        const QString text = optionalString(key);
        if (text.isEmpty())
            return std::nullopt;
        const QDateTime at = QDateTime::fromString(text, Qt::RFC2822Date);
        if (!at.isValid()) {
            fail(key, QStringLiteral("is not an RFC 2822 date"));
            return std::nullopt;
        }
        return at.toUTC();
    }

    /// Twilio's price: a decimal string, negative for a charge, with its ISO 4217 unit beside it.
    /// Returned as the charge, positive.
    std::optional<Money> optionalCharge(const QString& priceKey, const QString& unitKey)
    {
        const QString price = optionalString(priceKey);
        const QString unit = optionalString(unitKey);
        if (price.isEmpty())
            return std::nullopt;
        if (unit.size() != 3) {
            fail(unitKey, QStringLiteral("is not a currency code beside a price"));
            return std::nullopt;
        }
        const std::optional<Money> amount = Money::parse(QString(price + u' ' + unit.toUpper()));
        if (!amount) {
            fail(priceKey, QStringLiteral("is not a decimal amount"));
            return std::nullopt;
        }
        return Money::fromMicros(-amount->micros(), amount->currency());
    }

    QString problem() const { return m_problem; }
    bool ok() const { return m_problem.isEmpty(); }

private:
    void fail(const QString& key, const QString& what)
    {
        if (m_problem.isEmpty())
            m_problem = m_what + u'.' + key + u' ' + what;
    }

    const QJsonObject& m_object;
    QString m_what;
    QString m_problem;
};

} // namespace

TwilioMessageStatus TwilioJson::messageStatus(const QString& text)
{
    using S = TwilioMessageStatus;
    static const QHash<QString, S> statuses = {
        {QStringLiteral("accepted"), S::Accepted},
        {QStringLiteral("scheduled"), S::Scheduled},
        {QStringLiteral("canceled"), S::Canceled},
        {QStringLiteral("queued"), S::Queued},
        {QStringLiteral("sending"), S::Sending},
        {QStringLiteral("sent"), S::Sent},
        {QStringLiteral("delivered"), S::Delivered},
        {QStringLiteral("undelivered"), S::Undelivered},
        {QStringLiteral("failed"), S::Failed},
        {QStringLiteral("receiving"), S::Receiving},
        {QStringLiteral("received"), S::Received},
        {QStringLiteral("read"), S::Read},
        {QStringLiteral("partially_delivered"), S::PartiallyDelivered},
    };
    return statuses.value(text, S::Unknown);
}

TwilioCallStatus TwilioJson::callStatus(const QString& text)
{
    using S = TwilioCallStatus;
    static const QHash<QString, S> statuses = {
        {QStringLiteral("queued"), S::Queued},
        {QStringLiteral("ringing"), S::Ringing},
        {QStringLiteral("in-progress"), S::InProgress},
        {QStringLiteral("completed"), S::Completed},
        {QStringLiteral("busy"), S::Busy},
        {QStringLiteral("failed"), S::Failed},
        {QStringLiteral("no-answer"), S::NoAnswer},
        {QStringLiteral("canceled"), S::Canceled},
    };
    return statuses.value(text, S::Unknown);
}

Result<TwilioMessage, QString> TwilioJson::message(const QJsonObject& object)
{
    FieldReader read(object, QStringLiteral("message"));
    TwilioMessage message;
    message.sid = read.requiredString(QStringLiteral("sid"));
    message.accountSid = read.optionalString(QStringLiteral("account_sid"));
    message.messagingServiceSid = read.optionalString(QStringLiteral("messaging_service_sid"));
    message.from = read.optionalString(QStringLiteral("from"));
    message.to = read.optionalString(QStringLiteral("to"));
    message.body = read.optionalString(QStringLiteral("body"));
    message.statusText = read.requiredString(QStringLiteral("status"));
    message.status = messageStatus(message.statusText);
    message.direction = read.optionalString(QStringLiteral("direction"));
    message.numSegments = read.optionalIntString(QStringLiteral("num_segments"));
    message.price = read.optionalCharge(QStringLiteral("price"), QStringLiteral("price_unit"));
    message.errorCode = read.optionalInt(QStringLiteral("error_code"));
    message.errorMessage = read.optionalString(QStringLiteral("error_message"));
    message.dateCreated = read.optionalDate(QStringLiteral("date_created")).value_or(QDateTime());
    message.dateSent = read.optionalDate(QStringLiteral("date_sent"));
    message.dateUpdated = read.optionalDate(QStringLiteral("date_updated")).value_or(QDateTime());
    if (!read.ok())
        return failure(read.problem());
    if (message.price) {
        // Each segment is billed as a message; a Messaging Service reports 0 until it picks a sender.
        const qint64 units = std::max(1, message.numSegments.value_or(1));
        message.reportedCost = reportedCost(ProviderId::Twilio, QStringLiteral("send_sms"), *message.price,
                                            units, providerInfo(ProviderId::Twilio).unit, message.sid);
    }
    message.raw = object;
    return message;
}

Result<TwilioCall, QString> TwilioJson::call(const QJsonObject& object)
{
    FieldReader read(object, QStringLiteral("call"));
    TwilioCall call;
    call.sid = read.requiredString(QStringLiteral("sid"));
    call.accountSid = read.optionalString(QStringLiteral("account_sid"));
    call.from = read.optionalString(QStringLiteral("from"));
    call.to = read.optionalString(QStringLiteral("to"));
    call.statusText = read.requiredString(QStringLiteral("status"));
    call.status = callStatus(call.statusText);
    call.direction = read.optionalString(QStringLiteral("direction"));
    call.answeredBy = read.optionalString(QStringLiteral("answered_by"));
    call.durationSeconds = read.optionalIntString(QStringLiteral("duration"));
    call.price = read.optionalCharge(QStringLiteral("price"), QStringLiteral("price_unit"));
    call.dateCreated = read.optionalDate(QStringLiteral("date_created")).value_or(QDateTime());
    call.startTime = read.optionalDate(QStringLiteral("start_time"));
    call.endTime = read.optionalDate(QStringLiteral("end_time"));
    if (!read.ok())
        return failure(read.problem());
    if (call.price) {
        // Voice is billed per started minute.
        const qint64 minutes = std::max<qint64>(1, (qint64(call.durationSeconds.value_or(0)) + 59) / 60);
        call.reportedCost = reportedCost(ProviderId::Twilio, QStringLiteral("create_call"), *call.price,
                                         minutes, QStringLiteral("minute"), call.sid);
    }
    call.raw = object;
    return call;
}

Result<TwilioMessagePage, QString> TwilioJson::messagePage(const QJsonObject& object)
{
    const QJsonValue messages = object.value(QStringLiteral("messages"));
    if (!messages.isArray())
        return failure(QStringLiteral("page.messages is not an array"));
    FieldReader read(object, QStringLiteral("page"));
    TwilioMessagePage page;
    page.nextPageUri = read.optionalString(QStringLiteral("next_page_uri"));
    if (!read.ok())
        return failure(read.problem());
    const QJsonArray items = messages.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            return failure(QStringLiteral("page.messages[%1] is not an object").arg(i));
        Result<TwilioMessage, QString> message = TwilioJson::message(items.at(i).toObject());
        if (!message)
            return failure(QStringLiteral("page.messages[%1]: %2").arg(i).arg(message.error()));
        page.messages.append(std::move(message).value());
    }
    return page;
}

Result<TwilioAccountInfo, QString> TwilioJson::account(const QJsonObject& object)
{
    FieldReader read(object, QStringLiteral("account"));
    TwilioAccountInfo account;
    account.sid = read.requiredString(QStringLiteral("sid"));
    account.friendlyName = read.optionalString(QStringLiteral("friendly_name"));
    account.status = read.requiredString(QStringLiteral("status"));
    account.type = read.requiredString(QStringLiteral("type"));
    account.dateCreated = read.optionalDate(QStringLiteral("date_created")).value_or(QDateTime());
    if (!read.ok())
        return failure(read.problem());
    return account;
}

Result<Money, QString> TwilioJson::balance(const QJsonObject& object)
{
    FieldReader read(object, QStringLiteral("balance"));
    const QString amount = read.requiredString(QStringLiteral("balance"));
    const QString currency = read.requiredString(QStringLiteral("currency"));
    if (!read.ok())
        return failure(read.problem());
    const std::optional<Money> balance = Money::parse(QString(amount + u' ' + currency.toUpper()));
    if (!balance || currency.size() != 3)
        return failure(QStringLiteral("balance.balance \"%1 %2\" is not an amount").arg(amount, currency));
    return *balance;
}

ProviderErrorInfo TwilioJson::error(int status, const QByteArray& body)
{
    if (status >= 200 && status < 300)
        return {}; // Twilio reports failures with an HTTP status, never inside a 2xx body
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    if (object.isEmpty())
        return {};
    // Classic bodies carry "message"; RFC 9457 ones "detail" (or only "title").
    QString message = object.value(QStringLiteral("message")).toString().trimmed();
    if (message.isEmpty())
        message = object.value(QStringLiteral("detail")).toString().trimmed();
    if (message.isEmpty())
        message = object.value(QStringLiteral("title")).toString().trimmed();
    // "… is not a valid phone number (21211)": the code goes where Twilio's full stop was.
    if (message.endsWith(u'.'))
        message.chop(1);
    const QJsonValue codeValue = object.value(QStringLiteral("code"));
    const QString code = codeValue.isDouble() ? QString::number(codeValue.toInteger()) : codeValue.toString();
    ProviderErrorInfo info;
    info.code = code;
    info.message =
        code.isEmpty() || message.isEmpty() ? message : QString(message + QStringLiteral(" (") + code + u')');
    if (code == u"20003")
        info.kind = IntegrationError::Kind::Auth;
    else if (code == u"20429")
        info.kind = IntegrationError::Kind::RateLimited;
    return info;
}

} // namespace agency
