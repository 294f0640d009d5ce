#pragma once
// SecretStore: the seam between the vault and the OS keychain, so UI tests can use a fake while
// the vault itself is tested against the real keychain.

#include "model/result.h"

#include <QByteArray>
#include <QString>

#include <qcoro/qcorotask.h>

namespace agency {

struct SecretStoreError
{
    enum class Kind
    {
        NotFound,     ///< no entry yet: "not set up", not a failure
        Unavailable,  ///< no keychain service reachable (no D-Bus session, no Secret Service)
        Locked,       ///< the keychain exists but did not unlock or did not answer in time
        AccessDenied, ///< the user or the keychain refused
        Other,
    };
    Kind kind = Kind::Other;
    QString message; ///< a sentence fit for a dialog; never holds a secret
};

class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual QCoro::Task<Result<QByteArray, SecretStoreError>> read(QString key) = 0;
    virtual QCoro::Task<Result<Done, SecretStoreError>> write(QString key, QByteArray secret) = 0;
    /// Removing an entry that does not exist succeeds.
    virtual QCoro::Task<Result<Done, SecretStoreError>> remove(QString key) = 0;
};

} // namespace agency
