#include "bulkcommand.h"

#include "consoleapp.h"
#include "engine/bulkenrichment.h"
#include "engine/bulkintake.h"

#include <QCoreApplication>
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
    return QCoreApplication::translate("agency::BulkCommand", text);
}

void say(const QString& text)
{
    std::fputs(qPrintable(text + u'\n'), stderr); // progress and questions: stdout stays for --json
    std::fflush(stderr);
}

} // namespace

int runBulkCommand(ConsoleApp& console, const BulkCommand& command)
{
    if (command.output.isEmpty()) {
        say(tr("enrich --csv needs --out FILE for the results."));
        return 64;
    }
    auto opened = BulkEnrichment::open(command.output + QStringLiteral(".journal"), console.enrichment());
    if (!opened) {
        say(opened.error());
        return 1;
    }
    BulkEnrichment& run = *opened.value();
    if (run.isLoaded()) {
        say(tr("Resuming the run journalled in %1.journal: %2 of %3 rows answered.")
                .arg(command.output)
                .arg(run.progress().done)
                .arg(run.progress().total));
    } else {
        auto intake = BulkIntake::open(command.input, run);
        if (!intake) {
            say(intake.error());
            return 64;
        }
        auto report = intake.value()->readAll();
        if (!report) {
            say(report.error());
            return 64;
        }
        const LeadIntakeReport& r = report.value();
        say(tr("%1: %2 rows (%3, delimiter “%4”): %5 to look up, %6 duplicates, %7 invalid.")
                .arg(QFileInfo(command.input).fileName())
                .arg(r.rows)
                .arg(r.encoding, r.delimiter == u'\t' ? QStringLiteral("tab") : QString(r.delimiter))
                .arg(r.uniqueRows)
                .arg(r.duplicateRows)
                .arg(r.invalidRows));
        for (const LeadIssue& issue : r.invalid.mid(0, 10))
            say(QStringLiteral("  ") + issue.message);
        if (!r.error.isEmpty())
            say(r.error);
    }
    if (command.retryInDoubt)
        run.retryInDoubt();
    const BulkEstimate estimate =
        QCoro::waitFor(estimateBulkRun(run, console.enrichment(), console.enrichmentCache()));
    say(tr("Estimate: %1 rows to look up, %2 already cached (free); worst case %3, expected %4.")
            .arg(estimate.rows)
            .arg(estimate.alreadyCached)
            .arg(estimate.worstCase.toString(), estimate.expected.toString()));
    if (!command.yes && estimate.rows > estimate.alreadyCached) {
        say(tr("Go ahead? [y/N]"));
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != u"y" && answer != u"yes") {
            say(tr("Nothing was looked up, and nothing was spent."));
            return 1;
        }
    }

    QEventLoop loop;
    QObject::connect(&run, &BulkEnrichment::progressed, &loop, [](const BulkProgress& progress) {
        say(tr("%1 of %2 rows answered (%3 from the cache, %4 failed), %5 spent")
                .arg(progress.done)
                .arg(progress.total)
                .arg(progress.cached)
                .arg(progress.failed)
                .arg(progress.spent.toString()));
    });
    QObject::connect(&run, &BulkEnrichment::stateChanged, &loop, [&loop](BulkEnrichment::State state) {
        if (state != BulkEnrichment::State::Running)
            loop.quit();
    });
    run.start();
    if (run.state() == BulkEnrichment::State::Running)
        loop.exec();
    if (run.state() == BulkEnrichment::State::Paused)
        say(tr("The run paused: %1 Run the same command again to go on.").arg(run.pauseReason()));
    if (run.progress().inDoubt > 0)
        say(tr("%1 rows are in doubt: they were in flight when the console stopped and may have been paid "
               "for. "
               "Run again with --retry-in-doubt to ask for them anyway.")
                .arg(run.progress().inDoubt));
    auto written = run.writeOutput(command.output);
    if (!written) {
        say(written.error());
        return 1;
    }
    const BulkProgress progress = run.progress();
    if (command.json) {
        std::puts(qPrintable(QString::fromUtf8(
            QJsonDocument(
                QJsonObject{{QStringLiteral("rows"), progress.total},
                            {QStringLiteral("answered"), progress.done},
                            {QStringLiteral("cached"), progress.cached},
                            {QStringLiteral("failed"), progress.failed},
                            {QStringLiteral("skipped"), progress.skipped},
                            {QStringLiteral("in_doubt"), progress.inDoubt},
                            {QStringLiteral("spent_aud"), progress.spent.toDecimalString()},
                            {QStringLiteral("output"), command.output},
                            {QStringLiteral("finished"), run.state() == BulkEnrichment::State::Finished}})
                .toJson(QJsonDocument::Indented))));
    }
    say(tr("Wrote %1 rows to %2.").arg(written.value()).arg(command.output));
    return run.state() == BulkEnrichment::State::Finished && progress.failed == 0 && progress.inDoubt == 0
               ? 0
               : 1;
}

} // namespace agency
