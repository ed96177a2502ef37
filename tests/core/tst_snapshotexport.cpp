// SnapshotExporter in both source dialects: the snapshot of a window gives the same figures as
// its source on the window and on sub-windows, carries its metadata and the window's rollups
// (the offline collector answers from them, equal to the source's), a cancelled export leaves
// nothing at the target and keeps an existing file (before or after rows were written), files
// that are no snapshot, truncated, corrupt, of a newer schema or read-only give a clear error or
// open read-only, never modified, and a PostgreSQL store is read as of one moment.
#include "fixtures.h"
#include "fixturewriter.h"
#include "metrics/metricscollector.h"
#include "rollup/rollupcollector.h"
#include "rollup/rolluprefresher.h"
#include "snapshot/exportprogress.h"
#include "snapshot/snapshotexporter.h"
#include "snapshot/snapshotinfo.h"
#include "testdatabase.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>
#include <unistd.h>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

const QDateTime Now = at("2026-03-10T12:34:00Z");
const QDateTime DataStart = at("2026-03-01T00:00:00Z");

Filter window(const char* from, const char* to)
{
    return Filter { at(from), at(to), std::nullopt, std::nullopt };
}

// ~600 interactions over nine days, NULLs, an unpriced model, feedback on a third (some of it
// days after its interaction, so it falls in a later window) and a few reviews.
void fill(const StorePtr& store)
{
    QRandomGenerator rng(7);
    const FixtureWriter writer(store);
    const QStringList models { QStringLiteral("gemini-1.5-pro-latest"),
        QStringLiteral("gemini-1.5-flash-latest"), QStringLiteral("Zeta-model"), QString() };
    const qint64 span = DataStart.msecsTo(Now);
    for (int n = 0; n < 600; ++n) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(rng.bounded(4));
        r.query = QStringLiteral("question\twith\ttabs\nand a newline \\ backslash %1").arg(n);
        r.answer = QStringLiteral("answer é ✓");
        if (rng.bounded(10) != 0)
            r.confidence = rng.bounded(1001) / 1000.0;
        if (rng.bounded(20) != 0)
            r.totalLatencyMs = 100 + rng.generateDouble() * 3000;
        r.retrievalLatencyMs = 10 + rng.generateDouble() * 300;
        r.generationLatencyMs = 50 + rng.generateDouble() * 2000;
        r.promptTokens = rng.bounded(3000);
        r.completionTokens = rng.bounded(800);
        const QString model = models[rng.bounded(int(models.size()))];
        if (!model.isNull())
            r.model = model;
        if (!model.isNull() && model != QLatin1String("Zeta-model"))
            r.cost = Money::fromUnits(rng.bounded(5'000'000));
        r.createdAt = DataStart.addMSecs(qint64(rng.generateDouble() * double(span)));
        const QUuid id = recordInteraction(store, r);
        if (rng.bounded(3) == 0)
            writer.addFeedback(id, 1 + rng.bounded(5),
                std::min(r.createdAt.addSecs(rng.bounded(72 * 3600)), Now.addSecs(-60)));
        if (rng.bounded(10) == 0)
            writer.addReview(id, QStringLiteral("rev"), 1 + rng.bounded(5), {}, r.createdAt.addSecs(600));
    }
}

