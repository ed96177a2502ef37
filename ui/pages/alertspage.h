#pragma once

#include "alerts/alertresult.h"
#include "alerts/alerttimeline.h"
#include "alerts/anomalyscanner.h"
#include "metricspage.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace RagScope {

class LatestJob;
class Panel;

/// Alerts page: every rule's state as of the window's end (or now), the episodes in which rules
/// fired over the window (evaluated hour by hour from hourly aggregates), and the hours whose
/// cost or volume left their seasonal range. Activating an episode opens Review on the
/// interactions behind it; "Edit rules…" opens the rule editor, which writes the rules file.
class AlertsPage : public MetricsPage
{
    Q_OBJECT
public:
    explicit AlertsPage(QWidget* parent = nullptr);

    QString title() const override;
    void reload() override;

    /// The rules in use and the file the editor writes (empty path: built-in defaults, the editor
    /// asks where to save).
    void setRules(const QList<AlertRule>& rules, const QString& path);
    const QList<AlertRule>& rules() const { return m_rules; }
    QString rulesPath() const { return m_path; }

    QTableWidget* stateTable() const { return m_states; }
    QTableWidget* episodeTable() const { return m_episodes; }
    QTableWidget* anomalyTable() const { return m_anomalies; }
    const QList<AlertEpisode>& episodes() const { return m_episodeData; }
    /// Opens Review on the interactions behind episode `row` (what activating a row does).
    void openEpisode(int row);
    /// Opens the rule editor (modal).
    void editRules();

signals:
    /// The editor saved new rules to `path`.
    void rulesChanged(const QList<RagScope::AlertRule>& rules, const QString& path);

private:
    void clear(const QString& message) override;
    void showStates(const QList<AlertResult>& results, const QDateTime& at);
    void showEpisodes(const QList<AlertEpisode>& episodes);
    void showAnomalies(const QList<Anomaly>& anomalies);
    void updateRulesLabel();

    LatestJob* m_stateJob;
    LatestJob* m_timelineJob;
    LatestJob* m_anomalyJob;
    QList<AlertRule> m_rules;
    QString m_path;
    QList<AlertEpisode> m_episodeData;
    QList<Anomaly> m_anomalyData; ///< the rows of the anomalies table
    QLabel* m_rulesLabel;
    QPushButton* m_edit;
    Panel* m_statePanel;
    Panel* m_episodePanel;
    Panel* m_anomalyPanel;
    QTableWidget* m_states;
    QTableWidget* m_episodes;
    QTableWidget* m_anomalies;
};

} // namespace RagScope
