#include "enrichmentsettingspage.h"

#include "engine/consolesettings.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace agency {

namespace {

// The orders a person can choose: Apollo first (Clay the paid fallback), the reverse, or one alone.
const QList<QList<ProviderId>>& orders()
{
    static const QList<QList<ProviderId>> all = {{ProviderId::Apollo, ProviderId::Clay},
                                                 {ProviderId::Apollo},
                                                 {ProviderId::Clay, ProviderId::Apollo},
                                                 {ProviderId::Clay}};
    return all;
}

} // namespace

EnrichmentSettingsPage::EnrichmentSettingsPage(ConsoleSettings& settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
{
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("Lookups ask the cache first, then the providers in this order, and stop at the "
                      "first answer that has every required field. Answers and known misses are "
                      "kept for the time below, so nobody pays twice for the same lead."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    m_order = new QComboBox(this);
    m_order->setObjectName(QStringLiteral("enrichOrderCombo"));
    m_order->addItem(tr("Apollo, then Clay when Apollo misses"));
    m_order->addItem(tr("Apollo only"));
    m_order->addItem(tr("Clay, then Apollo"));
    m_order->addItem(tr("Clay only"));
    form->addRow(tr("Provider &order:"), m_order);

    auto* requiredRow = new QHBoxLayout;
    const std::pair<EnrichField, QString> fields[] = {{EnrichField::Email, tr("E&mail")},
                                                      {EnrichField::Phone, tr("P&hone")},
                                                      {EnrichField::Title, tr("&Title")},
                                                      {EnrichField::Company, tr("Compan&y")}};
    for (const auto& [field, label] : fields) {
        auto* box = new QCheckBox(label, this);
        box->setObjectName(QStringLiteral("require_%1").arg(enrichFieldKey(field)));
        requiredRow->addWidget(box);
        m_required.append({field, box});
    }
    requiredRow->addStretch();
    form->addRow(tr("A person lookup must find:"), requiredRow);

    m_ttlDays = new QSpinBox(this);
    m_ttlDays->setObjectName(QStringLiteral("cacheTtlSpin"));
    m_ttlDays->setRange(1, 3650);
    m_ttlDays->setSuffix(tr(" days"));
    form->addRow(tr("&Keep answers for:"), m_ttlDays);

    m_localCache = new QRadioButton(tr("This &computer"), this);
    m_teamCache = new QRadioButton(tr("The team's &Redis (its address and password are the Redis "
                                      "credential in Providers)"),
                                   this);
    m_teamCache->setObjectName(QStringLiteral("teamCacheRadio"));
    auto* cacheGroup = new QButtonGroup(this);
    cacheGroup->addButton(m_localCache);
    cacheGroup->addButton(m_teamCache);
    auto* cacheColumn = new QVBoxLayout;
    cacheColumn->addWidget(m_localCache);
    cacheColumn->addWidget(m_teamCache);
    auto* cacheNote = new QLabel(tr("A change of cache applies at the next start."), this);
    cacheNote->setEnabled(false);
    cacheColumn->addWidget(cacheNote);
    form->addRow(tr("Cache:"), cacheColumn);

    m_clayRoutine = new QLineEdit(this);
    m_clayRoutine->setObjectName(QStringLiteral("clayRoutineEdit"));
    m_clayRoutine->setPlaceholderText(tr("the routine that enriches one person; empty: Clay is skipped"));
    form->addRow(tr("Clay &routine:"), m_clayRoutine);
    m_clayCredits = new QSpinBox(this);
    m_clayCredits->setObjectName(QStringLiteral("clayCreditsSpin"));
    m_clayCredits->setRange(1, 1000);
    m_clayCredits->setSuffix(tr(" credits"));
    m_clayCredits->setToolTip(tr("What one run of the routine costs at most; estimates use it."));
    form->addRow(tr("Clay credits per &lookup:"), m_clayCredits);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("enrichmentSettingsProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    layout->addWidget(m_problem);
    layout->addStretch();

    load(settings.enrichmentSettings());
}

void EnrichmentSettingsPage::load(const EnrichmentSettings& settings)
{
    const qsizetype order = orders().indexOf(settings.order);
    m_order->setCurrentIndex(order < 0 ? 0 : int(order));
    for (const auto& [field, box] : std::as_const(m_required))
        box->setChecked(settings.defaultRequired.contains(field));
    m_ttlDays->setValue(int(std::chrono::duration_cast<std::chrono::hours>(settings.cacheTtl).count() / 24));
    (settings.teamCache ? m_teamCache : m_localCache)->setChecked(true);
    m_clayRoutine->setText(settings.clayRoutineId);
    m_clayCredits->setValue(int(settings.clayCreditsPerItem));
}

QCheckBox* EnrichmentSettingsPage::requiredCheckBox(EnrichField field) const
{
    for (const auto& [candidate, box] : m_required)
        if (candidate == field)
            return box;
    return nullptr;
}

EnrichmentSettings EnrichmentSettingsPage::settings() const
{
    EnrichmentSettings settings = m_settings.enrichmentSettings(); // keeps what the page does not show
    settings.order = orders().value(m_order->currentIndex(), orders().first());
    settings.defaultRequired.clear();
    for (const auto& [field, box] : m_required)
        if (box->isChecked())
            settings.defaultRequired.insert(field);
    settings.cacheTtl = std::chrono::hours(24 * m_ttlDays->value());
    settings.teamCache = m_teamCache->isChecked();
    settings.clayRoutineId = m_clayRoutine->text().trimmed();
    settings.clayCreditsPerItem = m_clayCredits->value();
    return settings;
}

QString EnrichmentSettingsPage::problem() const
{
    const EnrichmentSettings wanted = settings();
    if (wanted.defaultRequired.isEmpty())
        return tr("Choose at least one field a person lookup must find; otherwise every lookup stops at the "
                  "first provider, whatever it found.");
    if (wanted.order == QList<ProviderId>{ProviderId::Clay} && wanted.clayRoutineId.isEmpty())
        return tr("“Clay only” needs the Clay routine: without one, no provider would be asked.");
    static const QRegularExpression routineShape(QStringLiteral("^[A-Za-z0-9_-]*$"));
    if (!routineShape.match(wanted.clayRoutineId).hasMatch())
        return tr("The Clay routine id “%1” has characters an id does not have (letters, digits, - and _).")
            .arg(wanted.clayRoutineId);
    return {};
}

bool EnrichmentSettingsPage::apply()
{
    const QString why = problem();
    m_problem->setText(why);
    if (!why.isEmpty())
        return false;
    m_settings.setEnrichmentSettings(settings());
    return true;
}

QString EnrichmentSettingsPage::problemText() const
{
    return m_problem->text();
}

} // namespace agency
