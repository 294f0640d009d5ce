#pragma once
// Helpers for tests that use the real OS keychain (gnome-keyring over D-Bus in CI).

#include "engine/keychainsecretstore.h"

#include <QCoreApplication>
#include <QTest>

#include <qcoro/qcorotask.h>

namespace agency::test {

/// A keychain service name no other run uses, so tests never touch real entries.
inline QString uniqueKeychainService()
{
    return QStringLiteral("agency-console-test-%1").arg(QCoreApplication::applicationPid());
}

/// True when the keychain answers. When it does not, the caller skips — unless
/// AGENCY_REQUIRE_KEYCHAIN is set (CI), where a missing keychain is a failure.
inline bool keychainAvailable(SecretStore& store, QString* why)
{
    auto written = QCoro::waitFor(store.write(QStringLiteral("probe"), QByteArray("probe-value")));
    if (!written) {
        *why = written.error().message;
        return false;
    }
    (void)QCoro::waitFor(store.remove(QStringLiteral("probe")));
    return true;
}

} // namespace agency::test

#define AGENCY_REQUIRE_KEYCHAIN(store)                                                                       \
    do {                                                                                                     \
        QString why_;                                                                                        \
        if (!agency::test::keychainAvailable(store, &why_)) {                                                \
            if (qEnvironmentVariableIsSet("AGENCY_REQUIRE_KEYCHAIN"))                                        \
                QFAIL(qPrintable(QStringLiteral("keychain required but unavailable: ") + why_));             \
            QSKIP(qPrintable(QStringLiteral("no keychain on this machine: ") + why_));                       \
        }                                                                                                    \
    } while (false)
