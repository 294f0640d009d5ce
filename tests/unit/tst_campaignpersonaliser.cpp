// AI personalisation of a campaign against the simulated Anthropic API, behind SpendGuard on a SQLite
// ledger: drafts fill `ai_line` from an instruction rendered per recipient; the drafts are kept in the
// ledger database, so a second pass (or the preview, or another console) makes no second paid call; a
// missing field blocks its recipient, naming it, with no call; the estimate is the client's worst case
// per prompt; a budget refusal stops the pass before any request leaves; 529 overloaded and 429 rate
// limited answers are named on their recipients.

#include "engine/campaignpersonaliser.h"
#include "engine/ledger.h"
#include "engine/messagetemplate.h"
#include "engine/pricebook.h"
#include "engine/spendguard.h"
#include "integrations/anthropic/anthropicclient.h"
#include "simulatedproviders.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace agency;

namespace {

QList<PersonalisationTarget> people(int count, bool withCompany = true)
{
    QList<PersonalisationTarget> targets;
    for (int i = 0; i < count; ++i) {
        PersonalisationTarget target;
        target.key = QStringLiteral("person%1@acme.com.au").arg(i);
        target.fields.insert(QStringLiteral("email"), target.key);
        target.fields.insert(QStringLiteral("first_name"), QStringLiteral("Person%1").arg(i));
        if (withCompany)
            target.fields.insert(QStringLiteral("company"), QStringLiteral("Acme %1").arg(i));
        targets.append(target);
    }
    return targets;
}

PersonaliserSettings settings()
{
    PersonaliserSettings s;
    s.instruction = QStringLiteral("Write one friendly opening line for {{first_name}} at {{company}}.");
    s.system = QStringLiteral("You write short, plain B2B email openers.");
    s.model = QStringLiteral("claude-haiku-4-5");
    s.maxTokens = 120;
    s.temperature = 0.4;
    return s;
}

} // namespace

class TestCampaignPersonaliser : public QObject
{
    Q_OBJECT
private:
    sim::ProviderSimulator m_sim{17};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::SimulatedProviders> m_providers;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<PriceBook> m_prices;
    std::unique_ptr<SpendGuard> m_guard;
    std::unique_ptr<LedgerDraftCache> m_cache;
    std::shared_ptr<AnthropicClient> m_client;

