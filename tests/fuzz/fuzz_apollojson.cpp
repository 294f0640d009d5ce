// Arbitrary bytes as Apollo's answers: every parser must return a value or a Decode error, never crash.

#include "integrations/apollo/apollojson.h"

using namespace agency;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    (void)ApolloJson::parsePersonMatch(document);
    (void)ApolloJson::parseBulkMatch(document, int(size % 12));
    (void)ApolloJson::parseOrganizationMatch(document);
    (void)ApolloJson::parsePeoplePage(document);
    (void)ApolloJson::parseError(400 + int(size % 130), bytes);
    (void)ApolloJson::normaliseDomain(QString::fromUtf8(bytes));
    return 0;
}
