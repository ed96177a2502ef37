#pragma once

#include "metrics/filter.h"
#include "snapshot/snapshotinfo.h"

#include <QFutureWatcher>
#include <QLabel>

namespace RagScope {

/// A line above the pages when the open store is a snapshot: what it holds (source, window,
/// filters, exported when), and a warning when the filter reaches outside its window or asks
/// for another user or model. Hidden for any other store. The metadata is read off the GUI thread.
class SnapshotNote : public QLabel
{
    Q_OBJECT
public:
    explicit SnapshotNote(QWidget* parent = nullptr);

    void setStore(const StorePtr& store);
    void setFilter(const Filter& filter);

signals:
    /// The note has been updated for the store last set (shown or hidden).
    void updated();

private:
    void refresh();

    std::optional<SnapshotInfo> m_info;
    std::optional<Filter> m_filter;
    quint64 m_request = 0;
};

} // namespace RagScope
