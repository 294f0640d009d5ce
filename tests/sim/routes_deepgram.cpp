// Deepgram (shared/providers/deepgram.md, contracts/specs/deepgram.yaml): "Authorization: Token <key>"
// (Bearer is for short-lived JWTs), GET /v1/projects as the check, balances per project, POST
// /v1/listen (raw audio bytes or {"url"}), legacy error bodies {"err_code","err_msg","request_id"} and
// modern ones {"category","message","details","request_id"}.

#include "providerspec.h"
#include "routekit.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <cmath>

namespace agency::sim {

namespace {

// Audio that is not a WAV file is taken to be 128 kbit/s (16,000 bytes a second), like an MP3.
constexpr double kAssumedBytesPerSecond = 16000.0;

SimResponse deepgramError(const SimRequest& request, int status, const QString& code, const QString& message)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("err_code"), code},
                                                 {QStringLiteral("err_msg"), message},
                                                 {QStringLiteral("request_id"), request.requestId}});
}

QString projectId(const SimData& data)
{
    return data.uuid(u"deepgram:project");
}

SimResponse insufficientPermissions(const SimRequest& request)
{
    // A member (transcription-only) key: valid for /v1/listen, not for projects and balances.
    return deepgramError(request, 401, QStringLiteral("INSUFFICIENT_PERMISSIONS"),
                         QStringLiteral("User does not have sufficient permissions."));
}

QJsonObject balanceObject(const SimData& data)
{
    return QJsonObject{{QStringLiteral("balance_id"), data.uuid(u"deepgram:balance")},
                       {QStringLiteral("amount"), data.amount(u"deepgram:amount", 10, 200, 4)},
                       {QStringLiteral("units"), QStringLiteral("usd")},
                       {QStringLiteral("purchase_order_id"), data.uuid(u"deepgram:po")}};
}

// The project routes answer only for the one seeded project.
bool knownProject(const SimData& data, const SimRequest& request)
{
    return request.params.value(QStringLiteral("project_id")) == projectId(data);
}

SimResponse projectNotFound(const SimRequest& request)
{
    return deepgramError(request, 404, QStringLiteral("PROJECT_NOT_FOUND"),
                         QStringLiteral("Project not found."));
}

SimResponse modernError(const SimRequest& request, int status, const QString& category,
                        const QString& message, const QString& details)
{
    return SimResponse::json(status, QJsonObject{{QStringLiteral("category"), category},
                                                 {QStringLiteral("message"), message},
                                                 {QStringLiteral("details"), details},
                                                 {QStringLiteral("request_id"), request.requestId}});
}

SimResponse corruptAudio(const SimRequest& request)
{
    return deepgramError(request, 400, QStringLiteral("Bad Request"),
                         QStringLiteral("failed to process audio: corrupt or unsupported data"));
}

struct Audio
{
    double seconds = 0;
    int channels = 1;
};

// A WAV file's length from its header (byte rate at offset 28, channels at 22); other audio at the
// assumed bit rate.
Audio measure(const QByteArray& body)
{
    Audio audio;
    if (body.size() > 44 && body.startsWith("RIFF") && body.mid(8, 4) == "WAVE") {
        const auto* bytes = reinterpret_cast<const uchar*>(body.constData());
        const quint32 byteRate = qFromLittleEndian<quint32>(bytes + 28);
        audio.channels = std::max<int>(1, qFromLittleEndian<quint16>(bytes + 22));
        if (byteRate > 0) {
            audio.seconds = double(body.size() - 44) / byteRate;
            return audio;
        }
    }
    audio.seconds = double(body.size()) / kAssumedBytesPerSecond;
    return audio;
}

struct ScriptWord
{
    const char16_t* text; ///< as punctuated and capitalised
    int speaker;
};
// One short call, two speakers; every transcript is this script (its timing scaled to the audio).
constexpr ScriptWord kScript[] = {
    {u"Hi,", 0},       {u"this", 0},     {u"is", 0},    {u"Sam", 0},  {u"from", 0},
    {u"Northwind", 0}, {u"Digital.", 0}, {u"Oh,", 1},   {u"hi", 1},   {u"Sam.", 1},
    {u"Is", 0},        {u"now", 0},      {u"a", 0},     {u"good", 0}, {u"time", 0},
    {u"to", 0},        {u"talk?", 0},    {u"Sure,", 1}, {u"go", 1},   {u"ahead.", 1},
};

