#include "enrichmentservice.h"

#include "integrations/apollo/apolloclient.h"
#include "integrations/clay/clayclient.h"
#include "integrations/dataforseo/dataforseoclient.h"

#include <QElapsedTimer>
#include <QTimer>

#include <qcoro/qcorotimer.h>

namespace agency {

struct EnrichmentService::Step
{
    QMap<QString, QString> fields;
    QJsonObject raw;
    Money costAud = Money::aud(0);
    std::optional<IntegrationError> error;
    QString note; ///< the provider was not asked, and why
};

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::EnrichmentService", text);
}

// The service's sentences, outside its coroutines: GCC 12 cannot compile a string literal passed to a
// function inside a coroutine that also awaits ("array used as initializer").
namespace messages {
QString clayWithoutRoutine()
{
    return tr("Clay was not asked: no Clay routine is set in Settings → Enrichment.");
}
QString clayNotForCompanies()
{
    return tr("Clay was not asked: its routine enriches people, not companies.");
}
QString clayTimedOut(const QString& run, std::chrono::milliseconds waited)
{
    return tr("the routine run %1 had not finished after %2 s").arg(run).arg(waited.count() / 1000);
}
QString noBacklinks(const QString& why)
{
    return tr("DataForSEO backlinks: %1").arg(why);
}
QString cacheUnreadable(const QString& cache, const QString& why)
{
    return tr("The cache (%1) could not be read: %2").arg(cache, why);
}
QString cacheUnwritable(const QString& cache, const QString& why)
{
    return tr("The result could not be cached (%1): %2").arg(cache, why);
}
QString noDomain()
{
    return tr("No company domain is known, so there are no DataForSEO metrics.");
}
} // namespace messages

void put(QMap<QString, QString>& fields, const QString& key, const QString& value)
{
    if (!value.trimmed().isEmpty())
        fields.insert(key, value.trimmed());
}

void putNumber(QMap<QString, QString>& fields, const QString& key, std::optional<qint64> value)
{
    if (value)
        fields.insert(key, QString::number(*value));
}

void addOrganization(QMap<QString, QString>& fields, const ApolloOrganization& organization)
{
    put(fields, QStringLiteral("company"), organization.name);
    put(fields, QStringLiteral("company_domain"), organization.primaryDomain);
    put(fields, QStringLiteral("industry"), organization.industry);
    put(fields, QStringLiteral("phone"), organization.phone);
    put(fields, QStringLiteral("linkedin_url"), organization.linkedinUrl);
    putNumber(fields, QStringLiteral("employees"), organization.estimatedEmployees);
    QStringList place;
    for (const QString& part : {organization.city, organization.state, organization.country})
        if (!part.isEmpty())
            place << part;
    put(fields, QStringLiteral("location"), place.join(QStringLiteral(", ")));
}

void addPerson(QMap<QString, QString>& fields, const ApolloPerson& person)
{
    if (person.emailStatus != u"unavailable")
        put(fields, QStringLiteral("email"), person.email);
    for (const ApolloPhone& phone : person.phones) {
        put(fields, QStringLiteral("phone"),
            phone.sanitizedNumber.isEmpty() ? phone.rawNumber : phone.sanitizedNumber);
        if (fields.contains(QStringLiteral("phone")))
            break;
    }
    put(fields, QStringLiteral("first_name"), person.firstName);
    put(fields, QStringLiteral("last_name"), person.lastName);
    put(fields, QStringLiteral("title"), person.title);
    put(fields, QStringLiteral("company"), person.companyName);
    put(fields, QStringLiteral("company_domain"), person.companyDomain);
    put(fields, QStringLiteral("industry"), person.companyIndustry);
    put(fields, QStringLiteral("linkedin_url"), person.linkedinUrl);
    put(fields, QStringLiteral("location"), person.location());
    putNumber(fields, QStringLiteral("employees"), person.companySize);
}

