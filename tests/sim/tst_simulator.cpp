// The provider simulator, seen from a client: every provider's credential check (good, wrong and no
// credential), every fault kind, the enforced rate limit, the redacted request log, reset, the control
// API, keep-alive, and the agency-sim executable.

#include "providersimulator.h"
#include "ratelimiter.h"

#include "model/providerid.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <optional>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using agency::ProviderId;
using agency::providerKey;
using namespace agency::sim;

Q_DECLARE_METATYPE(agency::ProviderId)

namespace {

constexpr int kTimeoutMs = 10000;

// A Twilio account SID built at run time ("AC" and 32 zeros), so no SID-shaped literal sits in the code.
QString twilioSid()
{
    return QStringLiteral("AC") + QStringLiteral("0").repeated(32);
}

// A member of a JSON document by path, "tasks/0/result/0/money/balance"; Undefined when absent.
QJsonValue jsonAt(const QJsonDocument& document, const QString& path)
{
    QJsonValue value = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    for (const QString& part : path.split(u'/', Qt::SkipEmptyParts)) {
        bool isIndex = false;
        const int index = part.toInt(&isIndex);
        if (isIndex && value.isArray()) {
            const QJsonArray array = value.toArray();
            if (index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            value = array.at(index);
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (!object.contains(part))
                return QJsonValue(QJsonValue::Undefined);
            value = object.value(part);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return value;
}

struct Reply
{
    bool finished = false;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return QByteArray();
    }
    bool hasHeader(const QByteArray& name) const
    {
        for (const auto& header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

/// What a provider answers to a wrong or missing credential.
struct Rejection
{
    int status = 401;
    QList<QPair<QString, QJsonValue>> members; ///< path → value; Undefined means "present"
    QByteArray text;                           ///< exact body, for providers that answer in plain text
};

/// One provider's credential check, as a client would make it.
struct CheckCase
{
    ProviderId provider;
    QString path;              ///< appended to baseUrl(provider)
    QStringList fields;        ///< JSON members the good answer must have
    QList<QByteArray> headers; ///< headers the good answer must have
    Rejection wrong;
    Rejection missing;
};

QJsonValue present()
{
    return QJsonValue(QJsonValue::Undefined);
}

QJsonObject twilio20003()
{
    return QJsonObject{
        {QStringLiteral("code"), 20003},
        {QStringLiteral("message"), QStringLiteral("Authenticate")},
        {QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/20003")},
        {QStringLiteral("status"), 401}};
}

const QList<CheckCase>& checkCases()
{
    using M = QList<QPair<QString, QJsonValue>>;
    static const QList<CheckCase> cases = {
        {ProviderId::Apollo,
         QStringLiteral("/users/api_profile"),
         {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email")},
         {"x-rate-limit-minute", "x-minute-usage", "x-minute-requests-left", "x-daily-requests-left"},
         {401, {}, QByteArrayLiteral("Invalid access credentials.")},
         {401, {}, QByteArrayLiteral("Invalid access credentials.")}},
        {ProviderId::Apify,
         QStringLiteral("/v2/users/me"),
         {QStringLiteral("data/username"), QStringLiteral("data/email"), QStringLiteral("data/plan/id"),
          QStringLiteral("data/isPaying"), QStringLiteral("data/effectivePlatformFeatures/ACTORS/isEnabled")},
         {"X-RateLimit-Limit"},
         {401,
          M{{QStringLiteral("error/type"), QStringLiteral("invalid-token")},
            {QStringLiteral("error/message"), present()}},
          {}},
         {401, M{{QStringLiteral("error/type"), QStringLiteral("token-not-provided")}}, {}}},
        {ProviderId::Clay,
         QStringLiteral("/me"),
         {QStringLiteral("user/id"), QStringLiteral("user/name"), QStringLiteral("workspace/id")},
         {},
         {401, M{{QStringLiteral("message"), present()}}, {}},
         {401, M{{QStringLiteral("message"), present()}}, {}}},
        {ProviderId::DataForSeo,
         QStringLiteral("/v3/appendix/user_data"),
         {QStringLiteral("version"), QStringLiteral("tasks/0/result/0/money/balance"),
          QStringLiteral("tasks/0/result/0/money/total"),
          QStringLiteral("tasks/0/result/0/rates/limits/minute"), QStringLiteral("tasks/0/result/0/login"),
          QStringLiteral("tasks/0/result/0/backlinks_subscription_expiry_date")},
         {},
         {401, M{{QStringLiteral("status_code"), 40100}, {QStringLiteral("status_message"), present()}}, {}},
         {401, M{{QStringLiteral("status_code"), 40100}}, {}}},
        {ProviderId::Resend,
         QStringLiteral("/domains"),
         {QStringLiteral("object"), QStringLiteral("has_more"), QStringLiteral("data/0/id"),
          QStringLiteral("data/0/status"), QStringLiteral("data/0/capabilities/sending")},
         {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"},
         {400,
          M{{QStringLiteral("statusCode"), 400},
            {QStringLiteral("name"), QStringLiteral("validation_error")},
            {QStringLiteral("message"), QStringLiteral("API key is invalid")}},
          {}},
         {401,
          M{{QStringLiteral("statusCode"), 401},
            {QStringLiteral("name"), QStringLiteral("missing_api_key")},
            {QStringLiteral("message"), present()}},
          {}}},
        {ProviderId::Postmark,
         QStringLiteral("/server"),
         {QStringLiteral("ID"), QStringLiteral("Name"), QStringLiteral("InboundAddress"),
          QStringLiteral("InboundHookUrl")},
         {},
         {401, M{{QStringLiteral("ErrorCode"), 10}, {QStringLiteral("Message"), present()}}, {}},
         {401, M{{QStringLiteral("ErrorCode"), 10}, {QStringLiteral("Message"), present()}}, {}}},
        {ProviderId::Twilio,
         QStringLiteral("/2010-04-01/Accounts/%1.json").arg(twilioSid()),
         {QStringLiteral("sid"), QStringLiteral("friendly_name"), QStringLiteral("status"),
          QStringLiteral("type"), QStringLiteral("subresource_uris/balance")},
         {},
         {401, M{}, QJsonDocument(twilio20003()).toJson(QJsonDocument::Compact)},
         {401, M{}, QJsonDocument(twilio20003()).toJson(QJsonDocument::Compact)}},
        {ProviderId::HeyReach,
         QStringLiteral("/auth/CheckApiKey"),
         {},
         {},
         {401, M{{QStringLiteral("errorMessage"), present()}}, {}},
         {401, M{{QStringLiteral("errorMessage"), present()}}, {}}},
        {ProviderId::ClickSend,
         QStringLiteral("/v3/account"),
         {QStringLiteral("response_code"), QStringLiteral("data/balance"),
          QStringLiteral("data/_currency/currency_name_short"),
          QStringLiteral("data/_subaccount/access_post")},
         {},
         {401,
          M{{QStringLiteral("http_code"), 401},
            {QStringLiteral("response_code"), QStringLiteral("UNAUTHORIZED")}},
          {}},
         {401,
          M{{QStringLiteral("http_code"), 401},
            {QStringLiteral("response_code"), QStringLiteral("UNAUTHORIZED")}},
          {}}},
        {ProviderId::Vapi,
         QStringLiteral("/assistant?limit=1"),
         {QStringLiteral("0/id"), QStringLiteral("0/orgId"), QStringLiteral("0/createdAt"),
          QStringLiteral("0/name")},
         {},
         {401,
          M{{QStringLiteral("statusCode"), 401},
            {QStringLiteral("error"), QStringLiteral("Unauthorized")},
            {QStringLiteral("message"),
             QStringLiteral("Invalid Key. Hot tip, you may be using the private key instead of "
                            "the public key, or vice versa.")}},
          {}},
         {401,
          M{{QStringLiteral("statusCode"), 401}, {QStringLiteral("message"), QStringLiteral("Unauthorized")}},
          {}}},
        {ProviderId::ElevenLabs,
         QStringLiteral("/v1/user/subscription"),
         {QStringLiteral("tier"), QStringLiteral("character_count"), QStringLiteral("character_limit"),
          QStringLiteral("status"), QStringLiteral("next_character_count_reset_unix")},
         {"request-id"},
         {401,
          M{{QStringLiteral("detail/status"), QStringLiteral("invalid_api_key")},
            {QStringLiteral("detail/message"), present()}},
          {}},
         {401, M{{QStringLiteral("detail/status"), QStringLiteral("invalid_api_key")}}, {}}},
        {ProviderId::Deepgram,
         QStringLiteral("/v1/projects"),
         {QStringLiteral("projects/0/project_id"), QStringLiteral("projects/0/name")},
         {},
         {401,
          M{{QStringLiteral("err_code"), QStringLiteral("INVALID_AUTH")},
            {QStringLiteral("err_msg"), QStringLiteral("Invalid credentials.")},
            {QStringLiteral("request_id"), present()}},
          {}},
         {401, M{{QStringLiteral("err_code"), QStringLiteral("INVALID_AUTH")}}, {}}},
        {ProviderId::Anthropic,
         QStringLiteral("/v1/models?limit=1"),
         {QStringLiteral("data/0/id"), QStringLiteral("data/0/type"), QStringLiteral("data/0/display_name"),
          QStringLiteral("has_more"), QStringLiteral("first_id"), QStringLiteral("last_id")},
         {"request-id", "anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining",
          "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-input-tokens-remaining"},
         {401,
          M{{QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("error/type"), QStringLiteral("authentication_error")},
            {QStringLiteral("error/message"), QStringLiteral("invalid x-api-key")},
            {QStringLiteral("request_id"), present()}},
          {}},
         {401,
          M{{QStringLiteral("type"), QStringLiteral("error")},
            {QStringLiteral("error/type"), QStringLiteral("authentication_error")},
            {QStringLiteral("request_id"), present()}},
          {}}},
        {ProviderId::InfraForge,
         QStringLiteral("/workspaces"),
         {QStringLiteral("0/id"), QStringLiteral("0/name")},
         {},
         {401, M{{QStringLiteral("message"), present()}}, {}},
         {401, M{{QStringLiteral("message"), present()}}, {}}},
        {ProviderId::Smartlead,
         QStringLiteral("/campaigns/"),
         {QStringLiteral("0/id"), QStringLiteral("0/name"), QStringLiteral("0/status")},
         {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"},
         {401, M{{QStringLiteral("message"), QStringLiteral("Invalid or missing API key")}}, {}},
         {401, M{{QStringLiteral("message"), QStringLiteral("Invalid or missing API key")}}, {}}},
        {ProviderId::Supabase,
         QStringLiteral("/rest/v1/leads?select=id,email&limit=1"),
         {QStringLiteral("0/id"), QStringLiteral("0/email")},
         {"Content-Range"},
         {401,
          M{{QStringLiteral("message"), QStringLiteral("Invalid API key")},
            {QStringLiteral("hint"), present()}},
          {}},
         {401,
          M{{QStringLiteral("message"), QStringLiteral("No API key found in request")},
            {QStringLiteral("hint"), present()}},
          {}}},
    };
    return cases;
}

const CheckCase& checkCase(ProviderId provider)
{
    for (const CheckCase& check : checkCases()) {
        if (check.provider == provider)
            return check;
    }
    qFatal("no check case for %s", qPrintable(providerKey(provider)));
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void everyHttpProviderHasACheckCase();
    void baseUrlsCarryTheRealBasePath();
    void checkWithValidKey_data();
    void checkWithValidKey();
    void checkWithWrongKey_data();
    void checkWithWrongKey();
    void checkWithoutCredentials_data();
    void checkWithoutCredentials();
    void secondaryChecks_data();
    void secondaryChecks();
    void limitedKeys_data();
    void limitedKeys();
    void rateLimitedSecretAlwaysGets429_data();
    void rateLimitedSecretAlwaysGets429();
    void unknownPathsGetTheProvidersNotFound();
    void providerDetails();
    void sameSeedSameData();

    void faultRateLimited_data();
    void faultRateLimited();
    void faultServerErrors_data();
    void faultServerErrors();
    void faultResetMidResponse();
    void faultResetIsATcpReset();
    void faultTruncatedBody();
    void faultMalformedBody();
    void faultSlowBody();
    void faultsApplyInOrderToMatchingPathsOnly();
    void latency();
    void enforcedRateLimit();
    void rateLimiterRefills();
    void rateLimiterFixedWindow();

    void requestLogRedactsCredentials_data();
    void requestLogRedactsCredentials();
    void requestHandledSignal();
    void resetClearsFaultsLatencyAndLog();
    void controlApi();
    void keepAlive();
    void stopAndListenAgainKeepsState();
    void executablePrintsBaseUrls();

private:
    QNetworkRequest request(ProviderId provider, const QString& path, std::optional<QString> secret) const;
    Reply send(const QNetworkRequest& request, const QByteArray& verb = "GET", const QByteArray& body = {});
    Reply check(ProviderId provider, std::optional<QString> secret, const QString& path = {});
    void verifyRejection(const Reply& reply, const Rejection& expected);

    ProviderSimulator m_sim{7};
    QNetworkAccessManager m_nam;
};

QNetworkRequest TestSimulator::request(ProviderId provider, const QString& path,
                                       std::optional<QString> secret) const
{
    QUrl url(m_sim.baseUrl(provider).toString() + path);
    QNetworkRequest request;
    const auto basic = [&request](const QString& user, const QString& password) {
        request.setRawHeader("Authorization", "Basic " + (user + u':' + password).toUtf8().toBase64());
    };
    const auto bearer = [&request](const QString& token) {
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    };

    // Each provider's own scheme (shared/providers/*.md §1).
    if (provider == ProviderId::Anthropic)
        request.setRawHeader("anthropic-version", "2023-06-01");
    if (secret) {
        const QByteArray value = secret->toUtf8();
        switch (provider) {
        case ProviderId::Apollo:
            request.setRawHeader("X-Api-Key", value);
            break;
        case ProviderId::Apify:
        case ProviderId::Resend:
        case ProviderId::Vapi:
            bearer(*secret);
            break;
        case ProviderId::Clay:
            request.setRawHeader("clay-api-key", value);
            break;
        case ProviderId::DataForSeo:
            basic(QStringLiteral("ops@agency.example"), *secret);
            break;
        case ProviderId::Postmark:
            request.setRawHeader("X-Postmark-Server-Token", value);
            break;
        case ProviderId::Twilio:
            basic(twilioSid(), *secret);
            break;
        case ProviderId::HeyReach:
            request.setRawHeader("X-API-KEY", value);
            break;
        case ProviderId::ClickSend:
            basic(QStringLiteral("agencyops"), *secret);
            break;
        case ProviderId::ElevenLabs:
            request.setRawHeader("xi-api-key", value);
            break;
        case ProviderId::Deepgram:
            request.setRawHeader("Authorization", "Token " + value);
            break;
        case ProviderId::Anthropic:
            request.setRawHeader("x-api-key", value);
            break;
        case ProviderId::InfraForge:
            request.setRawHeader("Authorization", value);
            break;
        case ProviderId::Smartlead: {
            QUrlQuery query(url);
            query.addQueryItem(QStringLiteral("api_key"), *secret);
            url.setQuery(query);
            break;
        }
        case ProviderId::Supabase:
            request.setRawHeader("apikey", value);
            break;
        case ProviderId::Redis:
            break;
        }
    }
    request.setUrl(url);
    return request;
}

Reply TestSimulator::send(const QNetworkRequest& request, const QByteArray& verb, const QByteArray& body)
{
    QElapsedTimer timer;
    timer.start();
    // HEAD through head(): as a custom verb, QNAM would wait for the body that Content-Length announces.
    QNetworkReply* reply =
        verb == "HEAD" ? m_nam.head(request) : m_nam.sendCustomRequest(request, verb, body);
    Reply result;
    // QSignalSpy::wait returns as soon as the reply finishes (QTest::qWaitFor would poll in 10 ms steps).
    QSignalSpy finished(reply, &QNetworkReply::finished);
    result.finished = reply->isFinished() || finished.wait(kTimeoutMs);
    result.elapsedMs = timer.elapsed();
    result.error = reply->error();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->abort();
    delete reply;
    return result;
}

Reply TestSimulator::check(ProviderId provider, std::optional<QString> secret, const QString& path)
{
    return send(request(provider, path.isEmpty() ? checkCase(provider).path : path, std::move(secret)));
}

void TestSimulator::verifyRejection(const Reply& reply, const Rejection& expected)
{
    QVERIFY(reply.finished);
    QCOMPARE(reply.status, expected.status);
    if (!expected.text.isEmpty())
        QCOMPARE(reply.body, expected.text);
    if (expected.members.isEmpty())
        return;
    const QJsonDocument document = reply.json();
    QVERIFY2(!document.isNull(), reply.body.constData());
    for (const auto& [path, value] : expected.members) {
        const QJsonValue actual = jsonAt(document, path);
        QVERIFY2(!actual.isUndefined(),
                 qPrintable(path + QStringLiteral(" missing in ") + QString::fromUtf8(reply.body)));
        if (!value.isUndefined())
            QCOMPARE(actual, value);
    }
}

void TestSimulator::initTestCase()
{
    qRegisterMetaType<agency::sim::RecordedRequest>();
    QVERIFY(m_sim.listen());
    QVERIFY(m_sim.port() != 0);
}

void TestSimulator::init()
{
    m_sim.reset();
}

void TestSimulator::everyHttpProviderHasACheckCase()
{
    QCOMPARE(ProviderSimulator::simulatedProviders().size(), 16);
    QVERIFY(!ProviderSimulator::isSimulated(ProviderId::Redis));
    QCOMPARE(checkCases().size(), 16);
    for (const ProviderId provider : ProviderSimulator::simulatedProviders())
        QCOMPARE(checkCase(provider).provider, provider);
}

void TestSimulator::baseUrlsCarryTheRealBasePath()
{
    const QString root = QStringLiteral("http://127.0.0.1:%1/").arg(m_sim.port());
    QCOMPARE(m_sim.baseUrl(ProviderId::Apollo).toString(), root + QStringLiteral("apollo/api/v1"));
    QCOMPARE(m_sim.baseUrl(ProviderId::Twilio).toString(), root + QStringLiteral("twilio"));
    QCOMPARE(m_sim.baseUrl(ProviderId::HeyReach).toString(), root + QStringLiteral("heyreach/api/public"));
    QCOMPARE(m_sim.baseUrl(ProviderId::InfraForge).toString(), root + QStringLiteral("infraforge/public"));
    QCOMPARE(m_sim.baseUrl(ProviderId::Smartlead).toString(), root + QStringLiteral("smartlead/api/v1"));
    QCOMPARE(m_sim.baseUrl(ProviderId::Clay).toString(), root + QStringLiteral("clay/public/v0"));
    QCOMPARE(m_sim.baseUrl(ProviderId::Supabase).toString(), root + QStringLiteral("supabase"));
    QCOMPARE(m_sim.baseUrl(ProviderId::Anthropic).toString(), root + QStringLiteral("anthropic"));
    QVERIFY(m_sim.baseUrl(ProviderId::Redis).isEmpty());
}

void TestSimulator::checkWithValidKey_data()
{
    QTest::addColumn<ProviderId>("provider");
    for (const CheckCase& check : checkCases())
        QTest::newRow(qPrintable(providerKey(check.provider))) << check.provider;
}

void TestSimulator::checkWithValidKey()
{
    QFETCH(ProviderId, provider);
    const CheckCase& expected = checkCase(provider);
    const Reply reply = check(provider, QStringLiteral("sim-valid"));
    QVERIFY(reply.finished);
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 200);
    if (provider == ProviderId::HeyReach) {
        QVERIFY(reply.body.isEmpty()); // "200 (empty or minimal body)"
    } else {
        const QJsonDocument document = reply.json();
        QVERIFY2(!document.isNull(), reply.body.constData());
        for (const QString& field : expected.fields)
            QVERIFY2(!jsonAt(document, field).isUndefined(),
                     qPrintable(field + QStringLiteral(" missing in ") + QString::fromUtf8(reply.body)));
    }
    for (const QByteArray& header : expected.headers)
        QVERIFY2(reply.hasHeader(header), header.constData());

    // Provider-specific facts the md files single out.
    const QJsonDocument document = reply.json();
    switch (provider) {
    case ProviderId::DataForSeo:
        QCOMPARE(jsonAt(document, QStringLiteral("status_code")).toInt(), 20000);
        QCOMPARE(jsonAt(document, QStringLiteral("tasks/0/status_code")).toInt(), 20000);
        QVERIFY(jsonAt(document, QStringLiteral("tasks/0/result/0/money/balance")).isDouble());
        break;
    case ProviderId::Twilio:
        QCOMPARE(jsonAt(document, QStringLiteral("sid")).toString(), twilioSid());
        QCOMPARE(jsonAt(document, QStringLiteral("type")).toString(), QStringLiteral("Full"));
        break;
    case ProviderId::ClickSend:
        QCOMPARE(jsonAt(document, QStringLiteral("response_code")).toString(), QStringLiteral("SUCCESS"));
        QVERIFY(jsonAt(document, QStringLiteral("data/balance")).isString());
        QCOMPARE(jsonAt(document, QStringLiteral("data/username")).toString(), QStringLiteral("agencyops"));
        break;
    case ProviderId::Anthropic:
        QVERIFY(reply.header("request-id").startsWith("req_"));
        QCOMPARE(jsonAt(document, QStringLiteral("data")).toArray().size(), 1);
        break;
    case ProviderId::Apollo:
        QCOMPARE(reply.header("x-minute-usage").toInt() + reply.header("x-minute-requests-left").toInt(),
                 reply.header("x-rate-limit-minute").toInt());
        break;
    case ProviderId::Supabase:
        QCOMPARE(reply.header("Content-Range"), QByteArrayLiteral("0-0/*"));
        break;
    case ProviderId::Resend:
        QCOMPARE(jsonAt(document, QStringLiteral("object")).toString(), QStringLiteral("list"));
        break;
    default:
        break;
    }
}

void TestSimulator::checkWithWrongKey_data()
{
    checkWithValidKey_data();
}

void TestSimulator::checkWithWrongKey()
{
    QFETCH(ProviderId, provider);
    const Reply reply = check(provider, QStringLiteral("wrong-key-123456"));
    verifyRejection(reply, checkCase(provider).wrong);
    if (provider == ProviderId::Anthropic)
        QVERIFY(jsonAt(reply.json(), QStringLiteral("request_id")).toString().startsWith(u"req_"));
}

void TestSimulator::checkWithoutCredentials_data()
{
    checkWithValidKey_data();
}

void TestSimulator::checkWithoutCredentials()
{
    QFETCH(ProviderId, provider);
    verifyRejection(check(provider, std::nullopt), checkCase(provider).missing);
}

void TestSimulator::secondaryChecks_data()
{
    QTest::addColumn<ProviderId>("provider");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("field");
    QTest::newRow("apify limits") << ProviderId::Apify << QStringLiteral("/v2/users/me/limits")
                                  << QStringLiteral("data/limits/maxMonthlyUsageUsd");
    QTest::newRow("apify current") << ProviderId::Apify << QStringLiteral("/v2/users/me/limits")
                                   << QStringLiteral("data/current/monthlyUsageUsd");
    QTest::newRow("twilio balance") << ProviderId::Twilio
                                    << QStringLiteral("/2010-04-01/Accounts/%1/Balance.json").arg(twilioSid())
                                    << QStringLiteral("balance");
    QTest::newRow("vapi phone numbers")
        << ProviderId::Vapi << QStringLiteral("/phone-number") << QStringLiteral("0/number");
    QTest::newRow("elevenlabs models")
        << ProviderId::ElevenLabs << QStringLiteral("/v1/models") << QStringLiteral("0/model_id");
    QTest::newRow("infraforge credits") << ProviderId::InfraForge << QStringLiteral("/credits/balance")
                                        << QStringLiteral("availableAmountCents");
    QTest::newRow("smartlead without slash")
        << ProviderId::Smartlead << QStringLiteral("/campaigns") << QStringLiteral("0/id");
    QTest::newRow("supabase root") << ProviderId::Supabase << QStringLiteral("/rest/v1/")
                                   << QStringLiteral("swagger");
}

void TestSimulator::secondaryChecks()
{
    QFETCH(ProviderId, provider);
    QFETCH(QString, path);
    QFETCH(QString, field);
    const Reply reply = check(provider, QStringLiteral("sim-valid"), path);
    QCOMPARE(reply.status, 200);
    QVERIFY2(!jsonAt(reply.json(), field).isUndefined(), reply.body.constData());
    if (provider == ProviderId::Twilio)
        QVERIFY(jsonAt(reply.json(), field).isString()); // the balance is a string
}

void TestSimulator::limitedKeys_data()
{
    QTest::addColumn<ProviderId>("provider");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("value");
    QTest::newRow("resend send-only key") << ProviderId::Resend << QString() << 401 << QStringLiteral("name")
                                          << QStringLiteral("restricted_api_key");
    QTest::newRow("deepgram member key")
        << ProviderId::Deepgram << QString() << 401 << QStringLiteral("err_code")
        << QStringLiteral("INSUFFICIENT_PERMISSIONS");
    QTest::newRow("elevenlabs scoped key")
        << ProviderId::ElevenLabs << QString() << 401 << QStringLiteral("detail/status")
        << QStringLiteral("missing_permissions");
    QTest::newRow("elevenlabs scoped key, models")
        << ProviderId::ElevenLabs << QStringLiteral("/v1/models") << 200 << QStringLiteral("0/model_id")
        << QStringLiteral("eleven_multilingual_v2");
    QTest::newRow("supabase publishable key, root")
        << ProviderId::Supabase << QStringLiteral("/rest/v1/") << 403 << QStringLiteral("code")
        << QStringLiteral("42501");
    QTest::newRow("supabase publishable key, table")
        << ProviderId::Supabase << QString() << 200 << QStringLiteral("0/id") << QString();
    QTest::newRow("twilio trial account")
        << ProviderId::Twilio << QString() << 200 << QStringLiteral("type") << QStringLiteral("Trial");
    QTest::newRow("clicksend without post") << ProviderId::ClickSend << QString() << 200
                                            << QStringLiteral("data/_subaccount/access_post") << QString();
    QTest::newRow("apollo (no such notion)")
        << ProviderId::Apollo << QString() << 200 << QStringLiteral("email") << QString();
}

void TestSimulator::limitedKeys()
{
    QFETCH(ProviderId, provider);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, member);
    QFETCH(QString, value);
    const Reply reply = check(provider, QStringLiteral("sim-limited"), path);
    QCOMPARE(reply.status, status);
    const QJsonValue actual = jsonAt(reply.json(), member);
    QVERIFY2(!actual.isUndefined(), reply.body.constData());
    if (!value.isEmpty())
        QCOMPARE(actual.toString(), value);
    if (provider == ProviderId::ClickSend)
        QCOMPARE(actual.toInt(), 0);
}

void TestSimulator::rateLimitedSecretAlwaysGets429_data()
{
    checkWithValidKey_data();
}

void TestSimulator::rateLimitedSecretAlwaysGets429()
{
    QFETCH(ProviderId, provider);
    for (int i = 0; i < 2; ++i) {
        const Reply reply = check(provider, QStringLiteral("sim-ratelimited"));
        if (provider == ProviderId::DataForSeo) {
            // DataForSEO reports its limit inside an HTTP 200 (internal code 40202), without Retry-After.
            QCOMPARE(reply.status, 200);
            QCOMPARE(jsonAt(reply.json(), QStringLiteral("status_code")).toInt(), 40202);
            continue;
        }
        QCOMPARE(reply.status, 429);
        QVERIFY(reply.header("Retry-After").toInt() >= 1);
    }
}

void TestSimulator::unknownPathsGetTheProvidersNotFound()
{
    const Reply twilio =
        check(ProviderId::Twilio, QStringLiteral("sim-valid"), QStringLiteral("/2010-04-01/Nope.json"));
    QCOMPARE(twilio.status, 404);
    QCOMPARE(jsonAt(twilio.json(), QStringLiteral("code")).toInt(), 20404);

    const Reply outsideBase = send(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/apollo/v1/auth/health").arg(m_sim.port()))));
    QCOMPARE(outsideBase.status, 401); // auth comes first, as on the real API

    const Reply unknownProvider =
        send(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/redis/x").arg(m_sim.port()))));
    QCOMPARE(unknownProvider.status, 404);
}

void TestSimulator::providerDetails()
{
    // Anthropic refuses a request without anthropic-version, even with a good key.
    QNetworkRequest noVersion =
        request(ProviderId::Anthropic, QStringLiteral("/v1/models"), QStringLiteral("sim-valid"));
    noVersion.setRawHeader("anthropic-version", QByteArray());
    const Reply refused = send(noVersion);
    QCOMPARE(refused.status, 400);
    QCOMPARE(jsonAt(refused.json(), QStringLiteral("error/type")).toString(),
             QStringLiteral("invalid_request_error"));

    // Anthropic pages with after_id.
    const Reply firstPage =
        check(ProviderId::Anthropic, QStringLiteral("sim-valid"), QStringLiteral("/v1/models?limit=2"));
    const QString lastId = jsonAt(firstPage.json(), QStringLiteral("last_id")).toString();
    const Reply secondPage = check(ProviderId::Anthropic, QStringLiteral("sim-valid"),
                                   QStringLiteral("/v1/models?limit=2&after_id=") + lastId);
    QCOMPARE(jsonAt(secondPage.json(), QStringLiteral("data")).toArray().size(), 2);
    QVERIFY(jsonAt(secondPage.json(), QStringLiteral("first_id")).toString() != lastId);

    // Deepgram: the project from the list opens its balances.
    const Reply projects = check(ProviderId::Deepgram, QStringLiteral("sim-valid"));
    const QString project = jsonAt(projects.json(), QStringLiteral("projects/0/project_id")).toString();
    const Reply balances = check(ProviderId::Deepgram, QStringLiteral("sim-valid"),
                                 QStringLiteral("/v1/projects/%1/balances").arg(project));
    QCOMPARE(balances.status, 200);
    QVERIFY(jsonAt(balances.json(), QStringLiteral("balances/0/amount")).isDouble());
    QCOMPARE(jsonAt(balances.json(), QStringLiteral("balances/0/units")).toString(), QStringLiteral("usd"));
    QCOMPARE(
        check(ProviderId::Deepgram, QStringLiteral("sim-valid"), QStringLiteral("/v1/projects/nope/balances"))
            .status,
        404);

    // Supabase: an exact count in Content-Range (206 for a partial page), HEAD without a body.
    QNetworkRequest counted =
        request(ProviderId::Supabase, QStringLiteral("/rest/v1/leads?select=id&limit=10"),
                QStringLiteral("sim-valid"));
    counted.setRawHeader("Prefer", "count=exact");
    const Reply page = send(counted);
    QCOMPARE(page.status, 206);
    QCOMPARE(page.header("Content-Range"), QByteArrayLiteral("0-9/25"));
    const Reply head = send(counted, "HEAD");
    QVERIFY(head.finished);
    QCOMPARE(head.status, 206);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Range"), QByteArrayLiteral("0-9/25"));
    // An undefined table, and an sb_-style key also sent as a (non-JWT) Bearer that differs from it.
    const Reply missingTable =
        check(ProviderId::Supabase, QStringLiteral("sim-valid"), QStringLiteral("/rest/v1/nope"));
    QCOMPARE(missingTable.status, 404);
    QCOMPARE(jsonAt(missingTable.json(), QStringLiteral("code")).toString(), QStringLiteral("42P01"));
    QNetworkRequest badBearer =
        request(ProviderId::Supabase, checkCase(ProviderId::Supabase).path, QStringLiteral("sim-valid"));
    badBearer.setRawHeader("Authorization", "Bearer something-else");
    const Reply jwt = send(badBearer);
    QCOMPARE(jwt.status, 401);
    QCOMPARE(jsonAt(jwt.json(), QStringLiteral("code")).toString(), QStringLiteral("PGRST301"));
    badBearer.setRawHeader("Authorization", "Bearer sim-valid"); // the same value as apikey is fine
    QCOMPARE(send(badBearer).status, 200);

    // Apify also takes the token as ?token=, and Apollo refuses a key sent as Bearer.
    QNetworkRequest apifyQuery(
        QUrl(m_sim.baseUrl(ProviderId::Apify).toString() + QStringLiteral("/v2/users/me?token=sim-valid")));
    QCOMPARE(send(apifyQuery).status, 200);
    QNetworkRequest apolloBearer(
        QUrl(m_sim.baseUrl(ProviderId::Apollo).toString() + QStringLiteral("/users/api_profile")));
    apolloBearer.setRawHeader("Authorization", "Bearer sim-valid");
    QCOMPARE(send(apolloBearer).status, 401);

    // InfraForge wants the raw key: a Bearer prefix makes it a wrong key.
    QNetworkRequest infraBearer =
        request(ProviderId::InfraForge, QStringLiteral("/workspaces"), std::nullopt);
    infraBearer.setRawHeader("Authorization", "Bearer sim-valid");
    QCOMPARE(send(infraBearer).status, 401);

    // Deepgram's scheme is Token, not Bearer; a short-lived JWT goes as Bearer.
    QNetworkRequest deepgramBearer =
        request(ProviderId::Deepgram, QStringLiteral("/v1/projects"), std::nullopt);
    deepgramBearer.setRawHeader("Authorization", "Bearer sim-valid");
    QCOMPARE(send(deepgramBearer).status, 200);
}

void TestSimulator::sameSeedSameData()
{
    ProviderSimulator again(7);
    ProviderSimulator other(8);
    QVERIFY(again.listen());
    QVERIFY(other.listen());
    const QString path = QStringLiteral("/users/api_profile");
    const auto fetch = [this, &path](const ProviderSimulator& sim) {
        QNetworkRequest request(QUrl(sim.baseUrl(ProviderId::Apollo).toString() + path));
        request.setRawHeader("X-Api-Key", "sim-valid");
        return send(request).body;
    };
    const QByteArray first = fetch(m_sim);
    QVERIFY(!first.isEmpty());
    QCOMPARE(fetch(again), first);
    QVERIFY(fetch(other) != first);
    QCOMPARE(fetch(m_sim), first); // and stable across calls
}

void TestSimulator::faultRateLimited_data()
{
    checkWithValidKey_data();
}

void TestSimulator::faultRateLimited()
{
    QFETCH(ProviderId, provider);
    m_sim.scheduleFaults(provider, QString(), {Fault{FaultKind::RateLimited, 3, 0}});
    const Reply limited = check(provider, QStringLiteral("sim-valid"));
    if (provider == ProviderId::DataForSeo) {
        QCOMPARE(limited.status, 200);
        QCOMPARE(jsonAt(limited.json(), QStringLiteral("status_code")).toInt(), 40202);
    } else {
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("Retry-After"), QByteArrayLiteral("3"));
        QVERIFY2(!limited.json().isNull() || !limited.body.isEmpty(), "a 429 body in the provider's shape");
    }
    if (provider == ProviderId::Apollo)
        QCOMPARE(limited.header("x-minute-requests-left"), QByteArrayLiteral("0"));
    if (provider == ProviderId::Anthropic) {
        QCOMPARE(jsonAt(limited.json(), QStringLiteral("error/type")).toString(),
                 QStringLiteral("rate_limit_error"));
        QCOMPARE(limited.header("anthropic-ratelimit-requests-remaining"), QByteArrayLiteral("0"));
    }
    if (provider == ProviderId::Resend)
        QCOMPARE(jsonAt(limited.json(), QStringLiteral("name")).toString(),
                 QStringLiteral("rate_limit_exceeded"));
    if (provider == ProviderId::Twilio)
        QCOMPARE(jsonAt(limited.json(), QStringLiteral("code")).toInt(), 20429);
    if (provider == ProviderId::Smartlead)
        QCOMPARE(jsonAt(limited.json(), QStringLiteral("error/code")).toString(),
                 QStringLiteral("RATE_LIMIT_EXCEEDED"));

    // One fault, one request: the next one is answered normally.
    QCOMPARE(check(provider, QStringLiteral("sim-valid")).status, 200);
}

void TestSimulator::faultServerErrors_data()
{
    QTest::addColumn<ProviderId>("provider");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    for (const CheckCase& check : checkCases()) {
        const QByteArray key = providerKey(check.provider).toUtf8();
        QTest::newRow(QByteArray(key + " 500").constData())
            << check.provider << int(FaultKind::ServerError500) << 500;
        QTest::newRow(QByteArray(key + " 502").constData())
            << check.provider << int(FaultKind::BadGateway502) << 502;
        QTest::newRow(QByteArray(key + " 503").constData())
            << check.provider << int(FaultKind::Unavailable503) << 503;
    }
}

void TestSimulator::faultServerErrors()
{
    QFETCH(ProviderId, provider);
    QFETCH(int, kind);
    QFETCH(int, status);
    m_sim.scheduleFaults(provider, QString(), {Fault{FaultKind(kind), 1, 0}});
    const Reply reply = check(provider, QStringLiteral("sim-valid"));
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.body.isEmpty());
    if (provider == ProviderId::Anthropic)
        QCOMPARE(jsonAt(reply.json(), QStringLiteral("error/type")).toString(), QStringLiteral("api_error"));
    if (provider == ProviderId::DataForSeo)
        QVERIFY(jsonAt(reply.json(), QStringLiteral("status_code")).toInt() >= 50000);
    QCOMPARE(m_sim.requestLog(provider).constLast().fault, std::optional<FaultKind>(FaultKind(kind)));
}

void TestSimulator::faultResetMidResponse()
{
    m_sim.scheduleFaults(ProviderId::Apify, QStringLiteral("/users/me"),
                         {Fault{FaultKind::ResetMidResponse, 1, 0}});
    const Reply reply = check(ProviderId::Apify, QStringLiteral("sim-valid"));
    QVERIFY(reply.finished);
    // Mostly a network error; but Qt 6.4's HTTP channel sometimes takes a disconnect in the middle of a
    // body as its end and reports success with a short body, so a client must also compare the body
    // with Content-Length. Either way the client can tell.
    const qint64 promised = reply.header("Content-Length").toLongLong();
    QVERIFY2(reply.error != QNetworkReply::NoError || reply.body.size() < promised,
             "a reset must surface as a network error or a visibly short body");
    QVERIFY(reply.json().isNull());
    QCOMPARE(m_sim.requestLog(ProviderId::Apify).size(), 1); // not silently retried into a success
    QCOMPARE(check(ProviderId::Apify, QStringLiteral("sim-valid")).status, 200);
}

void TestSimulator::faultResetIsATcpReset()
{
    // Below Qt: a plain socket sees the headers, part of the body, then ECONNRESET (not a clean FIN).
    m_sim.scheduleFaults(ProviderId::Clay, QString(), {Fault{FaultKind::ResetMidResponse, 1, 0}});
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_sim.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    const QByteArray request =
        "GET /clay/public/v0/me HTTP/1.1\r\nHost: 127.0.0.1\r\nclay-api-key: sim-valid\r\n\r\n";
    QCOMPARE(::send(fd, request.constData(), size_t(request.size()), 0), ssize_t(request.size()));

    QByteArray received;
    int error = 0;
    const bool ended = QTest::qWaitFor(
        [&] {
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                received.append(buffer, n);
                return false;
            }
            if (n == 0)
                return true; // FIN
            error = errno;
            return error != EAGAIN && error != EWOULDBLOCK;
        },
        kTimeoutMs);
    ::close(fd);
    QVERIFY(ended);
    QCOMPARE(error, ECONNRESET);
    QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
    const qsizetype headerEnd = received.indexOf("\r\n\r\n");
    QVERIFY(headerEnd > 0);
    QVERIFY(received.size() > headerEnd + 4); // part of the body came first
}

void TestSimulator::faultTruncatedBody()
{
    m_sim.scheduleFaults(ProviderId::ElevenLabs, QString(), {Fault{FaultKind::TruncatedBody, 1, 0}});
    const Reply reply = check(ProviderId::ElevenLabs, QStringLiteral("sim-valid"));
    QVERIFY(reply.finished);
    const qint64 promised = reply.header("Content-Length").toLongLong();
    QVERIFY2(reply.error != QNetworkReply::NoError || reply.body.size() < promised,
             "a truncated body is an error or visibly short");
    QVERIFY(reply.json().isNull());
}

void TestSimulator::faultMalformedBody()
{
    m_sim.scheduleFaults(ProviderId::Postmark, QStringLiteral("/server"),
                         {Fault{FaultKind::MalformedBody, 1, 0}});
    const Reply reply = check(ProviderId::Postmark, QStringLiteral("sim-valid"));
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 200);
    QJsonParseError error;
    QJsonDocument::fromJson(reply.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
}

void TestSimulator::faultSlowBody()
{
    constexpr int slowMs = 150;
    m_sim.scheduleFaults(ProviderId::Anthropic, QStringLiteral("/v1/models"),
                         {Fault{FaultKind::SlowBody, 1, slowMs}});
    const Reply reply = check(ProviderId::Anthropic, QStringLiteral("sim-valid"));
    QCOMPARE(reply.error, QNetworkReply::NoError);
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.elapsedMs > slowMs, qPrintable(QString::number(reply.elapsedMs)));
    QVERIFY(!reply.json().isNull()); // slow, but whole
}

void TestSimulator::faultsApplyInOrderToMatchingPathsOnly()
{
    m_sim.scheduleFaults(ProviderId::Apify, QStringLiteral("/limits"),
                         {Fault{FaultKind::Unavailable503, 1, 0}, Fault{FaultKind::RateLimited, 2, 0}});
    QCOMPARE(check(ProviderId::Apify, QStringLiteral("sim-valid")).status, 200); // /v2/users/me: no match
    const QString limits = QStringLiteral("/v2/users/me/limits");
    QCOMPARE(check(ProviderId::Apify, QStringLiteral("sim-valid"), limits).status, 503);
    QCOMPARE(check(ProviderId::Apify, QStringLiteral("sim-valid"), limits).status, 429);
    QCOMPARE(check(ProviderId::Apify, QStringLiteral("sim-valid"), limits).status, 200);
    // Faults are per provider: another provider's identical path is untouched.
    m_sim.scheduleFaults(ProviderId::Clay, QString(), {Fault{FaultKind::ServerError500, 1, 0}});
    QCOMPARE(check(ProviderId::Apollo, QStringLiteral("sim-valid")).status, 200);
    QCOMPARE(check(ProviderId::Clay, QStringLiteral("sim-valid")).status, 500);
}

void TestSimulator::latency()
{
    m_sim.setLatency(ProviderId::Vapi, std::chrono::milliseconds(80));
    const Reply slow = check(ProviderId::Vapi, QStringLiteral("sim-valid"));
    QCOMPARE(slow.status, 200);
    QVERIFY2(slow.elapsedMs >= 80, qPrintable(QString::number(slow.elapsedMs)));
    m_sim.setLatency(ProviderId::Vapi, std::chrono::milliseconds(0));
    QCOMPARE(check(ProviderId::Vapi, QStringLiteral("sim-valid")).status, 200);
}

void TestSimulator::enforcedRateLimit()
{
    // One request a second with a burst of three: a quick run of five gets 3 × 200, then 429s.
    m_sim.setRateLimit(ProviderId::Resend, 1, 3);
    QList<int> statuses;
    Reply last;
    for (int i = 0; i < 5; ++i) {
        last = check(ProviderId::Resend, QStringLiteral("sim-valid"));
        statuses.append(last.status);
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 429, 429}));
    QVERIFY(last.header("Retry-After").toInt() >= 1);
    QCOMPARE(last.header("ratelimit-limit"), QByteArrayLiteral("3"));
    QCOMPARE(last.header("ratelimit-remaining"), QByteArrayLiteral("0"));
    QCOMPARE(jsonAt(last.json(), QStringLiteral("name")).toString(), QStringLiteral("rate_limit_exceeded"));

    // Unauthenticated requests do not spend the account's budget; other providers are unaffected.
    QCOMPARE(check(ProviderId::Resend, std::nullopt).status, 401);
    QCOMPARE(check(ProviderId::Postmark, QStringLiteral("sim-valid")).status, 200);
    m_sim.setRateLimit(ProviderId::Resend, 0, 0);
    QCOMPARE(check(ProviderId::Resend, QStringLiteral("sim-valid")).status, 200);
}

void TestSimulator::rateLimiterRefills()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    QVERIFY(!limiter.take(ProviderId::Apollo)); // no limit set
    limiter.setLimit(ProviderId::Apollo, 2, 2);
    QVERIFY(limiter.take(ProviderId::Apollo)->allowed);
    QVERIFY(limiter.take(ProviderId::Apollo)->allowed);
    const RateLimiter::Decision refused = *limiter.take(ProviderId::Apollo);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSeconds, 1);
    now += 500; // half a second at 2/s: one token back
    QVERIFY(limiter.take(ProviderId::Apollo)->allowed);
    QVERIFY(!limiter.take(ProviderId::Apollo)->allowed);
    now += 10000; // never more than the burst
    QCOMPARE(limiter.take(ProviderId::Apollo)->window.remaining, 1);
}

void TestSimulator::rateLimiterFixedWindow()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    limiter.setWindowLimit(ProviderId::Apollo, 3, 60000);
    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.take(ProviderId::Apollo)->allowed);
    now = 45000;
    const RateLimiter::Decision refused = *limiter.take(ProviderId::Apollo);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.window.remaining, 0);
    QCOMPARE(refused.retryAfterSeconds, 15); // until the window ends, not a refill
    now = 60000; // a new window: the full allowance again, however the last one was used
    const RateLimiter::Decision fresh = *limiter.take(ProviderId::Apollo);
    QVERIFY(fresh.allowed);
    QCOMPARE(fresh.window.remaining, 2);
    QCOMPARE(fresh.window.limit, 3);
    limiter.setWindowLimit(ProviderId::Apollo, 0, 60000);
    QVERIFY(!limiter.take(ProviderId::Apollo));
}

