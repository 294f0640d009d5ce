#include "clientfactory.h"

#include "integrations/anthropic/anthropicclient.h"
#include "integrations/apify/apifyclient.h"
#include "integrations/apollo/apolloclient.h"
#include "integrations/clay/clayclient.h"
#include "integrations/clicksend/clicksendclient.h"
#include "integrations/dataforseo/dataforseoclient.h"
#include "integrations/deepgram/deepgramclient.h"
#include "integrations/elevenlabs/elevenlabsclient.h"
#include "integrations/heyreach/heyreachclient.h"
#include "integrations/infraforge/infraforgeclient.h"
#include "integrations/postmark/postmarkclient.h"
#include "integrations/redis/redisclient.h"
#include "integrations/resend/resendclient.h"
#include "integrations/smartlead/smartleadclient.h"
#include "integrations/supabase/supabaseclient.h"
#include "integrations/twilio/twilioclient.h"
#include "integrations/vapi/vapiclient.h"

namespace agency {

bool clientAvailable(ProviderId provider)
{
    // Every provider has a client; kept as a switch so a new provider must be added here.
    switch (provider) {
    case ProviderId::Resend:
    case ProviderId::Postmark:
    case ProviderId::Smartlead:
    case ProviderId::Twilio:
    case ProviderId::ClickSend:
    case ProviderId::HeyReach:
    case ProviderId::InfraForge:
    case ProviderId::Apollo:
    case ProviderId::DataForSeo:
    case ProviderId::Clay:
    case ProviderId::Vapi:
    case ProviderId::ElevenLabs:
    case ProviderId::Deepgram:
    case ProviderId::Apify:
    case ProviderId::Anthropic:
    case ProviderId::Supabase:
    case ProviderId::Redis:
        return true;
    default:
        return false;
    }
}

PacingConfig documentedPacing(ProviderId provider)
{
    switch (provider) {
    case ProviderId::Resend:
        return ResendClient::documentedPacing();
    case ProviderId::Postmark:
        return PostmarkClient::documentedPacing();
    case ProviderId::Smartlead:
        return SmartleadClient::documentedPacing();
    case ProviderId::Twilio:
        return TwilioClient::documentedPacing();
    case ProviderId::ClickSend:
        return ClickSendClient::documentedPacing();
    case ProviderId::HeyReach:
        return HeyReachClient::documentedPacing();
    case ProviderId::InfraForge:
        return InfraForgeClient::documentedPacing();
    case ProviderId::Apollo:
        return ApolloClient::documentedPacing();
    case ProviderId::DataForSeo:
        return DataForSeoClient::documentedPacing();
    case ProviderId::Clay:
        return ClayClient::documentedPacing();
    case ProviderId::Vapi:
        return VapiClient::documentedPacing();
    case ProviderId::ElevenLabs:
        return ElevenLabsClient::documentedPacing();
    case ProviderId::Deepgram:
        return DeepgramClient::documentedPacing();
    case ProviderId::Apify:
        return ApifyClient::documentedPacing();
    case ProviderId::Anthropic:
        return AnthropicClient::documentedPacing();
    case ProviderId::Supabase:
        return SupabaseClient::documentedPacing();
    default:
        return {};
    }
}

std::unique_ptr<ProviderClient> createClient(ProviderId provider, const ClientContext& context)
{
    switch (provider) {
    case ProviderId::Resend:
        return std::make_unique<ResendClient>(context);
    case ProviderId::Postmark:
        return std::make_unique<PostmarkClient>(context);
    case ProviderId::Smartlead:
        return std::make_unique<SmartleadClient>(context);
    case ProviderId::Twilio:
        return std::make_unique<TwilioClient>(context);
    case ProviderId::ClickSend:
        return std::make_unique<ClickSendClient>(context);
    case ProviderId::HeyReach:
        return std::make_unique<HeyReachClient>(context);
    case ProviderId::InfraForge:
        return std::make_unique<InfraForgeClient>(context);
    case ProviderId::Apollo:
        return std::make_unique<ApolloClient>(context);
    case ProviderId::DataForSeo:
        return std::make_unique<DataForSeoClient>(context);
    case ProviderId::Clay:
        return std::make_unique<ClayClient>(context);
    case ProviderId::Vapi:
        return std::make_unique<VapiClient>(context);
    case ProviderId::ElevenLabs:
        return std::make_unique<ElevenLabsClient>(context);
    case ProviderId::Deepgram:
        return std::make_unique<DeepgramClient>(context);
    case ProviderId::Apify:
        return std::make_unique<ApifyClient>(context);
    case ProviderId::Anthropic:
        return std::make_unique<AnthropicClient>(context);
    case ProviderId::Supabase:
        return std::make_unique<SupabaseClient>(context);
    case ProviderId::Redis:
        return std::make_unique<RedisClient>(context.credential);
    default:
        return nullptr;
    }
}

} // namespace agency
