// ElevenLabsClient against the provider simulator: the subscription check (and the scoped-key
// fallback), voice pages, text to MP3 streamed into a file — its bytes, the character-cost header and
// the cost event — ElevenLabs' own error bodies (which must never end up in the caller's .mp3), and a
// large MP3 that must not be held in memory (against an agency-sim child process).

#include "integrations/elevenlabs/elevenlabsclient.h"
#include "integrations/elevenlabs/elevenlabsjson.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"
#include "simdata.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;
using namespace agency::sim;

namespace {

constexpr quint64 kSeed = 7;

class RecordingBudget : public BudgetHook
{
public:
    QList<Money> reserved;
    QList<CallOutcome> outcomes;
    QList<std::optional<CostEvent>> costs;

    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString,
                                                                 Money worstCase) override
    {
        reserved.append(worstCase);
        co_return ReservationId(reserved.size());
    }
    void settle(ReservationId, CallOutcome outcome, std::optional<CostEvent> cost) override
    {
        outcomes.append(outcome);
        costs.append(std::move(cost));
    }
};

Money usd(qint64 micros)
{
    return Money::fromMicros(micros, QStringLiteral("USD"));
}

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// The seeded subscription the simulator answers with (routes_elevenlabs.cpp).
qint64 characterLimit(const SimData& data)
{
    return data.range(u"eleven:limit", 2, 20) * 50000;
}
qint64 creditsLeft(const SimData& data)
{
    const qint64 limit = characterLimit(data);
    return limit - data.range(u"eleven:used", 0, limit);
}
// The first seed whose subscription has fewer (or more) credits left than `credits`.
quint64 seedWhere(bool fewer, qint64 credits)
{
    for (quint64 seed = 1; seed < 5000; ++seed) {
        const qint64 left = creditsLeft(SimData(seed));
        if (fewer ? left < credits : left >= credits)
            return seed;
    }
    return 0;
}

// The simulator's audio size: 15 characters a second at the format's bit rate (routes_elevenlabs.cpp).
qint64 audioBytes(qint64 characters, int kbps)
{
    return qint64(std::max(1.0, double(characters) / 15.0) * kbps * 1000 / 8);
}

QString words(qint64 characters)
{
    QString text;
    text.reserve(characters);
    static const QString sentence = QStringLiteral("Hi Jane, thanks for your time today. ");
    while (text.size() < characters)
        text += sentence;
    text.truncate(characters);
    return text;
}

// Peak resident memory of this process (VmHWM) and the current one (VmRSS), in bytes.
qint64 procStatus(QByteArrayView field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}
// Resets VmHWM to the current RSS (Linux: "5" to clear_refs), so the peak measured is this step's.
bool resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

// Under AddressSanitizer freed memory stays resident in its quarantine (256 MB by default) and would
// count as held: the measurement needs the small quarantine CTest sets (see CMakeLists.txt).
bool rssIsMeaningful()
{
#if defined(__SANITIZE_ADDRESS__)
    return qEnvironmentVariable("ASAN_OPTIONS").contains(QStringLiteral("quarantine_size_mb"));
#else
    return true;
#endif
}

// agency-sim in a child process, so what the simulator holds does not count against this process.
class ChildSimulator
{
public:
    ~ChildSimulator()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            m_process.waitForFinished(10'000);
        }
    }
    bool start(quint64 seed)
    {
        m_process.setProgram(QStringLiteral(AGENCY_SIM_EXE));
        m_process.setArguments(
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"), QString::number(seed)});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10'000))
            return false;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 20'000 && m_process.state() == QProcess::Running) {
            if (!m_process.canReadLine() && !m_process.waitForReadyRead(500))
                continue;
            while (m_process.canReadLine()) {
                const QList<QByteArray> parts = m_process.readLine().trimmed().split(' ');
                if (parts.size() == 2)
                    m_urls.insert(QString::fromUtf8(parts.at(0)), QUrl(QString::fromUtf8(parts.at(1))));
            }
            if (m_urls.size() >= ProviderSimulator::simulatedProviders().size())
                return true;
        }
        return false;
    }
    QUrl baseUrl(ProviderId provider) const { return m_urls.value(providerKey(provider)); }

