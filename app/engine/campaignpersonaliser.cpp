#include "campaignpersonaliser.h"

#include "engine/database.h"
#include "integrations/anthropic/anthropicclient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignPersonaliser", text);
}

constexpr int kMaxTokensCeiling = 4096; // a line or a paragraph, never a whole letter

QString notConfigured()
{
    return tr("AI personalisation is not set up: give an instruction and a model first.");
}

// The provider's own words plus the status and error type, so "overloaded" and "rate limited" are
// told apart in the results table.
QString callError(const IntegrationError& error)
{
    QString text = tr("No AI draft: %1").arg(error.message());
    if (error.httpStatus != 0) {
        const QString code = error.providerCode.isEmpty() ? QString() : u' ' + error.providerCode;
        text += tr(" (HTTP %1%2)").arg(error.httpStatus).arg(code);
    }
    return text;
}

QString emptyDraft(const QString& stopReason)
{
    return tr("No AI draft: Anthropic answered without text (stop reason “%1”).").arg(stopReason);
}

QString budgetStop(const IntegrationError& error)
{
    return tr("AI personalisation stopped: %1").arg(error.message());
}

QString cancelledStop()
{
    return tr("AI personalisation was cancelled.");
}

QString cacheFailure(const QString& why)
{
    return tr("The draft could not be kept for the send: %1").arg(why);
}

PersonalisedRecipient startFor(const PersonalisationTarget& target)
{
    PersonalisedRecipient out;
    out.key = target.key;
    out.fields = target.fields;
    return out;
}

void fill(PersonalisedRecipient& out, const QString& draft, bool fromCache)
{
    out.draft = draft;
    out.fromCache = fromCache;
    out.fields.insert(CampaignPersonaliser::draftField(), draft);
}

Money zeroCost(const AnthropicClient* client)
{
    return Money::zero(client ? client->priceTable().currency() : QStringLiteral("USD"));
}

} // namespace

// ---- draft caches ----

std::optional<QString> MemoryDraftCache::find(const QString& key)
{
    const auto found = m_drafts.constFind(key);
    return found == m_drafts.constEnd() ? std::nullopt : std::optional<QString>(found.value());
}

Result<Done, QString> MemoryDraftCache::store(const QString& key, const QString&, const QString& draft)
{
    if (!m_drafts.contains(key))
        m_drafts.insert(key, draft);
    return Done{};
}

LedgerDraftCache::LedgerDraftCache(Database& database)
    : m_database(database)
{}

std::optional<QString> LedgerDraftCache::find(const QString& key)
{
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT draft FROM ai_drafts WHERE draft_key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

Result<Done, QString> LedgerDraftCache::store(const QString& key, const QString& model, const QString& draft)
{
    // DO NOTHING: two consoles drafting one recipient keep the first draft, which is the one shown.
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("INSERT INTO ai_drafts (draft_key, model, draft, created_at_ms)"
                                 " VALUES (?, ?, ?, ?) ON CONFLICT (draft_key) DO NOTHING"));
    query.addBindValue(key);
    query.addBindValue(model);
    query.addBindValue(draft);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec())
        return failure(describeSqlError(QStringLiteral("the AI draft"), query.lastError()));
    return Done{};
}

// ---- the personaliser ----

