#pragma once
// TwilioClient: SMS and voice calls through Twilio's 2010 REST API (form-encoded requests, Basic auth
// with the account SID and auth token). Numbers are normalised to E.164 before they leave the app.
// Message and call creation have no idempotency key, so the core never sends them twice: after a
// crash, a send is reconciled with listMessages() (recipient and time window), never re-sent blindly.

#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "integrations/twilio/twiliotypes.h"
#include "model/result.h"

#include <QJsonObject>

#include <optional>

namespace agency {

class HttpCore;

class TwilioClient : public ProviderClient
{
public:
    /// `context.credential` fields: account_sid, auth_token.
    explicit TwilioClient(const ClientContext& context);

    /// Twilio limits concurrent REST requests per account (HTTP 429, error 20429) and publishes no
    /// request rate; message throughput per sender is queued by Twilio, not refused.
    static PacingConfig documentedPacing();
    /// What a text will cost before it is sent: its segments × the catalogue's SMS price (estimated).
    static CostEvent estimateSms(const QString& body);

    /// Tests shrink every retry wait with this factor (1 = real waits).
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

    ProviderId provider() const override { return ProviderId::Twilio; }
    /// The account (status, Trial or Full) and its balance: two free reads. A trial or suspended
    /// account is ValidLimited; only a refused credential is Invalid.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// Sends one SMS. Billable: reserves and records segments × the catalogue's SMS price (estimated);
    /// Twilio's own price arrives later through getMessage(). Never retried by the core.
    QCoro::Task<Result<SmsSendResult, IntegrationError>> sendSms(SmsRequest request, CancelToken cancel = {});
    /// One message: its status in the lifecycle, error code, and price once Twilio has rated it.
    QCoro::Task<Result<TwilioMessage, IntegrationError>> getMessage(QString sid, CancelToken cancel = {});
    /// Messages filtered by recipient, sender and time window, following next_page_uri; newest first.
    /// Twilio's date filter works on whole days, so the window is also applied here, exactly.
    QCoro::Task<Result<QList<TwilioMessage>, IntegrationError>> listMessages(MessageQuery query,
                                                                             CancelToken cancel = {});
    /// Places an outbound call that runs `url`'s TwiML (or inline `twiml`). Never retried by the core.
    /// Not reserved against a budget: the catalogue has no voice price; Twilio's price is reported
    /// by getCall() once the call is rated.
    QCoro::Task<Result<TwilioCall, IntegrationError>> createCall(CallRequest request,
                                                                 CancelToken cancel = {});
    QCoro::Task<Result<TwilioCall, IntegrationError>> getCall(QString sid, CancelToken cancel = {});

private:
    struct JsonReply
    {
        HttpResponse response;
        QJsonObject object;
    };

    /// Sends through the core and reads a JSON object from the answer.
    QCoro::Task<Result<JsonReply, IntegrationError>> call(HttpRequest request, CancelToken cancel);

    QString accountPath() const; ///< "/2010-04-01/Accounts/AC…"
    std::optional<IntegrationError> configurationError() const;
    /// A request refused here, before anything was sent: the sentence says why.
    IntegrationError refused(const QString& sentence) const;
    IntegrationError decodeError(const QString& problem, const HttpResponse& response) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
    QString m_accountSid;
    QString m_configurationProblem; ///< empty when the credential can be used
};

} // namespace agency
