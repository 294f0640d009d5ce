#pragma once
// SuppressionsDialog: the agency's "do not contact" list — every email, domain, phone number and
// LinkedIn profile that no campaign may reach, with why and who added it. Add one or paste many (one
// per line; those that are not an address of the kind are named, nothing of them stored), remove
// the selected ones. Every campaign's audience check reads this list before it runs.

#include "engine/suppressionlist.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace agency {

class SuppressionsDialog : public QDialog
{
    Q_OBJECT
public:
    /// `addedBy`: the staff member the entries are recorded against.
    SuppressionsDialog(Database& database, const QString& addedBy, QWidget* parent = nullptr);

    void setKind(SuppressionKind kind);
    void setReason(SuppressionReason reason);
    /// Adds the values (one per line) under the chosen kind and reason; the outcome is shown.
    void addValues(const QString& lines);
    /// Removes the selected rows.
    void removeSelected();
    /// Reads the list again (newest first).
    void reload();
    QTableWidget* table() const { return m_table; }
    QString statusText() const;

Q_SIGNALS:
    /// The list changed: audiences should be checked again.
    void changed();

private:
    SuppressionList m_list;
    QString m_addedBy;
    QComboBox* m_kind = nullptr;
    QComboBox* m_reason = nullptr;
    QPlainTextEdit* m_values = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace agency
