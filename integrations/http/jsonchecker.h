#pragma once
// JsonChecker: unlike JsonFields (jsonfields.h), its errors read "`a.b` should be a string, not a number".

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <optional>

namespace agency {

// Reads typed fields of one object and keeps the first problem, so a parser reads top to bottom and
// checks once at the end. Absent and null optional fields read as empty.
class JsonChecker
{
public:
    JsonChecker(QJsonObject object, QString path, std::shared_ptr<QString> error);
    explicit JsonChecker(QJsonObject object);

    bool ok() const { return m_error->isEmpty(); }
    QString error() const { return *m_error; }

    QString string(const QString& key, bool required = false);
    std::optional<double> number(const QString& key);
    std::optional<qint64> integer(const QString& key);
    std::optional<bool> boolean(const QString& key);
    std::optional<QDateTime> date(const QString& key, bool required = false);
    std::optional<QJsonObject> object(const QString& key);
    std::optional<QJsonArray> array(const QString& key);
    QStringList stringList(const QString& key);
    /// The fields of a nested object (empty when it is absent), reporting into the same error.
    JsonChecker child(const QString& key);
    QJsonObject raw() const { return m_object; }

    void fail(const QString& key, const QString& problem);

    /// "null", "a boolean", "a number", … — the wording used in messages; "missing" when undefined.
    static QString typeName(const QJsonValue& value);

private:
    QJsonValue get(const QString& key, bool required);
    // A present, non-null value of another type is an error; absent or null is simply empty.
    void expect(const QString& key, const QJsonValue& value, QStringView expected);

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<QString> m_error;
};

} // namespace agency
