#pragma once
// LedgerCsv: the ledger as CSV (RFC 4180, UTF-8, one header row), for export to a spreadsheet, and
// read back (a re-import must give the same totals). Amounts are written as exact decimals.

#include "engine/ledger.h"

#include <QIODevice>

namespace agency {

class LedgerCsv
{
public:
    static QStringList header();
    static Result<Done, QString> write(QIODevice& device, const QList<LedgerRow>& rows);
    /// Every row, or the first bad one named: "Row 12: the amount \"1.2.3\" is not a number."
    static Result<QList<CostEvent>, QString> read(QIODevice& device);
};

} // namespace agency
