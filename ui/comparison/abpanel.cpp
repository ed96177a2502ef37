#include "abpanel.h"

#include "charts/timechart.h"
#include "models/abweeksmodel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QTableView>

namespace RagScope {

namespace {

using namespace ComparisonStats;

QString pText(const std::optional<double>& p)
{
    if (!p)
        return AbPanel::tr("no test (no variation)");
    return p < 0.001 ? AbPanel::tr("p < 0.001") : AbPanel::tr("p = %1").arg(QLocale().toString(*p, 'f', 3));
}

} // namespace

AbPanel::AbPanel(QWidget* parent)
    : QWidget(parent)
    , m_a(new QComboBox)
    , m_b(new QComboBox)
    , m_summary(new QLabel)
    , m_chart(new TimeChart(TimeChart::Mode::Lines, tr("Mean rating per week"), ChartStyle::ValueKind::Count))
    , m_weeks(new AbWeeksModel(this))
    , m_table(new QTableView)
{
    m_a->setObjectName(QStringLiteral("modelA"));
    m_b->setObjectName(QStringLiteral("modelB"));
    m_a->setAccessibleName(tr("Model A"));
    m_b->setAccessibleName(tr("Model B"));
    m_a->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_b->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_summary->setObjectName(QStringLiteral("abSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chart->setObjectName(QStringLiteral("abChart"));
    connect(m_chart, &TimeChart::bucketClicked, this, [this](const TimeChart::Hit& hit) {
        if (hit.series == 0 || hit.series == 1)
            emit weekClicked(hit.start.date(), hit.series == 0 ? modelA() : modelB());
    });
    m_table->setObjectName(QStringLiteral("abWeeks"));
    m_table->setModel(m_weeks);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("A/B tests per week"));

    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("A:")));
    pick->addWidget(m_a);
    pick->addWidget(new QLabel(tr("B:")));
    pick->addWidget(m_b);
    pick->addStretch();
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addLayout(pick, 0, 0, 1, 2);
    grid->addWidget(m_summary, 1, 0, 1, 2);
    grid->addWidget(m_chart, 2, 0);
    grid->addWidget(m_table, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 2);
    grid->setRowStretch(2, 1);

    for (QComboBox* box : { m_a, m_b }) {
        connect(box, &QComboBox::activated, this, [this] { emit modelsChosen(modelA(), modelB()); });
    }
    clear();
}

void AbPanel::setModels(const QStringList& names, const QString& a, const QString& b)
{
    for (auto [box, chosen] : { std::pair { m_a, a }, std::pair { m_b, b } }) {
        const QSignalBlocker block(box);
        box->clear();
        box->addItems(names);
        box->setCurrentIndex(int(names.indexOf(chosen)));
    }
}

QString AbPanel::modelA() const
{
    return m_a->currentText();
}

QString AbPanel::modelB() const
{
    return m_b->currentText();
}

void AbPanel::clear()
{
    m_weeks->setData({});
    m_chart->setSeries({}, TimeBucket::Day);
    m_summary->setText(tr("Pick two models that have interactions in this window."));
}

void AbPanel::setComparison(const AbComparison& comparison)
{
    m_weeks->setData(comparison);
    TimeChart::Series a { tr("A: %1").arg(comparison.a), {} };
    TimeChart::Series b { tr("B: %1").arg(comparison.b), {} };
    for (const AbWeek& w : comparison.weeks) {
        const qreal x = ChartStyle::axisPosition(QDateTime(w.monday, QTime(0, 0), Qt::UTC));
        if (const auto m = ratingMean(w.tests.a))
            a.points.append(QPointF(x, m->mean));
        if (const auto m = ratingMean(w.tests.b))
            b.points.append(QPointF(x, m->mean));
    }
    m_chart->setSeries(
        comparison.weeks.isEmpty() ? QList<TimeChart::Series>() : QList<TimeChart::Series> { a, b },
        TimeBucket::Day);
    showSummary(comparison);
}

void AbPanel::showSummary(const AbComparison& c)
{
    const QLocale locale;
    const AbTests& t = c.window;
    if (!t.enoughData) {
        m_summary->setText(tr("Not enough data: %1 and %2 ratings in this window; the tests need at least %3 "
                              "ratings of each model.")
                               .arg(total(t.a))
                               .arg(total(t.b))
                               .arg(MinSamplePerModel));
        return;
    }
    QStringList lines;
    if (t.meanRating)
        lines << tr("Mean rating A − B: %1 (95% CI %2 to %3), Welch's t %4; Mann-Whitney U %5")
                     .arg(locale.toString(t.meanRating->estimate, 'f', 3),
                         locale.toString(t.meanRating->ci95.lo, 'f', 3),
                         locale.toString(t.meanRating->ci95.hi, 'f', 3), pText(t.meanRating->pValue),
                         t.ratings ? pText(t.ratings->pValue) : tr("—"));
    if (t.lowRatedRate)
        lines << tr("Low-rated share A − B: %1 points (95% CI %2 to %3), two-proportion z-test %4")
                     .arg(locale.toString(t.lowRatedRate->estimate * 100, 'f', 1),
                         locale.toString(t.lowRatedRate->ci95.lo * 100, 'f', 1),
                         locale.toString(t.lowRatedRate->ci95.hi * 100, 'f', 1),
                         pText(t.lowRatedRate->pValue));
    const auto perRequest = [](const ModelFigures& m) {
        return m.costPerRequest() ? QStringLiteral("$") + m.costPerRequest()->toString() : tr("—");
    };
    lines << tr("Cost per request: A %1, B %2. Ratings: A %3, B %4.")
                 .arg(perRequest(c.figuresA), perRequest(c.figuresB))
                 .arg(total(t.a))
                 .arg(total(t.b));
    m_summary->setText(lines.join(QLatin1Char('\n')));
}

} // namespace RagScope
