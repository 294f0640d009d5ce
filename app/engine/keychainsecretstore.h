#pragma once
// KeychainSecretStore: SecretStore over QtKeychain (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows). Never falls back to a plaintext file.

#include "engine/secretstore.h"

#include <chrono>

namespace agency {

class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(20));

    QCoro::Task<Result<QByteArray, SecretStoreError>> read(QString key) override;
    QCoro::Task<Result<Done, SecretStoreError>> write(QString key, QByteArray secret) override;
    QCoro::Task<Result<Done, SecretStoreError>> remove(QString key) override;

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace agency
