#include "redaction.h"

#include <QReadWriteLock>
#include <QRegularExpression>
#include <QSet>

namespace agency {

namespace {

constexpr qsizetype kMinimumSecretLength = 6;

// Header names that carry a credential, across all seventeen providers.
const QStringList& credentialHeaders()
{
    static const QStringList names = {
        QStringLiteral("authorization"),
        QStringLiteral("proxy-authorization"),
        QStringLiteral("x-api-key"),
        QStringLiteral("apikey"),
        QStringLiteral("api-key"),
        QStringLiteral("xi-api-key"),
        QStringLiteral("x-postmark-server-token"),
        QStringLiteral("x-postmark-account-token"),
        QStringLiteral("clay-api-key"),
        QStringLiteral("x-clay-webhook-auth"),
        QStringLiteral("cookie"),
        QStringLiteral("set-cookie"),
    };
    return names;
}

const QStringList& credentialParameters()
{
    static const QStringList names = {
        QStringLiteral("api_key"),  QStringLiteral("apikey"),       QStringLiteral("key"),
        QStringLiteral("token"),    QStringLiteral("access_token"), QStringLiteral("auth_token"),
        QStringLiteral("password"), QStringLiteral("secret"),       QStringLiteral("signature"),
    };
    return names;
}

struct Registry
{
    QReadWriteLock lock;
    QSet<QString> secrets;
};

Registry& registry()
{
    static Registry instance;
    return instance;
}

QString alternation(const QStringList& names)
{
    QStringList escaped;
    for (const QString& name : names)
        escaped.append(QRegularExpression::escape(name));
    return escaped.join(u'|');
}

struct Rule
{
    QRegularExpression pattern;
    QString replacement;
};

const QList<Rule>& rules()
{
    static const QList<Rule> list = [] {
        const auto ci = QRegularExpression::CaseInsensitiveOption;
        const QString headers = alternation(credentialHeaders());
        const QString params = alternation(credentialParameters());
        QList<Rule> result;
        // "Authorization: Bearer x", "\"x-api-key\": \"x\"", "apikey=x" as header dumps.
        result.append(
            {QRegularExpression(
                 QStringLiteral("(?<![\\w-])(%1)(\"?\\s*[:=]\\s*\"?)([^\"\\r\\n,}]+)").arg(headers), ci),
             QStringLiteral("\\1\\2[REDACTED]")});
        // Bare scheme tokens wherever they appear.
        result.append(
            {QRegularExpression(QStringLiteral("\\b(Bearer|Basic|Token)\\s+[A-Za-z0-9._~+/=-]{4,}"), ci),
             QStringLiteral("\\1 [REDACTED]")});
        // Query parameters: ?api_key=x&token=y
        result.append({QRegularExpression(QStringLiteral("([?&;](?:%1)=)[^&#\\s\"']*").arg(params), ci),
                       QStringLiteral("\\1[REDACTED]")});
        // JSON members named like a credential.
        result.append(
            {QRegularExpression(
                 QStringLiteral(
                     "(\"(?:%1|auth_token|authToken|apiKey|password|secret)\"\\s*:\\s*\")[^\"]*(\")")
                     .arg(params),
                 ci),
             QStringLiteral("\\1[REDACTED]\\2")});
        // URL user-info: scheme://user:password@host
        result.append(
            {QRegularExpression(QStringLiteral("\\b([a-z][a-z0-9+.-]*://[^/\\s:@]*:)[^/\\s@]+@"), ci),
             QStringLiteral("\\1[REDACTED]@")});
        return result;
    }();
    return list;
}

} // namespace

void Redactor::registerSecret(const QString& value)
{
    if (value.size() < kMinimumSecretLength)
        return;
    QWriteLocker locker(&registry().lock);
    registry().secrets.insert(value);
}

void Redactor::forgetSecret(const QString& value)
{
    QWriteLocker locker(&registry().lock);
    registry().secrets.remove(value);
}

QString Redactor::redact(QString text)
{
    {
        QReadLocker locker(&registry().lock);
        for (const QString& secret : std::as_const(registry().secrets))
            text.replace(secret, kMask.toString());
    }
    for (const Rule& rule : rules())
        text.replace(rule.pattern, rule.replacement);
    return text;
}

bool Redactor::isCredentialHeader(QStringView name)
{
    for (const QString& header : credentialHeaders()) {
        if (name.compare(header, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool Redactor::isCredentialQueryParameter(QStringView name)
{
    for (const QString& parameter : credentialParameters()) {
        if (name.compare(parameter, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace agency
