#include "ledgerexport.h"

#include "engine/ledgercsv.h"

#include <QSaveFile>
#include <QTimer>

namespace agency {

LedgerExport::LedgerExport(Ledger& ledger, LedgerFilter filter, QString path, QObject* parent)
    : QObject(parent)
    , m_ledger(ledger)
    , m_filter(std::move(filter))
    , m_path(std::move(path))
{}

void LedgerExport::start()
{
    QTimer::singleShot(0, this, &LedgerExport::readNextPage);
}

void LedgerExport::readNextPage()
{
    auto page = m_ledger.events(m_filter, kPageSize, m_beforeId);
    if (!page.ok()) {
        Q_EMIT finished(0, page.error().message);
        return;
    }
    const QList<LedgerRow>& rows = page.value();
    m_rows.append(rows);
    Q_EMIT progress(m_rows.size());
    if (rows.size() < kPageSize) {
        write();
        return;
    }
    // Pages go back by id, so rows recorded while exporting are left out rather than repeated.
    m_beforeId = rows.constLast().id;
    QTimer::singleShot(0, this, &LedgerExport::readNextPage);
}

void LedgerExport::write()
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        Q_EMIT finished(0, tr("Could not write %1: %2").arg(m_path, file.errorString()));
        return;
    }
    if (auto written = LedgerCsv::write(file, m_rows); !written.ok()) {
        file.cancelWriting();
        Q_EMIT finished(0, written.error());
        return;
    }
    if (!file.commit()) {
        Q_EMIT finished(0, tr("Could not write %1: %2").arg(m_path, file.errorString()));
        return;
    }
    Q_EMIT finished(m_rows.size(), QString());
}

} // namespace agency
