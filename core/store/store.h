#pragma once

#include "base/result.h"
#include "storelocation.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>
#include <memory>

class QSqlError;

namespace RagScope {

/// An open monitoring store. Thread-safe: every thread that uses it gets its own Qt SQL
/// connection (opened on first use, reopened after a dropped connection).
class Store
{
public:
    /// What the caller will do with the store; the one rule set for opening (README, "Connecting").
    enum class Access {
        Read, ///< reads only: SQLite opens read-only, a PostgreSQL session is READ ONLY, nothing is migrated
        Write, ///< feedback and reviews too (falls back to read-only, with a reason, where the role or file
               ///< may not write)
    };
    struct OpenOptions
    {
        Access access = Access::Read;
        /// Write access, and upgrade RagScope's own schema when the store is a monitoring store
        /// (it has the monitoring tables or RagScope's record) and the role may.
        bool migrate = false;
        /// Also create the monitoring tables in a store that holds no tables at all (explicit
        /// consent: `ragscope-cli migrate`, the GUI after asking). A store holding other
        /// applications' tables is never touched.
        bool createSchema = false;
        /// SQLite: create the file (and its schema) if absent.
        bool createIfMissing = false;
    };

    static Result<std::shared_ptr<Store>> open(const StoreLocation& location, OpenOptions options);
    static Result<std::shared_ptr<Store>> open(const QString& url, OpenOptions options);
    ~Store();

    Dialect dialect() const { return m_location.dialect; }
    const StoreLocation& location() const { return m_location; }

    /// True when the role (or file) may not write feedback/reviews; readOnlyReason() says why.
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    QString readOnlyReason() const { return m_readOnlyReason; }
    /// Highest migration applied (0: none recorded, e.g. a seed-schema store opened read-only).
    int schemaVersion() const { return m_schemaVersion; }
    /// Whether RagScope's reviewers' table exists and this role may read it.
    bool hasReviews() const { return m_hasReviews; }
    /// Why reviewers' verdicts are off when hasReviews() is false (empty when they are on).
    QString reviewsOffReason() const { return m_reviewsOffReason; }

    /// This thread's connection, opened on demand.
    Result<QSqlDatabase> connection() const;

    /// Prepares `sql`, binds `values` positionally (never concatenated), executes it.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& values = {}) const;

    /// Runs `body` in one transaction on this thread's connection; commits if it succeeds.
    /// SQLite transactions take the write lock up front (BEGIN IMMEDIATE) so that
    /// concurrent writers wait instead of failing.
    Status transaction(const std::function<Status()>& body) const;

    /// Turns a driver error into a typed, readable Error.
    Error classify(const QSqlError& error, const QString& context) const;

private:
    explicit Store(StoreLocation location);
    Status inspect(const OpenOptions& options);
    Status checkKind(const OpenOptions& options);
    bool writes() const { return m_access == Access::Write; }
    QSqlDatabase openConnection(const QString& name, QString* error) const;
    void dropConnection() const;
    Result<QSqlQuery> execOnce(const QString& sql, const QVariantList& values) const;

    StoreLocation m_location;
    quint64 m_serial = 0;
    Access m_access = Access::Read;
    QString m_readOnlyReason;
    QString m_reviewsOffReason;
    int m_schemaVersion = 0;
    bool m_hasReviews = false;
};

using StorePtr = std::shared_ptr<const Store>;

} // namespace RagScope
