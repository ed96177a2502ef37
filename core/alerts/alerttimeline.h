#pragma once

#include "alertresult.h"
#include "base/result.h"
#include "store/store.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>

namespace RagScope {

/// A stretch of time in which a rule fired for one group.
struct AlertEpisode
{
    AlertRule rule;
    QString group;
    AlertState worst = AlertState::Warning;
    QDateTime start; ///< the first hourly evaluation that fired
    QDateTime end; ///< the first evaluation that was OK again (resolved), or the last one (ongoing)
    bool ongoing = false;
    QString peak; ///< the worst value, for people ("4210 ms")
    Filter interactions; ///< the windows behind it: [start − window, end), narrowed to the group

    /// "p95 latency (gemini-1.5-pro-latest)"
    QString label() const;
};

/// The rules evaluated historically at every whole UTC hour of a window, from hourly aggregates
/// (AlertSampler: rollups where they exist, GROUP BY hour otherwise; never per row), plus once at
/// the window's end when that is not a whole hour; the fired stretches merged into episodes.
/// Blocking: call it from a worker thread.
class AlertTimeline
{
public:
    explicit AlertTimeline(StorePtr store);

    /// Episodes of every rule in [filter.from, filter.to] (its user and model are not used),
    /// by start time.
    Result<QList<AlertEpisode>> episodes(const QList<AlertRule>& rules, const Filter& filter) const;
    Result<QList<AlertEpisode>> episodes(const AlertRule& rule, const Filter& filter) const;

private:
    StorePtr m_store;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::AlertEpisode)
