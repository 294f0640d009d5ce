#include "apifyimport.h"

#include "engine/csvcell.h"

#include "integrations/apify/apifyclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryFile>
#include <QTextStream>
#include <QTimer>

#include <qcoro/qcorotimer.h>

#include <algorithm>
#include <cmath>

namespace agency {

namespace {

QString scalarText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == std::floor(number) && std::abs(number) < 9e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 15);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    default:
        return QString(); // null, undefined
    }
}

void flattenInto(const QJsonObject& object, const QString& prefix, QList<QPair<QString, QString>>& out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = prefix.isEmpty() ? it.key() : QString(prefix + u'.' + it.key());
        if (it.value().isObject() && !it.value().toObject().isEmpty())
            flattenInto(it.value().toObject(), name, out);
        else if (it.value().isObject())
            out.append({name, QString()});
        else
            out.append({name, scalarText(it.value())});
    }
}

QString apifyError(const QString& what)
{
    return ApifyImport::tr("Apify: %1").arg(what);
}

ApifyDatasetItemsRequest pageRequest(const QString& datasetId, qint64 offset, qint64 limit)
{
    ApifyDatasetItemsRequest request;
    request.datasetId = datasetId;
    request.query.offset = offset;
    request.query.limit = limit;
    request.query.clean = true; // no hidden "#" debugging fields, no empty items
    return request;
}

ApifyStartRunRequest startRequest(const ApifyImportRequest& request, const QJsonObject& input)
{
    ApifyStartRunRequest start;
    start.actorId = request.actorId.trimmed();
    start.input = input;
    start.options.maxTotalCharge = request.maxTotalCharge;
    return start;
}

// Pass two: the temporary JSON lines (one flattened item per line) become the CSV under `header`.
Result<qint64, QString> writeCsv(QFile& lines, const QStringList& header, const QString& path)
{
    QSaveFile file(path); // whole or not at all
    if (!file.open(QIODevice::WriteOnly))
        return failure(ApifyImport::tr("The CSV %1 could not be written: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    QStringList cells;
    for (const QString& column : header)
        cells << csvCell(column, FormulaGuard::None);
    out << cells.join(u',') << "\r\n";
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < header.size(); ++i)
        index.insert(header.at(i), i);
    if (!lines.seek(0))
        return failure(ApifyImport::tr("The temporary item file could not be read again."));
    qint64 rows = 0;
    while (!lines.atEnd()) {
        const QByteArray line = lines.readLine();
        if (line.trimmed().isEmpty())
            continue;
        const QJsonArray pairs = QJsonDocument::fromJson(line).array();
        QStringList row(header.size());
        for (qsizetype i = 0; i + 1 < pairs.size(); i += 2)
            row[index.value(pairs.at(i).toString())] =
                csvCell(pairs.at(i + 1).toString(), FormulaGuard::None);
        out << row.join(u',') << "\r\n";
        ++rows;
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return failure(ApifyImport::tr("The CSV %1 could not be written: %2").arg(path, file.errorString()));
    return rows;
}

} // namespace

ApifyImport::ApifyImport(ProviderHub& hub, ConsoleSettings& settings, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_settings(settings)
{}

Result<QJsonObject, QString> ApifyImport::parseInput(const QString& text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject(); // no input: the Actor's defaults
    const QByteArray bytes = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // The offset is in bytes of UTF-8: count lines and characters up to it.
        const QString before = QString::fromUtf8(bytes.left(error.offset));
        const qsizetype line = before.count(u'\n') + 1;
        const qsizetype column = before.size() - (before.lastIndexOf(u'\n') + 1) + 1;
        return failure(tr("The input is not valid JSON: line %1, column %2: %3.")
                           .arg(line)
                           .arg(column)
                           .arg(error.errorString()));
    }
    if (!document.isObject())
        return failure(tr("The input must be a JSON object ({ … }), not %1.")
                           .arg(document.isArray() ? tr("an array") : tr("a single value")));
    return document.object();
}

QString ApifyImport::actorIdProblem(const QString& actorId)
{
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9._-]+([~/][A-Za-z0-9._-]+)?$"));
    if (actorId.trimmed().isEmpty())
        return tr("Name the Actor: its id, or username~actor-name.");
    if (!shape.match(actorId.trimmed()).hasMatch())
        return tr("“%1” is not an Actor id: use its id or username~actor-name.").arg(actorId.trimmed());
    return QString();
}

