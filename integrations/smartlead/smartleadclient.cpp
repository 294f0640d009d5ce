#include "smartleadclient.h"

#include "integrations/http/httpcore.h"
#include "integrations/http/retrytiming.h"
#include "integrations/smartlead/smartleadjson.h"
#include "model/catalogue.h"
#include "model/redaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>

namespace agency {

namespace {

// Facts from shared/providers/smartlead.md (no spec in contracts/; the published per-area OpenAPI files
// were read through a public mirror), in one place:
// - the key is the api_key query parameter on every request (no header); the core masks it;
// - rate limits per key, all endpoints together: Standard 60/min, 1,000/h, bursts of 10/s; Pro
//   120/min, 3,000/h, 20/s. X-RateLimit-Limit is taken as the per-minute figure, which names the
//   tier; X-RateLimit-Reset is a Unix time; Retry-After (seconds) comes with a 429;
// - add-leads takes at most 400 leads per call now (100 in older docs): calls of 100 suit both;
// - creating an email account sends the login as user_name (the official example; community clients
//   also use username) and answers emailAccountId (or id);
// - Smartlead is a subscription: nothing here is billed per call, so no cost events.
const QString kCredentialField = QStringLiteral("api_key");
constexpr double kRequestsPerHour = 1000.0;
constexpr double kBurst = 10.0;
constexpr int kStandardPerMinute = 60;
constexpr int kProPerMinute = 120;

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::SmartleadClient", text);
}

void addQueryItem(QUrlQuery& query, const QString& key, const QString& value)
{
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

QString commandName(SmartleadCampaignCommand command)
{
    switch (command) {
    case SmartleadCampaignCommand::Start:
        return QStringLiteral("START");
    case SmartleadCampaignCommand::Pause:
        return QStringLiteral("PAUSED");
    case SmartleadCampaignCommand::Stop:
        return QStringLiteral("STOPPED");
    }
    return QString();
}

QString planFor(int perMinute)
{
    if (perMinute == kStandardPerMinute)
        return tr("Standard");
    if (perMinute == kProPerMinute)
        return tr("Pro");
    return tr("Custom");
}

} // namespace

SmartleadClient::SmartleadClient(const ClientContext& context)
    : m_core(context.core)
{
    m_endpoint.provider = ProviderId::Smartlead;
    m_endpoint.baseUrl = context.baseUrl.isEmpty() ? QUrl(providerInfo(ProviderId::Smartlead).defaultBaseUrl)
                                                   : context.baseUrl;
    m_endpoint.auth = Auth::query(QStringLiteral("api_key"), context.credential.value(kCredentialField));
    m_endpoint.parseError = &SmartleadJson::parseError;
    // X-RateLimit-Reset is the Unix time the window ends: the wait when a 429 has no Retry-After.
    m_endpoint.readRetryAfter = [](const HttpResponse& response) {
        return parseResetTimestamp(response.header("X-RateLimit-Reset"), QDateTime::currentDateTimeUtc());
    };
}

PacingConfig SmartleadClient::documentedPacing()
{
    return PacingConfig{kRequestsPerHour / 3600.0, kBurst, 0};
}

std::optional<IntegrationError> SmartleadClient::missingKey() const
{
    if (!m_endpoint.auth.secret.isEmpty())
        return std::nullopt;
    IntegrationError error;
    error.kind = IntegrationError::Kind::Configuration;
    error.provider = ProviderId::Smartlead;
    error.detail = tr("no API key is set up for Smartlead");
    return error;
}

IntegrationError SmartleadClient::notSent(const QString& why) const
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::InvalidRequest;
    error.provider = ProviderId::Smartlead;
    error.providerMessage = why;
    error.detail = QStringLiteral("refused before sending");
    return error;
}

QCoro::Task<Result<QJsonDocument, IntegrationError>> SmartleadClient::fetchJson(HttpRequest request,
                                                                                CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
    if (!result)
        co_return failure(result.error());
    co_return HttpCore::decodeJson(ProviderId::Smartlead, result.value());
}

