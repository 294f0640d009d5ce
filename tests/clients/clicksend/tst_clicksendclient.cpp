// ClickSendClient against the provider simulator: the account check (Post access, never a false
// Invalid, never a cost), return addresses, PDF uploads, pricing and sending letters to Australian
// addresses (checked before sending), the reported post_price, no-Post accounts refused with a clear
// sentence, ClickSend's envelope errors (INSUFFICIENT_CREDIT…), and odd JSON. Australian address
// checks on their own as well.

#include "integrations/clicksend/australianaddress.h"
#include "integrations/clicksend/clicksendclient.h"
#include "integrations/clicksend/clicksendjson.h"
#include "integrations/http/httpcore.h"
#include "providersimulator.h"
#include "simdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;
using namespace agency::sim;
using namespace std::chrono_literals;

namespace {

constexpr quint64 kSeed = 23;

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

Money aud(const char* text)
{
    return *Money::parse(QString::fromLatin1(text) + QStringLiteral(" AUD"));
}

PostalAddress janeInPerth()
{
    PostalAddress address;
    address.name = QStringLiteral("Jane Citizen");
    address.line1 = QStringLiteral("1 Test St");
    address.city = QStringLiteral("Perth");
    address.state = QStringLiteral("WA");
    address.postcode = QStringLiteral("6000");
    return address;
}

PostalAddress liamInMelbourne()
{
    PostalAddress address;
    address.name = QStringLiteral("Liam Nguyen");
    address.line1 = QStringLiteral("Level 4");
    address.line2 = QStringLiteral("120 Collins Street");
    address.city = QStringLiteral("Melbourne");
    address.state = QStringLiteral("Victoria");
    address.postcode = QStringLiteral("3000");
    return address;
}

LetterRequest letterTo(QList<PostalAddress> addresses)
{
    LetterRequest request;
    request.fileUrl = QUrl(QStringLiteral("https://files.example.com/letters/offer.pdf"));
    for (const PostalAddress& address : addresses) {
        LetterRecipient recipient;
        recipient.address = address;
        recipient.returnAddressId = 1234;
        recipient.customString = QStringLiteral("item-") + address.postcode;
        request.recipients.append(recipient);
    }
    return request;
}

QJsonObject bodyOf(const RecordedRequest& request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray headerOf(const RecordedRequest& request, QByteArrayView name)
{
    for (const auto& [key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

} // namespace

Q_DECLARE_METATYPE(agency::PostalAddress)

class TestClickSendClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ProviderSimulator> m_sim;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpCore> m_core;
    std::unique_ptr<RecordingBudget> m_budget;

    ClickSendClient client(const QString& key = QStringLiteral("sim-valid")) const
    {
        Credential credential;
        credential.fields = {{QStringLiteral("username"), QStringLiteral("agency-ops")},
                             {QStringLiteral("api_key"), key}};
        ClickSendClient clickSend(
            ClientContext{m_core.get(), m_sim->baseUrl(ProviderId::ClickSend), credential});
        clickSend.setRetryTimeScale(0.001);
        return clickSend;
    }
    QList<RecordedRequest> log() const { return m_sim->requestLog(ProviderId::ClickSend); }
    static Money seededBalance()
    {
        const SimData data(kSeed);
        return aud(QByteArray::number(data.amount(u"clicksend:balance", 5, 250, 6), 'f', 6).constData());
    }

private Q_SLOTS:
    void initTestCase();
    void init();

    void australianAddresses_data();
    void australianAddresses();
    void documentedPacing();

    void checkAccount();
    void checkWithoutPostIsLimited();
    void checkRefusedCredential();
    void checkOutageIsUnreachable();
    void checkRateLimited();
    void checkNotConfigured();

    void listReturnAddresses();
    void createReturnAddress();
    void createReturnAddressChecksTheAddress();
    void uploadPdf();
    void uploadRefusesWhatIsNotAPdf();

    void priceLetter();
    void sendLetterWithQuote();
    void sendLetterWithoutQuoteReservesTheCatalogue();
    void sendLetterChecksAddressesBeforeSending();
    void noPostAccessIsRefusedBeforeSending();
    void clickSendsOwnPostRefusalIsMapped();
    void insufficientCredit();
    void sendIsNeverRetried();
    void letterHistory();

    void malformedBodyIsADecodeError();
    void oddJson_data();
    void oddJson();
    void envelopeErrors_data();
    void envelopeErrors();
};

void TestClickSendClient::initTestCase()
{
    m_sim = std::make_unique<ProviderSimulator>(kSeed);
    QVERIFY(m_sim->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestClickSendClient::init()
{
    m_sim->reset();
    m_core = std::make_unique<HttpCore>(*m_network);
    m_core->setRandomSource([] { return 0.5; });
    m_budget = std::make_unique<RecordingBudget>();
    m_core->setBudgetHook(m_budget.get());
}

// ---- addresses ---------------------------------------------------------------------------------

void TestClickSendClient::australianAddresses_data()
{
    QTest::addColumn<PostalAddress>("address");
    QTest::addColumn<QString>("problem"); // empty: valid
    QTest::addColumn<QString>("state");   // the tidied state when valid
    QTest::newRow("complete") << janeInPerth() << QString() << QStringLiteral("WA");
    QTest::newRow("state written out") << liamInMelbourne() << QString() << QStringLiteral("VIC");
    PostalAddress address = janeInPerth();
    address.state = QStringLiteral("act");
    address.postcode = QStringLiteral("2600");
    QTest::newRow("ACT, lower case") << address << QString() << QStringLiteral("ACT");
    address = janeInPerth();
    address.state = QStringLiteral("NT");
    address.postcode = QStringLiteral("0800");
    QTest::newRow("NT 08xx") << address << QString() << QStringLiteral("NT");
    address = janeInPerth();
    address.country = QStringLiteral("Australia");
    QTest::newRow("country written out") << address << QString() << QStringLiteral("WA");

    address = janeInPerth();
    address.city.clear();
    address.postcode = QStringLiteral("600");
    QTest::newRow("no city, short postcode")
        << address
        << QStringLiteral(
               "Jane Citizen's address: no suburb or town; the postcode \"600\" is not four digits")
        << QString();
    address = janeInPerth();
    address.name = QStringLiteral("  ");
    address.line1.clear();
    QTest::newRow("no name, no street")
        << address << QStringLiteral("The address: no name; no street line (address line 1)") << QString();
    address = janeInPerth();
    address.state = QStringLiteral("Perth");
    QTest::newRow("not a state")
        << address
        << QStringLiteral(
               "Jane Citizen's address: \"Perth\" is not an Australian state or territory (NSW, VIC, QLD, "
               "WA, SA, TAS, ACT, NT)")
        << QString();
    address = janeInPerth();
    address.state.clear();
    QTest::newRow("no state") << address << QStringLiteral("Jane Citizen's address: no state") << QString();
    address = janeInPerth();
    address.state = QStringLiteral("NSW");
    QTest::newRow("postcode in another state")
        << address << QStringLiteral("Jane Citizen's address: the postcode 6000 is not in NSW") << QString();
    address = janeInPerth();
    address.postcode = QStringLiteral("60OO");
    QTest::newRow("letters in postcode")
        << address << QStringLiteral("Jane Citizen's address: the postcode \"60OO\" is not four digits")
        << QString();
    address = janeInPerth();
    address.country = QStringLiteral("NZ");
    QTest::newRow("New Zealand") << address
                                 << QStringLiteral(
                                        "Jane Citizen's address: the country is \"NZ\", not Australia (AU)")
                                 << QString();
    address = janeInPerth();
    address.country.clear();
    QTest::newRow("no country") << address << QStringLiteral("Jane Citizen's address: no country")
                                << QString();
}

void TestClickSendClient::australianAddresses()
{
    QFETCH(PostalAddress, address);
    QFETCH(QString, problem);
    QFETCH(QString, state);
    const Result<PostalAddress, QString> checked = AustralianAddress::validated(address);
    QCOMPARE(checked.ok(), problem.isEmpty());
    if (checked.ok()) {
        QCOMPARE(checked->state, state);
        QCOMPARE(checked->country, QStringLiteral("AU"));
    } else {
        QCOMPARE(checked.error(), problem);
    }
}

void TestClickSendClient::documentedPacing()
{
    const PacingConfig pacing = ClickSendClient::documentedPacing();
    QCOMPARE(pacing.ratePerSecond, 5.0);
    QCOMPARE(pacing.burst, 5.0);
    QCOMPARE(pacing.maxConcurrent, 3);
}

// ---- check -------------------------------------------------------------------------------------

void TestClickSendClient::checkAccount()
{
    ClickSendClient clickSend = client();
    const AccountStatus status = QCoro::waitFor(clickSend.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Valid);
    QCOMPARE(status.balance, std::optional<Money>(seededBalance()));
    QCOMPARE(status.summary, QStringLiteral("%1 balance").arg(seededBalance().toString()));
    QVERIFY(status.details.contains({QStringLiteral("Post (direct mail)"), QStringLiteral("enabled")}));
    QVERIFY(status.details.contains({QStringLiteral("Username"), QStringLiteral("agency-ops")}));
    QCOMPARE(clickSend.postAccess(), std::optional<bool>(true));

    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).method, QByteArray("GET"));
    QCOMPARE(requests.at(0).path, QStringLiteral("/v3/account"));
    QVERIFY(headerOf(requests.at(0), "Authorization").startsWith("Basic "));
    QVERIFY(m_budget->reserved.isEmpty());
}

void TestClickSendClient::checkWithoutPostIsLimited()
{
    ClickSendClient clickSend = client(QStringLiteral("sim-limited"));
    const AccountStatus status = QCoro::waitFor(clickSend.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::ValidLimited);
    QCOMPARE(status.summary,
             QStringLiteral("no direct mail (Post) access · %1 balance").arg(seededBalance().toString()));
    QVERIFY(status.details.contains({QStringLiteral("Post (direct mail)"), QStringLiteral("not enabled")}));
    QCOMPARE(clickSend.postAccess(), std::optional<bool>(false));
}

void TestClickSendClient::checkRefusedCredential()
{
    ClickSendClient clickSend = client(QStringLiteral("not-the-right-key"));
    const AccountStatus status = QCoro::waitFor(clickSend.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Invalid);
    QCOMPARE(status.error->providerCode, QStringLiteral("UNAUTHORIZED"));
    QCOMPARE(status.summary,
             QStringLiteral("ClickSend refused the credential: Invalid credentials. Check it in Providers."));
}

void TestClickSendClient::checkOutageIsUnreachable()
{
    m_sim->scheduleFaults(
        ProviderId::ClickSend, QStringLiteral("/v3/account"),
        {{FaultKind::ServerError500}, {FaultKind::BadGateway502}, {FaultKind::Unavailable503}});
    ClickSendClient clickSend = client();
    const AccountStatus status = QCoro::waitFor(clickSend.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::Unreachable);
    QCOMPARE(log().size(), 3);
}

void TestClickSendClient::checkRateLimited()
{
    ClickSendClient clickSend = client(QStringLiteral("sim-ratelimited"));
    const AccountStatus status = QCoro::waitFor(clickSend.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::RateLimited);
    QCOMPARE(status.error->retryAfter, std::optional<std::chrono::milliseconds>(1s));
    QCOMPARE(log().size(), 3);
}

void TestClickSendClient::checkNotConfigured()
{
    ClickSendClient clickSend = client(QString());
    const AccountStatus status = QCoro::waitFor(clickSend.checkCredentials());
    QCOMPARE(status.state, AccountStatus::State::NotConfigured);
    QVERIFY(log().isEmpty());
}

// ---- return addresses and uploads --------------------------------------------------------------

void TestClickSendClient::listReturnAddresses()
{
    ClickSendClient clickSend = client();
    const auto addresses = QCoro::waitFor(clickSend.listReturnAddresses());
    QVERIFY2(addresses.ok(), qPrintable(addresses.ok() ? QString() : addresses.error().message()));
    QCOMPARE(addresses->size(), 2);
    const SimData data(kSeed);
    QCOMPARE(addresses->at(0).id, data.range(u"clicksend:return:0", 1000, 9999));
    QCOMPARE(addresses->at(0).address.city, QStringLiteral("Melbourne"));
    QCOMPARE(addresses->at(0).address.postcode, QStringLiteral("3000"));
    QCOMPARE(addresses->at(1).id, data.range(u"clicksend:return:1", 1000, 9999));

    // The first Post call looks the account's Post access up once; later calls do not.
    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0).path, QStringLiteral("/v3/account"));
    QCOMPARE(requests.at(1).path, QStringLiteral("/v3/post/return-addresses"));
    QCOMPARE(requests.at(1).query, QStringLiteral("page=1&limit=100"));
    QVERIFY(QCoro::waitFor(clickSend.listReturnAddresses()).ok());
    QCOMPARE(log().size(), 3);
}

void TestClickSendClient::createReturnAddress()
{
    ClickSendClient clickSend = client();
    clickSend.setPostAccess(true); // known from an earlier check: no look-up
    const auto created = QCoro::waitFor(clickSend.createReturnAddress(liamInMelbourne()));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QVERIFY(created->id >= 10000);
    QCOMPARE(created->address.name, QStringLiteral("Liam Nguyen"));
    QCOMPARE(created->address.state, QStringLiteral("VIC"));
    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(0).path, QStringLiteral("/v3/post/return-addresses"));
    QCOMPARE(bodyOf(requests.at(0)),
             (QJsonObject{{QStringLiteral("address_name"), QStringLiteral("Liam Nguyen")},
                          {QStringLiteral("address_line_1"), QStringLiteral("Level 4")},
                          {QStringLiteral("address_line_2"), QStringLiteral("120 Collins Street")},
                          {QStringLiteral("address_city"), QStringLiteral("Melbourne")},
                          {QStringLiteral("address_state"), QStringLiteral("VIC")},
                          {QStringLiteral("address_postal_code"), QStringLiteral("3000")},
                          {QStringLiteral("address_country"), QStringLiteral("AU")}}));
    QVERIFY(headerOf(requests.at(0), "Content-Type").startsWith("application/json"));
}

