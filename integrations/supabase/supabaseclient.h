#pragma once
// SupabaseClient: the agency's Postgres through PostgREST (/rest/v1) — filtered, ordered, paged
// selects with an exact count, inserts and upserts — and a key check on the schema root. The
// `apikey` header goes on every request, Authorization only with a legacy JWT key. Not billed per call.

#include "integrations/clientfactory.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "integrations/supabase/supabasetypes.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QUrlQuery>

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;
struct HttpResponse;

class SupabaseClient : public ProviderClient
{
public:
    /// `context.credential` fields: project_url, api_key (secret, publishable or a legacy JWT).
    /// `context.baseUrl`: the project URL (https://<ref>.supabase.co, or the simulator's); when empty,
    /// project_url. The client appends /rest/v1/….
    explicit SupabaseClient(const ClientContext& context);

    /// The Data API documents no request limit: no pacing.
    static PacingConfig documentedPacing();

    ProviderId provider() const override { return ProviderId::Supabase; }
    /// GET /rest/v1/ (the OpenAPI root). Since 2026-04-08 only secret / service_role keys may read it:
    /// 200 is Valid (with the console's tables found or missing), 403 ValidLimited (a publishable or
    /// anon key: it works where Row Level Security allows), 401 Invalid.
    QCoro::Task<AccountStatus> checkCredentials() override;

    /// GET /rest/v1/<table>?select=…&<filters>&order=… with Range-Unit / Range and, when asked,
    /// Prefer: count=exact (206 for a partial page).
    QCoro::Task<Result<SupabaseRows, IntegrationError>> select(SupabaseSelectRequest request);
    /// POST /rest/v1/<table>: one row or a bulk insert (201).
    QCoro::Task<Result<SupabaseWriteResult, IntegrationError>> insert(SupabaseInsertRequest request);
    /// POST /rest/v1/<table>?on_conflict=… with Prefer: resolution=merge-duplicates | ignore-duplicates.
    QCoro::Task<Result<SupabaseWriteResult, IntegrationError>> upsert(SupabaseUpsertRequest request);

    /// Tests shrink every retry wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    QCoro::Task<Result<SupabaseWriteResult, IntegrationError>>
    write(QString table, QList<QJsonObject> rows, QStringList prefer, QUrlQuery query, QString operation);
    std::optional<IntegrationError> notReady() const;
    IntegrationError configurationError(const QString& detail) const;
    /// Names the table in PostgREST's "undefined table" errors (42P01, PGRST205).
    static IntegrationError aboutTable(IntegrationError error, const QString& table);

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
    QString m_apiKey;
};

} // namespace agency
