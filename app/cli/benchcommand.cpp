#include "clicommon.h"
#include "commands.h"
#include "progressprinter.h"

#include "feedback/reviewqueue.h"
#include "jobs/dbthreadpool.h"
#include "metrics/metricscollector.h"
#include "report/statsjson.h"
#include "rollup/edgereads.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

namespace RagScope::Cli {

namespace {

// Peak resident memory of this process in KiB (Linux), 0 where unknown.
qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

struct Timing
{
    QString name;
    QList<double> ms;
    std::optional<Error> error;
};

/// `ran()` after each run, outside the timed part.
template <typename Fn, typename After> Timing measure(const QString& name, int repeat, Fn fn, After ran)
{
    Timing t { name, {}, {} };
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer timer;
        timer.start();
        t.error = fn();
        t.ms << timer.nsecsElapsed() / 1e6;
        ran();
        if (t.error)
            break;
    }
    std::sort(t.ms.begin(), t.ms.end());
    return t;
}

/// One query to time: `repeat` runs of `run`, after `warmUp` untimed ones.
struct Step
{
    QString name;
    int repeat;
    std::function<std::optional<Error>()> run;
    int warmUp = 0;
};

template <typename R> std::optional<Error> errorOf(const Result<R>& r)
{
    return r.ok() ? std::nullopt : std::optional<Error>(r.error());
}

} // namespace

int benchCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("RagScope::Cli",
        "Time each dashboard query on a store (min and median of --repeat runs) and the review queue's "
        "keyset paging; reports peak memory. Measures, never fails on speed."));
    addDbOption(parser);
    addFilterOptions(parser);
    parser.addOptions({
        { QStringLiteral("repeat"),
            QCoreApplication::translate("RagScope::Cli", "Runs per query (default 5)."), QStringLiteral("n"),
            QStringLiteral("5") },
        { QStringLiteral("pages"),
            QCoreApplication::translate("RagScope::Cli", "Review-queue pages of 200 to walk (default 50)."),
            QStringLiteral("n"), QStringLiteral("50") },
        { QStringLiteral("json"), QCoreApplication::translate("RagScope::Cli", "Print JSON.") },
        { QStringLiteral("approx"),
            QCoreApplication::translate("RagScope::Cli",
                "Answer from RagScope's rollups where they cover the window, as the app does.") },
    });
    ProgressPrinter::addOption(parser);
    int exitNow = Ok;
    if (!parse(parser, args, &exitNow))
        return exitNow;
    bool repeatOk = false, pagesOk = false;
    const int repeat = parser.value(QStringLiteral("repeat")).toInt(&repeatOk);
    const int pages = parser.value(QStringLiteral("pages")).toInt(&pagesOk);
    if (!repeatOk || repeat < 1 || repeat > 1000)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--repeat must be a whole number from 1 to 1000"));
    if (!pagesOk || pages < 1 || pages > 100'000)
        return usage(
            QCoreApplication::translate("RagScope::Cli", "--pages must be a whole number from 1 to 100000"));
    // Bad input is refused before any connection is made.
    Filter filter;
    const bool windowGiven = parser.isSet(QStringLiteral("from")) || parser.isSet(QStringLiteral("to"));
    if (windowGiven) {
        auto parsed = parseFilter(parser);
        if (!parsed.ok())
            return fail(parsed.error());
        filter = parsed.value();
    }
    auto store = openStore(parser, false);
    if (!store.ok())
        return fail(store.error());
    const MetricsCollector::Answering answering = parser.isSet(QStringLiteral("approx"))
        ? MetricsCollector::Answering::FromRollups
        : MetricsCollector::Answering::Exact;
    const MetricsCollector metrics(store.value(), answering);
    if (!windowGiven) {
        auto system = metrics.systemStats();
        if (!system.ok())
            return fail(system.error());
        filter.from = system.value().first.value_or(QDateTime::currentDateTimeUtc());
        filter.to = system.value().last.value_or(filter.from).addSecs(1);
    }
    // The queries are planned first, so that progress knows how many runs there are.
    QList<Step> steps;
    const auto plan
        = [&steps](const QString& name, int times, std::function<std::optional<Error>()> fn, int warmUp = 0) {
              steps.append({ name, times, std::move(fn), warmUp });
          };
    plan(QStringLiteral("stats report (CLI)"), repeat, [&] { return errorOf(metrics.report(filter)); });
    plan(QStringLiteral("kpis"), repeat, [&] { return errorOf(metrics.kpis(filter)); });
    plan(QStringLiteral("overview, both windows"), repeat, [&] { return errorOf(metrics.overview(filter)); });
    plan(QStringLiteral("latency percentiles"), repeat,
        [&] { return errorOf(metrics.latencyPercentiles(filter)); });
    plan(QStringLiteral("latency over time"), repeat,
        [&] { return errorOf(metrics.latencyOverTime(filter, MetricsCollector::bucketFor(filter))); });
    plan(QStringLiteral("daily cost"), repeat, [&] { return errorOf(metrics.dailyCost(filter)); });
    plan(QStringLiteral("confidence histogram"), repeat,
        [&] { return errorOf(metrics.confidenceHistogram(filter)); });
    plan(QStringLiteral("ratings"), repeat, [&] { return errorOf(metrics.ratings(filter)); });
    plan(QStringLiteral("user stats"), repeat, [&] { return errorOf(metrics.userStats(filter, 50)); });
    plan(QStringLiteral("confidence by rating"), repeat,
        [&] { return errorOf(metrics.confidenceByRating(filter)); });
    plan(QStringLiteral("review summary"), repeat, [&] { return errorOf(metrics.reviewSummary(filter)); });
    plan(QStringLiteral("system stats"), repeat, [&] { return errorOf(metrics.systemStats()); });
    // What the five pages ask for on one filter change: Overview (this and the previous window in
    // one call, top users), Cost, Latency, Quality, and the Review table's first page. As in the
    // app, the pages of one refresh share the raw reads of the window's edges (EdgeReads): each run
    // is a refresh of its own, with new reads.
    using Query = std::function<std::optional<Error>(const MetricsCollector&)>;
    const QList<Query> dashboard {
        [&](const MetricsCollector& m) { return errorOf(m.overview(filter)); },
        [&](const MetricsCollector& m) { return errorOf(m.userStats(filter, 10)); },
        [&](const MetricsCollector& m) { return errorOf(m.dailyCost(filter)); },
        [&](const MetricsCollector& m) { return errorOf(m.kpis(filter)); },
        [&](const MetricsCollector& m) {
            return errorOf(m.latencyOverTime(filter, MetricsCollector::bucketFor(filter)));
        },
        [&](const MetricsCollector& m) { return errorOf(m.latencyPercentiles(filter)); },
        [&](const MetricsCollector& m) { return errorOf(m.confidenceHistogram(filter)); },
        [&](const MetricsCollector& m) { return errorOf(m.ratings(filter)); },
        [&](const MetricsCollector& m) { return errorOf(m.confidenceByRating(filter)); },
        [&](const MetricsCollector& m) { return errorOf(m.reviewSummary(filter)); },
        [&](const MetricsCollector&) {
            ReviewQueueQuery first;
            first.filter = filter;
            return errorOf(ReviewQueue(store.value()).fetch(first, 200));
        },
    };
    const auto refresh
        = [&] { return MetricsCollector(store.value(), answering, std::make_shared<EdgeReads>()); };
    // One after another, then as the app runs them: each page's jobs at once on the pool of
    // database threads (each with its own connection).
    plan(QStringLiteral("whole dashboard"), repeat, [&]() -> std::optional<Error> {
        const MetricsCollector shared = refresh();
        for (const auto& query : dashboard)
            if (auto e = query(shared))
                return e;
        return std::nullopt;
    });
    // Warm as the app's pool is after a few refreshes: each of its connections opened and its
    // server session past the first touch of every table's pages (each job lands on any thread).
    plan(
        QStringLiteral("whole dashboard, app's pool"), repeat,
        [&]() -> std::optional<Error> {
            const MetricsCollector shared = refresh();
            QList<QFuture<std::optional<Error>>> running;
            for (const auto& query : dashboard)
                running << QtConcurrent::run(dbThreadPool(), query, shared);
            std::optional<Error> first;
            for (auto& f : running)
                if (auto e = f.result(); e && !first)
                    first = e;
            return first;
        },
        repeat);
    const ReviewQueue queue(store.value());
    ReviewQueueQuery query;
    query.filter = filter;
    plan(QStringLiteral("review queue first page"), repeat, [&] { return errorOf(queue.fetch(query, 200)); });
    qint64 walked = 0;
    plan(QStringLiteral("review queue %1 pages").arg(pages), 1, [&]() -> std::optional<Error> {
        QString cursor;
        for (int p = 0; p < pages; ++p) {
            auto page = queue.fetch(query, 200, cursor);
            if (!page.ok())
                return page.error();
            walked += page.value().rows.size();
            if (page.value().atEnd())
                break;
            cursor = page.value().nextCursor;
        }
        return std::nullopt;
    });
    ProgressPrinter progress(parser, ProgressPrinter::Unit::Queries);
    qint64 runs = 0, done = 0;
    for (const Step& step : std::as_const(steps))
        runs += step.warmUp + step.repeat;
    QList<Timing> timings;
    for (const Step& step : std::as_const(steps)) {
        for (int w = 0; w < step.warmUp; ++w) {
            if (auto e = step.run())
                return fail(makeError(e->kind, QStringLiteral("bench: %1: %2").arg(step.name, e->message)));
            progress.update(++done, runs);
        }
        timings << measure(step.name, step.repeat, step.run, [&] { progress.update(++done, runs); });
        // A failed query has no timing worth printing: the failure is the result.
        if (const Timing& t = timings.last(); t.error) {
            progress.finish();
            return fail(
                makeError(t.error->kind, QStringLiteral("bench: %1: %2").arg(t.name, t.error->message)));
        }
    }
    progress.finish();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const Timing& t : std::as_const(timings)) {
            rows.append(
                QJsonObject { { QStringLiteral("query"), t.name }, { QStringLiteral("min_ms"), t.ms.first() },
                    { QStringLiteral("median_ms"), t.ms[t.ms.size() / 2] } });
        }
        out(QString::fromUtf8(QJsonDocument(
            QJsonObject { { QStringLiteral("window"),
                              QJsonObject { { QStringLiteral("from"), isoUtc(filter.from) },
                                  { QStringLiteral("to"), isoUtc(filter.to) } } },
                { QStringLiteral("timings"), rows }, { QStringLiteral("review_rows_walked"), walked },
                { QStringLiteral("peak_rss_kib"), peakRssKiB() } })
                                  .toJson(QJsonDocument::Indented)));
        return Ok;
    }
    out(QStringLiteral("store   %1\nwindow  %2 → %3\n\n")
            .arg(store.value()->location().displayName(), isoUtc(filter.from), isoUtc(filter.to)));
    out(QStringLiteral("%1 %2 %3\n")
            .arg(QStringLiteral("query").leftJustified(28), QStringLiteral("min ms").rightJustified(10),
                QStringLiteral("median ms").rightJustified(10)));
    for (const Timing& t : std::as_const(timings)) {
        out(QStringLiteral("%1 %2 %3\n")
                .arg(t.name.leftJustified(28), QString::number(t.ms.first(), 'f', 1).rightJustified(10),
                    QString::number(t.ms[t.ms.size() / 2], 'f', 1).rightJustified(10)));
    }
    out(QStringLiteral("\nreview rows walked: %1\npeak RSS: %2 MiB\n")
            .arg(walked)
            .arg(peakRssKiB() / 1024.0, 0, 'f', 1));
    return Ok;
}

} // namespace RagScope::Cli
