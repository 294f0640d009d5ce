#pragma once
// CampaignPersonaliser: an AI-written line per recipient, through Anthropic's Messages API, put in the
// recipient's fields as `ai_line` so the campaign's template can say {{ai_line}}. The instruction is
// itself a mustache template over the recipient's fields: a recipient it would leave a hole for is
// blocked, naming the field, and never asked about. Every call goes through the HTTP core, so
// SpendGuard reserves its worst case first; a budget refusal stops the pass and says so. Drafts are
// kept per (instruction, recipient, model) in a DraftCache, so the draft a preview showed is the one
// sent, and no recipient is paid for twice.
//
//   LedgerDraftCache cache(database);
//   CampaignPersonaliser personaliser(anthropic, cache);
//   personaliser.configure(settings);                  // the instruction parses, the model is priced
//   const PersonalisationEstimate price = personaliser.estimate(targets);
//   const PersonalisationReport report = co_await personaliser.personalise(targets);

#include "engine/campaigntypes.h"
#include "engine/messagetemplate.h"
#include "integrations/http/cancellation.h"
#include "model/money.h"
#include "model/result.h"

#include <QCoreApplication>
#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

#include <qcoro/qcorotask.h>

namespace agency {

class AnthropicClient;
class Database;
struct AnthropicMessageRequest;

/// Where drafts are kept between the preview and the send (and across runs).
class DraftCache
{
public:
    virtual ~DraftCache() = default;
    virtual std::optional<QString> find(const QString& key) = 0;
    /// Keeps the first draft stored under a key (a second store of the same key changes nothing).
    virtual Result<Done, QString> store(const QString& key, const QString& model, const QString& draft) = 0;
};

/// Drafts for the life of the object: a dry run, a test.
class MemoryDraftCache : public DraftCache
{
public:
    std::optional<QString> find(const QString& key) override;
    Result<Done, QString> store(const QString& key, const QString& model, const QString& draft) override;

private:
    QHash<QString, QString> m_drafts;
};

/// Drafts in the ledger database (table ai_drafts): shared by the panel and the command line.
class LedgerDraftCache : public DraftCache
{
public:
    explicit LedgerDraftCache(Database& database);
    std::optional<QString> find(const QString& key) override;
    Result<Done, QString> store(const QString& key, const QString& model, const QString& draft) override;

private:
    Database& m_database;
};

struct PersonaliserSettings
{
    /// A mustache template over the recipient's fields: "Write one friendly opening line for
    /// {{first_name}} at {{company}}, who …". Plain text (no escaping).
    QString instruction;
    QString system;                                     ///< optional system prompt
    QString model = QStringLiteral("claude-haiku-4-5"); ///< must have a price in the table
    int maxTokens = 200;                                ///< 1 to 4,096: a line or a paragraph
    std::optional<double> temperature;                  ///< 0 to 1; the model's default when empty
    QString metadataUserId; ///< metadata.user_id: an opaque id (never personal data), optional
};

struct PersonalisationTarget
{
    QString key; ///< the recipient's normalised address (ValidatedRecipient::key)
    RecipientFields fields;
};

struct PersonalisationEstimate
{
    int toDraft = 0;         ///< recipients a call would be made for
    int cached = 0;          ///< already drafted: no call
    int blocked = 0;         ///< a field the instruction needs is missing: no call
    qint64 inputTokens = 0;  ///< an upper bound from the prompts' length
    qint64 outputTokens = 0; ///< max_tokens × toDraft
    Money worstCase;         ///< at the price table's prices (USD); invalid with `error`
    QString error;           ///< the model has no price
};

struct PersonalisedRecipient
{
    QString key;
    RecipientFields fields; ///< with `ai_line` when a draft was had
    QString draft;          ///< empty when blocked or failed
    bool fromCache = false;
    bool blocked = false;       ///< the instruction needs a field this recipient lacks (named in `error`)
    bool budgetRefused = false; ///< SpendGuard refused the call before it left
    QString error;
    Money cost; ///< what this call cost (reported usage × the price table); invalid when no call was billed
};

struct PersonalisationReport
{
    QList<PersonalisedRecipient> recipients; ///< in order; those after a stop are left without a draft
    int drafted = 0;                         ///< paid calls that gave a draft
    int fromCache = 0;
    int blocked = 0;
    int failed = 0; ///< calls that failed (overloaded, rate limited…): the error is on the recipient
    bool budgetRefused = false;
    QString stopped; ///< why the pass ended early (a budget refusal, a cancel); empty when it ran through
    Money cost;      ///< what this pass's calls cost (USD, from the reported usage); zero when none
    bool complete() const { return stopped.isEmpty() && failed == 0; }
};

class CampaignPersonaliser : public QObject
{
    Q_OBJECT
public:
    /// The field a draft goes in: the campaign template says {{ai_line}}.
    static QString draftField() { return QStringLiteral("ai_line"); }

    CampaignPersonaliser(std::shared_ptr<AnthropicClient> client, DraftCache& cache,
                         QObject* parent = nullptr);
    ~CampaignPersonaliser() override;

    /// Parses the instruction and checks the settings (the model has a price, max_tokens and
    /// temperature in range). Nothing is sent.
    Result<Done, QString> configure(const PersonaliserSettings& settings);
    const PersonaliserSettings& settings() const { return m_settings; }

    /// The instruction for this recipient; refused, naming the missing fields.
    Result<QString, QString> prompt(const RecipientFields& fields) const;
    /// The cache key of (instruction as rendered, recipient, model, sampling settings).
    QString draftKey(const PersonalisationTarget& target, const QString& prompt) const;
    /// The draft a previous call made for this recipient, if any (free: for the preview).
    std::optional<QString> cachedDraft(const PersonalisationTarget& target);

    /// What personalising these recipients can cost at most, before anything is sent.
    PersonalisationEstimate estimate(const QList<PersonalisationTarget>& targets);

    /// One recipient: the cached draft, or one call. For the preview.
    QCoro::Task<PersonalisedRecipient> draft(PersonalisationTarget target);
    /// Every recipient in order. Stops at a budget refusal or a cancel (looked at between recipients;
    /// the call in flight finishes and its draft is kept); a failed call (overloaded, rate limited —
    /// after the client's own retries) is recorded on its recipient and the pass goes on.
    QCoro::Task<PersonalisationReport> personalise(QList<PersonalisationTarget> targets,
                                                   CancelToken cancel = CancelToken());

Q_SIGNALS:
    /// After each recipient: how many are done of how many.
    void progressed(int done, int total);

private:
    AnthropicMessageRequest requestFor(const QString& prompt) const;

    std::shared_ptr<AnthropicClient> m_client;
    DraftCache& m_cache;
    PersonaliserSettings m_settings;
    MessageTemplate m_instruction;
    bool m_configured = false;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace agency
