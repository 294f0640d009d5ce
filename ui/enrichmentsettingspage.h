#pragma once
// EnrichmentSettingsPage: how lookups run — which providers are asked and in what order, what a
// person lookup must find to stop early, how long answers (and known misses) are kept, whether the
// cache is this computer's or the team's Redis, and the Clay routine that is the paid fallback.

#include "engine/enrichmenttypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace agency {

class ConsoleSettings;

class EnrichmentSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit EnrichmentSettingsPage(ConsoleSettings& settings, QWidget* parent = nullptr);

    /// The settings the fields describe.
    EnrichmentSettings settings() const;
    /// Empty when the fields are usable; else what is wrong.
    QString problem() const;
    /// Stores the fields (the running service takes them at once); false with problemText() when refused.
    bool apply();
    QString problemText() const;

    QComboBox* orderCombo() const { return m_order; }
    QCheckBox* requiredCheckBox(EnrichField field) const;
    QSpinBox* ttlSpin() const { return m_ttlDays; }
    QRadioButton* teamCacheButton() const { return m_teamCache; }
    QLineEdit* clayRoutineEdit() const { return m_clayRoutine; }
    QSpinBox* clayCreditsSpin() const { return m_clayCredits; }

private:
    void load(const EnrichmentSettings& settings);

    ConsoleSettings& m_settings;
    QComboBox* m_order = nullptr;
    QList<QPair<EnrichField, QCheckBox*>> m_required;
    QSpinBox* m_ttlDays = nullptr;
    QRadioButton* m_localCache = nullptr;
    QRadioButton* m_teamCache = nullptr;
    QLineEdit* m_clayRoutine = nullptr;
    QSpinBox* m_clayCredits = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace agency
