#include "clicommon.h"

#include "base/isotime.h"
#include "replica/replicapair.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace RagScope::Cli {

namespace {
FILE* g_errors = stderr;
} // namespace

void keepLibraryOutputOffStderr()
{
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    if (qEnvironmentVariableIsSet("RAGSCOPE_DEBUG"))
        return;
    std::fflush(stderr);
    const int own = ::dup(STDERR_FILENO);
    const int devNull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (own < 0 || devNull < 0)
        return; // keep stderr as it is: noise is better than losing our own message
    ::fcntl(own, F_SETFD, FD_CLOEXEC);
    if (FILE* stream = ::fdopen(own, "w"); stream && ::dup2(devNull, STDERR_FILENO) >= 0)
        g_errors = stream;
    ::close(devNull);
#endif
}

FILE* errorStream()
{
    return g_errors;
}

int fail(const Error& error)
{
    // One line whatever the message holds (a value with a newline, a file's own text).
    static const QRegularExpression lineBreaks(QStringLiteral(R"(\s*[\r\n]+\s*)"));
    QString message = error.message.trimmed();
    message.replace(lineBreaks, QStringLiteral(" "));
    QTextStream(errorStream()) << "ragscope-cli: " << message << '\n';
    return error.exitCode();
}

int usage(const QString& message)
{
    QTextStream(errorStream()) << "ragscope-cli: " << message << " (see --help)\n";
    return BadInput;
}

void out(const QString& text)
{
    QTextStream stream(stdout);
    stream << text;
}

void addDbOption(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("db"),
        QCoreApplication::translate("RagScope::Cli",
            "Store: a libpq connection string, postgresql://user[:password]@host[:port][,…]"
            "/db[?keyword=value&…] or key=value (e.g. service=NAME), sqlite:PATH or a .sqlite "
            "file. Unset PostgreSQL parts come from PGHOST, PGPORT, PGUSER, PGPASSWORD, "
            "PGDATABASE, a service file or ~/.pgpass."),
        QStringLiteral("url") });
}

void addWriteDbOption(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("write-db"),
        QCoreApplication::translate("RagScope::Cli",
            "Where writes go when --db is a read replica (a hot standby): its primary, in the "
            "same forms as --db. Reads stay on --db."),
        QStringLiteral("url") });
}

QString helpText(const QCommandLineParser& parser, const QString& command)
{
    // Qt names the program by argv[0] ("Usage: /usr/bin/ragscope-cli [options]", a full path when
    // run as one) and knows nothing of the command: both belong in the usage line.
    QString text = parser.helpText();
    const QString program = QCoreApplication::arguments().value(0);
    const qsizetype lineEnd = text.indexOf(QLatin1Char('\n'));
    if (const qsizetype at = text.indexOf(program); !program.isEmpty() && at >= 0 && at < lineEnd)
        text.replace(at, program.size(), QStringLiteral("ragscope-cli ") + command);
    return text;
}

bool parse(QCommandLineParser& parser, const QStringList& args, int* exitNow)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        *exitNow = usage(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out(helpText(parser, args.value(0)));
        *exitNow = Ok;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *exitNow = usage(QCoreApplication::translate("RagScope::Cli", "unexpected argument '%1'")
                             .arg(parser.positionalArguments().first()));
        return false;
    }
    return true;
}

Result<StorePtr> openStore(const QCommandLineParser& parser, bool migrate, bool create)
{
    Store::OpenOptions options;
    options.migrate = migrate;
    options.createSchema = create;
    options.createIfMissing = create;
    return openStore(parser, options);
}

namespace {
Result<QString> dbUrl(const QCommandLineParser& parser)
{
    QString url = parser.value(QStringLiteral("db"));
    if (url.isEmpty() && (qEnvironmentVariableIsSet("PGHOST") || qEnvironmentVariableIsSet("PGDATABASE")))
        url = QStringLiteral("postgresql://"); // everything from the PG* variables
    if (url.isEmpty())
        return makeError(
            ErrorKind::InvalidInput, QCoreApplication::translate("RagScope::Cli", "--db URL is required"));
    return url;
}
} // namespace

Result<StorePtr> openStore(const QCommandLineParser& parser, Store::OpenOptions options)
{
    RAGSCOPE_TRY(url, dbUrl(parser));
    auto store = Store::open(url, options);
    if (!store.ok())
        return store.error();
    return StorePtr(store.value());
}

Result<StorePtr> openStoreForWrites(const QCommandLineParser& parser, Store::OpenOptions options)
{
    if (!parser.isSet(QStringLiteral("write-db")))
        return openStore(parser, options);
    RAGSCOPE_TRY(url, dbUrl(parser));
    RAGSCOPE_TRY(read, StoreLocation::parse(url));
    RAGSCOPE_TRY(write, StoreLocation::parse(parser.value(QStringLiteral("write-db"))));
    return ReplicaPair::open(read, write, options);
}

Result<QDateTime> parseTime(const QString& text, const QString& option)
{
    return parseIsoTime(text, QStringLiteral("--") + option);
}

void addFilterOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        { QStringLiteral("from"),
            QCoreApplication::translate("RagScope::Cli", "Window start (inclusive), ISO 8601 UTC."),
            QStringLiteral("time") },
        { QStringLiteral("to"),
            QCoreApplication::translate("RagScope::Cli", "Window end (exclusive), ISO 8601 UTC."),
            QStringLiteral("time") },
        { QStringLiteral("user"), QCoreApplication::translate("RagScope::Cli", "Only this user id."),
            QStringLiteral("user") },
        { QStringLiteral("model"), QCoreApplication::translate("RagScope::Cli", "Only this model name."),
            QStringLiteral("model") },
    });
}

Result<Filter> parseFilter(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("from")) || !parser.isSet(QStringLiteral("to")))
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::Cli", "--from and --to are required"));
    Filter filter;
    RAGSCOPE_TRY(from, parseTime(parser.value(QStringLiteral("from")), QStringLiteral("from")));
    RAGSCOPE_TRY(to, parseTime(parser.value(QStringLiteral("to")), QStringLiteral("to")));
    if (!(from < to))
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::Cli", "--from must be before --to"));
    filter.from = from;
    filter.to = to;
    if (parser.isSet(QStringLiteral("user")))
        filter.user = parser.value(QStringLiteral("user"));
    if (parser.isSet(QStringLiteral("model")))
        filter.model = parser.value(QStringLiteral("model"));
    return filter;
}

} // namespace RagScope::Cli
