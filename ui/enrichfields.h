#pragma once
// EnrichFields: how an enrichment result's fields are named and ordered for people, and the result
// as text for the clipboard ("Email: jane@acme.com.au" lines, or one CSV row in a fixed column
// order so that rows copied from several lookups line up in a spreadsheet).

#include "engine/enrichmenttypes.h"

#include <QStringList>

namespace agency {

namespace enrichfields {

/// Every field key a lookup can return, in the order people read them: the person, the company,
/// then the domain metrics.
const QStringList& order();
/// "Email", "Company domain", "Organic keywords (DataForSEO)"; an unknown key is shown as it is.
QString label(const QString& key);
/// The keys present in `result`, known ones in order(), then any others alphabetically.
QStringList keysOf(const EnrichmentResult& result);
/// True for counts, shown with thousands separators.
bool isNumber(const QString& key);

/// "Field: value" lines, in keysOf() order.
QString asText(const EnrichmentResult& result);
/// The column names of asCsvRow(), in order(): "email,phone,title,…".
QString csvHeader();
/// One RFC 4180 row of every key in order() (empty where not found), no line break. A value that
/// a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.
QString asCsvRow(const EnrichmentResult& result);

} // namespace enrichfields

} // namespace agency
