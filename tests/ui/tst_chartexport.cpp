#include "charts/chartgroup.h"
#include "charts/chartimage.h"
#include "charts/exportpanels.h"
#include "charts/timechart.h"
#include "guitest.h"
#include "pages/dashboardpage.h"
#include "widgets/panel.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QXmlStreamReader>
#include <QtTest>

using namespace RagScope;

namespace {

QDateTime utcDay(int d)
{
    return QDateTime(QDate(2026, 11, d), QTime(0, 0), QTimeZone::utc());
}

qreal day(int d)
{
    return ChartStyle::axisPosition(utcDay(d));
}

// A page that shows one chart panel, with a filter as the filter bar would hand it over.
class ChartPage : public DashboardPage
{
public:
    ChartPage()
    {
        chart
            = new TimeChart(TimeChart::Mode::Lines, QStringLiteral("Requests"), ChartStyle::ValueKind::Count);
        chart->setSeries(
            { { QStringLiteral("Requests"), { { day(2), 10 }, { day(3), 30 }, { day(4), 20 } } } },
            TimeBucket::Day);
        panel = ExportPanels::chartPanel(
            QStringLiteral("Requests per day"), chart, QStringLiteral("r.png"), this);
        (new QVBoxLayout(this))->addWidget(panel);
        setContext({ nullptr,
            { utcDay(2), utcDay(5), QStringLiteral("alice"), QStringLiteral("gemini-1.5-flash-001") } });
    }
    QString title() const override { return QStringLiteral("Chart"); }
    void reload() override { }
    bool isBusy() const override { return false; }
    void applyContext(bool) override { }

    QAction* action(const QString& name) const { return panel->findChild<QAction*>(name); }
    ChartImage image() const { return ChartImage(chart, panel->title(), context().filter); }

    TimeChart* chart;
    Panel* panel;
};

// Names the file in a save dialog (typed, as selectFile() can lose to the dialog's first fill).
void chooseFile(QFileDialog* dialog, const QString& path)
{
    dialog->selectFile(path);
    if (auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")))
        name->setText(path);
}

// Every piece of character data in an SVG file; empty if it does not parse.
QString svgText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QString text;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters)
            text += xml.text() + QLatin1Char('\n');
    }
    return xml.hasError() ? QString() : text;
}

} // namespace

