#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace RagScope::Test {

/// Runs the real ragscope-cli binary (RAGSCOPE_CLI) and captures what it printed.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json() const; ///< stdout parsed as one JSON object (fails the test if it is not)
};

CliRun runCli(const QStringList& args, const QStringList& extraEnvironment = {});

/// Compares two stats objects: integers and strings exactly, floats to 1e-9 relative, nulls as nulls.
/// Returns the path of the first difference ("latency_percentiles_ms.total.p95: 1 vs 2"), empty if equal.
QString diffJson(const QJsonValue& expected, const QJsonValue& actual, const QString& path = {});

} // namespace RagScope::Test
