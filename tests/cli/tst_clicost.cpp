#include "clirunner.h"
#include "fixtures.h"
#include "planning/budgetstore.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

/// `stats --cost`, `whatif` and `forecast` on a store whose backend mispriced a model after a
/// price change, with a --pricing file that knows the change; bad input is one line, exit 2.
class CliCostTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statsRecomputedUsesThePricingFile();
    void statsStoredIsTheDefault();
    void whatIfPrintsExactBeforeAndAfter();
    void forecastPlansTheMonth();
    void forecastTakesTheStoresBudgetForItsScope();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    std::unique_ptr<TestDatabase> m_db;
    QTemporaryDir m_dir;
    QString m_pricing;
    QStringList window() const
    {
        return { QStringLiteral("--db"), m_db->url(), QStringLiteral("--from"), QStringLiteral("2026-10-01"),
            QStringLiteral("--to"), QStringLiteral("2026-10-03") };
    }
};

namespace {

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

} // namespace

void CliCostTest::initTestCase()
{
    m_db = std::make_unique<TestDatabase>();
    const StorePtr store = m_db->open();
    // haiku: $1/$5 per 1M, $2/$10 from 2026-10-01 12:00 UTC; the backend kept the old price
    record(store, "2026-10-01T06:00:00Z", QStringLiteral("claude-3-haiku"), 1000, 100,
        Money::parse(QStringLiteral("0.0015")).value());
    record(store, "2026-10-01T18:00:00Z", QStringLiteral("claude-3-haiku"), 1000, 100,
        Money::parse(QStringLiteral("0.0015")).value());
    record(store, "2026-10-02T09:00:00Z", QStringLiteral("claude-3-haiku"), 333, 7,
        Money::parse(QStringLiteral("0.000736")).value());
    m_pricing = m_dir.filePath(QStringLiteral("prices.json"));
    QFile f(m_pricing);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"models": [
        {"prefix": "claude-3-haiku", "input": "1", "output": "5"},
        {"prefix": "claude-3-haiku", "input": "2", "output": "10", "valid_from": "2026-10-01T12:00:00Z"}]})");
}

void CliCostTest::statsRecomputedUsesThePricingFile()
{
    const CliRun run = runCli(QStringList { QStringLiteral("stats") } + window()
        + QStringList { QStringLiteral("--cost"), QStringLiteral("recomputed"), QStringLiteral("--pricing"),
            m_pricing, QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("cost_view")).toString(), QStringLiteral("recomputed"));
    QCOMPARE(json.value(QStringLiteral("total_cost_usd")).toString(), QStringLiteral("0.00523600"));
    QCOMPARE(json.value(QStringLiteral("unpriced_requests")).toInt(), 0);
    const QJsonArray daily = json.value(QStringLiteral("daily_cost")).toArray();
    QCOMPARE(daily.size(), 2);
    QCOMPARE(daily[0].toObject().value(QStringLiteral("cost_usd")).toString(), QStringLiteral("0.00450000"));
}

void CliCostTest::statsStoredIsTheDefault()
{
    const CliRun run = runCli(QStringList { QStringLiteral("stats") } + window()
        + QStringList { QStringLiteral("--pricing"), m_pricing, QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QStringLiteral("total_cost_usd")).toString(), QStringLiteral("0.00373600"));
    QVERIFY(!run.json().contains(QStringLiteral("cost_view")));
}

void CliCostTest::whatIfPrintsExactBeforeAndAfter()
{
    const CliRun run = runCli(QStringList { QStringLiteral("whatif") } + window()
        + QStringList { QStringLiteral("--model"), QStringLiteral("claude-3-haiku"),
            QStringLiteral("--pricing"), m_pricing, QStringLiteral("--target-input"), QStringLiteral("0.5"),
            QStringLiteral("--target-output"), QStringLiteral("1.5"), QStringLiteral("--share"),
            QStringLiteral("25"), QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("requests")).toInt(), 3);
    const QJsonObject w = json.value(QStringLiteral("window")).toObject();
    QCOMPARE(w.value(QStringLiteral("before")).toString(), QStringLiteral("0.00523600"));
    QCOMPARE(w.value(QStringLiteral("after")).toString(), QStringLiteral("0.00429625"));
    QCOMPARE(w.value(QStringLiteral("difference")).toString(), QStringLiteral("-0.00093975"));
    QCOMPARE(json.value(QStringLiteral("annual")).toObject().value(QStringLiteral("after")).toString(),
        QStringLiteral("0.78406562"));
}

