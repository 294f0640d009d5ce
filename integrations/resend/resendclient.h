#pragma once
// ResendClient: transactional email through Resend — one email or a batch of up to 100, an email's
// status and the list of sent emails; the credential check reads the domains (a send-only key is
// "valid (send-only)"). Sends are billed as an estimate from the catalogue's unit price per email.

#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "integrations/resend/resendtypes.h"
#include "model/result.h"

#include <QByteArray>
#include <QList>

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class ResendClient : public ProviderClient
{
public:
    static constexpr int kMaxBatchSize = 100;

    /// `context.credential` field: api_key (re_…). The client must outlive every call it started.
    explicit ResendClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Resend; }
    /// GET /domains: Valid with the domains, ValidLimited "valid (send-only)" for a sending-only key.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// POST /emails. With an idempotency key (1–256 characters) Resend sends at most once per key for
    /// 24 h, which also makes the call safe for the core to retry.
    QCoro::Task<Result<ResendSendResult, IntegrationError>>
    send(ResendEmail email, QByteArray idempotencyKey = {}, CancelToken cancel = {});
    /// POST /emails/batch with up to 100 emails (no scheduled sends). Strict: all or nothing, an invalid
    /// email fails the call. Permissive: the valid ones are sent and the result says which were refused.
    QCoro::Task<Result<ResendBatchResult, IntegrationError>>
    sendBatch(QList<ResendEmail> emails, ResendBatchValidation validation = ResendBatchValidation::Strict,
              QByteArray idempotencyKey = {}, CancelToken cancel = {});
    /// GET /emails/{id}: the email and its last_event.
    QCoro::Task<Result<ResendEmailRecord, IntegrationError>> email(QString id);
    /// GET /emails: newest first; page on with ResendListQuery::after = page.nextCursor().
    QCoro::Task<Result<ResendEmailPage, IntegrationError>> listEmails(ResendListQuery query = {});

    /// The team's documented limit (2 requests per second, shared by all of its keys).
    static PacingConfig documentedPacing();

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
