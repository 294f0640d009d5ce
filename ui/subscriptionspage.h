#pragma once
// SubscriptionsPage: what the agency pays every month whatever it sends — seats, dedicated IPs,
// plans — with quantity, price per unit, billing day and whether it is active. The usual ones
// (HeyReach seats, InfraForge IPs, the Smartlead plan) are offered, at quantity 0, to fill in.

#include "engine/pricebook.h"
#include "engine/spendguard.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace agency {

class SubscriptionsPage : public QWidget
{
    Q_OBJECT
public:
    SubscriptionsPage(PriceBook& prices, SpendGuard& guard, QWidget* parent = nullptr);

    QString problem() const;
    QTableWidget* table() const { return m_table; }

public Q_SLOTS:
    void reload();
    /// Saves the form: replaces the selected subscription, or adds one when none is selected.
    bool save();
    /// Clears the selection and the form, for a new subscription.
    void startNew();
    bool removeSelected();
    /// Adds the seed subscriptions not already present (by provider and name).
    int addUsual();

private:
    void showInForm(int row);
    void showProblem(const QString& problem);

    PriceBook& m_prices;
    SpendGuard& m_guard;
    QList<Subscription> m_subscriptions;
    qint64 m_editingId = 0;
    QTableWidget* m_table = nullptr;
    QComboBox* m_providerCombo = nullptr;
    QLineEdit* m_nameEdit = nullptr;
    QSpinBox* m_quantitySpin = nullptr;
    QLineEdit* m_priceEdit = nullptr;
    QSpinBox* m_billingDaySpin = nullptr;
    QCheckBox* m_activeCheck = nullptr;
    QLabel* m_totalLabel = nullptr;
    QLabel* m_problemLabel = nullptr;
};

} // namespace agency
