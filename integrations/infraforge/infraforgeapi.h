#pragma once
// InfraForge's API facts in one place: paths, query and field names, limits and money units. The client
// and the provider simulator both read this file, so a fact corrected here changes both. Header-only and
// Qt Core only, so the simulator can include it without linking the client.
//
// Where each fact comes from (shared/providers/infraforge.md marks nearly all of it unverified):
//  [swagger]    InfraForge's own Swagger (api.infraforge.ai/public/swagger/doc.json) as generated into the
//               vendor's CLI, SalesforgeAI/forge-cli src/commands/contracts.ts @ c7e8c6cb: the request side
//               (paths, parameters, bodies, required fields, limits), not the responses.
//  [vendor-cli] the same CLI's tests (test/public-api.test.mjs): the raw key in Authorization, the
//               mailbox list's query spelling.
//  [live]       a public runbook recording InfraForge's answers on a first live purchase (2026-10-08):
//               response shapes, the full-replace DNS PUT, the 400 body. Its adapter also quotes the price
//               page.
//  [community]  the community clients cited in shared/providers/infraforge.md (S2, S3).
//  [assumed]    nothing read settles it; the simulator follows the assumption.

#include <QLatin1StringView>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace agency::infraforge {

// --- Auth -------------------------------------------------------------------------------------------
// [vendor-cli] [community ×3]: "Authorization: <key>", the raw key. A "Bearer " prefix is refused with the
// same 401 as a wrong key.
inline constexpr char kAuthHeader[] = "Authorization";

// --- Paths below https://api.infraforge.ai/public [swagger] -----------------------------------------
/// An id as one path segment: percent-encoded, so it can never add a segment of its own.
inline QString segment(const QString& id)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}
inline QString workspacesPath()
{
    return QStringLiteral("/workspaces");
}
inline QString eligibleIpsPath(const QString& workspaceId)
{
    return QStringLiteral("/workspaces/") + segment(workspaceId) + QStringLiteral("/eligible-ips");
}
inline QString creditsBalancePath()
{
    return QStringLiteral("/credits/balance");
}
inline QString availabilityPath()
{
    return QStringLiteral("/check-domain-availability");
}
inline QString bulkAvailabilityPath()
{
    return QStringLiteral("/check-domain-availability-bulk");
}
/// GET lists (query: search), POST buys.
inline QString domainsPath()
{
    return QStringLiteral("/domains");
}
/// GET reads the records; PUT replaces the whole set.
inline QString domainDnsPath(const QString& domainId)
{
    return QStringLiteral("/domains/") + segment(domainId) + QStringLiteral("/dns");
}
/// GET lists (query: workspace_id, with_credentials, search), POST buys.
inline QString mailboxesPath()
{
    return QStringLiteral("/mailboxes");
}

// --- Query parameters [swagger] ----------------------------------------------------------------------
inline constexpr QLatin1StringView kDomainQuery{"domain"};
inline constexpr QLatin1StringView kSearchQuery{"search"};
/// Snake case on the mailbox list, though bodies use camelCase [swagger] [vendor-cli].
inline constexpr QLatin1StringView kMailboxWorkspaceQuery{"workspace_id"};
inline constexpr QLatin1StringView kWithCredentialsQuery{"with_credentials"};

