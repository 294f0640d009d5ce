#pragma once
// Credential: the named fields one provider needs (an API key; an account SID and a token…),
// and the checks a value must pass before it is stored.

#include "model/catalogue.h"

#include <QMap>
#include <QString>

namespace agency {

enum class Profile
{
    Production,
    Sandbox, ///< points at the provider simulator; has credentials of its own
};

QString profileKey(Profile profile); ///< "production" / "sandbox"
std::optional<Profile> profileFromKey(QStringView key);

struct Credential
{
    QMap<QString, QString> fields; ///< field name → value

    QString value(const QString& name) const { return fields.value(name); }
    bool isEmpty() const { return fields.isEmpty(); }
    bool operator==(const Credential&) const = default;
};

/// Cleans a pasted value: trims white space and line breaks, strips matching quotes and a
/// leading "Bearer " that was copied along with a key.
QString cleanPastedValue(QString value);

/// One problem with one field, fit to show next to it.
/// (Also what RecipientValidator reports: one type, so the two headers can meet in one file.)
struct FieldProblem
{
    QString field;   ///< "api_key", "email", "phone", "postcode"…
    QString message; ///< a sentence to show next to the field
    bool operator==(const FieldProblem&) const = default;
};

/// Checks every field of `credential` against the provider's specs: required fields present,
/// no white space or control characters inside, and (in Production) the documented shape.
QList<FieldProblem> validateCredential(const ProviderInfo& info, const Credential& credential,
                                       Profile profile);

} // namespace agency
