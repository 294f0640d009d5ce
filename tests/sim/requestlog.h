#pragma once
// RequestLog: what the simulator received, for assertions. Entries are redacted on the way in, so a
// secret never sits in memory longer than the request that carried it.

#include "simhttp.h"
#include "simtypes.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

namespace agency::sim {

class RequestLog
{
public:
    /// A redacted copy of `request`: credential headers and query parameters masked, every value in
    /// `secrets` masked wherever it appears, and the rest passed through agency::Redactor.
    static RecordedRequest redacted(const SimRequest& request, const QStringList& secrets, int status,
                                    std::optional<FaultKind> fault, const QDateTime& at);

    void append(const RecordedRequest& entry) { m_entries.append(entry); }
    QList<RecordedRequest> entries(std::optional<ProviderId> provider = std::nullopt) const;
    void clear() { m_entries.clear(); }

private:
    QList<RecordedRequest> m_entries;
};

} // namespace agency::sim
