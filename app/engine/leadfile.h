#pragma once
// LeadFile: the intake of a lead CSV for a bulk enrichment run, streamed once. It maps the columns (guessed
// from the header, adjustable), works out the lookup each row implies (email, else first + last name +
// company domain, else LinkedIn profile, else the company by its domain), names the rows that cannot be
// looked up and why, and spots rows that repeat an earlier one. Memory stays bounded: duplicates are found
// through 64-bit hashes of the keys, never by keeping rows; a caller that wants the rows streams them
// (next()) or streams the file again.

#include "engine/csvreader.h"
#include "engine/enrichmenttypes.h"

#include <QLocale>
#include <QMap>

#include <array>
#include <functional>
#include <vector>

namespace agency {

/// Role → column index. Roles: "email", "first_name", "last_name", "domain", "linkedin_url", "company".
using LeadColumnMapping = QMap<QString, int>;

struct LeadFileOptions
{
    LeadColumnMapping mapping{}; ///< empty: guessed from the header
    CsvReadOptions csv{};        ///< csv.progress reports bytes read against the file's size
    /// The report lists this many invalid rows and duplicates; its counts are always exact.
    qsizetype maxListed = 1000;
};

/// A cell of the row being read: a view while the file is scanned (nothing is copied for rows nobody keeps),
/// which becomes a QString — a copy, safe to keep — wherever one is wanted (LookupRequest::byEmail(cell)).
class LeadCell : public QStringView
{
public:
    LeadCell() = default;
    LeadCell(QStringView view) // NOLINT(google-explicit-constructor): a view is a cell
        : QStringView(view)
    {}
    operator QString() const { return toString(); } // NOLINT(google-explicit-constructor)
};

/// One data row, classified. The cells and `record` are views of the row as read, valid until the next row:
/// a LeadCell turns into a QString (a copy) wherever one is wanted.
struct LeadEntry
{
    enum class Status
    {
        Unique,    ///< valid, and the first row with its key
        Duplicate, ///< valid, but its key was seen on firstRow
        Invalid,   ///< problem says why
        Blank,     ///< every field empty: skipped quietly
    };
    Status status = Status::Blank;
    qint64 row = 0;                              ///< as a spreadsheet shows it (the header is row 1)
    qint64 line = 0;                             ///< the physical line it starts on
    LookupKind kind = LookupKind::PersonByEmail; ///< Unique and Duplicate only
    /// The mapped cells, trimmed (empty when the role has no column).
    LeadCell email, firstName, lastName, website, linkedinUrl, company;
    QString domain;      ///< the website's domain, normalised ("acme.com"); empty when it is not one
    QString key;         ///< as LookupRequest::cacheKey() gives it: "person:email:jane@acme.com"
    qint64 firstRow = 0; ///< Duplicate: the row it repeats
    QString problem;     ///< Invalid: "Row 17: “jane@” is not an email address."
    const CsvRecord* record = nullptr; ///< every field of the row (for copying it to an output file)

    /// The lookup a Unique or Duplicate row implies, with its cells copied.
    LookupRequest request() const;
};

struct LeadIssue
{
    qint64 row = 0;
    qint64 line = 0;
    QString message; ///< names the row
};

struct LeadDuplicate
{
    qint64 row = 0;
    qint64 firstRow = 0;
};

struct LeadIntakeReport
{
    QString encoding;
    QChar delimiter;
    QStringList header;
    LeadColumnMapping mapping;
    qint64 rows = 0; ///< data rows read: blank + invalid + duplicate + unique
    qint64 blankRows = 0;
    qint64 invalidRows = 0;
    qint64 duplicateRows = 0;
    qint64 uniqueRows = 0;
    QMap<LookupKind, qint64> lookups; ///< unique rows by the lookup they imply
    QList<LeadIssue> invalid;         ///< the first LeadFileOptions::maxListed
    QList<LeadDuplicate> duplicates;  ///< the first LeadFileOptions::maxListed
    qint64 bytes = 0;
    /// Some bytes past the first chunk were not valid in the encoding chosen from it (they read as U+FFFD):
    /// worth a warning, for instance a UTF-8 file with Windows-1252 rows appended further down.
    bool invalidBytes = false;
    /// Set when reading stopped before the end ("Row 9 (line 9): a quoted field is never closed."): the
    /// counts cover the rows before it.
    QString error;
};

class LeadFile
{
public:
    static QStringList roles(); ///< "email", "first_name", "last_name", "domain", "linkedin_url", "company"
    /// "E-mail", "Email Address" → email; "Given name" → first_name; "Surname" → last_name; "Website" →
    /// domain; "Profile URL" → linkedin_url; "Organisation" → company. Each column serves one role.
    static LeadColumnMapping guessMapping(const QStringList& header);
    /// Empty when the mapping can give lookups for a file with `columns` columns; else what is missing.
    static QString mappingProblem(const LeadColumnMapping& mapping, qsizetype columns);

    /// Opens the CSV and settles the mapping; fails as CsvReader::open does, or with mappingProblem().
    static Result<LeadFile, QString> open(QIODevice& device, LeadFileOptions options = {});
    /// Reads the whole file once; `each` sees every row. A failure only when the file cannot be opened.
    static Result<LeadIntakeReport, QString> scan(QIODevice& device, LeadFileOptions options = {},
                                                  const std::function<void(const LeadEntry&)>& each = {});

    LeadFile(LeadFile&&) noexcept = default;
    LeadFile& operator=(LeadFile&&) noexcept = default;
    ~LeadFile() = default;

    /// The next data row; false at the end or when reading stopped (report().error says why).
    bool next(LeadEntry& entry);
    /// The tallies so far; complete once next() has returned false.
    const LeadIntakeReport& report() const;
    const LeadColumnMapping& mapping() const { return m_report.mapping; }
    const CsvReader& csv() const { return m_csv; }

private:
    // Remembers the 64-bit hash of each unique key and the row it first appeared on.
    class SeenKeys
    {
    public:
        /// 0 when `hash` is new (it is remembered with `row`); else the row it was first seen on.
        qint64 insert(quint64 hash, qint64 row);
        void prefetch(quint64 hash) const; ///< brings the hash's slot towards the cache
        void reserve(size_t rows);         ///< room for about `rows` unique rows (up to a cap)

    private:
        struct Slot
        {
            quint64 hash = 0; ///< 0: empty
            quint32 row = 0;
        };
        void grow();
        void rehash(size_t size);
        std::vector<Slot> m_slots; ///< hash and row side by side: one cache miss a look-up
        size_t m_count = 0;
    };

    explicit LeadFile(CsvReader csv);
    void classify(LeadEntry& entry);
    void setInvalid(LeadEntry& entry, const QString& message);

    CsvReader m_csv;
    CsvRecord m_record;
    int m_email = -1, m_first = -1, m_last = -1, m_domain = -1, m_linkedin = -1, m_company = -1;
    qsizetype m_maxListed = 1000;
    SeenKeys m_seen;
    QLocale m_locale; ///< row numbers in messages: "Row 1,234"
    mutable LeadIntakeReport m_report;
    std::array<qint64, 4> m_lookupCounts{}; ///< unique rows per LookupKind (a QMap per row costs too much)
    bool m_finished = false;
};

} // namespace agency
