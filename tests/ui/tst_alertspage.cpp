// The Alerts page, the rule editor, the monitor's badge and the critical-alert banner, offscreen
// with real widgets on a real store (both dialects); and cost anomalies marked on the Cost chart.
#include "alerts/alertmonitor.h"
#include "alerts/alertnotifier.h"
#include "alerts/alertrulesfile.h"
#include "alerts/alertsetup.h"
#include "alerts/ruleeditordialog.h"
#include "charts/timechart.h"
#include "fixtures.h"
#include "guitest.h"
#include "mainwindow.h"
#include "pages/alertspage.h"
#include "pages/costpage.h"
#include "testdatabase.h"
#include "widgets/banner.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;
using namespace Qt::StringLiterals;

namespace {

const QString Pro = u"gemini-1.5-pro-latest"_s;

void add(const StorePtr& store, const QDateTime& t, const QString& model, double latency,
    const char* cost = "0.01")
{
    InteractionRecord r;
    r.userId = u"alice"_s;
    r.query = r.answer = u"x"_s;
    r.model = model;
    r.totalLatencyMs = latency;
    r.confidence = 0.9;
    r.promptTokens = 10;
    r.completionTokens = 10;
    r.cost = Money::parse(QString::fromLatin1(cost)).value();
    r.createdAt = t;
    recordInteraction(store, r);
}

/// The last hour: 25 slow answers of the pro model (p95 latency critical) and 25 fast ones of
/// flash; in the clock hour 6 hours before, 25 more slow ones: a resolved episode on the timeline.
void fill(const StorePtr& store, const QDateTime& now)
{
    // Within one clock hour, whatever the time of the test run.
    const QDateTime earlier
        = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() / 3600 * 3600 - 6 * 3600, Qt::UTC);
    for (int i = 0; i < 25; ++i) {
        add(store, now.addSecs(-3000 + 100 * i), Pro, 5000);
        add(store, now.addSecs(-3000 + 100 * i), u"gemini-1.5-flash-latest"_s, 400);
        add(store, earlier.addSecs(60 * i), Pro, 4500);
    }
}

bool waitLoaded(DashboardPage* page)
{
    QSignalSpy loaded(page, &DashboardPage::loaded);
    page->reload();
    return loaded.wait(30000);
}

QStringList column(const QTableWidget* t, int c)
{
    QStringList out;
    for (int r = 0; r < t->rowCount(); ++r)
        out << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return out;
}

} // namespace

class TestAlertsPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;