void TestClickSendClient::createReturnAddressChecksTheAddress()
{
    ClickSendClient clickSend = client();
    PostalAddress address = liamInMelbourne();
    address.postcode.clear();
    const auto created = QCoro::waitFor(clickSend.createReturnAddress(address));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().message(), QStringLiteral("ClickSend: Liam Nguyen's address: no postcode."));
    QVERIFY(log().isEmpty());
}

void TestClickSendClient::uploadPdf()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("offer.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
    file.write(pdf);
    file.close();

    ClickSendClient clickSend = client();
    const auto url = QCoro::waitFor(clickSend.uploadPdf(path));
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message()));
    QCOMPARE(url->scheme(), QStringLiteral("https"));
    QCOMPARE(url->host(), QStringLiteral("rest.clicksend.com"));
    QVERIFY(url->path().endsWith(QStringLiteral(".pdf")));

    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 1); // uploading needs no Post check
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(0).path, QStringLiteral("/v3/uploads"));
    QCOMPARE(requests.at(0).query, QStringLiteral("convert=post"));
    QCOMPARE(bodyOf(requests.at(0)).value(QStringLiteral("content")).toString(),
             QString::fromLatin1(pdf.toBase64()));
}

void TestClickSendClient::uploadRefusesWhatIsNotAPdf()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("letter.docx"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("PK\x03\x04 not a pdf");
    file.close();
    ClickSendClient clickSend = client();
    auto url = QCoro::waitFor(clickSend.uploadPdf(path));
    QVERIFY(!url.ok());
    QCOMPARE(url.error().message(), QStringLiteral("ClickSend: letter.docx is not a PDF."));
    url = QCoro::waitFor(clickSend.uploadPdf(dir.filePath(QStringLiteral("missing.pdf"))));
    QVERIFY(!url.ok());
    QVERIFY(url.error().message().endsWith(QStringLiteral("missing.pdf is not a file.")));
    QVERIFY(log().isEmpty());
}