void compareReports(const StatsReport& a, const StatsReport& e)
{
    QCOMPARE(a.kpis.requests, e.kpis.requests);
    QCOMPARE(a.kpis.promptTokens, e.kpis.promptTokens);
    QCOMPARE(a.kpis.completionTokens, e.kpis.completionTokens);
    QCOMPARE(a.kpis.totalCost.toString(), e.kpis.totalCost.toString());
    QCOMPARE(a.kpis.unpricedRequests, e.kpis.unpricedRequests);
    QCOMPARE(a.confidence.buckets, e.confidence.buckets);
    QCOMPARE(a.confidence.unknown, e.confidence.unknown);
    QCOMPARE(a.ratings.counts, e.ratings.counts);
    QCOMPARE(a.ratings.interactionsWithFeedback, e.ratings.interactionsWithFeedback);
    QCOMPARE(a.dailyCost.size(), e.dailyCost.size());
    for (qsizetype i = 0; i < e.dailyCost.size(); ++i) {
        QCOMPARE(a.dailyCost[i].day, e.dailyCost[i].day);
        QCOMPARE(a.dailyCost[i].model, e.dailyCost[i].model);
        QCOMPARE(a.dailyCost[i].cost.toString(), e.dailyCost[i].cost.toString());
    }
    for (const auto& [x, y] : { std::pair { &a.latency.total, &e.latency.total },
             std::pair { &a.latency.retrieval, &e.latency.retrieval },
             std::pair { &a.latency.generation, &e.latency.generation } }) {
        for (size_t l = 0; l < y->values.size(); ++l) {
            QCOMPARE(x->values[l].has_value(), y->values[l].has_value());
            if (y->values[l])
                QVERIFY(std::fabs(*x->values[l] - *y->values[l]) <= 1e-9 * std::fabs(*y->values[l]));
        }
    }
}

StatsReport raw(const StorePtr& store, const Filter& f)
{
    const auto r = MetricsCollector(store).report(f);
    if (!r.ok())
        qFatal("report: %s", qPrintable(r.error().message));
    return r.value();
}

StorePtr openSnapshot(const QString& path)
{
    auto s = Store::open(QStringLiteral("sqlite:") + path, {});
    if (!s.ok())
        qFatal("open snapshot: %s", qPrintable(s.error().message));
    return s.value();
}

} // namespace

class TestSnapshotExport : public QObject
{
    Q_OBJECT

protected:
    TestDatabase m_db;
    StorePtr m_source;
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    QString exported(const QString& name, const std::optional<Filter>& w)
    {
        const auto s = SnapshotExporter::exportTo(m_source, path(name), w);
        if (!s.ok())
            qFatal("export: %s", qPrintable(s.error().message));
        return path(name);
    }

private slots:
    void initTestCase()
    {
        m_source = m_db.open();
        fill(m_source);
        const auto refreshed = RollupRefresher(m_source).refresh(Now);
        QVERIFY2(refreshed.ok(), qPrintable(refreshed.ok() ? QString() : refreshed.error().message));
    }

    void statsEqualOnTheWindowAndSubWindows_data()
    {
        QTest::addColumn<Filter>("exportWindow");
        QTest::addColumn<QList<Filter>>("checked");
        const Filter w = window("2026-03-03T05:30:00.250Z", "2026-03-08T17:00:00Z");
        Filter byUser = w;
        byUser.user = QStringLiteral("user-2");
        Filter byModel = w;
        byModel.model = QStringLiteral("gemini-1.5-flash-latest");
        QTest::newRow("window") << w
                                << QList<Filter> { w, window("2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z"),
                                       window("2026-03-06T11:11:11Z", "2026-03-08T17:00:00Z") };
        QTest::newRow("one user") << byUser << QList<Filter> { byUser };
        QTest::newRow("one model") << byModel << QList<Filter> { byModel };
    }

    void statsEqualOnTheWindowAndSubWindows()
    {
        QFETCH(Filter, exportWindow);
        QFETCH(QList<Filter>, checked);
        const StorePtr snapshot = openSnapshot(exported(QStringLiteral("window.sqlite"), exportWindow));
        for (const Filter& f : checked) {
            compareReports(raw(snapshot, f), raw(m_source, f));
            if (QTest::currentTestFailed())
                return;
        }
    }

