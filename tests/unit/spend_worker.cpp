// A separate console process for the concurrency and crash tests: it opens the ledger named on the
// command line and either reserves-and-settles against the limits, or records events until killed,
// printing each committed piece of work on its own line (flushed) so the test knows what was committed.

#include "engine/spendguard.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace agency;

namespace {

void say(const QString& line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

CostEvent emailCost(qint64 micros, const QString& reference, const QString& staff)
{
    CostEvent event;
    event.at = QDateTime::currentDateTimeUtc();
    event.provider = ProviderId::Resend;
    event.operation = QStringLiteral("send_email");
    event.units = 1;
    event.unit = QStringLiteral("email");
    event.unitPrice = Money::aud(micros);
    event.amount = Money::aud(micros);
    event.amountAud = Money::aud(micros);
    event.source = CostSource::Reported;
    event.providerReference = reference;
    event.staffMember = staff;
    return event;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("sqlite"), QStringLiteral("SQLite file"), QStringLiteral("path")},
         {QStringLiteral("pg"), QStringLiteral("PostgreSQL database (AGENCY_TEST_PG_* for the rest)"),
          QStringLiteral("name")},
         {QStringLiteral("mode"), QStringLiteral("reserve | record"), QStringLiteral("mode")},
         {QStringLiteral("count"), QStringLiteral("reservations to attempt"), QStringLiteral("n")},
         {QStringLiteral("worst"), QStringLiteral("worst case per call, micro-AUD"), QStringLiteral("n")},
         {QStringLiteral("name"), QStringLiteral("this worker's name"), QStringLiteral("name")}});
    parser.process(app);

    DatabaseConfig config = DatabaseConfig::sqlite(parser.value(QStringLiteral("sqlite")));
    if (parser.isSet(QStringLiteral("pg"))) {
        config.kind = DatabaseConfig::Kind::Postgres;
        config.host = qEnvironmentVariable("AGENCY_TEST_PG_HOST");
        config.port = qEnvironmentVariableIntValue("AGENCY_TEST_PG_PORT");
        config.user = qEnvironmentVariable("AGENCY_TEST_PG_USER");
        config.database = parser.value(QStringLiteral("pg"));
    }
    auto opened = Database::open(config);
    if (!opened) {
        say(QStringLiteral("error ") + opened.error().message);
        return 1;
    }
    Database& database = *opened.value();
    Ledger ledger(database);
    PriceBook prices(database);
    SpendGuard guard(database, ledger, prices);
    const QString name = parser.value(QStringLiteral("name"));
    guard.setStaffMember(name);

    if (parser.value(QStringLiteral("mode")) == u"record") {
        // Until killed: single events and batches of ten, each reference numbered, each commit announced.
        for (qint64 sequence = 0;;) {
            if (sequence % 20 == 0) {
                QList<CostEvent> batch;
                for (int i = 0; i < 10; ++i)
                    batch.append(emailCost(900, QStringLiteral("%1-%2").arg(name).arg(sequence + i), name));
                if (!ledger.recordBatch(batch))
                    return 1;
                say(QStringLiteral("committed %1 %2").arg(sequence).arg(sequence + 9));
                sequence += 10;
            } else {
                if (!ledger.record(emailCost(900, QStringLiteral("%1-%2").arg(name).arg(sequence), name)))
                    return 1;
                say(QStringLiteral("committed %1 %1").arg(sequence));
                sequence += 1;
            }
        }
    }

    const int count = parser.value(QStringLiteral("count")).toInt();
    const qint64 worst = parser.value(QStringLiteral("worst")).toLongLong();
    QRandomGenerator random(quint32(QCoreApplication::applicationPid()));
    for (int i = 0; i < count; ++i) {
        const ReservationRequest request{
            ProviderId::Resend, QStringLiteral("send_email"), Money::aud(worst), name, {}};
        auto reserved = guard.reserveNow(request);
        if (!reserved) {
            if (reserved.error().kind != IntegrationError::Kind::BudgetExceeded ||
                reserved.error().message().contains(QStringLiteral("could not be checked"))) {
                say(QStringLiteral("error ") + reserved.error().message());
                return 1;
            }
            say(QStringLiteral("refused"));
            continue;
        }
        // The real cost: between half the worst case and all of it.
        const qint64 cost = worst / 2 + qint64(random.bounded(quint32(worst / 2 + 1)));
        auto settled = guard.settleNow(*reserved, CallOutcome::Succeeded,
                                       emailCost(cost, QStringLiteral("%1-%2").arg(name).arg(i), name));
        if (!settled) {
            say(QStringLiteral("error ") + settled.error().message);
            return 1;
        }
        say(QStringLiteral("settled %1").arg(cost));
    }
    say(QStringLiteral("done"));
    return 0;
}
