#include "requestlog.h"

#include "model/redaction.h"

#include <QStringDecoder>
#include <QUrl>

namespace agency::sim {

namespace {

// Shorter "secrets" (a wrong key such as "x") would mask unrelated text everywhere; the header and
// parameter rules still hide them where they were sent.
constexpr qsizetype kMinimumVerbatimLength = 3;

const QByteArray& mask()
{
    static const QByteArray bytes = Redactor::kMask.toString().toUtf8();
    return bytes;
}

QByteArray maskSecrets(QByteArray text, const QStringList& secrets)
{
    for (const QString& secret : secrets) {
        if (secret.size() < kMinimumVerbatimLength)
            continue;
        text.replace(secret.toUtf8(), mask());
        text.replace(QUrl::toPercentEncoding(secret), mask());
    }
    return text;
}

QString maskSecrets(QString text, const QStringList& secrets)
{
    return QString::fromUtf8(maskSecrets(text.toUtf8(), secrets));
}

bool isUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString ignored = decoder.decode(bytes);
    return !decoder.hasError();
}

// "Basic", "Bearer", "Token": kept in the log so tests can see which scheme a client used.
bool isAuthScheme(QByteArrayView word)
{
    for (const char* scheme : {"Basic", "Bearer", "Token", "Digest"}) {
        if (word.compare(QByteArrayView(scheme), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray redactHeaderValue(const QByteArray& name, const QByteArray& value, const QStringList& secrets)
{
    if (Redactor::isCredentialHeader(QString::fromLatin1(name))) {
        const qsizetype space = value.indexOf(' ');
        if (space > 0 && isAuthScheme(QByteArrayView(value).first(space)))
            return value.first(space) + ' ' + mask();
        return mask();
    }
    return maskSecrets(Redactor::redact(QString::fromUtf8(value)).toUtf8(), secrets);
}

QString redactQuery(const QUrlQuery& query, const QStringList& secrets)
{
    QUrlQuery masked;
    for (const auto& [name, value] : query.queryItems(QUrl::FullyEncoded)) {
        const QString decodedName = QUrl::fromPercentEncoding(name.toUtf8());
        masked.addQueryItem(
            name, Redactor::isCredentialQueryParameter(decodedName) ? Redactor::kMask.toString() : value);
    }
    return maskSecrets(masked.toString(QUrl::FullyEncoded), secrets);
}

} // namespace

RecordedRequest RequestLog::redacted(const SimRequest& request, const QStringList& secrets, int status,
                                     std::optional<FaultKind> fault, const QDateTime& at)
{
    RecordedRequest entry;
    entry.provider = request.provider;
    entry.method = request.method;
    entry.path = maskSecrets(request.path, secrets);
    entry.query = redactQuery(request.query, secrets);
    for (const auto& [name, value] : request.headers)
        entry.headers.append({name, redactHeaderValue(name, value, secrets)});
    entry.body = maskSecrets(request.body, secrets);
    if (isUtf8(entry.body))
        entry.body = Redactor::redact(QString::fromUtf8(entry.body)).toUtf8();
    entry.status = status;
    entry.fault = fault;
    entry.at = at.toUTC();
    return entry;
}

QList<RecordedRequest> RequestLog::entries(std::optional<ProviderId> provider) const
{
    if (!provider)
        return m_entries;
    QList<RecordedRequest> result;
    for (const RecordedRequest& entry : m_entries) {
        if (entry.provider == *provider)
            result.append(entry);
    }
    return result;
}

} // namespace agency::sim
