// TwilioClient against the provider simulator: the account check (never a false Invalid, never a
// cost), SMS sends (E.164 numbers, form bodies, segment-based estimates, no retry of a send), message
// look-ups with Twilio's reported price, the reconciling list with its filters and paging, calls,
// error bodies mapped to messages, and odd JSON. SMS segmenting is checked on its own as well.

#include "integrations/http/httpcore.h"
#include "integrations/twilio/smsencoding.h"
#include "integrations/twilio/twilioclient.h"
#include "integrations/twilio/twiliojson.h"
#include "providersimulator.h"
#include "simdata.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

constexpr quint64 kSeed = 11;

// "AC" and 32 zeros, built at run time so that no SID-shaped literal sits in the code.
QString accountSid()
{
    return QStringLiteral("AC") + QString(32, u'0');
}

class RecordingBudget : public BudgetHook
{
public:
    QList<Money> reserved;
    QList<CallOutcome> outcomes;
    QList<std::optional<CostEvent>> costs;

    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString,
                                                                 Money worstCase) override
    {
        reserved.append(worstCase);
        co_return ReservationId(reserved.size());
    }
    void settle(ReservationId, CallOutcome outcome, std::optional<CostEvent> cost) override
    {
        outcomes.append(outcome);
        costs.append(std::move(cost));
    }
};

// Collects every log line while alive, to prove no secret is printed.
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& message) { s_lines.append(message); });
        QLoggingCategory::setFilterRules(QStringLiteral("agency.*.debug=true"));
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules(QString());
    }
    static QStringList lines() { return s_lines; }

private:
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

Money aud(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" AUD"));
}

Money usd(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" USD"));
}

// A simulator message SID whose last digit picks the state a look-up reports (routes_twilio.cpp).
QString simSid(const QString& prefix, int segments, char16_t lifecycle)
{
    return prefix + QString(29, u'a') + QStringLiteral("%1").arg(segments, 2, 16, QLatin1Char('0')) +
           QChar(lifecycle);
}

} // namespace

class TestTwilioClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    std::unique_ptr<RecordingBudget> m_budget;

    TwilioClient client(const QString& token = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        credential.fields = {{QStringLiteral("account_sid"), accountSid()},
                             {QStringLiteral("auth_token"), token}};
        TwilioClient twilio(ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Twilio), credential});
        twilio.setRetryTimeScale(0.001);
        return twilio;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Twilio); }
    QString messagesPath() const
    {
        return QStringLiteral("/2010-04-01/Accounts/%1/Messages.json").arg(accountSid());
    }
    static SmsRequest sms(const QString& to = QStringLiteral("0412 345 678"))
    {
        SmsRequest request;
        request.to = to;
        request.from = QStringLiteral("0485 000 000");
        request.body = QStringLiteral("Hello from the agency");
        return request;
    }

private Q_SLOTS:
    void initTestCase();
    void init();

    void segments_data();
    void segments();
    void estimateBeforeSending();
    void documentedPacing();

    void checkFullAccount();
    void checkTrialAccountIsLimited();
    void checkRefusedCredential();
    void checkOutageIsUnreachable();
    void checkRateLimited();
    void checkNotConfigured();

    void sendSms();
    void sendUnicodeSmsCostsMoreSegments();
    void sendThroughMessagingService();
    void sendRefusesAnInvalidNumberBeforeSending();
    void sendValidatesSenderAndBody_data();
    void sendValidatesSenderAndBody();
    void sendMapsTwiliosRefusals_data();
    void sendMapsTwiliosRefusals();
    void sendIsNeverRetried_data();
    void sendIsNeverRetried();
    void sendWithRefusedCredential();
    void sendNeverLogsTheToken();

    void getMessageReportsTwiliosPrice();
    void getMessageLifecycle_data();
    void getMessageLifecycle();
    void getMessageNotFound();
    void getMessageIsRetriedWhenTwilioFails();
    void listMessagesFollowsPages();
    void listMessagesInATimeWindow();

    void createCall();
    void createCallValidates();
    void createCallIsNeverRetried();
    void getCallReportsItsPrice();

    void malformedBodyIsADecodeError();
    void oddJsonIsADecodeError_data();
    void oddJsonIsADecodeError();
    void errorBodies_data();
    void errorBodies();
};

