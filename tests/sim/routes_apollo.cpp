// Apollo (shared/providers/apollo.md, contracts/specs/apollo.json): X-Api-Key auth, GET /users/api_profile
// as the credential check, x-rate-limit-* / x-*-usage / x-*-requests-left headers with fixed minute, hour
// and day windows; people/match, people/bulk_match (≤ 10), organizations/enrich and the master-key-only
// mixed_people/api_search. Demo triggers: emails at nobody@… or unknown.example miss; the domain
// no-credits.example answers "insufficient credits"; "sim-limited" is a normal (non-master) key.

#include "providerspec.h"
#include "routekit.h"

#include <QRegularExpression>
#include <QUrl>

namespace agency::sim {

namespace {

struct Windows
{
    int minute;
    int hourly;
    int daily;
};

Windows windowsFor(const SimData& data)
{
    // The docs' 50/100/300 are illustrations; a seeded plan-like allowance instead.
    const int minute = static_cast<int>(data.range(u"apollo:minute", 2, 4)) * 100;
    return {minute, minute * 5, minute * 20};
}

void addRateHeaders(SimResponse& response, const SimRequest& request, const Windows& windows, bool exhausted)
{
    int minuteLimit = windows.minute;
    int minuteLeft = std::max(0, windows.minute - static_cast<int>(request.sequence));
    if (request.rate) {
        minuteLimit = request.rate->limit;
        minuteLeft = request.rate->remaining;
    }
    if (exhausted)
        minuteLeft = 0;
    const auto used = [](int limit, int left) {
        return QByteArray::number(std::max(0, limit - left));
    };
    const int hourlyLeft = std::max(0, windows.hourly - static_cast<int>(request.sequence));
    const int dailyLeft = std::max(0, windows.daily - static_cast<int>(request.sequence));
    response.withHeader("x-rate-limit-minute", QByteArray::number(minuteLimit))
        .withHeader("x-rate-limit-hourly", QByteArray::number(windows.hourly))
        .withHeader("x-rate-limit-daily", QByteArray::number(windows.daily))
        .withHeader("x-minute-usage", used(minuteLimit, minuteLeft))
        .withHeader("x-hourly-usage", used(windows.hourly, hourlyLeft))
        .withHeader("x-daily-usage", used(windows.daily, dailyLeft))
        .withHeader("x-minute-requests-left", QByteArray::number(minuteLeft))
        .withHeader("x-hourly-requests-left", QByteArray::number(hourlyLeft))
        .withHeader("x-daily-requests-left", QByteArray::number(dailyLeft));
}

SimResponse apiProfile(const SimData& data, const SimRequest& request)
{
    const QString first = data.firstName(u"apollo:user");
    const QString last = data.lastName(u"apollo:user");
    QJsonObject profile{
        {QStringLiteral("id"), data.hex(u"apollo:user-id", 24)},
        {QStringLiteral("team_id"), data.hex(u"apollo:team-id", 24)},
        {QStringLiteral("first_name"), first},
        {QStringLiteral("last_name"), last},
        {QStringLiteral("name"), QString(first + u' ' + last)},
        {QStringLiteral("email"), data.email(u"apollo:user")},
        {QStringLiteral("title"),
         data.pick(u"apollo:title", {QStringLiteral("Founder"), QStringLiteral("Head of Growth")})},
        {QStringLiteral("created_at"), isoMillis(data.dateTime(u"apollo:created"))},
    };
    if (request.queryValue(QStringLiteral("include_credit_usage")) == u"true") {
        // The credit fields of contracts/specs/apollo.json (GET /users/api_profile, "With credit usage").
        const qint64 lead = data.range(u"apollo:credit-limit", 10, 40) * 500;
        const qint64 leadUsed = data.range(u"apollo:credit-used", 0, lead / 2);
        const qint64 dial = data.range(u"apollo:dial-limit", 1, 4) * 250;
        const qint64 dialUsed = data.range(u"apollo:dial-used", 0, dial / 2);
        const qint64 exportLimit = data.range(u"apollo:export-limit", 2, 10) * 500;
        const qint64 exportUsed = data.range(u"apollo:export-used", 0, exportLimit / 2);
        profile.insert(QStringLiteral("num_credits_remaining"), lead - leadUsed);
        profile.insert(QStringLiteral("effective_num_lead_credits"), lead);
        profile.insert(QStringLiteral("num_lead_credits_used"), leadUsed);
        profile.insert(QStringLiteral("effective_num_direct_dial_credits"), dial);
        profile.insert(QStringLiteral("num_direct_dial_credits_used"), dialUsed);
        profile.insert(QStringLiteral("effective_num_export_credits"), exportLimit);
        profile.insert(QStringLiteral("num_export_credits_used"), exportUsed);
        profile.insert(QStringLiteral("total_unified_credits_used"), leadUsed + dialUsed + exportUsed);
    }
    return SimResponse::json(200, profile);
}

// Apollo's error bodies, as contracts/specs/apollo.json shows them per status.
SimResponse apolloError(int status, const QString& message, const QString& code = QString())
{
    QJsonObject body{{QStringLiteral("error"), message}};
    if (!code.isEmpty())
        body.insert(QStringLiteral("error_code"), code);
    return SimResponse::json(status, body);
}

SimResponse bulkError(int status, const QString& code, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("status"), QStringLiteral("failed")},
                                                 {QStringLiteral("error_code"), code},
                                                 {QStringLiteral("error_message"), message}});
}

