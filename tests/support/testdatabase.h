#pragma once

#include "store/store.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace RagScope::Test {

/// The dialect this test process checks (RAGSCOPE_TEST_DIALECT: "sqlite" or "postgres").
Dialect dialectUnderTest();
/// "sqlite" / "postgres", for messages.
QString dialectName();

/// A fresh, empty database for one test: a temp SQLite file, or a new database on the
/// throwaway PostgreSQL server (dropped again on destruction). Connection problems are
/// fatal (qFatal), never skipped: a missing PostgreSQL must fail the suite.
class TestDatabase
{
public:
    TestDatabase();
    explicit TestDatabase(Dialect dialect);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    Dialect dialect() const { return m_dialect; }
    /// URL of this database (superuser, with password for PostgreSQL).
    QString url() const { return m_url; }
    /// Opens it through Store::open (migrated unless told otherwise); fatal on failure.
    StorePtr open(bool migrate = true) const;
    /// Runs raw SQL (fixture set-up such as the backend's schema file); fatal on failure.
    void execScript(const QString& sql) const;

    /// The throwaway server's superuser URL (PostgreSQL only), to reach `postgres`.
    static QString serverUrl();
    /// Restarts the throwaway server (`pg-fixture.sh restart`: same data, port and password),
    /// cutting every open connection; returns once it accepts connections again. Fatal on failure.
    /// Tests that call it must run alone (CTest RUN_SERIAL).
    static void restartServer();
    /// serverUrl() with its database replaced.
    static QString serverUrlFor(
        const QString& database, const QString& user = {}, const QString& password = {});

private:
    Dialect m_dialect;
    QString m_url;
    QString m_pgDatabase;
    std::unique_ptr<QTemporaryDir> m_dir;
};

/// Runs tests/support/pg-fixture.sh COMMAND STATE_DIR (start, restart, pause, resume, stop); fatal on
/// failure.
void runPgFixture(const QString& command, const QString& stateDir);

/// The backend's own schema file (tests/data/store_schema_postgres.sql, copied from the contract).
QString backendSchemaSql();

} // namespace RagScope::Test
