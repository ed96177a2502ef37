// The rollups of a windowed snapshot hold exactly the snapshot's rows (RollupCompletion), in both
// source dialects: any window of it answers from rollups with the counts and money of its raw rows,
// also one that reaches before the export window (interactions that came along for their feedback
// inside it), past it (feedback given later) or starts inside its partial first day; at most half a
// bucket is read raw at either end. A snapshot exported before that (no rollups_cover_rows) reads
// its rollups only from its window's first whole bucket on.
#include "rollup/rollupplan.h"
#include "rollupfixture.h"
#include "snapshot/snapshotexporter.h"
#include "snapshot/snapshotinfo.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const Filter Exported = window("2026-03-03T05:30:00.250Z", "2026-03-08T17:20:00Z");

Filter narrowed(Filter f, const char* user, const char* model)
{
    if (user)
        f.user = QString::fromLatin1(user);
    if (model)
        f.model = QString::fromLatin1(model);
    return f;
}

RollupPlan planOf(const StorePtr& store, const Filter& filter)
{
    const auto plan = RollupPlan::make(*store, filter);
    if (!plan.ok() || !plan.value())
        qFatal("no rollup plan: %s", plan.ok() ? "none" : qPrintable(plan.error().message));
    return *plan.value();
}

} // namespace

class TestSnapshotRollups : public QObject
{
    Q_OBJECT

    TestDatabase m_db;
    StorePtr m_source;
    QTemporaryDir m_dir;

    StorePtr exported(const QString& name, const Filter& w)
    {
        const auto summary = SnapshotExporter::exportTo(m_source, m_dir.filePath(name), w);
        if (!summary.ok())
            qFatal("export: %s", qPrintable(summary.error().message));
        auto s = Store::open(QStringLiteral("sqlite:") + m_dir.filePath(name), {});
        if (!s.ok())
            qFatal("open snapshot: %s", qPrintable(s.error().message));
        return s.value();
    }

private slots:
    void initTestCase()
    {
        m_source = m_db.open();
        fill(m_source);
        refresh(m_source);
    }

    void anyWindowAnswersFromRollups_data()
    {
        QTest::addColumn<Filter>("asked");
        QTest::newRow("the export window") << Exported;
        QTest::newRow("from days before it") << window("2026-03-01T00:00:00Z", "2026-03-08T17:20:00Z");
        QTest::newRow("past its end") << window("2026-03-04T09:00:00Z", "2026-03-10T12:00:00Z");
        QTest::newRow("inside its first day") << window("2026-03-03T09:15:00Z", "2026-03-05T00:00:00Z");
    }

    // Unfiltered, per model and per user: counts and money equal the snapshot's raw rows.
    void anyWindowAnswersFromRollups()
    {
        QFETCH(Filter, asked);
        const StorePtr snapshot = exported(QStringLiteral("window.sqlite"), Exported);
        compareAllViews(snapshot, asked);
    }

    void narrowSnapshots_data()
    {
        QTest::addColumn<Filter>("exportWindow");
        QTest::addColumn<Filter>("asked");
        using Narrowing = std::tuple<const char*, const char*, const char*>;
        for (const auto& [name, user, model] : { Narrowing { "one user", "user-3", nullptr },
                 Narrowing { "one model", nullptr, "gemini-1.5-flash-latest" } }) {
            const Filter w = narrowed(Exported, user, model);
            QTest::addRow("%s", name) << w << w;
            QTest::addRow("%s, from days before", name)
                << w << narrowed(window("2026-03-01T00:00:00Z", "2026-03-06T00:00:00Z"), user, model);
        }
    }

    void narrowSnapshots()
    {
        QFETCH(Filter, exportWindow);
        QFETCH(Filter, asked);
        const StorePtr snapshot = exported(QStringLiteral("narrow.sqlite"), exportWindow);
        compareWithRaw(snapshot, asked, true);
        if (!QTest::currentTestFailed())
            compareDashboard(snapshot, asked);
    }

    // The export window's partial first and last buckets are rolled up: the hour grain reads at
    // most half an hour raw, the day grain (a user's view) at most half a day.
    void edgesReadAtMostHalfABucket()
    {
        const StorePtr snapshot = exported(QStringLiteral("edges.sqlite"), Exported);
        for (const auto& [filter, seconds] :
            { std::pair { Exported, 3600 }, std::pair { narrowed(Exported, "user-3", nullptr), 86400 } }) {
            const RollupPlan plan = planOf(snapshot, filter);
            for (const RollupEdge& edge : plan.edges)
                QVERIFY2(edge.seconds() * 2 <= seconds,
                    qPrintable(QStringLiteral("%1 s read raw at an edge of a %2 s bucket")
                                   .arg(edge.seconds())
                                   .arg(seconds)));
        }
    }

    // A snapshot from before RollupCompletion: its rollups start at the window's first whole
    // bucket, so the middle of a window reaching before it starts there too.
    void olderSnapshotsReadRollupsFromTheirWindow()
    {
        exported(QStringLiteral("older.sqlite"), Exported);
        Store::OpenOptions writable;
        writable.migrate = true;
        const auto older = Store::open(
            QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("older.sqlite")), writable);
        QVERIFY2(older.ok(), qPrintable(older.ok() ? QString() : older.error().message));
        const auto info = SnapshotInfo::read(*older.value());
        QVERIFY(info.ok() && info.value() && info.value()->rollupsCoverRows);
        QVERIFY(older.value()
                    ->exec(QStringLiteral("DELETE FROM ragscope_snapshot WHERE key = 'rollups_cover_rows'"))
                    .ok());
        const Filter before = window("2026-03-01T00:00:00Z", "2026-03-08T17:20:00Z");
        QCOMPARE(planOf(older.value(), before).from, at("2026-03-03T06:00:00Z"));
        QCOMPARE(planOf(older.value(), narrowed(before, "user-3", nullptr)).from, at("2026-03-04T00:00:00Z"));
        const StorePtr current = exported(QStringLiteral("current.sqlite"), Exported);
        QCOMPARE(planOf(current, before).from, at("2026-03-01T00:00:00Z"));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotRollups)
#include "tst_snapshotrollups.moc"
