#include "storelocation.h"

#include "pgconnectoptions.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

namespace RagScope {

namespace {

Error badUrl(const QString& why)
{
    return makeError(ErrorKind::InvalidInput,
        QCoreApplication::translate("RagScope::StoreLocation", "bad store URL: %1").arg(why));
}

using ConninfoOptions = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

// libpq quotes the part of the input it could not read, which may hold a password: its message
// is kept without that quote. An unknown keyword stays quoted: in a URL it names no value, and in
// key=value text it does unless a password's unquoted space split it off.
QString withoutQuotedInput(QString message, const QString& input)
{
    message = message.trimmed();
    static const QRegularExpression urlKeyword(
        QStringLiteral(R"(^(invalid|extra key/value separator "=" in) URI query parameter: "\w+"$)"));
    static const QRegularExpression keyword(QStringLiteral(R"(^invalid connection option "\w+"$)"));
    if (urlKeyword.match(message).hasMatch()
        || (keyword.match(message).hasMatch()
            && !input.contains(QLatin1String("password"), Qt::CaseInsensitive)))
        return message;
    // `… after "INPUT" in connection info string`, `… option "INPUT"` and `…: "INPUT"`
    static const QRegularExpression quotedInput(
        QStringLiteral(R"re(^(.*?(?:: |after |option ))"(.*)"((?: in connection info string)?)$)re"));
    message.replace(quotedInput, QStringLiteral(R"(\1"…"\3)"));
    // A message libpq words otherwise (a translation, a newer version) may quote input anywhere.
    static const QRegularExpression oneCharacterQuote(QStringLiteral(R"("[^"]?")")); // "=", "…"
    static const QRegularExpression anyQuote(QStringLiteral(R"(["„“”«»‹›])"));
    if (QString(message).remove(oneCharacterQuote).contains(anyQuote))
        return QStringLiteral("libpq cannot read it");
    return message;
}

Status checkPorts(const QString& ports)
{
    if (ports.isEmpty())
        return Done {};
    const QStringList list = ports.split(QLatin1Char(','));
    for (const QString& entry : list) {
        bool ok = false;
        const int port = entry.trimmed().toInt(&ok);
        if (!entry.trimmed().isEmpty() && (!ok || port < 1 || port > 65535))
            return badUrl(QStringLiteral("port '%1' is not a number from 1 to 65535").arg(entry.trimmed()));
    }
    return Done {};
}

// A URL or key=value string, parsed by libpq (without applying PG* variables or services).
Result<StoreLocation> fromConninfo(const QString& text)
{
    char* message = nullptr;
    const ConninfoOptions parsed(PQconninfoParse(text.toUtf8().constData(), &message), &PQconninfoFree);
    if (!parsed) {
        const QString why = message ? QString::fromUtf8(message) : QStringLiteral("out of memory");
        PQfreemem(message);
        return badUrl(withoutQuotedInput(why, text));
    }
    StoreLocation loc;
    loc.dialect = Dialect::Postgres;
    const std::initializer_list<std::pair<const char*, QString*>> fields { { "host", &loc.host },
        { "port", &loc.port }, { "dbname", &loc.database }, { "user", &loc.user },
        { "password", &loc.password } };
    for (const PQconninfoOption* option = parsed.get(); option->keyword; ++option) {
        if (!option->val)
            continue;
        const QString keyword = QString::fromUtf8(option->keyword);
        const QString value = QString::fromUtf8(option->val);
        const auto field = std::find_if(
            fields.begin(), fields.end(), [&](const auto& f) { return keyword == QLatin1String(f.first); });
        if (field != fields.end())
            *field->second = value;
        else
            loc.options.insert(keyword, value);
    }
    // libpq checks ports only when connecting; a typo is bad input, not an unreachable server.
    RAGSCOPE_TRY(portsChecked, checkPorts(loc.port));
    const auto passable = qpsqlConnectOptions(loc);
    if (!passable.ok())
        return badUrl(passable.error().message);
    return loc;
}

Result<StoreLocation> fromSqlitePath(const QString& path)
{
    if (path.isEmpty())
        return badUrl(QStringLiteral("sqlite: needs a file path"));
    StoreLocation loc;
    loc.sqlitePath = QFileInfo(path).absoluteFilePath();
    return loc;
}

// Percent-encodes a URL part; libpq decodes %XX in every part and needs nothing else encoded.
QString encoded(const QString& part, const QByteArray& keep = "/:,@*")
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part, keep));
}

} // namespace

