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

/// Compares two stats objects: integers, strings and nulls exactly, floats to `relativeTolerance`
/// (0: the same double). Returns the path of the first difference
/// ("latency_percentiles_ms.total.p95: 1 vs 2"), empty if equal.
QString diffJson(const QJsonValue& expected, const QJsonValue& actual, double relativeTolerance = 0.0,
    const QString& path = {});

} // namespace RagScope::Test
