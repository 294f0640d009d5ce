#pragma once
// MessageTemplate: a campaign message with mustache merge fields (kainjow mustache). Parsed once;
// lists the fields it uses; for each recipient it names the fields that would leave a hole, so such an
// item is blocked instead of sent — unless the template gives a default.
//
// A default is an inverted section of the same name: "Hi {{first_name}}{{^first_name}}there{{/first_name}},"
// reads "Hi Jane," or "Hi there,". A field used only inside {{#field}}…{{/field}} is optional too.
// An empty or blank value counts as no value. Field names are flat: "company.name" is one field.

#include "engine/campaigntypes.h"
#include "model/result.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace agency {

enum class TemplateEscaping
{
    PlainText, ///< SMS, LinkedIn, a voice script, a plain-text email: values go in as they are
    Html,      ///< an HTML email: values are HTML-escaped ({{{field}}} opts out)
};

struct TemplateError
{
    QString message; ///< "Line 2, column 7: section “offer” is opened but never closed."
    int line = 0;    ///< 1-based
    int column = 0;  ///< 1-based, in characters
};

struct RenderRefusal
{
    QStringList missingFields;
    QString message;
};

class MessageTemplate
{
    Q_DECLARE_TR_FUNCTIONS(agency::MessageTemplate)
public:
    /// A template that does not parse, or uses a partial ({{> name}}), is refused with its position.
    static Result<MessageTemplate, TemplateError>
    parse(const QString& text, TemplateEscaping escaping = TemplateEscaping::PlainText);
    /// Default-constructed: the empty template (needed by Result).
    MessageTemplate();

    const QString& text() const { return m_text; }
    TemplateEscaping escaping() const { return m_escaping; }
    /// Every field the template names (values and sections), in order of first use.
    QStringList variables() const;
    /// The fields that have a default (an inverted section of their name).
    QStringList defaultedFields() const;
    /// The fields this recipient lacks where the template would print them without a default.
    QStringList missingFields(const RecipientFields& fields) const;
    /// The message for this recipient; refused, naming the fields, when one would leave a hole.
    Result<QString, RenderRefusal> render(const RecipientFields& fields) const;

    struct Parsed;

private:
    QString m_text;
    TemplateEscaping m_escaping = TemplateEscaping::PlainText;
    std::shared_ptr<const Parsed> m_parsed;
};

} // namespace agency
