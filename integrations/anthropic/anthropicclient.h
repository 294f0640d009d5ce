#pragma once
// AnthropicClient: Claude's Messages API (non-streaming), token counting and the models list, plus a
// credential check that never sends a message. Each message is billed from its usage × the price
// table (AnthropicPriceTable); a model without a price is refused before anything is sent.

#include "integrations/anthropic/anthropicpricetable.h"
#include "integrations/anthropic/anthropictypes.h"
#include "integrations/clientfactory.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <memory>

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;
struct HttpResponse;

class AnthropicClient : public ProviderClient
{
public:
    /// `context.credential` field: api_key. `context.baseUrl`: https://api.anthropic.com (or the
    /// simulator's). Prices come from the built-in table until setPriceTable() replaces it.
    explicit AnthropicClient(const ClientContext& context);

    /// Usage tier 1 (the floor every account has): 50 requests per minute.
    static PacingConfig documentedPacing();

    ProviderId provider() const override { return ProviderId::Anthropic; }
    /// GET /v1/models?limit=1 (free): Valid, with the rate-limit headers in the details.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// POST /v1/messages. Billable: reserves worstCaseCost(request), reports usage × the price table.
    /// A 429 or 529 (not processed, so not billed) is sent again after the advised wait.
    QCoro::Task<Result<AnthropicMessageResult, IntegrationError>>
    createMessage(AnthropicMessageRequest request);
    /// POST /v1/messages/count_tokens: input tokens of the request (an estimate; free of charge).
    QCoro::Task<Result<qint64, IntegrationError>> countTokens(AnthropicMessageRequest request);
    /// GET /v1/models: one page (cursor paging with after_id / before_id).
    QCoro::Task<Result<AnthropicModelPage, IntegrationError>>
    listModels(AnthropicModelListRequest request = {});
    /// Every page of GET /v1/models, newest first.
    QCoro::Task<Result<QList<AnthropicModel>, IntegrationError>> listAllModels();

    /// What createMessage reserves: the input (the hint, else an upper bound from the text) and
    /// max_tokens at the model's prices in force today, rounded up. An unknown model is an error.
    Result<Money, IntegrationError> worstCaseCost(const AnthropicMessageRequest& request) const;
    /// The input tokens the worst case assumes.
    static qint64 inputTokenBound(const AnthropicMessageRequest& request);

    void setPriceTable(AnthropicPriceTable table);
    const AnthropicPriceTable& priceTable() const { return *m_prices; }
    /// Tests shrink every retry wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    /// Sends a POST again while Anthropic answers 429 or 529, which both mean "not processed".
    QCoro::Task<Result<HttpResponse, IntegrationError>> sendUnprocessedAgain(HttpRequest request);
    std::optional<IntegrationError> checkRequest(const AnthropicMessageRequest& request) const;
    IntegrationError configurationError(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
    QString m_apiKey;
    std::shared_ptr<const AnthropicPriceTable> m_prices;
};

} // namespace agency
