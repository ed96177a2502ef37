#include "pgconnectoptions.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QStringList>

namespace RagScope {

namespace {

// libpq's quoting of a connection string value: in single quotes, with \ and ' escaped.
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

Result<QString> qpsqlConnectOptions(const StoreLocation& location)
{
    QMap<QString, QString> options = location.options;
    if (!location.port.isEmpty())
        options.insert(QStringLiteral("port"), location.port);
    // A fixed timeout instead of libpq's endless wait, unless the user chose one.
    if (!options.contains(QStringLiteral("connect_timeout"))
        && qEnvironmentVariableIsEmpty("PGCONNECT_TIMEOUT"))
        options.insert(QStringLiteral("connect_timeout"), QStringLiteral("10"));
    // libpq uses it only when neither the location, a service file nor PGAPPNAME names the application.
    if (!options.contains(QStringLiteral("fallback_application_name")))
        options.insert(QStringLiteral("fallback_application_name"), QStringLiteral("ragscope"));

    QStringList pairs;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        // QPSQL replaces every ';' of its connect options by a space, quoted or not.
        if (it.value().contains(QLatin1Char(';')))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::PgConnectOptions",
                    "the value of '%1' contains ';', which Qt's PostgreSQL driver cannot pass on")
                    .arg(it.key()));
        pairs << it.key() + QLatin1Char('=') + quoted(it.value());
    }
    return pairs.join(QLatin1Char(';'));
}

Status configurePostgresConnection(QSqlDatabase& db, const StoreLocation& location)
{
    RAGSCOPE_TRY(options, qpsqlConnectOptions(location));
    db.setHostName(location.host);
    db.setDatabaseName(location.database);
    db.setUserName(location.user);
    db.setPassword(location.password);
    db.setConnectOptions(options);
    return Done {};
}

} // namespace RagScope
