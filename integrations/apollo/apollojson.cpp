#include "apollojson.h"

#include "integrations/http/jsonfields.h"

#include <QJsonArray>

#include <cmath>

namespace agency {

namespace {

void insertText(QJsonObject& object, const QString& key, const QString& value)
{
    const QString trimmed = value.trimmed();
    if (!trimmed.isEmpty())
        object.insert(key, trimmed);
}

void insertList(QJsonObject& object, const QString& key, const QStringList& values)
{
    QJsonArray array;
    for (const QString& value : values) {
        if (!value.trimmed().isEmpty())
            array.append(value.trimmed());
    }
    if (!array.isEmpty())
        object.insert(key, array);
}

// Apollo's revenue and funding figures are documented as integers but are money amounts; a
// fractional value is rounded rather than refused.
std::optional<qint64> wholeAmount(JsonFields& fields, const QString& key)
{
    const std::optional<double> value = fields.number(key);
    if (!value)
        return std::nullopt;
    return qint64(std::llround(*value));
}

// request_id is an integer in people/match answers and a string in webhook results.
QString idText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        // A whole number inside qint64 is written as one; anything else (1e308) as it came, never cast.
        const double number = value.toDouble();
        if (std::abs(number) < 9.2e18 && number == std::trunc(number))
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    return QString();
}

ApolloPhone readPhone(JsonFields& fields)
{
    ApolloPhone phone;
    phone.rawNumber = fields.text(QStringLiteral("raw_number"));
    phone.sanitizedNumber = fields.text(QStringLiteral("sanitized_number"));
    // Native reveals (webhook results) name the fields *_cd.
    phone.type = fields.has(QStringLiteral("type_cd")) ? fields.text(QStringLiteral("type_cd"))
                                                       : fields.text(QStringLiteral("type"));
    phone.status = fields.has(QStringLiteral("status_cd")) ? fields.text(QStringLiteral("status_cd"))
                                                           : fields.text(QStringLiteral("status"));
    return phone;
}

QList<ApolloPhone> readPhones(JsonFields& fields, const QString& key)
{
    QList<ApolloPhone> phones;
    const QJsonArray array = fields.array(key);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = key + QStringLiteral("[%1]").arg(i);
        if (!array.at(i).isObject()) {
            fields.fail(where, QStringLiteral("expected an object"));
            continue;
        }
        JsonFields phone = fields.nested(array.at(i).toObject(), where);
        phones.append(readPhone(phone));
    }
    return phones;
}

// The current employer's name from employment_history, for a person Apollo sent without an
// organization object.
QString currentEmployer(JsonFields& fields)
{
    const QJsonArray history = fields.array(QStringLiteral("employment_history"));
    for (qsizetype i = 0; i < history.size(); ++i) {
        const QString where = QStringLiteral("employment_history[%1]").arg(i);
        if (!history.at(i).isObject()) {
            fields.fail(where, QStringLiteral("expected an object"));
            return QString();
        }
        JsonFields job = fields.nested(history.at(i).toObject(), where);
        const std::optional<bool> current = job.flag(QStringLiteral("current"));
        const QString name = job.text(QStringLiteral("organization_name"));
        if (current.value_or(false))
            return name;
    }
    return QString();
}

Result<QJsonObject, IntegrationError> rootObject(const QJsonDocument& document)
{
    if (!document.isObject())
        return failure(ApolloJson::decodeError(QStringLiteral("the answer is not a JSON object")));
    return document.object();
}

} // namespace

IntegrationError ApolloJson::decodeError(const QString& detail)
{
    return JsonFields::decodeError(ProviderId::Apollo, detail);
}

QString ApolloJson::normaliseDomain(QString domain)
{
    domain = domain.trimmed().toLower();
    if (const qsizetype scheme = domain.indexOf(QStringLiteral("://")); scheme >= 0)
        domain = domain.mid(scheme + 3);
    if (const qsizetype at = domain.lastIndexOf(u'@'); at >= 0)
        domain = domain.mid(at + 1);
    if (const qsizetype slash = domain.indexOf(u'/'); slash >= 0)
        domain.truncate(slash);
    if (const qsizetype colon = domain.indexOf(u':'); colon >= 0)
        domain.truncate(colon);
    if (domain.startsWith(QStringLiteral("www.")))
        domain = domain.mid(4);
    while (domain.endsWith(u'.'))
        domain.chop(1);
    return domain;
}

