#pragma once
// LogFile: the console's log, a rotating file in the app data folder. Every line passes
// through the Redactor before it is written, and before it reaches stderr.

#include <QFile>
#include <QMutex>
#include <QString>

namespace agency {

class LogFile
{
public:
    /// Rotates when the file passes `maxBytes`, keeping `keep` old files (console.log.1 …).
    LogFile(QString path, qint64 maxBytes = 2 * 1024 * 1024, int keep = 5);
    ~LogFile();

    QString path() const { return m_path; }
    void write(QtMsgType type, const QString& category, const QString& message);

    /// Installs a Qt message handler that sends every message here (and to stderr).
    /// Only one LogFile may be installed at a time; the destructor uninstalls it.
    void install();

private:
    void rotateIfNeeded();

    QString m_path;
    qint64 m_maxBytes;
    int m_keep;
    QFile m_file;
    QMutex m_mutex;
    bool m_installed = false;
};

} // namespace agency