/// Chart images (header with title, window and filters; PNG at 1× or 2×, SVG, clipboard) and
/// ChartGroup's aligned time axes.
class TestChartExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Test::useSettingsIn(m_dir, QStringLiteral("tst_chartexport"));
        m_page.resize(640, 420);
        m_page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&m_page));
        Test::renderSettled(&m_page);
    }

    void headerNamesTitleWindowAndFiltersInTheUsersLocale()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const ChartImage image = m_page.image();
        QLocale::setDefault(QLocale::c());
        QCOMPARE(image.title(), QStringLiteral("Requests per day"));
        QVERIFY2(image.windowText().contains(QStringLiteral("02.11.26")), qPrintable(image.windowText()));
        QVERIFY(image.windowText().contains(QStringLiteral("05.11.26")));
        QVERIFY(image.filtersText().contains(QStringLiteral("alice")));
        QVERIFY(image.filtersText().contains(QStringLiteral("gemini-1.5-flash-001")));
        const ChartImage unfiltered(m_page.chart, QStringLiteral("t"), Filter {});
        QVERIFY(unfiltered.windowText().isEmpty());
        QCOMPARE(unfiltered.filtersText(), QStringLiteral("All users, all models"));
    }

    void saveImageAsksResolutionAndWritesPngAtTwiceTheSize()
    {
        const QString one = m_dir.filePath(QStringLiteral("one.png"));
        const QString two = m_dir.filePath(QStringLiteral("two.png"));
        for (const auto& [path, index] : { qMakePair(one, 0), qMakePair(two, 1) }) {
            Test::acceptNextFileDialog([path = path, index = index](QFileDialog* dialog) {
                auto* scale = dialog->findChild<QComboBox*>(QStringLiteral("imageScale"));
                QVERIFY(scale);
                scale->setCurrentIndex(index);
                chooseFile(dialog, path);
            });
            m_page.action(QStringLiteral("saveChartImage"))->trigger();
        }
        const QImage small(one);
        const QImage large(two);
        QVERIFY(!small.isNull());
        QVERIFY(!large.isNull());
        // the chart plus a header above it, then exactly twice as many pixels each way
        QCOMPARE(small.width(), m_page.chart->width());
        QVERIFY(small.height() > m_page.chart->height());
        QCOMPARE(large.size(), small.size() * 2);
    }

    void savedSvgParsesAndCarriesTitleWindowAndFilters()
    {
        const QString path = m_dir.filePath(QStringLiteral("chart.svg"));
        Test::acceptNextFileDialog([path](QFileDialog* dialog) { chooseFile(dialog, path); });
        m_page.action(QStringLiteral("saveChartImage"))->trigger();
        const QString text = svgText(path);
        QVERIFY2(!text.isEmpty(), "the SVG is missing or does not parse");
        const ChartImage image = m_page.image();
        QVERIFY(text.contains(image.title()));
        QVERIFY(text.contains(image.windowText()));
        QVERIFY(text.contains(image.filtersText()));
        QVERIFY(text.contains(QStringLiteral("Requests"))); // the axis title: the chart itself is in it
    }

    void copyPutsA2xImageOnTheClipboard()
    {
        QGuiApplication::clipboard()->clear();
        m_page.action(QStringLiteral("copyChartImage"))->trigger();
        const QImage copied = QGuiApplication::clipboard()->image();
        QVERIFY(!copied.isNull());
        QCOMPARE(copied.size(), m_page.image().render(1).size() * 2);
    }

    void chartContextMenuOffersSaveAndCopy()
    {
        QCOMPARE(m_page.chart->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY(m_page.chart->actions().contains(m_page.action(QStringLiteral("saveChartImage"))));
        QVERIFY(m_page.chart->actions().contains(m_page.action(QStringLiteral("copyChartImage"))));
    }

    void groupAlignsPlotLeftEdgesAndTimeRanges()
    {
        QWidget page;
        auto* layout = new QVBoxLayout(&page);
        auto* small
            = new TimeChart(TimeChart::Mode::Lines, QStringLiteral("n"), ChartStyle::ValueKind::Count);
        auto* large = new TimeChart(TimeChart::Mode::Lines, QStringLiteral("Average latency (ms)"),
            ChartStyle::ValueKind::Milliseconds);
        layout->addWidget(small);
        layout->addWidget(large);
        page.resize(700, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        // tiny labels vs. wide ones, and data on fewer days in one chart
        small->setSeries({ { QStringLiteral("a"), { { day(3), 1 }, { day(4), 2 } } } }, TimeBucket::Day);
        large->setSeries(
            { { QStringLiteral("b"), { { day(1), 12'345'678 }, { day(6), 9'000'000 } } } }, TimeBucket::Day);
        Test::renderSettled(&page);
        // without a group the plot areas start at different x (else this test proves nothing)
        QVERIFY(large->chart()->plotArea().left() - small->chart()->plotArea().left() > 10);
        QVERIFY(small->timeAxis()->min() != large->timeAxis()->min());

        ChartGroup group;
        group.add(small);
        group.add(large);
        Test::renderSettled(&page);
        QVERIFY(qAbs(large->chart()->plotArea().left() - small->chart()->plotArea().left()) < 1);
        QCOMPARE(small->timeAxis()->min(), large->timeAxis()->min());
        QCOMPARE(small->timeAxis()->max(), large->timeAxis()->max());

        // new data that narrows the labels: no chart keeps padding it no longer needs
        large->setSeries({ { QStringLiteral("b"), { { day(3), 1 }, { day(4), 2 } } } }, TimeBucket::Day);
        Test::renderSettled(&page);
        QVERIFY(qAbs(large->chart()->plotArea().left() - small->chart()->plotArea().left()) < 1);
        QCOMPARE(std::min(small->chart()->margins().left(), large->chart()->margins().left()), 4);
    }

    void windowSetsTheTimeRangeWhateverTheData()
    {
        TimeChart chart(TimeChart::Mode::Lines, QStringLiteral("n"), ChartStyle::ValueKind::Count);
        chart.resize(600, 300);
        chart.setSeries({ { QStringLiteral("a"), { { day(3), 1 }, { day(4), 2 } } } }, TimeBucket::Day,
            { utcDay(1).addSecs(3600), utcDay(8) });
        QCOMPARE(chart.timeAxis()->min(), QDateTime::fromMSecsSinceEpoch(qint64(day(1))));
        QVERIFY(chart.timeAxis()->max() >= QDateTime::fromMSecsSinceEpoch(qint64(day(7))));
    }

private:
    QTemporaryDir m_dir;
    ChartPage m_page;
};

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
