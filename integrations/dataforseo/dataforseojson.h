#pragma once
// DataForSeoJson: DataForSEO's JSON both ways — the one-task request arrays, and the common envelope
// (status_code at the top and per task, even inside an HTTP 200) read into typed results with every
// field's type checked. Also the mapping of DataForSEO's internal status codes to error kinds.

#include "integrations/dataforseo/dataforseotypes.h"
#include "integrations/http/endpoint.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

namespace agency {

class DataForSeoJson
{
public:
    static constexpr int kOk = 20000;
    static constexpr int kTaskCreated = 20100;
    static constexpr int kNoResults = 40102; ///< "No Search Results.": a success without data

    /// "https://www.Example.com/page" → "example.com" (DataForSEO wants no scheme and no www.).
    static QString normaliseTarget(QString target);
    /// A domain is normalised as above; a full page URL ("https://example.com/blog/post") is kept.
    static QString backlinksTarget(const QString& target);

    static QJsonArray rankOverviewTasks(const DataForSeoRankOverviewRequest& request);
    static QJsonArray backlinksTasks(const DataForSeoBacklinksRequest& request);

    static Result<DataForSeoRankOverview, IntegrationError> parseRankOverview(const QJsonDocument& document);
    static Result<DataForSeoBacklinksSummary, IntegrationError>
    parseBacklinksSummary(const QJsonDocument& document);
    static Result<DataForSeoAccount, IntegrationError> parseUserData(const QJsonDocument& document);

    /// The envelope's top-level cost (USD), as Money; nullopt when the body has none.
    static std::optional<Money> reportedCost(const QByteArray& body);
    /// The first task's id, for a cost event's reference.
    static QString taskId(const QByteArray& body);

    /// The error kind an internal status code means; nullopt for a success (20000, 20100, 40102).
    static std::optional<IntegrationError::Kind> kindForStatusCode(int code);
    /// The envelope's status_code / status_message at the top, else in the first task — also for an
    /// HTTP 200, where DataForSEO reports most failures.
    static ProviderErrorInfo parseError(int status, const QByteArray& body);

    /// DataForSEO's "2019-11-15 12:57:46 +00:00"; invalid when unreadable.
    static QDateTime parseTimestamp(const QString& text);
    static IntegrationError decodeError(const QString& detail);
};

} // namespace agency
