#pragma once

#include <QStringList>

namespace RagScope::Cli {

// One function per subcommand; `args` starts with the command name. Each returns the exit status.
int migrateCommand(const QStringList& args);
int statsCommand(const QStringList& args);
int feedbackCommand(const QStringList& args);
int lowRatedCommand(const QStringList& args);
int modelsCommand(const QStringList& args);
int demoCommand(const QStringList& args);
int exportCommand(const QStringList& args);
int benchCommand(const QStringList& args);
int rollupCommand(const QStringList& args);
int serveCommand(const QStringList& args);
int pushReviewsCommand(const QStringList& args);
int whatIfCommand(const QStringList& args);
int forecastCommand(const QStringList& args);
int exportReviewsCommand(const QStringList& args);
/// Monitoring-plugin exit statuses (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), unlike the others.
int checkCommand(const QStringList& args);

} // namespace RagScope::Cli
