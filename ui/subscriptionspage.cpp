#include "subscriptionspage.h"

#include "model/catalogue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace agency {

namespace {
enum Column
{
    ProviderColumn,
    NameColumn,
    QuantityColumn,
    UnitPriceColumn,
    BillingDayColumn,
    ActiveColumn,
    MonthlyColumn,
    ColumnCount
};
} // namespace

SubscriptionsPage::SubscriptionsPage(PriceBook& prices, SpendGuard& guard, QWidget* parent)
    : QWidget(parent)
    , m_prices(prices)
    , m_guard(guard)
{
    setObjectName(QStringLiteral("subscriptionsPage"));
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("Monthly costs that do not depend on what is sent. They count in this month's "
                               "total and the forecast."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("subscriptionsTableWidget"));
    m_table->setHorizontalHeaderLabels({tr("Provider"), tr("Name"), tr("Quantity"), tr("Per unit / month"),
                                        tr("Billing day"), tr("Active"), tr("Per month")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    m_totalLabel = new QLabel(this);
    m_totalLabel->setObjectName(QStringLiteral("subscriptionsTotalLabel"));
    layout->addWidget(m_totalLabel);

    auto* box = new QGroupBox(tr("Subscription"), this);
    auto* form = new QGridLayout(box);
    m_providerCombo = new QComboBox(box);
    m_providerCombo->setObjectName(QStringLiteral("subscriptionProviderComboBox"));
    for (const ProviderInfo& info : providerCatalogue())
        m_providerCombo->addItem(info.name, providerKey(info.id));
    m_nameEdit = new QLineEdit(box);
    m_nameEdit->setObjectName(QStringLiteral("subscriptionNameLineEdit"));
    m_nameEdit->setPlaceholderText(tr("HeyReach seats"));
    m_quantitySpin = new QSpinBox(box);
    m_quantitySpin->setObjectName(QStringLiteral("subscriptionQuantitySpinBox"));
    m_quantitySpin->setRange(0, 100000);
    m_priceEdit = new QLineEdit(box);
    m_priceEdit->setObjectName(QStringLiteral("subscriptionPriceLineEdit"));
    m_priceEdit->setPlaceholderText(tr("A$79.00 or US$79"));
    m_billingDaySpin = new QSpinBox(box);
    m_billingDaySpin->setObjectName(QStringLiteral("subscriptionBillingDaySpinBox"));
    m_billingDaySpin->setRange(1, 28);
    m_activeCheck = new QCheckBox(tr("A&ctive"), box);
    m_activeCheck->setObjectName(QStringLiteral("subscriptionActiveCheckBox"));
    m_activeCheck->setChecked(true);
    form->addWidget(new QLabel(tr("Provider:"), box), 0, 0);
    form->addWidget(m_providerCombo, 0, 1);
    form->addWidget(new QLabel(tr("Name:"), box), 0, 2);
    form->addWidget(m_nameEdit, 0, 3);
    form->addWidget(new QLabel(tr("Quantity:"), box), 1, 0);
    form->addWidget(m_quantitySpin, 1, 1);
    form->addWidget(new QLabel(tr("Per unit / month:"), box), 1, 2);
    form->addWidget(m_priceEdit, 1, 3);
    form->addWidget(new QLabel(tr("Billing day:"), box), 2, 0);
    form->addWidget(m_billingDaySpin, 2, 1);
    form->addWidget(m_activeCheck, 2, 3);
    form->setColumnStretch(3, 1);
    layout->addWidget(box);

    auto* buttons = new QHBoxLayout;
    auto* usual = new QPushButton(tr("Add the &usual subscriptions"), this);
    usual->setObjectName(QStringLiteral("addUsualSubscriptionsButton"));
    usual->setToolTip(tr("HeyReach seats, InfraForge IPs and the Smartlead plan, at quantity 0"));
    auto* newButton = new QPushButton(tr("&New"), this);
    newButton->setObjectName(QStringLiteral("newSubscriptionButton"));
    auto* saveButton = new QPushButton(tr("&Save subscription"), this);
    saveButton->setObjectName(QStringLiteral("saveSubscriptionButton"));
    auto* removeButton = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Remove"), this);
    removeButton->setObjectName(QStringLiteral("removeSubscriptionButton"));
    buttons->addWidget(usual);
    buttons->addStretch();
    buttons->addWidget(newButton);
    buttons->addWidget(saveButton);
    buttons->addWidget(removeButton);
    layout->addLayout(buttons);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("subscriptionsProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    connect(usual, &QPushButton::clicked, this, &SubscriptionsPage::addUsual);
    connect(newButton, &QPushButton::clicked, this, &SubscriptionsPage::startNew);
    connect(saveButton, &QPushButton::clicked, this, &SubscriptionsPage::save);
    connect(removeButton, &QPushButton::clicked, this, &SubscriptionsPage::removeSelected);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showInForm(row); });
    reload();
}

void SubscriptionsPage::reload()
{
    m_subscriptions = m_prices.subscriptions();
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(m_subscriptions.size()));
    int selected = -1;
    for (int row = 0; row < m_subscriptions.size(); ++row) {
        const Subscription& subscription = m_subscriptions.at(row);
        const QStringList cells = {
            providerInfo(subscription.provider).name, subscription.name,
            QString::number(subscription.quantity),   subscription.unitPrice.toString(),
            QString::number(subscription.billingDay), subscription.active ? tr("yes") : tr("no"),
            subscription.monthlyTotal().toString()};
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            if (column == QuantityColumn || column == UnitPriceColumn || column == MonthlyColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
        if (subscription.id == m_editingId)
            selected = row;
    }
    m_table->setCurrentCell(selected, 0);
    m_totalLabel->setText(
        tr("Active subscriptions: %1 per month")
            .arg(m_prices.subscriptionsPerMonthAud(m_guard.calendar().localDate(m_guard.now())).toString()));
}

void SubscriptionsPage::showInForm(int row)
{
    if (row < 0 || row >= m_subscriptions.size())
        return;
    const Subscription& subscription = m_subscriptions.at(row);
    m_editingId = subscription.id;
    m_providerCombo->setCurrentIndex(m_providerCombo->findData(providerKey(subscription.provider)));
    m_nameEdit->setText(subscription.name);
    m_quantitySpin->setValue(int(subscription.quantity));
    m_priceEdit->setText(subscription.unitPrice.toString());
    m_billingDaySpin->setValue(subscription.billingDay);
    m_activeCheck->setChecked(subscription.active);
}

void SubscriptionsPage::startNew()
{
    m_editingId = 0;
    m_table->setCurrentCell(-1, 0);
    m_table->clearSelection();
    m_nameEdit->clear();
    m_quantitySpin->setValue(1);
    m_priceEdit->clear();
    m_billingDaySpin->setValue(1);
    m_activeCheck->setChecked(true);
    m_nameEdit->setFocus();
}

bool SubscriptionsPage::save()
{
    Subscription subscription;
    subscription.id = m_editingId;
    subscription.provider =
        providerFromKey(m_providerCombo->currentData().toString()).value_or(ProviderId::HeyReach);
    subscription.name = m_nameEdit->text().trimmed();
    if (subscription.name.isEmpty()) {
        showProblem(tr("Name: say what the subscription is, such as \"HeyReach seats\"."));
        m_nameEdit->setFocus();
        return false;
    }
    QString error;
    const auto price = Money::parse(m_priceEdit->text(), &error);
    if (!price || price->isNegative()) {
        showProblem(price ? tr("Per unit / month: a price cannot be negative.")
                          : tr("Per unit / month: %1").arg(error));
        m_priceEdit->setFocus();
        return false;
    }
    subscription.unitPrice = *price;
    subscription.quantity = m_quantitySpin->value();
    subscription.billingDay = m_billingDaySpin->value();
    subscription.active = m_activeCheck->isChecked();
    auto saved = m_prices.saveSubscription(subscription);
    if (!saved.ok()) {
        showProblem(tr("The subscription was not saved: %1").arg(saved.error().message));
        return false;
    }
    m_editingId = saved.value();
    m_problemLabel->hide();
    reload();
    return true;
}

bool SubscriptionsPage::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_subscriptions.size())
        return false;
    if (auto removed = m_prices.removeSubscription(m_subscriptions.at(row).id); !removed.ok()) {
        showProblem(tr("The subscription was not removed: %1").arg(removed.error().message));
        return false;
    }
    m_editingId = 0;
    m_problemLabel->hide();
    reload();
    return true;
}

int SubscriptionsPage::addUsual()
{
    int added = 0;
    for (const Subscription& seed : PriceBook::seedSubscriptions()) {
        const bool present =
            std::any_of(m_subscriptions.cbegin(), m_subscriptions.cend(), [&](const Subscription& s) {
                return s.provider == seed.provider && s.name == seed.name;
            });
        if (present)
            continue;
        Subscription fresh = seed;
        fresh.id = 0;
        if (auto saved = m_prices.saveSubscription(fresh); !saved.ok()) {
            showProblem(tr("The subscription was not saved: %1").arg(saved.error().message));
            break;
        }
        ++added;
    }
    reload();
    return added;
}

QString SubscriptionsPage::problem() const
{
    return m_problemLabel->isHidden() ? QString() : m_problemLabel->text();
}

void SubscriptionsPage::showProblem(const QString& problem)
{
    m_problemLabel->setText(problem);
    m_problemLabel->show();
}

} // namespace agency
