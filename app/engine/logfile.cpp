#include "logfile.h"

#include "model/redaction.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <atomic>
#include <cstdio>

namespace agency {

namespace {

std::atomic<LogFile*> g_installed{nullptr};

const char* typeName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    if (LogFile* log = g_installed.load())
        log->write(type, category, message);
    // The terminal gets warnings and worse; everything is in the file.
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    const QByteArray line = (category + QStringLiteral(": ") + Redactor::redact(message)).toLocal8Bit();
    std::fprintf(stderr, "%s\n", line.constData());
}

} // namespace

LogFile::LogFile(QString path, qint64 maxBytes, int keep)
    : m_path(std::move(path))
    , m_maxBytes(maxBytes)
    , m_keep(keep)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    if (m_file.open(QIODevice::Append | QIODevice::Text))
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

LogFile::~LogFile()
{
    if (m_installed) {
        g_installed.store(nullptr);
        qInstallMessageHandler(nullptr);
    }
}

void LogFile::install()
{
    g_installed.store(this);
    m_installed = true;
    qInstallMessageHandler(handleMessage);
}

void LogFile::write(QtMsgType type, const QString& category, const QString& message)
{
    const QString line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' ' +
                         QLatin1StringView(typeName(type)) + u' ' + category + QStringLiteral(": ") +
                         Redactor::redact(message) + u'\n';
    QMutexLocker locker(&m_mutex);
    if (!m_file.isOpen())
        return;
    m_file.write(line.toUtf8());
    m_file.flush();
    rotateIfNeeded();
}

void LogFile::rotateIfNeeded()
{
    if (m_file.size() < m_maxBytes)
        return;
    m_file.close();
    QFile::remove(m_path + u'.' + QString::number(m_keep));
    for (int i = m_keep - 1; i >= 1; --i)
        QFile::rename(m_path + u'.' + QString::number(i), m_path + u'.' + QString::number(i + 1));
    QFile::rename(m_path, m_path + QStringLiteral(".1"));
    m_file.open(QIODevice::Append | QIODevice::Text);
}

} // namespace agency
