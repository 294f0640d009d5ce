#pragma once
// EnrichResultModel: one lookup's fields as rows — the field's name, its value and the provider it
// came from, marked "cached" when the answer came from the cache rather than a new call.

#include "engine/enrichmenttypes.h"

#include <QAbstractTableModel>

namespace agency {

class EnrichResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        FieldColumn,
        ValueColumn,
        SourceColumn,
        ColumnCount
    };
    /// The field's key ("email") in every column, for tests and actions.
    static constexpr int KeyRole = Qt::UserRole + 1;

    explicit EnrichResultModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setResult(const EnrichmentResult& result);
    void clear();
    const EnrichmentResult& result() const { return m_result; }

    /// The row showing `key`, or -1.
    int rowOf(const QString& key) const;
    /// What the Source column shows for `key` ("Apollo", "Apollo (cached)"); empty when absent.
    QString sourceText(const QString& key) const;

private:
    EnrichmentResult m_result;
    QStringList m_keys; ///< in display order
};

} // namespace agency
