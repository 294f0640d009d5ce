#include "smsencoding.h"

#include <QString>

#include <string_view>

namespace agency {

namespace {

// GSM 03.38 basic character set (one septet each), as Unicode. The escape code 0x1B is not listed:
// it only introduces the extension table.
constexpr char16_t kBasic[] = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                              u"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// The extension table: escape + one septet, so two septets each.
constexpr char16_t kExtension[] = u"\f^{}\\[~]|€";

bool contains(std::u16string_view table, QChar c)
{
    return table.find(c.unicode()) != std::u16string_view::npos;
}

// Septets one character takes in GSM-7; 0 when it is not in the alphabet.
int septets(QChar c)
{
    if (contains(kBasic, c))
        return 1;
    if (contains(kExtension, c))
        return 2;
    return 0;
}

// Parts needed when `lengths` (each character's size, in order) are packed into parts of `perPart`
// without splitting a character.
template<typename SizeOf>
int packedParts(QStringView body, int perPart, SizeOf sizeOf)
{
    int parts = 1;
    int used = 0;
    for (qsizetype i = 0; i < body.size();) {
        const int size = sizeOf(body, i);
        if (used + size > perPart) {
            ++parts;
            used = 0;
        }
        used += size;
        i += (size == 2 && body[i].isHighSurrogate()) ? 2 : 1;
    }
    return parts;
}

} // namespace

bool SmsEncoding::isGsm7(QStringView body)
{
    for (const QChar c : body) {
        if (septets(c) == 0)
            return false;
    }
    return true;
}

SmsSegmentation SmsEncoding::segment(QStringView body)
{
    SmsSegmentation result;
    if (body.isEmpty())
        return result;
    if (isGsm7(body)) {
        result.encoding = SmsSegmentation::Encoding::Gsm7;
        for (const QChar c : body)
            result.units += septets(c);
        result.segments =
            result.units <= kGsm7Single ? 1 : packedParts(body, kGsm7Part, [](QStringView text, qsizetype i) {
                return septets(text[i]);
            });
        return result;
    }
    result.encoding = SmsSegmentation::Encoding::Ucs2;
    result.units = int(body.size());
    result.segments =
        result.units <= kUcs2Single ? 1 : packedParts(body, kUcs2Part, [](QStringView text, qsizetype i) {
            // A surrogate pair (an emoji) is one character of two units.
            const bool pair =
                text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
            return pair ? 2 : 1;
        });
    return result;
}

QString SmsEncoding::encodingName(SmsSegmentation::Encoding encoding)
{
    return encoding == SmsSegmentation::Encoding::Gsm7 ? QStringLiteral("GSM-7") : QStringLiteral("UCS-2");
}

} // namespace agency
