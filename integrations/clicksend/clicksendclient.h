#pragma once
// ClickSendClient: Australian direct mail (letters) through ClickSend's v3 REST API — HTTP Basic with
// the username and API key, JSON bodies in the {http_code, response_code, response_msg, data}
// envelope. ClickSend has closed Post to new customers: before any letter call the client makes sure
// the account has Post access (_subaccount.access_post), and refuses with a clear sentence if not.

#include "integrations/clicksend/clicksendtypes.h"
#include "integrations/clientfactory.h"
#include "integrations/http/cancellation.h"
#include "integrations/http/endpoint.h"
#include "integrations/http/requestpacer.h"
#include "integrations/providerclient.h"
#include "model/result.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace agency {

class HttpCore;

class ClickSendClient : public ProviderClient
{
public:
    /// `context.credential` fields: username, api_key.
    explicit ClickSendClient(const ClientContext& context);

    /// ClickSend publishes no request rate (clicksend.md §4); a gentle pace is assumed.
    static PacingConfig documentedPacing();
    /// "direct mail is not enabled on this ClickSend account …": the words every letter call uses
    /// when the account has no Post access.
    static QString noPostAccessMessage();

    /// Tests shrink every retry wait with this factor (1 = real waits).
    void setRetryTimeScale(double scale);
    /// Whether the account has Post, when the caller already knows (an earlier check): letter calls
    /// then skip their account look-up. Empty = look it up before the first letter call.
    void setPostAccess(std::optional<bool> access) { m_postAccess = access; }
    std::optional<bool> postAccess() const { return m_postAccess; }

    ProviderId provider() const override { return ProviderId::ClickSend; }
    /// GET /v3/account: the balance in the account's currency; ValidLimited when the account has no
    /// Post access or is banned. Never a false Invalid.
    QCoro::Task<AccountStatus> checkCredentials() override;

    QCoro::Task<Result<ClickSendAccount, IntegrationError>> account(CancelToken cancel = {});
    /// Every return address, all pages.
    QCoro::Task<Result<QList<ReturnAddress>, IntegrationError>> listReturnAddresses(CancelToken cancel = {});
    QCoro::Task<Result<ReturnAddress, IntegrationError>> createReturnAddress(PostalAddress address,
                                                                             CancelToken cancel = {});
    /// Uploads a PDF (at most 10 MB) for Post and returns the URL to send it from. ClickSend keeps
    /// uploads for 10 minutes: price and send soon after.
    QCoro::Task<Result<QUrl, IntegrationError>> uploadPdf(QString filePath, CancelToken cancel = {});
    /// What the letters would cost, before sending (free). Addresses are checked first.
    QCoro::Task<Result<LetterQuote, IntegrationError>> priceLetter(LetterRequest request,
                                                                   CancelToken cancel = {});
    /// Sends letters to Australian addresses (checked before anything is sent). Billable: reserves the
    /// quoted total (or the catalogue's price per letter) and records ClickSend's post_price, reported.
    /// Never retried by the core: ClickSend has no idempotency key (reconcile with letterHistory()).
    QCoro::Task<Result<LetterSendResult, IntegrationError>> sendLetter(LetterRequest request,
                                                                       CancelToken cancel = {});
    /// One page of letter history, newest first, with each letter's status and price.
    QCoro::Task<Result<LetterHistoryPage, IntegrationError>> letterHistory(int page = 1, int limit = 50,
                                                                           CancelToken cancel = {});

private:
    struct DataReply
    {
        HttpResponse response;
        QJsonValue data;
    };

    /// Sends through the core and reads the envelope's data.
    QCoro::Task<Result<DataReply, IntegrationError>> call(Endpoint endpoint, HttpRequest request,
                                                          CancelToken cancel);
    /// Refuses (without sending the letter) when the account has no Post access.
    QCoro::Task<Result<Done, IntegrationError>> ensurePostAccess(CancelToken cancel);
    /// The addresses checked and tidied, or a refusal naming what is wrong.
    Result<LetterRequest, IntegrationError> checkedLetter(const LetterRequest& request) const;

    std::optional<IntegrationError> configurationError() const;
    IntegrationError refused(const QString& sentence) const;
    IntegrationError decodeError(const QString& problem, const HttpResponse& response) const;

    HttpCore* m_core = nullptr;
    Endpoint m_endpoint;
    Endpoint m_postEndpoint; ///< the same, reading a Post refusal as "no Post access"
    QString m_configurationProblem;
    std::optional<bool> m_postAccess;
    CurrencyCode m_currency; ///< the account's, once read; prices are in it
};

} // namespace agency
