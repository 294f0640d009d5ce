#pragma once
// ElevenLabsClient: ElevenLabs' text-to-speech API — the subscription's character quota as the
// credential check, voices, and text to MP3 streamed straight into the caller's device.

#include "integrations/clientfactory.h"
#include "integrations/elevenlabs/elevenlabstypes.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class ElevenLabsClient : public ProviderClient
{
public:
    /// `context.credential` field: api_key (sent as xi-api-key).
    explicit ElevenLabsClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::ElevenLabs; }
    /// GET /v1/user/subscription: Valid with the tier and characters left. A key without user_read is
    /// ValidLimited (confirmed with GET /v1/models). Never generates audio.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<ElevenLabsSubscription, IntegrationError>> subscription();
    QCoro::Task<Result<QList<ElevenLabsModel>, IntegrationError>> models();
    /// GET /v2/voices: one page; pass the page's nextPageToken for the next one.
    QCoro::Task<Result<ElevenLabsVoicePage, IntegrationError>> listVoices(ElevenLabsVoiceQuery query = {});

    /// POST /v1/text-to-speech/{voice_id}: the MP3 is written to `request.sink` as it arrives.
    /// Billable: reserves every character of the text at the catalogue's price (× the voice's rate);
    /// the cost event counts the characters the provider charged (character-cost header) at that price.
    /// Text longer than the model's per-request limit is refused before anything is sent.
    QCoro::Task<Result<ElevenLabsSpeech, IntegrationError>> synthesize(ElevenLabsSpeechRequest request);

    /// The documented per-request character limit of `modelId`; nullopt for a model this version does
    /// not know (the provider then enforces its own).
    static std::optional<qint64> characterLimit(const QString& modelId);
    /// Characters as ElevenLabs counts them (Unicode code points).
    static qint64 characterCount(const QString& text);
    /// What synthesize() reserves for `request`.
    static Money worstCaseCost(const ElevenLabsSpeechRequest& request);

    /// Concurrency is the documented limit, by plan; this is the lowest plan's (Free, Multilingual v2).
    static PacingConfig documentedPacing();
    /// The documented concurrency of a plan (`tier` from subscription()), for Multilingual v2.
    static PacingConfig pacingForTier(const QString& tier);
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    IntegrationError decodeError(const HttpResponse& response, const QString& detail) const;
    IntegrationError invalidArgument(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