QCoro::Task<AccountStatus> SmartleadClient::checkCredentials()
{
    if (const auto missing = missingKey()) {
        AccountStatus status = accountStatusFromError(*missing, {});
        status.summary = tr("no API key set up");
        co_return status;
    }
    HttpRequest request;
    request.path = QStringLiteral("/campaigns/");
    request.operation = QStringLiteral("check");
    QElapsedTimer clock;
    clock.start();
    const HttpResult result = co_await m_core->send(m_endpoint, request);
    const auto latency = std::chrono::milliseconds(clock.elapsed());
    if (!result)
        co_return accountStatusFromError(result.error(), latency);
    const HttpResponse& response = result.value();
    const auto document = HttpCore::decodeJson(ProviderId::Smartlead, response);
    if (!document)
        co_return accountStatusFromError(document.error(), latency);
    const auto campaigns = SmartleadJson::parseCampaigns(document.value());
    if (!campaigns)
        co_return accountStatusFromError(campaigns.error(), latency);

    AccountStatus status;
    status.state = AccountStatus::State::Valid;
    status.latency = latency;
    status.checkedAt = QDateTime::currentDateTimeUtc();
    const int active =
        int(std::count_if(campaigns->cbegin(), campaigns->cend(), [](const SmartleadCampaign& c) {
            return c.status == SmartleadCampaignStatus::Active;
        }));
    bool limitKnown = false;
    const int perMinute = response.header("X-RateLimit-Limit").trimmed().toInt(&limitKnown);
    status.plan = limitKnown ? planFor(perMinute) : QString();
    status.summary = tr("%1 campaigns, %2 active").arg(campaigns->size()).arg(active);
    if (limitKnown)
        status.summary = tr("%1 plan · %2").arg(status.plan, status.summary);
    status.details.append({tr("Campaigns"), QString::number(campaigns->size())});
    status.details.append({tr("Active campaigns"), QString::number(active)});
    if (limitKnown)
        status.details.append({tr("Rate limit"), tr("%1 requests per minute").arg(perMinute)});
    if (const QByteArray remaining = response.header("X-RateLimit-Remaining"); !remaining.isEmpty())
        status.details.append({tr("Requests left in window"), QString::fromLatin1(remaining)});
    bool resetKnown = false;
    const qint64 reset = response.header("X-RateLimit-Reset").trimmed().toLongLong(&resetKnown);
    if (resetKnown)
        status.details.append(
            {tr("Window resets"), QDateTime::fromSecsSinceEpoch(reset, Qt::UTC).toString(Qt::ISODate)});
    co_return status;
}

QCoro::Task<Result<QList<SmartleadCampaign>, IntegrationError>>
SmartleadClient::listCampaigns(std::optional<qint64> clientId)
{
    HttpRequest request;
    request.path = QStringLiteral("/campaigns/");
    request.operation = QStringLiteral("list_campaigns");
    if (clientId)
        addQueryItem(request.query, QStringLiteral("client_id"), QString::number(*clientId));
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseCampaigns(document.value());
}

QCoro::Task<Result<SmartleadCampaign, IntegrationError>> SmartleadClient::campaign(qint64 campaignId)
{
    if (campaignId <= 0)
        co_return failure(notSent(tr("no campaign id given")));
    HttpRequest request;
    request.path = QStringLiteral("/campaigns/%1").arg(campaignId);
    request.operation = QStringLiteral("get_campaign");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseCampaign(document.value());
}

QCoro::Task<Result<SmartleadCreatedCampaign, IntegrationError>>
SmartleadClient::createCampaign(SmartleadNewCampaign campaign)
{
    QJsonObject body;
    if (!campaign.name.isEmpty())
        body.insert(QStringLiteral("name"), campaign.name);
    if (campaign.clientId)
        body.insert(QStringLiteral("client_id"), double(*campaign.clientId));
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/campaigns/create");
    request.body = JsonBody{QJsonDocument(body)};
    request.operation = QStringLiteral("create_campaign");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseCreatedCampaign(document.value());
}

QCoro::Task<Result<Done, IntegrationError>>
SmartleadClient::setCampaignStatus(qint64 campaignId, SmartleadCampaignCommand command)
{
    if (campaignId <= 0)
        co_return failure(notSent(tr("no campaign id given")));
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/campaigns/%1/status").arg(campaignId);
    request.body = JsonBody{QJsonDocument(QJsonObject{{QStringLiteral("status"), commandName(command)}})};
    request.operation = QStringLiteral("campaign_status");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseOk(document.value());
}

