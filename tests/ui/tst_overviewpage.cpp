#include "fixtures.h"
#include "models/topusersmodel.h"
#include "pages/overviewpage.h"
#include "testdatabase.h"
#include "widgets/kpicard.h"
#include "widgets/panel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace RagScope;
using Card = OverviewPage::Card;

namespace {

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate);
}

// Current window [Jan 8, Jan 15): four requests, two pro ones at $0.25 each, one of an unknown
// model, two rated (5 and 2). Previous window [Jan 1, Jan 8): two requests without cost.
StorePtr fixtureStore(const Test::TestDatabase& db)
{
    const StorePtr store = db.open();
    Test::recordOverviewWeeks(store);
    return store;
}

Filter window(const char* from, const char* to)
{
    Filter f;
    f.from = utc(from);
    f.to = utc(to);
    return f;
}

// Starts loading the fixture's current window [Jan 8, Jan 15) on page.
void showCurrentWeek(OverviewPage& page, const Test::TestDatabase& db)
{
    page.setContext({ fixtureStore(db), window("2026-01-08T00:00:00Z", "2026-01-15T00:00:00Z") });
}

} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT
private slots:
    void fillsCardsFromTheStore_data();
    void fillsCardsFromTheStore();
    void showsPercentagesOnceThePreviousWindowHas30Requests();
    void warnsAboutRequestsOfUnknownModels();
    void listsTheBusiestUsersFirst();
    void changingTheFilterUpdatesTheCards();
    void closingTheStoreEmptiesTheCards();
    void showsNumbersAndDatesInTheUsersLocale();
};

void TestOverviewPage::fillsCardsFromTheStore_data()
{
    QTest::addColumn<int>("card");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("change");
    // The previous window has 2 requests: below FigureChange::MinimumBaseline, so relative
    // figures show the difference and say why there is no percentage.
    QTest::newRow("requests") << int(Card::Requests) << QStringLiteral("4")
                              << QStringLiteral("▲ 2 vs previous 7 days (too few previous data for a %)");
    // the unknown model's request has no price, which is not $0
    QTest::newRow("total cost") << int(Card::TotalCost) << QStringLiteral("$0.50 (+1 no price)")
                                << QStringLiteral(
                                       "▲ $0.50 vs previous 7 days (too few previous data for a %)");
    // 0.50 / 7 days × 30 and × 365
    QTest::newRow("monthly") << int(Card::MonthlyCost) << QStringLiteral("$2.14 (+1 no price)")
                             << QStringLiteral("▲ $2.14 vs previous 7 days (too few previous data for a %)");
    QTest::newRow("annual") << int(Card::AnnualCost) << QStringLiteral("$26.07 (+1 no price)")
                            << QStringLiteral("▲ $26.07 vs previous 7 days (too few previous data for a %)");
    QTest::newRow("avg latency") << int(Card::AvgLatency) << QStringLiteral("250 ms")
                                 << QStringLiteral(
                                        "▲ 150 ms vs previous 7 days (too few previous data for a %)");
    // percentile_cont(0.95) of 100, 200, 300, 400 = 300 + 0.85 × 100
    QTest::newRow("p95 latency") << int(Card::P95Latency) << QStringLiteral("385 ms")
                                 << QStringLiteral(
                                        "▲ 285 ms vs previous 7 days (too few previous data for a %)");
    QTest::newRow("avg confidence") << int(Card::AvgConfidence) << QStringLiteral("0.70")
                                    << QStringLiteral("▼ 0.10 vs previous 7 days");
    QTest::newRow("feedback rate") << int(Card::FeedbackRate) << QStringLiteral("50.0%")
                                   << QStringLiteral("▲ 50.00 pp vs previous 7 days");
    QTest::newRow("avg rating") << int(Card::AvgRating) << QStringLiteral("3.50 / 5")
                                << QStringLiteral("no data in the previous 7 days");
}

void TestOverviewPage::fillsCardsFromTheStore()
{
    QFETCH(int, card);
    QFETCH(QString, value);
    QFETCH(QString, change);
    Test::TestDatabase db;
    OverviewPage page;
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    showCurrentWeek(page, db);
    QVERIFY(page.isBusy());
    QVERIFY(loaded.wait(20000));
    QVERIFY(!page.isBusy());
    QCOMPARE(page.card(Card(card))->value(), value);
    QCOMPARE(page.card(Card(card))->change(), change);
}

void TestOverviewPage::showsPercentagesOnceThePreviousWindowHas30Requests()
{
    Test::TestDatabase db;
    const StorePtr store = fixtureStore(db);
    for (int i = 0; i < 40; ++i) { // the previous week: 42 requests of 100 ms, still $0
        InteractionRecord r;
        r.userId = QStringLiteral("dave");
        r.query = QStringLiteral("question");
        r.answer = QStringLiteral("answer");
        r.model = QStringLiteral("gemini-1.5-pro");
        r.promptTokens = 0;
        r.completionTokens = 0;
        r.totalLatencyMs = 100;
        r.createdAt = utc("2026-01-04T10:00:00Z").addSecs(i * 60);
        Test::recordInteraction(store, r);
    }
    OverviewPage page;
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    page.setContext({ store, window("2026-01-08T00:00:00Z", "2026-01-15T00:00:00Z") });
    QVERIFY(loaded.wait(20000));
    // 4 against 42: −90.476…%; 250 ms against 100 ms.
    QCOMPARE(page.card(Card::Requests)->change(), QStringLiteral("▼ 90.5% vs previous 7 days"));
    QCOMPARE(page.card(Card::AvgLatency)->change(), QStringLiteral("▲ 150.0% vs previous 7 days"));
    // A previous value of $0 is no baseline for a percentage, however many requests.
    QCOMPARE(page.card(Card::TotalCost)->change(),
        QStringLiteral("▲ $0.50 vs previous 7 days (too few previous data for a %)"));
}