void TestTwilioClient::initTestCase()
{
    m_sim = std::make_unique<ProviderSimulator>(kSeed);
    QVERIFY(m_sim->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestTwilioClient::init()
{
    m_sim->reset();
    m_core = std::make_unique<HttpCore>(*m_network);
    m_core->setRandomSource([] { return 0.5; });
    m_budget = std::make_unique<RecordingBudget>();
    m_core->setBudgetHook(m_budget.get());
}

// ---- segments ----------------------------------------------------------------------------------

void TestTwilioClient::segments_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<int>("units");
    QTest::addColumn<int>("segments");
    const int gsm = int(SmsSegmentation::Encoding::Gsm7);
    const int ucs2 = int(SmsSegmentation::Encoding::Ucs2);
    const QString smile = QStringLiteral("\U0001F600"); // two UTF-16 units
    QTest::newRow("empty") << QString() << gsm << 0 << 0;
    QTest::newRow("short") << QStringLiteral("Hi Jane, see you at 10?") << gsm << 23 << 1;
    QTest::newRow("160 GSM") << QString(160, u'a') << gsm << 160 << 1;
    QTest::newRow("161 GSM") << QString(161, u'a') << gsm << 161 << 2;
    QTest::newRow("306 GSM") << QString(306, u'a') << gsm << 306 << 2;
    QTest::newRow("307 GSM") << QString(307, u'a') << gsm << 307 << 3;
    QTest::newRow("GSM accents") << QStringLiteral("Café à Genève, Ñoño, £5 @ 3€") << gsm << 29 << 1;
    QTest::newRow("ú is not GSM") << QStringLiteral("Ñandú") << ucs2 << 5 << 1;
    QTest::newRow("80 braces = 160 septets") << QString(80, u'{') << gsm << 160 << 1;
    // 81 two-septet characters: 76 fit in 153 septets, the pair is never split.
    QTest::newRow("81 braces") << QString(81, u'{') << gsm << 162 << 2;
    QTest::newRow("152 + brace") << QString(QString(152, u'a') + QString(5, u'~')) << gsm << 162 << 2;
    QTest::newRow("70 UCS-2") << QString(QString(69, u'a') + QStringLiteral("ć")) << ucs2 << 70 << 1;
    QTest::newRow("71 UCS-2") << QString(QString(70, u'a') + QStringLiteral("ć")) << ucs2 << 71 << 2;
    QTest::newRow("134 UCS-2") << QString(QString(133, u'a') + QStringLiteral("ć")) << ucs2 << 134 << 2;
    QTest::newRow("135 UCS-2") << QString(QString(134, u'a') + QStringLiteral("ć")) << ucs2 << 135 << 3;
    QTest::newRow("35 emoji") << smile.repeated(35) << ucs2 << 70 << 1;
    // 36 emoji = 72 units: 33 (66 units) fit a 67-unit part, the pair is never split.
    QTest::newRow("36 emoji") << smile.repeated(36) << ucs2 << 72 << 2;
    QTest::newRow("curly quote") << QStringLiteral("It’s on") << ucs2 << 7 << 1;
}

void TestTwilioClient::segments()
{
    QFETCH(QString, body);
    QFETCH(int, encoding);
    QFETCH(int, units);
    QFETCH(int, segments);
    const SmsSegmentation segmentation = SmsEncoding::segment(body);
    QCOMPARE(int(segmentation.encoding), encoding);
    QCOMPARE(segmentation.units, units);
    QCOMPARE(segmentation.segments, segments);
}

void TestTwilioClient::estimateBeforeSending()
{
    const CostEvent estimate = TwilioClient::estimateSms(QString(200, u'a'));
    QCOMPARE(estimate.units, qint64(2));
    QCOMPARE(estimate.amount, aud("0.16"));
    QCOMPARE(estimate.unitPrice, aud("0.08"));
    QCOMPARE(estimate.source, CostSource::Estimated);
    QCOMPARE(estimate.operation, QStringLiteral("send_sms"));
}

void TestTwilioClient::documentedPacing()
{
    const PacingConfig pacing = TwilioClient::documentedPacing();
    QCOMPARE(pacing.ratePerSecond, 0.0);
    QCOMPARE(pacing.maxConcurrent, 20);
}

// ---- check -------------------------------------------------------------------------------------

void TestTwilioClient::checkFullAccount()
{
    TwilioClient twilio = client();
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Valid);
    QCOMPARE(status.plan, QStringLiteral("Full"));
    const SimData data(kSeed);
    const Money expected =
        usd(QByteArray::number(data.amount(u"twilio:balance", 20, 400, 5), 'f', 5).constData());
    QVERIFY(status.balance.has_value());
    QCOMPARE(*status.balance, expected);
    QCOMPARE(status.summary, QStringLiteral("Full account · %1 balance").arg(expected.toString()));
    QVERIFY(status.checkedAt.isValid());
    bool sawConcurrency = false;
    for (const auto& [label, value] : status.details) {
        // The account body carries an auth token: it is never shown.
        QVERIFY(!value.contains(data.hex(u"twilio:auth-token", 32)));
        if (label == u"Concurrent requests")
            sawConcurrency = value == u"1";
    }
    QVERIFY(sawConcurrency);

    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).method, QByteArray("GET"));
    QCOMPARE(requests.at(0).path, QStringLiteral("/2010-04-01/Accounts/%1.json").arg(accountSid()));
    QCOMPARE(requests.at(1).path, QStringLiteral("/2010-04-01/Accounts/%1/Balance.json").arg(accountSid()));
    bool basic = false;
    for (const auto& [name, value] : requests.at(0).headers)
        basic =
            basic || (name.compare("Authorization", Qt::CaseInsensitive) == 0 && value.startsWith("Basic "));
    QVERIFY(basic);
    QVERIFY(m_budget->reserved.isEmpty()); // a check never costs
}

void TestTwilioClient::checkTrialAccountIsLimited()
{
    TwilioClient twilio = client(QStringLiteral("sim-limited"));
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::ValidLimited);
    QCOMPARE(status.plan, QStringLiteral("Trial"));
    QVERIFY2(status.summary.startsWith(QStringLiteral("Trial account · US$")), qPrintable(status.summary));
}

