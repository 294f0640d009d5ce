#include "simtypes.h"

namespace agency::sim {

namespace {

struct KindName
{
    FaultKind kind;
    const char16_t* name;
};

constexpr KindName kKindNames[] = {
    {FaultKind::RateLimited, u"rate_limited"},
    {FaultKind::ServerError500, u"server_error_500"},
    {FaultKind::BadGateway502, u"bad_gateway_502"},
    {FaultKind::Unavailable503, u"unavailable_503"},
    {FaultKind::ResetMidResponse, u"reset_mid_response"},
    {FaultKind::TruncatedBody, u"truncated_body"},
    {FaultKind::MalformedBody, u"malformed_body"},
    {FaultKind::SlowBody, u"slow_body"},
};

} // namespace

QString faultKindName(FaultKind kind)
{
    for (const KindName& entry : kKindNames) {
        if (entry.kind == kind)
            return QString::fromUtf16(entry.name);
    }
    return QString();
}

std::optional<FaultKind> faultKindFromName(QStringView name)
{
    for (const KindName& entry : kKindNames) {
        if (name.compare(QStringView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.kind;
    }
    // Short aliases for hand-written demo scripts.
    if (name == u"500")
        return FaultKind::ServerError500;
    if (name == u"502")
        return FaultKind::BadGateway502;
    if (name == u"503")
        return FaultKind::Unavailable503;
    if (name == u"429")
        return FaultKind::RateLimited;
    if (name == u"reset")
        return FaultKind::ResetMidResponse;
    if (name == u"truncated")
        return FaultKind::TruncatedBody;
    if (name == u"malformed")
        return FaultKind::MalformedBody;
    if (name == u"slow")
        return FaultKind::SlowBody;
    return std::nullopt;
}

} // namespace agency::sim
