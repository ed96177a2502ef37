#include "dailycostcharts.h"

#include "models/dailycostmodel.h"
#include "money/costdisplay.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QMap>

// The texts keep the Cost page's translation context (QCoreApplication::translate, which lupdate reads).
namespace RagScope::DailyCostCharts {

namespace {

/// Every UTC day the window touches.
QList<QDate> windowDays(const Filter& filter)
{
    QList<QDate> days;
    const QDate last = filter.to.toUTC().addMSecs(-1).date();
    for (QDate d = filter.from.toUTC().date(); d.isValid() && d <= last; d = d.addDays(1))
        days.append(d);
    return days;
}

QString dayOf(qreal x)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(x), Qt::LocalTime).date().toString(Qt::ISODate);
}

} // namespace

qreal dayPosition(const QDate& day)
{
    return ChartStyle::axisPosition(QDateTime(day, QTime(0, 0), Qt::UTC));
}

Series build(const QList<DailyCost>& rows, const Filter& filter)
{
    QHash<QString, qsizetype> dayIndex;
    QList<QPointF> zeros;
    for (const QDate& day : windowDays(filter)) {
        dayIndex.insert(day.toString(Qt::ISODate), zeros.size());
        zeros.append(QPointF(dayPosition(day), 0.0));
    }
    QMap<QString, QList<QPointF>> perModel; // sorted by model name: stable stacking order
    Series s { {}, zeros, zeros };
    for (const DailyCost& row : rows) {
        const qsizetype i = dayIndex.value(row.day, -1);
        if (i < 0)
            continue;
        auto it = perModel.find(DailyCostModel::modelLabel(row));
        if (it == perModel.end())
            it = perModel.insert(DailyCostModel::modelLabel(row), zeros);
        // Only the plotted height is a double; every displayed amount stays exact Money.
        (*it)[i].ry() += double(row.cost.units()) / double(Money::UnitsPerDollar);
        s.prompt[i].ry() += double(row.promptTokens);
        s.completion[i].ry() += double(row.completionTokens);
    }
    for (auto it = perModel.cbegin(); it != perModel.cend(); ++it) {
        if (std::any_of(it->cbegin(), it->cend(), [](const QPointF& p) { return p.y() > 0; }))
            s.cost.append({ it.key(), it.value() });
    }
    return s;
}

QString costReadout(const QList<DailyCost>& rows, qreal x)
{
    const QString day = dayOf(x);
    QStringList lines { day };
    Money total;
    qint64 requests = 0;
    qint64 unpriced = 0;
    for (const DailyCost& row : rows) {
        if (row.day != day)
            continue;
        total += row.cost;
        requests += row.requests;
        unpriced += row.unpricedRequests;
        lines << QCoreApplication::translate("RagScope::CostPage", "%1: %2 (requests: %3)")
                     .arg(DailyCostModel::modelLabel(row),
                         CostDisplay::sum(row.cost, row.requests, row.unpricedRequests),
                         QLocale().toString(row.requests));
    }
    lines << QCoreApplication::translate("RagScope::CostPage", "All models: %1")
                 .arg(CostDisplay::sum(total, requests, unpriced));
    return lines.join(QLatin1Char('\n'));
}

QString tokensReadout(const QList<DailyCost>& rows, qreal x)
{
    const QString day = dayOf(x);
    qint64 prompt = 0;
    qint64 completion = 0;
    for (const DailyCost& row : rows) {
        if (row.day == day) {
            prompt += row.promptTokens;
            completion += row.completionTokens;
        }
    }
    const QLocale locale;
    return QCoreApplication::translate("RagScope::CostPage", "%1\nPrompt: %2 tokens\nCompletion: %3 tokens")
        .arg(day, locale.toString(prompt), locale.toString(completion));
}

} // namespace RagScope::DailyCostCharts
