#pragma once
// `agency-console enrich --csv IN --out OUT [--yes] [--json]`: a bulk run from the command line —
// the intake report, the cost estimate and a confirmation, then the run, journalled next to the
// output (OUT.journal), so running the same command again after a crash resumes it.

#include <QString>

namespace agency {

class ConsoleApp;

struct BulkCommand
{
    QString input;
    QString output;
    bool yes = false;          ///< skip the confirmation
    bool retryInDoubt = false; ///< ask again the rows a crash left in doubt (they may be paid twice)
    bool json = false;
};

/// Exit status: 0 every row answered, 1 stopped early or rows failed (the output says which), 64 bad input.
int runBulkCommand(ConsoleApp& console, const BulkCommand& command);

} // namespace agency