QJsonObject ApolloJson::personQueryObject(const ApolloPersonQuery& query)
{
    QJsonObject object;
    insertText(object, QStringLiteral("email"), query.email);
    insertText(object, QStringLiteral("hashed_email"), query.hashedEmail);
    insertText(object, QStringLiteral("first_name"), query.firstName);
    insertText(object, QStringLiteral("last_name"), query.lastName);
    insertText(object, QStringLiteral("name"), query.name);
    insertText(object, QStringLiteral("domain"), normaliseDomain(query.domain));
    insertText(object, QStringLiteral("organization_name"), query.organizationName);
    insertText(object, QStringLiteral("linkedin_url"), query.linkedinUrl);
    insertText(object, QStringLiteral("id"), query.id);
    return object;
}

QJsonObject ApolloJson::peopleSearchObject(const ApolloPeopleSearch& search)
{
    QJsonObject object;
    insertList(object, QStringLiteral("person_titles"), search.personTitles);
    if (search.includeSimilarTitles)
        object.insert(QStringLiteral("include_similar_titles"), true);
    insertText(object, QStringLiteral("q_keywords"), search.keywords);
    insertList(object, QStringLiteral("person_locations"), search.personLocations);
    insertList(object, QStringLiteral("person_seniorities"), search.personSeniorities);
    QStringList domains;
    for (const QString& domain : search.organizationDomains)
        domains.append(normaliseDomain(domain));
    insertList(object, QStringLiteral("q_organization_domains_list"), domains);
    insertList(object, QStringLiteral("organization_locations"), search.organizationLocations);
    insertList(object, QStringLiteral("organization_ids"), search.organizationIds);
    insertList(object, QStringLiteral("organization_num_employees_ranges"), search.employeeRanges);
    insertList(object, QStringLiteral("contact_email_status"), search.emailStatuses);
    object.insert(QStringLiteral("page"), search.page);
    object.insert(QStringLiteral("per_page"), search.perPage);
    return object;
}

ApolloOrganization ApolloJson::readOrganization(JsonFields& fields)
{
    ApolloOrganization organization;
    organization.id = fields.text(QStringLiteral("id"));
    organization.name = fields.text(QStringLiteral("name"));
    organization.primaryDomain = fields.text(QStringLiteral("primary_domain"));
    organization.websiteUrl = fields.text(QStringLiteral("website_url"));
    organization.linkedinUrl = fields.text(QStringLiteral("linkedin_url"));
    organization.industry = fields.text(QStringLiteral("industry"));
    organization.phone = fields.text(QStringLiteral("phone"));
    if (organization.phone.isEmpty()) {
        JsonFields primary =
            fields.nested(fields.object(QStringLiteral("primary_phone")), QStringLiteral("primary_phone"));
        organization.phone = primary.text(QStringLiteral("sanitized_number"));
        if (organization.phone.isEmpty())
            organization.phone = primary.text(QStringLiteral("number"));
    }
    organization.city = fields.text(QStringLiteral("city"));
    organization.state = fields.text(QStringLiteral("state"));
    organization.country = fields.text(QStringLiteral("country"));
    organization.shortDescription = fields.text(QStringLiteral("short_description"));
    organization.annualRevenuePrinted = fields.text(QStringLiteral("annual_revenue_printed"));
    organization.latestFundingStage = fields.text(QStringLiteral("latest_funding_stage"));
    organization.estimatedEmployees = fields.integer(QStringLiteral("estimated_num_employees"));
    organization.foundedYear = fields.integer(QStringLiteral("founded_year"));
    organization.annualRevenue = wholeAmount(fields, QStringLiteral("annual_revenue"));
    organization.totalFunding = wholeAmount(fields, QStringLiteral("total_funding"));
    organization.keywords = fields.texts(QStringLiteral("keywords"));
    organization.technologies = fields.texts(QStringLiteral("technology_names"));
    if (organization.primaryDomain.isEmpty() && !organization.websiteUrl.isEmpty())
        organization.primaryDomain = normaliseDomain(organization.websiteUrl);
    organization.raw = fields.json();
    return organization;
}

