#pragma once
// Redaction: masks credentials in any text that could be printed — log lines, error messages,
// request dumps. Pattern rules catch the shapes (Authorization headers, key query parameters,
// URL user-info); registered values catch a secret wherever it appears verbatim.

#include <QString>
#include <QStringList>

namespace agency {

class Redactor
{
public:
    static constexpr QStringView kMask = u"[REDACTED]";

    /// Adds a secret value to mask verbatim everywhere. Very short values are ignored (too many false hits).
    static void registerSecret(const QString& value);
    static void forgetSecret(const QString& value);

    /// Returns text with every credential masked.
    static QString redact(QString text);

    /// True when `name` is a header that carries a credential (Authorization, X-Api-Key, apikey, …).
    static bool isCredentialHeader(QStringView name);
    /// True when `name` is a query parameter that carries a credential (api_key, token, key, …).
    static bool isCredentialQueryParameter(QStringView name);
};

} // namespace agency
