// ragscope-recorderbench: what AsyncInteractionRecorder costs its caller and how fast it writes,
// against COPY and multi-row INSERT of the same rows in the same run (never a test; prints
// figures, never fails on speed). bench/run-recorder-bench starts a throwaway PostgreSQL for it.
//   ragscope-recorderbench --db URL [--rows 1000000]
#include "recorder/asyncinteractionrecorder.h"
#include "recorder/batchwriter.h"
#include "store/sqldialect.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace RagScope;

namespace {

QList<InteractionRecord> makeRows(qsizetype n)
{
    QList<InteractionRecord> rows;
    rows.reserve(n);
    const QDateTime start(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc());
    const QStringList models { QStringLiteral("gemini-1.5-pro-latest"),
        QStringLiteral("gemini-1.5-flash-latest") };
    for (qsizetype i = 0; i < n; ++i) {
        InteractionRecord r;
        r.id = QUuid::createUuid();
        r.userId = QStringLiteral("user-%1").arg(i % 2000);
        r.query = QStringLiteral("How do I configure retrieval for tenant %1?").arg(i % 5000);
        r.answer = QStringLiteral("Use the retrieval settings page; see the guide, section %1.").arg(i % 300);
        r.confidence = (i % 100) / 100.0;
        r.citations = int(i % 5);
        r.totalLatencyMs = 300.0 + double(i % 2500);
        r.retrievalLatencyMs = 40.0 + double(i % 300);
        r.generationLatencyMs = 200.0 + double(i % 2200);
        r.promptTokens = 800 + i % 400;
        r.completionTokens = 150 + i % 100;
        r.model = models[i % 2];
        r.createdAt = start.addMSecs(i * 1000);
        rows << r;
    }
    return rows;
}

bool exec(const Store& store, const QString& sql)
{
    const auto q = store.exec(sql);
    if (!q.ok())
        std::fprintf(stderr, "recorderbench: %s\n", qPrintable(q.error().message));
    return q.ok();
}

// The multi-row INSERT the recorder could have used: 1,000 rows per statement, every value bound.
Status multiRowInsert(const Store& store, const QList<InteractionRecord>& rows)
{
    constexpr qsizetype PerStatement = 1000;
    const QString one
        = InteractionRecorder::insertSql(store.dialect()).section(QStringLiteral(" VALUES "), 1);
    const QString head
        = InteractionRecorder::insertSql(store.dialect()).section(QStringLiteral(" VALUES "), 0, 0);
    RAGSCOPE_TRY(db, store.connection());
    for (qsizetype at = 0; at < rows.size(); at += PerStatement) {
        const qsizetype n = std::min(PerStatement, rows.size() - at);
        QStringList tuples(n, one);
        QSqlQuery q(db);
        if (!q.prepare(head + QStringLiteral(" VALUES ") + tuples.join(QLatin1Char(','))))
            return makeError(ErrorKind::Query, QStringLiteral("cannot prepare the multi-row INSERT"));
        int position = 0;
        for (qsizetype i = at; i < at + n; ++i) {
            for (const QVariant& v : InteractionRecorder::insertValues(store.dialect(), rows[i]))
                q.bindValue(position++, v);
        }
        if (!q.exec())
            return store.classify(q.lastError(), QStringLiteral("multi-row INSERT"));
    }
    return Done {};
}

double rowsPerSecond(qsizetype rows, qint64 ns)
{
    return rows / (double(ns) / 1e9);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is known
    QCommandLineParser parser;
    parser.addOptions(
        { { QStringLiteral("db"), QStringLiteral("Store URL (a throwaway one)."), QStringLiteral("url") },
            { QStringLiteral("rows"), QStringLiteral("Rows per phase."), QStringLiteral("n"),
                QStringLiteral("1000000") },
            { QStringLiteral("insert-rows"),
                QStringLiteral("Rows for the (slow) multi-row INSERT phase; default: --rows."),
                QStringLiteral("n") } });
    parser.process(app);
    const qsizetype n = parser.value(QStringLiteral("rows")).toLongLong();
    Store::OpenOptions options;
    options.access = Store::Access::Write;
    auto opened = Store::open(parser.value(QStringLiteral("db")), options);
    if (!opened.ok()) {
        std::fprintf(stderr, "recorderbench: %s\n", qPrintable(opened.error().message));
        return 1;
    }
    const StorePtr store = opened.value();
    const QList<InteractionRecord> rows = makeRows(n);
    // the COPY and INSERT phases start from a table as empty as the recorder found it
    const QString truncate = QStringLiteral("TRUNCATE chat_interactions CASCADE");

    // 1. The recorder: the cost of each record() to its caller, then until everything is written.
    std::vector<qint64> costs(size_t(n), 0);
    AsyncInteractionRecorder::Options recorderOptions;
    recorderOptions.capacity = n; // nothing dropped: the sustained rate is what the writer keeps up
    QElapsedTimer wall;
    qint64 recordedNs = 0, writtenNs = 0;
    RecorderHealth health;
    {
        AsyncInteractionRecorder recorder(store, CostTracker(), recorderOptions);
        wall.start();
        for (qsizetype i = 0; i < n; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto id = recorder.record(rows[i]);
            costs[size_t(i)]
                = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
                      .count();
            if (!id.ok())
                std::fprintf(stderr, "recorderbench: %s\n", qPrintable(id.error().message));
        }
        recordedNs = wall.nsecsElapsed();
        recorder.flush();
        writtenNs = wall.nsecsElapsed();
        health = recorder.shutdown();
    }
    std::sort(costs.begin(), costs.end());
    const auto at
        = [&](double p) { return costs[size_t(std::min<double>(double(n - 1), p * double(n)))] / 1000.0; };
    std::printf("record(): %lld calls, p50 %.2f us, p99 %.2f us, max %.1f us (all calls took %.0f ms)\n",
        static_cast<long long>(n), at(0.50), at(0.99), costs.back() / 1000.0, recordedNs / 1e6);
    std::printf("recorder: %lld rows written, %lld dropped, in %.0f ms: %.0f rows/s sustained\n",
        static_cast<long long>(health.written), static_cast<long long>(health.dropped), writtenNs / 1e6,
        rowsPerSecond(n, writtenNs));

    // 2. COPY of the same (priced) rows in one statement, into the emptied table.
    InteractionRecorder completer(store);
    QList<InteractionRecord> completed;
    completed.reserve(n);
    for (const InteractionRecord& r : rows)
        completed << completer.complete(r);
    if (!exec(*store, truncate))
        return 1;
    wall.restart();
    if (const Status copied = BatchWriter(store).write(completed); !copied.ok()) {
        std::fprintf(stderr, "recorderbench: %s\n", qPrintable(copied.error().message));
        return 1;
    }
    const qint64 copyNs = wall.nsecsElapsed();
    std::printf("COPY: %lld rows in %.0f ms: %.0f rows/s\n", static_cast<long long>(n), copyNs / 1e6,
        rowsPerSecond(n, copyNs));

    // 3. Multi-row INSERT with bound values (the other way the writer could batch).
    if (!exec(*store, truncate))
        return 1;
    const qsizetype insertRows = parser.isSet(QStringLiteral("insert-rows"))
        ? std::min<qsizetype>(n, parser.value(QStringLiteral("insert-rows")).toLongLong())
        : n;
    completed.resize(insertRows);
    wall.restart();
    if (const Status inserted = multiRowInsert(*store, completed); !inserted.ok()) {
        std::fprintf(stderr, "recorderbench: %s\n", qPrintable(inserted.error().message));
        return 1;
    }
    const qint64 insertNs = wall.nsecsElapsed();
    std::printf("multi-row INSERT (1,000 rows per statement): %lld rows in %.0f ms: %.0f rows/s\n",
        static_cast<long long>(insertRows), insertNs / 1e6, rowsPerSecond(insertRows, insertNs));
    std::printf("rate ratios: recorder/COPY %.2f, multi-row INSERT/COPY %.2f\n",
        double(copyNs) / double(writtenNs), rowsPerSecond(insertRows, insertNs) / rowsPerSecond(n, copyNs));
    return 0;
}
