#pragma once

#include "pricing/whatif.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace RagScope {

/// What-if re-pricing on the Cost page: a model's traffic in the window at another model's
/// price or a typed one, all of it or a share ("move P% of X to Y"). Works on the CostLedger
/// already loaded (no database access: the arithmetic is over its grouped sums).
class WhatIfPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WhatIfPanel(QWidget* parent = nullptr);

    void setLedger(const CostLedger& ledger);
    void clear();
    /// Picks a scenario (screenshots, tests): target model, or typed prices when `target` is empty.
    void choose(const QString& model, const QString& target, double sharePercent, const QString& input = {},
        const QString& output = {});
    const std::optional<WhatIfResult>& result() const { return m_result; }

private:
    void evaluate();
    void showAmount(int row, const WhatIfAmount& amount);

    std::optional<CostLedger> m_ledger;
    std::optional<WhatIfResult> m_result;
    QComboBox* m_model;
    QComboBox* m_target;
    QLineEdit* m_input;
    QLineEdit* m_output;
    QDoubleSpinBox* m_share;
    QLabel* m_message;
    QList<QLabel*> m_cells; ///< 3 rows × before, after, difference
};

} // namespace RagScope
