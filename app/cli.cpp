#include "cli.h"

#include "consoleapp.h"
#include "engine/consolesettings.h"
#include "engine/providerhub.h"
#include "engine/spendguard.h"
#include "model/catalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

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

constexpr int kLimitReached = 2;

QJsonObject limitJson(const LimitStatus& status)
{
    return {{QStringLiteral("scope"), limitScopeKey(status.limit.scope)},
            {QStringLiteral("key"), status.limit.key},
            {QStringLiteral("period"), spendPeriodKey(status.limit.period)},
            {QStringLiteral("cap_aud"), status.limit.cap.toDecimalString()},
            {QStringLiteral("spent_aud"), status.spent.toDecimalString()},
            {QStringLiteral("reserved_aud"), status.reserved.toDecimalString()},
            {QStringLiteral("percent"), status.percent},
            {QStringLiteral("reached"), status.spent >= status.limit.cap},
            {QStringLiteral("runs_out"), status.runsOut ? status.runsOut->toString(Qt::ISODate) : QString()}};
}

// Spend for the day or month against every limit; exit 2 when any hard limit is reached.
int showSpend(const QString& periodName, bool json)
{
    const auto period = spendPeriodFromKey(periodName);
    if (!period) {
        printError(tr("Unknown period \"%1\": use day or month.").arg(periodName));
        return kUsageError;
    }
    ConsoleApp console(ConsoleApp::defaultKeychainService());
    if (!console.guard()) {
        printError(console.ledgerError());
        return 1;
    }
    auto snapshot = console.guard()->snapshot();
    if (!snapshot) {
        printError(snapshot.error().message);
        return 1;
    }
    const SpendSnapshot& snap = snapshot.value();
    const bool day = *period == SpendPeriod::Day;
    bool reached = false;
    for (const LimitStatus& status : snap.limits)
        reached = reached || status.spent >= status.limit.cap;
    const auto capFor = [&](LimitScope scope, const QString& key) -> std::optional<LimitStatus> {
        for (const LimitStatus& status : snap.limits) {
            if (status.limit.scope == scope && status.limit.key == key && status.limit.period == *period)
                return status;
        }
        return std::nullopt;
    };

    if (json) {
        QJsonArray providers;
        for (const ProviderSpend& spend : snap.providers) {
            const auto cap = capFor(LimitScope::Provider, providerKey(spend.provider));
            providers.append(QJsonObject{
                {QStringLiteral("id"), providerKey(spend.provider)},
                {QStringLiteral("spent_aud"), (day ? spend.today : spend.month).toDecimalString()},
                {QStringLiteral("limit_aud"), cap ? cap->limit.cap.toDecimalString() : QString()}});
        }
        QJsonArray limits;
        for (const LimitStatus& status : snap.limits)
            limits.append(limitJson(status));
        print(QString::fromUtf8(
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("period"), spendPeriodKey(*period)},
                    {QStringLiteral("date"), snap.today.toString(Qt::ISODate)},
                    {QStringLiteral("time_zone"),
                     QString::fromLatin1(console.guard()->calendar().zone().id())},
                    {QStringLiteral("total_aud"),
                     (day ? snap.today_total : snap.month_total).toDecimalString()},
                    {QStringLiteral("subscriptions_month_aud"), snap.subscriptions_month.toDecimalString()},
                    {QStringLiteral("reserved_aud"), snap.reserved.toDecimalString()},
                    {QStringLiteral("burn_per_day_aud"), snap.burnPerDay.toDecimalString()},
                    {QStringLiteral("forecast_month_aud"), snap.forecastMonth.toDecimalString()},
                    {QStringLiteral("providers"), providers},
                    {QStringLiteral("limits"), limits},
                    {QStringLiteral("hard_limit_reached"), reached}})
                .toJson(QJsonDocument::Indented)));
        return reached ? kLimitReached : 0;
    }

    print((day ? tr("Spend today, %1 (%2)") : tr("Spend this month, to %1 (%2)"))
              .arg(QLocale().toString(snap.today, QLocale::LongFormat),
                   QString::fromLatin1(console.guard()->calendar().zone().id())));
    const auto row = [](const QString& name, const Money& spent, const std::optional<LimitStatus>& cap) {
        return QStringLiteral("  %1 %2  %3")
            .arg(name.leftJustified(12), spent.toString().rightJustified(12),
                 cap ? tr("of %1 (%2 %)").arg(cap->limit.cap.toString()).arg(cap->percent) : QString());
    };
    for (const ProviderSpend& spend : snap.providers) {
        const Money spent = day ? spend.today : spend.month;
        const auto cap = capFor(LimitScope::Provider, providerKey(spend.provider));
        if (!spent.isZero() || cap)
            print(row(providerInfo(spend.provider).name, spent, cap));
    }
    print(
        row(tr("Total"), day ? snap.today_total : snap.month_total, capFor(LimitScope::Overall, QString())));
    if (!day) {
        print(tr("  Subscriptions this month: %1").arg(snap.subscriptions_month.toString()));
        print(tr("  Forecast to %1: %2 (burn %3 a day)")
                  .arg(QLocale().toString(snap.monthEnd, QLocale::ShortFormat), snap.forecastMonth.toString(),
                       snap.burnPerDay.toString()));
    }
    for (const LimitStatus& status : snap.limits) {
        if (status.spent >= status.limit.cap)
            print(tr("Hard limit reached: %1 — %2 of %3.")
                      .arg(status.limit.describe(), status.spent.toString(), status.limit.cap.toString()));
    }
    return reached ? kLimitReached : 0;
}

} // namespace

void addCommandOptions(QCommandLineParser& parser)
{
    parser.addPositionalArgument(
        QStringLiteral("command"),
        tr("providers: list the providers and their credential fields.\n"
           "check [PROVIDER…]: test stored credentials (exit 0 only when all are valid).\n"
           "spend [--period day|month]: spend against limits (exit 2 when a hard limit is reached)."),
        QStringLiteral("[command [args…]]"));
    parser.addOption({QStringLiteral("json"), tr("Print JSON instead of a table.")});
    parser.addOption({QStringLiteral("profile"), tr("The profile to use: production or sandbox."),
                      tr("profile"), QStringLiteral("production")});
    parser.addOption(
        {QStringLiteral("period"), tr("For spend: day or month."), tr("period"), QStringLiteral("day")});
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
    if (command == u"spend")
        return showSpend(parser.value(QStringLiteral("period")), json);
    printError(tr("Unknown command \"%1\". Run agency-console --help for the commands.").arg(command));
    return kUsageError;
}

} // namespace agency
