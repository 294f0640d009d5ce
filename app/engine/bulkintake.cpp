#include "bulkintake.h"

#include "integrations/clay/clayclient.h"
#include "model/catalogue.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::BulkIntake", text);
}

} // namespace

BulkIntake::BulkIntake(QString path, std::unique_ptr<QFile> device, LeadFile file, BulkEnrichment& run)
    : m_path(std::move(path))
    , m_device(std::move(device))
    , m_file(std::move(file))
    , m_run(run)
{}

Result<std::unique_ptr<BulkIntake>, QString> BulkIntake::open(const QString& path, BulkEnrichment& run,
                                                              LeadFileOptions options)
{
    auto device = std::make_unique<QFile>(path);
    if (!device->open(QIODevice::ReadOnly))
        return failure(tr("%1 could not be opened: %2").arg(path, device->errorString()));
    auto opened = LeadFile::open(*device, std::move(options));
    if (!opened)
        return failure(tr("%1: %2").arg(QFileInfo(path).fileName(), opened.error()));
    if (auto loaded = run.load(opened.value().csv().header(), {}); !loaded)
        return failure(loaded.error());
    return std::unique_ptr<BulkIntake>(
        new BulkIntake(path, std::move(device), std::move(opened).value(), run));
}

Result<bool, QString> BulkIntake::step(qint64 maxRows)
{
    if (m_atEnd)
        return false;
    QList<BulkRow> batch;
    LeadEntry entry;
    qint64 read = 0;
    while (read < maxRows) {
        if (!m_file->next(entry)) {
            m_atEnd = true;
            break;
        }
        ++read;
        if (entry.status == LeadEntry::Status::Blank)
            continue;
        // The lead file keeps the row's own fields: they go to the output beside the enriched ones.
        BulkRow row{entry.row, entry.request(), entry.record ? entry.record->fields() : QStringList(), {}};
        if (entry.status == LeadEntry::Status::Invalid)
            row.skipReason = entry.problem;
        else if (entry.status == LeadEntry::Status::Duplicate)
            row.skipReason = tr("Row %1: the same lead as row %2.").arg(entry.row).arg(entry.firstRow);
        batch.append(std::move(row));
    }
    if (auto appended = m_run.append(batch); !appended)
        return failure(appended.error());
    return !m_atEnd;
}

Result<LeadIntakeReport, QString> BulkIntake::readAll()
{
    while (!m_atEnd) {
        if (auto stepped = step(); !stepped)
            return failure(stepped.error());
    }
    return report();
}

qint64 BulkIntake::bytesRead() const
{
    return m_file->csv().bytesRead();
}

qint64 BulkIntake::totalBytes() const
{
    return m_device->size();
}

BulkUnitCosts bulkUnitCosts(const EnrichmentSettings& settings)
{
    BulkUnitCosts costs;
    costs.apollo = providerInfo(ProviderId::Apollo).unitCost;
    costs.clay = ClayClient::worstCasePerCredit().times(settings.clayCreditsPerItem).value_or(Money::aud(0));
    return costs;
}

QCoro::Task<BulkEstimate> estimateBulkRun(BulkEnrichment& run, EnrichmentService& service,
                                          EnrichmentCache* cache)
{
    // Not a coroutine: it hands back the run's own task, priced here.
    const BulkUnitCosts costs = bulkUnitCosts(service.settings());
    return run.estimate(cache, costs.apollo, costs.clay);
}

} // namespace agency
