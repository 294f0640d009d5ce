#include "placeholderpanel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace agency {

PlaceholderPanel::PlaceholderPanel(const QString& title, const QString& purpose, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(QStringLiteral("<h2>%1</h2>").arg(title.toHtmlEscaped()), this);
    auto* body = new QLabel(purpose, this);
    body->setWordWrap(true);
    auto* status =
        new QLabel(tr("This panel is not built yet. Nothing here spends money or shows data."), this);
    status->setObjectName(QStringLiteral("notBuiltLabel"));
    status->setStyleSheet(QStringLiteral("color: #666;"));
    layout->addWidget(heading);
    layout->addWidget(body);
    layout->addWidget(status);
    layout->addStretch();
}

} // namespace agency
