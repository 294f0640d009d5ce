#pragma once
// HeyReachClient: LinkedIn campaigns through HeyReach's public API (shared/providers/heyreach.md) —
// the key check, campaigns and their leads, adding leads, pause and resume, sender accounts and stats.
//
// Cost: HeyReach is a subscription per LinkedIn sender seat (the catalogue's A$122/seat/month); no call
// is billed on its own, so no operation reserves budget or reports a CostEvent.
//
// HeyReach spells most reads as POSTs; those carry an Idempotency-Key (which HeyReach ignores) so that the
// core may retry them after a 429 or an outage. Writes carry none and are sent once.

#include "integrations/clientfactory.h"
#include "integrations/heyreach/heyreachtypes.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class HeyReachClient : public ProviderClient
{
public:
    /// AddLeadsToCampaignV2 takes at most this many leads in one request (heyreach.md § 3.3).
    static constexpr int kMaxLeadsPerRequest = 100;
    /// List calls return at most this many items a page (heyreach.md § 3.1).
    static constexpr int kMaxPageSize = 100;

    /// `context.credential` field: api_key (sent as X-API-KEY).
    explicit HeyReachClient(const ClientContext& context);

    /// 300 requests a minute, shared by every endpoint (heyreach.md § 4).
    static PacingConfig documentedPacing();
    /// True for https://www.linkedin.com/in/<slug> (an optional trailing slash), the shape HeyReach keys
    /// leads on.
    static bool isLinkedInProfileUrl(const QString& url);

    /// Tests shrink every retry wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }

    ProviderId provider() const override { return ProviderId::HeyReach; }
    /// GET /auth/CheckApiKey (200, empty body = valid), then the sender accounts for the details.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<HeyReachPage<HeyReachCampaign>, IntegrationError>>
    listCampaigns(HeyReachListCampaignsRequest request);
    QCoro::Task<Result<HeyReachCampaign, IntegrationError>> campaign(qint64 campaignId);
    /// The JSON body addLeads() posts for this request (as a preview shows it).
    static QJsonObject addLeadsBody(const HeyReachAddLeadsRequest& request);
    /// Checks every lead (LinkedIn URL shape, custom fields, no repeats) and the batch size before anything
    /// is sent. Not retried: HeyReach has no idempotency key.
    QCoro::Task<Result<HeyReachAddLeadsResult, IntegrationError>> addLeads(HeyReachAddLeadsRequest request);
    QCoro::Task<Result<Done, IntegrationError>> pauseCampaign(qint64 campaignId);
    /// Resumes a PAUSED, FINISHED or FAILED campaign (HeyReach refuses a DRAFT one).
    QCoro::Task<Result<Done, IntegrationError>> resumeCampaign(qint64 campaignId);
    QCoro::Task<Result<HeyReachPage<HeyReachCampaignLead>, IntegrationError>>
    campaignLeads(HeyReachCampaignLeadsRequest request);
    QCoro::Task<Result<HeyReachPage<HeyReachSenderAccount>, IntegrationError>>
    senderAccounts(int offset = 0, int limit = 100);
    QCoro::Task<Result<HeyReachOverallStats, IntegrationError>> overallStats(HeyReachStatsRequest request);

private:
    struct JsonReply
    {
        HttpResponse response;
        QJsonObject object;
    };
    /// Sends and reads a JSON object back.
    QCoro::Task<Result<JsonReply, IntegrationError>> sendForObject(HttpRequest request);
    /// A read that HeyReach spells as a POST with a JSON body.
    QCoro::Task<Result<JsonReply, IntegrationError>> postRead(QString path, QJsonObject body,
                                                              QString operation);
    QCoro::Task<Result<Done, IntegrationError>> campaignControl(QString path, qint64 campaignId,
                                                                QString operation);
    IntegrationError notSent(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