QCoro::Task<Result<SmartleadLeadUpload, IntegrationError>>
SmartleadClient::addLeads(qint64 campaignId, QList<SmartleadLead> leads, SmartleadLeadSettings settings,
                          CancelToken cancel)
{
    if (const auto missing = missingKey())
        co_return failure(*missing);
    if (campaignId <= 0)
        co_return failure(notSent(tr("no campaign id given")));
    if (leads.isEmpty())
        co_return failure(notSent(tr("no leads given")));
    for (qsizetype i = 0; i < leads.size(); ++i) {
        if (leads.at(i).email.trimmed().isEmpty())
            co_return failure(notSent(tr("lead %1 has no email address").arg(i)));
    }

    SmartleadLeadUpload upload;
    upload.requested = int(leads.size());
    for (qsizetype first = 0; first < leads.size(); first += kLeadsPerCall) {
        const QList<SmartleadLead> chunk = leads.mid(first, kLeadsPerCall);
        HttpRequest request;
        request.method = "POST";
        request.path = QStringLiteral("/campaigns/%1/leads").arg(campaignId);
        request.body = JsonBody{QJsonDocument(SmartleadJson::leadBody(chunk, settings))};
        request.operation = QStringLiteral("add_leads");
        const HttpResult result = co_await m_core->send(m_endpoint, std::move(request), cancel);
        Result<SmartleadLeadCounts, IntegrationError> counts = failure(IntegrationError{});
        if (result) {
            const auto document = HttpCore::decodeJson(ProviderId::Smartlead, result.value());
            counts = document ? SmartleadJson::parseLeadCounts(document.value())
                              : Result<SmartleadLeadCounts, IntegrationError>(failure(document.error()));
        } else {
            counts = failure(result.error());
        }
        if (!counts) {
            if (upload.calls.isEmpty())
                co_return failure(counts.error());
            upload.stoppedBy = counts.error();
            break;
        }
        SmartleadLeadCall call;
        call.firstLead = int(first);
        call.leadCount = int(chunk.size());
        call.counts = counts.value();
        call.raw = QJsonDocument::fromJson(result->body).object();
        upload.counts += call.counts;
        upload.submitted += call.leadCount;
        upload.calls.append(call);
    }
    co_return upload;
}

QCoro::Task<Result<SmartleadLeadPage, IntegrationError>>
SmartleadClient::campaignLeads(qint64 campaignId, int offset, int limit, CancelToken cancel)
{
    if (campaignId <= 0)
        co_return failure(notSent(tr("no campaign id given")));
    if (offset < 0 || limit < 1 || limit > kMaxPageSize)
        co_return failure(
            notSent(tr("a page holds 1 to %1 leads from a non-negative offset").arg(kMaxPageSize)));
    HttpRequest request;
    request.path = QStringLiteral("/campaigns/%1/leads").arg(campaignId);
    addQueryItem(request.query, QStringLiteral("offset"), QString::number(offset));
    addQueryItem(request.query, QStringLiteral("limit"), QString::number(limit));
    request.operation = QStringLiteral("campaign_leads");
    const auto document = co_await fetchJson(std::move(request), cancel);
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseCampaignLeads(document.value());
}

QCoro::Task<Result<QList<SmartleadEmailAccount>, IntegrationError>>
SmartleadClient::listEmailAccounts(int offset, int limit)
{
    if (offset < 0 || limit < 1 || limit > kMaxPageSize)
        co_return failure(
            notSent(tr("a page holds 1 to %1 accounts from a non-negative offset").arg(kMaxPageSize)));
    HttpRequest request;
    request.path = QStringLiteral("/email-accounts/");
    addQueryItem(request.query, QStringLiteral("offset"), QString::number(offset));
    addQueryItem(request.query, QStringLiteral("limit"), QString::number(limit));
    request.operation = QStringLiteral("list_email_accounts");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseEmailAccounts(document.value());
}

QCoro::Task<Result<SmartleadEmailAccount, IntegrationError>> SmartleadClient::emailAccount(qint64 accountId)
{
    if (accountId <= 0)
        co_return failure(notSent(tr("no email account id given")));
    HttpRequest request;
    request.path = QStringLiteral("/email-accounts/%1/").arg(accountId);
    request.operation = QStringLiteral("get_email_account");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseEmailAccount(document.value());
}

