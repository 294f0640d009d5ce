#pragma once
// HttpCore: the one place every provider call goes through — auth, HTTPS-only, timeouts,
// cancellation, bounded retries, pacing, the budget hook, cost events and redacted logging.

#include "integrations/http/budgethook.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "model/result.h"

#include <QHash>
#include <QJsonDocument>
#include <QObject>

#include <functional>
#include <memory>

#include <qcoro/qcorotask.h>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace agency {

using HttpResult = Result<HttpResponse, IntegrationError>;

class HttpCore : public QObject
{
    Q_OBJECT
public:
    /// `network` must live on this thread and outlive the core (one manager per thread).
    explicit HttpCore(QNetworkAccessManager& network, QObject* parent = nullptr);
    ~HttpCore() override;

    void setPacing(ProviderId provider, PacingConfig config);
    RequestPacer& pacer(ProviderId provider);
    void setBudgetHook(BudgetHook* hook) { m_budget = hook; }
    /// The source of jitter, a value in [0, 1); tests make it fixed.
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }

    QCoro::Task<HttpResult> send(Endpoint endpoint, HttpRequest request, CancelToken cancel = {});

    /// Parses a JSON body, or returns a Decode error that names the provider.
    static Result<QJsonDocument, IntegrationError> decodeJson(ProviderId provider,
                                                              const HttpResponse& response);
    /// The URL a request goes to: the base URL's path joined with the request's path, plus the query.
    static QUrl requestUrl(const Endpoint& endpoint, const HttpRequest& request);

Q_SIGNALS:
    void costIncurred(const agency::CostEvent& event);
    /// Before each wait to retry: the computed (unscaled) wait and the failure that caused it.
    void retryScheduled(agency::ProviderId provider, int attempt, std::chrono::milliseconds wait,
                        const agency::IntegrationError& reason);

private:
    struct Attempt;
    QCoro::Task<HttpResult> attemptOnce(const Endpoint& endpoint, const HttpRequest& request, const QUrl& url,
                                        const CancelToken& cancel, bool* reachedServer,
                                        std::optional<HttpResponse>* billedResponse);
    QNetworkReply* dispatch(const QNetworkRequest& networkRequest, const HttpRequest& request);
    IntegrationError errorFromResponse(const Endpoint& endpoint, const HttpResponse& response) const;
    std::optional<std::chrono::milliseconds> retryAfterOf(const Endpoint& endpoint,
                                                          const HttpResponse& response) const;
    QCoro::Task<bool> wait(std::chrono::milliseconds duration, const CancelToken& cancel);
    static void adaptPacing(const Endpoint& endpoint, const HttpResponse& response, RequestPacer& pacer);

    QNetworkAccessManager& m_network;
    QHash<ProviderId, RequestPacer*> m_pacers;
    BudgetHook* m_budget = nullptr;
    std::function<double()> m_random;
};

} // namespace agency
