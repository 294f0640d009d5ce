#pragma once
// The console's subcommands, for scripts and CI: `providers` and `check`.

#include <QStringList>

class QCommandLineParser;

namespace agency {

constexpr int kUsageError = 64; // EX_USAGE

/// Adds the subcommands' options to `parser`.
void addCommandOptions(QCommandLineParser& parser);
/// Runs the subcommand named by the first positional argument; returns the exit status.
int runCommand(const QCommandLineParser& parser);

} // namespace agency
