// SupabaseClient and SupabaseFilter against the simulated PostgREST: filter encoding that no value can
// break, selects with filters / order / Range paging / exact counts, inserts and upserts, PostgREST's
// errors, the key check on the schema root, and odd answers from a canned server.

#include "integrations/http/httpcore.h"
#include "integrations/supabase/supabaseclient.h"
#include "providersimulator.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <qcoro/qcorotask.h>

using namespace agency;
using namespace agency::sim;

namespace {

const QString kValid = QStringLiteral("sim-valid");
using F = SupabaseFilter;

Credential keyCredential(const QString& key)
{
    Credential credential;
    credential.fields.insert(QStringLiteral("api_key"), key);
    credential.fields.insert(QStringLiteral("project_url"), QStringLiteral("https://ignored.supabase.co"));
    return credential;
}

template<typename T>
const char* why(const Result<T, IntegrationError>& result)
{
    static QByteArray text;
    text = result ? QByteArray("ok") : result.error().message().toUtf8();
    return text.constData();
}

class CannedServer : public QObject
{
public:
    CannedServer(int status, QByteArray body, QList<QPair<QByteArray, QByteArray>> headers = {})
        : m_status(status)
        , m_body(std::move(body))
        , m_headers(std::move(headers))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_pending[socket] += socket->readAll();
                    if (!m_pending[socket].contains("\r\n\r\n"))
                        return;
                    QByteArray answer = "HTTP/1.1 " + QByteArray::number(m_status) +
                                        " X\r\nContent-Type: "
                                        "application/json\r\nConnection: close\r\nContent-Length: " +
                                        QByteArray::number(m_body.size()) + "\r\n";
                    for (const auto& [name, value] : m_headers)
                        answer += name + ": " + value + "\r\n";
                    socket->write(answer + "\r\n" + m_body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    QTcpServer m_server;
    int m_status;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QHash<QTcpSocket*, QByteArray> m_pending;
};

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

QString detailOf(const AccountStatus& status, const QString& label)
{
    for (const auto& [key, value] : status.details) {
        if (key == label)
            return value;
    }
    return QString();
}

SupabaseSelectRequest leads(QList<SupabaseFilter> filters = {})
{
    SupabaseSelectRequest request;
    request.table = QStringLiteral("leads");
    request.filters = std::move(filters);
    request.limit = 1000;
    return request;
}

QJsonObject lead(const QString& email, const QString& first, const QJsonValue& company)
{
    QJsonObject row{{QStringLiteral("email"), email},
                    {QStringLiteral("first_name"), first},
                    {QStringLiteral("last_name"), QStringLiteral("Tester")}};
    if (!company.isUndefined())
        row.insert(QStringLiteral("company"), company);
    return row;
}

QList<qint64> idsOf(const QList<QJsonObject>& rows)
{
    QList<qint64> ids;
    for (const QJsonObject& row : rows)
        ids.append(qint64(row.value(QStringLiteral("id")).toDouble()));
    return ids;
}

} // namespace

class TestSupabaseClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;

