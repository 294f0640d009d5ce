// agency-sim: runs the provider simulator on its own, for out-of-process tests, demos and screenshots.
// Prints "<provider-id> <base-url>" once per simulated provider, then serves until SIGINT or SIGTERM.

#include "providersimulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>

#include <sys/socket.h>
#include <unistd.h>

namespace {

// Self-pipe: the signal handler may only write a byte; the event loop reads it and quits cleanly,
// so the server closes its sockets and sanitizers see a normal exit.
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("agency-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AGENCY_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Provider simulator for Agency OS Console: fakes the HTTP providers on 127.0.0.1.\n"
        "Prints one line per provider, \"<provider-id> <base-url>\", then serves until SIGINT or SIGTERM.\n"
        "Secret credential value \"sim-valid\" is accepted; \"sim-ratelimited\" always gets the provider's "
        "429;\n"
        "\"sim-limited\" is valid but limited. Control API: /__sim/requests, /__sim/faults, /__sim/latency,\n"
        "/__sim/ratelimit, /__sim/reset."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0 picks a free one)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed for the generated account data."),
                                        QStringLiteral("seed"), QStringLiteral("1"));
    parser.addOption(portOption);
    parser.addOption(seedOption);
    parser.process(app);

    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    bool seedOk = false;
    const quint64 seed = parser.value(seedOption).toULongLong(&seedOk);
    if (!portOk || port > 65535 || !seedOk) {
        std::fprintf(stderr, "agency-sim: --port must be 0-65535 and --seed a non-negative integer\n");
        return 2;
    }

    if (!installSignalHandlers()) {
        std::perror("agency-sim: signal handlers");
        return 1;
    }
    QSocketNotifier notifier(signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });

    agency::sim::ProviderSimulator simulator(seed);
    if (!simulator.listen(static_cast<quint16>(port))) {
        std::fprintf(stderr, "agency-sim: cannot listen on 127.0.0.1:%u\n", port);
        return 1;
    }
    for (const agency::ProviderId provider : agency::sim::ProviderSimulator::simulatedProviders()) {
        const QByteArray line =
            agency::providerKey(provider).toUtf8() + ' ' + simulator.baseUrl(provider).toEncoded();
        std::printf("%s\n", line.constData());
    }
    std::fflush(stdout);

    const int status = app.exec();
    ::close(signalPipe[0]);
    ::close(signalPipe[1]);
    return status;
}
