#include "providerstablemodel.h"

#include "model/catalogue.h"

#include <QBrush>
#include <QCoreApplication>
#include <QLocale>
#include <QPalette>

namespace agency {

namespace {
QString catalogueText(const QString& text)
{
    return QCoreApplication::translate("agency::Catalogue", text.toUtf8().constData());
}

QString stateText(AccountStatus::State state)
{
    switch (state) {
    case AccountStatus::State::Valid:
        return ProvidersTableModel::tr("Valid");
    case AccountStatus::State::ValidLimited:
        return ProvidersTableModel::tr("Valid (limited)");
    case AccountStatus::State::Invalid:
        return ProvidersTableModel::tr("Invalid");
    case AccountStatus::State::RateLimited:
        return ProvidersTableModel::tr("Rate-limited");
    case AccountStatus::State::Unreachable:
        return ProvidersTableModel::tr("Unreachable");
    case AccountStatus::State::NoTestAvailable:
        return ProvidersTableModel::tr("No test available");
    case AccountStatus::State::NotConfigured:
        return ProvidersTableModel::tr("Not configured");
    }
    return QString();
}

QColor stateColour(AccountStatus::State state)
{
    switch (state) {
    case AccountStatus::State::Valid:
        return QColor(0x1e, 0x7b, 0x34);
    case AccountStatus::State::ValidLimited:
    case AccountStatus::State::RateLimited:
        return QColor(0xb3, 0x6b, 0x00);
    case AccountStatus::State::Invalid:
    case AccountStatus::State::Unreachable:
        return QColor(0xb0, 0x20, 0x20);
    default:
        return QColor(0x66, 0x66, 0x66);
    }
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
        case StatusColumn:
            if (m_checking.contains(info.id))
                return tr("Testing…");
            return m_checks.contains(info.id) ? stateText(m_checks.value(info.id).state) : QString();
        case AccountColumn:
            return m_checking.contains(info.id) ? QString() : m_checks.value(info.id).summary;
        case LatencyColumn:
            if (!m_checks.contains(info.id) || m_checking.contains(info.id))
                return QString();
            return tr("%1 ms").arg(m_checks.value(info.id).latency.count());
        case CheckedColumn: {
            const QDateTime at = m_checks.value(info.id).checkedAt;
            return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
        }
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
    if (role == Qt::ToolTipRole && (index.column() == StatusColumn || index.column() == AccountColumn) &&
        m_checks.contains(info.id))
        return m_checks.value(info.id).summary;
    if (role == Qt::ForegroundRole && index.column() == StatusColumn && m_checks.contains(info.id) &&
        !m_checking.contains(info.id))
        return QBrush(stateColour(m_checks.value(info.id).state));
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
    case StatusColumn:
        return tr("Status");
    case AccountColumn:
        return tr("Account");
    case LatencyColumn:
        return tr("Latency");
    case CheckedColumn:
        return tr("Last checked");
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

void ProvidersTableModel::setAccountStatus(ProviderId provider, const AccountStatus& status)
{
    m_checking.remove(provider);
    m_checks.insert(provider, status);
    const int row = rowOf(provider);
    Q_EMIT dataChanged(index(row, StatusColumn), index(row, CheckedColumn));
}

void ProvidersTableModel::clearAccountStatus(ProviderId provider)
{
    m_checking.remove(provider);
    m_checks.remove(provider);
    const int row = rowOf(provider);
    Q_EMIT dataChanged(index(row, StatusColumn), index(row, CheckedColumn));
}

void ProvidersTableModel::setChecking(ProviderId provider)
{
    m_checking.insert(provider);
    const int row = rowOf(provider);
    Q_EMIT dataChanged(index(row, StatusColumn), index(row, CheckedColumn));
}

std::optional<AccountStatus> ProvidersTableModel::accountStatus(ProviderId provider) const
{
    if (!m_checks.contains(provider))
        return std::nullopt;
    return m_checks.value(provider);
}

std::optional<CredentialStatus> ProvidersTableModel::credentialStatus(ProviderId provider) const
{
    return m_states.value(provider).status;
}

} // namespace agency
