// Fails when a file includes upward: model ← integrations ← engine ← ui (ARCHITECTURE.md),
// or when a lower layer includes a module it may not use.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

enum Layer
{
    Unknown = 0,
    Model = 1,
    Integrations = 2,
    Engine = 3,
    Ui = 4,
    Root = 5
};

const char* layerName(int layer)
{
    static const char* names[] = {"?", "model", "integrations", "engine", "ui", "root"};
    return names[layer];
}

// The layer a repository-relative path belongs to.
Layer layerOfPath(const QString& path)
{
    if (path.startsWith(u"app/model/"))
        return Model;
    if (path.startsWith(u"integrations/"))
        return Integrations;
    if (path.startsWith(u"app/engine/"))
        return Engine;
    if (path.startsWith(u"ui/"))
        return Ui;
    if (path.startsWith(u"app/"))
        return Root;
    return Unknown;
}

// The layer an include names; include roots are the repository and app/.
Layer layerOfInclude(const QString& include, const QString& includingDir, const QDir& root)
{
    if (include.startsWith(u"model/"))
        return Model;
    if (include.startsWith(u"engine/"))
        return Engine;
    if (const Layer layer = layerOfPath(include); layer != Unknown)
        return layer;
    // Relative to the including file ("../engine/x.h", "sibling.h").
    const QString resolved = QDir::cleanPath(includingDir + u'/' + include);
    if (QFile::exists(root.filePath(resolved)))
        return layerOfPath(resolved);
    return Unknown;
}

// Modules a layer may not include, by header prefix.
const QStringList& forbiddenModules(Layer layer)
{
    static const QStringList model = {
        QStringLiteral("QtNetwork/"), QStringLiteral("QtSql/"),       QStringLiteral("QtWidgets/"),
        QStringLiteral("QtGui/"),     QStringLiteral("QNetwork"),     QStringLiteral("QSql"),
        QStringLiteral("QWidget"),    QStringLiteral("QApplication"), QStringLiteral("qt6keychain/"),
        QStringLiteral("hiredis/"),   QStringLiteral("qcoro/")};
    static const QStringList integrations = {QStringLiteral("QtSql/"),       QStringLiteral("QtWidgets/"),
                                             QStringLiteral("QSql"),         QStringLiteral("QWidget"),
                                             QStringLiteral("QApplication"), QStringLiteral("qt6keychain/")};
    static const QStringList engine = {QStringLiteral("QtWidgets/"),   QStringLiteral("QWidget"),
                                       QStringLiteral("QApplication"), QStringLiteral("QDialog"),
                                       QStringLiteral("QMainWindow"),  QStringLiteral("hiredis/")};
    static const QStringList none;
    switch (layer) {
    case Model:
        return model;
    case Integrations:
        return integrations;
    case Engine:
        return engine;
    default:
        return none;
    }
}

QStringList findViolations(const QDir& root)
{
    static const QRegularExpression includeLine(QStringLiteral("^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"));
    QStringList violations;
    for (const QString& top : {QStringLiteral("app"), QStringLiteral("integrations"), QStringLiteral("ui")}) {
        QDirIterator it(root.filePath(top), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = root.relativeFilePath(it.next());
            const Layer own = layerOfPath(file);
            QFile source(root.filePath(file));
            if (!source.open(QIODevice::ReadOnly | QIODevice::Text))
                continue;
            int lineNumber = 0;
            while (!source.atEnd()) {
                ++lineNumber;
                const QString line = QString::fromUtf8(source.readLine());
                const auto match = includeLine.match(line);
                if (!match.hasMatch())
                    continue;
                const QString include = match.captured(2);
                const QString where = file + u':' + QString::number(lineNumber);
                const Layer target = layerOfInclude(include, QFileInfo(file).path(), root);
                if (target != Unknown && target > own)
                    violations.append(QStringLiteral("%1: %2 includes %3 (%4)")
                                          .arg(where, QLatin1StringView(layerName(own)), include,
                                               QLatin1StringView(layerName(target))));
                for (const QString& module : forbiddenModules(own)) {
                    if (include.startsWith(module))
                        violations.append(QStringLiteral("%1: %2 may not include %3")
                                              .arg(where, QLatin1StringView(layerName(own)), include));
                }
            }
        }
    }
    return violations;
}