// Clay's routine results are shaped by the routine: the usual column names for each field.
void addClayResult(QMap<QString, QString>& fields, const ClayRoutineItemResult& item)
{
    const auto first = [&item](std::initializer_list<const char*> keys) {
        for (const char* key : keys) {
            const QString value = item.text(QString::fromLatin1(key));
            if (!value.trimmed().isEmpty())
                return value;
        }
        return QString();
    };
    put(fields, QStringLiteral("email"), first({"work_email", "email"}));
    put(fields, QStringLiteral("phone"), first({"phone", "mobile_phone", "phone_number"}));
    put(fields, QStringLiteral("title"), first({"job_title", "title"}));
    put(fields, QStringLiteral("company"), first({"company_name", "company"}));
    put(fields, QStringLiteral("company_domain"), first({"company_domain", "domain"}));
    put(fields, QStringLiteral("linkedin_url"), first({"linkedin_url", "linkedin"}));
    put(fields, QStringLiteral("employees"), first({"employee_count", "employees"}));
    const QString fullName = first({"full_name", "name"});
    if (!fullName.isEmpty()) {
        put(fields, QStringLiteral("first_name"), fullName.section(u' ', 0, 0));
        put(fields, QStringLiteral("last_name"), fullName.section(u' ', 1));
    }
}

// The routine's inputs for one lookup (outside the coroutine: GCC 12 mishandles string literals in one).
ClayRoutineItem clayItem(const LookupRequest& request)
{
    ClayRoutineItem item;
    item.id = request.cacheKey();
    const auto input = [&item](const char* key, const QString& value) {
        if (!value.trimmed().isEmpty())
            item.inputs.insert(QString::fromLatin1(key), value.trimmed());
    };
    input("email", request.email);
    input("first_name", request.firstName);
    input("last_name", request.lastName);
    input("domain", normalisedDomain(request.domain));
    input("linkedin_url", request.linkedinUrl);
    return item;
}

} // namespace

EnrichmentService::EnrichmentService(ProviderHub& hub, ConsoleSettings& settings, EnrichmentCache* cache,
                                     QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_consoleSettings(settings)
    , m_cache(cache)
{
    // Settings saved while the console runs apply to the next lookup (the cache's place, at the next start).
    connect(&settings, &ConsoleSettings::enrichmentSettingsChanged, this, &EnrichmentService::setSettings);
}

QCoro::Task<EnrichmentService::Step> EnrichmentService::askApollo(const LookupRequest& request,
                                                                  const CancelToken& cancel)
{
    Step step;
    const Profile profile = this->profile();
    auto made = co_await m_hub.client(ProviderId::Apollo, profile);
    if (!made) {
        step.error = made.error();
        co_return step;
    }
    const std::shared_ptr<ProviderClient> client = made.value(); // kept alive for the call
    auto* apollo = static_cast<ApolloClient*>(client.get());
    std::optional<CostEvent> cost;
    if (request.kind == LookupKind::CompanyByDomain) {
        const QString domain = normalisedDomain(request.domain);
        auto match = co_await apollo->enrichOrganization(domain, cancel);
        if (!match) {
            step.error = match.error();
            co_return step;
        }
        cost = match->cost;
        if (match->organization) {
            addOrganization(step.fields, *match->organization);
            step.raw = match->organization->raw;
        }
    } else {
        ApolloPersonQuery query;
        switch (request.kind) {
        case LookupKind::PersonByEmail:
            query = ApolloPersonQuery::byEmail(request.email.trimmed());
            break;
        case LookupKind::PersonByName:
            query = ApolloPersonQuery::byName(request.firstName.trimmed(), request.lastName.trimmed(),
                                              normalisedDomain(request.domain));
            break;
        default:
            query = ApolloPersonQuery::byLinkedIn(request.linkedinUrl.trimmed());
            break;
        }
        const ApolloRevealOptions noReveal;
        auto match = co_await apollo->matchPerson(query, noReveal, cancel);
        if (!match) {
            step.error = match.error();
            co_return step;
        }
        cost = match->cost;
        if (match->person) {
            addPerson(step.fields, *match->person);
            step.raw = match->person->raw;
        }
    }
    if (cost && cost->amountAud.isValid())
        step.costAud = cost->amountAud;
    co_return step;
}

QCoro::Task<EnrichmentService::Step> EnrichmentService::askClay(const LookupRequest& request,
                                                                const CancelToken& cancel)
{
    Step step;
    if (m_settings.clayRoutineId.isEmpty()) {
        step.note = messages::clayWithoutRoutine();
        co_return step;
    }
    if (request.kind == LookupKind::CompanyByDomain) {
        step.note = messages::clayNotForCompanies();
        co_return step;
    }
    const Profile profile = this->profile();
    auto made = co_await m_hub.client(ProviderId::Clay, profile);
    if (!made) {
        step.error = made.error();
        co_return step;
    }
    const std::shared_ptr<ProviderClient> client = made.value();
    auto* clay = static_cast<ClayClient*>(client.get());
    // Arguments as locals: GCC 12 cannot build a braced list inside an awaited call.
    const QList<ClayRoutineItem> items{clayItem(request)};
    const QString noWebhook;
    auto started = co_await clay->runRoutine(m_settings.clayRoutineId, items, m_settings.clayCreditsPerItem,
                                             noWebhook, cancel);
    if (!started) {
        step.error = started.error();
        co_return step;
    }
    if (started->cost && started->cost->amountAud.isValid())
        step.costAud = started->cost->amountAud;
    // The routine runs inside Clay: ask for its results until it is complete (or the wait is over).
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        const QString firstPage;
        auto results = co_await clay->routineResults(started->routineRunId, firstPage, 20, cancel);
        if (!results) {
            step.error = results.error();
            co_return step;
        }
        if (results->isComplete()) {
            for (const ClayRoutineItemResult& result : results->items) {
                if (result.complete) {
                    addClayResult(step.fields, result);
                    step.raw = result.result;
                }
            }
            co_return step;
        }
        if (waited.elapsed() > m_settings.clayTimeout.count()) {
            IntegrationError timeout;
            timeout.kind = IntegrationError::Kind::Timeout;
            timeout.provider = ProviderId::Clay;
            timeout.detail = messages::clayTimedOut(started->routineRunId, m_settings.clayTimeout);
            step.error = timeout;
            co_return step;
        }
        QTimer pause;
        pause.setSingleShot(true);
        const auto stop =
            connect(cancel.state(), &CancellationState::cancelled, &pause, [&pause] { pause.start(0); });
        pause.start(m_settings.clayPollInterval);
        co_await pause;
        disconnect(stop);
        if (cancel.isCancelled()) {
            IntegrationError cancelled;
            cancelled.kind = IntegrationError::Kind::Cancelled;
            cancelled.provider = ProviderId::Clay;
            step.error = cancelled;
            co_return step;
        }
    }
}

