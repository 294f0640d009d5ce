#include "integrationerror.h"

#include "model/catalogue.h"
#include "model/redaction.h"

#include <QCoreApplication>

namespace agency {

namespace {
QString withStop(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(u'.') && !text.endsWith(u'!') && !text.endsWith(u'?'))
        text += u'.';
    return text;
}
} // namespace

QString IntegrationError::message() const
{
    const QString name = providerInfo(provider).name;
    const QString own = withStop(providerMessage);
    QString sentence;
    switch (kind) {
    case Kind::Network:
        sentence =
            QCoreApplication::translate("agency::IntegrationError", "%1: could not reach the service (%2).")
                .arg(name, detail.isEmpty() ? QStringLiteral("network error") : detail);
        break;
    case Kind::Timeout:
        sentence =
            QCoreApplication::translate("agency::IntegrationError", "%1: no answer in time; try again.")
                .arg(name);
        break;
    case Kind::Auth:
        sentence =
            own.isEmpty()
                ? QCoreApplication::translate("agency::IntegrationError",
                                              "%1 refused the credential (HTTP %2). Check it in Providers.")
                      .arg(name)
                      .arg(httpStatus)
                : QCoreApplication::translate("agency::IntegrationError",
                                              "%1 refused the credential: %2 Check it in Providers.")
                      .arg(name, own);
        break;
    case Kind::RateLimited: {
        const QString wait =
            retryAfter ? QCoreApplication::translate("agency::IntegrationError", " Try again in %1 s.")
                             .arg((retryAfter->count() + 999) / 1000)
                       : QString();
        sentence =
            own.isEmpty()
                ? QCoreApplication::translate("agency::IntegrationError",
                                              "%1 is limiting the request rate.%2")
                      .arg(name, wait)
                : QCoreApplication::translate("agency::IntegrationError", "%1: %2%3").arg(name, own, wait);
        break;
    }
    case Kind::InvalidRequest:
        sentence =
            own.isEmpty()
                ? QCoreApplication::translate("agency::IntegrationError", "%1 refused the request (HTTP %2).")
                      .arg(name)
                      .arg(httpStatus)
                : QCoreApplication::translate("agency::IntegrationError", "%1: %2").arg(name, own);
        break;
    case Kind::Server:
        sentence = own.isEmpty()
                       ? QCoreApplication::translate("agency::IntegrationError",
                                                     "%1 had a server error (HTTP %2); try again later.")
                             .arg(name)
                             .arg(httpStatus)
                       : QCoreApplication::translate("agency::IntegrationError",
                                                     "%1 had a server error: %2 Try again later.")
                             .arg(name, own);
        break;
    case Kind::Decode:
        sentence = QCoreApplication::translate("agency::IntegrationError",
                                               "%1 sent an answer the console could not read%2.")
                       .arg(name, detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + u')');
        break;
    case Kind::BudgetExceeded:
        sentence = QCoreApplication::translate("agency::IntegrationError", "%1: not sent — %2")
                       .arg(name, withStop(detail.isEmpty() ? QStringLiteral("a spend limit would be crossed")
                                                            : detail));
        break;
    case Kind::Cancelled:
        sentence = QCoreApplication::translate("agency::IntegrationError", "%1: cancelled.").arg(name);
        break;
    case Kind::Configuration:
        sentence = QCoreApplication::translate("agency::IntegrationError", "%1: not sent — %2")
                       .arg(name, withStop(detail));
        break;
    }
    return Redactor::redact(sentence);
}

bool IntegrationError::isTransient() const
{
    return kind == Kind::Network || kind == Kind::Timeout || kind == Kind::RateLimited ||
           kind == Kind::Server;
}

QString integrationErrorKindName(IntegrationError::Kind kind)
{
    switch (kind) {
    case IntegrationError::Kind::Network:
        return QStringLiteral("network");
    case IntegrationError::Kind::Timeout:
        return QStringLiteral("timeout");
    case IntegrationError::Kind::Auth:
        return QStringLiteral("auth");
    case IntegrationError::Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case IntegrationError::Kind::InvalidRequest:
        return QStringLiteral("invalid-request");
    case IntegrationError::Kind::Server:
        return QStringLiteral("server");
    case IntegrationError::Kind::Decode:
        return QStringLiteral("decode");
    case IntegrationError::Kind::BudgetExceeded:
        return QStringLiteral("budget-exceeded");
    case IntegrationError::Kind::Cancelled:
        return QStringLiteral("cancelled");
    case IntegrationError::Kind::Configuration:
        return QStringLiteral("configuration");
    }
    return QString();
}

} // namespace agency
