#include "bulkenrichment.h"

#include "engine/csvcell.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

namespace agency {

namespace {

const QString kPending = QStringLiteral("pending");
const QString kRunning = QStringLiteral("running");
const QString kDone = QStringLiteral("done");
const QString kFailed = QStringLiteral("failed");

QByteArray requestJson(const LookupRequest& request)
{
    QJsonArray required;
    for (EnrichField field :
         {EnrichField::Email, EnrichField::Phone, EnrichField::Title, EnrichField::Company})
        if (request.required.contains(field))
            required.append(enrichFieldKey(field));
    return QJsonDocument(QJsonObject{{QStringLiteral("kind"), int(request.kind)},
                                     {QStringLiteral("email"), request.email},
                                     {QStringLiteral("first_name"), request.firstName},
                                     {QStringLiteral("last_name"), request.lastName},
                                     {QStringLiteral("domain"), request.domain},
                                     {QStringLiteral("linkedin_url"), request.linkedinUrl},
                                     {QStringLiteral("required"), required},
                                     {QStringLiteral("metrics"), request.domainMetrics}})
        .toJson(QJsonDocument::Compact);
}

LookupRequest requestFromJson(const QByteArray& json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    LookupRequest request;
    request.kind = LookupKind(qBound(0, object.value(QStringLiteral("kind")).toInt(), 3));
    request.email = object.value(QStringLiteral("email")).toString();
    request.firstName = object.value(QStringLiteral("first_name")).toString();
    request.lastName = object.value(QStringLiteral("last_name")).toString();
    request.domain = object.value(QStringLiteral("domain")).toString();
    request.linkedinUrl = object.value(QStringLiteral("linkedin_url")).toString();
    for (const QJsonValue& value : object.value(QStringLiteral("required")).toArray())
        for (EnrichField field :
             {EnrichField::Email, EnrichField::Phone, EnrichField::Title, EnrichField::Company})
            if (enrichFieldKey(field) == value.toString())
                request.required.insert(field);
    request.domainMetrics = object.value(QStringLiteral("metrics")).toBool();
    return request;
}

QString inDoubtReason()
{
    return QCoreApplication::translate(
        "agency::BulkEnrichment", "In doubt: the console stopped while this row was being looked up, so it "
                                  "may have been paid for. Run it again only if you accept paying twice.");
}

const QStringList& enrichedColumns()
{
    static const QStringList columns = {
        QStringLiteral("email"),
        QStringLiteral("phone"),
        QStringLiteral("title"),
        QStringLiteral("company"),
        QStringLiteral("company_domain"),
        QStringLiteral("first_name"),
        QStringLiteral("last_name"),
        QStringLiteral("linkedin_url"),
        QStringLiteral("location"),
        QStringLiteral("industry"),
        QStringLiteral("employees"),
        QStringLiteral("seo_organic_keywords"),
        QStringLiteral("seo_organic_traffic"),
        QStringLiteral("seo_backlinks"),
        QStringLiteral("seo_referring_domains"),
    };
    return columns;
}

} // namespace

BulkEnrichment::BulkEnrichment(QSqlDatabase db, QString connection, EnrichmentService& service)
    : m_db(std::move(db))
    , m_connection(std::move(connection))
    , m_service(service)
{}

BulkEnrichment::~BulkEnrichment()
{
    m_cancel.cancel();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<BulkEnrichment>, QString> BulkEnrichment::open(const QString& journalPath,
                                                                      EnrichmentService& service)
{
    static QAtomicInteger<quint64> counter;
    const QString connection = QStringLiteral("agency-bulk-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<BulkEnrichment> run;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(journalPath);
        run.reset(new BulkEnrichment(db, connection, service));
    }
    if (!run->m_db.open())
        return failure(tr("The run's journal %1 could not be opened: %2")
                           .arg(journalPath, run->m_db.lastError().text()));
    QSqlQuery query(run->m_db);
    for (const char* statement :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
          "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS rows (row INTEGER PRIMARY KEY, request TEXT NOT NULL, original TEXT "
          "NOT NULL,"
          " state TEXT NOT NULL, result TEXT, error TEXT, cost_micros INTEGER NOT NULL DEFAULT 0,"
          " cached INTEGER NOT NULL DEFAULT 0)",
          "CREATE INDEX IF NOT EXISTS rows_state ON rows (state, row)",
          // Covers recount() after every row: without it each count re-reads every stored result, and
          // the event loop stalls longer as the run grows.
          "CREATE INDEX IF NOT EXISTS rows_progress ON rows (state, cost_micros, cached)",
          // A run that was killed: what was in flight goes back to pending (the cache has any answer).
          "UPDATE rows SET state = 'interrupted' WHERE state = 'running'"}) {
        if (!query.exec(QString::fromLatin1(statement)))
            return failure(tr("The run's journal %1 could not be prepared: %2")
                               .arg(journalPath, query.lastError().text()));
    }
    run->recount();
    return run;
}

Result<Done, QString> BulkEnrichment::load(const QStringList& header, const QList<BulkRow>& rows)
{
    if (isLoaded())
        return failure(tr("This run already has its rows."));
    if (!m_db.transaction())
        return failure(m_db.lastError().text());
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES ('header', ?)"));
    query.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(header)).toJson(QJsonDocument::Compact)));
    if (!query.exec()) {
        m_db.rollback();
        return failure(query.lastError().text());
    }
    if (!m_db.commit())
        return failure(m_db.lastError().text());
    return append(rows);
}

