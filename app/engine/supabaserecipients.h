#pragma once
// SupabaseRecipients: a campaign's recipients read from a Supabase table through PostgREST. The
// filter is typed the way PostgREST reads a query string ("status=eq.new&state=in.(NSW,VIC)") and
// checked before any request: only `column=op.value` pairs with PostgREST operators the console can
// send. Rows come page by page (ordered, so paging is stable), each as a recipient's fields in text.
//
//   SupabaseRecipients source(client);
//   connect(&source, &SupabaseRecipients::pageLoaded, bar, [](int rows, qint64 total) { … });
//   auto loaded = co_await source.load({.table = "leads", .filter = "company=eq.Acme"});

#include "engine/campaigntypes.h"
#include "integrations/http/cancellation.h"
#include "integrations/supabase/supabasefilter.h"
#include "model/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

#include <qcoro/qcorotask.h>

namespace agency {

class SupabaseClient;

struct SupabaseRecipientQuery
{
    QString table;
    /// PostgREST filters joined by '&', values as typed (not URL-encoded):
    /// "status=eq.new&state=in.(NSW,VIC)". Empty: every row.
    QString filter;
    QStringList columns;                    ///< empty: every column
    QString orderBy = QStringLiteral("id"); ///< a column that orders rows stably across pages
    int maxRows = 10'000;                   ///< at most this many recipients (1 or more)
    int pageSize = 500;                     ///< rows per request (1 to 1,000, Supabase's cap)
};

/// The filter's pairs as typed filters, or why it cannot be sent (naming the pair at fault).
/// Operators: eq, neq, gt, gte, lt, lte, like, ilike, in, is, each optionally under not.
Result<QList<SupabaseFilter>, QString> parsePostgrestFilter(const QString& text);

class SupabaseRecipients : public QObject
{
    Q_OBJECT
public:
    explicit SupabaseRecipients(std::shared_ptr<SupabaseClient> client, QObject* parent = nullptr);
    ~SupabaseRecipients() override;

    /// Why the query cannot be run; empty when it can. Nothing is sent.
    static QString queryProblem(const SupabaseRecipientQuery& query);

    /// Every matching row, up to maxRows, page by page. Refused before any request when the query
    /// has a problem; a PostgREST refusal (unknown table or column, a bad value) names the table
    /// and gives PostgREST's own message. `cancel` is looked at between pages: the rows read so far
    /// are dropped and the result says it was cancelled.
    QCoro::Task<Result<QList<RecipientFields>, QString>> load(SupabaseRecipientQuery query,
                                                              CancelToken cancel = CancelToken());

Q_SIGNALS:
    /// After each page: rows read so far, and the table's matching rows (capped at maxRows) when
    /// PostgREST said (-1 when it did not).
    void pageLoaded(int rowsSoFar, qint64 total);

private:
    std::shared_ptr<SupabaseClient> m_client;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace agency
