#pragma once

#include "dashboardpage.h"
#include "metrics/metricscollector.h"

#include <QList>

#include <optional>

namespace RagScope {

class LatestJob;

/// Base of the metric pages (Overview, Cost, Latency, Quality): keeps the context, owns the
/// page's LatestJobs, and turns their completions into one loaded() per reload and at most one
/// storeError(), while the panels keep their last data.
class MetricsPage : public DashboardPage
{
    Q_OBJECT
public:
    using DashboardPage::DashboardPage;

    bool isBusy() const override;

protected:
    /// A job of this page; every job runs once per reload and reports through finishPanel().
    LatestJob* addJob();
    const QList<LatestJob*>& jobs() const { return m_jobs; }
    void applyContext(bool newStore) override;
    const StorePtr& store() const { return context().store; }
    const Filter& filter() const { return context().filter; }
    /// What the page's jobs read with (a copy in each job): the rollups where they cover the window,
    /// and the window edges' raw reads shared with every page of this refresh (EdgeReads).
    MetricsCollector metrics() const
    {
        return MetricsCollector(store(), MetricsCollector::Answering::FromRollups, context().reads);
    }
    /// True when a store is open and the window is valid; then starts counting this reload's jobs.
    bool beginLoad();
    /// One job finished (with an error or not); the last one emits loaded().
    void finishPanel(const std::optional<Error>& error);
    /// Empties every panel and shows `message` instead (empty: none).
    virtual void clear(const QString& message) = 0;

private:
    QList<LatestJob*> m_jobs;
    int m_pending = 0;
    bool m_errorReported = false;
};

} // namespace RagScope
