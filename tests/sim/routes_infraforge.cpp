// InfraForge (shared/providers/infraforge.md): the raw key in "Authorization: <key>" (no Bearer),
// GET /workspaces and GET /credits/balance as the cheap reads. Paths, field names and limits come from
// integrations/infraforge/infraforgeapi.h — the client's own list of facts, each with its source — so the
// simulator and the client cannot drift apart. The data is a pure function of the seed: a purchase
// changes nothing for the next request.

#include "providerspec.h"
#include "routekit.h"

#include "integrations/infraforge/infraforgeapi.h"

#include <QRegularExpression>

namespace agency::sim {

namespace api = agency::infraforge;
namespace field = agency::infraforge::field;

namespace {

SimResponse infraError(int status, const QString& message)
{
    // unverified: only a 400's body has been seen ({message, data}); other statuses send {message}.
    return SimResponse::json(status, QJsonObject{{field::message, message}});
}

// A 400 the way InfraForge's validator words it [live]: {"message": "invalid request body", "data": [...]}.
SimResponse invalidBody(const QStringList& problems)
{
    return SimResponse::json(400, QJsonObject{{field::message, QStringLiteral("invalid request body")},
                                              {field::data, QJsonArray::fromStringList(problems)}});
}

std::optional<QJsonObject> objectBody(const SimRequest& request)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return std::nullopt;
    return document.object();
}

bool isDomainName(const QString& name)
{
    static const QRegularExpression shape(
        QStringLiteral("^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$"));
    return shape.match(name).hasMatch();
}

struct Workspace
{
    QString id;
    QString name;
    QString salt;
    bool dedicatedIp = false;
};

QList<Workspace> workspaceList(const SimData& data)
{
    QList<Workspace> list;
    const int count = static_cast<int>(data.range(u"infra:workspaces", 1, 3));
    for (int i = 0; i < count; ++i) {
        const QString salt = QStringLiteral("infra:workspace:%1").arg(i);
        // The first workspace has a dedicated sending IP.
        list.append({data.uuid(salt), data.companyName(salt), salt, i == 0});
    }
    return list;
}

QJsonObject workspaceJson(const SimData& data, const Workspace& workspace)
{
    // [live] {id, name, slug, mailserver}; [community] ip, null without a dedicated one; accountId and
    // createdAt are extra fields clients ignore.
    return QJsonObject{
        {field::id, workspace.id},
        {field::name, workspace.name},
        {field::slug, workspace.name.toLower().replace(u' ', u'-')},
        {QStringLiteral("accountId"), data.uuid(u"infra:account")},
        {QStringLiteral("createdAt"), isoMillis(data.dateTime(workspace.salt))},
        {field::mailServer,
         QStringLiteral("mail%1.infraforge-sim.example").arg(data.range(workspace.salt, 1, 40))},
        // TEST-NET-3 addresses, never routable.
        {field::ip, workspace.dedicatedIp
                        ? QJsonValue(QStringLiteral("203.0.113.%1").arg(data.range(workspace.salt, 2, 254)))
                        : QJsonValue(QJsonValue::Null)},
    };
}

SimResponse workspaces(const SimData& data)
{
    QJsonArray list;
    for (const Workspace& workspace : workspaceList(data))
        list.append(workspaceJson(data, workspace));
    return SimResponse::json(200, list);
}

SimResponse createWorkspace(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> body = objectBody(request);
    if (!body)
        return invalidBody({QStringLiteral("the body is not a JSON object")});
    const QString name = body->value(field::name).toString().trimmed();
    if (name.isEmpty())
        return invalidBody({QStringLiteral("name is a required field")});
    if (name.size() > 50)
        return invalidBody({QStringLiteral("name must be a maximum of 50 characters in length")});
    const Workspace workspace{data.uuid(QString(u"infra:new-workspace:" + name)), name,
                              QString(u"infra:new-workspace:" + name),
                              body->value(field::attachUniqueIp).toBool()};
    return SimResponse::json(201, workspaceJson(data, workspace));
}

SimResponse eligibleIps(const SimData& data, const SimRequest& request)
{
    const QString id = request.params.value(QStringLiteral("workspaceID"));
    bool known = false;
    for (const Workspace& workspace : workspaceList(data))
        known = known || workspace.id == id;
    if (!known)
        return infraError(404, QStringLiteral("workspace not found"));
    QJsonArray ips;
    const int count = static_cast<int>(data.range(QString(u"infra:eligible:" + id), 1, 3));
    for (int i = 0; i < count; ++i)
        ips.append(QStringLiteral("198.51.100.%1")
                       .arg(data.range(QStringLiteral("infra:eligible:%1:%2").arg(id).arg(i), 2, 254)));
    return SimResponse::json(200, ips);
}

SimResponse creditsBalance(const SimData& data)
{
    // [community] credits in cents; the top-up settings in whole dollars [swagger].
    return SimResponse::json(
        200, QJsonObject{{field::availableAmountCents, data.range(u"infra:credits", 500, 50000)},
                         {field::topUpSettings, QJsonObject{{field::isEnabled, false},
                                                            {field::amount, 100},
                                                            {field::topUpThreshold, 50}}}});
}

// Availability: a pure function of the name. Names starting with "taken" are registered already.
QJsonObject availabilityJson(const SimData& data, const QString& domain, bool withName)
{
    const QString tld = domain.section(u'.', -1);
    const bool available =
        !domain.startsWith(u"taken") && data.chance(QString(u"infra:available:" + domain), 85);
    // [live] a .com was quoted at 14 (dollars); other TLDs vary a little.
    const double price = tld == u"com" ? 14.0 : data.amount(QString(u"infra:price:" + domain), 9, 30, 2);
    QJsonObject object{
        {field::available, available}, {field::price, price}, {field::minCreationPeriodMonths, 12}};
    if (withName)
        object.insert(field::domain, domain);
    return object;
}

SimResponse checkDomain(const SimData& data, const SimRequest& request)
{
    const QString domain = request.queryValue(QString(api::kDomainQuery)).trimmed().toLower();
    if (domain.isEmpty())
        return invalidBody({QStringLiteral("domain is a required field")});
    if (!isDomainName(domain))
        return infraError(400, QStringLiteral("invalid domain name"));
    // [live] the single answer does not repeat the name.
    return SimResponse::json(200, availabilityJson(data, domain, false));
}

SimResponse checkDomains(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> body = objectBody(request);
    if (!body)
        return invalidBody({QStringLiteral("the body is not a JSON object")});
    const QJsonArray domains = body->value(field::domains).toArray();
    if (domains.isEmpty())
        return invalidBody({QStringLiteral("domains must contain at least 1 item")});
    if (domains.size() > api::kMaxDomainsPerAvailabilityCheck)
        return invalidBody({QStringLiteral("domains must contain at maximum %1 items")
                                .arg(api::kMaxDomainsPerAvailabilityCheck)});
    QJsonArray results;
    for (const QJsonValue& value : domains) {
        const QString domain = value.toString().trimmed().toLower();
        if (!isDomainName(domain))
            return infraError(400, QStringLiteral("invalid domain name: %1").arg(value.toString()));
        results.append(availabilityJson(data, domain, true));
    }
    return SimResponse::json(200, results);
}

QStringList contactProblems(const QJsonObject& contact)
{
    QStringList problems;
    for (const QString& key : api::contact::required()) {
        if (contact.value(key).toString().trimmed().isEmpty())
            problems.append(QStringLiteral("contactDetails.%1 is a required field").arg(key));
    }
    return problems;
}

SimResponse purchaseDomains(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> body = objectBody(request);
    if (!body)
        return invalidBody({QStringLiteral("the body is not a JSON object")});
    // [swagger] contactDetails, domains and workspaceId are required.
    QStringList problems;
    const QString workspaceId = body->value(field::workspaceId).toString();
    if (workspaceId.isEmpty())
        problems.append(QStringLiteral("workspaceId is a required field"));
    const QJsonArray domains = body->value(field::domains).toArray();
    if (domains.isEmpty())
        problems.append(QStringLiteral("domains is a required field"));
    if (!body->value(field::contactDetails).isObject())
        problems.append(QStringLiteral("contactDetails is a required field"));
    else
        problems += contactProblems(body->value(field::contactDetails).toObject());
    if (!problems.isEmpty())
        return invalidBody(problems);
    bool known = false;
    for (const Workspace& workspace : workspaceList(data))
        known = known || workspace.id == workspaceId;
    if (!known)
        return infraError(404, QStringLiteral("workspace not found"));

    QJsonArray bought;
    qint64 totalCents = 0;
    for (const QJsonValue& value : domains) {
        const QString domain = value.toString().trimmed().toLower();
        if (!isDomainName(domain) || !availabilityJson(data, domain, false).value(field::available).toBool())
            return infraError(400, QStringLiteral("domain %1 is not available for purchase").arg(domain));
        totalCents += qRound64(availabilityJson(data, domain, false).value(field::price).toDouble() * 100);
        bought.append(QJsonObject{{field::id, data.uuid(QString(u"infra:domain:" + domain))},
                                  {field::domain, domain},
                                  {field::status, QStringLiteral("pending")},
                                  {field::workspaceId, workspaceId}});
    }
    // The "nocredit" registrant's account has no balance: 402 [community: no balance to pay a purchase].
    if (body->value(field::contactDetails).toObject().value(api::contact::organization).toString() ==
        u"nocredit")
        return infraError(api::kPaymentRequired, QStringLiteral("insufficient credit balance"));
    // unverified [community, one client]: an invoice in cents. [assumed] 202: registration continues.
    return SimResponse::json(
        api::kAccepted,
        QJsonObject{{field::domains, bought},
                    {field::invoice,
                     QJsonObject{{field::invoiceId,
                                  data.hex(QString(u"infra:invoice:" + QString::number(totalCents)), 16)},
                                 {field::totalCents, totalCents}}}});
}

QStringList domainNames(const SimData& data)
{
    QStringList names;
    const int count = static_cast<int>(data.range(u"infra:domains", 2, 4));
    for (int i = 0; i < count; ++i) {
        const QString salt = QStringLiteral("infra:owned:%1").arg(i);
        names.append(data.companyName(salt).toLower().remove(u' ') + QStringLiteral("mail.com"));
    }
    return names;
}

QString domainId(const SimData& data, const QString& name)
{
    return data.uuid(QString(u"infra:domain:" + name));
}

SimResponse listDomains(const SimData& data, const SimRequest& request)
{
    static const QStringList statuses = {QStringLiteral("active"), QStringLiteral("pending")};
    const QString search = request.queryValue(QString(api::kSearchQuery)).toLower();
    const QList<Workspace> spaces = workspaceList(data);
    QJsonArray rows;
    const QStringList names = domainNames(data);
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString& name = names.at(i);
        if (!search.isEmpty() && !name.contains(search))
            continue;
        // [live] sld + tld, no name; autoRenewStatus [assumed: a boolean].
        rows.append(QJsonObject{
            {field::id, domainId(data, name)},
            {field::sld, name.section(u'.', 0, -2)},
            {field::tld, name.section(u'.', -1)},
            {field::status, i == 0 ? QStringLiteral("active") : data.pick(name, statuses)},
            {field::workspaceId, spaces.at(i % spaces.size()).id},
            {field::expiresAt, isoSeconds(data.dateTime(name, 30).addYears(1))},
            {field::autoRenewStatus, i != 1},
            {QStringLiteral("hasMasking"), false},
        });
    }
    return SimResponse::json(200, rows);
}