void TestTwilioClient::checkRefusedCredential()
{
    TwilioClient twilio = client(QStringLiteral("not-the-right-token"));
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Invalid);
    QVERIFY(status.error.has_value());
    QCOMPARE(status.error->kind, IntegrationError::Kind::Auth);
    QCOMPARE(status.error->providerCode, QStringLiteral("20003"));
    QCOMPARE(status.summary,
             QStringLiteral("Twilio refused the credential: Authenticate (20003). Check it in Providers."));
    QCOMPARE(log().size(), 1);
}

void TestTwilioClient::checkOutageIsUnreachable()
{
    m_sim->scheduleFaults(
        ProviderId::Twilio, QStringLiteral("/Accounts/"),
        {{FaultKind::ServerError500}, {FaultKind::Unavailable503}, {FaultKind::BadGateway502}});
    TwilioClient twilio = client();
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Unreachable); // never a false Invalid
    QCOMPARE(log().size(), 3);                                 // a GET is retried
}

void TestTwilioClient::checkRateLimited()
{
    TwilioClient twilio = client(QStringLiteral("sim-ratelimited"));
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::RateLimited);
    QVERIFY(status.error.has_value());
    QCOMPARE(status.error->retryAfter, std::optional<std::chrono::milliseconds>(1s));
    QCOMPARE(status.error->providerCode, QStringLiteral("20429"));
    QCOMPARE(log().size(), 3); // honoured and retried: the check is a GET
}

void TestTwilioClient::checkNotConfigured()
{
    TwilioClient twilio = client(QString());
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::NotConfigured);
    QVERIFY(log().isEmpty());
}

// ---- send --------------------------------------------------------------------------------------

void TestTwilioClient::sendSms()
{
    QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
    TwilioClient twilio = client();
    SmsRequest request = sms();
    request.statusCallback = QUrl(QStringLiteral("https://hooks.example.com/twilio/status"));
    const auto result = QCoro::waitFor(twilio.sendSms(request));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
    const TwilioMessage& message = result->message;
    QVERIFY(message.sid.startsWith(QStringLiteral("SM")));
    QCOMPARE(message.sid.size(), 34);
    QCOMPARE(message.status, TwilioMessageStatus::Queued);
    QCOMPARE(message.to, QStringLiteral("+61412345678"));
    QCOMPARE(message.from, QStringLiteral("+61485000000"));
    QCOMPARE(message.body, QStringLiteral("Hello from the agency"));
    QCOMPARE(message.numSegments, std::optional<int>(1));
    QVERIFY(!message.price.has_value()); // not rated yet
    QVERIFY(!message.reportedCost.has_value());
    QVERIFY(!message.isFinal());
    QCOMPARE(result->segmentation.segments, 1);

    // Estimated at send time: segments × A$0.08, with Twilio's SID as the reference.
    const CostEvent& cost = result->estimatedCost;
    QCOMPARE(cost.source, CostSource::Estimated);
    QCOMPARE(cost.amount, aud("0.08"));
    QCOMPARE(cost.amountAud, aud("0.08"));
    QCOMPARE(cost.units, qint64(1));
    QCOMPARE(cost.operation, QStringLiteral("send_sms"));
    QCOMPARE(cost.providerReference, message.sid);
    QCOMPARE(m_budget->reserved, QList<Money>{aud("0.08")});
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Succeeded});
    QCOMPARE(m_budget->costs.value(0), std::optional<CostEvent>(cost));
    QCOMPARE(costs.size(), 1);

    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(0).path, messagesPath());
    QCOMPARE(requests.at(0).status, 201);
    QByteArray contentType;
    for (const auto& [name, value] : requests.at(0).headers) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            contentType = value;
    }
    QCOMPARE(contentType, QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(requests.at(0).body,
             QByteArray("To=%2B61412345678&From=%2B61485000000&Body=Hello%20from%20the%20agency"
                        "&StatusCallback=https%3A%2F%2Fhooks.example.com%2Ftwilio%2Fstatus"));
}

void TestTwilioClient::sendUnicodeSmsCostsMoreSegments()
{
    TwilioClient twilio = client();
    SmsRequest request = sms();
    request.body = QString(70, u'a') + QStringLiteral("ć"); // 71 UCS-2 units: two segments
    const auto result = QCoro::waitFor(twilio.sendSms(request));
    QVERIFY(result.ok());
    QCOMPARE(result->segmentation.encoding, SmsSegmentation::Encoding::Ucs2);
    QCOMPARE(result->segmentation.segments, 2);
    QCOMPARE(result->message.numSegments, std::optional<int>(2)); // Twilio counts the same
    QCOMPARE(result->estimatedCost.amount, aud("0.16"));
    QCOMPARE(result->estimatedCost.units, qint64(2));
    QCOMPARE(m_budget->reserved, QList<Money>{aud("0.16")});
}

void TestTwilioClient::sendThroughMessagingService()
{
    TwilioClient twilio = client();
    SmsRequest request = sms(QStringLiteral("+61 412 345 678"));
    request.from.clear();
    request.messagingServiceSid = QStringLiteral("MG") + QString(32, u'1');
    const auto result = QCoro::waitFor(twilio.sendSms(request));
    QVERIFY(result.ok());
    QCOMPARE(result->message.status, TwilioMessageStatus::Accepted);
    QCOMPARE(result->message.messagingServiceSid, request.messagingServiceSid);
    QVERIFY(result->message.from.isEmpty());
    QCOMPARE(result->message.numSegments, std::optional<int>(0)); // until the service picks a sender
    QCOMPARE(result->estimatedCost.units, qint64(1));             // the estimate is ours, not num_segments
    const QByteArray body = log().at(0).body;
    QVERIFY(body.contains("MessagingServiceSid=MG111"));
    QVERIFY(!body.contains("From="));
}

