#include "deepgramclient.h"

#include "integrations/costing.h"
#include "integrations/deepgram/deepgramjson.h"
#include "integrations/http/httpcore.h"
#include "model/catalogue.h"
#include "model/redaction.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QMap>

#include <cmath>

namespace agency {

namespace {

// --- Facts this client relies on (shared/providers/deepgram.md, contracts/specs/deepgram.yaml) -----
// Maximum file size for pre-recorded audio (pre-recorded guide).
constexpr qint64 kMaxUploadBytes = 2LL * 1024 * 1024 * 1024;
// Assumed when a file's duration is unknown: 8 kbit/s = 1,000 bytes per second of audio.
constexpr double kAssumedBytesPerSecond = 1000.0;
// Nova/Base/Enhanced requests are cancelled after 10 minutes of processing (answered with 504).
// The timeout adds the upload at an assumed 512 KiB/s to that.
constexpr std::chrono::milliseconds kProcessingLimit{10 * 60'000};
constexpr std::chrono::milliseconds kTimeoutMargin{60'000};
constexpr qint64 kAssumedUploadBytesPerSecond = 512 * 1024;
// Pay-as-you-go and Growth: up to 100 concurrent pre-recorded requests (API rate limits doc).
constexpr int kConcurrentRequests = 100;
// The check reads the balances of at most this many projects.
constexpr int kMaxProjectsChecked = 5;
const QString kTranscribe = QStringLiteral("transcribe");
// ---------------------------------------------------------------------------------------------------

// Deepgram accepts any audio MIME type (the SDK sends application/octet-stream); the type is sent so
// its logs say what the file was.
const QHash<QString, QByteArray>& audioTypes()
{
    static const QHash<QString, QByteArray> types = {
        {QStringLiteral("wav"), "audio/wav"},   {QStringLiteral("mp3"), "audio/mpeg"},
        {QStringLiteral("m4a"), "audio/mp4"},   {QStringLiteral("mp4"), "video/mp4"},
        {QStringLiteral("aac"), "audio/aac"},   {QStringLiteral("flac"), "audio/flac"},
        {QStringLiteral("ogg"), "audio/ogg"},   {QStringLiteral("opus"), "audio/ogg"},
        {QStringLiteral("oga"), "audio/ogg"},   {QStringLiteral("webm"), "audio/webm"},
        {QStringLiteral("amr"), "audio/amr"},   {QStringLiteral("mov"), "video/quicktime"},
        {QStringLiteral("aiff"), "audio/aiff"}, {QStringLiteral("aif"), "audio/aiff"},
    };
    return types;
}

ProviderErrorInfo parseDeepgramError(int status, const QByteArray& body)
{
    ProviderErrorInfo info;
    if (status < 400)
        return info;
    const DeepgramJson::ErrorBody error = DeepgramJson::errorBody(body);
    info.message = error.message;
    info.code = error.code;
    // 403 INSUFFICIENT_PERMISSIONS: the project may not use that model — the key itself is fine.
    if (status == 403 && error.code == u"INSUFFICIENT_PERMISSIONS")
        info.kind = IntegrationError::Kind::InvalidRequest;
    return info;
}

bool isScopeRefusal(const IntegrationError& error)
{
    return error.kind == IntegrationError::Kind::Auth && error.providerCode == u"INSUFFICIENT_PERMISSIONS";
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

DeepgramClient::DeepgramClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::Deepgram;
    m_endpoint.baseUrl = context.baseUrl;
    // The word is Token, not Bearer (Bearer is for short-lived JWTs from /v1/auth/grant).
    const QString key = context.credential.value(QStringLiteral("api_key"));
    if (!key.isEmpty())
        Redactor::registerSecret(key); // the core registers "Token <key>" only
    m_endpoint.auth =
        Auth::header("Authorization", key.isEmpty() ? QString() : QStringLiteral("Token ") + key);
    m_endpoint.parseError = parseDeepgramError;
    m_endpoint.requestIdHeaders.prepend("dg-request-id");
}

PacingConfig DeepgramClient::documentedPacing()
{
    return PacingConfig{0, 1, kConcurrentRequests};
}

double DeepgramClient::assumedDurationSeconds(qint64 bytes)
{
    return std::ceil(double(std::max<qint64>(bytes, 0)) / kAssumedBytesPerSecond);
}

Money DeepgramClient::worstCaseCost(double seconds)
{
    const Money perMinute = providerInfo(ProviderId::Deepgram).unitCost;
    const auto millis = qint64(std::ceil(std::max(seconds, 0.0) * 1000.0));
    return perMinute.scaled(millis, 60'000, Rounding::Up).value_or(perMinute);
}

QByteArray DeepgramClient::contentTypeFor(const QString& filePath)
{
    return audioTypes().value(QFileInfo(filePath).suffix().toLower(),
                              QByteArrayLiteral("application/octet-stream"));
}

IntegrationError DeepgramClient::decodeError(const HttpResponse& response, const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = ProviderId::Deepgram;
    error.httpStatus = response.status;
    error.requestId = response.requestId;
    error.detail = detail;
    return error;
}

IntegrationError DeepgramClient::invalidArgument(const QString& detail) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Deepgram;
    error.detail = detail;
    return error;
}

QCoro::Task<Result<QList<DeepgramProject>, IntegrationError>> DeepgramClient::projects()
{
    HttpRequest request;
    request.path = QStringLiteral("/v1/projects");
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    auto document = HttpCore::decodeJson(ProviderId::Deepgram, sent.value());
    if (!document)
        co_return failure(document.error());
    auto parsed = DeepgramJson::projects(document->object());
    if (!document->isObject() || !parsed)
        co_return failure(decodeError(
            sent.value(), document->isObject() ? parsed.error() : QStringLiteral("not a JSON object")));
    co_return std::move(parsed).value();
}

QCoro::Task<Result<QList<DeepgramBalance>, IntegrationError>> DeepgramClient::balances(QString projectId)
{
    if (projectId.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("no project id was given")));
    HttpRequest request;
    request.path = QStringLiteral("/v1/projects/%1/balances")
                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(projectId)));
    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    auto document = HttpCore::decodeJson(ProviderId::Deepgram, sent.value());
    if (!document)
        co_return failure(document.error());
    auto parsed = DeepgramJson::balances(document->object());
    if (!document->isObject() || !parsed)
        co_return failure(decodeError(
            sent.value(), document->isObject() ? parsed.error() : QStringLiteral("not a JSON object")));
    co_return std::move(parsed).value();
}

QCoro::Task<Result<DeepgramTranscript, IntegrationError>>
DeepgramClient::transcribe(DeepgramTranscriptionRequest job)
{
    const bool fromFile = !job.filePath.isEmpty();
    if (fromFile == !job.url.isEmpty())
        co_return failure(invalidArgument(QStringLiteral("give either a file or a URL to transcribe")));
    if (job.options.model.trimmed().isEmpty() || job.options.language.trimmed().isEmpty())
        co_return failure(invalidArgument(QStringLiteral("a model and a language are needed")));
    if (job.knownDurationSeconds &&
        !(std::isfinite(*job.knownDurationSeconds) && *job.knownDurationSeconds > 0))
        co_return failure(
            invalidArgument(QStringLiteral("the audio's duration must be a positive number of seconds")));

    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/v1/listen");
    request.operation = kTranscribe;
    request.query.addQueryItem(QStringLiteral("model"), job.options.model);
    request.query.addQueryItem(QStringLiteral("language"), job.options.language);
    request.query.addQueryItem(QStringLiteral("punctuate"), boolText(job.options.punctuate));
    request.query.addQueryItem(QStringLiteral("smart_format"), boolText(job.options.smartFormat));
    request.query.addQueryItem(QStringLiteral("diarize"), boolText(job.options.diarize));
    request.query.addQueryItem(QStringLiteral("utterances"), boolText(job.options.utterances));

    double reserveSeconds = 0;
    qint64 uploadBytes = 0;
    if (fromFile) {
        const QFileInfo info(job.filePath);
        if (!info.isFile() || !info.isReadable())
            co_return failure(
                invalidArgument(QStringLiteral("%1 is not a readable file").arg(info.fileName())));
        uploadBytes = info.size();
        if (uploadBytes <= 0 || uploadBytes > kMaxUploadBytes)
            co_return failure(invalidArgument(QStringLiteral("%1 has %2 bytes; Deepgram takes 1 byte to 2 GB")
                                                  .arg(info.fileName())
                                                  .arg(uploadBytes)));
        auto file = std::make_shared<QFile>(job.filePath);
        if (!file->open(QIODevice::ReadOnly))
            co_return failure(
                invalidArgument(QStringLiteral("%1: %2").arg(info.fileName(), file->errorString())));
        // Streamed from the file: Qt reads it in chunks as the socket takes them.
        request.body = RawBody{contentTypeFor(job.filePath), QByteArray(), file};
        request.headers.append({QByteArrayLiteral("Content-Length"), QByteArray::number(uploadBytes)});
        reserveSeconds = job.knownDurationSeconds.value_or(assumedDurationSeconds(uploadBytes));
    } else {
        const QString scheme = job.url.scheme().toLower();
        if (!job.url.isValid() || (scheme != u"https" && scheme != u"http"))
            co_return failure(invalidArgument(QStringLiteral("Deepgram fetches audio over HTTP(S) only")));
        // Nothing bounds a remote file's length but the caller's knowledge of it.
        if (!job.knownDurationSeconds)
            co_return failure(invalidArgument(
                QStringLiteral("give the audio's duration (or an upper bound) so its cost can be reserved")));
        request.body = JsonBody{
            QJsonDocument(QJsonObject{{QStringLiteral("url"), job.url.toString(QUrl::FullyEncoded)}})};
        reserveSeconds = *job.knownDurationSeconds;
    }
    request.timeout = kProcessingLimit + kTimeoutMargin +
                      std::chrono::milliseconds(uploadBytes * 1000 / kAssumedUploadBytesPerSecond);
    request.worstCaseCost = worstCaseCost(reserveSeconds);
    request.costOf = [](const HttpResponse& response) -> std::optional<CostEvent> {
        // Billed per audio duration; the answer carries no price (deepgram.md §5).
        const std::optional<double> seconds = DeepgramJson::durationOf(response.body);
        const QString reference = QJsonDocument::fromJson(response.body)
                                      .object()
                                      .value(QStringLiteral("metadata"))
                                      .toObject()
                                      .value(QStringLiteral("request_id"))
                                      .toString();
        const Money perMinute = providerInfo(ProviderId::Deepgram).unitCost;
        CostEvent event = estimatedCost(ProviderId::Deepgram, kTranscribe, 0, reference);
        const double duration = seconds.value_or(0);
        event.units = qint64(std::ceil(duration));
        event.unit = QStringLiteral("second of audio");
        event.unitPrice = perMinute.scaled(1, 60).value_or(perMinute);
        event.amount = perMinute.scaled(qint64(std::llround(duration * 1000.0)), 60'000)
                           .value_or(Money::zero(perMinute.currency()));
        return event;
    };

    HttpResult sent = co_await m_core->send(m_endpoint, request);
    if (!sent)
        co_return failure(sent.error());
    const HttpResponse& response = sent.value();
    auto document = HttpCore::decodeJson(ProviderId::Deepgram, response);
    if (!document)
        co_return failure(document.error());
    if (!document->isObject())
        co_return failure(decodeError(response, QStringLiteral("/v1/listen should answer an object")));
    if (document->object().size() == 1 && document->object().contains(QStringLiteral("request_id")))
        co_return failure(
            decodeError(response, QStringLiteral("got a callback acknowledgement, not a transcript")));
    auto transcript = DeepgramJson::transcript(document->object());
    if (!transcript)
        co_return failure(decodeError(response, transcript.error()));
    DeepgramTranscript result = std::move(transcript).value();
    result.cost = response.cost;
    co_return result;
}

QCoro::Task<AccountStatus> DeepgramClient::checkCredentials()
{
    if (m_endpoint.auth.secret.isEmpty()) {
        AccountStatus status;
        status.state = AccountStatus::State::NotConfigured;
        status.summary = QStringLiteral("No API key");
        status.checkedAt = QDateTime::currentDateTimeUtc();
        co_return status;
    }
    QElapsedTimer clock;
    clock.start();
    auto list = co_await projects();
    AccountStatus status;
    if (!list) {
        if (!isScopeRefusal(list.error()))
            co_return accountStatusFromError(list.error(), std::chrono::milliseconds(clock.elapsed()));
        // A member key: valid for /v1/listen, but it may not see projects or balances.
        status.state = AccountStatus::State::ValidLimited;
        status.error = list.error();
        status.summary = QStringLiteral("Key works for transcription; it may not see projects or balances");
        status.details.append({QStringLiteral("Projects"), list.error().providerMessage});
    } else {
        status.state = AccountStatus::State::Valid;
        status.details.append({QStringLiteral("Projects"), QString::number(list->size())});
        QMap<QString, Money> totals; // per currency
        bool balancesHidden = false;
        for (qsizetype i = 0; i < std::min<qsizetype>(list->size(), kMaxProjectsChecked); ++i) {
            const DeepgramProject project = list->at(i);
            auto projectBalances = co_await balances(project.projectId);
            const QString label =
                QStringLiteral("Balance (%1)").arg(project.name.isEmpty() ? project.projectId : project.name);
            if (!projectBalances) {
                balancesHidden = balancesHidden || isScopeRefusal(projectBalances.error());
                status.details.append({label, projectBalances.error().message()});
                continue;
            }
            for (const DeepgramBalance& balance : projectBalances.value()) {
                const Money sum =
                    totals.value(balance.amount.currency(), Money::zero(balance.amount.currency()));
                totals.insert(balance.amount.currency(), sum.plus(balance.amount).value_or(sum));
                status.details.append({label, balance.amount.toString()});
            }
        }
        if (balancesHidden) {
            status.state = AccountStatus::State::ValidLimited;
            status.summary =
                QStringLiteral("%1 projects · balance not visible to this key").arg(list->size());
        } else if (totals.size() == 1) {
            status.balance = totals.first();
            status.summary =
                QStringLiteral("%1 credit · %2 projects").arg(totals.first().toString()).arg(list->size());
        } else {
            status.summary = QStringLiteral("%1 projects").arg(list->size());
        }
    }
    status.latency = std::chrono::milliseconds(clock.elapsed());
    status.checkedAt = QDateTime::currentDateTimeUtc();
    co_return status;
}

} // namespace agency
