#pragma once
// FaultSchedule: faults queued per provider and path fragment, handed out one per matching request,
// in the order they were scheduled.

#include "simtypes.h"

#include "model/providerid.h"

#include <QList>
#include <QString>

#include <optional>

namespace agency::sim {

class FaultSchedule
{
public:
    /// Queues faults for the next requests to `provider` whose path contains `pathContains`
    /// (an empty fragment matches every path).
    void schedule(ProviderId provider, const QString& pathContains, const QList<Fault>& faults);

    /// Takes the next fault for this request, if one is queued for it.
    std::optional<Fault> take(ProviderId provider, const QString& path);

    qsizetype pending() const;
    void clear() { m_entries.clear(); }

private:
    struct Entry
    {
        ProviderId provider;
        QString pathContains;
        Fault fault;
    };

    QList<Entry> m_entries; // in scheduling order
};

} // namespace agency::sim
