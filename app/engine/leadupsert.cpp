#include "leadupsert.h"

#include "engine/csvreader.h"
#include "integrations/supabase/supabaseclient.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QPointer>
#include <QSet>

namespace agency {

namespace {

const QString kStateColumn = QStringLiteral("enrichment_state");
const QString kEnrichedPrefix = QStringLiteral("enriched_");
constexpr qsizetype kMaxListedSkips = 1000;
constexpr qint64 kSelectPage = 1000; // Supabase's default "Max rows"

QString normalised(const QString& name)
{
    QString out;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

struct PreparedRow
{
    qint64 row = 0;
    QJsonObject values;
    QStringList key; ///< the on_conflict values, in plan order
};

QString keyText(const QStringList& key)
{
    return key.join(QChar(0x1f));
}

// Streams the CSV and hands out windows of rows that will be written, counting (and naming) the rest.
// Deterministic: the same file and plan give the same windows, which is what lets a run resume.
class RowSource
{
public:
    static Result<std::unique_ptr<RowSource>, QString> open(const LeadUpsertPlan& plan)
    {
        auto source = std::unique_ptr<RowSource>(new RowSource(plan));
        source->m_file.setFileName(plan.csvPath);
        if (!source->m_file.open(QIODevice::ReadOnly))
            return failure(
                LeadUpsert::tr("%1 could not be opened: %2").arg(plan.csvPath, source->m_file.errorString()));
        auto csv = CsvReader::open(source->m_file);
        if (!csv)
            return failure(LeadUpsert::tr("%1: %2").arg(plan.csvPath, csv.error()));
        source->m_csv.emplace(std::move(csv).value());
        const QStringList& header = source->m_csv->header();
        for (auto it = plan.mapping.begin(); it != plan.mapping.end(); ++it) {
            if (it.value().isEmpty())
                continue;
            const qsizetype index = header.indexOf(it.key());
            if (index < 0)
                return failure(LeadUpsert::tr("The CSV has no column “%1”.").arg(it.key()));
            source->m_columns.append({int(index), it.value()});
        }
        for (const QString& key : plan.onConflict) {
            int index = -1;
            for (const QPair<int, QString>& column : source->m_columns) {
                if (column.second == key)
                    index = column.first;
            }
            if (index < 0)
                return failure(LeadUpsert::tr("No CSV column is mapped to the key column “%1”.").arg(key));
            source->m_keyColumns.append(index);
        }
        if (!plan.includeUnenriched)
            source->m_stateColumn = int(header.indexOf(kStateColumn));
        return source;
    }

    /// Up to batchSize rows to write; empty at the end of the file (error() says if reading stopped).
    QList<PreparedRow> nextWindow()
    {
        QList<PreparedRow> window;
        while (window.size() < m_plan.batchSize && m_csv->next(m_record)) {
            ++rows;
            PreparedRow row;
            row.row = m_record.number();
            if (isBlank())
                continue;
            if (m_stateColumn >= 0) {
                const QString state = m_record.field(m_stateColumn).trimmed().toString();
                if (state != u"done") {
                    skip(row.row, LeadUpsert::tr("Row %1: not enriched (%2 is “%3”).")
                                      .arg(m_locale.toString(row.row), kStateColumn,
                                           state.isEmpty() ? LeadUpsert::tr("empty") : state));
                    continue;
                }
            }
            QString missing;
            for (qsizetype i = 0; i < m_keyColumns.size(); ++i) {
                const QString value = m_record.field(m_keyColumns.at(i)).trimmed().toString();
                if (value.isEmpty() && missing.isEmpty())
                    missing = m_plan.onConflict.at(i);
                row.key.append(value);
            }
            if (!missing.isEmpty()) {
                skip(row.row, LeadUpsert::tr("Row %1: no value for the key column “%2”.")
                                  .arg(m_locale.toString(row.row), missing));
                continue;
            }
            const QString key = keyText(row.key);
            const qint64 first = m_seen.value(key, 0);
            if (first > 0) {
                skip(row.row, LeadUpsert::tr("Row %1: the same key as row %2 (%3).")
                                  .arg(m_locale.toString(row.row), m_locale.toString(first),
                                       row.key.join(QStringLiteral(", "))));
                continue;
            }
            m_seen.insert(key, row.row);
            for (const QPair<int, QString>& column : m_columns) {
                const QString value = m_record.field(column.first).trimmed().toString();
                if (!value.isEmpty())
                    row.values.insert(column.second, value);
                else if (m_plan.emptyAsNull)
                    row.values.insert(column.second, QJsonValue::Null);
            }
            window.append(row);
        }
        return window;
    }

    QString error() const { return m_csv->error(); }
    qint64 bytesRead() const { return m_csv->bytesRead(); }
    qint64 bytesTotal() const { return m_csv->totalBytes(); }

    qint64 rows = 0;
    qint64 skipped = 0;
    QList<LeadUpsertSkip> skips;

private:
    explicit RowSource(const LeadUpsertPlan& plan)
        : m_plan(plan)
    {}
    bool isBlank() const
    {
        for (qsizetype i = 0; i < m_record.size(); ++i) {
            if (!m_record.field(i).trimmed().isEmpty())
                return false;
        }
        return true;
    }
    void skip(qint64 row, const QString& reason)
    {
        ++skipped;
        if (skips.size() < kMaxListedSkips)
            skips.append({row, reason});
    }

    LeadUpsertPlan m_plan;
    QFile m_file;
    std::optional<CsvReader> m_csv;
    CsvRecord m_record;
    QList<QPair<int, QString>> m_columns; ///< CSV index → table column
    QList<int> m_keyColumns;              ///< CSV index of each on_conflict column
    int m_stateColumn = -1;
    QHash<QString, qint64> m_seen; ///< key → the row that had it first
    QLocale m_locale;
};

// The requests one window makes: rows grouped by the columns they fill, in first-seen order.
QList<QList<PreparedRow>> groupByColumns(const QList<PreparedRow>& window)
{
    QList<QStringList> shapes;
    QList<QList<PreparedRow>> groups;
    for (const PreparedRow& row : window) {
        const QStringList shape = row.values.keys();
        const qsizetype at = shapes.indexOf(shape);
        if (at >= 0) {
            groups[at].append(row);
        } else {
            shapes.append(shape);
            groups.append({row});
        }
    }
    return groups;
}

// One in.(…) select's worth of keys: a filter per key column, each on the values this chunk has.
SupabaseSelectRequest lookupRequest(const LeadUpsertPlan& plan, const QList<PreparedRow>& chunk,
                                    qint64 offset)
{
    SupabaseSelectRequest request;
    request.table = plan.table;
    request.columns = plan.onConflict;
    request.offset = offset;
    request.limit = kSelectPage;
    for (qsizetype c = 0; c < plan.onConflict.size(); ++c) {
        QSet<QString> distinct;
        QJsonArray values;
        for (const PreparedRow& row : chunk) {
            if (!distinct.contains(row.key.at(c))) {
                distinct.insert(row.key.at(c));
                values.append(row.key.at(c));
            }
        }
        request.filters.append(SupabaseFilter::in(plan.onConflict.at(c), values));
    }
    return request;
}

QString cellText(const QJsonValue& value)
{
    return value.isString() ? value.toString() : value.toVariant().toString();
}

SupabaseUpsertRequest upsertRequest(const LeadUpsertPlan& plan, const QList<PreparedRow>& group)
{
    SupabaseUpsertRequest request;
    request.table = plan.table;
    request.onConflict = plan.onConflict;
    request.resolution = SupabaseUpsertRequest::Resolution::MergeDuplicates;
    request.returning = SupabaseReturn::Minimal;
    for (const PreparedRow& row : group)
        request.rows.append(row.values);
    return request;
}

} // namespace

LeadUpsert::LeadUpsert(ProviderHub& hub, ConsoleSettings& settings, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_settings(settings)
{}

Result<QStringList, QString> LeadUpsert::readHeader(const QString& csvPath)
{
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly))
        return failure(tr("%1 could not be opened: %2").arg(csvPath, file.errorString()));
    auto csv = CsvReader::open(file);
    if (!csv)
        return failure(tr("%1: %2").arg(csvPath, csv.error()));
    return csv->header();
}

QMap<QString, QString> LeadUpsert::guessMapping(const QStringList& csvHeader, const QStringList& tableColumns)
{
    QMap<QString, QString> mapping;
    for (const QString& table : tableColumns) {
        const QString wanted = normalised(table);
        QString plain, enriched;
        for (const QString& csv : csvHeader) {
            const QString name = normalised(csv);
            if (name == wanted && plain.isEmpty())
                plain = csv;
            else if (name == normalised(kEnrichedPrefix + table) && enriched.isEmpty())
                enriched = csv;
        }
        const QString chosen = enriched.isEmpty() ? plain : enriched;
        if (!chosen.isEmpty() && !mapping.contains(chosen))
            mapping.insert(chosen, table);
    }
    return mapping;
}

QString LeadUpsert::planProblem(const LeadUpsertPlan& plan)
{
    if (plan.csvPath.isEmpty())
        return tr("Choose the enriched CSV.");
    if (const QString problem = supabaseIdentifierProblem(plan.table); !problem.isEmpty())
        return tr("Table: %1").arg(problem);
    QSet<QString> targets;
    for (auto it = plan.mapping.begin(); it != plan.mapping.end(); ++it) {
        if (it.value().isEmpty())
            continue;
        if (const QString problem = supabaseIdentifierProblem(it.value()); !problem.isEmpty())
            return tr("Column for “%1”: %2").arg(it.key(), problem);
        if (targets.contains(it.value()))
            return tr("Two CSV columns are mapped to “%1”.").arg(it.value());
        targets.insert(it.value());
    }
    if (targets.isEmpty())
        return tr("Map at least one CSV column to a table column.");
    if (plan.onConflict.isEmpty())
        return tr("Choose the key column(s) for on_conflict.");
    for (const QString& key : plan.onConflict) {
        if (!targets.contains(key))
            return tr("The key column “%1” has no CSV column mapped to it.").arg(key);
    }
    if (plan.batchSize < 1 || plan.batchSize > 5000)
        return tr("A batch is 1 to 5,000 rows.");
    if (plan.lookupBatch < 1 || plan.lookupBatch > 500)
        return tr("A key look-up is 1 to 500 keys.");
    return QString();
}

QCoro::Task<Result<QStringList, QString>> LeadUpsert::tableColumns(QString table)
{
    if (const QString problem = supabaseIdentifierProblem(table); !problem.isEmpty())
        co_return failure(problem);
    auto made = co_await m_hub.client(ProviderId::Supabase, m_profile.value_or(m_settings.activeProfile()));
    if (!made)
        co_return failure(made.error().message());
    const std::shared_ptr<ProviderClient> keep = made.value();
    auto* client = static_cast<SupabaseClient*>(keep.get());
    SupabaseSelectRequest request;
    request.table = table;
    request.limit = 1;
    auto rows = co_await client->select(request);
    if (!rows)
        co_return failure(rows.error().message());
    co_return rows->rows.isEmpty() ? QStringList() : rows->rows.first().keys();
}

QCoro::Task<Result<LeadUpsertCounts, QString>> LeadUpsert::dryRun(LeadUpsertPlan plan, CancelToken cancel)
{
    if (const QString problem = planProblem(plan); !problem.isEmpty())
        co_return failure(problem);
    auto opened = RowSource::open(plan);
    if (!opened)
        co_return failure(opened.error());
    const std::unique_ptr<RowSource> source = std::move(opened).value();
    auto made = co_await m_hub.client(ProviderId::Supabase, m_profile.value_or(m_settings.activeProfile()));
    if (!made)
        co_return failure(made.error().message());
    const std::shared_ptr<ProviderClient> keep = made.value();
    auto* client = static_cast<SupabaseClient*>(keep.get());
    const QPointer<LeadUpsert> self(this);

    LeadUpsertCounts counts;
    qint64 checked = 0;
    while (true) {
        const QList<PreparedRow> window = source->nextWindow();
        if (window.isEmpty())
            break;
        for (qsizetype start = 0; start < window.size(); start += plan.lookupBatch) {
            if (cancel.isCancelled())
                co_return failure(tr("Dry run cancelled."));
            const QList<PreparedRow> chunk = window.mid(start, plan.lookupBatch);
            QSet<QString> existing;
            qint64 offset = 0;
            while (true) {
                const SupabaseSelectRequest request = lookupRequest(plan, chunk, offset);
                auto page = co_await client->select(request);
                if (!self)
                    co_return failure(tr("The upsert was closed."));
                if (!page)
                    co_return failure(tr("%1 (looking up the keys of rows %2–%3)")
                                          .arg(page.error().message())
                                          .arg(chunk.first().row)
                                          .arg(chunk.last().row));
                for (const QJsonObject& found : page->rows) {
                    QStringList key;
                    for (const QString& column : plan.onConflict)
                        key.append(cellText(found.value(column)));
                    existing.insert(keyText(key));
                }
                if (page->rows.size() < kSelectPage)
                    break;
                offset += kSelectPage;
            }
            for (const PreparedRow& row : chunk) {
                if (existing.contains(keyText(row.key)))
                    ++counts.toUpdate;
                else
                    ++counts.toInsert;
            }
            checked += chunk.size();
            Q_EMIT progressed(checked, source->bytesRead(), source->bytesTotal());
        }
    }
    if (!source->error().isEmpty())
        co_return failure(tr("Reading stopped: %1").arg(source->error()));
    counts.rows = source->rows;
    counts.skipped = source->skipped;
    counts.skips = source->skips;
    co_return counts;
}

QCoro::Task<LeadUpsertOutcome> LeadUpsert::upsert(LeadUpsertPlan plan, int resumeAfter, CancelToken cancel)
{
    LeadUpsertOutcome outcome;
    outcome.requestsDone = resumeAfter;
    if (const QString problem = planProblem(plan); !problem.isEmpty()) {
        outcome.error = problem;
        co_return outcome;
    }
    auto opened = RowSource::open(plan);
    if (!opened) {
        outcome.error = opened.error();
        co_return outcome;
    }
    const std::unique_ptr<RowSource> source = std::move(opened).value();
    auto made = co_await m_hub.client(ProviderId::Supabase, m_profile.value_or(m_settings.activeProfile()));
    if (!made) {
        outcome.error = made.error().message();
        co_return outcome;
    }
    const std::shared_ptr<ProviderClient> keep = made.value();
    auto* client = static_cast<SupabaseClient*>(keep.get());
    const QPointer<LeadUpsert> self(this);
    const QLocale locale;

    int request = 0; // requests this plan makes, counted from the first, sent or passed over
    while (true) {
        const QList<PreparedRow> window = source->nextWindow();
        if (window.isEmpty())
            break;
        const QList<QList<PreparedRow>> groups = groupByColumns(window);
        for (const QList<PreparedRow>& group : groups) {
            ++request;
            if (request <= resumeAfter)
                continue; // written by the run this one continues
            if (cancel.isCancelled()) {
                outcome.cancelled = true;
                outcome.skipped = source->skipped;
                co_return outcome;
            }
            const SupabaseUpsertRequest upsert = upsertRequest(plan, group);
            auto written = co_await client->upsert(upsert);
            if (!self) {
                outcome.error = tr("The upsert was closed.");
                co_return outcome;
            }
            if (!written) {
                LeadUpsertFailure failed;
                failed.request = request;
                failed.firstRow = group.first().row;
                failed.lastRow = group.last().row;
                failed.rows = group.size();
                failed.message =
                    tr("Batch %1 (rows %2–%3, %4 rows) was not written: %5 %6 rows were written before "
                       "it; Continue sends this batch again and goes on.")
                        .arg(request)
                        .arg(locale.toString(failed.firstRow), locale.toString(failed.lastRow),
                             locale.toString(failed.rows), written.error().message(),
                             locale.toString(outcome.written));
                outcome.failure = failed;
                outcome.skipped = source->skipped;
                co_return outcome;
            }
            outcome.written += group.size();
            outcome.requestsDone = request;
            Q_EMIT progressed(outcome.written, source->bytesRead(), source->bytesTotal());
        }
    }
    outcome.skipped = source->skipped;
    if (!source->error().isEmpty())
        outcome.error = tr("Reading stopped: %1 Rows before it were written.").arg(source->error());
    co_return outcome;
}

} // namespace agency
