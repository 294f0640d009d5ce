// PostmarkClient against the provider simulator: inbound search with paging and filters, one message's
// details, the inbound webhook read into the same type, the server check, Postmark's own error codes,
// and that nothing of it reserves or reports money.

#include "integrations/http/httpcore.h"
#include "integrations/postmark/postmarkclient.h"
#include "integrations/postmark/postmarkjson.h"
#include "providersimulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

class RecordingBudget : public BudgetHook
{
public:
    int reservations = 0;
    QCoro::Task<Result<ReservationId, IntegrationError>> reserve(ProviderId, QString, Money) override
    {
        co_return ReservationId(++reservations);
    }
    void settle(ReservationId, CallOutcome, std::optional<CostEvent>) override {}
};

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

template<typename T>
QString describe(const Result<T, IntegrationError>& result)
{
    return result.ok() ? QString() : result.error().message();
}

// A webhook body shaped like Postmark's documentation example (without escaped quotes: moc cannot
// read them inside a raw string).
QByteArray webhookBody()
{
    return R"({
  "FromName": "Postmarkapp Support",
  "MessageStream": "inbound",
  "From": "support@postmarkapp.com",
  "FromFull": {"Email": "support@postmarkapp.com", "Name": "Postmarkapp Support", "MailboxHash": ""},
  "To": "Firstname Lastname <yourhash+SampleHash@inbound.postmarkapp.com>",
  "ToFull": [{"Email": "yourhash+SampleHash@inbound.postmarkapp.com", "Name": "Firstname Lastname",
              "MailboxHash": "SampleHash"}],
  "Cc": "First Cc <firstcc@postmarkapp.com>, secondCc@postmarkapp.com",
  "CcFull": [{"Email": "firstcc@postmarkapp.com", "Name": "First Cc", "MailboxHash": ""},
             {"Email": "secondCc@postmarkapp.com", "Name": "", "MailboxHash": ""}],
  "Bcc": "",
  "BccFull": [],
  "OriginalRecipient": "yourhash+SampleHash@inbound.postmarkapp.com",
  "Subject": "Test subject",
  "MessageID": "73e6d360-66eb-11e1-8e72-a8904824019b",
  "ReplyTo": "replyto@postmarkapp.com",
  "MailboxHash": "SampleHash",
  "Date": "Fri, 1 Aug 2014 16:45:32 -04:00",
  "TextBody": "This is a test text body.",
  "HtmlBody": "<html><body><p>This is a test html body.</p></body></html>",
  "StrippedTextReply": "This is the reply text",
  "Tag": "TestTag",
  "Headers": [{"Name": "X-Header-Test", "Value": ""},
              {"Name": "X-Spam-Status", "Value": "No"},
              {"Name": "X-Spam-Score", "Value": "-0.1"}],
  "Attachments": [{"Name": "test.txt", "Content": "VGhpcyBpcyBhdHRhY2htZW50IGNvbnRlbnRzLCBiYXNlLTY0IGVuY29kZWQu",
                   "ContentType": "text/plain", "ContentLength": 45, "ContentID": ""}],
  "RawEmail": "Received: from mail.example\r\nSubject: Test subject\r\n\r\nThis is a test text body."
})";
}

} // namespace

