#pragma once

#include <QString>

#include <optional>

namespace RagScope {

/// The Qt SQL connections of open stores: one per (store, thread), named by Store. Qt lets a
/// thread remove only its own connections, so when a store closes, the closing thread removes
/// its own at once and every thread of dbThreadPool() is sent a task that removes its own:
/// no thread keeps a closed store's connection (and its server session) open.
class ConnectionRegistry
{
public:
    static void storeOpened(quint64 serial);
    /// The store is gone: its connections are removed on every thread that holds one.
    static void storeClosed(quint64 serial);

    /// This thread's connection name for the store, if it has one.
    static std::optional<QString> find(quint64 serial);
    static void add(quint64 serial, const QString& name);
    /// Removes this thread's connection for the store (after a lost connection).
    static void remove(quint64 serial);
    /// Removes this thread's connections of closed stores.
    static void sweep();

    /// Connections of closed stores still open on some thread (tests).
    static int closedStoreConnections();
};

} // namespace RagScope
