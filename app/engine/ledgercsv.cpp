#include "ledgercsv.h"

#include "engine/csvcell.h"

#include <QCoreApplication>
#include <QTextStream>

namespace agency {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("agency::LedgerCsv", text);
}

// Splits one CSV text into records of fields (RFC 4180: quotes, doubled quotes, line breaks inside quotes).
std::optional<QList<QStringList>> parse(const QString& text, int* badRow)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                inQuotes = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            inQuotes = true;
            fieldStarted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
            fieldStarted = false;
        } else if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
                fields << field;
                records << fields;
            }
            fields.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (inQuotes) {
        *badRow = int(records.size()) + 1;
        return std::nullopt;
    }
    if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
        fields << field;
        records << fields;
    }
    return records;
}

// Undoes csvCell()'s formula guard.
QString unguarded(const QString& field)
{
    return field.size() > 1 && field.front() == u'\'' && QStringLiteral("=+-@").contains(field.at(1))
               ? field.mid(1)
               : field;
}

std::optional<Money> money(const QString& amount, const QString& currency)
{
    if (amount.isEmpty() || currency.isEmpty())
        return std::nullopt;
    return Money::parse(amount + u' ' + currency);
}

} // namespace

QStringList LedgerCsv::header()
{
    return {QStringLiteral("id"),         QStringLiteral("time_utc"),      QStringLiteral("provider"),
            QStringLiteral("operation"),  QStringLiteral("units"),         QStringLiteral("unit"),
            QStringLiteral("unit_price"), QStringLiteral("unit_currency"), QStringLiteral("amount"),
            QStringLiteral("currency"),   QStringLiteral("amount_aud"),    QStringLiteral("source"),
            QStringLiteral("staff"),      QStringLiteral("campaign"),      QStringLiteral("provider_ref"),
            QStringLiteral("corrects")};
}

Result<Done, QString> LedgerCsv::write(QIODevice& device, const QList<LedgerRow>& rows)
{
    QTextStream out(&device);
    out.setEncoding(QStringConverter::Utf8);
    out << header().join(u',') << "\r\n";
    for (const LedgerRow& row : rows) {
        const CostEvent& e = row.event;
        const QStringList fields = {
            QString::number(row.id),
            e.at.toUTC().toString(Qt::ISODateWithMs),
            providerKey(e.provider),
            e.operation,
            QString::number(e.units),
            e.unit,
            e.unitPrice.isValid() ? e.unitPrice.toDecimalString() : QString(),
            e.unitPrice.isValid() ? e.unitPrice.currency() : QString(),
            e.amount.toDecimalString(),
            e.amount.currency(),
            e.amountAud.isValid() ? e.amountAud.toDecimalString() : QString(),
            costSourceName(e.source),
            e.staffMember,
            e.campaignOrRun,
            e.providerReference,
            row.corrects ? QString::number(row.corrects) : QString(),
        };
        QStringList cells;
        for (const QString& field : fields)
            cells << csvCell(field, FormulaGuard::KeepNumbers);
        out << cells.join(u',') << "\r\n";
    }
    out.flush();
    if (out.status() != QTextStream::Ok)
        return failure(tr("The CSV file could not be written: %1").arg(device.errorString()));
    return Done{};
}

Result<QList<CostEvent>, QString> LedgerCsv::read(QIODevice& device)
{
    QTextStream in(&device);
    in.setEncoding(QStringConverter::Utf8);
    int badRow = 0;
    const auto records = parse(in.readAll(), &badRow);
    if (!records)
        return failure(tr("Row %1: a quoted field is never closed.").arg(badRow));
    if (records->isEmpty() || records->constFirst() != header())
        return failure(tr("Row 1: this is not a ledger export (the header does not match)."));
    QList<CostEvent> events;
    for (qsizetype r = 1; r < records->size(); ++r) {
        const QStringList& f = records->at(r);
        const int row = int(r) + 1;
        if (f.size() != header().size())
            return failure(tr("Row %1: %2 fields, expected %3.").arg(row).arg(f.size()).arg(header().size()));
        CostEvent e;
        e.at = QDateTime::fromString(f[1], Qt::ISODateWithMs);
        const auto provider = providerFromKey(f[2]);
        const auto source = costSourceFromName(f[11]);
        bool unitsOk = false;
        e.units = f[4].toLongLong(&unitsOk);
        const auto amount = money(f[8], f[9]);
        if (!e.at.isValid())
            return failure(tr("Row %1: the time “%2” is not an ISO date and time.").arg(row).arg(f[1]));
        if (!provider)
            return failure(tr("Row %1: “%2” is not a provider.").arg(row).arg(f[2]));
        if (!unitsOk)
            return failure(tr("Row %1: the units “%2” are not a whole number.").arg(row).arg(f[4]));
        if (!amount)
            return failure(tr("Row %1: the amount “%2 %3” is not an exact amount.").arg(row).arg(f[8], f[9]));
        if (!source)
            return failure(
                tr("Row %1: the source “%2” is neither reported nor estimated.").arg(row).arg(f[11]));
        e.provider = *provider;
        e.operation = unguarded(f[3]);
        e.unit = unguarded(f[5]);
        if (!f[6].isEmpty()) {
            const auto price = money(f[6], f[7]);
            if (!price)
                return failure(
                    tr("Row %1: the unit price “%2 %3” is not an exact amount.").arg(row).arg(f[6], f[7]));
            e.unitPrice = *price;
        }
        e.amount = *amount;
        if (!f[10].isEmpty()) {
            const auto aud = money(f[10], QStringLiteral("AUD"));
            if (!aud)
                return failure(tr("Row %1: the AUD amount “%2” is not an exact amount.").arg(row).arg(f[10]));
            e.amountAud = *aud;
        }
        e.source = *source;
        e.staffMember = unguarded(f[12]);
        e.campaignOrRun = unguarded(f[13]);
        e.providerReference = unguarded(f[14]);
        events.append(std::move(e));
    }
    return events;
}

} // namespace agency
