#include "enrichrawdialog.h"

#include "model/catalogue.h"
#include "model/redaction.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace agency {

EnrichRawDialog::EnrichRawDialog(const QString& subject, const QMap<ProviderId, QJsonObject>& raw,
                                 QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("enrichRawDialog"));
    setWindowTitle(tr("Raw response — %1").arg(subject));
    auto* layout = new QVBoxLayout(this);
    auto* caption = new QLabel(tr("What each provider answered, as it sent it."), this);
    caption->setWordWrap(true);
    layout->addWidget(caption);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("rawResponseTabs"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (auto it = raw.begin(); it != raw.end(); ++it) {
        auto* view = new QPlainTextEdit(m_tabs);
        view->setObjectName(QStringLiteral("rawJson_%1").arg(providerKey(it.key())));
        view->setReadOnly(true);
        view->setFont(mono);
        view->setLineWrapMode(QPlainTextEdit::NoWrap);
        // A provider may echo a request back; whatever looks like a credential is masked.
        view->setPlainText(
            Redactor::redact(QString::fromUtf8(QJsonDocument(it.value()).toJson(QJsonDocument::Indented))));
        m_tabs->addTab(view, providerInfo(it.key()).name);
        m_views.insert(it.key(), view);
    }
    layout->addWidget(m_tabs, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 560);
}

QString EnrichRawDialog::jsonText(ProviderId provider) const
{
    const QPlainTextEdit* view = m_views.value(provider);
    return view ? view->toPlainText() : QString();
}

} // namespace agency
