#pragma once
// PhoneNumbers: reads a phone number the way people write it ("0412 345 678", "(02) 9876 5432",
// "+61 412 345 678") and gives it back in E.164, with its type and region, using libphonenumber.
// Every number a client sends to a provider goes through here first.

#include "model/result.h"

#include <QString>

namespace agency {

/// What kind of line a number is, as libphonenumber's metadata says.
enum class PhoneNumberKind
{
    Mobile,
    FixedLine,
    FixedLineOrMobile, ///< the numbering plan does not tell the two apart (US, Canada)
    TollFree,          ///< 1800 in Australia
    PremiumRate,
    SharedCost, ///< 1300 / 13 in Australia
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
    Unknown,
};

struct PhoneNumberInfo
{
    QString e164;       ///< "+61412345678"
    QString regionCode; ///< ISO 3166-1 alpha-2 of the number itself: "AU", "NZ"; "001" for non-geographic
    PhoneNumberKind kind = PhoneNumberKind::Unknown;
    QString national;      ///< "0412 345 678", for display
    QString international; ///< "+61 412 345 678", for display
};

class PhoneNumbers
{
public:
    /// The number in E.164 ("+61412345678"), or a sentence naming the input when it is not a valid
    /// number: "0412 345 67 is not a valid Australian phone number". `defaultRegion` (ISO 3166-1
    /// alpha-2) is how a number without a leading + or country code is read.
    static Result<QString, QString> normaliseToE164(const QString& text,
                                                    const QString& defaultRegion = QStringLiteral("AU"));
    /// As normaliseToE164, with the number's kind and region and its display forms.
    static Result<PhoneNumberInfo, QString> parse(const QString& text,
                                                  const QString& defaultRegion = QStringLiteral("AU"));

    /// "mobile", "landline", "toll-free"…: for a table cell.
    static QString kindName(PhoneNumberKind kind);
    /// "Australia", "New Zealand"; "international" for non-geographic numbers.
    static QString regionName(const QString& regionCode);
};

} // namespace agency
