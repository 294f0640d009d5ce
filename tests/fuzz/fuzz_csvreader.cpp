// Arbitrary bytes as a lead CSV. CsvReader must not crash, hang or read out of bounds; it must give the
// same records and the same error whatever the chunk size; and LeadFile's counts must add up.

#include "engine/csvreader.h"
#include "engine/leadfile.h"
#include "fuzzcheck.h"

#include <QBuffer>

#include <vector>

using namespace agency;

namespace {

struct Outcome
{
    QString openError;
    QString error;
    QString encoding;
    QChar delimiter;
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<std::pair<qint64, qint64>> positions; ///< record number, line
    bool operator==(const Outcome&) const = default;
};

// Both outcomes, for the log of a failed comparison.
void checkSame(const Outcome& a, const Outcome& b, const char* what)
{
    if (a == b)
        return;
    const auto show = [](const Outcome& o) {
        std::fprintf(stderr, "  open error \"%s\", error \"%s\", %s, delimiter %d, header [%s], %zu rows\n",
                     qPrintable(o.openError), qPrintable(o.error), qPrintable(o.encoding),
                     o.delimiter.unicode(), qPrintable(o.header.join(u'|')), o.rows.size());
        for (size_t i = 0; i < o.rows.size(); ++i)
            std::fprintf(stderr, "  row %lld line %lld: [%s]\n", static_cast<long long>(o.positions[i].first),
                         static_cast<long long>(o.positions[i].second), qPrintable(o.rows[i].join(u'|')));
    };
    std::fprintf(stderr, "%s differ:\n", what);
    show(a);
    show(b);
    std::abort();
}

Outcome read(const QByteArray& bytes, CsvReadOptions options)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    Outcome outcome;
    auto reader = CsvReader::open(buffer, std::move(options));
    if (!reader) {
        outcome.openError = reader.error();
        FUZZ_CHECK(!outcome.openError.isEmpty());
        return outcome;
    }
    outcome.encoding = reader->encodingName();
    outcome.delimiter = reader->delimiter();
    outcome.header = reader->header();
    CsvRecord record;
    qint64 lastNumber = 0;
    while (reader.value().next(record)) {
        FUZZ_CHECK(record.size() >= 1);
        FUZZ_CHECK(record.number() > lastNumber);
        FUZZ_CHECK(record.line() >= record.number()); // every record before it took at least one line
        lastNumber = record.number();
        outcome.rows.push_back(record.fields());
        outcome.positions.emplace_back(record.number(), record.line());
    }
    outcome.error = reader->error();
    FUZZ_CHECK(reader->bytesRead() == bytes.size() || !outcome.error.isEmpty());
    // Never more text held than the input has bytes (plus the decoder's slack).
    FUZZ_CHECK(reader->peakBufferChars() <= bytes.size() + 8);
    return outcome;
}

void scanLeads(const QByteArray& bytes, const Outcome& csv)
{
    // The guessed mapping rarely fits fuzzed headers; map the first columns to the roles in order.
    LeadFileOptions options;
    options.csv.maxRecordChars = 512;
    options.maxListed = 8;
    const QStringList roles = LeadFile::roles();
    for (int i = 0; i < std::min<int>(int(roles.size()), int(csv.header.size())); ++i)
        options.mapping.insert(roles.at(i), i);
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    qint64 entries = 0;
    auto report = LeadFile::scan(buffer, options, [&](const LeadEntry& entry) {
        ++entries;
        switch (entry.status) {
        case LeadEntry::Status::Unique:
            FUZZ_CHECK(!entry.key.isEmpty() && entry.firstRow == 0);
            break;
        case LeadEntry::Status::Duplicate:
            FUZZ_CHECK(!entry.key.isEmpty() && entry.firstRow > 0 && entry.firstRow < entry.row);
            break;
        case LeadEntry::Status::Invalid:
            FUZZ_CHECK(entry.problem.startsWith(u"Row "));
            break;
        case LeadEntry::Status::Blank:
            break;
        }
    });
    FUZZ_CHECK(report.ok() == csv.openError.isEmpty());
    if (!report) {
        FUZZ_CHECK(report.error() == csv.openError);
        return;
    }
    const LeadIntakeReport& r = report.value();
    FUZZ_CHECK(r.rows == entries);
    FUZZ_CHECK(r.rows == r.blankRows + r.invalidRows + r.duplicateRows + r.uniqueRows);
    FUZZ_CHECK(r.invalid.size() <= 8 && r.duplicates.size() <= 8);
    qint64 byKind = 0;
    for (const qint64 count : r.lookups)
        byKind += count;
    FUZZ_CHECK(byKind == r.uniqueRows);
    FUZZ_CHECK(r.rows == qint64(csv.rows.size()));
    FUZZ_CHECK(r.error == csv.error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    // A small record cap and small chunks, so that small inputs reach the limits and the boundaries.
    const Outcome whole = read(bytes, {.maxRecordChars = 512});
    const Outcome chunked = read(bytes, {.chunkBytes = qsizetype(1 + size % 7), .maxRecordChars = 512});
    checkSame(whole, chunked, "whole and chunked reads");
    // A short first look: the encoding is chosen on 16 bytes, later bytes may be invalid in it.
    const Outcome sniffed = read(bytes, {.sniffBytes = 16, .maxRecordChars = 512});
    const Outcome sniffedChunked = read(bytes, {.chunkBytes = 3, .sniffBytes = 16, .maxRecordChars = 512});
    checkSame(sniffed, sniffedChunked, "whole and chunked reads after a short first look");
    scanLeads(bytes, whole);
    return 0;
}
