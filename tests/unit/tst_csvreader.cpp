// CsvReader: encodings (UTF-8 with and without BOM, Windows-1252, UTF-16), delimiter detection, RFC 4180
// quoting, line ends, row and line numbers, the errors that name a row, chunk boundaries anywhere, and
// memory that stays bounded over a 50 MB stream.

#include "engine/csvreader.h"

#include <QBuffer>
#include <QFile>
#include <QLocale>
#include <QTest>

#include <cstdio>
#include <cstring>

using namespace agency;

namespace {

struct Read
{
    QString openError;
    QString error;
    QString encoding;
    QChar delimiter;
    QStringList header;
    qint64 headerLine = 0;
    QList<QStringList> rows;
    QList<qint64> numbers;
    QList<qint64> lines;
    bool invalidBytes = false;

    bool operator==(const Read&) const = default;
};

Read readAll(const QByteArray& bytes, CsvReadOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    Read read;
    auto reader = CsvReader::open(buffer, std::move(options));
    if (!reader) {
        read.openError = reader.error();
        return read;
    }
    read.encoding = reader->encodingName();
    read.delimiter = reader->delimiter();
    read.header = reader->header();
    read.headerLine = reader->headerLine();
    CsvRecord record;
    while (reader.value().next(record)) {
        read.rows.append(record.fields());
        read.numbers.append(record.number());
        read.lines.append(record.line());
    }
    read.error = reader->error();
    read.invalidBytes = reader->hadInvalidBytes();
    return read;
}

QStringList list(std::initializer_list<const char16_t*> items)
{
    QStringList out;
    for (const char16_t* item : items)
        out.append(QString::fromUtf16(item));
    return out;
}

// A lead file made on the fly, never held whole: `rows` rows of about 120 bytes. It allocates nothing per
// row, so that any growth in memory is the reader's (under ASan, freed blocks are kept in quarantine).
class GeneratedLeads : public QIODevice
{
public:
    explicit GeneratedLeads(qint64 rows)
        : m_rows(rows)
    {
        m_length = std::snprintf(m_pending, sizeof m_pending, "%s",
                                 "email,first_name,last_name,company,domain,linkedin_url\r\n");
    }
    bool isSequential() const override { return true; }
    qint64 produced() const { return m_produced; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        qint64 written = 0;
        while (written < maxSize) {
            if (m_offset == m_length) {
                if (m_row == m_rows)
                    break;
                ++m_row;
                const long long n = m_row;
                m_length =
                    std::snprintf(m_pending, sizeof m_pending,
                                  "person%lld@example%lld.com,Jane%lld,\"Doe, \"\"Jr\"\"\",\"Acme\nPty "
                                  "Ltd\",example%lld.com,https://www.linkedin.com/in/jane-doe-%lld\r\n",
                                  n, n % 977, n, n % 977, n);
                m_offset = 0;
            }
            const qint64 n = std::min<qint64>(maxSize - written, m_length - m_offset);
            std::memcpy(data + written, m_pending + m_offset, size_t(n));
            written += n;
            m_offset += int(n);
        }
        m_produced += written;
        return written;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    qint64 m_rows;
    qint64 m_row = 0;
    char m_pending[256];
    int m_length = 0;
    int m_offset = 0;
    qint64 m_produced = 0;
};

// Peak resident memory (kB) since the last reset; -1 when the kernel does not tell.
qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Row numbers in messages are grouped as the user's locale groups them: "Row 1,234".
        QLocale::setDefault(QLocale(QLocale::English, QLocale::Australia));
    }

