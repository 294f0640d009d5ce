#pragma once
// InfraForgeClient: sending infrastructure from InfraForge (shared/providers/infraforge.md) — workspaces
// and their dedicated IPs, the credit balance, domain availability and purchase, DNS records, mailboxes.
// Every fact the client assumes about the API is in infraforgeapi.h, with its source.
//
// Cost: a domain purchase reserves the prices its availability check quoted (the caller passes them) and
// reports what the answer's invoice says it cost, else those prices (estimated). Mailboxes reserve and
// estimate US$4 a mailbox a month unless the answer reports the charge. A dedicated IP is a monthly
// subscription (the catalogue's A$99/IP/month): no per-call cost event. Purchases are POSTs without an
// idempotency key, so the core never sends one twice; after a timeout, list what exists and reconcile.

#include "integrations/clientfactory.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/infraforge/infraforgetypes.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <QJsonValue>
#include <QStringList>

#include <qcoro/qcorotask.h>

namespace agency {

class HttpCore;

class InfraForgeClient : public ProviderClient
{
public:
    /// `context.credential` field: api_key (sent raw in Authorization, no Bearer).
    explicit InfraForgeClient(const ClientContext& context);

    /// No limit is documented; a community client's 2 in flight, 250 ms apart, adopted.
    static PacingConfig documentedPacing();

    /// Tests shrink every retry wait with this factor.
    void setRetryTimeScale(double scale) { m_endpoint.retry.timeScale = scale; }

    ProviderId provider() const override { return ProviderId::InfraForge; }
    /// GET /workspaces (the key's test), then GET /credits/balance for the balance. Free reads.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<QList<InfraForgeWorkspace>, IntegrationError>> workspaces();
    QCoro::Task<Result<InfraForgeCreditBalance, IntegrationError>> creditBalance();
    /// The dedicated sending IPs of the account's workspaces.
    QCoro::Task<Result<QList<InfraForgeDedicatedIp>, IntegrationError>> dedicatedIps();
    /// The IPs a workspace may move to.
    QCoro::Task<Result<QStringList, IntegrationError>> eligibleIps(QString workspaceId);
    /// Creates a workspace, optionally buying it a dedicated IP (a subscription: no cost event). Not retried.
    QCoro::Task<Result<InfraForgeWorkspace, IntegrationError>>
    createWorkspace(InfraForgeCreateWorkspaceRequest request);

    QCoro::Task<Result<InfraForgeDomainAvailability, IntegrationError>> checkDomain(QString domain);
    /// Any number of domains, checked 100 at a time; results in the order InfraForge gives them.
    QCoro::Task<Result<QList<InfraForgeDomainAvailability>, IntegrationError>>
    checkDomains(QStringList domains);
    /// Buys domains at their quoted prices. Billable; never retried.
    QCoro::Task<Result<InfraForgeDomainPurchase, IntegrationError>>
    purchaseDomains(InfraForgePurchaseDomainsRequest request);
    QCoro::Task<Result<QList<InfraForgeDomain>, IntegrationError>> domains(QString search = {});

    QCoro::Task<Result<QList<InfraForgeDnsRecord>, IntegrationError>> dnsRecords(QString domainId);
    /// Replaces the domain's whole record set with `records`, in InfraForge's order. A set that drops the
    /// records InfraForge manages breaks mail: prefer upsertDnsRecord().
    QCoro::Task<Result<Done, IntegrationError>> replaceDnsRecords(QString domainId,
                                                                  QList<InfraForgeDnsRecord> records);
    /// Reads the set, changes it and writes the lot back, InfraForge's order kept: a CNAME, A or AAAA
    /// replaces the one of the same name; TXT and MX records are added beside the others (SPF and a
    /// verification token share the apex). No write when the record is there already; refuses to change
    /// a record InfraForge marks not editable.
    QCoro::Task<Result<QList<InfraForgeDnsRecord>, IntegrationError>>
    upsertDnsRecord(QString domainId, InfraForgeDnsRecord record);

    /// Buys mailboxes on domains of the account. Billable; never retried.
    QCoro::Task<Result<InfraForgeMailboxPurchase, IntegrationError>>
    createMailboxes(InfraForgeCreateMailboxesRequest request);
    QCoro::Task<Result<QList<InfraForgeMailbox>, IntegrationError>>
    mailboxes(InfraForgeListMailboxesRequest request = {});

private:
    struct JsonReply
    {
        HttpResponse response;
        QJsonValue json;
    };
    QCoro::Task<Result<JsonReply, IntegrationError>> sendForJson(HttpRequest request);
    IntegrationError notSent(const QString& detail) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
};

} // namespace agency
