#include "providerstablemodel.h"

#include "model/catalogue.h"

#include <QBrush>
#include <QCoreApplication>
#include <QPalette>

namespace agency {

namespace {
QString catalogueText(const QString& text)
{
    return QCoreApplication::translate("agency::Catalogue", text.toUtf8().constData());
}
} // namespace

ProvidersTableModel::ProvidersTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int ProvidersTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(providerCatalogue().size());
}

int ProvidersTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

ProviderId ProvidersTableModel::providerAt(int row) const
{
    return providerCatalogue().at(row).id;
}

int ProvidersTableModel::rowOf(ProviderId provider) const
{
    return static_cast<int>(provider); // the catalogue is in ProviderId order
}

QVariant ProvidersTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ProviderInfo& info = providerCatalogue().at(index.row());
    if (role == ProviderIdRole)
        return QVariant::fromValue(static_cast<int>(info.id));
    const RowState state = m_states.value(info.id);

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return info.name;
        case CategoryColumn:
            return catalogueText(info.category);
        case PurposeColumn:
            return catalogueText(info.purpose);
        case UnitCostColumn:
            return info.priceVerified ? unitCostText(info) : tr("%1 (unverified)").arg(unitCostText(info));
        case CredentialColumn:
            if (!state.error.isEmpty())
                return tr("Keychain error");
            if (!state.known)
                return tr("Checking…");
            if (!state.status || *state.status == CredentialStatus::NotSet)
                return tr("Not set");
            return *state.status == CredentialStatus::Stored ? tr("Stored in keychain") : tr("Incomplete");
        }
    }
    if (role == Qt::ToolTipRole && index.column() == CredentialColumn && !state.error.isEmpty())
        return state.error;
    if (role == Qt::ForegroundRole && index.column() == CredentialColumn) {
        if (!state.error.isEmpty())
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (state.status == CredentialStatus::Stored)
            return QBrush(QColor(0x1e, 0x7b, 0x34));
        if (state.status == CredentialStatus::Incomplete)
            return QBrush(QColor(0xb3, 0x6b, 0x00));
    }
    if (role == Qt::AccessibleTextRole)
        return data(index, Qt::DisplayRole);
    return {};
}

QVariant ProvidersTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Provider");
    case CategoryColumn:
        return tr("Category");
    case PurposeColumn:
        return tr("Purpose");
    case UnitCostColumn:
        return tr("Unit cost");
    case CredentialColumn:
        return tr("Credential");
    }
    return {};
}

void ProvidersTableModel::setCredentialStatus(ProviderId provider, std::optional<CredentialStatus> status,
                                              const QString& error)
{
    m_states[provider] = RowState{status, error, true};
    const int row = rowOf(provider);
    Q_EMIT dataChanged(index(row, CredentialColumn), index(row, CredentialColumn));
}

std::optional<CredentialStatus> ProvidersTableModel::credentialStatus(ProviderId provider) const
{
    return m_states.value(provider).status;
}

} // namespace agency
