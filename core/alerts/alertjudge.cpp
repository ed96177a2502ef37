#include "alertjudge.h"

#include <algorithm>

namespace RagScope {

namespace {

AlertState stateOf(double value, const AlertRule& rule)
{
    if (rule.critical && value >= *rule.critical)
        return AlertState::Critical;
    if (rule.warn && value >= *rule.warn)
        return AlertState::Warning;
    return AlertState::Ok;
}

} // namespace

Money AlertJudge::median(QList<Money> costs)
{
    if (costs.isEmpty())
        return {};
    std::sort(costs.begin(), costs.end());
    return costs.at((costs.size() - 1) / 2);
}

void AlertJudge::judge(const AlertSample& s, const QList<Money>& baseline, AlertResult* r)
{
    using Kind = AlertRule::Kind;
    const AlertRule& rule = r->rule;
    r->state = AlertState::Ok;
    r->value.reset();
    r->cost.reset();
    r->note.clear();
    r->count = rule.kind == Kind::LowRatingShare ? s.ratings : s.requests;
    if (r->count == 0) {
        r->note = QStringLiteral("no data");
        return;
    }
    if (r->count < rule.minRequests) {
        r->note = QStringLiteral("%1 %2 < min_requests %3")
                      .arg(r->count)
                      .arg(rule.kind == Kind::LowRatingShare ? QStringLiteral("ratings")
                                                             : QStringLiteral("requests"))
                      .arg(rule.minRequests);
        return;
    }
    switch (rule.kind) {
    case Kind::LatencyPercentile:
        r->value = s.latency.quantile(rule.percentile / 100.0);
        if (!r->value)
            r->note = QStringLiteral("no latency recorded");
        break;
    case Kind::LowConfidenceShare:
        if (s.confidenceKnown == 0)
            r->note = QStringLiteral("no confidence recorded");
        else
            r->value = double(s.lowConfidence) / double(s.confidenceKnown);
        break;
    case Kind::LowRatingShare:
        r->value = double(s.lowRatings) / double(s.ratings);
        break;
    case Kind::CostSpike: {
        const Money m = median(baseline);
        if (m <= Money())
            r->note = QStringLiteral("no cost on the previous days to compare with");
        else
            r->value = double(s.cost.units()) / double(m.units());
        break;
    }
    case Kind::CostTotal:
        r->cost = s.cost;
        if (rule.criticalCost && s.cost >= *rule.criticalCost)
            r->state = AlertState::Critical;
        else if (rule.warnCost && s.cost >= *rule.warnCost)
            r->state = AlertState::Warning;
        return;
    }
    if (r->value)
        r->state = stateOf(*r->value, rule);
}

} // namespace RagScope
