#pragma once
// Request and result values of TwilioClient: SMS, message look-ups and voice calls. Numbers in
// requests may be written any way a person types them; the client normalises them to E.164.

#include "integrations/twilio/smsencoding.h"
#include "model/costevent.h"
#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace agency {

struct SmsRequest
{
    QString to;                  ///< the recipient, in any common format; sent as E.164
    QString from;                ///< a Twilio number (sent as E.164) or an alphanumeric sender ID
    QString messagingServiceSid; ///< "MG…": lets Twilio pick the sender; sent instead of From when set
    QString body;                ///< up to 1,600 characters
    QUrl statusCallback;         ///< where Twilio POSTs status changes; optional
    QString defaultRegion = QStringLiteral("AU"); ///< how numbers without a country code are read
};

/// Message `status` (twilio.md §3.2). Final states: delivered, undelivered, failed, canceled, read, received.
enum class TwilioMessageStatus
{
    Accepted,
    Scheduled,
    Canceled,
    Queued,
    Sending,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    Receiving,
    Received,
    Read,
    PartiallyDelivered,
    Unknown, ///< a value this version does not know; statusText has it
};

struct TwilioMessage
{
    QString sid; ///< "SM…" / "MM…"
    QString accountSid;
    QString messagingServiceSid;
    QString from;
    QString to;
    QString body;
    TwilioMessageStatus status = TwilioMessageStatus::Unknown;
    QString statusText; ///< the status as Twilio wrote it
    QString direction;  ///< "outbound-api", "inbound", …
    std::optional<int> numSegments;
    std::optional<Money> price;   ///< what Twilio charged, as a positive amount; empty until rated
    std::optional<int> errorCode; ///< on failed / undelivered; show it, don't branch on it
    QString errorMessage;
    QDateTime dateCreated; ///< UTC
    std::optional<QDateTime> dateSent;
    QDateTime dateUpdated;
    /// The charge as a reported cost event, once Twilio has rated the message: the engine uses it to
    /// correct the estimate recorded at send time (same operation, same provider reference).
    std::optional<CostEvent> reportedCost;
    QJsonObject raw; ///< the provider's object, on demand (never holds a credential)

    bool isFinal() const;
};

struct SmsSendResult
{
    TwilioMessage message;
    SmsSegmentation segmentation; ///< computed from the body: the basis of the estimate
    CostEvent estimatedCost;      ///< segments × the catalogue's SMS price, marked estimated
};

/// Which messages to list: for reconciling after a crash, the recipient and a time window.
struct MessageQuery
{
    QString to;                          ///< any common format; empty = every recipient
    QString from;                        ///< empty = every sender
    std::optional<QDateTime> sentAfter;  ///< inclusive
    std::optional<QDateTime> sentBefore; ///< inclusive
    int pageSize = 50;                   ///< 1–1000
    int maxMessages = 1000;              ///< stop paging once this many are collected
    QString defaultRegion = QStringLiteral("AU");
};

struct CallRequest
{
    QString to;
    QString from;
    QUrl url;                            ///< TwiML document; exactly one of url and twiml
    QString twiml;                       ///< inline TwiML, up to 4,000 characters
    QUrl statusCallback;                 ///< optional
    QStringList statusCallbackEvents;    ///< initiated, ringing, answered, completed
    std::optional<int> timeoutSeconds;   ///< ring time, 1–600
    std::optional<int> timeLimitSeconds; ///< longest call
    QString defaultRegion = QStringLiteral("AU");
};

/// Call `status` (twilio.md §3.5). Final: completed, busy, failed, no-answer, canceled.
enum class TwilioCallStatus
{
    Queued,
    Ringing,
    InProgress,
    Completed,
    Busy,
    Failed,
    NoAnswer,
    Canceled,
    Unknown,
};

struct TwilioCall
{
    QString sid; ///< "CA…"
    QString accountSid;
    QString from;
    QString to;
    TwilioCallStatus status = TwilioCallStatus::Unknown;
    QString statusText;
    QString direction;
    QString answeredBy;
    std::optional<int> durationSeconds; ///< empty while ringing or in progress, and for busy/no-answer
    std::optional<Money> price;         ///< positive; empty until Twilio has rated the call
    QDateTime dateCreated;
    std::optional<QDateTime> startTime;
    std::optional<QDateTime> endTime;
    /// The charge as a reported cost event (billed minutes as units), once Twilio reports a price.
    std::optional<CostEvent> reportedCost;
    QJsonObject raw;

    bool isFinal() const;
};

QString twilioMessageStatusName(TwilioMessageStatus status);
QString twilioCallStatusName(TwilioCallStatus status);

} // namespace agency