    std::unique_ptr<SupabaseClient> client(const QString& key = kValid, QUrl base = {})
    {
        auto made = std::make_unique<SupabaseClient>(ClientContext{
            m_core.get(), base.isEmpty() ? m_sim->baseUrl(ProviderId::Supabase) : base, keyCredential(key)});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Supabase); }
    SupabaseRows selectAll(SupabaseSelectRequest request)
    {
        auto rows = QCoro::waitFor(client()->select(request));
        if (!rows)
            qWarning("%s", why(rows));
        return rows ? rows.value() : SupabaseRows();
    }
    void insertOrFail(QList<QJsonObject> rows)
    {
        SupabaseInsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = std::move(rows);
        auto written = QCoro::waitFor(client()->insert(request));
        QVERIFY2(written.ok(), why(written));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(3);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void init()
    {
        m_sim->reset(); // also seeds the tables again
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
    }

    // ---- the filter builder ----

    void filtersEncodeEveryOperator()
    {
        QCOMPARE(F::eq(QStringLiteral("email"), QStringLiteral("a+b@x.example")).expression(),
                 QStringLiteral("eq.a+b@x.example"));
        QCOMPARE(F::neq(QStringLiteral("status"), QStringLiteral("done")).expression(),
                 QStringLiteral("neq.done"));
        QCOMPARE(F::gt(QStringLiteral("id"), 5).expression(), QStringLiteral("gt.5"));
        QCOMPARE(F::gte(QStringLiteral("amount"), 2.5).expression(), QStringLiteral("gte.2.5"));
        QCOMPARE(F::lt(QStringLiteral("id"), -3).expression(), QStringLiteral("lt.-3"));
        QCOMPARE(F::lte(QStringLiteral("ok"), true).expression(), QStringLiteral("lte.true"));
        QCOMPARE(F::like(QStringLiteral("name"), QStringLiteral("Acme*")).expression(),
                 QStringLiteral("like.Acme*"));
        QCOMPARE(F::ilike(QStringLiteral("name"), QStringLiteral("*inc*")).expression(),
                 QStringLiteral("ilike.*inc*"));
        QCOMPARE(F::is(QStringLiteral("company"), F::IsValue::Null).expression(), QStringLiteral("is.null"));
        QCOMPARE(F::is(QStringLiteral("paid"), F::IsValue::False).negated().expression(),
                 QStringLiteral("not.is.false"));
        // Values in a list are always quoted, with '\' and '"' escaped: commas and parentheses stay inside.
        const QString quotedList =
            QStringLiteral("in.(\"Acme, Inc. (AU)\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"7\")");
        const SupabaseFilter list =
            F::in(QStringLiteral("company"),
                  QJsonArray{QStringLiteral("Acme, Inc. (AU)"), QStringLiteral("say \"hi\""),
                             QStringLiteral("back\\slash"), 7});
        QCOMPARE(list.expression(), quotedList);
        QCOMPARE(F::eq(QStringLiteral("id"), 3).negated().negated().expression(), QStringLiteral("eq.3"));
        QCOMPARE((SupabaseOrder{QStringLiteral("created_at"), false, SupabaseOrder::Nulls::Last}.term()),
                 QStringLiteral("created_at.desc.nullslast"));
        QCOMPARE((SupabaseOrder{QStringLiteral("id")}.term()), QStringLiteral("id.asc"));
    }

    void filtersRefuseWhatPostgrestWouldMisread()
    {
        QVERIFY(F::eq(QStringLiteral("email"), QStringLiteral("x")).problem().isEmpty());
        QVERIFY(!F::eq(QStringLiteral("a.b"), 1).problem().isEmpty());               // an embed path
        QVERIFY(!F::eq(QStringLiteral("name&id"), 1).problem().isEmpty());           // another parameter
        QVERIFY(!F::eq(QStringLiteral("order"), 1).problem().isEmpty());             // a reserved name
        QVERIFY(!F::eq(QStringLiteral("id"), QJsonValue::Null).problem().isEmpty()); // use is(null)
        QVERIFY(!F::eq(QStringLiteral("id"), QJsonObject{}).problem().isEmpty());
        QVERIFY(!F::in(QStringLiteral("id"), QJsonArray{}).problem().isEmpty());
        QVERIFY(!F::in(QStringLiteral("id"), QJsonArray{QJsonArray{}}).problem().isEmpty());
    }

    // ---- select ----

    void selectPagesWithRangeAndAnExactCount()
    {
        SupabaseSelectRequest request;
        request.table = QStringLiteral("leads");
        request.columns = {QStringLiteral("id"), QStringLiteral("email")};
        request.limit = 10;
        request.countExact = true;
        const auto first = QCoro::waitFor(client()->select(request));
        QVERIFY2(first.ok(), why(first));
        QCOMPARE(first->rows.size(), 10);
        QCOMPARE(first->rows.first().keys(), (QStringList{QStringLiteral("email"), QStringLiteral("id")}));
        QCOMPARE(first->first, std::optional<qint64>(0));
        QCOMPARE(first->last, std::optional<qint64>(9));
        QCOMPARE(first->total, std::optional<qint64>(25));
        QVERIFY(first->partial);
        QVERIFY(first->hasMore());

        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/rest/v1/leads"));
        QCOMPARE(QUrlQuery(seen.query).queryItemValue(QStringLiteral("select"), QUrl::FullyDecoded),
                 QStringLiteral("id,email"));
        QCOMPARE(headerOf(seen, "Range-Unit"), QByteArray("items"));
        QCOMPARE(headerOf(seen, "Range"), QByteArray("0-9"));
        QCOMPARE(headerOf(seen, "Prefer"), QByteArray("count=exact"));
        QVERIFY(!headerOf(seen, "apikey").isEmpty());
        QVERIFY(!headerOf(seen, "apikey").contains("sim-valid"));
        QVERIFY(headerOf(seen, "Authorization").isEmpty()); // not a JWT: no Bearer
        QVERIFY(headerOf(seen, "User-Agent").startsWith("AgencyOSConsole/"));
        QCOMPARE(seen.status, 206);

        request.offset = 20;
        const auto last = QCoro::waitFor(client()->select(request));
        QVERIFY2(last.ok(), why(last));
        QCOMPARE(last->rows.size(), 5);
        QCOMPARE(last->first, std::optional<qint64>(20));
        QCOMPARE(last->last, std::optional<qint64>(24));
        QVERIFY(!last->hasMore());
        QCOMPARE(headerOf(log().constLast(), "Range"), QByteArray("20-29"));

        request.countExact = false;
        request.offset = 0;
        const auto uncounted = QCoro::waitFor(client()->select(request));
        QVERIFY(!uncounted->total.has_value());
        QVERIFY(!uncounted->partial);
    }

    void filtersOrderAndComparisonsReallyApply()
    {
        const QList<QJsonObject> all = selectAll(leads()).rows;
        QCOMPARE(all.size(), 25);
        const QString email = all.at(6).value(QStringLiteral("email")).toString();

        QCOMPARE(idsOf(selectAll(leads({F::eq(QStringLiteral("email"), email)})).rows), QList<qint64>{7});
        QCOMPARE(selectAll(leads({F::neq(QStringLiteral("email"), email)})).rows.size(), 24);
        QCOMPARE(idsOf(selectAll(leads({F::gt(QStringLiteral("id"), 22)})).rows),
                 (QList<qint64>{23, 24, 25}));
        QCOMPARE(
            idsOf(
                selectAll(leads({F::gte(QStringLiteral("id"), 24), F::lte(QStringLiteral("id"), 24)})).rows),
            QList<qint64>{24});
        QCOMPARE(idsOf(selectAll(leads({F::lt(QStringLiteral("id"), 3)})).rows), (QList<qint64>{1, 2}));
        QCOMPARE(idsOf(selectAll(leads({F::in(QStringLiteral("id"), QJsonArray{3, 9, 99})})).rows),
                 (QList<qint64>{3, 9}));
        QCOMPARE(selectAll(leads({F::in(QStringLiteral("id"), QJsonArray{3, 9}).negated()})).rows.size(), 23);

        // like is case-sensitive, ilike is not; '*' is the wildcard.
        const QString first = all.at(4).value(QStringLiteral("first_name")).toString();
        const QList<QJsonObject> exact =
            selectAll(leads({F::like(QStringLiteral("first_name"), first)})).rows;
        QVERIFY(idsOf(exact).contains(5));
        QVERIFY(selectAll(leads({F::like(QStringLiteral("first_name"), first.toUpper())})).rows.isEmpty());
        QCOMPARE(selectAll(leads({F::ilike(QStringLiteral("first_name"), first.toUpper())})).rows.size(),
                 exact.size());
        QVERIFY(
            selectAll(leads({F::ilike(QStringLiteral("email"), QStringLiteral("*.example"))})).rows.size() ==
            25);

        SupabaseSelectRequest ordered = leads();
        ordered.order = {{QStringLiteral("id"), false}};
        ordered.limit = 3;
        QCOMPARE(idsOf(selectAll(ordered).rows), (QList<qint64>{25, 24, 23}));
        ordered.order = {{QStringLiteral("last_name")}, {QStringLiteral("id"), false}};
        const QList<QJsonObject> byName = selectAll(ordered).rows;
        QVERIFY(byName.at(0).value(QStringLiteral("last_name")).toString() <=
                byName.at(1).value(QStringLiteral("last_name")).toString());
        const QString order =
            QUrlQuery(log().constLast().query).queryItemValue(QStringLiteral("order"), QUrl::FullyDecoded);
        QCOMPARE(order, QStringLiteral("last_name.asc,id.desc"));
    }

    void valuesThatLookLikeSyntaxStayValues()
    {
        // '+' would be a space, ',' '(' ')' would end an in() list, '&' another parameter.
        insertOrFail({lead(QStringLiteral("a+b@plus.example"), QStringLiteral("Plus"),
                           QStringLiteral("Acme, Inc. (AU)")),
                      lead(QStringLiteral("c&d=e@amp.example"), QStringLiteral("Amp"),
                           QStringLiteral("50% off \"deals\""))});
        QCOMPARE(selectAll(leads({F::eq(QStringLiteral("email"), QStringLiteral("a+b@plus.example"))}))
                     .rows.size(),
                 1);
        QCOMPARE(selectAll(leads({F::eq(QStringLiteral("email"), QStringLiteral("c&d=e@amp.example"))}))
                     .rows.size(),
                 1);
        QCOMPARE(selectAll(leads({F::in(QStringLiteral("company"),
                                        QJsonArray{QStringLiteral("Acme, Inc. (AU)"),
                                                   QStringLiteral("50% off \"deals\"")})}))
                     .rows.size(),
                 2);
        QCOMPARE(selectAll(leads({F::ilike(QStringLiteral("company"), QStringLiteral("acme, inc. (au)"))}))
                     .rows.size(),
                 1);
    }

    void isNullFindsMissingValues()
    {
        insertOrFail(
            {lead(QStringLiteral("nobody@null.example"), QStringLiteral("Null"), QJsonValue::Undefined)});
        const QList<QJsonObject> missing =
            selectAll(leads({F::is(QStringLiteral("company"), F::IsValue::Null)})).rows;
        QCOMPARE(missing.size(), 1);
        QVERIFY(missing.first().value(QStringLiteral("company")).isNull());
        QCOMPARE(selectAll(leads({F::is(QStringLiteral("company"), F::IsValue::Null).negated()})).rows.size(),
                 25);
        // A comparison with NULL is never true, negated or not.
        QCOMPARE(
            selectAll(leads({F::eq(QStringLiteral("company"), QStringLiteral("x")).negated()})).rows.size(),
            25);
    }

    void badQueriesAreRefusedBeforeSending()
    {
        SupabaseSelectRequest request = leads({F::eq(QStringLiteral("id;drop"), 1)});
        QCOMPARE(QCoro::waitFor(client()->select(request)).error().kind,
                 IntegrationError::Kind::Configuration);
        request = leads();
        request.table = QStringLiteral("leads?select=*");
        QCOMPARE(QCoro::waitFor(client()->select(request)).error().kind,
                 IntegrationError::Kind::Configuration);
        request = leads();
        request.limit = 1001; // Supabase's max rows
        QCOMPARE(QCoro::waitFor(client()->select(request)).error().kind,
                 IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), 0);
    }

    void unknownTableNamesTheTable()
    {
        SupabaseSelectRequest request = leads();
        request.table = QStringLiteral("leeds");
        const auto rows = QCoro::waitFor(client()->select(request));
        QVERIFY(!rows.ok());
        QCOMPARE(rows.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(rows.error().httpStatus, 404);
        QCOMPARE(rows.error().providerCode, QStringLiteral("42P01"));
        QCOMPARE(rows.error().message(),
                 QStringLiteral(
                     "Supabase: table \"leeds\" does not exist (or is not exposed through the Data API) — "
                     "relation \"public.leeds\" does not exist."));
    }

    void postgrestErrorsCarryCodeMessageAndDetails()
    {
        const auto column = QCoro::waitFor(client()->select(leads({F::eq(QStringLiteral("phone"), 1)})));
        QCOMPARE(column.error().providerCode, QStringLiteral("42703"));
        QCOMPARE(column.error().providerMessage, QStringLiteral("column leads.phone does not exist"));

        const auto typed =
            QCoro::waitFor(client()->select(leads({F::eq(QStringLiteral("id"), QStringLiteral("abc"))})));
        QCOMPARE(typed.error().httpStatus, 400);
        QCOMPARE(typed.error().providerCode, QStringLiteral("22P02"));
        QCOMPARE(typed.error().providerMessage,
                 QStringLiteral("invalid input syntax for type bigint: \"abc\""));

        SupabaseSelectRequest beyond = leads();
        beyond.offset = 100;
        beyond.limit = 10;
        beyond.countExact = true;
        const auto range = QCoro::waitFor(client()->select(beyond));
        QCOMPARE(range.error().httpStatus, 416);
        QCOMPARE(range.error().providerCode, QStringLiteral("PGRST103"));
        QCOMPARE(range.error().providerMessage,
                 QStringLiteral(
                     "Requested range not satisfiable — An offset of 100 was requested, but there are only "
                     "25 rows."));
    }

    // ---- insert and upsert ----

    void insertOneRowMinimal()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        SupabaseInsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {
            lead(QStringLiteral("new@lead.example"), QStringLiteral("Nia"), QStringLiteral("Newco"))};
        const auto written = QCoro::waitFor(client()->insert(request));
        QVERIFY2(written.ok(), why(written));
        QCOMPARE(written->status, 201);
        QVERIFY(written->rows.isEmpty());
        QCOMPARE(written->preferenceApplied, QStringLiteral("return=minimal"));
        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/rest/v1/leads"));
        QCOMPARE(headerOf(seen, "Prefer"), QByteArray("return=minimal"));
        QVERIFY(headerOf(seen, "Content-Type").startsWith("application/json"));
        QVERIFY(QJsonDocument::fromJson(seen.body).isObject()); // one row goes as an object
        QCOMPARE(costs.size(), 0);                              // not billed per call

        SupabaseSelectRequest count = leads();
        count.countExact = true;
        count.limit = 1;
        QCOMPARE(selectAll(count).total, std::optional<qint64>(26));
        const QList<QJsonObject> found =
            selectAll(leads({F::eq(QStringLiteral("email"), QStringLiteral("new@lead.example"))})).rows;
        QCOMPARE(idsOf(found), QList<qint64>{26}); // the serial key
        QCOMPARE(found.first().value(QStringLiteral("created_at")).toString(),
                 QStringLiteral("2026-01-01T00:00:00.000+00:00"));
    }

    void bulkInsertReturnsTheRowsItWrote()
    {
        SupabaseInsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {
            lead(QStringLiteral("one@bulk.example"), QStringLiteral("One"), QStringLiteral("Bulk")),
            lead(QStringLiteral("two@bulk.example"), QStringLiteral("Two"), QStringLiteral("Bulk"))};
        request.returning = SupabaseReturn::Representation;
        request.returnColumns = {QStringLiteral("id"), QStringLiteral("email")};
        const auto written = QCoro::waitFor(client()->insert(request));
        QVERIFY2(written.ok(), why(written));
        QCOMPARE(written->rows.size(), 2);
        QCOMPARE(idsOf(written->rows), (QList<qint64>{26, 27}));
        QCOMPARE(written->rows.first().keys(), (QStringList{QStringLiteral("email"), QStringLiteral("id")}));
        const RecordedRequest seen = log().constLast();
        QVERIFY(QJsonDocument::fromJson(seen.body).isArray());
        QCOMPARE(headerOf(seen, "Prefer"), QByteArray("return=representation"));
        QCOMPARE(QUrlQuery(seen.query).queryItemValue(QStringLiteral("select"), QUrl::FullyDecoded),
                 QStringLiteral("id,email"));
    }

    void bulkRowsMustShareTheirKeys()
    {
        SupabaseInsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {lead(QStringLiteral("a@x.example"), QStringLiteral("A"), QStringLiteral("X")),
                        lead(QStringLiteral("b@x.example"), QStringLiteral("B"), QJsonValue::Undefined)};
        const auto written = QCoro::waitFor(client()->insert(request));
        QCOMPARE(written.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(written.error().message().contains(QStringLiteral("same keys")));
        request.rows = {};
        QCOMPARE(QCoro::waitFor(client()->insert(request)).error().kind,
                 IntegrationError::Kind::Configuration);
        QCOMPARE(log().size(), 0);
    }

    void duplicateIsAConflictWithPostgresWords()
    {
        const QString taken = selectAll(leads()).rows.at(2).value(QStringLiteral("email")).toString();
        SupabaseInsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {lead(QStringLiteral("fresh@x.example"), QStringLiteral("F"), QStringLiteral("X")),
                        lead(taken, QStringLiteral("Dup"), QStringLiteral("X"))};
        const auto written = QCoro::waitFor(client()->insert(request));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(written.error().httpStatus, 409);
        QCOMPARE(written.error().providerCode, QStringLiteral("23505"));
        QCOMPARE(written.error().providerMessage,
                 QStringLiteral(
                     "duplicate key value violates unique constraint \"leads_email_key\" — Key (email)=(%1) "
                     "already exists.")
                     .arg(taken));
        // All or nothing: the fresh row was not written either.
        QVERIFY(selectAll(leads({F::eq(QStringLiteral("email"), QStringLiteral("fresh@x.example"))}))
                    .rows.isEmpty());
    }

    void upsertMergesOnAUniqueColumn()
    {
        const QJsonObject existing = selectAll(leads()).rows.at(3);
        const QString email = existing.value(QStringLiteral("email")).toString();
        SupabaseUpsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {
            lead(email, QStringLiteral("Renamed"), QStringLiteral("Merged Pty")),
            lead(QStringLiteral("brand@new.example"), QStringLiteral("Brand"), QStringLiteral("New"))};
        request.onConflict = {QStringLiteral("email")};
        request.returning = SupabaseReturn::Representation;
        const auto written = QCoro::waitFor(client()->upsert(request));
        QVERIFY2(written.ok(), why(written));
        QCOMPARE(written->rows.size(), 2);
        QCOMPARE(written->rows.first().value(QStringLiteral("id")), existing.value(QStringLiteral("id")));
        QCOMPARE(written->rows.first().value(QStringLiteral("first_name")).toString(),
                 QStringLiteral("Renamed"));
        QCOMPARE(written->rows.first().value(QStringLiteral("created_at")),
                 existing.value(QStringLiteral("created_at")));
        QCOMPARE(idsOf({written->rows.at(1)}), QList<qint64>{26});
        QCOMPARE(written->preferenceApplied,
                 QStringLiteral("resolution=merge-duplicates, return=representation"));

        const RecordedRequest seen = log().constLast();
        QCOMPARE(headerOf(seen, "Prefer"), QByteArray("resolution=merge-duplicates, return=representation"));
        QCOMPARE(QUrlQuery(seen.query).queryItemValue(QStringLiteral("on_conflict")),
                 QStringLiteral("email"));
        SupabaseSelectRequest count = leads();
        count.countExact = true;
        count.limit = 1;
        QCOMPARE(selectAll(count).total, std::optional<qint64>(26));

        // The same upsert again changes nothing: safe to repeat.
        const auto again = QCoro::waitFor(client()->upsert(request));
        QVERIFY2(again.ok(), why(again));
        QCOMPARE(selectAll(count).total, std::optional<qint64>(26));
    }

    void upsertIgnoringDuplicatesKeepsExistingRows()
    {
        const QJsonObject existing = selectAll(leads()).rows.at(0);
        SupabaseUpsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {
            lead(existing.value(QStringLiteral("email")).toString(), QStringLiteral("Ignored"),
                 QStringLiteral("X")),
            lead(QStringLiteral("kept@new.example"), QStringLiteral("Kept"), QStringLiteral("Y"))};
        request.onConflict = {QStringLiteral("email")};
        request.resolution = SupabaseUpsertRequest::Resolution::IgnoreDuplicates;
        request.returning = SupabaseReturn::Representation;
        const auto written = QCoro::waitFor(client()->upsert(request));
        QVERIFY2(written.ok(), why(written));
        QCOMPARE(written->rows.size(), 1);
        QCOMPARE(written->rows.first().value(QStringLiteral("first_name")).toString(),
                 QStringLiteral("Kept"));
        const QList<QJsonObject> unchanged = selectAll(leads({F::eq(QStringLiteral("id"), 1)})).rows;
        QCOMPARE(unchanged.first().value(QStringLiteral("first_name")),
                 existing.value(QStringLiteral("first_name")));
        QCOMPARE(headerOf(log().at(1), "Prefer"),
                 QByteArray("resolution=ignore-duplicates, return=representation"));
    }

    void upsertNeedsAUniqueTarget()
    {
        SupabaseUpsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {lead(QStringLiteral("x@y.example"), QStringLiteral("X"), QStringLiteral("Y"))};
        request.onConflict = {QStringLiteral("company")};
        const auto written = QCoro::waitFor(client()->upsert(request));
        QCOMPARE(written.error().httpStatus, 400);
        QCOMPARE(written.error().providerCode, QStringLiteral("42P10"));
    }

    void theSimulatorsResetSeedsTheTablesAgain()
    {
        insertOrFail(
            {lead(QStringLiteral("temp@reset.example"), QStringLiteral("Temp"), QStringLiteral("R"))});
        QCOMPARE(selectAll(leads()).rows.size(), 26);
        m_sim->reset();
        QCOMPARE(selectAll(leads()).rows.size(), 25);
    }

    void unknownColumnInARowIsPostgrestsOwnError()
    {
        SupabaseInsertRequest request;
        request.table = QStringLiteral("companies");
        request.rows = {
            QJsonObject{{QStringLiteral("name"), QStringLiteral("Acme")}, {QStringLiteral("phone"), 1}}};
        const auto written = QCoro::waitFor(client()->insert(request));
        QCOMPARE(written.error().providerCode, QStringLiteral("PGRST204"));
        QCOMPARE(written.error().providerMessage,
                 QStringLiteral("Could not find the 'phone' column of 'companies' in the schema cache"));
    }

    void writesAreNotSentTwiceButReadsAre()
    {
        m_sim->scheduleFaults(ProviderId::Supabase, QStringLiteral("/rest/v1/leads"),
                              {{FaultKind::Unavailable503}});
        const auto rows = QCoro::waitFor(client()->select(leads()));
        QVERIFY2(rows.ok(), why(rows));
        QCOMPARE(log().size(), 2);

        m_sim->clearLog();
        m_sim->scheduleFaults(ProviderId::Supabase, QStringLiteral("/rest/v1/leads"),
                              {{FaultKind::Unavailable503}});
        SupabaseInsertRequest request;
        request.table = QStringLiteral("leads");
        request.rows = {lead(QStringLiteral("z@z.example"), QStringLiteral("Z"), QStringLiteral("Z"))};
        const auto written = QCoro::waitFor(client()->insert(request));
        QCOMPARE(written.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(written.error().providerCode, QStringLiteral("PGRST001"));
        QCOMPARE(log().size(), 1);
    }

    // ---- credentials ----

    void secretKeyReadsTheSchemaRoot()
    {
        const AccountStatus status = QCoro::waitFor(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.summary, QStringLiteral("Secret key · 5 tables"));
        QCOMPARE(detailOf(status, QStringLiteral("Tables exposed")), QStringLiteral("5"));
        QCOMPARE(detailOf(status, QStringLiteral("Console tables")),
                 QStringLiteral("leads, companies, campaigns, cost_events, clay_results"));
        QVERIFY(detailOf(status, QStringLiteral("Missing tables")).isEmpty());
        QCOMPARE(detailOf(status, QStringLiteral("PostgREST")), QStringLiteral("12.2.3"));
        QCOMPARE(detailOf(status, QStringLiteral("Key type")), QStringLiteral("unrecognised format"));
        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("GET"));
        QCOMPARE(seen.path, QStringLiteral("/rest/v1/"));
        QCOMPARE(headerOf(seen, "Accept"), QByteArray("application/openapi+json"));
    }

    void publishableKeyIsValidButLimited()
    {
        const AccountStatus status =
            QCoro::waitFor(client(QStringLiteral("sim-limited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QCOMPARE(status.summary, QStringLiteral("Publishable key · Row Level Security applies"));
        QVERIFY(
            detailOf(status, QStringLiteral("Schema")).contains(QStringLiteral("secret or service_role")));
        // The key still reads tables where RLS lets it.
        auto rows = QCoro::waitFor(client(QStringLiteral("sim-limited"))->select(leads()));
        QVERIFY2(rows.ok(), why(rows));
    }

    void checkNeverFailsFalsely()
    {
        const AccountStatus wrong =
            QCoro::waitFor(client(QStringLiteral("sb_secret_wrong"))->checkCredentials());
        QCOMPARE(wrong.state, AccountStatus::State::Invalid);
        QCOMPARE(wrong.error->providerMessage,
                 QStringLiteral(
                     "Invalid API key. Hint: Double check your Supabase `anon` or `service_role` API key."));
        QCOMPARE(detailOf(wrong, QStringLiteral("Key type")), QString()); // an invalid key: no details kept
        QCOMPARE(QCoro::waitFor(client(QStringLiteral("sim-ratelimited"))->checkCredentials()).state,
                 AccountStatus::State::RateLimited);
        QCOMPARE(QCoro::waitFor(client(QString())->checkCredentials()).state,
                 AccountStatus::State::NotConfigured);
        m_sim->scheduleFaults(
            ProviderId::Supabase, QStringLiteral("/rest/v1/"),
            {{FaultKind::Unavailable503}, {FaultKind::BadGateway502}, {FaultKind::ServerError500}});
        QCOMPARE(QCoro::waitFor(client()->checkCredentials()).state, AccountStatus::State::Unreachable);
    }

    void legacyJwtKeyAlsoGoesAsBearer()
    {
        const QString jwt =
            QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl");
        const AccountStatus status = QCoro::waitFor(client(jwt)->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid); // the simulator accepts sim-valid only
        const RecordedRequest seen = log().constLast();
        QVERIFY(headerOf(seen, "Authorization").startsWith("Bearer "));
        QVERIFY(!headerOf(seen, "Authorization").contains("eyJ"));
        QVERIFY(!headerOf(seen, "apikey").contains("eyJ"));
    }

    // ---- odd answers ----

    void oddAnswersAreDecodeErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<QString>("problem");
        QTest::newRow("object, not rows") << QByteArray(R"({"id":1})") << QByteArray("0-0/*")
                                          << QStringLiteral("rows should come as a JSON array");
        QTest::newRow("row not an object") << QByteArray(R"([{"id":1},[2]])") << QByteArray("0-1/*")
                                           << QStringLiteral("row 1 is not an object");
        QTest::newRow("range not a range")
            << QByteArray(R"([{"id":1}])") << QByteArray("rows 0 to 0")
            << QStringLiteral("Content-Range \"rows 0 to 0\" is not first-last/total");
        QTest::newRow("range not the rows")
            << QByteArray(R"([{"id":1}])") << QByteArray("0-4/10")
            << QStringLiteral("Content-Range \"0-4/10\" does not match the 1 rows sent");
    }

    void oddAnswersAreDecodeErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentRange);
        QFETCH(QString, problem);
        CannedServer canned(200, body, {{"Content-Range", contentRange}});
        const auto rows = QCoro::waitFor(client(kValid, canned.url())->select(leads()));
        QVERIFY(!rows.ok());
        QCOMPARE(rows.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(rows.error().detail, problem);
    }
};

QTEST_GUILESS_MAIN(TestSupabaseClient)
#include "tst_supabaseclient.moc"
