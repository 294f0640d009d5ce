#include "campaignsettings.h"

#include "engine/csvreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::CampaignSettings", text);
}

std::optional<QTime> timeField(const QJsonObject& object, const char16_t* name, QString* problem)
{
    const QString text = object.value(QStringView(name)).toString();
    if (text.isEmpty())
        return std::nullopt;
    const QTime time = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!time.isValid())
        *problem = tr("The send window's “%1” must be a time like 09:00, not “%2”.")
                       .arg(QStringView(name).toString(), text);
    return time;
}

bool knownZone(const QByteArray& zone)
{
    return QTimeZone(zone).isValid();
}

} // namespace

Result<CampaignThrottles, QString> throttlesFromJson(const QJsonObject& object)
{
    CampaignThrottles t;
    t.dailyCap = object.value(u"daily_cap").toInt(0);
    if (t.dailyCap < 0)
        return failure(tr("The daily cap cannot be negative."));
    QString problem;
    const QJsonObject window = object.value(u"window").toObject();
    t.windowFrom = timeField(window, u"from", &problem);
    t.windowTo = timeField(window, u"to", &problem);
    if (!problem.isEmpty())
        return failure(problem);
    if (t.windowFrom.has_value() != t.windowTo.has_value())
        return failure(tr("The send window needs both “from” and “to”."));
    if (t.windowFrom && *t.windowFrom == *t.windowTo)
        return failure(tr("The send window opens and closes at the same time: it would never send."));
    if (object.contains(u"time_zone"))
        t.defaultTimeZone = object.value(u"time_zone").toString().toUtf8();
    if (object.contains(u"cap_time_zone"))
        t.capTimeZone = object.value(u"cap_time_zone").toString().toUtf8();
    for (const QByteArray& zone : {t.defaultTimeZone, t.capTimeZone}) {
        if (!knownZone(zone))
            return failure(tr("“%1” is not a time zone this computer knows (try Australia/Sydney).")
                               .arg(QString::fromUtf8(zone)));
    }
    const qint64 gap = object.value(u"min_gap_ms").toInteger(0);
    if (gap < 0)
        return failure(tr("The minimum gap cannot be negative."));
    t.minimumGap = std::chrono::milliseconds(gap);
    t.breakerWindow = object.value(u"breaker_window").toInt(t.breakerWindow);
    t.breakerThreshold = object.value(u"breaker_threshold").toInt(t.breakerThreshold);
    if (t.breakerWindow < 1 || t.breakerThreshold < 1 || t.breakerThreshold > t.breakerWindow)
        return failure(tr("The circuit breaker needs 1 ≤ threshold ≤ window."));
    return t;
}

QJsonObject throttlesJson(const CampaignThrottles& t)
{
    QJsonObject object{{QStringLiteral("daily_cap"), t.dailyCap},
                       {QStringLiteral("time_zone"), QString::fromUtf8(t.defaultTimeZone)},
                       {QStringLiteral("cap_time_zone"), QString::fromUtf8(t.capTimeZone)},
                       {QStringLiteral("min_gap_ms"), qint64(t.minimumGap.count())},
                       {QStringLiteral("breaker_window"), t.breakerWindow},
                       {QStringLiteral("breaker_threshold"), t.breakerThreshold}};
    if (t.windowFrom && t.windowTo)
        object.insert(QStringLiteral("window"),
                      QJsonObject{{QStringLiteral("from"), t.windowFrom->toString(QStringLiteral("HH:mm"))},
                                  {QStringLiteral("to"), t.windowTo->toString(QStringLiteral("HH:mm"))}});
    return object;
}

Result<QList<RecipientFields>, QString> readRecipientCsv(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(tr("%1 could not be opened: %2").arg(path, file.errorString()));
    auto opened = CsvReader::open(file);
    if (!opened)
        return failure(tr("%1: %2").arg(QFileInfo(path).fileName(), opened.error()));
    CsvReader reader = std::move(opened).value();
    QStringList header;
    for (const QString& column : reader.header())
        header.append(column.trimmed().toLower().replace(u' ', u'_'));
    QList<RecipientFields> rows;
    CsvRecord record;
    while (reader.next(record)) {
        RecipientFields fields;
        for (qsizetype i = 0; i < header.size(); ++i)
            fields.insert(header.at(i), record.field(i).toString());
        rows.append(fields);
    }
    if (!reader.error().isEmpty())
        return failure(tr("%1: %2").arg(QFileInfo(path).fileName(), reader.error()));
    return rows;
}

} // namespace agency
