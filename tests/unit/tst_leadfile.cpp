// LeadFile: column mapping guessed from headers (and overridden), the lookup each row implies, invalid rows
// named with the reason, duplicates within the file with the row they repeat, the report's counts and
// limits, progress, and a read that stops part-way.

#include "engine/leadfile.h"

#include <QBuffer>
#include <QLocale>
#include <QTest>

using namespace agency;

namespace {

// A LeadEntry's views last until the next row: the tests keep copies.
struct Entry
{
    LeadEntry::Status status = LeadEntry::Status::Blank;
    qint64 row = 0;
    qint64 line = 0;
    LookupKind kind = LookupKind::PersonByEmail;
    QString email, firstName, lastName, website, linkedinUrl, company, domain, key, problem;
    qint64 firstRow = 0;
    QStringList fields;

    explicit Entry(const LeadEntry& e)
        : status(e.status)
        , row(e.row)
        , line(e.line)
        , kind(e.kind)
        , email(e.email.toString())
        , firstName(e.firstName.toString())
        , lastName(e.lastName.toString())
        , website(e.website.toString())
        , linkedinUrl(e.linkedinUrl.toString())
        , company(e.company.toString())
        , domain(e.domain)
        , key(e.key)
        , problem(e.problem)
        , firstRow(e.firstRow)
        , fields(e.record ? e.record->fields() : QStringList())
    {}
};

struct Scan
{
    QString openError;
    LeadIntakeReport report;
    QList<Entry> entries;
};

Scan scan(const QByteArray& bytes, LeadFileOptions options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    Scan result;
    auto report = LeadFile::scan(buffer, std::move(options),
                                 [&](const LeadEntry& entry) { result.entries.append(Entry(entry)); });
    if (!report)
        result.openError = report.error();
    else
        result.report = report.value();
    return result;
}

LeadColumnMapping mapping(std::initializer_list<std::pair<const char16_t*, int>> items)
{
    LeadColumnMapping out;
    for (const auto& [role, column] : items)
        out.insert(QString::fromUtf16(role), column);
    return out;
}

const QByteArray kHeader = "Email,First Name,Last Name,Company,Website,LinkedIn URL\n";

} // namespace

class TestLeadFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Row numbers in messages are grouped as the user's locale groups them: "Row 1,234".
        QLocale::setDefault(QLocale(QLocale::English, QLocale::Australia));
    }

    void guessMapping_data()
    {
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<LeadColumnMapping>("expected");
        QTest::newRow("plain") << QStringList{QStringLiteral("email"),     QStringLiteral("first_name"),
                                              QStringLiteral("last_name"), QStringLiteral("domain"),
                                              QStringLiteral("linkedin"),  QStringLiteral("company")}
                               << mapping({{u"email", 0},
                                           {u"first_name", 1},
                                           {u"last_name", 2},
                                           {u"domain", 3},
                                           {u"linkedin_url", 4},
                                           {u"company", 5}});
        QTest::newRow("spreadsheet") << QStringList{QStringLiteral("Email Address"),
                                                    QStringLiteral("Given name"),
                                                    QStringLiteral("Surname"),
                                                    QStringLiteral("Organisation"),
                                                    QStringLiteral("Company Domain"),
                                                    QStringLiteral("Profile URL")}
                                     << mapping({{u"email", 0},
                                                 {u"first_name", 1},
                                                 {u"last_name", 2},
                                                 {u"company", 3},
                                                 {u"domain", 4},
                                                 {u"linkedin_url", 5}});
        QTest::newRow("export") << QStringList{QStringLiteral(" E-mail "),     QStringLiteral("FirstName"),
                                               QStringLiteral("LAST NAME"),    QStringLiteral("Website"),
                                               QStringLiteral("LinkedIn URL"), QStringLiteral("Notes")}
                                << mapping({{u"email", 0},
                                            {u"first_name", 1},
                                            {u"last_name", 2},
                                            {u"domain", 3},
                                            {u"linkedin_url", 4}});
        QTest::newRow("first of two")
            << QStringList{QStringLiteral("Phone"), QStringLiteral("Email"), QStringLiteral("Work Email")}
            << mapping({{u"email", 1}});
        QTest::newRow("nothing") << QStringList{QStringLiteral("Phone"), QStringLiteral("Notes")}
                                 << LeadColumnMapping();
    }

    void guessMapping()
    {
        QFETCH(QStringList, header);
        QFETCH(LeadColumnMapping, expected);
        QCOMPARE(LeadFile::guessMapping(header), expected);
    }

    void mappingGivenByTheCaller()
    {
        // Column 1 holds the emails although its header says otherwise.
        const Scan result = scan("id,contact\n1,jane@acme.com\n", {.mapping = mapping({{u"email", 1}})});
        QCOMPARE(result.openError, QString());
        QCOMPARE(result.report.mapping, mapping({{u"email", 1}}));
        QCOMPARE(result.entries.size(), 1);
        QCOMPARE(result.entries[0].email, QStringLiteral("jane@acme.com"));
    }

    void unusableMapping()
    {
        QVERIFY(scan("phone,notes\n1,2\n")
                    .openError.startsWith(QStringLiteral("No column holds an email address")));
        QCOMPARE(scan("email\nx@y.z\n", {.mapping = mapping({{u"email", 3}})}).openError,
                 QStringLiteral("The email column is number 4; the file's last column is number 1."));
        QCOMPARE(LeadFile::mappingProblem(mapping({{u"first_name", 0}, {u"last_name", 1}}), 2).isEmpty(),
                 false);
        QCOMPARE(
            LeadFile::mappingProblem(mapping({{u"first_name", 0}, {u"last_name", 1}, {u"domain", 2}}), 3),
            QString());
    }

    void lookups()
    {
        const Scan result = scan(kHeader + " Jane@Acme.com ,Jane,Doe,Acme,acme.com,\n"
                                           ",John,Smith,Bolt,https://www.Bolt.io/about,\n"
                                           ",,,,,https://au.linkedin.com/in/Mary-Major/?trk=x\n"
                                           ",,,Nuts,http://nuts.com.au,\n");
        QCOMPARE(result.report.rows, 4);
        QCOMPARE(result.report.uniqueRows, 4);
        QCOMPARE(result.entries.size(), 4);
        const auto& e = result.entries;
        QCOMPARE(e[0].kind, LookupKind::PersonByEmail);
        QCOMPARE(e[0].email, QStringLiteral("Jane@Acme.com"));
        QCOMPARE(e[0].key, QStringLiteral("person:email:jane@acme.com"));
        QCOMPARE(e[0].row, 2);
        QCOMPARE(e[1].kind, LookupKind::PersonByName);
        QCOMPARE(e[1].domain, QStringLiteral("bolt.io"));
        QCOMPARE(e[1].key, QStringLiteral("person:name:john|smith|bolt.io"));
        QCOMPARE(e[2].kind, LookupKind::PersonByLinkedIn);
        QCOMPARE(e[2].key, QStringLiteral("person:linkedin:/in/mary-major"));
        QCOMPARE(e[3].kind, LookupKind::CompanyByDomain);
        QCOMPARE(e[3].key, QStringLiteral("company:nuts.com.au"));
        QCOMPARE(e[3].company, QStringLiteral("Nuts"));
        QCOMPARE(e[3].website, QStringLiteral("http://nuts.com.au"));
        QCOMPARE(e[3].fields, (QStringList{QString(), QString(), QString(), QStringLiteral("Nuts"),
                                           QStringLiteral("http://nuts.com.au"), QString()}));
        QCOMPARE(result.report.lookups.value(LookupKind::PersonByEmail), 1);
        QCOMPARE(result.report.lookups.value(LookupKind::CompanyByDomain), 1);
        QCOMPARE(result.report.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(result.report.delimiter, QChar(u','));
    }

    void invalidRowsNamed()
    {
        const Scan result = scan(kHeader + "jane@,,,,,\n"                       // row 2
                                           ",Jane,,,,\n"                        // row 3
                                           ",John,Smith,,not a domain,\n"       // row 4
                                           ",,,,,https://example.com/in/jane\n" // row 5
                                           "jane@acme,,,,,\n"                   // row 6
                                           "a b@acme.com,,,,,\n"                // row 7
                                           "two@at@acme.com,,,,,\n"             // row 8
                                           "x,y\n"                              // row 9
                                           ",,,Acme,,\n"                        // row 10
                                           "ok@acme.com,,,,,\n");               // row 11
        QCOMPARE(result.report.invalidRows, 9);
        QCOMPARE(result.report.uniqueRows, 1);
        QStringList messages;
        for (const LeadIssue& issue : result.report.invalid)
            messages.append(issue.message);
        QCOMPARE(messages,
                 (QStringList{
                     QStringLiteral("Row 2: “jane@” is not an email address."),
                     QStringLiteral("Row 3: no email, name + domain, or LinkedIn URL."),
                     QStringLiteral("Row 4: “not a domain” is not a company domain."),
                     QStringLiteral("Row 5: “https://example.com/in/jane” is not a LinkedIn profile URL."),
                     QStringLiteral("Row 6: “jane@acme” is not an email address."),
                     QStringLiteral("Row 7: “a b@acme.com” is not an email address."),
                     QStringLiteral("Row 8: “two@at@acme.com” is not an email address."),
                     QStringLiteral("Row 9: 2 fields where the header has 6."),
                     QStringLiteral("Row 10: no email, name + domain, or LinkedIn URL."),
                 }));
        QCOMPARE(result.entries[1].status, LeadEntry::Status::Invalid);
        QCOMPARE(result.entries[1].problem, messages[1]);
    }

    void malformedEmailFallsBackToAnotherLookup()
    {
        const Scan result = scan(kHeader + "jane@,Jane,Doe,Acme,acme.com,\n");
        QCOMPARE(result.entries[0].status, LeadEntry::Status::Unique);
        QCOMPARE(result.entries[0].kind, LookupKind::PersonByName);
    }

    void emails_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("jane@acme.com") << true;
        QTest::newRow("plus and dots") << QStringLiteral("jane.doe+leads@mail.acme.com.au") << true;
        QTest::newRow("upper case") << QStringLiteral("JANE@ACME.COM") << true;
        QTest::newRow("no at") << QStringLiteral("jane.acme.com") << false;
        QTest::newRow("no local part") << QStringLiteral("@acme.com") << false;
        QTest::newRow("undotted domain") << QStringLiteral("jane@localhost") << false;
        QTest::newRow("trailing dot label") << QStringLiteral("jane@acme..com") << false;
        QTest::newRow("hyphen label") << QStringLiteral("jane@-acme.com") << false;
        QTest::newRow("numeric tld") << QStringLiteral("jane@acme.123") << false;
        QTest::newRow("tab inside") << QStringLiteral("ja\tne@acme.com") << false;
        QTest::newRow("too long") << (QString(250, u'a') + QStringLiteral("@b.com")) << false;
        QTest::newRow("local too long") << (QString(65, u'a') + QStringLiteral("@b.com")) << false;
    }

    void emails()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        const Scan result = scan("email\n\"" + email.toUtf8() + "\"\n");
        QCOMPARE(result.entries.size(), 1);
        QCOMPARE(result.entries[0].status == LeadEntry::Status::Unique, valid);
    }

    void domains_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("domain");
        QTest::newRow("bare") << QStringLiteral("acme.com") << QStringLiteral("acme.com");
        QTest::newRow("url") << QStringLiteral("https://www.Acme.com/about") << QStringLiteral("acme.com");
        QTest::newRow("port and query")
            << QStringLiteral("http://acme.com.au:8080?x=1") << QStringLiteral("acme.com.au");
        QTest::newRow("trailing dot") << QStringLiteral("WWW.ACME.IO.") << QStringLiteral("acme.io");
        QTest::newRow("email") << QStringLiteral("info@acme.co.uk") << QStringLiteral("acme.co.uk");
        QTest::newRow("no dot") << QStringLiteral("acme") << QString();
        QTest::newRow("space") << QStringLiteral("acme .com") << QString();
        QTest::newRow("underscore") << QStringLiteral("ac_me.com") << QString();
    }

    void domains()
    {
        QFETCH(QString, text);
        QFETCH(QString, domain);
        const Scan result = scan("domain\n\"" + text.toUtf8() + "\"\n");
        QCOMPARE(result.entries.size(), 1);
        QCOMPARE(result.entries[0].website, text); // as written
        if (domain.isEmpty()) {
            QCOMPARE(result.entries[0].status, LeadEntry::Status::Invalid);
            QCOMPARE(result.entries[0].domain, QString());
        } else {
            QCOMPARE(result.entries[0].status, LeadEntry::Status::Unique);
            QCOMPARE(result.entries[0].domain, domain);
            QCOMPARE(result.entries[0].key, QStringLiteral("company:") + domain);
        }
    }

    void agreesWithLookupRequest_data()
    {
        // The intake checks cells with its own single-pass code (a million rows cannot afford QUrl and
        // regular expressions); it must accept what LookupRequest::problem() accepts and give the same
        // cacheKey().
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("cell");
        const QString email = QStringLiteral("email");
        const QString domain = QStringLiteral("domain");
        const QString linkedin = QStringLiteral("linkedin_url");
        for (const char16_t* cell :
             {u"jane@acme.com", u"Jane.Doe+x@Mail.Acme.com.au", u" jane@acme.com ", u"jane@", u"@acme.com",
              u"jane@acme", u"a@b@c.com", u"jane doe@acme.com", u"jane@acme..com", u"jane@-acme.com",
              u"jane@acme.123", u"jane@acme.com.", u"jane@ac_me.com", u"jane@müller.de"})
            QTest::addRow("email %s", qPrintable(QString::fromUtf16(cell)))
                << email << QString::fromUtf16(cell);
        for (const char16_t* cell :
             {u"acme.com", u"https://www.Acme.com/about", u"http://acme.com.au:8080?x=1", u"WWW.ACME.IO.",
              u"info@acme.co.uk", u"user:pass@acme.com/x", u"ftp://files.acme.com/x", u"acme.com/path#top",
              u"acme", u"acme .com", u"ac_me.com", u"https://acme.com/@jane", u"//acme.com", u"münchen.de",
              u"-acme.com"})
            QTest::addRow("domain %s", qPrintable(QString::fromUtf16(cell)))
                << domain << QString::fromUtf16(cell);
        for (const char16_t* cell : {u"https://www.linkedin.com/in/Jane-Doe/?trk=x", u"linkedin.com/in/Mary",
                                     u"https://au.linkedin.com/in/x/", u"http://linkedin.com/in/jane#about",
                                     u"https://www.linkedin.com/in/j%C3%A9r%C3%B4me",
                                     u"https://example.com/in/jane", u"https://www.linkedin.com/company/acme",
                                     u"https://www.linkedin.com/in/", u"https://notlinkedin.com/in/jane"})
            QTest::addRow("linkedin %s", qPrintable(QString::fromUtf16(cell)))
                << linkedin << QString::fromUtf16(cell);
    }

    void agreesWithLookupRequest()
    {
        QFETCH(QString, column);
        QFETCH(QString, cell);
        QString quoted = cell;
        quoted.replace(u'"', QStringLiteral("\"\""));
        const Scan result = scan(column.toUtf8() + "\n\"" + quoted.toUtf8() + "\"\n");
        QCOMPARE(result.openError, QString());
        QCOMPARE(result.entries.size(), 1);
        const LookupRequest request = column == u"email"    ? LookupRequest::byEmail(cell)
                                      : column == u"domain" ? LookupRequest::byDomain(cell)
                                                            : LookupRequest::byLinkedIn(cell);
        const bool valid = result.entries[0].status == LeadEntry::Status::Unique;
        QCOMPARE(valid, request.problem().isEmpty());
        if (valid)
            QCOMPARE(result.entries[0].key, request.cacheKey());
    }

    void requestAndCells()
    {
        // LeadEntry::request() gives the lookup with its cells copied; a cell turns into a QString (a copy).
        QBuffer buffer;
        buffer.setData(kHeader + ",Jane,Doe,Acme,https://www.acme.com/,\n");
        buffer.open(QIODevice::ReadOnly);
        auto file = LeadFile::open(buffer);
        QVERIFY(file.ok());
        LeadEntry entry;
        QVERIFY(file.value().next(entry));
        const LookupRequest request = entry.request();
        QCOMPARE(request.kind, LookupKind::PersonByName);
        QCOMPARE(request.cacheKey(), entry.key);
        const QString kept = entry.firstName;
        QCOMPARE(kept, QStringLiteral("Jane"));
        QCOMPARE(entry.record->fields().value(3), QStringLiteral("Acme"));
        QVERIFY(!file.value().next(entry));
        QCOMPARE(request.firstName, QStringLiteral("Jane")); // still there after the reader moved on
        QCOMPARE(request.domain, QStringLiteral("acme.com"));
    }

    void duplicates()
    {
        const Scan result = scan(kHeader + "jane@acme.com,,,,,\n"                      // 2
                                           "bob@acme.com,,,,,\n"                       // 3
                                           "  JANE@Acme.COM,,,,,\n"                    // 4 = 2
                                           ",John,Smith,,acme.com,\n"                  // 5
                                           ",john,SMITH,,https://www.acme.com/team,\n" // 6 = 5
                                           ",John,Smith,,bolt.com,\n"                  // 7
                                           ",,,,,https://www.linkedin.com/in/mary/\n"  // 8
                                           ",,,,,linkedin.com/in/Mary?utm_source=x\n"  // 9 = 8
                                           ",,,,acme.com,\n"                           // 10
                                           ",,,,http://acme.com,\n"                    // 11 = 10
                                           "jane@acme.com,,,,,\n");                    // 12 = 2
        QCOMPARE(result.report.duplicateRows, 5);
        QCOMPARE(result.report.uniqueRows, 6);
        QList<std::pair<qint64, qint64>> pairs;
        for (const LeadDuplicate& duplicate : result.report.duplicates)
            pairs.append({duplicate.row, duplicate.firstRow});
        QCOMPARE(pairs, (QList<std::pair<qint64, qint64>>{{4, 2}, {6, 5}, {9, 8}, {11, 10}, {12, 2}}));
        QCOMPARE(result.entries[2].status, LeadEntry::Status::Duplicate);
        QCOMPARE(result.entries[2].firstRow, 2);
    }

    void blankRowsAndMultilineRows()
    {
        // Row numbers follow records (as a spreadsheet shows them); a quoted line break does not shift them.
        const Scan result = scan("email,company\n"
                                 "jane@acme.com,\"Acme\nPty Ltd\"\n"
                                 ",\n"
                                 "\n"
                                 "bad,x\n");
        QCOMPARE(result.report.rows, 3);
        QCOMPARE(result.report.blankRows, 1);
        QCOMPARE(result.entries[0].company, QStringLiteral("Acme\nPty Ltd"));
        QCOMPARE(result.report.invalid.value(0).row, 5);
        QCOMPARE(result.report.invalid.value(0).line, 6);
        QCOMPARE(result.report.invalid.value(0).message,
                 QStringLiteral("Row 5: “bad” is not an email address."));
    }

    void countsExactListsCapped()
    {
        QByteArray bytes = "email\n";
        for (int i = 0; i < 50; ++i)
            bytes += "bad" + QByteArray::number(i) + "\njane@acme.com\n";
        const Scan result = scan(bytes, {.maxListed = 10});
        QCOMPARE(result.report.invalidRows, 50);
        QCOMPARE(result.report.duplicateRows, 49);
        QCOMPARE(result.report.invalid.size(), 10);
        QCOMPARE(result.report.duplicates.size(), 10);
        QCOMPARE(result.report.rows, result.report.blankRows + result.report.invalidRows +
                                         result.report.duplicateRows + result.report.uniqueRows);
    }

    void semicolonsAndWindows1252()
    {
        const Scan result = scan("E-mail;First name;Surname;Organisation\r\n"
                                 "j\xFCrgen@m\xFCller.de;J\xFCrgen;M\xFCller;M\xFCller GmbH\r\n"
                                 "anna@example.de;Anna;Schmidt;Caf\xE9 Anna\r\n");
        QCOMPARE(result.report.encoding, QStringLiteral("Windows-1252"));
        QCOMPARE(result.report.delimiter, QChar(u';'));
        QCOMPARE(result.report.mapping.value(QStringLiteral("company")), 3);
        // A non-ASCII domain is not one this check accepts (the providers want the ASCII form).
        QCOMPARE(result.report.invalid.value(0).message,
                 QStringLiteral("Row 2: “jürgen@müller.de” is not an email address."));
        QCOMPARE(result.entries[1].company, QStringLiteral("Café Anna"));
    }

    void progressAndStopPartWay()
    {
        QByteArray bytes = "email\n";
        for (int i = 0; i < 2000; ++i)
            bytes += "person" + QByteArray::number(i) + "@acme.com\n";
        bytes += "\"never closed\nx@y.com\n";
        qint64 last = 0;
        const Scan result =
            scan(bytes, {.csv = {.chunkBytes = 4096, .progress = [&](qint64 done, qint64 total) {
                                     QCOMPARE(total, bytes.size());
                                     QVERIFY(done >= last);
                                     last = done;
                                 }}});
        QCOMPARE(last, bytes.size());
        QCOMPARE(result.report.uniqueRows, 2000);
        QCOMPARE(result.report.error,
                 QStringLiteral("Row 2,002 (line 2,002): a quoted field is never closed."));
    }

    void invalidBytesReported()
    {
        QByteArray bytes = "email,company\n";
        for (int i = 0; i < 10; ++i)
            bytes += "p" + QByteArray::number(i) + "@acme.com,Acme\n";
        bytes += "zoe@acme.com,Caf\xE9\n"; // Windows-1252, past the first look
        const Scan result = scan(bytes, {.csv = {.sniffBytes = 64}});
        QCOMPARE(result.report.encoding, QStringLiteral("UTF-8"));
        QVERIFY(result.report.invalidBytes);
        QCOMPARE(result.entries.last().company, QStringLiteral("Caf\uFFFD"));
        QVERIFY(!scan("email\nx@y.com\n").report.invalidBytes);
    }

    void openErrors()
    {
        QCOMPARE(scan("").openError, QStringLiteral("The file is empty."));
        QCOMPARE(scan(QByteArray("email\n\0\0", 8)).openError,
                 QStringLiteral("This is not a text file (it contains NUL bytes)."));
        const Scan headerOnly = scan("email,first name\n");
        QCOMPARE(headerOnly.openError, QString());
        QCOMPARE(headerOnly.report.rows, 0);
        QCOMPARE(headerOnly.report.error, QString());
    }

    void manyRowsKeepOnlyHashes()
    {
        // 200,000 unique emails and 100,000 repeats: every repeat is found with its first row.
        QByteArray bytes = "email\n";
        for (int i = 0; i < 200'000; ++i)
            bytes += "p" + QByteArray::number(i) + "@acme.com\n";
        for (int i = 0; i < 100'000; ++i)
            bytes += "P" + QByteArray::number(i * 2) + "@ACME.com\n";
        qint64 wrong = 0;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        const auto report = LeadFile::scan(buffer, {}, [&](const LeadEntry& entry) {
            if (entry.row > 200'001 && (entry.status != LeadEntry::Status::Duplicate ||
                                        entry.firstRow != (entry.row - 200'002) * 2 + 2))
                ++wrong;
        });
        QVERIFY(report.ok());
        QCOMPARE(report->uniqueRows, 200'000);
        QCOMPARE(report->duplicateRows, 100'000);
        QCOMPARE(wrong, 0);
    }
};

QTEST_GUILESS_MAIN(TestLeadFile)
#include "tst_leadfile.moc"