void TestTwilioClient::sendRefusesAnInvalidNumberBeforeSending()
{
    TwilioClient twilio = client();
    const auto result = QCoro::waitFor(twilio.sendSms(sms(QStringLiteral("0412 345 67"))));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, IntegrationError::Kind::InvalidRequest);
    QCOMPARE(result.error().httpStatus, 0);
    QCOMPARE(result.error().message(),
             QStringLiteral("Twilio: 0412 345 67 is not a valid Australian phone number."));
    QVERIFY(log().isEmpty());
    QVERIFY(m_budget->reserved.isEmpty());
}

void TestTwilioClient::sendValidatesSenderAndBody_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("message");
    const QString hello = QStringLiteral("Hello");
    QTest::newRow("no sender")
        << QString() << QString() << hello
        << QStringLiteral("Twilio: a sender is needed: a From number or a Messaging Service SID.");
    QTest::newRow("bad sender id") << QStringLiteral("Agency OS Console") << QString() << hello
                                   << QStringLiteral(
                                          "Twilio: Agency OS Console is not a valid sender: use a phone "
                                          "number or 1–11 letters and digits.");
    QTest::newRow("bad from number") << QStringLiteral("+61 485 000") << QString() << hello
                                     << QStringLiteral(
                                            "Twilio: +61 485 000 is not a valid Australian phone number.");
    QTest::newRow("bad service") << QString() << QStringLiteral("XX123") << hello
                                 << QStringLiteral("Twilio: XX123 is not a Messaging Service SID (MG…).");
    QTest::newRow("empty body") << QStringLiteral("AgencyOS") << QString() << QString()
                                << QStringLiteral("Twilio: the message is empty.");
    QTest::newRow("too long") << QStringLiteral("AgencyOS") << QString() << QString(1601, u'a')
                              << QStringLiteral(
                                     "Twilio: the message has 1601 characters; Twilio takes at most 1600.");
}

void TestTwilioClient::sendValidatesSenderAndBody()
{
    QFETCH(QString, from);
    QFETCH(QString, service);
    QFETCH(QString, body);
    QFETCH(QString, message);
    TwilioClient twilio = client();
    SmsRequest request = sms();
    request.from = from;
    request.messagingServiceSid = service;
    request.body = body;
    const auto result = QCoro::waitFor(twilio.sendSms(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), message);
    QVERIFY(log().isEmpty());
}

void TestTwilioClient::sendMapsTwiliosRefusals_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("21211 invalid To")
        << QStringLiteral("sim-valid") << QStringLiteral("0491 570 006") << QStringLiteral("21211")
        << QStringLiteral("Twilio: The 'To' number +61491570006 is not a valid phone number (21211).");
    QTest::newRow("21614 landline")
        << QStringLiteral("sim-valid") << QStringLiteral("(02) 9876 5432") << QStringLiteral("21614")
        << QStringLiteral("Twilio: 'To' number +61298765432 is not a valid mobile number (21614).");
    QTest::newRow("21608 trial account")
        << QStringLiteral("sim-limited") << QStringLiteral("0412 345 678") << QStringLiteral("21608")
        << QStringLiteral(
               "Twilio: The number +61412345678 is unverified. Trial accounts cannot send messages to "
               "unverified numbers; verify +61412345678 at twilio.com/user/account/phone-numbers/verified, "
               "or purchase a Twilio number to send messages to unverified numbers (21608).");
}

void TestTwilioClient::sendMapsTwiliosRefusals()
{
    QFETCH(QString, token);
    QFETCH(QString, to);
    QFETCH(QString, code);
    QFETCH(QString, message);
    TwilioClient twilio = client(token);
    const auto result = QCoro::waitFor(twilio.sendSms(sms(to)));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, IntegrationError::Kind::InvalidRequest);
    QCOMPARE(result.error().httpStatus, 400);
    QCOMPARE(result.error().providerCode, code);
    QCOMPARE(result.error().message(), message);
    QCOMPARE(log().size(), 1);
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Failed}); // refused: nothing charged
}

void TestTwilioClient::sendIsNeverRetried_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("outcome");
    QTest::newRow("500") << int(FaultKind::ServerError500) << int(IntegrationError::Kind::Server)
                         << int(CallOutcome::Unknown);
    QTest::newRow("503") << int(FaultKind::Unavailable503) << int(IntegrationError::Kind::Server)
                         << int(CallOutcome::Unknown);
    QTest::newRow("reset") << int(FaultKind::ResetMidResponse) << int(IntegrationError::Kind::Network)
                           << int(CallOutcome::Unknown);
    // A 429 was not processed, so nothing was charged; still, the client never re-sends on its own.
    QTest::newRow("429") << int(FaultKind::RateLimited) << int(IntegrationError::Kind::RateLimited)
                         << int(CallOutcome::Failed);
}

