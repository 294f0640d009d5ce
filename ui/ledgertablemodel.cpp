#include "ledgertablemodel.h"

#include "model/catalogue.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace agency {

LedgerTableModel::LedgerTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int LedgerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LedgerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case WhenColumn:
        return tr("When");
    case ProviderColumn:
        return tr("Provider");
    case OperationColumn:
        return tr("Operation");
    case UnitsColumn:
        return tr("Units");
    case AmountColumn:
        return tr("Amount");
    case AudColumn:
        return tr("AUD");
    case SourceColumn:
        return tr("Source");
    case StaffColumn:
        return tr("Staff");
    case CampaignColumn:
        return tr("Campaign");
    case ReferenceColumn:
        return tr("Reference");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

QVariant LedgerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const LedgerRow& row = m_rows.at(index.row());
    const CostEvent& event = row.event;
    const bool correction = row.corrects != 0;
    if (role == CorrectionRole)
        return correction;
    if (role == Qt::BackgroundRole && correction)
        return QBrush(QColor(0xff, 0xf4, 0xd6));
    if (role == Qt::FontRole && correction) {
        QFont font;
        font.setItalic(true);
        return font;
    }
    if (role == Qt::ToolTipRole && correction)
        return tr("Correction: the provider reported what estimated event #%1 really cost").arg(row.corrects);
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn:
        case UnitsColumn:
        case AmountColumn:
        case AudColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return QString::number(row.id);
    case WhenColumn:
        return event.at.toTimeZone(m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case ProviderColumn:
        return providerInfo(event.provider).name;
    case OperationColumn:
        return event.operation;
    case UnitsColumn:
        return event.unit.isEmpty() ? QLocale().toString(event.units)
                                    : tr("%1 %2").arg(QLocale().toString(event.units), event.unit);
    case AmountColumn:
        return event.amount.isValid() ? event.amount.toString() : QString();
    case AudColumn:
        return event.amountAud.isValid() ? event.amountAud.toString() : tr("not converted");
    case SourceColumn:
        return event.source == CostSource::Reported ? tr("reported") : tr("estimated");
    case StaffColumn:
        return event.staffMember;
    case CampaignColumn:
        return event.campaignOrRun;
    case ReferenceColumn:
        return event.providerReference;
    case NoteColumn:
        return correction ? tr("Correction of #%1").arg(row.corrects) : QString();
    default:
        return {};
    }
}

void LedgerTableModel::reset(QList<LedgerRow> firstPage)
{
    beginResetModel();
    m_rows = std::move(firstPage);
    endResetModel();
}

bool LedgerTableModel::mergeNewest(const QList<LedgerRow>& firstPage)
{
    if (m_rows.isEmpty()) {
        reset(firstPage);
        return true;
    }
    const qint64 newestShown = m_rows.constFirst().id;
    qsizetype fresh = 0;
    while (fresh < firstPage.size() && firstPage.at(fresh).id > newestShown)
        ++fresh;
    // The page must reach the newest row shown, or rows between them would be missing.
    if (fresh == firstPage.size() && !firstPage.isEmpty())
        return false;
    if (firstPage.isEmpty())
        return false;
    if (fresh == 0)
        return true;
    beginInsertRows({}, 0, int(fresh) - 1);
    m_rows = firstPage.mid(0, fresh) + m_rows;
    endInsertRows();
    return true;
}

void LedgerTableModel::appendOlder(const QList<LedgerRow>& page)
{
    if (page.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size()) - 1);
    m_rows.append(page);
    endInsertRows();
}

} // namespace agency
