#include "routekit.h"

#include <algorithm>

namespace agency::sim {

AuthOutcome outcomeFor(const QString& secret)
{
    AuthOutcome outcome;
    outcome.state = classifySecret(secret);
    if (!secret.isEmpty())
        outcome.secrets.append(secret);
    return outcome;
}

AuthOutcome secretFromHeader(const SimRequest& request, QByteArrayView name)
{
    return outcomeFor(QString::fromUtf8(request.header(name)).trimmed());
}

std::optional<QString> authorizationToken(const SimRequest& request, QByteArrayView scheme)
{
    const QByteArray value = request.header("Authorization").trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space <= 0)
        return std::nullopt;
    if (value.first(space).compare(scheme, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return QString::fromUtf8(value.sliced(space + 1)).trimmed();
}

std::optional<BasicCredentials> basicCredentials(const SimRequest& request)
{
    const std::optional<QString> token = authorizationToken(request, "Basic");
    if (!token)
        return std::nullopt;
    const auto decoded =
        QByteArray::fromBase64Encoding(token->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QString text = QString::fromUtf8(*decoded);
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return std::nullopt;
    return BasicCredentials{text.left(colon), text.mid(colon + 1)};
}

AuthOutcome basicAuthOutcome(const SimRequest& request)
{
    if (!request.hasHeader("Authorization"))
        return {};
    const std::optional<BasicCredentials> credentials = basicCredentials(request);
    AuthOutcome outcome;
    outcome.state = CredentialState::Invalid;
    if (!credentials)
        return outcome;
    if (!credentials->password.isEmpty())
        outcome.secrets.append(credentials->password);
    // The identifier (account SID, login, username) may be anything, but not nothing.
    if (credentials->user.isEmpty() || credentials->password.isEmpty())
        return outcome;
    outcome.state = classifySecret(credentials->password);
    return outcome;
}

QString isoMillis(const QDateTime& at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QString isoSeconds(const QDateTime& at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString rfc2822(const QDateTime& at)
{
    // Formatted by hand: QLocale-dependent day and month names would vary with the machine.
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime utc = at.toUTC();
    const QDate date = utc.date();
    return QStringLiteral("%1, %2 %3 %4 %5 +0000")
        .arg(QLatin1String(days[date.dayOfWeek() - 1]))
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(QLatin1String(months[date.month() - 1]))
        .arg(date.year())
        .arg(utc.time().toString(QStringLiteral("HH:mm:ss")));
}

int limitParameter(const SimRequest& request, const QString& name, int fallback, int max)
{
    bool ok = false;
    const int value = request.queryValue(name).toInt(&ok);
    if (!ok)
        return fallback;
    return std::clamp(value, 1, max);
}

} // namespace agency::sim
