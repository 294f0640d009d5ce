#include "endpointpolicy.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace agency {

namespace {} // namespace

bool isLoopbackHost(const QString& host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool hostIsAllowed(const QString& host, const QStringList& allowed)
{
    for (const QString& pattern : allowed) {
        if (pattern.startsWith(u"*.")) {
            const QStringView suffix = QStringView(pattern).mid(1); // ".supabase.co"
            if (host.endsWith(suffix, Qt::CaseInsensitive) && host.size() > suffix.size())
                return true;
        } else if (host.compare(pattern, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString endpointProblem(const QUrl& url, const ProviderInfo& info, Profile profile)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QCoreApplication::translate("agency::EndpointPolicy",
                                           "\"%1\" is not a full URL (it needs https:// and a host).")
            .arg(url.toString());
    if (!url.userInfo().isEmpty())
        return QCoreApplication::translate(
            "agency::EndpointPolicy",
            "The URL must not contain a user name or password; enter those as credentials.");
    const QString scheme = url.scheme().toLower();
    const bool loopback = isLoopbackHost(url.host());
    if (scheme != u"https" && !(scheme == u"http" && loopback))
        return QCoreApplication::translate(
                   "agency::EndpointPolicy",
                   "%1 must be reached over HTTPS; plain HTTP is only allowed to this machine.")
            .arg(info.name);
    if (profile == Profile::Production && !info.allowedHosts.isEmpty() &&
        !hostIsAllowed(url.host(), info.allowedHosts))
        return QCoreApplication::translate("agency::EndpointPolicy",
                                           "In the Production profile %1 credentials are only sent to %2. "
                                           "Use the Sandbox profile to point "
                                           "at another host.")
            .arg(info.name, info.allowedHosts.join(QStringLiteral(", ")));
    return QString();
}

} // namespace agency