    void wholeStoreAndSnapshotOfSnapshot()
    {
        const QString whole = exported(QStringLiteral("whole.sqlite"), std::nullopt);
        const StorePtr snapshot = openSnapshot(whole);
        for (const char* table : { "chat_interactions", "chat_feedbacks", "ragscope_reviews" })
            QCOMPARE(countRows(*snapshot, QLatin1String(table)), countRows(*m_source, QLatin1String(table)));
        const Filter w = window("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z");
        compareReports(raw(snapshot, w), raw(m_source, w));
        // A window of the snapshot, taken from the snapshot, keeps the original source.
        const auto again = SnapshotExporter::exportTo(snapshot, path(QStringLiteral("again.sqlite")), w);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        const StorePtr second = openSnapshot(path(QStringLiteral("again.sqlite")));
        compareReports(raw(second, w), raw(m_source, w));
        const auto info = SnapshotInfo::read(*second);
        QVERIFY(info.ok() && info.value());
        const auto source = SourceIdentity::of(*m_source);
        QVERIFY(source.ok());
        QVERIFY(info.value()->source.sameStoreAs(source.value()));
    }

    void metadataDescribesTheSnapshot()
    {
        Filter w = window("2026-03-03T00:00:00Z", "2026-03-05T00:00:00Z");
        w.model = QStringLiteral("gemini-1.5-pro-latest");
        const StorePtr snapshot = openSnapshot(exported(QStringLiteral("meta.sqlite"), w));
        const auto info = SnapshotInfo::read(*snapshot);
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
        QVERIFY(info.value().has_value());
        const SnapshotInfo& i = *info.value();
        QCOMPARE(i.window, std::optional<Filter>(w));
        QCOMPARE(i.rows.value(QStringLiteral("chat_interactions")),
            countRows(*snapshot, QStringLiteral("chat_interactions")));
        QCOMPARE(i.rows.value(QStringLiteral("chat_feedbacks")),
            countRows(*snapshot, QStringLiteral("chat_feedbacks")));
        QCOMPARE(i.schemaVersion, snapshot->schemaVersion());
        QVERIFY(i.exportedAt.isValid());
        QCOMPARE(i.source.dialect,
            m_db.dialect() == Dialect::Postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
        QVERIFY(i.rollups);
        // never a password
        auto q = snapshot->exec(QStringLiteral("SELECT group_concat(value, ' ') FROM ragscope_snapshot"));
        QVERIFY(q.ok() && q.value().next());
        const QString all = q.value().value(0).toString();
        if (!m_source->location().password.isEmpty())
            QVERIFY(!all.contains(m_source->location().password));
        QVERIFY(i.describe().contains(QStringLiteral("model gemini-1.5-pro-latest")));
        QVERIFY(i.coverageNote(w).isEmpty());
        QVERIFY(!i.coverageNote(window("2026-03-01T00:00:00Z", "2026-03-05T00:00:00Z")).isEmpty());
        Filter otherModel = w;
        otherModel.model = QStringLiteral("Zeta-model");
        QVERIFY(i.coverageNote(otherModel).contains(QStringLiteral("only model")));
        // the planner's statistics come with the file (join orders on big snapshots)
        auto stats = snapshot->exec(
            QStringLiteral("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'chat_interactions'"));
        QVERIFY(stats.ok() && stats.value().next());
        QVERIFY(stats.value().value(0).toInt() > 0);
        // a plain store has no metadata
        const auto none = SnapshotInfo::read(*m_source);
        QVERIFY(none.ok() && !none.value());
    }

    void rollupsTravelWithTheWindow_data()
    {
        QTest::addColumn<Filter>("exportWindow");
        QTest::addColumn<Filter>("asked");
        const Filter w = window("2026-03-02T07:45:00Z", "2026-03-09T18:20:00Z");
        QTest::newRow("window") << w << w;
        QTest::newRow("inside") << w << window("2026-03-03T00:00:00Z", "2026-03-06T00:00:00Z");
        Filter byModel = w;
        byModel.model = QStringLiteral("gemini-1.5-pro-latest");
        QTest::newRow("model of whole") << w << byModel;
        Filter byUser = w;
        byUser.user = QStringLiteral("user-1");
        QTest::newRow("one-user export") << byUser << byUser;
        // Into the source's open day, where it keeps hour x user rows: the snapshot gets none of
        // them, its own day row holds those hours instead (RollupCompletion).
        Filter intoOpenDay = window("2026-03-02T07:45:00Z", "2026-03-10T11:20:00Z");
        intoOpenDay.user = QStringLiteral("user-1");
        QTest::newRow("one user into the open day") << intoOpenDay << intoOpenDay;
        intoOpenDay.user.reset();
        QTest::newRow("into the open day") << intoOpenDay << intoOpenDay;
    }

    void rollupsTravelWithTheWindow()
    {
        QFETCH(Filter, exportWindow);
        QFETCH(Filter, asked);
        const StorePtr snapshot = openSnapshot(exported(QStringLiteral("rollups.sqlite"), exportWindow));
        const auto offline = RollupCollector(snapshot).report(asked);
        const auto online = RollupCollector(m_source).report(asked);
        QVERIFY(offline.ok() && online.ok());
        QVERIFY(online->fromRollups);
        QVERIFY2(offline->fromRollups, "the snapshot did not answer from its rollups");
        compareReports(offline->report, online->report);
        // and the rollups agree with the snapshot's own rows
        QCOMPARE(offline->report.kpis.requests, raw(snapshot, asked).kpis.requests);
        QCOMPARE(offline->report.kpis.totalCost.toString(), raw(snapshot, asked).kpis.totalCost.toString());
    }

    void cancelledExportLeavesNothing()
    {
        const QString target = path(QStringLiteral("cancel.sqlite"));
        QFile existing(target);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.close(); // an empty file: SQLite takes it as an empty database, replaceable
        const QByteArray before = fileSha256(target);
        qint64 calls = 0;
        ExportProgress last;
        const auto s
            = SnapshotExporter::exportTo(m_source, target, std::nullopt, [&](const ExportProgress& p) {
                  last = p;
                  return ++calls < 1;
              });
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(QStringLiteral("cancelled")), qPrintable(s.error().message));
        QCOMPARE(fileSha256(target), before);
        QVERIFY(last.total > 0);
        const QStringList left = QDir(m_dir.path()).entryList({ QStringLiteral("*.part*") }, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never.sqlite"))));
        const auto again = SnapshotExporter::exportTo(m_source, path(QStringLiteral("never.sqlite")),
            std::nullopt, [](const ExportProgress&) { return false; });
        QVERIFY(!again.ok());
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never.sqlite"))));
    }

    void cancelAfterRowsWereWrittenLeavesNothing()
    {
        // an earlier snapshot at the target stays as it was; a new target never appears
        const QString kept = exported(QStringLiteral("kept.sqlite"), std::nullopt);
        const QByteArray before = fileSha256(kept);
        for (const QString& target : { kept, path(QStringLiteral("never-mid.sqlite")) }) {
            ExportProgress atCancel;
            const auto s
                = SnapshotExporter::exportTo(m_source, target, std::nullopt, [&](const ExportProgress& p) {
                      if (p.done == 0)
                          return true;
                      atCancel = p; // the interactions are in the new file by now
                      return false;
                  });
            QVERIFY(!s.ok());
            QVERIFY2(s.error().message.contains(QStringLiteral("cancelled")), qPrintable(s.error().message));
            QVERIFY(atCancel.done > 0 && atCancel.done < atCancel.total);
            const QStringList left = QDir(m_dir.path()).entryList({ QStringLiteral("*.part*") }, QDir::Files);
            QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        }
        QCOMPARE(fileSha256(kept), before);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("never-mid.sqlite"))));
    }

    void progressReachesTheTotal()
    {
        ExportProgress last;
        const auto s = SnapshotExporter::exportTo(
            m_source, path(QStringLiteral("progress.sqlite")), std::nullopt, [&](const ExportProgress& p) {
                last = p;
                return true;
            });
        QVERIFY(s.ok());
        QCOMPARE(last.done, last.total);
        QCOMPARE(last.done, s->interactions + s->feedbacks + s->reviews + s->rollupRows);
    }

    void unusableFilesGiveAClearError_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not sqlite") << QStringLiteral("text") << QStringLiteral("not");
        QTest::newRow("truncated") << QStringLiteral("truncate") << QString();
        QTest::newRow("corrupt pages") << QStringLiteral("corrupt") << QString();
        QTest::newRow("newer schema") << QStringLiteral("newer") << QStringLiteral("newer RagScope");
    }

    void unusableFilesGiveAClearError()
    {
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        const QString file = exported(QStringLiteral("damaged-%1.sqlite").arg(damage), std::nullopt);
        if (damage == QLatin1String("text")) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("id,user\n1,alice\n");
        } else if (damage == QLatin1String("truncate")) {
            QFile f(file);
            QVERIFY(f.resize(f.size() / 3));
        } else if (damage == QLatin1String("corrupt")) {
            // the header and the schema page intact, the middle third of the pages overwritten
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 third = f.size() / 3;
            QVERIFY(f.seek(third));
            QCOMPARE(f.write(QByteArray(third, '\xa5')), third);
        } else {
            auto s
                = Store::open(QStringLiteral("sqlite:") + file, Store::OpenOptions { Store::Access::Write });
            QVERIFY(s.ok());
            QVERIFY(
                s.value()
                    ->exec(QStringLiteral("INSERT INTO ragscope_migrations (version, name) VALUES (99, 'x')"))
                    .ok());
        }
        const QByteArray before = fileSha256(file);
        const auto opened = Store::open(QStringLiteral("sqlite:") + file, {});
        bool failed = !opened.ok();
        QString message = failed ? opened.error().message : QString();
        if (!failed) { // a truncated file may open: reading it must fail cleanly
            const auto r = MetricsCollector(opened.value())
                               .report(window("2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z"));
            failed = !r.ok();
            message = failed ? r.error().message : QString();
        }
        QVERIFY2(failed, "a damaged file was read as if it were fine");
        QVERIFY(!message.contains(QLatin1Char('\n')));
        if (!expected.isEmpty())
            QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(fileSha256(file), before);
    }

    void readOnlyFileOpensForReading()
    {
        const QString file = exported(QStringLiteral("ro.sqlite"), std::nullopt);
        QVERIFY(QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        const QByteArray before = fileSha256(file);
        Store::OpenOptions writing;
        writing.access = Store::Access::Write;
        const auto s = Store::open(QStringLiteral("sqlite:") + file, writing);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        if (::geteuid() != 0) // root writes anyway
            QVERIFY(s.value()->isReadOnly());
        const auto info = SnapshotInfo::read(*s.value());
        QVERIFY(info.ok() && info.value());
        QVERIFY(raw(s.value(), window("2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z")).kpis.requests > 0);
        QCOMPARE(fileSha256(file), before);
        QVERIFY(!QFileInfo::exists(file + QStringLiteral("-journal")));
    }

    void progressMeterText()
    {
        const ProgressMeter m({ 250'000, 1'000'000 }, 2000);
        QCOMPARE(m.rowsPerSecond(), 125'000);
        QCOMPARE(m.secondsLeft(), 6);
        QCOMPARE(m.perMille(), 250);
        QCOMPARE(m.text(), QStringLiteral("250,000 / 1,000,000 rows · 125,000 rows/s · 6 s left"));
        QCOMPARE(ProgressMeter({ 0, 10 }, 0).secondsLeft(), -1);
    }
};

// A PostgreSQL store keeps recording while it is exported.
class TestSnapshotExportPostgres : public TestSnapshotExport
{
    Q_OBJECT

private slots:
    // Every table is read as of the export's start: an interaction and its feedback recorded
    // between the copy of the interactions and that of the feedback stay out, and the
    // feedback never arrives without its interaction (a foreign-key failure).
    void rowsRecordedDuringTheExportStayOut()
    {
        const StorePtr writer = m_db.open();
        const auto count = [](const StorePtr& store, const QString& table) {
            auto q = store->exec(QStringLiteral("SELECT count(*) FROM %1").arg(table));
            return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
        };
        const qint64 interactions = count(m_source, QStringLiteral("chat_interactions"));
        const qint64 feedbacks = count(m_source, QStringLiteral("chat_feedbacks"));
        QUuid late;
        const auto s = SnapshotExporter::exportTo(
            m_source, path(QStringLiteral("live.sqlite")), std::nullopt, [&](const ExportProgress& p) {
                if (p.done > 0 && late.isNull()) {
                    InteractionRecord r;
                    r.userId = QStringLiteral("late-user");
                    r.query = QStringLiteral("asked while the export runs");
                    r.answer = QStringLiteral("a");
                    r.createdAt = Now.addSecs(-30);
                    late = recordInteraction(writer, r);
                    FixtureWriter(writer).addFeedback(late, 4, Now.addSecs(-20));
                }
                return true;
            });
        QVERIFY(!late.isNull());
        const auto removed
            = writer->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = CAST(? AS uuid)"),
                { late.toString(QUuid::WithoutBraces) });
        QVERIFY(removed.ok());
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(s->interactions, interactions);
        QCOMPARE(s->feedbacks, feedbacks);
        const StorePtr snapshot = openSnapshot(path(QStringLiteral("live.sqlite")));
        QCOMPARE(count(snapshot, QStringLiteral("chat_interactions")), interactions);
        QCOMPARE(count(snapshot, QStringLiteral("chat_feedbacks")), feedbacks);
    }
    // Doubles cross COPY's text exactly: the shortest text PostgreSQL writes reads back to the
    // same bits, the extremes and infinity included, for every row of the store.
    void doublesArriveBitForBit()
    {
        const StorePtr writer = m_db.open();
        InteractionRecord r;
        r.userId = QStringLiteral("extreme-user");
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        r.createdAt = Now.addSecs(-3600);
        const QUuid id = recordInteraction(writer, r);
        const QString key = id.toString(QUuid::WithoutBraces);
        QVERIFY(writer
                    ->exec(QStringLiteral("UPDATE chat_interactions SET total_latency_ms = 'Infinity',"
                                          " retrieval_latency_ms = 4.9406564584124654e-324,"
                                          " generation_latency_ms = 1.7976931348623157e308,"
                                          " confidence_score = 0.1 WHERE id = CAST(? AS uuid)"),
                        { key })
                    .ok());
        const QString file = exported(QStringLiteral("doubles.sqlite"), std::nullopt);
        QVERIFY(
            writer->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = CAST(? AS uuid)"), { key })
                .ok());
        const StorePtr snapshot = openSnapshot(file);
        const auto values = [](const StorePtr& store, const QString& idText) {
            QHash<QString, QList<QVariant>> rows;
            auto q = store->exec(
                QStringLiteral("SELECT %1, total_latency_ms, retrieval_latency_ms,"
                               " generation_latency_ms, confidence_score FROM chat_interactions")
                    .arg(idText));
            while (q.ok() && q.value().next())
                rows.insert(q.value().value(0).toString(),
                    { q.value().value(1), q.value().value(2), q.value().value(3), q.value().value(4) });
            return rows;
        };
        const auto copied = values(snapshot, QStringLiteral("id"));
        auto expected = values(m_source, QStringLiteral("CAST(id AS text)"));
        expected.insert(key,
            { std::numeric_limits<double>::infinity(), std::numeric_limits<double>::denorm_min(),
                std::numeric_limits<double>::max(), 0.1 });
        QCOMPARE(copied.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const QList<QVariant> got = copied.value(it.key());
            QCOMPARE(got.size(), 4);
            for (qsizetype c = 0; c < 4; ++c) {
                QCOMPARE(got[c].isNull(), it.value()[c].isNull());
                if (!got[c].isNull() && got[c].toDouble() != it.value()[c].toDouble())
                    QFAIL(qPrintable(QStringLiteral("%1 column %2: %3 != %4")
                                         .arg(it.key())
                                         .arg(c)
                                         .arg(got[c].toDouble(), 0, 'g', 17)
                                         .arg(it.value()[c].toDouble(), 0, 'g', 17)));
            }
        }
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (dialectUnderTest() == Dialect::Postgres) {
        TestSnapshotExportPostgres postgres;
        return QTest::qExec(&postgres, argc, argv);
    }
    TestSnapshotExport sqlite;
    return QTest::qExec(&sqlite, argc, argv);
}
#include "tst_snapshotexport.moc"
