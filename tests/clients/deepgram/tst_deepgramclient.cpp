// DeepgramClient against the provider simulator: the projects-and-balances check (and the member key),
// pre-recorded transcription of a file (streamed from disk with its MIME type) and of a URL, the typed
// result, the duration-based cost event and reservation, Deepgram's three error shapes, retries only
// where safe, and a 100 MB upload that must not be held in memory (against an agency-sim child process).

#include "integrations/deepgram/deepgramclient.h"
#include "integrations/deepgram/deepgramjson.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"
#include "simdata.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

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

// A PCM WAV header: 16-bit mono at `sampleRate`, for `dataBytes` of samples.
QByteArray wavHeader(int sampleRate, qint64 dataBytes)
{
    QByteArray header(44, '\0');
    auto* bytes = reinterpret_cast<uchar*>(header.data());
    memcpy(bytes, "RIFF", 4);
    qToLittleEndian<quint32>(quint32(36 + dataBytes), bytes + 4);
    memcpy(bytes + 8, "WAVEfmt ", 8);
    qToLittleEndian<quint32>(16, bytes + 16);
    qToLittleEndian<quint16>(1, bytes + 20); // PCM
    qToLittleEndian<quint16>(1, bytes + 22); // mono
    qToLittleEndian<quint32>(quint32(sampleRate), bytes + 24);
    qToLittleEndian<quint32>(quint32(sampleRate * 2), bytes + 28); // byte rate
    qToLittleEndian<quint16>(2, bytes + 32);
    qToLittleEndian<quint16>(16, bytes + 34);
    memcpy(bytes + 36, "data", 4);
    qToLittleEndian<quint32>(quint32(dataBytes), bytes + 40);
    return header;
}

// Writes a WAV file of `dataBytes` noise in 1 MB pieces (never the whole file in memory); returns its
// SHA-256.
QByteArray writeWav(const QString& path, int sampleRate, qint64 dataBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QByteArray header = wavHeader(sampleRate, dataBytes);
    file.write(header);
    hash.addData(header);
    QByteArray chunk(1 << 20, '\0');
    quint64 state = 0x9E3779B97F4A7C15ull;
    for (qint64 written = 0; written < dataBytes;) {
        const qsizetype size = qsizetype(std::min<qint64>(chunk.size(), dataBytes - written));
        for (qsizetype i = 0; i < size; i += 8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            memcpy(chunk.data() + i, &state, std::min<qsizetype>(8, size - i));
        }
        file.write(chunk.constData(), size);
        hash.addData(QByteArrayView(chunk.constData(), size));
        written += size;
    }
    return hash.result().toHex();
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

const QString kScript =
    QStringLiteral("Hi, this is Sam from Northwind Digital. Oh, hi Sam. Is now a good time to talk? "
                   "Sure, go ahead.");

} // namespace

class TestDeepgramClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    RecordingBudget m_budget;
    SimData m_data{kSeed};
    QTemporaryDir m_dir;
    QString m_wav;        ///< 2 s of 16 kHz mono
    QByteArray m_wavHash; ///< its SHA-256, hex

    DeepgramClient client(const QString& key = QStringLiteral("sim-valid"), QUrl baseUrl = {}) const
    {
        Credential credential;
        if (!key.isNull())
            credential.fields.insert(QStringLiteral("api_key"), key);
        DeepgramClient deepgram(ClientContext{
            m_core.get(), baseUrl.isEmpty() ? m_sim->baseUrl(ProviderId::Deepgram) : baseUrl, credential});
        deepgram.setRetryTimeScale(0.001);
        return deepgram;
    }
    template<typename T>
    static T wait(QCoro::Task<T> task)
    {
        return QCoro::waitFor(std::move(task));
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Deepgram); }

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
        m_wav = m_dir.filePath(QStringLiteral("call.wav"));
        m_wavHash = writeWav(m_wav, 16000, 64'000);
        QVERIFY(!m_wavHash.isEmpty());
    }
    void init()
    {
        m_sim->reset();
        m_budget = RecordingBudget();
    }

    void checkIsValidWithTheBalance()
    {
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        const double amount = m_data.amount(u"deepgram:amount", 10, 200, 4);
        const Money balance = usd(qRound64(amount * 1e6));
        QCOMPARE(status.balance, std::optional<Money>(balance));
        QCOMPARE(status.summary, QStringLiteral("%1 credit · 1 projects").arg(balance.toString()));
        QVERIFY(status.details.contains({QStringLiteral("Projects"), QStringLiteral("1")}));
        const QString projectName = m_data.companyName(u"deepgram:project");
        QVERIFY(
            status.details.contains({QStringLiteral("Balance (%1)").arg(projectName), balance.toString()}));

        const QList<RecordedRequest> requests = log();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).path, QStringLiteral("/v1/projects"));
        QCOMPARE(requests.at(1).path,
                 QStringLiteral("/v1/projects/%1/balances").arg(m_data.uuid(u"deepgram:project")));
        QCOMPARE(headerOf(requests.at(0), "Authorization"), QByteArray("Token [REDACTED]"));
        QVERIFY(m_budget.reserved.isEmpty());
    }

    void memberKeyIsValidLimited()
    {
        const AccountStatus status = wait(client(QStringLiteral("sim-limited")).checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::ValidLimited);
        QCOMPARE(status.error->providerCode, QStringLiteral("INSUFFICIENT_PERMISSIONS"));
        QCOMPARE(status.error->providerMessage, QStringLiteral("User does not have sufficient permissions."));
        QVERIFY(!status.balance);
    }

    void checkFailures_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("fault");
        QTest::addColumn<AccountStatus::State>("state");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong key") << QStringLiteral("dg_wrong") << -1 << AccountStatus::State::Invalid
                                   << QStringLiteral("Invalid credentials.");
        QTest::newRow("rate limited")
            << QStringLiteral("sim-ratelimited") << -1 << AccountStatus::State::RateLimited
            << QStringLiteral("Too many requests. Please try again later");
        QTest::newRow("outage") << QStringLiteral("sim-valid") << int(FaultKind::BadGateway502)
                                << AccountStatus::State::Unreachable
                                << QStringLiteral("internal server error");
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
            m_sim->scheduleFaults(ProviderId::Deepgram, QStringLiteral("/v1/projects"), {f, f, f});
        }
        const AccountStatus status = wait(client(key).checkCredentials());
        QCOMPARE(status.state, state);
        QVERIFY2(status.summary.contains(message), qPrintable(status.summary));
    }

    void unreadableBalanceLeavesTheKeyValid()
    {
        const Fault outage{FaultKind::ServerError500};
        m_sim->scheduleFaults(ProviderId::Deepgram, QStringLiteral("/balances"), {outage, outage, outage});
        const AccountStatus status = wait(client().checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY(!status.balance);
        QCOMPARE(status.summary, QStringLiteral("1 projects"));
    }

    void aFileIsStreamedWithItsType()
    {
        DeepgramTranscriptionRequest request = DeepgramTranscriptionRequest::file(m_wav);
        request.options.diarize = true;
        request.options.utterances = true;
        const auto result = wait(client().transcribe(request));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        const DeepgramTranscript& transcript = result.value();
        QCOMPARE(transcript.durationSeconds, 2.0);
        QCOMPARE(transcript.channelCount, 1);
        QCOMPARE(transcript.sha256, QString::fromLatin1(m_wavHash));
        QCOMPARE(transcript.transcript(), kScript);
        QCOMPARE(transcript.confidence(), 0.9731);
        QCOMPARE(transcript.words().size(), 20);
        const DeepgramWord first = transcript.words().first();
        QCOMPARE(first.word, QStringLiteral("hi"));
        QCOMPARE(first.punctuatedWord, QStringLiteral("Hi,"));
        QCOMPARE(first.speaker, std::optional<int>(0));
        QCOMPARE(first.start, 0.0);
        QCOMPARE(first.end, 0.08);
        QCOMPARE(transcript.words().at(7).speaker, std::optional<int>(1));
        QCOMPARE(transcript.utterances.size(), 4);
        QCOMPARE(transcript.utterances.at(1).transcript, QStringLiteral("Oh, hi Sam."));
        QCOMPARE(transcript.utterances.at(1).speaker, std::optional<int>(1));
        QCOMPARE(transcript.utterances.at(1).words.size(), 3);
        QCOMPARE(transcript.models.size(), 1);
        QCOMPARE(transcript.requestId,
                 m_data.uuid(QStringLiteral("deepgram:listen:%1").arg(m_data.hex(u"request:1", 32))));
        QVERIFY(transcript.created.isValid());
        QVERIFY(transcript.raw.contains(QStringLiteral("metadata")));

        const RecordedRequest sent = log().first();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QStringLiteral("/v1/listen"));
        QCOMPARE(sent.query,
                 QStringLiteral("model=nova-3&language=en-AU&punctuate=true&smart_format=true&diarize=true&"
                                "utterances=true"));
        QCOMPARE(headerOf(sent, "Content-Type"), QByteArray("audio/wav"));
        QCOMPARE(headerOf(sent, "Content-Length"), QByteArray("64044"));
        QCOMPARE(headerOf(sent, "Authorization"), QByteArray("Token [REDACTED]"));
        QCOMPARE(QCryptographicHash::hash(sent.body, QCryptographicHash::Sha256).toHex(), m_wavHash);

        // Reserved from the file's size at 8 kbit/s (65 s); billed on the 2 s Deepgram measured.
        QCOMPARE(m_budget.reserved, QList<Money>{usd(4'659)});
        const std::optional<CostEvent> cost = transcript.cost;
        QVERIFY(cost);
        QCOMPARE(cost, m_budget.costs.first());
        QCOMPARE(cost->amount, usd(143));
        QCOMPARE(cost->units, 2);
        QCOMPARE(cost->unit, QStringLiteral("second of audio"));
        QCOMPARE(cost->unitPrice, usd(72));
        QCOMPARE(cost->source, CostSource::Estimated);
        QCOMPARE(cost->operation, QStringLiteral("transcribe"));
        QCOMPARE(cost->providerReference, transcript.requestId);
    }

    void aKnownDurationIsReservedExactly()
    {
        DeepgramTranscriptionRequest request = DeepgramTranscriptionRequest::file(m_wav);
        request.knownDurationSeconds = 2.0;
        request.options.punctuate = false;
        request.options.smartFormat = false;
        const auto result = wait(client().transcribe(request));
        QVERIFY(result);
        QCOMPARE(m_budget.reserved, QList<Money>{usd(144)}); // rounded up
        QCOMPARE(result->transcript(),
                 QStringLiteral("hi this is sam from northwind digital oh hi sam is now a good "
                                "time to talk sure go ahead"));
        QVERIFY(result->words().first().punctuatedWord.isEmpty());
        QCOMPARE(result->words().first().speaker, std::nullopt);
        QVERIFY(result->utterances.isEmpty());
    }

    void aUrlIsSentAsJson()
    {
        DeepgramTranscriptionRequest request =
            DeepgramTranscriptionRequest::remote(QUrl(QStringLiteral("https://calls.example/rec/42.wav")));
        request.knownDurationSeconds = 120;
        const auto result = wait(client().transcribe(request));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        const double seconds = m_data.amount(u"deepgram:url:https://calls.example/rec/42.wav", 20, 600, 3);
        QCOMPARE(result->durationSeconds, seconds);
        QCOMPARE(m_budget.reserved, QList<Money>{usd(8'600)});
        QCOMPARE(result->cost->amount, usd(qRound64(4300.0 * qRound64(seconds * 1000) / 60'000)));
        const RecordedRequest sent = log().first();
        QCOMPARE(headerOf(sent, "Content-Type"), QByteArray("application/json"));
        QCOMPARE(QJsonDocument::fromJson(sent.body).object(),
                 (QJsonObject{{QStringLiteral("url"), QStringLiteral("https://calls.example/rec/42.wav")}}));
    }

    void refusedBeforeSending_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("url");
        QTest::addColumn<double>("duration");
        QTest::newRow("nothing") << QString() << QString() << 0.0;
        QTest::newRow("both") << QStringLiteral("call.wav") << QStringLiteral("https://a.example/x.wav")
                              << 10.0;
        QTest::newRow("missing file") << QStringLiteral("nope.wav") << QString() << 0.0;
        QTest::newRow("url without duration")
            << QString() << QStringLiteral("https://a.example/x.wav") << 0.0;
        QTest::newRow("ftp url") << QString() << QStringLiteral("ftp://a.example/x.wav") << 10.0;
        QTest::newRow("negative duration") << QStringLiteral("call.wav") << QString() << -1.0;
    }
    void refusedBeforeSending()
    {
        QFETCH(QString, file);
        QFETCH(QString, url);
        QFETCH(double, duration);
        DeepgramTranscriptionRequest request;
        if (!file.isEmpty())
            request.filePath = m_dir.filePath(file);
        request.url = QUrl(url);
        if (duration != 0)
            request.knownDurationSeconds = duration;
        const auto result = wait(client().transcribe(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Configuration);
        QVERIFY(log().isEmpty());
        QVERIFY(m_budget.reserved.isEmpty());
    }

    void deepgramsReasonsAreShown()
    {
        DeepgramTranscriptionRequest request = DeepgramTranscriptionRequest::file(m_wav);
        request.options.model = QStringLiteral("nova-9");
        const auto result = wait(client().transcribe(request));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(result.error().httpStatus, 400);
        QCOMPARE(result.error().providerCode, QStringLiteral("Bad Request"));
        QVERIFY(result.error().providerMessage.startsWith(
            QStringLiteral("No such model/language/tier combination")));
        QCOMPARE(result.error().requestId, m_data.hex(u"request:1", 32));
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Failed});
    }

    void errorShapesAreRead()
    {
        const Endpoint endpoint = client().endpoint();
        const ProviderErrorInfo modern = endpoint.parseError(
            400,
            R"({"category":"INVALID_JSON","message":"Invalid JSON submitted.","details":"Json deserialize error: missing field `url`","request_id":"r1"})");
        QCOMPARE(modern.code, QStringLiteral("INVALID_JSON"));
        QCOMPARE(modern.message,
                 QStringLiteral("Invalid JSON submitted. (Json deserialize error: missing field `url`)"));
        const ProviderErrorInfo text = endpoint.parseError(404, "UUID parsing failed: invalid character");
        QCOMPARE(text.message, QStringLiteral("UUID parsing failed: invalid character"));
        const ProviderErrorInfo model = endpoint.parseError(
            403,
            R"({"err_code":"INSUFFICIENT_PERMISSIONS","err_msg":"Project does not have access to the requested model.","request_id":"r2"})");
        QCOMPARE(model.kind, std::optional<IntegrationError::Kind>(IntegrationError::Kind::InvalidRequest));
        const ProviderErrorInfo payment = endpoint.parseError(
            402,
            R"({"err_code":"ASR_PAYMENT_REQUIRED","err_msg":"Project does not have enough credits.","request_id":"r3"})");
        QCOMPARE(payment.code, QStringLiteral("ASR_PAYMENT_REQUIRED"));
        QVERIFY(!payment.kind); // a 4xx: invalid request
        QVERIFY(!endpoint.parseError(200, R"({"metadata":{}})").kind);
    }

    void aMemberKeyMayTranscribe()
    {
        const auto result =
            wait(client(QStringLiteral("sim-limited")).transcribe(DeepgramTranscriptionRequest::file(m_wav)));
        QVERIFY(result);
    }

    void transcriptionIsNeverSentTwice()
    {
        m_sim->scheduleFaults(ProviderId::Deepgram, QStringLiteral("/v1/listen"),
                              {{FaultKind::ServerError500}});
        const auto failed = wait(client().transcribe(DeepgramTranscriptionRequest::file(m_wav)));
        QVERIFY(!failed);
        QCOMPARE(failed.error().kind, IntegrationError::Kind::Server);
        QCOMPARE(failed.error().providerCode, QStringLiteral("INTERNAL_SERVER_ERROR"));
        QCOMPARE(log().size(), 1);
        QCOMPARE(m_budget.outcomes, QList<CallOutcome>{CallOutcome::Unknown});

        m_sim->reset();
        m_sim->scheduleFaults(ProviderId::Deepgram, QStringLiteral("/v1/listen"),
                              {{FaultKind::RateLimited, 2}});
        const auto limited = wait(client().transcribe(DeepgramTranscriptionRequest::file(m_wav)));
        QVERIFY(!limited);
        QCOMPARE(limited.error().kind, IntegrationError::Kind::RateLimited);
        QCOMPARE(limited.error().retryAfter, std::optional<std::chrono::milliseconds>(2000));
        QCOMPARE(log().size(), 1);
    }

    void readsAreRetried()
    {
        m_sim->scheduleFaults(ProviderId::Deepgram, QStringLiteral("/v1/projects"),
                              {{FaultKind::RateLimited, 1}});
        const auto projects = wait(client().projects());
        QVERIFY(projects);
        QCOMPARE(projects->size(), 1);
        QCOMPARE(projects->first().projectId, m_data.uuid(u"deepgram:project"));
        QCOMPARE(log().size(), 2);
    }

    void malformedAnswersAreDecodeErrors()
    {
        m_sim->scheduleFaults(ProviderId::Deepgram, QStringLiteral("/v1/listen"),
                              {{FaultKind::MalformedBody}});
        const auto result = wait(client().transcribe(DeepgramTranscriptionRequest::file(m_wav)));
        QVERIFY(!result);
        QCOMPARE(result.error().kind, IntegrationError::Kind::Decode);
    }

    void oddFieldsAreNamedNotDefaulted_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("problem");
        const QByteArray metadata =
            R"("metadata":{"request_id":"r","duration":2.0,"channels":1,"models":[]})";
        QTest::newRow("duration as text")
            << QByteArray(R"({"metadata":{"request_id":"r","duration":"2.0"},"results":{"channels":[]}})")
            << QStringLiteral("`metadata.duration` should be a number, not a string");
        QTest::newRow("no results") << QByteArray("{" + metadata + "}")
                                    << QStringLiteral("`results` should be an object");
        QTest::newRow("word start")
            << QByteArray(
                   "{" + metadata +
                   R"(,"results":{"channels":[{"alternatives":[{"transcript":"a b","words":[{"word":"a","start":0},{"word":"b","start":"0.5"}]}]}]}})")
            << QStringLiteral(
                   "`results.channels[0].alternatives[0].words[1].start` should be a number, not a string");
        QTest::newRow("speaker")
            << QByteArray("{" + metadata +
                          R"(,"results":{"channels":[],"utterances":[{"transcript":"a","speaker":-1}]}})")
            << QStringLiteral("`results.utterances[0].speaker` is out of range (-1)");
    }
    void oddFieldsAreNamedNotDefaulted()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, problem);
        const auto transcript = DeepgramJson::transcript(QJsonDocument::fromJson(json).object());
        QVERIFY(!transcript);
        QCOMPARE(transcript.error(), problem);
    }

    void oddBalancesAreNamed()
    {
        const auto balances = DeepgramJson::balances(
            QJsonDocument::fromJson(R"({"balances":[{"balance_id":"b","amount":"12","units":"usd"}]})")
                .object());
        QVERIFY(!balances);
        QCOMPARE(balances.error(), QStringLiteral("`balances[0].amount` should be a number, not a string"));
    }

    void contentTypes()
    {
        QCOMPARE(DeepgramClient::contentTypeFor(QStringLiteral("a/b/Call.MP3")), QByteArray("audio/mpeg"));
        QCOMPARE(DeepgramClient::contentTypeFor(QStringLiteral("x.m4a")), QByteArray("audio/mp4"));
        QCOMPARE(DeepgramClient::contentTypeFor(QStringLiteral("x.opus")), QByteArray("audio/ogg"));
        QCOMPARE(DeepgramClient::contentTypeFor(QStringLiteral("x.bin")),
                 QByteArray("application/octet-stream"));
        QCOMPARE(DeepgramClient::assumedDurationSeconds(100'000'000), 100'000.0);
        QCOMPARE(DeepgramClient::documentedPacing().maxConcurrent, 100);
    }

    void a100MbUploadIsNeverHeldInMemory()
    {
        if (!rssIsMeaningful())
            QSKIP("AddressSanitizer's quarantine hides what is held: run through ctest (small quarantine)");
        // 100 MB of 16 kHz audio (about 52 minutes), uploaded to a simulator in another process.
        const qint64 dataBytes = 100LL * 1000 * 1000 - 44;
        const QString path = m_dir.filePath(QStringLiteral("large.wav"));
        const QByteArray hash = writeWav(path, 16000, dataBytes);
        QVERIFY(!hash.isEmpty());
        ChildSimulator child;
        QVERIFY(child.start(kSeed));
        DeepgramClient deepgram = client(QStringLiteral("sim-valid"), child.baseUrl(ProviderId::Deepgram));

        const bool reset = resetPeak();
        const qint64 before = reset ? procStatus("VmRSS:") : procStatus("VmHWM:");
        const auto result = wait(deepgram.transcribe(DeepgramTranscriptionRequest::file(path)));
        const qint64 growth = procStatus("VmHWM:") - before;
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
        QCOMPARE(result->sha256, QString::fromLatin1(hash)); // every byte arrived
        QCOMPARE(result->durationSeconds, std::round(dataBytes / 32'000.0 * 10'000) / 10'000);
        qInfo("peak RSS grew by %lld MB for a 100 MB upload", growth >> 20);
        QVERIFY2(growth < 40LL * 1024 * 1024,
                 qPrintable(QStringLiteral("peak RSS grew by %1 bytes").arg(growth)));
        QFile::remove(path);
    }
};

QTEST_GUILESS_MAIN(TestDeepgramClient)
#include "tst_deepgramclient.moc"
