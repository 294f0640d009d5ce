#include "campaigncommand.h"

#include "consoleapp.h"
#include "engine/campaignaudience.h"
#include "engine/campaignestimate.h"
#include "engine/campaignjournal.h"
#include "engine/campaignrunner.h"
#include "engine/campaignsender.h"
#include "engine/campaignsenderfactory.h"
#include "engine/campaignsettings.h"
#include "engine/database.h"
#include "engine/providerhub.h"
#include "engine/spendguard.h"
#include "engine/suppressionlist.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignCommand", text);
}

void say(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stderr); // progress and questions: stdout stays for --json
    std::fflush(stderr);
}

void print(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

// What a campaign file says, read and checked once.
struct CampaignFile
{
    QString uid;
    QString name;
    CampaignChannel channel = CampaignChannel::Email;
    QJsonObject sender;
    QString messageTemplate;
    QList<RecipientFields> recipients;
    CampaignThrottles throttles;
    AudienceOptions audience;
};

Result<CampaignFile, QString> readCampaignFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(tr("%1 could not be opened: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return failure(tr("%1 is not a JSON object: %2").arg(path, error.errorString()));
    const QJsonObject root = document.object();
    CampaignFile campaign;
    campaign.name = root.value(u"name").toString().trimmed();
    campaign.uid = root.value(u"uid").toString().trimmed();
    if (campaign.name.isEmpty())
        return failure(tr("The campaign file needs a “name”."));
    if (campaign.uid.isEmpty())
        campaign.uid = QStringLiteral("file:") + campaign.name; // stable: a re-run finds its journal
    const auto channel = campaignChannelFromKey(root.value(u"channel").toString().trimmed().toLower());
    if (!channel)
        return failure(tr("“channel” must be email, sms, voice, linkedin or letter."));
    campaign.channel = *channel;
    campaign.sender = root.value(u"sender").toObject();
    if (const QStringList problems = senderSettingProblems(campaign.channel, campaign.sender);
        !problems.isEmpty())
        return failure(problems.join(u' '));
    if (root.contains(u"subject"))
        campaign.sender.insert(QStringLiteral("subject"), root.value(u"subject"));
    campaign.messageTemplate = root.value(u"template").toString();
    if (campaign.messageTemplate.trimmed().isEmpty())
        return failure(tr("The campaign file needs a “template”: the message."));

    const QDir base = QFileInfo(path).absoluteDir();
    if (root.value(u"recipients").isArray()) {
        for (const QJsonValue& value : root.value(u"recipients").toArray())
            campaign.recipients.append(recipientFieldsFromJson(value.toObject()));
    } else if (root.value(u"recipients").isString()) {
        auto rows = readRecipientCsv(base.absoluteFilePath(root.value(u"recipients").toString()));
        if (!rows)
            return failure(rows.error());
        campaign.recipients = rows.value();
    } else {
        return failure(tr("“recipients” must be a list of objects or the path of a CSV file."));
    }

    auto throttles = throttlesFromJson(root.value(u"throttles").toObject());
    if (!throttles)
        return failure(throttles.error());
    campaign.throttles = throttles.value();
    campaign.audience.recentContactDays = root.value(u"recent_contact_days").toInt(30);
    return campaign;
}

Result<std::unique_ptr<CampaignSender>, QString> makeSender(ConsoleApp& console, const CampaignFile& file,
                                                            Profile profile)
{
    auto client = QCoro::waitFor(console.hub().client(campaignProvider(file.channel, file.sender), profile));
    if (!client)
        return failure(client.error().message());
    return makeCampaignSender(file.channel, file.sender, client.value());
}

// The dry run: what would be sent, to whom, for how much and how long. Nothing leaves.
int dryRun(ConsoleApp& console, const CampaignFile& file, const AudienceReport& audience,
           CampaignRunner& runner, CampaignSender& sender, bool json)
{
    const RenderedAudience rendered = renderAudience(runner, file.uid, audience.ready());
    for (qsizetype i = 0; i < rendered.blocked.size() && i < 5; ++i)
        say(tr("  %1 is blocked: %2").arg(rendered.blocked.at(i).first, rendered.blocked.at(i).second));
    const std::optional<OutgoingMessage> first =
        rendered.messages.isEmpty() ? std::nullopt : std::optional(rendered.messages.first());
    const CampaignEstimate estimate =
        QCoro::waitFor(estimateCampaign(sender, rendered, file.throttles, console.guard(), file.name));
    const QByteArray payload = first ? sender.payload({*first}) : QByteArray();
    const QString path = sender.requestLine(1);
    if (json) {
        QJsonObject object{
            {QStringLiteral("ready"), audience.counts.ready},
            {QStringLiteral("invalid"), audience.counts.invalid},
            {QStringLiteral("suppressed"), audience.counts.suppressed},
            {QStringLiteral("duplicate"), audience.counts.duplicate},
            {QStringLiteral("recent"), audience.counts.recentlyContacted},
            {QStringLiteral("blocked"), estimate.blocked},
            {QStringLiteral("requests"), estimate.requests},
            {QStringLiteral("estimated_cost"),
             estimate.cost.isValid() ? estimate.cost.toDecimalString() : QStringLiteral("0")},
            {QStringLiteral("estimated_currency"),
             estimate.cost.isValid() ? estimate.cost.currency() : QString()},
            {QStringLiteral("price_basis"), estimate.basis},
            {QStringLiteral("price_error"), estimate.priceError},
            {QStringLiteral("estimated_seconds"), estimate.seconds},
            {QStringLiteral("budget_checked"), estimate.budgetChecked},
            {QStringLiteral("budget_refusal"), estimate.budgetRefusal},
            {QStringLiteral("request"), path},
            {QStringLiteral("payload"), QString::fromUtf8(payload)},
            {QStringLiteral("idempotency_key"), first ? sender.requestKey({*first}) : QString()},
        };
        print(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
        return estimate.budgetChecked && !estimate.budgetRefusal.isEmpty() ? 1 : 0;
    }
    print(tr("Dry run of “%1” (%2): nothing is sent.").arg(file.name, campaignChannelName(file.channel)));
    print(tr("Recipients: %1 ready, %2 invalid, %3 suppressed, %4 duplicate, %5 contacted recently; "
             "%6 blocked by a missing merge field.")
              .arg(audience.counts.ready)
              .arg(audience.counts.invalid)
              .arg(audience.counts.suppressed)
              .arg(audience.counts.duplicate)
              .arg(audience.counts.recentlyContacted)
              .arg(estimate.blocked));
    if (first) {
        print(tr("The first recipient's request (credentials redacted):"));
        print(path);
        for (const QString& header : sender.redactedHeaders(sender.requestKey({*first})))
            print(header);
        print(QString::fromUtf8(payload));
    }
    print(tr("Estimated cost: %1 (%2) for %3 messages in %4 requests; about %5 at the provider's rate%6.")
              .arg(estimate.cost.isValid() ? estimate.cost.toString() : tr("unknown"),
                   estimate.priceError.isEmpty() ? estimate.basis : estimate.priceError)
              .arg(estimate.messages)
              .arg(estimate.requests)
              .arg(campaignDurationText(estimate.seconds),
                   file.throttles.windowFrom ? tr(", within the send window") : QString()));
    if (!estimate.budgetChecked)
        print(tr("Spend limits: %1.").arg(estimate.budgetRefusal));
    else if (estimate.budgetRefusal.isEmpty())
        print(tr("Spend limits: the estimate fits under every limit."));
    else
        print(tr("Spend limits: the run would be stopped — %1.").arg(estimate.budgetRefusal));
    return estimate.budgetChecked && !estimate.budgetRefusal.isEmpty() ? 1 : 0;
}

int status(ConsoleApp& console, CampaignRunner& runner, bool json)
{
    const QList<DeliveryStatus> statuses = QCoro::waitFor(runner.followUp(console.guard(), console.ledger()));
    QMap<QString, int> byStatus;
    int errors = 0;
    for (const DeliveryStatus& status : statuses) {
        if (!status.error.isEmpty()) {
            ++errors;
            say(tr("  %1: %2").arg(status.providerRef, status.error));
        } else {
            ++byStatus[status.status];
        }
    }
    if (json) {
        QJsonObject counts;
        for (auto it = byStatus.begin(); it != byStatus.end(); ++it)
            counts.insert(it.key(), it.value());
        print(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("statuses"), counts},
                                                          {QStringLiteral("errors"), errors}})
                                    .toJson(QJsonDocument::Indented)));
    } else {
        for (auto it = byStatus.begin(); it != byStatus.end(); ++it)
            print(QStringLiteral("%1  %2").arg(it.key().leftJustified(18)).arg(it.value()));
        if (errors > 0)
            print(tr("%1 look-ups failed.").arg(errors));
    }
    return errors == 0 ? 0 : 1;
}

} // namespace

