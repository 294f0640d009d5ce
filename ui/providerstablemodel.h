#pragma once
// ProvidersTableModel: the seventeen providers as table rows, with each one's credential status.

#include "engine/credentialvault.h"
#include "model/providerid.h"

#include <QAbstractTableModel>
#include <QHash>

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

private:
    struct RowState
    {
        std::optional<CredentialStatus> status;
        QString error;
        bool known = false;
    };
    QHash<ProviderId, RowState> m_states;
};

} // namespace agency
