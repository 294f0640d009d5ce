#include "httprequest.h"

#include "model/redaction.h"

#include <QUrl>

namespace agency {

bool HttpRequest::isIdempotent() const
{
    static const QByteArrayList idempotent = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
    return idempotent.contains(method.toUpper()) || !idempotencyKey.isEmpty();
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString describeRequest(const QByteArray& method, const QUrl& url, const HeaderList& headers)
{
    QUrl printable = url;
    printable.setPassword({});
    QUrlQuery query(printable);
    for (const auto& [name, value] : query.queryItems()) {
        if (Redactor::isCredentialQueryParameter(name)) {
            query.removeAllQueryItems(name);
            query.addQueryItem(name, QStringLiteral("[REDACTED]"));
        }
    }
    printable.setQuery(query);
    QString line = QString::fromLatin1(method) + u' ' + printable.toString();
    for (const auto& [name, value] : headers) {
        const QString shown = Redactor::isCredentialHeader(QString::fromLatin1(name))
                                  ? QStringLiteral("[REDACTED]")
                                  : QString::fromLatin1(value);
        line += QStringLiteral(" | ") + QString::fromLatin1(name) + QStringLiteral(": ") + shown;
    }
    return Redactor::redact(line);
}

} // namespace agency