ApolloPerson ApolloJson::readPerson(JsonFields& fields)
{
    ApolloPerson person;
    person.id = fields.text(QStringLiteral("id"));
    person.firstName = fields.text(QStringLiteral("first_name"));
    person.lastName = fields.text(QStringLiteral("last_name"));
    person.name = fields.text(QStringLiteral("name"));
    if (person.name.isEmpty())
        person.name = QStringList{person.firstName, person.lastName}.join(u' ').trimmed();
    person.title = fields.text(QStringLiteral("title"));
    person.headline = fields.text(QStringLiteral("headline"));
    person.email = fields.text(QStringLiteral("email"));
    person.emailStatus = fields.text(QStringLiteral("email_status"));
    person.personalEmails = fields.texts(QStringLiteral("personal_emails"));
    person.phones = readPhones(fields, QStringLiteral("phone_numbers"));
    if (person.phones.isEmpty() && fields.has(QStringLiteral("contact"))) {
        // A person already saved as a contact carries the team's numbers on the contact.
        JsonFields contact =
            fields.nested(fields.object(QStringLiteral("contact")), QStringLiteral("contact"));
        person.phones = readPhones(contact, QStringLiteral("phone_numbers"));
    }
    person.linkedinUrl = fields.text(QStringLiteral("linkedin_url"));
    person.seniority = fields.text(QStringLiteral("seniority"));
    person.departments = fields.texts(QStringLiteral("departments"));
    person.city = fields.text(QStringLiteral("city"));
    person.state = fields.text(QStringLiteral("state"));
    person.country = fields.text(QStringLiteral("country"));

    const QJsonObject organization = fields.object(QStringLiteral("organization"));
    if (!organization.isEmpty()) {
        JsonFields orgFields = fields.nested(organization, QStringLiteral("organization"));
        person.organization = readOrganization(orgFields);
        person.companyName = person.organization->name;
        person.companyDomain = person.organization->primaryDomain;
        person.companyIndustry = person.organization->industry;
        person.companySize = person.organization->estimatedEmployees;
    }
    if (person.companyName.isEmpty())
        person.companyName = currentEmployer(fields);
    person.raw = fields.json();
    return person;
}

Result<ApolloPersonMatch, IntegrationError> ApolloJson::parsePersonMatch(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ApolloPersonMatch match;
    match.requestId = idText(root.value().value(QStringLiteral("request_id")));
    const QJsonValue person = root.value().value(QStringLiteral("person"));
    if (person.isObject()) {
        JsonFields personFields = fields.nested(person.toObject(), QStringLiteral("person"));
        match.person = readPerson(personFields);
    } else if (!person.isNull() && !person.isUndefined()) {
        fields.fail(QStringLiteral("person"), QStringLiteral("expected an object or null"));
    }
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return match;
}

Result<ApolloBulkMatch, IntegrationError> ApolloJson::parseBulkMatch(const QJsonDocument& document,
                                                                     int requested)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ApolloBulkMatch bulk;
    bulk.totalRequested = fields.integer(QStringLiteral("total_requested_enrichments")).value_or(requested);
    bulk.uniqueEnriched = fields.integer(QStringLiteral("unique_enriched_records")).value_or(0);
    bulk.missing = fields.integer(QStringLiteral("missing_records")).value_or(0);
    bulk.creditsConsumed = fields.number(QStringLiteral("credits_consumed")).value_or(0);
    bulk.requestId = idText(root.value().value(QStringLiteral("request_id")));
    if (!fields.has(QStringLiteral("matches")))
        fields.fail(QStringLiteral("matches"), QStringLiteral("missing"));
    const QJsonArray matches = fields.array(QStringLiteral("matches"));
    for (qsizetype i = 0; i < matches.size(); ++i) {
        const QJsonValue entry = matches.at(i);
        const QString where = QStringLiteral("matches[%1]").arg(i);
        if (entry.isObject()) {
            JsonFields personFields = fields.nested(entry.toObject(), where);
            bulk.matches.append(readPerson(personFields));
        } else if (entry.isNull()) {
            bulk.matches.append(std::nullopt);
        } else {
            fields.fail(where, QStringLiteral("expected an object or null"));
        }
    }
    // Matches are paired with the request by position; a different count would attach a person to
    // the wrong lead, so it is refused rather than guessed.
    if (fields.ok() && bulk.matches.size() != requested)
        fields.fail(QStringLiteral("matches"),
                    QStringLiteral("%1 entries for %2 people sent").arg(bulk.matches.size()).arg(requested));
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return bulk;
}

Result<ApolloOrganizationMatch, IntegrationError>
ApolloJson::parseOrganizationMatch(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ApolloOrganizationMatch match;
    const QJsonObject organization = fields.object(QStringLiteral("organization"));
    // Apollo answers a miss with no organization, null, or an empty object.
    if (!organization.isEmpty()) {
        JsonFields orgFields = fields.nested(organization, QStringLiteral("organization"));
        match.organization = readOrganization(orgFields);
    }
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    return match;
}