void TestTwilioClient::sendIsNeverRetried()
{
    QFETCH(int, fault);
    QFETCH(int, kind);
    QFETCH(int, outcome);
    m_sim->scheduleFaults(ProviderId::Twilio, QStringLiteral("/Messages.json"),
                          {{FaultKind(fault), 2}, {FaultKind(fault), 2}, {FaultKind(fault), 2}});
    TwilioClient twilio = client();
    const auto result = QCoro::waitFor(twilio.sendSms(sms()));
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error().kind), kind);
    QCOMPARE(log().size(), 1); // exactly one request reached Twilio
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome(outcome)});
    if (FaultKind(fault) == FaultKind::RateLimited) {
        QCOMPARE(result.error().retryAfter, std::optional<std::chrono::milliseconds>(2s));
        QCOMPARE(result.error().message(),
                 QStringLiteral("Twilio: Too Many Requests (20429). Try again in 2 s."));
    }
    if (FaultKind(fault) == FaultKind::ServerError500)
        QCOMPARE(
            result.error().message(),
            QStringLiteral("Twilio had a server error: Internal Server Error (20500). Try again later."));
}

void TestTwilioClient::sendWithRefusedCredential()
{
    TwilioClient twilio = client(QStringLiteral("not-the-right-token"));
    const auto result = QCoro::waitFor(twilio.sendSms(sms()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, IntegrationError::Kind::Auth);
    QCOMPARE(result.error().httpStatus, 401);
    QCOMPARE(log().size(), 1);
}

void TestTwilioClient::sendNeverLogsTheToken()
{
    const QString token = QStringLiteral("a-token-that-must-never-be-logged");
    LogCapture capture;
    TwilioClient twilio = client(token);
    const auto result = QCoro::waitFor(twilio.sendSms(sms()));
    QVERIFY(!result.ok());
    QVERIFY(!LogCapture::lines().isEmpty());
    for (const QString& line : LogCapture::lines())
        QVERIFY2(!line.contains(token), qPrintable(line));
    QVERIFY(!result.error().message().contains(token));
}

// ---- look-ups ----------------------------------------------------------------------------------

void TestTwilioClient::getMessageReportsTwiliosPrice()
{
    TwilioClient twilio = client();
    SmsRequest request = sms();
    request.body = QString(200, u'a'); // two segments
    const auto sent = QCoro::waitFor(twilio.sendSms(request));
    QVERIFY(sent.ok());
    QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
    const auto fetched = QCoro::waitFor(twilio.getMessage(sent->message.sid));
    QVERIFY2(fetched.ok(), qPrintable(fetched.ok() ? QString() : fetched.error().message()));
    QCOMPARE(fetched->sid, sent->message.sid);
    QCOMPARE(fetched->status, TwilioMessageStatus::Delivered);
    QVERIFY(fetched->isFinal());
    QVERIFY(fetched->dateSent.has_value());
    // Twilio's "-0.10300" USD is a charge of US$0.103: reported, to correct the A$0.16 estimate.
    QCOMPARE(fetched->price, std::optional<Money>(usd("0.103")));
    QVERIFY(fetched->reportedCost.has_value());
    const CostEvent& reported = *fetched->reportedCost;
    QCOMPARE(reported.source, CostSource::Reported);
    QCOMPARE(reported.amount, usd("0.103"));
    QCOMPARE(reported.units, qint64(2));
    QCOMPARE(reported.unitPrice, usd("0.0515"));
    QCOMPARE(reported.operation, sent->estimatedCost.operation);
    QCOMPARE(reported.providerReference, sent->estimatedCost.providerReference);
    QVERIFY(!reported.amountAud.isValid()); // converting USD is the engine's job
    // A read is not billable: the core records nothing; the engine applies the correction.
    QCOMPARE(costs.size(), 0);
    QCOMPARE(m_budget->reserved.size(), 1);
    QCOMPARE(log().last().path,
             QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2.json").arg(accountSid(), sent->message.sid));
}

void TestTwilioClient::getMessageLifecycle_data()
{
    QTest::addColumn<QString>("sid");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("final");
    QTest::addColumn<QString>("price");
    QTest::addColumn<int>("errorCode");
    QTest::newRow("delivered") << simSid(QStringLiteral("SM"), 1, u'0') << int(TwilioMessageStatus::Delivered)
                               << true << QStringLiteral("0.0515") << 0;
    QTest::newRow("undelivered") << simSid(QStringLiteral("SM"), 3, u'c')
                                 << int(TwilioMessageStatus::Undelivered) << true << QStringLiteral("0.1545")
                                 << 30003;
    QTest::newRow("failed, not charged")
        << simSid(QStringLiteral("SM"), 1, u'd') << int(TwilioMessageStatus::Failed) << true
        << QStringLiteral("0") << 30008;
    QTest::newRow("queued") << simSid(QStringLiteral("SM"), 1, u'e') << int(TwilioMessageStatus::Queued)
                            << false << QString() << 0;
    QTest::newRow("sent, not rated") << simSid(QStringLiteral("SM"), 1, u'f')
                                     << int(TwilioMessageStatus::Sent) << false << QString() << 0;
}

void TestTwilioClient::getMessageLifecycle()
{
    QFETCH(QString, sid);
    QFETCH(int, status);
    QFETCH(bool, final);
    QFETCH(QString, price);
    QFETCH(int, errorCode);
    TwilioClient twilio = client();
    const auto message = QCoro::waitFor(twilio.getMessage(sid));
    QVERIFY(message.ok());
    QCOMPARE(int(message->status), status);
    QCOMPARE(message->statusText, twilioMessageStatusName(TwilioMessageStatus(status)));
    QCOMPARE(message->isFinal(), final);
    if (price.isEmpty()) {
        QVERIFY(!message->price.has_value());
        QVERIFY(!message->reportedCost.has_value());
    } else {
        QCOMPARE(message->price, std::optional<Money>(usd(price.toLatin1().constData())));
        QCOMPARE(message->reportedCost->amount, usd(price.toLatin1().constData()));
    }
    QCOMPARE(message->errorCode.value_or(0), errorCode);
    QCOMPARE(message->errorMessage.isEmpty(), errorCode == 0);
}

void TestTwilioClient::getMessageNotFound()
{
    TwilioClient twilio = client();
    const auto message = QCoro::waitFor(twilio.getMessage(QStringLiteral("SMnotarealsid")));
    QVERIFY(!message.ok());
    QCOMPARE(message.error().kind, IntegrationError::Kind::InvalidRequest);
    QCOMPARE(message.error().httpStatus, 404);
    QCOMPARE(message.error().providerCode, QStringLiteral("20404"));
    // A SID that could change the path is refused before anything is sent.
    const auto unsafe = QCoro::waitFor(twilio.getMessage(QStringLiteral("../Calls")));
    QVERIFY(!unsafe.ok());
    QCOMPARE(unsafe.error().httpStatus, 0);
    QCOMPARE(log().size(), 1);
}

void TestTwilioClient::getMessageIsRetriedWhenTwilioFails()
{
    m_sim->scheduleFaults(ProviderId::Twilio, QStringLiteral("/Messages/"),
                          {{FaultKind::Unavailable503}, {FaultKind::RateLimited, 1}});
    TwilioClient twilio = client();
    const auto message = QCoro::waitFor(twilio.getMessage(simSid(QStringLiteral("SM"), 1, u'0')));
    QVERIFY(message.ok());
    QCOMPARE(log().size(), 3);
}

void TestTwilioClient::listMessagesFollowsPages()
{
    TwilioClient twilio = client();
    MessageQuery query;
    query.to = QStringLiteral("0412 345 678");
    query.pageSize = 2;
    const auto messages = QCoro::waitFor(twilio.listMessages(query));
    QVERIFY2(messages.ok(), qPrintable(messages.ok() ? QString() : messages.error().message()));
    QCOMPARE(messages->size(), 5);
    for (qsizetype i = 0; i < messages->size(); ++i) {
        QCOMPARE(messages->at(i).to, QStringLiteral("+61412345678"));
        if (i > 0)
            QVERIFY(*messages->at(i).dateSent < *messages->at(i - 1).dateSent); // newest first
    }
    QCOMPARE(messages->at(3).status, TwilioMessageStatus::Undelivered);

    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 3);
    for (const RecordedRequest& request : requests) {
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, messagesPath());
        QVERIFY2(request.query.contains(QStringLiteral("To=%2B61412345678")), qPrintable(request.query));
    }
    QCOMPARE(requests.at(0).query, QStringLiteral("To=%2B61412345678&PageSize=2"));
    QVERIFY(requests.at(1).query.contains(QStringLiteral("Page=1&PageToken=PASM")));
    QVERIFY(requests.at(2).query.contains(QStringLiteral("Page=2&PageToken=PASM")));

    // maxMessages stops the paging early.
    m_sim->clearLog();
    query.maxMessages = 3;
    const auto capped = QCoro::waitFor(twilio.listMessages(query));
    QVERIFY(capped.ok());
    QCOMPARE(capped->size(), 3);
    QCOMPARE(log().size(), 2);
}

