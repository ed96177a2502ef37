#include "charts/timechart.h"
#include "guitest.h"
#include "metrics/metricscollector.h"
#include "pages/costpage.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"
#include "widgets/panel.h"

#include <QAction>
#include <QAreaSeries>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace RagScope;

namespace {

QDateTime utc(int day, int hour)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), QTimeZone::utc());
}

const QString Pro = QStringLiteral("gemini-1.5-pro-002");
const QString Flash = QStringLiteral("gemini-1.5-flash-001");
const QString Mystery = QStringLiteral("mystery-model");

// Window [Nov 1, Nov 8): 7 days. Nov 2: pro 2 × $0.25, flash $0.10; Nov 4: flash $0.05 and one
// request of a model without a price. One pro request after the window.
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
    r.totalLatencyMs = 100;
    if (cost)
        r.cost = Money::parse(*cost).value();
    r.createdAt = at;
    return r;
}

Filter window(std::optional<QString> model = {})
{
    return { utc(1, 0), utc(8, 0), {}, model };
}

/// y values per day (Nov 1…7) of the series called `name`, as the page handed them to the chart.
QList<qreal> valuesOf(const TimeChart* chart, const QString& name)
{
    for (const TimeChart::Series& s : chart->series()) {
        if (s.name == name) {
            QList<qreal> ys;
            for (const QPointF& p : s.points)
                ys << p.y();
            return ys;
        }
    }
    return {};
}

} // namespace

