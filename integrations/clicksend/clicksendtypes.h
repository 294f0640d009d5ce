#pragma once
// Request and result values of ClickSendClient: the account, return addresses, and letters (Post).

#include "model/costevent.h"
#include "model/money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace agency {

/// A postal address as ClickSend's address_* fields hold it.
struct PostalAddress
{
    QString name;                           ///< address_name: the person or business
    QString line1;                          ///< address_line_1
    QString line2;                          ///< address_line_2, optional
    QString city;                           ///< address_city: the suburb or town
    QString state;                          ///< address_state: NSW, VIC, QLD, WA, SA, TAS, ACT, NT
    QString postcode;                       ///< address_postal_code: four digits in Australia
    QString country = QStringLiteral("AU"); ///< address_country: ISO 3166-1 alpha-2

    bool operator==(const PostalAddress&) const = default;
};

struct ReturnAddress
{
    qint64 id = 0; ///< return_address_id, which every letter recipient needs
    PostalAddress address;
};

struct LetterRecipient
{
    PostalAddress address;
    qint64 returnAddressId = 0;
    std::optional<QDateTime> schedule; ///< when to send; empty = now
    QString customString;              ///< your reference, echoed back (for reconciling)
};

struct LetterRequest
{
    QUrl fileUrl; ///< a publicly reachable PDF (uploadPdf() gives one)
    QList<LetterRecipient> recipients;
    bool templateUsed = false; ///< the PDF follows ClickSend's letter template (address window)
    bool colour = false;
    bool duplex = false;
    bool priorityPost = false;
    /// The total from priceLetter() for this same request: reserved as the worst case. Without it
    /// the catalogue's price per letter is reserved.
    std::optional<Money> quotedTotal;
};

struct LetterQuoteLine
{
    PostalAddress address;
    int pages = 0;
    Money price;
    QString status;
};

struct LetterQuote
{
    Money total;
    QList<LetterQuoteLine> recipients;
};

/// A letter as the send and history answers describe it.
struct Letter
{
    QString messageId; ///< ClickSend's UUID: keep it
    PostalAddress address;
    qint64 returnAddressId = 0;
    QString status; ///< "SUCCESS" when queued; the full list of statuses is not documented
    int pages = 0;
    Money price; ///< post_price, in the account's currency
    bool colour = false;
    bool duplex = false;
    bool priorityPost = false;
    QString customString;
    QDateTime dateAdded; ///< UTC
    std::optional<QDateTime> schedule;
    QJsonObject raw;

    bool isQueued() const { return status.compare(QStringLiteral("SUCCESS"), Qt::CaseInsensitive) == 0; }
};

struct LetterSendResult
{
    QList<Letter> letters;
    CurrencyCode currency;
    /// The sum of post_price over the letters ClickSend accepted, reported; empty when none was.
    std::optional<CostEvent> cost;
};

struct LetterHistoryPage
{
    int total = 0;
    int perPage = 0;
    int currentPage = 0;
    int lastPage = 0;
    QList<Letter> letters;
};

struct ClickSendAccount
{
    qint64 userId = 0;
    QString username;
    QString accountName;
    QString country;
    Money balance;
    bool onTrial = false;
    bool banned = false;
    /// _subaccount.access_post; empty when the answer does not say.
    std::optional<bool> postAccess;
};

} // namespace agency
