#pragma once

#include "store/storelocation.h"

#include <QStringList>

namespace RagScope {

/// PostgreSQL connection profiles and recently opened stores, kept in QSettings as URLs
/// without passwords (a password lives only in libpq's ~/.pgpass, if the user asks).
class ConnectionProfiles
{
public:
    static constexpr int MaxRecent = 10;

    /// Saved PostgreSQL profiles, most recently used first.
    static QList<StoreLocation> profiles();
    static void saveProfile(const StoreLocation& location);

    /// URLs of recently opened stores, newest first.
    static QStringList recentStores();
    static void addRecentStore(const StoreLocation& location);
    static void removeRecentStore(const QString& url);

private:
    static void prepend(const QString& key, const QString& url, int limit);
};

} // namespace RagScope
