// Campaign recipients from a Supabase table, against the simulated project: the filter is read as
// PostgREST reads a query string and refused before any request when it is not `column=op.value`
// pairs with operators the console sends; rows come page by page (Range, ordered) up to the row
// limit, as text with JSON null as empty; progress per page; cancel between pages; PostgREST's own
// refusals (unknown table, unknown column) name the table.

#include "engine/supabaserecipients.h"
#include "integrations/supabase/supabaseclient.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace agency;

class TestSupabaseRecipients : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{23};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    std::shared_ptr<SupabaseClient> m_client;
    int m_run = 0;

    QList<sim::RecordedRequest> selects() const
    {
        QList<sim::RecordedRequest> list;
        for (const sim::RecordedRequest& entry : m_sim.requestLog(ProviderId::Supabase)) {
            if (entry.method == "GET")
                list.append(entry);
        }
        return list;
    }
    static QByteArray header(const sim::RecordedRequest& entry, const QByteArray& name)
    {
        for (const auto& pair : entry.headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
    // Five leads of one company (one without a first name) and two of another.
    bool seedLeads()
    {
        SupabaseInsertRequest insert;
        insert.table = QStringLiteral("leads");
        for (int i = 0; i < 7; ++i) {
            QJsonObject row{
                {QStringLiteral("email"), QStringLiteral("buyer%1@filterco.com.au").arg(i)},
                {QStringLiteral("first_name"),
                 i == 2 ? QJsonValue(QJsonValue::Null) : QJsonValue(QStringLiteral("Buyer%1").arg(i))},
                {QStringLiteral("last_name"), QStringLiteral("Smith")},
                {QStringLiteral("company"), i < 5 ? QStringLiteral("Filterco") : QStringLiteral("Otherco")}};
            insert.rows.append(row);
        }
        auto written = QCoro::waitFor(m_client->insert(insert));
        m_sim.clearLog();
        return bool(written);
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_sim.listen());
        m_sim.reset();
        ++m_run;
        m_providers = std::make_unique<test::SimulatedProviders>(
            m_sim, m_dir.filePath(QStringLiteral("recipients%1.ini").arg(m_run)));
        QVERIFY(m_providers->use(ProviderId::Supabase,
                                 {{QStringLiteral("project_url"), QStringLiteral("https://demo.supabase.co")},
                                  {QStringLiteral("api_key"), QStringLiteral("sim-valid")}}));
        auto made = QCoro::waitFor(m_providers->hub.client(ProviderId::Supabase, Profile::Sandbox));
        QVERIFY(made);
        m_client = std::dynamic_pointer_cast<SupabaseClient>(made.value());
        QVERIFY(m_client);
        m_client->setRetryTimeScale(0.001);
    }

    void filterIsReadAsPostgrestReadsIt()
    {
        auto filters = parsePostgrestFilter(QStringLiteral("status=eq.new&state=in.(NSW,VIC)"));
        QVERIFY2(filters, qPrintable(filters ? QString() : filters.error()));
        QCOMPARE(filters->size(), 2);
        QCOMPARE(filters->at(0).column(), QStringLiteral("status"));
        QCOMPARE(filters->at(0).expression(), QStringLiteral("eq.new"));
        QCOMPARE(filters->at(1).column(), QStringLiteral("state"));
        QCOMPARE(filters->at(1).expression(), QStringLiteral("in.(\"NSW\",\"VIC\")"));

        auto more = parsePostgrestFilter(
            QStringLiteral("email=not.is.null&company=in.(\"Acme, Inc\",Bolt)&score=gte.10&name=ilike.*smith*"
                           "&city=neq.&tier=lt.3"));
        QVERIFY2(more, qPrintable(more ? QString() : more.error()));
        QCOMPARE(more->size(), 6);
        QCOMPARE(more->at(0).expression(), QStringLiteral("not.is.null"));
        QVERIFY(more->at(0).isNegated());
        QCOMPARE(more->at(1).expression(), QStringLiteral("in.(\"Acme, Inc\",\"Bolt\")"));
        QCOMPARE(more->at(2).expression(), QStringLiteral("gte.10"));
        QCOMPARE(more->at(3).expression(), QStringLiteral("ilike.*smith*"));
        QCOMPARE(more->at(4).expression(), QStringLiteral("neq."));
        QVERIFY(parsePostgrestFilter(QString())->isEmpty());
        QVERIFY(parsePostgrestFilter(QStringLiteral("  "))->isEmpty());
    }

    void badFiltersAreRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no pair") << QStringLiteral("status") << QStringLiteral("column=operator.value");
        QTest::newRow("no operator") << QStringLiteral("status=new") << QStringLiteral("no operator");
        QTest::newRow("unknown operator")
            << QStringLiteral("status=equals.new") << QStringLiteral("not a PostgREST operator");
        QTest::newRow("unsupported operator")
            << QStringLiteral("tags=cs.{a,b}") << QStringLiteral("does not send");
        QTest::newRow("reserved name") << QStringLiteral("select=eq.x") << QStringLiteral("reserves");
        QTest::newRow("not an identifier") << QStringLiteral("first name=eq.x") << QStringLiteral("plain");
        QTest::newRow("injection") << QStringLiteral("status=eq.new&or=(a.eq.1)")
                                   << QStringLiteral("reserves");
        QTest::newRow("bad is") << QStringLiteral("email=is.maybe") << QStringLiteral("null, true, false");
        QTest::newRow("empty in") << QStringLiteral("state=in.()") << QStringLiteral("list in parentheses");
        QTest::newRow("open in") << QStringLiteral("state=in.(NSW") << QStringLiteral("list in parentheses");
        QTest::newRow("open quote") << QStringLiteral("state=in.(\"NSW)") << QStringLiteral("not closed");
        QTest::newRow("empty pair") << QStringLiteral("a=eq.1&&b=eq.2") << QStringLiteral("empty pair");
        QTest::newRow("trailing &") << QStringLiteral("a=eq.1&") << QStringLiteral("empty pair");
    }
    void badFiltersAreRefusedWithTheReason()
    {
        QFETCH(QString, filter);
        QFETCH(QString, reason);
        auto parsed = parsePostgrestFilter(filter);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().contains(reason), qPrintable(parsed.error()));
        // Refused before any request.
        SupabaseRecipients source(m_client);
        SupabaseRecipientQuery query;
        query.table = QStringLiteral("leads");
        query.filter = filter;
        auto loaded = QCoro::waitFor(source.load(query));
        QVERIFY(!loaded);
        QCOMPARE(loaded.error(), SupabaseRecipients::queryProblem(query));
        QVERIFY(m_sim.requestLog(ProviderId::Supabase).isEmpty());
    }

    void queryProblemsAreNamed()
    {
        SupabaseRecipientQuery query;
        QVERIFY(SupabaseRecipients::queryProblem(query).contains(QStringLiteral("table")));
        query.table = QStringLiteral("leads; drop");
        QVERIFY(SupabaseRecipients::queryProblem(query).contains(QStringLiteral("table")));
        query.table = QStringLiteral("leads");
        QVERIFY(SupabaseRecipients::queryProblem(query).isEmpty());
        query.columns = {QStringLiteral("email"), QStringLiteral("first-name")};
        QVERIFY(SupabaseRecipients::queryProblem(query).contains(QStringLiteral("columns")));
        query.columns.clear();
        query.maxRows = 0;
        QVERIFY(SupabaseRecipients::queryProblem(query).contains(QStringLiteral("row limit")));
        query.maxRows = 10;
        query.pageSize = 1001;
        QVERIFY(SupabaseRecipients::queryProblem(query).contains(QStringLiteral("1,000")) ||
                SupabaseRecipients::queryProblem(query).contains(QStringLiteral("1000")));
    }

    void pagesThroughTheFilteredRows()
    {
        QVERIFY(seedLeads());
        SupabaseRecipients source(m_client);
        QSignalSpy pages(&source, &SupabaseRecipients::pageLoaded);
        SupabaseRecipientQuery query;
        query.table = QStringLiteral("leads");
        query.filter = QStringLiteral("company=eq.Filterco&email=like.buyer*");
        query.pageSize = 2;
        auto loaded = QCoro::waitFor(source.load(query));
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));
        QCOMPARE(loaded->size(), 5);
        QStringList emails;
        for (const RecipientFields& fields : loaded.value()) {
            emails.append(fields.value(QStringLiteral("email")));
            QCOMPARE(fields.value(QStringLiteral("company")), QStringLiteral("Filterco"));
            QVERIFY(fields.contains(QStringLiteral("first_name")));
            bool numeric = false;
            fields.value(QStringLiteral("id")).toLongLong(&numeric);
            QVERIFY2(numeric, qPrintable(fields.value(QStringLiteral("id"))));
        }
        // Ordered by id: the order they were inserted in.
        QCOMPARE(
            emails,
            (QStringList{QStringLiteral("buyer0@filterco.com.au"), QStringLiteral("buyer1@filterco.com.au"),
                         QStringLiteral("buyer2@filterco.com.au"), QStringLiteral("buyer3@filterco.com.au"),
                         QStringLiteral("buyer4@filterco.com.au")}));
        // JSON null is an empty field, not the text "null".
        QCOMPARE(loaded->at(2).value(QStringLiteral("first_name")), QString());
        QCOMPARE(loaded->at(3).value(QStringLiteral("first_name")), QStringLiteral("Buyer3"));

        // Three pages of two, with the total from the first.
        QCOMPARE(pages.size(), 3);
        QCOMPARE(pages.at(0).at(0).toInt(), 2);
        QCOMPARE(pages.at(2).at(0).toInt(), 5);
        QCOMPARE(pages.at(0).at(1).toLongLong(), 5);
        const auto sent = selects();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(header(sent.at(0), "Range"), QByteArray("0-1"));
        QCOMPARE(header(sent.at(1), "Range"), QByteArray("2-3"));
        QCOMPARE(header(sent.at(2), "Range"), QByteArray("4-5"));
        QCOMPARE(header(sent.at(0), "Prefer"), QByteArray("count=exact"));
        QVERIFY(sent.at(0).query.contains(QStringLiteral("company=eq.Filterco")));
        QVERIFY(sent.at(0).query.contains(QStringLiteral("order=id.asc")));

        // in. with the seeded other company, and a column list.
        query.filter = QStringLiteral("company=in.(Otherco,Nobody)");
        query.columns = {QStringLiteral("email"), QStringLiteral("first_name")};
        auto other = QCoro::waitFor(source.load(query));
        QVERIFY2(other, qPrintable(other ? QString() : other.error()));
        QCOMPARE(other->size(), 2);
        QCOMPARE(other->first().keys(), (QStringList{QStringLiteral("email"), QStringLiteral("first_name")}));
    }

    void rowLimitStopsTheReading()
    {
        SupabaseRecipients source(m_client);
        SupabaseRecipientQuery query;
        query.table = QStringLiteral("leads"); // the 25 seeded leads
        query.pageSize = 4;
        query.maxRows = 6;
        QSignalSpy pages(&source, &SupabaseRecipients::pageLoaded);
        auto loaded = QCoro::waitFor(source.load(query));
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error()));
        QCOMPARE(loaded->size(), 6);
        const auto sent = selects();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(header(sent.at(1), "Range"), QByteArray("4-5")); // only what is still wanted
        QCOMPARE(pages.last().at(1).toLongLong(), 6);             // the total, capped at the limit
        // No limit reached: every row of the table, the last page short.
        query.maxRows = 10'000;
        query.pageSize = 10;
        auto all = QCoro::waitFor(source.load(query));
        QVERIFY(all);
        QCOMPARE(all->size(), 25);
    }

    void postgrestRefusalsNameTheTable()
    {
        SupabaseRecipients source(m_client);
        SupabaseRecipientQuery query;
        query.table = QStringLiteral("prospects");
        auto missing = QCoro::waitFor(source.load(query));
        QVERIFY(!missing);
        QVERIFY2(missing.error().contains(QStringLiteral("prospects")), qPrintable(missing.error()));
        QVERIFY2(missing.error().contains(QStringLiteral("does not exist")), qPrintable(missing.error()));

        query.table = QStringLiteral("leads");
        query.filter = QStringLiteral("status=eq.new");
        auto column = QCoro::waitFor(source.load(query));
        QVERIFY(!column);
        QVERIFY2(column.error().contains(QStringLiteral("leads")), qPrintable(column.error()));
        QVERIFY2(column.error().contains(QStringLiteral("column leads.status does not exist")),
                 qPrintable(column.error()));

        query.filter.clear();
        query.orderBy = QStringLiteral("rank");
        auto order = QCoro::waitFor(source.load(query));
        QVERIFY(!order);
        QVERIFY2(order.error().contains(QStringLiteral("rank")), qPrintable(order.error()));
    }

    void cancelStopsBetweenPages()
    {
        SupabaseRecipients source(m_client);
        CancelToken cancel;
        connect(&source, &SupabaseRecipients::pageLoaded, this, [cancel](int rows, qint64) {
            if (rows >= 5)
                cancel.cancel();
        });
        SupabaseRecipientQuery query;
        query.table = QStringLiteral("leads");
        query.pageSize = 5;
        auto loaded = QCoro::waitFor(source.load(query, cancel));
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().contains(QStringLiteral("cancelled")), qPrintable(loaded.error()));
        QCOMPARE(selects().size(), 1);
    }

    void cellsBecomeText()
    {
        const QJsonObject row{{QStringLiteral("id"), 42},
                              {QStringLiteral("score"), 2.5},
                              {QStringLiteral("active"), true},
                              {QStringLiteral("note"), QJsonValue::Null},
                              {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                              {QStringLiteral("name"), QStringLiteral("Jane")}};
        const RecipientFields fields = recipientFieldsFromJson(row);
        QCOMPARE(fields.value(QStringLiteral("id")), QStringLiteral("42"));
        QCOMPARE(fields.value(QStringLiteral("score")), QStringLiteral("2.5"));
        QCOMPARE(fields.value(QStringLiteral("active")), QStringLiteral("true"));
        QVERIFY(fields.contains(QStringLiteral("note")));
        QCOMPARE(fields.value(QStringLiteral("note")), QString());
        QCOMPARE(fields.value(QStringLiteral("tags")), QStringLiteral("[\"a\",\"b\"]"));
        QCOMPARE(fields.value(QStringLiteral("name")), QStringLiteral("Jane"));
    }
};

QTEST_GUILESS_MAIN(TestSupabaseRecipients)
#include "tst_supabaserecipients.moc"