/// CostPage against a real store: daily cost per model, tokens, projection, tables, warnings.
class TestCostPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        const auto ids = InteractionRecorder(m_store).recordBatch({
            record(Pro, utc(2, 9), 1000, 200, QStringLiteral("0.25")),
            record(Pro, utc(2, 15), 1000, 200, QStringLiteral("0.25")),
            record(Flash, utc(2, 10), 2000, 100, QStringLiteral("0.10")),
            record(Flash, utc(4, 10), 500, 50, QStringLiteral("0.05")),
            record(Mystery, utc(4, 11), 300, 30, std::nullopt),
            record(Pro, utc(9, 1), 1000, 200, QStringLiteral("9")),
        });
        QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
    }

    void init()
    {
        m_page = std::make_unique<CostPage>();
        m_page->resize(1400, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup() { m_page.reset(); }

    void showsStackedDailyCostPerModelWithZeroDays()
    {
        QVERIFY(load(window()));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        // The unpriced model has no cost to stack: it is left to the warning.
        QCOMPARE(chart->series().size(), 2);
        QCOMPARE(valuesOf(chart, Flash), (QList<qreal> { 0, 0.10, 0, 0.05, 0, 0, 0 }));
        QCOMPARE(valuesOf(chart, Pro), (QList<qreal> { 0, 0.50, 0, 0, 0, 0, 0 }));
        // Pro is stacked on flash (models in name order).
        const auto areas = chart->chart()->series();
        auto* pro = qobject_cast<QAreaSeries*>(areas.at(1));
        QCOMPARE(pro->name(), Pro);
        QCOMPARE(pro->upperSeries()->at(1).y(), 0.60);
        QCOMPARE(pro->lowerSeries()->at(1).y(), 0.10);
        QVERIFY(!chart->chart()->axes().isEmpty());
        for (QAbstractAxis* axis : chart->chart()->axes())
            QVERIFY(!axis->titleText().isEmpty());
    }

    void showsPromptAndCompletionTokensPerDay()
    {
        QVERIFY(load(window()));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("tokensChart"));
        QCOMPARE(chart->series().size(), 2);
        QCOMPARE(valuesOf(chart, CostPage::tr("Prompt tokens")), (QList<qreal> { 0, 4000, 0, 800, 0, 0, 0 }));
        QCOMPARE(
            valuesOf(chart, CostPage::tr("Completion tokens")), (QList<qreal> { 0, 500, 0, 80, 0, 0, 0 }));
    }

    void projectsFromTheWindowTotalExactly()
    {
        QVERIFY(load(window()));
        // $0.65 over 7 days: 0.092857142857… → 0.09285714; 0.65 × 30 / 7 = 2.785714285… and
        // 0.65 × 365 / 7 = 33.892857142… each rounded once (not the rounded daily × 30 or × 365).
        QCOMPARE(label("totalCost")->toolTip(), QStringLiteral("0.65000000 USD"));
        QCOMPARE(label("dailyAverage")->toolTip(), QStringLiteral("0.09285714 USD"));
        QCOMPARE(label("monthlyCost")->toolTip(), QStringLiteral("2.78571429 USD"));
        QCOMPARE(label("annualCost")->toolTip(), QStringLiteral("33.89285714 USD"));
        QCOMPARE(label("dailyAverage")->text(), QStringLiteral("$0.09 (+1 no price)"));
        QVERIFY(load(window(Flash)));
        QCOMPARE(label("dailyAverage")->text(), QStringLiteral("$0.02"));
    }

    void unpricedRequestsReadNoPrice()
    {
        QVERIFY(load(window(Mystery)));
        for (const char* name : { "totalCost", "dailyAverage", "monthlyCost", "annualCost" })
            QCOMPARE(label(name)->text(), QStringLiteral("no price")); // not $0.00
    }

    void warnsAboutRequestsOfUnpricedModels()
    {
        QVERIFY(load(window()));
        QLabel* warning = label("unpricedWarning");
        QVERIFY(warning->isVisible());
        QVERIFY2(
            warning->text().contains(QStringLiteral("cost in this window: 1.")), qPrintable(warning->text()));
        QVERIFY(load(window(Pro)));
        QVERIFY(!warning->isVisible());
    }

    void listsDailyCostRowsExactly()
    {
        QVERIFY(load(window()));
        auto* table = tableIn(QStringLiteral("dailyCostTable"));
        const QAbstractItemModel* model = table->model();
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("2026-11-02"));
        QCOMPARE(model->index(1, 1).data().toString(), Pro);
        QCOMPARE(model->index(1, 2).data().toLongLong(), 2);
        QCOMPARE(model->index(1, 5).data().toString(), QStringLiteral("0.50000000"));
        QCOMPARE(model->index(3, 1).data().toString(), Mystery);
        QCOMPARE(model->index(3, 5).data().toString(),
            QStringLiteral("no price")); // not $0: the model has no price
    }

    void dailyCostCsvHoldsRawValues()
    {
        QVERIFY(load(window()));
        QTemporaryDir dir;
        Test::useSettingsIn(dir, QStringLiteral("RagScopeTests"));
        QSettings().setValue(QStringLiteral("export/lastDir"), dir.path());
        auto* panel = m_page->findChild<Panel*>(QStringLiteral("dailyCostTable"));
        QAction* exportCsv = nullptr;
        for (QAction* action : panel->findChildren<QAction*>())
            exportCsv = action->text() == Panel::tr("Export CSV…") ? action : exportCsv;
        QVERIFY(exportCsv);
        Test::acceptNextFileDialog();
        exportCsv->trigger();
        QFile file(dir.filePath(QStringLiteral("daily-cost.csv")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
            QStringLiteral(
                "day,model_name,requests,prompt_tokens,completion_tokens,cost_usd,unpriced_requests\r\n"
                "2026-11-02,gemini-1.5-flash-001,1,2000,100,0.10000000,0\r\n"
                "2026-11-02,gemini-1.5-pro-002,2,2000,400,0.50000000,0\r\n"
                "2026-11-04,gemini-1.5-flash-001,1,500,50,0.05000000,0\r\n"
                "2026-11-04,mystery-model,1,300,30,0.00000000,1\r\n"));
    }

    void showsThePriceTableInUse()
    {
        auto* model = tableIn(QStringLiteral("pricingTable"))->model();
        QCOMPARE(model->rowCount(), PriceTable::builtIn().rows().size());
        const auto custom = PriceTable::fromJson(
            R"({"models":[{"prefix":"acme","input":"1.5","output":"2"}]})", QStringLiteral("mine.json"));
        QVERIFY(custom.ok());
        m_page->setPriceTable(custom.value());
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("acme"));
        QCOMPARE(model->index(0, 3).data().toString(), QStringLiteral("mine.json"));
    }

    void modelFilterLeavesOneSeries()
    {
        QVERIFY(load(window()));
        QVERIFY(load(window(Flash)));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        QCOMPARE(chart->series().size(), 1);
        QCOMPARE(chart->chart()->series().size(), 1);
        QCOMPARE(chart->series().first().name, Flash);
    }

    void emptyWindowSaysSo()
    {
        QVERIFY(load({ utc(20, 0), utc(27, 0), {}, {} }));
        const auto panels = m_page->findChildren<Panel*>();
        int empty = 0;
        for (Panel* panel : panels)
            empty += panel->message() == CostPage::tr("No interactions in this window");
        QCOMPARE(empty, 5); // cost chart, tokens, daily table, projection, reconciliation
    }

    void crosshairShowsExactAmountsOfTheDay()
    {
        QVERIFY(load(window()));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        auto* pro = qobject_cast<QAreaSeries*>(chart->chart()->series().at(1));
        chart->showCrosshairAt(pro->upperSeries()->at(1).x() + 1000.0); // the mouse just right of day 2
        const QString text = chart->crosshair().readout();
        QVERIFY2(text.contains(QStringLiteral("2026-11-02")), qPrintable(text));
        QVERIFY2(text.contains(Pro + QStringLiteral(": $0.50 (requests: 2)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("All models: $0.60")), qPrintable(text));
    }

    void failedLoadKeepsDataAndReportsError()
    {
        Test::TestDatabase db;
        const StorePtr store = db.open();
        QVERIFY(InteractionRecorder(store).record(record(Pro, utc(3, 8), 10, 10, QStringLiteral("1"))).ok());
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        QSignalSpy errors(m_page.get(), &DashboardPage::storeError);
        m_page->setContext({ store, window() });
        QVERIFY(loaded.wait(20000));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        QCOMPARE(valuesOf(chart, Pro), (QList<qreal> { 0, 0, 1, 0, 0, 0, 0 }));

        db.execScript(QStringLiteral("ALTER TABLE chat_interactions RENAME TO chat_interactions_gone"));
        m_page->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(valuesOf(chart, Pro), (QList<qreal> { 0, 0, 1, 0, 0, 0, 0 }));
        QCOMPARE(label("totalCost")->toolTip(), QStringLiteral("1.00000000 USD"));
    }

    void rendersReadablyInLightAndDarkPalettes()
    {
        QVERIFY(load(window()));
        QTemporaryDir scratch;
        const QImage light = Test::renderSettled(m_page.get());
        QVERIFY(light.save(Test::screenshotPath(scratch, QStringLiteral("costpage"))));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
        m_page->setPalette(dark);
        const QImage darkImage = Test::renderSettled(m_page.get());
        QVERIFY(darkImage.save(Test::screenshotPath(scratch, QStringLiteral("costpage-dark"))));
        auto* chart = m_page->findChild<TimeChart*>(QStringLiteral("dailyCostChart"));
        QCOMPARE(chart->chart()->backgroundBrush().color(), QColor(0x1e, 0x1e, 0x1e));
        QVERIFY(chart->chart()->axes().first()->labelsBrush().color().lightness() > 200);
    }

private:
    bool load(const Filter& filter)
    {
        QSignalSpy loaded(m_page.get(), &DashboardPage::loaded);
        m_page->setContext({ m_store, filter });
        return loaded.wait(20000) && !m_page->isBusy();
    }

    QLabel* label(const char* name) const { return m_page->findChild<QLabel*>(QLatin1String(name)); }
    QTableView* tableIn(const QString& panelName) const
    {
        return m_page->findChild<Panel*>(panelName)->findChild<QTableView*>();
    }

    Test::TestDatabase m_db;
    StorePtr m_store;
    std::unique_ptr<CostPage> m_page;
};

QTEST_MAIN(TestCostPage)
#include "tst_costpage.moc"
