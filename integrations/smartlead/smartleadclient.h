#pragma once
// SmartleadClient: cold-email campaigns through Smartlead — campaigns (list, get, create, start /
// pause / stop), adding leads (split into calls of kLeadsPerCall, results merged), email accounts,
// warmup settings and stats, and campaign statistics. The key travels as the api_key query parameter;
// the core masks it in every log line and error. Smartlead is a subscription: no call here is billed
// on its own, so no call reserves money or reports a cost event.

#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "integrations/smartlead/smartleadtypes.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class SmartleadClient : public ProviderClient
{
public:
    /// Leads per add-leads call: the current docs allow 400, older ones 100; 100 works with both.
    static constexpr int kLeadsPerCall = 100;
    static constexpr int kMaxPageSize = 100;

    /// `context.credential` field: api_key. The client must outlive every call it started.
    explicit SmartleadClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Smartlead; }
    /// GET /campaigns/: Valid with the campaign count and the rate limit the headers announce.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<QList<SmartleadCampaign>, IntegrationError>>
    listCampaigns(std::optional<qint64> clientId = std::nullopt);
    QCoro::Task<Result<SmartleadCampaign, IntegrationError>> campaign(qint64 campaignId);
    /// POST /campaigns/create: a new campaign in DRAFTED state.
    QCoro::Task<Result<SmartleadCreatedCampaign, IntegrationError>>
    createCampaign(SmartleadNewCampaign campaign);
    /// POST /campaigns/{id}/status: START (also resumes), PAUSED or STOPPED.
    QCoro::Task<Result<Done, IntegrationError>> setCampaignStatus(qint64 campaignId,
                                                                  SmartleadCampaignCommand command);

    /// POST /campaigns/{id}/leads, kLeadsPerCall at a time. A failure of the first call is returned as
    /// an error; a later failure ends the upload and is reported in SmartleadLeadUpload::stoppedBy.
    /// Not retried after it may have reached Smartlead (adding leads has no idempotency key).
    QCoro::Task<Result<SmartleadLeadUpload, IntegrationError>> addLeads(qint64 campaignId,
                                                                        QList<SmartleadLead> leads,
                                                                        SmartleadLeadSettings settings = {},
                                                                        CancelToken cancel = {});

    /// GET /campaigns/{id}/leads: one page (at most kMaxPageSize) of the campaign's leads, with each
    /// lead's state in the campaign — how a send whose answer was lost is found again.
    QCoro::Task<Result<SmartleadLeadPage, IntegrationError>>
    campaignLeads(qint64 campaignId, int offset = 0, int limit = kMaxPageSize, CancelToken cancel = {});

    QCoro::Task<Result<QList<SmartleadEmailAccount>, IntegrationError>> listEmailAccounts(int offset = 0,
                                                                                          int limit = 100);
    QCoro::Task<Result<SmartleadEmailAccount, IntegrationError>> emailAccount(qint64 accountId);
    /// POST /email-accounts/save. The mailbox password is masked in every log line and error.
    QCoro::Task<Result<SmartleadCreatedEmailAccount, IntegrationError>>
    createEmailAccount(SmartleadNewEmailAccount account);

    /// The account's warmup settings (its warmup_details); an account without any reads as disabled.
    QCoro::Task<Result<SmartleadWarmup, IntegrationError>> warmupSettings(qint64 accountId);
    QCoro::Task<Result<Done, IntegrationError>> updateWarmup(qint64 accountId, SmartleadWarmupUpdate update);
    QCoro::Task<Result<SmartleadWarmupStats, IntegrationError>> warmupStats(qint64 accountId);

    /// GET /campaigns/{id}/analytics: the campaign's totals.
    QCoro::Task<Result<SmartleadCampaignAnalytics, IntegrationError>> campaignAnalytics(qint64 campaignId);
    /// GET /campaigns/{id}/statistics: one row per email sent, paged.
    QCoro::Task<Result<SmartleadStatisticsPage, IntegrationError>>
    campaignStatistics(qint64 campaignId, SmartleadStatisticsQuery query = {});

    /// The Standard tier's limits: 1,000 requests an hour (the binding one for steady use) with bursts
    /// of up to 10 a second; 60 a minute is then never reached either.
    static PacingConfig documentedPacing();

    /// Tests shrink every back-off wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    QCoro::Task<Result<QJsonDocument, IntegrationError>> fetchJson(HttpRequest request,
                                                                   CancelToken cancel = {});
    IntegrationError notSent(const QString& why) const;
    std::optional<IntegrationError> missingKey() const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