QList<QPair<QString, QString>> ApifyImport::flatten(const QJsonObject& item)
{
    QList<QPair<QString, QString>> out;
    flattenInto(item, QString(), out);
    return out;
}

void ApifyImport::report(const ApifyRun& run)
{
    Q_EMIT statusChanged(apifyRunStatusName(run.status), run.statusMessage, m_clock.elapsed());
}

QCoro::Task<std::optional<Money>> ApifyImport::readCost(ApifyClient* client, QString runId,
                                                        std::chrono::milliseconds delay, QString* note)
{
    if (delay.count() > 0) {
        QTimer settle;
        settle.setSingleShot(true);
        settle.start(delay);
        co_await settle;
    }
    // Reports usageTotalUsd to the spend ledger against the run id, replacing the estimate at the cap.
    const auto costed = co_await client->reportRunCost(runId);
    if (!costed) {
        *note = tr("The run's cost could not be read (%1); the ledger keeps the cap reserved at the start.")
                    .arg(costed.error().message());
        co_return std::nullopt;
    }
    if (!costed->usageTotal)
        *note = tr("Apify reported no cost for this run.");
    co_return costed->usageTotal;
}

QCoro::Task<Result<ApifyImportResult, QString>> ApifyImport::run(ApifyImportRequest request,
                                                                 CancelToken cancel)
{
    m_clock.start();
    if (const QString problem = actorIdProblem(request.actorId); !problem.isEmpty())
        co_return failure(problem);
    auto input = parseInput(request.input);
    if (!input)
        co_return failure(input.error());
    if (request.outputPath.isEmpty())
        co_return failure(tr("Choose where the CSV goes."));
    if (request.pageSize < 1)
        request.pageSize = 1000;
    const Profile profile = m_profile.value_or(m_settings.activeProfile());
    auto made = co_await m_hub.client(ProviderId::Apify, profile);
    if (!made)
        co_return failure(made.error().message());
    const std::shared_ptr<ProviderClient> keep = made.value(); // alive for every call below
    auto* client = static_cast<ApifyClient*>(keep.get());
    const QPointer<ApifyImport> self(this);

    const ApifyStartRunRequest start = startRequest(request, input.value());
    auto started = co_await client->startRun(start);
    if (!self)
        co_return failure(tr("The import was closed."));
    if (!started)
        co_return failure(started.error().message());
    ApifyRun run = std::move(started).value();
    report(run);

    bool cancelled = false;
    QString abortNote;
    while (!run.isFinished()) {
        if (cancel.isCancelled()) {
            cancelled = true;
            auto aborted = co_await client->abortRun(run.id);
            if (!self)
                co_return failure(tr("The import was closed."));
            if (aborted) {
                run = std::move(aborted).value();
                report(run);
            } else {
                abortNote = tr(" The run could not be aborted (%1): it may still be running on Apify.")
                                .arg(aborted.error().message());
            }
            break;
        }
        const int wait = int(m_pollWait.count());
        if (wait == 0) {
            QTimer pause;
            pause.setSingleShot(true);
            pause.start(m_pollInterval);
            co_await pause;
        }
        auto polled = co_await client->pollRun(run.id, wait);
        if (!self) {
            // Closed while the run goes on: stop it rather than leave it spending (the client and the
            // run id live in this frame, so this needs nothing of the closed import).
            const bool stillRunning = polled && !polled->isFinished();
            if (stillRunning) {
                const auto aborted = co_await client->abortRun(run.id);
                Q_UNUSED(aborted);
            }
            co_return failure(tr("The import was closed."));
        }
        if (!polled)
            co_return failure(
                tr("%1 The run %2 may still be going on Apify.").arg(polled.error().message(), run.id));
        run = std::move(polled).value();
        report(run);
    }

    QElapsedTimer sinceEnd; // the cost is read m_costDelay after the end; reading items meanwhile counts
    sinceEnd.start();
    std::optional<Result<ApifyImportResult, QString>> imported;
    if (!cancelled && run.status == ApifyRunStatus::Succeeded) {
        Result<ApifyImportResult, QString> items = co_await readItems(client, run, request, cancel);
        if (!self)
            co_return failure(tr("The import was closed."));
        imported = std::move(items);
    }
    ApifyImportResult result;
    if (imported && imported->ok())
        result = imported->value();
    result.runId = run.id;
    result.status = run.status;
    if (run.isFinished()) {
        const std::chrono::milliseconds waited(sinceEnd.elapsed());
        const std::chrono::milliseconds delay = std::max(std::chrono::milliseconds(0), m_costDelay - waited);
        std::optional<Money> cost = co_await readCost(client, run.id, delay, &result.costNote);
        if (!self)
            co_return failure(tr("The import was closed."));
        result.cost = cost;
    } else {
        result.costNote =
            tr("The run's cost is not known yet: the ledger keeps the cap reserved at the start.");
    }
    if (cancelled)
        co_return failure(
            tr("Cancelled: the Actor run %1 was %2.%3")
                .arg(run.id,
                     run.status == ApifyRunStatus::Aborted ? tr("aborted") : apifyRunStatusName(run.status),
                     abortNote));
    if (run.status != ApifyRunStatus::Succeeded) {
        const QString message = run.statusMessage.isEmpty() ? tr("no message") : run.statusMessage;
        co_return failure(apifyError(
            tr("the Actor run %1 ended %2: %3").arg(run.id, apifyRunStatusName(run.status), message)));
    }
    if (!imported->ok())
        co_return failure(imported->error());
    co_return result;
}

