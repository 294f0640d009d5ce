#include "leadfile.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSet>
#include <QUrl>

#if defined(Q_OS_LINUX)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::LeadFile", text);
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

// A cell quoted in a message: long ones are cut short.
QString shown(QStringView text)
{
    constexpr qsizetype kLongest = 60;
    return text.size() <= kLongest ? text.toString() : text.first(kLongest - 1).toString() + u'…';
}

// Appends `value` in lower case. The key strings are reused from row to row (resize keeps their capacity),
// and ASCII is lowered in place: a row costs no allocation.
void appendLower(QString& target, QStringView value)
{
    const qsizetype start = target.size();
    target.resize(start + value.size());
    QChar* out = target.data() + start;
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u >= 0x80) {
            // Rare: full case mapping (it may change the length), as QString::toLower() and cacheKey() do.
            target.resize(start);
            target.append(value.toString().toLower());
            return;
        }
        *out++ = QChar(u >= u'A' && u <= u'Z' ? char16_t(u + (u'a' - u'A')) : u);
    }
}

// Sets `key` to the prefix and the parts in lower case, joined by '|': "person:name:jane|doe|acme.com".
// One resize and loops, since this runs for every row (the prefix's length is known when compiling, so
// copying it is a few moves rather than a call to memcpy).
template<size_t N>
void setKey(QString& key, const char16_t (&prefix)[N], std::initializer_list<QStringView> parts)
{
    constexpr qsizetype prefixLength = N - 1;
    qsizetype length = prefixLength + qsizetype(parts.size()) - 1;
    for (const QStringView part : parts)
        length += part.size();
    key.resize(length);
    char16_t* out = reinterpret_cast<char16_t*>(key.data());
    std::copy_n(prefix, prefixLength, out);
    out += prefixLength;
    bool first = true;
    for (const QStringView part : parts) {
        if (!first)
            *out++ = u'|';
        first = false;
        for (const QChar c : part) {
            const char16_t u = c.unicode();
            if (u >= 0x80) { // rare: full case mapping, which may change the length
                key = QString::fromUtf16(prefix);
                first = true;
                for (const QStringView p : parts) {
                    if (!first)
                        key.append(u'|');
                    first = false;
                    key.append(p.toString().toLower());
                }
                return;
            }
            *out++ = u >= u'A' && u <= u'Z' ? char16_t(u + (u'a' - u'A')) : u;
        }
    }
}

char16_t lowerAscii(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char16_t(c + (u'a' - u'A')) : c;
}

bool isAsciiAlnum(char16_t c)
{
    c = lowerAscii(c);
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

// A registrable-looking host name (in any case): labels of letters, digits and hyphens (not at either end),
// at least one dot, a last label that starts with a letter. The same shape as enrichmenttypes.cpp accepts.
bool domainShape(QStringView host)
{
    // One pass: each character either ends a label ('.') or must be a letter, digit or hyphen.
    if (host.isEmpty() || host.size() > 253)
        return false;
    qsizetype labelStart = 0;
    bool dotted = false;
    for (qsizetype i = 0; i <= host.size(); ++i) {
        const char16_t c = i < host.size() ? lowerAscii(host[i].unicode()) : u'.';
        if (c != u'.') {
            if (!isAsciiAlnum(c) && c != u'-')
                return false;
            continue;
        }
        const qsizetype length = i - labelStart;
        if (length == 0 || length > 63)
            return false;
        if (i == host.size()) { // the last label: it starts with a letter
            const char16_t first = lowerAscii(host[labelStart].unicode());
            return dotted && first >= u'a' && first <= u'z';
        }
        if (host[labelStart] == u'-' || host[i - 1] == u'-')
            return false;
        dotted = true;
        labelStart = i + 1;
    }
    return false;
}

// Trims spaces only when there are some: most cells have none, and QStringView::trimmed() is a call.
QStringView trimmedCell(QStringView cell)
{
    if (cell.isEmpty() || (!cell.front().isSpace() && !cell.back().isSpace()))
        return cell;
    return cell.trimmed();
}

// File-local stand-ins for the lead's normalisedDomain() / looksLikeEmail() (enrichmenttypes.h), written
// on views so that a million rows cost no URL parsing or regular expressions: the same rules, faster.

/// The host in a domain, URL or email address: after the last '@' and a leading "scheme://", up to the
/// first '/', '?', '#' or ':'.
QStringView hostPart(QStringView value)
{
    for (qsizetype i = value.size() - 1; i >= 0; --i) {
        if (value[i] == u'@') {
            value = value.sliced(i + 1);
            break;
        }
    }
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value[i].unicode();
        if (c == u':') {
            if (i + 2 < value.size() && value[i + 1] == u'/' && value[i + 2] == u'/')
                value = value.sliced(i + 3);
            break;
        }
        if (c == u'/' || c == u'?' || c == u'#')
            break;
    }
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value[i].unicode();
        if (c == u'/' || c == u'?' || c == u'#' || c == u':')
            return value.first(i);
    }
    return value;
}

