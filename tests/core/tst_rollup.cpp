// RollupRefresher and RollupCollector on a generated store, in both dialects: the rollup answer
// equals MetricsCollector's raw answer (counts and money exactly, percentiles within 1%) for
// aligned and unaligned windows, after late inserts, new and changed feedback, deletions, with
// the open hour, and a re-run changes nothing; a role that may not write gets "read-only".
#include "fixtures.h"
#include "fixturewriter.h"
#include "metrics/metricscollector.h"
#include "rollup/rollupcollector.h"
#include "rollup/rolluprefresher.h"
#include "store/sqldialect.h"
#include "testdatabase.h"

#include <QRandomGenerator>
#include <QSqlRecord>
#include <QtTest>

#include <cmath>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

// What the app asks for: write and migrate where the role or file may (else read-only).
Store::OpenOptions migratingIfAllowed()
{
    Store::OpenOptions options;
    options.migrate = true;
    return options;
}

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

// "Now" for every refresh: the hour from 12:00 on is still open.
const QDateTime Now = at("2026-03-10T12:34:00Z");
const QDateTime DataStart = at("2026-03-01T00:00:00Z");

struct Generated
{
    QList<QUuid> ids;
    QList<QDateTime> times;
};

/// ~1200 interactions from DataStart to Now (some in the open hour) with NULL latencies and
/// scores, a model without a price and a NULL model, and feedback on about a third of them.
Generated fill(const StorePtr& store)
{
    QRandomGenerator rng(42);
    const FixtureWriter writer(store);
    const QStringList models { QStringLiteral("gemini-1.5-pro-latest"),
        QStringLiteral("gemini-1.5-flash-latest"), QStringLiteral("Zeta-model"), QString() };
    const qint64 span = DataStart.msecsTo(Now);
    Generated g;
    const auto latency = [&rng](double median) -> std::optional<double> {
        if (rng.bounded(25) == 0)
            return std::nullopt;
        return median
            * std::exp(1.1 * (rng.generateDouble() + rng.generateDouble() + rng.generateDouble() - 1.5));
    };
    for (int n = 0; n < 1200; ++n) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(rng.bounded(6));
        r.query = QStringLiteral("q");
        r.answer = QStringLiteral("a");
        if (rng.bounded(20) != 0)
            r.confidence = rng.bounded(1001) / 1000.0;
        r.totalLatencyMs = latency(900);
        r.retrievalLatencyMs = latency(120);
        r.generationLatencyMs = latency(700);
        r.promptTokens = rng.bounded(3000);
        r.completionTokens = rng.bounded(800);
        const QString model = models[rng.bounded(int(models.size()))];
        if (!model.isNull())
            r.model = model;
        if (!model.isNull() && model != QLatin1String("Zeta-model"))
            r.cost = Money::fromUnits(rng.bounded(5'000'000));
        r.createdAt = DataStart.addMSecs(qint64(rng.generateDouble() * double(span)));
        g.ids << recordInteraction(store, r);
        g.times << r.createdAt;
        if (rng.bounded(3) == 0) {
            const QDateTime fb = std::min(r.createdAt.addSecs(rng.bounded(36 * 3600)), Now.addSecs(-60));
            writer.addFeedback(g.ids.last(), 1 + rng.bounded(5), fb);
        }
    }
    return g;
}

RollupRefresh refresh(const StorePtr& store)
{
    const auto r = RollupRefresher(store).refresh(Now);
    if (!r.ok())
        qFatal("refresh: %s", qPrintable(r.error().message));
    return r.value();
}

void comparePercentiles(const Percentiles& exact, const Percentiles& approx, const char* what)
{
    for (size_t l = 0; l < exact.values.size(); ++l) {
        QCOMPARE(approx.values[l].has_value(), exact.values[l].has_value());
        if (!exact.values[l])
            continue;
        const double e = *exact.values[l];
        const double a = *approx.values[l];
        QVERIFY2(std::fabs(a - e) <= 0.01 * std::fabs(e) + 1e-9,
            qPrintable(QStringLiteral("%1 p%2: %3 vs exact %4")
                           .arg(QLatin1String(what))
                           .arg(Percentiles::Levels[l] * 100)
                           .arg(a)
                           .arg(e)));
    }
}

void compareNear(const std::optional<double>& approx, const std::optional<double>& exact)
{
    QCOMPARE(approx.has_value(), exact.has_value());
    if (exact)
        QVERIFY2(std::fabs(*approx - *exact) <= 1e-9 * std::max(1.0, std::fabs(*exact)),
            qPrintable(QStringLiteral("%1 vs %2").arg(*approx, 0, 'g', 17).arg(*exact, 0, 'g', 17)));
}