QString bare(const QString& word)
{
    QString plain;
    for (const QChar c : word) {
        if (c.isLetterOrNumber())
            plain += c.toLower();
    }
    return plain;
}

bool flag(const SimRequest& request, const QString& name)
{
    return request.queryValue(name) == u"true";
}

QJsonObject transcriptBody(const SimData& data, const SimRequest& request, const Audio& audio,
                           const QString& sha256)
{
    const bool punctuated =
        flag(request, QStringLiteral("punctuate")) || flag(request, QStringLiteral("smart_format"));
    const bool diarize = flag(request, QStringLiteral("diarize"));
    const int count = int(std::size(kScript));
    const double step = audio.seconds / count;
    QJsonArray words;
    QStringList text;
    QJsonArray utterances;
    QJsonArray utteranceWords;
    QStringList utteranceText;
    for (int i = 0; i < count; ++i) {
        const QString shown = QString::fromUtf16(kScript[i].text);
        const double start = std::round(i * step * 1000) / 1000;
        const double end = std::round((i + 0.8) * step * 1000) / 1000;
        QJsonObject word{{QStringLiteral("word"), bare(shown)},
                         {QStringLiteral("start"), start},
                         {QStringLiteral("end"), end},
                         {QStringLiteral("confidence"), 0.9 + (i % 10) / 100.0}};
        if (punctuated)
            word.insert(QStringLiteral("punctuated_word"), shown);
        if (diarize) {
            word.insert(QStringLiteral("speaker"), kScript[i].speaker);
            word.insert(QStringLiteral("speaker_confidence"), 0.8);
        }
        words.append(word);
        text.append(punctuated ? shown : bare(shown));
        utteranceWords.append(word);
        utteranceText.append(punctuated ? shown : bare(shown));
        const bool speakerChanges = i + 1 == count || kScript[i + 1].speaker != kScript[i].speaker;
        if (speakerChanges) {
            QJsonObject utterance{
                {QStringLiteral("start"), utteranceWords.first().toObject().value(QStringLiteral("start"))},
                {QStringLiteral("end"), end},
                {QStringLiteral("confidence"), 0.93},
                {QStringLiteral("channel"), 0},
                {QStringLiteral("transcript"), utteranceText.join(u' ')},
                {QStringLiteral("words"), utteranceWords},
                {QStringLiteral("id"),
                 data.uuid(QStringLiteral("deepgram:utterance:%1:%2").arg(request.requestId).arg(i))},
            };
            if (diarize)
                utterance.insert(QStringLiteral("speaker"), kScript[i].speaker);
            utterances.append(utterance);
            utteranceWords = QJsonArray();
            utteranceText.clear();
        }
    }
    QJsonArray channels;
    for (int c = 0; c < audio.channels; ++c) {
        channels.append(QJsonObject{{QStringLiteral("alternatives"),
                                     QJsonArray{QJsonObject{{QStringLiteral("transcript"), text.join(u' ')},
                                                            {QStringLiteral("confidence"), 0.9731},
                                                            {QStringLiteral("words"), words}}}}});
    }
    const QString modelUuid =
        data.uuid(QStringLiteral("deepgram:model:%1").arg(request.queryValue(QStringLiteral("model"))));
    QJsonObject results{{QStringLiteral("channels"), channels}};
    if (flag(request, QStringLiteral("utterances")))
        results.insert(QStringLiteral("utterances"), utterances);
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{
             {QStringLiteral("transaction_key"), QStringLiteral("deprecated")},
             {QStringLiteral("request_id"),
              data.uuid(QStringLiteral("deepgram:listen:%1").arg(request.requestId))},
             {QStringLiteral("sha256"), sha256},
             {QStringLiteral("created"), isoMillis(data.dateTime(request.requestId, 30))},
             {QStringLiteral("duration"), std::round(audio.seconds * 10000) / 10000},
             {QStringLiteral("channels"), audio.channels},
             {QStringLiteral("models"), QJsonArray{modelUuid}},
             {QStringLiteral("model_info"),
              QJsonObject{
                  {modelUuid, QJsonObject{{QStringLiteral("name"), QStringLiteral("general-nova-3")},
                                          {QStringLiteral("version"), QStringLiteral("2025-04-17.21547")},
                                          {QStringLiteral("arch"), QStringLiteral("nova-3")}}}}}}},
        {QStringLiteral("results"), results},
    };
}

