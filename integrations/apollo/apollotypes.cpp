#include "apollotypes.h"

#include <algorithm>

namespace agency {

ApolloPersonQuery ApolloPersonQuery::byEmail(QString email)
{
    ApolloPersonQuery query;
    query.email = std::move(email);
    return query;
}

ApolloPersonQuery ApolloPersonQuery::byName(QString firstName, QString lastName, QString domain)
{
    ApolloPersonQuery query;
    query.firstName = std::move(firstName);
    query.lastName = std::move(lastName);
    query.domain = std::move(domain);
    return query;
}

ApolloPersonQuery ApolloPersonQuery::byLinkedIn(QString linkedinUrl)
{
    ApolloPersonQuery query;
    query.linkedinUrl = std::move(linkedinUrl);
    return query;
}

bool ApolloPersonQuery::isEmpty() const
{
    const auto blank = [](const QString& text) {
        return text.trimmed().isEmpty();
    };
    const bool named = !blank(name) || !blank(firstName) || !blank(lastName);
    const bool employer = !blank(domain) || !blank(organizationName);
    // A bare name identifies no one: Apollo answers 200 with no match and the call is wasted.
    return blank(email) && blank(hashedEmail) && blank(linkedinUrl) && blank(id) && !(named && employer);
}

bool ApolloPhone::isMobile() const
{
    return type.contains(QStringLiteral("mobile"), Qt::CaseInsensitive);
}

QString ApolloPerson::location() const
{
    QStringList parts;
    for (const QString& part : {city, state, country}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QStringLiteral(", "));
}

bool ApolloPerson::hasMobilePhone() const
{
    return std::any_of(phones.cbegin(), phones.cend(),
                       [](const ApolloPhone& phone) { return phone.isMobile(); });
}

bool ApolloPeoplePage::hasMore() const
{
    constexpr qint64 kMaxPages = 500; // Apollo shows at most 500 pages of a query
    return perPage > 0 && qint64(page) * perPage < totalEntries && page < kMaxPages;
}

} // namespace agency
