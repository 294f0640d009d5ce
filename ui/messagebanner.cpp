#include "messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace agency {

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("messageBanner"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageBannerLabel"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text, 1);
    m_dismiss = new QToolButton(this);
    m_dismiss->setObjectName(QStringLiteral("dismissBannerButton"));
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setToolTip(tr("Hide these messages"));
    m_dismiss->setAutoRaise(true);
    layout->addWidget(m_dismiss, 0, Qt::AlignTop);
    connect(m_dismiss, &QToolButton::clicked, this, &MessageBanner::dismiss);
    restyle();
    hide();
}

void MessageBanner::addMessage(const QString& message, Kind kind)
{
    if (message.isEmpty())
        return;
    if (isHidden())
        m_kind = kind;
    else if (kind == Kind::Error)
        m_kind = Kind::Error;
    m_messages.removeAll(message);
    m_messages.append(message);
    while (m_messages.size() > kMaxMessages)
        m_messages.removeFirst();
    m_text->setText(m_messages.join(u'\n'));
    restyle();
    show();
}

void MessageBanner::removeMessage(const QString& message)
{
    if (m_messages.removeAll(message) == 0)
        return;
    if (m_messages.isEmpty()) {
        dismiss();
        return;
    }
    m_text->setText(m_messages.join(u'\n'));
}

void MessageBanner::dismiss()
{
    m_messages.clear();
    m_text->clear();
    hide();
    Q_EMIT dismissed();
}

void MessageBanner::restyle()
{
    // A palette rather than a style sheet: the owner may rename the banner, and children keep theirs.
    const bool error = m_kind == Kind::Error;
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, error ? QColor(0xfd, 0xec, 0xea) : QColor(0xff, 0xf4, 0xd6));
    palette.setColor(QPalette::WindowText, error ? QColor(0x8a, 0x1c, 0x1c) : QColor(0x5c, 0x44, 0x00));
    setPalette(palette);
}

} // namespace agency