// ---- letters -----------------------------------------------------------------------------------

void TestClickSendClient::priceLetter()
{
    ClickSendClient clickSend = client();
    LetterRequest request = letterTo({janeInPerth(), liamInMelbourne()});
    request.colour = true;
    const auto quote = QCoro::waitFor(clickSend.priceLetter(request));
    QVERIFY2(quote.ok(), qPrintable(quote.ok() ? QString() : quote.error().message()));
    QCOMPARE(quote->recipients.size(), 2);
    const int pages = quote->recipients.at(0).pages;
    QVERIFY(pages >= 1 && pages <= 4);
    const Money each = aud("0.89").times(pages).value(); // the simulator's colour price per page
    QCOMPARE(quote->recipients.at(0).price, each);
    QCOMPARE(quote->recipients.at(1).price, each);
    QCOMPARE(quote->total, each.times(2).value());
    QCOMPARE(quote->recipients.at(0).status, QStringLiteral("SUCCESS"));
    QVERIFY(m_budget->reserved.isEmpty()); // pricing is free

    const RecordedRequest sent = log().last();
    QCOMPARE(sent.path, QStringLiteral("/v3/post/letters/price"));
    const QJsonObject body = bodyOf(sent);
    QCOMPARE(body.value(QStringLiteral("file_url")).toString(), request.fileUrl.toString());
    QCOMPARE(body.value(QStringLiteral("colour")).toInt(-1), 1);
    QCOMPARE(body.value(QStringLiteral("duplex")).toInt(-1), 0);
    QCOMPARE(body.value(QStringLiteral("template_used")).toInt(-1), 0);
    QCOMPARE(body.value(QStringLiteral("priority_post")).toInt(-1), 0);
    const QJsonObject second = body.value(QStringLiteral("recipients")).toArray().at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("address_state")).toString(), QStringLiteral("VIC")); // tidied
    QCOMPARE(second.value(QStringLiteral("address_line_2")).toString(), QStringLiteral("120 Collins Street"));
    QCOMPARE(second.value(QStringLiteral("return_address_id")).toInteger(), qint64(1234));
    QVERIFY(second.value(QStringLiteral("return_address_id")).isDouble()); // an integer, not a string
}

