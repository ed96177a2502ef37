#include "pgpassfile.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace RagScope {

namespace {

QString escaped(QString field)
{
    return field.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char(':'), QStringLiteral("\\:"));
}

// The four key fields of a line, up to the (escaped) fourth unescaped ':'.
QString keyOf(const QString& line)
{
    int fields = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == QLatin1Char('\\'))
            ++i;
        else if (line.at(i) == QLatin1Char(':') && ++fields == 4)
            return line.left(i);
    }
    return {};
}

} // namespace

QString PgPassFile::path()
{
    const QString configured = qEnvironmentVariable("PGPASSFILE");
    return configured.isEmpty() ? QDir::home().filePath(QStringLiteral(".pgpass")) : configured;
}

QString PgPassFile::line(const StoreLocation& location)
{
    const QString host = location.host.isEmpty() ? QStringLiteral("localhost") : location.host;
    const QString port = location.port.isEmpty() ? QStringLiteral("*") : location.port;
    const QStringList fields { escaped(host), port, escaped(location.database), escaped(location.user),
        escaped(location.password) };
    return fields.join(QLatin1Char(':'));
}

Status PgPassFile::save(const StoreLocation& location)
{
    if (location.dialect != Dialect::Postgres || location.password.isEmpty())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("only a PostgreSQL password can be saved"));
    // one line names one server; libpq looks a password up per host it tries
    if (location.host.contains(QLatin1Char(',')) || location.port.contains(QLatin1Char(',')))
        return makeError(ErrorKind::InvalidInput,
            QStringLiteral("a password for several hosts cannot be saved; add a line per host to %1")
                .arg(path()));
    const QString file = path();
    const QString newLine = line(location);
    const QString key = keyOf(newLine);

    QStringList lines;
    QFile existing(file);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly | QIODevice::Text))
            return makeError(ErrorKind::PermissionDenied,
                QStringLiteral("cannot read %1: %2").arg(file, existing.errorString()));
        lines = QString::fromUtf8(existing.readAll()).split(QLatin1Char('\n'));
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
    }
    lines.removeIf([&key](const QString& l) { return keyOf(l) == key; });
    lines << newLine;

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)
        || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(
            ErrorKind::PermissionDenied, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    out.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
    if (!out.commit())
        return makeError(
            ErrorKind::PermissionDenied, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    return Done {};
}

} // namespace RagScope
