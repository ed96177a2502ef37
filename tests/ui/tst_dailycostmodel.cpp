#include "models/dailycostmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace RagScope;

namespace {

DailyCost row(const QString& day, std::optional<QString> model, qint64 requests, const QString& cost)
{
    return { day, std::move(model), requests, requests * 100, requests * 10, Money::parse(cost).value() };
}

const QList<DailyCost> Rows {
    row(QStringLiteral("2026-11-02"), QStringLiteral("gemini-1.5-pro-002"), 2, QStringLiteral("12.34567891")),
    row(QStringLiteral("2026-11-02"), std::nullopt, 1, QStringLiteral("0")),
    row(QStringLiteral("2026-11-03"), QStringLiteral("gemini-1.5-flash-001"), 3,
        QStringLiteral("0.00000001")),
};

} // namespace

/// DailyCostModel: one row per (day, model), exact cost text, numeric sort role, CSV export.
class TestDailyCostModel : public QObject
{
    Q_OBJECT
private slots:
    void showsEachCellOfARow_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("display");
        QTest::newRow("day") << 0 << int(DailyCostModel::DayColumn) << QStringLiteral("2026-11-02");
        QTest::newRow("model") << 0 << int(DailyCostModel::ModelColumn)
                               << QStringLiteral("gemini-1.5-pro-002");
        QTest::newRow("null model") << 1 << int(DailyCostModel::ModelColumn)
                                    << DailyCostModel::tr("(no model)");
        QTest::newRow("requests") << 2 << int(DailyCostModel::RequestsColumn) << QStringLiteral("3");
        QTest::newRow("prompt tokens")
            << 2 << int(DailyCostModel::PromptTokensColumn) << QStringLiteral("300");
        QTest::newRow("completion tokens")
            << 2 << int(DailyCostModel::CompletionTokensColumn) << QStringLiteral("30");
        QTest::newRow("cost keeps 8 decimals")
            << 0 << int(DailyCostModel::CostColumn) << QStringLiteral("12.34567891");
        QTest::newRow("smallest cost")
            << 2 << int(DailyCostModel::CostColumn) << QStringLiteral("0.00000001");
    }

    void showsEachCellOfARow()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, display);
        DailyCostModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setData(Rows);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(row, column).data().toString(), display);
    }

    void unpricedCostIsNotShownAsZero_data()
    {
        QTest::addColumn<qint64>("requests");
        QTest::addColumn<qint64>("unpriced");
        QTest::addColumn<QString>("cost");
        QTest::addColumn<QString>("display");
        QTest::addColumn<QString>("toolTip");
        // the same words as every other page and the CLI (CostDisplay)
        QTest::newRow("every request priced") << qint64(4) << qint64(0) << QStringLiteral("1.5")
                                              << QStringLiteral("1.50000000") << QStringLiteral("$1.50");
        QTest::newRow("model not in the price table")
            << qint64(4) << qint64(4) << QStringLiteral("0") << QStringLiteral("no price")
            << QStringLiteral("no price");
        QTest::newRow("some requests unpriced")
            << qint64(5) << qint64(2) << QStringLiteral("1.5") << QStringLiteral("1.50000000 (+2 no price)")
            << QStringLiteral("$1.50 (+2 no price)");
    }

    void unpricedCostIsNotShownAsZero()
    {
        QFETCH(qint64, requests);
        QFETCH(qint64, unpriced);
        QFETCH(QString, cost);
        QFETCH(QString, display);
        QFETCH(QString, toolTip);
        DailyCost r = row(QStringLiteral("2026-11-02"), QStringLiteral("claude-3-haiku"), requests, cost);
        r.unpricedRequests = unpriced;
        DailyCostModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setData({ r });
        QCOMPARE(model.index(0, DailyCostModel::CostColumn).data().toString(), display);
        QCOMPARE(model.index(0, DailyCostModel::CostColumn).data(Qt::ToolTipRole).toString(), toolTip);
    }

    void sortsCostAsANumber()
    {
        DailyCostModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setData(Rows);
        QCOMPARE(model.index(0, DailyCostModel::CostColumn).data(DailyCostModel::SortRole).toLongLong(),
            1234567891LL);
        QCOMPARE(
            model.index(2, DailyCostModel::CostColumn).data(DailyCostModel::CostUnitsRole).toLongLong(), 1LL);
        QCOMPARE(
            model.index(0, DailyCostModel::RequestsColumn).data(DailyCostModel::SortRole).toLongLong(), 2LL);
    }

    void replacingDataResetsTheRows()
    {
        DailyCostModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setData(Rows);
        model.setData({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestDailyCostModel)
#include "tst_dailycostmodel.moc"
