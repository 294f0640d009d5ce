#include "recipientvalidator.h"

#include "engine/enrichmenttypes.h"
#include "integrations/phone/phonenumbers.h"

#include <QRegularExpression>
#include <QUrl>

namespace agency {

namespace {

QString field(const char16_t* name)
{
    return QString::fromUtf16(name);
}

// Names under which no mail is ever delivered (RFC 2606 / 6761).
bool reservedDomain(const QString& domain)
{
    static const QStringList reservedSuffixes = {QStringLiteral(".test"), QStringLiteral(".example"),
                                                 QStringLiteral(".invalid"), QStringLiteral(".localhost")};
    static const QStringList reservedNames = {QStringLiteral("example.com"), QStringLiteral("example.net"),
                                              QStringLiteral("example.org")};
    for (const QString& suffix : reservedSuffixes) {
        if (domain.endsWith(suffix))
            return true;
    }
    for (const QString& name : reservedNames) {
        if (domain == name || domain.endsWith(u'.' + name))
            return true;
    }
    return false;
}

bool isAustralia(const QString& country)
{
    const QString value = country.trimmed().toLower();
    return value == u"au" || value == u"aus" || value == u"australia";
}

QString oneLine(const QStringList& parts)
{
    QStringList kept;
    for (const QString& part : parts) {
        const QString simplified = part.simplified().toLower();
        if (!simplified.isEmpty())
            kept.append(simplified);
    }
    return kept.join(QStringLiteral(", "));
}

} // namespace

QString RecipientValidator::normalisedEmail(const QString& text)
{
    const QString value = text.trimmed().toLower();
    if (!looksLikeEmail(value) || reservedDomain(value.section(u'@', 1)))
        return {};
    return value;
}

QString RecipientValidator::normalisedLinkedInProfile(const QString& text)
{
    QString value = text.trimmed();
    if (value.isEmpty())
        return {};
    if (!value.contains(QStringLiteral("://")))
        value.prepend(QStringLiteral("https://"));
    const QUrl url(value);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http"))
        return {};
    const QString host = url.host().toLower();
    if (host != u"linkedin.com" && !host.endsWith(QStringLiteral(".linkedin.com")))
        return {};
    // The path is /in/<slug> with at most a trailing slash: /in/x/details/… is a page, not a profile.
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    static const QRegularExpression profile(QStringLiteral("^/in/([A-Za-z0-9%_-]{3,100})$"));
    const auto match = profile.match(path);
    if (!match.hasMatch())
        return {};
    return QStringLiteral("https://www.linkedin.com/in/") + match.captured(1).toLower();
}

QString RecipientValidator::australianStateCode(const QString& text)
{
    static const QList<std::pair<QString, QString>> states = {
        {QStringLiteral("NSW"), QStringLiteral("new south wales")},
        {QStringLiteral("VIC"), QStringLiteral("victoria")},
        {QStringLiteral("QLD"), QStringLiteral("queensland")},
        {QStringLiteral("SA"), QStringLiteral("south australia")},
        {QStringLiteral("WA"), QStringLiteral("western australia")},
        {QStringLiteral("TAS"), QStringLiteral("tasmania")},
        {QStringLiteral("NT"), QStringLiteral("northern territory")},
        {QStringLiteral("ACT"), QStringLiteral("australian capital territory")},
    };
    const QString value = text.simplified();
    for (const auto& [code, name] : states) {
        if (value.compare(code, Qt::CaseInsensitive) == 0 || value.compare(name, Qt::CaseInsensitive) == 0)
            return code;
    }
    return {};
}

bool RecipientValidator::postcodeMatchesState(int postcode, const QString& stateCode)
{
    struct Range
    {
        const char* state;
        int first;
        int last;
    };
    // Australia Post's allocation, including the ranges for PO boxes and large-volume receivers.
    static constexpr Range ranges[] = {
        {"NSW", 1000, 2599}, {"NSW", 2619, 2899}, {"NSW", 2921, 2999}, {"ACT", 200, 299},
        {"ACT", 2600, 2618}, {"ACT", 2900, 2920}, {"VIC", 3000, 3999}, {"VIC", 8000, 8999},
        {"QLD", 4000, 4999}, {"QLD", 9000, 9999}, {"SA", 5000, 5999},  {"WA", 6000, 6797},
        {"WA", 6800, 6999},  {"TAS", 7000, 7999}, {"NT", 800, 999},
    };
    for (const Range& range : ranges) {
        if (stateCode == QLatin1StringView(range.state) && postcode >= range.first && postcode <= range.last)
            return true;
    }
    return false;
}

QString RecipientValidator::describe(const QList<FieldProblem>& problems)
{
    QStringList lines;
    for (const FieldProblem& problem : problems)
        lines.append(problem.field + QStringLiteral(": ") + problem.message);
    return lines.join(QStringLiteral("; "));
}

QList<FieldProblem> RecipientValidator::checkEmail(RecipientFields& fields, QString& key)
{
    const QString raw = recipientField(fields, RecipientField::Email);
    if (raw.isEmpty())
        return {{field(RecipientField::Email), tr("No email address.")}};
    if (!looksLikeEmail(raw))
        return {{field(RecipientField::Email), tr("“%1” is not an email address.").arg(raw)}};
    const QString email = normalisedEmail(raw);
    if (email.isEmpty())
        return {{field(RecipientField::Email),
                 tr("“%1” is at a reserved domain that never receives mail.").arg(raw)}};
    fields.insert(field(RecipientField::Email), email);
    key = email;
    return {};
}

QList<FieldProblem> RecipientValidator::checkPhone(CampaignChannel channel, RecipientFields& fields,
                                                   QString& key, const QString& defaultRegion)
{
    const QString raw = recipientField(fields, RecipientField::Phone);
    if (raw.isEmpty())
        return {{field(RecipientField::Phone), tr("No phone number.")}};
    auto parsed = PhoneNumbers::parse(raw, defaultRegion);
    if (!parsed)
        return {{field(RecipientField::Phone), parsed.error()}};
    // A text message needs a line that can receive one; a landline cannot.
    const PhoneNumberKind kind = parsed->kind;
    if (channel == CampaignChannel::Sms && kind != PhoneNumberKind::Mobile &&
        kind != PhoneNumberKind::FixedLineOrMobile)
        return {
            {field(RecipientField::Phone), tr("%1 is a %2 number and cannot receive a text message.")
                                               .arg(parsed->international, PhoneNumbers::kindName(kind))}};
    if (kind == PhoneNumberKind::PremiumRate)
        return {{field(RecipientField::Phone),
                 tr("%1 is a premium-rate number; it is never called.").arg(parsed->international)}};
    fields.insert(field(RecipientField::Phone), parsed->e164);
    key = parsed->e164;
    return {};
}

QList<FieldProblem> RecipientValidator::checkLinkedIn(RecipientFields& fields, QString& key)
{
    QString raw = recipientField(fields, RecipientField::LinkedIn);
    if (raw.isEmpty())
        raw = fields.value(QStringLiteral("linkedin")).trimmed();
    if (raw.isEmpty())
        return {{field(RecipientField::LinkedIn), tr("No LinkedIn profile URL.")}};
    const QString profile = normalisedLinkedInProfile(raw);
    if (profile.isEmpty())
        return {{field(RecipientField::LinkedIn),
                 tr("“%1” is not a LinkedIn profile URL (linkedin.com/in/…).").arg(raw)}};
    fields.insert(field(RecipientField::LinkedIn), profile);
    key = profile;
    return {};
}

QList<FieldProblem> RecipientValidator::checkAddress(RecipientFields& fields, QString& key)
{
    QList<FieldProblem> problems;
    QString name = recipientField(fields, RecipientField::Name);
    if (name.isEmpty())
        name = QString(recipientField(fields, RecipientField::FirstName) + u' ' +
                       recipientField(fields, RecipientField::LastName))
                   .simplified();
    if (name.isEmpty())
        problems.append({field(RecipientField::Name), tr("No name to address the letter to.")});
    else
        fields.insert(field(RecipientField::Name), name);

    const QString line1 = recipientField(fields, RecipientField::AddressLine1);
    if (line1.isEmpty())
        problems.append({field(RecipientField::AddressLine1), tr("No street address (line 1).")});

    QString city = recipientField(fields, RecipientField::City);
    if (city.isEmpty())
        city = recipientField(fields, RecipientField::Suburb);
    if (city.isEmpty())
        problems.append({field(RecipientField::City), tr("No city or suburb.")});
    else
        fields.insert(field(RecipientField::City), city);

    const QString country = recipientField(fields, RecipientField::Country);
    QString state = recipientField(fields, RecipientField::State);
    const QString postcode = recipientField(fields, RecipientField::Postcode);
    if (country.isEmpty()) {
        problems.append({field(RecipientField::Country), tr("No country.")});
    } else if (isAustralia(country)) {
        fields.insert(field(RecipientField::Country), QStringLiteral("AU"));
        const QString code = australianStateCode(state);
        if (state.isEmpty())
            problems.append({field(RecipientField::State), tr("No state or territory.")});
        else if (code.isEmpty())
            problems.append({field(RecipientField::State),
                             tr("“%1” is not an Australian state or territory (NSW, VIC, QLD, SA, WA, TAS, "
                                "NT, ACT).")
                                 .arg(state)});
        else
            fields.insert(field(RecipientField::State), state = code);
        static const QRegularExpression fourDigits(QStringLiteral("^[0-9]{4}$"));
        if (postcode.isEmpty())
            problems.append({field(RecipientField::Postcode), tr("No postcode.")});
        else if (!fourDigits.match(postcode).hasMatch())
            problems.append({field(RecipientField::Postcode),
                             tr("“%1” is not an Australian postcode (4 digits).").arg(postcode)});
        else if (!code.isEmpty() && !postcodeMatchesState(postcode.toInt(), code))
            problems.append(
                {field(RecipientField::Postcode), tr("Postcode %1 is not in %2.").arg(postcode, code)});
    } else if (postcode.isEmpty()) {
        problems.append({field(RecipientField::Postcode), tr("No postcode.")});
    }
    if (problems.isEmpty())
        key = oneLine({name, line1, recipientField(fields, RecipientField::AddressLine2), city, state,
                       postcode, recipientField(fields, RecipientField::Country)});
    return problems;
}

Result<ValidatedRecipient, QList<FieldProblem>> RecipientValidator::validate(CampaignChannel channel,
                                                                             const RecipientFields& fields,
                                                                             const QString& defaultRegion)
{
    ValidatedRecipient recipient;
    recipient.channel = channel;
    recipient.fields = fields;
    QList<FieldProblem> problems;
    switch (channel) {
    case CampaignChannel::Email:
        problems = checkEmail(recipient.fields, recipient.key);
        break;
    case CampaignChannel::Sms:
    case CampaignChannel::Voice:
        problems = checkPhone(channel, recipient.fields, recipient.key, defaultRegion);
        break;
    case CampaignChannel::LinkedIn:
        problems = checkLinkedIn(recipient.fields, recipient.key);
        break;
    case CampaignChannel::Letter:
        problems = checkAddress(recipient.fields, recipient.key);
        break;
    }
    if (!problems.isEmpty())
        return failure(problems);
    return recipient;
}

} // namespace agency
