#pragma once
// MemorySecretStore: a SecretStore in memory, for tests of code above the vault. (The vault itself
// is tested against the real keychain.)

#include "engine/secretstore.h"

#include <QHash>

namespace agency::test {

class MemorySecretStore final : public SecretStore
{
public:
    QHash<QString, QByteArray> entries;

    QCoro::Task<Result<QByteArray, SecretStoreError>> read(QString key) override
    {
        if (!entries.contains(key))
            co_return failure(
                SecretStoreError{SecretStoreError::Kind::NotFound, QStringLiteral("not found")});
        co_return entries.value(key);
    }
    QCoro::Task<Result<Done, SecretStoreError>> write(QString key, QByteArray secret) override
    {
        entries.insert(key, secret);
        co_return Done{};
    }
    QCoro::Task<Result<Done, SecretStoreError>> remove(QString key) override
    {
        entries.remove(key);
        co_return Done{};
    }
};

} // namespace agency::test