private slots:
    void initTestCase() { useSettingsIn(m_settings, u"tst_alertspage"_s); }

    void showsStatesEpisodesAndOpensReview()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        fill(store, now);
        AlertsPage page;
        page.resize(1300, 800);
        page.show();
        page.setRules(AlertRule::defaults(), {});
        page.setContext({ store, Filter { now.addDays(-1), now.addSecs(60), std::nullopt, std::nullopt } });
        QVERIFY(waitLoaded(&page));

        const QStringList states = column(page.stateTable(), 0);
        const QStringList rules = column(page.stateTable(), 1);
        QCOMPARE(states.first(), u"CRITICAL"_s); // firing first
        QCOMPARE(rules.first(), u"p95 latency (gemini-1.5-pro-latest)"_s);
        QVERIFY(page.stateTable()->item(0, 2)->text().endsWith(u" ms"_s));
        QCOMPARE(page.stateTable()->item(0, 3)->text(), u"≥ 4000 ms"_s);
        QVERIFY(rules.contains(u"p95 latency (gemini-1.5-flash-latest)"_s));
        QCOMPARE(states.count(u"CRITICAL"_s), 1);

        // The earlier slow hour is a resolved episode; the last hour's one is ongoing.
        QCOMPARE(page.episodes().size(), 2);
        QCOMPARE(column(page.episodeTable(), 1),
            (QStringList {
                u"p95 latency (gemini-1.5-pro-latest)"_s, u"p95 latency (gemini-1.5-pro-latest)"_s }));
        QVERIFY(page.episodes()[1].ongoing);
        QCOMPARE(page.episodeTable()->item(1, 3)->text(), u"ongoing"_s);

        QSignalSpy drill(&page, &DashboardPage::drillDown);
        page.openEpisode(0);
        QCOMPARE(drill.size(), 1);
        const auto query = drill.first().first().value<ReviewQueueQuery>();
        QCOMPARE(query.filter.model, Pro);
        QCOMPARE(query.filter.from, page.episodes()[0].start.addSecs(-3600));
        QCOMPARE(query.sort, ReviewQueueQuery::SortKey::Latency);

        const QImage shot = renderSettled(&page);
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(screenshotPath(m_settings, u"alertspage"_s)));
    }

    void badgeAndBannerWhenARuleTurnsCritical()
    {
        TestDatabase db;
        fill(db.open(), QDateTime::currentDateTimeUtc());
        QSettings().setValue(u"alerts/rulesFile"_s, m_settings.filePath(u"missing-rules.json"_s));
        MainWindow window;
        auto* page = new AlertsPage;
        window.addPage(page);
        auto* setup = new AlertSetup(&window, page);
        window.resize(1200, 800);
        window.show();
        QCOMPARE(page->rules(), AlertRule::defaults()); // no file yet: the built-in rules

        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable()); // offscreen: no tray, so the banner
        QVERIFY(!setup->notifier()->usesTray());
        QSignalSpy evaluated(setup->monitor(), &AlertMonitor::evaluated);
        QSignalSpy critical(setup->monitor(), &AlertMonitor::turnedCritical);
        window.openUrl(db.url());
        QTRY_VERIFY_WITH_TIMEOUT(!evaluated.isEmpty() && !setup->monitor()->results().isEmpty(), 30000);
        QCOMPARE(critical.size(), 1);
        QVERIFY(window.banner()->isVisible());
        QVERIFY2(window.banner()->message().contains(u"CRITICAL: p95 latency (gemini-1.5-pro-latest)"_s),
            qPrintable(window.banner()->message()));
        QListWidgetItem* entry = nullptr; // the page list's entry of the Alerts page
        for (const QListWidget* list : window.findChildren<QListWidget*>())
            for (QListWidgetItem* item : list->findItems(u"Alerts"_s, Qt::MatchStartsWith))
                entry = item;
        QVERIFY(entry);
        QCOMPARE(entry->text(), u"Alerts (1)"_s);

        // Still critical at the next evaluation: announced once, not again.
        window.banner()->hide();
        evaluated.clear();
        setup->monitor()->evaluateNow();
        QVERIFY(evaluated.wait(30000));
        QCOMPARE(critical.size(), 1);
        QVERIFY(!window.banner()->isVisible());

        // Rules that do not fire: the badge goes.
        AlertRule calm = AlertRule::defaults().constLast();
        calm.warn = 100000;
        calm.critical = 200000;
        setup->monitor()->setRules({ calm });
        QTRY_COMPARE_WITH_TIMEOUT(entry->text(), u"Alerts"_s, 30000);
    }

    void editorValidatesTestsAndWritesTheRulesFile()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        fill(store, now);
        const QString path = m_settings.filePath(u"editor-rules.json"_s);
        RuleEditorDialog dialog(AlertRule::defaults(), path, store,
            Filter { now.addDays(-1), now.addSecs(60), std::nullopt, std::nullopt });
        dialog.selectRule(3); // p95 latency
        QCOMPARE(dialog.nameEdit()->text(), u"p95 latency"_s);

        dialog.windowEdit()->setText(u"90m"_s);
        QVERIFY(!dialog.save());
        QVERIFY(dialog.problemText().contains(u"whole hours"_s));
        QVERIFY(!QFile::exists(path));
        dialog.windowEdit()->setText(u"1h"_s);
        dialog.warnEdit()->setText(u"5000"_s);
        dialog.criticalEdit()->setText(u"3000"_s);
        QVERIFY(!dialog.save());
        QVERIFY2(dialog.problemText().contains(u"warn must not be above critical"_s),
            qPrintable(dialog.problemText()));

        dialog.warnEdit()->setText(u"1000"_s);
        QSignalSpy tested(&dialog, &RuleEditorDialog::tested);
        dialog.testRule();
        QVERIFY(tested.wait(30000));
        QVERIFY2(dialog.testResult().contains(u"CRITICAL: p95 latency (gemini-1.5-pro-latest)"_s),
            qPrintable(dialog.testResult()));

        dialog.addRule();
        dialog.nameEdit()->setText(u"daily cap"_s);
        dialog.kindBox()->setCurrentIndex(4); // cost_total
        dialog.windowEdit()->setText(u"1d"_s);
        dialog.warnEdit()->setText(u"12.5"_s);
        dialog.criticalEdit()->clear();
        QVERIFY2(dialog.save(), qPrintable(dialog.problemText()));
        const auto saved = AlertRulesFile::load(path);
        QVERIFY(saved.ok());
        QCOMPARE(saved.value().size(), 5);
        QCOMPARE(saved.value()[3].warn, 1000.0);
        QCOMPARE(saved.value()[4].name, u"daily cap"_s);
        QCOMPARE(saved.value()[4].kind, AlertRule::Kind::CostTotal);
        QCOMPARE(saved.value()[4].warnCost, Money::parse(u"12.5"_s).value());
        QCOMPARE(saved.value(), dialog.rules());
    }

    void costChartMarksAnomaliesWithTheExpectedRange()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        // Five weeks, one request an hour at 2 cents; one hour with 15 requests.
        const QDateTime start = QDateTime::fromString(u"2026-02-01T00:00:00Z"_s, Qt::ISODate).toUTC();
        for (int h = 0; h < 5 * 168; ++h)
            add(store, start.addSecs(h * 3600 + 60), Pro, 100, "0.02");
        const QDateTime spike = start.addSecs((4 * 168 + 40) * 3600);
        for (int i = 0; i < 14; ++i)
            add(store, spike.addSecs(120 + i), Pro, 100, "0.02");
        CostPage page;
        page.resize(1300, 800);
        page.show();
        page.setContext(
            { store, Filter { start.addDays(28), start.addDays(35), std::nullopt, std::nullopt } });
        QVERIFY(waitLoaded(&page));
        const auto* chart = page.findChild<TimeChart*>(u"dailyCostChart"_s);
        QVERIFY(chart);
        QCOMPARE(chart->marks().size(), 1);
        const TimeChart::Mark& mark = chart->marks().first();
        QCOMPARE(qint64(mark.point.x()), spike.date().startOfDay(Qt::UTC).toMSecsSinceEpoch());
        QVERIFY(std::abs(mark.point.y() - 0.76) < 1e-9); // the day's total (38 requests): top of the stack
        QVERIFY2(mark.tooltip.contains(u"cost 2026-03-02 16:00 UTC: $0.3000, expected $0.0000 – $0.1800"_s),
            qPrintable(mark.tooltip));
        QVERIFY(renderSettled(&page).save(screenshotPath(m_settings, u"costanomaly"_s)));
    }
};

QTEST_MAIN(TestAlertsPage)
#include "tst_alertspage.moc"
