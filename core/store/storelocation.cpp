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

Result<int> portNumber(const QString& text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return badUrl(QStringLiteral("port '%1' is not a number from 1 to 65535").arg(text));
    return port;
}

// libpq's quoting: \' and \\ stand for ' and \.
QString unquote(const QString& quoted)
{
    QString out;
    for (qsizetype i = 1; i + 1 < quoted.size(); ++i) {
        if (quoted[i] == QLatin1Char('\\') && i + 2 < quoted.size())
            ++i;
        out += quoted[i];
    }
    return out;
}

Result<StoreLocation> fromPostgresUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) // errorString() quotes the whole URL, password included: keep only the reason
        return badUrl(url.errorString().section(QStringLiteral("; source was"), 0, 0));
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
        else if (key == QLatin1String("port")) {
            RAGSCOPE_TRY(port, portNumber(value));
            loc.port = port;
        } else if (key == QLatin1String("user"))
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
    static const QRegularExpression pair(QStringLiteral(R"((\w+)\s*=\s*('(?:[^'\\]|\\.)*'|[^'\s]\S*))"));
    // Unread text is quoted in the error unless it holds a value (which may be a password).
    const auto unreadable = [](const QString& rest) {
        static const QRegularExpression key(QStringLiteral(R"(^(\w+)\s*=)"));
        const auto m = key.match(rest);
        if (m.hasMatch())
            return badUrl(
                QStringLiteral("cannot read the value of '%1' (unterminated quote?)").arg(m.captured(1)));
        return badUrl(QStringLiteral("cannot read '%1'").arg(rest));
    };
    StoreLocation loc;
    loc.dialect = Dialect::Postgres;
    QStringList options;
    qsizetype consumed = 0;
    auto it = pair.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString skipped = text.mid(consumed, m.capturedStart() - consumed).trimmed();
        if (!skipped.isEmpty())
            return unreadable(skipped);
        consumed = m.capturedEnd();
        const QString key = m.captured(1);
        QString value = m.captured(2);
        if (value.startsWith(QLatin1Char('\'')))
            value = unquote(value);
        if (key == QLatin1String("host") || key == QLatin1String("hostaddr"))
            loc.host = value;
        else if (key == QLatin1String("port")) {
            RAGSCOPE_TRY(port, portNumber(value));
            loc.port = port;
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
        return unreadable(text.mid(consumed).trimmed());
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
    const QString shownHost = host.isEmpty() ? qEnvironmentVariable("PGHOST") : host;
    QUrlQuery q;
    // a socket directory is no URL host: libpq takes it as ?host=
    const bool socketDirectory = shownHost.startsWith(QLatin1Char('/'));
    if (socketDirectory)
        q.addQueryItem(QStringLiteral("host"), shownHost);
    // an empty but non-null host keeps the "//" that parse() looks for
    url.setHost(socketDirectory || shownHost.isEmpty() ? QStringLiteral("") : shownHost);
    if (port > 0)
        url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    const QStringList parts = connectOptions.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString& kv : parts)
        q.addQueryItem(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    if (!q.isEmpty())
        url.setQuery(q);
    return url.toString();
}

} // namespace RagScope