/// Writes "acme.com" for "https://www.Acme.com/about" (or "jane@acme.com") to `out`; false, and `out`
/// untouched, when it is not a domain.
bool registrableDomainInto(QStringView text, QString& out)
{
    QStringView host = hostPart(trimmedCell(text));
    if (host.startsWith(u"www.", Qt::CaseInsensitive))
        host = host.sliced(4);
    if (host.endsWith(u'.'))
        host.chop(1);
    if (!domainShape(host))
        return false;
    out.resize(0);
    appendLower(out, host);
    return true;
}

/// One @, something before it, a domain after it, no spaces, at most 254 characters.
bool plausibleEmail(QStringView text)
{
    const QStringView value = trimmedCell(text);
    if (value.size() > 254)
        return false;
    qsizetype at = -1;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == u'@') {
            if (at >= 0)
                return false; // a second @
            at = i;
        } else if (c.isSpace()) {
            return false;
        }
    }
    return at > 0 && at <= 64 && domainShape(value.sliced(at + 1));
}

/// Appends "/in/jane-doe" for a LinkedIn profile URL ("linkedin.com/in/Jane-Doe/?trk=x" too) to `out`;
/// false, and `out` as it was, otherwise.
bool appendLinkedInPath(QStringView text, QString& out)
{
    QStringView value = text.trimmed();
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value[i].unicode();
        if (c == u':') {
            if (value.sliced(i).startsWith(u"://"))
                value = value.sliced(i + 3);
            break;
        }
        if (c == u'/' || c == u'?' || c == u'#')
            break;
    }
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] == u'?' || value[i] == u'#') {
            value = value.first(i);
            break;
        }
    }
    const qsizetype slash = value.indexOf(u'/');
    if (slash < 0)
        return false;
    QStringView host = value.first(slash);
    if (const qsizetype at = host.lastIndexOf(u'@'); at >= 0)
        host = host.sliced(at + 1);
    if (const qsizetype colon = host.indexOf(u':'); colon >= 0)
        host = host.first(colon);
    if (host.compare(u"linkedin.com", Qt::CaseInsensitive) != 0 &&
        !host.endsWith(u".linkedin.com", Qt::CaseInsensitive))
        return false;
    const QStringView path = value.sliced(slash);
    const qsizetype start = out.size();
    if (path.contains(u'%'))
        appendLower(out, QUrl::fromPercentEncoding(path.toUtf8()));
    else
        appendLower(out, path);
    while (out.size() > start && out.endsWith(u'/'))
        out.chop(1);
    const QStringView written = QStringView(out).sliced(start);
    if (written.size() > 4 && written.startsWith(u"/in/"))
        return true;
    out.truncate(start);
    return false;
}

