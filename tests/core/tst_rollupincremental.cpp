// An incremental refresh (the change log on PostgreSQL, fingerprints on SQLite; hours rebuilt
// from a staged copy of their rows) leaves exactly the rollup rows that a refresh from scratch
// builds at the same moment: new rows in hours after the horizon of a partly rolled-up day, with
// feedback on them, the day closing afterwards, late rows, re-rated feedback and deletions, and
// the first refresh after migration 0008 (the open day's hour x user rows, week x user rows).
#include "fixtures.h"
#include "fixturewriter.h"
#include "rollup/rollupplan.h"
#include "rollupfixture.h"
#include "store/migrationrunner.h"
#include "store/sqldialect.h"

#include <QSqlRecord>
#include <QtTest>

#include <cmath>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

const QStringList RollupTables { QStringLiteral("ragscope_rollup_hour_model"),
    QStringLiteral("ragscope_rollup_day_user"), QStringLiteral("ragscope_rollup_feedback_hour_model"),
    QStringLiteral("ragscope_rollup_feedback_day_user"), QStringLiteral("ragscope_rollup_rating_hour_model"),
    QStringLiteral("ragscope_rollup_day_model_sketch"), QStringLiteral("ragscope_rollup_state"),
    QStringLiteral("ragscope_rollup_hour_user"), QStringLiteral("ragscope_rollup_feedback_hour_user"),
    QStringLiteral("ragscope_rollup_week_user"), QStringLiteral("ragscope_rollup_day_model"),
    QStringLiteral("ragscope_rollup_feedback_day_model"), QStringLiteral("ragscope_rollup_rating_day_model"),
    QStringLiteral("ragscope_rollup_open_day_user"), QStringLiteral("ragscope_rollup_quarter_user"),
    QStringLiteral("ragscope_rollup_horizon") };

/// A table's rows, sorted by their exact cells (every column but the doubles, which are sums
/// whose last bits depend on the order rows were added in).
QList<QVariantList> rowsOf(const Store& store, const QString& table)
{
    auto q = store.exec(QStringLiteral("SELECT * FROM %1").arg(table));
    if (!q.ok())
        qFatal("rowsOf: %s", qPrintable(q.error().message));
    QList<QPair<QString, QVariantList>> keyed;
    while (q.value().next()) {
        QVariantList cells;
        QStringList key;
        for (int c = 0; c < q.value().record().count(); ++c) {
            cells << q.value().value(c);
            if (cells.last().typeId() != QMetaType::Double)
                key << cells.last().toString() + QString::fromLatin1(cells.last().toByteArray().toHex());
        }
        keyed.append({ key.join(QLatin1Char('|')), cells });
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<QVariantList> rows;
    for (const auto& [key, cells] : keyed)
        rows << cells;
    return rows;
}

void compareRows(
    const QString& table, const QList<QVariantList>& incremental, const QList<QVariantList>& full)
{
    QVERIFY2(incremental.size() == full.size(),
        qPrintable(QStringLiteral("%1: %2 rows, from scratch %3")
                       .arg(table)
                       .arg(incremental.size())
                       .arg(full.size())));
    for (qsizetype r = 0; r < full.size(); ++r) {
        for (qsizetype c = 0; c < full[r].size(); ++c) {
            const QVariant& a = incremental[r][c];
            const QVariant& e = full[r][c];
            const QString where = QStringLiteral("%1 row %2 column %3: %4 vs from scratch %5")
                                      .arg(table)
                                      .arg(r)
                                      .arg(c)
                                      .arg(a.toString(), e.toString());
            if (e.typeId() == QMetaType::Double && !e.isNull())
                QVERIFY2(
                    std::fabs(a.toDouble() - e.toDouble()) <= 1e-12 * std::max(1.0, std::fabs(e.toDouble())),
                    qPrintable(where));
            else
                QVERIFY2(a.isNull() == e.isNull() && a.toString() == e.toString()
                        && a.toByteArray() == e.toByteArray(),
                    qPrintable(where));
        }
    }
}

/// Every rollup table after `incremental` against the same store refreshed from nothing at `at`.
void compareWithFromScratch(const StorePtr& store, const QDateTime& at)
{
    QList<QList<QVariantList>> incremental;
    for (const QString& t : RollupTables)
        incremental << rowsOf(*store, t);
    QVERIFY(!incremental.first().isEmpty());
    for (const QString& t : RollupTables)
        QVERIFY(store->exec(QStringLiteral("DELETE FROM %1").arg(t)).ok());
    const RollupRefresh full = refresh(store, at);
    QVERIFY(!full.usedChangeLog);
    for (qsizetype i = 0; i < RollupTables.size(); ++i)
        compareRows(RollupTables[i], incremental[i], rowsOf(*store, RollupTables[i]));
}

QUuid add(
    const StorePtr& store, const char* when, const QString& user, const QString& model, qint64 costUnits)
{
    InteractionRecord r;
    r.userId = user;
    r.query = r.answer = QStringLiteral("new");
    r.confidence = 0.42;
    r.totalLatencyMs = 1234.5;
    r.retrievalLatencyMs = 111;
    r.generationLatencyMs = 999;
    r.promptTokens = 300;
    r.completionTokens = 40;
    if (!model.isEmpty())
        r.model = model;
    if (costUnits >= 0)
        r.cost = Money::fromUnits(costUnits);
    r.createdAt = at(when);
    return recordInteraction(store, r);
}

} // namespace