Result<ApolloPeoplePage, IntegrationError> ApolloJson::parsePeoplePage(const QJsonDocument& document)
{
    auto root = rootObject(document);
    if (!root)
        return failure(root.error());
    JsonFields fields(root.value(), QString());
    ApolloPeoplePage page;
    // api_search puts the total at the top; the older mixed_people/search under pagination.
    std::optional<qint64> total = fields.integer(QStringLiteral("total_entries"));
    if (!total && fields.has(QStringLiteral("pagination"))) {
        JsonFields pagination =
            fields.nested(fields.object(QStringLiteral("pagination")), QStringLiteral("pagination"));
        total = pagination.integer(QStringLiteral("total_entries"));
    }
    if (!fields.has(QStringLiteral("people")))
        fields.fail(QStringLiteral("people"), QStringLiteral("missing"));
    const QJsonArray people = fields.array(QStringLiteral("people"));
    for (qsizetype i = 0; i < people.size(); ++i) {
        const QString where = QStringLiteral("people[%1]").arg(i);
        if (!people.at(i).isObject()) {
            fields.fail(where, QStringLiteral("expected an object"));
            continue;
        }
        JsonFields hitFields = fields.nested(people.at(i).toObject(), where);
        ApolloSearchHit hit;
        hit.id = hitFields.text(QStringLiteral("id"));
        hit.firstName = hitFields.text(QStringLiteral("first_name"));
        hit.lastName = hitFields.text(QStringLiteral("last_name"));
        if (hit.lastName.isEmpty())
            hit.lastName = hitFields.text(QStringLiteral("last_name_obfuscated"));
        hit.title = hitFields.text(QStringLiteral("title"));
        hit.hasEmail = hitFields.flag(QStringLiteral("has_email")).value_or(false);
        const QJsonValue directPhone = hitFields.json().value(QStringLiteral("has_direct_phone"));
        hit.hasDirectPhone = directPhone.isBool()
                                 ? (directPhone.toBool() ? QStringLiteral("Yes") : QStringLiteral("No"))
                                 : hitFields.text(QStringLiteral("has_direct_phone"));
        hit.lastRefreshedAt = hitFields.text(QStringLiteral("last_refreshed_at"));
        JsonFields org = hitFields.nested(hitFields.object(QStringLiteral("organization")),
                                          QStringLiteral("organization"));
        hit.organizationName = org.text(QStringLiteral("name"));
        hit.raw = hitFields.json();
        if (hit.id.isEmpty())
            hitFields.fail(QStringLiteral("id"), QStringLiteral("missing"));
        page.people.append(std::move(hit));
    }
    if (!fields.ok())
        return failure(decodeError(fields.problem()));
    page.totalEntries = total.value_or(page.people.size());
    return page;
}

ProviderErrorInfo ApolloJson::parseError(int status, const QByteArray& body)
{
    ProviderErrorInfo info;
    const bool success = status >= 200 && status < 300;
    const QByteArray trimmed = body.trimmed();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        // A 2xx is an error only when a bulk answer says so; anything else is read by the parsers.
        if (success && object.value(QStringLiteral("status")).toString() != u"failed")
            return info;
        const QJsonValue error = object.value(QStringLiteral("error"));
        if (error.isString())
            info.message = error.toString();
        else if (error.isObject())
            info.message = error.toObject().value(QStringLiteral("message")).toString();
        if (info.message.isEmpty())
            info.message = object.value(QStringLiteral("error_message")).toString();
        if (info.message.isEmpty())
            info.message = object.value(QStringLiteral("message")).toString();
        if (info.message.isEmpty() && object.value(QStringLiteral("errors")).isArray()) {
            QStringList parts;
            for (const QJsonValue& part : object.value(QStringLiteral("errors")).toArray())
                parts.append(part.toString());
            info.message = parts.join(QStringLiteral("; "));
        }
        info.code = object.value(QStringLiteral("error_code")).toString();
        if (success)
            info.kind = IntegrationError::Kind::InvalidRequest;
    } else if (!success) {
        // The 401 is plain text ("Invalid access credentials."); keep a readable line of it.
        info.message = QString::fromUtf8(trimmed.left(300)).simplified();
    }
    // Apollo's 429 sometimes nests its JSON in the message string.
    if (info.message.startsWith(u'{')) {
        const QJsonDocument inner = QJsonDocument::fromJson(info.message.toUtf8());
        if (inner.isObject() && inner.object().value(QStringLiteral("message")).isString())
            info.message = inner.object().value(QStringLiteral("message")).toString();
    }
    const QString lower = info.message.toLower();
    if (info.code.compare(u"INSUFFICIENT_CREDITS", Qt::CaseInsensitive) == 0 ||
        lower.contains(QStringLiteral("insufficient credits")) ||
        lower.contains(QStringLiteral("not enough credits")))
        info.kind = IntegrationError::Kind::InvalidRequest; // a spent balance, not a refused key
    return info;
}

} // namespace agency