SimResponse listen(const SimData& data, const SimRequest& request)
{
    // The spec's public models; anything else is refused as Deepgram refuses an unknown model.
    static const QStringList models = {QStringLiteral("nova-3"),
                                       QStringLiteral("nova-3-general"),
                                       QStringLiteral("nova-3-medical"),
                                       QStringLiteral("nova-2"),
                                       QStringLiteral("nova-2-general"),
                                       QStringLiteral("nova-2-meeting"),
                                       QStringLiteral("nova-2-phonecall"),
                                       QStringLiteral("nova-2-voicemail"),
                                       QStringLiteral("nova"),
                                       QStringLiteral("nova-phonecall"),
                                       QStringLiteral("enhanced"),
                                       QStringLiteral("base")};
    const QString model = request.query.hasQueryItem(QStringLiteral("model"))
                              ? request.queryValue(QStringLiteral("model"))
                              : QStringLiteral("base");
    if (!models.contains(model)) // unverified: the exact text
        return deepgramError(
            request, 400, QStringLiteral("Bad Request"),
            QStringLiteral("No such model/language/tier combination found. Use the /v1/models "
                           "endpoint to see the models available to you."));
    for (const QString& name : {QStringLiteral("punctuate"), QStringLiteral("smart_format"),
                                QStringLiteral("diarize"), QStringLiteral("utterances")}) {
        const QString value = request.queryValue(name);
        if (request.query.hasQueryItem(name) && value != u"true" && value != u"false")
            return deepgramError(
                request, 400, QStringLiteral("INVALID_QUERY_PARAMETER"),
                QStringLiteral("Failed to deserialize query parameters: %1: provided string was not "
                               "`true` or `false`")
                    .arg(name));
    }

    const QByteArray type = request.header("Content-Type").toLower();
    if (type.startsWith("application/json")) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return modernError(request, 400, QStringLiteral("INVALID_JSON"),
                               QStringLiteral("Invalid JSON submitted."),
                               QStringLiteral("Json deserialize error: %1").arg(parseError.errorString()));
        const QJsonValue url = document.object().value(QStringLiteral("url"));
        if (!url.isString())
            return modernError(request, 400, QStringLiteral("INVALID_JSON"),
                               QStringLiteral("Invalid JSON submitted."),
                               QStringLiteral("Json deserialize error: missing field `url`"));
        const QUrl source(url.toString());
        if (!source.isValid() || (source.scheme() != u"https" && source.scheme() != u"http"))
            return deepgramError(request, 400, QStringLiteral("Bad Request"),
                                 QStringLiteral("Invalid URL: the request URL is not valid."));
        const QString salt = QStringLiteral("deepgram:url:%1").arg(url.toString());
        const Audio audio{data.amount(salt, 20, 600, 3), 1};
        const QString sha = QString::fromLatin1(
            QCryptographicHash::hash(url.toString().toUtf8(), QCryptographicHash::Sha256).toHex());
        return SimResponse::json(200, transcriptBody(data, request, audio, sha));
    }
    // Raw audio bytes. A JSON body sent without the JSON type is not audio either (deepgram.md §3).
    if (request.body.isEmpty() || request.body.startsWith('{'))
        return corruptAudio(request);
    // Only the size and hash are kept: the audio itself is not copied or stored.
    const Audio audio = measure(request.body);
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex());
    return SimResponse::json(200, transcriptBody(data, request, audio, sha));
}

} // namespace