/// The rollup answer of `filter` against MetricsCollector's raw one.
void compareWithRaw(const StorePtr& store, const Filter& filter, bool expectRollups)
{
    const auto exact = MetricsCollector(store).report(filter);
    const auto approx = RollupCollector(store).report(filter);
    QVERIFY2(exact.ok(), qPrintable(exact.ok() ? QString() : exact.error().message));
    QVERIFY2(approx.ok(), qPrintable(approx.ok() ? QString() : approx.error().message));
    QCOMPARE(approx->fromRollups, expectRollups);
    const StatsReport& e = exact.value();
    const StatsReport& a = approx->report;
    QCOMPARE(a.kpis.requests, e.kpis.requests);
    QCOMPARE(a.kpis.promptTokens, e.kpis.promptTokens);
    QCOMPARE(a.kpis.completionTokens, e.kpis.completionTokens);
    QCOMPARE(a.kpis.totalTokens, e.kpis.totalTokens);
    QCOMPARE(a.kpis.totalCost.toString(), e.kpis.totalCost.toString());
    QCOMPARE(a.kpis.unpricedRequests, e.kpis.unpricedRequests);
    compareNear(a.kpis.avgLatencyMs, e.kpis.avgLatencyMs);
    compareNear(a.kpis.avgConfidence, e.kpis.avgConfidence);
    QCOMPARE(a.confidence.buckets, e.confidence.buckets);
    QCOMPARE(a.confidence.unknown, e.confidence.unknown);
    QCOMPARE(a.ratings.counts, e.ratings.counts);
    compareNear(a.ratings.average, e.ratings.average);
    QCOMPARE(a.ratings.interactions, e.ratings.interactions);
    QCOMPARE(a.ratings.interactionsWithFeedback, e.ratings.interactionsWithFeedback);
    QCOMPARE(a.dailyCost.size(), e.dailyCost.size());
    for (qsizetype i = 0; i < e.dailyCost.size(); ++i) {
        QCOMPARE(a.dailyCost[i].day, e.dailyCost[i].day);
        QCOMPARE(a.dailyCost[i].model, e.dailyCost[i].model);
        QCOMPARE(a.dailyCost[i].requests, e.dailyCost[i].requests);
        QCOMPARE(a.dailyCost[i].promptTokens, e.dailyCost[i].promptTokens);
        QCOMPARE(a.dailyCost[i].completionTokens, e.dailyCost[i].completionTokens);
        QCOMPARE(a.dailyCost[i].cost.toString(), e.dailyCost[i].cost.toString());
        QCOMPARE(a.dailyCost[i].unpricedRequests, e.dailyCost[i].unpricedRequests);
    }
    QCOMPARE(a.projection.dailyAverage.toString(), e.projection.dailyAverage.toString());
    comparePercentiles(e.latency.total, a.latency.total, "total");
    comparePercentiles(e.latency.retrieval, a.latency.retrieval, "retrieval");
    comparePercentiles(e.latency.generation, a.latency.generation, "generation");
}

Filter window(const char* from, const char* to)
{
    return Filter { at(from), at(to), std::nullopt, std::nullopt };
}

/// Unfiltered, per model, per user: the three ways the dashboard reads.
void compareAllViews(const StorePtr& store, const Filter& w)
{
    compareWithRaw(store, w, true);
    if (QTest::currentTestFailed())
        return;
    Filter byModel = w;
    byModel.model = QStringLiteral("gemini-1.5-pro-latest");
    compareWithRaw(store, byModel, true);
    if (QTest::currentTestFailed())
        return;
    Filter byUser = w;
    byUser.user = QStringLiteral("user-3");
    compareWithRaw(store, byUser, true);
}

// The whole data range with unaligned edges and the open hour inside.
const Filter Unaligned = window("2026-03-01T03:17:42.500Z", "2026-03-10T13:00:00Z");

// A table's rows in a stable text form, to show a re-run changes nothing.
QString dump(const Store& store, const QString& table)
{
    auto q = store.exec(QStringLiteral("SELECT * FROM %1").arg(table));
    if (!q.ok())
        qFatal("dump: %s", qPrintable(q.error().message));
    QStringList rows;
    while (q.value().next()) {
        QStringList cells;
        for (int c = 0; c < q.value().record().count(); ++c)
            cells << q.value().value(c).toString()
                    + QString::fromLatin1(q.value().value(c).toByteArray().toHex());
        rows << cells.join(QLatin1Char('|'));
    }
    rows.sort();
    return rows.join(QLatin1Char('\n'));
}

StorePtr openAsReader(const TestDatabase& db, const QString& extraGrant = {})
{
    if (db.dialect() == Dialect::Postgres) {
        const QString role = QStringLiteral("rollup_reader_") + QUuid::createUuid().toString(QUuid::Id128);
        db.execScript(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'reader';\n"
                                     "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1;\n%2")
                          .arg(role, QString(extraGrant).replace(QStringLiteral("%ROLE"), role)));
        const QString database = StoreLocation::parse(db.url())->database;
        auto opened = Store::open(
            TestDatabase::serverUrlFor(database, role, QStringLiteral("reader")), migratingIfAllowed());
        if (!opened.ok())
            qFatal("cannot open as reader: %s", qPrintable(opened.error().message));
        return opened.value();
    }
    const QString path = StoreLocation::parse(db.url())->sqlitePath;
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    auto opened = Store::open(db.url(), migratingIfAllowed());
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!opened.ok())
        qFatal("cannot open as reader: %s", qPrintable(opened.error().message));
    return opened.value();
}

} // namespace

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
        Filter user = window("2026-03-02T05:30:00Z", "2026-03-09T18:00:00Z");
        user.user = QStringLiteral("user-2");
        QTest::addRow("user (day rollups)") << user << true;
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
            QStringLiteral("ragscope_rollup_feedback_day_user"), QStringLiteral("ragscope_rollup_state") };
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
