#pragma once
// SmsEncoding: how many billed segments an SMS body takes. GSM-7 when every character is in the GSM
// 03.38 alphabet (160 septets in one segment, 153 per part when split; the extension characters
// ^ { } \ [ ~ ] | € and form feed take two), otherwise UCS-2 (70 UTF-16 units, 67 per part). A
// character is never split across two parts (an escape pair or a surrogate pair stays whole).

#include <QStringView>

namespace agency {

struct SmsSegmentation
{
    enum class Encoding
    {
        Gsm7,
        Ucs2,
    };
    Encoding encoding = Encoding::Gsm7;
    int units = 0;    ///< septets (GSM-7) or UTF-16 code units (UCS-2)
    int segments = 0; ///< 0 for an empty body
};

class SmsEncoding
{
public:
    static constexpr int kGsm7Single = 160;
    static constexpr int kGsm7Part = 153;
    static constexpr int kUcs2Single = 70;
    static constexpr int kUcs2Part = 67;

    static SmsSegmentation segment(QStringView body);
    /// True when every character is in the GSM 03.38 basic or extension table.
    static bool isGsm7(QStringView body);
    /// "GSM-7" / "UCS-2"
    static QString encodingName(SmsSegmentation::Encoding encoding);
};

} // namespace agency