QCoro::Task<EnrichmentService::Step> EnrichmentService::askDataForSeo(const QString& domain,
                                                                      const CancelToken& cancel)
{
    Step step;
    const Profile profile = this->profile();
    auto made = co_await m_hub.client(ProviderId::DataForSeo, profile);
    if (!made) {
        step.error = made.error();
        co_return step;
    }
    const std::shared_ptr<ProviderClient> client = made.value();
    auto* dataForSeo = static_cast<DataForSeoClient*>(client.get());
    DataForSeoRankOverviewRequest overviewRequest;
    overviewRequest.target = domain;
    overviewRequest.limit = 1;
    auto overview = co_await dataForSeo->domainRankOverview(overviewRequest, cancel);
    if (!overview) {
        step.error = overview.error();
        co_return step;
    }
    const auto addCost = [this, &step](const std::optional<CostEvent>& cost) {
        if (!cost)
            return;
        const auto aud = cost->amountAud.isValid() ? std::optional<Money>(cost->amountAud)
                         : m_prices                ? m_prices->toAud(cost->amount, cost->at.date())
                                                   : std::nullopt;
        if (aud)
            step.costAud = step.costAud.plus(*aud).value_or(step.costAud);
    };
    addCost(overview->costEvent);
    step.raw.insert(QStringLiteral("domain_rank_overview"), overview->raw);
    if (!overview->items.isEmpty()) {
        if (const auto organic = overview->items.first().organic()) {
            step.fields.insert(QStringLiteral("seo_organic_keywords"), QString::number(organic->count));
            step.fields.insert(QStringLiteral("seo_organic_traffic"), QString::number(qint64(organic->etv)));
            step.fields.insert(QStringLiteral("seo_top10_keywords"), QString::number(organic->topTen()));
        }
    }
    DataForSeoBacklinksRequest backlinksRequest;
    backlinksRequest.target = domain;
    auto backlinks = co_await dataForSeo->backlinksSummary(backlinksRequest, cancel);
    if (!backlinks) {
        // Rank metrics without backlinks are still worth having: say why the rest is missing.
        step.note = messages::noBacklinks(backlinks.error().message());
        co_return step;
    }
    addCost(backlinks->costEvent);
    step.fields.insert(QStringLiteral("seo_backlinks"), QString::number(backlinks->backlinks));
    step.fields.insert(QStringLiteral("seo_referring_domains"), QString::number(backlinks->referringDomains));
    co_return step;
}

