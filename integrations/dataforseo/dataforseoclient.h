#pragma once
// DataForSeoClient: SEO metrics for a company's domain through DataForSEO v3 (HTTP Basic with the API
// login and password) — the Labs domain rank overview and the Backlinks summary, both live endpoints
// taking one task. DataForSEO answers almost everything with HTTP 200 and puts the outcome in
// status_code (20000 = ok) at the top and per task; the client reads both. Every call is billed from
// the answer's own `cost` (USD, reported); the free user_data call is the credential check.

#include "integrations/clientfactory.h"
#include "integrations/dataforseo/dataforseotypes.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class DataForSeoClient : public ProviderClient
{
public:
    static constexpr int kMaxRankRows = 1000; ///< domain_rank_overview's limit

    /// `context.credential` fields: login (API login) and password (API password). The client must
    /// outlive every call it started.
    explicit DataForSeoClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::DataForSeo; }
    /// GET /v3/appendix/user_data (free): the USD balance, limits and the Backlinks subscription.
    /// A login without an active Backlinks subscription is ValidLimited.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// POST /v3/dataforseo_labs/google/domain_rank_overview/live: organic and paid metrics per locale.
    QCoro::Task<Result<DataForSeoRankOverview, IntegrationError>>
    domainRankOverview(DataForSeoRankOverviewRequest request, CancelToken cancel = {});
    /// POST /v3/backlinks/summary/live. Without a Backlinks subscription: InvalidRequest that says so.
    QCoro::Task<Result<DataForSeoBacklinksSummary, IntegrationError>>
    backlinksSummary(DataForSeoBacklinksRequest request, CancelToken cancel = {});

    /// What the client reserves before sending (USD; the answer's `cost` settles it).
    static Money worstCaseRankOverview(int limit);
    static Money worstCaseBacklinksSummary();

    /// A steady flow well under the 2,000 requests a minute DataForSEO allows: its help centre asks
    /// for "a few hundred requests per minute" on live endpoints rather than bursts.
    static PacingConfig documentedPacing();

    /// Tests shrink every back-off wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    struct Answer
    {
        QJsonDocument document;
        std::optional<CostEvent> cost; ///< the event the core booked from the answer's `cost`
    };
    QCoro::Task<Result<Answer, IntegrationError>> post(QString path, QJsonArray tasks, QString operation,
                                                       Money worstCase, CancelToken cancel);
    IntegrationError notSent(const QString& why) const;
    std::optional<IntegrationError> missingCredential() const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
