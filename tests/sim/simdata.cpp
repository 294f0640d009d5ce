#include "simdata.h"

#include <cmath>

namespace agency::sim {

namespace {

// FNV-1a over the UTF-16 code units, then SplitMix64 with the seed: stable across runs and platforms,
// unlike qHash, whose string hashing may change between Qt versions.
quint64 fnv1a(QStringView text)
{
    quint64 hash = 14695981039346656037ULL;
    for (const QChar c : text) {
        hash ^= c.unicode();
        hash *= 1099511628211ULL;
    }
    return hash;
}

quint64 splitMix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

QString salted(QStringView prefix, QStringView salt)
{
    QString key;
    key.reserve(prefix.size() + salt.size());
    key.append(prefix);
    key.append(salt);
    return key;
}

QString slug(const QString& text)
{
    QString result;
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            result += c.toLower();
        else if (!result.endsWith(u'-'))
            result += u'-';
    }
    return result;
}

} // namespace

quint64 SimData::number(QStringView salt) const
{
    return splitMix(fnv1a(salt) ^ splitMix(m_seed));
}

qint64 SimData::range(QStringView salt, qint64 low, qint64 high) const
{
    if (high <= low)
        return low;
    const quint64 span = static_cast<quint64>(high - low) + 1;
    return low + static_cast<qint64>(number(salt) % span);
}

double SimData::amount(QStringView salt, double low, double high, int decimals) const
{
    const double scale = std::pow(10.0, decimals);
    const qint64 units = range(salt, std::llround(low * scale), std::llround(high * scale));
    return static_cast<double>(units) / scale;
}

QString SimData::hex(QStringView salt, int length) const
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    QString result;
    result.reserve(length);
    quint64 state = number(salt);
    for (int i = 0; i < length; ++i) {
        if (i % 16 == 0 && i > 0)
            state = splitMix(state);
        result += QChar(digits[(state >> ((i % 16) * 4)) & 0xF]);
    }
    return result;
}

QString SimData::alnum(QStringView salt, int length) const
{
    static constexpr char16_t alphabet[] = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString result;
    result.reserve(length);
    quint64 state = number(salt);
    for (int i = 0; i < length; ++i) {
        state = splitMix(state);
        result += QChar(alphabet[state % 62]);
    }
    return result;
}

QString SimData::uuid(QStringView salt) const
{
    const QString h = hex(salt, 32);
    return h.mid(0, 8) + u'-' + h.mid(8, 4) + QStringLiteral("-4") + h.mid(13, 3) + u'-' +
           QStringLiteral("a") + h.mid(17, 3) + u'-' + h.mid(20, 12);
}

QString SimData::pick(QStringView salt, const QStringList& choices) const
{
    if (choices.isEmpty())
        return QString();
    return choices.at(static_cast<qsizetype>(number(salt) % static_cast<quint64>(choices.size())));
}

bool SimData::chance(QStringView salt, int percent) const
{
    return range(salt, 0, 99) < percent;
}

QString SimData::firstName(QStringView salt) const
{
    static const QStringList names = {
        QStringLiteral("Jane"),    QStringLiteral("Liam"),      QStringLiteral("Olivia"),
        QStringLiteral("Noah"),    QStringLiteral("Charlotte"), QStringLiteral("Jack"),
        QStringLiteral("Amelia"),  QStringLiteral("Oliver"),    QStringLiteral("Isla"),
        QStringLiteral("William"), QStringLiteral("Mia"),       QStringLiteral("Lucas"),
    };
    return pick(salted(u"first:", salt), names);
}

QString SimData::lastName(QStringView salt) const
{
    static const QStringList names = {
        QStringLiteral("Smith"), QStringLiteral("Nguyen"), QStringLiteral("Williams"),
        QStringLiteral("Brown"), QStringLiteral("Wilson"), QStringLiteral("Taylor"),
        QStringLiteral("Chen"),  QStringLiteral("Martin"), QStringLiteral("Kelly"),
        QStringLiteral("Patel"), QStringLiteral("Walker"), QStringLiteral("Murphy"),
    };
    return pick(salted(u"last:", salt), names);
}

QString SimData::companyName(QStringView salt) const
{
    static const QStringList first = {
        QStringLiteral("Northwind"),      QStringLiteral("Blue Gum"),   QStringLiteral("Harbour"),
        QStringLiteral("Southern Cross"), QStringLiteral("Wattle"),     QStringLiteral("Ironbark"),
        QStringLiteral("Coastal"),        QStringLiteral("Red Centre"),
    };
    static const QStringList second = {
        QStringLiteral("Digital"),  QStringLiteral("Growth"), QStringLiteral("Media"),
        QStringLiteral("Partners"), QStringLiteral("Labs"),   QStringLiteral("Agency"),
    };
    return pick(salted(u"co1:", salt), first) + u' ' + pick(salted(u"co2:", salt), second);
}

QString SimData::email(QStringView salt) const
{
    return firstName(salt).toLower() + u'.' + lastName(salt).toLower() + u'@' + slug(companyName(salt)) +
           QStringLiteral(".example");
}

QDateTime SimData::dateTime(QStringView salt, int maxDaysBack) const
{
    // 2026-01-01T00:00:00Z: an arbitrary fixed origin.
    const QDateTime origin(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const qint64 seconds = range(salt, 0, static_cast<qint64>(maxDaysBack) * 86400);
    return origin.addSecs(-seconds);
}

} // namespace agency::sim
