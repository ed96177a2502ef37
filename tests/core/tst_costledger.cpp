#include "fixtures.h"
#include "pricing/costledger.h"
#include "pricing/whatif.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

/// Stored vs recomputed cost on a store whose backend mispriced a model, across a price
/// change in the middle of a day, and what-if re-pricing checked by hand.
class CostLedgerTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void reconcilesStoredAndRecomputedPerModelAndDay();
    void recomputedTotalRoundsOncePerSum();
    void replacesTheReportsCostFigures();
    void whatIfMovesAllTrafficToATypedPrice();
    void whatIfMovesAShareHalfEven();
    void whatIfRefusesAModelWithoutTraffic();
    void parsesPercentages();

private:
    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
    PriceTable m_prices;
    Filter m_window;
};

namespace {

// claude-3-haiku: $1/$5 per 1M tokens, then $2/$10 from 2026-10-01 12:00 UTC. tiny: $0.001 per
// 1M input tokens only (3 tokens cost 3e-9 USD: nothing at 8 places per request).
const QByteArray Prices = R"({"models": [
    {"prefix": "claude-3-haiku", "input": "1", "output": "5"},
    {"prefix": "claude-3-haiku", "input": "2", "output": "10", "valid_from": "2026-10-01T12:00:00Z"},
    {"prefix": "tiny", "input": "0.001"}
]})";

void record(const StorePtr& store, const char* at, const QString& model, qint64 prompt, qint64 completion,
    std::optional<Money> stored)
{
    InteractionRecord r;
    r.userId = QStringLiteral("u");
    r.query = QStringLiteral("q");
    r.answer = QStringLiteral("a");
    r.model = model;
    r.promptTokens = prompt;
    r.completionTokens = completion;
    r.cost = stored;
    r.createdAt = QDateTime::fromString(QString::fromLatin1(at), Qt::ISODate);
    recordInteraction(store, r);
}

Money usd(const char* text)
{
    return Money::parse(QString::fromLatin1(text)).value();
}

} // namespace

void CostLedgerTest::init()
{
    m_db = std::make_unique<TestDatabase>();
    m_store = m_db->open();
    m_prices = PriceTable::fromJson(Prices, QStringLiteral("test")).value();
    // The backend kept the old haiku price after the change: its 18:00 request is stored at
    // 1000 × $1 + 100 × $5 per 1M = $0.0015 instead of $0.003.
    record(m_store, "2026-10-01T06:00:00Z", QStringLiteral("claude-3-haiku"), 1000, 100, usd("0.0015"));
    record(m_store, "2026-10-01T18:00:00Z", QStringLiteral("claude-3-haiku"), 1000, 100, usd("0.0015"));
    for (const char* at : { "2026-10-01T07:00:00Z", "2026-10-01T08:00:00Z", "2026-10-01T09:00:00Z" })
        record(m_store, at, QStringLiteral("tiny"), 3, 0, Money());
    // 333 × $2 + 7 × $10 per 1M = $0.000736, stored right
    record(m_store, "2026-10-02T09:00:00Z", QStringLiteral("claude-3-haiku"), 333, 7, usd("0.000736"));
    record(m_store, "2026-10-02T10:00:00Z", QStringLiteral("mystery-1"), 50, 5, std::nullopt);
    m_window.from = QDateTime(QDate(2026, 10, 1), QTime(0, 0), Qt::UTC);
    m_window.to = QDateTime(QDate(2026, 10, 3), QTime(0, 0), Qt::UTC);
}

void CostLedgerTest::reconcilesStoredAndRecomputedPerModelAndDay()
{
    const auto ledger = CostLedger::load(m_store, m_window, m_prices);
    QVERIFY2(ledger.ok(), qPrintable(ledger.ok() ? QString() : ledger.error().message));
    // the price change splits 2026-10-01's haiku requests into two price periods
    QCOMPARE(ledger->groups().size(), 5);
    const QList<CostReconciliation> rows = ledger->reconciliation();
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[0].day, QStringLiteral("2026-10-01"));
    QCOMPARE(rows[0].model, QStringLiteral("claude-3-haiku"));
    QCOMPARE(rows[0].requests, 2);
    QCOMPARE(rows[0].stored, usd("0.003"));
    QCOMPARE(rows[0].recomputed, usd("0.0045")); // 0.0015 + 0.003
    QCOMPARE(rows[0].difference(), usd("0.0015"));
    QCOMPARE(rows[1].model, QStringLiteral("tiny"));
    QCOMPARE(rows[1].stored, Money());
    QCOMPARE(rows[1].recomputed, usd("0.00000001")); // 9 tokens × $0.001/1M = 9e-9, rounded once
    QCOMPARE(rows[2].day, QStringLiteral("2026-10-02"));
    QCOMPARE(rows[2].difference(), Money());
    QCOMPARE(rows[3].model, QStringLiteral("mystery-1"));
    QCOMPARE(rows[3].storedUnpriced, 1);
    QCOMPARE(rows[3].recomputedUnpriced, 1);

    const QList<DailyCost> daily = ledger->daily(CostView::Recomputed);
    QCOMPARE(daily.size(), 4);
    QCOMPARE(daily[0].promptTokens, 2000);
    QCOMPARE(daily[0].completionTokens, 200);
    QCOMPARE(daily[0].cost, usd("0.0045"));
    QCOMPARE(ledger->dailySeries(CostView::Stored, QDate(2026, 10, 1), QDate(2026, 10, 4)),
        QList<Money>({ usd("0.003"), usd("0.000736"), Money() }));
}

