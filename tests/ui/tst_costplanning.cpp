#include "charts/timechart.h"
#include "guitest.h"
#include "pages/costpage.h"
#include "pages/overviewpage.h"
#include "planning/budgetsettings.h"
#include "planning/costplanningtabs.h"
#include "planning/reconciliationmodel.h"
#include "planning/whatifpanel.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"
#include "widgets/kpicard.h"

#include <QComboBox>
#include <QLabel>
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
        BudgetSettings::setBudget(Money::fromUnits(1)); // $0.00000001: over at once if anything is spent
        QVERIFY(load());
        auto* summary = m_page->findChild<QLabel*>(QStringLiteral("burnDownSummary"));
        QVERIFY2(!summary->text().isEmpty(), "no burn-down summary");
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("burnDownChart"));
        QVERIFY(chart->series().size() >= 4); // actual, forecast, band, budget
        BudgetSettings::setBudget(std::nullopt);
    }

    void overviewCardSaysOnTrackOrOver()
    {
        BudgetSettings::setBudget(Money::fromUnits(1'000'000 * Money::UnitsPerDollar));
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
    QLabel* label(const char* name) const { return m_page->findChild<QLabel*>(QLatin1String(name)); }

    QTemporaryDir m_settings;
    Test::TestDatabase m_db;
    StorePtr m_store;
    std::unique_ptr<CostPage> m_page;
};

QTEST_MAIN(TestCostPlanning)
#include "tst_costplanning.moc"
