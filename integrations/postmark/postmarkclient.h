#pragma once
// PostmarkClient: the agency's inbound replies through Postmark — search the inbound messages, read
// one message's details, and read the inbound webhook's JSON into the same InboundMessage. The
// credential check reads the server the token belongs to. Postmark is not billed per call: no call
// of this client reserves or reports money.

#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/postmark/postmarktypes.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class PostmarkClient : public ProviderClient
{
public:
    static constexpr int kMaxPageSize = 500;

    /// `context.credential` field: server_token. The client must outlive every call it started.
    explicit PostmarkClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Postmark; }
    /// GET /server: Valid with the server's name and inbound address; a refused token is Invalid.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// GET /messages/inbound: newest first, `count` per page from `offset`, filtered.
    QCoro::Task<Result<PostmarkInboundPage, IntegrationError>> searchInbound(PostmarkInboundQuery query,
                                                                             CancelToken cancel = {});
    /// GET /messages/inbound/{id}/details: bodies, headers and attachments as well.
    QCoro::Task<Result<InboundMessage, IntegrationError>> inboundDetails(QString messageId,
                                                                         CancelToken cancel = {});
    /// GET /server, read into a value (the check uses it too).
    QCoro::Task<Result<PostmarkServer, IntegrationError>> server();

    /// The JSON Postmark POSTs to the server's inbound webhook URL, as a message.
    static Result<InboundMessage, IntegrationError> parseInboundWebhook(const QByteArray& body);

    /// Postmark documents no request rate for these endpoints: a polite assumption (see the .cpp).
    static PacingConfig documentedPacing();

    /// Tests shrink every back-off wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    QCoro::Task<Result<QJsonDocument, IntegrationError>> fetchJson(HttpRequest request, CancelToken cancel);
    IntegrationError notSent(const QString& why) const;
    std::optional<IntegrationError> missingToken() const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