// --- Field names ------------------------------------------------------------------------------------
namespace field {
// Workspaces: {id, name, slug, mailserver} [live]; ip, the dedicated sending IP, null without one
// [community]; POST /workspaces {name, attachUniqueIp} [swagger].
inline constexpr QLatin1StringView id{"id"};
inline constexpr QLatin1StringView name{"name"};
inline constexpr QLatin1StringView slug{"slug"};
inline constexpr QLatin1StringView mailServer{"mailserver"};
inline constexpr QLatin1StringView ip{"ip"};
inline constexpr QLatin1StringView attachUniqueIp{"attachUniqueIp"};
// Credits: {availableAmountCents, topupSettings {isEnabled, amount, topupThreshold}} [community]; the
// top-up amounts are whole dollars [swagger: POST /credits/balance "amount is in us dollars"].
inline constexpr QLatin1StringView availableAmountCents{"availableAmountCents"};
inline constexpr QLatin1StringView topUpSettings{"topupSettings"};
inline constexpr QLatin1StringView isEnabled{"isEnabled"};
inline constexpr QLatin1StringView amount{"amount"};
inline constexpr QLatin1StringView topUpThreshold{"topupThreshold"};
// Availability: {available, price, minCreationPeriodMonths} [live]; the bulk answer's items also name
// their `domain` [community]. Bulk request {domains: [...]} [swagger].
inline constexpr QLatin1StringView domain{"domain"};
inline constexpr QLatin1StringView domains{"domains"};
inline constexpr QLatin1StringView available{"available"};
inline constexpr QLatin1StringView price{"price"};
inline constexpr QLatin1StringView minCreationPeriodMonths{"minCreationPeriodMonths"};
// Purchase: {workspaceId, domains: [names], contactDetails: {...}} [swagger] [live].
inline constexpr QLatin1StringView workspaceId{"workspaceId"};
inline constexpr QLatin1StringView contactDetails{"contactDetails"};
// Domain rows: {id, sld, tld, status, expiresAt, autoRenewStatus} — no name [live]; workspaceId
// [community]. autoRenewStatus's type is not recorded [assumed: a boolean].
inline constexpr QLatin1StringView sld{"sld"};
inline constexpr QLatin1StringView tld{"tld"};
inline constexpr QLatin1StringView status{"status"};
inline constexpr QLatin1StringView expiresAt{"expiresAt"};
inline constexpr QLatin1StringView autoRenewStatus{"autoRenewStatus"};
// DNS records {name, type, value, editable} [swagger] [live]; PUT body {records: [...]} [swagger].
inline constexpr QLatin1StringView records{"records"};
inline constexpr QLatin1StringView type{"type"};
inline constexpr QLatin1StringView value{"value"};
inline constexpr QLatin1StringView editable{"editable"};
// Mailbox purchase {domains: [{domain, mailboxes: [{email, firstName, lastName, forwardingEmail?,
// signature?}]}]} — no workspaceId: a mailbox belongs to its domain's workspace [swagger] [live].
// Mailbox rows {id, email, firstName, lastName, domain, status, workspaceId} [community].
inline constexpr QLatin1StringView mailboxes{"mailboxes"};
inline constexpr QLatin1StringView email{"email"};
inline constexpr QLatin1StringView firstName{"firstName"};
inline constexpr QLatin1StringView lastName{"lastName"};
inline constexpr QLatin1StringView forwardingEmail{"forwardingEmail"};
inline constexpr QLatin1StringView signature{"signature"};
// Purchase answers: {invoice: {invoiceId | id, totalCents | amount}, checkoutUrl} when a card payment is
// needed [community, one client only: unverified].
inline constexpr QLatin1StringView invoice{"invoice"};
inline constexpr QLatin1StringView invoiceId{"invoiceId"};
inline constexpr QLatin1StringView totalCents{"totalCents"};
inline constexpr QLatin1StringView checkoutUrl{"checkoutUrl"};
// Errors: {"message": "invalid request body", "data": ["<field> is a required field", ...]} [live, a
// 400]; other statuses carry {"message"} [assumed].
inline constexpr QLatin1StringView message{"message"};
inline constexpr QLatin1StringView data{"data"};
} // namespace field

/// contactDetails fields [swagger]; the first ten are required.
namespace contact {
inline constexpr QLatin1StringView firstName{"firstName"};
inline constexpr QLatin1StringView lastName{"lastName"};
inline constexpr QLatin1StringView email{"email"};
inline constexpr QLatin1StringView phone{"phone"};
inline constexpr QLatin1StringView organization{"organization"};
inline constexpr QLatin1StringView address1{"address1"};
inline constexpr QLatin1StringView city{"city"};
inline constexpr QLatin1StringView province{"province"};
inline constexpr QLatin1StringView postalCode{"postalCode"};
inline constexpr QLatin1StringView country{"country"};
inline constexpr QLatin1StringView address2{"address2"};
inline constexpr QLatin1StringView jobTitle{"jobTitle"};
inline constexpr QLatin1StringView dmarcEmail{"dmarcEmail"};
inline constexpr QLatin1StringView forwardToDomain{"forwardToDomain"};

inline QStringList required()
{
    return {firstName, lastName, email, phone, organization, address1, city, province, postalCode, country};
}
} // namespace contact

// --- Limits -----------------------------------------------------------------------------------------
/// Domains in one bulk availability check [swagger: "maximum 100 domains are allowed at once"].
inline constexpr int kMaxDomainsPerAvailabilityCheck = 100;
/// Purchases are slow; a community client allows two minutes [community].
inline constexpr std::chrono::milliseconds kPurchaseTimeout{120'000};

// --- Money ------------------------------------------------------------------------------------------
/// InfraForge bills in US dollars [swagger: credits "amount is in us dollars"].
inline constexpr QLatin1StringView kCurrency{"USD"};
/// Availability prices are dollars as a decimal number ("price": 14 for a .com) [live] [community];
/// the credit balance and invoices are in cents [community].
inline constexpr qint64 kMicrosPerCent = 10'000;
/// A mailbox is a monthly slot; the price page quoted US$3–4 a mailbox a month (2026-10) [live: the
/// runbook's adapter]. The upper end is what a purchase reserves when the answer reports no price.
inline constexpr qint64 kMailboxMonthlyEstimateMicros = 4'000'000;

// --- Statuses ---------------------------------------------------------------------------------------
/// A purchase may be accepted and finished later: 202 [assumed from the sister APIs — Mailforge "a 202 means
/// accepted, not done", Primeforge's Swagger "202 Accepted means the purchase has been recorded and payment
/// charged"]; 200 and 201 are taken the same way.
inline constexpr int kAccepted = 202;
/// No balance to pay a purchase from [community].
inline constexpr int kPaymentRequired = 402;

} // namespace agency::infraforge
