#pragma once
// DeepgramClient: Deepgram's speech-to-text REST API — projects and their balances as the credential
// check, and pre-recorded transcription of a local file (streamed from disk) or of a URL.

#include "integrations/clientfactory.h"
#include "integrations/deepgram/deepgramtypes.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class DeepgramClient : public ProviderClient
{
public:
    /// `context.credential` field: api_key (sent as "Authorization: Token <key>").
    explicit DeepgramClient(const ClientContext& context);

    ProviderId provider() const override { return ProviderId::Deepgram; }
    /// GET /v1/projects and each project's balances: Valid with the credit left (USD). A member key
    /// that may transcribe but not see projects or balances is ValidLimited. Never transcribes.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<QList<DeepgramProject>, IntegrationError>> projects();
    QCoro::Task<Result<QList<DeepgramBalance>, IntegrationError>> balances(QString projectId);

    /// POST /v1/listen: a file's bytes are streamed from disk (never read into memory) with the
    /// audio's MIME type; a URL goes as {"url": …}. Billable: reserves the audio's longest plausible
    /// length at the catalogue's per-minute price; the cost event is estimated from metadata.duration.
    /// Never retried once the upload may have reached Deepgram.
    QCoro::Task<Result<DeepgramTranscript, IntegrationError>>
    transcribe(DeepgramTranscriptionRequest request);

    /// The length a file of `bytes` is assumed to have when its duration is not known: as if it were
    /// encoded at 8 kbit/s, lower than any usual call recording (G.729, AMR-WB, 16 kbit/s Opus, MP3
    /// at 32 kbit/s are all denser), so the reservation is an upper bound for those. Audio encoded
    /// below 8 kbit/s (AMR-NB, very low-rate Opus) can run longer: pass its duration instead.
    static double assumedDurationSeconds(qint64 bytes);
    /// The catalogue's per-minute price for `seconds` of audio, rounded up.
    static Money worstCaseCost(double seconds);
    /// The MIME type sent for a local file, from its suffix; application/octet-stream when unknown.
    static QByteArray contentTypeFor(const QString& filePath);

    /// 100 concurrent pre-recorded requests per project (Nova, Base, Enhanced; pay-as-you-go and
    /// Growth); no request rate or rate-limit headers are documented.
    static PacingConfig documentedPacing();
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }
    const Endpoint& endpoint() const { return m_endpoint; }

private:
    IntegrationError decodeError(const HttpResponse& response, const QString& detail) const;
    IntegrationError invalidArgument(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
