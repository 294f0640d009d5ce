#pragma once
// ProvidersTableModel: the seventeen providers as table rows, with each one's credential status.

#include "engine/credentialvault.h"
#include "integrations/providerclient.h"
#include "model/providerid.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace agency {

class ProvidersTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        CategoryColumn,
        PurposeColumn,
        UnitCostColumn,
        CredentialColumn,
        StatusColumn,
        AccountColumn,
        LatencyColumn,
        CheckedColumn,
        ColumnCount
    };
    static constexpr int ProviderIdRole = Qt::UserRole + 1;

    explicit ProvidersTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    ProviderId providerAt(int row) const;
    int rowOf(ProviderId provider) const;

    /// The credential state shown in the Credential column; `error` when the vault could not tell.
    void setCredentialStatus(ProviderId provider, std::optional<CredentialStatus> status,
                             const QString& error = {});
    std::optional<CredentialStatus> credentialStatus(ProviderId provider) const;

    /// The result of a credential check, shown in the Status, Account, Latency and Checked columns.
    void setAccountStatus(ProviderId provider, const AccountStatus& status);
    void setChecking(ProviderId provider);
    void clearAccountStatus(ProviderId provider);
    std::optional<AccountStatus> accountStatus(ProviderId provider) const;

private:
    struct RowState
    {
        std::optional<CredentialStatus> status;
        QString error;
        bool known = false;
    };
    QHash<ProviderId, RowState> m_states;
    QHash<ProviderId, AccountStatus> m_checks;
    QSet<ProviderId> m_checking;
};

} // namespace agency
