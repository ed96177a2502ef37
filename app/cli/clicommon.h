#pragma once

#include "base/result.h"
#include "metrics/filter.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QStringList>

#include <cstdio>
#include <optional>

namespace RagScope::Cli {

/// Exit statuses (store contract §5, plus 5 and 1); Error::exitCode() maps error kinds onto them.
enum Exit { Ok = 0, Internal = 1, BadInput = 2, NotFound = 3, Unreachable = 4, StoreError = 5 };

/// Unless RAGSCOPE_DEBUG is set, points the process's stderr (file descriptor 2) at /dev/null
/// and keeps the real one for the CLI's own lines (errorStream()). libpq prints the server's
/// messages straight to stderr while Qt's driver sets up a connection, before any hook of ours
/// can take them ("FATAL: terminating connection…" during a server restart); the CLI's stderr
/// must hold only its one line. Sanitizer builds keep stderr for their reports.
void keepLibraryOutputOffStderr();
/// Where the CLI's own messages go: the real stderr.
FILE* errorStream();

/// Prints "ragscope-cli: <message>" to stderr as one line and returns the error's exit status.
int fail(const Error& error);
/// A usage problem: one line on stderr, exit 2.
int usage(const QString& message);

/// Adds --db (with the PG*-variables fallback hint) to a parser.
void addDbOption(QCommandLineParser& parser);
/// Adds --write-db: the primary that takes the writes when --db is a read replica.
void addWriteDbOption(QCommandLineParser& parser);
/// The parser's --help text, its usage line naming the command: "Usage: ragscope-cli stats [options]".
QString helpText(const QCommandLineParser& parser, const QString& command);
/// Parses `args` (argv without the program name, starting with the command); prints
/// --help and returns exit 0 through `exitNow` when asked, or exit 2 on unknown options.
bool parse(QCommandLineParser& parser, const QStringList& args, int* exitNow);

/// Opens --db (required) or fails with a message. Without `migrate` the store is opened for
/// reading only; `migrate`: apply pending migrations; `create`: also create the schema in an
/// empty store or a SQLite file that does not exist yet.
Result<StorePtr> openStore(const QCommandLineParser& parser, bool migrate, bool create = false);
/// Opens --db with explicit options (feedback writes, migrate decides what runs).
Result<StorePtr> openStore(const QCommandLineParser& parser, Store::OpenOptions options);

/// For commands that write: --db opened with `options`, or, when --write-db is given, --db for
/// reading with --write-db attached as its writer (ReplicaPair), which `options` then open.
Result<StorePtr> openStoreForWrites(const QCommandLineParser& parser, Store::OpenOptions options);

/// The value of --<option> as strict ISO 8601 (parseIsoTime); a time without zone is UTC.
Result<QDateTime> parseTime(const QString& text, const QString& option);
/// --from/--to/--user/--model into a Filter (from < to required).
Result<Filter> parseFilter(const QCommandLineParser& parser);
void addFilterOptions(QCommandLineParser& parser);

/// Writes to stdout (UTF-8).
void out(const QString& text);

} // namespace RagScope::Cli
