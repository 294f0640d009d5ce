#include "cli.h"

#include "consoleapp.h"
#include "engine/consolesettings.h"
#include "engine/providerhub.h"
#include "model/catalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::Cli", text);
}

void print(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
}
void printError(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stderr);
}

QJsonObject providerJson(const ProviderInfo& info)
{
    QJsonArray fields;
    for (const CredentialFieldSpec& field : info.fields)
        fields.append(
            QJsonObject{{QStringLiteral("name"), field.name},
                        {QStringLiteral("secret"), field.secret},
                        {QStringLiteral("optional"), field.optional},
                        {QStringLiteral("env"), QString(providerEnvPrefix(info.id) + field.name.toUpper())}});
    return QJsonObject{{QStringLiteral("id"), providerKey(info.id)},
                       {QStringLiteral("name"), info.name},
                       {QStringLiteral("category"), info.category},
                       {QStringLiteral("credential_fields"), fields},
                       {QStringLiteral("default_base_url"), info.defaultBaseUrl},
                       {QStringLiteral("allowed_hosts"), QJsonArray::fromStringList(info.allowedHosts)}};
}

int listProviders(bool json)
{
    if (json) {
        QJsonArray list;
        for (const ProviderInfo& info : providerCatalogue())
            list.append(providerJson(info));
        print(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return 0;
    }
    for (const ProviderInfo& info : providerCatalogue()) {
        QStringList fields;
        for (const CredentialFieldSpec& field : info.fields)
            fields.append(field.name + (field.secret ? QStringLiteral(" (secret)") : QString()) +
                          (field.optional ? QStringLiteral(" (optional)") : QString()));
        print(QStringLiteral("%1  %2  %3  fields: %4  base: %5  hosts: %6")
                  .arg(providerKey(info.id).leftJustified(11), info.name.leftJustified(11),
                       info.category.leftJustified(22), fields.join(QStringLiteral(", ")),
                       info.defaultBaseUrl.isEmpty() ? QStringLiteral("(from credential)")
                                                     : info.defaultBaseUrl,
                       info.allowedHosts.isEmpty() ? QStringLiteral("(any)") : info.allowedHosts.join(u',')));
    }
    return 0;
}

QJsonObject statusJson(ProviderId provider, const AccountStatus& status)
{
    QJsonObject details;
    for (const auto& [label, value] : status.details)
        details.insert(label, value);
    QJsonObject account{{QStringLiteral("summary"), status.summary},
                        {QStringLiteral("plan"), status.plan},
                        {QStringLiteral("details"), details}};
    if (status.balance)
        account.insert(QStringLiteral("balance"), status.balance->toString());
    QJsonObject object{{QStringLiteral("id"), providerKey(provider)},
                       {QStringLiteral("status"), accountStateName(status.state)},
                       {QStringLiteral("latency_ms"), qint64(status.latency.count())},
                       {QStringLiteral("account"), account}};
    if (status.error) {
        object.insert(QStringLiteral("error"),
                      QJsonObject{{QStringLiteral("kind"), integrationErrorKindName(status.error->kind)},
                                  {QStringLiteral("message"), status.error->message()},
                                  {QStringLiteral("http_status"), status.error->httpStatus},
                                  {QStringLiteral("request_id"), status.error->requestId}});
    } else {
        object.insert(QStringLiteral("error"), QJsonValue::Null);
    }
    return object;
}

int checkProviders(const QStringList& names, const QString& profileName, bool json)
{
    const auto profile = profileFromKey(profileName);
    if (!profile) {
        printError(tr("Unknown profile \"%1\": use production or sandbox.").arg(profileName));
        return kUsageError;
    }
    QList<ProviderId> providers;
    for (const QString& name : names) {
        const auto provider = providerFromKey(name);
        if (!provider) {
            printError(tr("Unknown provider \"%1\". Run agency-console providers for the list.").arg(name));
            return kUsageError;
        }
        providers.append(*provider);
    }
    if (providers.isEmpty())
        providers = allProviders();

    ConsoleApp console(ConsoleApp::defaultKeychainService());
    const auto results = QCoro::waitFor(console.hub().checkAll(providers, *profile, 4));
    bool allValid = true;
    QJsonArray list;
    for (ProviderId provider : providers) {
        const AccountStatus status = results.value(provider);
        allValid = allValid && (status.state == AccountStatus::State::Valid ||
                                status.state == AccountStatus::State::ValidLimited);
        if (json)
            list.append(statusJson(provider, status));
        else
            print(QStringLiteral("%1  %2  %3  %4")
                      .arg(providerKey(provider).leftJustified(11),
                           accountStateName(status.state).leftJustified(17),
                           QString(QString::number(status.latency.count()) + QStringLiteral(" ms"))
                               .rightJustified(8),
                           status.summary));
    }
    if (json)
        print(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
    return allValid ? 0 : 1;
}

} // namespace

void addCommandOptions(QCommandLineParser& parser)
{
    parser.addPositionalArgument(
        QStringLiteral("command"),
        tr("providers: list the providers and their credential fields.\n"
           "check [PROVIDER…]: test stored credentials (exit 0 only when all are valid)."),
        QStringLiteral("[command [args…]]"));
    parser.addOption({QStringLiteral("json"), tr("Print JSON instead of a table.")});
    parser.addOption({QStringLiteral("profile"), tr("The profile to use: production or sandbox."),
                      tr("profile"), QStringLiteral("production")});
}

int runCommand(const QCommandLineParser& parser)
{
    const QStringList arguments = parser.positionalArguments();
    const QString command = arguments.value(0);
    const bool json = parser.isSet(QStringLiteral("json"));
    if (command == u"providers")
        return listProviders(json);
    if (command == u"check")
        return checkProviders(arguments.mid(1), parser.value(QStringLiteral("profile")), json);
    printError(tr("Unknown command \"%1\". Run agency-console --help for the commands.").arg(command));
    return kUsageError;
}

} // namespace agency
