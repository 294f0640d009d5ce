#pragma once
// ClickSendJson: reads ClickSend v3 answers — the {http_code, response_code, response_msg, data}
// envelope, the account, return addresses, letter prices, sent letters and history — into typed
// values, and writes letter requests. Field types are checked; where ClickSend's own examples
// disagree (a postcode or an id as a number in one place and a string in another) both are read.

#include "integrations/clicksend/clicksendtypes.h"
#include "integrations/http/endpoint.h"
#include "model/result.h"

#include <QJsonObject>
#include <QJsonValue>

namespace agency {

struct ReturnAddressPage
{
    QList<ReturnAddress> addresses;
    int currentPage = 0;
    int lastPage = 0;
};

class ClickSendJson
{
public:
    /// The envelope's `data` member, when response_code is SUCCESS.
    static Result<QJsonValue, QString> data(const QJsonObject& envelope);

    static Result<ClickSendAccount, QString> account(const QJsonObject& data);
    static Result<ReturnAddress, QString> returnAddress(const QJsonObject& object);
    static Result<ReturnAddressPage, QString> returnAddressPage(const QJsonObject& data);
    /// `currency`: the account's (the price answer names none).
    static Result<LetterQuote, QString> letterQuote(const QJsonObject& data, const CurrencyCode& currency);
    static Result<Letter, QString> letter(const QJsonObject& object, const CurrencyCode& currency);
    /// Letters in the send answer, in the currency its `_currency` names (else `fallbackCurrency`).
    static Result<LetterSendResult, QString> sentLetters(const QJsonObject& data,
                                                         const CurrencyCode& fallbackCurrency);
    static Result<LetterHistoryPage, QString> letterHistory(const QJsonObject& data,
                                                            const CurrencyCode& currency);
    /// The converted file's URL from an upload answer.
    static Result<QUrl, QString> uploadedUrl(const QJsonObject& data);

    static QJsonObject addressFields(const PostalAddress& address);
    static QJsonObject letterBody(const LetterRequest& request);

    /// The envelope's response_msg and response_code; a 2xx answer whose response_code is not
    /// SUCCESS is a failure too. INSUFFICIENT_CREDIT is spelt out, UNAUTHORIZED is an auth failure.
    static ProviderErrorInfo error(int status, const QByteArray& body);
};

} // namespace agency