void TestClickSendClient::sendLetterWithQuote()
{
    ClickSendClient clickSend = client();
    LetterRequest request = letterTo({janeInPerth(), liamInMelbourne()});
    request.duplex = true;
    request.priorityPost = true;
    const auto quote = QCoro::waitFor(clickSend.priceLetter(request));
    QVERIFY(quote.ok());
    request.quotedTotal = quote->total;
    QSignalSpy costs(m_core.get(), &HttpCore::costIncurred);

    const auto sent = QCoro::waitFor(clickSend.sendLetter(request));
    QVERIFY2(sent.ok(), qPrintable(sent.ok() ? QString() : sent.error().message()));
    QCOMPARE(sent->currency, QStringLiteral("AUD"));
    QCOMPARE(sent->letters.size(), 2);
    const Letter& first = sent->letters.at(0);
    QCOMPARE(first.messageId.size(), 36);
    QVERIFY(first.isQueued());
    QCOMPARE(first.address.name, QStringLiteral("Jane Citizen"));
    QCOMPARE(first.customString, QStringLiteral("item-6000"));
    QCOMPARE(first.price, quote->recipients.at(0).price);
    QVERIFY(first.duplex && first.priorityPost && !first.colour);
    QVERIFY(first.dateAdded.isValid());

    // Reserved: the quote. Recorded: ClickSend's own post_price, reported.
    QCOMPARE(m_budget->reserved, QList<Money>{quote->total});
    QVERIFY(sent->cost.has_value());
    const CostEvent& cost = *sent->cost;
    QCOMPARE(cost.source, CostSource::Reported);
    QCOMPARE(cost.amount, quote->total);
    QCOMPARE(cost.amountAud, quote->total);
    QCOMPARE(cost.units, qint64(2));
    QCOMPARE(cost.unit, QStringLiteral("letter"));
    QCOMPARE(cost.operation, QStringLiteral("send_letter"));
    QCOMPARE(cost.providerReference, first.messageId + u',' + sent->letters.at(1).messageId);
    QCOMPARE(m_budget->costs, QList<std::optional<CostEvent>>{cost});
    QCOMPARE(costs.size(), 1);

    const RecordedRequest posted = log().last();
    QCOMPARE(posted.path, QStringLiteral("/v3/post/letters/send"));
    const QJsonObject body = bodyOf(posted);
    QCOMPARE(body.value(QStringLiteral("duplex")).toInt(-1), 1);
    QCOMPARE(body.value(QStringLiteral("priority_post")).toInt(-1), 1);
    QCOMPARE(body.value(QStringLiteral("source")).toString(), QStringLiteral("AgencyOSConsole"));
    QCOMPARE(body.value(QStringLiteral("recipients"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("custom_string")),
             QJsonValue(QStringLiteral("item-6000")));
}

void TestClickSendClient::sendLetterWithoutQuoteReservesTheCatalogue()
{
    ClickSendClient clickSend = client();
    const auto sent = QCoro::waitFor(clickSend.sendLetter(letterTo({janeInPerth(), liamInMelbourne()})));
    QVERIFY(sent.ok());
    QCOMPARE(m_budget->reserved, QList<Money>{aud("1.18")}); // 2 × A$0.59
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Succeeded});
}