QCoro::Task<Result<SmartleadCreatedEmailAccount, IntegrationError>>
SmartleadClient::createEmailAccount(SmartleadNewEmailAccount account)
{
    const QStringList required = {account.fromEmail, account.username, account.password, account.smtpHost,
                                  account.imapHost};
    if (std::any_of(required.cbegin(), required.cend(),
                    [](const QString& value) { return value.trimmed().isEmpty(); }))
        co_return failure(
            notSent(tr("an email account needs its address, login, password, SMTP and IMAP hosts")));
    // Should Smartlead echo the mailbox password in an error, the core's redaction masks it.
    Redactor::registerSecret(account.password);
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/email-accounts/save");
    request.body = JsonBody{QJsonDocument(SmartleadJson::emailAccountBody(account))};
    request.operation = QStringLiteral("create_email_account");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseCreatedEmailAccount(document.value());
}

QCoro::Task<Result<SmartleadWarmup, IntegrationError>> SmartleadClient::warmupSettings(qint64 accountId)
{
    const auto account = co_await emailAccount(accountId);
    if (!account)
        co_return failure(account.error());
    co_return account->warmup.value_or(SmartleadWarmup{});
}

QCoro::Task<Result<Done, IntegrationError>> SmartleadClient::updateWarmup(qint64 accountId,
                                                                          SmartleadWarmupUpdate update)
{
    if (accountId <= 0)
        co_return failure(notSent(tr("no email account id given")));
    if (update.replyRatePercentage && (*update.replyRatePercentage < 0 || *update.replyRatePercentage > 100))
        co_return failure(notSent(tr("the reply rate is a percentage from 0 to 100")));
    if ((update.totalPerDay && *update.totalPerDay < 0) || (update.dailyRampup && *update.dailyRampup < 0))
        co_return failure(notSent(tr("warmup counts cannot be negative")));
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/email-accounts/%1/warmup").arg(accountId);
    request.body = JsonBody{QJsonDocument(SmartleadJson::warmupBody(update))};
    request.operation = QStringLiteral("update_warmup");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseOk(document.value());
}

QCoro::Task<Result<SmartleadWarmupStats, IntegrationError>> SmartleadClient::warmupStats(qint64 accountId)
{
    if (accountId <= 0)
        co_return failure(notSent(tr("no email account id given")));
    HttpRequest request;
    request.path = QStringLiteral("/email-accounts/%1/warmup-stats").arg(accountId);
    request.operation = QStringLiteral("warmup_stats");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseWarmupStats(document.value());
}

QCoro::Task<Result<SmartleadCampaignAnalytics, IntegrationError>>
SmartleadClient::campaignAnalytics(qint64 campaignId)
{
    if (campaignId <= 0)
        co_return failure(notSent(tr("no campaign id given")));
    HttpRequest request;
    request.path = QStringLiteral("/campaigns/%1/analytics").arg(campaignId);
    request.operation = QStringLiteral("campaign_analytics");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseAnalytics(document.value());
}

QCoro::Task<Result<SmartleadStatisticsPage, IntegrationError>>
SmartleadClient::campaignStatistics(qint64 campaignId, SmartleadStatisticsQuery query)
{
    static const QStringList statuses = {QStringLiteral("opened"), QStringLiteral("clicked"),
                                         QStringLiteral("replied"), QStringLiteral("unsubscribed"),
                                         QStringLiteral("bounced")};
    if (campaignId <= 0)
        co_return failure(notSent(tr("no campaign id given")));
    if (query.offset < 0 || query.limit < 1 || query.limit > kMaxPageSize)
        co_return failure(
            notSent(tr("a page holds 1 to %1 rows from a non-negative offset").arg(kMaxPageSize)));
    if (!query.emailStatus.isEmpty() && !statuses.contains(query.emailStatus))
        co_return failure(notSent(tr("filter by opened, clicked, replied, unsubscribed or bounced")));
    HttpRequest request;
    request.path = QStringLiteral("/campaigns/%1/statistics").arg(campaignId);
    addQueryItem(request.query, QStringLiteral("offset"), QString::number(query.offset));
    addQueryItem(request.query, QStringLiteral("limit"), QString::number(query.limit));
    if (query.sequenceNumber)
        addQueryItem(request.query, QStringLiteral("email_sequence_number"),
                     QString::number(*query.sequenceNumber));
    if (!query.emailStatus.isEmpty())
        addQueryItem(request.query, QStringLiteral("email_status"), query.emailStatus);
    request.operation = QStringLiteral("campaign_statistics");
    const auto document = co_await fetchJson(std::move(request));
    if (!document)
        co_return failure(document.error());
    co_return SmartleadJson::parseStatistics(document.value());
}

} // namespace agency
