#pragma once

#include "base/error.h"
#include "store/store.h"

#include <QObject>

#include <memory>

namespace RagScope {

class LatestJob;

/// Opens stores off the GUI thread (migrating where the role may) and makes the demo store
/// on first use; a newer request supersedes an unfinished one.
class StoreOpener : public QObject
{
    Q_OBJECT
public:
    explicit StoreOpener(QObject* parent = nullptr);

    /// Opens for reading and writing reviews; migrates a monitoring store when the role may.
    /// With a write store remembered for `location` (ConnectionProfiles::writeStore), reads come
    /// from `location` and writes and migrations go to the write store (ReplicaPair).
    /// `createSchema`: also create the monitoring tables in an empty store (the user agreed).
    void open(const StoreLocation& location, bool createSchema = false);
    /// Opens the demo store in the application data folder, creating it first if it is missing
    /// or was made on an earlier day (its data ends "now").
    void openDemo();
    /// Drops the request in flight; a running demo generation stops at its next step.
    void cancel();
    bool isBusy() const;

    static QString demoPath();

signals:
    void opened(const RagScope::StorePtr& store);
    void failed(const RagScope::Error& error, const RagScope::StoreLocation& location);
    /// Demo generation progress (rows written of rows planned).
    void progress(qint64 done, qint64 total);
    void busyChanged(bool busy);

private:
    void deliver(const Result<StorePtr>& store, const StoreLocation& location);

    LatestJob* m_job;
};

} // namespace RagScope
