#pragma once
// SimData: deterministic fake data from a seed. Every value is a pure function of (seed, salt), so the
// same seed gives the same account bodies whatever order requests arrive in.

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace agency::sim {

class SimData
{
public:
    explicit SimData(quint64 seed = 1)
        : m_seed(seed)
    {}

    quint64 seed() const { return m_seed; }

    /// A 64-bit value for this salt.
    quint64 number(QStringView salt) const;
    /// An integer in [low, high].
    qint64 range(QStringView salt, qint64 low, qint64 high) const;
    /// A decimal amount in [low, high] with `decimals` digits, e.g. 4.998 for (0, 10, 3).
    double amount(QStringView salt, double low, double high, int decimals = 2) const;
    /// Lower-case hexadecimal digits.
    QString hex(QStringView salt, int length) const;
    /// Letters and digits, as in provider-generated ids ("vKg4IjxZbEYTYeW8T").
    QString alnum(QStringView salt, int length) const;
    /// A version-4 shaped UUID.
    QString uuid(QStringView salt) const;
    QString pick(QStringView salt, const QStringList& choices) const;
    bool chance(QStringView salt, int percent) const;

    QString firstName(QStringView salt) const;
    QString lastName(QStringView salt) const;
    QString companyName(QStringView salt) const;
    /// "jane.doe@northwind-digital.example": always in the reserved .example domain.
    QString email(QStringView salt) const;

    /// A fixed point in the past plus a seeded offset, so bodies never depend on the wall clock.
    QDateTime dateTime(QStringView salt, int maxDaysBack = 900) const;

private:
    quint64 m_seed;
};

} // namespace agency::sim