// The domain a DNS request names, or nullopt for an unknown id.
std::optional<QString> ownedDomain(const SimData& data, const SimRequest& request)
{
    const QString id = request.params.value(QStringLiteral("domainID"));
    for (const QString& name : domainNames(data)) {
        if (domainId(data, name) == id)
            return name;
    }
    return std::nullopt;
}

SimResponse dnsRecords(const SimData& data, const SimRequest& request)
{
    const std::optional<QString> domain = ownedDomain(data, request);
    if (!domain)
        return infraError(404, QStringLiteral("domain not found"));
    // [live] MX, SPF, DMARC (p=reject) and DKIM at default._domainkey, set on purchase, not editable; names
    // are full host names, the apex being the domain itself.
    const auto record = [](const QString& name, const QString& type, const QString& value, bool editable) {
        return QJsonObject{
            {field::name, name}, {field::type, type}, {field::value, value}, {field::editable, editable}};
    };
    const QString host = QStringLiteral("mail%1.infraforge-sim.example").arg(data.range(*domain, 1, 40));
    return SimResponse::json(
        200, QJsonArray{
                 record(*domain, QStringLiteral("MX"), QStringLiteral("10 ") + host, false),
                 record(*domain, QStringLiteral("TXT"),
                        QStringLiteral("v=spf1 include:") + host + QStringLiteral(" -all"), false),
                 record(QStringLiteral("_dmarc.") + *domain, QStringLiteral("TXT"),
                        QStringLiteral("v=DMARC1; p=reject; rua=mailto:dmarc@") + *domain, false),
                 record(QStringLiteral("default._domainkey.") + *domain, QStringLiteral("TXT"),
                        QStringLiteral("v=DKIM1; k=rsa; p=") + data.alnum(*domain, 48), false),
                 record(QStringLiteral("www.") + *domain, QStringLiteral("CNAME"), *domain, true),
             });
}

