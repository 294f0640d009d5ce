#include "accountdetailsdialog.h"

#include "model/catalogue.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace agency {

AccountDetailsDialog::AccountDetailsDialog(ProviderId provider, const AccountStatus& status, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("accountDetailsDialog"));
    setWindowTitle(tr("%1 account").arg(providerInfo(provider).name));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    auto addRow = [&](const QString& label, const QString& value) {
        auto* text = new QLabel(value, this);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        text->setWordWrap(true);
        form->addRow(label, text);
    };
    addRow(tr("Status:"), accountStateName(status.state));
    addRow(tr("Summary:"), status.summary);
    if (!status.plan.isEmpty())
        addRow(tr("Plan:"), status.plan);
    if (status.balance)
        addRow(tr("Balance:"), status.balance->toString());
    for (const auto& [label, value] : status.details)
        addRow(label + u':', value);
    addRow(tr("Latency:"), tr("%1 ms").arg(status.latency.count()));
    if (status.checkedAt.isValid())
        addRow(tr("Checked:"), QLocale().toString(status.checkedAt.toLocalTime(), QLocale::LongFormat));
    if (status.error) {
        addRow(tr("Error:"), status.error->message());
        if (status.error->httpStatus)
            addRow(tr("HTTP status:"), QString::number(status.error->httpStatus));
        if (!status.error->requestId.isEmpty())
            addRow(tr("Request id:"), status.error->requestId);
    }
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

} // namespace agency