void CliCostTest::forecastPlansTheMonth()
{
    const CliRun run = runCli({ QStringLiteral("forecast"), QStringLiteral("--db"), m_db->url(),
        QStringLiteral("--as-of"), QStringLiteral("2026-10-03"), QStringLiteral("--budget"),
        QStringLiteral("0.001"), QStringLiteral("--json") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = run.json();
    QCOMPARE(json.value(QStringLiteral("month")).toString(), QStringLiteral("2026-10"));
    QCOMPARE(json.value(QStringLiteral("actual_to_date")).toString(), QStringLiteral("0.00373600"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("over"));
    // the stored cost passed $0.001 on its first day
    QCOMPARE(json.value(QStringLiteral("run_out_date")).toString(), QStringLiteral("2026-10-01"));
    QCOMPARE(json.value(QStringLiteral("days")).toArray().size(), 31);
}

void CliCostTest::forecastTakesTheStoresBudgetForItsScope()
{
    const BudgetStore budgets(m_db->open());
    QVERIFY(budgets.set({}, Money::fromUnits(1'000'000), QStringLiteral("bob")).ok());
    QVERIFY(budgets.set(QStringLiteral("claude-3-haiku"), Money::fromUnits(50'000'000), QStringLiteral("bob"))
                .ok());
    const auto forecast = [this](const QStringList& extra) {
        const CliRun run
            = runCli(QStringList { QStringLiteral("forecast"), QStringLiteral("--db"), m_db->url(),
                         QStringLiteral("--as-of"), QStringLiteral("2026-10-03"), QStringLiteral("--json") }
                + extra);
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.json();
    };
    QJsonObject json = forecast({});
    QCOMPARE(json.value(QStringLiteral("budget")).toString(), QStringLiteral("0.01000000"));
    QCOMPARE(json.value(QStringLiteral("budget_source")).toString(), QStringLiteral("store"));
    json = forecast({ QStringLiteral("--model"), QStringLiteral("claude-3-haiku") });
    QCOMPARE(json.value(QStringLiteral("budget")).toString(), QStringLiteral("0.50000000"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("on_track"));
    // a model without a budget of its own has none (the total is not split among models)
    json = forecast({ QStringLiteral("--model"), QStringLiteral("gpt-4o") });
    QVERIFY(json.value(QStringLiteral("budget")).isNull());
    QVERIFY(json.value(QStringLiteral("budget_source")).isNull());
    // --budget wins over the store
    json = forecast({ QStringLiteral("--budget"), QStringLiteral("0.001") });
    QCOMPARE(json.value(QStringLiteral("budget")).toString(), QStringLiteral("0.00100000"));
    QCOMPARE(json.value(QStringLiteral("budget_source")).toString(), QStringLiteral("option"));
    const CliRun text = runCli({ QStringLiteral("forecast"), QStringLiteral("--db"), m_db->url(),
        QStringLiteral("--as-of"), QStringLiteral("2026-10-03") });
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(QStringLiteral("budget           0.01000000 USD (from the store)")),
        qPrintable(text.out));
    QVERIFY(budgets.clear({}).ok());
    QVERIFY(budgets.clear(QStringLiteral("claude-3-haiku")).ok());
}

void CliCostTest::refusesBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("cost view") << QStringList { QStringLiteral("stats"), QStringLiteral("--cost"),
        QStringLiteral("cheap") }
                               << QStringLiteral("--cost must be stored or recomputed");
    QTest::newRow("share") << QStringList { QStringLiteral("whatif"), QStringLiteral("--model"),
        QStringLiteral("claude-3-haiku"), QStringLiteral("--target-model"), QStringLiteral("x"),
        QStringLiteral("--share"), QStringLiteral("150") }
                           << QStringLiteral("--share must be a percentage");
    QTest::newRow("both targets") << QStringList { QStringLiteral("whatif"), QStringLiteral("--model"),
        QStringLiteral("m"), QStringLiteral("--target-model"), QStringLiteral("x"),
        QStringLiteral("--target-input"), QStringLiteral("1") }
                                  << QStringLiteral("either --target-model or --target-input");
    QTest::newRow("budget") << QStringList { QStringLiteral("forecast"), QStringLiteral("--budget"),
        QStringLiteral("lots") }
                            << QStringLiteral("--budget must be");
}

void CliCostTest::refusesBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QStringList full = args;
    if (args.first() != QLatin1String("forecast"))
        full += window().mid(2); // --from/--to
    full += { QStringLiteral("--db"), m_db->url() };
    const CliRun run = runCli(full);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(CliCostTest)
#include "tst_clicost.moc"
