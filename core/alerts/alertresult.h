#pragma once

#include "alertrule.h"
#include "metrics/filter.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace RagScope {

/// Severity, ordered: a higher one is worse.
enum class AlertState { Ok = 0, Warning = 1, Critical = 2 };

/// "OK", "WARNING", "CRITICAL" (the monitoring-plugin words).
QString alertStateName(AlertState state);

/// One rule judged for one group over one window.
struct AlertResult
{
    AlertRule rule;
    QString group; ///< model or user; empty without group_by (and for interactions without a model)
    AlertState state = AlertState::Ok;
    std::optional<double> value; ///< the measured value (not for cost_total)
    std::optional<Money> cost; ///< cost_total's measured value
    qint64 count = 0; ///< what min_requests is compared with (ratings for low_rating_share)
    QString note; ///< why an OK is not a measurement: "no data", "12 requests < min_requests 20"
    Filter window; ///< [from, to) and the group: the interactions behind the result

    /// "p95 latency (gemini-1.5-pro-latest)"
    QString label() const;
    /// "4210 ms", "$12.50", or "—" without a value.
    QString valueText() const;
    /// The threshold crossed for a firing result ("4000 ms"), else empty.
    QString thresholdText() const;
    /// "p95 latency (gemini-1.5-pro-latest) 4210 ms >= 4000 ms", or "… 1200 ms", or "… OK (no data)".
    QString summary() const;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::AlertResult)
