#include "alerttimeline.h"

#include "alertevaluator.h"
#include "alertjudge.h"
#include "alertsampler.h"

#include <algorithm>

namespace RagScope {

namespace {

constexpr qint64 Hour = 3600;
constexpr qint64 BaselineDays = 7;

/// A value to compare for "worst so far" within an episode.
double magnitude(const AlertResult& r)
{
    if (r.cost)
        return double(r.cost->units());
    return r.value.value_or(0.0);
}

} // namespace

QString AlertEpisode::label() const
{
    AlertResult r;
    r.rule = rule;
    r.group = group;
    return r.label();
}

AlertTimeline::AlertTimeline(StorePtr store)
    : m_store(std::move(store))
{ }

Result<QList<AlertEpisode>> AlertTimeline::episodes(const QList<AlertRule>& rules, const Filter& filter) const
{
    QList<AlertEpisode> all;
    for (const AlertRule& rule : rules) {
        RAGSCOPE_TRY(some, episodes(rule, filter));
        all += some;
    }
    std::stable_sort(all.begin(), all.end(),
        [](const AlertEpisode& a, const AlertEpisode& b) { return a.start < b.start; });
    return all;
}

Result<QList<AlertEpisode>> AlertTimeline::episodes(const AlertRule& rule, const Filter& filter) const
{
    // Evaluation points: every whole hour t with from < t <= to; the window ends at t.
    const QDateTime first = AlertSampler::floorHour(filter.from).addSecs(Hour);
    const QDateTime last = AlertSampler::floorHour(filter.to);
    const qint64 windowHours = rule.windowSeconds / Hour;
    const bool spike = rule.kind == AlertRule::Kind::CostSpike;
    const qint64 lead = windowHours + (spike ? BaselineDays * 24 : 0);
    const QDateTime dataFrom = first.addSecs(-lead * Hour);
    const AlertSampler sampler(m_store, rule);
    AlertSampler::HourlyGroups hourly;
    if (first <= last) {
        RAGSCOPE_TRY(h, sampler.hourly(dataFrom, last));
        hourly = h;
    }

    // Per group, the judged points in time order: every whole hour, then the window's end
    // itself when it is not whole (the current state, with raw edges), so an episode that is
    // still on shows as ongoing.
    std::map<QString, QList<std::pair<QDateTime, AlertResult>>> judged;
    const qint64 points = first.secsTo(last) / Hour + 1;
    for (const auto& [group, hours] : hourly) {
        // Prefix sums of cost make every (baseline) window's cost one subtraction.
        std::vector<Money> costPrefix(hours.size() + 1);
        for (size_t h = 0; h < hours.size(); ++h)
            costPrefix[h + 1] = costPrefix[h] + hours[h].cost;
        const auto costOf = [&](qint64 endIndex) {
            return costPrefix[size_t(endIndex)] - costPrefix[size_t(endIndex - windowHours)];
        };
        for (qint64 p = 0; p < points; ++p) {
            const qint64 end = lead + p; // index of the hour after the window
            AlertSample sample;
            for (qint64 h = end - windowHours; h < end; ++h)
                sample.merge(hours[size_t(h)]);
            QList<Money> baseline;
            if (spike)
                for (qint64 day = 1; day <= BaselineDays; ++day)
                    baseline << costOf(end - day * 24);
            AlertResult r;
            r.rule = rule;
            r.group = group;
            AlertJudge::judge(sample, baseline, &r);
            judged[group].append({ first.addSecs(p * Hour), r });
        }
    }
    if (filter.to > last) {
        RAGSCOPE_TRY(now, AlertEvaluator(m_store).evaluate(rule, filter.to));
        for (const AlertResult& r : now)
            if (r.count > 0)
                judged[r.group].append({ filter.to, r });
    }

    QList<AlertEpisode> out;
    for (const auto& [group, series] : judged) {
        std::optional<AlertEpisode> open;
        double openPeak = 0;
        for (const auto& [t, r] : series) {
            if (r.state != AlertState::Ok) {
                if (!open) {
                    open = AlertEpisode { rule, group, r.state, t, t, false, r.valueText(), {} };
                    openPeak = magnitude(r);
                }
                open->worst = std::max(open->worst, r.state);
                if (magnitude(r) > openPeak) {
                    openPeak = magnitude(r);
                    open->peak = r.valueText();
                }
                open->end = t;
            } else if (open) {
                open->end = t;
                out << *open;
                open.reset();
            }
        }
        if (open) {
            open->ongoing = true;
            out << *open;
        }
    }
    for (AlertEpisode& e : out)
        e.interactions
            = AlertEvaluator::groupFilter(rule, e.group, e.start.addSecs(-rule.windowSeconds), e.end);
    return out;
}

} // namespace RagScope
