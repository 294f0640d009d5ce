#pragma once
// InboundMessage: one email Postmark received for the agency — as listed by the Messages API, as its
// details, or as the inbound webhook posts it. One type for all three, so an inbox reads them alike.

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace agency {

/// An address as Postmark splits it: "Lee <lee+HASH@x>" → {lee+HASH@x, Lee, HASH}.
struct PostmarkAddress
{
    QString email;
    QString name;
    QString mailboxHash; ///< the part after '+' in the local part, if any
    bool operator==(const PostmarkAddress&) const = default;
};

struct PostmarkHeader
{
    QString name;
    QString value;
    bool operator==(const PostmarkHeader&) const = default;
};

struct PostmarkAttachment
{
    QString name;
    QString contentType;
    QString contentId; ///< for cid: references in the HTML body
    qint64 contentLength = 0;
    QByteArray content; ///< decoded; empty when Postmark did not include it (search results)
};

/// Where Postmark's inbound processing stands for a message (the Messages API only).
enum class InboundStatus
{
    Unknown, ///< not given (the webhook) or a value this version does not know (see statusText)
    Blocked,
    Processed,
    Queued,
    Failed,
    Scheduled,
    Sent,
};

struct InboundMessage
{
    QString messageId;
    QString messageStream;
    InboundStatus status = InboundStatus::Unknown;
    QString statusText;

    PostmarkAddress from;
    QString toText; ///< the To header as Postmark gives it: "a@x, b@y"
    QList<PostmarkAddress> to;
    QList<PostmarkAddress> cc;
    QList<PostmarkAddress> bcc;
    QString replyTo;
    QString originalRecipient;
    QString subject;
    QString mailboxHash;
    QString tag;

    QString dateText; ///< as the sender's server wrote it
    QDateTime date;   ///< UTC; invalid when dateText is in no format the client knows

    QString textBody; ///< details and webhook only
    QString htmlBody;
    QString strippedTextReply; ///< the reply without the quoted thread
    QList<PostmarkHeader> headers;
    QList<PostmarkAttachment> attachments;
    QString blockedReason;
    QByteArray rawEmail; ///< the MIME source, when the server has RawEmailEnabled (webhook only)

    QJsonObject raw; ///< Postmark's own JSON for this message

    /// The first header of that name (case-insensitive), or an empty string.
    QString header(QStringView name) const;
};

QString inboundStatusName(InboundStatus status);

} // namespace agency
