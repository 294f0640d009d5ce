// MessageTemplate: rendering with merge fields, the fields a template uses, a missing field blocking
// the item (never a message with a hole), defaults by inverted section, optional sections, HTML
// escaping for HTML email only, and parse errors reported with a line and a column.

#include "engine/messagetemplate.h"

#include <QTest>

using namespace agency;
using namespace Qt::Literals::StringLiterals;

namespace {

MessageTemplate parsed(const QString& text, TemplateEscaping escaping = TemplateEscaping::PlainText)
{
    auto result = MessageTemplate::parse(text, escaping);
    if (!result)
        qWarning() << result.error().message;
    return result ? result.value() : MessageTemplate();
}

} // namespace

class TestMessageTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rendersMergeFields()
    {
        const MessageTemplate message = parsed(u"Hi {{first_name}}, a note about {{company}}."_s);
        QCOMPARE(message.variables(), (QStringList{u"first_name"_s, u"company"_s}));
        auto text = message.render({{u"first_name"_s, u"Jane"_s}, {u"company"_s, u"Acme & Co <AU>"_s}});
        QVERIFY2(text, qPrintable(text ? QString() : text.error().message));
        // Plain text: values go in as they are.
        QCOMPARE(text.value(), u"Hi Jane, a note about Acme & Co <AU>."_s);
    }

    void missingFieldBlocksTheItem()
    {
        const MessageTemplate message = parsed(u"Hi {{first_name}}, see {{offer_url}} — {{company}}"_s);
        const RecipientFields jane{{u"first_name"_s, u"Jane"_s}, {u"company"_s, u"   "_s}};
        QCOMPARE(message.missingFields(jane), (QStringList{u"offer_url"_s, u"company"_s}));
        auto refused = message.render(jane);
        QVERIFY(!refused);
        QCOMPARE(refused.error().missingFields, (QStringList{u"offer_url"_s, u"company"_s}));
        QVERIFY(refused.error().message.contains(u"offer_url"_s));
        QVERIFY(message.render({{u"first_name"_s, u"Jane"_s},
                                {u"company"_s, u"Acme"_s},
                                {u"offer_url"_s, u"https://acme.com/o"_s}}));
    }

    void defaultIsUsedWhenTheFieldIsMissing()
    {
        const MessageTemplate message = parsed(u"Hi {{first_name}}{{^first_name}}there{{/first_name}},"_s);
        QCOMPARE(message.variables(), QStringList{u"first_name"_s});
        QCOMPARE(message.defaultedFields(), QStringList{u"first_name"_s});
        QCOMPARE(message.missingFields({}), QStringList());
        QCOMPARE(message.render({}).value(), u"Hi there,"_s);
        QCOMPARE(message.render({{u"first_name"_s, u" "_s}}).value(), u"Hi there,"_s);
        QCOMPARE(message.render({{u"first_name"_s, u"Jane"_s}}).value(), u"Hi Jane,"_s);
    }

    void optionalSectionsOnlyNeedTheirFieldsWhenShown()
    {
        const MessageTemplate message =
            parsed(u"Hello.{{#company}} We admire {{company}} in {{city}}.{{/company}}"_s);
        QCOMPARE(message.variables(), (QStringList{u"company"_s, u"city"_s}));
        // No company: the section is not shown, so city is not needed.
        QCOMPARE(message.render({}).value(), u"Hello."_s);
        // A company but no city: the section is shown with a hole, so the item is blocked.
        QCOMPARE(message.missingFields({{u"company"_s, u"Acme"_s}}), QStringList{u"city"_s});
        QCOMPARE(message.render({{u"company"_s, u"Acme"_s}, {u"city"_s, u"Perth"_s}}).value(),
                 u"Hello. We admire Acme in Perth."_s);
    }

    void htmlEmailEscapesValues()
    {
        const QString text = u"<p>Hi {{name}}</p><p>{{{signature}}}</p>"_s;
        const RecipientFields fields{{u"name"_s, u"Tom & \"Jerry\" <script>"_s},
                                     {u"signature"_s, u"<b>Alex</b>"_s}};
        QCOMPARE(parsed(text, TemplateEscaping::Html).render(fields).value(),
                 u"<p>Hi Tom &amp; &quot;Jerry&quot; &lt;script&gt;</p><p><b>Alex</b></p>"_s);
        QCOMPARE(parsed(text, TemplateEscaping::PlainText).render(fields).value(),
                 u"<p>Hi Tom & \"Jerry\" <script></p><p><b>Alex</b></p>"_s);
    }

    void valuesAreNotReinterpreted()
    {
        // A value that looks like a tag is text, and a dotted name is one flat field.
        const MessageTemplate message = parsed(u"{{note}} / {{company.name}} / café {{city}}"_s);
        auto text = message.render(
            {{u"note"_s, u"{{secret}}"_s}, {u"company.name"_s, u"Acme"_s}, {u"city"_s, u"Hobart"_s}});
        QVERIFY(text);
        QCOMPARE(text.value(), u"{{secret}} / Acme / café Hobart"_s);
    }

    void parseErrorsGiveThePosition_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unclosed section") << u"Hi\nthere {{#offer}} deal"_s << 2 << 7 << u"offer"_s;
        QTest::newRow("unclosed tag") << u"Hi {{first_name"_s << 1 << 4 << u"}}"_s;
        QTest::newRow("mismatched close") << u"x {{#a}}x{{/b}}"_s << 1 << 3 << u"“a”"_s;
        QTest::newRow("accented text before") << u"Café\n   déjà {{/gone}}"_s << 2 << 9 << u"gone"_s;
        QTest::newRow("partial") << u"Hi {{> footer}}"_s << 1 << 4 << u"footer"_s;
    }
    void parseErrorsGiveThePosition()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, mentions);
        auto result = MessageTemplate::parse(text);
        QVERIFY(!result);
        QCOMPARE(result.error().line, line);
        QCOMPARE(result.error().column, column);
        QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
        QVERIFY2(result.error().message.startsWith(u"Line %1, column %2"_s.arg(line).arg(column)),
                 qPrintable(result.error().message));
    }

    void emptyTemplateRendersNothing()
    {
        const MessageTemplate message = parsed(QString());
        QVERIFY(message.variables().isEmpty());
        QCOMPARE(message.render({}).value(), QString());
    }
};

QTEST_GUILESS_MAIN(TestMessageTemplate)
#include "tst_messagetemplate.moc"