QCoro::Task<std::optional<EnrichmentResult>> EnrichmentService::cached(LookupRequest request)
{
    if (!m_cache || !request.problem().isEmpty())
        co_return std::nullopt;
    const QString key = request.cacheKey();
    auto stored = co_await m_cache->get(key);
    if (!stored || !stored.value())
        co_return std::nullopt;
    auto parsed = EnrichmentResult::fromJson(stored.value()->value);
    if (parsed) {
        parsed->fromCache = true;
        parsed->cost = Money::aud(0);
    }
    co_return parsed;
}

QCoro::Task<Result<LookupOutcome, QString>> EnrichmentService::lookup(LookupRequest request,
                                                                      CancelToken cancel)
{
    const QString problem = request.problem();
    if (!problem.isEmpty())
        co_return failure(problem);
    if (request.required.isEmpty() && request.kind != LookupKind::CompanyByDomain)
        request.required = m_settings.defaultRequired;
    const QString key = request.cacheKey();
    LookupOutcome outcome;
    EnrichmentResult& result = outcome.result;

    if (m_cache) {
        auto cached = co_await m_cache->get(key);
        if (!cached) {
            outcome.notes << messages::cacheUnreadable(m_cache->describe(), cached.error().message);
        } else if (cached.value()) {
            if (auto parsed = EnrichmentResult::fromJson(cached.value()->value)) {
                result = std::move(*parsed);
                result.cost = Money::aud(0);
            }
        }
    }
    const bool metricsNeeded = request.domainMetrics &&
                               !result.fields.contains(QStringLiteral("seo_organic_keywords")) &&
                               !result.tried.contains(ProviderId::DataForSeo);
    bool everyProviderTried = true;
    for (ProviderId provider : m_settings.order)
        everyProviderTried = everyProviderTried && result.tried.contains(provider);
    // A hit: what was asked for is known, or every provider already missed within the TTL.
    if (!result.tried.isEmpty() && (result.satisfies(request.required) || everyProviderTried) &&
        !metricsNeeded) {
        result.fromCache = true;
        co_return outcome;
    }

    bool spent = false;
    const auto merge = [&](ProviderId provider, Step& step) {
        if (!step.note.isEmpty())
            outcome.notes << step.note;
        if (step.error) {
            outcome.stoppedBy = step.error;
            return;
        }
        if (!step.note.isEmpty() && step.fields.isEmpty() && step.raw.isEmpty())
            return; // not asked
        result.tried.append(provider);
        if (!step.raw.isEmpty())
            result.raw.insert(provider, step.raw);
        for (auto it = step.fields.begin(); it != step.fields.end(); ++it) {
            if (!result.fields.contains(it.key())) // the earlier provider's value stands
                result.fields.insert(it.key(), {it.value(), provider});
        }
        result.cost = result.cost.plus(step.costAud).value_or(result.cost);
        spent = true;
    };

    for (ProviderId provider : m_settings.order) {
        if (result.satisfies(request.required) || outcome.stoppedBy || result.tried.contains(provider))
            continue;
        Q_EMIT asking(provider);
        // GCC 12 destroys a co_await's result too early inside ?: — one await per statement.
        Step step;
        if (provider == ProviderId::Clay)
            step = co_await askClay(request, cancel);
        else
            step = co_await askApollo(request, cancel);
        merge(provider, step);
    }
    if (request.domainMetrics && !outcome.stoppedBy && !result.tried.contains(ProviderId::DataForSeo)) {
        const QString domain =
            normalisedDomain(result.fields.contains(QStringLiteral("company_domain"))
                                 ? result.fields.value(QStringLiteral("company_domain")).value
                                 : request.domain);
        if (domain.isEmpty()) {
            outcome.notes << messages::noDomain();
        } else {
            Q_EMIT asking(ProviderId::DataForSeo);
            Step step = co_await askDataForSeo(domain, cancel);
            merge(ProviderId::DataForSeo, step);
        }
    }
    if (spent)
        result.fetchedAt = m_clock();
    else if (!result.tried.isEmpty() && !outcome.stoppedBy)
        result.fromCache = true; // nobody new could be asked: the cached answer is the answer
    // Cache what is known, a miss included; not a lookup that stopped before asking anyone.
    if (m_cache && spent) {
        EnrichmentResult stored = result;
        stored.fromCache = false;
        auto written = co_await m_cache->put(key, stored.toJson(), m_settings.cacheTtl);
        if (!written)
            outcome.notes << messages::cacheUnwritable(m_cache->describe(), written.error().message);
    }
    co_return outcome;
}

} // namespace agency
