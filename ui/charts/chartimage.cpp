#include "chartimage.h"

#include <QChartView>
#include <QClipboard>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QSvgGenerator>

namespace RagScope {

namespace {

constexpr int Padding = 8;

QFont titleFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() * 1.2);
    return font;
}

} // namespace

ChartImage::ChartImage(QChartView* view, const QString& title, const Filter& filter)
    : m_view(view)
    , m_title(title)
{
    const QLocale locale;
    if (filter.from.isValid() && filter.to.isValid())
        m_window = tr("%1 to %2 (UTC)")
                       .arg(locale.toString(filter.from.toUTC(), QLocale::ShortFormat),
                           locale.toString(filter.to.toUTC(), QLocale::ShortFormat));
    const QString user = filter.user ? tr("User: %1").arg(*filter.user) : tr("All users");
    const QString model = filter.model ? tr("model: %1").arg(*filter.model) : tr("all models");
    m_filters = tr("%1, %2").arg(user, model);
}

int ChartImage::headerHeight() const
{
    const QFontMetrics body(m_view->font());
    return Padding + QFontMetrics(titleFont(m_view->font())).height() + 2 * body.height() + Padding;
}

QSize ChartImage::logicalSize() const
{
    return { m_view->width(), headerHeight() + m_view->height() };
}

void ChartImage::paint(QPainter* painter) const
{
    const QPalette palette = m_view->palette();
    const QRect all(QPoint(0, 0), logicalSize());
    painter->fillRect(all, palette.color(QPalette::Base));
    painter->setPen(palette.color(QPalette::Text));
    painter->setFont(titleFont(m_view->font()));
    const int width = all.width() - 2 * Padding;
    const int titleHeight = QFontMetrics(painter->font()).height();
    painter->drawText(QRect(Padding, Padding, width, titleHeight), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(painter->font()).elidedText(m_title, Qt::ElideRight, width));
    painter->setFont(m_view->font());
    const QFontMetrics body(m_view->font());
    int y = Padding + titleHeight;
    for (const QString& line : { m_window, m_filters }) {
        painter->drawText(QRect(Padding, y, width, body.height()), Qt::AlignLeft | Qt::AlignVCenter,
            body.elidedText(line, Qt::ElideRight, width));
        y += body.height();
    }
    // The scene itself, not a screen grab: vector in SVG, sharp at 2×.
    m_view->render(painter, QRectF(0, headerHeight(), m_view->width(), m_view->height()),
        m_view->viewport()->rect(), Qt::IgnoreAspectRatio);
}

QImage ChartImage::render(int scale) const
{
    QImage image(logicalSize() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paint(&painter);
    return image;
}

QString ChartImage::save(const QString& path, int scale) const
{
    if (QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(logicalSize());
        svg.setViewBox(QRect(QPoint(0, 0), logicalSize()));
        svg.setTitle(m_title);
        svg.setDescription(m_window + QLatin1Char('\n') + m_filters);
        QPainter painter;
        if (!painter.begin(&svg))
            return tr("Could not write %1").arg(path);
        paint(&painter);
        if (!painter.end() || !QFileInfo(path).isFile())
            return tr("Could not write %1").arg(path);
        return {};
    }
    if (!render(scale).save(path, "PNG"))
        return tr("Could not write %1").arg(path);
    return {};
}

void ChartImage::copyToClipboard() const
{
    QGuiApplication::clipboard()->setImage(render(2));
}

} // namespace RagScope
