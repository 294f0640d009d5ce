#include "credentialvault.h"

#include "engine/logcategories.h"
#include "model/redaction.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace agency {

namespace {

VaultError fromStoreError(const SecretStoreError& error)
{
    using S = SecretStoreError::Kind;
    using V = VaultError::Kind;
    switch (error.kind) {
    case S::Unavailable:
        return {V::Unavailable, error.message, {}};
    case S::Locked:
        return {V::Locked, error.message, {}};
    case S::AccessDenied:
        return {V::AccessDenied, error.message, {}};
    case S::NotFound:
    case S::Other:
        break;
    }
    return {V::Other, error.message, {}};
}

} // namespace

CredentialVault::CredentialVault(SecretStore& store, QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
{}

QString CredentialVault::keychainKey(ProviderId provider, Profile profile)
{
    return profileKey(profile) + u'/' + providerKey(provider);
}

QString CredentialVault::settingsGroup(ProviderId provider, Profile profile) const
{
    return QStringLiteral("credentials/") + keychainKey(provider, profile);
}

QCoro::Task<Result<Done, VaultError>> CredentialVault::set(ProviderId provider, Profile profile,
                                                           Credential credential)
{
    const ProviderInfo& info = providerInfo(provider);
    for (auto it = credential.fields.begin(); it != credential.fields.end(); ++it)
        it.value() = cleanPastedValue(it.value());
    if (const auto problems = validateCredential(info, credential, profile); !problems.isEmpty())
        co_return failure(VaultError{VaultError::Kind::Invalid, problems.first().message, problems});

    QJsonObject secrets;
    for (const CredentialFieldSpec& spec : info.fields) {
        const QString value = credential.value(spec.name);
        if (spec.secret && !value.isEmpty()) {
            secrets.insert(spec.name, value);
            Redactor::registerSecret(value);
        }
    }

    // Keychain first: if it refuses, nothing at all is written.
    const QString key = keychainKey(provider, profile);
    const auto existing = co_await m_store.read(key); // only to tell "added" from "replaced" in the audit log
    auto written = co_await m_store.write(key, QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    if (!written) {
        qCWarning(lcVault) << "could not store credential for" << key << ":" << written.error().message;
        co_return failure(fromStoreError(written.error()));
    }

    m_settings.remove(settingsGroup(provider, profile));
    m_settings.beginGroup(settingsGroup(provider, profile));
    for (const CredentialFieldSpec& spec : info.fields) {
        const QString value = credential.value(spec.name);
        if (!spec.secret && !value.isEmpty())
            m_settings.setValue(spec.name, value);
    }
    m_settings.endGroup();
    m_settings.sync();
    qCInfo(lcVault) << "stored credential for" << key;
    Q_EMIT changed(provider, profile);
    Q_EMIT edited(provider, profile,
                  existing ? QStringLiteral("credential replaced") : QStringLiteral("credential added"));
    co_return Done{};
}

QCoro::Task<Result<Credential, VaultError>> CredentialVault::get(ProviderId provider, Profile profile)
{
    const ProviderInfo& info = providerInfo(provider);
    const QString key = keychainKey(provider, profile);
    Credential credential;

    auto read = co_await m_store.read(key);
    if (read) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(read.value(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            co_return failure(
                VaultError{VaultError::Kind::Corrupt,
                           tr("The keychain entry for %1 is not in the expected form; delete and "
                              "enter the credential again.")
                               .arg(info.name),
                           {}});
        const QJsonObject secrets = document.object();
        for (const CredentialFieldSpec& spec : info.fields) {
            const QString value = secrets.value(spec.name).toString();
            if (spec.secret && !value.isEmpty()) {
                credential.fields.insert(spec.name, value);
                Redactor::registerSecret(value);
            }
        }
    } else if (read.error().kind != SecretStoreError::Kind::NotFound) {
        co_return failure(fromStoreError(read.error()));
    }

    m_settings.beginGroup(settingsGroup(provider, profile));
    for (const CredentialFieldSpec& spec : info.fields) {
        if (!spec.secret && m_settings.contains(spec.name))
            credential.fields.insert(spec.name, m_settings.value(spec.name).toString());
    }
    m_settings.endGroup();
    co_return credential;
}

QCoro::Task<Result<Done, VaultError>> CredentialVault::remove(ProviderId provider, Profile profile)
{
    const QString key = keychainKey(provider, profile);
    auto removed = co_await m_store.remove(key);
    if (!removed)
        co_return failure(fromStoreError(removed.error()));
    m_settings.remove(settingsGroup(provider, profile));
    m_settings.sync();
    qCInfo(lcVault) << "deleted credential for" << key;
    Q_EMIT changed(provider, profile);
    Q_EMIT edited(provider, profile, QStringLiteral("credential deleted"));
    co_return Done{};
}

QCoro::Task<Result<CredentialStatus, VaultError>> CredentialVault::status(ProviderId provider,
                                                                          Profile profile)
{
    auto credential = co_await get(provider, profile);
    if (!credential)
        co_return failure(credential.error());
    if (credential->isEmpty())
        co_return CredentialStatus::NotSet;
    const ProviderInfo& info = providerInfo(provider);
    const bool complete =
        std::all_of(info.fields.cbegin(), info.fields.cend(), [&](const CredentialFieldSpec& spec) {
            return spec.optional || !credential->value(spec.name).isEmpty();
        });
    co_return complete ? CredentialStatus::Stored : CredentialStatus::Incomplete;
}

QCoro::Task<Result<bool, VaultError>> CredentialVault::has(ProviderId provider, Profile profile)
{
    auto current = co_await status(provider, profile);
    if (!current)
        co_return failure(current.error());
    co_return current.value() == CredentialStatus::Stored;
}

QCoro::Task<Result<Done, VaultError>> CredentialVault::setNamedSecret(QString name, QString value)
{
    const QString key = QStringLiteral("secret/") + name;
    if (value.isEmpty()) {
        auto removed = co_await m_store.remove(key);
        if (!removed)
            co_return failure(fromStoreError(removed.error()));
        co_return Done{};
    }
    Redactor::registerSecret(value);
    auto written = co_await m_store.write(key, value.toUtf8());
    if (!written)
        co_return failure(fromStoreError(written.error()));
    co_return Done{};
}

QCoro::Task<Result<QString, VaultError>> CredentialVault::namedSecret(QString name)
{
    auto read = co_await m_store.read(QStringLiteral("secret/") + name);
    if (!read) {
        if (read.error().kind == SecretStoreError::Kind::NotFound)
            co_return QString();
        co_return failure(fromStoreError(read.error()));
    }
    const QString value = QString::fromUtf8(read.value());
    Redactor::registerSecret(value);
    co_return value;
}

} // namespace agency