void TestSimulator::requestLogRedactsCredentials_data()
{
    QTest::addColumn<ProviderId>("provider");
    QTest::addColumn<QString>("secret");
    for (const CheckCase& check : checkCases()) {
        const QByteArray key = providerKey(check.provider).toUtf8();
        QTest::newRow(QByteArray(key + " valid").constData())
            << check.provider << QStringLiteral("sim-valid");
        QTest::newRow(QByteArray(key + " wrong").constData())
            << check.provider << QStringLiteral("wrong-secret-%1").arg(QString::fromUtf8(key));
    }
}

void TestSimulator::requestLogRedactsCredentials()
{
    QFETCH(ProviderId, provider);
    QFETCH(QString, secret);
    QNetworkRequest withSecret = request(provider, checkCase(provider).path, secret);
    // The secret also turns up where no credential belongs: a body and a custom header.
    withSecret.setRawHeader("X-Note", "copied " + secret.toUtf8());
    withSecret.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("note"), secret}}).toJson(QJsonDocument::Compact);
    send(withSecret, "POST", body);
    send(request(provider, checkCase(provider).path, secret));

    const QList<RecordedRequest> log = m_sim.requestLog(provider);
    QCOMPARE(log.size(), 2);
    const QByteArray needle = secret.toUtf8();
    const QByteArray encoded = QUrl::toPercentEncoding(secret);
    for (const RecordedRequest& entry : log) {
        QCOMPARE(entry.provider, provider);
        QVERIFY(!entry.body.contains(needle));
        QVERIFY(!entry.query.contains(secret));
        QVERIFY(!entry.query.toUtf8().contains(encoded));
        QVERIFY(!entry.path.contains(secret));
        for (const auto& [name, value] : entry.headers) {
            QVERIFY2(!value.contains(needle), name.constData());
            QVERIFY2(!value.contains(needle.toBase64()), name.constData());
        }
        QVERIFY(entry.at.isValid());
        QVERIFY(entry.status != 0);
    }
    QCOMPARE(log.at(0).method, QByteArrayLiteral("POST"));
    QCOMPARE(log.at(1).method, QByteArrayLiteral("GET"));
    QVERIFY(log.at(0).body.contains("[REDACTED]"));
    QVERIFY(log.at(1).path.startsWith(ProviderSimulator::basePath(provider)));
    if (provider == ProviderId::Smartlead)
        QVERIFY(log.at(1).query.contains(QStringLiteral("api_key=[REDACTED]")) ||
                log.at(1).query.contains(QStringLiteral("api_key=%5BREDACTED%5D")));
}