void TestClickSendClient::sendLetterChecksAddressesBeforeSending()
{
    ClickSendClient clickSend = client();
    PostalAddress broken = janeInPerth();
    broken.state = QStringLiteral("QLD");
    LetterRequest request = letterTo({broken, liamInMelbourne()});
    request.recipients[1].returnAddressId = 0;
    const auto sent = QCoro::waitFor(clickSend.sendLetter(request));
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().kind, IntegrationError::Kind::InvalidRequest);
    QCOMPARE(sent.error().message(),
             QStringLiteral("ClickSend: Jane Citizen's address: the postcode 6000 is not "
                            "in QLD. Liam Nguyen has no return address."));
    request = letterTo({});
    QCOMPARE(QCoro::waitFor(clickSend.sendLetter(request)).error().message(),
             QStringLiteral("ClickSend: the letter has no recipients."));
    request = letterTo({janeInPerth()});
    request.fileUrl = QUrl(QStringLiteral("file:///home/jane/offer.pdf"));
    QCOMPARE(QCoro::waitFor(clickSend.sendLetter(request)).error().message(),
             QStringLiteral("ClickSend: the letter needs a public http(s) URL of its PDF."));
    QVERIFY(log().isEmpty());
    QVERIFY(m_budget->reserved.isEmpty());
}

