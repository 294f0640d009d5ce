#include "jsonfields.h"

#include <cmath>

namespace agency {

namespace {
const char* typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}
} // namespace

JsonFields::JsonFields(QJsonObject object, QString path)
    : JsonFields(std::move(object), std::move(path), std::make_shared<QString>())
{}

JsonFields::JsonFields(QJsonObject object, QString path, std::shared_ptr<QString> problem)
    : m_object(std::move(object))
    , m_path(std::move(path))
    , m_problem(std::move(problem))
{}

JsonFields JsonFields::nested(const QJsonObject& object, const QString& key) const
{
    return JsonFields(object, pathOf(key), m_problem);
}

QString JsonFields::pathOf(const QString& key) const
{
    if (m_path.isEmpty())
        return key;
    return key.startsWith(u'[') ? QString(m_path + key) : QString(m_path + u'.' + key);
}

bool JsonFields::has(const QString& key) const
{
    return m_object.contains(key);
}

bool JsonFields::isNull(const QString& key) const
{
    const QJsonValue value = m_object.value(key);
    return value.isNull() || value.isUndefined();
}

void JsonFields::fail(const QString& key, const QString& what)
{
    if (m_problem->isEmpty())
        *m_problem = pathOf(key) + QStringLiteral(": ") + what;
}

void JsonFields::mismatch(const QString& key, const char* expected, const QJsonValue& got)
{
    fail(key, QStringLiteral("expected %1, got %2")
                  .arg(QLatin1StringView(expected), QLatin1StringView(typeName(got))));
}

QString JsonFields::text(const QString& key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isString())
        return value.toString();
    if (!value.isNull() && !value.isUndefined())
        mismatch(key, "a string", value);
    return QString();
}

std::optional<qint64> JsonFields::integer(const QString& key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (value.isDouble()) {
        // toInteger keeps a large integer exact (Qt stores it as one); a fraction is a problem.
        const double asDouble = value.toDouble();
        if (std::isfinite(asDouble) && std::floor(asDouble) == asDouble && std::fabs(asDouble) < 9.2e18)
            return value.toInteger(qint64(asDouble));
    }
    mismatch(key, "a whole number", value);
    return std::nullopt;
}

std::optional<double> JsonFields::number(const QString& key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (value.isDouble() && std::isfinite(value.toDouble()))
        return value.toDouble();
    mismatch(key, "a number", value);
    return std::nullopt;
}

std::optional<bool> JsonFields::flag(const QString& key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    if (value.isBool())
        return value.toBool();
    mismatch(key, "a boolean", value);
    return std::nullopt;
}

QStringList JsonFields::texts(const QString& key)
{
    QStringList list;
    const QJsonValue value = m_object.value(key);
    if (value.isNull() || value.isUndefined())
        return list;
    if (!value.isArray()) {
        mismatch(key, "an array of strings", value);
        return list;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (item.isString())
            list.append(item.toString());
        else if (!item.isNull())
            mismatch(key + QStringLiteral("[%1]").arg(i), "a string", item);
    }
    return list;
}

QJsonObject JsonFields::object(const QString& key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isObject())
        return value.toObject();
    if (!value.isNull() && !value.isUndefined())
        mismatch(key, "an object", value);
    return QJsonObject();
}

QJsonArray JsonFields::array(const QString& key)
{
    const QJsonValue value = m_object.value(key);
    if (value.isArray())
        return value.toArray();
    if (!value.isNull() && !value.isUndefined())
        mismatch(key, "an array", value);
    return QJsonArray();
}

IntegrationError JsonFields::decodeError(ProviderId provider, const QString& detail)
{
    IntegrationError error;
    error.kind = IntegrationError::Kind::Decode;
    error.provider = provider;
    error.detail = detail;
    return error;
}

} // namespace agency
