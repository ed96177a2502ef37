#include "planning/budgetstore.h"
#include "store/migrationrunner.h"
#include "testdatabase.h"

#include <QtTest>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

Money usd(const char* text)
{
    return Money::parse(QLatin1String(text)).value();
}

StorePtr openReadOnly(const TestDatabase& db)
{
    const auto store = Store::open(db.url(), Store::OpenOptions {});
    if (!store.ok())
        qFatal("read-only open failed: %s", qPrintable(store.error().message));
    return store.value();
}

} // namespace

class TestBudgetStore : public QObject
{
    Q_OBJECT

private slots:
    void setsReplacesAndClearsExactly();
    void readOnlyStoreReadsAndRefusesToWrite();
    void readOnlyStoreWritesThroughItsWriter();
    void olderStoreHasNoBudgets();
    void refusesANegativeBudget();
};

void TestBudgetStore::setsReplacesAndClearsExactly()
{
    TestDatabase db;
    const BudgetStore budgets(db.open());
    QVERIFY(budgets.available());
    QVERIFY(budgets.writable());
    QVERIFY(budgets.all().value().isEmpty());
    QVERIFY(!budgets.budget().value());

    QVERIFY(budgets.set({}, usd("1234.56789012"), QStringLiteral("bob")).ok());
    QVERIFY(budgets.set(QStringLiteral("gpt-4o"), usd("100"), QStringLiteral("bob")).ok());
    // a model name that looks like SQL is only ever a bound value
    const QString odd = QStringLiteral("x'); DROP TABLE ragscope_budgets; --");
    QVERIFY(budgets.set(odd, usd("0.00000001"), QStringLiteral("bob")).ok());
    QVERIFY(budgets.set(QStringLiteral("gpt-4o"), usd("250.5"), QStringLiteral("eve")).ok());

    const auto all = budgets.all();
    QVERIFY(all.ok());
    QCOMPARE(all.value().keys(), QStringList({ QString(), QStringLiteral("gpt-4o"), odd }));
    QCOMPARE(all.value().value(QString()).toString(), QStringLiteral("1234.56789012"));
    QCOMPARE(all.value().value(odd).units(), qint64(1));
    QCOMPARE(budgets.budget(QStringLiteral("gpt-4o")).value()->toString(), QStringLiteral("250.50000000"));
    QCOMPARE(budgets.budget().value()->toString(), QStringLiteral("1234.56789012"));
    QVERIFY(!budgets.budget(QStringLiteral("claude-3-haiku")).value());

    QVERIFY(budgets.clear(QStringLiteral("gpt-4o")).ok());
    QVERIFY(budgets.clear(QStringLiteral("gpt-4o")).ok()); // clearing nothing is fine
    QVERIFY(!budgets.budget(QStringLiteral("gpt-4o")).value());
    QCOMPARE(budgets.all().value().size(), 2);
}

void TestBudgetStore::readOnlyStoreReadsAndRefusesToWrite()
{
    TestDatabase db;
    QVERIFY(BudgetStore(db.open()).set({}, usd("500"), QStringLiteral("bob")).ok());

    const BudgetStore reader(openReadOnly(db));
    QVERIFY(reader.available());
    QVERIFY(!reader.writable());
    QCOMPARE(reader.budget().value()->toString(), QStringLiteral("500.00000000"));
    const Status refused = reader.set({}, usd("1"), QStringLiteral("eve"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::PermissionDenied);
    QVERIFY2(refused.error().message.startsWith(QStringLiteral("cannot save the budget: ")),
        qPrintable(refused.error().message));
    QCOMPARE(reader.clear({}).error().kind, ErrorKind::PermissionDenied);
    QCOMPARE(reader.budget().value()->toString(), QStringLiteral("500.00000000"));
}

void TestBudgetStore::readOnlyStoreWritesThroughItsWriter()
{
    TestDatabase db;
    const StorePtr primary = db.open();
    const auto reader = Store::open(db.url(), Store::OpenOptions {});
    QVERIFY(reader.ok());
    reader.value()->setWriter(primary);
    const BudgetStore budgets(reader.value());
    QVERIFY(budgets.writable());
    QVERIFY(budgets.set(QStringLiteral("gpt-4o"), usd("42"), QStringLiteral("bob")).ok());
    QCOMPARE(BudgetStore(primary).budget(QStringLiteral("gpt-4o")).value()->toString(),
        QStringLiteral("42.00000000"));
}

void TestBudgetStore::olderStoreHasNoBudgets()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 11);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 10);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 9);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 8);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 7);
    const BudgetStore older(openReadOnly(db));
    QVERIFY(!older.available());
    QVERIFY(!older.writable());
    QVERIFY(older.all().value().isEmpty());
    QVERIFY(!older.budget().value());
    const auto opened = Store::open(db.url(), Store::OpenOptions { Store::Access::Write });
    QVERIFY(opened.ok());
    const Status refused = BudgetStore(opened.value()).set({}, usd("1"), QStringLiteral("bob"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::MissingSchema);
}

void TestBudgetStore::refusesANegativeBudget()
{
    TestDatabase db;
    const BudgetStore budgets(db.open());
    QCOMPARE(
        budgets.set({}, Money::fromUnits(-1), QStringLiteral("bob")).error().kind, ErrorKind::InvalidInput);
    QVERIFY(budgets.all().value().isEmpty());
}

QTEST_GUILESS_MAIN(TestBudgetStore)
#include "tst_budgetstore.moc"
