#pragma once
// VapiJson: reads Vapi's JSON into the typed values of vapitypes.h, checking every field's type.
// A field of the wrong type is an error naming the field, never a silent default.

#include "integrations/vapi/vapitypes.h"
#include "model/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace agency::VapiJson {

Result<VapiAssistant, QString> assistant(const QJsonObject& object);
Result<VapiPhoneNumber, QString> phoneNumber(const QJsonObject& object);
Result<VapiCall, QString> call(const QJsonObject& object);

/// A list answer: a plain JSON array of objects, each read with `parse`.
template<typename T>
Result<QList<T>, QString> list(const QJsonArray& array, Result<T, QString> (*parse)(const QJsonObject&))
{
    QList<T> items;
    items.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return failure(QStringLiteral("item %1 is not an object").arg(i));
        Result<T, QString> item = parse(array.at(i).toObject());
        if (!item)
            return failure(QStringLiteral("item %1: %2").arg(i).arg(item.error()));
        items.append(std::move(item).value());
    }
    return items;
}

/// USD amount from a JSON number, rounded to the micro-unit; nullopt when not finite or too large.
std::optional<Money> usd(double amount);

} // namespace agency::VapiJson