void TestTwilioClient::listMessagesInATimeWindow()
{
    TwilioClient twilio = client();
    MessageQuery all;
    all.to = QStringLiteral("+61412345678");
    const auto everything = QCoro::waitFor(twilio.listMessages(all));
    QVERIFY(everything.ok());
    QCOMPARE(everything->size(), 5);
    const TwilioMessage target = everything->at(1);

    // Reconciling a send: the recipient and a few seconds around it. Twilio filters by whole days
    // (and returns that day's other messages); the client cuts the window exactly.
    m_sim->clearLog();
    MessageQuery window = all;
    window.sentAfter = target.dateSent->addSecs(-1);
    window.sentBefore = target.dateSent->addSecs(1);
    const auto found = QCoro::waitFor(twilio.listMessages(window));
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->at(0).sid, target.sid);
    const QString query = log().at(0).query;
    const QString after = window.sentAfter->toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    QVERIFY2(
        query.contains(QStringLiteral("DateSent%3E=") + QString::fromLatin1(QUrl::toPercentEncoding(after))),
        qPrintable(query));
    QVERIFY(query.contains(QStringLiteral("DateSent%3C=")));

    // A window with nothing in it, and one that ends before it starts.
    window.sentAfter = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    window.sentBefore = QDateTime(QDate(2020, 1, 2), QTime(0, 0), Qt::UTC);
    const auto none = QCoro::waitFor(twilio.listMessages(window));
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
    std::swap(window.sentAfter, window.sentBefore);
    const auto backwards = QCoro::waitFor(twilio.listMessages(window));
    QVERIFY(!backwards.ok());
    QCOMPARE(backwards.error().httpStatus, 0);
}

