#pragma once
// ApolloJson: Apollo's JSON both ways — request bodies from the typed queries, and answers read into
// the typed Person / Organization with every field's type checked (a wrong type is a Decode error
// that says where). Also Apollo's error bodies, which come as JSON of several shapes or plain text.

#include "integrations/apollo/apollotypes.h"
#include "integrations/http/endpoint.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace agency {

class JsonFields;

class ApolloJson
{
public:
    /// "https://www.Acme.com/about" → "acme.com"; "@acme.com" → "acme.com" (Apollo wants neither).
    static QString normaliseDomain(QString domain);

    static QJsonObject personQueryObject(const ApolloPersonQuery& query);
    static QJsonObject peopleSearchObject(const ApolloPeopleSearch& search);

    /// {"person": {...} | null, "request_id": …}: a missing or null person is a miss.
    static Result<ApolloPersonMatch, IntegrationError> parsePersonMatch(const QJsonDocument& document);
    static Result<ApolloBulkMatch, IntegrationError> parseBulkMatch(const QJsonDocument& document,
                                                                    int requested);
    static Result<ApolloOrganizationMatch, IntegrationError>
    parseOrganizationMatch(const QJsonDocument& document);
    static Result<ApolloPeoplePage, IntegrationError> parsePeoplePage(const QJsonDocument& document);

    static ApolloPerson readPerson(JsonFields& fields);
    static ApolloOrganization readOrganization(JsonFields& fields);

    /// Apollo's error bodies: {"error": "..."}, {"error_code","error_message"}, {"message": ...} or plain
    /// text ("Invalid access credentials."). "insufficient credits" becomes an InvalidRequest.
    static ProviderErrorInfo parseError(int status, const QByteArray& body);

    /// A Decode error naming Apollo, with `detail` saying what was wrong.
    static IntegrationError decodeError(const QString& detail);
};

} // namespace agency
