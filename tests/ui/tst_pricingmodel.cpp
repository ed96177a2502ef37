#include "models/pricingmodel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace RagScope;

/// PricingModel: the rows of the price table in use, exact prices, origin, embeddings.
class TestPricingModel : public QObject
{
    Q_OBJECT
private slots:
    void listsTheBuiltInTable_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::newRow("pro") << QStringLiteral("gemini-1.5-pro") << QStringLiteral("0.125")
                             << QStringLiteral("0.375");
        QTest::newRow("flash") << QStringLiteral("gemini-1.5-flash") << QStringLiteral("0.075")
                               << QStringLiteral("0.30");
        QTest::newRow("embedding has no output price")
            << QStringLiteral("embedding-001") << QStringLiteral("0.01") << PricingModel::tr("—");
    }

    void listsTheBuiltInTable()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, input);
        QFETCH(QString, output);
        PricingModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(PriceTable::builtIn());
        QCOMPARE(model.rowCount(), 3);
        const QModelIndexList found = model.match(
            model.index(0, PricingModel::PrefixColumn), Qt::DisplayRole, prefix, 1, Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        const int row = found.first().row();
        QCOMPARE(model.index(row, PricingModel::InputColumn).data().toString(), input);
        QCOMPARE(model.index(row, PricingModel::OutputColumn).data().toString(), output);
        QCOMPARE(model.index(row, PricingModel::OriginColumn).data().toString(), QStringLiteral("built-in"));
    }

    void showsAUsersOwnTableWithItsOrigin()
    {
        PricingModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(PriceTable::builtIn());
        const auto table
            = PriceTable::fromJson(R"({"models":[{"prefix":"acme-","input":"0.000001","output":"12"}]})",
                QStringLiteral("/home/me/prices.json"));
        QVERIFY(table.ok());
        model.setTable(table.value());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, PricingModel::InputColumn).data().toString(), QStringLiteral("0.000001"));
        QCOMPARE(model.index(0, PricingModel::InputColumn).data(PricingModel::PriceUnitsRole).toLongLong(),
            1'000'000LL);
        QCOMPARE(model.index(0, PricingModel::OriginColumn).data().toString(),
            QStringLiteral("/home/me/prices.json"));
    }
};

QTEST_MAIN(TestPricingModel)
#include "tst_pricingmodel.moc"