class TestPostmarkClient : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;

    std::unique_ptr<PostmarkClient> client(const QString& token = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        if (!token.isNull())
            credential.fields.insert(QStringLiteral("server_token"), token);
        auto made = std::make_unique<PostmarkClient>(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::Postmark), credential});
        made->setRetryTimeScale(0.001);
        return made;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::Postmark); }

    template<typename T>
    static T run(QCoro::Task<T>&& task)
    {
        return QCoro::waitFor(std::move(task));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = std::make_unique<ProviderSimulator>(5);
        QVERIFY(m_sim->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void init()
    {
        m_sim->reset();
        m_core = std::make_unique<HttpCore>(*m_network);
        m_core->setRandomSource([] { return 0.5; });
    }

    // --- credential check ---

    void checkValidToken()
    {
        RecordingBudget budget;
        m_core->setBudgetHook(&budget);
        QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);
        const AccountStatus status = run(client()->checkCredentials());
        m_core->setBudgetHook(nullptr);
        QCOMPARE(status.state, AccountStatus::State::Valid);
        QVERIFY2(status.summary.contains(QStringLiteral("@inbound.postmarkapp.com")),
                 qPrintable(status.summary));
        QVERIFY(status.summary.startsWith(QStringLiteral("Server “")));
        bool sawHook = false;
        for (const auto& [label, value] : status.details) {
            sawHook |= label == u"Inbound webhook" && value.startsWith(u"https://");
            QVERIFY(!label.contains(QStringLiteral("Token"))); // ApiTokens are never shown
        }
        QVERIFY(sawHook);
        QCOMPARE(budget.reservations, 0);
        QCOMPARE(costs.size(), 0);
        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/server"));
        QCOMPARE(headerOf(seen, "X-Postmark-Server-Token"), QByteArray("[REDACTED]"));
        QCOMPARE(headerOf(seen, "Accept"), QByteArray("application/json"));
    }

    void checkBadTokenIsInvalidWithPostmarksWords()
    {
        const AccountStatus status =
            run(client(QStringLiteral("00000000-bad0-token-0000-000000000000"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Invalid);
        QCOMPARE(status.error->httpStatus, 401);
        QCOMPARE(status.error->providerCode, QStringLiteral("10"));
        QVERIFY(status.error->providerMessage.contains(QStringLiteral("X-Postmark-Server-Token")));
        QCOMPARE(log().size(), 1);
    }

    void checkOutageIsUnreachable()
    {
        m_sim->scheduleFaults(
            ProviderId::Postmark, QStringLiteral("/server"),
            {{FaultKind::ServerError500}, {FaultKind::Unavailable503}, {FaultKind::BadGateway502}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->httpStatus, 502);
        QCOMPARE(log().size(), 3);
    }

    void maintenanceIsAServerFailure()
    {
        m_sim->scheduleFaults(
            ProviderId::Postmark, QStringLiteral("/server"),
            {{FaultKind::Unavailable503}, {FaultKind::Unavailable503}, {FaultKind::Unavailable503}});
        const AccountStatus status = run(client()->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::Unreachable);
        QCOMPARE(status.error->providerCode, QStringLiteral("100"));
        QCOMPARE(status.error->providerMessage, QStringLiteral("Postmark is in maintenance mode."));
    }

    void checkRateLimited()
    {
        const AccountStatus status = run(client(QStringLiteral("sim-ratelimited"))->checkCredentials());
        QCOMPARE(status.state, AccountStatus::State::RateLimited);
        QCOMPARE(status.error->retryAfter, std::optional(1000ms));
        QCOMPARE(status.error->providerCode, QStringLiteral("429"));
    }

    void checkWithoutTokenIsNotConfigured()
    {
        QCOMPARE(run(client(QString())->checkCredentials()).state, AccountStatus::State::NotConfigured);
        QCOMPARE(log().size(), 0);
    }

    void serverIsRead()
    {
        const auto server = run(client()->server());
        QVERIFY2(server.ok(), qPrintable(describe(server)));
        QVERIFY(server->id >= 1000000);
        QVERIFY(server->inboundAddress.endsWith(QStringLiteral("@inbound.postmarkapp.com")));
        QCOMPARE(server->inboundSpamThreshold, 5);
        QVERIFY(!server->rawEmailEnabled);
        QVERIFY(server->smtpApiActivated);
    }

    // --- inbound search ---

    void searchReadsEveryField()
    {
        PostmarkInboundQuery query;
        query.count = 5;
        const auto page = run(client()->searchInbound(query));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->totalCount, 23);
        QCOMPARE(page->messages.size(), 5);
        const InboundMessage& first = page->messages.first();
        QCOMPARE(first.messageId.size(), 36);
        QCOMPARE(first.status, InboundStatus::Processed);
        QCOMPARE(first.statusText, QStringLiteral("processed"));
        QCOMPARE(first.messageStream, QStringLiteral("inbound"));
        QVERIFY(first.from.email.endsWith(QStringLiteral(".example")));
        QVERIFY(!first.from.name.isEmpty());
        QCOMPARE(first.to.size(), 1);
        QCOMPARE(first.to.first().email, QStringLiteral("replies+c7-lead42@agency.example"));
        QCOMPARE(first.to.first().mailboxHash, QStringLiteral("c7-lead42"));
        QCOMPARE(first.mailboxHash, QStringLiteral("c7-lead42"));
        QCOMPARE(first.originalRecipient, QStringLiteral("replies+c7-lead42@agency.example"));
        QVERIFY(first.subject.startsWith(QStringLiteral("Re: Quick question, ")));
        QCOMPARE(first.tag, QStringLiteral("campaign-spring"));
        QVERIFY(first.date.isValid());
        QCOMPARE(first.date.timeSpec(), Qt::UTC);
        QCOMPARE(first.attachments.size(), 1);
        QCOMPARE(first.attachments.first().name, QStringLiteral("proposal.pdf"));
        QVERIFY(first.attachments.first().content.isEmpty()); // not in search results
        QVERIFY(first.attachments.first().contentLength > 0);
        QVERIFY(first.textBody.isEmpty());
        QVERIFY(first.date > page->messages.at(1).date); // newest first
        QCOMPARE(page->nextOffset(query), 5);

        const RecordedRequest seen = log().first();
        QCOMPARE(seen.path, QStringLiteral("/messages/inbound"));
        const QUrlQuery sent(seen.query);
        QCOMPARE(sent.queryItemValue(QStringLiteral("count")), QStringLiteral("5"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("offset")), QStringLiteral("0"));
    }

    void searchPagesThroughEverything()
    {
        auto postmark = client();
        PostmarkInboundQuery query;
        query.count = 10;
        QSet<QString> ids;
        for (int pages = 0; pages < 5; ++pages) {
            const auto page = run(postmark->searchInbound(query));
            QVERIFY(page.ok());
            for (const InboundMessage& message : page->messages)
                ids.insert(message.messageId);
            const qint64 next = page->nextOffset(query);
            if (next < 0)
                break;
            query.offset = int(next);
        }
        QCOMPARE(ids.size(), 23);
        QCOMPARE(log().size(), 3);
    }

    void searchFiltersAreSent()
    {
        PostmarkInboundQuery query;
        query.count = 50;
        query.recipient = QStringLiteral("replies+c7-lead43@agency.example");
        query.mailboxHash = QStringLiteral("c7-lead43");
        query.status = InboundStatus::Processed;
        query.fromDate = QDate(2000, 1, 1);
        query.toDate = QDate(2100, 12, 31);
        const auto page = run(client()->searchInbound(query));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QVERIFY(page->totalCount > 0);
        for (const InboundMessage& message : page->messages) {
            QCOMPARE(message.mailboxHash, QStringLiteral("c7-lead43"));
            QCOMPARE(message.status, InboundStatus::Processed);
        }
        const QString sent = log().first().query;
        // '+' travels encoded, so Postmark does not read it as a space.
        QVERIFY2(sent.contains(QStringLiteral("recipient=replies%2Bc7-lead43%40agency.example")) ||
                     sent.contains(QStringLiteral("recipient=replies%2Bc7-lead43@agency.example")),
                 qPrintable(sent));
        const QUrlQuery parsed(sent);
        QCOMPARE(parsed.queryItemValue(QStringLiteral("mailboxhash")), QStringLiteral("c7-lead43"));
        QCOMPARE(parsed.queryItemValue(QStringLiteral("status")), QStringLiteral("processed"));
        QCOMPARE(parsed.queryItemValue(QStringLiteral("fromdate")), QStringLiteral("2000-01-01"));
        QCOMPARE(parsed.queryItemValue(QStringLiteral("todate")), QStringLiteral("2100-12-31"));
        QVERIFY(!parsed.hasQueryItem(QStringLiteral("subject"))); // empty filters are left out
    }

    void searchBySenderAndSubject()
    {
        PostmarkInboundQuery all;
        all.count = 1;
        const auto first = run(client()->searchInbound(all));
        QVERIFY(first.ok());
        PostmarkInboundQuery query;
        query.fromEmail = first->messages.first().from.email;
        query.subject = QStringLiteral("quick question");
        const auto page = run(client()->searchInbound(query));
        QVERIFY(page.ok());
        QVERIFY(page->totalCount >= 1);
        QCOMPARE(page->messages.first().messageId, first->messages.first().messageId);
    }

    void searchArgumentsAreCheckedBeforeSending()
    {
        PostmarkInboundQuery tooMany;
        tooMany.count = 501;
        QCOMPARE(run(client()->searchInbound(tooMany)).error().kind, IntegrationError::Kind::InvalidRequest);
        PostmarkInboundQuery negative;
        negative.offset = -1;
        QCOMPARE(run(client()->searchInbound(negative)).error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(log().size(), 0);
    }

    void searchWithBadTokenIsAuth()
    {
        const auto page = run(client(QStringLiteral("wrong-token-123456"))->searchInbound({}));
        QCOMPARE(page.error().kind, IntegrationError::Kind::Auth);
        QVERIFY(page.error().message().startsWith(
            QStringLiteral("Postmark refused the credential: The Server API token")));
    }

    void searchIsRetriedAfterARateLimit()
    {
        m_sim->scheduleFaults(ProviderId::Postmark, QStringLiteral("/messages/inbound"),
                              {{FaultKind::RateLimited, 2}});
        QSignalSpy retries(m_core.get(), &HttpCore::retryScheduled);
        const auto page = run(client()->searchInbound({}));
        QVERIFY(page.ok());
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(2).value<std::chrono::milliseconds>(), 2000ms);
    }

    void malformedSearchAnswerIsADecodeError()
    {
        m_sim->scheduleFaults(ProviderId::Postmark, QStringLiteral("/messages/inbound"),
                              {{FaultKind::MalformedBody}});
        const auto page = run(client()->searchInbound({}));
        QCOMPARE(page.error().kind, IntegrationError::Kind::Decode);
    }

    void oddSearchJsonSaysWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("detail");
        QTest::newRow("total a word") << QByteArray(R"({"TotalCount":"many","InboundMessages":[]})")
                                      << QStringLiteral("search.TotalCount is not a whole number");
        QTest::newRow("no messages") << QByteArray(R"({"TotalCount":0})")
                                     << QStringLiteral("search.InboundMessages is not an array");
        QTest::newRow("to not a list")
            << QByteArray(R"({"TotalCount":1,"InboundMessages":[{"MessageID":"m","ToFull":"x@y"}]})")
            << QStringLiteral("search.InboundMessages[0].ToFull is not an array");
        QTest::newRow("subject a number")
            << QByteArray(R"({"TotalCount":1,"InboundMessages":[{"MessageID":"m","Subject":7}]})")
            << QStringLiteral("search.InboundMessages[0].Subject is not a string");
    }
    void oddSearchJsonSaysWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, detail);
        const auto page = PostmarkJson::parseInboundPage(QJsonDocument::fromJson(json));
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(page.error().detail, detail);
    }

    void totalCountAsStringIsRead()
    {
        const auto page = PostmarkJson::parseInboundPage(
            QJsonDocument::fromJson(R"({"TotalCount":"2","InboundMessages":[]})"));
        QVERIFY(page.ok());
        QCOMPARE(page->totalCount, 2);
    }

    // --- details ---

    void detailsAddBodiesHeadersAndContent()
    {
        PostmarkInboundQuery query;
        query.count = 1;
        const auto page = run(client()->searchInbound(query));
        QVERIFY(page.ok());
        const QString id = page->messages.first().messageId;
        const auto message = run(client()->inboundDetails(id));
        QVERIFY2(message.ok(), qPrintable(describe(message)));
        QCOMPARE(message->messageId, id);
        QCOMPARE(message->subject, page->messages.first().subject);
        QCOMPARE(message->strippedTextReply, QStringLiteral("Thanks Sam, Tuesday works for me."));
        QVERIFY(message->textBody.startsWith(message->strippedTextReply));
        QVERIFY(message->htmlBody.startsWith(QStringLiteral("<p>")));
        QCOMPARE(message->header(u"x-spam-status"), QStringLiteral("No"));
        QCOMPARE(message->headers.size(), 3);
        QCOMPARE(message->attachments.size(), 1);
        QVERIFY(message->attachments.first().content.startsWith("%PDF-1.4"));
        QCOMPARE(message->attachments.first().content.size(), message->attachments.first().contentLength);
        QCOMPARE(log().last().path, QStringLiteral("/messages/inbound/%1/details").arg(id));
    }

    void unknownMessageIsPostmarksError()
    {
        const auto message =
            run(client()->inboundDetails(QStringLiteral("00000000-0000-4000-8000-000000000000")));
        QVERIFY(!message.ok());
        QCOMPARE(message.error().kind, IntegrationError::Kind::InvalidRequest);
        QCOMPARE(message.error().httpStatus, 422);
        QCOMPARE(message.error().providerCode, QStringLiteral("701"));
        QCOMPARE(message.error().message(), QStringLiteral("Postmark: This message was not found."));
    }

    // --- webhook ---

    void webhookIsReadIntoTheSameType()
    {
        const auto parsed = PostmarkClient::parseInboundWebhook(webhookBody());
        QVERIFY2(parsed.ok(), qPrintable(describe(parsed)));
        const InboundMessage& message = parsed.value();
        QCOMPARE(message.messageId, QStringLiteral("73e6d360-66eb-11e1-8e72-a8904824019b"));
        QCOMPARE(message.status, InboundStatus::Unknown); // the webhook has no status
        QCOMPARE(message.from, (PostmarkAddress{QStringLiteral("support@postmarkapp.com"),
                                                QStringLiteral("Postmarkapp Support"), QString()}));
        QCOMPARE(message.to.first().mailboxHash, QStringLiteral("SampleHash"));
        QCOMPARE(message.cc.size(), 2);
        QCOMPARE(message.cc.at(1).email, QStringLiteral("secondCc@postmarkapp.com"));
        QVERIFY(message.bcc.isEmpty());
        QCOMPARE(message.replyTo, QStringLiteral("replyto@postmarkapp.com"));
        QCOMPARE(message.mailboxHash, QStringLiteral("SampleHash"));
        QCOMPARE(message.tag, QStringLiteral("TestTag"));
        QCOMPARE(message.date, QDateTime(QDate(2014, 8, 1), QTime(20, 45, 32), Qt::UTC));
        QCOMPARE(message.textBody, QStringLiteral("This is a test text body."));
        QCOMPARE(message.strippedTextReply, QStringLiteral("This is the reply text"));
        QCOMPARE(message.header(u"X-Spam-Score"), QStringLiteral("-0.1"));
        QCOMPARE(message.attachments.first().content,
                 QByteArray("This is attachment contents, base-64 encoded."));
        QCOMPARE(message.attachments.first().contentLength, 45);
        QVERIFY(message.rawEmail.startsWith("Received: from mail.example"));
        QCOMPARE(message.raw.value(u"Subject").toString(), QStringLiteral("Test subject"));
    }

    void oddWebhooksAreDecodeErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("detail");
        QTest::newRow("not json") << QByteArray("MessageID=1") << QStringLiteral("not JSON");
        QTest::newRow("an array") << QByteArray("[]") << QStringLiteral("webhook is not an object");
        QTest::newRow("no id") << QByteArray(R"({"Subject":"x"})") << QStringLiteral("webhook.MessageID");
        QTest::newRow("bad base64")
            << QByteArray(R"({"MessageID":"m","Attachments":[{"Name":"a","Content":"***"}]})")
            << QStringLiteral("webhook.Attachments[0].Content is not base64");
        QTest::newRow("headers not objects") << QByteArray(R"({"MessageID":"m","Headers":["X: y"]})")
                                             << QStringLiteral("webhook.Headers[0] is not an object");
        QTest::newRow("from full a string") << QByteArray(R"({"MessageID":"m","FromFull":"a@b"})")
                                            << QStringLiteral("webhook.FromFull is not an object");
    }
    void oddWebhooksAreDecodeErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, detail);
        const auto parsed = PostmarkClient::parseInboundWebhook(body);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().kind, IntegrationError::Kind::Decode);
        QCOMPARE(parsed.error().provider, ProviderId::Postmark);
        QVERIFY2(parsed.error().detail.contains(detail), qPrintable(parsed.error().detail));
    }

    void mailDatesAreRead()
    {
        QCOMPARE(PostmarkJson::parseMailDate(QStringLiteral("Thu, 5 Apr 2012 16:59:01 +0200 (CEST)")),
                 QDateTime(QDate(2012, 4, 5), QTime(14, 59, 1), Qt::UTC));
        QVERIFY(!PostmarkJson::parseMailDate(QStringLiteral("sometime")).isValid());
    }

    void errorCodesMapToKinds()
    {
        using Kind = IntegrationError::Kind;
        QCOMPARE(*PostmarkJson::parseError(422, R"({"ErrorCode":10,"Message":"Bad token"})").kind,
                 Kind::Auth);
        QCOMPARE(*PostmarkJson::parseError(429, R"({"ErrorCode":429,"Message":"Slow down"})").kind,
                 Kind::RateLimited);
        QVERIFY(!PostmarkJson::parseError(422, R"({"ErrorCode":300,"Message":"Invalid"})").kind);
        QVERIFY(!PostmarkJson::parseError(500, "Internal Server Error").kind);
        QVERIFY(!PostmarkJson::parseError(200, R"({"ErrorCode":0,"Message":"OK"})").kind);
    }

    void pacingIsAPoliteAssumption()
    {
        const PacingConfig pacing = PostmarkClient::documentedPacing();
        QCOMPARE(pacing.ratePerSecond, 5.0);
        QCOMPARE(pacing.maxConcurrent, 3);
    }
};

QTEST_GUILESS_MAIN(TestPostmarkClient)
#include "tst_postmarkclient.moc"
