#include "budgetspage.h"

#include "model/catalogue.h"
#include "ui/spendmath.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace agency {

namespace {
enum LimitColumn
{
    DescriptionColumn,
    CapColumn,
};
} // namespace

BudgetsPage::BudgetsPage(SpendGuard& guard, ConsoleSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_guard(guard)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("budgetsPage"));
    auto* layout = new QVBoxLayout(this);
    auto* note = new QLabel(tr("A call that would cross a limit is refused before it is sent. Alerts come at "
                               "50, 80 and 95 %. Limits are saved as soon as you set them, for everyone "
                               "sharing this ledger."),
                            this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("limitsTableWidget"));
    m_table->setHorizontalHeaderLabels({tr("Limit"), tr("Cap")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CapColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto* editor = new QHBoxLayout;
    m_scopeCombo = new QComboBox(this);
    m_scopeCombo->setObjectName(QStringLiteral("limitScopeComboBox"));
    m_scopeCombo->addItem(tr("Overall"), limitScopeKey(LimitScope::Overall));
    m_scopeCombo->addItem(tr("Provider"), limitScopeKey(LimitScope::Provider));
    m_scopeCombo->addItem(tr("Campaign"), limitScopeKey(LimitScope::Campaign));
    m_scopeCombo->addItem(tr("Staff member"), limitScopeKey(LimitScope::Staff));
    m_providerCombo = new QComboBox(this);
    m_providerCombo->setObjectName(QStringLiteral("limitProviderComboBox"));
    for (const ProviderInfo& info : providerCatalogue())
        m_providerCombo->addItem(info.name, providerKey(info.id));
    m_keyEdit = new QLineEdit(this);
    m_keyEdit->setObjectName(QStringLiteral("limitKeyLineEdit"));
    m_periodCombo = new QComboBox(this);
    m_periodCombo->setObjectName(QStringLiteral("limitPeriodComboBox"));
    m_periodCombo->addItem(tr("per day"), spendPeriodKey(SpendPeriod::Day));
    m_periodCombo->addItem(tr("per month"), spendPeriodKey(SpendPeriod::Month));
    m_capEdit = new QLineEdit(this);
    m_capEdit->setObjectName(QStringLiteral("limitCapLineEdit"));
    m_capEdit->setPlaceholderText(tr("A$50.00"));
    auto* setButton = new QPushButton(tr("&Set limit"), this);
    setButton->setObjectName(QStringLiteral("setLimitButton"));
    m_removeButton = new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Remove"), this);
    m_removeButton->setObjectName(QStringLiteral("removeLimitButton"));
    m_removeButton->setEnabled(false);
    editor->addWidget(m_scopeCombo);
    editor->addWidget(m_providerCombo);
    editor->addWidget(m_keyEdit, 1);
    editor->addWidget(m_periodCombo);
    editor->addWidget(new QLabel(tr("cap:"), this));
    editor->addWidget(m_capEdit);
    editor->addWidget(setButton);
    editor->addWidget(m_removeButton);
    layout->addLayout(editor);

    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("budgetsProblemLabel"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_problemLabel->hide();
    layout->addWidget(m_problemLabel);

    auto* zoneBox = new QGroupBox(tr("Spend days"), this);
    auto* zoneForm = new QFormLayout(zoneBox);
    m_zoneEdit = new QLineEdit(QString::fromLatin1(m_settings.spendTimeZone()), zoneBox);
    m_zoneEdit->setObjectName(QStringLiteral("spendTimeZoneLineEdit"));
    QStringList zones;
    for (const QByteArray& id : QTimeZone::availableTimeZoneIds())
        zones.append(QString::fromUtf8(id));
    auto* completer = new QCompleter(zones, m_zoneEdit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_zoneEdit->setCompleter(completer);
    zoneForm->addRow(tr("&Time zone:"), m_zoneEdit);
    auto* zoneNote = new QLabel(tr("Days and months begin at midnight here (an IANA name such as "
                                   "Australia/Sydney). A change applies when the console next starts."),
                                zoneBox);
    zoneNote->setWordWrap(true);
    zoneForm->addRow(QString(), zoneNote);
    layout->addWidget(zoneBox);

    connect(m_scopeCombo, &QComboBox::currentIndexChanged, this, &BudgetsPage::updateKeyEditor);
    connect(setButton, &QPushButton::clicked, this, &BudgetsPage::setLimitFromEditor);
    connect(m_removeButton, &QPushButton::clicked, this, &BudgetsPage::removeSelectedLimit);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_removeButton->setEnabled(row >= 0);
        showLimitInEditor(row);
    });
    updateKeyEditor();
    reload();
}

void BudgetsPage::updateKeyEditor()
{
    const auto scope =
        limitScopeFromKey(m_scopeCombo->currentData().toString()).value_or(LimitScope::Overall);
    m_providerCombo->setVisible(scope == LimitScope::Provider);
    m_keyEdit->setVisible(scope == LimitScope::Campaign || scope == LimitScope::Staff);
    m_keyEdit->setPlaceholderText(scope == LimitScope::Campaign ? tr("campaign or run name")
                                                                : tr("staff member"));
}

void BudgetsPage::reload()
{
    auto limits = m_guard.limits();
    if (!limits.ok()) {
        showProblem(tr("The limits could not be read: %1").arg(limits.error().message));
        return;
    }
    m_limits = limits.value();
    m_table->setRowCount(int(m_limits.size()));
    for (int row = 0; row < m_limits.size(); ++row) {
        const SpendLimit& limit = m_limits.at(row);
        m_table->setItem(row, DescriptionColumn, new QTableWidgetItem(limit.describe()));
        auto* cap = new QTableWidgetItem(limit.cap.toString());
        cap->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, CapColumn, cap);
    }
    m_removeButton->setEnabled(m_table->currentRow() >= 0);
}