// The request's fields: the JSON body (as Apollo's CLI sends them), else the query string (as the
// reference pages list them). nullopt when a body is there but is not a JSON object.
std::optional<QJsonObject> requestFields(const SimRequest& request)
{
    if (!request.body.trimmed().isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (!document.isObject())
            return std::nullopt;
        return document.object();
    }
    QJsonObject fields;
    for (const auto& [key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (value == u"true" || value == u"false")
            fields.insert(key, value == u"true");
        else
            fields.insert(key, value);
    }
    return fields;
}

QString slugOf(const QString& text)
{
    QString slug;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            slug += c;
        else if (!slug.endsWith(u'-') && !slug.isEmpty())
            slug += u'-';
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug;
}

QString domainOf(const QString& email)
{
    const qsizetype at = email.lastIndexOf(u'@');
    return at < 0 ? QString() : email.mid(at + 1).toLower();
}

// Deterministic fake data for one company domain; contracts/specs/apollo.json field names.
QJsonObject organizationObject(const SimData& data, const QString& domain)
{
    const QString salt = QStringLiteral("apollo:org:") + domain;
    const QString name = data.companyName(salt);
    const qint64 employees = data.range(QString(salt + u":size"), 5, 800);
    const qint64 revenue = employees * data.range(QString(salt + u":rev"), 80, 240) * 1000;
    return QJsonObject{
        {QStringLiteral("id"), data.hex(salt, 24)},
        {QStringLiteral("name"), name},
        {QStringLiteral("website_url"), QString(QStringLiteral("http://www.") + domain)},
        {QStringLiteral("blog_url"), QJsonValue::Null},
        {QStringLiteral("linkedin_url"),
         QString(QStringLiteral("http://www.linkedin.com/company/") + slugOf(name))},
        {QStringLiteral("twitter_url"), QJsonValue::Null},
        {QStringLiteral("primary_phone"), QJsonObject{}},
        {QStringLiteral("languages"), QJsonArray{}},
        {QStringLiteral("phone"),
         QStringLiteral("+1 415-555-01%1").arg(data.range(QString(salt + u":ph"), 10, 99))},
        {QStringLiteral("founded_year"), data.range(QString(salt + u":founded"), 1990, 2022)},
        {QStringLiteral("primary_domain"), domain},
        {QStringLiteral("industry"),
         data.pick(QString(salt + u":industry"), {QStringLiteral("marketing & advertising"),
                                                  QStringLiteral("information technology & services"),
                                                  QStringLiteral("computer software")})},
        {QStringLiteral("keywords"), QJsonArray{QStringLiteral("lead generation"), QStringLiteral("b2b")}},
        {QStringLiteral("estimated_num_employees"), employees},
        {QStringLiteral("city"), QStringLiteral("Sydney")},
        {QStringLiteral("state"), QStringLiteral("New South Wales")},
        {QStringLiteral("country"), QStringLiteral("Australia")},
        {QStringLiteral("short_description"), QString(name + QStringLiteral(" helps B2B teams grow."))},
        {QStringLiteral("annual_revenue"), revenue},
        {QStringLiteral("annual_revenue_printed"), QStringLiteral("%1M").arg(revenue / 1000000)},
        {QStringLiteral("total_funding"), QJsonValue::Null},
        {QStringLiteral("latest_funding_stage"),
         data.pick(QString(salt + u":stage"), {QStringLiteral("Seed"), QStringLiteral("Series A")})},
        {QStringLiteral("technology_names"),
         QJsonArray{QStringLiteral("Google Workspace"), QStringLiteral("HubSpot"),
                    QStringLiteral("WordPress.org")}},
    };
}

enum class Identity
{
    None, ///< nothing that identifies a person
    Miss, ///< identified, but not in the database
    Found,
    NoCredits, ///< the sim's account with no credits left
};

// Who a match request names, and whether the sim "knows" them. Emails at nobody@… / unknown.example
// and a bare name without an employer are misses; no-credits.example drains the account.
Identity identify(const QJsonObject& fields, QString* key, QString* domain)
{
    const QString email = fields.value(QStringLiteral("email")).toString().trimmed().toLower();
    const QString linkedin = fields.value(QStringLiteral("linkedin_url")).toString().trimmed();
    const QString id = fields.value(QStringLiteral("id")).toString().trimmed();
    const QString hashed = fields.value(QStringLiteral("hashed_email")).toString().trimmed();
    const QString first = fields.value(QStringLiteral("first_name")).toString().trimmed();
    const QString last = fields.value(QStringLiteral("last_name")).toString().trimmed();
    const QString name = fields.value(QStringLiteral("name")).toString().trimmed();
    *domain = fields.value(QStringLiteral("domain")).toString().trimmed().toLower();
    const QString organization = fields.value(QStringLiteral("organization_name")).toString().trimmed();
    if (!email.isEmpty()) {
        *key = email;
        *domain = domainOf(email);
    } else if (!linkedin.isEmpty()) {
        *key = linkedin.toLower();
    } else if (!id.isEmpty()) {
        *key = id;
    } else if (!hashed.isEmpty()) {
        *key = hashed;
    } else if ((!first.isEmpty() || !last.isEmpty() || !name.isEmpty()) &&
               (!domain->isEmpty() || !organization.isEmpty())) {
        *key = (name.isEmpty() ? QString(first + u' ' + last) : name).toLower() + u'@' +
               (domain->isEmpty() ? organization.toLower() : *domain);
    } else {
        return Identity::None;
    }
    if (domain->isEmpty() && !organization.isEmpty())
        *domain = slugOf(organization) + QStringLiteral(".example");
    if (*domain == u"no-credits.example")
        return Identity::NoCredits;
    if (email.startsWith(QStringLiteral("nobody")) || *domain == u"unknown.example" ||
        key->contains(QStringLiteral("unknown")))
        return Identity::Miss;
    return Identity::Found;
}

QJsonObject personObject(const SimData& data, const QJsonObject& fields, const QString& key, QString domain)
{
    const QString salt = QStringLiteral("apollo:person:") + key;
    QString first = fields.value(QStringLiteral("first_name")).toString().trimmed();
    QString last = fields.value(QStringLiteral("last_name")).toString().trimmed();
    if (first.isEmpty())
        first = data.firstName(salt);
    if (last.isEmpty())
        last = data.lastName(salt);
    if (domain.isEmpty())
        domain = slugOf(data.companyName(salt)) + QStringLiteral(".example");
    QString email = fields.value(QStringLiteral("email")).toString().trimmed().toLower();
    if (email.isEmpty())
        email = first.toLower() + u'.' + last.toLower() + u'@' + domain;
    QString linkedin = fields.value(QStringLiteral("linkedin_url")).toString().trimmed();
    if (linkedin.isEmpty())
        linkedin = QStringLiteral("http://www.linkedin.com/in/%1-%2-%3")
                       .arg(first.toLower(), last.toLower(), data.hex(QString(salt + u":li"), 8));
    const QJsonObject organization = organizationObject(data, domain);
    const QString title = data.pick(QString(salt + u":title"),
                                    {QStringLiteral("Head of Marketing"), QStringLiteral("Founder & CEO"),
                                     QStringLiteral("Sales Director"), QStringLiteral("Growth Lead")});
    QJsonObject person{
        {QStringLiteral("id"), data.hex(salt, 24)},
        {QStringLiteral("first_name"), first},
        {QStringLiteral("last_name"), last},
        {QStringLiteral("name"), QString(first + u' ' + last)},
        {QStringLiteral("linkedin_url"), linkedin},
        {QStringLiteral("title"), title},
        {QStringLiteral("email_status"), data.chance(QString(salt + u":status"), 80)
                                             ? QStringLiteral("verified")
                                             : QStringLiteral("guessed")},
        {QStringLiteral("photo_url"), QJsonValue::Null},
        {QStringLiteral("twitter_url"), QJsonValue::Null},
        {QStringLiteral("headline"),
         QString(title + QStringLiteral(" at ") + organization.value(QStringLiteral("name")).toString())},
        {QStringLiteral("email"), email},
        {QStringLiteral("organization_id"), organization.value(QStringLiteral("id"))},
        {QStringLiteral("employment_history"),
         QJsonArray{
             QJsonObject{{QStringLiteral("current"), true},
                         {QStringLiteral("organization_name"), organization.value(QStringLiteral("name"))},
                         {QStringLiteral("title"), title},
                         {QStringLiteral("start_date"), QStringLiteral("2021-03-01")},
                         {QStringLiteral("end_date"), QJsonValue::Null}}}},
        {QStringLiteral("city"), QStringLiteral("Sydney")},
        {QStringLiteral("state"), QStringLiteral("New South Wales")},
        {QStringLiteral("country"), QStringLiteral("Australia")},
        // The employer's switchboard: a work number costs no extra credits (only mobiles do).
        {QStringLiteral("phone_numbers"),
         QJsonArray{
             QJsonObject{{QStringLiteral("raw_number"), organization.value(QStringLiteral("phone"))},
                         {QStringLiteral("sanitized_number"),
                          organization.value(QStringLiteral("phone")).toString().remove(u' ').remove(u'-')},
                         {QStringLiteral("type"), QStringLiteral("work_hq")},
                         {QStringLiteral("status"), QStringLiteral("valid_number")}}}},
        {QStringLiteral("organization"), organization},
        {QStringLiteral("departments"), QJsonArray{QStringLiteral("master_marketing")}},
        {QStringLiteral("seniority"), QStringLiteral("director")},
    };
    // Demo trigger: a person whose email starts "nophone" has no number on record (for waterfall tests).
    if (key.startsWith(QStringLiteral("nophone")))
        person.insert(QStringLiteral("phone_numbers"), QJsonArray{});
    if (fields.value(QStringLiteral("reveal_personal_emails")).toBool())
        person.insert(
            QStringLiteral("personal_emails"),
            QJsonArray{QString(first.toLower() + u'.' + last.toLower() + QStringLiteral("@mail.example"))});
    return person;
}

// A phone reveal without somewhere to deliver it is refused (the spec: webhook_url "becomes mandatory").
// unverified: the status and text of that refusal.
std::optional<SimResponse> revealProblem(const QJsonObject& fields)
{
    if (fields.value(QStringLiteral("reveal_phone_number")).toBool() &&
        fields.value(QStringLiteral("webhook_url")).toString().trimmed().isEmpty())
        return apolloError(422, QStringLiteral("Please add a valid 'webhook_url' parameter when using "
                                               "'reveal_phone_number'"));
    return std::nullopt;
}

// unverified: Apollo's answer when the team has no credits left is not documented; this shape
// follows its other 422 bodies.
SimResponse noCredits()
{
    return apolloError(422, QStringLiteral("insufficient credits"), QStringLiteral("INSUFFICIENT_CREDITS"));
}

qint64 requestIdFor(const SimData& data, const SimRequest& request)
{
    // A large integer, as in the spec's example (1039995589705121900): exact only as a 64-bit integer.
    return 1000000000000000000LL +
           data.range(QStringLiteral("apollo:request:%1").arg(request.sequence), 0, 99999999999999999LL);
}

SimResponse personMatch(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> fields = requestFields(request);
    if (!fields)
        return apolloError(400, QStringLiteral("The request body is not valid JSON"));
    if (auto problem = revealProblem(*fields))
        return *problem;
    QString key;
    QString domain;
    const Identity identity = identify(*fields, &key, &domain);
    if (identity == Identity::NoCredits)
        return noCredits();
    QJsonObject body;
    // No match is still a 200 (apollo.md §3.1): the person is null.
    body.insert(QStringLiteral("person"), identity == Identity::Found
                                              ? QJsonValue(personObject(data, *fields, key, domain))
                                              : QJsonValue(QJsonValue::Null));
    if (fields->value(QStringLiteral("reveal_phone_number")).toBool())
        body.insert(QStringLiteral("request_id"), requestIdFor(data, request));
    return SimResponse::json(200, body);
}

SimResponse bulkMatch(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> fields = requestFields(request);
    if (!fields)
        return bulkError(400, QStringLiteral("INVALID_REQUEST"),
                         QStringLiteral("invalid request, missing details"));
    const QJsonArray details = fields->value(QStringLiteral("details")).toArray();
    if (details.isEmpty())
        return bulkError(400, QStringLiteral("INVALID_REQUEST"),
                         QStringLiteral("invalid request, missing details"));
    if (details.size() > 10)
        return bulkError(400, QStringLiteral("RECORD_LIMIT_EXCEEDED"),
                         QStringLiteral("cannot enrich more than 10 in a single request"));
    if (auto problem = revealProblem(*fields))
        return *problem;
    QJsonArray matches;
    int found = 0;
    for (const QJsonValue& detail : details) {
        QJsonObject person = detail.toObject();
        // The top-level reveal flags apply to every person.
        person.insert(QStringLiteral("reveal_personal_emails"),
                      fields->value(QStringLiteral("reveal_personal_emails")));
        QString key;
        QString domain;
        const Identity identity = identify(person, &key, &domain);
        if (identity == Identity::NoCredits)
            return noCredits();
        if (identity == Identity::Found) {
            matches.append(personObject(data, person, key, domain));
            ++found;
        } else {
            matches.append(QJsonValue::Null);
        }
    }
    QJsonObject body{
        {QStringLiteral("status"), QStringLiteral("success")},
        {QStringLiteral("error_code"), QJsonValue::Null},
        {QStringLiteral("error_message"), QJsonValue::Null},
        {QStringLiteral("total_requested_enrichments"), details.size()},
        {QStringLiteral("unique_enriched_records"), found},
        {QStringLiteral("missing_records"), details.size() - found},
        // 1 credit per enriched person; a requested phone reveal is charged when it is delivered.
        {QStringLiteral("credits_consumed"), found},
        {QStringLiteral("matches"), matches},
    };
    if (fields->value(QStringLiteral("reveal_phone_number")).toBool()) {
        const qint64 id = requestIdFor(data, request);
        body.insert(QStringLiteral("request_id"), id);
        body.insert(
            QStringLiteral("phone_enrichment"),
            QJsonObject{{QStringLiteral("request_id"), QString::number(id)},
                        {QStringLiteral("status"), QStringLiteral("accepted")},
                        {QStringLiteral("message"), QStringLiteral("Phone enrichment request accepted.")}});
    }
    return SimResponse::json(200, body);
}

SimResponse organizationEnrich(const SimData& data, const SimRequest& request)
{
    QString domain = request.queryValue(QStringLiteral("domain")).trimmed().toLower();
    const QString website = request.queryValue(QStringLiteral("website")).trimmed().toLower();
    const QString name = request.queryValue(QStringLiteral("name")).trimmed();
    if (domain.isEmpty() && !website.isEmpty())
        domain = QUrl::fromUserInput(website).host().remove(QStringLiteral("www."));
    if (domain.isEmpty() && !name.isEmpty())
        domain = slugOf(name) + QStringLiteral(".example");
    if (domain.isEmpty())
        return apolloError(422, QStringLiteral("Required parameter 'domain' missing"));
    if (domain == u"no-credits.example")
        return noCredits();
    // unverified: the shape of a miss; the client treats a missing, null or empty organization alike.
    if (domain.startsWith(QStringLiteral("unknown")) || domain.endsWith(QStringLiteral(".invalid")))
        return SimResponse::json(200, QJsonObject{});
    return SimResponse::json(200,
                             QJsonObject{{QStringLiteral("organization"), organizationObject(data, domain)}});
}

SimResponse peopleSearch(const SimData& data, const SimRequest& request)
{
    // api_search needs a master key; "sim-limited" plays a normal (non-master) key.
    if (request.limited())
        return apolloError(
            403,
            QStringLiteral("This API key is not authorized to access api/v1/mixed_people/api_search. "
                           "Request an API key from your administrator that includes this endpoint "
                           "in its configured scope."),
            QStringLiteral("API_INACCESSIBLE"));
    const std::optional<QJsonObject> fields = requestFields(request);
    if (!fields)
        return apolloError(422, QStringLiteral("Invalid parameters"));
    const int page = fields->value(QStringLiteral("page")).toInt(1);
    const int perPage = fields->value(QStringLiteral("per_page")).toInt(10);
    if (page < 1 || page > 500 || perPage < 1 || perPage > 100)
        return apolloError(422, QStringLiteral("Invalid parameters"));
    const QString key = QString::fromUtf8(QJsonDocument(*fields).toJson(QJsonDocument::Compact))
                            .remove(QRegularExpression(QStringLiteral("\"(page|per_page)\":\\d+,?")));
    const qint64 total = data.range(QString(QStringLiteral("apollo:search:") + key), 40, 240);
    QJsonArray people;
    for (qint64 i = qint64(page - 1) * perPage; i < std::min<qint64>(total, qint64(page) * perPage); ++i) {
        const QString salt = QStringLiteral("apollo:hit:%1:%2").arg(key).arg(i);
        const QString last = data.lastName(salt);
        people.append(QJsonObject{
            {QStringLiteral("id"), data.hex(salt, 24)},
            {QStringLiteral("first_name"), data.firstName(salt)},
            {QStringLiteral("last_name_obfuscated"),
             QString(last.left(2) + QStringLiteral("***") + last.right(1))},
            {QStringLiteral("title"), data.pick(QString(salt + u":t"), {QStringLiteral("Marketing Manager"),
                                                                        QStringLiteral("Head of Growth")})},
            {QStringLiteral("last_refreshed_at"), isoMillis(data.dateTime(salt, 60))},
            {QStringLiteral("has_email"), data.chance(QString(salt + u":e"), 85)},
            {QStringLiteral("has_city"), true},
            {QStringLiteral("has_state"), true},
            {QStringLiteral("has_country"), true},
            {QStringLiteral("has_direct_phone"),
             data.chance(QString(salt + u":p"), 50)
                 ? QStringLiteral("Yes")
                 : QStringLiteral("Maybe: please request direct dial via people/bulk_match")},
            {QStringLiteral("organization"), QJsonObject{{QStringLiteral("name"), data.companyName(salt)},
                                                         {QStringLiteral("has_industry"), true},
                                                         {QStringLiteral("has_phone"), false},
                                                         {QStringLiteral("has_employee_count"), true}}},
        });
    }
    return SimResponse::json(
        200, QJsonObject{{QStringLiteral("total_entries"), total}, {QStringLiteral("people"), people}});
}

} // namespace

