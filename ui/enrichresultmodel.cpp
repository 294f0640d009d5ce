#include "enrichresultmodel.h"

#include "model/catalogue.h"
#include "ui/enrichfields.h"

#include <QLocale>

namespace agency {

EnrichResultModel::EnrichResultModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

int EnrichResultModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int EnrichResultModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnrichResultModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_keys.size())
        return {};
    const QString& key = m_keys.at(index.row());
    const SourcedValue field = m_result.fields.value(key);
    if (role == KeyRole)
        return key;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case FieldColumn:
            return enrichfields::label(key);
        case ValueColumn: {
            bool isCount = false;
            const qlonglong count = field.value.toLongLong(&isCount);
            return enrichfields::isNumber(key) && isCount ? QLocale().toString(count) : field.value;
        }
        case SourceColumn:
            return sourceText(key);
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == ValueColumn)
            return field.value;
        if (index.column() == SourceColumn && m_result.fromCache && m_result.fetchedAt.isValid())
            return tr("From the cache: %1 answered on %2; nothing was spent this time.")
                .arg(providerInfo(field.source).name,
                     QLocale().toString(m_result.fetchedAt.toLocalTime(), QLocale::ShortFormat));
    }
    return {};
}

QVariant EnrichResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Field");
    case ValueColumn:
        return tr("Value");
    case SourceColumn:
        return tr("Source");
    }
    return {};
}

void EnrichResultModel::setResult(const EnrichmentResult& result)
{
    beginResetModel();
    m_result = result;
    m_keys = enrichfields::keysOf(result);
    endResetModel();
}

void EnrichResultModel::clear()
{
    setResult(EnrichmentResult{});
}

int EnrichResultModel::rowOf(const QString& key) const
{
    return int(m_keys.indexOf(key));
}

QString EnrichResultModel::sourceText(const QString& key) const
{
    if (!m_result.fields.contains(key))
        return {};
    const QString name = providerInfo(m_result.fields.value(key).source).name;
    return m_result.fromCache ? tr("%1 (cached)").arg(name) : name;
}

} // namespace agency
