#include "engine/logcategories.h"
#include "engine/logfile.h"
#include "model/redaction.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace agency;

class TestLogFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redactsAndWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("logs/console.log"));
        {
            LogFile log(path);
            log.install();
            Redactor::registerSecret(QStringLiteral("vault-secret-123456"));
            qCInfo(lcVault) << "Authorization: Bearer re_should_not_appear";
            qCWarning(lcApp) << "failed with vault-secret-123456 in the text";
            qCInfo(lcApp) << "GET https://server.smartlead.ai/api/v1/campaigns?api_key=sl_key_abc";
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("agency.vault")));
        QVERIFY(text.contains(QStringLiteral("warning agency.app")));
        QVERIFY(!text.contains(QStringLiteral("re_should_not_appear")));
        QVERIFY(!text.contains(QStringLiteral("vault-secret-123456")));
        QVERIFY(!text.contains(QStringLiteral("sl_key_abc")));
        QCOMPARE(text.count(QStringLiteral("[REDACTED]")), 3);
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
    }

    void rotates()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("console.log"));
        LogFile log(path, 1000, 2);
        const QString line(100, u'x');
        for (int i = 0; i < 60; ++i)
            log.write(QtInfoMsg, QStringLiteral("agency.test"), line);
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + QStringLiteral(".1")));
        QVERIFY(QFile::exists(path + QStringLiteral(".2")));
        QVERIFY(!QFile::exists(path + QStringLiteral(".3")));
        QVERIFY(QFileInfo(path).size() < 1200);
    }
};

QTEST_GUILESS_MAIN(TestLogFile)
#include "tst_logfile.moc"