Result<Done, QString> BulkEnrichment::append(const QList<BulkRow>& rows)
{
    if (!m_db.transaction())
        return failure(m_db.lastError().text());
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO rows (row, request, original, state, error) VALUES (?, ?, ?, ?, ?)"));
    for (const BulkRow& row : rows) {
        query.addBindValue(row.row);
        query.addBindValue(QString::fromUtf8(requestJson(row.request)));
        query.addBindValue(QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(row.original)).toJson(QJsonDocument::Compact)));
        query.addBindValue(row.skipReason.isEmpty() ? kPending : QStringLiteral("skipped"));
        query.addBindValue(row.skipReason.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                    : QVariant(row.skipReason));
        if (!query.exec()) {
            const QString why =
                tr("Row %1 could not be journalled: %2").arg(row.row).arg(query.lastError().text());
            m_db.rollback();
            return failure(why);
        }
    }
    if (!m_db.commit())
        return failure(m_db.lastError().text());
    recount();
    return Done{};
}

bool BulkEnrichment::isLoaded() const
{
    QSqlQuery query(m_db);
    return query.exec(QStringLiteral("SELECT 1 FROM meta WHERE name = 'header'")) && query.next();
}

QString BulkEnrichment::note(const QString& name) const
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    query.addBindValue(QString(QStringLiteral("note:") + name));
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

Result<Done, QString> BulkEnrichment::setNote(const QString& name, const QString& value)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)"));
    query.addBindValue(QString(QStringLiteral("note:") + name));
    query.addBindValue(value);
    if (!query.exec())
        return failure(tr("The run's journal could not be written: %1").arg(query.lastError().text()));
    return Done{};
}

void BulkEnrichment::recount()
{
    QSqlQuery query(m_db);
    query.exec(
        QStringLiteral("SELECT state, COUNT(*), SUM(cost_micros), SUM(cached) FROM rows GROUP BY state"));
    BulkProgress progress;
    qint64 spent = 0;
    while (query.next()) {
        const qint64 count = query.value(1).toLongLong();
        progress.total += count;
        if (query.value(0).toString() == kDone) {
            progress.done = count;
            progress.cached = query.value(3).toLongLong();
        } else if (query.value(0).toString() == kFailed) {
            progress.failed = count;
        } else if (query.value(0).toString() == u"doubt") {
            progress.inDoubt = count;
        } else if (query.value(0).toString() == u"skipped") {
            progress.skipped = count;
            progress.total -= count;
        }
        spent += query.value(2).toLongLong();
    }
    progress.spent = Money::aud(spent);
    if (m_clock.isValid() && m_clock.elapsed() > 0) {
        const qint64 doneNow = progress.done + progress.failed - m_doneAtStart;
        progress.rowsPerMinute = double(doneNow) * 60'000.0 / double(m_clock.elapsed());
        if (progress.rowsPerMinute > 0)
            progress.eta =
                std::chrono::seconds(qint64(double(progress.pending()) * 60.0 / progress.rowsPerMinute));
    }
    m_progress = progress;
}

BulkProgress BulkEnrichment::progress() const
{
    return m_progress;
}

void BulkEnrichment::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void BulkEnrichment::start()
{
    if (m_state == State::Running)
        return;
    m_pauseReason.clear();
    m_cancel = CancelToken();
    m_clock.start();
    m_doneAtStart = m_progress.done + m_progress.failed;
    setState(State::Running);
    // Rows a crash left in flight are settled first (from the cache, or put in doubt), then the rest.
    QCoro::connect(settleInterrupted(), this, [this] { pump(); });
}