private:
    QProcess m_process;
    QMap<QString, QUrl> m_urls;
};

} // namespace

class TestElevenLabsClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;
    SimData m_data{kSeed};
    QTemporaryDir m_dir;

    ElevenLabsClient client(const QString& key = QStringLiteral("sim-valid"), QUrl baseUrl = {}) const
    {
        Credential credential;
        if (!key.isNull())
            credential.fields.insert(QStringLiteral("api_key"), key);
        ElevenLabsClient eleven(ClientContext{
            m_core.get(), baseUrl.isEmpty() ? m_sim->baseUrl(ProviderId::ElevenLabs) : baseUrl, credential});
        eleven.setRetryTimeScale(0.001);
        return eleven;
    }
    template<typename T>
    static T wait(QCoro::Task<T> task)
    {
        return QCoro::waitFor(std::move(task));
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::ElevenLabs); }
    QString voice(int i = 0) const { return m_data.alnum(QStringLiteral("eleven:voice:%1").arg(i), 20); }
    std::shared_ptr<QFile> audioFile(const QString& name, const QByteArray& existing = {}) const
    {
        auto file = std::make_shared<QFile>(m_dir.filePath(name));
        if (!file->open(QIODevice::ReadWrite | QIODevice::Truncate))
            return nullptr;
        file->write(existing);
        return file;
    }
    ElevenLabsSpeechRequest speech(qint64 characters, std::shared_ptr<QIODevice> sink) const
    {
        ElevenLabsSpeechRequest request;
        request.voiceId = voice();
        request.text = words(characters);
        request.sink = std::move(sink);
        return request;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sim = std::make_unique<ProviderSimulator>(kSeed);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
        m_core->setBudgetHook(&m_budget);
        QVERIFY(creditsLeft(m_data) > 20'000); // the fixture's speech fits its quota
    }
    void init()
    {
        m_sim->reset();
        m_budget = RecordingBudget();
    }

    void checkIsValidWithTheQuota()
    {
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        const QString tier = m_data.pick(u"eleven:tier", {QStringLiteral("creator"), QStringLiteral("pro")});
        const QLocale english(QLocale::English);
        QCOMPARE(status.plan, tier);
        QCOMPARE(status.summary, QStringLiteral("%1 · %2 of %3 characters left")
                                     .arg(tier, english.toString(creditsLeft(m_data)),
                                          english.toString(characterLimit(m_data))));
        QVERIFY(
            status.details.contains({QStringLiteral("Next reset"), QStringLiteral("2026-02-01T00:00:00Z")}));
        QVERIFY(status.details.contains(
            {QStringLiteral("Characters left"), english.toString(creditsLeft(m_data))}));
        QCOMPARE(log().size(), 1);
        QCOMPARE(log().first().path, QStringLiteral("/v1/user/subscription"));
        QCOMPARE(headerOf(log().first(), "xi-api-key"), QByteArray("[REDACTED]"));
        QVERIFY(m_budget.reserved.isEmpty());
    }

    void scopedKeyIsValidLimited()
    {
        const AccountStatus status = wait(client(QStringLiteral("sim-limited")).checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QVERIFY(status.error);
        QCOMPARE(status.error->providerCode, QStringLiteral("missing_permissions"));
        QVERIFY(status.details.contains({QStringLiteral("Models"), QStringLiteral("4")}));
        QCOMPARE(log().size(), 2);
        QCOMPARE(log().at(1).path, QStringLiteral("/v1/models"));
    }

    void checkFailures_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("fault");
        QTest::addColumn<AccountStatus::State>("state");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong key") << QStringLiteral("sk_wrong") << -1 << AccountStatus::State::Invalid
                                   << QStringLiteral("Invalid API key");
        QTest::newRow("rate limited")
            << QStringLiteral("sim-ratelimited") << -1 << AccountStatus::State::RateLimited
            << QStringLiteral("Too many concurrent requests.");
        QTest::newRow("busy") << QStringLiteral("sim-valid") << int(FaultKind::Unavailable503)
                              << AccountStatus::State::Unreachable << QStringLiteral("heavy traffic");
        QTest::newRow("no key") << QString() << -1 << AccountStatus::State::NotConfigured << QString();
    }
    void checkFailures()
    {
        QFETCH(QString, key);
        QFETCH(int, fault);
        QFETCH(AccountStatus::State, state);
        QFETCH(QString, message);
        if (fault >= 0) {
            const Fault f{FaultKind(fault)};
            m_sim->scheduleFaults(ProviderId::ElevenLabs, QStringLiteral("/v1/user"), {f, f, f});
        }
        const AccountStatus status = wait(client(key).checkCredentials());
        QCOMPARE(status.state, state);
        QVERIFY2(status.summary.contains(message), qPrintable(status.summary));
    }

    void voicesArePagedWithTheToken()
    {
        ElevenLabsClient eleven = client();
        const auto first = wait(eleven.listVoices());
        QVERIFY2(first, qPrintable(first ? QString() : first.error().message()));
        QCOMPARE(first->voices.size(), 10);
        QVERIFY(first->hasMore);
        QCOMPARE(first->totalCount, 24);
        QVERIFY(!first->nextPageToken.isEmpty());
        QCOMPARE(log().first().query, QStringLiteral("page_size=10&include_total_count=true"));

        const ElevenLabsVoice& voice = first->voices.first();
        QCOMPARE(voice.voiceId, this->voice(0));
        QCOMPARE(voice.category, QStringLiteral("premade"));
        QCOMPARE(voice.labels.value(QStringLiteral("gender")), QStringLiteral("female"));
        QCOMPARE(voice.labels.value(QStringLiteral("use_case")), QStringLiteral("conversational"));
        QVERIFY(voice.previewUrl.endsWith(QStringLiteral("/preview.mp3")));
        QVERIFY(voice.settings);
        QCOMPARE(voice.settings->stability, std::optional<double>(0.5));
        QCOMPARE(voice.settings->similarityBoost, std::optional<double>(0.75));
        QCOMPARE(voice.settings->useSpeakerBoost, std::optional<bool>(true));
        QCOMPARE(voice.highQualityBaseModelIds, (QStringList{QStringLiteral("eleven_multilingual_v2"),
                                                             QStringLiteral("eleven_flash_v2_5")}));
        QVERIFY(voice.createdAt && voice.createdAt->isValid());
        QCOMPARE(voice.sharingRate, std::nullopt);
        QVERIFY(first->voices.at(5).isOwner);

        ElevenLabsVoiceQuery next;
        next.nextPageToken = first->nextPageToken;
        const auto second = wait(eleven.listVoices(next));
        QVERIFY(second);
        QCOMPARE(second->voices.first().voiceId, this->voice(10));
        ElevenLabsVoiceQuery last;
        last.nextPageToken = second->nextPageToken;
        const auto third = wait(eleven.listVoices(last));
        QVERIFY(third);
        QCOMPARE(third->voices.size(), 4);
        QVERIFY(!third->hasMore);
        QVERIFY(third->nextPageToken.isEmpty());
    }

    void voicesCanBeSearched()
    {
        ElevenLabsVoiceQuery query;
        query.category = QStringLiteral("cloned");
        query.pageSize = 100;
        const auto cloned = wait(client().listVoices(query));
        QVERIFY(cloned);
        QCOMPARE(cloned->voices.size(), 4);
        for (const ElevenLabsVoice& voice : cloned->voices)
            QCOMPARE(voice.category, QStringLiteral("cloned"));
        QCOMPARE(QUrlQuery(log().first().query).queryItemValue(QStringLiteral("category")),
                 QStringLiteral("cloned"));
    }

    void voicesNeedVoicesRead()
    {
        const auto result = wait(client(QStringLiteral("sim-limited")).listVoices());
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Auth);
        QCOMPARE(result.error().providerCode, QStringLiteral("missing_permissions"));
        QVERIFY(result.error().providerMessage.contains(QStringLiteral("voices_read")));
    }

    void voicePageSizeIsChecked()
    {
        ElevenLabsVoiceQuery query;
        query.pageSize = 150;
        const auto result = wait(client().listVoices(query));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(log().isEmpty());
    }

    void validationErrorsAreRead()
    {
        const QByteArray body =
            R"({"detail":[{"type":"missing","loc":["body","text"],"msg":"Field required","input":{}}]})";
        const ProviderErrorInfo info = client().endpoint().parseError(422, body);
        QCOMPARE(info.message, QStringLiteral("body.text: Field required"));
        QCOMPARE(info.code, QStringLiteral("missing"));
        QVERIFY(!client().endpoint().parseError(200, QByteArray(R"({"tier":"pro"})")).kind);
    }

    void speechIsStreamedIntoTheFile()
    {
        auto file = audioFile(QStringLiteral("hello.mp3"));
        QVERIFY(file);
        ElevenLabsSpeechRequest request = speech(300, file);
        request.voiceSettings = ElevenLabsVoiceSettings{0.4, 0.8, std::nullopt, true, 1.1};
        request.previousRequestIds = {QStringLiteral("req-1")};
        const auto result = wait(client().synthesize(request));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));

        // 300 characters ≈ 20 s of speech at 128 kbit/s.
        QCOMPARE(result->bytesWritten, audioBytes(300, 128));
        QCOMPARE(file->size(), 320'000);
        file->seek(0);
        QVERIFY(file->read(3) == "ID3");
        QCOMPARE(result->contentType, QByteArray("audio/mpeg"));
        QCOMPARE(result->charactersCharged, 300);
        QVERIFY(result->chargedFromHeader);
        QVERIFY(!result->requestId.isEmpty());
        QCOMPARE(result->currentConcurrentRequests, std::optional<qint64>(1));
        QVERIFY(result->maximumConcurrentRequests);

        // 300 characters at US$0.10 per 1,000.
        QCOMPARE(m_budget.reserved, QList<Money>{usd(30'000)});
        QVERIFY(result->cost);
        QCOMPARE(result->cost, m_budget.costs.first());
        QCOMPARE(result->cost->amount, usd(30'000));
        QCOMPARE(result->cost->unitPrice, usd(100));
        QCOMPARE(result->cost->units, 300);
        QCOMPARE(result->cost->unit, QStringLiteral("character"));
        QCOMPARE(result->cost->source, CostSource::Estimated);
        QCOMPARE(result->cost->operation, QStringLiteral("text_to_speech"));
        QCOMPARE(result->cost->providerReference, result->requestId);

        const RecordedRequest sent = log().first();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QStringLiteral("/v1/text-to-speech/%1").arg(voice()));
        QCOMPARE(sent.query, QStringLiteral("output_format=mp3_44100_128"));
        QCOMPARE(headerOf(sent, "Accept"), QByteArray("audio/mpeg"));
        QCOMPARE(headerOf(sent, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(headerOf(sent, "xi-api-key"), QByteArray("[REDACTED]"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QStringLiteral("text")).toString(), request.text);
        QCOMPARE(body.value(QStringLiteral("model_id")).toString(), QStringLiteral("eleven_multilingual_v2"));
        QCOMPARE(body.value(QStringLiteral("voice_settings")).toObject(),
                 (QJsonObject{{QStringLiteral("stability"), 0.4},
                              {QStringLiteral("similarity_boost"), 0.8},
                              {QStringLiteral("use_speaker_boost"), true},
                              {QStringLiteral("speed"), 1.1}}));
        QCOMPARE(body.value(QStringLiteral("previous_request_ids")).toArray(),
                 QJsonArray{QStringLiteral("req-1")});
    }

    void flashCostsHalfTheCharacters()
    {
        auto file = audioFile(QStringLiteral("flash.mp3"));
        ElevenLabsSpeechRequest request = speech(1001, file);
        request.modelId = QStringLiteral("eleven_flash_v2_5");
        request.outputFormat = QStringLiteral("mp3_22050_32");
        const auto result = wait(client().synthesize(request));
        QVERIFY(result);
        QCOMPARE(result->charactersCharged, 501); // 1 credit per 2 characters, rounded up
        QCOMPARE(result->cost->amount, usd(50'100));
        QCOMPARE(m_budget.reserved, QList<Money>{usd(100'100)}); // reserved at the full rate
        QCOMPARE(file->size(), audioBytes(1001, 32));
    }

    void aLibraryVoicesRateIsReserved()
    {
        ElevenLabsSpeechRequest request = speech(1000, audioFile(QStringLiteral("rate.mp3")));
        request.voiceRateMultiplier = 2.0;
        QCOMPARE(ElevenLabsClient::worstCaseCost(request), usd(200'000));
    }

    void tooLongForTheModelIsRefusedBeforeSending()
    {
        auto file = audioFile(QStringLiteral("long.mp3"));
        const auto result = wait(client().synthesize(speech(10'001, file)));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(result.error().message().contains(QStringLiteral("10,001")));
        QVERIFY(log().isEmpty());
        QVERIFY(m_budget.reserved.isEmpty());
        QCOMPARE(ElevenLabsClient::characterLimit(QStringLiteral("eleven_v3")), std::optional<qint64>(3000));
        QCOMPARE(ElevenLabsClient::characterLimit(QStringLiteral("eleven_flash_v2_5")),
                 std::optional<qint64>(40'000));
        QCOMPARE(ElevenLabsClient::characterLimit(QStringLiteral("some_future_model")), std::nullopt);
        QCOMPARE(ElevenLabsClient::characterCount(QStringLiteral("a😀b")), 3);
    }

    void badRequestsAreRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<bool>("openSink");
        QTest::addColumn<double>("stability");
        QTest::newRow("wav") << QStringLiteral("wav_44100") << true << 0.5;
        QTest::newRow("unknown") << QStringLiteral("mp3_8000_8") << true << 0.5;
        QTest::newRow("closed sink") << QStringLiteral("mp3_44100_128") << false << 0.5;
        QTest::newRow("stability") << QStringLiteral("mp3_44100_128") << true << 1.5;
    }
    void badRequestsAreRefusedBeforeSending()
    {
        QFETCH(QString, format);
        QFETCH(bool, openSink);
        QFETCH(double, stability);
        auto sink = std::make_shared<QBuffer>();
        if (openSink)
            sink->open(QIODevice::WriteOnly);
        ElevenLabsSpeechRequest request = speech(10, sink);
        request.outputFormat = format;
        request.voiceSettings = ElevenLabsVoiceSettings{stability, {}, {}, {}, {}};
        const auto result = wait(client().synthesize(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(log().isEmpty());
    }

    void providerErrorsNeverReachTheFile_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("voiceId");
        QTest::addColumn<int>("fault");
        QTest::addColumn<IntegrationError::Kind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong key") << QStringLiteral("sk_wrong") << QString() << -1
                                   << IntegrationError::Kind::Auth << QStringLiteral("invalid_api_key")
                                   << QStringLiteral("Invalid API key");
        QTest::newRow("unknown voice")
            << QStringLiteral("sim-valid") << QStringLiteral("nosuchvoice") << -1
            << IntegrationError::Kind::InvalidRequest << QStringLiteral("voice_not_found")
            << QStringLiteral("A voice with voice_id nosuchvoice does not exist.");
        QTest::newRow("busy") << QStringLiteral("sim-valid") << QString() << int(FaultKind::Unavailable503)
                              << IntegrationError::Kind::Server << QStringLiteral("system_busy")
                              << QStringLiteral(
                                     "The system is experiencing heavy traffic, please try again.");
        QTest::newRow("concurrency") << QStringLiteral("sim-valid") << QString()
                                     << int(FaultKind::RateLimited) << IntegrationError::Kind::RateLimited
                                     << QStringLiteral("too_many_concurrent_requests")
                                     << QStringLiteral(
                                            "Too many concurrent requests. Your current subscription "
                                            "allows 5 concurrent requests.");
    }
    void providerErrorsNeverReachTheFile()
    {
        QFETCH(QString, key);
        QFETCH(QString, voiceId);
        QFETCH(int, fault);
        QFETCH(IntegrationError::Kind, kind);
        QFETCH(QString, code);
        QFETCH(QString, message);
        if (fault >= 0)
            m_sim->scheduleFaults(ProviderId::ElevenLabs, QStringLiteral("/v1/text-to-speech"),
                                  {{FaultKind(fault), 3}});
        // Earlier content in the caller's file stays exactly as it was.
        auto file = audioFile(QStringLiteral("error.mp3"), QByteArrayLiteral("EARLIER"));
        ElevenLabsSpeechRequest request = speech(300, file);
        if (!voiceId.isEmpty())
            request.voiceId = voiceId;
        const auto result = wait(client(key).synthesize(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, kind);
        QCOMPARE(result.error().providerCode, code);
        QCOMPARE(result.error().providerMessage, message);
        QCOMPARE(file->size(), 7);
        QCOMPARE(file->pos(), 7);
        file->seek(0);
        QCOMPARE(file->readAll(), QByteArrayLiteral("EARLIER"));
        QCOMPARE(log().size(), 1); // a POST is never sent twice
        QCOMPARE(m_budget.outcomes.size(), 1);
        if (kind == IntegrationError::Kind::RateLimited)
            QCOMPARE(result.error().retryAfter, std::optional<std::chrono::milliseconds>(3000));
    }

    void quotaExceededIsNotARefusedKey()
    {
        // A seeded account with fewer credits left than 40,000 Flash characters cost.
        const quint64 seed = seedWhere(true, 20'000);
        QVERIFY(seed != 0);
        ProviderSimulator sim(seed);
        QVERIFY(sim.listen());
        auto file = audioFile(QStringLiteral("quota.mp3"));
        ElevenLabsSpeechRequest request = speech(40'000, file);
        request.voiceId = SimData(seed).alnum(u"eleven:voice:0", 20); // voices are seeded too
        request.modelId = QStringLiteral("eleven_flash_v2_5");
        const auto result = wait(
            client(QStringLiteral("sim-valid"), sim.baseUrl(ProviderId::ElevenLabs)).synthesize(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(result.error().httpStatus, 401);
        QCOMPARE(result.error().providerCode, QStringLiteral("quota_exceeded"));
        QVERIFY(result.error().providerMessage.contains(QStringLiteral("20000 credits are required")));
        QCOMPARE(file->size(), 0);
    }

    void aBrokenDownloadLeavesTheFileEmpty()
    {
        m_sim->scheduleFaults(ProviderId::ElevenLabs, QStringLiteral("/v1/text-to-speech"),
                              {{FaultKind::ResetMidResponse}});
        auto file = audioFile(QStringLiteral("reset.mp3"));
        const auto result = wait(client().synthesize(speech(3000, file))); // 3.2 MB, reset half-way
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Network);
        QCOMPARE(file->size(), 0);
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});
    }

    void readsAreRetried()
    {
        m_sim->scheduleFaults(ProviderId::ElevenLabs, QStringLiteral("/v1/user/subscription"),
                              {{FaultKind::RateLimited, 1}});
        const auto subscription = wait(client().subscription());
        QVERIFY(subscription);
        QCOMPARE(subscription->characterLimit, characterLimit(m_data));
        QCOMPARE(subscription->charactersLeft(), creditsLeft(m_data));
        QCOMPARE(subscription->nextCharacterCountReset,
                 std::optional<QDateTime>(QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC)));
        QCOMPARE(subscription->currency, QStringLiteral("usd"));
        QCOMPARE(log().size(), 2);
    }

    void malformedAnswersAreDecodeErrorsNotInvalidKeys()
    {
        m_sim->scheduleFaults(ProviderId::ElevenLabs, QStringLiteral("/v1/user/subscription"),
                              {{FaultKind::MalformedBody}});
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->kind, IntegrationError::Kind::Decode);
    }

    void oddFieldsAreNamedNotDefaulted()
    {
        const auto subscription = ElevenLabsJson::subscription(
            QJsonDocument::fromJson(R"({"tier":"pro","character_count":1,"character_limit":"many"})")
                .object());
        QVERIFY(!subscription);
        QCOMPARE(subscription.error(), QStringLiteral("`character_limit` should be a number, not a string"));

        const auto page = ElevenLabsJson::voicePage(
            QJsonDocument::fromJson(
                R"({"voices":[{"voice_id":"v","name":"n","labels":{"accent":5}}],"has_more":false,"total_count":1})")
                .object());
        QVERIFY(!page);
        QCOMPARE(page.error(), QStringLiteral("`voices[0].labels.accent` should be a string"));

        const auto flag = ElevenLabsJson::voicePage(
            QJsonDocument::fromJson(R"({"voices":[],"has_more":"yes","total_count":0})").object());
        QVERIFY(!flag);
        QCOMPARE(flag.error(), QStringLiteral("`has_more` should be a boolean, not a string"));

        const auto models = ElevenLabsJson::models(QJsonDocument::fromJson(R"([{"name":"x"}])").array());
        QVERIFY(!models);
        QCOMPARE(models.error(), QStringLiteral("`[0].model_id` is missing"));
    }

    void pacingFollowsThePlan()
    {
        QCOMPARE(ElevenLabsClient::documentedPacing().maxConcurrent, 2);
        QCOMPARE(ElevenLabsClient::pacingForTier(QStringLiteral("creator")).maxConcurrent, 5);
        QCOMPARE(ElevenLabsClient::pacingForTier(QStringLiteral("pro")).maxConcurrent, 10);
        QCOMPARE(ElevenLabsClient::pacingForTier(QStringLiteral("something_new")).maxConcurrent, 2);
    }

    void aLargeMp3IsNeverHeldInMemory()
    {
        if (!rssIsMeaningful())
            QSKIP("AddressSanitizer's quarantine hides what is held: run through ctest (small quarantine)");
        // 40,000 Flash characters at 192 kbit/s: 64 MB of audio, from a simulator in another process.
        const quint64 seed = seedWhere(false, 20'000);
        ChildSimulator child;
        QVERIFY(child.start(seed));
        auto file = audioFile(QStringLiteral("large.mp3"));
        ElevenLabsSpeechRequest request = speech(40'000, file);
        request.voiceId = SimData(seed).alnum(u"eleven:voice:0", 20);
        request.modelId = QStringLiteral("eleven_flash_v2_5");
        request.outputFormat = QStringLiteral("mp3_44100_192");
        ElevenLabsClient eleven = client(QStringLiteral("sim-valid"), child.baseUrl(ProviderId::ElevenLabs));

        const bool reset = resetPeak();
        const qint64 before = reset ? procStatus("VmRSS:") : procStatus("VmHWM:");
        const auto result = wait(eleven.synthesize(request));
        const qint64 growth = procStatus("VmHWM:") - before;
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        const qint64 expected = audioBytes(40'000, 192);
        QCOMPARE(result->bytesWritten, expected);
        QCOMPARE(file->size(), expected);
        QCOMPARE(result->charactersCharged, 20'000);
        qInfo("peak RSS grew by %lld MB for a %lld MB MP3", growth >> 20, expected >> 20);
        // The client keeps at most 256 KiB (AudioSinkGuard's hold-back); what QNetworkReply buffers
        // ahead of the sink is up to the core: without a read-buffer limit on the reply, a fast
        // loopback server can run the whole body ahead of the disk (measured ~1× the file here,
        // ~10 MB with the limit). Never a second copy on top of that.
        QVERIFY2(growth < 2 * expected, qPrintable(QStringLiteral("peak RSS grew by %1 bytes").arg(growth)));
    }
};

QTEST_GUILESS_MAIN(TestElevenLabsClient)
#include "tst_elevenlabsclient.moc"