void TestClickSendClient::noPostAccessIsRefusedBeforeSending()
{
    ClickSendClient clickSend = client(QStringLiteral("sim-limited"));
    const auto sent = QCoro::waitFor(clickSend.sendLetter(letterTo({janeInPerth()})));
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().kind, IntegrationError::Kind::InvalidRequest);
    QCOMPARE(sent.error().message(),
             QStringLiteral("ClickSend: direct mail is not enabled on this ClickSend account "
                            "(no Post access; ClickSend no longer offers Post to new "
                            "customers)."));
    // Only the account look-up reached ClickSend; nothing was reserved.
    const QList<RecordedRequest> requests = log();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).path, QStringLiteral("/v3/account"));
    QVERIFY(m_budget->reserved.isEmpty());
    // Every other letter call says the same, without asking again.
    QCOMPARE(QCoro::waitFor(clickSend.priceLetter(letterTo({janeInPerth()}))).error().message(),
             sent.error().message());
    QCOMPARE(QCoro::waitFor(clickSend.letterHistory()).error().message(), sent.error().message());
    QCOMPARE(QCoro::waitFor(clickSend.listReturnAddresses()).error().message(), sent.error().message());
    QCOMPARE(log().size(), 1);
}

void TestClickSendClient::clickSendsOwnPostRefusalIsMapped()
{
    // The caller believed the account had Post; ClickSend's own refusal says the same thing.
    ClickSendClient clickSend = client(QStringLiteral("sim-limited"));
    clickSend.setPostAccess(true);
    const auto sent = QCoro::waitFor(clickSend.sendLetter(letterTo({janeInPerth()})));
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().kind, IntegrationError::Kind::InvalidRequest); // not a refused credential
    QCOMPARE(sent.error().httpStatus, 403);
    QCOMPARE(sent.error().providerCode, QStringLiteral("FORBIDDEN"));
    QCOMPARE(sent.error().message(),
             QStringLiteral("ClickSend: direct mail is not enabled on this ClickSend account "
                            "(no Post access; ClickSend no longer offers Post to new "
                            "customers) (ClickSend: You do not have access to Post.)."));
    QCOMPARE(log().size(), 1);
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Failed});
}