Result<StoreLocation> StoreLocation::parse(const QString& input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return badUrl(QStringLiteral("it is empty"));
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://")))
        return fromConninfo(text);
    if (text.startsWith(QLatin1String("sqlite:"))) {
        const QString path = text.mid(7);
        return fromSqlitePath(
            path.startsWith(QLatin1String("//")) ? path.mid(2) : path); // sqlite:///abs/path
    }
    static const QRegularExpression keyValue(QStringLiteral(R"(^\w+\s*=)"));
    if (keyValue.match(text).hasMatch())
        return fromConninfo(text);
    static const QRegularExpression sqliteSuffix(
        QStringLiteral(R"(\.(sqlite3?|db)$)"), QRegularExpression::CaseInsensitiveOption);
    if (sqliteSuffix.match(text).hasMatch())
        return fromSqlitePath(text);
    static const QRegularExpression scheme(QStringLiteral(R"(^([A-Za-z][A-Za-z0-9+.-]*)://)"));
    if (const auto m = scheme.match(text); m.hasMatch())
        return badUrl(QStringLiteral("'%1' is not a postgresql:// or sqlite: URL").arg(m.captured(1)));
    // "alice:secret@host/db" would show its password: such text is not quoted back.
    const bool mayHoldSecret = text.contains(QLatin1Char('@')) || text.contains(QLatin1Char(':'));
    const QString what = mayHoldSecret ? QStringLiteral("it") : QStringLiteral("'%1'").arg(text);
    return badUrl(
        QStringLiteral("%1 is neither a postgresql:// URL, a libpq key=value string, nor a .sqlite file%2")
            .arg(what,
                text.contains(QLatin1Char('@')) ? QStringLiteral(" (a URL needs postgresql:// in front)")
                                                : QString()));
}

QString StoreLocation::displayName() const
{
    return urlWithoutPassword();
}

QString StoreLocation::urlWithoutPassword() const
{
    if (dialect == Dialect::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    const QString shownHost = host.isEmpty() ? qEnvironmentVariable("PGHOST") : host;
    const QStringList hosts = shownHost.split(QLatin1Char(','));
    const QStringList ports = port.isEmpty() ? QStringList() : port.split(QLatin1Char(','));
    QStringList query;
    const auto addQuery = [&](const QString& keyword, const QString& value) {
        query << keyword + QLatin1Char('=') + encoded(withoutSecrets(value));
    };
    QStringList authority;
    // A socket directory is no URL host (libpq takes it as ?host=); a port list must pair with the hosts.
    const bool hostsInQuery = shownHost.contains(QLatin1Char('/'));
    if (hostsInQuery) {
        addQuery(QStringLiteral("host"), shownHost);
        if (!port.isEmpty())
            addQuery(QStringLiteral("port"), port);
    } else {
        const bool paired = ports.size() == hosts.size();
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            const QString& h = hosts.at(i);
            QString spec = h.contains(QLatin1Char(':'))
                ? QLatin1Char('[') + encoded(h, ":") + QLatin1Char(']')
                : encoded(h, {});
            if (paired && !ports.at(i).isEmpty())
                spec += QLatin1Char(':') + ports.at(i).trimmed();
            authority << spec;
        }
        if (!ports.isEmpty() && !paired)
            addQuery(QStringLiteral("port"), port);
    }
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (!isSecretKeyword(it.key()))
            addQuery(it.key(), it.value());
    }
    const QString userInfo = user.isEmpty() ? QString() : encoded(user, {}) + QLatin1Char('@');
    QString url = QStringLiteral("postgresql://") + userInfo + authority.join(QLatin1Char(','))
        + QLatin1Char('/') + encoded(database, {});
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return url;
}

QString StoreLocation::withoutSecrets(const QString& text) const
{
    static const QString mask = QStringLiteral("***");
    QString out = text;
    if (!password.isEmpty())
        out.replace(password, mask);
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (isSecretKeyword(it.key()) && !it.value().isEmpty())
            out.replace(it.value(), mask);
    }
    // "password=…" inside another value, e.g. a URL's "?sslmode=disable%20password%3D…"
    static const QRegularExpression assignment(
        QStringLiteral(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s"]+))"),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(assignment, QStringLiteral("\\1") + mask);
    return out;
}

bool StoreLocation::isSecretKeyword(const QString& keyword)
{
    // libpq marks them with display character '*'; its empty parse lists every keyword it knows.
    static const QSet<QString> secret = [] {
        QSet<QString> keys;
        char* message = nullptr;
        const ConninfoOptions all(PQconninfoParse("", &message), &PQconninfoFree);
        PQfreemem(message);
        for (const PQconninfoOption* option = all.get(); option && option->keyword; ++option) {
            if (option->dispchar && option->dispchar[0] == '*')
                keys.insert(QString::fromUtf8(option->keyword));
        }
        return keys;
    }();
    return secret.contains(keyword);
}

} // namespace RagScope
