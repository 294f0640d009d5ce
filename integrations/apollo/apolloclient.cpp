#include "apolloclient.h"

#include "integrations/apollo/apollojson.h"
#include "integrations/costing.h"
#include "integrations/http/httpcore.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLocale>

#include <cmath>

namespace agency {

namespace {

// Facts from shared/providers/apollo.md and contracts/specs/apollo.json, in one place:
// - base https://api.apollo.io/api/v1, key in X-Api-Key (a key sent as Bearer is refused with 401);
// - match, bulk_match and api_search take JSON bodies (as Apollo's own CLI sends them), with the
//   reveal flags at the top level; organizations/enrich is a GET with ?domain=;
// - credits: 1 per enriched record (person or company), +8 when a mobile number is returned, 0 for a
//   miss; a phone reveal is delivered later to a webhook, so its 8 credits are counted when asked
//   for (the worst case) — the answer cannot say whether a mobile will be found;
// - bulk_match answers report credits_consumed (it can be fractional, e.g. 1.01);
// - rate limits are per plan and endpoint in fixed minute/hour/day windows, reported in
//   x-rate-limit-{minute,hourly,daily}, x-{minute,hourly,daily}-usage and
//   x-{minute,hourly,daily}-requests-left; the lowest current plan (Free) allows 50 enrichment
//   requests a minute (docs.apollo.io/reference/rate-limits, 2026-07);
// - credit fields of api_profile?include_credit_usage=true (spec): num_credits_remaining,
//   effective_num_lead_credits, num_lead_credits_used, effective_num_direct_dial_credits, …,
//   total_unified_credits_used. Accounts moved to unified credits keep num_credits_remaining at 0
//   (a third-party report), so the credits left are lead credits minus unified credits used when
//   Apollo sends both. Assumed, not confirmed by Apollo.
constexpr int kFreePlanPerMinute = 50;
const QString kCredentialField = QStringLiteral("api_key");
const QString kMatchOperation = QStringLiteral("person_match");
const QString kBulkMatchOperation = QStringLiteral("person_bulk_match");
const QString kOrganizationOperation = QStringLiteral("organization_enrich");
const QString kCreditUnit = QStringLiteral("credit");

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::ApolloClient", text);
}

Money creditPrice()
{
    return providerInfo(ProviderId::Apollo).unitCost;
}

Money creditsWorth(qint64 credits)
{
    return creditPrice().times(credits).value_or(Money::zero(creditPrice().currency()));
}

// The catalogue's price per credit × credits; Apollo's bulk counts can be fractional (1.01), so the
// amount is scaled by hundredths of a credit and rounded up.
CostEvent creditCost(const QString& operation, double credits, const QString& reference)
{
    const qint64 hundredths = qint64(std::llround(std::max(0.0, credits) * 100.0));
    CostEvent event = estimatedCost(ProviderId::Apollo, operation, (hundredths + 99) / 100, reference);
    event.unit = kCreditUnit;
    event.amount = creditPrice().scaled(hundredths, 100, Rounding::Up).value_or(event.amount);
    if (event.amount.currency() == u"AUD")
        event.amountAud = event.amount;
    return event;
}

bool anyMobile(const QJsonArray& phones)
{
    for (const QJsonValue& phone : phones) {
        const QJsonObject object = phone.toObject();
        const QString type = object.value(QStringLiteral("type")).toString() +
                             object.value(QStringLiteral("type_cd")).toString();
        if (type.contains(QStringLiteral("mobile"), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// Credits for one person object (or null) of an answer, under the documented rules.
qint64 personCredits(const QJsonValue& person, bool phoneRevealRequested)
{
    if (!person.isObject())
        return 0;
    const bool mobile =
        phoneRevealRequested || anyMobile(person.toObject().value(QStringLiteral("phone_numbers")).toArray());
    return ApolloClient::creditsForMatch(true, mobile);
}

QString numberText(qint64 value)
{
    return QLocale::system().toString(value);
}

struct CreditUsage
{
    std::optional<qint64> left;
    QList<QPair<QString, QString>> details;
};

CreditUsage readCredits(const QJsonObject& profile)
{
    CreditUsage usage;
    const auto integer = [&profile](const char* key) -> std::optional<qint64> {
        const QJsonValue value = profile.value(QLatin1StringView(key));
        if (!value.isDouble())
            return std::nullopt;
        return value.toInteger(qint64(value.toDouble()));
    };
    const auto pair = [&](const QString& label, const char* limitKey, const char* usedKey) {
        const std::optional<qint64> limit = integer(limitKey);
        const std::optional<qint64> used = integer(usedKey);
        if (limit && used)
            usage.details.append({label, tr("%1 of %2 used").arg(numberText(*used), numberText(*limit))});
    };
    const std::optional<qint64> leadLimit = integer("effective_num_lead_credits");
    const std::optional<qint64> unifiedUsed = integer("total_unified_credits_used");
    const std::optional<qint64> remaining = integer("num_credits_remaining");
    const std::optional<qint64> leadUsed = integer("num_lead_credits_used");
    if (leadLimit && unifiedUsed)
        usage.left = std::max<qint64>(0, *leadLimit - *unifiedUsed);
    else if (remaining)
        usage.left = remaining;
    else if (leadLimit && leadUsed)
        usage.left = std::max<qint64>(0, *leadLimit - *leadUsed);
    if (usage.left)
        usage.details.append({tr("Credits left"), numberText(*usage.left)});
    pair(tr("Lead credits"), "effective_num_lead_credits", "num_lead_credits_used");
    pair(tr("Direct-dial credits"), "effective_num_direct_dial_credits", "num_direct_dial_credits_used");
    pair(tr("Export credits"), "effective_num_export_credits", "num_export_credits_used");
    pair(tr("AI credits"), "effective_num_ai_credits", "num_ai_credits_used");
    if (unifiedUsed)
        usage.details.append({tr("Credits used (unified)"), numberText(*unifiedUsed)});
    return usage;
}

// Apollo's three fixed windows as details: "400 per minute · 12 used · 388 left".
QList<QPair<QString, QString>> rateLimitDetails(const HttpResponse& response)
{
    struct Window
    {
        const char* label;
        const char* limit;
        const char* usage;
        const char* left;
    };
    static const Window windows[] = {
        {QT_TRANSLATE_NOOP("agency::ApolloClient", "Rate limit per minute"), "x-rate-limit-minute",
         "x-minute-usage", "x-minute-requests-left"},
        {QT_TRANSLATE_NOOP("agency::ApolloClient", "Rate limit per hour"), "x-rate-limit-hourly",
         "x-hourly-usage", "x-hourly-requests-left"},
        {QT_TRANSLATE_NOOP("agency::ApolloClient", "Rate limit per day"), "x-rate-limit-daily",
         "x-daily-usage", "x-daily-requests-left"},
    };
    QList<QPair<QString, QString>> details;
    for (const Window& window : windows) {
        const QByteArray limit = response.header(window.limit);
        if (limit.isEmpty())
            continue;
        QString text = QString::fromLatin1(limit);
        if (const QByteArray used = response.header(window.usage); !used.isEmpty())
            text += tr(" · %1 used").arg(QString::fromLatin1(used));
        if (const QByteArray left = response.header(window.left); !left.isEmpty())
            text += tr(" · %1 left").arg(QString::fromLatin1(left));
        details.append({tr(window.label), text});
    }
    return details;
}

} // namespace

ApolloClient::ApolloClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::Apollo;
    m_endpoint.baseUrl =
        context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::Apollo).defaultBaseUrl) : context.baseUrl;
    m_endpoint.auth = Auth::header("X-Api-Key", context.credential.value(kCredentialField).trimmed());
    m_endpoint.defaultHeaders = {{"Cache-Control", "no-cache"}}; // as Apollo's own examples send
    m_endpoint.parseError = &ApolloJson::parseError;
    m_endpoint.readRetryAfter = &ApolloClient::retryAfterFromHeaders;
    m_endpoint.pacingFromHeaders = &ApolloClient::pacingFromHeaders;
}

PacingConfig ApolloClient::documentedPacing()
{
    return pacingForMinuteLimit(kFreePlanPerMinute);
}

PacingConfig ApolloClient::pacingForMinuteLimit(int requestsPerMinute)
{
    // Fixed windows: any 60 s holds at most the burst plus a minute's refill, so the refill leaves room
    // for the burst and no window can be overrun wherever its edges fall. A small burst (≤ 1 % of
    // the minute, at most 10) keeps the rate at ≥ 98 % of the allowance.
    const int perMinute = std::max(2, requestsPerMinute);
    const int burst = std::clamp(perMinute / 100, 1, 10);
    return PacingConfig{(perMinute - burst) / 60.0, double(burst), 4};
}

std::optional<PacingConfig> ApolloClient::pacingFromHeaders(const HttpResponse& response)
{
    bool ok = false;
    const int perMinute = response.header("x-rate-limit-minute").trimmed().toInt(&ok);
    if (!ok || perMinute <= 0)
        return std::nullopt;
    return pacingForMinuteLimit(perMinute);
}

qint64 ApolloClient::creditsForMatch(bool matched, bool mobile)
{
    if (!matched)
        return 0;
    return kCreditsPerRecord + (mobile ? kCreditsPerMobile : 0);
}

std::optional<std::chrono::milliseconds> ApolloClient::retryAfterFromHeaders(const HttpResponse& response)
{
    using namespace std::chrono;
    const auto exhausted = [&response](const char* header) {
        return response.header(header).trimmed() == "0";
    };
    // The longest exhausted window decides; the core hands a wait longer than it may sleep back to the
    // caller.
    if (exhausted("x-daily-requests-left"))
        return duration_cast<milliseconds>(hours(24));
    if (exhausted("x-hourly-requests-left"))
        return duration_cast<milliseconds>(hours(1));
    if (exhausted("x-minute-requests-left"))
        return duration_cast<milliseconds>(minutes(1));
    return std::nullopt;
}

std::optional<IntegrationError> ApolloClient::missingKey() const
{
    if (!m_endpoint.auth.secret.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Apollo;
    error.detail = tr("no API key is set up for Apollo");
    return error;
}

IntegrationError ApolloClient::notSent(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::Apollo;
    error.providerMessage = why;
    error.detail = QStringLiteral("refused before sending");
    return error;
}

QCoro::Task<Result<QJsonDocument, IntegrationError>> ApolloClient::fetchJson(HttpRequest request,
                                                                             CancelToken cancel)
{
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    co_return HttpCore::decodeJson(ProviderId::Apollo, result.value());
}

QCoro::Task<AccountStatus> ApolloClient::checkCredentials()
{
    if (const auto missing = missingKey()) {
        AccountStatus status = accountStatusFromError(*missing, {});
        status.summary = tr("no API key set up");
        co_return status;
    }
    HttpRequest request;
    request.path = QStringLiteral("/users/api_profile");
    request.query.addQueryItem(QStringLiteral("include_credit_usage"), QStringLiteral("true"));
    request.operation = QStringLiteral("check");
    QElapsedTimer clock;
    clock.start();
    const HttpResult result = co_await m_core->send(m_endpoint, request);
    const auto latency = std::chrono::milliseconds(clock.elapsed());
    if (!result)
        co_return accountStatusFromError(result.error(), latency);

    const HttpResponse& response = result.value();
    const auto decoded = HttpCore::decodeJson(ProviderId::Apollo, response);
    if (!decoded || !decoded->isObject()) {
        IntegrationError error =
            decoded ? ApolloJson::decodeError(QStringLiteral("the profile is not a JSON object"))
                    : decoded.error();
        error.httpStatus = response.status;
        co_return accountStatusFromError(error, latency);
    }
    const QJsonObject profile = decoded->object();
    const QString name = QStringList{profile.value(QStringLiteral("first_name")).toString(),
                                     profile.value(QStringLiteral("last_name")).toString()}
                             .join(u' ')
                             .trimmed();
    const QString email = profile.value(QStringLiteral("email")).toString();

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    if (!name.isEmpty())
        status.details.append({tr("User"), name});
    if (!email.isEmpty())
        status.details.append({tr("Email"), email});
    if (const QString team = profile.value(QStringLiteral("team_id")).toString(); !team.isEmpty())
        status.details.append({tr("Team"), team});
    const CreditUsage credits = readCredits(profile);
    status.details.append(credits.details);
    status.details.append(rateLimitDetails(response));

    QStringList summary;
    summary.append(name.isEmpty() ? email : name);
    if (credits.left)
        summary.append(tr("%1 credits left").arg(numberText(*credits.left)));
    if (const QByteArray perMinute = response.header("x-rate-limit-minute"); !perMinute.isEmpty())
        summary.append(tr("%1 requests/min").arg(QString::fromLatin1(perMinute)));
    summary.removeAll(QString());
    status.summary = summary.join(QStringLiteral(" · "));
    co_return status;
}

QCoro::Task<Result<ApolloPersonMatch, IntegrationError>>
ApolloClient::matchPerson(ApolloPersonQuery query, ApolloRevealOptions reveal, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (query.isEmpty())
        co_return failure(notSent(tr("give an email, a LinkedIn URL, an Apollo id, or a name with the "
                                     "employer's domain")));
    if (reveal.revealPhoneNumber && reveal.webhookUrl.trimmed().isEmpty())
        co_return failure(
            notSent(tr("a phone reveal needs a webhook URL (Apollo delivers the numbers there)")));

    QJsonObject body = ApolloJson::personQueryObject(query);
    if (reveal.revealPersonalEmails)
        body.insert(QStringLiteral("reveal_personal_emails"), true);
    if (reveal.revealPhoneNumber) {
        body.insert(QStringLiteral("reveal_phone_number"), true);
        body.insert(QStringLiteral("webhook_url"), reveal.webhookUrl.trimmed());
    }
    const bool phoneReveal = reveal.revealPhoneNumber;

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/people/match");
    request.body = JsonBody{QJsonDocument(body)};
    request.operation = kMatchOperation;
    request.worstCaseCost = creditsWorth(creditsForMatch(true, phoneReveal));
    request.costOf = [phoneReveal](const HttpResponse& response) -> std::optional<CostEvent> {
        const QJsonDocument document = QJsonDocument::fromJson(response.body);
        // An answer that cannot be read may still have been charged: count the worst case.
        if (!document.isObject())
            return creditCost(kMatchOperation, double(creditsForMatch(true, phoneReveal)), QString());
        const QJsonValue person = document.object().value(QStringLiteral("person"));
        return creditCost(kMatchOperation, double(personCredits(person, phoneReveal)),
                          person.toObject().value(QStringLiteral("id")).toString());
    };

    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    const auto decoded = HttpCore::decodeJson(ProviderId::Apollo, result.value());
    if (!decoded)
        co_return failure(decoded.error());
    auto match = ApolloJson::parsePersonMatch(decoded.value());
    if (!match)
        co_return failure(match.error());
    ApolloPersonMatch value = std::move(match).value();
    value.phoneRevealPending = phoneReveal && value.matched();
    value.creditsUsed =
        value.matched() ? creditsForMatch(true, phoneReveal || value.person->hasMobilePhone()) : 0;
    value.cost = result.value().cost;
    co_return value;
}

QCoro::Task<Result<ApolloBulkMatch, IntegrationError>>
ApolloClient::bulkMatchPeople(QList<ApolloPersonQuery> people, ApolloRevealOptions reveal, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (people.isEmpty())
        co_return failure(notSent(tr("a bulk match needs at least one person")));
    if (people.size() > kMaxBulkMatch)
        co_return failure(notSent(tr("at most %1 people per bulk match").arg(kMaxBulkMatch)));
    if (reveal.revealPhoneNumber && reveal.webhookUrl.trimmed().isEmpty())
        co_return failure(
            notSent(tr("a phone reveal needs a webhook URL (Apollo delivers the numbers there)")));

    QJsonArray details;
    for (const ApolloPersonQuery& person : people)
        details.append(ApolloJson::personQueryObject(person));
    QJsonObject body{{QStringLiteral("details"), details}};
    if (reveal.revealPersonalEmails)
        body.insert(QStringLiteral("reveal_personal_emails"), true);
    if (reveal.revealPhoneNumber) {
        body.insert(QStringLiteral("reveal_phone_number"), true);
        body.insert(QStringLiteral("webhook_url"), reveal.webhookUrl.trimmed());
    }
    const bool phoneReveal = reveal.revealPhoneNumber;
    const int count = int(people.size());

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/people/bulk_match");
    request.body = JsonBody{QJsonDocument(body)};
    request.operation = kBulkMatchOperation;
    request.worstCaseCost = creditsWorth(count * creditsForMatch(true, phoneReveal));
    request.costOf = [phoneReveal, count](const HttpResponse& response) -> std::optional<CostEvent> {
        const QJsonObject object = QJsonDocument::fromJson(response.body).object();
        const QJsonValue reported = object.value(QStringLiteral("credits_consumed"));
        if (reported.isDouble() && !phoneReveal)
            return creditCost(kBulkMatchOperation, reported.toDouble(), QString());
        // No count (or a phone reveal still to come): the documented rules, per person returned.
        const QJsonValue matches = object.value(QStringLiteral("matches"));
        if (!matches.isArray())
            return creditCost(kBulkMatchOperation, double(count * creditsForMatch(true, phoneReveal)),
                              QString());
        qint64 credits = 0;
        for (const QJsonValue& person : matches.toArray())
            credits += personCredits(person, phoneReveal);
        return creditCost(kBulkMatchOperation, std::max(double(credits), reported.toDouble()), QString());
    };

    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    const auto decoded = HttpCore::decodeJson(ProviderId::Apollo, result.value());
    if (!decoded)
        co_return failure(decoded.error());
    auto bulk = ApolloJson::parseBulkMatch(decoded.value(), count);
    if (!bulk)
        co_return failure(bulk.error());
    ApolloBulkMatch value = std::move(bulk).value();
    value.cost = result.value().cost;
    co_return value;
}

QCoro::Task<Result<ApolloOrganizationMatch, IntegrationError>>
ApolloClient::enrichOrganization(QString domain, CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    const QString normalised = ApolloJson::normaliseDomain(domain);
    if (normalised.isEmpty() || !normalised.contains(u'.'))
        co_return failure(notSent(tr("\"%1\" is not a company domain").arg(domain)));

    HttpRequest request;
    request.path = QStringLiteral("/organizations/enrich");
    request.query.addQueryItem(QStringLiteral("domain"),
                               QString::fromLatin1(QUrl::toPercentEncoding(normalised)));
    request.operation = kOrganizationOperation;
    request.worstCaseCost = creditsWorth(kCreditsPerRecord);
    request.costOf = [](const HttpResponse& response) -> std::optional<CostEvent> {
        const QJsonDocument document = QJsonDocument::fromJson(response.body);
        const QJsonObject organization = document.object().value(QStringLiteral("organization")).toObject();
        const bool matched = !document.isObject() || !organization.isEmpty(); // unreadable: assume charged
        return creditCost(kOrganizationOperation, matched ? double(kCreditsPerRecord) : 0.0,
                          organization.value(QStringLiteral("id")).toString());
    };

    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    const auto decoded = HttpCore::decodeJson(ProviderId::Apollo, result.value());
    if (!decoded)
        co_return failure(decoded.error());
    auto match = ApolloJson::parseOrganizationMatch(decoded.value());
    if (!match)
        co_return failure(match.error());
    ApolloOrganizationMatch value = std::move(match).value();
    value.creditsUsed = value.matched() ? kCreditsPerRecord : 0;
    value.cost = result.value().cost;
    co_return value;
}

QCoro::Task<Result<ApolloPeoplePage, IntegrationError>> ApolloClient::searchPeople(ApolloPeopleSearch search,
                                                                                   CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (search.perPage < 1 || search.perPage > kMaxPerPage)
        co_return failure(notSent(tr("a search page holds 1 to %1 people").arg(kMaxPerPage)));
    if (search.page < 1 || search.page > kMaxPage)
        co_return failure(notSent(tr("Apollo shows pages 1 to %1 of a search").arg(kMaxPage)));

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/mixed_people/api_search");
    request.body = JsonBody{QJsonDocument(ApolloJson::peopleSearchObject(search))};
    request.operation = QStringLiteral("people_search"); // free: no worst case, no cost event

    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    auto page = ApolloJson::parsePeoplePage(document.value());
    if (!page)
        co_return failure(page.error());
    ApolloPeoplePage value = std::move(page).value();
    value.page = search.page;
    value.perPage = search.perPage;
    co_return value;
}

} // namespace agency