void CostLedgerTest::recomputedTotalRoundsOncePerSum()
{
    const auto ledger = CostLedger::load(m_store, m_window, m_prices);
    QVERIFY(ledger.ok());
    qint64 unpriced = -1;
    // 0.0015 + 0.003 + 0.000736 + 9e-9 = 0.005236009 → 0.00523601
    QCOMPARE(ledger->total(CostView::Recomputed, &unpriced), usd("0.00523601"));
    QCOMPARE(unpriced, 1);
    QCOMPARE(ledger->total(CostView::Stored, &unpriced), usd("0.003736"));
    QCOMPARE(unpriced, 1);
}

void CostLedgerTest::replacesTheReportsCostFigures()
{
    const auto ledger = CostLedger::load(m_store, m_window, m_prices);
    QVERIFY(ledger.ok());
    StatsReport report;
    report.filter = m_window;
    ledger->applyTo(&report, CostView::Recomputed);
    QCOMPARE(report.kpis.totalCost, usd("0.00523601"));
    QCOMPARE(report.kpis.unpricedRequests, 1);
    QCOMPARE(report.dailyCost.size(), 4);
    QCOMPARE(report.projection.monthly, usd("0.07854015")); // × 30 / 2 days
}

void CostLedgerTest::whatIfMovesAllTrafficToATypedPrice()
{
    Filter haiku = m_window;
    haiku.model = QStringLiteral("claude-3-haiku");
    const auto ledger = CostLedger::load(m_store, haiku, m_prices);
    QVERIFY(ledger.ok());
    WhatIfScenario s;
    s.model = QStringLiteral("claude-3-haiku");
    s.typedPrice
        = PriceTable::fromJson(R"({"models": [{"prefix": "x", "input": "0.5", "output": "1.5"}]})", {})
              .value()
              .rows()
              .first();
    const auto r = WhatIf::evaluate(ledger.value(), s);
    QVERIFY(r.ok());
    QCOMPARE(r->requests, 3);
    // before: 0.0015 + 0.003 + 0.000736; after: 2333 × 0.5 + 207 × 1.5 per 1M = 0.001477
    QCOMPARE(r->window.before, usd("0.005236"));
    QCOMPARE(r->window.after, usd("0.001477"));
    QCOMPARE(r->window.difference(), usd("-0.003759"));
    QCOMPARE(r->monthly.before, usd("0.07854")); // × 15 (30 days / 2-day window)
    QCOMPARE(r->monthly.after, usd("0.022155"));
    QCOMPARE(r->annual.before, usd("0.95557")); // × 182.5
    QCOMPARE(r->annual.after, usd("0.2695525"));
}

void CostLedgerTest::whatIfMovesAShareHalfEven()
{
    const auto ledger = CostLedger::load(m_store, m_window, m_prices);
    QVERIFY(ledger.ok());
    WhatIfScenario s;
    s.model = QStringLiteral("claude-3-haiku");
    s.typedPrice
        = PriceTable::fromJson(R"({"models": [{"prefix": "x", "input": "0.5", "output": "1.5"}]})", {})
              .value()
              .rows()
              .first();
    s.shareBasisPoints = 2500;
    const auto r = WhatIf::evaluate(ledger.value(), s);
    QVERIFY(r.ok());
    // 0.75 × 0.005236 + 0.25 × 0.001477 = 0.00429625
    QCOMPARE(r->window.after, usd("0.00429625"));
    QCOMPARE(r->monthly.after, usd("0.06444375"));
    // × 182.5 = 0.784065625: exactly half way, rounded to the even 0.78406562
    QCOMPARE(r->annual.after, usd("0.78406562"));

    // to another model of the table: tiny's $0.001 input price, no output price
    s.typedPrice = {};
    s.targetModel = QStringLiteral("tiny");
    s.shareBasisPoints = 10'000;
    const auto moved = WhatIf::evaluate(ledger.value(), s);
    QVERIFY(moved.ok());
    QCOMPARE(moved->window.after, usd("0.00000233")); // 2333 × $0.001 / 1M = 2.333e-6
    QCOMPARE(moved->annual.after, usd("0.00042577")); // 2.333e-6 × 182.5 = 4.257725e-4
}

void CostLedgerTest::whatIfRefusesAModelWithoutTraffic()
{
    const auto ledger = CostLedger::load(m_store, m_window, m_prices);
    QVERIFY(ledger.ok());
    WhatIfScenario s;
    s.model = QStringLiteral("gpt-4o");
    s.targetModel = QStringLiteral("tiny");
    const auto r = WhatIf::evaluate(ledger.value(), s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, QStringLiteral("model \"gpt-4o\" has no requests in the window"));
}

void CostLedgerTest::parsesPercentages()
{
    QCOMPARE(WhatIf::parsePercent(QStringLiteral("25")), 2500);
    QCOMPARE(WhatIf::parsePercent(QStringLiteral("12.5")), 1250);
    QCOMPARE(WhatIf::parsePercent(QStringLiteral("100")), 10000);
    QCOMPARE(WhatIf::parsePercent(QStringLiteral("0")), 0);
    QVERIFY(!WhatIf::parsePercent(QStringLiteral("100.01")));
    QVERIFY(!WhatIf::parsePercent(QStringLiteral("-1")));
    QVERIFY(!WhatIf::parsePercent(QStringLiteral("12.345")));
    QVERIFY(!WhatIf::parsePercent(QStringLiteral("half")));
}

QTEST_GUILESS_MAIN(CostLedgerTest)
#include "tst_costledger.moc"
