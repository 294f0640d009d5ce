// Takes the README's screenshots: the real window and dialogs, with the real keychain, under
// whatever display it is given (tests/screenshots/take.sh runs it under Xvfb). Not a test.

#include "engine/consolesettings.h"
#include "engine/credentialvault.h"
#include "engine/database.h"
#include "engine/enrichmentservice.h"
#include "engine/keychainsecretstore.h"
#include "engine/ledger.h"
#include "engine/pricebook.h"
#include "engine/providerhub.h"
#include "engine/spendguard.h"
#include "integrations/http/httpcore.h"
#include "integrations/supabase/supabaseclient.h"
#include "providersimulator.h"
#include "ui/apifyimportdialog.h"
#include "ui/budgetspage.h"
#include "ui/bulkenrichpanel.h"
#include "ui/campaignpanel.h"
#include "ui/campaignsenderform.h"
#include "ui/credentialdialog.h"
#include "ui/enrichmentpanel.h"
#include "ui/enrichmentsettingspage.h"
#include "ui/enrichresultmodel.h"
#include "ui/ledgerdatabasepage.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/pricespage.h"
#include "ui/providerspanel.h"
#include "ui/settingsdialog.h"
#include "ui/spendpanel.h"
#include "ui/supabaseupsertdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace agency;

