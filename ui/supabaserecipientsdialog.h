#pragma once
// SupabaseRecipientsDialog: campaign recipients from a table in the agency's Supabase project — the
// table, a PostgREST filter (checked as it is typed, before anything is sent), the columns and a row
// limit; rows are read page by page with progress, and Cancel stops between pages.

#include "engine/campaigntypes.h"
#include "integrations/http/cancellation.h"

#include <QDialog>

#include <qcoro/qcorotask.h>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace agency {

class ConsoleSettings;
class ProviderHub;

class SupabaseRecipientsDialog : public QDialog
{
    Q_OBJECT
public:
    SupabaseRecipientsDialog(ProviderHub& hub, ConsoleSettings& settings, QWidget* parent = nullptr);
    ~SupabaseRecipientsDialog() override;

    void setTable(const QString& table);
    void setFilter(const QString& filter);
    /// Reads the rows; loaded() or failed() follows (the reason is shown).
    void load();
    const QList<RecipientFields>& rows() const { return m_rows; }
    /// "leads where status=eq.new": how the panel names these recipients.
    QString sourceName() const;
    QString problemText() const;

Q_SIGNALS:
    void loaded();
    void failed(const QString& reason);

private:
    QCoro::Task<> readRows();
    void checkQuery();

    ProviderHub& m_hub;
    ConsoleSettings& m_settings;
    QList<RecipientFields> m_rows;
    CancelToken m_cancel;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    QLineEdit* m_table = nullptr;
    QLineEdit* m_filter = nullptr;
    QLineEdit* m_columns = nullptr;
    QSpinBox* m_maxRows = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_progress = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_cancelButton = nullptr;
};

} // namespace agency
