// The lead file intake on a big CSV: read + map + validate + dedupe through LeadFile::scan, timed.
// Usage: bench-csv-intake FILE — prints one "intake:" line (seconds, MB/s, counts) for run.sh to read.

#include "engine/leadfile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace agency;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench-csv-intake FILE\n");
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    qint64 progressCalls = 0;
    LeadFileOptions options;
    options.csv.progress = [&](qint64, qint64) {
        ++progressCalls;
    };
    const auto report = LeadFile::scan(file, options);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!report) {
        std::fprintf(stderr, "intake failed: %s\n", qPrintable(report.error()));
        return 1;
    }
    const double megabytes = double(file.size()) / 1e6;
    std::printf(
        "intake: %.3f s, %.1f MB/s, rows %lld, unique %lld, duplicates %lld, invalid %lld, blank %lld, "
        "encoding %s, delimiter '%s', progress calls %lld%s%s\n",
        seconds, megabytes / seconds, static_cast<long long>(report->rows),
        static_cast<long long>(report->uniqueRows), static_cast<long long>(report->duplicateRows),
        static_cast<long long>(report->invalidRows), static_cast<long long>(report->blankRows),
        qPrintable(report->encoding), qPrintable(QString(report->delimiter)),
        static_cast<long long>(progressCalls),
        report->error.isEmpty() ? "" : ", stopped: ", qPrintable(report->error));
    return 0;
}
