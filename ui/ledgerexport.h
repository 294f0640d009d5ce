#pragma once
// LedgerExport: writes every ledger row that matches a filter to a CSV file. It reads one page per
// turn of the event loop, so exporting a large ledger never freezes the window, and replaces the
// file only once everything was read and written.

#include "engine/ledger.h"

#include <QObject>

namespace agency {

class LedgerExport : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 1000;

    LedgerExport(Ledger& ledger, LedgerFilter filter, QString path, QObject* parent = nullptr);

    /// Starts reading; finished() follows (never from inside this call).
    void start();

Q_SIGNALS:
    void progress(qsizetype rowsRead);
    /// `problem` is empty on success.
    void finished(qsizetype rowsWritten, const QString& problem);

private:
    void readNextPage();
    void write();

    Ledger& m_ledger;
    LedgerFilter m_filter;
    QString m_path;
    QList<LedgerRow> m_rows;
    qint64 m_beforeId = 0;
};

} // namespace agency
