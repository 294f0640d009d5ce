#pragma once
// SmartleadJson: Smartlead's JSON both ways — request bodies from the typed values, and answers read
// with every field's type checked. Numbers are read whether Smartlead sends them as numbers or strings.

#include "integrations/http/endpoint.h"
#include "integrations/smartlead/smartleadtypes.h"
#include "model/result.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace agency {

class SmartleadJson
{
public:
    static QJsonObject leadBody(const QList<SmartleadLead>& leads, const SmartleadLeadSettings& settings);
    static QJsonObject emailAccountBody(const SmartleadNewEmailAccount& account);
    static QJsonObject warmupBody(const SmartleadWarmupUpdate& update);

    static Result<QList<SmartleadCampaign>, IntegrationError> parseCampaigns(const QJsonDocument& document);
    static Result<SmartleadCampaign, IntegrationError> parseCampaign(const QJsonDocument& document);
    static Result<SmartleadCreatedCampaign, IntegrationError>
    parseCreatedCampaign(const QJsonDocument& document);
    /// {"ok": true, …}: Done, or an InvalidRequest with Smartlead's message when ok is false.
    static Result<Done, IntegrationError> parseOk(const QJsonDocument& document);
    static Result<SmartleadLeadCounts, IntegrationError> parseLeadCounts(const QJsonDocument& document);
    static Result<SmartleadLeadPage, IntegrationError> parseCampaignLeads(const QJsonDocument& document);
    static Result<QList<SmartleadEmailAccount>, IntegrationError>
    parseEmailAccounts(const QJsonDocument& document);
    static Result<SmartleadEmailAccount, IntegrationError> parseEmailAccount(const QJsonDocument& document);
    static Result<SmartleadCreatedEmailAccount, IntegrationError>
    parseCreatedEmailAccount(const QJsonDocument& document);
    static Result<SmartleadWarmupStats, IntegrationError> parseWarmupStats(const QJsonDocument& document);
    static Result<SmartleadCampaignAnalytics, IntegrationError> parseAnalytics(const QJsonDocument& document);
    static Result<SmartleadStatisticsPage, IntegrationError> parseStatistics(const QJsonDocument& document);

    /// Smartlead's error bodies vary: {"message"}, {"error": "…"}, {"error": {"code","message"}},
    /// {"err"} or plain text ("Cannot GET …"); the status decides the kind.
    static ProviderErrorInfo parseError(int status, const QByteArray& body);

    static SmartleadCampaignStatus statusFromName(const QString& name);
};

} // namespace agency
