#include "cli.h"

#include "bulkcommand.h"
#include "campaigncommand.h"
#include "consoleapp.h"
#include "engine/consolesettings.h"
#include "engine/enrichmentservice.h"
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

// One lookup: cache, then the waterfall. Exit 0 when the required fields were found, 1 when not
// (or a provider refused), 64 for a request that cannot be looked up.
int enrich(const QCommandLineParser& parser, bool json)
{
    const auto profile = profileFromKey(parser.value(QStringLiteral("profile")));
    if (!profile) {
        printError(tr("Unknown profile \"%1\": use production or sandbox.")
                       .arg(parser.value(QStringLiteral("profile"))));
        return kUsageError;
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        ConsoleApp console(ConsoleApp::defaultKeychainService());
        console.enrichment().setProfile(*profile);
        return runBulkCommand(console,
                              {parser.value(QStringLiteral("csv")), parser.value(QStringLiteral("out")),
                               parser.isSet(QStringLiteral("yes")),
                               parser.isSet(QStringLiteral("retry-in-doubt")), json});
    }
    LookupRequest request;
    if (parser.isSet(QStringLiteral("email")))
        request = LookupRequest::byEmail(parser.value(QStringLiteral("email")));
    else if (parser.isSet(QStringLiteral("linkedin")))
        request = LookupRequest::byLinkedIn(parser.value(QStringLiteral("linkedin")));
    else if (parser.isSet(QStringLiteral("name")) && parser.isSet(QStringLiteral("domain")))
        request = LookupRequest::byName(parser.value(QStringLiteral("name")).section(u' ', 0, 0),
                                        parser.value(QStringLiteral("name")).section(u' ', 1),
                                        parser.value(QStringLiteral("domain")));
    else if (parser.isSet(QStringLiteral("domain")))
        request = LookupRequest::byDomain(parser.value(QStringLiteral("domain")));
    else {
        printError(tr("enrich needs --email ADDRESS, --linkedin URL, --domain DOMAIN, or --name \"FIRST "
                      "LAST\" with --domain."));
        return kUsageError;
    }
    for (const QString& key : parser.value(QStringLiteral("require")).split(u',', Qt::SkipEmptyParts)) {
        bool known = false;
        for (EnrichField field :
             {EnrichField::Email, EnrichField::Phone, EnrichField::Title, EnrichField::Company}) {
            if (enrichFieldKey(field) == key.trimmed()) {
                request.required.insert(field);
                known = true;
            }
        }
        if (!known) {
            printError(
                tr("Unknown field \"%1\" for --require: use email, phone, title or company.").arg(key));
            return kUsageError;
        }
    }
    request.domainMetrics = parser.isSet(QStringLiteral("metrics"));

    ConsoleApp console(ConsoleApp::defaultKeychainService());
    console.enrichment().setProfile(*profile);
    const auto looked = QCoro::waitFor(console.enrichment().lookup(request));
    if (!looked) {
        printError(looked.error());
        return kUsageError;
    }
    const LookupOutcome& outcome = looked.value();
    const EnrichmentResult& result = outcome.result;
    const bool satisfied = result.satisfies(request.required) && !outcome.stoppedBy;
    if (json) {
        QJsonObject fields;
        for (auto it = result.fields.begin(); it != result.fields.end(); ++it)
            fields.insert(it.key(), QJsonObject{{QStringLiteral("value"), it->value},
                                                {QStringLiteral("source"), providerKey(it->source)}});
        QJsonArray tried;
        for (ProviderId provider : result.tried)
            tried.append(providerKey(provider));
        QJsonObject object{{QStringLiteral("found"), result.found()},
                           {QStringLiteral("cached"), outcome.cacheHit()},
                           {QStringLiteral("cost_aud"), result.cost.toDecimalString()},
                           {QStringLiteral("tried"), tried},
                           {QStringLiteral("fields"), fields},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(outcome.notes)}};
        object.insert(QStringLiteral("error"),
                      outcome.stoppedBy ? QJsonValue(outcome.stoppedBy->message()) : QJsonValue());
        print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
        return satisfied ? 0 : 1;
    }
    for (auto it = result.fields.begin(); it != result.fields.end(); ++it)
        print(QStringLiteral("%1  %2  (%3)")
                  .arg(it.key().leftJustified(22), it->value, providerInfo(it->source).name));
    if (!result.found())
        print(tr("Nothing found."));
    print(outcome.cacheHit() ? tr("Cost: A$0.00 (from the cache)")
                             : tr("Cost: %1").arg(result.cost.toString()));
    for (const QString& note : outcome.notes)
        print(note);
    if (outcome.stoppedBy)
        printError(outcome.stoppedBy->message());
    return satisfied ? 0 : 1;
}

} // namespace

