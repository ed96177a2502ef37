#pragma once

#include "store/storelocation.h"

#include <QStringList>

#include <optional>

namespace RagScope {

/// PostgreSQL connection profiles and recently opened stores, kept in QSettings as URLs
/// without passwords (a password lives only in the desktop keyring, see ProfilePasswords, or in
/// libpq's ~/.pgpass, if the user asks).
class ConnectionProfiles
{
public:
    static constexpr int MaxRecent = 10;

    /// Saved PostgreSQL profiles, most recently used first.
    static QList<StoreLocation> profiles();
    static void saveProfile(const StoreLocation& location);

    /// Where writes (reviews, feedback) go when `read` is open: the primary of a read replica,
    /// if one was given for it. Kept without password, like the profiles.
    static std::optional<StoreLocation> writeStore(const StoreLocation& read);
    /// Remembers `write` for `read`; std::nullopt forgets it (reads and writes on `read`).
    static void setWriteStore(const StoreLocation& read, const std::optional<StoreLocation>& write);

    /// The reviewer name this profile (or store) saves reviews and claims under; empty: none
    /// set, the database role or the OS user is used (ReviewerIdentity).
    static QString reviewer(const StoreLocation& location);
    /// Sets the profile's reviewer name; an empty name forgets it.
    static void setReviewer(const StoreLocation& location, const QString& name);

    /// URLs of recently opened stores, newest first.
    static QStringList recentStores();
    static void addRecentStore(const StoreLocation& location);
    static void removeRecentStore(const QString& url);

private:
    static void prepend(const QString& key, const QString& url, int limit);
};

} // namespace RagScope
