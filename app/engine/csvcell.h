#pragma once
// csvCell: one field of a CSV file the console writes (RFC 4180 quoting), guarded against spreadsheet
// formulas where the file is meant for people: a cell starting with = + - @ gets an apostrophe so it stays
// text.

#include <QString>

namespace agency {

enum class FormulaGuard
{
    None,        ///< data for the console itself (an Apify import): no cell is altered
    Text,        ///< every cell that starts like a formula is prefixed
    KeepNumbers, ///< as Text, but a signed number ("-12.50") stays a number
};

QString csvCell(const QString& value, FormulaGuard guard);

} // namespace agency
