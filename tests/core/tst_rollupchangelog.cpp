// How RollupRefresher finds what changed, in both dialects: on PostgreSQL from the change log
// that migration 0005's triggers fill (only logged hours are rebuilt), on SQLite from hour
// fingerprints. Hours that closed since the last refresh are rolled up whether logged or not;
// --verify catches what the log never saw; a backend role with no rights on RagScope's tables
// still writes (the triggers run as their owner).
#include "fixtures.h"
#include "rollup/rollupchangelog.h"
#include "rollupfixture.h"
#include "store/sqldialect.h"

#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

InteractionRecord interactionAt(const QDateTime& when)
{
    InteractionRecord r;
    r.userId = QStringLiteral("user-3");
    r.query = r.answer = QStringLiteral("changed");
    r.totalLatencyMs = 4321;
    r.model = QStringLiteral("gemini-1.5-pro-latest");
    r.cost = Money::fromUnits(987654321);
    r.createdAt = when;
    return r;
}

qint64 logRows(const Store& store)
{
    return countRows(store, QStringLiteral("ragscope_rollup_dirty"));
}

bool postgres()
{
    return dialectUnderTest() == Dialect::Postgres;
}

} // namespace

class TestRollupChangeLog : public QObject
{
    Q_OBJECT

private slots:
    void firstRefreshComparesEverythingThenReadsTheLog()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        const RollupRefresh first = refresh(store);
        QVERIFY(!first.usedChangeLog); // the migration's "compare everything" request
        QVERIFY(first.hours > 200);
        if (postgres())
            QCOMPARE(logRows(*store), 0);
        recordInteraction(store, interactionAt(at("2026-03-04T08:20:00Z")));
        if (postgres())
            QCOMPARE(logRows(*store), 1); // one statement, one hour
        const RollupRefresh second = refresh(store);
        QCOMPARE(second.usedChangeLog, postgres());
        QCOMPARE(second.hours, 1);
        QCOMPARE(second.days, 1);
        QCOMPARE(second.feedbackHours, 0);
        compareAllViews(store, Unaligned);
        if (postgres())
            QCOMPARE(logRows(*store), 0);
    }

    void hourClosedSinceLastRefreshIsRolledUpEvenUnlogged()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store); // up to 12:00; the 12:00 hour is open
        recordInteraction(store, interactionAt(at("2026-03-10T12:50:00Z")));
        if (postgres()) // as if written before the triggers existed
            QVERIFY(store->exec(QStringLiteral("DELETE FROM ragscope_rollup_dirty")).ok());
        const RollupRefresh later = refresh(store, at("2026-03-10T14:05:00Z"));
        QCOMPARE(later.horizon, at("2026-03-10T14:00:00Z"));
        // 12:00 and 13:00 closed; fingerprints also rebuild the hours of the interactions whose
        // feedback arrived in the 12:00 hour, which the log had already handed to the first refresh
        if (postgres())
            QCOMPARE(later.hours, 2);
        else
            QVERIFY(later.hours >= 2);
        compareAllViews(store, window("2026-03-01T03:17:42.500Z", "2026-03-10T14:00:00Z"));
    }

    void verifyCatchesWhatTheLogNeverSaw()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        if (postgres()) {
            db.execScript(
                QStringLiteral("ALTER TABLE chat_interactions DISABLE TRIGGER ragscope_ci_insert;"));
            recordInteraction(store, interactionAt(at("2026-03-03T03:03:00Z")));
            db.execScript(QStringLiteral("ALTER TABLE chat_interactions ENABLE TRIGGER ragscope_ci_insert;"));
            QCOMPARE(refresh(store).hours, 0); // the log is all it reads
        } else {
            recordInteraction(store, interactionAt(at("2026-03-03T03:03:00Z")));
        }
        RollupRefresher verifying(store);
        verifying.setVerify(true);
        const auto r = verifying.refresh(Now);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY(!r->usedChangeLog);
        QCOMPARE(r->hours, 1);
        compareAllViews(store, Unaligned);
    }

    void disabledTriggersFallBackToFingerprints()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        if (postgres())
            db.execScript(
                QStringLiteral("ALTER TABLE chat_interactions DISABLE TRIGGER ragscope_ci_insert;"));
        recordInteraction(store, interactionAt(at("2026-03-06T06:06:00Z")));
        const RollupRefresh r = refresh(store);
        QVERIFY(!r.usedChangeLog);
        QCOMPARE(r.hours, 1);
        compareAllViews(store, Unaligned);
    }

    void backendRoleNeedsNoRightsOnRollupTables()
    {
        TestDatabase db;
        if (!postgres()) { // a file has no roles and no change log: nothing stands in a writer's way
            const StorePtr store = db.open();
            QVERIFY(!RollupChangeLog(*store).installed());
            QVERIFY(!store->exec(QStringLiteral("SELECT 1 FROM ragscope_rollup_dirty")).ok());
            return;
        }
        const StorePtr admin = db.open();
        fill(admin);
        refresh(admin);
        const StorePtr backend
            = openAsRole(db, QStringLiteral("GRANT INSERT ON chat_interactions TO %ROLE;"));
        recordInteraction(backend, interactionAt(at("2026-03-05T05:05:00Z")));
        QCOMPARE(logRows(*admin), 1);
        const RollupRefresh r = refresh(admin);
        QVERIFY(r.usedChangeLog);
        QCOMPARE(r.hours, 1);
        compareAllViews(admin, Unaligned);
    }
};

QTEST_GUILESS_MAIN(TestRollupChangeLog)
#include "tst_rollupchangelog.moc"