ProviderSpec deepgramSpec(const SimData& data)
{
    ProviderSpec spec;
    spec.id = ProviderId::Deepgram;

    spec.authenticate = [](const SimRequest& request) {
        if (!request.hasHeader("Authorization"))
            return AuthOutcome{};
        std::optional<QString> token = authorizationToken(request, "Token");
        if (!token)
            token = authorizationToken(request, "Bearer");
        AuthOutcome outcome = outcomeFor(token.value_or(QString()));
        if (outcome.state == CredentialState::Missing)
            outcome.state = CredentialState::Invalid;
        return outcome;
    };
    spec.rejectCredentials = [](const SimRequest& request) {
        // unverified: the missing-header answer is assumed to be the same INVALID_AUTH.
        return deepgramError(request, 401, QStringLiteral("INVALID_AUTH"),
                             QStringLiteral("Invalid credentials."));
    };
    spec.rateLimited = [](const SimRequest& request, int) {
        // unverified: no rate-limit headers or Retry-After are documented.
        return deepgramError(request, 429, QStringLiteral("TOO_MANY_REQUESTS"),
                             QStringLiteral("Too many requests. Please try again later"));
    };
    spec.serverError = [](const SimRequest& request, int status) {
        // unverified: deepgram.md lists no 5xx err_code.
        return deepgramError(request, status, QStringLiteral("INTERNAL_SERVER_ERROR"),
                             QStringLiteral("An internal server error occurred."));
    };
    spec.notFound = [](const SimRequest&) {
        return SimResponse::text(404, QByteArrayLiteral("Not Found"));
    };
    spec.decorate = [](const SimRequest& request, SimResponse& response) {
        // unverified: dg-request-id is documented for streaming and TTS; assumed on REST answers too.
        response.setHeader("dg-request-id", request.requestId.toLatin1());
    };
    spec.routes.add("POST", QStringLiteral("/v1/listen"),
                    [data](const SimRequest& request) { return listen(data, request); });

    spec.routes.add("GET", QStringLiteral("/v1/projects"), [data](const SimRequest& request) {
        if (request.limited())
            return insufficientPermissions(request);
        return SimResponse::json(
            200,
            QJsonObject{
                {QStringLiteral("projects"),
                 QJsonArray{QJsonObject{{QStringLiteral("project_id"), projectId(data)},
                                        {QStringLiteral("name"), data.companyName(u"deepgram:project")}}}}});
    });
    spec.routes.add("GET", QStringLiteral("/v1/projects/{project_id}"), [data](const SimRequest& request) {
        if (request.limited())
            return insufficientPermissions(request);
        if (!knownProject(data, request))
            return projectNotFound(request);
        return SimResponse::json(200,
                                 QJsonObject{{QStringLiteral("project_id"), projectId(data)},
                                             {QStringLiteral("name"), data.companyName(u"deepgram:project")},
                                             {QStringLiteral("mip_opt_out"), false}});
    });
    spec.routes.add("GET", QStringLiteral("/v1/projects/{project_id}/balances"),
                    [data](const SimRequest& request) {
                        if (request.limited())
                            return insufficientPermissions(request);
                        if (!knownProject(data, request))
                            return projectNotFound(request);
                        return SimResponse::json(
                            200, QJsonObject{{QStringLiteral("balances"), QJsonArray{balanceObject(data)}}});
                    });
    spec.routes.add("GET", QStringLiteral("/v1/projects/{project_id}/balances/{balance_id}"),
                    [data](const SimRequest& request) {
                        if (request.limited())
                            return insufficientPermissions(request);
                        if (!knownProject(data, request))
                            return projectNotFound(request);
                        const QJsonObject balance = balanceObject(data);
                        if (request.params.value(QStringLiteral("balance_id")) !=
                            balance.value(QStringLiteral("balance_id")).toString()) {
                            return deepgramError(request, 404, QStringLiteral("BALANCE_NOT_FOUND"),
                                                 QStringLiteral("Balance not found."));
                        }
                        return SimResponse::json(200, balance);
                    });
    return spec;
}

} // namespace agency::sim