void TestSimulator::requestHandledSignal()
{
    QSignalSpy spy(&m_sim, &ProviderSimulator::requestHandled);
    QCOMPARE(check(ProviderId::Clay, QStringLiteral("sim-valid")).status, 200);
    QCOMPARE(spy.size(), 1);
    const auto entry = spy.at(0).at(0).value<RecordedRequest>();
    QCOMPARE(entry.provider, ProviderId::Clay);
    QCOMPARE(entry.path, QStringLiteral("/public/v0/me"));
    QCOMPARE(entry.status, 200);
}

void TestSimulator::resetClearsFaultsLatencyAndLog()
{
    m_sim.scheduleFaults(ProviderId::Deepgram, QString(), {Fault{FaultKind::ServerError500, 1, 0}});
    m_sim.setLatency(ProviderId::Deepgram, std::chrono::milliseconds(3000));
    m_sim.setRateLimit(ProviderId::Deepgram, 1, 1);
    QCOMPARE(check(ProviderId::Apollo, QStringLiteral("sim-valid")).status, 200);
    QCOMPARE(m_sim.requestLog().size(), 1);

    m_sim.reset();
    QVERIFY(m_sim.requestLog().isEmpty());
    for (int i = 0; i < 2; ++i) {
        const Reply reply = check(ProviderId::Deepgram, QStringLiteral("sim-valid"));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.elapsedMs < 2000, "latency cleared");
    }
    QCOMPARE(m_sim.requestLog().size(), 2);
    m_sim.clearLog();
    QVERIFY(m_sim.requestLog().isEmpty());
}

