#include "consolesettings.h"

#include "model/catalogue.h"

namespace agency {

namespace {
const QString kActiveProfile = QStringLiteral("general/activeProfile");
const QString kStaffMember = QStringLiteral("general/staffMember");
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

} // namespace agency