// ---- calls -------------------------------------------------------------------------------------

void TestTwilioClient::createCall()
{
    TwilioClient twilio = client();
    CallRequest request;
    request.to = QStringLiteral("0412 345 678");
    request.from = QStringLiteral("+61 485 000 000");
    request.url = QUrl(QStringLiteral("https://voice.example.com/twiml.xml"));
    request.statusCallback = QUrl(QStringLiteral("https://hooks.example.com/calls"));
    request.statusCallbackEvents = {QStringLiteral("initiated"), QStringLiteral("completed")};
    request.timeoutSeconds = 30;
    const auto call = QCoro::waitFor(twilio.createCall(request));
    QVERIFY2(call.ok(), qPrintable(call.ok() ? QString() : call.error().message()));
    QVERIFY(call->sid.startsWith(QStringLiteral("CA")));
    QCOMPARE(call->status, TwilioCallStatus::Queued);
    QCOMPARE(call->to, QStringLiteral("+61412345678"));
    QVERIFY(!call->price.has_value());
    QVERIFY(!call->durationSeconds.has_value());
    QVERIFY(m_budget->reserved.isEmpty()); // no voice price in the catalogue: nothing to reserve

    const RecordedRequest sent = log().at(0);
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path, QStringLiteral("/2010-04-01/Accounts/%1/Calls.json").arg(accountSid()));
    QCOMPARE(sent.body,
             QByteArray("To=%2B61412345678&From=%2B61485000000&Url=https%3A%2F%2Fvoice.example.com%2Ftwiml."
                        "xml&StatusCallback=https%3A%2F%2Fhooks.example.com%2Fcalls&StatusCallbackEvent="
                        "initiated&StatusCallbackEvent=completed&Timeout=30"));
}

void TestTwilioClient::createCallValidates()
{
    TwilioClient twilio = client();
    CallRequest request;
    request.to = QStringLiteral("0412 345 678");
    request.from = QStringLiteral("0485 000 000");
    request.url = QUrl(QStringLiteral("https://voice.example.com/twiml.xml"));
    request.twiml = QStringLiteral("<Response><Say>Hi</Say></Response>");
    auto result = QCoro::waitFor(twilio.createCall(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(),
             QStringLiteral("Twilio: a call needs exactly one of a TwiML URL and inline TwiML."));
    request.url.clear();
    request.statusCallbackEvents = {QStringLiteral("hung-up")};
    result = QCoro::waitFor(twilio.createCall(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), QStringLiteral("Twilio: hung-up is not a call status event."));
    request.statusCallbackEvents.clear();
    request.to = QStringLiteral("12");
    result = QCoro::waitFor(twilio.createCall(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), QStringLiteral("Twilio: 12 is not a valid Australian phone number."));
    QVERIFY(log().isEmpty());

    // Inline TwiML is accepted by Twilio as it is.
    request.to = QStringLiteral("0412 345 678");
    result = QCoro::waitFor(twilio.createCall(request));
    QVERIFY(result.ok());
    QVERIFY(log().at(0).body.contains("Twiml=%3CResponse%3E%3CSay%3EHi"));
}

void TestTwilioClient::createCallIsNeverRetried()
{
    m_sim->scheduleFaults(ProviderId::Twilio, QStringLiteral("/Calls.json"),
                          {{FaultKind::ServerError500}, {FaultKind::ServerError500}});
    TwilioClient twilio = client();
    CallRequest request;
    request.to = QStringLiteral("0412 345 678");
    request.from = QStringLiteral("0485 000 000");
    request.url = QUrl(QStringLiteral("https://voice.example.com/twiml.xml"));
    const auto result = QCoro::waitFor(twilio.createCall(request));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, IntegrationError::Kind::Server);
    QCOMPARE(log().size(), 1);
}

void TestTwilioClient::getCallReportsItsPrice()
{
    TwilioClient twilio = client();
    CallRequest request;
    request.to = QStringLiteral("0412 345 678");
    request.from = QStringLiteral("0485 000 000");
    request.url = QUrl(QStringLiteral("https://voice.example.com/twiml.xml"));
    const auto created = QCoro::waitFor(twilio.createCall(request));
    QVERIFY(created.ok());
    const auto call = QCoro::waitFor(twilio.getCall(created->sid));
    QVERIFY(call.ok());
    QCOMPARE(call->status, TwilioCallStatus::Completed);
    QVERIFY(call->isFinal());
    QVERIFY(call->durationSeconds.has_value());
    const qint64 minutes = (*call->durationSeconds + 59) / 60;
    QVERIFY(call->reportedCost.has_value());
    QCOMPARE(call->reportedCost->units, minutes);
    QCOMPARE(call->reportedCost->unit, QStringLiteral("minute"));
    QCOMPARE(call->reportedCost->amount, usd("0.024").times(minutes).value());
    QCOMPARE(call->reportedCost->providerReference, created->sid);
    QVERIFY(call->startTime.has_value() && call->endTime.has_value());

    const auto busy = QCoro::waitFor(twilio.getCall(simSid(QStringLiteral("CA"), 0, u'c')));
    QVERIFY(busy.ok());
    QCOMPARE(busy->status, TwilioCallStatus::Busy);
    QCOMPARE(busy->durationSeconds, std::optional<int>(0));
    QVERIFY(!busy->reportedCost.has_value());
    const auto ongoing = QCoro::waitFor(twilio.getCall(simSid(QStringLiteral("CA"), 0, u'e')));
    QVERIFY(ongoing.ok());
    QCOMPARE(ongoing->status, TwilioCallStatus::InProgress);
    QVERIFY(!ongoing->isFinal());
}

