#include "faultschedule.h"

namespace agency::sim {

void FaultSchedule::schedule(ProviderId provider, const QString& pathContains, const QList<Fault>& faults)
{
    for (const Fault& fault : faults)
        m_entries.append({provider, pathContains, fault});
}

std::optional<Fault> FaultSchedule::take(ProviderId provider, const QString& path)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const Entry& entry = m_entries.at(i);
        if (entry.provider == provider && path.contains(entry.pathContains)) {
            const Fault fault = entry.fault;
            m_entries.removeAt(i);
            return fault;
        }
    }
    return std::nullopt;
}

qsizetype FaultSchedule::pending() const
{
    return m_entries.size();
}

} // namespace agency::sim
