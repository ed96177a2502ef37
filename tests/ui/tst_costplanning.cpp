#include "charts/timechart.h"
#include "guitest.h"
#include "pages/costpage.h"
#include "pages/overviewpage.h"
#include "planning/budgetsettings.h"
#include "planning/budgetstore.h"
#include "planning/costplanningtabs.h"
#include "planning/reconciliationmodel.h"
#include "planning/whatifpanel.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"
#include "widgets/kpicard.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;

namespace {

QDateTime utc(int day, int hour)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), QTimeZone::utc());
}

InteractionRecord record(
    const QString& model, const QDateTime& at, qint64 prompt, qint64 completion, std::optional<QString> cost)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("q");
    r.answer = QStringLiteral("a");
    r.model = model;
    r.promptTokens = prompt;
    r.completionTokens = completion;
    if (cost)
        r.cost = Money::parse(*cost).value();
    r.createdAt = at;
    return r;
}

const QString Pro = QStringLiteral("gemini-1.5-pro-002");
const QString Flash = QStringLiteral("gemini-1.5-flash-001");

} // namespace

/// The Cost page's planning parts against a real store whose backend overcharged every request:
/// the stored/recomputed switch, the reconciliation tab, what-if, the burn-down; the Overview's
/// budget card.
class TestCostPlanning : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        Test::useSettingsIn(m_settings, QStringLiteral("RagScopeCostPlanning"));
        m_store = m_db.open();
        // built-in prices: pro 1000 × 0.125 + 200 × 0.375 per 1M = $0.0002, flash 2000 × 0.075 +
        // 100 × 0.30 = $0.00018 and 500 × 0.075 + 50 × 0.30 = $0.0000525; stored far higher.
        const auto ids = InteractionRecorder(m_store).recordBatch({
            record(Pro, utc(2, 9), 1000, 200, QStringLiteral("0.25")),
            record(Pro, utc(2, 15), 1000, 200, QStringLiteral("0.25")),
            record(Flash, utc(2, 10), 2000, 100, QStringLiteral("0.10")),
            record(Flash, utc(4, 10), 500, 50, QStringLiteral("0.0000525")),
        });
        QVERIFY(ids.ok());
    }

    void init()
    {
        m_page = std::make_unique<CostPage>();
        m_page->resize(1400, 1000);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QVERIFY(load());
    }

    void cleanup() { m_page.reset(); }

    void switchShowsTheRecomputedCost()
    {
        QCOMPARE(label("totalCost")->toolTip(), QStringLiteral("0.60005250 USD"));
        m_page->setCostView(CostView::Recomputed);
        QCOMPARE(label("totalCost")->toolTip(), QStringLiteral("0.00063250 USD"));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        QCOMPARE(chart->series().size(), 2);
        m_page->setCostView(CostView::Stored);
        QCOMPARE(label("totalCost")->toolTip(), QStringLiteral("0.60005250 USD"));
    }

    void reconciliationShowsTheMispricedRows()
    {
        const ReconciliationModel* model = m_page->planning()->reconciliation();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(1, ReconciliationModel::ModelColumn).data().toString(), Pro);
        QCOMPARE(model->index(1, ReconciliationModel::StoredColumn).data().toString(),
            QStringLiteral("0.50000000"));
        QCOMPARE(model->index(1, ReconciliationModel::RecomputedColumn).data().toString(),
            QStringLiteral("0.00040000"));
        QCOMPARE(model->index(1, ReconciliationModel::DifferenceColumn).data().toString(),
            QStringLiteral("-0.49960000"));
        // flash on Nov 4 was stored right
        QCOMPARE(model->index(2, ReconciliationModel::DifferenceColumn).data().toString(),
            QStringLiteral("0.00000000"));
        QCOMPARE(model->mismatches(), 2);
    }

    void whatIfMovesProTrafficToFlash()
    {
        WhatIfPanel* panel = m_page->planning()->whatIf();
        panel->choose(Pro, QStringLiteral("gemini-1.5-flash"), 50);
        QVERIFY(panel->result());
        // 2000 × 0.075 + 400 × 0.30 per 1M = $0.00027 at flash; half moved: 0.0002 + 0.000135
        QCOMPARE(panel->result()->window.before, Money::parse(QStringLiteral("0.0004")).value());
        QCOMPARE(panel->result()->window.after, Money::parse(QStringLiteral("0.000335")).value());
        QCOMPARE(
            panel->result()->monthly.after, Money::parse(QStringLiteral("0.00143571")).value()); // × 30/7
        panel->choose(Pro, QString(), 100, QStringLiteral("not a price"));
        QVERIFY(!panel->result());
        QVERIFY(panel->findChild<QLabel*>(QStringLiteral("whatIfMessage"))
                    ->text()
                    .contains(QStringLiteral("decimals")));
    }

    void burnDownShowsTheBudgetVerdict()
    {
        // a writable store holds the budget
        QVERIFY(
            BudgetStore(m_store).set({}, Money::fromUnits(1), QStringLiteral("bob")).ok()); // over at once
        QVERIFY(load());
        auto* summary = m_page->findChild<QLabel*>(QStringLiteral("burnDownSummary"));
        QVERIFY2(!summary->text().isEmpty(), "no burn-down summary");
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("burnDownChart"));
        QVERIFY(chart->series().size() >= 4); // actual, forecast, band, budget
        QCOMPARE(chart->series().last().name, QStringLiteral("Budget"));
        QCOMPARE(label("budgetWhere")->text(), QStringLiteral("saved in the store"));
        QCOMPARE(m_page->findChild<QLineEdit*>(QStringLiteral("budgetEdit"))->text(),
            QStringLiteral("0.00000001"));
        QVERIFY(BudgetStore(m_store).clear({}).ok());
    }

    void overviewCardSaysOnTrackOrOver()
    {
        QVERIFY(BudgetStore(m_store)
                    .set({}, Money::fromUnits(1'000'000 * Money::UnitsPerDollar), QStringLiteral("bob"))
                    .ok());
        OverviewPage overview;
        QSignalSpy loaded(&overview, &DashboardPage::loaded);
        overview.setContext({ m_store, { utc(1, 0), utc(8, 0), {}, {} } });
        QVERIFY(loaded.wait(20000));
        // whatever this month holds in this store (at most $0.60): on track against $1M
        QVERIFY2(overview.budgetCard()->findChildren<QLabel*>().size() > 0, "card without labels");
        bool onTrack = false;
        for (QLabel* l : overview.budgetCard()->findChildren<QLabel*>())
            onTrack = onTrack || l->text().startsWith(QStringLiteral("On track"));
        QVERIFY(onTrack);
        QVERIFY(BudgetStore(m_store).clear({}).ok());
    }

    // A writable store: a model's budget is saved in the store, never in the settings, and
    // the burn-down plans that model against it.
    void modelBudgetIsSavedInTheStore()
    {
        auto* models = m_page->findChild<QComboBox*>(QStringLiteral("budgetModel"));
        QCOMPARE(models->count(), 3); // All models, flash, pro
        QCOMPARE(models->itemText(0), QStringLiteral("All models"));
        models->setCurrentText(Pro);
        QTRY_COMPARE_WITH_TIMEOUT(label("budgetWhere")->text(), QStringLiteral("saved in the store"), 20000);
        saveTyped(QStringLiteral("12.5"));
        QTRY_VERIFY_WITH_TIMEOUT(BudgetStore(m_store).budget(Pro).value().has_value(), 20000);
        QCOMPARE(BudgetStore(m_store).budget(Pro).value()->toString(), QStringLiteral("12.50000000"));
        QVERIFY(!BudgetStore(m_store).budget().value());
        QVERIFY(!BudgetSettings::budget(Pro));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("burnDownChart"));
        QTRY_COMPARE_WITH_TIMEOUT(chart->series().last().name, QStringLiteral("Budget"), 20000);
        QCOMPARE(chart->series().last().points.first().y(), 12.5);

        // all models have no budget; choosing the model again reads its stored amount
        models->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(label("budgetWhere")->text(), QStringLiteral("saved in the store"), 20000);
        QCOMPARE(m_page->findChild<QLineEdit*>(QStringLiteral("budgetEdit"))->text(), QString());
        models->setCurrentText(Pro);
        QTRY_COMPARE_WITH_TIMEOUT(m_page->findChild<QLineEdit*>(QStringLiteral("budgetEdit"))->text(),
            QStringLiteral("12.50000000"), 20000);
        saveTyped(QString()); // an empty amount clears it
        QTRY_VERIFY_WITH_TIMEOUT(!BudgetStore(m_store).budget(Pro).value().has_value(), 20000);
    }

    // A read-only store: the budget goes to this computer's settings, and the panel says so.
    void readOnlyStoreKeepsTheBudgetInSettings()
    {
        const auto reader = Store::open(m_db.url(), Store::OpenOptions {});
        QVERIFY(reader.ok());
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ reader.value(), { utc(1, 0), utc(8, 0), {}, {} } });
        QVERIFY(loaded.wait(20000));
        QCOMPARE(label("budgetWhere")->text(), QStringLiteral("saved in this computer's settings"));
        saveTyped(QStringLiteral("7"));
        QTRY_VERIFY_WITH_TIMEOUT(BudgetSettings::budget().has_value(), 20000);
        QCOMPARE(BudgetSettings::budget()->toString(), QStringLiteral("7.00000000"));
        QVERIFY(!BudgetStore(m_store).budget().value());
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("burnDownChart"));
        QTRY_COMPARE_WITH_TIMEOUT(chart->series().last().name, QStringLiteral("Budget"), 20000);
        BudgetSettings::setBudget(std::nullopt);
    }

private:
    bool load()
    {
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ m_store, { utc(1, 0), utc(8, 0), {}, {} } });
        if (!loaded.wait(20000))
            return false;
        return !m_page->isBusy();
    }
    void saveTyped(const QString& amount)
    {
        auto* edit = m_page->findChild<QLineEdit*>(QStringLiteral("budgetEdit"));
        edit->clear();
        QTest::keyClicks(edit, amount);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(label("budgetError")->text(), QString());
    }
    QLabel* label(const char* name) const { return m_page->findChild<QLabel*>(QLatin1String(name)); }

    QTemporaryDir m_settings;
    Test::TestDatabase m_db;
    StorePtr m_store;
    std::unique_ptr<CostPage> m_page;
};

QTEST_MAIN(TestCostPlanning)
#include "tst_costplanning.moc"
