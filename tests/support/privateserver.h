#pragma once

#include <QString>
#include <QTemporaryDir>

namespace RagScope::Test {

/// A PostgreSQL server of one test's own (pg-fixture.sh in a private state dir), for fault
/// drills that stop and start a server, and for a primary with a standby: the suite's shared
/// server is never disturbed.
class PrivateServer
{
public:
    PrivateServer(); ///< starts it; fatal (qFatal) if it cannot start
    ~PrivateServer(); ///< stops it and removes its data
    PrivateServer(const PrivateServer&) = delete;
    PrivateServer& operator=(const PrivateServer&) = delete;

    /// Superuser URL of its `postgres` database.
    QString url() const { return m_url; }
    /// Stops the server (fast shutdown: open connections are dropped); same data and port on resume().
    void pause();
    void resume();
    /// Starts a streaming hot standby of this server (pg_basebackup -R) on a port of its own and
    /// returns its superuser URL; it stops with the server. Fatal if it cannot start.
    QString startStandby();

private:
    void run(const QString& command);

    QTemporaryDir m_state;
    QString m_url;
};

} // namespace RagScope::Test
