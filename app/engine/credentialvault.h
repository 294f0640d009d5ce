#pragma once
// CredentialVault: each provider's credential per profile. Secret fields live only in the OS
// keychain (one entry per provider and profile); non-secret fields (an account SID, a login, a URL)
// live in QSettings. A keychain failure writes nothing anywhere.

#include "engine/secretstore.h"
#include "model/credential.h"
#include "model/providerid.h"

#include <QObject>
#include <QSettings>

namespace agency {

struct VaultError
{
    enum class Kind
    {
        Invalid,     ///< the credential failed validation; `problems` says which field
        Unavailable, ///< no keychain
        Locked,
        AccessDenied,
        Corrupt, ///< the keychain entry is not what the vault wrote
        Other,
    };
    Kind kind = Kind::Other;
    QString message;
    QList<FieldProblem> problems;
};

enum class CredentialStatus
{
    NotSet,
    Stored,     ///< every required field is present
    Incomplete, ///< some required field is missing (for example after a field was added to the catalogue)
};

class CredentialVault : public QObject
{
    Q_OBJECT
public:
    /// `settings` holds the non-secret fields; both must outlive the vault.
    CredentialVault(SecretStore& store, QSettings& settings, QObject* parent = nullptr);

    QCoro::Task<Result<Done, VaultError>> set(ProviderId provider, Profile profile, Credential credential);
    /// An empty credential when nothing is stored yet.
    QCoro::Task<Result<Credential, VaultError>> get(ProviderId provider, Profile profile);
    QCoro::Task<Result<Done, VaultError>> remove(ProviderId provider, Profile profile);
    QCoro::Task<Result<CredentialStatus, VaultError>> status(ProviderId provider, Profile profile);
    QCoro::Task<Result<bool, VaultError>> has(ProviderId provider, Profile profile);

    /// The keychain entry name: "production/twilio".
    static QString keychainKey(ProviderId provider, Profile profile);

    /// A secret that belongs to no provider (the team ledger's database password), under
    /// "secret/<name>" in the keychain. An empty value deletes it; reading a missing one gives empty.
    QCoro::Task<Result<Done, VaultError>> setNamedSecret(QString name, QString value);
    QCoro::Task<Result<QString, VaultError>> namedSecret(QString name);

Q_SIGNALS:
    void changed(agency::ProviderId provider, agency::Profile profile);
    /// For the audit log: "credential added", "credential replaced" or "credential deleted".
    void edited(agency::ProviderId provider, agency::Profile profile, const QString& action);

private:
    QString settingsGroup(ProviderId provider, Profile profile) const;

    SecretStore& m_store;
    QSettings& m_settings;
};

} // namespace agency
