#pragma once
// Deepgram value types: projects and balances (the credential check) and pre-recorded transcription —
// what to transcribe, with which options, and the typed result (shared/providers/deepgram.md,
// contracts/specs/deepgram.yaml).

#include "model/costevent.h"
#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace agency {

struct DeepgramProject
{
    QString projectId;
    QString name;
};

struct DeepgramBalance
{
    QString balanceId;
    Money amount; ///< in `units`, upper-cased ("USD")
    QString purchaseOrderId;
};

/// The options of POST /v1/listen the console uses.
struct DeepgramTranscriptionOptions
{
    QString model = QStringLiteral("nova-3");
    QString language = QStringLiteral("en-AU"); ///< BCP-47
    bool punctuate = true;
    bool smartFormat = true;
    bool diarize = false;    ///< a speaker number on every word
    bool utterances = false; ///< results.utterances
};

/// What to transcribe: a local file (streamed from disk, never read into memory) or a URL Deepgram
/// fetches itself.
struct DeepgramTranscriptionRequest
{
    QString filePath; ///< set this…
    QUrl url;         ///< …or this
    DeepgramTranscriptionOptions options;
    /// The audio's length (or an upper bound), when the caller knows it: the reservation is then
    /// exact. Without it a file is reserved from its size (see DeepgramClient::worstCaseCost); a URL
    /// needs it.
    std::optional<double> knownDurationSeconds;

    static DeepgramTranscriptionRequest file(QString path)
    {
        DeepgramTranscriptionRequest request;
        request.filePath = std::move(path);
        return request;
    }
    static DeepgramTranscriptionRequest remote(QUrl url)
    {
        DeepgramTranscriptionRequest request;
        request.url = std::move(url);
        return request;
    }
};

struct DeepgramWord
{
    QString word;
    QString punctuatedWord; ///< with punctuate/smart_format
    double start = 0;       ///< seconds
    double end = 0;
    double confidence = 0;
    std::optional<int> speaker; ///< with diarize
    std::optional<double> speakerConfidence;
};

struct DeepgramUtterance
{
    QString id;
    QString transcript;
    double start = 0;
    double end = 0;
    double confidence = 0;
    int channel = 0;
    std::optional<int> speaker;
    QList<DeepgramWord> words;
};

/// One audio channel's best alternative.
struct DeepgramChannel
{
    QString transcript;
    double confidence = 0;
    QList<DeepgramWord> words;
    QString detectedLanguage; ///< with detect_language
};

struct DeepgramTranscript
{
    QString requestId; ///< metadata.request_id
    QDateTime created;
    double durationSeconds = 0; ///< metadata.duration: what the call is billed on
    int channelCount = 0;       ///< metadata.channels
    QStringList models;         ///< model uuids
    QString sha256;             ///< of the audio Deepgram received
    QList<DeepgramChannel> channels;
    QList<DeepgramUtterance> utterances; ///< with utterances
    std::optional<CostEvent> cost;
    QJsonObject raw;

    /// The first channel's transcript (the whole text for mono audio).
    QString transcript() const { return channels.isEmpty() ? QString() : channels.first().transcript; }
    double confidence() const { return channels.isEmpty() ? 0 : channels.first().confidence; }
    QList<DeepgramWord> words() const
    {
        return channels.isEmpty() ? QList<DeepgramWord>() : channels.first().words;
    }
};

} // namespace agency
