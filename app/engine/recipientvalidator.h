#pragma once
// RecipientValidator: checks a recipient for one channel and gives back its normalised form — email
// lower-cased with a real-looking domain, phone in E.164 (AU by default), the canonical LinkedIn
// profile URL, or a complete postal address — or the reasons it cannot be sent to, each naming its field.

#include "engine/campaigntypes.h"
#include "model/credential.h" // FieldProblem
#include "model/result.h"

#include <QCoreApplication>
#include <QList>

namespace agency {

struct ValidatedRecipient
{
    CampaignChannel channel = CampaignChannel::Email;
    /// The normalised address on the channel: "jane@acme.com", "+61412345678",
    /// "https://www.linkedin.com/in/jane-doe", or the letter's address on one line (lower case).
    QString key;
    RecipientFields fields; ///< the input, with the channel's fields replaced by their normalised form
};

class RecipientValidator
{
    Q_DECLARE_TR_FUNCTIONS(agency::RecipientValidator)
public:
    static Result<ValidatedRecipient, QList<FieldProblem>>
    validate(CampaignChannel channel, const RecipientFields& fields,
             const QString& defaultRegion = QStringLiteral("AU"));

    /// "Jane@Acme.COM " → "jane@acme.com"; empty when it is not a deliverable-looking address.
    static QString normalisedEmail(const QString& text);
    /// Any form of a profile URL ("au.linkedin.com/in/Jane-Doe/?trk=x") →
    /// "https://www.linkedin.com/in/jane-doe"; empty when it is not a profile URL.
    static QString normalisedLinkedInProfile(const QString& text);
    /// "nsw", "New South Wales" → "NSW"; empty when it is not an Australian state or territory.
    static QString australianStateCode(const QString& text);
    /// Whether an Australian postcode belongs to the state (Australia Post's ranges).
    static bool postcodeMatchesState(int postcode, const QString& stateCode);

    /// "email: … ; phone: …" — every problem on one line.
    static QString describe(const QList<FieldProblem>& problems);

private:
    static QList<FieldProblem> checkEmail(RecipientFields& fields, QString& key);
    static QList<FieldProblem> checkPhone(CampaignChannel channel, RecipientFields& fields, QString& key,
                                          const QString& defaultRegion);
    static QList<FieldProblem> checkLinkedIn(RecipientFields& fields, QString& key);
    static QList<FieldProblem> checkAddress(RecipientFields& fields, QString& key);
};

} // namespace agency
