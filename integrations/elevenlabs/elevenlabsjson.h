#pragma once
// ElevenLabsJson: reads ElevenLabs' JSON into the typed values of elevenlabstypes.h, checking every
// field's type. A field of the wrong type is an error naming the field, never a silent default.

#include "integrations/elevenlabs/elevenlabstypes.h"
#include "model/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace agency::ElevenLabsJson {

Result<ElevenLabsSubscription, QString> subscription(const QJsonObject& object);
Result<QList<ElevenLabsModel>, QString> models(const QJsonArray& array);
Result<ElevenLabsVoicePage, QString> voicePage(const QJsonObject& object);

/// The provider's error body: {"detail": {"status", "message"}} or, for validation errors (422),
/// {"detail": [{"loc", "msg", "type"}]} — or a plain {"detail": "Not Found"}.
struct ErrorBody
{
    QString code; ///< detail.status ("quota_exceeded"); the first validation error's type for a 422
    QString message;
};
ErrorBody errorBody(const QByteArray& body);

} // namespace agency::ElevenLabsJson
