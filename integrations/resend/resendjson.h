#pragma once
// ResendJson: Resend's JSON both ways — request bodies from ResendEmail, and answers read into the
// typed results with every field's type checked (a wrong type is a Decode error that says where).

#include "integrations/http/endpoint.h"
#include "integrations/resend/resendtypes.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace agency {

class ResendJson
{
public:
    /// Why Resend would refuse this email before it is sent, or nothing. `inBatch` adds the batch rules.
    static std::optional<QString> problemWith(const ResendEmail& email, bool inBatch);
    static QJsonObject emailObject(const ResendEmail& email);

    static Result<QString, IntegrationError> parseSendAnswer(const QJsonDocument& document);
    /// `sent` is the number of emails in the request: ids and errors are matched to them by position.
    static Result<ResendBatchResult, IntegrationError> parseBatchAnswer(const QJsonDocument& document,
                                                                        int sent);
    static Result<ResendEmailRecord, IntegrationError> parseEmail(const QJsonDocument& document);
    static Result<ResendEmailPage, IntegrationError> parseEmailPage(const QJsonDocument& document);
    /// Counts the ids of a batch answer without checking the rest (for the cost event).
    static int acceptedInBatchAnswer(const QByteArray& body);

    /// Resend's {"statusCode","name","message"} error body, with the auth cases made explicit.
    static ProviderErrorInfo parseError(int status, const QByteArray& body);
    /// "2023-04-03 22:13:42.674981+00" (Resend's created_at) or ISO 8601; invalid when neither.
    static QDateTime parseTimestamp(const QString& text);
    static ResendEmailEvent eventFromName(const QString& name);
};

} // namespace agency
