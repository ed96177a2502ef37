#include "alertevaluator.h"

#include "alertjudge.h"
#include "alertsampler.h"

#include <QHash>

namespace RagScope {

namespace {

constexpr qint64 Day = 24 * 3600;
/// cost_spike compares with the same window on each of the previous 7 days.
constexpr int BaselineDays = 7;

} // namespace

AlertEvaluator::AlertEvaluator(StorePtr store)
    : m_store(std::move(store))
{ }

Filter AlertEvaluator::groupFilter(
    const AlertRule& rule, const QString& group, const QDateTime& from, const QDateTime& to)
{
    Filter f { from, to, std::nullopt, std::nullopt };
    if (rule.groupBy == AlertRule::GroupBy::Model && !group.isEmpty())
        f.model = group;
    if (rule.groupBy == AlertRule::GroupBy::User)
        f.user = group;
    return f;
}

AlertState AlertEvaluator::worst(const QList<AlertResult>& results)
{
    AlertState w = AlertState::Ok;
    for (const AlertResult& r : results)
        w = std::max(w, r.state);
    return w;
}

Result<QList<AlertResult>> AlertEvaluator::evaluate(const QList<AlertRule>& rules, const QDateTime& at) const
{
    QList<AlertResult> all;
    for (const AlertRule& rule : rules) {
        RAGSCOPE_TRY(results, evaluate(rule, at));
        all += results;
    }
    return all;
}

Result<QList<AlertResult>> AlertEvaluator::evaluate(const AlertRule& rule, const QDateTime& at) const
{
    const AlertSampler sampler(m_store, rule);
    const QDateTime from = at.addSecs(-rule.windowSeconds);
    RAGSCOPE_TRY(current, sampler.window(from, at));
    QHash<QString, QList<Money>> baselines;
    if (rule.kind == AlertRule::Kind::CostSpike) {
        for (int day = 1; day <= BaselineDays; ++day) {
            RAGSCOPE_TRY(earlier, sampler.window(from.addSecs(-day * Day), at.addSecs(-day * Day)));
            for (const auto& [group, sample] : current) {
                const auto it = earlier.find(group);
                baselines[group] << (it == earlier.end() ? Money() : it->second.cost);
            }
        }
    }
    QList<AlertResult> results;
    for (const auto& [group, sample] : current) {
        AlertResult r;
        r.rule = rule;
        r.group = group;
        r.window = groupFilter(rule, group, from, at);
        AlertJudge::judge(sample, baselines.value(group), &r);
        results << r;
    }
    if (results.isEmpty()) {
        AlertResult r;
        r.rule = rule;
        r.window = groupFilter(rule, {}, from, at);
        AlertJudge::judge(AlertSample {}, {}, &r);
        results << r;
    }
    return results;
}

} // namespace RagScope
