#pragma once
// `agency-console campaign run FILE.json [--dry-run] [--yes]`: a campaign run headless, with the same
// journal as the console (in the ledger database). The file names the campaign (a stable uid, so a
// re-run resumes it), its channel, sender, message, recipients and throttles. A dry run prints the
// audience counts, the exact payload for the first recipient, and the estimated cost and duration,
// and sends nothing. `campaign status FILE.json` pulls the delivery status of the sent items and
// settles the final cost where the provider reports it.

#include <QString>

namespace agency {

class ConsoleApp;

struct CampaignCommand
{
    QString action; ///< "run" or "status"
    QString file;
    QString profile = QStringLiteral("production");
    bool dryRun = false;
    bool yes = false;
    bool json = false;
    bool retryFailed = false; ///< put the failed items back to pending first ("re-run failed only")
};

/// Exit status: 0 every item sent (or, for status, looked up), 1 items left pending, failed or
/// unknown (the output says which) or the run paused, 64 a file that cannot be used.
int runCampaignCommand(ConsoleApp& console, const CampaignCommand& command);

} // namespace agency
