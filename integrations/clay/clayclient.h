#pragma once
// ClayClient: Clay as the paid enrichment fallback. Two documented ways in, two credentials:
//
//  * Table webhook (credential webhook_url, optional webhook_token sent as x-clay-webhook-auth):
//    submitRow() POSTs one lead as one row. Clay then runs the table's enrichment and waterfall
//    columns; the reply holds no enriched data. How the enriched row comes back is configured in
//    Clay (an HTTP API column posting to an endpoint such as a Supabase table) — outside this client,
//    which does NOT read webhook results. A webhook takes 50,000 rows in its lifetime.
//  * Public API v0 (credential api_key, header clay-api-key, https://api.clay.com/public/v0):
//    THE PATH THIS CLIENT USES TO GET ENRICHED FIELDS BACK — runRoutine() starts a Clay routine (the
//    enrichment packaged in Clay) for up to 100 items and routineResults() polls for its results.
//    Also createSearch() / runSearch() over Clay's people and company database (counted against the
//    period quota the answer reports), and GET /me as the credential check.
//
// Clay bills the workspace in credits that its answers never report: each billable call reserves
// the catalogue's high price per credit (A$0.077) and books an estimate at the low one (A$0.039).

#include "integrations/clay/claytypes.h"
#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class ClayClient : public ProviderClient
{
public:
    static constexpr qint64 kWebhookSubmissionLimit = 50'000; ///< rows per webhook, for its lifetime
    static constexpr int kMaxRoutineItems = 100;
    static constexpr int kMaxResultsPage = 100;
    static constexpr int kMaxSearchPage = 500;

    /// `context.credential` fields: api_key (Public API), webhook_url and webhook_token (both optional).
    /// The client must outlive every call it started.
    explicit ClayClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Clay; }
    /// GET /me with the API key: the user and workspace, and whether a table webhook is set up. A key
    /// without Public API access (403) is ValidLimited. With only a webhook there is no free test
    /// (a test row would use one of its 50,000 submissions): NoTestAvailable.
    QCoro::Task<AccountStatus> checkCredentials() override;

    bool hasWebhook() const { return !m_webhookUrl.isEmpty(); }

    /// POSTs one row to the table's webhook. Refused before sending when the webhook URL is not a Clay
    /// address (nor the Sandbox simulator's) or when options.submissionsSoFar says the 50,000 are used.
    QCoro::Task<Result<ClaySubmission, IntegrationError>>
    submitRow(ClayRow row, ClaySubmitOptions options = {}, CancelToken cancel = {});

    /// POST /routines/{routineId}/run with 1 to 100 items (202: the run's id). `creditsPerItem` is what
    /// the routine spends per item (Clay does not say); `webhookId` names a registered Clay webhook to
    /// notify when the run finishes.
    QCoro::Task<Result<ClayRoutineRunStarted, IntegrationError>>
    runRoutine(QString routineId, QList<ClayRoutineItem> items, qint64 creditsPerItem = 1,
               QString webhookId = {}, CancelToken cancel = {});
    /// GET /routines/run/{routineRunId}/results: progress while it runs (202), then a page of results;
    /// page on with the returned nextCursor.
    QCoro::Task<Result<ClayRoutineResults, IntegrationError>>
    routineResults(QString routineRunId, QString cursor = {}, int limit = 20, CancelToken cancel = {});

    /// POST /search/filters-mode: a search id. The filters' fields are listed by Clay per source type.
    QCoro::Task<Result<QString, IntegrationError>> createSearch(ClaySearchSource source, QJsonObject filters,
                                                                CancelToken cancel = {});
    /// POST /search/filters-mode/{searchId}/run: the next 1 to 500 records and the period quota. A
    /// spent quota is Clay's 402 (InvalidRequest, not retried).
    QCoro::Task<Result<ClaySearchPage, IntegrationError>> runSearch(QString searchId, int limit = 20,
                                                                    CancelToken cancel = {});

    /// Clay publishes no numbers (limits are per workspace): a conservative 5 requests a second.
    static PacingConfig documentedPacing();
    static Money worstCasePerCredit(); ///< the catalogue's high price per credit
    static Money estimatePerCredit();  ///< the catalogue's low price per credit

    /// Tests shrink every back-off wait with this factor.
    void setRetryTimeScale(double scale);
    const Endpoint& endpoint() const { return m_endpoint; }
    const Endpoint& webhookEndpoint() const { return m_webhook; }

private:
    QCoro::Task<Result<QJsonDocument, IntegrationError>> fetchJson(HttpRequest request, CancelToken cancel,
                                                                   std::optional<CostEvent>* cost = nullptr);
    IntegrationError notSent(const QString& why) const;
    IntegrationError notConfigured(const QString& why) const;
    std::optional<IntegrationError> missingKey() const;
    /// Why the webhook URL may not be used; empty when it may.
    QString webhookProblem() const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint; ///< the Public API, with clay-api-key
    Endpoint m_webhook;  ///< the table webhook, with x-clay-webhook-auth when a token is set
    QUrl m_webhookUrl;
};

} // namespace agency
