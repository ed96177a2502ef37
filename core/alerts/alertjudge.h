#pragma once

#include "alertresult.h"
#include "alertsample.h"

#include <QList>

namespace RagScope {

/// Turns a rule and the samples of a window into a state: the one place that knows what each
/// kind measures, shared by the current evaluation and the historical timeline.
class AlertJudge
{
public:
    /// Judges `current`; `baseline` holds the costs of the same-length windows at the same time
    /// of day on the previous days (cost_spike only). Fills state, value/cost, count and note of
    /// `result` (rule, group and window are the caller's).
    static void judge(const AlertSample& current, const QList<Money>& baseline, AlertResult* result);
    /// The median of the baseline costs (the lower middle one of an even count), zero when empty.
    static Money median(QList<Money> costs);
};

} // namespace RagScope
