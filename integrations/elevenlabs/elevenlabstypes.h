#pragma once
// ElevenLabs value types: the subscription (character quota), models, voices and a text-to-speech
// request and its outcome (shared/providers/elevenlabs.md §3, contracts/specs/elevenlabs.json).

#include "model/costevent.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>

class QIODevice;

namespace agency {

struct ElevenLabsSubscription
{
    QString tier;              ///< "creator", "pro", …
    QString status;            ///< trialing, active, incomplete, past_due, free, free_disabled
    qint64 characterCount = 0; ///< used this period (credits)
    qint64 characterLimit = 0; ///< allowed this period
    std::optional<QDateTime> nextCharacterCountReset;
    qint64 voiceSlotsUsed = 0;
    qint64 voiceLimit = 0;
    qint64 professionalVoiceSlotsUsed = 0;
    qint64 professionalVoiceLimit = 0;
    bool canExtendCharacterLimit = false;
    bool hasOpenInvoices = false;
    QString currency;               ///< usd, eur (may be empty)
    QString characterRefreshPeriod; ///< monthly_period, annual_period
    QJsonObject raw;

    qint64 charactersLeft() const { return std::max<qint64>(0, characterLimit - characterCount); }
};

struct ElevenLabsModel
{
    QString modelId;
    QString name;
    bool canDoTextToSpeech = false;
    std::optional<qint64> maximumTextLengthPerRequest;
    std::optional<qint64> maxCharactersRequestFreeUser;
    std::optional<qint64> maxCharactersRequestSubscribedUser;
    std::optional<double> characterCostMultiplier; ///< model_rates.character_cost_multiplier
    QString concurrencyGroup;                      ///< standard, turbo
};

struct ElevenLabsVoiceSettings
{
    std::optional<double> stability;       ///< 0–1
    std::optional<double> similarityBoost; ///< 0–1
    std::optional<double> style;
    std::optional<bool> useSpeakerBoost;
    std::optional<double> speed; ///< 1.0 = normal
};

struct ElevenLabsVoice
{
    QString voiceId;
    QString name;
    QString category; ///< generated, cloned, premade, professional, famous, high_quality
    QString description;
    QString previewUrl;
    QMap<QString, QString> labels; ///< accent, gender, age…
    std::optional<ElevenLabsVoiceSettings> settings;
    QStringList availableForTiers;
    QStringList highQualityBaseModelIds;
    bool isOwner = false;
    bool isLegacy = false;
    std::optional<QDateTime> createdAt;
    std::optional<double> sharingRate; ///< a library voice's price multiplier (sharing.rate)
    QJsonObject raw;
};

/// GET /v2/voices filters; every field is optional.
struct ElevenLabsVoiceQuery
{
    int pageSize = 10; ///< at most 100
    QString nextPageToken;
    QString search;
    QString sort;          ///< created_at_unix, name
    QString sortDirection; ///< asc, desc
    QString voiceType;     ///< personal, community, default, workspace, non-default
    QString category;      ///< premade, cloned, generated, professional
    bool includeTotalCount = true;
};

struct ElevenLabsVoicePage
{
    QList<ElevenLabsVoice> voices;
    bool hasMore = false;
    qint64 totalCount = 0;
    QString nextPageToken; ///< empty on the last page
};

/// POST /v1/text-to-speech/{voice_id}: one text to one MP3, streamed into `sink`.
struct ElevenLabsSpeechRequest
{
    QString voiceId;
    QString text;
    QString modelId = QStringLiteral("eleven_multilingual_v2");
    QString outputFormat = QStringLiteral("mp3_44100_128"); ///< mp3_<sample rate>_<kbps>
    std::optional<ElevenLabsVoiceSettings> voiceSettings;
    QString languageCode; ///< ISO 639-1; only some models
    std::optional<qint64> seed;
    QString previousText;
    QString nextText;
    QStringList previousRequestIds; ///< request stitching: earlier answers' request ids
    QStringList nextRequestIds;
    std::optional<bool> enableLogging; ///< false = zero retention (enterprise only)
    /// A library voice's price multiplier (its sharing.rate), so the reservation covers it.
    double voiceRateMultiplier = 1.0;
    /// Where the audio goes as it arrives (a QFile open for writing…); nothing is kept in memory.
    /// Written only once the answer is known to be audio; on failure it is left as it was (rewound
    /// when it can be).
    std::shared_ptr<QIODevice> sink;
};

struct ElevenLabsSpeech
{
    qint64 bytesWritten = 0;
    QByteArray contentType; ///< audio/mpeg
    QString requestId;      ///< for request stitching and support
    qint64 charactersCharged = 0;
    bool chargedFromHeader = false; ///< false: estimated from the text (the header was missing)
    std::optional<qint64> currentConcurrentRequests;
    std::optional<qint64> maximumConcurrentRequests;
    std::optional<CostEvent> cost;
};

} // namespace agency
