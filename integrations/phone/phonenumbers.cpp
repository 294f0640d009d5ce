#include "phonenumbers.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <string>

namespace agency {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::PhoneNumbers", text);
}

// Text pasted from a web page or a document brings typographic spaces and dashes along.
QString plainSeparators(QString text)
{
    for (QChar& c : text) {
        const char16_t u = c.unicode();
        if (u == 0x00A0 || u == 0x2007 || u == 0x2009 || u == 0x202F)
            c = u' ';
        else if (u >= 0x2010 && u <= 0x2015)
            c = u'-';
    }
    return text;
}

// libphonenumber is lenient: it skips letters before the first digit and reads vanity letters as
// digits ("abc0412345678" parses). A number someone typed for an SMS has none of that, so anything
// beyond digits, separators and one leading + (or a tel: prefix, or "(+61)") is refused before parsing.
bool looksLikeAPhoneNumber(const QString& text)
{
    static const QRegularExpression shape(
        QStringLiteral("^(?:tel:)?\\s*\\(?\\s*\\+?[0-9\\s().\\-/]*[0-9][0-9\\s().\\-/]*$"),
        QRegularExpression::CaseInsensitiveOption);
    return shape.match(text).hasMatch();
}

// "Australian" reads better than "in Australia" for the numbers the agency meets most; any other
// region falls back to its name.
QString invalidNumberSentence(const QString& input, const QString& regionCode)
{
    struct Adjective
    {
        const char* region;
        const char* text;
    };
    static const Adjective adjectives[] = {
        {"AU", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "Australian")},
        {"NZ", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "New Zealand")},
        {"GB", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "UK")},
        {"US", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "US")},
        {"CA", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "Canadian")},
        {"IE", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "Irish")},
        {"SG", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "Singapore")},
        {"IN", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "Indian")},
        {"PH", QT_TRANSLATE_NOOP("agency::PhoneNumbers", "Philippine")},
    };
    for (const Adjective& adjective : adjectives) {
        if (regionCode == QLatin1String(adjective.region))
            return tr("%1 is not a valid %2 phone number").arg(input, tr(adjective.text));
    }
    if (regionCode.isEmpty() || regionCode == u"ZZ" || regionCode == u"001")
        return tr("%1 is not a valid phone number").arg(input);
    return tr("%1 is not a valid phone number for %2").arg(input, PhoneNumbers::regionName(regionCode));
}

PhoneNumberKind kindOf(PhoneNumberUtil::PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberUtil::MOBILE:
        return PhoneNumberKind::Mobile;
    case PhoneNumberUtil::FIXED_LINE:
        return PhoneNumberKind::FixedLine;
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE:
        return PhoneNumberKind::FixedLineOrMobile;
    case PhoneNumberUtil::TOLL_FREE:
        return PhoneNumberKind::TollFree;
    case PhoneNumberUtil::PREMIUM_RATE:
        return PhoneNumberKind::PremiumRate;
    case PhoneNumberUtil::SHARED_COST:
        return PhoneNumberKind::SharedCost;
    case PhoneNumberUtil::VOIP:
        return PhoneNumberKind::Voip;
    case PhoneNumberUtil::PERSONAL_NUMBER:
        return PhoneNumberKind::PersonalNumber;
    case PhoneNumberUtil::PAGER:
        return PhoneNumberKind::Pager;
    case PhoneNumberUtil::UAN:
        return PhoneNumberKind::Uan;
    case PhoneNumberUtil::VOICEMAIL:
        return PhoneNumberKind::Voicemail;
    case PhoneNumberUtil::UNKNOWN:
        break;
    }
    return PhoneNumberKind::Unknown;
}

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

Result<PhoneNumberInfo, QString> PhoneNumbers::parse(const QString& text, const QString& defaultRegion)
{
    const QString input = plainSeparators(text).trimmed();
    if (input.isEmpty())
        return failure(tr("No phone number was given"));
    if (!looksLikeAPhoneNumber(input))
        return failure(tr("%1 is not a phone number").arg(input));

    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    const std::string region = defaultRegion.trimmed().toUpper().toStdString();
    PhoneNumber number;
    const PhoneNumberUtil::ErrorType parsed = util.Parse(input.toStdString(), region, &number);
    switch (parsed) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return failure(tr("%1 is not a valid phone number (unknown country code)").arg(input));
    case PhoneNumberUtil::NOT_A_NUMBER:
        return failure(tr("%1 is not a phone number").arg(input));
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
    case PhoneNumberUtil::TOO_LONG_NSN: {
        // A number written with its country code is not in the default region: name no region.
        const bool international = input.contains(u'+');
        return failure(invalidNumberSentence(input, international ? QString() : fromStd(region)));
    }
    }

    std::string numberRegion;
    util.GetRegionCodeForCountryCode(number.country_code(), &numberRegion);
    if (!util.IsValidNumber(number))
        return failure(invalidNumberSentence(input, fromStd(numberRegion)));

    PhoneNumberInfo info;
    std::string formatted;
    util.Format(number, PhoneNumberUtil::E164, &formatted);
    info.e164 = fromStd(formatted);
    util.Format(number, PhoneNumberUtil::NATIONAL, &formatted);
    info.national = fromStd(formatted);
    util.Format(number, PhoneNumberUtil::INTERNATIONAL, &formatted);
    info.international = fromStd(formatted);
    std::string exactRegion;
    util.GetRegionCodeForNumber(number, &exactRegion);
    info.regionCode = fromStd(exactRegion);
    info.kind = kindOf(util.GetNumberType(number));
    return info;
}

Result<QString, QString> PhoneNumbers::normaliseToE164(const QString& text, const QString& defaultRegion)
{
    Result<PhoneNumberInfo, QString> info = parse(text, defaultRegion);
    if (!info)
        return failure(info.error());
    return info.value().e164;
}

QString PhoneNumbers::kindName(PhoneNumberKind kind)
{
    switch (kind) {
    case PhoneNumberKind::Mobile:
        return tr("mobile");
    case PhoneNumberKind::FixedLine:
        return tr("landline");
    case PhoneNumberKind::FixedLineOrMobile:
        return tr("landline or mobile");
    case PhoneNumberKind::TollFree:
        return tr("toll-free");
    case PhoneNumberKind::PremiumRate:
        return tr("premium rate");
    case PhoneNumberKind::SharedCost:
        return tr("shared cost");
    case PhoneNumberKind::Voip:
        return tr("VoIP");
    case PhoneNumberKind::PersonalNumber:
        return tr("personal number");
    case PhoneNumberKind::Pager:
        return tr("pager");
    case PhoneNumberKind::Uan:
        return tr("universal access number");
    case PhoneNumberKind::Voicemail:
        return tr("voicemail");
    case PhoneNumberKind::Unknown:
        break;
    }
    return tr("unknown");
}

QString PhoneNumbers::regionName(const QString& regionCode)
{
    if (regionCode == u"001")
        return tr("international");
    const QLocale::Territory territory = QLocale::codeToTerritory(regionCode);
    if (territory == QLocale::AnyTerritory)
        return regionCode;
    return QLocale::territoryToString(territory);
}

} // namespace agency
