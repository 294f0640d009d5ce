#pragma once
// Small helpers the routes_<id>.cpp files share: reading the common auth schemes, and formatting
// dates the way providers do.

#include "simhttp.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace agency::sim {

/// The secret in a header such as X-Api-Key; Missing when the header is absent or blank.
AuthOutcome secretFromHeader(const SimRequest& request, QByteArrayView name);
/// The token of "Authorization: <scheme> <token>" when the scheme matches (case-insensitive).
std::optional<QString> authorizationToken(const SimRequest& request, QByteArrayView scheme);
/// Classifies one secret value and remembers it for masking.
AuthOutcome outcomeFor(const QString& secret);

struct BasicCredentials
{
    QString user;
    QString password;
};
/// "Authorization: Basic base64(user:password)"; nullopt when absent or not decodable.
std::optional<BasicCredentials> basicCredentials(const SimRequest& request);
/// HTTP Basic where the user part is an identifier (any non-empty value) and the password the secret.
AuthOutcome basicAuthOutcome(const SimRequest& request);

/// "2025-03-14T09:26:53.589Z"
QString isoMillis(const QDateTime& at);
/// "2025-03-14T09:26:53Z"
QString isoSeconds(const QDateTime& at);
/// "Fri, 14 Mar 2025 09:26:53 +0000" (Twilio)
QString rfc2822(const QDateTime& at);
/// Limit query parameter clamped to [1, max], or the fallback when absent or invalid.
int limitParameter(const SimRequest& request, const QString& name, int fallback, int max);

} // namespace agency::sim
