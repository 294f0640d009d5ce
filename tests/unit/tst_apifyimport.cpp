// ApifyImport against the simulated Apify: a run with nested items becomes a CSV LeadFile opens, with
// the union of the items' keys as its header, read page by page; the run's cost reaches the budget
// hook as Apify reported it; a FAILED run says so with Apify's message; input that is not a JSON object
// is refused before any request; Cancel aborts the run through the API.

#include "engine/apifyimport.h"
#include "engine/leadfile.h"
#include "integrations/http/budgethook.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace agency;

namespace {

// Records what the HTTP core tells the budget: reservations, settlements and lone charges.
class RecordingBudget : public BudgetHook
{
public:
    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString operation,
                                                                 Money worstCase) override
    {
        reserved.append({operation, worstCase});
        co_return ReservationId(reserved.size());
    }
    void settle(ReservationId, CallOutcome, std::optional<CostEvent> cost) override
    {
        if (cost)
            costs.append(*cost);
    }
    void charge(CostEvent cost) override { costs.append(cost); }

    QList<QPair<QString, Money>> reserved;
    QList<CostEvent> costs;
};

} // namespace

class TestApifyImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{17};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    std::unique_ptr<ApifyImport> m_import;
    RecordingBudget m_budget;
    int m_run = 0;

    ApifyImportRequest request(const QString& actor, const QString& output) const
    {
        ApifyImportRequest request;
        request.actorId = actor;
        request.input = QStringLiteral("{\"maxResults\": 50}");
        request.outputPath = m_dir.filePath(output);
        return request;
    }
    QList<sim::RecordedRequest> requestsTo(const QString& pathPart) const
    {
        QList<sim::RecordedRequest> list;
        for (const sim::RecordedRequest& entry : m_sim.requestLog(ProviderId::Apify)) {
            if (entry.path.contains(pathPart))
                list.append(entry);
        }
        return list;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        ++m_run;
        m_sim.reset();
        m_import.reset();
        m_budget.reserved.clear();
        m_budget.costs.clear();
        m_providers = std::make_unique<test::SimulatedProviders>(
            m_sim, m_dir.filePath(QStringLiteral("apify%1.ini").arg(m_run)));
        QVERIFY(
            m_providers->use(ProviderId::Apify, {{QStringLiteral("token"), QStringLiteral("sim-valid")}}));
        m_providers->core.setBudgetHook(&m_budget);
        m_import = std::make_unique<ApifyImport>(m_providers->hub, m_providers->settings);
        m_import->setPollWait(std::chrono::seconds(0));
        m_import->setPollInterval(std::chrono::milliseconds(10));
        m_import->setCostSettleDelay(std::chrono::milliseconds(0));
    }
    void cleanup() { m_providers->core.setBudgetHook(nullptr); }

    void inputMustBeAJsonObject()
    {
        QVERIFY(ApifyImport::parseInput(QString()));
        QCOMPARE(ApifyImport::parseInput(QStringLiteral("{\"a\": [1, 2]}"))
                     ->value(QStringLiteral("a"))
                     .toArray()
                     .size(),
                 2);
        const auto broken =
            ApifyImport::parseInput(QStringLiteral("{\n  \"queries\": \"x\"\n  \"max\": 2\n}"));
        QVERIFY(!broken);
        QVERIFY2(broken.error().contains(QStringLiteral("line 3, column")), qPrintable(broken.error()));
        const auto array = ApifyImport::parseInput(QStringLiteral("[1, 2]"));
        QVERIFY(!array);
        QVERIFY(array.error().contains(QStringLiteral("JSON object")));
        QVERIFY(ApifyImport::actorIdProblem(QStringLiteral("apify/google-search-scraper")).isEmpty());
        QVERIFY(ApifyImport::actorIdProblem(QStringLiteral("apify~google-search-scraper")).isEmpty());
        QVERIFY(!ApifyImport::actorIdProblem(QStringLiteral("not an actor")).isEmpty());
        QVERIFY(!ApifyImport::actorIdProblem(QString()).isEmpty());
    }

    void invalidInputIsRefusedBeforeAnyRequest()
    {
        ApifyImportRequest bad = request(QStringLiteral("sim~lead-profiles"), QStringLiteral("bad.csv"));
        bad.input = QStringLiteral("{\"queries\": }");
        const auto result = QCoro::waitFor(m_import->run(bad));
        QVERIFY(!result);
        QVERIFY2(result.error().contains(QStringLiteral("line 1, column")), qPrintable(result.error()));
        QVERIFY(m_sim.requestLog(ProviderId::Apify).isEmpty());
        QVERIFY(!QFile::exists(bad.outputPath));
        bad.input = QStringLiteral("\"just text\"");
        QVERIFY(!QCoro::waitFor(m_import->run(bad)));
        QVERIFY(m_sim.requestLog(ProviderId::Apify).isEmpty());
        QVERIFY(m_budget.reserved.isEmpty());
    }

    void nestedItemsBecomeACsvTheLeadFileOpens()
    {
        ApifyImportRequest job = request(QStringLiteral("sim~lead-profiles"), QStringLiteral("profiles.csv"));
        job.pageSize = 10;
        QSignalSpy status(m_import.get(), &ApifyImport::statusChanged);
        QSignalSpy items(m_import.get(), &ApifyImport::itemsRead);
        const auto result = QCoro::waitFor(m_import->run(job));
        QVERIFY2(result, result ? "" : qPrintable(result.error()));
        QCOMPARE(result->items, qint64(45));
        QCOMPARE(result->csvPath, job.outputPath);
        const QStringList expected{QStringLiteral("company.domain"), QStringLiteral("company.location.city"),
                                   QStringLiteral("company.location.country"), QStringLiteral("company.name"),
                                   QStringLiteral("contact.email"), QStringLiteral("contact.phone"),
                                   QStringLiteral("name"), QStringLiteral("position"), QStringLiteral("tags"),
                                   // first seen on the third item
                                   QStringLiteral("linkedin"), QStringLiteral("note")};
        QCOMPARE(result->header, expected);

        // Status as it went: READY, RUNNING, SUCCEEDED; items page by page.
        QStringList seen;
        for (const QList<QVariant>& signal : status)
            seen << signal.at(0).toString();
        QCOMPARE(seen.first(), QStringLiteral("READY"));
        QVERIFY(seen.contains(QStringLiteral("RUNNING")));
        QCOMPARE(seen.last(), QStringLiteral("SUCCEEDED"));
        QCOMPARE(items.size(), 5);
        QCOMPARE(items.last().at(0).toLongLong(), qint64(45));
        QCOMPARE(items.last().at(1).toLongLong(), qint64(45));
        const auto pages = requestsTo(QStringLiteral("/items"));
        QCOMPARE(pages.size(), 5);
        QVERIFY2(pages.at(4).query.contains(QStringLiteral("offset=40")), qPrintable(pages.at(4).query));
        QVERIFY(pages.at(0).query.contains(QStringLiteral("limit=10")));

        // The bulk run's reader: the same header, 45 rows, quoting and nesting intact.
        QFile file(job.outputPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        LeadFileOptions options;
        options.mapping = {{QStringLiteral("email"), int(expected.indexOf(QStringLiteral("contact.email")))}};
        auto opened = LeadFile::open(file, options);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error()));
        LeadFile lead = std::move(opened).value();
        LeadFile* leads = &lead;
        QCOMPARE(leads->csv().header(), expected);
        QCOMPARE(leads->csv().encoding(), CsvReader::Encoding::Utf8);
        LeadEntry entry;
        QList<QStringList> rows;
        while (leads->next(entry)) {
            QCOMPARE(entry.status, LeadEntry::Status::Unique);
            QVERIFY(QString(entry.email).contains(u'@'));
            rows.append(entry.record->fields());
        }
        QVERIFY(leads->report().error.isEmpty());
        QCOMPARE(leads->report().rows, qint64(45));
        QCOMPARE(rows.at(0).at(expected.indexOf(QStringLiteral("position"))), QStringLiteral("1"));
        QCOMPARE(rows.at(0).at(expected.indexOf(QStringLiteral("tags"))),
                 QStringLiteral("[\"b2b\",\"agency\"]"));
        QCOMPARE(rows.at(0).at(expected.indexOf(QStringLiteral("company.location.country"))),
                 QStringLiteral("AU"));
        QCOMPARE(rows.at(0).at(expected.indexOf(QStringLiteral("linkedin"))), QString());
        QCOMPARE(rows.at(2).at(expected.indexOf(QStringLiteral("note"))),
                 QStringLiteral("Met at \"Growth, Sydney\"\nCafé — follow up"));
        QVERIFY(
            rows.at(2).at(expected.indexOf(QStringLiteral("linkedin"))).endsWith(QStringLiteral("sim-3")));

        // The cost: the cap reserved at the start, then Apify's own figure for the same run.
        QCOMPARE(m_budget.reserved.size(), 1);
        QCOMPARE(m_budget.reserved.first().first, QStringLiteral("actor_run"));
        QCOMPARE(m_budget.reserved.first().second, *Money::parse(QStringLiteral("5 USD")));
        QVERIFY(result->cost);
        QVERIFY(result->costNote.isEmpty());
        const auto reported =
            std::find_if(m_budget.costs.cbegin(), m_budget.costs.cend(),
                         [](const CostEvent& e) { return e.source == CostSource::Reported; });
        QVERIFY(reported != m_budget.costs.cend());
        QCOMPARE(reported->amount, *result->cost);
        QCOMPARE(reported->providerReference, result->runId);
        QVERIFY(*result->cost > Money::fromMicros(0, QStringLiteral("USD")));
    }

    void aFailedRunIsReportedWithApifysMessage()
    {
        const ApifyImportRequest job =
            request(QStringLiteral("sim~failing-actor"), QStringLiteral("failed.csv"));
        const auto result = QCoro::waitFor(m_import->run(job));
        QVERIFY(!result);
        QVERIFY2(result.error().startsWith(QStringLiteral("Apify")), qPrintable(result.error()));
        QVERIFY2(result.error().contains(QStringLiteral("FAILED")), qPrintable(result.error()));
        QVERIFY2(result.error().contains(QStringLiteral("The Actor failed")), qPrintable(result.error()));
        QVERIFY(!QFile::exists(job.outputPath));
        QVERIFY(requestsTo(QStringLiteral("/items")).isEmpty());
        // What the failed run used is still charged, as reported.
        QVERIFY(std::any_of(m_budget.costs.cbegin(), m_budget.costs.cend(), [](const CostEvent& e) {
            return e.source == CostSource::Reported &&
                   e.amount == Money::fromMicros(12300, QStringLiteral("USD"));
        }));
    }

    void anActorApifyRefusesIsReported()
    {
        const ApifyImportRequest job =
            request(QStringLiteral("sim~no-such-actor"), QStringLiteral("none.csv"));
        const auto result = QCoro::waitFor(m_import->run(job));
        QVERIFY(!result);
        QVERIFY2(result.error().contains(QStringLiteral("Apify")), qPrintable(result.error()));
        QVERIFY(!QFile::exists(job.outputPath));
    }

    void cancelAbortsTheRun()
    {
        const ApifyImportRequest job = request(QStringLiteral("sim~slow-actor"), QStringLiteral("slow.csv"));
        const CancelToken cancel;
        int reads = 0;
        connect(m_import.get(), &ApifyImport::statusChanged, this, [&] {
            if (++reads == 3)
                cancel.cancel();
        });
        const auto result = QCoro::waitFor(m_import->run(job, cancel));
        QVERIFY(!result);
        QVERIFY2(result.error().contains(QStringLiteral("aborted")), qPrintable(result.error()));
        const auto aborts = requestsTo(QStringLiteral("/abort"));
        QCOMPARE(aborts.size(), 1);
        QCOMPARE(aborts.first().method, QByteArray("POST"));
        QCOMPARE(aborts.first().status, 200);
        QVERIFY(!QFile::exists(job.outputPath));
        QVERIFY(requestsTo(QStringLiteral("/items")).isEmpty());
        QVERIFY(std::any_of(m_budget.costs.cbegin(), m_budget.costs.cend(),
                            [](const CostEvent& e) { return e.source == CostSource::Reported; }));
    }
};

QTEST_GUILESS_MAIN(TestApifyImport)
#include "tst_apifyimport.moc"
