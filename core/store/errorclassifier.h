#pragma once

#include "base/error.h"
#include "storelocation.h"

class QSqlError;

namespace RagScope {

/// Turns a Qt SQL driver error into a typed Error with one readable sentence: auth refused,
/// unreachable, lost connection, missing schema, corrupt file, constraint violations… Drivers
/// only give text, so this matches libpq's and SQLite's messages. Never shows the password.
Error classifyDriverError(const QSqlError& error, const StoreLocation& location, const QString& context);

/// A driver's message as one line: Qt's "QPSQL: Unable to …" / "Unable to …" wrappers dropped,
/// libpq's lines (message, hint, SQLSTATE) joined with spaces.
QString driverTextOnOneLine(const QString& text);

} // namespace RagScope
