#pragma once
// ClayJson: Clay's JSON both ways — the webhook row and the Public API bodies from the typed values,
// and the Public API answers read into typed results with every field's type checked (a wrong type is
// a Decode error that says where). Also Clay's {"message": "..."} error body.

#include "integrations/clay/claytypes.h"
#include "integrations/http/endpoint.h"
#include "model/integrationerror.h"
#include "model/result.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <optional>

namespace agency {

class ClayJson
{
public:
    static QJsonObject rowObject(const ClayRow& row);
    static QJsonObject routineRunBody(const QList<ClayRoutineItem>& items, const QString& webhookId);
    static QString sourceName(ClaySearchSource source); ///< "people" / "companies"

    /// GET /me: the user's name and id and the workspace id.
    struct Me
    {
        QString userId;
        QString userName;
        QString workspaceId;
    };
    static Result<Me, IntegrationError> parseMe(const QJsonDocument& document);
    static Result<ClayRoutineRunStarted, IntegrationError>
    parseRoutineRunStarted(const QJsonDocument& document);
    static Result<ClayRoutineResults, IntegrationError> parseRoutineResults(const QJsonDocument& document);
    static Result<QString, IntegrationError> parseSearchId(const QJsonDocument& document);
    static Result<ClaySearchPage, IntegrationError> parseSearchPage(const QJsonDocument& document);

    /// {"message": "..."} (plain text is kept too). Success answers are never errors.
    static ProviderErrorInfo parseError(int status, const QByteArray& body);
    /// X-RateLimit-Reset as seconds to wait, or as a Unix time when it is that large. (Unverified.)
    static std::optional<std::chrono::milliseconds> readRetryAfter(const HttpResponse& response);

    static IntegrationError decodeError(const QString& detail);
};

} // namespace agency
