#include "spendbardelegate.h"

#include "ui/spendmath.h"

#include <QApplication>
#include <QPainter>

namespace agency {

void SpendBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    const QVariant percentValue = index.data(PercentRole);
    const int percent = percentValue.isValid() ? percentValue.toInt() : -1;
    if (percent < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // selection and background

    const auto state = BarState(index.data(BarStateRole).toInt());
    const QRect track = option.rect.adjusted(4, 4, -4, -4);
    const int filled = int(qint64(track.width()) * std::min(percent, 100) / 100);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 24));
    painter->drawRoundedRect(track, 3, 3);
    if (filled > 0) {
        painter->setBrush(barColour(state));
        painter->drawRoundedRect(QRect(track.topLeft(), QSize(filled, track.height())), 3, 3);
    }
    // The text is drawn twice, clipped: white over the bar, the normal colour over the empty track.
    const QRect barPart(track.topLeft(), QSize(filled, track.height()));
    painter->setClipRect(barPart);
    painter->setPen(Qt::white);
    painter->drawText(track, Qt::AlignCenter, text);
    painter->setClipRect(track.adjusted(filled, 0, 0, 0));
    painter->setPen(option.palette.color(QPalette::Text));
    painter->drawText(track, Qt::AlignCenter, text);
    painter->restore();
}

QSize SpendBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 110));
    return size;
}

} // namespace agency
