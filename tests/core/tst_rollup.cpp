// RollupRefresher and RollupCollector on a generated store, in both dialects: the rollup answer
// equals MetricsCollector's raw answer (counts and money exactly, percentiles within 1%) for
// aligned and unaligned windows, after late inserts, new and changed feedback, deletions, with
// the open hour, and a re-run changes nothing; the stored burn-down reads the same money from them; a role
// that may not write gets "read-only".
#include "fixtures.h"
#include "fixturewriter.h"
#include "metrics/metricscollector.h"
#include "planning/costplanner.h"
#include "rollup/quarteruserrows.h"
#include "rollup/rollupcollector.h"
#include "rollup/rollupplan.h"
#include "rollupfixture.h"
#include "store/sqldialect.h"

#include <QtTest>

using namespace RagScope;
using namespace Qt::StringLiterals;
using namespace RagScope::Test;

class TestRollup : public QObject
{
    Q_OBJECT

private slots:
    void rollupAnswerEqualsRawAnswer_data()
    {
        QTest::addColumn<Filter>("filter");
        QTest::addColumn<bool>("fromRollups");
        QTest::addRow("aligned, all data") << window("2026-03-01T00:00:00Z", "2026-03-11T00:00:00Z") << true;
        QTest::addRow("unaligned edges and open hour") << Unaligned << true;
        Filter model = Unaligned;
        model.model = QStringLiteral("gemini-1.5-flash-latest");
        QTest::addRow("model") << model << true;
        Filter nullPriced = Unaligned;
        nullPriced.model = QStringLiteral("Zeta-model");
        QTest::addRow("model without price") << nullPriced << true;
        QTest::addRow("unaligned, a short first hour (added, not subtracted)")
            << window("2026-03-01T03:47:00Z", "2026-03-10T13:00:00Z") << true;
        QTest::addRow("in the past, most of its last hour (subtracted)")
            << window("2026-03-01T03:10:00Z", "2026-03-08T17:50:00Z") << true;
        Filter user = window("2026-03-02T05:30:00Z", "2026-03-09T18:00:00Z");
        user.user = QStringLiteral("user-2");
        QTest::addRow("user (day rollups)") << user << true;
        Filter userShortDay = window("2026-03-02T18:30:00Z", "2026-03-09T18:00:00Z");
        userShortDay.user = QStringLiteral("user-2");
        QTest::addRow("user, a short first day") << userShortDay << true;
        Filter userTodayLong = window("2026-03-10T02:50:00Z", "2026-03-10T12:40:00Z");
        userTodayLong.user = QStringLiteral("user-1");
        QTest::addRow("user inside the open day, most of the first hour") << userTodayLong << true;
        Filter userClosedHour = window("2026-03-02T05:30:00Z", "2026-03-10T09:45:00Z");
        userClosedHour.user = QStringLiteral("user-3");
        QTest::addRow("user, most of a closed hour of the open day at the end") << userClosedHour << true;
        Filter userToNow = window("2026-03-02T05:30:00Z", "2026-03-10T12:40:00Z");
        userToNow.user = QStringLiteral("user-2");
        QTest::addRow("user into the open day (hour x user rows)") << userToNow << true;
        Filter userToday = window("2026-03-10T02:20:00Z", "2026-03-10T12:40:00Z");
        userToday.user = QStringLiteral("user-1");
        QTest::addRow("user inside the open day (hour x user rows)") << userToday << true;
        Filter both = Unaligned;
        both.user = QStringLiteral("user-1");
        both.model = QStringLiteral("gemini-1.5-pro-latest");
        QTest::addRow("user and model: raw") << both << false;
        QTest::addRow("inside one hour: raw")
            << window("2026-03-05T10:05:00Z", "2026-03-05T10:55:00Z") << false;
        QTest::addRow("only the open hour: raw")
            << window("2026-03-10T12:00:00Z", "2026-03-10T13:00:00Z") << false;
        QTest::addRow("before the data") << window("2026-02-01T00:00:00Z", "2026-02-03T00:00:00Z") << true;
    }
    void rollupAnswerEqualsRawAnswer()
    {
        QFETCH(Filter, filter);
        QFETCH(bool, fromRollups);
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        const RollupRefresh r = refresh(store);
        QVERIFY(r.refreshed);
        QCOMPARE(r.horizon, at("2026-03-10T12:00:00Z"));
        QVERIFY(r.hours > 200);
        compareWithRaw(store, filter, fromRollups);
        if (!QTest::currentTestFailed())
            compareDashboard(store, filter);
    }