SimResponse replaceDns(const SimData& data, const SimRequest& request)
{
    const std::optional<QString> domain = ownedDomain(data, request);
    if (!domain)
        return infraError(404, QStringLiteral("domain not found"));
    const std::optional<QJsonObject> body = objectBody(request);
    if (!body || !body->value(field::records).isArray())
        return invalidBody({QStringLiteral("records is a required field")});
    QStringList problems;
    const QJsonArray records = body->value(field::records).toArray();
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QJsonObject record = records.at(i).toObject();
        for (const QLatin1StringView key : {field::name, field::type, field::value}) {
            if (!record.value(key).isString())
                problems.append(QStringLiteral("records[%1].%2 is a required field").arg(i).arg(key));
        }
    }
    if (!problems.isEmpty())
        return invalidBody(problems);
    // [live] the set is replaced as sent; the answer's body is not recorded [assumed: none].
    return SimResponse::empty(204);
}

QJsonObject mailboxJson(const SimData& data, const QString& email, const QString& first, const QString& last,
                        const QString& workspaceId, const QString& status)
{
    return QJsonObject{{field::id, data.uuid(QString(u"infra:mailbox:" + email))},
                       {field::email, email},
                       {field::firstName, first},
                       {field::lastName, last},
                       {field::domain, email.section(u'@', 1)},
                       {field::status, status},
                       {field::workspaceId, workspaceId}};
}