int runCampaignCommand(ConsoleApp& console, const CampaignCommand& command)
{
    if (command.action != u"run" && command.action != u"status") {
        say(tr("Use: campaign run FILE.json [--dry-run] [--yes], or campaign status FILE.json."));
        return 64;
    }
    const auto profile = profileFromKey(command.profile);
    if (!profile) {
        say(tr("Unknown profile \"%1\": use production or sandbox.").arg(command.profile));
        return 64;
    }
    auto read = readCampaignFile(command.file);
    if (!read) {
        say(read.error());
        return 64;
    }
    const CampaignFile file = read.value();
    if (!console.database()) {
        say(tr("The ledger database is not available: %1").arg(console.ledgerError()));
        return 1;
    }
    Database& database = *console.database();
    CampaignJournal journal(database);
    SuppressionList suppressions(database);
    auto sender = makeSender(console, file, *profile);
    if (!sender) {
        say(sender.error());
        return 1;
    }
    CampaignRunner runner(database, journal, *sender.value());
    runner.setThrottles(file.throttles);
    runner.setSpendGuard(console.guard());

    auto existing = journal.campaignByUid(file.uid);
    if (!existing) {
        say(existing.error().message);
        return 1;
    }
    if (command.action == u"status") {
        if (!existing.value()) {
            say(tr("“%1” has not run yet: there is nothing to look up.").arg(file.name));
            return 1;
        }
        if (auto opened = runner.open(existing.value()->id); !opened) {
            say(opened.error());
            return 1;
        }
        return status(console, runner, command.json);
    }

    CampaignAudience audienceCheck(suppressions, journal);
    auto audience = audienceCheck.check(file.channel, file.recipients, file.audience);
    if (!audience) {
        say(audience.error().message);
        return 1;
    }
    Campaign campaign;
    if (existing.value()) {
        campaign = *existing.value();
    } else {
        campaign.uid = file.uid;
        campaign.name = file.name;
        campaign.channel = file.channel;
        campaign.sender = file.sender;
        campaign.messageTemplate = file.messageTemplate;
    }
    if (auto used = runner.use(campaign); !used) {
        say(used.error());
        return 64;
    }
    if (command.dryRun)
        return dryRun(console, file, audience.value(), runner, *sender.value(), command.json);

    const AudienceCounts& counts = audience->counts;
    say(tr("“%1”: %2 ready, %3 invalid, %4 suppressed, %5 duplicate, %6 contacted recently.")
            .arg(file.name)
            .arg(counts.ready)
            .arg(counts.invalid)
            .arg(counts.suppressed)
            .arg(counts.duplicate)
            .arg(counts.recentlyContacted));
    if (existing.value())
        say(tr("Resuming the campaign journalled as %1.").arg(file.uid));
    if (!command.yes) {
        say(tr("Send %1 messages? [y/N]").arg(counts.ready));
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != u"y" && answer != u"yes") {
            say(tr("Nothing was sent."));
            return 1;
        }
    }
    if (!existing.value()) {
        NewCampaign made;
        made.name = file.name;
        made.channel = file.channel;
        made.sender = file.sender;
        made.messageTemplate = file.messageTemplate;
        made.createdBy = console.guard() ? console.guard()->staffMember() : QString();
        auto created = journal.createCampaign(made, file.uid);
        if (!created) {
            say(created.error().message);
            return 1;
        }
        campaign = created.value();
    }
    QList<NewItem> items;
    for (const ValidatedRecipient& recipient : audience->ready())
        items.append(NewItem{recipient.key, recipientJson(recipient.fields), 0});
    auto added = journal.addItems(campaign.id, items); // items already journalled are left as they are
    if (!added) {
        say(added.error().message);
        return 1;
    }
    if (auto opened = runner.open(campaign.id); !opened) {
        say(opened.error());
        return 64;
    }
    if (command.retryFailed) {
        auto reset = journal.resetFailed(campaign.id);
        if (!reset) {
            say(reset.error().message);
            return 1;
        }
        say(tr("%1 failed items will be sent again.").arg(reset.value()));
    }

    QEventLoop loop;
    int reported = -1;
    QObject::connect(&runner, &CampaignRunner::progressed, &loop, [&reported](const CampaignProgress& p) {
        const int done = p.counts.sent + p.counts.failed + p.counts.unknown;
        if (done == reported)
            return;
        reported = done;
        say(tr("%1 of %2 sent, %3 failed, %4 unknown, %5 pending; %6 a minute; cost %7")
                .arg(p.counts.sent)
                .arg(p.counts.total())
                .arg(p.counts.failed)
                .arg(p.counts.unknown)
                .arg(p.counts.pending)
                .arg(QString::number(p.perMinute, 'f', 1), amountsText(p.cost, tr("nothing"))));
    });
    QObject::connect(&runner, &CampaignRunner::waitingChanged, &loop, [](const QString& reason) {
        if (!reason.isEmpty())
            say(tr("Waiting: %1").arg(reason));
    });
    QObject::connect(&runner, &CampaignRunner::stateChanged, &loop, [&loop](CampaignRunner::State state) {
        if (state != CampaignRunner::State::Running)
            loop.quit();
    });
    runner.start();
    if (runner.state() == CampaignRunner::State::Running)
        loop.exec();
    const ReconcileReport& reconciled = runner.lastReconcile();
    if (reconciled.examined > 0)
        say(tr("Reconciled %1 items left in doubt: %2 proven sent, %3 failed, %4 unknown, %5 not checkable "
               "now.")
                .arg(reconciled.examined)
                .arg(reconciled.sent)
                .arg(reconciled.failed)
                .arg(reconciled.unknown)
                .arg(reconciled.unresolved));
    if (runner.state() == CampaignRunner::State::Paused)
        say(tr("The campaign paused: %1 Run the same command again to go on.").arg(runner.pauseReason()));
    const CampaignProgress progress = runner.progress();
    if (progress.counts.unknown > 0)
        say(tr("%1 items are unknown: they may have been delivered. They are not sent again; check them "
               "with the provider.")
                .arg(progress.counts.unknown));
    if (command.json) {
        print(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("campaign"), file.uid},
                                      {QStringLiteral("state"), campaignRunnerStateName(runner.state())},
                                      {QStringLiteral("sent"), progress.counts.sent},
                                      {QStringLiteral("failed"), progress.counts.failed},
                                      {QStringLiteral("unknown"), progress.counts.unknown},
                                      {QStringLiteral("pending"), progress.counts.pending},
                                      {QStringLiteral("sending"), progress.counts.sending},
                                      {QStringLiteral("cost"), amountsText(progress.cost, tr("nothing"))}})
                .toJson(QJsonDocument::Indented)));
    }
    say(tr("Done: %1 sent, %2 failed, %3 unknown, %4 pending; cost %5.")
            .arg(progress.counts.sent)
            .arg(progress.counts.failed)
            .arg(progress.counts.unknown)
            .arg(progress.counts.pending)
            .arg(amountsText(progress.cost, tr("nothing"))));
    const bool complete = runner.state() == CampaignRunner::State::Completed && progress.counts.failed == 0 &&
                          progress.counts.unknown == 0 && progress.counts.sending == 0;
    return complete ? 0 : 1;
}

} // namespace agency
