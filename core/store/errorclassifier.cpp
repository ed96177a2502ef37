#include "errorclassifier.h"

#include <QRegularExpression>
#include <QSqlError>

namespace RagScope {

namespace {

bool containsAny(const QString& text, std::initializer_list<const char*> needles)
{
    for (const char* n : needles) {
        if (text.contains(QLatin1String(n), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// PostgreSQL's SQLSTATE for "insufficient privilege": permission denied, must be owner of …
const QLatin1String InsufficientPrivilege("42501");

} // namespace

QString driverTextOnOneLine(const QString& text)
{
    // Qt wraps the driver's message in its own ("… QPSQL: Unable to connect", "Unable to
    // execute statement"), which says nothing the message did not; libpq spreads one error
    // over several lines (a hint on the next, the SQLSTATE Qt appends on a line of its own).
    static const QRegularExpression qtWrapper(QStringLiteral(R"((^|\s)Q[A-Z0-9]+: Unable to [^\n]*)"));
    static const QRegularExpression sqlExcerpt(QStringLiteral(R"(^LINE \d+: )"));
    QString stripped = text;
    stripped.remove(qtWrapper);
    QStringList kept;
    for (const QString& line : stripped.split(QLatin1Char('\n'))) {
        const QString simple = line.simplified();
        // PostgreSQL's "LINE 1: …SELECT…" excerpt and its "^" marker point into SQL the user never wrote
        if (simple.isEmpty() || simple.startsWith(QLatin1String("Unable to ")) || simple == QLatin1String("^")
            || sqlExcerpt.match(simple).hasMatch())
            continue;
        kept << simple;
    }
    return kept.isEmpty() ? text.simplified() : kept.join(QLatin1Char(' '));
}

Error classifyDriverError(const QSqlError& error, const StoreLocation& location, const QString& context)
{
    // libpq may quote a value it refused, e.g. an sslmode that hides "password=…"
    const QString text = location.withoutSecrets(
        driverTextOnOneLine(error.databaseText().isEmpty() ? error.text() : error.databaseText()));
    const QString where = location.displayName();
    const auto make = [&](ErrorKind kind, const QString& message) { return makeError(kind, message); };

    if (containsAny(text,
            { "password authentication failed", "no password supplied", "authentication failed",
                "fe_sendauth", "pg_hba.conf" }))
        return make(ErrorKind::AuthFailed,
            QStringLiteral("%1 refused the credentials for user '%2': %3").arg(where, location.user, text));
    if (containsAny(text, { "does not exist" })
        && text.contains(QLatin1String("database"), Qt::CaseInsensitive)
        && error.type() == QSqlError::ConnectionError)
        return make(ErrorKind::NotFound, QStringLiteral("%1: %2").arg(where, text));
    if (containsAny(text,
            { "server closed the connection", "terminating connection", "no connection to the server",
                "could not receive data", "could not send data", "connection not open", "server conn crashed",
                "SSL SYSCALL" }))
        return make(
            ErrorKind::ConnectionLost, QStringLiteral("lost the connection to %1: %2").arg(where, text));
    if (error.nativeErrorCode() == InsufficientPrivilege
        || containsAny(text,
            { "permission denied", "must be owner of", "readonly database", "read-only",
                "attempt to write a readonly" }))
        return make(ErrorKind::PermissionDenied, QStringLiteral("%1: %2").arg(context, text));
    if (containsAny(text, { "no such table", "relation \"chat_", "relation \"ragscope_" })
        && containsAny(text, { "no such table", "does not exist" }))
        return make(ErrorKind::MissingSchema,
            QStringLiteral("%1 is not a RagScope monitoring store (%2)").arg(where, text));
    if (containsAny(
            text, { "file is not a database", "database disk image is malformed", "file is encrypted" }))
        return make(ErrorKind::Corrupt, QStringLiteral("%1 is corrupt: %2").arg(where, text));
    if (containsAny(text, { "violates foreign key", "FOREIGN KEY constraint failed" }))
        return make(ErrorKind::NotFound, QStringLiteral("%1: %2").arg(context, text));
    if (containsAny(text,
            { "violates check constraint", "CHECK constraint failed", "value too long",
                "invalid input syntax" }))
        return make(ErrorKind::InvalidInput, QStringLiteral("%1: %2").arg(context, text));
    // Checked last: QSQLITE reports every failed statement as a ConnectionError too.
    if (location.dialect == Dialect::Sqlite) {
        if (error.type() == QSqlError::ConnectionError && containsAny(text, { "unable to open" }))
            return make(ErrorKind::NotFound, QStringLiteral("cannot open %1: %2").arg(where, text));
    } else if (error.type() == QSqlError::ConnectionError
        || containsAny(text,
            { "could not connect", "Connection refused", "could not translate host", "timeout expired",
                "No such file or directory", "Network is unreachable" })) {
        return make(ErrorKind::Unreachable, QStringLiteral("cannot reach %1: %2").arg(where, text));
    }
    return make(ErrorKind::Query, QStringLiteral("%1: %2").arg(context, text));
}

} // namespace RagScope
