#pragma once
// CredentialDialog: enter, replace or delete one provider's credential fields. Secret fields are
// masked (with a reveal toggle); a secret left empty when one is stored keeps the stored value.

#include "engine/credentialvault.h"
#include "model/catalogue.h"

#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace agency {

class CredentialDialog : public QDialog
{
    Q_OBJECT
public:
    CredentialDialog(CredentialVault& vault, ProviderId provider, Profile profile, QWidget* parent = nullptr);

    /// The field's line edit, for tests and for focus handling.
    QLineEdit* fieldEdit(const QString& field) const { return m_edits.value(field); }

    /// What the last save or delete reported; empty on success.
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    /// Emitted once the stored credential is loaded and the dialog is ready for input.
    void loaded();
    void saved();
    void deleted();

public Q_SLOTS:
    void reject() override;

private:
    void buildForm();
    QCoro::Task<> load();
    QCoro::Task<> save();
    QCoro::Task<> removeStored();
    void setBusy(bool busy, const QString& message = {});
    void showProblems(const QList<FieldProblem>& problems);
    void showError(const QString& message);

    CredentialVault& m_vault;
    const ProviderInfo& m_info;
    Profile m_profile;
    Credential m_stored;
    QHash<QString, QLineEdit*> m_edits;
    QHash<QString, QLabel*> m_problemLabels;
    QLabel* m_statusLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
    QString m_lastError;
    bool m_busy = false;
};

} // namespace agency