void TestSimulator::controlApi()
{
    const QString control = m_sim.controlUrl().toString();
    const auto post = [this, &control](const QString& path, const QJsonObject& body) {
        QNetworkRequest request{QUrl(control + path)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        return send(request, "POST", QJsonDocument(body).toJson(QJsonDocument::Compact));
    };

    // Faults, in order.
    const QJsonArray faults{QJsonObject{{QStringLiteral("kind"), QStringLiteral("rate_limited")},
                                        {QStringLiteral("retry_after"), 2}},
                            QJsonObject{{QStringLiteral("kind"), QStringLiteral("bad_gateway_502")}}};
    QCOMPARE(
        post(QStringLiteral("/faults"), QJsonObject{{QStringLiteral("provider"), QStringLiteral("apollo")},
                                                    {QStringLiteral("path"), QStringLiteral("/users")},
                                                    {QStringLiteral("faults"), faults}})
            .status,
        200);
    const Reply limited = check(ProviderId::Apollo, QStringLiteral("sim-valid"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArrayLiteral("2"));
    QCOMPARE(check(ProviderId::Apollo, QStringLiteral("sim-valid")).status, 502);
    QCOMPARE(check(ProviderId::Apollo, QStringLiteral("sim-valid")).status, 200);

    // The log, filtered, redacted.
    QCOMPARE(check(ProviderId::Clay, QStringLiteral("sim-valid")).status, 200);
    const Reply log = send(QNetworkRequest(QUrl(control + QStringLiteral("/requests?provider=apollo"))));
    QCOMPARE(log.status, 200);
    const QJsonArray entries = log.json().array();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral("status")).toInt(), 429);
    QCOMPARE(entries.at(0).toObject().value(QStringLiteral("fault")).toString(),
             QStringLiteral("rate_limited"));
    QCOMPARE(entries.at(2).toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("/api/v1/users/api_profile"));
    QVERIFY(!log.body.contains("sim-valid"));
    QCOMPARE(send(QNetworkRequest(QUrl(control + QStringLiteral("/requests")))).json().array().size(), 4);

    // Latency.
    QCOMPARE(
        post(QStringLiteral("/latency"),
             QJsonObject{{QStringLiteral("provider"), QStringLiteral("clay")}, {QStringLiteral("ms"), 60}})
            .status,
        200);
    QVERIFY(check(ProviderId::Clay, QStringLiteral("sim-valid")).elapsedMs >= 60);

    // Enforced rate limit.
    QCOMPARE(post(QStringLiteral("/ratelimit"),
                  QJsonObject{{QStringLiteral("provider"), QStringLiteral("heyreach")},
                              {QStringLiteral("per_second"), 1},
                              {QStringLiteral("burst"), 1}})
                 .status,
             200);
    QCOMPARE(check(ProviderId::HeyReach, QStringLiteral("sim-valid")).status, 200);
    QCOMPARE(check(ProviderId::HeyReach, QStringLiteral("sim-valid")).status, 429);

    // Providers and their base URLs.
    const Reply providers = send(QNetworkRequest(QUrl(control + QStringLiteral("/providers"))));
    QCOMPARE(providers.json().object().value(QStringLiteral("twilio")).toString(),
             m_sim.baseUrl(ProviderId::Twilio).toString());

    // Reset clears it all.
    QCOMPARE(post(QStringLiteral("/reset"), {}).status, 200);
    QVERIFY(m_sim.requestLog().isEmpty());
    QCOMPARE(check(ProviderId::HeyReach, QStringLiteral("sim-valid")).status, 200);
    QVERIFY(check(ProviderId::Clay, QStringLiteral("sim-valid")).elapsedMs < 60 + 1000);

    // Bad control requests get a 400 that says why.
    QCOMPARE(
        post(QStringLiteral("/faults"), QJsonObject{{QStringLiteral("provider"), QStringLiteral("redis")},
                                                    {QStringLiteral("faults"), faults}})
            .status,
        400);
    QCOMPARE(
        post(QStringLiteral("/faults"),
             QJsonObject{{QStringLiteral("provider"), QStringLiteral("apollo")},
                         {QStringLiteral("faults"),
                          QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("gremlins")}}}}})
            .status,
        400);
    QNetworkRequest notJson{QUrl(control + QStringLiteral("/latency"))};
    QCOMPARE(send(notJson, "POST", "not json").status, 400);
    QCOMPARE(send(QNetworkRequest(QUrl(control + QStringLiteral("/nothing")))).status, 404);
}

