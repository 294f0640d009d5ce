#include "keychainsecretstore.h"

#include "engine/logcategories.h"

#include <QCoreApplication>
#include <QTimer>

#include <qcoro/qcorosignal.h>
#include <qt6keychain/keychain.h>

#include <memory>

namespace agency {

namespace {

struct DeleteLater
{
    void operator()(QObject* object) const { object->deleteLater(); }
};

SecretStoreError unavailable(const QString& detail)
{
    return {SecretStoreError::Kind::Unavailable,
            QCoreApplication::translate(
                "agency::KeychainSecretStore",
                "The system keychain is not available (%1). Start your desktop's keyring (GNOME Keyring or "
                "KWallet) and try again. Nothing was saved anywhere else.")
                .arg(detail)};
}

SecretStoreError mapError(QKeychain::Error error, const QString& detail)
{
    using Kind = SecretStoreError::Kind;
    switch (error) {
    case QKeychain::EntryNotFound:
        return {Kind::NotFound,
                QCoreApplication::translate("agency::KeychainSecretStore", "No entry in the keychain yet.")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable(detail);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {Kind::AccessDenied, QCoreApplication::translate(
                                        "agency::KeychainSecretStore",
                                        "The system keychain refused access (%1). Unlock it and try again.")
                                        .arg(detail)};
    default:
        break;
    }
    // libsecret reports a missing bus or Secret Service as a generic error; say what it means.
    static const char* const unreachable[] = {
        "org.freedesktop.secrets", "D-Bus", "DBus", "session bus", "Could not connect", "ServiceUnknown"};
    for (const char* hint : unreachable) {
        if (detail.contains(QLatin1StringView(hint), Qt::CaseInsensitive))
            return unavailable(detail);
    }
    return {Kind::Other, QCoreApplication::translate("agency::KeychainSecretStore",
                                                     "The system keychain reported an error: %1")
                             .arg(detail)};
}

// Runs one keychain job to its end; start() is deferred so the finished signal is always awaited.
template<typename Job>
QCoro::Task<std::optional<SecretStoreError>> runJob(Job* job, std::chrono::milliseconds timeout)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    QTimer::singleShot(0, job, [job] { job->start(); });
    const auto finished = co_await qCoro(job, &QKeychain::Job::finished, timeout);
    if (!finished) {
        qCWarning(lcVault) << "keychain job timed out";
        co_return SecretStoreError{
            SecretStoreError::Kind::Locked,
            QCoreApplication::translate(
                "agency::KeychainSecretStore",
                "The system keychain did not answer in time. It may be locked or waiting "
                "for a password prompt; unlock it and try again.")};
    }
    if (job->error() != QKeychain::NoError)
        co_return mapError(job->error(), job->errorString());
    co_return std::nullopt;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{}

QCoro::Task<Result<QByteArray, SecretStoreError>> KeychainSecretStore::read(QString key)
{
    std::unique_ptr<QKeychain::ReadPasswordJob, DeleteLater> job(new QKeychain::ReadPasswordJob(m_service));
    job->setKey(key);
    // GCC 12 miscompiles co_await inside an if condition: await first, then test.
    auto error = co_await runJob(job.get(), m_timeout);
    if (error)
        co_return failure(std::move(*error));
    co_return job->binaryData();
}

QCoro::Task<Result<Done, SecretStoreError>> KeychainSecretStore::write(QString key, QByteArray secret)
{
    std::unique_ptr<QKeychain::WritePasswordJob, DeleteLater> job(new QKeychain::WritePasswordJob(m_service));
    job->setKey(key);
    job->setBinaryData(secret);
    auto error = co_await runJob(job.get(), m_timeout);
    if (error)
        co_return failure(std::move(*error));
    co_return Done{};
}

QCoro::Task<Result<Done, SecretStoreError>> KeychainSecretStore::remove(QString key)
{
    std::unique_ptr<QKeychain::DeletePasswordJob, DeleteLater> job(
        new QKeychain::DeletePasswordJob(m_service));
    job->setKey(key);
    auto error = co_await runJob(job.get(), m_timeout);
    if (error) {
        if (error->kind == SecretStoreError::Kind::NotFound)
            co_return Done{};
        co_return failure(std::move(*error));
    }
    co_return Done{};
}

} // namespace agency
