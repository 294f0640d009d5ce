#include "twiliotypes.h"

namespace agency {

bool TwilioMessage::isFinal() const
{
    switch (status) {
    case TwilioMessageStatus::Delivered:
    case TwilioMessageStatus::Undelivered:
    case TwilioMessageStatus::Failed:
    case TwilioMessageStatus::Canceled:
    case TwilioMessageStatus::Read:
    case TwilioMessageStatus::Received:
        return true;
    default:
        return false;
    }
}

bool TwilioCall::isFinal() const
{
    switch (status) {
    case TwilioCallStatus::Completed:
    case TwilioCallStatus::Busy:
    case TwilioCallStatus::Failed:
    case TwilioCallStatus::NoAnswer:
    case TwilioCallStatus::Canceled:
        return true;
    default:
        return false;
    }
}

QString twilioMessageStatusName(TwilioMessageStatus status)
{
    switch (status) {
    case TwilioMessageStatus::Accepted:
        return QStringLiteral("accepted");
    case TwilioMessageStatus::Scheduled:
        return QStringLiteral("scheduled");
    case TwilioMessageStatus::Canceled:
        return QStringLiteral("canceled");
    case TwilioMessageStatus::Queued:
        return QStringLiteral("queued");
    case TwilioMessageStatus::Sending:
        return QStringLiteral("sending");
    case TwilioMessageStatus::Sent:
        return QStringLiteral("sent");
    case TwilioMessageStatus::Delivered:
        return QStringLiteral("delivered");
    case TwilioMessageStatus::Undelivered:
        return QStringLiteral("undelivered");
    case TwilioMessageStatus::Failed:
        return QStringLiteral("failed");
    case TwilioMessageStatus::Receiving:
        return QStringLiteral("receiving");
    case TwilioMessageStatus::Received:
        return QStringLiteral("received");
    case TwilioMessageStatus::Read:
        return QStringLiteral("read");
    case TwilioMessageStatus::PartiallyDelivered:
        return QStringLiteral("partially_delivered");
    case TwilioMessageStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString twilioCallStatusName(TwilioCallStatus status)
{
    switch (status) {
    case TwilioCallStatus::Queued:
        return QStringLiteral("queued");
    case TwilioCallStatus::Ringing:
        return QStringLiteral("ringing");
    case TwilioCallStatus::InProgress:
        return QStringLiteral("in-progress");
    case TwilioCallStatus::Completed:
        return QStringLiteral("completed");
    case TwilioCallStatus::Busy:
        return QStringLiteral("busy");
    case TwilioCallStatus::Failed:
        return QStringLiteral("failed");
    case TwilioCallStatus::NoAnswer:
        return QStringLiteral("no-answer");
    case TwilioCallStatus::Canceled:
        return QStringLiteral("canceled");
    case TwilioCallStatus::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace agency
