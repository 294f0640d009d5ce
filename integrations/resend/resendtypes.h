#pragma once
// Request and result values of the Resend client: what a caller fills in to send, and what Resend's
// answers are read into. No JSON leaks out (except `raw`, the provider's own answer on demand).

#include "model/costevent.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace agency {

/// A tag Resend attaches to an email (ASCII letters, digits, '_' and '-', at most 256 characters each).
struct ResendTag
{
    QString name;
    QString value;
    bool operator==(const ResendTag&) const = default;
};

/// One email to send (Resend's SendEmailRequest).
struct ResendEmail
{
    QString from;   ///< "Ops <ops@example.com>" or a bare address
    QStringList to; ///< 1 to 50 addresses
    QString subject;
    QString html; ///< at least one of html and text
    QString text;
    QStringList cc;
    QStringList bcc;
    QStringList replyTo;
    QList<QPair<QString, QString>> headers; ///< custom headers, e.g. {"X-Campaign", "spring"}
    QList<ResendTag> tags;
    QString scheduledAt; ///< ISO 8601; single sends only (Resend refuses it in a batch)
};

struct ResendSendResult
{
    QString id;                    ///< the email's id, for status look-ups
    std::optional<CostEvent> cost; ///< estimated: one email
};

/// How Resend validates a batch (the x-batch-validation header).
enum class ResendBatchValidation
{
    Strict,     ///< one invalid email fails the whole batch (Resend's default)
    Permissive, ///< valid emails are sent; invalid ones are reported by index
};

/// What became of one email of a batch, in the order the emails were given.
struct ResendBatchItem
{
    int index = 0;
    QString id;    ///< set when Resend accepted the email
    QString error; ///< Resend's message when it refused it (permissive mode only)
    bool accepted() const { return !id.isEmpty(); }
};

struct ResendBatchResult
{
    QList<ResendBatchItem> items; ///< one per email sent in, same order
    int acceptedCount = 0;
    std::optional<CostEvent> cost; ///< estimated: one unit per accepted email
};

/// The status Resend reports as last_event. Unknown keeps newer values readable (see lastEventText).
enum class ResendEmailEvent
{
    Unknown,
    Queued,
    Scheduled,
    Sent,
    Delivered,
    DeliveryDelayed,
    Opened,
    Clicked,
    Bounced,
    Complained,
    Failed,
    Canceled,
    Suppressed,
};

/// One sent email as Resend describes it (GET /emails/{id} and the items of GET /emails).
struct ResendEmailRecord
{
    QString id;
    QString messageId; ///< the Message-ID header, when Resend reports it
    QString from;
    QStringList to;
    QStringList cc;
    QStringList bcc;
    QStringList replyTo;
    QString subject;
    QString html;
    QString text;
    QString createdAtText; ///< as sent: "2023-04-03 22:13:42.674981+00"
    QDateTime createdAt;   ///< UTC; invalid when createdAtText is not a format the client knows
    ResendEmailEvent lastEvent = ResendEmailEvent::Unknown;
    QString lastEventText; ///< as sent: "delivered"
    QJsonObject raw;
};

/// Cursor pagination of GET /emails: at most one of after and before (an email id).
struct ResendListQuery
{
    int limit = 20; ///< 1 to 100
    QString after;
    QString before;
};

struct ResendEmailPage
{
    QList<ResendEmailRecord> emails;
    bool hasMore = false;
    /// The cursor for the next (older) page: the last email's id; empty when there is none.
    QString nextCursor() const { return hasMore && !emails.isEmpty() ? emails.last().id : QString(); }
};

QString resendEventName(ResendEmailEvent event);

} // namespace agency
