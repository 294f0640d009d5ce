#include "claytypes.h"

namespace agency {

QString ClayRoutineItemResult::text(const QString& key) const
{
    const QJsonValue value = result.value(key);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

} // namespace agency
