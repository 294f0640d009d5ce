#include "enrichmenttypes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace agency {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("agency::Enrichment", text);
}
} // namespace

QString enrichFieldKey(EnrichField field)
{
    switch (field) {
    case EnrichField::Email:
        return QStringLiteral("email");
    case EnrichField::Phone:
        return QStringLiteral("phone");
    case EnrichField::Title:
        return QStringLiteral("title");
    case EnrichField::Company:
        return QStringLiteral("company");
    }
    return {};
}

QString normalisedDomain(const QString& text)
{
    QString value = text.trimmed().toLower();
    if (value.contains(u'@'))
        value = value.section(u'@', -1);
    if (!value.contains(QStringLiteral("://")))
        value.prepend(QStringLiteral("http://"));
    QString host = QUrl(value).host();
    if (host.startsWith(QStringLiteral("www.")))
        host = host.mid(4);
    if (host.endsWith(u'.'))
        host.chop(1);
    // A registrable-looking name: labels of letters, digits and hyphens, with at least one dot.
    static const QRegularExpression shape(
        QStringLiteral("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}$"));
    return shape.match(host).hasMatch() && host.size() <= 253 ? host : QString();
}

bool looksLikeEmail(const QString& text)
{
    const QString value = text.trimmed();
    if (value.size() > 254 || value.count(u'@') != 1 || value.contains(u' '))
        return false;
    const QString local = value.section(u'@', 0, 0);
    const QString domain = value.section(u'@', 1);
    return !local.isEmpty() && local.size() <= 64 && !normalisedDomain(domain).isEmpty() &&
           normalisedDomain(domain) == domain.toLower();
}

LookupRequest LookupRequest::byEmail(QString email)
{
    LookupRequest request;
    request.kind = LookupKind::PersonByEmail;
    request.email = std::move(email);
    return request;
}

LookupRequest LookupRequest::byName(QString firstName, QString lastName, QString domain)
{
    LookupRequest request;
    request.kind = LookupKind::PersonByName;
    request.firstName = std::move(firstName);
    request.lastName = std::move(lastName);
    request.domain = std::move(domain);
    return request;
}

LookupRequest LookupRequest::byLinkedIn(QString url)
{
    LookupRequest request;
    request.kind = LookupKind::PersonByLinkedIn;
    request.linkedinUrl = std::move(url);
    return request;
}

LookupRequest LookupRequest::byDomain(QString domain)
{
    LookupRequest request;
    request.kind = LookupKind::CompanyByDomain;
    request.domain = std::move(domain);
    return request;
}

namespace {
// "/in/jane-doe" from any LinkedIn profile URL; empty when it is not one.
QString linkedInPath(const QString& url)
{
    QString value = url.trimmed();
    if (!value.contains(QStringLiteral("://")))
        value.prepend(QStringLiteral("https://"));
    const QUrl parsed(value);
    const QString host = parsed.host().toLower();
    if (!(host == u"linkedin.com" || host.endsWith(QStringLiteral(".linkedin.com"))))
        return {};
    QString path = parsed.path().toLower();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path.startsWith(QStringLiteral("/in/")) && path.size() > 4 ? path : QString();
}
} // namespace

QString LookupRequest::problem() const
{
    switch (kind) {
    case LookupKind::PersonByEmail:
        return looksLikeEmail(email) ? QString() : tr("“%1” is not an email address.").arg(email.trimmed());
    case LookupKind::PersonByName:
        if (firstName.trimmed().isEmpty() || lastName.trimmed().isEmpty())
            return tr("A lookup by name needs a first and a last name.");
        return normalisedDomain(domain).isEmpty()
                   ? tr("“%1” is not a company domain (such as acme.com.au).").arg(domain.trimmed())
                   : QString();
    case LookupKind::PersonByLinkedIn:
        return linkedInPath(linkedinUrl).isEmpty()
                   ? tr("“%1” is not a LinkedIn profile URL (linkedin.com/in/…).").arg(linkedinUrl.trimmed())
                   : QString();
    case LookupKind::CompanyByDomain:
        return normalisedDomain(domain).isEmpty()
                   ? tr("“%1” is not a company domain (such as acme.com.au).").arg(domain.trimmed())
                   : QString();
    }
    return {};
}

QString LookupRequest::cacheKey() const
{
    switch (kind) {
    case LookupKind::PersonByEmail:
        return QStringLiteral("person:email:") + email.trimmed().toLower();
    case LookupKind::PersonByName:
        return QStringLiteral("person:name:") + firstName.trimmed().toLower() + u'|' +
               lastName.trimmed().toLower() + u'|' + normalisedDomain(domain);
    case LookupKind::PersonByLinkedIn:
        return QStringLiteral("person:linkedin:") + linkedInPath(linkedinUrl);
    case LookupKind::CompanyByDomain:
        return QStringLiteral("company:") + normalisedDomain(domain);
    }
    return {};
}

bool EnrichmentResult::satisfies(const QSet<EnrichField>& required) const
{
    if (required.isEmpty())
        return found();
    for (EnrichField field : required) {
        if (!has(field))
            return false;
    }
    return true;
}

QByteArray EnrichmentResult::toJson() const
{
    QJsonObject fieldsJson;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        fieldsJson.insert(it.key(), QJsonObject{{QStringLiteral("value"), it->value},
                                                {QStringLiteral("source"), providerKey(it->source)}});
    QJsonArray triedJson;
    for (ProviderId provider : tried)
        triedJson.append(providerKey(provider));
    QJsonObject rawJson;
    for (auto it = raw.begin(); it != raw.end(); ++it)
        rawJson.insert(providerKey(it.key()), it.value());
    return QJsonDocument(QJsonObject{{QStringLiteral("fields"), fieldsJson},
                                     {QStringLiteral("tried"), triedJson},
                                     {QStringLiteral("raw"), rawJson},
                                     {QStringLiteral("cost_aud_micros"), QString::number(cost.micros())},
                                     {QStringLiteral("fetched_at"), fetchedAt.toString(Qt::ISODateWithMs)}})
        .toJson(QJsonDocument::Compact);
}

std::optional<EnrichmentResult> EnrichmentResult::fromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    EnrichmentResult result;
    const QJsonObject fieldsJson = object.value(QStringLiteral("fields")).toObject();
    for (auto it = fieldsJson.begin(); it != fieldsJson.end(); ++it) {
        const QJsonObject field = it.value().toObject();
        const auto source = providerFromKey(field.value(QStringLiteral("source")).toString());
        if (!source)
            return std::nullopt;
        result.fields.insert(it.key(), {field.value(QStringLiteral("value")).toString(), *source});
    }
    for (const QJsonValue& value : object.value(QStringLiteral("tried")).toArray()) {
        const auto provider = providerFromKey(value.toString());
        if (!provider)
            return std::nullopt;
        result.tried.append(*provider);
    }
    const QJsonObject rawJson = object.value(QStringLiteral("raw")).toObject();
    for (auto it = rawJson.begin(); it != rawJson.end(); ++it) {
        if (const auto provider = providerFromKey(it.key()))
            result.raw.insert(*provider, it.value().toObject());
    }
    bool ok = false;
    result.cost = Money::aud(object.value(QStringLiteral("cost_aud_micros")).toString().toLongLong(&ok));
    result.fetchedAt =
        QDateTime::fromString(object.value(QStringLiteral("fetched_at")).toString(), Qt::ISODateWithMs);
    if (!ok)
        return std::nullopt;
    return result;
}

} // namespace agency
