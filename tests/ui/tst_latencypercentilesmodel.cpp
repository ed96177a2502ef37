#include "models/latencypercentilesmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace RagScope;

/// LatencyPercentilesModel: three phases × p50…p99, undefined values shown as a dash.
class TestLatencyPercentilesModel : public QObject
{
    Q_OBJECT
private slots:
    void showsEachPhaseAndLevel_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("display");
        QTest::newRow("total p50") << int(LatencyPercentilesModel::TotalRow)
                                   << int(LatencyPercentilesModel::P50Column) << QStringLiteral("250.0");
        QTest::newRow("total p99") << int(LatencyPercentilesModel::TotalRow)
                                   << int(LatencyPercentilesModel::P99Column) << QStringLiteral("965.4");
        QTest::newRow("retrieval p90") << int(LatencyPercentilesModel::RetrievalRow)
                                       << int(LatencyPercentilesModel::P90Column) << QStringLiteral("65.0");
        QTest::newRow("generation undefined")
            << int(LatencyPercentilesModel::GenerationRow) << int(LatencyPercentilesModel::P50Column)
            << LatencyPercentilesModel::tr("—");
        QTest::newRow("phase name") << int(LatencyPercentilesModel::RetrievalRow)
                                    << int(LatencyPercentilesModel::PhaseColumn)
                                    << LatencyPercentilesModel::tr("Retrieval");
    }

    void showsEachPhaseAndLevel()
    {
        QFETCH(int, row);
        QFETCH(int, column);
        QFETCH(QString, display);
        LatencyPercentilesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LatencyPercentiles p;
        p.total.values = { 250.0, 425.0, 650.0, 825.0, 965.43 };
        p.retrieval.values = { 25.0, 42.5, 65.0, 82.5, 96.5 };
        model.setData(p);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.index(row, column).data().toString(), display);
        QCOMPARE(model.headerData(LatencyPercentilesModel::P95Column, Qt::Horizontal).toString(),
            LatencyPercentilesModel::tr("p95 (ms)"));
    }

    void keepsExactMillisecondsInARole()
    {
        LatencyPercentilesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LatencyPercentiles p;
        p.total.values[4] = 965.4321;
        model.setData(p);
        QCOMPARE(model.index(0, LatencyPercentilesModel::P99Column)
                     .data(LatencyPercentilesModel::MillisecondsRole)
                     .toDouble(),
            965.4321);
        QVERIFY(!model.index(0, LatencyPercentilesModel::P50Column)
                     .data(LatencyPercentilesModel::MillisecondsRole)
                     .isValid());
    }
};

QTEST_MAIN(TestLatencyPercentilesModel)
#include "tst_latencypercentilesmodel.moc"