class TestRollupIncremental : public QObject
{
    Q_OBJECT

private slots:
    void incrementalEqualsFromScratch_data()
    {
        QTest::addColumn<QDateTime>("later");
        QTest::addRow("two hours later, same day") << at("2026-03-10T14:05:00Z");
        QTest::addRow("after midnight, the day closed") << at("2026-03-11T00:30:00Z");
    }
    void incrementalEqualsFromScratch()
    {
        QFETCH(QDateTime, later);
        TestDatabase db;
        const StorePtr store = db.open();
        const SqlDialect d(store->dialect());
        fill(store);
        refresh(store); // hours up to 12:00 of 2026-03-10 rolled up, that day still open
        // New rows in the hour that was open (12:xx) and in the next one, some with feedback, a
        // NULL model, an unpriced row, and a user of their own.
        const FixtureWriter writer(store);
        const QUuid a = add(store, "2026-03-10T12:50:00Z", QStringLiteral("user-1"),
            QStringLiteral("gemini-1.5-pro-latest"), 123456789);
        const QUuid b = add(store, "2026-03-10T13:05:00Z", QStringLiteral("user-new"), QString(), 5);
        add(store, "2026-03-10T13:40:00Z", QStringLiteral("user-2"), QStringLiteral("Zeta-model"), -1);
        writer.addFeedback(a, 2, at("2026-03-10T13:10:00Z"));
        writer.addFeedback(b, 5, at("2026-03-10T13:59:00Z"));
        const RollupRefresh between = refresh(store, at("2026-03-10T13:20:00Z"));
        QVERIFY(between.hours >= 1);
        // More rows and feedback in the hour that was open at that refresh, feedback on an old
        // interaction (its own hour is rebuilt), and a late row in a closed day.
        const QUuid c = add(store, "2026-03-10T13:45:00Z", QStringLiteral("user-3"),
            QStringLiteral("gemini-1.5-flash-latest"), 77);
        writer.addFeedback(c, 1, at("2026-03-10T13:50:00Z"));
        auto old = store->exec(
            QStringLiteral("SELECT i.id FROM chat_interactions i WHERE i.created_at < %1 AND NOT"
                           " EXISTS (SELECT 1 FROM chat_feedbacks f WHERE f.interaction_id = i.id)"
                           " ORDER BY i.created_at LIMIT 1")
                .arg(d.timeParam()),
            { d.bindTime(at("2026-03-02T00:00:00Z")) });
        QVERIFY(old.ok() && old.value().next());
        writer.addFeedback(QUuid::fromString(old.value().value(0).toString()), 4, at("2026-03-10T13:30:00Z"));
        add(store, "2026-03-04T07:07:00Z", QStringLiteral("user-4"), QStringLiteral("gemini-1.5-pro-latest"),
            9);
        const RollupRefresh r = refresh(store, later);
        QVERIFY(r.hours >= 2);
        // 03-01 (the old interaction's new feedback), 03-04 (the late row), and 03-10 once closed
        QCOMPARE(r.days, later.date() == at("2026-03-11T00:30:00Z").date() ? 3 : 2);
        QCOMPARE(r.usedChangeLog, store->dialect() == Dialect::Postgres);
        compareWithFromScratch(store, later);
    }