void addCommandOptions(QCommandLineParser& parser)
{
    parser.addPositionalArgument(
        QStringLiteral("command"),
        tr("providers: list the providers and their credential fields.\n"
           "check [PROVIDER…]: test stored credentials (exit 0 only when all are valid).\n"
           "spend [--period day|month]: spend against limits (exit 2 when a hard limit is reached).\n"
           "enrich --email A | --linkedin URL | --domain D [--name \"FIRST LAST\"] [--require FIELDS] "
           "[--metrics]:\n"
           "  one lookup through the cache and the Apollo → Clay waterfall (exit 0 when found).\n"
           "enrich --csv IN --out OUT [--yes]: a bulk run with an estimate first; run it again to resume.\n"
           "campaign run FILE.json [--dry-run] [--yes] [--retry-failed]: run a campaign (run it again to "
           "resume);\n"
           "  campaign status FILE.json: delivery status of its sent messages."),
        QStringLiteral("[command [args…]]"));
    parser.addOption({QStringLiteral("json"), tr("Print JSON instead of a table.")});
    parser.addOption({QStringLiteral("profile"), tr("The profile to use: production or sandbox."),
                      tr("profile"), QStringLiteral("production")});
    parser.addOption(
        {QStringLiteral("period"), tr("For spend: day or month."), tr("period"), QStringLiteral("day")});
    parser.addOption({QStringLiteral("email"), tr("For enrich: a person's email address."), tr("address")});
    parser.addOption({QStringLiteral("linkedin"), tr("For enrich: a LinkedIn profile URL."), tr("url")});
    parser.addOption({QStringLiteral("domain"), tr("For enrich: a company domain."), tr("domain")});
    parser.addOption({QStringLiteral("name"),
                      tr("For enrich: a person's first and last name (with --domain)."), tr("name")});
    parser.addOption({QStringLiteral("require"),
                      tr("For enrich: fields that must be found (email,phone,title,company)."),
                      tr("fields")});
    parser.addOption(
        {QStringLiteral("csv"), tr("For enrich: a lead CSV to enrich in bulk (with --out)."), tr("file")});
    parser.addOption({QStringLiteral("out"),
                      tr("For enrich --csv: where the results go (a journal goes beside it)."), tr("file")});
    parser.addOption(
        {QStringLiteral("yes"), tr("For enrich --csv and campaign run: do not ask before spending.")});
    parser.addOption(
        {QStringLiteral("retry-in-doubt"),
         tr("For enrich --csv: ask again for rows a crash left in doubt (they may be paid twice).")});
    parser.addOption({QStringLiteral("retry-failed"),
                      tr("For campaign run: send the failed items again (the others are never resent).")});
    parser.addOption(
        {QStringLiteral("dry-run"),
         tr("For campaign run: show counts, the first payload, cost and duration; send nothing.")});
    parser.addOption(
        {QStringLiteral("metrics"), tr("For enrich: add DataForSEO metrics for the company's domain.")});
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
    if (command == u"enrich")
        return enrich(parser, json);
    if (command == u"campaign") {
        ConsoleApp console(ConsoleApp::defaultKeychainService());
        return runCampaignCommand(
            console, {arguments.value(1), arguments.value(2), parser.value(QStringLiteral("profile")),
                      parser.isSet(QStringLiteral("dry-run")), parser.isSet(QStringLiteral("yes")), json,
                      parser.isSet(QStringLiteral("retry-failed"))});
    }
    if (command == u"spend")
        return showSpend(parser.value(QStringLiteral("period")), json);
    printError(tr("Unknown command \"%1\". Run agency-console --help for the commands.").arg(command));
    return kUsageError;
}

} // namespace agency