void TestSimulator::keepAlive()
{
    // Two requests on one connection: the server must frame each answer and keep the socket open.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_sim.port());
    QVERIFY(socket.waitForConnected(kTimeoutMs));
    const QByteArray request =
        "GET /postmark/server HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Postmark-Server-Token: sim-valid\r\n\r\n";
    for (int i = 0; i < 2; ++i) {
        socket.write(request);
        QByteArray received;
        qint64 expected = -1;
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += socket.readAll();
                const qsizetype headerEnd = received.indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return false;
                if (expected < 0) {
                    const qsizetype at = received.toLower().indexOf("content-length: ");
                    expected = headerEnd + 4 +
                               received.mid(at + 16, received.indexOf("\r\n", at) - at - 16).toLongLong();
                }
                return received.size() >= expected;
            },
            kTimeoutMs));
        QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(received.contains("Connection: keep-alive"));
        QCOMPARE(received.size(), expected);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }
    // "Connection: close" gets its answer, then the server closes.
    socket.write("GET /postmark/server HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QVERIFY(QTest::qWaitFor([&socket] { return socket.state() == QAbstractSocket::UnconnectedState; },
                            kTimeoutMs));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 401"));
    QCOMPARE(m_sim.requestLog(ProviderId::Postmark).size(), 3);
}