namespace {

bool save(QWidget* widget, const QString& directory, const QString& name)
{
    QTest::qWait(300); // let the window manager-less display settle
    const QString path = QDir(directory).filePath(name);
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

void store(CredentialVault& vault, ProviderId provider, QMap<QString, QString> fields)
{
    Credential credential;
    credential.fields = std::move(fields);
    (void)QCoro::waitFor(vault.set(provider, Profile::Sandbox, credential));
}

// What a month of an agency's spend looks like: enrichment most days, SMS and email campaigns,
// voice calls and Claude, with quieter weekends. Deterministic, so the screenshot is too.
struct SampleCall
{
    ProviderId provider;
    const char* operation;
    const char* unit;
    qint64 unitMicros; ///< AUD per unit
    int minUnits;
    int maxUnits;
    const char* campaign;
};

const QList<SampleCall>& sampleCalls()
{
    static const QList<SampleCall> calls = {
        {ProviderId::Apollo, "person_match", "lead", 20'000, 80, 260, ""},
        {ProviderId::Clay, "enrich_person", "credit", 58'000, 10, 60, ""},
        {ProviderId::DataForSeo, "domain_metrics", "task", 3'100, 40, 400, ""},
        {ProviderId::Resend, "send_email", "email", 900, 200, 1200, "Autumn launch"},
        {ProviderId::Twilio, "send_sms", "message", 82'000, 20, 90, "Autumn launch"},
        {ProviderId::ClickSend, "send_sms", "message", 77'000, 0, 40, "Reactivation"},
        {ProviderId::Vapi, "call", "minute", 155'000, 5, 45, "Reactivation"},
        {ProviderId::ElevenLabs, "text_to_speech", "1k characters", 46'500, 5, 30, ""},
        {ProviderId::Deepgram, "transcribe", "minute", 6'700, 20, 120, ""},
        {ProviderId::Anthropic, "messages", "1k tokens", 4'650, 300, 1400, ""},
    };
    return calls;
}

CostEvent sampleEvent(const SampleCall& call, const QDateTime& at, QRandomGenerator& random,
                      const QString& staff)
{
    CostEvent event;
    event.at = at;
    event.provider = call.provider;
    event.operation = QString::fromLatin1(call.operation);
    event.unit = QString::fromLatin1(call.unit);
    event.units = call.minUnits + random.bounded(call.maxUnits - call.minUnits + 1);
    event.unitPrice = Money::aud(call.unitMicros);
    event.amount = *event.unitPrice.times(event.units);
    event.amountAud = event.amount;
    event.source = call.provider == ProviderId::Twilio || call.provider == ProviderId::Vapi
                       ? CostSource::Reported
                       : CostSource::Estimated;
    event.staffMember = staff;
    event.campaignOrRun = QString::fromLatin1(call.campaign);
    event.providerReference =
        QStringLiteral("ref-%1").arg(random.generate() % 1000000, 6, 10, QLatin1Char('0'));
    return event;
}

SpendLimit limit(LimitScope scope, const QString& key, SpendPeriod period, qint64 capAud)
{
    SpendLimit result;
    result.scope = scope;
    result.key = key;
    result.period = period;
    result.cap = Money::aud(capAud * Money::kMicrosPerUnit);
    return result;
}

// Thirty days of history, limits, subscriptions and a USD rate; today's calls come later, live.
bool fillLedger(Ledger& ledger, PriceBook& prices, SpendGuard& guard)
{
    QRandomGenerator random(20250327);
    const QStringList staff = {QStringLiteral("jordan"), QStringLiteral("priya"), QStringLiteral("sam")};
    const SpendCalendar& calendar = guard.calendar();
    const QDate today = calendar.localDate(guard.now());
    QList<CostEvent> history;
    for (int back = 30; back >= 1; --back) {
        const QDate day = today.addDays(-back);
        const bool weekend = day.dayOfWeek() >= 6;
        for (const SampleCall& call : sampleCalls()) {
            if (weekend && random.bounded(3) != 0)
                continue;
            const int batches = 1 + random.bounded(3);
            for (int i = 0; i < batches; ++i) {
                const QDateTime at =
                    QDateTime(day, QTime(8 + random.bounded(10), random.bounded(60)), calendar.zone())
                        .toUTC();
                history.append(sampleEvent(call, at, random, staff.at(random.bounded(int(staff.size())))));
            }
        }
    }
    bool ok = ledger.recordBatch(history).ok();
    for (const SpendLimit& each :
         {limit(LimitScope::Overall, QString(), SpendPeriod::Day, 60),
          limit(LimitScope::Overall, QString(), SpendPeriod::Month, 1500),
          limit(LimitScope::Provider, providerKey(ProviderId::Anthropic), SpendPeriod::Day, 14),
          limit(LimitScope::Provider, providerKey(ProviderId::Apollo), SpendPeriod::Day, 12),
          limit(LimitScope::Provider, providerKey(ProviderId::Apollo), SpendPeriod::Month, 300),
          limit(LimitScope::Provider, providerKey(ProviderId::Twilio), SpendPeriod::Month, 240),
          limit(LimitScope::Provider, providerKey(ProviderId::Vapi), SpendPeriod::Day, 12),
          limit(LimitScope::Provider, providerKey(ProviderId::Vapi), SpendPeriod::Month, 250),
          limit(LimitScope::Campaign, QStringLiteral("Autumn launch"), SpendPeriod::Day, 25),
          limit(LimitScope::Staff, QStringLiteral("jordan"), SpendPeriod::Month, 600)})
        ok = guard.setLimit(each).ok() && ok;
    PriceRow apollo;
    apollo.provider = ProviderId::Apollo;
    apollo.operation = QStringLiteral("person_match");
    apollo.unit = QStringLiteral("lead");
    apollo.unitPrice = *Money::parse(QStringLiteral("US$0.0125"));
    apollo.effectiveFrom = today.addDays(-12);
    apollo.changedBy = QStringLiteral("priya");
    ok = prices.setPrice(apollo).ok() && ok;
    PriceRow twilio;
    twilio.provider = ProviderId::Twilio;
    twilio.operation = QStringLiteral("send_sms");
    twilio.unit = QStringLiteral("message");
    twilio.unitPrice = *Money::parse(QStringLiteral("US$0.0537"));
    twilio.effectiveFrom = today.addDays(-3);
    twilio.changedBy = QStringLiteral("jordan");
    ok = prices.setPrice(twilio).ok() && ok;
    FxRate rate;
    rate.currency = QStringLiteral("USD");
    rate.audMicrosPerUnit = 1'532'000;
    rate.effectiveFrom = today.addDays(-20);
    ok = prices.setRate(rate).ok() && ok;
    const QList<std::pair<QString, qint64>> quantities = {
        {QStringLiteral("HeyReach"), 3}, {QStringLiteral("InfraForge"), 2}, {QStringLiteral("Smartlead"), 1}};
    for (Subscription subscription : PriceBook::seedSubscriptions()) {
        subscription.quantity = 1;
        for (const auto& [name, quantity] : quantities) {
            if (subscription.name.startsWith(name))
                subscription.quantity = quantity;
        }
        ok = prices.saveSubscription(subscription).ok() && ok;
    }
    return ok;
}

// Today so far, through the guard as real calls would go: the overall daily limit passes 80 %, so
// the alert banner shows; one Vapi call was estimated and then corrected; one is still in flight.
bool spendToday(SpendGuard& guard)
{
    QRandomGenerator random(14);
    const QDateTime now = guard.now();
    bool ok = true;
    const QList<std::pair<ProviderId, int>> today = {
        {ProviderId::Apollo, 2}, {ProviderId::Anthropic, 3},  {ProviderId::Resend, 2},
        {ProviderId::Twilio, 2}, {ProviderId::Vapi, 1},       {ProviderId::Deepgram, 1},
        {ProviderId::Clay, 1},   {ProviderId::DataForSeo, 1}, {ProviderId::ElevenLabs, 1}};
    int minutesAgo = 300;
    for (const auto& [provider, count] : today) {
        for (const SampleCall& call : sampleCalls()) {
            if (call.provider != provider)
                continue;
            for (int i = 0; i < count; ++i) {
                minutesAgo -= 12;
                ok = guard
                         .chargeNow(sampleEvent(call, now.addSecs(-60 * minutesAgo), random,
                                                QStringLiteral("jordan")))
                         .ok() &&
                     ok;
            }
        }
    }
    CostEvent estimated =
        sampleEvent(sampleCalls().at(6), now.addSecs(-600), random, QStringLiteral("priya"));
    estimated.source = CostSource::Estimated;
    estimated.providerReference = QStringLiteral("call-5f2c91");
    ok = guard.chargeNow(estimated).ok() && ok;
    ok = guard
             .reportLateCost(ProviderId::Vapi, estimated.providerReference,
                             *estimated.amountAud.scaled(92, 100))
             .ok() &&
         ok;
    ReservationRequest inFlight;
    inFlight.provider = ProviderId::ElevenLabs;
    inFlight.operation = QStringLiteral("text_to_speech");
    inFlight.worstCase = Money::aud(1'200'000);
    ok = guard.reserveNow(inFlight).ok() && ok;
    return ok;
}

// A few lookups in the Enrichment panel, as staff make them during calls; the last (a person Apollo
// knows, with her company's domain metrics) stays on screen.
bool lookUp(EnrichmentPanel& panel, LookupKind kind, const QString& text, bool metrics)
{
    panel.setKind(kind);
    QLineEdit* input = kind == LookupKind::CompanyByDomain ? panel.domainEdit() : panel.emailEdit();
    input->setText(text);
    panel.metricsCheckBox()->setChecked(metrics);
    QSignalSpy finished(&panel, &EnrichmentPanel::lookupFinished);
    panel.lookUp();
    const bool ended = !finished.isEmpty() || finished.wait(60000);
    if (!ended || !panel.problemText().isEmpty() || !panel.resultModel()->result().found())
        std::printf("FAILED to look up %s: %s\n", qPrintable(text), qPrintable(panel.problemText()));
    return ended && panel.resultModel()->result().found();
}

// A bulk run's output as the Supabase dialog reads it: two leads the table already has (their emails
// from the simulated project), three new ones and one the run could not enrich.
QString sampleEnrichedCsv(ProviderHub& hub, const QString& folder)
{
    QStringList known;
    auto made = QCoro::waitFor(hub.client(ProviderId::Supabase, Profile::Sandbox));
    if (made) {
        auto* client = static_cast<SupabaseClient*>(made.value().get());
        SupabaseSelectRequest request;
        request.table = QStringLiteral("leads");
        request.limit = 2;
        request.order = {SupabaseOrder{QStringLiteral("id")}};
        if (auto rows = QCoro::waitFor(client->select(request)))
            for (const QJsonObject& row : rows->rows)
                known << row.value(QStringLiteral("email")).toString();
    }
    while (known.size() < 2)
        known << QStringLiteral("known%1@acme.com.au").arg(known.size() + 1);
    const QString path = QDir(folder).filePath(QStringLiteral("enriched-leads.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return path;
    const QString header = QStringLiteral(
        "email,first_name,last_name,enriched_email,source_email,enriched_company,source_company,"
        "enriched_title,source_title,enrichment_cost_aud,enrichment_cached,enrichment_error,enrichment_"
        "state");
    QStringList lines{header};
    lines
        << QStringLiteral("%1,Jane,Citizen,%1,apollo,Acme Pty Ltd,apollo,Head of Growth,apollo,0.02,no,,done")
               .arg(known.at(0))
        << QStringLiteral("%1,Sam,Nguyen,%1,apollo,Harbour Digital,apollo,Founder,apollo,0.00,yes,,done")
               .arg(known.at(1))
        << QStringLiteral(
               "priya@southbank.com.au,Priya,Shah,priya@southbank.com.au,apollo,Southbank Co,apollo,"
               "COO,apollo,0.02,no,,done")
        << QStringLiteral(
               "tom@bluegum.com.au,Tom,Ryan,tom@bluegum.com.au,clay,Bluegum,clay,CTO,clay,0.06,no,,done")
        << QStringLiteral("li@kookaburra.io,Li,Wei,li@kookaburra.io,apollo,Kookaburra,apollo,,,0.02,no,,done")
        << QStringLiteral("ghost@nowhere.example,,,,,,,,,0.02,no,Apollo: no match.,failed");
    file.write(lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n");
    return path;
}

// A lead list as agencies get them from a CRM export: semicolons, a BOM, a few rows repeated and a few
// that cannot be looked up.
QByteArray sampleLeads()
{
    const QStringList first = {QStringLiteral("Jane"),      QStringLiteral("Liam"),  QStringLiteral("Olivia"),
                               QStringLiteral("Noah"),      QStringLiteral("Mia"),   QStringLiteral("Jack"),
                               QStringLiteral("Charlotte"), QStringLiteral("Oliver")};
    const QStringList last = {QStringLiteral("Citizen"), QStringLiteral("Nguyen"), QStringLiteral("Smith"),
                              QStringLiteral("Patel"),   QStringLiteral("Brown"),  QStringLiteral("Wilson")};
    const QStringList companies = {QStringLiteral("acme.com.au"), QStringLiteral("harbourview.com.au"),
                                   QStringLiteral("southernroasters.com.au"),
                                   QStringLiteral("gumtreelegal.com.au")};
    QByteArray csv = "\xEF\xBB\xBF"
                     "Email;First name;Last name;Company website;Owner\r\n";
    for (int i = 0; i < 120; ++i) {
        const QString f = first.at(i % first.size());
        const QString l = last.at((i / first.size()) % last.size());
        QString company = companies.at(i % companies.size());
        QString email = QStringLiteral("%1.%2%3@%4").arg(f.toLower(), l.toLower()).arg(i).arg(company);
        if (i % 29 == 7) { // cut off in the export, and no website to fall back on
            email = QStringLiteral("%1.%2@").arg(f.toLower(), l.toLower());
            company.clear();
        }
        csv += QStringLiteral("%1;%2;%3;%4;jordan\r\n").arg(email, f, l, company).toUtf8();
        if (i % 23 == 5)
            csv += QStringLiteral("%1;%2;%3;%4;sam\r\n").arg(email, f, l, company).toUtf8(); // listed twice
    }
    return csv;
}

// The Bulk run view part-way through a run of the sample leads.
bool bulkRun(MainWindow& window, sim::ProviderSimulator& simulator, const QString& folder)
{
    BulkEnrichPanel* bulk = window.bulkEnrichPanel();
    if (!bulk)
        return false;
    const QString path = QDir(folder).filePath(QStringLiteral("expo-leads-march.csv"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(sampleLeads()) < 0)
        return false;
    file.close();
    bulk->setConfirmation([](const BulkEstimate&) { return true; });
    QSignalSpy prepared(bulk, &BulkEnrichPanel::prepared);
    if (!bulk->openFile(path) || (prepared.isEmpty() && !prepared.wait(60000)))
        return false;
    simulator.setLatency(ProviderId::Apollo, std::chrono::milliseconds(120)); // a run that takes a while
    bulk->setParallel(2);
    bulk->startRun();
    QElapsedTimer waited;
    waited.start();
    while (bulk->run() && bulk->run()->progress().done < 70 && waited.elapsed() < 120000)
        QTest::qWait(50);
    return bulk->run() && bulk->run()->progress().done >= 70;
}

// The Campaigns panel: an email campaign set up from a small list (two rows held back), its preview
// and estimate, then part-way through its run.
bool campaignShots(MainWindow& window, sim::ProviderSimulator& simulator, const QString& output)
{
    CampaignPanel* panel = window.campaignPanel();
    if (!panel)
        return false;
    panel->setConfirmation([](const QString&) { return true; });
    panel->setName(QStringLiteral("Autumn offer — Sydney cafés"));
    panel->setChannel(CampaignChannel::Email);
    if (auto* from = qobject_cast<QLineEdit*>(panel->senderForm()->field(QStringLiteral("from"))))
        from->setText(QStringLiteral("Jordan at Agency <jordan@mail1.agency.com.au>"));
    if (auto* batch = qobject_cast<QCheckBox*>(panel->senderForm()->field(QStringLiteral("batch"))))
        batch->setChecked(false);
    panel->setSubject(QStringLiteral("A quick idea for {{company}}, {{first_name}}"));
    panel->setMessageTemplate(QStringLiteral(
        "Hi {{first_name}}{{^first_name}}there{{/first_name}},\n\nWe help cafés like {{company}} fill "
        "their quiet afternoons. Worth a ten-minute chat this week?\n\nJordan"));
    QList<RecipientFields> rows;
    const QStringList firsts{QStringLiteral("Mia"), QStringLiteral("Noah"), QStringLiteral("Ava"),
                             QStringLiteral("Leo"), QStringLiteral("Isla"), QStringLiteral("Jack")};
    for (int i = 0; i < 60; ++i)
        rows.append({{QStringLiteral("email"), QStringLiteral("owner%1@cafe%1.com.au").arg(i)},
                     {QStringLiteral("first_name"), firsts.at(i % firsts.size())},
                     {QStringLiteral("company"), QStringLiteral("Café %1").arg(i)}});
    rows.append({{QStringLiteral("email"), QStringLiteral("owner3@cafe3.com.au")}}); // listed twice
    rows.append({{QStringLiteral("email"), QStringLiteral("orders at beanery")}});   // not an address
    panel->addRecipients(rows, QStringLiteral("sydney-cafes.csv"));
    panel->setMessageTemplate(
        QStringLiteral("Hi {{first_name}},\n\n{{ai_line}}\n\nWe help cafés like {{company}} "
                       "fill their quiet afternoons. Worth a ten-minute chat this week?\n\nJordan"));
    panel->setPersonalisation(QStringLiteral("One warm, specific opening line for {{first_name}}, who runs "
                                             "{{company}} in Sydney. No greeting, no sign-off."));
    QSignalSpy personalised(panel, &CampaignPanel::personalised);
    panel->personaliseAll();
    if (personalised.isEmpty() && !personalised.wait(60000))
        return false;
    window.showPanel(2);
    panel->tabs()->setCurrentIndex(0);
    bool ok = save(&window, output, QStringLiteral("campaigns-setup.png"));
    // The same tab scrolled to the recipients: what is held back and why, and the throttles.
    if (auto* area = qobject_cast<QScrollArea*>(panel->tabs()->widget(0)))
        area->verticalScrollBar()->setValue(area->verticalScrollBar()->maximum());
    ok = save(&window, output, QStringLiteral("campaigns-recipients.png")) && ok;
    QSignalSpy previewed(panel, &CampaignPanel::previewUpdated);
    panel->tabs()->setCurrentIndex(1);
    if (previewed.isEmpty())
        previewed.wait(20000);
    panel->setPreviewRecipient(4);
    ok = save(&window, output, QStringLiteral("campaigns-preview.png")) && ok;
    simulator.setLatency(ProviderId::Resend, std::chrono::milliseconds(150));
    panel->start();
    QElapsedTimer waited;
    waited.start();
    while ((!panel->runner() || panel->runner()->progress().counts.sent < 24) && waited.elapsed() < 60000)
        QTest::qWait(50);
    panel->reloadItems();
    ok = panel->runner() && panel->runner()->progress().counts.sent >= 24 &&
         save(&window, output, QStringLiteral("campaigns-run.png")) && ok;
    panel->runner()->pause();
    QTest::qWait(1000); // the request in flight comes back and is recorded before the program ends
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AgencyOSScreenshots"));
    const QString output = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(output);

    QSettings qsettings;
    qsettings.clear();
    ConsoleSettings settings(qsettings);
    settings.setActiveProfile(Profile::Sandbox);
    KeychainSecretStore secrets(QStringLiteral("agency-console-screenshots"));
    CredentialVault vault(secrets, qsettings);
    for (ProviderId provider : allProviders())
        (void)QCoro::waitFor(vault.remove(provider, Profile::Sandbox));
    // Every provider in the Sandbox profile points at an in-process simulator; Redis at the real
    // server .ci/with-services started. Apollo's key is rate-limited and Vapi's is wrong, on purpose.
    sim::ProviderSimulator simulator(1);
    simulator.listen();
    const QString valid = QStringLiteral("sim-valid");
    for (ProviderId provider : sim::ProviderSimulator::simulatedProviders()) {
        settings.setBaseUrlOverride(provider, Profile::Sandbox, simulator.baseUrl(provider));
        QMap<QString, QString> fields;
        for (const CredentialFieldSpec& field : providerInfo(provider).fields) {
            if (field.optional)
                continue;
            fields.insert(field.name, field.secret ? valid : QStringLiteral("agency-demo"));
        }
        if (provider == ProviderId::Twilio)
            fields[QStringLiteral("account_sid")] = QString(QStringLiteral("AC") + QString(32, u'0'));
        if (provider == ProviderId::Supabase)
            fields[QStringLiteral("project_url")] = QStringLiteral("https://demo.supabase.co");
        if (provider == ProviderId::Apollo)
            fields[QStringLiteral("api_key")] = QStringLiteral("sim-ratelimited");
        if (provider == ProviderId::Vapi)
            fields[QStringLiteral("api_key")] = QStringLiteral("not-a-valid-key");
        store(vault, provider, fields);
    }
    if (qEnvironmentVariableIsSet("AGENCY_TEST_REDIS_URL"))
        store(vault, ProviderId::Redis,
              {{QStringLiteral("url"), qEnvironmentVariable("AGENCY_TEST_REDIS_URL")},
               {QStringLiteral("password"), qEnvironmentVariable("AGENCY_TEST_REDIS_PASSWORD")}});

    // A sample ledger in a private folder, at a fixed moment, so the Spend screenshots never change.
    QTemporaryDir ledgerFolder;
    auto database =
        Database::open(DatabaseConfig::sqlite(ledgerFolder.filePath(QStringLiteral("ledger.sqlite"))));
    if (!database.ok()) {
        std::printf("FAILED to open the sample ledger: %s\n", qPrintable(database.error().message));
        return 1;
    }
    Ledger ledger(*database.value());
    PriceBook prices(*database.value());
    SpendGuard guard(*database.value(), ledger, prices);
    const QDateTime now = QDateTime(QDate(2025, 3, 27), QTime(14, 35), SpendCalendar::defaultZone()).toUTC();
    guard.setClock([now] { return now; });
    guard.setStaffMember(QStringLiteral("jordan"));
    bool ok = fillLedger(ledger, prices, guard);

    QNetworkAccessManager network;
    HttpCore core(network);
    ProviderHub hub(vault, settings, core);
    SpendServices spend{ledger, prices, guard, &hub};
    MainWindow window(vault, settings, hub, &spend);
    QSignalSpy refreshed(window.providersPanel(), &ProvidersPanel::refreshed);
    window.resize(1480, 680);
    window.show();
    refreshed.wait(20000);
    QSignalSpy tested(window.providersPanel(), &ProvidersPanel::testAllFinished);
    window.providersPanel()->testAll();
    tested.wait(60000);
    ok = save(&window, output, QStringLiteral("providers-panel.png")) && ok;

    auto* dialog = new CredentialDialog(vault, ProviderId::Twilio, Profile::Sandbox, &window);
    QSignalSpy loaded(dialog, &CredentialDialog::loaded);
    dialog->show();
    loaded.wait(20000);
    ok = save(dialog, output, QStringLiteral("credential-dialog.png")) && ok;
    dialog->close();

    SettingsDialog settingsDialog(settings, &window);
    settingsDialog.show();
    ok = save(&settingsDialog, output, QStringLiteral("settings-dialog.png")) && ok;
    settingsDialog.close();

    ok = spendToday(guard) && ok;
    window.resize(1480, 860);
    window.showPanel(window.panelCount() - 1);
    window.spendPanel()->refresh();
    ok = save(&window, output, QStringLiteral("spend-panel.png")) && ok;
    if (auto* tabs = window.spendPanel()->findChild<QTabWidget*>(QStringLiteral("spendTabs"))) {
        tabs->setCurrentIndex(1);
        ok = save(&window, output, QStringLiteral("spend-ledger.png")) && ok;
        tabs->setCurrentIndex(0);
    }

    SettingsDialog spendSettings(settings, &spend, &window);
    spendSettings.resize(900, 640);
    spendSettings.tabs()->setCurrentWidget(spendSettings.budgetsPage());
    spendSettings.show();
    ok = save(&spendSettings, output, QStringLiteral("settings-spend.png")) && ok;
    spendSettings.tabs()->setCurrentWidget(spendSettings.pricesPage());
    ok = save(&spendSettings, output, QStringLiteral("settings-prices.png")) && ok;
    spendSettings.addLedgerPage(vault);
    spendSettings.ledgerPage()->postgresButton()->setChecked(true);
    spendSettings.ledgerPage()->hostEdit()->setText(QStringLiteral("db.abcdefghijkl.supabase.co"));
    spendSettings.tabs()->setCurrentWidget(spendSettings.ledgerPage());
    ok = save(&spendSettings, output, QStringLiteral("settings-ledger.png")) && ok;
    spendSettings.enrichmentPage()->clayRoutineEdit()->setText(QStringLiteral("routine-enrich-person"));
    spendSettings.enrichmentPage()->requiredCheckBox(EnrichField::Title)->setChecked(true);
    spendSettings.tabs()->setCurrentWidget(spendSettings.enrichmentPage());
    ok = save(&spendSettings, output, QStringLiteral("settings-enrichment.png")) && ok;
    spendSettings.close();

    // Enrichment, with a valid Apollo key this time, and DataForSEO's USD converted at the sample rate.
    store(vault, ProviderId::Apollo, {{QStringLiteral("api_key"), valid}});
    EnrichmentService enrichment(hub, settings, nullptr);
    EnrichmentSettings enrichmentSettings;
    enrichmentSettings.clayRoutineId = QStringLiteral("routine-enrich-person");
    enrichmentSettings.clayPollInterval = std::chrono::milliseconds(200);
    enrichment.setSettings(enrichmentSettings);
    enrichment.setPriceBook(&prices);
    QTemporaryDir bulkFolder; // the bulk run's journal and its lead file
    EnrichmentPanel* lookups = window.setEnrichmentService(enrichment, nullptr, bulkFolder.path());
    window.alertBanner()->dismiss(); // the spend alerts belong to the Spend screenshots
    window.showPanel(1);
    ok = lookUp(*lookups, LookupKind::PersonByEmail, QStringLiteral("nobody@acme.com.au"), false) && ok;
    ok = lookUp(*lookups, LookupKind::CompanyByDomain, QStringLiteral("acme.com.au"), false) && ok;
    ok = lookUp(*lookups, LookupKind::PersonByEmail, QStringLiteral("jane.citizen@acme.com.au"), true) && ok;
    ok = save(&window, output, QStringLiteral("enrichment-panel.png")) && ok;
    window.enrichmentTabs()->setCurrentWidget(window.bulkEnrichPanel());
    window.resize(1480, 900);
    const bool running = bulkRun(window, simulator, bulkFolder.path());
    if (!running)
        std::printf("FAILED to run the sample leads\n");
    ok = running && save(&window, output, QStringLiteral("enrichment-bulk.png")) && ok;
    window.bulkEnrichPanel()->stopRun();

    // Leads back to the agency's Supabase table, after a dry run that counts new, updated and skipped rows.
    SupabaseUpsertDialog upsertDialog(hub, settings, &window);
    upsertDialog.setCsvPath(sampleEnrichedCsv(hub, ledgerFolder.path()));
    upsertDialog.setTable(QStringLiteral("leads"));
    upsertDialog.show();
    QSignalSpy columnsLoaded(&upsertDialog, &SupabaseUpsertDialog::columnsLoaded);
    upsertDialog.loadColumns();
    columnsLoaded.wait(20000);
    QSignalSpy dryRunDone(&upsertDialog, &SupabaseUpsertDialog::dryRunFinished);
    upsertDialog.dryRun();
    dryRunDone.wait(20000);
    if (!upsertDialog.upsertButton()->isEnabled()) {
        std::printf("FAILED the Supabase dry run: %s\n",
                    qPrintable(upsertDialog.banner()->messages().join(u' ')));
        ok = false;
    }
    ok = save(&upsertDialog, output, QStringLiteral("supabase-upsert.png")) && ok;
    upsertDialog.close();

    // Apify as a bulk source: an Actor run imported as a CSV the bulk run opens.
    ApifyImportDialog apifyDialog(hub, settings, &window);
    apifyDialog.importer().setPollWait(std::chrono::seconds(0));
    apifyDialog.importer().setPollInterval(std::chrono::milliseconds(300));
    apifyDialog.importer().setCostSettleDelay(std::chrono::milliseconds(0));
    apifyDialog.setActorId(QStringLiteral("code_crafter~leads-finder"));
    apifyDialog.setInputText(
        QStringLiteral("{\n  \"domains\": [\"acme.com.au\", \"harbourdigital.com.au\"],\n"
                       "  \"maxResults\": 40\n}"));
    apifyDialog.setOutputPath(QDir(ledgerFolder.path()).filePath(QStringLiteral("apify-leads-finder.csv")));
    apifyDialog.show();
    QSignalSpy apifyDone(&apifyDialog, &ApifyImportDialog::finished);
    apifyDialog.run();
    apifyDone.wait(30000);
    if (apifyDialog.lastCsvPath().isEmpty()) {
        std::printf("FAILED the Apify import: %s\n", qPrintable(apifyDialog.banner()->messages().join(u' ')));
        ok = false;
    }
    ok = save(&apifyDialog, output, QStringLiteral("apify-import.png")) && ok;
    apifyDialog.close();

    // Campaigns, over the sample ledger (its journal lives there too).
    window.setCampaignServices(*database.value(), &guard, &ledger);
    const bool campaigns = campaignShots(window, simulator, output);
    if (!campaigns)
        std::printf("FAILED the campaign screenshots\n");
    ok = campaigns && ok;

    for (ProviderId provider : allProviders())
        (void)QCoro::waitFor(vault.remove(provider, Profile::Sandbox));
    return ok ? 0 : 1;
}
