#pragma once
// PricesPage: the price book — every price ever set, newest first, and a form to add one from a
// date on (past events keep the price they were recorded at) — and the USD→AUD rate with its date.
// Saved as soon as added, for everyone sharing the ledger.

#include "engine/pricebook.h"
#include "engine/spendguard.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace agency {

class PricesPage : public QWidget
{
    Q_OBJECT
public:
    /// `changedBy` names who edits, for the book's history.
    PricesPage(PriceBook& prices, SpendGuard& guard, QString changedBy, QWidget* parent = nullptr);

    QString problem() const;
    /// "US$1.00 = A$1.55 (default — not set)" or "… from 3 Mar 2025".
    QString rateText() const;
    QTableWidget* historyTable() const { return m_history; }

public Q_SLOTS:
    void reload();
    /// Adds the price the form describes.
    bool addPrice();
    /// Sets the USD→AUD rate the form describes.
    bool setRate();

private:
    QWidget* buildPriceForm();
    QWidget* buildRateForm();
    void showProblem(const QString& problem);
    QDate today() const;

    PriceBook& m_prices;
    SpendGuard& m_guard;
    QString m_changedBy;
    QTableWidget* m_history = nullptr;
    QComboBox* m_providerCombo = nullptr;
    QLineEdit* m_operationEdit = nullptr;
    QLineEdit* m_unitEdit = nullptr;
    QLineEdit* m_priceEdit = nullptr;
    QComboBox* m_currencyCombo = nullptr;
    QDateEdit* m_priceFromEdit = nullptr;
    QLabel* m_rateLabel = nullptr;
    QLineEdit* m_rateEdit = nullptr;
    QDateEdit* m_rateFromEdit = nullptr;
    QLabel* m_problemLabel = nullptr;
};

} // namespace agency
