// Arbitrary bytes as DataForSEO's envelopes, error bodies and timestamps: never a crash.

#include "integrations/dataforseo/dataforseojson.h"

using namespace agency;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    (void)DataForSeoJson::parseRankOverview(document);
    (void)DataForSeoJson::parseBacklinksSummary(document);
    (void)DataForSeoJson::parseUserData(document);
    (void)DataForSeoJson::reportedCost(bytes);
    (void)DataForSeoJson::taskId(bytes);
    (void)DataForSeoJson::parseError(size % 2 ? 200 : 400 + int(size % 130), bytes);
    const QString text = QString::fromUtf8(bytes.left(200));
    (void)DataForSeoJson::parseTimestamp(text);
    (void)DataForSeoJson::normaliseTarget(text);
    (void)DataForSeoJson::backlinksTarget(text);
    return 0;
}
