#pragma once
// EnrichmentService: one lookup — cache first, then the providers in the configured order (Apollo,
// then Clay's routine as the paid fallback), stopping at the first answer that has every field the
// user asked for; DataForSEO metrics for the company's domain when asked. Each field keeps the
// provider it came from. Every call goes through the HTTP core, so the spend guard reserves it and
// the pacer spaces it; a refusal stops the lookup and is reported for what it is. What was found —
// or that nothing was — is cached for the TTL, so nobody pays twice for the same lead.

#include "engine/consolesettings.h"
#include "engine/enrichmentcache.h"
#include "engine/enrichmenttypes.h"
#include "engine/pricebook.h"
#include "engine/providerhub.h"
#include "engine/spendcalendar.h"
#include "integrations/http/cancellation.h"

#include <QObject>

#include <chrono>

namespace agency {

struct LookupOutcome
{
    EnrichmentResult result;
    /// Why the lookup stopped early (a budget or rate refusal, a provider error, cancelled); what was
    /// found before it is still in `result`.
    std::optional<IntegrationError> stoppedBy;
    QStringList notes; ///< "Clay skipped: no routine is set in Settings", "the cache could not be read: …"
    bool cacheHit() const { return result.fromCache; }
};

class EnrichmentService : public QObject
{
    Q_OBJECT
public:
    /// `cache` may be null (no caching). All must outlive the service.
    EnrichmentService(ProviderHub& hub, ConsoleSettings& settings, EnrichmentCache* cache,
                      QObject* parent = nullptr);

    void setSettings(EnrichmentSettings settings) { m_settings = std::move(settings); }
    const EnrichmentSettings& settings() const { return m_settings; }
    void setClock(Clock clock) { m_clock = std::move(clock); }
    /// Look up in this profile rather than the active one (the command line's --profile).
    void setProfile(std::optional<Profile> profile) { m_profile = profile; }
    /// Converts a USD cost (DataForSEO) to AUD for the result; without it only AUD costs are summed.
    void setPriceBook(PriceBook* prices) { m_prices = prices; }

    /// What the cache holds for this request, without asking any provider (nothing when no cache).
    QCoro::Task<std::optional<EnrichmentResult>> cached(LookupRequest request);
    /// One lookup. A request that cannot be looked up is refused before anything is spent.
    QCoro::Task<Result<LookupOutcome, QString>> lookup(LookupRequest request, CancelToken cancel = {});

Q_SIGNALS:
    /// Before each provider is asked (for progress in the panel).
    void asking(agency::ProviderId provider);

private:
    struct Step;
    QCoro::Task<Step> askApollo(const LookupRequest& request, const CancelToken& cancel);
    QCoro::Task<Step> askClay(const LookupRequest& request, const CancelToken& cancel);
    QCoro::Task<Step> askDataForSeo(const QString& domain, const CancelToken& cancel);

    ProviderHub& m_hub;
    ConsoleSettings& m_consoleSettings;
    EnrichmentCache* m_cache;
    EnrichmentSettings m_settings;
    Clock m_clock = systemClock();
    PriceBook* m_prices = nullptr;
    std::optional<Profile> m_profile;
    Profile profile() const { return m_profile.value_or(m_consoleSettings.activeProfile()); }
};

} // namespace agency
