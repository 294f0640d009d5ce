#include "enrichfields.h"

#include "engine/csvcell.h"

#include <QCoreApplication>

namespace agency::enrichfields {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::EnrichFields", text);
}

} // namespace

const QStringList& order()
{
    static const QStringList keys = {
        QStringLiteral("first_name"),
        QStringLiteral("last_name"),
        QStringLiteral("email"),
        QStringLiteral("phone"),
        QStringLiteral("title"),
        QStringLiteral("linkedin_url"),
        QStringLiteral("location"),
        QStringLiteral("company"),
        QStringLiteral("company_domain"),
        QStringLiteral("industry"),
        QStringLiteral("employees"),
        QStringLiteral("seo_organic_keywords"),
        QStringLiteral("seo_top10_keywords"),
        QStringLiteral("seo_organic_traffic"),
        QStringLiteral("seo_backlinks"),
        QStringLiteral("seo_referring_domains"),
    };
    return keys;
}

QString label(const QString& key)
{
    static const QList<std::pair<const char16_t*, const char*>> labels = {
        {u"first_name", QT_TRANSLATE_NOOP("agency::EnrichFields", "First name")},
        {u"last_name", QT_TRANSLATE_NOOP("agency::EnrichFields", "Last name")},
        {u"email", QT_TRANSLATE_NOOP("agency::EnrichFields", "Email")},
        {u"phone", QT_TRANSLATE_NOOP("agency::EnrichFields", "Phone")},
        {u"title", QT_TRANSLATE_NOOP("agency::EnrichFields", "Title")},
        {u"linkedin_url", QT_TRANSLATE_NOOP("agency::EnrichFields", "LinkedIn")},
        {u"location", QT_TRANSLATE_NOOP("agency::EnrichFields", "Location")},
        {u"company", QT_TRANSLATE_NOOP("agency::EnrichFields", "Company")},
        {u"company_domain", QT_TRANSLATE_NOOP("agency::EnrichFields", "Company domain")},
        {u"industry", QT_TRANSLATE_NOOP("agency::EnrichFields", "Industry")},
        {u"employees", QT_TRANSLATE_NOOP("agency::EnrichFields", "Employees")},
        {u"seo_organic_keywords", QT_TRANSLATE_NOOP("agency::EnrichFields", "Organic keywords")},
        {u"seo_top10_keywords", QT_TRANSLATE_NOOP("agency::EnrichFields", "Keywords in the top 10")},
        {u"seo_organic_traffic",
         QT_TRANSLATE_NOOP("agency::EnrichFields", "Organic traffic (monthly estimate)")},
        {u"seo_backlinks", QT_TRANSLATE_NOOP("agency::EnrichFields", "Backlinks")},
        {u"seo_referring_domains", QT_TRANSLATE_NOOP("agency::EnrichFields", "Referring domains")},
    };
    for (const auto& [known, text] : labels) {
        if (key == QStringView(known))
            return tr(text);
    }
    return key;
}

QStringList keysOf(const EnrichmentResult& result)
{
    QStringList keys;
    for (const QString& key : order()) {
        if (result.fields.contains(key))
            keys.append(key);
    }
    for (auto it = result.fields.keyBegin(); it != result.fields.keyEnd(); ++it) {
        if (!order().contains(*it))
            keys.append(*it); // QMap keys are already alphabetical
    }
    return keys;
}

bool isNumber(const QString& key)
{
    return key == u"employees" || key.startsWith(QStringLiteral("seo_"));
}

QString asText(const EnrichmentResult& result)
{
    QStringList lines;
    for (const QString& key : keysOf(result))
        lines.append(tr("%1: %2").arg(label(key), result.fields.value(key).value));
    return lines.join(u'\n');
}

QString csvHeader()
{
    return order().join(u',');
}

QString asCsvRow(const EnrichmentResult& result)
{
    QStringList cells;
    for (const QString& key : order())
        cells.append(csvCell(result.fields.value(key).value, FormulaGuard::Text));
    return cells.join(u',');
}

} // namespace agency::enrichfields
