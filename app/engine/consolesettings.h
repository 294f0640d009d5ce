#pragma once
// ConsoleSettings: typed access to the console's QSettings (one table of keys and defaults),
// so no other class spells a settings key.

#include "engine/database.h"
#include "engine/enrichmenttypes.h"
#include "model/credential.h"
#include "model/providerid.h"

#include <QObject>
#include <QSettings>
#include <QUrl>

namespace agency {

class ConsoleSettings : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSettings(QSettings& settings, QObject* parent = nullptr);

    Profile activeProfile() const;
    void setActiveProfile(Profile profile);

    /// The URL the user set for this provider and profile; empty when none.
    QUrl baseUrlOverride(ProviderId provider, Profile profile) const;
    void setBaseUrlOverride(ProviderId provider, Profile profile, const QUrl& url);

    /// The base URL a client is given: the override, else the catalogue's default.
    QUrl effectiveBaseUrl(ProviderId provider, Profile profile) const;

    QString staffMember() const; ///< defaults to the OS user name
    void setStaffMember(const QString& name);

    /// Where the ledger lives: a SQLite file in the data folder, unless a PostgreSQL server is named
    /// (its password is not here: it comes from the keychain).
    DatabaseConfig ledgerDatabase() const;
    /// The vault's name for the PostgreSQL ledger's password.
    static QString ledgerPasswordName() { return QStringLiteral("ledger-postgres"); }
    /// The SQLite ledger in the user's data folder.
    static QString defaultLedgerPath();
    void setLedgerDatabase(const DatabaseConfig& config);
    /// The calendar spend days and months follow: an IANA id, Australia/Sydney unless set.
    QByteArray spendTimeZone() const;
    void setSpendTimeZone(const QByteArray& ianaId);

    /// The waterfall's order, the fields that stop it, the cache's time-to-live and Clay's routine.
    EnrichmentSettings enrichmentSettings() const;
    void setEnrichmentSettings(const EnrichmentSettings& settings);

    QSettings& raw() { return m_settings; }

Q_SIGNALS:
    void profileChanged(agency::Profile profile);
    void baseUrlChanged(agency::ProviderId provider, agency::Profile profile);
    /// The enrichment settings were stored (the service takes them for its next lookup).
    void enrichmentSettingsChanged(const agency::EnrichmentSettings& settings);

private:
    QSettings& m_settings;
};

} // namespace agency