ProviderSpec apolloSpec(const SimData& data)
{
    const Windows windows = windowsFor(data);
    ProviderSpec spec;
    spec.id = ProviderId::Apollo;

    spec.authenticate = [](const SimRequest& request) {
        AuthOutcome outcome = secretFromHeader(request, "X-Api-Key");
        if (outcome.state == CredentialState::Missing) {
            // An API key sent as "Authorization: Bearer" is refused with 401 (Bearer is for partner
            // OAuth tokens), whatever its value.
            if (const std::optional<QString> bearer = authorizationToken(request, "Bearer")) {
                outcome = outcomeFor(*bearer);
                outcome.state = CredentialState::Invalid;
            }
        }
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest&) {
        // unverified: the text is from a third-party report; whether it is plain text or JSON is not
        // known, so the simulator sends the harder case (plain text) and clients must parse defensively.
        return SimResponse::text(401, QByteArrayLiteral("Invalid access credentials."));
    };
    spec.rateLimited = [windows](const SimRequest& request, int) {
        // unverified: apollo.md records no 429 body; this message follows the plan-limit wording.
        SimResponse response = SimResponse::json(
            429, QJsonObject{
                     {QStringLiteral("message"),
                      QStringLiteral("The maximum number of api calls allowed for %1 is %2 times per minute. "
                                     "Please upgrade your plan.")
                          .arg(request.path)
                          .arg(request.rate ? request.rate->limit : windows.minute)}});
        // unverified: the md lists these headers on successful answers; they are on the 429 too (with 0 left)
        // so a client can see which window ran out.
        addRateHeaders(response, request, windows, true);
        return response;
    };
    spec.serverError = [](const SimRequest&, int status) {
        // unverified: apollo.md says the error body shape is unverified.
        return SimResponse::json(
            status, QJsonObject{{QStringLiteral("error"), QStringLiteral("Internal Server Error")}});
    };
    spec.notFound = [](const SimRequest&) {
        return SimResponse::json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("Not Found")}});
    };
    spec.decorate = [windows](const SimRequest& request, SimResponse& response) {
        if (response.status >= 200 && response.status < 300)
            addRateHeaders(response, request, windows, false);
    };

    spec.routes.add("GET", QStringLiteral("/users/api_profile"),
                    [data](const SimRequest& request) { return apiProfile(data, request); });
    spec.routes.add("POST", QStringLiteral("/people/match"),
                    [data](const SimRequest& request) { return personMatch(data, request); });
    spec.routes.add("POST", QStringLiteral("/people/bulk_match"),
                    [data](const SimRequest& request) { return bulkMatch(data, request); });
    spec.routes.add("GET", QStringLiteral("/organizations/enrich"),
                    [data](const SimRequest& request) { return organizationEnrich(data, request); });
    spec.routes.add("POST", QStringLiteral("/mixed_people/api_search"),
                    [data](const SimRequest& request) { return peopleSearch(data, request); });
    return spec;
}

} // namespace agency::sim
