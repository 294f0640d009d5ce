// agency-console: with no arguments opens the window; --help and --version print and exit;
// later issues add subcommands. Commands never need a display.

#include "cli.h"
#include "consoleapp.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("AgencyOS"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("agency-os.local"));
    QCoreApplication::setApplicationName(QStringLiteral("agency-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AGENCY_VERSION));
}

void installTranslators(QCoreApplication& app)
{
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto* translator = new QTranslator(&app);
    if (translator->load(QLocale(), QStringLiteral("agency-console"), QStringLiteral("_"),
                         QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
}

// Parses the command line without a display. Returns an exit code when the run ends here
// (help, version, a usage error), or nothing when the window should open.
std::optional<int> runCommandLine(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    describeApplication();
    installTranslators(app);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Agency OS Console: test provider keys, enrich leads, run campaigns and watch spend."));
    parser.addHelpOption();
    parser.addVersionOption();
    agency::addCommandOptions(parser);
    parser.process(app); // --help, --version and unknown options exit here
    if (!parser.positionalArguments().isEmpty())
        return agency::runCommand(parser);
    return std::nullopt;
}

// For the start-up benchmark: AGENCY_STARTUP_PROBE=1 prints the wall-clock time of the main
// window's first paint (ns since the epoch) and quits.
class StartupProbe : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            const qint64 ns = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
            std::printf("first_paint_epoch_ns=%lld\n", static_cast<long long>(ns));
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

} // namespace

int main(int argc, char* argv[])
{
    if (argc > 1) {
        if (const auto exitCode = runCommandLine(argc, argv))
            return *exitCode;
    }

    QApplication app(argc, argv);
    describeApplication();
    installTranslators(app);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/agency-console.svg")));

    agency::ConsoleApp console(agency::ConsoleApp::defaultKeychainService());
    auto window = console.createMainWindow();
    StartupProbe probe;
    if (qEnvironmentVariableIsSet("AGENCY_STARTUP_PROBE"))
        window->installEventFilter(&probe);
    window->show();
    return app.exec();
}