// MurmurHash64A (Austin Appleby, public domain) over the key's UTF-16 code units.
quint64 hash64(QStringView key)
{
    constexpr quint64 m = 0xc6a4a7935bd1e995ULL;
    constexpr int r = 47;
    const auto* data = reinterpret_cast<const unsigned char*>(key.utf16());
    const size_t length = size_t(key.size()) * sizeof(char16_t);
    quint64 h = 0x9E3779B97F4A7C15ULL ^ (length * m);
    const unsigned char* const blocksEnd = data + (length / 8) * 8;
    for (; data != blocksEnd; data += 8) {
        quint64 k;
        std::memcpy(&k, data, 8);
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    quint64 tail = 0;
    for (size_t i = 0; i < (length & 7); ++i)
        tail |= quint64(data[i]) << (8 * i);
    if (length & 7) {
        h ^= tail;
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

QString normalisedHeader(const QString& cell)
{
    QString key;
    for (const QChar c : cell) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}

const QString& roleKey(int index)
{
    static const QStringList keys = {QStringLiteral("email"),        QStringLiteral("first_name"),
                                     QStringLiteral("last_name"),    QStringLiteral("domain"),
                                     QStringLiteral("linkedin_url"), QStringLiteral("company")};
    return keys.at(index);
}

} // namespace

LookupRequest LeadEntry::request() const
{
    switch (kind) {
    case LookupKind::PersonByEmail:
        return LookupRequest::byEmail(email);
    case LookupKind::PersonByName:
        return LookupRequest::byName(firstName, lastName, domain);
    case LookupKind::PersonByLinkedIn:
        return LookupRequest::byLinkedIn(linkedinUrl);
    case LookupKind::CompanyByDomain:
        return LookupRequest::byDomain(domain);
    }
    return {};
}

qint64 LeadFile::SeenKeys::insert(quint64 hash, qint64 row)
{
    // Open addressing, linear probing, at most 70 % full: 16 bytes a slot, so 23–46 bytes per unique row
    // (1M rows: 32 MiB). Two different keys share a 64-bit hash with probability about n²/2⁶⁵ over n unique
    // keys — 3·10⁻⁸ for a million, 10⁻⁵ for twenty million — and the worst it does is call one row a
    // duplicate of another.
    if (hash == 0)
        hash = 1;
    if ((m_count + 1) * 10 > m_slots.size() * 7)
        grow();
    const size_t mask = m_slots.size() - 1;
    for (size_t i = size_t(hash) & mask;; i = (i + 1) & mask) {
        Slot& slot = m_slots[i];
        if (slot.hash == hash)
            return slot.row;
        if (slot.hash == 0) {
            slot.hash = hash;
            // A 2 GB file has fewer than 2³¹ rows; clamp all the same.
            slot.row = quint32(std::min<qint64>(row, std::numeric_limits<quint32>::max()));
            ++m_count;
            return 0;
        }
    }
}

void LeadFile::SeenKeys::prefetch(quint64 hash) const
{
#if defined(__GNUC__)
    if (!m_slots.empty())
        __builtin_prefetch(&m_slots[size_t(hash == 0 ? 1 : hash) & (m_slots.size() - 1)]);
#else
    Q_UNUSED(hash);
#endif
}

void LeadFile::SeenKeys::reserve(size_t rows)
{
    // Sizing the table once from an estimate saves rehashing it while it grows; never more than 32 MiB
    // on a guess.
    size_t slots = 4096;
    while (slots * 7 < rows * 10 && slots < (size_t(1) << 21))
        slots *= 2;
    if (slots > m_slots.size())
        rehash(slots);
}

void LeadFile::SeenKeys::grow()
{
    rehash(m_slots.empty() ? 4096 : m_slots.size() * 2);
}

void LeadFile::SeenKeys::rehash(size_t size)
{
    std::vector<Slot> slots;
    slots.reserve(size);
#if defined(Q_OS_LINUX) && defined(MADV_HUGEPAGE)
    // Look-ups land anywhere in tens of MiB: with 4 KiB pages nearly each one also misses the TLB. Ask for
    // huge pages for the 2 MiB-aligned part before the pages are first touched (a hint; ignored if off).
    constexpr quintptr kHuge = 2 * 1024 * 1024;
    const auto begin = reinterpret_cast<quintptr>(slots.data());
    const quintptr first = (begin + kHuge - 1) & ~(kHuge - 1);
    const quintptr last = (begin + size * sizeof(Slot)) & ~(kHuge - 1);
    if (last > first)
        madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
    slots.resize(size);
    const size_t mask = slots.size() - 1;
    for (const Slot& slot : m_slots) {
        if (slot.hash == 0)
            continue;
        size_t i = size_t(slot.hash) & mask;
        while (slots[i].hash != 0)
            i = (i + 1) & mask;
        slots[i] = slot;
    }
    m_slots = std::move(slots);
}

QStringList LeadFile::roles()
{
    QStringList list;
    for (int i = 0; i < 6; ++i)
        list.append(roleKey(i));
    return list;
}

LeadColumnMapping LeadFile::guessMapping(const QStringList& header)
{
    // Header names as people and exports write them, compared without case, spaces or punctuation.
    static const QList<QSet<QString>> names = {
        {QStringLiteral("email"), QStringLiteral("emailaddress"), QStringLiteral("mail"),
         QStringLiteral("workemail"), QStringLiteral("businessemail"), QStringLiteral("contactemail"),
         QStringLiteral("primaryemail"), QStringLiteral("personemail")},
        {QStringLiteral("firstname"), QStringLiteral("first"), QStringLiteral("givenname"),
         QStringLiteral("forename"), QStringLiteral("fname")},
        {QStringLiteral("lastname"), QStringLiteral("last"), QStringLiteral("surname"),
         QStringLiteral("familyname"), QStringLiteral("lname")},
        {QStringLiteral("companydomain"), QStringLiteral("domain"), QStringLiteral("website"),
         QStringLiteral("companywebsite"), QStringLiteral("websiteurl"), QStringLiteral("web"),
         QStringLiteral("companyurl"), QStringLiteral("organisationdomain"),
         QStringLiteral("organizationdomain")},
        {QStringLiteral("linkedin"), QStringLiteral("linkedinurl"), QStringLiteral("profileurl"),
         QStringLiteral("linkedinprofile"), QStringLiteral("linkedinprofileurl"),
         QStringLiteral("personlinkedinurl")},
        {QStringLiteral("company"), QStringLiteral("organisation"), QStringLiteral("organization"),
         QStringLiteral("companyname"), QStringLiteral("organisationname"),
         QStringLiteral("organizationname"), QStringLiteral("employer"), QStringLiteral("accountname")},
    };
    QStringList normalised;
    for (const QString& cell : header)
        normalised.append(normalisedHeader(cell));
    LeadColumnMapping mapping;
    QSet<int> used;
    for (int role = 0; role < int(names.size()); ++role) {
        for (int column = 0; column < int(normalised.size()); ++column) {
            if (!used.contains(column) && names.at(role).contains(normalised.at(column))) {
                mapping.insert(roleKey(role), column);
                used.insert(column);
                break;
            }
        }
    }
    return mapping;
}

QString LeadFile::mappingProblem(const LeadColumnMapping& mapping, qsizetype columns)
{
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        if (!roles().contains(it.key()))
            return tr("“%1” is not a lead column.").arg(it.key());
        if (it.value() < 0 || it.value() >= columns)
            return tr("The %1 column is number %2; the file's last column is number %3.")
                .arg(it.key(), number(it.value() + 1), number(columns));
    }
    const auto has = [&](int role) {
        return mapping.contains(roleKey(role));
    };
    if (has(0) || (has(1) && has(2) && has(3)) || has(4) || has(3))
        return {};
    return tr("No column holds an email address, a first and last name with a company domain, a LinkedIn URL "
              "or a company domain; choose the columns that do.");
}

LeadFile::LeadFile(CsvReader csv)
    : m_csv(std::move(csv))
{}

Result<LeadFile, QString> LeadFile::open(QIODevice& device, LeadFileOptions options)
{
    auto csv = CsvReader::open(device, std::move(options.csv));
    if (!csv)
        return failure(csv.error());
    LeadFile file(std::move(csv).value());
    LeadIntakeReport& report = file.m_report;
    report.encoding = file.m_csv.encodingName();
    report.delimiter = file.m_csv.delimiter();
    report.header = file.m_csv.header();
    report.mapping = options.mapping.isEmpty() ? guessMapping(report.header) : options.mapping;
    if (const QString problem = mappingProblem(report.mapping, report.header.size()); !problem.isEmpty())
        return failure(problem);
    const auto column = [&](int role) {
        return report.mapping.value(roleKey(role), -1);
    };
    file.m_email = column(0);
    file.m_first = column(1);
    file.m_last = column(2);
    file.m_domain = column(3);
    file.m_linkedin = column(4);
    file.m_company = column(5);
    file.m_maxListed = std::max<qsizetype>(options.maxListed, 0);
    report.bytes = file.m_csv.bytesRead();
    return file;
}

Result<LeadIntakeReport, QString> LeadFile::scan(QIODevice& device, LeadFileOptions options,
                                                 const std::function<void(const LeadEntry&)>& each)
{
    auto opened = open(device, std::move(options));
    if (!opened)
        return failure(opened.error());
    LeadFile& file = opened.value();
    LeadEntry entry;
    while (file.next(entry)) {
        if (each)
            each(entry);
    }
    return file.report();
}

const LeadIntakeReport& LeadFile::report() const
{
    m_report.lookups.clear();
    for (size_t kind = 0; kind < m_lookupCounts.size(); ++kind) {
        if (m_lookupCounts[kind] > 0)
            m_report.lookups.insert(LookupKind(kind), m_lookupCounts[kind]);
    }
    return m_report;
}

bool LeadFile::next(LeadEntry& entry)
{
    if (m_finished)
        return false;
    if (!m_csv.next(m_record)) {
        m_finished = true;
        m_report.error = m_csv.error();
        m_report.bytes = m_csv.bytesRead();
        m_report.invalidBytes = m_csv.hadInvalidBytes();
        return false;
    }
    ++m_report.rows;
    if (m_report.rows == 2048 && m_csv.totalBytes() > 0 && m_csv.bytesRead() > 0)
        m_seen.reserve(size_t(double(m_csv.totalBytes()) / double(m_csv.bytesRead()) * 2048));
    entry.row = m_record.number();
    entry.line = m_record.line();
    entry.firstRow = 0;
    entry.problem.resize(0);
    entry.key.resize(0);
    classify(entry);
    switch (entry.status) {
    case LeadEntry::Status::Unique:
        ++m_report.uniqueRows;
        ++m_lookupCounts[size_t(entry.kind)];
        break;
    case LeadEntry::Status::Duplicate:
        ++m_report.duplicateRows;
        if (m_report.duplicates.size() < m_maxListed)
            m_report.duplicates.append({entry.row, entry.firstRow});
        break;
    case LeadEntry::Status::Invalid:
        ++m_report.invalidRows;
        if (m_report.invalid.size() < m_maxListed)
            m_report.invalid.append({entry.row, entry.line, entry.problem});
        break;
    case LeadEntry::Status::Blank:
        ++m_report.blankRows;
        break;
    }
    m_report.bytes = m_csv.bytesRead();
    return true;
}

void LeadFile::setInvalid(LeadEntry& entry, const QString& message)
{
    entry.status = LeadEntry::Status::Invalid;
    entry.problem = message;
}

void LeadFile::classify(LeadEntry& entry)
{
    const CsvRecord& record = m_record;
    const auto cell = [&record](int column) {
        return column < 0 ? QStringView() : trimmedCell(record.field(column));
    };
    const QStringView email = cell(m_email);
    const QStringView first = cell(m_first);
    const QStringView last = cell(m_last);
    const QStringView domainText = cell(m_domain);
    const QStringView linkedin = cell(m_linkedin);
    entry.email = email;
    entry.firstName = first;
    entry.lastName = last;
    entry.website = domainText;
    entry.linkedinUrl = linkedin;
    entry.company = cell(m_company);
    entry.domain.resize(0);
    entry.record = &record;

    bool blank = email.isEmpty() && first.isEmpty() && last.isEmpty() && domainText.isEmpty() &&
                 linkedin.isEmpty() && entry.company.isEmpty();
    for (qsizetype i = 0; i < record.size() && blank; ++i)
        blank = trimmedCell(record.field(i)).isEmpty();
    if (blank) {
        entry.status = LeadEntry::Status::Blank;
        return;
    }
    if (record.size() != m_report.header.size()) {
        setInvalid(entry, tr("Row %1: %2 fields where the header has %3.")
                              .arg(m_locale.toString(entry.row), m_locale.toString(record.size()),
                                   m_locale.toString(m_report.header.size())));
        return;
    }

    // The first lookup the row can give wins; when none can, the first identifier that was there but
    // malformed is named.
    const auto number = [this](qint64 value) {
        return m_locale.toString(value);
    };
    QString problem;
    // The website's domain is worked out when a lookup needs it, else after the key's slot is fetched.
    std::optional<bool> domainChecked;
    const auto domainOk = [&] {
        if (!domainChecked)
            domainChecked = !domainText.isEmpty() && registrableDomainInto(domainText, entry.domain);
        return *domainChecked;
    };
    const auto badDomain = [&] {
        return tr("Row %1: “%2” is not a company domain.").arg(number(entry.row), shown(domainText));
    };
    QString& key = entry.key;
    if (!email.isEmpty()) {
        if (plausibleEmail(email)) {
            entry.kind = LookupKind::PersonByEmail;
            setKey(key, u"person:email:", {email});
        } else {
            problem = tr("Row %1: “%2” is not an email address.").arg(number(entry.row), shown(email));
        }
    }
    if (key.isEmpty() && !first.isEmpty() && !last.isEmpty() && !domainText.isEmpty()) {
        if (domainOk()) {
            entry.kind = LookupKind::PersonByName;
            setKey(key, u"person:name:", {first, last, entry.domain});
        } else if (problem.isEmpty()) {
            problem = badDomain();
        }
    }
    if (key.isEmpty() && !linkedin.isEmpty()) {
        key.append(u"person:linkedin:");
        if (appendLinkedInPath(linkedin, key)) {
            entry.kind = LookupKind::PersonByLinkedIn;
        } else {
            key.resize(0);
            if (problem.isEmpty())
                problem =
                    tr("Row %1: “%2” is not a LinkedIn profile URL.").arg(number(entry.row), shown(linkedin));
        }
    }
    if (key.isEmpty() && !domainText.isEmpty()) {
        if (domainOk()) {
            entry.kind = LookupKind::CompanyByDomain;
            setKey(key, u"company:", {entry.domain});
        } else if (problem.isEmpty()) {
            problem = badDomain();
        }
    }
    if (key.isEmpty()) {
        domainOk();
        setInvalid(entry, problem.isEmpty()
                              ? tr("Row %1: no email, name + domain, or LinkedIn URL.").arg(number(entry.row))
                              : problem);
        return;
    }
    // The key's slot is most likely not in the cache: ask for it, and work out the domain meanwhile.
    const quint64 hash = hash64(key);
    m_seen.prefetch(hash);
    domainOk();
    entry.firstRow = m_seen.insert(hash, entry.row);
    entry.status = entry.firstRow == 0 ? LeadEntry::Status::Unique : LeadEntry::Status::Duplicate;
}

} // namespace agency
