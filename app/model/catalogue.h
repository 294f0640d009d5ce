#pragma once
// The provider catalogue: what each of the seventeen providers is for, how it is billed,
// which credential fields it needs and where its API lives. Facts from shared/providers/*.md.

#include "model/money.h"
#include "model/providerid.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace agency {

/// One named part of a credential (an API key, an account SID, a URL…).
struct CredentialFieldSpec
{
    QString name;       ///< snake_case, as in AGENCY_<ID>_<NAME>: "auth_token"
    QString label;      ///< untranslated; shown through QCoreApplication::translate("agency::Catalogue", …)
    bool secret = true; ///< secret fields go to the OS keychain only
    bool optional = false;
    QString shape;     ///< regular expression a real (production) value matches; empty = any
    QString shapeHint; ///< what the shape looks like, for the error message: "AC followed by 32 hex digits"
};

enum class PricingBasis
{
    PerUnit,            ///< unitCost per unit
    PerUnitRange,       ///< between unitCost and unitCostHigh per unit
    Subscription,       ///< unitCost per unit per month
    PerToken,           ///< priced per token from a price table (Anthropic)
    ReportedByProvider, ///< the provider reports each call's cost (Apify usageTotalUsd)
    NotBilledPerCall,   ///< covered by a plan; calls cost nothing one by one
};

struct ProviderInfo
{
    ProviderId id;
    QString name;     ///< "DataForSEO"
    QString category; ///< untranslated
    QString purpose;  ///< untranslated
    PricingBasis pricing = PricingBasis::PerUnit;
    Money unitCost;     ///< seed price, in its own currency
    Money unitCostHigh; ///< upper bound for PerUnitRange
    QString unit;       ///< "lead", "message", "seat/month"
    CurrencyCode billingCurrency;
    bool priceVerified = true; ///< false where the provider file marks the price unverified
    QList<CredentialFieldSpec> fields;
    QString defaultBaseUrl;   ///< empty where the URL comes from a credential field (Supabase, Redis)
    QStringList allowedHosts; ///< hosts a production credential may be sent to; "*.supabase.co" wildcards
};

/// All seventeen, in ProviderId order.
const QList<ProviderInfo>& providerCatalogue();
const ProviderInfo& providerInfo(ProviderId id);

/// "A$0.02 / lead", "A$0.039–0.077 / credit", "per token (price table)": for tables and dialogs.
QString unitCostText(const ProviderInfo& info);

} // namespace agency