    void migrationToUserRollupsBuildsWeeksAndTheOpenDay()
    {
        TestDatabase db;
        {
            const StorePtr latest = db.open();
            fill(latest);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 11);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 10);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 9);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 8);
        }
        refresh(db.open(false)); // rolled up without hour x user rows, 03-10 00:00-12:00 closed
        const StorePtr store = db.open(); // migrations 0008 to 0011 again
        QCOMPARE(store->schemaVersion(), 11);
        const RollupRefresh r = refresh(store, at("2026-03-10T12:30:00Z"));
        // the open day's closed hours, to write their hour x user rows (on SQLite also the hours of
        // the interactions their feedback belongs to, as for any re-fingerprinted feedback hour)
        QVERIFY(r.hours >= 12);
        QCOMPARE(r.usedChangeLog, store->dialect() == Dialect::Postgres);
        compareWithFromScratch(store, at("2026-03-10T12:30:00Z"));
    }

    void migrationsToDayModelAndOpenDayRollupsBuildThemFromTheHours()
    {
        TestDatabase db;
        {
            const StorePtr latest = db.open();
            fill(latest);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 11);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 10);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 9);
        }
        refresh(db.open(false)); // rolled up without day x model rows or open-day user sums
        const StorePtr store = db.open(); // migrations 0009 to 0011: 0009 and 0010 build them from the hours
        QCOMPARE(store->schemaVersion(), 11);
        for (const char* table : { "ragscope_rollup_day_model", "ragscope_rollup_open_day_user" }) {
            auto q = store->exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
            QVERIFY(q.ok() && q.value().next());
            QVERIFY2(q.value().value(0).toLongLong() > 0, table);
        }
        // migration 0011's quarters come with the next refresh, which finds nothing else to do
        QVERIFY(refresh(store).refreshed);
        compareWithFromScratch(store, Now);
    }

    void firstRefreshAfterMigration0011FillsEveryClosedDaysQuarters()
    {
        TestDatabase db;
        {
            const StorePtr latest = db.open();
            fill(latest);
            QCOMPARE(MigrationRunner(*latest).rollbackLatest().value(), 11);
        }
        refresh(db.open(false)); // days rolled up without quarters
        const StorePtr store = db.open(); // migration 0011: an empty table, no 'quarter_user' horizon
        QCOMPARE(store->schemaVersion(), 11);
        const Filter w = window("2026-03-02T04:30:00Z", "2026-03-09T18:00:00Z");
        auto plan = RollupPlan::make(*store, w, RollupSql::Grain::DayUser);
        QVERIFY(plan.ok() && plan.value().has_value());
        QVERIFY(!plan.value()->quartersTo.isValid());
        const RollupRefresh r = refresh(store);
        QVERIFY(r.refreshed);
        plan = RollupPlan::make(*store, w, RollupSql::Grain::DayUser);
        QVERIFY(plan.ok() && plan.value().has_value());
        QCOMPARE(plan.value()->quartersTo, at("2026-03-10T00:00:00Z"));
        compareWithFromScratch(store, Now);
    }

    void rebuiltHoursEqualFromScratch()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const SqlDialect d(store->dialect());
        // A re-rated feedback, a deleted interaction with feedback, a late row: hours of old days.
        auto q = store->exec(QStringLiteral(
            "SELECT id, rating, interaction_id FROM chat_feedbacks ORDER BY created_at LIMIT 2"));
        QVERIFY(q.ok() && q.value().next());
        const QString feedback = q.value().value(0).toString();
        const int rating = q.value().value(1).toInt();
        QVERIFY(q.value().next());
        const QString deleted = q.value().value(2).toString();
        QVERIFY(
            store
                ->exec(
                    QStringLiteral("UPDATE chat_feedbacks SET rating = ? WHERE id = %1").arg(d.uuidParam()),
                    { rating == 5 ? 1 : rating + 1, feedback })
                .ok());
        QVERIFY(store
                    ->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = %1").arg(d.uuidParam()),
                        { deleted })
                    .ok());
        add(store, "2026-03-05T23:59:59Z", QStringLiteral("user-5"), QStringLiteral("gemini-1.5-pro-latest"),
            1);
        const RollupRefresh r = refresh(store);
        QVERIFY(r.hours >= 3);
        compareWithFromScratch(store, Now);
    }
};

QTEST_GUILESS_MAIN(TestRollupIncremental)
#include "tst_rollupincremental.moc"