void writeFile(const QDir& root, const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(root.filePath(path)).path());
    QFile file(root.filePath(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

// True when a line has a co_await inside the parentheses of an if or while, or in a ?: branch.
bool awaitsInCondition(const QString& line)
{
    static const QRegularExpression conditional(QStringLiteral("[?:]\\s*co_await\\b"));
    if (conditional.match(line).hasMatch())
        return true;
    static const QRegularExpression keyword(QStringLiteral("\\b(if|while)\\s*\\("));
    auto match = keyword.globalMatch(line);
    while (match.hasNext()) {
        const auto found = match.next();
        int depth = 1;
        qsizetype i = found.capturedEnd();
        const qsizetype start = i;
        for (; i < line.size() && depth > 0; ++i) {
            if (line.at(i) == u'(')
                ++depth;
            else if (line.at(i) == u')')
                --depth;
        }
        if (line.mid(start, i - start).contains(QStringLiteral("co_await")))
            return true;
    }
    return false;
}

} // namespace

class TestLayers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void projectHasNoUpwardIncludes()
    {
        const QDir root(QStringLiteral(AGENCY_SOURCE_DIR));
        QVERIFY(root.exists(QStringLiteral("app/model")));
        const QStringList violations = findViolations(root);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }

    // The checker itself must catch each kind of violation, or the test above proves nothing.
    void detectsViolations_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("model includes engine")
            << "app/model/a.h" << QByteArray("#include \"engine/vault.h\"\n");
        QTest::newRow("model includes ui")
            << "app/model/a.cpp" << QByteArray("  #  include \"ui/mainwindow.h\"\n");
        QTest::newRow("model includes network")
            << "app/model/a.h" << QByteArray("#include <QNetworkReply>\n");
        QTest::newRow("integrations includes engine")
            << "integrations/http/a.h" << QByteArray("#include \"app/engine/ledger.h\"\n");
        QTest::newRow("integrations includes sql")
            << "integrations/x.cpp" << QByteArray("#include <QSqlQuery>\n");
        QTest::newRow("engine includes ui") << "app/engine/a.cpp" << QByteArray("#include \"ui/panel.h\"\n");
        QTest::newRow("engine includes widgets") << "app/engine/a.cpp" << QByteArray("#include <QWidget>\n");
        QTest::newRow("relative upward") << "app/model/a.cpp" << QByteArray("#include \"../engine/b.h\"\n");
    }
    void detectsViolations()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QDir root(dir.path());
        writeFile(root, file, content);
        writeFile(root, QStringLiteral("app/engine/b.h"), "#pragma once\n");
        QCOMPARE(findViolations(root).size(), 1);
    }

    // GCC 12 miscompiles a co_await inside an if/while condition (a frame is resumed after it
    // was freed) or a ?: branch (the result is destroyed too early); the project awaits into a
    // variable first. This keeps it that way.
    void noCoAwaitInConditions()
    {
        const QDir root(QStringLiteral(AGENCY_SOURCE_DIR));
        QStringList hits;
        for (const QString& top : {QStringLiteral("app"), QStringLiteral("integrations"),
                                   QStringLiteral("ui"), QStringLiteral("tests")}) {
            QDirIterator it(root.filePath(top), {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.fileName().endsWith(QStringLiteral("tst_layers.cpp")) ||
                    !file.open(QIODevice::ReadOnly | QIODevice::Text))
                    continue;
                int lineNumber = 0;
                while (!file.atEnd()) {
                    ++lineNumber;
                    if (awaitsInCondition(QString::fromUtf8(file.readLine())))
                        hits.append(root.relativeFilePath(file.fileName()) + u':' +
                                    QString::number(lineNumber));
                }
            }
        }
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
    }

    void coAwaitRuleCatchesConditions()
    {
        QVERIFY(awaitsInCondition(QStringLiteral("    if (!co_await pacer.acquire(cancel)) {")));
        QVERIFY(awaitsInCondition(QStringLiteral("    if (auto e = co_await run(job))")));
        QVERIFY(awaitsInCondition(QStringLiteral("    while (co_await next()) {")));
        QVERIFY(!awaitsInCondition(QStringLiteral("    if (!ok) co_await sleep();")));
        QVERIFY(!awaitsInCondition(QStringLiteral("    const bool ok = co_await acquire();")));
        QVERIFY(awaitsInCondition(
            QStringLiteral("    Step s = clay ? co_await askClay() : co_await askApollo();")));
        QVERIFY(awaitsInCondition(QStringLiteral("        : co_await askApollo(request, cancel);")));
    }

    void allowsDownwardIncludes()
    {
        QTemporaryDir dir;
        const QDir root(dir.path());
        writeFile(root, QStringLiteral("ui/p.cpp"),
                  "#include \"engine/v.h\"\n#include \"model/m.h\"\n#include <QWidget>\n");
        writeFile(root, QStringLiteral("app/engine/v.cpp"),
                  "#include \"integrations/http/c.h\"\n#include <QSqlQuery>\n");
        writeFile(root, QStringLiteral("app/main.cpp"), "#include \"ui/mainwindow.h\"\n");
        QVERIFY(findViolations(root).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "tst_layers.moc"
