#pragma once
// CostEvent: one billable thing a provider did for us, in its own currency and in AUD.

#include "model/money.h"
#include "model/providerid.h"

#include <QDateTime>
#include <QString>

namespace agency {

enum class CostSource
{
    Reported,  ///< the provider's response said what it cost (Twilio price, Vapi cost, Apify usageTotalUsd)
    Estimated, ///< computed from the price book; may be corrected when the provider reports
};

struct CostEvent
{
    QDateTime at; ///< UTC
    ProviderId provider = ProviderId::Apollo;
    QString operation; ///< "person_match", "send_sms", …
    qint64 units = 0;  ///< leads, messages, tokens, seconds…
    QString unit;
    Money unitPrice; ///< per unit, in the billing currency
    Money amount;    ///< in the billing currency
    Money amountAud; ///< the same in AUD at the rate in force
    CostSource source = CostSource::Estimated;
    QString staffMember;
    QString campaignOrRun;     ///< empty for one-off calls
    QString providerReference; ///< the provider's id for the call (message SID, run id…)

    bool operator==(const CostEvent&) const = default;
};

QString costSourceName(CostSource source); ///< "reported", "estimated"
std::optional<CostSource> costSourceFromName(const QString& name);

} // namespace agency
