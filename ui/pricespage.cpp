#include "pricespage.h"

#include "model/catalogue.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace agency {

namespace {
enum HistoryColumn
{
    ProviderColumn,
    OperationColumn,
    UnitColumn,
    PriceColumn,
    FromColumn,
    ByColumn,
    ColumnCount
};
const QString kUsd = QStringLiteral("USD");
} // namespace

PricesPage::PricesPage(PriceBook& prices, SpendGuard& guard, QString changedBy, QWidget* parent)
    : QWidget(parent)
    , m_prices(prices)
    , m_guard(guard)
    , m_changedBy(std::move(changedBy))
{
    setObjectName(QStringLiteral("pricesPage"));
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("What each call costs. A new price applies from its date on; events already "
                               "recorded keep the price they were recorded at."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_history = new QTableWidget(0, ColumnCount, this);
    m_history->setObjectName(QStringLiteral("priceHistoryTableWidget"));
    m_history->setHorizontalHeaderLabels(
        {tr("Provider"), tr("Operation"), tr("Unit"), tr("Price"), tr("From"), tr("Set by")});
    m_history->verticalHeader()->hide();
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_history, 1);
    layout->addWidget(buildPriceForm());
    layout->addWidget(buildRateForm());

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("pricesProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);
    connect(&m_prices, &PriceBook::changed, this, &PricesPage::reload);
    reload();
}

QWidget* PricesPage::buildPriceForm()
{
    auto* box = new QGroupBox(tr("Add a price"), this);
    auto* row = new QHBoxLayout(box);
    m_providerCombo = new QComboBox(box);
    m_providerCombo->setObjectName(QStringLiteral("priceProviderComboBox"));
    for (const ProviderInfo& info : providerCatalogue())
        m_providerCombo->addItem(info.name, providerKey(info.id));
    m_operationEdit = new QLineEdit(box);
    m_operationEdit->setObjectName(QStringLiteral("priceOperationLineEdit"));
    m_operationEdit->setPlaceholderText(tr("every operation"));
    m_unitEdit = new QLineEdit(box);
    m_unitEdit->setObjectName(QStringLiteral("priceUnitLineEdit"));
    m_unitEdit->setPlaceholderText(tr("unit"));
    m_priceEdit = new QLineEdit(box);
    m_priceEdit->setObjectName(QStringLiteral("priceAmountLineEdit"));
    m_priceEdit->setPlaceholderText(tr("0.02"));
    m_currencyCombo = new QComboBox(box);
    m_currencyCombo->setObjectName(QStringLiteral("priceCurrencyComboBox"));
    m_currencyCombo->addItems({QStringLiteral("AUD"), kUsd});
    m_priceFromEdit = new QDateEdit(today(), box);
    m_priceFromEdit->setObjectName(QStringLiteral("priceFromDateEdit"));
    m_priceFromEdit->setCalendarPopup(true);
    auto* add = new QPushButton(tr("&Add price"), box);
    add->setObjectName(QStringLiteral("addPriceButton"));
    row->addWidget(m_providerCombo);
    row->addWidget(m_operationEdit, 1);
    row->addWidget(m_unitEdit);
    row->addWidget(m_priceEdit);
    row->addWidget(m_currencyCombo);
    row->addWidget(new QLabel(tr("from"), box));
    row->addWidget(m_priceFromEdit);
    row->addWidget(add);

    // Start from what the catalogue bills in, so the usual case needs only the amount.
    auto fillFromCatalogue = [this] {
        const auto provider = providerFromKey(m_providerCombo->currentData().toString());
        if (!provider)
            return;
        const ProviderInfo& info = providerInfo(*provider);
        m_unitEdit->setText(info.unit);
        m_currencyCombo->setCurrentText(info.billingCurrency == kUsd ? kUsd : QStringLiteral("AUD"));
    };
    connect(m_providerCombo, &QComboBox::currentIndexChanged, this, fillFromCatalogue);
    fillFromCatalogue();
    connect(add, &QPushButton::clicked, this, &PricesPage::addPrice);
    return box;
}

QWidget* PricesPage::buildRateForm()
{
    auto* box = new QGroupBox(tr("US dollars"), this);
    auto* row = new QHBoxLayout(box);
    m_rateLabel = new QLabel(box);
    m_rateLabel->setObjectName(QStringLiteral("usdRateLabel"));
    m_rateEdit = new QLineEdit(box);
    m_rateEdit->setObjectName(QStringLiteral("usdRateLineEdit"));
    m_rateEdit->setPlaceholderText(tr("1.55"));
    m_rateFromEdit = new QDateEdit(today(), box);
    m_rateFromEdit->setObjectName(QStringLiteral("usdRateFromDateEdit"));
    m_rateFromEdit->setCalendarPopup(true);
    auto* set = new QPushButton(tr("Set &rate"), box);
    set->setObjectName(QStringLiteral("setRateButton"));
    row->addWidget(m_rateLabel, 1);
    row->addWidget(new QLabel(tr("A$ per US$1:"), box));
    row->addWidget(m_rateEdit);
    row->addWidget(new QLabel(tr("from"), box));
    row->addWidget(m_rateFromEdit);
    row->addWidget(set);
    connect(set, &QPushButton::clicked, this, &PricesPage::setRate);
    return box;
}

QDate PricesPage::today() const
{
    return m_guard.calendar().localDate(m_guard.now());
}

void PricesPage::reload()
{
    // Prices people set, newest first, then the catalogue's seed prices they override.
    QList<QStringList> rows;
    for (const PriceRow& price : m_prices.history()) {
        if (price.isSeed())
            continue;
        rows.append({providerInfo(price.provider).name,
                     price.operation.isEmpty() ? tr("every operation") : price.operation, price.unit,
                     price.unitPrice.toString(),
                     QLocale().toString(price.effectiveFrom, QLocale::ShortFormat), price.changedBy});
    }
    const int setRows = int(rows.size());
    for (const ProviderInfo& info : providerCatalogue())
        rows.append(
            {info.name, tr("every operation"), info.unit, unitCostText(info), tr("catalogue"), QString()});
    m_history->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(rows.at(row).at(column));
            if (column == PriceColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (row >= setRows)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            m_history->setItem(row, column, item);
        }
    }
    m_rateLabel->setText(rateText());
}

