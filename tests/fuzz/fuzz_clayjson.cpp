// Arbitrary bytes as Clay's answers (and its rate-limit header): a value or a Decode error, never a crash.

#include "integrations/clay/clayjson.h"

using namespace agency;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    (void)ClayJson::parseMe(document);
    (void)ClayJson::parseRoutineRunStarted(document);
    (void)ClayJson::parseRoutineResults(document);
    (void)ClayJson::parseSearchId(document);
    (void)ClayJson::parseSearchPage(document);
    (void)ClayJson::parseError(400 + int(size % 130), bytes);
    // The first line as the X-RateLimit-Reset header of a 429.
    HttpResponse response;
    response.status = 429;
    response.headers.append({QByteArrayLiteral("X-RateLimit-Reset"), bytes.left(bytes.indexOf('\n'))});
    // A reset near qint64's maximum once overflowed `wait * 1000`; the wait is clamped now.
    (void)ClayJson::readRetryAfter(response);
    return 0;
}