    void userRowsCoverWeeksAndTheOpenDay()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        // Week rows from 03-02 (a Monday; the window holds 18.5 hours of it: its row less the raw
        // rows before 05:30), hour x user rows 00:00-12:00 of the open day, raw only the rest.
        const auto plan = RollupPlan::make(
            *store, window("2026-03-02T05:30:00Z", "2026-03-10T12:40:00Z"), RollupSql::Grain::DayUser);
        QVERIFY(plan.ok() && plan.value().has_value());
        QCOMPARE(plan.value()->userHoursFrom, at("2026-03-10T00:00:00Z"));
        // Week rows up to the day horizon: the current week holds one day.
        QCOMPARE(plan.value()->weeksFrom, at("2026-03-02T00:00:00Z"));
        QCOMPARE(plan.value()->weeksTo, at("2026-03-10T00:00:00Z"));
        QCOMPARE(plan.value()->from, at("2026-03-02T00:00:00Z"));
        QCOMPARE(plan.value()->to, at("2026-03-10T12:00:00Z"));
        QCOMPARE(plan.value()->quartersTo, at("2026-03-10T00:00:00Z"));
        QCOMPARE(plan.value()->edges.size(), 2);
        QVERIFY(plan.value()->edges[0].subtract);
        QCOMPARE(plan.value()->edges[0].window.to, at("2026-03-02T05:30:00Z"));
        QCOMPARE(plan.value()->edges[1].window.from, at("2026-03-10T12:00:00Z"));
        QVERIFY(!plan.value()->edges[1].subtract);
        // Only the open day's closed hours are kept per hour and user.
        auto q = store->exec(
            QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT bucket) FROM ragscope_rollup_hour_user"
                           " WHERE bucket < ?"),
            { SqlDialect(store->dialect()).bindTime(at("2026-03-10T00:00:00Z")) });
        QVERIFY(q.ok() && q.value().next());
        QCOMPARE(q.value().value(0).toLongLong(), qint64(0));
        q = store->exec(QStringLiteral("SELECT COUNT(DISTINCT bucket) FROM ragscope_rollup_hour_user"));
        QVERIFY(q.ok() && q.value().next());
        QCOMPARE(q.value().value(0).toLongLong(), qint64(12));
        // Weeks from Monday: 02-23 (holding Sunday 03-01), 03-02, and 03-09 up to the day horizon.
        q = store->exec(
            QStringLiteral("SELECT %1 FROM ragscope_rollup_week_user GROUP BY bucket ORDER BY bucket")
                .arg(SqlDialect(store->dialect()).timeText(QStringLiteral("bucket"))));
        QVERIFY(q.ok());
        QStringList weeks;
        while (q.value().next())
            weeks << q.value().value(0).toString();
        QCOMPARE(weeks,
            QStringList({ u"2026-02-23T00:00:00.000000Z"_s, u"2026-03-02T00:00:00.000000Z"_s,
                u"2026-03-09T00:00:00.000000Z"_s }));
    }

    void quartersCoverAnEdgeLeavingAtMostHalfAQuarterRaw()
    {
        const QDateTime horizon = at("2026-03-10T00:00:00Z");
        // "+" added, "-" subtracted; Q: the quarter's rows, R: raw rows.
        const auto pieces = [&](const char* from, const char* to, bool subtract) {
            QStringList out;
            for (const QuarterUserRows::Piece& p :
                QuarterUserRows::cover(RollupEdge { window(from, to), subtract }, horizon))
                out << QStringLiteral("%1%2 %3-%4")
                           .arg(p.edge.subtract ? u"-"_s : u"+"_s, p.quarterRows ? u"Q"_s : u"R"_s)
                           .arg(p.edge.window.from.toString(u"dd hh:mm"_s),
                               p.edge.window.to.toString(u"dd hh:mm"_s));
            return out;
        };
        // the part of a first day before the window: its first quarter less the raw half hour
        QCOMPARE(pieces("2026-03-02T00:00:00Z", "2026-03-02T05:30:00Z", true),
            QStringList({ u"-Q 02 00:00-02 06:00"_s, u"+R 02 05:30-02 06:00"_s }));
        // the rest of a first day: less than half a quarter raw, then whole quarters
        QCOMPARE(pieces("2026-03-02T13:10:00Z", "2026-03-03T00:00:00Z", false),
            QStringList({ u"+Q 02 12:00-02 18:00"_s, u"-R 02 12:00-02 13:10"_s, u"+Q 02 18:00-03 00:00"_s }));
        QCOMPARE(pieces("2026-03-02T16:50:00Z", "2026-03-03T00:00:00Z", false),
            QStringList({ u"+R 02 16:50-02 18:00"_s, u"+Q 02 18:00-03 00:00"_s }));
        // inside one quarter: its rows less both ends, or raw when it holds at most half of it
        QCOMPARE(pieces("2026-03-02T06:30:00Z", "2026-03-02T11:00:00Z", false),
            QStringList({ u"+Q 02 06:00-02 12:00"_s, u"-R 02 06:00-02 06:30"_s, u"-R 02 11:00-02 12:00"_s }));
        QCOMPARE(pieces("2026-03-02T07:00:00Z", "2026-03-02T10:00:00Z", false),
            QStringList({ u"+R 02 07:00-02 10:00"_s }));
        // past the quarters' horizon: raw as it was
        QCOMPARE(pieces("2026-03-09T20:00:00Z", "2026-03-10T01:00:00Z", false),
            QStringList({ u"+R 09 20:00-10 01:00"_s }));
        QCOMPARE(QuarterUserRows::cover(
                     RollupEdge { window("2026-03-02T00:00:00Z", "2026-03-02T05:30:00Z"), true }, {})
                     .size(),
            1);
    }

    void topUsersLeaveOutAUserOnlyInTheSubtractedPart()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        // Rows only before the window's start on its first day: the day's user rows hold them, the
        // subtracted edge takes them away again, and the ranking must not list the user at 0.
        for (const char* when : { "2026-03-02T01:00:00Z", "2026-03-02T04:59:00Z" }) {
            InteractionRecord r;
            r.userId = u"early-only"_s;
            r.query = r.answer = u"early"_s;
            r.promptTokens = 10;
            r.createdAt = at(when);
            QVERIFY(!recordInteraction(store, r).isNull());
        }
        refresh(store);
        const Filter w = window("2026-03-02T05:30:00Z", "2026-03-10T12:40:00Z");
        const auto plan = RollupPlan::make(*store, w, RollupSql::Grain::DayUser);
        QVERIFY(plan.ok() && plan.value().has_value());
        QVERIFY(!plan.value()->edges.isEmpty() && plan.value()->edges[0].subtract);
        const auto top = MetricsCollector(store, MetricsCollector::Answering::FromRollups).userStats(w, 1000);
        const auto raw = MetricsCollector(store).userStats(w, 1000);
        QVERIFY(top.ok() && raw.ok());
        QCOMPARE(top->size(), raw->size());
        for (const UserStats& u : top.value())
            QVERIFY2(u.user != u"early-only"_s, "a user without rows in the window is listed");
        // The limit is applied after the ranking, in the database.
        const auto three = MetricsCollector(store, MetricsCollector::Answering::FromRollups).userStats(w, 3);
        QVERIFY(three.ok());
        QCOMPARE(three->size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(three->at(i).user, raw->at(i).user);
    }

    void systemStatsFromRollupsEqualRaw()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const auto exact = MetricsCollector(store).systemStats();
        const auto fast = MetricsCollector(store, MetricsCollector::Answering::FromRollups).systemStats();
        QVERIFY(exact.ok() && fast.ok());
        QCOMPARE(fast->interactions, exact->interactions);
        QCOMPARE(fast->feedbacks, exact->feedbacks);
        QCOMPARE(fast->users, exact->users);
        QCOMPARE(fast->models, exact->models);
        QCOMPARE(fast->userIds, exact->userIds);
        QCOMPARE(fast->first, exact->first);
        QCOMPARE(fast->last, exact->last);
        QCOMPARE(fast->reviews, exact->reviews);
    }

    void storedBurnDownFromRollupsEqualsExact_data()
    {
        QTest::addColumn<QDate>("asOf");
        QTest::addColumn<QString>("modelName"); // empty: all models
        QTest::addRow("history inside the rollups") << QDate(2026, 3, 10) << QString();
        QTest::addRow("last day past the horizon (raw edge)") << QDate(2026, 3, 11) << QString();
        QTest::addRow("one model") << QDate(2026, 3, 11) << QStringLiteral("gemini-1.5-flash-latest");
    }
    void storedBurnDownFromRollupsEqualsExact()
    {
        QFETCH(QDate, asOf);
        QFETCH(QString, modelName);
        const std::optional<QString> model = modelName.isEmpty() ? std::nullopt : std::optional(modelName);
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const std::optional<Money> budget = Money::fromUnits(5 * Money::UnitsPerDollar);
        const auto exact
            = CostPlanner::burnDown(store, PriceTable::builtIn(), CostView::Stored, asOf, budget, model);
        const auto fast = CostPlanner::burnDown(store, PriceTable::builtIn(), CostView::Stored, asOf, budget,
            model, MetricsCollector::Answering::FromRollups);
        QVERIFY(exact.ok() && fast.ok());
        QVERIFY(exact->actualToDate.units() > 0);
        QCOMPARE(fast->actualToDate, exact->actualToDate);
        QCOMPARE(fast->projectedMonth, exact->projectedMonth);
        QCOMPARE(fast->projectedLow, exact->projectedLow);
        QCOMPARE(fast->projectedHigh, exact->projectedHigh);
        QCOMPARE(fast->naiveMonth, exact->naiveMonth);
        QCOMPARE(fast->runOut, exact->runOut);
        QCOMPARE(fast->points.size(), exact->points.size());
        for (qsizetype i = 0; i < exact->points.size(); ++i)
            QCOMPARE(fast->points[i].cumulative, exact->points[i].cumulative);
    }

    void withoutRollupsAnswersRaw()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        compareWithRaw(store, Unaligned, false); // never refreshed
    }

    void reRunChangesNothing()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const QStringList tables { QStringLiteral("ragscope_rollup_hour_model"),
            QStringLiteral("ragscope_rollup_day_user"), QStringLiteral("ragscope_rollup_feedback_hour_model"),
            QStringLiteral("ragscope_rollup_feedback_day_user"), QStringLiteral("ragscope_rollup_hour_user"),
            QStringLiteral("ragscope_rollup_feedback_hour_user"), QStringLiteral("ragscope_rollup_week_user"),
            QStringLiteral("ragscope_rollup_state") };
        QStringList before;
        for (const QString& t : tables)
            before << dump(*store, t);
        const RollupRefresh again = refresh(store);
        QVERIFY(again.refreshed);
        QCOMPARE(again.hours + again.days + again.feedbackHours + again.feedbackDays, 0);
        QCOMPARE(again.latencyRows, qint64(0));
        for (qsizetype i = 0; i < tables.size(); ++i)
            QCOMPARE(dump(*store, tables[i]), before[i]);
    }

    void lateInsertIntoRolledUpHourIsCaught()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        InteractionRecord late;
        late.userId = QStringLiteral("user-3");
        late.query = late.answer = QStringLiteral("late");
        late.totalLatencyMs = 99999;
        late.model = QStringLiteral("gemini-1.5-pro-latest");
        late.cost = Money::fromUnits(123456789);
        late.createdAt = at("2026-03-02T05:10:00Z"); // an hour rolled up a week ago
        recordInteraction(store, late);
        const RollupRefresh r = refresh(store);
        QCOMPARE(r.hours, 1);
        QCOMPARE(r.days, 1);
        QVERIFY(r.latencyRows > 0 && r.latencyRows < 40); // only that hour streamed
        compareAllViews(store, Unaligned);
    }

    void feedbackArrivingDaysLaterIsCaught()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const Generated g = fill(store);
        refresh(store);
        // An interaction from the first day without feedback gets one eight days later.
        QUuid target;
        for (qsizetype i = 0; i < g.ids.size() && target.isNull(); ++i) {
            auto q
                = store->exec(QStringLiteral("SELECT COUNT(*) FROM chat_feedbacks WHERE interaction_id = %1")
                                  .arg(SqlDialect(store->dialect()).uuidParam()),
                    { g.ids[i].toString(QUuid::WithoutBraces) });
            if (g.times[i] < at("2026-03-02T00:00:00Z") && q.ok() && q.value().next()
                && q.value().value(0).toInt() == 0)
                target = g.ids[i];
        }
        QVERIFY(!target.isNull());
        FixtureWriter(store).addFeedback(target, 1, at("2026-03-09T01:00:00Z"));
        const RollupRefresh r = refresh(store);
        QCOMPARE(r.feedbackHours, 1);
        // the interaction's own hour (its "has feedback" count changed), and those of the other
        // feedback of that hour
        QVERIFY(r.hours >= 1 && r.hours <= 10);
        compareAllViews(store, Unaligned);
    }

    void feedbackChangedDaysLaterIsCaught()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        // Re-rate one feedback in place (same row, same created_at): only its rating changes.
        auto q = store->exec(
            QStringLiteral("SELECT id, rating FROM chat_feedbacks ORDER BY created_at LIMIT 1"));
        QVERIFY(q.ok() && q.value().next());
        const QString id = q.value().value(0).toString();
        const int rating = q.value().value(1).toInt();
        QVERIFY(store
                    ->exec(QStringLiteral("UPDATE chat_feedbacks SET rating = ? WHERE id = %1")
                               .arg(SqlDialect(store->dialect()).uuidParam()),
                        { rating == 5 ? 1 : rating + 1, id })
                    .ok());
        const RollupRefresh r = refresh(store);
        QCOMPARE(r.feedbackHours, 1);
        QCOMPARE(r.feedbackDays, 1);
        compareAllViews(store, Unaligned);
    }

    void deletedInteractionIsCaught()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        // One with feedback: the cascade removes that too.
        auto q = store->exec(
            QStringLiteral("SELECT interaction_id FROM chat_feedbacks ORDER BY created_at LIMIT 1"));
        QVERIFY(q.ok() && q.value().next());
        QVERIFY(store
                    ->exec(QStringLiteral("DELETE FROM chat_interactions WHERE id = %1")
                               .arg(SqlDialect(store->dialect()).uuidParam()),
                        { q.value().value(0).toString() })
                    .ok());
        const RollupRefresh r = refresh(store);
        QVERIFY(r.hours >= 1 && r.hours <= 2);
        QCOMPARE(r.feedbackHours, 1);
        compareAllViews(store, Unaligned);
    }

    void openHourIsNeverRolledUp()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        fill(store);
        refresh(store);
        const SqlDialect d(store->dialect());
        auto q
            = store->exec(QStringLiteral("SELECT COUNT(*) FROM ragscope_rollup_hour_model WHERE bucket >= %1")
                              .arg(d.timeParam()),
                { d.bindTime(at("2026-03-10T12:00:00Z")) });
        QVERIFY(q.ok() && q.value().next());
        QCOMPARE(q.value().value(0).toLongLong(), 0);
        // A row arriving in the open hour after the refresh is counted at once (read raw).
        InteractionRecord now;
        now.userId = QStringLiteral("user-3");
        now.query = now.answer = QStringLiteral("now");
        now.totalLatencyMs = 5;
        now.model = QStringLiteral("gemini-1.5-pro-latest");
        now.cost = Money::fromUnits(7);
        now.createdAt = at("2026-03-10T12:40:00Z");
        recordInteraction(store, now);
        compareAllViews(store, Unaligned);
    }

    void roleThatMayNotWriteGetsReadOnly_data()
    {
        QTest::addColumn<QString>("extraGrant");
        QTest::addRow("select only") << QString();
        if (dialectUnderTest() == Dialect::Postgres) // may leave feedback, may not write rollups
            QTest::addRow("feedback writer")
                << QStringLiteral("GRANT INSERT, UPDATE ON chat_feedbacks TO %ROLE;");
    }
    void roleThatMayNotWriteGetsReadOnly()
    {
        QFETCH(QString, extraGrant);
        TestDatabase db;
        const StorePtr admin = db.open();
        fill(admin);
        refresh(admin);
        InteractionRecord late;
        late.userId = QStringLiteral("user-1");
        late.query = late.answer = QStringLiteral("late");
        late.createdAt = at("2026-03-03T03:03:00Z");
        recordInteraction(admin, late);
        const QString before = dump(*admin, QStringLiteral("ragscope_rollup_state"));
        const StorePtr reader = openAsReader(db, extraGrant);
        const auto r = RollupRefresher(reader).refresh(Now);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY(!r->refreshed);
        QVERIFY(r->summary().startsWith(QLatin1String("read-only: rollups not refreshed")));
        QCOMPARE(dump(*admin, QStringLiteral("ragscope_rollup_state")), before);
        // Its dashboard still reads (stale rollups plus raw edges) without failing.
        QVERIFY(RollupCollector(reader).report(Unaligned).ok());
    }
};

QTEST_GUILESS_MAIN(TestRollup)
#include "tst_rollup.moc"
