#include "consolesettings.h"

#include "model/catalogue.h"

#include <QDir>
#include <QStandardPaths>
#include <QTimeZone>

namespace agency {

namespace {
const QString kActiveProfile = QStringLiteral("general/activeProfile");
const QString kStaffMember = QStringLiteral("general/staffMember");
const QString kLedgerHost = QStringLiteral("ledger/postgresHost");
const QString kLedgerPort = QStringLiteral("ledger/postgresPort");
const QString kLedgerDatabase = QStringLiteral("ledger/postgresDatabase");
const QString kLedgerUser = QStringLiteral("ledger/postgresUser");
const QString kSpendTimeZone = QStringLiteral("spend/timeZone");
const QString kEnrichOrder = QStringLiteral("enrichment/order");
const QString kEnrichRequired = QStringLiteral("enrichment/requiredFields");
const QString kEnrichTtlDays = QStringLiteral("enrichment/cacheTtlDays");
const QString kEnrichClayRoutine = QStringLiteral("enrichment/clayRoutineId");
const QString kEnrichClayCredits = QStringLiteral("enrichment/clayCreditsPerItem");
const QString kEnrichTeamCache = QStringLiteral("enrichment/teamCache");
QString baseUrlKey(ProviderId provider, Profile profile)
{
    return QStringLiteral("endpoints/") + profileKey(profile) + u'/' + providerKey(provider);
}
} // namespace

ConsoleSettings::ConsoleSettings(QSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{}

Profile ConsoleSettings::activeProfile() const
{
    return profileFromKey(m_settings.value(kActiveProfile).toString()).value_or(Profile::Production);
}

void ConsoleSettings::setActiveProfile(Profile profile)
{
    if (profile == activeProfile() && m_settings.contains(kActiveProfile))
        return;
    m_settings.setValue(kActiveProfile, profileKey(profile));
    Q_EMIT profileChanged(profile);
}

QUrl ConsoleSettings::baseUrlOverride(ProviderId provider, Profile profile) const
{
    return QUrl(m_settings.value(baseUrlKey(provider, profile)).toString());
}

void ConsoleSettings::setBaseUrlOverride(ProviderId provider, Profile profile, const QUrl& url)
{
    if (url.isEmpty())
        m_settings.remove(baseUrlKey(provider, profile));
    else
        m_settings.setValue(baseUrlKey(provider, profile), url.toString());
    Q_EMIT baseUrlChanged(provider, profile);
}

QUrl ConsoleSettings::effectiveBaseUrl(ProviderId provider, Profile profile) const
{
    const QUrl override = baseUrlOverride(provider, profile);
    return override.isEmpty() ? QUrl(providerInfo(provider).defaultBaseUrl) : override;
}

QString ConsoleSettings::staffMember() const
{
    const QString stored = m_settings.value(kStaffMember).toString();
    if (!stored.isEmpty())
        return stored;
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? QStringLiteral("staff") : user;
}

void ConsoleSettings::setStaffMember(const QString& name)
{
    m_settings.setValue(kStaffMember, name.trimmed());
}

QString ConsoleSettings::defaultLedgerPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("ledger.sqlite"));
}

DatabaseConfig ConsoleSettings::ledgerDatabase() const
{
    const QString host = m_settings.value(kLedgerHost).toString();
    if (host.isEmpty())
        return DatabaseConfig::sqlite(defaultLedgerPath());
    DatabaseConfig config;
    config.kind = DatabaseConfig::Kind::Postgres;
    config.host = host;
    config.port = m_settings.value(kLedgerPort, 5432).toInt();
    config.database = m_settings.value(kLedgerDatabase, QStringLiteral("postgres")).toString();
    config.user = m_settings.value(kLedgerUser, QStringLiteral("postgres")).toString();
    return config;
}

void ConsoleSettings::setLedgerDatabase(const DatabaseConfig& config)
{
    if (config.kind == DatabaseConfig::Kind::Sqlite) {
        for (const QString& key : {kLedgerHost, kLedgerPort, kLedgerDatabase, kLedgerUser})
            m_settings.remove(key);
        return;
    }
    m_settings.setValue(kLedgerHost, config.host);
    m_settings.setValue(kLedgerPort, config.port);
    m_settings.setValue(kLedgerDatabase, config.database);
    m_settings.setValue(kLedgerUser, config.user); // never the password: that is the keychain's
}

QByteArray ConsoleSettings::spendTimeZone() const
{
    const QByteArray id = m_settings.value(kSpendTimeZone).toByteArray();
    return !id.isEmpty() && QTimeZone::isTimeZoneIdAvailable(id) ? id : QByteArrayLiteral("Australia/Sydney");
}

void ConsoleSettings::setSpendTimeZone(const QByteArray& ianaId)
{
    m_settings.setValue(kSpendTimeZone, QString::fromLatin1(ianaId));
}

EnrichmentSettings ConsoleSettings::enrichmentSettings() const
{
    EnrichmentSettings settings;
    if (m_settings.contains(kEnrichOrder)) {
        QList<ProviderId> order;
        for (const QString& key : m_settings.value(kEnrichOrder).toString().split(u',', Qt::SkipEmptyParts)) {
            const auto provider = providerFromKey(key.trimmed());
            if (provider && (*provider == ProviderId::Apollo || *provider == ProviderId::Clay) &&
                !order.contains(*provider))
                order.append(*provider);
        }
        if (!order.isEmpty())
            settings.order = order;
    }
    if (m_settings.contains(kEnrichRequired)) {
        settings.defaultRequired.clear();
        for (const QString& key :
             m_settings.value(kEnrichRequired).toString().split(u',', Qt::SkipEmptyParts)) {
            for (EnrichField field :
                 {EnrichField::Email, EnrichField::Phone, EnrichField::Title, EnrichField::Company})
                if (enrichFieldKey(field) == key.trimmed())
                    settings.defaultRequired.insert(field);
        }
    }
    const int days = m_settings.value(kEnrichTtlDays, 30).toInt();
    settings.cacheTtl = std::chrono::hours(24 * qBound(1, days, 3650));
    settings.clayRoutineId = m_settings.value(kEnrichClayRoutine).toString().trimmed();
    settings.clayCreditsPerItem = qMax<qint64>(1, m_settings.value(kEnrichClayCredits, 1).toLongLong());
    settings.teamCache = m_settings.value(kEnrichTeamCache, false).toBool();
    return settings;
}

void ConsoleSettings::setEnrichmentSettings(const EnrichmentSettings& settings)
{
    QStringList order;
    for (ProviderId provider : settings.order)
        order << providerKey(provider);
    QStringList required;
    for (EnrichField field :
         {EnrichField::Email, EnrichField::Phone, EnrichField::Title, EnrichField::Company})
        if (settings.defaultRequired.contains(field))
            required << enrichFieldKey(field);
    m_settings.setValue(kEnrichOrder, order.join(u','));
    m_settings.setValue(kEnrichRequired, required.join(u','));
    m_settings.setValue(kEnrichTtlDays, qint64(settings.cacheTtl.count() / (24 * 3600)));
    m_settings.setValue(kEnrichClayRoutine, settings.clayRoutineId);
    m_settings.setValue(kEnrichClayCredits, settings.clayCreditsPerItem);
    m_settings.setValue(kEnrichTeamCache, settings.teamCache);
    Q_EMIT enrichmentSettingsChanged(enrichmentSettings()); // as read back: the stored, bounded values
}

} // namespace agency
