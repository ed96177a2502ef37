#pragma once

#include "metrics/filter.h"

#include <QCoreApplication>
#include <QImage>
#include <QString>

class QChartView;

namespace RagScope {

/// A chart as an image that tells what it shows: a header with the chart's title, the window
/// (in the user's locale) and the active filters, above the chart drawn at 1× or 2×.
class ChartImage
{
    Q_DECLARE_TR_FUNCTIONS(ChartImage)
public:
    ChartImage(QChartView* view, const QString& title, const Filter& filter);

    QString title() const { return m_title; }
    /// "From … to … (UTC)" in the user's locale; empty without a window.
    QString windowText() const { return m_window; }
    /// "User: …, model: …" or "All users, all models".
    QString filtersText() const { return m_filters; }

    /// The image at `scale` times the chart's size on screen (device pixel ratio `scale`).
    QImage render(int scale) const;
    /// Writes PNG (at `scale`) or SVG, by the file's suffix; returns an error or an empty string.
    QString save(const QString& path, int scale) const;
    /// Puts the image at 2× on the clipboard.
    void copyToClipboard() const;

private:
    QSize logicalSize() const;
    int headerHeight() const;
    void paint(QPainter* painter) const;

    QChartView* m_view;
    QString m_title;
    QString m_window;
    QString m_filters;
};

} // namespace RagScope
