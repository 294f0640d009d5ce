// EnrichmentService against the provider simulator: the waterfall's order and stop condition, Clay
// only when Apollo misses or lacks a required field, a cache hit that sends nothing, a cached miss,
// DataForSEO metrics with their source, a budget refusal that stops the lookup before anything is
// sent, and bad input refused before any spend.

#include "engine/enrichmentservice.h"
#include "engine/spendguard.h"
#include "ledgertestsupport.h"
#include "memoryenrichmentcache.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace agency;

class TestEnrichmentService : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    sim::ProviderSimulator m_sim{11};
    std::unique_ptr<test::SimulatedProviders> m_providers;
    test::MemoryEnrichmentCache m_cache;
    std::unique_ptr<EnrichmentService> m_service;

    int sent(ProviderId provider) const { return int(m_sim.requestLog(provider).size()); }
    LookupOutcome lookup(LookupRequest request)
    {
        auto outcome = QCoro::waitFor(m_service->lookup(std::move(request)));
        if (!outcome)
            qWarning() << outcome.error();
        return outcome ? outcome.value() : LookupOutcome{};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }

    void init()
    {
        m_sim.reset();
        m_cache.values.clear();
        m_cache.reads = 0;
        m_service.reset();
        m_providers =
            std::make_unique<test::SimulatedProviders>(m_sim, m_dir.filePath(QStringLiteral("enrich.ini")));
        QVERIFY(m_providers->useEnrichmentProviders());
        m_service = std::make_unique<EnrichmentService>(m_providers->hub, m_providers->settings, &m_cache);
        EnrichmentSettings settings;
        settings.clayRoutineId = QStringLiteral("routine-enrich-person");
        settings.clayPollInterval = std::chrono::milliseconds(20);
        m_service->setSettings(settings);
    }

    void apolloAnswersAndClayIsNeverAsked()
    {
        LookupRequest request = LookupRequest::byEmail(QStringLiteral("Jane.Citizen@Acme.com.au "));
        request.required = {EnrichField::Email, EnrichField::Title};
        const LookupOutcome outcome = lookup(request);
        QVERIFY(!outcome.stoppedBy);
        QCOMPARE(outcome.result.tried, QList<ProviderId>{ProviderId::Apollo});
        QCOMPARE(outcome.result.fields.value(QStringLiteral("email")).value,
                 QStringLiteral("jane.citizen@acme.com.au"));
        QCOMPARE(outcome.result.fields.value(QStringLiteral("title")).source, ProviderId::Apollo);
        QVERIFY(outcome.result.raw.contains(ProviderId::Apollo));
        QCOMPARE(outcome.result.cost, providerInfo(ProviderId::Apollo).unitCost); // one credit, estimated
        QCOMPARE(sent(ProviderId::Apollo), 1);
        QCOMPARE(sent(ProviderId::Clay), 0);
        QVERIFY(!outcome.cacheHit());
    }

    void apolloMissFallsBackToClay()
    {
        const LookupOutcome outcome = lookup(LookupRequest::byEmail(QStringLiteral("nobody@acme.com.au")));
        QVERIFY2(!outcome.stoppedBy, outcome.stoppedBy ? qPrintable(outcome.stoppedBy->message()) : "");
        QCOMPARE(outcome.result.tried, QList<ProviderId>({ProviderId::Apollo, ProviderId::Clay}));
        QCOMPARE(outcome.result.fields.value(QStringLiteral("email")).source, ProviderId::Clay);
        QCOMPARE(outcome.result.fields.value(QStringLiteral("title")).source, ProviderId::Clay);
        QVERIFY(sent(ProviderId::Clay) >= 2); // the run, then its results
        const sim::RecordedRequest run = m_sim.requestLog(ProviderId::Clay).first();
        QVERIFY(run.path.endsWith(QStringLiteral("/routines/routine-enrich-person/run")));
    }

    void clayFillsOnlyWhatApolloLacks()
    {
        LookupRequest request = LookupRequest::byEmail(QStringLiteral("nophone.person@acme.com.au"));
        request.required = {EnrichField::Email, EnrichField::Phone};
        const LookupOutcome outcome = lookup(request);
        QCOMPARE(outcome.result.tried, QList<ProviderId>({ProviderId::Apollo, ProviderId::Clay}));
        // Apollo's email stands; the phone is Clay's.
        QCOMPARE(outcome.result.fields.value(QStringLiteral("email")).source, ProviderId::Apollo);
        QCOMPARE(outcome.result.fields.value(QStringLiteral("phone")).source, ProviderId::Clay);
        QVERIFY(outcome.result.satisfies(request.required));

        // With the phone not required, Apollo's answer is enough and Clay is not paid.
        m_sim.reset();
        m_cache.values.clear();
        const LookupOutcome enough =
            lookup(LookupRequest::byEmail(QStringLiteral("nophone.person@acme.com.au")));
        QCOMPARE(enough.result.tried, QList<ProviderId>{ProviderId::Apollo});
        QCOMPARE(sent(ProviderId::Clay), 0);
    }

    void orderIsASetting()
    {
        EnrichmentSettings settings = m_service->settings();
        settings.order = {ProviderId::Clay, ProviderId::Apollo};
        m_service->setSettings(settings);
        const LookupOutcome outcome =
            lookup(LookupRequest::byEmail(QStringLiteral("jane.citizen@acme.com.au")));
        QCOMPARE(outcome.result.tried, QList<ProviderId>{ProviderId::Clay});
        QCOMPARE(sent(ProviderId::Apollo), 0);
    }

    void aCacheHitSendsNothing()
    {
        const LookupRequest request = LookupRequest::byEmail(QStringLiteral("jane.citizen@acme.com.au"));
        const LookupOutcome first = lookup(request);
        QVERIFY(first.result.found());
        m_sim.reset();
        const LookupOutcome second =
            lookup(LookupRequest::byEmail(QStringLiteral(" JANE.citizen@acme.com.au")));
        QVERIFY(second.cacheHit());
        QCOMPARE(second.result.cost, Money::aud(0));
        QCOMPARE(second.result.fields, first.result.fields);
        QVERIFY(m_sim.requestLog().isEmpty());
    }

    void aMissIsCachedToo()
    {
        EnrichmentSettings settings = m_service->settings();
        settings.clayRoutineId.clear(); // Clay not set up: Apollo alone, and it misses
        m_service->setSettings(settings);
        const LookupOutcome first = lookup(LookupRequest::byEmail(QStringLiteral("nobody@unknown.example")));
        QVERIFY(!first.result.found());
        QCOMPARE(first.result.tried, QList<ProviderId>{ProviderId::Apollo});
        QVERIFY(first.notes.join(u' ').contains(QStringLiteral("no Clay routine")));
        QCOMPARE(sent(ProviderId::Apollo), 1);
        const LookupOutcome second = lookup(LookupRequest::byEmail(QStringLiteral("nobody@unknown.example")));
        QVERIFY(second.cacheHit());
        QCOMPARE(sent(ProviderId::Apollo), 1); // a known miss is not paid for again
    }

    void companyWithDomainMetrics()
    {
        LookupRequest request = LookupRequest::byDomain(QStringLiteral("https://www.Acme.com.au/about"));
        request.domainMetrics = true;
        const LookupOutcome outcome = lookup(request);
        QVERIFY2(!outcome.stoppedBy, outcome.stoppedBy ? qPrintable(outcome.stoppedBy->message()) : "");
        QCOMPARE(outcome.result.fields.value(QStringLiteral("company_domain")).value,
                 QStringLiteral("acme.com.au"));
        QCOMPARE(outcome.result.fields.value(QStringLiteral("company")).source, ProviderId::Apollo);
        QVERIFY(outcome.result.fields.contains(QStringLiteral("seo_organic_keywords")));
        QCOMPARE(outcome.result.fields.value(QStringLiteral("seo_organic_keywords")).source,
                 ProviderId::DataForSeo);
        QCOMPARE(outcome.result.tried, QList<ProviderId>({ProviderId::Apollo, ProviderId::DataForSeo}));
        QCOMPARE(sent(ProviderId::Clay), 0);
        const QString target = QJsonDocument::fromJson(m_sim.requestLog(ProviderId::DataForSeo).first().body)
                                   .array()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("target"))
                                   .toString();
        QCOMPARE(target, QStringLiteral("acme.com.au"));
    }

    void aBudgetRefusalStopsBeforeAnythingIsSent()
    {
        testing::LedgerBackends backends;
        auto database = backends.open(QStringLiteral("sqlite"));
        QVERIFY(database);
        Ledger ledger(*database);
        PriceBook prices(*database);
        SpendGuard guard(*database, ledger, prices);
        QVERIFY(guard.setLimit(
            {LimitScope::Provider, providerKey(ProviderId::Apollo), SpendPeriod::Day, Money::aud(1)}));
        m_providers->core.setBudgetHook(&guard);
        const LookupOutcome outcome = lookup(LookupRequest::byEmail(QStringLiteral("nobody@acme.com.au")));
        m_providers->core.setBudgetHook(nullptr);
        QVERIFY(outcome.stoppedBy);
        QCOMPARE(outcome.stoppedBy->kind, IntegrationError::Kind::BudgetExceeded);
        QVERIFY(outcome.stoppedBy->message().contains(QStringLiteral("Apollo")));
        QVERIFY(outcome.result.tried.isEmpty());
        QVERIFY(m_sim.requestLog().isEmpty()); // not Apollo, and not Clay either: the lookup stopped
        QVERIFY(m_cache.values.isEmpty());     // nothing was learnt, so nothing is cached
    }

    void badInputIsRefusedBeforeAnySpend_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("email") << int(LookupKind::PersonByEmail) << QStringLiteral("jane@")
                               << QStringLiteral("not an email");
        QTest::newRow("domain") << int(LookupKind::CompanyByDomain) << QStringLiteral("acme")
                                << QStringLiteral("not a company domain");
        QTest::newRow("linkedin") << int(LookupKind::PersonByLinkedIn)
                                  << QStringLiteral("https://example.com/in/jane")
                                  << QStringLiteral("not a LinkedIn profile");
    }
    void badInputIsRefusedBeforeAnySpend()
    {
        QFETCH(int, kind);
        QFETCH(QString, value);
        QFETCH(QString, says);
        LookupRequest request;
        request.kind = LookupKind(kind);
        request.email = request.domain = request.linkedinUrl = value;
        const auto outcome = QCoro::waitFor(m_service->lookup(request));
        QVERIFY(!outcome);
        QVERIFY2(outcome.error().contains(says), qPrintable(outcome.error()));
        QVERIFY(m_sim.requestLog().isEmpty());
        QCOMPARE(m_cache.reads, 0); // refused before the cache was even asked
    }
};

QTEST_GUILESS_MAIN(TestEnrichmentService)
#include "tst_enrichmentservice.moc"
