#pragma once
// Ledger: the append-only record of what providers cost (CostEvent rows) and of what staff did
// (the audit log, which never holds a secret). Amounts are stored as integer micro-units.

#include "engine/database.h"
#include "model/costevent.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

class QSqlQuery;

namespace agency {

class Ledger : public QObject
{
    Q_OBJECT
public:
    explicit Ledger(Database& database, QObject* parent = nullptr);

    /// Appends one event; its id.
    Result<qint64, DatabaseError> record(const CostEvent& event);
    /// Appends many events in one transaction: all or none.
    Result<Done, DatabaseError> recordBatch(const QList<CostEvent>& events);
    /// AUD spent per provider in [from, to); events without an AUD amount are not counted here.
    Result<QHash<ProviderId, Money>, DatabaseError> audTotalsByProvider(const QDateTime& from,
                                                                        const QDateTime& to);

    Result<Done, DatabaseError> audit(const QString& staff, const QString& action, const QString& subject,
                                      const QString& detail = {});

Q_SIGNALS:
    /// Emitted after events were committed.
    void changed();

private:
    Result<Done, DatabaseError> insert(QSqlQuery& query, const CostEvent& event);

    Database& m_database;
};

} // namespace agency
