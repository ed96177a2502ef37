#pragma once

#include "pricing/costview.h"

#include <QComboBox>

namespace RagScope {

/// The Cost page's "Show:" switch between the stored and the recomputed cost.
class CostViewSwitch : public QComboBox
{
    Q_OBJECT // tr() in its own context (without it, QComboBox's: never translated)
        public : explicit CostViewSwitch(QWidget* parent = nullptr)
        : QComboBox(parent)
    {
        setObjectName(QStringLiteral("costView"));
        addItem(tr("Stored cost (the backend's cost_estimate)"), int(CostView::Stored));
        addItem(tr("Recomputed cost (tokens × price in effect)"), int(CostView::Recomputed));
    }
    CostView view() const { return CostView(currentData().toInt()); }
    void setView(CostView view) { setCurrentIndex(findData(int(view))); }
};

} // namespace RagScope
