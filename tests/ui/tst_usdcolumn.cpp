#include "models/topusersmodel.h"
#include "widgets/usdcolumn.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace RagScope;
using namespace Qt::StringLiterals;

namespace {

Money units(qint64 u)
{
    return Money::fromUnits(u);
}

} // namespace

/// UsdColumn: one number of decimals per cost column, from the exact amounts.
class TestUsdColumn : public QObject
{
    Q_OBJECT
private slots:
    void everyRowGetsThePlacesOfTheSmallestAmount_data()
    {
        QTest::addColumn<QList<qint64>>("amounts"); // in 1e-8 USD
        QTest::addColumn<QStringList>("shown");
        QTest::newRow("cents") << QList<qint64> { 123'456'789'000, 50'000'000 }
                               << QStringList { u"$1,234.57"_s, u"$0.50"_s };
        QTest::newRow("tenth and hundredth of a cent") << QList<qint64> { 10'000, 100'000,
            1'234'567 } << QStringList { u"$0.0001"_s, u"$0.0010"_s, u"$0.0123"_s };
        QTest::newRow("zero does not widen")
            << QList<qint64> { 0, 25'000'000 } << QStringList { u"$0.00"_s, u"$0.25"_s };
        QTest::newRow("one unit: every place")
            << QList<qint64> { 1, 100'000'000 } << QStringList { u"$0.00000001"_s, u"$1.00000000"_s };
        QTest::newRow("half-even, exact")
            << QList<qint64> { 150, 250 } << QStringList { u"$0.000002"_s, u"$0.000002"_s };
    }

    void everyRowGetsThePlacesOfTheSmallestAmount()
    {
        QFETCH(QList<qint64>, amounts);
        QFETCH(QStringList, shown);
        QList<Money> money;
        for (qint64 u : amounts)
            money << units(u);
        const UsdColumn column(money);
        QStringList out;
        for (const Money& m : std::as_const(money))
            out << column.amount(m);
        QCOMPARE(out, shown);
    }

    void sumSaysWhatHasNoPrice()
    {
        const UsdColumn column({ units(10'000) });
        QCOMPARE(column.sum(units(100'000), 3, 0), u"$0.0010"_s);
        QCOMPARE(column.sum(units(100'000), 3, 1), u"$0.0010 (+1 no price)"_s);
        QCOMPARE(column.sum(units(0), 3, 3), u"no price"_s);
    }

    void topUsersCostColumnLinesUp()
    {
        TopUsersModel model;
        QAbstractItemModelTester tester(&model);
        UserStats a { u"alice"_s, 2, units(10'000), 0, {}, {}, {}, 0 };
        UserStats b { u"bob"_s, 5, units(100'000), 0, {}, {}, {}, 0 };
        model.setData({ a, b });
        QCOMPARE(model.index(0, TopUsersModel::Cost).data().toString(), u"$0.0001"_s);
        QCOMPARE(model.index(1, TopUsersModel::Cost).data().toString(), u"$0.0010"_s);
    }
};

QTEST_MAIN(TestUsdColumn)
#include "tst_usdcolumn.moc"
