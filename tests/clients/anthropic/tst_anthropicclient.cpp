// AnthropicClient and AnthropicPriceTable: the price table (built-in resource, user files, rows by
// date, bands, rounding), messages billed from usage × prices, prompt caching, token counts, the
// models list, the credential check, every documented error, and odd answers from a canned server.

#include "integrations/anthropic/anthropicclient.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

#include <qcoro/qcorotask.h>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

const QString kValid = QStringLiteral("sim-valid");
const QDate kDay(2026, 11, 1);

Credential keyCredential(const QString& key)
{
    Credential credential;
    credential.fields.insert(QStringLiteral("api_key"), key);
    return credential;
}

template<typename T, typename E>
const char* why(const Result<T, E>& result)
{
    static QByteArray text;
    if constexpr (std::is_same_v<E, QString>)
        text = result ? QByteArray("ok") : result.error().toUtf8();
    else
        text = result ? QByteArray("ok") : result.error().message().toUtf8();
    return text.constData();
}

Money usd(const char* amount)
{
    return *Money::parse(QString::fromLatin1(amount) + QStringLiteral(" USD"));
}

Money usdMicros(qint64 micros)
{
    return Money::fromMicros(micros, QStringLiteral("USD"));
}

class RecordingBudget : public BudgetHook
{
public:
    QList<Money> reserved;
    QList<CallOutcome> outcomes;

    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString,
                                                                 Money worstCase) override
    {
        reserved.append(worstCase);
        co_return ReservationId(reserved.size());
    }
    void settle(ReservationId, CallOutcome outcome, std::optional<CostEvent>) override
    {
        outcomes.append(outcome);
    }
};

// Answers every request with one canned response: for answers the simulator never gives.
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
                    const qsizetype end = m_pending[socket].indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    const QByteArray head = m_pending[socket].left(end).toLower();
                    const qsizetype lengthAt = head.indexOf("content-length:");
                    const qint64 length =
                        lengthAt < 0 ? 0
                                     : head.mid(lengthAt + 15, head.indexOf('\r', lengthAt) - lengthAt - 15)
                                           .trimmed()
                                           .toLongLong();
                    if (m_pending[socket].size() < end + 4 + length)
                        return;
                    ++requests;
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
    int requests = 0;

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

AnthropicMessageRequest hello(const QString& model = QStringLiteral("claude-sonnet-4-6"))
{
    AnthropicMessageRequest request;
    request.model = model;
    request.maxTokens = 256;
    request.system = QStringLiteral("You write short, friendly sales follow-ups.");
    request.messages = {{AnthropicMessage::Role::User, QStringLiteral("Write a 2-line follow-up email.")}};
    return request;
}

// The simulator's count: a quarter of the UTF-8 bytes, rounded up, plus 4 per turn and 8 per request.
qint64 simTokens(const QString& text)
{
    return std::max<qint64>(1, (text.toUtf8().size() + 3) / 4);
}

const QByteArray kTwoRows = R"({"currency":"USD","rows":[
    {"model":"m","effectiveFrom":"2026-01-01","input":"1","cacheWrite5m":"1.25","cacheWrite1h":"2","cacheRead":"0.10","output":"5"},
    {"model":"m","aliases":["m-dated"],"effectiveFrom":"2026-06-01","input":2,"cacheWrite5m":"2.5","cacheWrite1h":"4","cacheRead":"0.2","output":"10"}]})";

} // namespace

class TestAnthropicClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;

    std::unique_ptr<AnthropicClient> client(const QString& key = kValid, QUrl base = {})
    {
        auto made = std::make_unique<AnthropicClient>(ClientContext{
            m_core.get(), base.isEmpty() ? m_sim->baseUrl(ProviderId::Anthropic) : base, keyCredential(key)});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Anthropic); }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(5);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void init()
    {
        m_sim->reset();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
        m_budget = RecordingBudget();
        m_core->setBudgetHook(&m_budget);
    }

    // ---- the price table ----

    void builtInTableLoadsFromTheResource()
    {
        const AnthropicPriceTable& table = AnthropicPriceTable::builtIn();
        QCOMPARE(table.currency(), QStringLiteral("USD"));
        QCOMPARE(table.rows().size(), 16);
        for (const AnthropicPriceRow& row : table.rows()) {
            QVERIFY(row.effectiveFrom.isValid());
            QVERIFY2(row.prices.output > row.prices.input, qPrintable(row.model));
            QVERIFY2(row.prices.cacheWrite1h > row.prices.cacheWrite5m, qPrintable(row.model));
            QVERIFY2(row.prices.cacheRead < row.prices.input, qPrintable(row.model));
        }
        const auto haiku = table.priceFor(QStringLiteral("claude-haiku-4-5-20251001"), kDay);
        QVERIFY2(haiku.ok(), why(haiku));
        QCOMPARE(haiku->model, QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(haiku->prices.input, usd("1"));
        QCOMPARE(haiku->prices.cacheWrite5m, usd("1.25"));
        QCOMPARE(haiku->prices.output, usd("5"));
        const auto opus = table.priceFor(QStringLiteral("claude-opus-5-5"), kDay);
        QCOMPARE(opus->prices.cacheRead, usd("0.20"));
        // Every model the simulator lists has a price.
        for (const char* id : {"claude-opus-5", "claude-sonnet-5", "claude-opus-4-8", "claude-opus-4-6",
                               "claude-sonnet-4-6", "claude-haiku-4-5-20251001"})
            QVERIFY2(table.knows(QString::fromLatin1(id)), id);
    }

    void unknownModelIsAnErrorNotZero()
    {
        const auto price =
            AnthropicPriceTable::builtIn().priceFor(QStringLiteral("claude-mythos-preview"), kDay);
        QVERIFY(!price.ok());
        QVERIFY(price.error().contains(QStringLiteral("no price for model \"claude-mythos-preview\"")));
        const auto cost = AnthropicPriceTable::builtIn().worstCaseCost(QStringLiteral("gpt-5"), 10, 10, kDay);
        QVERIFY(!cost.ok());
    }

    void rowInForceIsPickedByDate()
    {
        const auto table = AnthropicPriceTable::fromJson(kTwoRows);
        QVERIFY2(table.ok(), why(table));
        QCOMPARE(table->priceFor(QStringLiteral("m"), QDate(2026, 3, 1))->prices.input, usd("1"));
        QCOMPARE(table->priceFor(QStringLiteral("m"), QDate(2026, 5, 31))->prices.input, usd("1"));
        QCOMPARE(table->priceFor(QStringLiteral("m"), QDate(2026, 6, 1))->prices.input, usd("2"));
        QCOMPARE(table->priceFor(QStringLiteral("m-dated"), QDate(2027, 1, 1))->prices.output, usd("10"));
        const auto early = table->priceFor(QStringLiteral("m"), QDate(2025, 12, 31));
        QVERIFY(!early.ok());
        QVERIFY(early.error().contains(QStringLiteral("its first row starts 2026-01-01")));
    }

    void costCoversEveryTokenClassExactly()
    {
        AnthropicUsage usage;
        usage.inputTokens = 1000;
        usage.cacheWrite5mTokens = 2000;
        usage.cacheWrite1hTokens = 500;
        usage.cacheReadTokens = 4000;
        usage.outputTokens = 300;
        // 1000×3 + 2000×3.75 + 500×6 + 4000×0.30 + 300×15 micro-dollars per token-million
        const auto cost =
            AnthropicPriceTable::builtIn().costOf(QStringLiteral("claude-sonnet-4-6"), usage, kDay);
        QVERIFY2(cost.ok(), why(cost));
        QCOMPARE(*cost, usdMicros(3000 + 7500 + 3000 + 1200 + 4500));
    }

    void haikuFiveFiveBandsByPromptSize()
    {
        const AnthropicPriceTable& table = AnthropicPriceTable::builtIn();
        AnthropicUsage usage;
        usage.inputTokens = 90'000;
        usage.cacheReadTokens = 10'000; // 100,000 prompt tokens: still the low band
        usage.outputTokens = 1000;
        QCOMPARE(*table.costOf(QStringLiteral("claude-haiku-5-5"), usage, kDay), usdMicros(9000 + 100 + 500));
        usage.inputTokens += 1; // above 100k: every token at the high band, output included
        // 90,001 × 0.50 + 10,000 × 0.05 + 1,000 × 2.50 = 48,000.5 micro-dollars, rounded half up
        QCOMPARE(*table.costOf(QStringLiteral("claude-haiku-5-5"), usage, kDay), usdMicros(48'001));
    }

    void roundingIsHalfUpForCostsAndUpForWorstCases()
    {
        const AnthropicPriceTable& table = AnthropicPriceTable::builtIn();
        AnthropicUsage usage;
        usage.inputTokens = 3; // 0.3 micro-dollars at $0.10/MTok
        QCOMPARE(*table.costOf(QStringLiteral("claude-haiku-5-5"), usage, kDay), usdMicros(0));
        usage.inputTokens = 5; // 0.5
        QCOMPARE(*table.costOf(QStringLiteral("claude-haiku-5-5"), usage, kDay), usdMicros(1));
        QCOMPARE(*table.worstCaseCost(QStringLiteral("claude-haiku-5-5"), 3, 0, kDay), usdMicros(1));
        // input at the input price, max_tokens at the output price
        QCOMPARE(*table.worstCaseCost(QStringLiteral("claude-haiku-4-5"), 7, 3, kDay), usdMicros(7 + 15));
        // a prompt written to the 1-hour cache is reserved at the write price
        QCOMPARE(*table.worstCaseCost(QStringLiteral("claude-haiku-4-5"), 1000, 0, kDay,
                                      AnthropicCacheTtl::OneHour),
                 usdMicros(2000));
        QVERIFY(!table.worstCaseCost(QStringLiteral("claude-haiku-4-5"), -1, 0, kDay).ok());
        QVERIFY(!table
                     .worstCaseCost(QStringLiteral("claude-haiku-4-5"), std::numeric_limits<qint64>::max(), 1,
                                    kDay)
                     .ok());
    }

    void brokenTablesAreRefusedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
        QTest::newRow("no currency") << QByteArray(R"({"rows":[{}]})") << QStringLiteral("\"currency\"");
        QTest::newRow("no rows") << QByteArray(R"({"currency":"USD","rows":[]})")
                                 << QStringLiteral("no \"rows\"");
        QTest::newRow("no model") << QByteArray(
                                         R"({"currency":"USD","rows":[{"effectiveFrom":"2026-01-01"}]})")
                                  << QStringLiteral("row 1: every row needs a \"model\"");
        QTest::newRow("bad date")
            << QByteArray(R"({"currency":"USD","rows":[{"model":"m","effectiveFrom":"soon"}]})")
            << QStringLiteral("m: \"effectiveFrom\" should be a date");
        QTest::newRow("missing price")
            << QByteArray(
                   R"({"currency":"USD","rows":[{"model":"m","effectiveFrom":"2026-01-01","input":"1"}]})")
            << QStringLiteral("m: \"cacheWrite5m\" should be a price per million tokens");
        QTest::newRow("seven decimals")
            << QByteArray(
                   R"({"currency":"USD","rows":[{"model":"m","effectiveFrom":"2026-01-01","input":"0.0000001",)"
                   R"("cacheWrite5m":"1","cacheWrite1h":"1","cacheRead":"1","output":"1"}]})")
            << QStringLiteral("m: \"input\" is not a price");
        QTest::newRow("negative")
            << QByteArray(
                   R"({"currency":"USD","rows":[{"model":"m","effectiveFrom":"2026-01-01","input":"-1",)"
                   R"("cacheWrite5m":"1","cacheWrite1h":"1","cacheRead":"1","output":"1"}]})")
            << QStringLiteral("m: \"input\" is negative");
        QTest::newRow("same day twice")
            << QByteArray(
                   R"({"currency":"USD","rows":[)"
                   R"({"model":"m","effectiveFrom":"2026-01-01","input":1,"cacheWrite5m":1,"cacheWrite1h":1,"cacheRead":1,"output":1},)"
                   R"({"model":"m","effectiveFrom":"2026-01-01","input":2,"cacheWrite5m":1,"cacheWrite1h":1,"cacheRead":1,"output":1}]})")
            << QStringLiteral("m has two rows effective from 2026-01-01");
        QTest::newRow("alias under two models")
            << QByteArray(
                   R"({"currency":"USD","rows":[)"
                   R"({"model":"a","effectiveFrom":"2026-01-01","input":1,"cacheWrite5m":1,"cacheWrite1h":1,"cacheRead":1,"output":1},)"
                   R"({"model":"b","aliases":["a"],"effectiveFrom":"2026-02-01","input":2,"cacheWrite5m":1,"cacheWrite1h":1,"cacheRead":1,"output":1}]})")
            << QStringLiteral("a is listed under both a and b");
    }

    void brokenTablesAreRefusedWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const auto table = AnthropicPriceTable::fromJson(json);
        QVERIFY(!table.ok());
        QVERIFY2(table.error().contains(reason), qPrintable(table.error()));
    }

    void userEditedTableReplacesTheBuiltInOne()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(kTwoRows);
        file.close();
        const auto table = AnthropicPriceTable::fromFile(file.fileName());
        QVERIFY2(table.ok(), why(table));
        auto anthropic = client();
        anthropic->setPriceTable(table.value());
        QVERIFY(anthropic->priceTable().knows(QStringLiteral("m-dated")));
        QVERIFY(!anthropic->priceTable().knows(QStringLiteral("claude-haiku-4-5")));
        QVERIFY(!AnthropicPriceTable::fromFile(QStringLiteral("/nonexistent/prices.json")).ok());
    }

    // ---- messages ----

    void messageIsBilledFromUsageTimesPrice()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        auto anthropic = client();
        const AnthropicMessageRequest request = hello();
        const Money worst = *anthropic->worstCaseCost(request);
        const auto message = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(message.ok(), why(message));
        QVERIFY(message->id.startsWith(QStringLiteral("msg_")));
        QCOMPARE(message->model, QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(message->stopReason, QStringLiteral("end_turn"));
        QVERIFY(message->stopSequence.isEmpty());
        QCOMPARE(message->blockTypes, QStringList{QStringLiteral("text")});
        QVERIFY(message->text.startsWith(QStringLiteral("Hi ")));
        QVERIFY(message->requestId.startsWith(QStringLiteral("req_")));
        QCOMPARE(message->raw.value(QStringLiteral("id")).toString(), message->id);

        const qint64 input = 8 + simTokens(request.messages.first().text) + 4 + simTokens(request.system) + 4;
        const qint64 output = simTokens(message->text);
        QCOMPARE(message->usage.inputTokens, input);
        QCOMPARE(message->usage.outputTokens, output);
        QCOMPARE(message->usage.cacheReadTokens, qint64(0));
        QCOMPARE(message->usage.serviceTier, QStringLiteral("standard"));
        QVERIFY(!message->costMayDiffer);

        // Reported: usage × $3 / $15 per million tokens, in USD.
        QVERIFY(message->cost.has_value());
        QCOMPARE(message->cost->source, CostSource::Reported);
        QCOMPARE(message->cost->provider, ProviderId::Anthropic);
        QCOMPARE(message->cost->operation, QStringLiteral("message"));
        QCOMPARE(message->cost->amount, usdMicros(input * 3 + output * 15));
        QCOMPARE(message->cost->units, input + output);
        QCOMPARE(message->cost->unit, QStringLiteral("token"));
        QCOMPARE(message->cost->providerReference, message->id);
        QCOMPARE(costs.size(), 1);

        // The budget reserved the worst case first: the text's byte bound plus max_tokens.
        QCOMPARE(m_budget.reserved, QList<Money>{worst});
        QCOMPARE(worst,
                 *AnthropicPriceTable::builtIn().worstCaseCost(
                     QStringLiteral("claude-sonnet-4-6"), AnthropicClient::inputTokenBound(request), 256));
        QVERIFY(worst > message->cost->amount);

        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.method, QByteArray("POST"));
        QCOMPARE(seen.path, QStringLiteral("/v1/messages"));
        QCOMPARE(headerOf(seen, "anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(!headerOf(seen, "x-api-key").isEmpty());
        QVERIFY(!headerOf(seen, "x-api-key").contains("sim-valid"));
        QVERIFY(headerOf(seen, "Authorization").isEmpty());
        const QJsonObject body = QJsonDocument::fromJson(seen.body).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("claude-sonnet-4-6"));
        QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 256);
        QCOMPARE(body.value(QStringLiteral("system")).toString(), request.system);
        QCOMPARE(
            body.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("role")),
            QStringLiteral("user"));
        QVERIFY(!body.contains(QStringLiteral("temperature"))); // newer models refuse non-default sampling
    }

    void hintedInputTokensNarrowTheWorstCase()
    {
        auto anthropic = client();
        AnthropicMessageRequest request = hello(QStringLiteral("claude-haiku-4-5"));
        const auto counted = QCoro::waitFor(anthropic->countTokens(request));
        QVERIFY2(counted.ok(), why(counted));
        request.inputTokensHint = *counted;
        QCOMPARE(*anthropic->worstCaseCost(request), usdMicros(*counted * 1 + 256 * 5));
        const auto message = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(message.ok(), why(message));
        QCOMPARE(message->usage.inputTokens, *counted);
        QCOMPARE(m_budget.reserved, QList<Money>{usdMicros(*counted + 256 * 5)});
    }

    void promptCachingBillsWritesThenReads()
    {
        auto anthropic = client();
        AnthropicMessageRequest request = hello(QStringLiteral("claude-opus-4-6"));
        request.system = QString(QStringLiteral("Agency style guide. ")).repeated(240); // ~1,200 tokens
        request.cacheSystem = AnthropicCacheTtl::OneHour;
        const qint64 systemTokens = simTokens(request.system) + 4;
        const qint64 turnTokens = 8 + simTokens(request.messages.first().text) + 4;

        const auto first = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(first.ok(), why(first));
        QCOMPARE(first->usage.cacheWrite1hTokens, systemTokens);
        QCOMPARE(first->usage.cacheWrite5mTokens, qint64(0));
        QCOMPARE(first->usage.inputTokens, turnTokens);
        const qint64 out1 = first->usage.outputTokens;
        QCOMPARE(first->cost->amount, usdMicros(turnTokens * 5 + systemTokens * 10 + out1 * 25));

        const auto second = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(second.ok(), why(second));
        QCOMPARE(second->usage.cacheReadTokens, systemTokens);
        QCOMPARE(second->usage.cacheWrite1hTokens, qint64(0));
        const qint64 out2 = second->usage.outputTokens;
        // 0.50 per million for cache reads: systemTokens / 2 micro-dollars, rounded half up
        QCOMPARE(second->cost->amount, usdMicros(turnTokens * 5 + (systemTokens * 5 + 5) / 10 + out2 * 25));

        // The worst case priced the prompt at the 1-hour write price.
        QCOMPARE(m_budget.reserved.first(),
                 *AnthropicPriceTable::builtIn().worstCaseCost(
                     QStringLiteral("claude-opus-4-6"), AnthropicClient::inputTokenBound(request), 256,
                     QDateTime::currentDateTimeUtc().date(), AnthropicCacheTtl::OneHour));
        const QJsonObject body = QJsonDocument::fromJson(log().constLast().body).object();
        const QJsonObject block = body.value(QStringLiteral("system")).toArray().first().toObject();
        QCOMPARE(
            block.value(QStringLiteral("cache_control")).toObject().value(QStringLiteral("ttl")).toString(),
            QStringLiteral("1h"));
    }

    void maxTokensAndStopSequencesStopTheAnswer()
    {
        auto anthropic = client();
        AnthropicMessageRequest request = hello();
        request.maxTokens = 5;
        const auto cut = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(cut.ok(), why(cut));
        QCOMPARE(cut->stopReason, QStringLiteral("max_tokens"));
        QCOMPARE(cut->usage.outputTokens, qint64(5));

        request = hello();
        request.stopSequences = {QStringLiteral("thanks")};
        const auto stopped = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(stopped.ok(), why(stopped));
        QCOMPARE(stopped->stopReason, QStringLiteral("stop_sequence"));
        QCOMPARE(stopped->stopSequence, QStringLiteral("thanks"));
        QVERIFY(!stopped->text.contains(QStringLiteral("thanks")));
    }

    void modelWithoutAPriceIsRefusedBeforeSending()
    {
        const auto message =
            QCoro::waitFor(client()->createMessage(hello(QStringLiteral("claude-mythos-preview"))));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(message.error().message().contains(
            QStringLiteral("no price for model \"claude-mythos-preview\"")));
        QCOMPARE(log().size(), 0);
        QVERIFY(m_budget.reserved.isEmpty());

        AnthropicMessageRequest empty = hello();
        empty.messages.clear();
        QCOMPARE(QCoro::waitFor(client()->createMessage(empty)).error().kind,
                 IntegrationError::Kind::Configuration);
        QCOMPARE(QCoro::waitFor(client(QString())->createMessage(hello())).error().kind,
                 IntegrationError::Kind::Configuration);
    }

    void modelTheApiDoesNotKnowIsNotFound()
    {
        // Priced locally but unknown to the (simulated) API.
        const auto message =
            QCoro::waitFor(client()->createMessage(hello(QStringLiteral("claude-fable-5-1"))));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(message.error().httpStatus, 404);
        QCOMPARE(message.error().providerCode, QStringLiteral("not_found_error"));
        QCOMPARE(message.error().providerMessage, QStringLiteral("model: claude-fable-5-1"));
        QVERIFY(message.error().requestId.startsWith(QStringLiteral("req_")));
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
    }

    void invalidRequestCarriesAnthropicsWords()
    {
        AnthropicMessageRequest request = hello(QStringLiteral("claude-sonnet-5"));
        request.temperature = 0.2;
        const auto message = QCoro::waitFor(client()->createMessage(request));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(message.error().httpStatus, 400);
        QCOMPARE(message.error().providerCode, QStringLiteral("invalid_request_error"));
        QVERIFY(message.error().message().startsWith(QStringLiteral("Anthropic: temperature:")));
        QCOMPARE(log().size(), 1);
    }

    void refusedKeyIsAnAuthError()
    {
        const auto message = QCoro::waitFor(client(QStringLiteral("sk-ant-wrong"))->createMessage(hello()));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(message.error().providerCode, QStringLiteral("authentication_error"));
        QCOMPARE(message.error().providerMessage, QStringLiteral("invalid x-api-key"));
        QVERIFY(message.error().requestId.startsWith(QStringLiteral("req_")));
    }

    void rateLimitIsWaitedOutAndSentAgain()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        m_sim->scheduleFaults(ProviderId::Anthropic, QStringLiteral("/v1/messages"),
                              {{FaultKind::RateLimited, 2}});
        const auto message = QCoro::waitFor(client()->createMessage(hello()));
        QVERIFY2(message.ok(), why(message));
        QCOMPARE(log().size(), 2);
        QCOMPARE(log().first().status, 429);
        QCOMPARE(costs.size(), 1); // the refused attempt cost nothing
        QCOMPARE(m_budget.outcomes, (QList<CallOutcome>{CallOutcome::Failed, CallOutcome::Succeeded}));
    }

    void persistentRateLimitEndsRateLimited()
    {
        const auto message =
            QCoro::waitFor(client(QStringLiteral("sim-ratelimited"))->createMessage(hello()));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(message.error().providerCode, QStringLiteral("rate_limit_error"));
        QCOMPARE(message.error().retryAfter, std::optional<std::chrono::milliseconds>(1s));
        QCOMPARE(log().size(), 3);
    }

    void overloadedIsATransientServerErrorAndRetried()
    {
        AnthropicMessageRequest request = hello();
        request.metadataUserId = QStringLiteral("sim-overloaded");
        const auto message = QCoro::waitFor(client()->createMessage(request));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(message.error().httpStatus, 529);
        QCOMPARE(message.error().providerCode, QStringLiteral("overloaded_error"));
        QVERIFY(message.error().isTransient());
        QCOMPARE(log().size(), 3);
    }

    void serverErrorOnAMessageIsNotSentAgain()
    {
        m_sim->scheduleFaults(ProviderId::Anthropic, QStringLiteral("/v1/messages"),
                              {{FaultKind::ServerError500}});
        const auto message = QCoro::waitFor(client()->createMessage(hello()));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(message.error().providerCode, QStringLiteral("api_error"));
        QCOMPARE(log().size(), 1); // a 500 may have been processed: never billed twice
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});
    }

    void billingErrorIsNotAnAuthFailure()
    {
        AnthropicMessageRequest request = hello();
        request.metadataUserId = QStringLiteral("sim-billing");
        const auto message = QCoro::waitFor(client()->createMessage(request));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(message.error().providerCode, QStringLiteral("billing_error"));
        QVERIFY(message.error().message().contains(QStringLiteral("credit balance is too low")));
    }

    void countTokensIsFreeAndExact()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AnthropicMessageRequest request = hello();
        const auto counted = QCoro::waitFor(client()->countTokens(request));
        QVERIFY2(counted.ok(), why(counted));
        QCOMPARE(*counted, 8 + simTokens(request.messages.first().text) + 4 + simTokens(request.system) + 4);
        QCOMPARE(costs.size(), 0);
        QVERIFY(m_budget.reserved.isEmpty());
        const RecordedRequest seen = log().constLast();
        QCOMPARE(seen.path, QStringLiteral("/v1/messages/count_tokens"));
        QVERIFY(!QJsonDocument::fromJson(seen.body).object().contains(QStringLiteral("max_tokens")));
    }

    // ---- models and the check ----

    void modelsArePagedByCursor()
    {
        auto anthropic = client();
        AnthropicModelListRequest request;
        request.limit = 2;
        const auto page = QCoro::waitFor(anthropic->listModels(request));
        QVERIFY2(page.ok(), why(page));
        QCOMPARE(page->models.size(), 2);
        QVERIFY(page->hasMore);
        QCOMPARE(page->firstId, QStringLiteral("claude-opus-5"));
        QCOMPARE(page->lastId, QStringLiteral("claude-sonnet-5"));
        QCOMPARE(page->models.first().displayName, QStringLiteral("Claude Opus 5"));
        QCOMPARE(page->models.first().createdAt, QDateTime(QDate(2026, 6, 10), QTime(0, 0), Qt::UTC));
        QCOMPARE(page->models.first().maxTokens, std::optional<qint64>(128000));
        QCOMPARE(page->models.first().maxInputTokens, std::optional<qint64>(200000));

        request.afterId = page->lastId;
        const auto next = QCoro::waitFor(anthropic->listModels(request));
        QCOMPARE(next->firstId, QStringLiteral("claude-opus-4-8"));
        QCOMPARE(QUrlQuery(log().constLast().query).queryItemValue(QStringLiteral("after_id")),
                 QStringLiteral("claude-sonnet-5"));

        const auto all = QCoro::waitFor(anthropic->listAllModels());
        QVERIFY2(all.ok(), why(all));
        QCOMPARE(all->size(), 6);
        QCOMPARE(all->last().id, QStringLiteral("claude-haiku-4-5-20251001"));
        request.limit = 0;
        QCOMPARE(QCoro::waitFor(anthropic->listModels(request)).error().kind,
                 IntegrationError::Kind::Configuration);
    }

    void checkListsOneModelAndReportsRateLimits()
    {
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = QCoro::waitFor(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QCOMPARE(status.summary, QStringLiteral("Key valid · 50 requests/min"));
        QVERIFY(detailOf(status, QStringLiteral("Requests per minute"))
                    .startsWith(QStringLiteral("49 of 50 left")));
        QVERIFY(detailOf(status, QStringLiteral("Input tokens per minute"))
                    .startsWith(QStringLiteral("39000 of 40000")));
        QVERIFY(!detailOf(status, QStringLiteral("Output tokens per minute")).isEmpty());
        QCOMPARE(detailOf(status, QStringLiteral("Newest model")), QStringLiteral("claude-opus-5"));
        QCOMPARE(detailOf(status, QStringLiteral("Price table")),
                 QStringLiteral("has a price for claude-opus-5"));
        QVERIFY(detailOf(status, QStringLiteral("Request id")).startsWith(QStringLiteral("req_")));
        QCOMPARE(costs.size(), 0);
        QCOMPARE(log().size(), 1);
        QCOMPARE(log().first().method, QByteArray("GET")); // never a message
        QCOMPARE(log().first().path, QStringLiteral("/v1/models"));
        QCOMPARE(log().first().query, QStringLiteral("limit=1"));
    }

    void checkNeverFailsFalsely()
    {
        QCOMPARE(QCoro::waitFor(client(QStringLiteral("sk-ant-nope"))->checkCredentials()).state,
                 AccountStatus::State::Invalid);
        QCOMPARE(QCoro::waitFor(client(QStringLiteral("sim-ratelimited"))->checkCredentials()).state,
                 AccountStatus::State::RateLimited);
        QCOMPARE(QCoro::waitFor(client(QString())->checkCredentials()).state,
                 AccountStatus::State::NotConfigured);
        m_sim->scheduleFaults(
            ProviderId::Anthropic, QStringLiteral("/v1/models"),
            {{FaultKind::Unavailable503}, {FaultKind::ServerError500}, {FaultKind::BadGateway502}});
        const AccountStatus down = QCoro::waitFor(client()->checkCredentials());
        QCOMPARE(down.state, AccountStatus::State::Unreachable);
        m_sim->scheduleFaults(ProviderId::Anthropic, QStringLiteral("/v1/models"),
                              {{FaultKind::MalformedBody}});
        QCOMPARE(QCoro::waitFor(client()->checkCredentials()).state, AccountStatus::State::Unreachable);
    }

    // ---- odd answers ----

    void oddMessageJsonIsADecodeErrorThatSaysWhat_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("problem");
        const QByteArray head =
            R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",)";
        QTest::newRow("tokens as text")
            << QByteArray(head + R"("content":[],"usage":{"input_tokens":"12","output_tokens":3}})")
            << QStringLiteral("usage.input_tokens should be a non-negative integer but is a string");
        QTest::newRow("negative tokens")
            << QByteArray(head + R"("content":[],"usage":{"input_tokens":12,"output_tokens":-3}})")
            << QStringLiteral("usage.output_tokens should be a non-negative integer but is a number");
        QTest::newRow("wrong type")
            << QByteArray(R"({"id":"x","type":"completion","role":"assistant","model":"m","content":[]})")
            << QStringLiteral("type should be \"message\" but is \"completion\"");
        QTest::newRow("content not an array") << QByteArray(head + R"("content":"hello"})")
                                              << QStringLiteral("content should be an array but is a string");
        QTest::newRow("text block without text")
            << QByteArray(head + R"("content":[{"type":"text"}]})")
            << QStringLiteral("content[0].text should be a string but is missing");
        QTest::newRow("cache breakdown odd")
            << QByteArray(head +
                          R"("content":[],"usage":{"input_tokens":1,"output_tokens":1,"cache_creation":5}})")
            << QStringLiteral("usage.cache_creation should be an object but is a number");
    }

    void oddMessageJsonIsADecodeErrorThatSaysWhat()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, problem);
        CannedServer canned(200, body, {{"request-id", "req_canned"}});
        QList<CostEvent> costs;
        connect(m_core.get(), &HttpCore::costIncurred, this,
                [&costs](const CostEvent& event) { costs.append(event); });
        const auto message = QCoro::waitFor(
            client(kValid, canned.url())->createMessage(hello(QStringLiteral("claude-haiku-4-5"))));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(message.error().detail, problem);
        QCOMPARE(message.error().requestId, QStringLiteral("req_canned"));
        // A 200 was billed, whatever it said: the cost falls back to the worst case, estimated.
        QCOMPARE(costs.size(), 1);
        QCOMPARE(costs.first().source, CostSource::Estimated);
    }

    void missingUsageIsEstimatedAtTheWorstCase()
    {
        CannedServer canned(200,
                            R"({"id":"msg_2","type":"message","role":"assistant","model":"claude-haiku-4-5",)"
                            R"("content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"})");
        auto anthropic = client(kValid, canned.url());
        const AnthropicMessageRequest request = hello(QStringLiteral("claude-haiku-4-5"));
        const auto message = QCoro::waitFor(anthropic->createMessage(request));
        QVERIFY2(message.ok(), why(message));
        QCOMPARE(message->text, QStringLiteral("ok"));
        QCOMPARE(message->cost->source, CostSource::Estimated);
        QCOMPARE(message->cost->amount, *anthropic->worstCaseCost(request));
        QCOMPARE(message->cost->providerReference, QStringLiteral("msg_2"));
    }

    void nonStandardTierFlagsTheCost()
    {
        CannedServer canned(200,
                            R"({"id":"msg_3","type":"message","role":"assistant","model":"claude-haiku-4-5",)"
                            R"("content":[{"type":"text","text":"ok"},{"type":"thinking","thinking":"…"}],)"
                            R"("usage":{"input_tokens":10,"output_tokens":4,"cache_creation_input_tokens":6,)"
                            R"("cache_read_input_tokens":null,"service_tier":"priority",)"
                            R"("server_tool_use":{"web_search_requests":1}}})");
        const auto message = QCoro::waitFor(
            client(kValid, canned.url())->createMessage(hello(QStringLiteral("claude-haiku-4-5"))));
        QVERIFY2(message.ok(), why(message));
        QVERIFY(message->costMayDiffer);
        QCOMPARE(message->blockTypes, (QStringList{QStringLiteral("text"), QStringLiteral("thinking")}));
        QCOMPARE(message->usage.cacheWrite5mTokens, qint64(6)); // no breakdown: the default 5-minute TTL
        QCOMPARE(message->usage.serverToolRequests, qint64(1));
        QCOMPARE(message->cost->amount, usdMicros(38)); // 10×1 + 6×1.25 + 4×5 = 37.5, rounded half up
    }

    void resetHeadersTellHowLongToWait()
    {
        const QByteArray body =
            R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"},"request_id":"req_x"})";
        {
            CannedServer canned(429, body, {{"retry-after-ms", "1500"}});
            const auto message = QCoro::waitFor(client(kValid, canned.url())->createMessage(hello()));
            QCOMPARE(message.error().kind, IntegrationError::Kind::RateLimited);
            QCOMPARE(message.error().retryAfter, std::optional<std::chrono::milliseconds>(1500ms));
            QCOMPARE(canned.requests, 3);
        }
        {
            const QByteArray reset =
                QDateTime::currentDateTimeUtc().addSecs(20).toString(Qt::ISODate).toLatin1();
            CannedServer canned(429, body,
                                {{"anthropic-ratelimit-output-tokens-remaining", "0"},
                                 {"anthropic-ratelimit-output-tokens-reset", reset},
                                 {"anthropic-ratelimit-requests-remaining", "12"}});
            const auto message = QCoro::waitFor(client(kValid, canned.url())->createMessage(hello()));
            QVERIFY(message.error().retryAfter.has_value());
            QVERIFY(*message.error().retryAfter > 15s && *message.error().retryAfter <= 20s);
            QCOMPARE(message.error().providerMessage, QStringLiteral("slow down"));
        }
    }
};

QTEST_GUILESS_MAIN(TestAnthropicClient)
#include "tst_anthropicclient.moc"
