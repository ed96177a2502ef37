#pragma once

#include "comparison/abcomparison.h"
#include "metricspage.h"

namespace RagScope {

class AbPanel;
class LatestJob;
class ModelComparisonModel;
class Panel;

/// Models page: every model of the window side by side (ModelComparer), and an A/B panel that
/// tests two of them against each other, overall and per week. The filter bar's model is ignored.
class ModelsPage : public MetricsPage
{
    Q_OBJECT
public:
    explicit ModelsPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;
    const ModelComparisonModel* tableModel() const { return m_model; }
    AbPanel* abPanel() const { return m_ab; }

private:
    /// What one reload brings: the table, and the A/B of the chosen (or two busiest) models.
    struct Loaded
    {
        ModelComparison comparison;
        std::optional<AbComparison> ab;
    };
    void showLoaded(const Loaded& loaded);
    void loadAb(const QString& a, const QString& b);
    void clear(const QString& message) override;

    LatestJob* m_tableJob;
    LatestJob* m_abJob;
    ModelComparisonModel* m_model;
    AbPanel* m_ab;
    Panel* m_tablePanel;
    Panel* m_abPanel;
};

} // namespace RagScope