CampaignPersonaliser::CampaignPersonaliser(std::shared_ptr<AnthropicClient> client, DraftCache& cache,
                                           QObject* parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_cache(cache)
{}

CampaignPersonaliser::~CampaignPersonaliser()
{
    // A pass still suspended holds a copy of the flag: it ends at its next step without `this`.
    *m_alive = false;
}

Result<Done, QString> CampaignPersonaliser::configure(const PersonaliserSettings& settings)
{
    m_configured = false;
    if (!m_client)
        return failure(tr("Anthropic is not set up (no API key)."));
    if (settings.instruction.trimmed().isEmpty())
        return failure(tr("The AI instruction is empty."));
    auto instruction = MessageTemplate::parse(settings.instruction, TemplateEscaping::PlainText);
    if (!instruction)
        return failure(tr("The AI instruction: %1").arg(instruction.error().message));
    if (!m_client->priceTable().knows(settings.model))
        return failure(tr("The model “%1” has no price in the Anthropic price table, so its spend cannot "
                          "be limited. Pick a priced model or add its price.")
                           .arg(settings.model));
    if (settings.maxTokens < 1 || settings.maxTokens > kMaxTokensCeiling)
        return failure(tr("max_tokens must be 1 to %1.").arg(kMaxTokensCeiling));
    if (settings.temperature && (*settings.temperature < 0.0 || *settings.temperature > 1.0))
        return failure(tr("The temperature must be 0 to 1."));
    m_settings = settings;
    m_instruction = instruction.value();
    m_configured = true;
    return Done{};
}

Result<QString, QString> CampaignPersonaliser::prompt(const RecipientFields& fields) const
{
    if (!m_configured)
        return failure(notConfigured());
    auto rendered = m_instruction.render(fields);
    if (!rendered)
        return failure(tr("The AI instruction: %1").arg(rendered.error().message));
    return rendered.value();
}

QString CampaignPersonaliser::draftKey(const PersonalisationTarget& target, const QString& prompt) const
{
    // Everything that changes what the model is asked: another instruction, model or sampling
    // setting is another draft. A unit separator between the parts keeps them from running together.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("agency-ai-draft-v1"));
    const QString temperature =
        m_settings.temperature ? QString::number(*m_settings.temperature, 'g', 6) : QStringLiteral("default");
    for (const QString& part : {m_settings.model, m_settings.system, QString::number(m_settings.maxTokens),
                                temperature, m_settings.instruction, target.key, prompt}) {
        hash.addData(QByteArrayView("\x1f"));
        hash.addData(part.toUtf8());
    }
    return QString::fromLatin1(hash.result().toHex());
}

std::optional<QString> CampaignPersonaliser::cachedDraft(const PersonalisationTarget& target)
{
    auto rendered = prompt(target.fields);
    if (!rendered)
        return std::nullopt;
    return m_cache.find(draftKey(target, rendered.value()));
}

AnthropicMessageRequest CampaignPersonaliser::requestFor(const QString& prompt) const
{
    AnthropicMessageRequest request;
    request.model = m_settings.model;
    request.maxTokens = m_settings.maxTokens;
    request.system = m_settings.system;
    request.temperature = m_settings.temperature;
    request.metadataUserId = m_settings.metadataUserId;
    request.messages.append(AnthropicMessage{AnthropicMessage::Role::User, prompt});
    return request;
}

PersonalisationEstimate CampaignPersonaliser::estimate(const QList<PersonalisationTarget>& targets)
{
    PersonalisationEstimate estimate;
    if (!m_configured) {
        estimate.error = notConfigured();
        return estimate;
    }
    estimate.worstCase = Money::zero(m_client->priceTable().currency());
    for (const PersonalisationTarget& target : targets) {
        auto rendered = prompt(target.fields);
        if (!rendered) {
            ++estimate.blocked;
            continue;
        }
        if (m_cache.find(draftKey(target, rendered.value()))) {
            ++estimate.cached;
            continue;
        }
        const AnthropicMessageRequest request = requestFor(rendered.value());
        auto worst = m_client->worstCaseCost(request);
        auto sum = worst ? estimate.worstCase.plus(worst.value()) : std::nullopt;
        if (!sum) {
            estimate.error = worst ? tr("The estimate overflowed.") : worst.error().message();
            estimate.worstCase = Money();
            return estimate;
        }
        estimate.worstCase = *sum;
        ++estimate.toDraft;
        estimate.inputTokens += AnthropicClient::inputTokenBound(request);
        estimate.outputTokens += m_settings.maxTokens;
    }
    return estimate;
}

QCoro::Task<PersonalisedRecipient> CampaignPersonaliser::draft(PersonalisationTarget target)
{
    const std::shared_ptr<bool> alive = m_alive;
    PersonalisedRecipient out = startFor(target);
    if (!m_configured) {
        out.error = notConfigured();
        co_return out;
    }
    const Result<QString, QString> rendered = prompt(target.fields);
    if (!rendered) {
        out.blocked = true;
        out.error = rendered.error();
        co_return out;
    }
    const QString key = draftKey(target, rendered.value());
    const std::optional<QString> cached = m_cache.find(key);
    if (cached) {
        fill(out, *cached, true);
        co_return out;
    }
    const AnthropicMessageRequest request = requestFor(rendered.value());
    const Result<AnthropicMessageResult, IntegrationError> answer = co_await m_client->createMessage(request);
    if (!*alive)
        co_return out;
    if (!answer) {
        out.budgetRefused = answer.error().kind == IntegrationError::Kind::BudgetExceeded;
        out.error = out.budgetRefused ? budgetStop(answer.error()) : callError(answer.error());
        co_return out;
    }
    if (answer->cost)
        out.cost = answer->cost->amount;
    const QString text = answer->text.trimmed();
    if (text.isEmpty()) {
        out.error = emptyDraft(answer->stopReason);
        co_return out;
    }
    // Kept before it is used: a draft that cannot be kept would be paid for again at the send.
    auto stored = m_cache.store(key, answer->model.isEmpty() ? m_settings.model : answer->model, text);
    if (!stored) {
        out.error = cacheFailure(stored.error());
        co_return out;
    }
    fill(out, text, false);
    co_return out;
}

QCoro::Task<PersonalisationReport> CampaignPersonaliser::personalise(QList<PersonalisationTarget> targets,
                                                                     CancelToken cancel)
{
    const std::shared_ptr<bool> alive = m_alive;
    PersonalisationReport report;
    report.cost = zeroCost(m_client.get());
    const int total = int(targets.size());
    for (int i = 0; i < total; ++i) {
        if (cancel.isCancelled()) {
            report.stopped = cancelledStop();
            break;
        }
        PersonalisedRecipient done = co_await draft(targets.at(i));
        if (!*alive)
            co_return report;
        if (done.cost.isValid()) {
            const std::optional<Money> sum = report.cost.plus(done.cost);
            if (sum)
                report.cost = *sum;
        }
        if (done.blocked)
            ++report.blocked;
        else if (done.fromCache)
            ++report.fromCache;
        else if (!done.draft.isEmpty())
            ++report.drafted;
        else if (!done.budgetRefused)
            ++report.failed;
        const bool refused = done.budgetRefused;
        const QString why = done.error;
        report.recipients.append(std::move(done));
        Q_EMIT progressed(i + 1, total);
        if (refused) {
            // Nothing more is asked: the budget said no, and every further call would be refused too.
            report.budgetRefused = true;
            report.stopped = why;
            break;
        }
    }
    // The recipients not reached keep their fields, without a draft.
    for (qsizetype i = report.recipients.size(); i < targets.size(); ++i)
        report.recipients.append(startFor(targets.at(i)));
    co_return report;
}

} // namespace agency
