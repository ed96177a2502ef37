#include "export/metricscsv.h"

#include <QBuffer>
#include <QtTest>

using namespace RagScope;

namespace {

QString csv(const CsvTable& table)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    writer.writeHeader(table.columns);
    for (const QList<CsvCell>& row : table.rows)
        writer.writeRow(row);
    return QString::fromUtf8(buffer.data()).replace(QLatin1String("\r\n"), QLatin1String("\n"));
}

} // namespace

/// The chart pages' tables as CSV: raw values from the value structs, NULL where undefined.
class TestMetricsCsv : public QObject
{
    Q_OBJECT
private slots:
    void dailyCostKeepsExactMoneyAndNullModel();
    void latencyPercentilesAreRawMilliseconds();
    void topUsersAreRawAndGuarded();
    void confidenceBucketsWithExactBoundsAndUnknown();
    void ratingsOneToFive();
    void pricesWithoutOutputAreNull();
    void pricesCarryTheirEffectiveDates();
    void reconciliationListsBothViews();
};

void TestMetricsCsv::dailyCostKeepsExactMoneyAndNullModel()
{
    DailyCost pro { QStringLiteral("2026-11-19"), QStringLiteral("gemini-1.5-pro"), 1107, 123456, 7890,
        Money::fromUnits(20000), 0 };
    DailyCost none { QStringLiteral("2026-11-19"), std::nullopt, 3, 0, 0, Money(), 3 };
    QCOMPARE(csv(MetricsCsv::dailyCost({ pro, none })),
        QStringLiteral("day,model_name,requests,prompt_tokens,completion_tokens,cost_usd,unpriced_requests\n"
                       "2026-11-19,gemini-1.5-pro,1107,123456,7890,0.00020000,0\n"
                       "2026-11-19,,3,0,0,0.00000000,3\n"));
}

void TestMetricsCsv::latencyPercentilesAreRawMilliseconds()
{
    LatencyPercentiles p;
    p.total.values = { 1107.0, 1500.25, 2000.0, 2500.0, 1.0 / 3 };
    p.retrieval.values = { 12.5, std::nullopt, std::nullopt, std::nullopt, std::nullopt };
    QCOMPARE(csv(MetricsCsv::latencyPercentiles(p)),
        QStringLiteral("phase,p50_ms,p75_ms,p90_ms,p95_ms,p99_ms\n"
                       "total,1107,1500.25,2000,2500,0.3333333333333333\n"
                       "retrieval,12.5,,,,\n"
                       "generation,,,,,\n"));
}

void TestMetricsCsv::topUsersAreRawAndGuarded()
{
    UserStats u { QStringLiteral("=cmd|' /C calc'!A0"), 12, Money::fromUnits(123456789), 0, 1107.5, 0.32,
        std::nullopt, 2 };
    QCOMPARE(csv(MetricsCsv::topUsers({ u })),
        QStringLiteral("user_id,requests,cost_usd,avg_latency_ms,avg_confidence,avg_rating,low_rated\n"
                       "'=cmd|' /C calc'!A0,12,1.23456789,1107.5,0.32,,2\n"));
}

void TestMetricsCsv::confidenceBucketsWithExactBoundsAndUnknown()
{
    ConfidenceHistogram h;
    h.buckets = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    h.unknown = 11;
    const QStringList lines
        = csv(MetricsCsv::confidenceBuckets(h)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 12);
    QCOMPARE(lines[0], QStringLiteral("bucket,score_from,score_to,interactions"));
    QCOMPARE(lines[1], QStringLiteral("0,0.0,0.1,1"));
    QCOMPARE(lines[4], QStringLiteral("3,0.3,0.4,4"));
    QCOMPARE(lines[10], QStringLiteral("9,0.9,1.0,10"));
    QCOMPARE(lines[11], QStringLiteral(",,,11"));
}

void TestMetricsCsv::ratingsOneToFive()
{
    RatingSummary r;
    r.counts = { 5, 0, 1, 20, 1234567 };
    QCOMPARE(
        csv(MetricsCsv::ratings(r)), QStringLiteral("rating,feedbacks\n1,5\n2,0\n3,1\n4,20\n5,1234567\n"));
}

void TestMetricsCsv::pricesWithoutOutputAreNull()
{
    const QString text = csv(MetricsCsv::prices(PriceTable::builtIn()));
    QVERIFY2(text.startsWith(
                 QStringLiteral("model_prefix,input_usd_per_1m,output_usd_per_1m,valid_from,valid_to\n")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\ngemini-1.5-pro,0.125,0.375,,\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\nembedding-001,0.01,,,\n")), qPrintable(text));
}

void TestMetricsCsv::pricesCarryTheirEffectiveDates()
{
    const auto table = PriceTable::fromJson(R"({"models": [
        {"prefix": "m", "input": "1", "valid_to": "2026-10-01"},
        {"prefix": "m", "input": "2", "valid_from": "2026-10-01T00:00:00Z"}]})",
        QStringLiteral("t"));
    QVERIFY(table.ok());
    QCOMPARE(csv(MetricsCsv::prices(table.value())),
        QStringLiteral("model_prefix,input_usd_per_1m,output_usd_per_1m,valid_from,valid_to\n"
                       "m,1.00,,,2026-10-01T00:00:00Z\nm,2.00,,2026-10-01T00:00:00Z,\n"));
}

void TestMetricsCsv::reconciliationListsBothViews()
{
    CostReconciliation r;
    r.day = QStringLiteral("2026-10-01");
    r.model = QStringLiteral("claude-3-haiku");
    r.requests = 2;
    r.stored = Money::fromUnits(300'000);
    r.recomputed = Money::fromUnits(450'000);
    r.recomputedUnpriced = 0;
    QCOMPARE(csv(MetricsCsv::reconciliation({ r })),
        QStringLiteral("day,model_name,requests,stored_cost_usd,stored_unpriced,recomputed_cost_usd,"
                       "recomputed_unpriced,difference_usd\n"
                       "2026-10-01,claude-3-haiku,2,0.00300000,0,0.00450000,0,0.00150000\n"));
}

QTEST_GUILESS_MAIN(TestMetricsCsv)
#include "tst_metricscsv.moc"
