#include "chartview.h"

#include "chartstyle.h"

#include <QCursor>
#include <QEvent>
#include <QLegend>
#include <QToolTip>

namespace RagScope {

ChartView::ChartView(QWidget* parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 200);
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    restyle();
}

void ChartView::restyle()
{
    ChartStyle::apply(chart(), palette(), font());
}

void ChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        restyle();
}

void ChartView::showTooltip(const QString& text)
{
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(QCursor::pos(), text, this);
}

} // namespace RagScope
