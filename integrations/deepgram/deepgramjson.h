#pragma once
// DeepgramJson: reads Deepgram's JSON into the typed values of deepgramtypes.h, checking every
// field's type. A field of the wrong type is an error naming the field, never a silent default.

#include "integrations/deepgram/deepgramtypes.h"
#include "model/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace agency::DeepgramJson {

Result<QList<DeepgramProject>, QString> projects(const QJsonObject& object);
Result<QList<DeepgramBalance>, QString> balances(const QJsonObject& object);
Result<DeepgramTranscript, QString> transcript(const QJsonObject& object);
/// metadata.duration alone (for the cost event), or nullopt when it is not a number.
std::optional<double> durationOf(const QByteArray& body);

/// Error bodies come in three shapes (deepgram.md §4): legacy {"err_code","err_msg","request_id"},
/// modern {"category","message","details","request_id"}, or plain text.
struct ErrorBody
{
    QString code;
    QString message;
    QString requestId;
};
ErrorBody errorBody(const QByteArray& body);

} // namespace agency::DeepgramJson
