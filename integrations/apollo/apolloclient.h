#pragma once
// ApolloClient: person and company lookup through Apollo's REST API (X-Api-Key) — one person by
// email, by name + employer domain or by LinkedIn URL; up to 10 people at once; a company by domain;
// the free People API Search. Credits are billed as estimates from the catalogue's unit price under
// Apollo's documented rules (1 credit per enriched record, +8 for a mobile number, 0 for a miss).

#include "integrations/apollo/apollotypes.h"
#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <QList>

#include <chrono>
#include <optional>

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class ApolloClient : public ProviderClient
{
public:
    static constexpr int kMaxBulkMatch = 10; ///< people per bulk_match request
    static constexpr int kMaxPerPage = 100;  ///< People API Search page size
    static constexpr int kMaxPage = 500;     ///< Apollo shows no page past 500 (50,000 records)
    static constexpr qint64 kCreditsPerRecord = 1;
    static constexpr qint64 kCreditsPerMobile = 8;

    /// `context.credential` field: api_key. The client must outlive every call it started.
    explicit ApolloClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Apollo; }
    /// GET /users/api_profile?include_credit_usage=true — free: the user, the team's credits and the
    /// x-rate-limit-* / x-*-usage / x-*-requests-left headers (per minute, hour and day) as details.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// POST /people/match with a JSON body. A miss is a success without a person (and costs nothing).
    /// A phone reveal needs reveal.webhookUrl: Apollo sends the numbers there later, so the answer
    /// only says the reveal is pending (and its 8 credits are counted now, as the worst case).
    QCoro::Task<Result<ApolloPersonMatch, IntegrationError>>
    matchPerson(ApolloPersonQuery query, ApolloRevealOptions reveal = {}, CancelToken cancel = {});
    /// POST /people/bulk_match with 1 to 10 people; matches come back in the same order. Billed from
    /// the answer's credits_consumed.
    QCoro::Task<Result<ApolloBulkMatch, IntegrationError>> bulkMatchPeople(QList<ApolloPersonQuery> people,
                                                                           ApolloRevealOptions reveal = {},
                                                                           CancelToken cancel = {});
    /// GET /organizations/enrich?domain=… (the domain is normalised first: no scheme, www. or @).
    QCoro::Task<Result<ApolloOrganizationMatch, IntegrationError>>
    enrichOrganization(QString domain, CancelToken cancel = {});
    /// POST /mixed_people/api_search: one page (1–100 per page, pages 1–500). Needs a master key
    /// (a normal key gets 403); costs no credits and returns no emails or phones.
    QCoro::Task<Result<ApolloPeoplePage, IntegrationError>> searchPeople(ApolloPeopleSearch search,
                                                                         CancelToken cancel = {});

    /// The lowest current plan's enrichment limit (Free: 50 per minute). Apollo's limits are per plan
    /// and per endpoint: every answer's x-rate-limit-minute re-paces a paced core (pacingFromHeaders).
    static PacingConfig documentedPacing();
    /// Never more than `requestsPerMinute` in any fixed minute, at ≥ 98 % of it.
    static PacingConfig pacingForMinuteLimit(int requestsPerMinute);
    /// The pacing for the allowance an answer reports in x-rate-limit-minute; nothing without it.
    static std::optional<PacingConfig> pacingFromHeaders(const HttpResponse& response);

    /// Apollo's rule for one person: 1 credit when a record is found, 8 more for a mobile number.
    static qint64 creditsForMatch(bool matched, bool mobile);
    /// The wait a 429 implies when it has no Retry-After: until the exhausted window (minute, hour or
    /// day, from x-*-requests-left) ends. Apollo's windows are fixed, so the whole window is assumed.
    static std::optional<std::chrono::milliseconds> retryAfterFromHeaders(const HttpResponse& response);

    /// Tests shrink every back-off wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    QCoro::Task<Result<QJsonDocument, IntegrationError>> fetchJson(HttpRequest request, CancelToken cancel);
    IntegrationError notSent(const QString& why) const;
    std::optional<IntegrationError> missingKey() const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
