#include "inboundmessage.h"

namespace agency {

QString InboundMessage::header(QStringView name) const
{
    for (const PostmarkHeader& entry : headers) {
        if (name.compare(entry.name, Qt::CaseInsensitive) == 0)
            return entry.value;
    }
    return {};
}

QString inboundStatusName(InboundStatus status)
{
    switch (status) {
    case InboundStatus::Unknown:
        return QString();
    case InboundStatus::Blocked:
        return QStringLiteral("blocked");
    case InboundStatus::Processed:
        return QStringLiteral("processed");
    case InboundStatus::Queued:
        return QStringLiteral("queued");
    case InboundStatus::Failed:
        return QStringLiteral("failed");
    case InboundStatus::Scheduled:
        return QStringLiteral("scheduled");
    case InboundStatus::Sent:
        return QStringLiteral("sent");
    }
    return QString();
}

} // namespace agency
