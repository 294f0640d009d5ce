#pragma once
// Request and result values of the Supabase client (shared/providers/supabase.md: PostgREST under
// /rest/v1). Rows are JSON objects: their shape is the agency's own schema.

#include "integrations/supabase/supabasefilter.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace agency {

struct SupabaseSelectRequest
{
    QString table;
    QStringList columns; ///< empty = every column (*)
    QList<SupabaseFilter> filters;
    QList<SupabaseOrder> order;
    qint64 offset = 0;
    qint64 limit = 50; ///< rows per page, sent as "Range: offset-(offset+limit-1)"; Supabase caps at 1,000
    bool countExact = false; ///< Prefer: count=exact — the total in Content-Range (accurate but slow)
};

/// One page of rows and what Content-Range said about it.
struct SupabaseRows
{
    QList<QJsonObject> rows;
    std::optional<qint64> first; ///< absent for an empty page ("*/total")
    std::optional<qint64> last;
    std::optional<qint64> total; ///< with countExact
    bool partial = false;        ///< 206 Partial Content: more rows than this page

    bool hasMore() const { return total ? (last ? *last + 1 < *total : false) : partial; }
};

enum class SupabaseReturn
{
    Minimal,        ///< no body (return=minimal)
    Representation, ///< the written rows (return=representation)
};

struct SupabaseInsertRequest
{
    QString table;
    QList<QJsonObject> rows; ///< one row is sent as an object; several (a bulk insert) must share their keys
    SupabaseReturn returning = SupabaseReturn::Minimal;
    QStringList returnColumns;     ///< select= for the returned rows; empty = all
    bool missingAsDefault = false; ///< Prefer: missing=default
};

struct SupabaseUpsertRequest
{
    enum class Resolution
    {
        MergeDuplicates,  ///< update the existing row
        IgnoreDuplicates, ///< keep the existing row (insert or ignore)
    };
    QString table;
    QList<QJsonObject> rows;
    QStringList onConflict; ///< the unique columns; empty = the primary key
    Resolution resolution = Resolution::MergeDuplicates;
    SupabaseReturn returning = SupabaseReturn::Minimal;
    QStringList returnColumns;
};

struct SupabaseWriteResult
{
    int status = 0;
    QList<QJsonObject> rows;   ///< with SupabaseReturn::Representation
    QString preferenceApplied; ///< the Preference-Applied header: what the server honoured
};

} // namespace agency
