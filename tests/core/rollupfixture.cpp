#include "rollupfixture.h"

#include "fixtures.h"
#include "fixturewriter.h"
#include "metrics/metricscollector.h"
#include "rollup/rollupcollector.h"
#include "store/sqldialect.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSqlRecord>
#include <QtTest>

#include <cmath>

namespace RagScope::Test {

namespace {

// What the app asks for: write and migrate where the role or file may (else read-only).
Store::OpenOptions migratingIfAllowed()
{
    Store::OpenOptions options;
    options.migrate = true;
    return options;
}

} // namespace

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

const QDateTime Now = at("2026-03-10T12:34:00Z");

namespace {

const QDateTime DataStart = at("2026-03-01T00:00:00Z");

} // namespace

Generated fill(const StorePtr& store)
{
    // 1,600 small transactions: without a sync per commit the SQLite suites run in seconds.
    if (store->dialect() == Dialect::Sqlite && !store->exec(QStringLiteral("PRAGMA synchronous = OFF")).ok())
        qFatal("fill: cannot turn off synchronous commits");
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

RollupRefresh refresh(const StorePtr& store, const QDateTime& at)
{
    const auto r = RollupRefresher(store).refresh(at);
    if (!r.ok())
        qFatal("refresh: %s", qPrintable(r.error().message));
    return r.value();
}

namespace {

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

} // namespace

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

void compareDashboard(const StorePtr& store, const Filter& filter)
{
    const MetricsCollector exact(store);
    const MetricsCollector fast(store, MetricsCollector::Answering::FromRollups);
    for (const TimeBucket bucket : { TimeBucket::Day, TimeBucket::Hour }) {
        const auto e = exact.latencyOverTime(filter, bucket);
        const auto a = fast.latencyOverTime(filter, bucket);
        QVERIFY2(e.ok() && a.ok(), "latency over time");
        QCOMPARE(a->size(), e->size());
        for (qsizetype i = 0; i < e->size(); ++i) {
            QCOMPARE(a->at(i).start, e->at(i).start);
            QCOMPARE(a->at(i).requests, e->at(i).requests);
            compareNear(a->at(i).avgRetrievalMs, e->at(i).avgRetrievalMs);
            compareNear(a->at(i).avgGenerationMs, e->at(i).avgGenerationMs);
            comparePercentiles(e->at(i).total, a->at(i).total, "total over time");
            if (QTest::currentTestFailed())
                return;
        }
    }
    // The Overview's cards: one summary of the rollups per window, the edges read once.
    const auto oe = exact.overviewFigures(filter);
    const auto oa = fast.overviewFigures(filter);
    QVERIFY2(oe.ok() && oa.ok(), "overview figures");
    QCOMPARE(oa->kpis.requests, oe->kpis.requests);
    QCOMPARE(oa->kpis.totalCost.toString(), oe->kpis.totalCost.toString());
    QCOMPARE(oa->ratings.counts, oe->ratings.counts);
    QCOMPARE(oa->ratings.interactionsWithFeedback, oe->ratings.interactionsWithFeedback);
    QCOMPARE(oa->p95LatencyMs.has_value(), oe->p95LatencyMs.has_value());
    if (oe->p95LatencyMs)
        QVERIFY2(std::abs(*oa->p95LatencyMs - *oe->p95LatencyMs) <= 0.01 * *oe->p95LatencyMs, "overview p95");
    QCOMPARE(oa->projection.annual.toString(), oe->projection.annual.toString());
    const auto ce = exact.confidenceByRating(filter);
    const auto ca = fast.confidenceByRating(filter);
    QVERIFY2(ce.ok() && ca.ok(), "confidence by rating");
    QCOMPARE(ca->counts, ce->counts);
    for (size_t i = 0; i < 5; ++i)
        compareNear(ca->avgConfidence[i], ce->avgConfidence[i]);
    if (filter.model) // the top-users table reads day × user rollups, which keep no models
        return;
    const auto e = exact.userStats(filter, 50);
    const auto a = fast.userStats(filter, 50);
    QVERIFY2(e.ok() && a.ok(), "user stats");
    QCOMPARE(a->size(), e->size());
    for (qsizetype i = 0; i < e->size(); ++i) {
        QCOMPARE(a->at(i).user, e->at(i).user);
        QCOMPARE(a->at(i).requests, e->at(i).requests);
        QCOMPARE(a->at(i).cost.toString(), e->at(i).cost.toString());
        QCOMPARE(a->at(i).unpricedRequests, e->at(i).unpricedRequests);
        QCOMPARE(a->at(i).lowRated, e->at(i).lowRated);
        compareNear(a->at(i).avgLatencyMs, e->at(i).avgLatencyMs);
        compareNear(a->at(i).avgConfidence, e->at(i).avgConfidence);
        compareNear(a->at(i).avgRating, e->at(i).avgRating);
    }
    const auto k = fast.kpis(filter);
    const auto h = fast.confidenceHistogram(filter);
    const auto r = fast.ratings(filter);
    const auto report = exact.report(filter);
    QVERIFY2(k.ok() && h.ok() && r.ok() && report.ok(), "kpis, confidence, ratings");
    QCOMPARE(k->requests, report->kpis.requests);
    QCOMPARE(k->totalCost.toString(), report->kpis.totalCost.toString());
    QCOMPARE(h->buckets, report->confidence.buckets);
    QCOMPARE(r->counts, report->ratings.counts);
    QCOMPARE(r->interactionsWithFeedback, report->ratings.interactionsWithFeedback);
}

void compareAllViews(const StorePtr& store, const Filter& w)
{
    Filter byModel = w;
    byModel.model = QStringLiteral("gemini-1.5-pro-latest");
    Filter byUser = w;
    byUser.user = QStringLiteral("user-3");
    for (const Filter& f : { w, byModel, byUser }) {
        compareWithRaw(store, f, true);
        if (QTest::currentTestFailed())
            return;
        compareDashboard(store, f);
        if (QTest::currentTestFailed())
            return;
    }
}

const Filter Unaligned = window("2026-03-01T03:17:42.500Z", "2026-03-10T13:00:00Z");

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

StorePtr openAsRole(const TestDatabase& db, const QString& grants)
{
    const QString role = QStringLiteral("rollup_role_") + QUuid::createUuid().toString(QUuid::Id128);
    db.execScript(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'reader';\n"
                                 "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1;\n%2")
                      .arg(role, QString(grants).replace(QStringLiteral("%ROLE"), role)));
    const QString database = StoreLocation::parse(db.url())->database;
    auto opened = Store::open(
        TestDatabase::serverUrlFor(database, role, QStringLiteral("reader")), migratingIfAllowed());
    if (!opened.ok())
        qFatal("cannot open as %s: %s", qPrintable(role), qPrintable(opened.error().message));
    return opened.value();
}

StorePtr openAsReader(const TestDatabase& db, const QString& extraGrant)
{
    if (db.dialect() == Dialect::Postgres)
        return openAsRole(db, extraGrant);
    const QString path = StoreLocation::parse(db.url())->sqlitePath;
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    auto opened = Store::open(db.url(), migratingIfAllowed());
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!opened.ok())
        qFatal("cannot open as reader: %s", qPrintable(opened.error().message));
    return opened.value();
}

} // namespace RagScope::Test