void TestOverviewPage::warnsAboutRequestsOfUnknownModels()
{
    Test::TestDatabase db;
    OverviewPage page;
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    showCurrentWeek(page, db);
    QVERIFY(loaded.wait(20000));
    QVERIFY(!page.unpricedWarning()->isHidden());
    QCOMPARE(page.unpricedWarning()->text(),
        QStringLiteral("1 requests of unknown models have no cost — see pricing."));
}

void TestOverviewPage::listsTheBusiestUsersFirst()
{
    Test::TestDatabase db;
    OverviewPage page;
    QAbstractItemModelTester tester(
        page.topUsersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    showCurrentWeek(page, db);
    QVERIFY(loaded.wait(20000));
    const TopUsersModel* model = page.topUsersModel();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, TopUsersModel::User).data().toString(), QStringLiteral("alice"));
    QCOMPARE(model->index(0, TopUsersModel::Requests).data().toString(), QStringLiteral("3"));
    QCOMPARE(model->index(0, TopUsersModel::Cost).data().toString(), QStringLiteral("$0.50"));
    QCOMPARE(model->index(1, TopUsersModel::User).data().toString(), QStringLiteral("bob"));
    QCOMPARE(model->index(1, TopUsersModel::Cost).data().toString(), QStringLiteral("no price")); // not $0.00
    QCOMPARE(model->index(1, TopUsersModel::AvgRating).data().toString(), QStringLiteral("2.00"));
}

void TestOverviewPage::changingTheFilterUpdatesTheCards()
{
    Test::TestDatabase db;
    OverviewPage page;
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    showCurrentWeek(page, db);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.card(Card::Requests)->value(), QStringLiteral("4"));

    page.setContext({ page.context().store, window("2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z") });
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.card(Card::Requests)->value(), QStringLiteral("2"));
    QCOMPARE(page.card(Card::Requests)->change(), QStringLiteral("no data in the previous 7 days"));
    QCOMPARE(page.card(Card::TotalCost)->value(), QStringLiteral("$0.00"));
    QCOMPARE(page.card(Card::AvgRating)->value(), QStringLiteral("—"));
    QVERIFY(page.unpricedWarning()->isHidden());

    Filter alice = window("2026-01-08T00:00:00Z", "2026-01-15T00:00:00Z");
    alice.user = QStringLiteral("alice");
    page.setContext({ page.context().store, alice });
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.card(Card::Requests)->value(), QStringLiteral("3"));
    QCOMPARE(page.card(Card::Requests)->change(), QStringLiteral("no data in the previous 7 days"));
}

void TestOverviewPage::closingTheStoreEmptiesTheCards()
{
    Test::TestDatabase db;
    OverviewPage page;
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    showCurrentWeek(page, db);
    QVERIFY(loaded.wait(20000));
    page.setContext({ nullptr, page.context().filter });
    QVERIFY(!page.isBusy());
    QCOMPARE(page.card(Card::Requests)->value(), QStringLiteral("—"));
    QCOMPARE(page.topUsersModel()->rowCount(), 0);
}

// With a German locale the cards group digits ("1.234") and the window reads as a German date.
void TestOverviewPage::showsNumbersAndDatesInTheUsersLocale()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const auto restore = qScopeGuard([] { QLocale::setDefault(QLocale::c()); });
    Test::TestDatabase db;
    const StorePtr store = db.open();
    for (const char* at : { "2026-01-08T10:00:00Z", "2026-01-09T10:00:00Z" }) {
        InteractionRecord r;
        r.userId = QStringLiteral("alice");
        r.query = QStringLiteral("question");
        r.answer = QStringLiteral("answer");
        r.model = QStringLiteral("gemini-1.5-pro");
        r.totalLatencyMs = 1234.0;
        r.createdAt = utc(at);
        Test::recordInteraction(store, r);
    }
    OverviewPage page;
    QSignalSpy loaded(&page, &DashboardPage::loaded);
    page.setContext({ store, window("2026-01-08T00:00:00Z", "2026-01-15T00:00:00Z") });
    QVERIFY(loaded.wait(20000));
    QCOMPARE(page.card(Card::AvgLatency)->value(), QStringLiteral("1.234 ms"));
    QStringList titles;
    for (const Panel* panel : page.findChildren<Panel*>())
        titles << panel->title();
    QVERIFY2(titles.contains(QStringLiteral("Key figures, 08.01.2026 00:00 – 15.01.2026 00:00 UTC")),
        qPrintable(titles.join(QLatin1String(" | "))));
}

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
