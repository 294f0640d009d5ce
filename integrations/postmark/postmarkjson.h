#pragma once
// PostmarkJson: Postmark's answers and its inbound webhook read into typed values, every field's type
// checked (a wrong type is a Decode error that names the field), and its {"ErrorCode","Message"} errors.

#include "integrations/http/endpoint.h"
#include "integrations/postmark/postmarktypes.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QJsonDocument>

namespace agency {

class PostmarkJson
{
public:
    static Result<PostmarkInboundPage, IntegrationError> parseInboundPage(const QJsonDocument& document);
    static Result<InboundMessage, IntegrationError> parseMessage(const QJsonDocument& document);
    /// The inbound webhook's body: the same fields as the details, without Status.
    static Result<InboundMessage, IntegrationError> parseWebhook(const QByteArray& body);
    static Result<PostmarkServer, IntegrationError> parseServer(const QJsonDocument& document);

    /// {"ErrorCode","Message"}: 10 (bad or missing token) is an auth failure whatever the status,
    /// 429 a rate limit and 100 (maintenance) a server failure.
    static ProviderErrorInfo parseError(int status, const QByteArray& body);

    static InboundStatus statusFromName(const QString& name);
    /// RFC 2822 as mail servers write it ("Thu, 5 Apr 2012 16:59:01 +0200 (CEST)") or ISO 8601.
    static QDateTime parseMailDate(const QString& text);
};

} // namespace agency
