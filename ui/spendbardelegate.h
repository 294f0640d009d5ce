#pragma once
// SpendBarDelegate: draws a limit's fill as a bar behind its text — green, amber from 80 %, red at
// 100 % — from the model's PercentRole and BarStateRole.

#include <QStyledItemDelegate>

namespace agency {

class SpendBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    /// Model roles the delegate reads: the percent (int; negative = no limit) and the BarState.
    enum Role
    {
        PercentRole = Qt::UserRole + 40,
        BarStateRole,
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace agency
