#include "credential.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace agency {

namespace {
QString catalogueText(const QString& text)
{
    return QCoreApplication::translate("agency::Catalogue", text.toUtf8().constData());
}
} // namespace

QString profileKey(Profile profile)
{
    return profile == Profile::Sandbox ? QStringLiteral("sandbox") : QStringLiteral("production");
}

std::optional<Profile> profileFromKey(QStringView key)
{
    if (key.compare(u"production", Qt::CaseInsensitive) == 0)
        return Profile::Production;
    if (key.compare(u"sandbox", Qt::CaseInsensitive) == 0)
        return Profile::Sandbox;
    return std::nullopt;
}

QString cleanPastedValue(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2) {
        const QChar first = value.front();
        if ((first == u'"' || first == u'\'') && value.back() == first)
            value = value.mid(1, value.size() - 2).trimmed();
    }
    static const QRegularExpression bearer(QStringLiteral("^Bearer\\s+"),
                                           QRegularExpression::CaseInsensitiveOption);
    value.remove(bearer);
    return value;
}

QList<FieldProblem> validateCredential(const ProviderInfo& info, const Credential& credential,
                                       Profile profile)
{
    QList<FieldProblem> problems;
    for (const CredentialFieldSpec& spec : info.fields) {
        const QString value = credential.value(spec.name);
        const QString label = catalogueText(spec.label);
        if (value.isEmpty()) {
            if (!spec.optional)
                problems.append(
                    {spec.name,
                     QCoreApplication::translate("agency::Credential", "%1 is required.").arg(label)});
            continue;
        }
        if (value.trimmed().isEmpty()) {
            problems.append(
                {spec.name,
                 QCoreApplication::translate("agency::Credential", "%1 is only white space.").arg(label)});
            continue;
        }
        const bool hasSpace = std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c.isSpace(); });
        const bool hasControl = std::any_of(value.cbegin(), value.cend(),
                                            [](QChar c) { return c.category() == QChar::Other_Control; });
        if (hasSpace || hasControl) {
            problems.append(
                {spec.name, QCoreApplication::translate(
                                "agency::Credential",
                                "%1 contains spaces or line breaks; paste it again from the provider's "
                                "dashboard.")
                                .arg(label)});
            continue;
        }
        if (profile == Profile::Production && !spec.shape.isEmpty()) {
            const QRegularExpression shape(spec.shape);
            if (!shape.match(value).hasMatch())
                problems.append({spec.name, QCoreApplication::translate(
                                                "agency::Credential", "%1 does not look right: expected %2.")
                                                .arg(label, catalogueText(spec.shapeHint))});
        }
    }
    for (auto it = credential.fields.cbegin(); it != credential.fields.cend(); ++it) {
        const bool known =
            std::any_of(info.fields.cbegin(), info.fields.cend(),
                        [&](const CredentialFieldSpec& spec) { return spec.name == it.key(); });
        if (!known)
            problems.append(
                {it.key(), QCoreApplication::translate("agency::Credential", "%1 has no field named %2.")
                               .arg(info.name, it.key())});
    }
    return problems;
}

} // namespace agency