void TestSimulator::stopAndListenAgainKeepsState()
{
    // A simulator of its own: stopping the shared one would disturb the other cases.
    ProviderSimulator sim(7);
    QVERIFY(sim.listen());
    const quint16 port = sim.port();
    QVERIFY(sim.isListening());
    // An open keep-alive connection, as a client's connection pool holds one.
    QTcpSocket idle;
    idle.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(idle.waitForConnected(kTimeoutMs));
    idle.write(
        "GET /postmark/server HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Postmark-Server-Token: sim-valid\r\n\r\n");
    // The server runs on this thread: wait with the event loop turning (waitForReadyRead would block it).
    QVERIFY(QTest::qWaitFor([&idle] { return idle.bytesAvailable() > 0; }, kTimeoutMs));
    QCOMPARE(idle.state(), QAbstractSocket::ConnectedState);

    QNetworkRequest email(QUrl(sim.baseUrl(ProviderId::Resend).toString() + QStringLiteral("/emails")));
    email.setRawHeader("Authorization", "Bearer sim-valid");
    email.setRawHeader("Content-Type", "application/json");
    email.setRawHeader("Idempotency-Key", "stop-test-1");
    const QByteArray body =
        R"({"from":"ops@mail1.agency.example","to":["a@acme.com.au"],"subject":"Hi","text":"Hi"})";
    const Reply first = send(email, "POST", body);
    QCOMPARE(first.status, 200);
    const QString id = QJsonDocument::fromJson(first.body).object().value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());

    // Down: the port refuses, the open connection is cut, the port number is kept.
    sim.stop();
    QVERIFY(!sim.isListening());
    QCOMPARE(sim.port(), port);
    QVERIFY(
        QTest::qWaitFor([&idle] { return idle.state() == QAbstractSocket::UnconnectedState; }, kTimeoutMs));
    const Reply refused = send(email, "POST", body);
    QVERIFY(refused.finished);
    QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(sim.requestLog(ProviderId::Resend).size(), 1);

    // Up again on the same port, with what it knew: the replay answers the original id.
    QVERIFY(sim.listen(port));
    QVERIFY(sim.isListening());
    QCOMPARE(sim.port(), port);
    QVERIFY(sim.listen()); // already listening: nothing to do
    const Reply replay = send(email, "POST", body);
    QCOMPARE(replay.status, 200);
    QCOMPARE(QJsonDocument::fromJson(replay.body).object().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(sim.requestLog(ProviderId::Resend).size(), 2);
    // listen() with no port after a stop takes the old one.
    sim.stop();
    QVERIFY(sim.listen());
    QCOMPARE(sim.port(), port);
    QCOMPARE(send(email, "POST", body).status, 200);
}

