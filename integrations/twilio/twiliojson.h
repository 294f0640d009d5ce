#pragma once
// TwilioJson: reads the 2010 API's JSON (messages, calls, pages, the account, the balance, error
// bodies) into typed values. Every field's type is checked: an odd body is a problem described in
// words ("message.price is not a string"), never a crash or a silently taken default.

#include "integrations/http/endpoint.h"
#include "integrations/twilio/twiliotypes.h"
#include "model/result.h"

#include <QJsonObject>

namespace agency {

struct TwilioAccountInfo
{
    QString sid;
    QString friendlyName;
    QString status; ///< active | suspended | closed
    QString type;   ///< Trial | Full
    QDateTime dateCreated;
};

struct TwilioMessagePage
{
    QList<TwilioMessage> messages;
    QString nextPageUri; ///< empty at the end
};

class TwilioJson
{
public:
    static Result<TwilioMessage, QString> message(const QJsonObject& object);
    static Result<TwilioCall, QString> call(const QJsonObject& object);
    static Result<TwilioMessagePage, QString> messagePage(const QJsonObject& object);
    /// The account, without its auth_token (never read, so it cannot be shown or logged).
    static Result<TwilioAccountInfo, QString> account(const QJsonObject& object);
    static Result<Money, QString> balance(const QJsonObject& object);

    /// The classic {code, message, more_info, status} body or the RFC 9457 {title, detail, code}
    /// one: "The 'To' number … is not a valid phone number (21211)"; 20003 means a refused
    /// credential, 20429 a rate limit.
    static ProviderErrorInfo error(int status, const QByteArray& body);

    static TwilioMessageStatus messageStatus(const QString& text);
    static TwilioCallStatus callStatus(const QString& text);
};

} // namespace agency
