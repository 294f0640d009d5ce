#include "campaignsenderform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QSpinBox>

namespace agency {

CampaignSenderForm::CampaignSenderForm(QWidget* parent)
    : QWidget(parent)
{
    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    rebuild({});
}

QList<CampaignSenderForm::Field> CampaignSenderForm::fieldsFor(CampaignChannel channel,
                                                               const QString& emailProvider) const
{
    using K = Field::Kind;
    switch (channel) {
    case CampaignChannel::Email:
        if (emailProvider == u"smartlead")
            return {{QStringLiteral("provider"),
                     tr("Send &through"),
                     K::Choice,
                     {},
                     {QStringLiteral("resend"), QStringLiteral("smartlead")}},
                    {QStringLiteral("campaign_id"), tr("Smartlead &campaign ID"), K::Number, {}, {}},
                    {QStringLiteral("message_field"),
                     tr("Message custom &field"),
                     K::Text,
                     QStringLiteral("console_message"),
                     {}}};
        return {{QStringLiteral("provider"),
                 tr("Send &through"),
                 K::Choice,
                 {},
                 {QStringLiteral("resend"), QStringLiteral("smartlead")}},
                {QStringLiteral("from"), tr("&From"), K::Text, tr("Agency <hello@mail.agency.com.au>"), {}},
                {QStringLiteral("reply_to"), tr("&Reply to"), K::Text, tr("optional"), {}},
                {QStringLiteral("html"), tr("The message is &HTML"), K::Flag, {}, {}},
                {QStringLiteral("batch"), tr("Send in &batches of up to 100"), K::Flag, {}, {}}};
    case CampaignChannel::Sms:
        return {{QStringLiteral("from"), tr("&From"), K::Text, tr("+61… or a sender ID"), {}}};
    case CampaignChannel::Voice:
        return {{QStringLiteral("assistant_id"), tr("Vapi &assistant ID"), K::Text, {}, {}},
                {QStringLiteral("phone_number_id"), tr("Vapi phone &number ID"), K::Text, {}, {}}};
    case CampaignChannel::LinkedIn:
        return {{QStringLiteral("campaign_id"), tr("HeyReach &campaign ID"), K::Number, {}, {}},
                {QStringLiteral("linkedin_account_id"), tr("LinkedIn &account ID"), K::Number, {}, {}},
                {QStringLiteral("message_field"),
                 tr("Message custom &field"),
                 K::Text,
                 QStringLiteral("console_message"),
                 {}}};
    case CampaignChannel::Letter:
        return {{QStringLiteral("pdf_path"), tr("Letter &PDF"), K::Text, tr("/path/to/letter.pdf"), {}},
                {QStringLiteral("file_url"),
                 tr("…or PDF &URL"),
                 K::Text,
                 QStringLiteral("https://…/letter.pdf"),
                 {}},
                {QStringLiteral("return_address_id"), tr("&Return address ID"), K::Number, {}, {}},
                {QStringLiteral("colour"), tr("&Colour"), K::Flag, {}, {}},
                {QStringLiteral("duplex"), tr("&Double-sided"), K::Flag, {}, {}},
                {QStringLiteral("priority_post"), tr("Priority &post"), K::Flag, {}, {}}};
    }
    return {};
}

void CampaignSenderForm::setChannel(CampaignChannel channel)
{
    if (channel == m_channel && !m_fields.isEmpty())
        return;
    m_channel = channel;
    rebuild({});
    Q_EMIT changed();
}

void CampaignSenderForm::rebuild(const QJsonObject& keep)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    const QString provider = keep.value(u"provider").toString();
    for (const Field& spec : fieldsFor(m_channel, provider)) {
        QWidget* editor = nullptr;
        const QJsonValue value = keep.value(spec.key);
        switch (spec.kind) {
        case Field::Kind::Text: {
            auto* line = new QLineEdit(this);
            line->setPlaceholderText(spec.placeholder);
            line->setText(value.isArray() ? value.toArray().first().toString() : value.toString());
            connect(line, &QLineEdit::textChanged, this, &CampaignSenderForm::changed);
            editor = line;
            break;
        }
        case Field::Kind::Number: {
            auto* spin = new QSpinBox(this);
            spin->setRange(0, std::numeric_limits<int>::max());
            spin->setSpecialValueText(tr("not set"));
            spin->setValue(int(value.toInteger(0)));
            connect(spin, &QSpinBox::valueChanged, this, &CampaignSenderForm::changed);
            editor = spin;
            break;
        }
        case Field::Kind::Flag: {
            auto* box = new QCheckBox(this);
            box->setChecked(value.toBool());
            connect(box, &QCheckBox::toggled, this, &CampaignSenderForm::changed);
            editor = box;
            break;
        }
        case Field::Kind::Choice: {
            auto* combo = new QComboBox(this);
            combo->addItems(spec.choices);
            combo->setCurrentText(value.toString(spec.choices.value(0)));
            // Email through Smartlead asks for other settings than through Resend.
            connect(combo, &QComboBox::currentTextChanged, this, [this] {
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        rebuild(settings());
                        Q_EMIT changed();
                    },
                    Qt::QueuedConnection);
            });
            editor = combo;
            break;
        }
        }
        editor->setObjectName(spec.key + QStringLiteral("SenderField"));
        m_form->addRow(spec.label, editor);
        m_fields.append({spec, editor});
    }
}

QJsonObject CampaignSenderForm::settings() const
{
    QJsonObject object;
    for (const auto& entry : m_fields) {
        const Field& spec = entry.first;
        switch (spec.kind) {
        case Field::Kind::Text:
            if (const QString text = static_cast<QLineEdit*>(entry.second)->text().trimmed(); !text.isEmpty())
                object.insert(spec.key,
                              spec.key == u"reply_to" ? QJsonValue(QJsonArray{text}) : QJsonValue(text));
            break;
        case Field::Kind::Number:
            if (const int value = static_cast<QSpinBox*>(entry.second)->value(); value > 0)
                object.insert(spec.key, value);
            break;
        case Field::Kind::Flag:
            if (static_cast<QCheckBox*>(entry.second)->isChecked())
                object.insert(spec.key, true);
            break;
        case Field::Kind::Choice:
            object.insert(spec.key, static_cast<QComboBox*>(entry.second)->currentText());
            break;
        }
    }
    return object;
}

void CampaignSenderForm::setSettings(const QJsonObject& settings)
{
    rebuild(settings);
}

QWidget* CampaignSenderForm::field(const QString& key) const
{
    for (const auto& entry : m_fields) {
        if (entry.first.key == key)
            return entry.second;
    }
    return nullptr;
}

} // namespace agency
