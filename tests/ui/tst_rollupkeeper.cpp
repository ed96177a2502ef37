// RollupKeeper against real stores: a store the role may write gets its rollups built in the
// background on open (and says so in its status line); a read-only one is never written and says
// the figures are read raw, with the hint for an admin; a timer tick picks up new rows.
#include "fixtures.h"
#include "rollup/rollupkeeper.h"
#include "rollup/rollupplan.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

InteractionRecord hourAgo(int hours)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = r.answer = QStringLiteral("q");
    r.totalLatencyMs = 100 * hours;
    r.model = QStringLiteral("gemini-1.5-pro-latest");
    r.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600 * hours);
    return r;
}

} // namespace

class TestRollupKeeper : public QObject
{
    Q_OBJECT

private slots:
    void writableStoreGetsRollupsOnOpen()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        for (int h = 2; h < 30; ++h)
            recordInteraction(store, hourAgo(h));
        RollupKeeper keeper;
        QSignalSpy refreshed(&keeper, &RollupKeeper::refreshed);
        keeper.setStore(store);
        QTRY_VERIFY_WITH_TIMEOUT(keeper.status().startsWith(RollupKeeper::tr("Rollups to").left(10)), 30000);
        QCOMPARE(refreshed.size(), 1);
        const auto status = RollupStatus::of(*store);
        QVERIFY(status.ok() && status->available);
        QVERIFY(status->horizon > QDateTime::currentDateTimeUtc().addSecs(-3600));

        // A tick rolls up what came since; nothing new rebuilds nothing (no second signal).
        keeper.setInterval(std::chrono::milliseconds(50));
        keeper.setStore(store);
        QTRY_VERIFY_WITH_TIMEOUT(!keeper.isBusy(), 30000);
        QTest::qWait(300);
        QTRY_VERIFY_WITH_TIMEOUT(!keeper.isBusy(), 30000);
        QCOMPARE(refreshed.size(), 1);
    }

    void readOnlyStoreIsNeverWrittenAndSaysRaw()
    {
        TestDatabase db;
        const StorePtr writer = db.open();
        recordInteraction(writer, hourAgo(5));
        auto reader = Store::open(db.url(), Store::OpenOptions {}); // read-only
        QVERIFY(reader.ok());
        RollupKeeper keeper;
        keeper.setStore(reader.value());
        QTRY_COMPARE_WITH_TIMEOUT(keeper.status(),
            RollupKeeper::tr("Raw queries: no rollups in this store (an admin can run ragscope-cli rollup)"),
            30000);
        QVERIFY(!RollupStatus::of(*writer)->available); // nothing was written
    }

    void noStoreClearsTheStatus()
    {
        TestDatabase db;
        RollupKeeper keeper;
        keeper.setStore(db.open());
        QTRY_VERIFY_WITH_TIMEOUT(!keeper.status().isEmpty(), 30000);
        keeper.setStore(nullptr);
        QVERIFY(keeper.status().isEmpty());
    }
};

QTEST_MAIN(TestRollupKeeper)
#include "tst_rollupkeeper.moc"
