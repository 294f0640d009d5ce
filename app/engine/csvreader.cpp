#include "csvreader.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <array>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CsvReader", text);
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

QString sizeText(qsizetype chars)
{
    constexpr qsizetype mebi = 1024 * 1024;
    if (chars >= mebi && chars % mebi == 0)
        return tr("%1 MiB").arg(number(chars / mebi));
    return tr("%1 characters").arg(number(chars));
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. The five bytes it leaves undefined map to the C1
// controls of the same value, as browsers do. A table rather than an ICU converter: it is faster and
// present on every build of Qt.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

char16_t* decodeWindows1252(const char* bytes, qsizetype size, char16_t* out)
{
    for (qsizetype i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        *out++ = (byte >= 0x80 && byte < 0xA0) ? kWindows1252High[byte - 0x80] : char16_t(byte);
    }
    return out;
}

// The first delimiter, CR or LF in [p, end): where an unquoted field ends. Eight characters at a time
// where SSE2 is there (every x86-64), since most of a lead file is unquoted fields.
const char16_t* findFieldEnd(const char16_t* p, const char16_t* const end, const char16_t delimiter)
{
#if defined(__SSE2__)
    const __m128i delimiters = _mm_set1_epi16(short(delimiter));
    const __m128i crs = _mm_set1_epi16(short(u'\r'));
    const __m128i lfs = _mm_set1_epi16(short(u'\n'));
    for (; end - p >= 8; p += 8) {
        const __m128i chars = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i hits =
            _mm_or_si128(_mm_cmpeq_epi16(chars, delimiters),
                         _mm_or_si128(_mm_cmpeq_epi16(chars, crs), _mm_cmpeq_epi16(chars, lfs)));
        if (const auto mask = unsigned(_mm_movemask_epi8(hits)); mask != 0)
            return p + std::countr_zero(mask) / 2;
    }
#endif
    while (p != end && *p != delimiter && *p != u'\r' && *p != u'\n')
        ++p;
    return p;
}

// How many bytes at the end of a UTF-8 chunk start a sequence that the chunk does not finish.
qsizetype unfinishedUtf8Tail(const char* bytes, qsizetype size)
{
    for (qsizetype back = 1; back <= std::min<qsizetype>(3, size); ++back) {
        const auto byte = static_cast<unsigned char>(bytes[size - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // a continuation byte: its lead is further back
        const qsizetype length = (byte >= 0xF0 && byte <= 0xF4)   ? 4
                                 : (byte >= 0xE0 && byte <= 0xEF) ? 3
                                 : (byte >= 0xC2 && byte <= 0xDF) ? 2
                                                                  : 1;
        return length > back ? back : 0;
    }
    return 0;
}

// Field counts of the first records of `text` split on `delimiter` (quotes respected, blank lines
// skipped); an unfinished last record is left out unless the text is the whole file.
std::vector<qsizetype> fieldCounts(const char16_t* p, const char16_t* end, char16_t delimiter, bool whole)
{
    constexpr int kRecords = 20;
    std::vector<qsizetype> counts;
    qsizetype fields = 1;
    bool inQuotes = false;
    bool empty = true;
    for (; p != end && counts.size() < kRecords; ++p) {
        const char16_t c = *p;
        if (inQuotes) {
            if (c == u'"')
                inQuotes = false; // a doubled quote re-opens at once
            continue;
        }
        if (c == u'"') {
            inQuotes = true;
            empty = false;
        } else if (c == delimiter) {
            ++fields;
            empty = false;
        } else if (c == u'\n' || c == u'\r') {
            if (!empty)
                counts.push_back(fields);
            fields = 1;
            empty = true;
        } else {
            empty = false;
        }
    }
    if (whole && p == end && !empty && !inQuotes && counts.size() < kRecords)
        counts.push_back(fields);
    return counts;
}

} // namespace

QStringList CsvRecord::fields() const
{
    QStringList list;
    list.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        list.append(field(i).toString());
    return list;
}

Result<CsvReader, QString> CsvReader::open(QIODevice& device, CsvReadOptions options)
{
    options.chunkBytes = std::max<qsizetype>(options.chunkBytes, 1);
    options.sniffBytes = std::max<qsizetype>(options.sniffBytes, 4);
    options.maxRecordChars = std::max<qsizetype>(options.maxRecordChars, 16);

    CsvReader reader;
    reader.m_device = &device;
    reader.m_options = std::move(options);
    reader.m_totalBytes = device.isSequential() ? -1 : device.size();
    reader.m_raw.resize(reader.m_options.chunkBytes + 4); // room for a carried, unfinished UTF-8 sequence

    // The first chunk decides the encoding and the delimiter.
    QByteArray head(reader.m_options.sniffBytes, Qt::Uninitialized);
    qsizetype got = 0;
    while (got < head.size()) {
        const qint64 n = device.read(head.data() + got, head.size() - got);
        if (n < 0)
            return failure(tr("The file could not be read: %1").arg(device.errorString()));
        if (n == 0) {
            reader.m_eof = true;
            break;
        }
        got += n;
    }
    head.truncate(got);
    reader.m_bytesRead = got;
    if (head.isEmpty())
        return failure(tr("The file is empty."));

    qsizetype skip = 0;
    if (head.startsWith("\xEF\xBB\xBF")) {
        reader.m_encoding = Encoding::Utf8WithBom;
        skip = 3;
    } else if (head.startsWith("\xFF\xFE")) {
        reader.m_encoding = Encoding::Utf16LE;
        skip = 2;
    } else if (head.startsWith("\xFE\xFF")) {
        reader.m_encoding = Encoding::Utf16BE;
        skip = 2;
    }
    const bool utf16 = reader.m_encoding == Encoding::Utf16LE || reader.m_encoding == Encoding::Utf16BE;
    if (!utf16 && head.contains('\0'))
        return failure(tr("This is not a text file (it contains NUL bytes)."));

    const QByteArrayView body = QByteArrayView(head).sliced(skip);
    switch (reader.m_encoding) {
    case Encoding::Utf16LE: // stateful: Qt carries odd bytes and split surrogate pairs over correctly
        reader.m_decoder =
            QStringDecoder(QStringConverter::Utf16LE, QStringConverter::Flag::ConvertInitialBom);
        break;
    case Encoding::Utf16BE:
        reader.m_decoder =
            QStringDecoder(QStringConverter::Utf16BE, QStringConverter::Flag::ConvertInitialBom);
        break;
    default:
        // Stateless: decodeAppend() carries unfinished sequences itself. Every U+FEFF is kept as it is.
        reader.m_decoder =
            QStringDecoder(QStringConverter::Utf8,
                           QStringConverter::Flag::Stateless | QStringConverter::Flag::ConvertInitialBom);
        break;
    }
    reader.decodeAppend(body.data(), body.size(), reader.m_eof);
    if (reader.m_encoding == Encoding::Utf8 && reader.m_invalidBytes) {
        // Not UTF-8: most likely a Windows spreadsheet's export.
        reader.m_encoding = Encoding::Windows1252;
        reader.m_invalidBytes = false;
        reader.m_end = 0;
        reader.m_carry.clear();
        reader.decodeAppend(body.data(), body.size(), reader.m_eof);
    }
    if (reader.m_options.progress)
        reader.m_options.progress(reader.m_bytesRead, reader.m_totalBytes);

    reader.m_delimiter = reader.m_options.delimiter ? reader.m_options.delimiter->unicode()
                                                    : reader.detectDelimiter().unicode();

    // The header: the first record that is not blank.
    CsvRecord header;
    for (;;) {
        if (!reader.next(header)) {
            if (!reader.m_error.isEmpty())
                return failure(reader.m_error);
            return failure(tr("The file is empty."));
        }
        bool blank = true; // every field empty or spaces
        for (qsizetype i = 0; i < header.size() && blank; ++i)
            blank = header.field(i).trimmed().isEmpty();
        if (!blank)
            break;
    }
    reader.m_header = header.fields();
    reader.m_headerLine = header.line();
    return reader;
}

QString CsvReader::encodingName() const
{
    switch (m_encoding) {
    case Encoding::Utf8:
        return QStringLiteral("UTF-8");
    case Encoding::Utf8WithBom:
        return QStringLiteral("UTF-8 with BOM");
    case Encoding::Utf16LE:
        return QStringLiteral("UTF-16LE");
    case Encoding::Utf16BE:
        return QStringLiteral("UTF-16BE");
    case Encoding::Windows1252:
        return QStringLiteral("Windows-1252");
    }
    return {};
}

QChar CsvReader::detectDelimiter() const
{
    // The candidate that splits every sampled record into the same number of fields (more than one) wins;
    // among several, the one giving the most fields. With none consistent, the one whose header count
    // recurs most often. A file with a single column reads as comma-separated.
    const char16_t* const begin = m_text.data() + m_pos;
    const char16_t* const end = m_text.data() + m_end;
    constexpr std::array<char16_t, 3> candidates = {u',', u';', u'\t'};
    char16_t best = u',';
    qsizetype bestFields = 1;
    bool bestConsistent = false;
    qsizetype bestAgreeing = 0;
    for (const char16_t candidate : candidates) {
        const std::vector<qsizetype> counts = fieldCounts(begin, end, candidate, m_eof);
        if (counts.empty() || counts.front() < 2)
            continue;
        const qsizetype agreeing = std::count(counts.begin(), counts.end(), counts.front());
        const bool consistent = agreeing == qsizetype(counts.size());
        const bool better = consistent ? (!bestConsistent || counts.front() > bestFields)
                                       : (!bestConsistent && agreeing > bestAgreeing);
        if (better) {
            best = candidate;
            bestFields = counts.front();
            bestConsistent = consistent;
            bestAgreeing = agreeing;
        }
    }
    return QChar(best);
}

void CsvReader::decodeAppend(const char* bytes, qsizetype size, bool final)
{
    // UTF-8 is decoded without state up to the last sequence the bytes finish; the unfinished tail waits for
    // the next chunk. (Qt's stateful decoder can lose the character after an invalid byte at a chunk
    // boundary — perhaps a line end — so the text would depend on where the chunks fall.)
    qsizetype keep = 0;
    if (!final && (m_encoding == Encoding::Utf8 || m_encoding == Encoding::Utf8WithBom))
        keep = unfinishedUtf8Tail(bytes, size);
    const qsizetype decoded = size - keep;
    const qsizetype room = m_encoding == Encoding::Windows1252 ? decoded : m_decoder.requiredSpace(decoded);
    if (qsizetype(m_text.size()) < m_end + room) {
        m_text.resize(size_t(m_end + room));
        m_peakBufferChars = std::max(m_peakBufferChars, qsizetype(m_text.size()));
    }
    char16_t* const out = m_text.data() + m_end;
    if (m_encoding == Encoding::Windows1252) {
        m_end = decodeWindows1252(bytes, decoded, out) - m_text.data();
    } else {
        QChar* const last =
            m_decoder.appendToBuffer(reinterpret_cast<QChar*>(out), QByteArrayView(bytes, decoded));
        m_end = reinterpret_cast<char16_t*>(last) - m_text.data();
        if (m_decoder.hasError())
            m_invalidBytes = true;
    }
    m_carry = QByteArray(bytes + decoded, keep);
}

bool CsvReader::fill()
{
    // Keep only the unparsed tail, so the buffer holds at most one chunk plus the record being read.
    if (m_pos > 0) {
        std::copy(m_text.begin() + m_pos, m_text.begin() + m_end, m_text.begin());
        m_end -= m_pos;
        m_pos = 0;
    }
    if (m_eof)
        return true;
    const qsizetype carried = m_carry.size();
    std::copy(m_carry.cbegin(), m_carry.cend(), m_raw.begin());
    const qint64 n = m_device->read(m_raw.data() + carried, m_options.chunkBytes);
    if (n < 0) {
        fail(tr("The file could not be read: %1").arg(m_device->errorString()));
        return false;
    }
    if (n == 0)
        m_eof = true;
    m_bytesRead += n;
    if (n > 0 || carried > 0)
        decodeAppend(m_raw.constData(), carried + qsizetype(n), m_eof);
    if (n > 0 && m_options.progress)
        m_options.progress(m_bytesRead, m_totalBytes);
    return true;
}

void CsvReader::fail(const QString& message)
{
    m_failed = true;
    m_error = message;
}

CsvReader::Parse CsvReader::parseRecord(CsvRecord& record, bool* inQuotes)
{
    // Parses one record from m_pos. When the text runs out before the record is certainly complete (a CR
    // may be followed by LF, a quote by another), it asks for more and starts the record again: simpler
    // than a resumable state machine, and records crossing a chunk boundary are rare. Only the first
    // maxRecordChars characters are ever looked at, so the outcome does not depend on the chunk size.
    const char16_t* const base = m_text.data();
    const char16_t* const begin = base + m_pos;
    const bool capped = m_end - m_pos > m_options.maxRecordChars;
    const char16_t* const end = capped ? begin + m_options.maxRecordChars : base + m_end;
    const bool final = m_eof && !capped; // nothing follows `end`
    const Parse shortOfText = capped ? Parse::TooLong : Parse::NeedMore;
    *inQuotes = false;
    if (begin == end)
        return final ? Parse::End : shortOfText;

    record.m_unescaped.resize(0);
    record.m_fields.clear();
    const char16_t delimiter = m_delimiter;
    const bool blankLine = *begin == u'\n' || *begin == u'\r';
    qint64 breaks = 0;
    const char16_t* p = begin;
    const auto unescape = [&record](const char16_t* from, const char16_t* to) {
        if (to != from)
            record.m_unescaped.append(reinterpret_cast<const QChar*>(from), to - from);
    };
    const auto scanUnquoted = [&](const char16_t* q) {
        return findFieldEnd(q, end, delimiter);
    };

    for (;;) {
        CsvRecord::Span span;
        if (p != end && *p == u'"') {
            // A quoted field is read in place too, unless it has doubled quotes or text after the closing
            // quote (kept as it is, as spreadsheets and Python's csv do): then it is copied, unescaped.
            const char16_t* const content = ++p;
            const qsizetype unescapedStart = record.m_unescaped.size();
            bool copied = false;
            const char16_t* closing = nullptr;
            for (;;) {
                const char16_t* q = p;
                while (q != end && *q != u'"') {
                    if (*q == u'\n') {
                        ++breaks;
                    } else if (*q == u'\r') {
                        if (q + 1 == end && !final) {
                            *inQuotes = true;
                            return shortOfText;
                        }
                        if (q + 1 == end || q[1] != u'\n')
                            ++breaks;
                    }
                    ++q;
                }
                if (q == end || (q + 1 == end && !final)) {
                    *inQuotes = true;
                    return q == end && final ? Parse::Unclosed : shortOfText;
                }
                if (q + 1 != end && q[1] == u'"') {
                    unescape(p, q + 1); // up to and with one of the two quotes
                    copied = true;
                    p = q + 2;
                    continue;
                }
                if (copied)
                    unescape(p, q);
                closing = q;
                p = q + 1;
                break;
            }
            const char16_t* const tail = scanUnquoted(p);
            if (tail != p) {
                if (!copied)
                    unescape(content, closing);
                copied = true;
                unescape(p, tail);
                p = tail;
            }
            span = copied ? CsvRecord::Span{unescapedStart, record.m_unescaped.size() - unescapedStart, true}
                          : CsvRecord::Span{content - base, closing - content, false};
        } else {
            const char16_t* const q = scanUnquoted(p);
            span = CsvRecord::Span{p - base, q - p, false};
            p = q;
        }
        record.m_fields.push_back(span);
        if (p == end) {
            if (!final)
                return shortOfText;
            break; // the last record, without a line end
        }
        if (*p == delimiter) {
            ++p;
            continue;
        }
        if (*p == u'\r') {
            if (p + 1 == end && !final)
                return shortOfText;
            ++p;
            if (p != end && *p == u'\n')
                ++p;
        } else {
            ++p;
        }
        ++breaks;
        break;
    }
    record.m_text = reinterpret_cast<const QChar*>(base);
    m_pos = p - base;
    record.m_line = m_line;
    record.m_number = ++m_number;
    m_line += breaks;
    return blankLine ? Parse::Blank : Parse::Complete;
}

bool CsvReader::next(CsvRecord& record)
{
    if (m_failed)
        return false;
    for (;;) {
        bool inQuotes = false;
        switch (parseRecord(record, &inQuotes)) {
        case Parse::Complete:
            return true;
        case Parse::Blank:
            continue;
        case Parse::NeedMore:
            if (!fill())
                return false;
            continue;
        case Parse::End:
            return false;
        case Parse::Unclosed:
            fail(tr("Row %1 (line %2): a quoted field is never closed.")
                     .arg(number(m_number + 1), number(m_line)));
            return false;
        case Parse::TooLong:
            fail(inQuotes
                     ? tr("Row %1 (line %2): a quoted field runs on for more than %3; a closing quote is "
                          "probably missing.")
                           .arg(number(m_number + 1), number(m_line), sizeText(m_options.maxRecordChars))
                     : tr("Row %1 (line %2): a record is longer than %3; this is not a lead file.")
                           .arg(number(m_number + 1), number(m_line), sizeText(m_options.maxRecordChars)));
            return false;
        }
    }
}

} // namespace agency