QCoro::Task<> BulkEnrichment::settleInterrupted()
{
    QList<std::pair<qint64, LookupRequest>> interrupted;
    {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("SELECT row, request FROM rows WHERE state = 'interrupted' ORDER BY row"));
        while (query.next())
            interrupted.append(
                {query.value(0).toLongLong(), requestFromJson(query.value(1).toString().toUtf8())});
    }
    const QPointer<BulkEnrichment> self(this);
    for (qsizetype i = 0; i < interrupted.size(); ++i) {
        const qint64 row = interrupted.at(i).first;
        const LookupRequest request = interrupted.at(i).second;
        const auto cached = co_await m_service.cached(request);
        if (!self)
            co_return;
        QSqlQuery save(m_db);
        if (cached) {
            save.prepare(
                QStringLiteral("UPDATE rows SET state = 'done', result = ?, cost_micros = 0, cached = 1"
                               " WHERE row = ?"));
            save.addBindValue(QString::fromUtf8(cached->toJson()));
        } else {
            save.prepare(QStringLiteral("UPDATE rows SET state = 'doubt', error = ? WHERE row = ?"));
            save.addBindValue(inDoubtReason());
        }
        save.addBindValue(row);
        save.exec();
    }
    recount();
}

void BulkEnrichment::pause()
{
    if (m_state == State::Running)
        setState(State::Paused); // lookups in flight finish; nothing new starts
}

void BulkEnrichment::stop()
{
    m_cancel.cancel();
    setState(State::Stopped);
}

void BulkEnrichment::retryInDoubt()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("UPDATE rows SET state = 'pending', error = NULL WHERE state = 'doubt'"));
    recount();
    Q_EMIT progressed(m_progress);
}

void BulkEnrichment::retryFailed()
{
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("UPDATE rows SET state = 'pending', error = NULL WHERE state = 'failed'"));
    recount();
    Q_EMIT progressed(m_progress);
}

void BulkEnrichment::pump()
{
    while (m_state == State::Running && m_inFlight < m_parallel) {
        QSqlQuery next(m_db);
        next.prepare(QStringLiteral(
            "SELECT row, request FROM rows WHERE state = 'pending' AND row > ? ORDER BY row LIMIT 1"));
        next.addBindValue(m_lastStarted);
        if (!next.exec() || !next.next())
            break;
        const qint64 row = next.value(0).toLongLong();
        const LookupRequest request = requestFromJson(next.value(1).toString().toUtf8());
        next.finish();
        // Journalled before anything is sent: a crash leaves it "running", and reopening re-queues it.
        QSqlQuery mark(m_db);
        mark.prepare(QStringLiteral("UPDATE rows SET state = 'running' WHERE row = ?"));
        mark.addBindValue(row);
        mark.exec();
        m_lastStarted = row;
        ++m_inFlight;
        QCoro::connect(runRow(row, request), this, [] {});
    }
    if (m_inFlight == 0 && m_state == State::Running) {
        recount();
        if (m_progress.pending() == 0 || m_lastStarted >= 0) {
            m_lastStarted = -1;
            recount();
            if (m_progress.pending() == 0) {
                setState(State::Finished);
                Q_EMIT progressed(m_progress);
            } else {
                pump(); // rows retried or re-queued behind the cursor
            }
        }
    }
}

QCoro::Task<> BulkEnrichment::runRow(qint64 row, LookupRequest request)
{
    const CancelToken cancel = m_cancel;
    const QPointer<BulkEnrichment> self(this); // the run may be closed while a lookup is out
    auto looked = co_await m_service.lookup(request, cancel);
    if (!self)
        co_return; // its row stays "running" in the journal and is queued again on reopening
    --m_inFlight;
    QSqlQuery save(m_db);
    if (!looked) {
        save.prepare(QStringLiteral("UPDATE rows SET state = 'failed', error = ? WHERE row = ?"));
        save.addBindValue(looked.error());
        save.addBindValue(row);
        save.exec();
    } else {
        const LookupOutcome& outcome = looked.value();
        const bool refused =
            outcome.stoppedBy && (outcome.stoppedBy->kind == IntegrationError::Kind::BudgetExceeded ||
                                  outcome.stoppedBy->kind == IntegrationError::Kind::RateLimited ||
                                  outcome.stoppedBy->kind == IntegrationError::Kind::Cancelled);
        if (refused && outcome.result.tried.isEmpty()) {
            // Nothing was paid: the row waits for the run to go on.
            save.prepare(QStringLiteral("UPDATE rows SET state = 'pending' WHERE row = ?"));
            save.addBindValue(row);
            save.exec();
            if (outcome.stoppedBy->kind != IntegrationError::Kind::Cancelled && m_state == State::Running) {
                m_pauseReason = outcome.stoppedBy->message();
                setState(State::Paused);
            }
        } else {
            save.prepare(
                QStringLiteral("UPDATE rows SET state = ?, result = ?, error = ?, cost_micros = ?, cached = ?"
                               " WHERE row = ?"));
            save.addBindValue(outcome.stoppedBy ? kFailed : kDone);
            save.addBindValue(QString::fromUtf8(outcome.result.toJson()));
            save.addBindValue(outcome.stoppedBy ? outcome.stoppedBy->message() : QString());
            save.addBindValue(outcome.result.cost.micros());
            save.addBindValue(outcome.cacheHit() ? 1 : 0);
            save.addBindValue(row);
            save.exec();
        }
    }
    recount();
    Q_EMIT rowFinished(row);
    Q_EMIT progressed(m_progress);
    pump();
}

