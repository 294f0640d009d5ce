#pragma once
// The vocabulary every campaign class shares: the channel a campaign sends on and a recipient as a
// row of named fields (a CSV row, an enrichment result, a Supabase row).

#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace agency {

enum class CampaignChannel
{
    Email,
    Sms,
    Voice, ///< an AI voice call
    LinkedIn,
    Letter,
};

/// "email", "sms", "voice", "linkedin", "letter": what the journal stores.
QString campaignChannelKey(CampaignChannel channel);
std::optional<CampaignChannel> campaignChannelFromKey(const QString& key);
/// "Email", "SMS", "Voice call"…: for a person.
QString campaignChannelName(CampaignChannel channel);

/// A recipient's fields by name: "email", "phone", "linkedin_url", "first_name", "address_line1"…
using RecipientFields = QMap<QString, QString>;

/// The field names the validator and the suppression pass read.
namespace RecipientField {
inline constexpr char16_t Email[] = u"email";
inline constexpr char16_t Phone[] = u"phone";
inline constexpr char16_t LinkedIn[] = u"linkedin_url";
inline constexpr char16_t Name[] = u"name";
inline constexpr char16_t FirstName[] = u"first_name";
inline constexpr char16_t LastName[] = u"last_name";
inline constexpr char16_t AddressLine1[] = u"address_line1";
inline constexpr char16_t AddressLine2[] = u"address_line2";
inline constexpr char16_t City[] = u"city";
inline constexpr char16_t Suburb[] = u"suburb";
inline constexpr char16_t State[] = u"state";
inline constexpr char16_t Postcode[] = u"postcode";
inline constexpr char16_t Country[] = u"country";
} // namespace RecipientField

/// A recipient field's value, trimmed; empty when absent.
QString recipientField(const RecipientFields& fields, const char16_t* name);

/// The fields as the journal keeps them (a JSON object of strings).
QJsonObject recipientJson(const RecipientFields& fields);
/// A JSON object (a journal item, a Supabase row, a campaign file's recipient) as fields: text as it is,
/// a number or boolean as JSON prints it, null (or a missing value) as empty, an object or array as
/// compact JSON.
RecipientFields recipientFieldsFromJson(const QJsonObject& object);

} // namespace agency
