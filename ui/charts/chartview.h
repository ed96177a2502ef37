#pragma once

#include <QChartView>

namespace RagScope {

/// A chart view styled from the palette and font (again when they change), antialiased and
/// without OpenGL (which crashes on the offscreen platform), with hover tooltips.
class ChartView : public QChartView
{
    Q_OBJECT
public:
    explicit ChartView(QWidget* parent = nullptr);

    /// Re-applies colours and fonts; call after series or axes were added.
    void restyle();

protected:
    void changeEvent(QEvent* event) override;
    /// Shows `text` at the mouse pointer; an empty text hides the tooltip.
    void showTooltip(const QString& text);
};

} // namespace RagScope
