#pragma once
// Which provider a campaign sends through and the sender that speaks to it, from the campaign's
// channel and sender settings (the JSON a campaign file or the Campaigns panel gives). Shared by the
// command line and the window so both build the same requests.

#include "engine/campaignsender.h"
#include "engine/campaigntypes.h"
#include "model/result.h"

#include <QJsonObject>

#include <memory>

namespace agency {

class ProviderClient;

/// Email goes through Resend unless sender["provider"] is "smartlead"; SMS through Twilio; a voice
/// call through Vapi; LinkedIn through HeyReach; a letter through ClickSend.
ProviderId campaignProvider(CampaignChannel channel, const QJsonObject& sender);

/// What the sender settings lack or get wrong for this channel, in words; empty when they will do.
QStringList senderSettingProblems(CampaignChannel channel, const QJsonObject& sender);

/// The sender around `client` (the hub's client for campaignProvider()). Refused, in words, when a
/// setting is missing or the client is not the provider's.
Result<std::unique_ptr<CampaignSender>, QString> makeCampaignSender(CampaignChannel channel,
                                                                    const QJsonObject& sender,
                                                                    std::shared_ptr<ProviderClient> client);

} // namespace agency