QCoro::Task<Result<ApifyImportResult, QString>>
ApifyImport::readItems(ApifyClient* client, ApifyRun run, ApifyImportRequest request, CancelToken cancel)
{
    const QPointer<ApifyImport> self(this);
    // Pass one: every item, flattened, to a temporary JSON-lines file; the header grows as keys appear.
    QTemporaryFile lines;
    if (!lines.open())
        co_return failure(tr("A temporary file could not be made: %1").arg(lines.errorString()));
    QStringList header;
    QSet<QString> seen;
    qint64 offset = 0;
    qint64 read = 0;
    while (true) {
        if (cancel.isCancelled())
            co_return failure(tr("Cancelled while reading the dataset; nothing was written."));
        const ApifyDatasetItemsRequest page = pageRequest(run.defaultDatasetId, offset, request.pageSize);
        auto items = co_await client->datasetItems(page);
        if (!self)
            co_return failure(tr("The import was closed."));
        if (!items)
            co_return failure(tr("%1 (reading items from %2)").arg(items.error().message()).arg(offset));
        for (const QJsonObject& item : items->items) {
            const QList<QPair<QString, QString>> cells = flatten(item);
            QJsonArray pairs;
            for (const QPair<QString, QString>& cell : cells) {
                if (!seen.contains(cell.first)) {
                    seen.insert(cell.first);
                    header.append(cell.first);
                }
                pairs.append(cell.first);
                pairs.append(cell.second);
            }
            lines.write(QJsonDocument(pairs).toJson(QJsonDocument::Compact));
            lines.write("\n");
        }
        read += items->items.size();
        offset += items->count;
        Q_EMIT itemsRead(read, items->total);
        if (items->count == 0 || !items->hasMore())
            break;
    }
    if (header.isEmpty())
        co_return failure(
            apifyError(tr("the Actor run %1 finished without any items to import.").arg(run.id)));
    if (!lines.flush())
        co_return failure(tr("The temporary item file could not be written: %1").arg(lines.errorString()));

    auto written = writeCsv(lines, header, request.outputPath);
    if (!written)
        co_return failure(written.error());
    ApifyImportResult result;
    result.items = written.value();
    result.header = header;
    result.csvPath = request.outputPath;
    co_return result;
}

} // namespace agency