// ---- odd answers -------------------------------------------------------------------------------

void TestTwilioClient::malformedBodyIsADecodeError()
{
    m_sim->scheduleFaults(ProviderId::Twilio, QStringLiteral("/Messages/"), {{FaultKind::MalformedBody}});
    TwilioClient twilio = client();
    const auto message = QCoro::waitFor(twilio.getMessage(simSid(QStringLiteral("SM"), 1, u'0')));
    QVERIFY(!message.ok());
    QCOMPARE(message.error().kind, IntegrationError::Kind::Decode);
    QVERIFY(message.error().message().startsWith(
        QStringLiteral("Twilio sent an answer the console could not read")));

    // A check that gets an unreadable answer leaves the key's validity unknown.
    m_sim->scheduleFaults(ProviderId::Twilio, QStringLiteral("/Accounts/"), {{FaultKind::MalformedBody}});
    const AccountStatus status = QCoro::waitFor(twilio.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Unreachable);
}

void TestTwilioClient::oddJsonIsADecodeError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    const QByteArray base = R"("sid":"SM1","status":"delivered")";
    QTest::newRow("no sid") << QByteArray(R"({"status":"sent"})") << QStringLiteral("message.sid is missing");
    QTest::newRow("numeric status") << QByteArray(R"({"sid":"SM1","status":3})")
                                    << QStringLiteral("message.status is not a non-empty string");
    QTest::newRow("price as number") << QByteArray("{" + base + R"(,"price":-0.0075,"price_unit":"USD"})")
                                     << QStringLiteral("message.price is not a string");
    QTest::newRow("price without unit")
        << QByteArray("{" + base + R"(,"price":"-0.0075","price_unit":null})")
        << QStringLiteral("message.price_unit is not a currency code beside a price");
    QTest::newRow("price not a number") << QByteArray("{" + base + R"(,"price":"cheap","price_unit":"USD"})")
                                        << QStringLiteral("message.price is not a decimal amount");
    QTest::newRow("segments as number") << QByteArray("{" + base + R"(,"num_segments":2})")
                                        << QStringLiteral("message.num_segments is not a string");
    QTest::newRow("error code as text") << QByteArray("{" + base + R"(,"error_code":"30003"})")
                                        << QStringLiteral("message.error_code is not an integer");
    QTest::newRow("bad date") << QByteArray("{" + base + R"(,"date_sent":"yesterday"})")
                              << QStringLiteral("message.date_sent is not an RFC 2822 date");
}

void TestTwilioClient::oddJsonIsADecodeError()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const Result<TwilioMessage, QString> message =
        TwilioJson::message(QJsonDocument::fromJson(json).object());
    QVERIFY(!message.ok());
    QCOMPARE(message.error(), problem);
}

void TestTwilioClient::errorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("kind"); // -1: none
    QTest::newRow("classic")
        << 400
        << QByteArray(R"({"code":21211,"message":"The 'To' number +61 is not a valid phone )"
                      R"(number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400})")
        << QStringLiteral("The 'To' number +61 is not a valid phone number (21211)")
        << QStringLiteral("21211") << -1;
    QTest::newRow("20003") << 401 << QByteArray(R"({"code":20003,"message":"Authenticate","status":401})")
                           << QStringLiteral("Authenticate (20003)") << QStringLiteral("20003")
                           << int(IntegrationError::Kind::Auth);
    QTest::newRow("20429 as 400") << 400 << QByteArray(R"({"code":20429,"message":"Too Many Requests"})")
                                  << QStringLiteral("Too Many Requests (20429)") << QStringLiteral("20429")
                                  << int(IntegrationError::Kind::RateLimited);
    QTest::newRow("RFC 9457")
        << 400
        << QByteArray(R"({"type":"https://www.twilio.com/docs/errors/20001","title":"Invalid )"
                      R"(parameter","status":400,"code":20001,"detail":"PageSize is too large."})")
        << QStringLiteral("PageSize is too large (20001)") << QStringLiteral("20001") << -1;
    QTest::newRow("not JSON") << 502 << QByteArray("<html>Bad gateway</html>") << QString() << QString()
                              << -1;
    QTest::newRow("2xx") << 200 << QByteArray(R"({"code":1,"message":"x"})") << QString() << QString() << -1;
}

void TestTwilioClient::errorBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QString, code);
    QFETCH(int, kind);
    const ProviderErrorInfo info = TwilioJson::error(status, body);
    QCOMPARE(info.message, message);
    QCOMPARE(info.code, code);
    QCOMPARE(info.kind.has_value(), kind >= 0);
    if (kind >= 0)
        QCOMPARE(int(*info.kind), kind);
}

QTEST_GUILESS_MAIN(TestTwilioClient)
#include "tst_twilioclient.moc"