SimResponse createMailboxes(const SimData& data, const SimRequest& request)
{
    const std::optional<QJsonObject> body = objectBody(request);
    if (!body)
        return invalidBody({QStringLiteral("the body is not a JSON object")});
    // [swagger] {domains: [{domain, mailboxes: [{email, firstName, lastName, ...}]}]}, all required.
    const QJsonArray groups = body->value(field::domains).toArray();
    if (groups.isEmpty())
        return invalidBody({QStringLiteral("domains is a required field")});
    QStringList problems;
    QJsonArray created;
    const QStringList owned = domainNames(data);
    const QList<Workspace> spaces = workspaceList(data);
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const QJsonObject group = groups.at(g).toObject();
        const QString domain = group.value(field::domain).toString();
        if (domain.isEmpty())
            problems.append(QStringLiteral("domains[%1].domain is a required field").arg(g));
        const QJsonArray boxes = group.value(field::mailboxes).toArray();
        if (boxes.isEmpty())
            problems.append(QStringLiteral("domains[%1].mailboxes is a required field").arg(g));
        for (qsizetype b = 0; b < boxes.size(); ++b) {
            const QJsonObject box = boxes.at(b).toObject();
            for (const QLatin1StringView key : {field::email, field::firstName, field::lastName}) {
                if (box.value(key).toString().isEmpty())
                    problems.append(QStringLiteral("domains[%1].mailboxes[%2].%3 is a required field")
                                        .arg(g)
                                        .arg(b)
                                        .arg(key));
            }
            const QString email = box.value(field::email).toString();
            if (!problems.isEmpty())
                continue;
            if (!email.endsWith(QString(u'@' + domain)))
                return infraError(400, QStringLiteral("mailbox %1 is not on domain %2").arg(email, domain));
            const qsizetype index = owned.indexOf(domain);
            if (index < 0)
                return infraError(404, QStringLiteral("domain %1 not found").arg(domain));
            created.append(mailboxJson(data, email, box.value(field::firstName).toString(),
                                       box.value(field::lastName).toString(),
                                       spaces.at(index % spaces.size()).id, QStringLiteral("pending")));
        }
    }
    if (!problems.isEmpty())
        return invalidBody(problems);
    // [assumed] 202 with the mailboxes being set up; [community, one client] an invoice when charged. The
    // simulator draws from the slots already paid for: no invoice.
    return SimResponse::json(api::kAccepted, QJsonObject{{field::mailboxes, created}});
}