    QList<sim::RecordedRequest> messageCalls() const
    {
        QList<sim::RecordedRequest> list;
        for (const sim::RecordedRequest& request : m_sim.requestLog(ProviderId::Anthropic)) {
            if (request.method == "POST" && request.path.endsWith(QStringLiteral("/v1/messages")))
                list.append(request);
        }
        return list;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_sim.listen()); }
    void init()
    {
        m_sim.reset();
        m_cache.reset();
        m_guard.reset();
        m_prices.reset();
        m_ledger.reset();
        m_database.reset();
        m_providers.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        m_providers =
            std::make_unique<test::SimulatedProviders>(m_sim, m_dir->filePath(QStringLiteral("s.ini")));
        auto opened =
            Database::open(DatabaseConfig::sqlite(m_dir->filePath(QStringLiteral("ledger.sqlite"))));
        QVERIFY(opened);
        m_database = std::move(opened).value();
        m_ledger = std::make_unique<Ledger>(*m_database);
        m_prices = std::make_unique<PriceBook>(*m_database);
        m_guard = std::make_unique<SpendGuard>(*m_database, *m_ledger, *m_prices);
        m_providers->core.setBudgetHook(m_guard.get());
        m_cache = std::make_unique<LedgerDraftCache>(*m_database);
        QVERIFY(m_providers->use(ProviderId::Anthropic,
                                 {{QStringLiteral("api_key"), QStringLiteral("sim-valid")}}));
        m_providers->core.setPacing(ProviderId::Anthropic, PacingConfig{});
        auto made = QCoro::waitFor(m_providers->hub.client(ProviderId::Anthropic, Profile::Sandbox));
        QVERIFY(made);
        m_client = std::dynamic_pointer_cast<AnthropicClient>(made.value());
        QVERIFY(m_client);
        m_client->setRetryTimeScale(0.001);
    }

    void draftsFillAiLineAndAreNeverPaidTwice()
    {
        CampaignPersonaliser personaliser(m_client, *m_cache);
        QVERIFY(personaliser.configure(settings()));
        QSignalSpy progress(&personaliser, &CampaignPersonaliser::progressed);
        const QList<PersonalisationTarget> targets = people(3);
        const PersonalisationReport report = QCoro::waitFor(personaliser.personalise(targets));
        QVERIFY2(report.complete(), qPrintable(report.stopped));
        QCOMPARE(report.drafted, 3);
        QCOMPARE(report.fromCache, 0);
        QCOMPARE(report.recipients.size(), 3);
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(0).toInt(), 3);
        QVERIFY(report.cost.isValid());
        QVERIFY(report.cost.micros() > 0);
        for (const PersonalisedRecipient& done : report.recipients) {
            QVERIFY2(done.error.isEmpty(), qPrintable(done.error));
            QVERIFY(!done.draft.isEmpty());
            QCOMPARE(done.fields.value(CampaignPersonaliser::draftField()), done.draft);
            QCOMPARE(done.fields.value(QStringLiteral("email")), done.key);
        }
        // Each call asked about its own recipient, with the settings.
        const auto calls = messageCalls();
        QCOMPARE(calls.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject body = QJsonDocument::fromJson(calls.at(i).body).object();
            QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("claude-haiku-4-5"));
            QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 120);
            QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.4);
            const QString asked =
                QString::fromUtf8(QJsonDocument(body.value(QStringLiteral("messages")).toArray())
                                      .toJson(QJsonDocument::Compact));
            QVERIFY2(asked.contains(QStringLiteral("Person%1 at Acme %1").arg(i)), qPrintable(asked));
        }
        // SpendGuard billed each call in the ledger.
        auto snapshot = m_guard->snapshot();
        QVERIFY(snapshot);
        QVERIFY(!snapshot->today_total.isZero());

        // The campaign's template uses the draft.
        auto message = MessageTemplate::parse(QStringLiteral("{{ai_line}}\n\nBest, Alex"));
        QVERIFY(message);
        auto rendered = message->render(report.recipients.first().fields);
        QVERIFY(rendered);
        QVERIFY(rendered->startsWith(report.recipients.first().draft));

        // The preview and a second pass use the kept drafts: no call.
        m_sim.clearLog();
        const std::optional<QString> preview = personaliser.cachedDraft(targets.at(1));
        QCOMPARE(preview.value_or(QString()), report.recipients.at(1).draft);
        const PersonalisedRecipient one = QCoro::waitFor(personaliser.draft(targets.at(1)));
        QVERIFY(one.fromCache);
        QCOMPARE(one.draft, report.recipients.at(1).draft);
        const PersonalisationReport again = QCoro::waitFor(personaliser.personalise(targets));
        QCOMPARE(again.fromCache, 3);
        QCOMPARE(again.drafted, 0);
        QVERIFY(again.cost.isZero());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(again.recipients.at(i).draft, report.recipients.at(i).draft);
        // Another console on the same ledger finds them too.
        LedgerDraftCache otherConsole(*m_database);
        CampaignPersonaliser other(m_client, otherConsole);
        QVERIFY(other.configure(settings()));
        QCOMPARE(QCoro::waitFor(other.personalise(targets)).fromCache, 3);
        QVERIFY(messageCalls().isEmpty());

        // Another model (or instruction) is another draft: one call.
        PersonaliserSettings changed = settings();
        changed.instruction += QStringLiteral(" Mention Tuesday.");
        QVERIFY(personaliser.configure(changed));
        QVERIFY(!personaliser.cachedDraft(targets.at(0)));
        const PersonalisedRecipient fresh = QCoro::waitFor(personaliser.draft(targets.at(0)));
        QVERIFY(!fresh.fromCache);
        QCOMPARE(messageCalls().size(), 1);
    }

    void missingFieldBlocksItsRecipient()
    {
        CampaignPersonaliser personaliser(m_client, *m_cache);
        QVERIFY(personaliser.configure(settings()));
        QList<PersonalisationTarget> targets = people(3);
        targets[1].fields.remove(QStringLiteral("company"));
        const PersonalisationEstimate estimate = personaliser.estimate(targets);
        QCOMPARE(estimate.blocked, 1);
        QCOMPARE(estimate.toDraft, 2);
        const PersonalisationReport report = QCoro::waitFor(personaliser.personalise(targets));
        QCOMPARE(report.blocked, 1);
        QCOMPARE(report.drafted, 2);
        const PersonalisedRecipient& blocked = report.recipients.at(1);
        QVERIFY(blocked.blocked);
        QVERIFY2(blocked.error.contains(QStringLiteral("company")), qPrintable(blocked.error));
        QVERIFY(!blocked.fields.contains(CampaignPersonaliser::draftField()));
        QCOMPARE(messageCalls().size(), 2);
        for (const auto& call : messageCalls())
            QVERIFY(!call.body.contains("Person1"));
    }

    void estimateIsTheWorstCaseBeforeAnyCall()
    {
        CampaignPersonaliser personaliser(m_client, *m_cache);
        QVERIFY(personaliser.configure(settings()));
        const QList<PersonalisationTarget> targets = people(4);
        const PersonalisationEstimate estimate = personaliser.estimate(targets);
        QVERIFY2(estimate.error.isEmpty(), qPrintable(estimate.error));
        QCOMPARE(estimate.toDraft, 4);
        QCOMPARE(estimate.outputTokens, 4 * 120);
        QVERIFY(estimate.inputTokens > 0);
        Money expected = Money::zero(QStringLiteral("USD"));
        for (const PersonalisationTarget& target : targets) {
            AnthropicMessageRequest request;
            request.model = QStringLiteral("claude-haiku-4-5");
            request.maxTokens = 120;
            request.system = settings().system;
            request.temperature = 0.4;
            request.messages.append(
                AnthropicMessage{AnthropicMessage::Role::User, personaliser.prompt(target.fields).value()});
            expected = expected.plus(m_client->worstCaseCost(request).value()).value();
        }
        QCOMPARE(estimate.worstCase, expected);
        QVERIFY(!estimate.worstCase.isZero());
        QVERIFY(m_sim.requestLog(ProviderId::Anthropic).isEmpty());
        // Once drafted, nothing is left to pay for.
        QVERIFY(QCoro::waitFor(personaliser.personalise(targets.mid(0, 2))).complete());
        const PersonalisationEstimate after = personaliser.estimate(targets);
        QCOMPARE(after.cached, 2);
        QCOMPARE(after.toDraft, 2);
        QVERIFY(after.worstCase < estimate.worstCase);
    }

    void settingsAreCheckedBeforeAnything()
    {
        CampaignPersonaliser personaliser(m_client, *m_cache);
        QVERIFY(!personaliser.estimate(people(1)).error.isEmpty()); // not configured
        PersonaliserSettings s = settings();
        s.model = QStringLiteral("claude-unpriced-9");
        auto unpriced = personaliser.configure(s);
        QVERIFY(!unpriced);
        QVERIFY2(unpriced.error().contains(QStringLiteral("claude-unpriced-9")),
                 qPrintable(unpriced.error()));
        s = settings();
        s.instruction = QStringLiteral("Hi {{#first_name}}");
        QVERIFY(!personaliser.configure(s));
        s = settings();
        s.maxTokens = 0;
        QVERIFY(!personaliser.configure(s));
        s = settings();
        s.temperature = 1.5;
        QVERIFY(!personaliser.configure(s));
        s = settings();
        s.instruction = QStringLiteral("  ");
        QVERIFY(!personaliser.configure(s));
        const PersonalisedRecipient none = QCoro::waitFor(personaliser.draft(people(1).first()));
        QVERIFY(!none.error.isEmpty());
        QVERIFY(m_sim.requestLog(ProviderId::Anthropic).isEmpty());
    }

    void budgetRefusalStopsBeforeAnyCall()
    {
        QVERIFY(m_guard->setLimit(
            {LimitScope::Provider, QStringLiteral("anthropic"), SpendPeriod::Day, Money::aud(1)}));
        CampaignPersonaliser personaliser(m_client, *m_cache);
        QVERIFY(personaliser.configure(settings()));
        const PersonalisationReport report = QCoro::waitFor(personaliser.personalise(people(3)));
        QVERIFY(report.budgetRefused);
        QVERIFY(!report.complete());
        QVERIFY2(report.stopped.contains(QStringLiteral("Anthropic")), qPrintable(report.stopped));
        QVERIFY2(report.stopped.contains(QStringLiteral("stopped")), qPrintable(report.stopped));
        QCOMPARE(report.drafted, 0);
        QCOMPARE(report.recipients.size(), 3); // every recipient is still there, without a draft
        for (const PersonalisedRecipient& recipient : report.recipients)
            QVERIFY(!recipient.fields.contains(CampaignPersonaliser::draftField()));
        QVERIFY(report.recipients.at(0).budgetRefused);
        QVERIFY(m_sim.requestLog(ProviderId::Anthropic).isEmpty());
    }

    void cancelStopsBetweenRecipients()
    {
        CampaignPersonaliser personaliser(m_client, *m_cache);
        QVERIFY(personaliser.configure(settings()));
        CancelToken cancel;
        connect(&personaliser, &CampaignPersonaliser::progressed, this, [cancel](int done, int) {
            if (done == 1)
                cancel.cancel();
        });
        const PersonalisationReport report = QCoro::waitFor(personaliser.personalise(people(3), cancel));
        QCOMPARE(report.drafted, 1);
        QVERIFY2(report.stopped.contains(QStringLiteral("cancelled")), qPrintable(report.stopped));
        QVERIFY(!report.budgetRefused);
        QCOMPARE(report.recipients.size(), 3);
        QVERIFY(report.recipients.at(0).fields.contains(CampaignPersonaliser::draftField()));
        QVERIFY(!report.recipients.at(2).fields.contains(CampaignPersonaliser::draftField()));
        QCOMPARE(messageCalls().size(), 1);
    }

    void overloadedAndRateLimitedAreNamed()
    {
        CampaignPersonaliser personaliser(m_client, *m_cache);
        PersonaliserSettings overloaded = settings();
        overloaded.metadataUserId = QStringLiteral("sim-overloaded"); // the simulator answers 529
        QVERIFY(personaliser.configure(overloaded));
        const PersonalisationReport report = QCoro::waitFor(personaliser.personalise(people(2)));
        QCOMPARE(report.failed, 2);
        QCOMPARE(report.drafted, 0);
        QVERIFY(report.stopped.isEmpty()); // a failed call is not a reason to stop the pass
        QVERIFY(!report.complete());
        for (const PersonalisedRecipient& recipient : report.recipients) {
            QVERIFY2(recipient.error.contains(QStringLiteral("529")), qPrintable(recipient.error));
            QVERIFY2(recipient.error.contains(QStringLiteral("overloaded"), Qt::CaseInsensitive),
                     qPrintable(recipient.error));
            QVERIFY(!recipient.fields.contains(CampaignPersonaliser::draftField()));
        }
        QVERIFY(!personaliser.cachedDraft(people(2).first())); // nothing kept for a failure

        QVERIFY(personaliser.configure(settings()));
        m_sim.scheduleFaults(ProviderId::Anthropic, QStringLiteral("/v1/messages"),
                             QList<sim::Fault>(40, sim::Fault{sim::FaultKind::RateLimited, 0, 0}));
        const PersonalisedRecipient limited = QCoro::waitFor(personaliser.draft(people(1).first()));
        QVERIFY2(limited.error.contains(QStringLiteral("429")), qPrintable(limited.error));
        QVERIFY2(limited.error.contains(QStringLiteral("rate"), Qt::CaseInsensitive),
                 qPrintable(limited.error));
        QVERIFY(limited.draft.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCampaignPersonaliser)
#include "tst_campaignpersonaliser.moc"
