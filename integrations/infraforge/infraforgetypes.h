#pragma once
// Request and result values of the InfraForge client (shared/providers/infraforge.md and
// infraforgeapi.h for where each field comes from). Money is in InfraForge's currency, US dollars.

#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace agency {

struct InfraForgeWorkspace
{
    QString id;
    QString name;
    QString slug;
    QString mailServer;  ///< the SMTP (465) and IMAP (993) host of every mailbox in the workspace
    QString dedicatedIp; ///< empty when the workspace sends from shared IPs
    QJsonObject raw;
};

struct InfraForgeCreditBalance
{
    Money available; ///< US dollars
    bool autoTopUp = false;
    std::optional<Money> topUpAmount;    ///< what an automatic top-up adds
    std::optional<Money> topUpThreshold; ///< the balance below which it tops up
};

struct InfraForgeDomainAvailability
{
    QString domain;
    bool available = false;
    std::optional<Money> price; ///< the registration price InfraForge quotes, US dollars
    std::optional<int> minCreationPeriodMonths;
};

/// A domain to buy and the price its availability check quoted: the purchase reserves that much.
struct InfraForgeDomainQuote
{
    QString domain;
    Money quotedPrice; ///< from InfraForgeDomainAvailability::price; must be US dollars, above zero
};

/// The registrant of purchased domains (ICANN needs real details).
struct InfraForgeRegistrant
{
    QString firstName;
    QString lastName;
    QString email;
    QString phone; ///< with the country code: +61…
    QString organization;
    QString address1;
    QString address2;
    QString city;
    QString province;
    QString postalCode;
    QString country; ///< ISO 3166 alpha-2: "AU"
    QString jobTitle;
    QString dmarcEmail;      ///< where DMARC reports go; optional
    QString forwardToDomain; ///< where visitors of the domain are sent; optional
};

struct InfraForgePurchaseDomainsRequest
{
    QString workspaceId;
    QList<InfraForgeDomainQuote> domains;
    InfraForgeRegistrant registrant;
};

struct InfraForgePurchasedDomain
{
    QString id; ///< empty when the answer did not name it yet (the purchase finishes later)
    QString domain;
    QString status;
};

/// What a purchase answer said, beyond the items bought.
struct InfraForgeInvoice
{
    QString invoiceId;
    std::optional<Money> total; ///< what InfraForge charged, when it says
    QString checkoutUrl;        ///< set when a card payment is needed instead of credits
};

struct InfraForgeDomainPurchase
{
    bool accepted = false; ///< 202: recorded, registration continues; poll listDomains()
    QList<InfraForgePurchasedDomain> domains;
    InfraForgeInvoice invoice;
};

struct InfraForgeDomain
{
    QString id;
    QString name;   ///< "example.com" (InfraForge sends sld and tld)
    QString status; ///< draft, pending, active, failed, expired
    QString workspaceId;
    QDateTime expiresAt;
    std::optional<bool> autoRenew;
    QJsonObject raw;
};

struct InfraForgeDnsRecord
{
    QString name; ///< the full host name; the apex is the domain itself
    QString type;
    QString value;
    std::optional<bool> editable; ///< false for the records InfraForge manages (MX, SPF, DKIM, DMARC)

    bool operator==(const InfraForgeDnsRecord&) const = default;
};

struct InfraForgeNewMailbox
{
    QString email; ///< on a domain of the account
    QString firstName;
    QString lastName;
    QString forwardingEmail;
    QString signature;
};

struct InfraForgeCreateMailboxesRequest
{
    QList<InfraForgeNewMailbox> mailboxes; ///< grouped by domain on the wire
};

struct InfraForgeMailbox
{
    QString id;
    QString email;
    QString firstName;
    QString lastName;
    QString domain;
    QString status; ///< draft, pending, processing, active, failed — only active is safe to send from
    QString workspaceId;
    QJsonObject raw;
};

struct InfraForgeMailboxPurchase
{
    bool accepted = false; ///< 202: recorded, the mailboxes are set up later; poll listMailboxes()
    int requested = 0;
    QList<InfraForgeMailbox> mailboxes; ///< what the answer listed (possibly none yet)
    InfraForgeInvoice invoice;
};

struct InfraForgeListMailboxesRequest
{
    QString workspaceId; ///< empty = every workspace
    QString search;      ///< a name or an address
};

/// A dedicated sending IP and the workspace it serves.
struct InfraForgeDedicatedIp
{
    QString ip;
    QString workspaceId;
    QString workspaceName;
};

struct InfraForgeCreateWorkspaceRequest
{
    QString name;             ///< 1–50 characters
    bool dedicatedIp = false; ///< buys a dedicated sending IP: a monthly subscription
};

} // namespace agency
