#pragma once
// CampaignSenderForm: the sender settings of a campaign, as fields for its channel — the from address
// and batching for Resend email, the Smartlead campaign for email through Smartlead, the Twilio number
// for SMS, the Vapi assistant and number for calls, the HeyReach campaign for LinkedIn, the PDF and
// return address for ClickSend letters. It reads and writes the sender JSON the journal keeps.

#include "engine/campaigntypes.h"

#include <QJsonObject>
#include <QWidget>

class QFormLayout;

namespace agency {

class CampaignSenderForm : public QWidget
{
    Q_OBJECT
public:
    explicit CampaignSenderForm(QWidget* parent = nullptr);

    /// Shows the fields for `channel` (email also offers the choice of Resend or Smartlead).
    void setChannel(CampaignChannel channel);
    CampaignChannel channel() const { return m_channel; }
    /// The settings entered, as the journal keeps them (empty fields left out).
    QJsonObject settings() const;
    void setSettings(const QJsonObject& settings);
    /// The field editing `key` ("from", "campaign_id"…): for tests and focus.
    QWidget* field(const QString& key) const;

Q_SIGNALS:
    void changed();

private:
    struct Field
    {
        QString key;
        QString label;
        enum class Kind
        {
            Text,
            Number,
            Flag,
            Choice,
        } kind = Kind::Text;
        QString placeholder;
        QStringList choices; ///< Choice: the values, the first the default
    };
    QList<Field> fieldsFor(CampaignChannel channel, const QString& emailProvider) const;
    void rebuild(const QJsonObject& keep);

    CampaignChannel m_channel = CampaignChannel::Email;
    QFormLayout* m_form = nullptr;
    QList<std::pair<Field, QWidget*>> m_fields;
};

} // namespace agency