QString PricesPage::rateText() const
{
    const FxRate rate = m_prices.rateFor(kUsd, today());
    const QString amount = Money::aud(rate.audMicrosPerUnit).toString();
    if (rate.isDefault)
        return tr("US$1.00 = %1 (default — not set)").arg(amount);
    return tr("US$1.00 = %1 from %2")
        .arg(amount, QLocale().toString(rate.effectiveFrom, QLocale::ShortFormat));
}

bool PricesPage::addPrice()
{
    const auto provider = providerFromKey(m_providerCombo->currentData().toString());
    const QString text = m_priceEdit->text().trimmed();
    QString error;
    // A currency typed with the amount wins; a bare amount takes the one chosen beside it.
    std::optional<Money> price = Money::parse(text);
    if (!price)
        price = Money::parse(text + u' ' + m_currencyCombo->currentText(), &error);
    if (!provider || !price) {
        showProblem(tr("Price: %1").arg(error));
        m_priceEdit->setFocus();
        return false;
    }
    if (price->isNegative()) {
        showProblem(tr("Price: a price cannot be negative."));
        m_priceEdit->setFocus();
        return false;
    }
    if (m_unitEdit->text().trimmed().isEmpty()) {
        showProblem(tr("Unit: say what the price is per (lead, message, minute…)."));
        m_unitEdit->setFocus();
        return false;
    }
    PriceRow row;
    row.provider = *provider;
    row.operation = m_operationEdit->text().trimmed();
    row.unit = m_unitEdit->text().trimmed();
    row.unitPrice = *price;
    row.effectiveFrom = m_priceFromEdit->date();
    row.changedBy = m_changedBy;
    if (auto saved = m_prices.setPrice(row); !saved.ok()) {
        showProblem(tr("The price was not saved: %1").arg(saved.error().message));
        return false;
    }
    m_problemLabel->hide();
    m_priceEdit->clear();
    reload();
    return true;
}

bool PricesPage::setRate()
{
    const QString text = m_rateEdit->text().trimmed();
    // The rate is a plain decimal; parsing it as an amount keeps it exact to six places.
    static const QRegularExpression plainNumber(QStringLiteral("^\\d+(\\.\\d+)?$"));
    QString error;
    const std::optional<Money> perUsd = plainNumber.match(text).hasMatch()
                                            ? Money::parse(text + QStringLiteral(" AUD"), &error)
                                            : std::nullopt;
    if (!perUsd || perUsd->micros() <= 0) {
        showProblem(error.isEmpty()
                        ? tr("Rate: write how many Australian dollars one US dollar buys, such as "
                             "1.55.")
                        : tr("Rate: %1").arg(error));
        m_rateEdit->setFocus();
        return false;
    }
    FxRate rate;
    rate.currency = kUsd;
    rate.audMicrosPerUnit = perUsd->micros();
    rate.effectiveFrom = m_rateFromEdit->date();
    if (auto saved = m_prices.setRate(rate); !saved.ok()) {
        showProblem(tr("The rate was not saved: %1").arg(saved.error().message));
        return false;
    }
    m_problemLabel->hide();
    m_rateEdit->clear();
    reload();
    return true;
}

QString PricesPage::problem() const
{
    return m_problemLabel->isHidden() ? QString() : m_problemLabel->text();
}

void PricesPage::showProblem(const QString& problem)
{
    m_problemLabel->setText(problem);
    m_problemLabel->show();
}

} // namespace agency
