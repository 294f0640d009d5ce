// LeadUpsert against the simulated Supabase project: the dry run counts new, existing and skipped rows
// without writing; the upsert sends the right rows with on_conflict and merge-duplicates, and leaves
// values the CSV does not have alone; a failed batch names its rows and PostgREST's message, and
// continuing writes the rest without sending any row twice; cancel stops between batches.

#include "engine/leadupsert.h"
#include "integrations/supabase/supabaseclient.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace agency;

class TestLeadUpsert : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{21};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    std::unique_ptr<LeadUpsert> m_upsert;
    int m_run = 0;

    QString writeCsv(const QString& name, const QStringList& lines)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return QString();
        file.write(lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n");
        return path;
    }
    /// The simulated table's rows, read through the client.
    QList<QJsonObject> leadsTable()
    {
        auto made = QCoro::waitFor(m_providers->hub.client(ProviderId::Supabase, Profile::Sandbox));
        if (!made)
            return {};
        auto* client = static_cast<SupabaseClient*>(made.value().get());
        SupabaseSelectRequest request;
        request.table = QStringLiteral("leads");
        request.limit = 1000;
        request.order = {SupabaseOrder{QStringLiteral("id")}};
        auto rows = QCoro::waitFor(client->select(request));
        return rows ? rows->rows : QList<QJsonObject>();
    }
    QList<sim::RecordedRequest> posts() const
    {
        QList<sim::RecordedRequest> list;
        for (const sim::RecordedRequest& entry : m_sim.requestLog(ProviderId::Supabase)) {
            if (entry.method == "POST")
                list.append(entry);
        }
        return list;
    }
    static QStringList emailsIn(const QByteArray& body)
    {
        const QJsonDocument document = QJsonDocument::fromJson(body);
        QList<QJsonObject> rows;
        if (document.isObject())
            rows.append(document.object());
        for (const QJsonValue value : document.array())
            rows.append(value.toObject());
        QStringList emails;
        for (const QJsonObject& row : rows)
            emails.append(row.value(QStringLiteral("email")).toString());
        return emails;
    }
    static QByteArray header(const sim::RecordedRequest& entry, const QByteArray& name)
    {
        for (const auto& pair : entry.headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
    LeadUpsertPlan plan(const QString& csv, const QStringList& header) const
    {
        LeadUpsertPlan plan;
        plan.csvPath = csv;
        plan.table = QStringLiteral("leads");
        plan.mapping = LeadUpsert::guessMapping(
            header, {QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("first_name"),
                     QStringLiteral("last_name"), QStringLiteral("company"), QStringLiteral("created_at")});
        plan.onConflict = {QStringLiteral("email")};
        return plan;
    }
    /// A CSV of `count` new leads, all enriched.
    QString newLeads(const QString& name, int count)
    {
        QStringList lines{QStringLiteral("email,first_name,enrichment_state")};
        for (int i = 1; i <= count; ++i)
            lines << QStringLiteral("new%1@fresh.example,Name%1,done").arg(i);
        return writeCsv(name, lines);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        ++m_run;
        m_sim.reset();
        m_upsert.reset();
        m_providers = std::make_unique<test::SimulatedProviders>(
            m_sim, m_dir.filePath(QStringLiteral("upsert%1.ini").arg(m_run)));
        QVERIFY(m_providers->use(ProviderId::Supabase,
                                 {{QStringLiteral("project_url"), QStringLiteral("https://demo.supabase.co")},
                                  {QStringLiteral("api_key"), QStringLiteral("sim-valid")}}));
        m_upsert = std::make_unique<LeadUpsert>(m_providers->hub, m_providers->settings);
    }

    void guessesTheMappingPreferringEnrichedColumns()
    {
        const QStringList header{QStringLiteral("Email"),
                                 QStringLiteral("First Name"),
                                 QStringLiteral("enriched_email"),
                                 QStringLiteral("source_email"),
                                 QStringLiteral("enriched_company"),
                                 QStringLiteral("notes")};
        const auto mapping = LeadUpsert::guessMapping(
            header, {QStringLiteral("email"), QStringLiteral("first_name"), QStringLiteral("company")});
        QCOMPARE(mapping.value(QStringLiteral("enriched_email")), QStringLiteral("email"));
        QCOMPARE(mapping.value(QStringLiteral("First Name")), QStringLiteral("first_name"));
        QCOMPARE(mapping.value(QStringLiteral("enriched_company")), QStringLiteral("company"));
        QVERIFY(!mapping.contains(QStringLiteral("Email")));
        QVERIFY(!mapping.contains(QStringLiteral("source_email")));
        QVERIFY(!mapping.contains(QStringLiteral("notes")));

        LeadUpsertPlan bad;
        bad.csvPath = QStringLiteral("x.csv");
        bad.table = QStringLiteral("leads");
        bad.mapping = {{QStringLiteral("First Name"), QStringLiteral("first_name")}};
        bad.onConflict = {QStringLiteral("email")};
        QVERIFY(LeadUpsert::planProblem(bad).contains(QStringLiteral("“email”")));
        bad.table = QStringLiteral("leads; drop");
        QVERIFY(LeadUpsert::planProblem(bad).startsWith(QStringLiteral("Table")));
    }

    void dryRunCountsNewExistingAndSkippedWithoutWriting()
    {
        const QList<QJsonObject> before = leadsTable();
        QCOMPARE(before.size(), 25);
        const QString a = before.at(0).value(QStringLiteral("email")).toString();
        const QString b = before.at(1).value(QStringLiteral("email")).toString();
        const QString c = before.at(2).value(QStringLiteral("email")).toString();
        const QString csv =
            writeCsv(QStringLiteral("dry.csv"),
                     {QStringLiteral("email,first_name,last_name,enriched_title,enrichment_state"),
                      QStringLiteral("%1,Ann,,CEO,done").arg(a),          // row 2: update
                      QStringLiteral("%1,Bob,Builder,CTO,done").arg(b),   // row 3: update
                      QStringLiteral("%1,Cat,,,done").arg(c),             // row 4: update
                      QStringLiteral("new1@fresh.example,Dee,Dee,,done"), // row 5: insert
                      QStringLiteral("new2@fresh.example,Eve,,,done"),    // row 6: insert
                      QStringLiteral("new3@fresh.example,Fay,,,done"),    // row 7: insert
                      QStringLiteral("new4@fresh.example,Gus,,,done"),    // row 8: insert
                      QStringLiteral("new5@fresh.example,Hal,,,failed"),  // row 9: not enriched
                      QStringLiteral(",Ida,,,done"),                      // row 10: no key
                      QStringLiteral("new1@fresh.example,Dup,,,done"),    // row 11: the key of row 5
                      QStringLiteral("%1,Skip,,,skipped").arg(a)});       // row 12: not enriched
        const LeadUpsertPlan plan = this->plan(csv, *LeadUpsert::readHeader(csv));
        QCOMPARE(plan.mapping.size(), 3); // email, first_name, last_name
        m_sim.clearLog();
        QSignalSpy progress(m_upsert.get(), &LeadUpsert::progressed);
        auto counts = QCoro::waitFor(m_upsert->dryRun(plan));
        QVERIFY2(counts, counts ? "" : qPrintable(counts.error()));
        QCOMPARE(counts->rows, qint64(11));
        QCOMPARE(counts->toUpdate, qint64(3));
        QCOMPARE(counts->toInsert, qint64(4));
        QCOMPARE(counts->skipped, qint64(4));
        QCOMPARE(counts->skips.size(), 4);
        QCOMPARE(counts->skips.at(0).row, qint64(9));
        QVERIFY(counts->skips.at(0).reason.startsWith(QStringLiteral("Row 9: not enriched")));
        QVERIFY(counts->skips.at(1).reason.contains(
            QStringLiteral("Row 10: no value for the key column “email”")));
        QVERIFY2(counts->skips.at(2).reason.contains(QStringLiteral("Row 11: the same key as row 5")),
                 qPrintable(counts->skips.at(2).reason));
        QCOMPARE(counts->skips.at(3).row, qint64(12));
        QVERIFY(!progress.isEmpty());
        // Nothing written: only selects, each with an in.(…) filter on the key.
        const auto log = m_sim.requestLog(ProviderId::Supabase);
        QVERIFY(!log.isEmpty());
        for (const sim::RecordedRequest& entry : log) {
            QCOMPARE(entry.method, QByteArray("GET"));
            QVERIFY2(entry.query.contains(QStringLiteral("email=in.")), qPrintable(entry.query));
        }
        QCOMPARE(leadsTable(), before);

        // Small look-up batches give the same counts.
        LeadUpsertPlan small = plan;
        small.lookupBatch = 2;
        small.batchSize = 3;
        auto again = QCoro::waitFor(m_upsert->dryRun(small));
        QVERIFY(again);
        QCOMPARE(again->toUpdate, qint64(3));
        QCOMPARE(again->toInsert, qint64(4));
        QCOMPARE(again->skipped, qint64(4));

        // Unenriched rows can be included on purpose: row 9 is new, row 12 now updates.
        LeadUpsertPlan all = plan;
        all.includeUnenriched = true;
        auto included = QCoro::waitFor(m_upsert->dryRun(all));
        QVERIFY(included);
        QCOMPARE(included->toInsert, qint64(5));
        QCOMPARE(included->skipped, qint64(3)); // rows 10, 11 and 12 (12 repeats row 2's key)
    }

    void upsertWritesTheRowsWithOnConflictAndMerge()
    {
        const QList<QJsonObject> before = leadsTable();
        const QString a = before.at(0).value(QStringLiteral("email")).toString();
        const QString csv =
            writeCsv(QStringLiteral("write.csv"),
                     {QStringLiteral("email,first_name,last_name,enrichment_state"),
                      QStringLiteral("%1,Annabel,,done").arg(a), // last_name empty: kept as it is
                      QStringLiteral("new1@fresh.example,Dee,Dee,done"),
                      QStringLiteral("new2@fresh.example,Eve,Evans,done"),
                      QStringLiteral("new3@fresh.example,Hal,,failed")});
        const LeadUpsertPlan plan = this->plan(csv, *LeadUpsert::readHeader(csv));
        auto counts = QCoro::waitFor(m_upsert->dryRun(plan));
        QVERIFY(counts);
        QCOMPARE(counts->toUpdate, qint64(1));
        QCOMPARE(counts->toInsert, qint64(2));
        m_sim.clearLog();
        const LeadUpsertOutcome outcome = QCoro::waitFor(m_upsert->upsert(plan));
        QVERIFY2(outcome.complete(), qPrintable(outcome.error));
        QCOMPARE(outcome.written, qint64(3));
        QCOMPARE(outcome.skipped, qint64(1));

        const auto sent = posts();
        QCOMPARE(sent.size(), 2); // the row without a last name goes on its own
        QStringList emails;
        for (const sim::RecordedRequest& entry : sent) {
            QCOMPARE(entry.path, QStringLiteral("/rest/v1/leads"));
            QVERIFY2(entry.query.contains(QStringLiteral("on_conflict=email")), qPrintable(entry.query));
            QVERIFY(header(entry, "Prefer").contains("resolution=merge-duplicates"));
            QCOMPARE(entry.status, 201);
            emails << emailsIn(entry.body);
        }
        emails.sort();
        QStringList expected{QStringLiteral("new1@fresh.example"), QStringLiteral("new2@fresh.example"), a};
        expected.sort();
        QCOMPARE(emails, expected);
        QVERIFY(!QString::fromUtf8(sent.at(0).body).contains(QStringLiteral("last_name")));

        const QList<QJsonObject> after = leadsTable();
        QCOMPARE(after.size(), 27);
        QCOMPARE(after.at(0).value(QStringLiteral("first_name")).toString(), QStringLiteral("Annabel"));
        QCOMPARE(after.at(0).value(QStringLiteral("last_name")),
                 before.at(0).value(QStringLiteral("last_name")));
        QCOMPARE(after.at(26).value(QStringLiteral("last_name")).toString(), QStringLiteral("Evans"));

        // A second dry run now finds all three.
        auto second = QCoro::waitFor(m_upsert->dryRun(plan));
        QVERIFY(second);
        QCOMPARE(second->toUpdate, qint64(3));
        QCOMPARE(second->toInsert, qint64(0));
    }

    void aFailedBatchIsReportedAndContinuingWritesTheRestOnce()
    {
        const QString csv = newLeads(QStringLiteral("fail.csv"), 30);
        LeadUpsertPlan plan = this->plan(csv, *LeadUpsert::readHeader(csv));
        plan.batchSize = 10;
        m_sim.clearLog();
        // The second batch meets a server error: scheduled once the first one is written.
        int progressCalls = 0;
        connect(m_upsert.get(), &LeadUpsert::progressed, this, [&] {
            if (++progressCalls == 1)
                m_sim.scheduleFaults(ProviderId::Supabase, QStringLiteral("/rest/v1/leads"),
                                     {{sim::FaultKind::ServerError500}});
        });
        const LeadUpsertOutcome failed = QCoro::waitFor(m_upsert->upsert(plan));
        disconnect(m_upsert.get(), &LeadUpsert::progressed, this, nullptr);
        QVERIFY(!failed.complete());
        QVERIFY(failed.failure);
        QCOMPARE(failed.written, qint64(10));
        QCOMPARE(failed.requestsDone, 1);
        QCOMPARE(failed.failure->request, 2);
        QCOMPARE(failed.failure->firstRow, qint64(12));
        QCOMPARE(failed.failure->lastRow, qint64(21));
        QCOMPARE(failed.failure->rows, qint64(10));
        const QString message = failed.failure->message;
        QVERIFY2(message.contains(QStringLiteral("Supabase")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("rows 12–21")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("internal error")),
                 qPrintable(message)); // PostgREST's words
        QVERIFY2(message.contains(QStringLiteral("10 rows were written before")), qPrintable(message));
        QCOMPARE(leadsTable().size(), 35);

        const LeadUpsertOutcome resumed = QCoro::waitFor(m_upsert->upsert(plan, failed.requestsDone));
        QVERIFY2(resumed.complete(), qPrintable(resumed.error));
        QCOMPARE(resumed.written, qint64(20));
        QCOMPARE(resumed.requestsDone, 3);
        QCOMPARE(leadsTable().size(), 55);

        // Every row reached the table in exactly one accepted request.
        QStringList written;
        int refused = 0;
        for (const sim::RecordedRequest& entry : posts()) {
            if (entry.status == 201)
                written << emailsIn(entry.body);
            else
                ++refused;
        }
        QCOMPARE(refused, 1);
        QCOMPARE(written.size(), 30);
        QCOMPARE(QSet<QString>(written.begin(), written.end()).size(), 30);
    }

    void cancelStopsBetweenBatchesAndTheRunContinues()
    {
        const QString csv = newLeads(QStringLiteral("cancel.csv"), 25);
        LeadUpsertPlan plan = this->plan(csv, *LeadUpsert::readHeader(csv));
        plan.batchSize = 10;
        const CancelToken cancel;
        connect(m_upsert.get(), &LeadUpsert::progressed, this, [&cancel] { cancel.cancel(); });
        const LeadUpsertOutcome stopped = QCoro::waitFor(m_upsert->upsert(plan, 0, cancel));
        disconnect(m_upsert.get(), &LeadUpsert::progressed, this, nullptr);
        QVERIFY(stopped.cancelled);
        QVERIFY(!stopped.complete());
        QCOMPARE(stopped.written, qint64(10));
        QCOMPARE(stopped.requestsDone, 1);
        QCOMPARE(posts().size(), 1);

        const LeadUpsertOutcome rest = QCoro::waitFor(m_upsert->upsert(plan, stopped.requestsDone));
        QVERIFY(rest.complete());
        QCOMPARE(rest.written, qint64(15));
        QCOMPARE(posts().size(), 3);
        QCOMPARE(leadsTable().size(), 50);
    }

    void anUnknownTableIsReportedByName()
    {
        const QString csv = newLeads(QStringLiteral("table.csv"), 2);
        LeadUpsertPlan plan = this->plan(csv, *LeadUpsert::readHeader(csv));
        plan.table = QStringLiteral("prospects");
        auto counts = QCoro::waitFor(m_upsert->dryRun(plan));
        QVERIFY(!counts);
        QVERIFY2(counts.error().contains(QStringLiteral("prospects")), qPrintable(counts.error()));
        QVERIFY2(counts.error().contains(QStringLiteral("Supabase")), qPrintable(counts.error()));
        auto columns = QCoro::waitFor(m_upsert->tableColumns(QStringLiteral("leads")));
        QVERIFY(columns);
        QVERIFY(columns->contains(QStringLiteral("email")));
        QVERIFY(columns->contains(QStringLiteral("created_at")));
    }
};

QTEST_GUILESS_MAIN(TestLeadUpsert)
#include "tst_leadupsert.moc"
