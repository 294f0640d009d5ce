#pragma once
// BudgetsPage: the spend limits (overall, per provider, campaign or staff member; daily or monthly,
// in AUD) and the time zone spend days are counted in. A limit is saved as soon as it is set, for
// everyone who shares the ledger; the time zone is kept when the dialog is accepted.

#include "engine/consolesettings.h"
#include "engine/spendguard.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace agency {

class BudgetsPage : public QWidget
{
    Q_OBJECT
public:
    BudgetsPage(SpendGuard& guard, ConsoleSettings& settings, QWidget* parent = nullptr);

    /// Checks and keeps the time zone; false (with the problem shown) when it is not a known zone.
    bool apply();
    /// The problem shown under the editor; empty when none.
    QString problem() const;
    QTableWidget* limitsTable() const { return m_table; }

public Q_SLOTS:
    /// Reads the limits again.
    void reload();
    /// Sets (adds or replaces) the limit the editor describes.
    bool setLimitFromEditor();
    bool removeSelectedLimit();

private:
    std::optional<SpendLimit> limitFromEditor();
    void showLimitInEditor(int row);
    void updateKeyEditor();
    void showProblem(const QString& problem);

    SpendGuard& m_guard;
    ConsoleSettings& m_settings;
    QList<SpendLimit> m_limits;
    QTableWidget* m_table = nullptr;
    QComboBox* m_scopeCombo = nullptr;
    QComboBox* m_providerCombo = nullptr;
    QLineEdit* m_keyEdit = nullptr;
    QComboBox* m_periodCombo = nullptr;
    QLineEdit* m_capEdit = nullptr;
    QPushButton* m_removeButton = nullptr;
    QLineEdit* m_zoneEdit = nullptr;
    QLabel* m_problemLabel = nullptr;
};

} // namespace agency
