#pragma once

#include "money/money.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace RagScope {

/// One alert rule of a rules file (README "Alerts"). A value >= `warn` (or `critical`) fires; the
/// thresholds of `cost_total` are exact USD, the others plain numbers in the kind's unit.
struct AlertRule
{
    enum class Kind { LatencyPercentile, LowConfidenceShare, LowRatingShare, CostSpike, CostTotal };
    enum class Phase { Total, Retrieval, Generation };
    enum class GroupBy { None, Model, User };

    QString name;
    Kind kind = Kind::LatencyPercentile;
    Phase phase = Phase::Total; ///< latency_percentile
    int percentile = 95; ///< latency_percentile, 50–99
    double below = 0.6; ///< low_confidence_share: confidence below this is low
    int atMost = 2; ///< low_rating_share: ratings <= this are low
    qint64 windowSeconds = 3600; ///< whole hours, 1 h … 7 d
    std::optional<double> warn;
    std::optional<double> critical;
    std::optional<Money> warnCost; ///< cost_total
    std::optional<Money> criticalCost; ///< cost_total
    qint64 minRequests = 0; ///< fewer requests (ratings for low_rating_share) than this: OK, with a note
    GroupBy groupBy = GroupBy::None;

    bool operator==(const AlertRule&) const = default;

    /// The four of the original monitoring design: low confidence, cost spike, low ratings, latency SLA.
    static QList<AlertRule> defaults();

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    static QString phaseName(Phase phase);
    static std::optional<Phase> phaseFromName(const QString& name);
    static QString groupByName(GroupBy groupBy);
    static std::optional<GroupBy> groupByFromName(const QString& name);
    /// "1h", "24h", "7d": the file's spelling of a window.
    static QString windowText(qint64 seconds);
    /// Parses "<N>h" or "<N>d" (whole hours, 1 h … 7 d); empty when not.
    static std::optional<qint64> parseWindow(const QString& text);

    /// The unit of value and thresholds for people: "ms", "%", "×", "USD".
    QString unit() const;
    /// A threshold or value in this rule's unit for people ("4000 ms", "12.5%", "2.10×", "$5.00").
    QString formatValue(double value) const;
    QString formatCost(Money value) const;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::AlertRule)
