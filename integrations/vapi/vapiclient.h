#pragma once
// VapiClient: Vapi's REST API (voice AI phone calls) — assistants and phone numbers as the credential
// check, outbound calls, and the calls' status, cost, transcript and recording.

#include "integrations/clientfactory.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "integrations/vapi/vapitypes.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class VapiClient : public ProviderClient
{
public:
    /// `context.credential` field: api_key (the organisation's private key; the public key is refused).
    explicit VapiClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Vapi; }
    /// GET /assistant and GET /phone-number: Valid with both counts; never places a call.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<QList<VapiAssistant>, IntegrationError>> listAssistants(int limit = 100);
    QCoro::Task<Result<QList<VapiPhoneNumber>, IntegrationError>> listPhoneNumbers(int limit = 100);

    /// POST /call: dials `request.customerNumber` now. Billable: reserves the call's longest duration
    /// at the catalogue's per-minute price, and records that estimate against the new call's id (the
    /// provider's own cost is known only once the call has ended: see getCall() and reportedCost()).
    /// Never retried: a second POST would place a second call. A Decode error here means Vapi accepted
    /// the call but its answer could not be read: look for the call with listCalls() before retrying.
    QCoro::Task<Result<VapiCall, IntegrationError>> createCall(VapiCallRequest request);
    /// The JSON body createCall() posts for `request` (a preview shows exactly this).
    static QJsonObject callBody(const VapiCallRequest& request);
    /// GET /call/{id}. Poll it until hasEnded() to read the final cost.
    QCoro::Task<Result<VapiCall, IntegrationError>> getCall(QString id);
    /// GET /call: newest first; page back with query.createdAtLt = the oldest createdAt received.
    QCoro::Task<Result<QList<VapiCall>, IntegrationError>> listCalls(VapiCallQuery query = {});

    /// The provider's own cost of an ended call (USD, reported), to settle the estimate recorded at
    /// creation; nullopt while the call has not ended or carries no cost.
    static std::optional<CostEvent> reportedCost(const VapiCall& call);
    /// What creating a call reserves: maxDurationMinutes (default 10, Vapi's default maximum) × the
    /// catalogue's per-minute price.
    static Money worstCaseCost(const VapiCallRequest& request);
    /// Why `number` is not an E.164 number ("+" then 8–15 digits, no leading 0); empty when it is.
    static QString e164Problem(const QString& number);

    /// No HTTP rate limit is published; 10 concurrent calls is the documented default call slot count.
    static PacingConfig documentedPacing();
    /// Tests shrink every back-off with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    template<typename T>
    QCoro::Task<Result<QList<T>, IntegrationError>> getList(QString path, QUrlQuery query,
                                                            Result<T, QString> (*parse)(const QJsonObject&));
    IntegrationError decodeError(const HttpResponse& response, const QString& detail) const;
    IntegrationError invalidArgument(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
