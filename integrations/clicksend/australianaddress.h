#pragma once
// AustralianAddress: checks that an address is complete enough for Australia Post before a letter
// costs money — a name, a street line, a suburb, a state, a four-digit postcode that belongs to that
// state, and Australia as the country.

#include "integrations/clicksend/clicksendtypes.h"
#include "model/result.h"

#include <QStringList>

namespace agency {

class AustralianAddress
{
public:
    /// The address tidied (trimmed; the state as its abbreviation, "Victoria" → "VIC"; the country
    /// as "AU"), or one sentence listing every problem: "Jane Citizen's address: no suburb or town;
    /// the postcode "600" is not four digits".
    static Result<PostalAddress, QString> validated(const PostalAddress& address);

    /// NSW, VIC, QLD, WA, SA, TAS, ACT, NT
    static QStringList states();
};

} // namespace agency