    void utf8WithoutBom()
    {
        const Read read = readAll("name,city\nZoë,Zürich\n");
        QCOMPARE(read.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(read.header, list({u"name", u"city"}));
        QCOMPARE(read.rows, QList<QStringList>{list({u"Zoë", u"Zürich"})});
    }

    void utf8WithBom()
    {
        const Read read = readAll("\xEF\xBB\xBFname,city\r\nZoë,Zürich\r\n");
        QCOMPARE(read.encoding, QStringLiteral("UTF-8 with BOM"));
        QCOMPARE(read.header.first(), QStringLiteral("name")); // no BOM left on the first header cell
        QCOMPARE(read.rows, QList<QStringList>{list({u"Zoë", u"Zürich"})});
    }

    void windows1252()
    {
        // "Café" and "€5 – “quoted”" as Excel on Windows saves them: not valid UTF-8.
        const Read read = readAll("name;note\nCaf\xE9;\x80"
                                  "5 \x96 \x93quoted\x94\n");
        QCOMPARE(read.encoding, QStringLiteral("Windows-1252"));
        QCOMPARE(read.delimiter, QChar(u';'));
        QCOMPARE(read.rows, QList<QStringList>{list({u"Café", u"€5 – “quoted”"})});
    }

    void windows1252DecidedByTheFirstChunk()
    {
        // Valid UTF-8 at the start: later bytes that are not are shown as U+FFFD and reported.
        const Read read = readAll("a,b\nx,y\nCaf\xE9,z\n", {.sniffBytes = 8});
        QCOMPARE(read.encoding, QStringLiteral("UTF-8"));
        QVERIFY(read.invalidBytes);
        QCOMPARE(read.rows.last().first(), QStringLiteral("Caf\uFFFD"));
        // Invalid bytes at a chunk boundary never swallow the delimiter or line end after them.
        const QByteArray bytes = "a,b\nx,y\nCaf\xE9,z\n\xE2\x82\n\xF0\x9F\x98,\xE9\r\n\xC3";
        const Read whole = readAll(bytes, {.sniffBytes = 8});
        QCOMPARE(whole.rows.size(), 5);
        for (qsizetype chunk = 1; chunk <= 5; ++chunk)
            QCOMPARE(readAll(bytes, {.chunkBytes = chunk, .sniffBytes = 8}), whole);
    }

    void utf16WithBom()
    {
        QByteArray bytes("\xFF\xFE");
        const QString text = QStringLiteral("name\tcity\r\nZoë\tZürich\r\n");
        bytes.append(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
        const Read read = readAll(bytes);
        QCOMPARE(read.encoding, QStringLiteral("UTF-16LE"));
        QCOMPARE(read.delimiter, QChar(u'\t'));
        QCOMPARE(read.rows, QList<QStringList>{list({u"Zoë", u"Zürich"})});
    }

    void delimiters_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QChar>("delimiter");
        QTest::addColumn<QStringList>("firstRow");
        QTest::newRow("comma") << QByteArray("a,b,c\n1,2,3\n") << QChar(u',') << list({u"1", u"2", u"3"});
        QTest::newRow("semicolon") << QByteArray("a;b;c\n1;2,5;3\n") << QChar(u';')
                                   << list({u"1", u"2,5", u"3"});
        QTest::newRow("tab") << QByteArray("a\tb\n1, 2\t3; 4\n") << QChar(u'\t') << list({u"1, 2", u"3; 4"});
        // Commas in unquoted company names make the comma count uneven; the semicolon is consistent.
        QTest::newRow("semicolon with commas")
            << QByteArray("name;company\nJane;Acme, Inc\nJo;Bolt, Nuts, and Co\n") << QChar(u';')
            << list({u"Jane", u"Acme, Inc"});
        // Delimiters inside quotes do not count.
        QTest::newRow("quoted semicolons")
            << QByteArray("a,b\n\"x;y;z\",2\n\"p;q\",3\n") << QChar(u',') << list({u"x;y;z", u"2"});
        QTest::newRow("single column")
            << QByteArray("email\njane@acme.com\n") << QChar(u',') << list({u"jane@acme.com"});
        QTest::newRow("header only, no line end") << QByteArray("a;b;c") << QChar(u';') << QStringList();
    }

    void delimiters()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QChar, delimiter);
        QFETCH(QStringList, firstRow);
        const Read read = readAll(bytes);
        QCOMPARE(read.openError, QString());
        QCOMPARE(read.delimiter, delimiter);
        QCOMPARE(read.rows.value(0), firstRow);
    }

    void delimiterGiven()
    {
        const Read read = readAll("a|b\n1|2\n", {.delimiter = QChar(u'|')});
        QCOMPARE(read.rows, QList<QStringList>{list({u"1", u"2"})});
    }

    void quoting()
    {
        const Read read = readAll("name,note,tail\n"
                                  "\"Doe, Jane\",\"She said \"\"hi\"\"\",x\n"
                                  "\"multi\nline\r\nnote\",\"\",\"\"\"\"\n"
                                  "plain \"inner\" quotes,\"closed\"then text,end\n");
        QCOMPARE(read.error, QString());
        QCOMPARE(read.rows.size(), 3);
        QCOMPARE(read.rows[0], list({u"Doe, Jane", u"She said \"hi\"", u"x"}));
        QCOMPARE(read.rows[1], list({u"multi\nline\r\nnote", u"", u"\""}));
        QCOMPARE(read.rows[2], list({u"plain \"inner\" quotes", u"closedthen text", u"end"}));
        // Row numbers count records; lines count physical lines, the two line breaks in row 3 included.
        QCOMPARE(read.numbers, (QList<qint64>{2, 3, 4}));
        QCOMPARE(read.lines, (QList<qint64>{2, 3, 6}));
    }

    void lineEnds_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("LF") << QByteArray("a,b\n1,2\n3,4\n");
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n3,4\r\n");
        QTest::newRow("CR") << QByteArray("a,b\r1,2\r3,4\r");
        QTest::newRow("mixed") << QByteArray("a,b\r\n1,2\r3,4\n");
        QTest::newRow("no final line end") << QByteArray("a,b\n1,2\n3,4");
    }

    void lineEnds()
    {
        QFETCH(QByteArray, bytes);
        const Read read = readAll(bytes);
        QCOMPARE(read.rows, (QList<QStringList>{list({u"1", u"2"}), list({u"3", u"4"})}));
        QCOMPARE(read.lines, (QList<qint64>{2, 3}));
    }

    void emptyLastField()
    {
        const Read read = readAll("a,b\n1,\n2,");
        QCOMPARE(read.rows, (QList<QStringList>{list({u"1", u""}), list({u"2", u""})}));
    }

    void blankLinesSkippedButCounted()
    {
        // A spreadsheet shows blank lines as rows: the numbers stay the ones it shows.
        const Read read = readAll("\n\na,b\n1,2\n\r\n\n3,4\n\n");
        QCOMPARE(read.header, list({u"a", u"b"}));
        QCOMPARE(read.headerLine, 3);
        QCOMPARE(read.numbers, (QList<qint64>{4, 7}));
        QCOMPARE(read.lines, (QList<qint64>{4, 7}));
    }

    void wrongFieldCountIsTheCallersToJudge()
    {
        const Read read = readAll("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n");
        QCOMPARE(read.error, QString());
        QCOMPARE(read.rows.size(), 4);
        QCOMPARE(read.rows[1].size(), 2);
        QCOMPARE(read.rows[2].size(), 4);
        QCOMPARE(read.rows[3], list({u"10", u"11", u"12"}));
    }

    void unclosedQuote()
    {
        const Read read = readAll("a,b\n1,2\n\"x\ny\",3\n4,\"never closed\n5,6\n7,8\n");
        QCOMPARE(read.rows.size(), 2);
        QCOMPARE(read.error, QStringLiteral("Row 4 (line 5): a quoted field is never closed."));
    }

    void unclosedQuoteInTheHeader()
    {
        const Read read = readAll("\"a,b\n1,2\n");
        QCOMPARE(read.openError, QStringLiteral("Row 1 (line 1): a quoted field is never closed."));
    }

    void recordTooLong()
    {
        const QByteArray longField(300, 'x');
        const Read read = readAll("a,b\n1,2\n3," + longField + "\n5,6\n", {.maxRecordChars = 100});
        QCOMPARE(read.rows.size(), 1);
        QCOMPARE(read.error,
                 QStringLiteral(
                     "Row 3 (line 3): a record is longer than 100 characters; this is not a lead file."));
        // A stray quote that swallows the rest of a big file says so.
        const Read quoted = readAll("a,b\n1,\"2\n" + longField + "\n", {.maxRecordChars = 100});
        QCOMPARE(quoted.error,
                 QStringLiteral("Row 2 (line 2): a quoted field runs on for more than 100 characters; "
                                "a closing quote is probably missing."));
        const Read mebi = readAll("a\n" + QByteArray(1024 * 1024 + 10, 'y') + "\n");
        QCOMPARE(mebi.error,
                 QStringLiteral("Row 2 (line 2): a record is longer than 1 MiB; this is not a lead file."));
    }

    void notText()
    {
        const Read read = readAll(QByteArray("PK\x03\x04\x00\x00zipped", 12));
        QCOMPARE(read.openError, QStringLiteral("This is not a text file (it contains NUL bytes)."));
    }

    void empty_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("no bytes") << QByteArray();
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF");
        QTest::newRow("blank lines") << QByteArray("\r\n\n\n");
        QTest::newRow("blank fields") << QByteArray(" , ,\n\n");
    }

    void empty()
    {
        QFETCH(QByteArray, bytes);
        QCOMPARE(readAll(bytes).openError, QStringLiteral("The file is empty."));
    }

    void headerOnly()
    {
        const Read read = readAll("email,first_name,last_name\r\n");
        QCOMPARE(read.openError, QString());
        QCOMPARE(read.header, list({u"email", u"first_name", u"last_name"}));
        QVERIFY(read.rows.isEmpty());
        QCOMPARE(read.error, QString());
    }

    void chunkBoundariesAnywhere()
    {
        // Every chunk size gives the same records: CRLF, doubled quotes, multi-byte characters and quoted
        // line breaks split across reads.
        const QByteArray bytes = "\xEF\xBB\xBF"
                                 "name,note,city\r\n"
                                 "\"Doe, Jane\",\"a \"\"b\"\" c\",Zürich\r\n"
                                 "\"line\r\nbreak\",\"\",\"\"\"\"\r"
                                 "Zoë,\"x\ny\",€\n"
                                 "\n"
                                 "last,row,\"ends\"";
        const Read whole = readAll(bytes);
        QCOMPARE(whole.rows.size(), 4);
        for (qsizetype chunk = 1; chunk <= 19; ++chunk)
            QCOMPARE(readAll(bytes, {.chunkBytes = chunk}), whole);
        // A record cap falls the same way whatever the chunk size.
        for (qsizetype chunk = 1; chunk <= 19; ++chunk) {
            const Read capped = readAll(bytes, {.chunkBytes = chunk, .maxRecordChars = 20});
            QCOMPARE(capped, readAll(bytes, {.maxRecordChars = 20}));
            QVERIFY(!capped.error.isEmpty());
        }
    }

    void progress()
    {
        QByteArray bytes = "a,b\n";
        for (int i = 0; i < 1000; ++i)
            bytes += "row" + QByteArray::number(i) + ",value\n";
        QList<qint64> reported;
        const Read read = readAll(
            bytes, {.chunkBytes = 1000, .sniffBytes = 500, .progress = [&](qint64 done, qint64 total) {
                        QCOMPARE(total, bytes.size());
                        reported.append(done);
                    }});
        QCOMPARE(read.rows.size(), 1000);
        QVERIFY(reported.size() > 5);
        QVERIFY(std::is_sorted(reported.cbegin(), reported.cend()));
        QCOMPARE(reported.last(), bytes.size());
    }

    void streamsFiftyMegabytes()
    {
        // About 500,000 rows, 50 MB, made as they are read: the reader's buffer stays at one chunk plus a
        // record, and the process's peak memory does not grow with the file.
        constexpr qint64 rows = 450'000;
        GeneratedLeads device(rows);
        QVERIFY(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        const bool peakResets = resetPeakRss();
        const qint64 before = peakRssKb();
        auto reader = CsvReader::open(device);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error()));
        CsvRecord record;
        qint64 count = 0;
        while (reader.value().next(record)) {
            ++count;
            if (count == rows)
                QCOMPARE(record.field(3), QStringLiteral("Acme\nPty Ltd"));
        }
        QCOMPARE(reader->error(), QString());
        QCOMPARE(count, rows);
        QVERIFY(device.produced() > 45'000'000);
        QCOMPARE(reader->bytesRead(), device.produced());
        QVERIFY2(reader->peakBufferChars() <= 2 * 64 * 1024,
                 qPrintable(QString::number(reader->peakBufferChars())));
        if (!peakResets || before < 0)
            QSKIP("the kernel does not report a resettable peak RSS");
        const qint64 grownKb = peakRssKb() - before;
        qInfo("%lld bytes read; the reader held at most %lld characters; peak RSS grew %lld kB",
              static_cast<long long>(device.produced()), static_cast<long long>(reader->peakBufferChars()),
              static_cast<long long>(grownKb));
        QVERIFY2(grownKb < 20 * 1024, qPrintable(QStringLiteral("peak RSS grew %1 kB").arg(grownKb)));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
