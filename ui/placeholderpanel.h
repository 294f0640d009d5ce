#pragma once
// PlaceholderPanel: says plainly that a panel is not built yet, and what it will do. No fake data.

#include <QWidget>

namespace agency {

class PlaceholderPanel : public QWidget
{
    Q_OBJECT
public:
    PlaceholderPanel(const QString& title, const QString& purpose, QWidget* parent = nullptr);
};

} // namespace agency
