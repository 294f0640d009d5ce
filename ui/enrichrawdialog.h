#pragma once
// EnrichRawDialog: each provider's own answer to one lookup, pretty-printed JSON on its own tab,
// read-only — for when a person wants to see what the provider said beyond the fields shown.

#include "model/providerid.h"

#include <QDialog>
#include <QJsonObject>
#include <QMap>

class QPlainTextEdit;
class QTabWidget;

namespace agency {

class EnrichRawDialog : public QDialog
{
    Q_OBJECT
public:
    EnrichRawDialog(const QString& subject, const QMap<ProviderId, QJsonObject>& raw,
                    QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    /// The text shown for `provider`; empty when it has no tab.
    QString jsonText(ProviderId provider) const;

private:
    QTabWidget* m_tabs = nullptr;
    QMap<ProviderId, QPlainTextEdit*> m_views;
};

} // namespace agency