SimResponse listMailboxes(const SimData& data, const SimRequest& request)
{
    static const QStringList statuses = {QStringLiteral("active"), QStringLiteral("pending"),
                                         QStringLiteral("processing")};
    // [swagger] workspace_id (snake case), with_credentials, search. The camelCase spelling some clients
    // send is not a parameter of the list: it is ignored, as unknown parameters are.
    const QString workspace = request.queryValue(QString(api::kMailboxWorkspaceQuery));
    const QString search = request.queryValue(QString(api::kSearchQuery)).toLower();
    const bool withCredentials = request.queryValue(QString(api::kWithCredentialsQuery)) == u"true";
    const QList<Workspace> spaces = workspaceList(data);
    const QStringList owned = domainNames(data);
    QJsonArray rows;
    for (qsizetype d = 0; d < owned.size(); ++d) {
        const QString workspaceId = spaces.at(d % spaces.size()).id;
        if (!workspace.isEmpty() && workspace != workspaceId)
            continue;
        for (int m = 0; m < 2; ++m) {
            const QString salt = QStringLiteral("infra:box:%1:%2").arg(owned.at(d)).arg(m);
            const QString first = data.firstName(salt);
            const QString last = data.lastName(salt);
            const QString email = first.toLower() + u'.' + last.toLower() + u'@' + owned.at(d);
            if (!search.isEmpty() && !email.contains(search) && !first.toLower().contains(search) &&
                !last.toLower().contains(search))
                continue;
            QJsonObject row =
                mailboxJson(data, email, first, last, workspaceId,
                            d == 0 && m == 0 ? QStringLiteral("active") : data.pick(salt, statuses));
            if (withCredentials)
                row.insert(
                    QStringLiteral("credentials"),
                    QJsonObject{{QStringLiteral("smtpHost"), QStringLiteral("mail.infraforge-sim.example")},
                                {QStringLiteral("smtpPort"), 465},
                                {QStringLiteral("smtpUsername"), email},
                                {QStringLiteral("smtpPassword"), data.alnum(salt, 16)},
                                {QStringLiteral("imapHost"), QStringLiteral("mail.infraforge-sim.example")},
                                {QStringLiteral("imapPort"), 993}});
            rows.append(row);
        }
    }
    return SimResponse::json(200, rows);
}

} // namespace

ProviderSpec infraForgeSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::InfraForge;

    // The raw key without a Bearer prefix; "Bearer sim-valid" is therefore a wrong key.
    spec.authenticate = [](const SimRequest& request) {
        return secretFromHeader(request, api::kAuthHeader);
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        if (request.credential == CredentialState::Missing)
            return infraError(401, QStringLiteral("missing API key"));
        return infraError(401, QStringLiteral("invalid API key"));
    };
    spec.rateLimited = [](const SimRequest&, int) {
        // unverified: rate limits are not documented; 429 is seen by clients.
        return infraError(429, QStringLiteral("too many requests"));
    };
    spec.serverError = [](const SimRequest&, int status) {
        return infraError(status, QStringLiteral("internal server error"));
    };
    spec.notFound = [](const SimRequest&) {
        return infraError(404, QStringLiteral("not found"));
    };

    spec.routes.add("GET", api::workspacesPath(), [data](const SimRequest&) { return workspaces(data); });
    spec.routes.add("POST", api::workspacesPath(),
                    [data](const SimRequest& request) { return createWorkspace(data, request); });
    spec.routes.add("GET", QStringLiteral("/workspaces/{workspaceID}/eligible-ips"),
                    [data](const SimRequest& request) { return eligibleIps(data, request); });
    spec.routes.add("GET", api::creditsBalancePath(),
                    [data](const SimRequest&) { return creditsBalance(data); });
    spec.routes.add("GET", api::availabilityPath(),
                    [data](const SimRequest& request) { return checkDomain(data, request); });
    spec.routes.add("POST", api::bulkAvailabilityPath(),
                    [data](const SimRequest& request) { return checkDomains(data, request); });
    spec.routes.add("GET", api::domainsPath(),
                    [data](const SimRequest& request) { return listDomains(data, request); });
    spec.routes.add("POST", api::domainsPath(),
                    [data](const SimRequest& request) { return purchaseDomains(data, request); });
    spec.routes.add("GET", QStringLiteral("/domains/{domainID}/dns"),
                    [data](const SimRequest& request) { return dnsRecords(data, request); });
    spec.routes.add("PUT", QStringLiteral("/domains/{domainID}/dns"),
                    [data](const SimRequest& request) { return replaceDns(data, request); });
    spec.routes.add("GET", api::mailboxesPath(),
                    [data](const SimRequest& request) { return listMailboxes(data, request); });
    spec.routes.add("POST", api::mailboxesPath(),
                    [data](const SimRequest& request) { return createMailboxes(data, request); });
    return spec;
}

} // namespace agency::sim
