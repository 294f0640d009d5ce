#include "messagetemplate.h"

#include <QRegularExpression>
#include <QSet>

#include <mustache.hpp>

namespace agency {

namespace mstch = kainjow::mustache;
using Component = mstch::component<std::string>;
using Data = mstch::data;

struct MessageTemplate::Parsed
{
    Component root;
    QStringList variables;
    QSet<QString> defaulted;
};

namespace {

// Looks names up as flat keys (no "a.b" paths), innermost section first, so a recipient's fields read
// exactly as the missing-field check reads them.
class FlatContext : public mstch::basic_context<std::string>
{
public:
    explicit FlatContext(const Data* root) { m_items.push_back(root); }
    void push(const Data* data) override { m_items.push_back(data); }
    void pop() override { m_items.pop_back(); }
    const Data* get(const std::string& name) const override
    {
        if (name == ".")
            return m_items.back();
        for (auto it = m_items.rbegin(); it != m_items.rend(); ++it) {
            if (const Data* found = (*it)->get(name))
                return found;
        }
        return nullptr;
    }
    const Data* get_partial(const std::string&) const override { return nullptr; }

private:
    std::vector<const Data*> m_items;
};

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

// The fields with a usable value: blank counts as absent, so {{^field}} defaults apply to it.
QMap<QString, QString> presentFields(const RecipientFields& fields)
{
    QMap<QString, QString> present;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        const QString value = it.value().trimmed();
        if (!value.isEmpty())
            present.insert(it.key(), value);
    }
    return present;
}

void collectNames(const Component& component, QStringList& names, QSet<QString>& defaulted,
                  const Component** partial)
{
    for (const Component& child : component.children) {
        const auto type = child.tag.type;
        if (type == mstch::tag_type::partial && !*partial)
            *partial = &child;
        const bool named = type == mstch::tag_type::variable || type == mstch::tag_type::unescaped_variable ||
                           type == mstch::tag_type::section_begin ||
                           type == mstch::tag_type::section_begin_inverted;
        const QString name = fromStd(child.tag.name);
        if (named && name != u"." && !names.contains(name))
            names.append(name);
        if (type == mstch::tag_type::section_begin_inverted)
            defaulted.insert(name);
        collectNames(child, names, defaulted, partial);
    }
}

// Walks the parts this recipient would render, noting each printed field that has no value.
void collectMissing(const Component& component, const QMap<QString, QString>& present,
                    const QSet<QString>& defaulted, QStringList& missing)
{
    for (const Component& child : component.children) {
        const QString name = fromStd(child.tag.name);
        switch (child.tag.type) {
        case mstch::tag_type::variable:
        case mstch::tag_type::unescaped_variable:
            if (name != u"." && !present.contains(name) && !defaulted.contains(name) &&
                !missing.contains(name))
                missing.append(name);
            break;
        case mstch::tag_type::section_begin:
            if (present.contains(name))
                collectMissing(child, present, defaulted, missing);
            break;
        case mstch::tag_type::section_begin_inverted:
            if (!present.contains(name))
                collectMissing(child, present, defaulted, missing);
            break;
        default:
            break;
        }
    }
}

// Line and column (1-based, in characters) of a byte offset into the UTF-8 source.
std::pair<int, int> lineAndColumn(const std::string& source, std::size_t offset)
{
    const QString before = QString::fromUtf8(source.data(), qsizetype(std::min(offset, source.size())));
    const int line = int(before.count(u'\n')) + 1;
    const int column = int(before.size() - before.lastIndexOf(u'\n'));
    return {line, column};
}

} // namespace

MessageTemplate::MessageTemplate()
    : m_parsed(std::make_shared<Parsed>())
{}

Result<MessageTemplate, TemplateError> MessageTemplate::parse(const QString& text, TemplateEscaping escaping)
{
    const std::string source = text.toStdString();
    auto parsed = std::make_shared<Parsed>();
    std::string error;
    {
        mstch::context<std::string> context;
        mstch::context_internal<std::string> internal{context};
        mstch::parser<std::string> parser{source, internal, parsed->root, error};
    }
    if (!error.empty()) {
        // kainjow says "Unclosed section "offer" at 42" (a byte offset): give a line and a column.
        static const QRegularExpression shape(QStringLiteral("^(.*) at (\\d+)$"));
        const auto match = shape.match(fromStd(error));
        TemplateError failed;
        QString what = match.hasMatch() ? match.captured(1) : fromStd(error);
        const std::size_t offset = match.hasMatch() ? match.captured(2).toULongLong() : 0;
        std::tie(failed.line, failed.column) = lineAndColumn(source, offset);
        static const QRegularExpression section(QStringLiteral("^(Unclosed|Unopened) section \"(.*)\"$"));
        const auto sectionMatch = section.match(what);
        if (what == u"Unclosed tag")
            what = tr("a tag is not closed (a “}}” is missing).");
        else if (what == u"Invalid set delimiter tag")
            what = tr("the set-delimiter tag is not valid.");
        else if (sectionMatch.hasMatch() && sectionMatch.captured(1) == u"Unclosed")
            what = tr("section “%1” is opened but never closed.").arg(sectionMatch.captured(2));
        else if (sectionMatch.hasMatch())
            what = tr("“%1” is closed here but was not the open section.").arg(sectionMatch.captured(2));
        failed.message = tr("Line %1, column %2: %3").arg(failed.line).arg(failed.column).arg(what);
        return failure(failed);
    }
    const Component* partial = nullptr;
    collectNames(parsed->root, parsed->variables, parsed->defaulted, &partial);
    if (partial) {
        TemplateError failed;
        std::tie(failed.line, failed.column) = lineAndColumn(source, partial->position);
        failed.message =
            tr("Line %1, column %2: partials ({{> %3}}) are not supported in a campaign message.")
                .arg(failed.line)
                .arg(failed.column)
                .arg(fromStd(partial->tag.name));
        return failure(failed);
    }
    MessageTemplate made;
    made.m_text = text;
    made.m_escaping = escaping;
    made.m_parsed = std::move(parsed);
    return made;
}

QStringList MessageTemplate::variables() const
{
    return m_parsed->variables;
}

QStringList MessageTemplate::defaultedFields() const
{
    QStringList names;
    for (const QString& name : m_parsed->variables) {
        if (m_parsed->defaulted.contains(name))
            names.append(name);
    }
    return names;
}

QStringList MessageTemplate::missingFields(const RecipientFields& fields) const
{
    QStringList missing;
    collectMissing(m_parsed->root, presentFields(fields), m_parsed->defaulted, missing);
    return missing;
}

Result<QString, RenderRefusal> MessageTemplate::render(const RecipientFields& fields) const
{
    const QStringList missing = missingFields(fields);
    if (!missing.isEmpty())
        return failure(RenderRefusal{missing, tr("No value for %1: the message would have a hole in it.")
                                                  .arg(missing.join(QStringLiteral(", ")))});
    Data data; // an object
    const QMap<QString, QString> present = presentFields(fields);
    for (auto it = present.cbegin(); it != present.cend(); ++it)
        data.set(it.key().toStdString(), Data(it.value().toStdString()));
    mstch::mustache engine{m_text.toStdString()};
    if (m_escaping == TemplateEscaping::PlainText)
        engine.set_custom_escape([](const std::string& value) { return value; });
    FlatContext context(&data);
    const std::string rendered = engine.render(context);
    if (!engine.is_valid())
        return failure(RenderRefusal{{}, fromStd(engine.error_message())});
    return QString::fromStdString(rendered);
}

} // namespace agency