void TestSimulator::executablePrintsBaseUrls()
{
    QProcess process;
    process.setProgram(QStringLiteral(AGENCY_SIM_EXE));
    process.setArguments(
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"), QStringLiteral("7")});
    process.start();
    QVERIFY(process.waitForStarted(kTimeoutMs));

    QStringList lines;
    QVERIFY(QTest::qWaitFor(
        [&] {
            while (process.canReadLine())
                lines.append(QString::fromUtf8(process.readLine()).trimmed());
            return lines.size() >= 16 || process.state() == QProcess::NotRunning;
        },
        kTimeoutMs));
    QCOMPARE(lines.size(), 16);

    QString port;
    QStringList ids;
    for (const QString& line : std::as_const(lines)) {
        const QStringList parts = line.split(u' ');
        QCOMPARE(parts.size(), 2);
        const std::optional<ProviderId> provider = agency::providerFromKey(parts.at(0));
        QVERIFY2(provider && ProviderSimulator::isSimulated(*provider), qPrintable(line));
        const QUrl url(parts.at(1));
        QCOMPARE(url.scheme(), QStringLiteral("http"));
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        if (port.isEmpty())
            port = QString::number(url.port());
        QCOMPARE(QString::number(url.port()), port);
        QCOMPARE(url.path(), u'/' + parts.at(0) + ProviderSimulator::basePath(*provider));
        ids.append(parts.at(0));
    }
    ids.removeDuplicates();
    QCOMPARE(ids.size(), 16);

    // It serves what it printed, with the same seeded data as an in-process simulator with that seed.
    QNetworkRequest apollo(QUrl(lines.at(0).section(u' ', 1) + QStringLiteral("/users/api_profile")));
    apollo.setRawHeader("X-Api-Key", "sim-valid");
    const Reply reply = send(apollo);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, check(ProviderId::Apollo, QStringLiteral("sim-valid")).body);

    process.terminate(); // SIGTERM: a clean exit
    QVERIFY(process.waitForFinished(kTimeoutMs));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

QTEST_MAIN(TestSimulator)
#include "tst_simulator.moc"