void TestClickSendClient::insufficientCredit()
{
    ClickSendClient clickSend = client();
    QList<PostalAddress> many;
    for (int i = 0; i < 300; ++i)
        many.append(janeInPerth());
    LetterRequest request = letterTo(many);
    request.colour = true;
    request.priorityPost = true; // 300 × at least A$1.49 is more than the account holds
    const auto sent = QCoro::waitFor(clickSend.sendLetter(request));
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().kind, IntegrationError::Kind::InvalidRequest);
    QCOMPARE(sent.error().providerCode, QStringLiteral("INSUFFICIENT_CREDIT"));
    QCOMPARE(
        sent.error().message(),
        QStringLiteral("ClickSend: insufficient credit on the ClickSend account; top it up and try again "
                       "(You have insufficient credit. Please top up your account.)."));
    QCOMPARE(m_budget->reserved, QList<Money>{aud("0.59").times(300).value()});
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Failed});
}

void TestClickSendClient::sendIsNeverRetried()
{
    m_sim->scheduleFaults(
        ProviderId::ClickSend, QStringLiteral("/v3/post/letters/send"),
        {{FaultKind::ServerError500}, {FaultKind::ServerError500}, {FaultKind::ServerError500}});
    ClickSendClient clickSend = client();
    clickSend.setPostAccess(true);
    const auto sent = QCoro::waitFor(clickSend.sendLetter(letterTo({janeInPerth()})));
    QVERIFY(!sent.ok());
    QCOMPARE(sent.error().kind, IntegrationError::Kind::Server);
    QCOMPARE(sent.error().message(),
             QStringLiteral("ClickSend had a server error: Something went wrong. Try again later."));
    QCOMPARE(log().size(), 1);
    QCOMPARE(m_budget->outcomes, QList<CallOutcome>{CallOutcome::Unknown});
}

void TestClickSendClient::letterHistory()
{
    ClickSendClient clickSend = client();
    clickSend.setPostAccess(true);
    const auto history = QCoro::waitFor(clickSend.letterHistory(2, 10));
    QVERIFY2(history.ok(), qPrintable(history.ok() ? QString() : history.error().message()));
    QCOMPARE(history->total, 23);
    QCOMPARE(history->perPage, 10);
    QCOMPARE(history->currentPage, 2);
    QCOMPARE(history->lastPage, 3);
    QCOMPARE(history->letters.size(), 10);
    for (const Letter& letter : history->letters) {
        QCOMPARE(letter.address.postcode, QStringLiteral("2000")); // a number or a string in the answer
        QCOMPARE(letter.price.currency(), QStringLiteral("AUD"));
        QVERIFY(letter.pages >= 1);
        QVERIFY(letter.isQueued());
    }
    QCOMPARE(history->letters.at(0).customString, QStringLiteral("campaign-10"));
    QCOMPARE(log().at(0).query, QStringLiteral("page=2&limit=10"));
}

// ---- odd answers -------------------------------------------------------------------------------

void TestClickSendClient::malformedBodyIsADecodeError()
{
    m_sim->scheduleFaults(ProviderId::ClickSend, QStringLiteral("/v3/account"), {{FaultKind::MalformedBody}});
    ClickSendClient clickSend = client();
    const auto account = QCoro::waitFor(clickSend.account());
    QVERIFY(!account.ok());
    QCOMPARE(account.error().kind, IntegrationError::Kind::Decode);
    QVERIFY(account.error().message().startsWith(
        QStringLiteral("ClickSend sent an answer the console could not read")));
}

