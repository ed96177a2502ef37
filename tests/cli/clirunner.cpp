#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

#include <cmath>

namespace RagScope::Test {

QJsonObject CliRun::json() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8(), &error);
    if (!doc.isObject())
        qWarning("not a JSON object (%s): %s", qPrintable(error.errorString()), qPrintable(out.left(500)));
    return doc.object();
}

CliRun runCli(const QStringList& args, const QStringList& extraEnvironment)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : extraEnvironment)
        env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("RAGSCOPE_CLI"), args);
    CliRun run;
    if (!process.waitForFinished(300'000)) {
        process.kill();
        run.err = QStringLiteral("timed out or did not start: ") + process.errorString();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString diffJson(
    const QJsonValue& expected, const QJsonValue& actual, double relativeTolerance, const QString& path)
{
    const auto show = [](const QJsonValue& v) {
        return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
    };
    if (expected.type() != actual.type())
        return QStringLiteral("%1: %2 vs %3").arg(path, show(expected), show(actual));
    if (expected.isObject()) {
        const QJsonObject e = expected.toObject(), a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (!a.contains(it.key()))
                return QStringLiteral("%1.%2: missing").arg(path, it.key());
            const QString d = diffJson(
                it.value(), a.value(it.key()), relativeTolerance, path + QLatin1Char('.') + it.key());
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (expected.isArray()) {
        const QJsonArray e = expected.toArray(), a = actual.toArray();
        if (e.size() != a.size())
            return QStringLiteral("%1: %2 vs %3 elements").arg(path).arg(e.size()).arg(a.size());
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString d
                = diffJson(e[i], a[i], relativeTolerance, QStringLiteral("%1[%2]").arg(path).arg(i));
            if (!d.isEmpty())
                return d;
        }
        return {};
    }
    if (expected.isDouble()) {
        const double e = expected.toDouble(), a = actual.toDouble();
        const bool integral = expected.toVariant().typeId() != QMetaType::Double;
        const bool same = integral
            ? expected.toInteger() == actual.toInteger()
            : std::abs(e - a) <= relativeTolerance * std::max({ 1.0, std::abs(e), std::abs(a) });
        return same ? QString()
                    : QStringLiteral("%1: %2 vs %3")
                          .arg(path, QString::number(e, 'g', 17), QString::number(a, 'g', 17));
    }
    return expected == actual ? QString()
                              : QStringLiteral("%1: %2 vs %3").arg(path, show(expected), show(actual));
}

} // namespace RagScope::Test
