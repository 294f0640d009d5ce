#pragma once
// JsonFields: reads one JSON object of a provider's answer with each field's type checked. The
// first mismatch is kept as a sentence ("person.email: expected a string, got a number") and the
// parser reads on, so one Decode error says what was wrong — never a crash, never a silent default.

#include "model/integrationerror.h"
#include "model/providerid.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace agency {

class JsonFields
{
public:
    /// `path` names the object in messages ("person", "tasks[0].result[0]").
    JsonFields(QJsonObject object, QString path);
    /// A reader for a nested object that shares this reader's problem.
    JsonFields nested(const QJsonObject& object, const QString& key) const;

    /// Absent or null: empty. Any other type than a string is a problem.
    QString text(const QString& key);
    /// Absent or null: nullopt. A number that is not a whole qint64 is a problem.
    std::optional<qint64> integer(const QString& key);
    std::optional<double> number(const QString& key);
    std::optional<bool> flag(const QString& key);
    /// An array of strings (nulls skipped); absent or null: empty.
    QStringList texts(const QString& key);
    /// Absent or null: empty.
    QJsonObject object(const QString& key);
    QJsonArray array(const QString& key);

    bool has(const QString& key) const;
    bool isNull(const QString& key) const;
    const QJsonObject& json() const { return m_object; }
    QString pathOf(const QString& key) const;

    /// Records a problem found by the caller (a missing required field…); the first one wins.
    void fail(const QString& key, const QString& what);
    bool ok() const { return m_problem->isEmpty(); }
    QString problem() const { return *m_problem; }

    /// A Decode error naming `provider`, with `detail` saying what was wrong.
    static IntegrationError decodeError(ProviderId provider, const QString& detail);

private:
    JsonFields(QJsonObject object, QString path, std::shared_ptr<QString> problem);
    void mismatch(const QString& key, const char* expected, const QJsonValue& got);

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<QString> m_problem;
};

} // namespace agency