void TestClickSendClient::oddJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    const QByteArray currency = R"("_currency":{"currency_name_short":"AUD"})";
    QTest::newRow("balance as object") << QByteArray(R"({"user_id":1,"balance":{"x":1},)" + currency + "}")
                                       << QStringLiteral("account.balance is not a decimal amount");
    QTest::newRow("no currency") << QByteArray(R"({"user_id":1,"balance":"1.00"})")
                                 << QStringLiteral("account._currency is missing");
    QTest::newRow("no user id") << QByteArray(R"({"balance":"1.00",)" + currency + "}")
                                << QStringLiteral("account.user_id is missing");
    QTest::newRow("post access not a flag")
        << QByteArray(R"({"user_id":1,"balance":"1.00",)" + currency + R"(,"_subaccount":{"access_post":7}})")
        << QStringLiteral("account._subaccount.access_post is not 0 or 1");
    QTest::newRow("user id as text") << QByteArray(R"({"user_id":"one","balance":"1.00",)" + currency + "}")
                                     << QStringLiteral("account.user_id is not a whole number");
}

void TestClickSendClient::oddJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const Result<ClickSendAccount, QString> account =
        ClickSendJson::account(QJsonDocument::fromJson(json).object());
    QVERIFY(!account.ok());
    QCOMPARE(account.error(), problem);

    // A letter answer without its message id, or with a price that is not an amount.
    const auto letter =
        ClickSendJson::letter(QJsonDocument::fromJson(R"({"status":"SUCCESS","post_price":"1.87"})").object(),
                              QStringLiteral("AUD"));
    QVERIFY(!letter.ok());
    QCOMPARE(letter.error(), QStringLiteral("letter.message_id is missing"));
    const auto priced = ClickSendJson::letter(
        QJsonDocument::fromJson(R"({"message_id":"A","status":"SUCCESS","post_price":true})").object(),
        QStringLiteral("AUD"));
    QCOMPARE(priced.error(), QStringLiteral("letter.post_price is not a decimal amount"));
    const auto envelope =
        ClickSendJson::data(QJsonDocument::fromJson(R"({"response_code":"SUCCESS"})").object());
    QCOMPARE(envelope.error(), QStringLiteral("envelope.data is missing"));
}

void TestClickSendClient::envelopeErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("kind"); // -1: none (the status decides)
    QTest::newRow("success") << 200 << QByteArray(R"({"http_code":200,"response_code":"SUCCESS","data":{}})")
                             << QString() << -1;
    QTest::newRow("bad request") << 400
                                 << QByteArray(
                                        R"({"http_code":400,"response_code":"BAD_REQUEST",)"
                                        R"("response_msg":"The file_url field is required.","data":null})")
                                 << QStringLiteral("The file_url field is required.") << -1;
    QTest::newRow("insufficient credit in a 200")
        << 200 << QByteArray(R"({"http_code":200,"response_code":"INSUFFICIENT_CREDIT","response_msg":""})")
        << QStringLiteral("insufficient credit on the ClickSend account; top it up and try again")
        << int(IntegrationError::Kind::InvalidRequest);
    QTest::newRow("other code in a 200")
        << 200
        << QByteArray(
               R"({"http_code":200,"response_code":"INVALID_RECIPIENT","response_msg":"Bad address."})")
        << QStringLiteral("Bad address.") << int(IntegrationError::Kind::InvalidRequest);
    QTest::newRow("unauthorized in a 403")
        << 403 << QByteArray(R"({"response_code":"UNAUTHORIZED","response_msg":"Invalid credentials."})")
        << QStringLiteral("Invalid credentials.") << int(IntegrationError::Kind::Auth);
    QTest::newRow("not JSON") << 502 << QByteArray("Bad gateway") << QString() << -1;
}

void TestClickSendClient::envelopeErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(int, kind);
    const ProviderErrorInfo info = ClickSendJson::error(status, body);
    QCOMPARE(info.message, message);
    QCOMPARE(info.kind.has_value(), kind >= 0);
    if (kind >= 0)
        QCOMPARE(int(*info.kind), kind);
}

QTEST_GUILESS_MAIN(TestClickSendClient)
#include "tst_clicksendclient.moc"
