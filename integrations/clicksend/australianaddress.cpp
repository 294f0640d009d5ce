#include "australianaddress.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <string_view>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::AustralianAddress", text);
}

struct State
{
    const char* abbreviation;
    const char* name;
    const char* postcodeFirstDigits; ///< Australia Post's ranges, by first digit
};

// Postcode ranges: NSW 1xxx/2xxx, ACT 02xx/26xx/29xx, VIC 3xxx/8xxx, QLD 4xxx/9xxx, SA 5xxx,
// WA 6xxx, TAS 7xxx, NT 08xx. Checked by first digit only, which catches a swapped state or a
// mistyped postcode without second-guessing Australia Post's finer boundaries.
constexpr State kStates[] = {
    {"NSW", "New South Wales", "12"},
    {"VIC", "Victoria", "38"},
    {"QLD", "Queensland", "49"},
    {"WA", "Western Australia", "6"},
    {"SA", "South Australia", "5"},
    {"TAS", "Tasmania", "7"},
    {"ACT", "Australian Capital Territory", "02"},
    {"NT", "Northern Territory", "0"},
};

const State* findState(const QString& text)
{
    for (const State& state : kStates) {
        if (text.compare(QLatin1String(state.abbreviation), Qt::CaseInsensitive) == 0 ||
            text.compare(QLatin1String(state.name), Qt::CaseInsensitive) == 0)
            return &state;
    }
    return nullptr;
}

} // namespace

QStringList AustralianAddress::states()
{
    QStringList list;
    for (const State& state : kStates)
        list.append(QLatin1String(state.abbreviation));
    return list;
}

Result<PostalAddress, QString> AustralianAddress::validated(const PostalAddress& address)
{
    PostalAddress tidy;
    tidy.name = address.name.simplified();
    tidy.line1 = address.line1.simplified();
    tidy.line2 = address.line2.simplified();
    tidy.city = address.city.simplified();
    tidy.postcode = address.postcode.trimmed();
    tidy.country = address.country.trimmed().toUpper();

    QStringList problems;
    if (tidy.name.isEmpty())
        problems.append(tr("no name"));
    if (tidy.line1.isEmpty())
        problems.append(tr("no street line (address line 1)"));
    if (tidy.city.isEmpty())
        problems.append(tr("no suburb or town"));

    const State* state = findState(address.state.simplified());
    if (address.state.trimmed().isEmpty())
        problems.append(tr("no state"));
    else if (!state)
        problems.append(tr("\"%1\" is not an Australian state or territory (%2)")
                            .arg(address.state.trimmed(), states().join(QStringLiteral(", "))));
    else
        tidy.state = QLatin1String(state->abbreviation);

    static const QRegularExpression fourDigits(QStringLiteral("^\\d{4}$"));
    if (tidy.postcode.isEmpty())
        problems.append(tr("no postcode"));
    else if (!fourDigits.match(tidy.postcode).hasMatch())
        problems.append(tr("the postcode \"%1\" is not four digits").arg(tidy.postcode));
    else if (state && std::string_view(state->postcodeFirstDigits).find(tidy.postcode.front().toLatin1()) ==
                          std::string_view::npos)
        problems.append(tr("the postcode %1 is not in %2").arg(tidy.postcode, tidy.state));

    if (tidy.country == u"AUS" || tidy.country == u"AUSTRALIA")
        tidy.country = QStringLiteral("AU");
    if (tidy.country.isEmpty())
        problems.append(tr("no country"));
    else if (tidy.country != u"AU")
        problems.append(tr("the country is \"%1\", not Australia (AU)").arg(address.country.trimmed()));

    if (problems.isEmpty())
        return tidy;
    const QString who = tidy.name.isEmpty() ? tr("The address") : tr("%1's address").arg(tidy.name);
    return failure(QString(who + QStringLiteral(": ") + problems.join(QStringLiteral("; "))));
}

} // namespace agency