QCoro::Task<BulkEstimate> BulkEnrichment::estimate(EnrichmentCache* cache, Money apolloWorst, Money clayWorst,
                                                   double apolloHitRate)
{
    BulkEstimate estimate;
    QSqlQuery query(m_db);
    query.exec(QStringLiteral(
        "SELECT request FROM rows WHERE state IN ('pending', 'running', 'failed', 'interrupted')"));
    QList<LookupRequest> requests;
    while (query.next())
        requests.append(requestFromJson(query.value(0).toString().toUtf8()));
    estimate.rows = requests.size();
    for (const LookupRequest& request : requests) {
        if (cache) {
            const QString key = request.cacheKey();
            auto cached = co_await cache->get(key);
            if (cached && cached.value()) {
                ++estimate.alreadyCached;
                continue;
            }
        }
    }
    const qint64 uncached = estimate.rows - estimate.alreadyCached;
    const bool clayUsed = m_service.settings().order.contains(ProviderId::Clay) &&
                          !m_service.settings().clayRoutineId.isEmpty();
    const Money perRowWorst = clayUsed ? apolloWorst.plus(clayWorst).value_or(apolloWorst) : apolloWorst;
    estimate.worstCase = perRowWorst.times(uncached).value_or(Money::aud(0));
    // Expected: every row pays Apollo; the misses also pay Clay.
    const qint64 misses = qint64(double(uncached) * (1.0 - qBound(0.0, apolloHitRate, 1.0)) + 0.5);
    const Money apolloAll = apolloWorst.times(uncached).value_or(Money::aud(0));
    estimate.expected =
        clayUsed ? apolloAll.plus(clayWorst.times(misses).value_or(Money::aud(0))).value_or(apolloAll)
                 : apolloAll;
    co_return estimate;
}

Result<qint64, QString> BulkEnrichment::writeOutput(const QString& path)
{
    QSqlQuery meta(m_db);
    if (!meta.exec(QStringLiteral("SELECT value FROM meta WHERE name = 'header'")) || !meta.next())
        return failure(tr("This run has no rows yet."));
    QStringList header;
    for (const QJsonValue& name : QJsonDocument::fromJson(meta.value(0).toString().toUtf8()).array())
        header << name.toString();
    QSaveFile file(path); // written whole or not at all
    if (!file.open(QIODevice::WriteOnly))
        return failure(tr("The output %1 could not be written: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    QStringList columns = header;
    for (const QString& column : enrichedColumns())
        columns << QStringLiteral("enriched_") + column << QStringLiteral("source_") + column;
    columns << QStringLiteral("enrichment_cost_aud") << QStringLiteral("enrichment_cached")
            << QStringLiteral("enrichment_error") << QStringLiteral("enrichment_state");
    QStringList cells;
    for (const QString& column : columns)
        cells << csvCell(column, FormulaGuard::Text);
    out << cells.join(u',') << "\r\n";
    QSqlQuery rows(m_db);
    rows.setForwardOnly(true);
    rows.exec(
        QStringLiteral("SELECT original, state, result, error, cost_micros, cached FROM rows ORDER BY row"));
    qint64 written = 0;
    while (rows.next()) {
        cells.clear();
        const QJsonArray original = QJsonDocument::fromJson(rows.value(0).toString().toUtf8()).array();
        for (qsizetype i = 0; i < header.size(); ++i)
            cells << csvCell(original.at(i).toString(), FormulaGuard::Text);
        const auto result = EnrichmentResult::fromJson(rows.value(2).toString().toUtf8());
        for (const QString& column : enrichedColumns()) {
            const bool has = result && result->fields.contains(column);
            cells << csvCell(has ? result->fields.value(column).value : QString(), FormulaGuard::Text);
            cells << csvCell(has ? providerKey(result->fields.value(column).source) : QString(),
                             FormulaGuard::Text);
        }
        cells << Money::aud(rows.value(4).toLongLong()).toDecimalString()
              << (rows.value(5).toInt() ? QStringLiteral("yes") : QStringLiteral("no"))
              << csvCell(rows.value(3).toString(), FormulaGuard::Text) << rows.value(1).toString();
        out << cells.join(u',') << "\r\n";
        ++written;
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return failure(tr("The output %1 could not be written: %2").arg(path, file.errorString()));
    return written;
}

} // namespace agency
