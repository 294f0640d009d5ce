#pragma once
// CsvReader: a streaming reader for CSV files exported from anywhere (spreadsheets, CRMs, scrapers), up to
// gigabytes. It never holds the whole file: memory is bounded by one read chunk plus the longest record.
// It works out the encoding (UTF-8 with or without a BOM, UTF-16 with a BOM, else Windows-1252) and the
// delimiter (comma, semicolon or tab) from the first chunk, reads RFC 4180 quoting (doubled quotes, line
// breaks inside quotes), CRLF / LF / CR line ends, and reports every record with its row number (as a
// spreadsheet shows it: the header is row 1) and the physical line it starts on.

#include "model/result.h"

#include <QIODevice>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace agency {

/// One record. Its fields are read in place in the reader's buffer (only a field whose quoting has to be
/// undone, such as "a ""b""", is copied), so a record is valid until the reader's next read: copy what you
/// keep (fields() does).
class CsvRecord
{
public:
    /// The row a spreadsheet shows it on: the header is row 1; blank lines count as rows but are skipped.
    qint64 number() const { return m_number; }
    /// The physical line (1-based) the record starts on; differs from number() after line breaks in quotes.
    qint64 line() const { return m_line; }
    qsizetype size() const { return qsizetype(m_fields.size()); }
    /// The field's text with the quoting undone; an empty view past the last field.
    QStringView field(qsizetype index) const
    {
        if (index < 0 || index >= size())
            return {};
        const Span& span = m_fields[size_t(index)];
        return span.unescaped ? QStringView(m_unescaped).sliced(span.start, span.length)
                              : QStringView(m_text + span.start, span.length);
    }
    QStringList fields() const;

private:
    friend class CsvReader;
    struct Span
    {
        qsizetype start = 0;
        qsizetype length = 0;
        bool unescaped = false; ///< in m_unescaped, else in m_text
    };
    const QChar* m_text = nullptr; ///< the reader's buffer
    QString m_unescaped;
    std::vector<Span> m_fields;
    qint64 m_number = 0;
    qint64 m_line = 0;
};

struct CsvReadOptions
{
    qsizetype chunkBytes = 64 * 1024; ///< bytes read from the device at a time
    qsizetype sniffBytes = 64 * 1024; ///< bytes looked at to choose the encoding and the delimiter
    /// The longest record accepted, in characters (line breaks included); anything longer is not a lead file.
    qsizetype maxRecordChars = 1024 * 1024;
    std::optional<QChar> delimiter{}; ///< unset: detected among , ; and tab
    /// Called after every chunk with the bytes read so far; total is -1 when the device's size is unknown.
    std::function<void(qint64 read, qint64 total)> progress{};
};

class CsvReader
{
public:
    enum class Encoding
    {
        Utf8,
        Utf8WithBom,
        Utf16LE, ///< only with its BOM (Excel's "Unicode text")
        Utf16BE,
        Windows1252, ///< when the first chunk is not valid UTF-8
    };

    /// Reads the first chunk and the header. Fails with "the file is empty" (no bytes, or nothing but blank
    /// lines), "this is not a text file" (NUL bytes), a read error, or an error in the header record.
    static Result<CsvReader, QString> open(QIODevice& device, CsvReadOptions options = {});

    CsvReader(CsvReader&&) noexcept = default;
    CsvReader& operator=(CsvReader&&) noexcept = default;
    ~CsvReader() = default;

    const QStringList& header() const { return m_header; }
    qint64 headerLine() const { return m_headerLine; }
    QChar delimiter() const { return QChar(m_delimiter); }
    Encoding encoding() const { return m_encoding; }
    QString encodingName() const; ///< "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252"

    /// The next data record (blank lines are skipped); false at the end of the file or on an error that
    /// stops reading (error() says which). A record with an unexpected field count is returned as it is:
    /// the caller decides.
    bool next(CsvRecord& record);
    /// Empty at a clean end; else what stopped reading, naming the row and line:
    /// "Row 1,234 (line 1,240): a quoted field is never closed."
    const QString& error() const { return m_error; }

    qint64 bytesRead() const { return m_bytesRead; }   ///< from the device, for progress
    qint64 totalBytes() const { return m_totalBytes; } ///< the device's size, or -1 when it is sequential
    /// True when some bytes past the first chunk were not valid in the chosen encoding (shown as U+FFFD).
    bool hadInvalidBytes() const { return m_invalidBytes; }
    /// The most characters the reader held at once: stays near one chunk plus the longest record.
    qsizetype peakBufferChars() const { return m_peakBufferChars; }

private:
    enum class Parse
    {
        Complete,
        Blank,
        NeedMore,
        End,
        Unclosed,
        TooLong,
    };

    CsvReader() = default;
    Parse parseRecord(CsvRecord& record, bool* inQuotes);
    bool fill(); ///< reads one more chunk into the buffer; false on a read error (error() set)
    void decodeAppend(const char* bytes, qsizetype size, bool final);
    void fail(const QString& message);
    QChar detectDelimiter() const;

    QIODevice* m_device = nullptr;
    CsvReadOptions m_options;
    Encoding m_encoding = Encoding::Utf8;
    QStringDecoder m_decoder;
    QByteArray m_raw;             ///< one chunk of bytes
    QByteArray m_carry;           ///< the start of a UTF-8 sequence the last chunk did not finish
    std::vector<char16_t> m_text; ///< decoded text: [m_pos, m_end) not yet parsed
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    bool m_eof = false;
    bool m_failed = false;
    bool m_invalidBytes = false;
    char16_t m_delimiter = u',';
    qint64 m_number = 0; ///< records (and blank lines) consumed
    qint64 m_line = 1;   ///< the line the next record starts on
    qint64 m_bytesRead = 0;
    qint64 m_totalBytes = -1;
    qsizetype m_peakBufferChars = 0;
    QStringList m_header;
    qint64 m_headerLine = 1;
    QString m_error;
};

} // namespace agency
