#pragma once

#include "base/result.h"
#include "storelocation.h"

class QSqlDatabase;

namespace RagScope {

/// The libpq options QPSQL passes on for a PostgreSQL location (its setConnectOptions string):
/// port and every keyword of location.options, quoted by libpq's rules, plus connect_timeout=10
/// and fallback_application_name=ragscope unless given. Refuses a value holding ';', which
/// QPSQL would turn into a space.
Result<QString> qpsqlConnectOptions(const StoreLocation& location);

/// Fills a QPSQL connection from a PostgreSQL location: host, dbname, user and password through
/// Qt's setters (QPSQL quotes those), everything else through qpsqlConnectOptions().
Status configurePostgresConnection(QSqlDatabase& db, const StoreLocation& location);

} // namespace RagScope
