#pragma once
// PriceBook: what each provider operation costs (the catalogue's seed prices until someone edits
// them), the USD→AUD rate the user set, and the recurring subscriptions (seats, IPs, plans). Every
// row has an effective-from date; an edit adds a row, so past events keep the price they were
// recorded at. Shared through the ledger database, so a team sees one price book.

#include "engine/database.h"
#include "model/money.h"
#include "model/providerid.h"

#include <QDate>
#include <QObject>

namespace agency {

struct PriceRow
{
    ProviderId provider = ProviderId::Apollo;
    QString operation; ///< empty: every operation of the provider without a row of its own
    QString unit;
    Money unitPrice;
    QDate effectiveFrom; ///< invalid for the catalogue's seed price
    QString changedBy;
    bool isSeed() const { return !effectiveFrom.isValid(); }
};

struct FxRate
{
    CurrencyCode currency;       ///< "USD"
    qint64 audMicrosPerUnit = 0; ///< 1.55 AUD per USD = 1'550'000
    QDate effectiveFrom;
    bool isDefault = false; ///< the built-in rate: nobody has set one yet
};

struct Subscription
{
    qint64 id = 0;
    ProviderId provider = ProviderId::HeyReach;
    QString name; ///< "HeyReach seats"
    qint64 quantity = 1;
    Money unitPrice;    ///< per unit per month
    int billingDay = 1; ///< 1–28
    bool active = true;
    /// quantity × unitPrice.
    Money monthlyTotal() const;
};

class PriceBook : public QObject
{
    Q_OBJECT
public:
    /// Loads the book from `database` (which must outlive it).
    explicit PriceBook(Database& database, QObject* parent = nullptr);

    /// Reads the book again (another console may have changed it).
    Result<Done, DatabaseError> reload();

    /// The row in force on `on` for this operation, else the provider's catch-all row, else the seed.
    PriceRow priceFor(ProviderId provider, const QString& operation, const QDate& on) const;
    /// Every row ever set, newest first per provider and operation.
    QList<PriceRow> history() const { return m_prices; }
    Result<Done, DatabaseError> setPrice(PriceRow row);

    /// The rate in force on `on`; the built-in default (isDefault) where none was set.
    FxRate rateFor(const CurrencyCode& currency, const QDate& on) const;
    QList<FxRate> rates() const { return m_rates; }
    Result<Done, DatabaseError> setRate(FxRate rate);
    /// `amount` in AUD at the rate in force on `on`; nullopt on overflow.
    std::optional<Money> toAud(const Money& amount, const QDate& on,
                               Rounding rounding = Rounding::HalfAwayFromZero) const;

    QList<Subscription> subscriptions() const { return m_subscriptions; }
    /// Adds (id 0) or replaces; returns the id.
    Result<qint64, DatabaseError> saveSubscription(Subscription subscription);
    Result<Done, DatabaseError> removeSubscription(qint64 id);
    /// What the active subscriptions cost in AUD for one month.
    Money subscriptionsPerMonthAud(const QDate& on) const;

    /// The seed subscriptions (HeyReach seats, InfraForge IPs, the Smartlead plan), quantity 0.
    static QList<Subscription> seedSubscriptions();
    static constexpr qint64 kDefaultUsdRateMicros = 1'550'000;

Q_SIGNALS:
    void changed();

private:
    Database& m_database;
    QList<PriceRow> m_prices;
    QList<FxRate> m_rates;
    QList<Subscription> m_subscriptions;
};

} // namespace agency
