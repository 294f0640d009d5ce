#pragma once
// ApifyClient: Apify's REST API v2 — start an Actor run, poll it, read its dataset page by page, or
// run it synchronously — and the account check (user, plan, monthly usage against its limit).
// A run's cost is what Apify reports in usageTotalUsd once the run has finished.

#include "integrations/apify/apifytypes.h"
#include "integrations/clientfactory.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class ApifyClient : public ProviderClient
{
public:
    /// `context.credential` field: token. `context.baseUrl`: https://api.apify.com (or the simulator's).
    explicit ApifyClient(const ClientContext& context);

    /// The documented limits: 60 requests per second per resource (the tighter of Apify's two limits).
    static PacingConfig documentedPacing();

    ProviderId provider() const override { return ProviderId::Apify; }
    /// GET /v2/users/me and /v2/users/me/limits: plan, monthly usage against the limit. Free.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// POST /v2/actors/{actorId}/runs (201). Billable: reserves the run's cap (maxTotalChargeUsd) and
    /// reports that cap as an estimate, with the run id as reference, until reportRunCost() reports the
    /// real figure for the same run id.
    QCoro::Task<Result<ApifyRun, IntegrationError>> startRun(ApifyStartRunRequest request);
    /// GET /v2/actor-runs/{runId}[?waitForFinish=s] (0–60 s long poll). Never reports a cost.
    QCoro::Task<Result<ApifyRun, IntegrationError>> pollRun(QString runId, int waitForFinishSecs = 0);
    /// Reads a finished run once more and reports its usageTotalUsd as the run's cost (reported, the
    /// run id as reference). Call it once per run, about 10 s after it finished (the first read after
    /// the end may still be preliminary). A run still in progress comes back without a cost.
    QCoro::Task<Result<ApifyRun, IntegrationError>> reportRunCost(QString runId);
    /// POST /v2/actor-runs/{runId}/abort: stops a run that is starting or running (status ABORTING,
    /// then ABORTED); a finished run comes back as it is. Free in itself; what the run used until then
    /// is still charged (read it with reportRunCost).
    QCoro::Task<Result<ApifyRun, IntegrationError>> abortRun(QString runId);
    /// GET /v2/datasets/{datasetId}/items: a bare JSON array; paging from the X-Apify-Pagination-* headers.
    QCoro::Task<Result<ApifyItemsPage, IntegrationError>> datasetItems(ApifyDatasetItemsRequest request);
    /// POST /v2/actors/{actorId}/run-sync-get-dataset-items (201). Apify answers 408 after 300 s while
    /// the run goes on (a Timeout error, outcome unknown); use startRun for long jobs. The answer holds
    /// no run id and no cost, so the cost is estimated at the run's cap.
    QCoro::Task<Result<ApifyItemsPage, IntegrationError>> runSyncGetDatasetItems(ApifyRunSyncRequest request);

    /// The cap sent (and reserved) for runs whose options set none. US$5 unless changed.
    void setDefaultMaxTotalCharge(Money cap) { m_defaultCap = std::move(cap); }
    Money defaultMaxTotalCharge() const { return m_defaultCap; }
    /// Tests shrink every retry wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    QCoro::Task<Result<ApifyRun, IntegrationError>> readRun(QString runId, int waitForFinishSecs,
                                                            bool reportCost);
    std::optional<IntegrationError> missingToken() const;
    IntegrationError invalidArgument(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
    QString m_token;
    Money m_defaultCap;
};

} // namespace agency
