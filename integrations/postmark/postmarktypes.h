#pragma once
// Request and result values of the Postmark client besides the message itself: the inbound search
// filters, a page of results and the server the token belongs to.

#include "integrations/postmark/inboundmessage.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace agency {

/// GET /messages/inbound: paging (count, offset) and filters; empty filters are left out.
struct PostmarkInboundQuery
{
    int count = 50; ///< 1 to 500
    int offset = 0;
    QString recipient;
    QString fromEmail;
    QString subject;
    QString mailboxHash;
    QString tag;
    std::optional<InboundStatus> status; ///< Blocked, Processed, Queued, Failed, Scheduled or Sent
    QDate fromDate;                      ///< inclusive; no filter when invalid
    QDate toDate;
};

struct PostmarkInboundPage
{
    qint64 totalCount = 0; ///< matches across all pages
    QList<InboundMessage> messages;
    /// The offset of the next page, or -1 when this one was the last.
    qint64 nextOffset(const PostmarkInboundQuery& query) const
    {
        const qint64 next = qint64(query.offset) + messages.size();
        return !messages.isEmpty() && next < totalCount ? next : -1;
    }
};

/// GET /server: the server the token belongs to (its API tokens are never read).
struct PostmarkServer
{
    qint64 id = 0;
    QString name;
    QString inboundAddress;
    QString inboundDomain;
    QString inboundHookUrl;
    int inboundSpamThreshold = 0;
    bool rawEmailEnabled = false;
    bool smtpApiActivated = false;
    QString serverLink;
};

} // namespace agency
