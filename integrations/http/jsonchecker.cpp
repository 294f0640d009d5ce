#include "jsonchecker.h"

#include <QJsonValue>

#include <cmath>

namespace agency {

QString JsonChecker::typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

JsonChecker::JsonChecker(QJsonObject object, QString path, std::shared_ptr<QString> error)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_error(std::move(error))
{}

JsonChecker::JsonChecker(QJsonObject object)
    : JsonChecker(std::move(object), QString(), std::make_shared<QString>())
{}

QString JsonChecker::string(const QString& key, bool required)
{
    const QJsonValue value = get(key, required);
    if (value.isString())
        return value.toString();
    expect(key, value, u"a string");
    return QString();
}

std::optional<double> JsonChecker::number(const QString& key)
{
    const QJsonValue value = get(key, false);
    if (value.isDouble())
        return value.toDouble();
    expect(key, value, u"a number");
    return std::nullopt;
}

std::optional<qint64> JsonChecker::integer(const QString& key)
{
    const std::optional<double> value = number(key);
    if (!value)
        return std::nullopt;
    if (std::trunc(*value) != *value || std::abs(*value) > 9e15) {
        fail(key, QStringLiteral("should be a whole number, not %1").arg(*value));
        return std::nullopt;
    }
    return qint64(*value);
}

std::optional<bool> JsonChecker::boolean(const QString& key)
{
    const QJsonValue value = get(key, false);
    if (value.isBool())
        return value.toBool();
    expect(key, value, u"a boolean");
    return std::nullopt;
}

std::optional<QDateTime> JsonChecker::date(const QString& key, bool required)
{
    const QString text = string(key, required);
    if (text.isEmpty())
        return std::nullopt;
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        fail(key, QStringLiteral("is not an ISO 8601 date-time (\"%1\")").arg(text.left(40)));
        return std::nullopt;
    }
    return at.toUTC();
}

std::optional<QJsonObject> JsonChecker::object(const QString& key)
{
    const QJsonValue value = get(key, false);
    if (value.isObject())
        return value.toObject();
    expect(key, value, u"an object");
    return std::nullopt;
}

std::optional<QJsonArray> JsonChecker::array(const QString& key)
{
    const QJsonValue value = get(key, false);
    if (value.isArray())
        return value.toArray();
    expect(key, value, u"an array");
    return std::nullopt;
}

QStringList JsonChecker::stringList(const QString& key)
{
    QStringList list;
    const QJsonArray items = array(key).value_or(QJsonArray());
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            fail(key, QStringLiteral("should hold strings only, not %1").arg(typeName(items.at(i))));
            return {};
        }
        list.append(items.at(i).toString());
    }
    return list;
}

JsonChecker JsonChecker::child(const QString& key)
{
    return JsonChecker(object(key).value_or(QJsonObject()), m_path + key + u'.', m_error);
}

void JsonChecker::fail(const QString& key, const QString& problem)
{
    if (m_error->isEmpty())
        *m_error = QStringLiteral("`%1%2` %3").arg(m_path, key, problem);
}

QJsonValue JsonChecker::get(const QString& key, bool required)
{
    const QJsonValue value = m_object.value(key);
    if (required && (value.isUndefined() || value.isNull()))
        fail(key, QStringLiteral("is missing"));
    return value;
}

void JsonChecker::expect(const QString& key, const QJsonValue& value, QStringView expected)
{
    if (value.isUndefined() || value.isNull())
        return;
    fail(key, QStringLiteral("should be %1, not %2").arg(expected, typeName(value)));
}

} // namespace agency