void BudgetsPage::showLimitInEditor(int row)
{
    if (row < 0 || row >= m_limits.size())
        return;
    const SpendLimit& limit = m_limits.at(row);
    m_scopeCombo->setCurrentIndex(m_scopeCombo->findData(limitScopeKey(limit.scope)));
    if (limit.scope == LimitScope::Provider)
        m_providerCombo->setCurrentIndex(m_providerCombo->findData(limit.key));
    else
        m_keyEdit->setText(limit.key);
    m_periodCombo->setCurrentIndex(m_periodCombo->findData(spendPeriodKey(limit.period)));
    m_capEdit->setText(limit.cap.toString());
}

std::optional<SpendLimit> BudgetsPage::limitFromEditor()
{
    SpendLimit limit;
    limit.scope = limitScopeFromKey(m_scopeCombo->currentData().toString()).value_or(LimitScope::Overall);
    limit.period = spendPeriodFromKey(m_periodCombo->currentData().toString()).value_or(SpendPeriod::Day);
    switch (limit.scope) {
    case LimitScope::Overall:
        break;
    case LimitScope::Provider:
        limit.key = m_providerCombo->currentData().toString();
        break;
    case LimitScope::Campaign:
    case LimitScope::Staff:
        limit.key = m_keyEdit->text().trimmed();
        if (limit.key.isEmpty()) {
            showProblem(limit.scope == LimitScope::Campaign
                            ? tr("Name the campaign or run this limit is for.")
                            : tr("Name the staff member this limit is for."));
            m_keyEdit->setFocus();
            return std::nullopt;
        }
        break;
    }
    QString error;
    const auto cap = parseAud(m_capEdit->text(), &error);
    if (!cap) {
        showProblem(tr("Cap: %1").arg(error));
        m_capEdit->setFocus();
        return std::nullopt;
    }
    if (cap->micros() <= 0) {
        showProblem(tr("Cap: a limit must be more than A$0.00; remove the limit instead."));
        m_capEdit->setFocus();
        return std::nullopt;
    }
    limit.cap = *cap;
    return limit;
}

bool BudgetsPage::setLimitFromEditor()
{
    const auto limit = limitFromEditor();
    if (!limit)
        return false;
    if (auto saved = m_guard.setLimit(*limit); !saved.ok()) {
        showProblem(tr("The limit was not saved: %1").arg(saved.error().message));
        return false;
    }
    m_problemLabel->hide();
    reload();
    for (int row = 0; row < m_limits.size(); ++row) {
        if (m_limits.at(row).sameSlot(*limit))
            m_table->selectRow(row);
    }
    return true;
}

bool BudgetsPage::removeSelectedLimit()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_limits.size())
        return false;
    if (auto removed = m_guard.removeLimit(m_limits.at(row)); !removed.ok()) {
        showProblem(tr("The limit was not removed: %1").arg(removed.error().message));
        return false;
    }
    m_problemLabel->hide();
    reload();
    return true;
}

bool BudgetsPage::apply()
{
    const QString zone = m_zoneEdit->text().trimmed();
    // IANA ids are plain ASCII ("America/Port-au-Prince", "Etc/GMT+10"); anything else names no zone.
    static const QRegularExpression ianaShape(QStringLiteral("^[A-Za-z0-9_+\\-/]+$"));
    if (!zone.isEmpty() &&
        (!ianaShape.match(zone).hasMatch() || !QTimeZone::isTimeZoneIdAvailable(zone.toLatin1()))) {
        showProblem(tr("Time zone: \"%1\" is not a time zone this computer knows; use a name such as "
                       "Australia/Sydney.")
                        .arg(zone));
        m_zoneEdit->setFocus();
        return false;
    }
    m_settings.setSpendTimeZone(zone.toLatin1());
    return true;
}

QString BudgetsPage::problem() const
{
    return m_problemLabel->isHidden() ? QString() : m_problemLabel->text();
}

void BudgetsPage::showProblem(const QString& problem)
{
    m_problemLabel->setText(problem);
    m_problemLabel->show();
}

} // namespace agency
