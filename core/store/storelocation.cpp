#include "storelocation.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace RagScope {

namespace {

Error badUrl(const QString& why)
{
    return makeError(ErrorKind::InvalidInput, QStringLiteral("bad store URL: %1").arg(why));
}

// libpq options that QPSQL passes through its connect options.
const QStringList &passThroughOptions()
{
    static const QStringList keys { QStringLiteral("sslmode"), QStringLiteral("sslrootcert"), QStringLiteral("sslcert"),
                                    QStringLiteral("sslkey"), QStringLiteral("connect_timeout"),
                                    QStringLiteral("application_name"), QStringLiteral("options"),
                                    QStringLiteral("target_session_attrs"), QStringLiteral("passfile") };
    return keys;
}

Result<StoreLocation> fromPostgresUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return badUrl(url.errorString());
    StoreLocation loc;
    loc.dialect = Dialect::Postgres;
    loc.host = url.host();
    loc.port = url.port(-1);
    loc.user = url.userName(QUrl::FullyDecoded);
    loc.password = url.password(QUrl::FullyDecoded);
    loc.database = url.path(QUrl::FullyDecoded).mid(1);
    if (loc.database.contains(QLatin1Char('/')))
        return badUrl(QStringLiteral("the database name '%1' contains '/'").arg(loc.database));
    QStringList options;
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host"))
            loc.host = value;
        else if (key == QLatin1String("port"))
            loc.port = value.toInt();
        else if (key == QLatin1String("user"))
            loc.user = value;
        else if (key == QLatin1String("password"))
            loc.password = value;
        else if (key == QLatin1String("dbname"))
            loc.database = value;
        else if (passThroughOptions().contains(key))
            options << key + QLatin1Char('=') + value;
        else
            return badUrl(QStringLiteral("unknown parameter '%1'").arg(key));
    }
    loc.connectOptions = options.join(QLatin1Char(';'));
    return loc;
}

Result<StoreLocation> fromKeyValue(const QString& text)
{
    // host=localhost port=5432 dbname=rag user=alice password='se cret'
    static const QRegularExpression pair(QStringLiteral(R"((\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+))"));
    StoreLocation loc;
    loc.dialect = Dialect::Postgres;
    QStringList options;
    qsizetype consumed = 0;
    auto it = pair.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (!text.mid(consumed, m.capturedStart() - consumed).trimmed().isEmpty())
            return badUrl(QStringLiteral("cannot read '%1'").arg(text.mid(consumed, m.capturedStart() - consumed).trimmed()));
        consumed = m.capturedEnd();
        const QString key = m.captured(1);
        QString value = m.captured(2);
        if (value.startsWith(QLatin1Char('\''))) {
            value = value.mid(1, value.size() - 2);
            value.replace(QStringLiteral("\\'"), QStringLiteral("'")).replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
        }
        if (key == QLatin1String("host") || key == QLatin1String("hostaddr"))
            loc.host = value;
        else if (key == QLatin1String("port")) {
            bool ok = false;
            loc.port = value.toInt(&ok);
            if (!ok)
                return badUrl(QStringLiteral("port '%1' is not a number").arg(value));
        } else if (key == QLatin1String("dbname"))
            loc.database = value;
        else if (key == QLatin1String("user"))
            loc.user = value;
        else if (key == QLatin1String("password"))
            loc.password = value;
        else if (passThroughOptions().contains(key))
            options << key + QLatin1Char('=') + value;
        else
            return badUrl(QStringLiteral("unknown parameter '%1'").arg(key));
    }
    if (!text.mid(consumed).trimmed().isEmpty())
        return badUrl(QStringLiteral("cannot read '%1'").arg(text.mid(consumed).trimmed()));
    loc.connectOptions = options.join(QLatin1Char(';'));
    return loc;
}

} // namespace

Result<StoreLocation> StoreLocation::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return badUrl(QStringLiteral("it is empty"));
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://")))
        return fromPostgresUrl(text);
    if (text.startsWith(QLatin1String("sqlite:"))) {
        QString path = text.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs/path
        if (path.isEmpty())
            return badUrl(QStringLiteral("sqlite: needs a file path"));
        StoreLocation loc;
        loc.sqlitePath = QFileInfo(path).absoluteFilePath();
        return loc;
    }
    static const QRegularExpression keyValue(QStringLiteral(R"(^\w+\s*=)"));
    if (keyValue.match(text).hasMatch())
        return fromKeyValue(text);
    static const QRegularExpression sqliteSuffix(QStringLiteral(R"(\.(sqlite3?|db)$)"),
                                                 QRegularExpression::CaseInsensitiveOption);
    if (sqliteSuffix.match(text).hasMatch()) {
        StoreLocation loc;
        loc.sqlitePath = QFileInfo(text).absoluteFilePath();
        return loc;
    }
    if (text.contains(QLatin1String("://")))
        return badUrl(QStringLiteral("'%1' is not a postgresql:// or sqlite: URL").arg(text.section(QStringLiteral("://"), 0, 0)));
    return badUrl(QStringLiteral("'%1' is neither a postgresql:// URL, a libpq key=value string, nor a .sqlite file").arg(text));
}

QString StoreLocation::displayName() const
{
    return urlWithoutPassword();
}

QString StoreLocation::urlWithoutPassword() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host.isEmpty() ? QString::fromLocal8Bit(qgetenv("PGHOST")) : host);
    if (port > 0)
        url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    if (!connectOptions.isEmpty()) {
        QUrlQuery q;
        const QStringList parts = connectOptions.split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString& kv : parts)
            q.addQueryItem(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        url.setQuery(q);
    }
    return url.toString();
}

} // namespace RagScope
