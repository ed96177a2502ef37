#include "fixtures.h"
#include "store/migrationrunner.h"
#include "store/sqldialect.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

using namespace RagScope;
using RagScope::Test::countRows;
using RagScope::Test::TestDatabase;

namespace {

QList<int> shippedVersions(Dialect dialect)
{
    QList<int> versions;
    const QList<Migration> migrations = MigrationRunner::available(dialect);
    for (const Migration& m : migrations)
        versions << m.version;
    return versions;
}

// Whether a table or index exists, from the catalog (not through the code under test).
bool exists(const Store& store, const QString& name)
{
    auto q = store.dialect() == Dialect::Postgres
        ? store.exec(QStringLiteral("SELECT to_regclass(?) IS NOT NULL"), { name })
        : store.exec(QStringLiteral("SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = ?"), { name });
    if (!q.ok())
        qFatal("catalog query failed: %s", qPrintable(q.error().message));
    return q.value().next() && q.value().value(0).toBool();
}

void addInteraction(const Store& store)
{
    const SqlDialect d(store.dialect());
    const auto q
        = store.exec(QStringLiteral("INSERT INTO chat_interactions (id, user_id, query, answer, created_at)"
                                    " VALUES (%1, ?, ?, ?, %2)")
                         .arg(d.uuidParam(), d.timeParam()),
            { d.bindUuid(QUuid::createUuid()), QStringLiteral("alice"), QStringLiteral("q"),
                QStringLiteral("a"), d.bindTime(QDateTime::currentDateTimeUtc()) });
    if (!q.ok())
        qFatal("insert failed: %s", qPrintable(q.error().message));
}

} // namespace

// Behaviour on both dialects.
class MigrationRunnerTest : public QObject
{
    Q_OBJECT

private slots:
    void shipsTheSameMigrationsForBothDialects();
    void openingAnEmptyStoreAppliesAllAndRecordsThem();
    void migratingAgainAppliesNothing();
    void rollsBackStepByStepDownToNothing();
    void refusesToRollBackTheMonitoringTablesWhileTheyHoldRows();
    void migratesUpAgainAfterRollback();
    void concurrentMigrationsApplyEachVersionOnce();
    void teamReviewRollbackRefusesWhileQueuesExist();
    void teamReviewRollbackDropsUndoPairsAndKeepsVerdicts();
    void teamReviewRejectsABadLabelColour();
    void budgetsHoldExactMoneyAndOneRowPerScope();
    void splitsStatements_data();
    void splitsStatements();
};

void MigrationRunnerTest::shipsTheSameMigrationsForBothDialects()
{
    const QList<Migration> pg = MigrationRunner::available(Dialect::Postgres);
    const QList<Migration> sqlite = MigrationRunner::available(Dialect::Sqlite);
    QVERIFY(!pg.isEmpty());
    QCOMPARE(pg.size(), sqlite.size());
    for (qsizetype i = 0; i < pg.size(); ++i) {
        QCOMPARE(pg[i].version, int(i + 1));
        QCOMPARE(sqlite[i].version, pg[i].version);
        QCOMPARE(sqlite[i].name, pg[i].name);
        for (const Migration* m : { &pg[i], &sqlite[i] }) {
            QVERIFY2(!MigrationRunner::statements(m->upSql).isEmpty(), qPrintable(m->name));
            QVERIFY2(!MigrationRunner::statements(m->downSql).isEmpty(), qPrintable(m->name));
        }
    }
}

void MigrationRunnerTest::openingAnEmptyStoreAppliesAllAndRecordsThem()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const MigrationRunner runner(*store);
    const auto applied = runner.appliedVersions();
    QVERIFY(applied.ok());
    QCOMPARE(applied.value(), shippedVersions(db.dialect()));
    QCOMPARE(runner.latestVersion(), shippedVersions(db.dialect()).last());

    auto q = store->exec(QStringLiteral("SELECT version, name FROM ragscope_migrations ORDER BY version"));
    QVERIFY(q.ok());
    const QList<Migration> shipped = MigrationRunner::available(db.dialect());
    for (const Migration& m : shipped) {
        QVERIFY(q.value().next());
        QCOMPARE(q.value().value(0).toInt(), m.version);
        QCOMPARE(q.value().value(1).toString(), m.name);
    }
    QVERIFY(!q.value().next());
    for (const char* name : { "chat_interactions", "chat_feedbacks", "ragscope_reviews", "ix_ci_created_id" })
        QVERIFY2(exists(*store, QLatin1String(name)), name);
}

void MigrationRunnerTest::migratingAgainAppliesNothing()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    addInteraction(*store);
    const MigrationRunner runner(*store);
    const auto applied = runner.migrateUp();
    QVERIFY(applied.ok());
    QVERIFY(applied.value().isEmpty());
    QCOMPARE(countRows(*store, QStringLiteral("ragscope_migrations")), qint64(runner.latestVersion()));
    QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), qint64(1));
}

void MigrationRunnerTest::rollsBackStepByStepDownToNothing()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const MigrationRunner runner(*store);
    QCOMPARE(runner.latestVersion(), 11);

    QCOMPARE(runner.rollbackLatest().value(), 11);
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_quarter_user")));
    QVERIFY(exists(*store, QStringLiteral("ragscope_rollup_open_day_user")));

    QCOMPARE(runner.rollbackLatest().value(), 10);
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_open_day_user")));
    QVERIFY(exists(*store, QStringLiteral("ragscope_rollup_day_model")));

    QCOMPARE(runner.rollbackLatest().value(), 9);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3, 4, 5, 6, 7, 8 }));
    for (const char* name : { "ragscope_rollup_day_model", "ragscope_rollup_feedback_day_model",
             "ragscope_rollup_rating_day_model" })
        QVERIFY2(!exists(*store, QLatin1String(name)), name);
    QVERIFY(exists(*store, QStringLiteral("ragscope_rollup_week_user")));

    QCOMPARE(runner.rollbackLatest().value(), 8);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3, 4, 5, 6, 7 }));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_hour_user")));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_feedback_hour_user")));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_week_user")));
    QVERIFY(exists(*store, QStringLiteral("ragscope_budgets")));

    QCOMPARE(runner.rollbackLatest().value(), 7);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3, 4, 5, 6 }));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_budgets")));
    QVERIFY(exists(*store, QStringLiteral("ragscope_review_labels")));

    QCOMPARE(runner.rollbackLatest().value(), 6);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3, 4, 5 }));
    for (const char* name : { "ragscope_review_labels", "ragscope_review_scale", "ragscope_review_queues",
             "ragscope_review_leases", "ix_rr_queue", "ix_rr_undoes" })
        QVERIFY2(!exists(*store, QLatin1String(name)), name);
    QVERIFY(exists(*store, QStringLiteral("ragscope_rollup_rating_hour_model")));

    QCOMPARE(runner.rollbackLatest().value(), 5);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3, 4 }));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_day_model_sketch")));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_rating_hour_model")));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_dirty")));
    QVERIFY(exists(*store, QStringLiteral("ragscope_rollup_hour_model")));

    QCOMPARE(runner.rollbackLatest().value(), 4);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3 }));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_rollup_hour_model")));
    QVERIFY(!exists(*store, QStringLiteral("ix_cf_created_id_rating")));
    QVERIFY(exists(*store, QStringLiteral("ix_ci_created_id")));

    QCOMPARE(runner.rollbackLatest().value(), 3);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2 }));
    QVERIFY(!exists(*store, QStringLiteral("ix_ci_created_id")));
    QVERIFY(exists(*store, QStringLiteral("ragscope_reviews")));

    QCOMPARE(runner.rollbackLatest().value(), 2);
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1 }));
    QVERIFY(!exists(*store, QStringLiteral("ragscope_reviews")));
    QVERIFY(exists(*store, QStringLiteral("chat_interactions")));

    QCOMPARE(runner.rollbackLatest().value(), 1);
    QCOMPARE(runner.appliedVersions().value(), QList<int>());
    for (const char* name : { "chat_interactions", "chat_feedbacks", "ragscope_migrations" })
        QVERIFY2(!exists(*store, QLatin1String(name)), name);

    const auto nothing = runner.rollbackLatest();
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(nothing.error().message.contains(QStringLiteral("nothing to roll back")),
        qPrintable(nothing.error().message));
}

void MigrationRunnerTest::refusesToRollBackTheMonitoringTablesWhileTheyHoldRows()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    addInteraction(*store);
    addInteraction(*store);
    const MigrationRunner runner(*store);
    for (int expected = 11; expected >= 2; --expected)
        QCOMPARE(runner.rollbackLatest().value(), expected);

    const auto refused = runner.rollbackLatest();
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(refused.error().message,
        QStringLiteral(
            "refusing to roll back migration 1 (monitoring_tables): chat_interactions holds 2 rows"));
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1 }));
    QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), qint64(2));
}

void MigrationRunnerTest::migratesUpAgainAfterRollback()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const MigrationRunner runner(*store);
    for (int expected = 11; expected >= 1; --expected)
        QCOMPARE(runner.rollbackLatest().value(), expected);

    // the store is empty now: the runner applies everything
    const auto all = runner.migrateUp();
    QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().message));
    QCOMPARE(all.value(), shippedVersions(db.dialect()));
    addInteraction(*store);

    for (int expected = 11; expected >= 2; --expected)
        QCOMPARE(runner.rollbackLatest().value(), expected);
    const auto rest = runner.migrateUp();
    QVERIFY(rest.ok());
    QCOMPARE(rest.value(), QList<int>({ 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }));
    QCOMPARE(runner.appliedVersions().value(), shippedVersions(db.dialect()));
    QVERIFY(exists(*store, QStringLiteral("ragscope_reviews")));
    QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), qint64(1));
}

void MigrationRunnerTest::concurrentMigrationsApplyEachVersionOnce()
{
    TestDatabase db;
    {
        // empty it again, keeping a handle that sees the empty store
        const StorePtr store = db.open(true);
        const MigrationRunner runner(*store);
        while (runner.rollbackLatest().ok()) { }
    }
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    QList<QFuture<QString>> runs;
    for (int i = 0; i < 4; ++i) {
        runs << QtConcurrent::run(&pool, [url = db.url()] {
            Store::OpenOptions options;
            options.createSchema = true; // the store is empty again: creating it needs consent
            const auto store = Store::open(url, options);
            return store.ok() ? QString() : store.error().message;
        });
    }
    for (QFuture<QString>& run : runs)
        QCOMPARE(run.result(), QString());
    const StorePtr store = db.open(false);
    QCOMPARE(countRows(*store, QStringLiteral("ragscope_migrations")),
        qint64(shippedVersions(db.dialect()).size()));
}

namespace {

// A review row as an older RagScope or a newer one writes it (kind and undoes_id from 0006).
void addReview(const Store& store, const QUuid& id, const QString& kind, const QUuid& undoes = {})
{
    const SqlDialect d(store.dialect());
    auto interaction = store.exec(QStringLiteral("SELECT id FROM chat_interactions"));
    if (!interaction.ok() || !interaction.value().next())
        qFatal("no interaction");
    const auto q
        = store.exec(QStringLiteral("INSERT INTO ragscope_reviews (id, interaction_id, reviewer, rating,"
                                    " kind, undoes_id, created_at) VALUES (%1, %1, ?, 3, ?, %1, %2)")
                         .arg(d.uuidParam(), d.timeParam()),
            { d.bindUuid(id), interaction.value().value(0), QStringLiteral("bob"), kind,
                undoes.isNull() ? QVariant(QMetaType::fromType<QString>()) : d.bindUuid(undoes),
                d.bindTime(QDateTime::currentDateTimeUtc()) });
    if (!q.ok())
        qFatal("insert failed: %s", qPrintable(q.error().message));
}

} // namespace

void MigrationRunnerTest::teamReviewRollbackRefusesWhileQueuesExist()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const SqlDialect d(store->dialect());
    QVERIFY(store
                ->exec(QStringLiteral("INSERT INTO ragscope_review_queues (id, name, filter_json, created_by,"
                                      " created_at) VALUES (%1, ?, ?, ?, %2)")
                           .arg(d.uuidParam(), d.timeParam()),
                    { d.bindUuid(QUuid::createUuid()), QStringLiteral("low rated"), QStringLiteral("{}"),
                        QStringLiteral("bob"), d.bindTime(QDateTime::currentDateTimeUtc()) })
                .ok());
    const MigrationRunner runner(*store);
    QCOMPARE(runner.rollbackLatest().value(), 11);
    QCOMPARE(runner.rollbackLatest().value(), 10);
    QCOMPARE(runner.rollbackLatest().value(), 9);
    QCOMPARE(runner.rollbackLatest().value(), 8);
    QCOMPARE(runner.rollbackLatest().value(), 7);
    const auto refused = runner.rollbackLatest();
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message,
        QStringLiteral(
            "refusing to roll back migration 6 (team_review): ragscope_review_queues holds 1 rows"));
    QCOMPARE(runner.appliedVersions().value(), QList<int>({ 1, 2, 3, 4, 5, 6 }));
    QVERIFY(exists(*store, QStringLiteral("ragscope_review_leases")));
}

void MigrationRunnerTest::teamReviewRollbackDropsUndoPairsAndKeepsVerdicts()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    addInteraction(*store);
    const QUuid kept = QUuid::createUuid(), undone = QUuid::createUuid();
    addReview(*store, kept, QStringLiteral("review"));
    addReview(*store, undone, QStringLiteral("review"));
    addReview(*store, QUuid::createUuid(), QStringLiteral("undo"), undone);
    const MigrationRunner runner(*store);
    QCOMPARE(runner.rollbackLatest().value(), 11);
    QCOMPARE(runner.rollbackLatest().value(), 10);
    QCOMPARE(runner.rollbackLatest().value(), 9);
    QCOMPARE(runner.rollbackLatest().value(), 8);
    QCOMPARE(runner.rollbackLatest().value(), 7);
    QCOMPARE(runner.rollbackLatest().value(), 6);
    auto q = store->exec(QStringLiteral("SELECT id FROM ragscope_reviews"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(QUuid::fromString(q.value().value(0).toString()), kept);
    QVERIFY(!q.value().next());

    // and up again: the columns come back with their defaults
    QCOMPARE(runner.migrateUp().value(), QList<int>({ 6, 7, 8, 9, 10, 11 }));
    q = store->exec(QStringLiteral("SELECT kind, queue_id FROM ragscope_reviews"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toString(), QStringLiteral("review"));
    QVERIFY(q.value().value(1).isNull());
}

void MigrationRunnerTest::teamReviewRejectsABadLabelColour()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const QString insert = QStringLiteral("INSERT INTO ragscope_review_labels (name, colour) VALUES (?, ?)");
    QVERIFY(store->exec(insert, { QStringLiteral("ok"), QStringLiteral("#a0B1c2") }).ok());
    QVERIFY(!store->exec(insert, { QStringLiteral("bad"), QStringLiteral("red") }).ok());
    QVERIFY(!store
                 ->exec(QStringLiteral("INSERT INTO ragscope_review_scale (rating, wording) VALUES (6, ?)"),
                     { QStringLiteral("beyond") })
                 .ok());
}

// 0007: a budget keeps all eight decimals, one row per scope ('' is the total), never negative.
void MigrationRunnerTest::budgetsHoldExactMoneyAndOneRowPerScope()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const SqlDialect d(store->dialect());
    const QString column = d.isPostgres() ? QStringLiteral("monthly_usd") : QStringLiteral("monthly_usd_e8");
    const QString insert = QStringLiteral("INSERT INTO ragscope_budgets (scope, %1, updated_at, updated_by)"
                                          " VALUES (?, %2, %3, ?)")
                               .arg(column, d.moneyParam(), d.timeParam());
    const QVariant now = d.bindTime(QDateTime::currentDateTimeUtc());
    const Money amount = Money::parse(QStringLiteral("12345678901.12345678")).value();
    QVERIFY(
        store->exec(insert, { QStringLiteral(""), d.bindMoney(amount), now, QStringLiteral("bob") }).ok());
    QVERIFY(
        !store->exec(insert, { QStringLiteral(""), d.bindMoney(amount), now, QStringLiteral("eve") }).ok());
    QVERIFY(
        !store
             ->exec(insert,
                 { QStringLiteral("gpt-4o"), d.bindMoney(Money::fromUnits(-1)), now, QStringLiteral("eve") })
             .ok());
    auto q = store->exec(QStringLiteral("SELECT %1 FROM ragscope_budgets")
                             .arg(d.isPostgres() ? QStringLiteral("CAST(monthly_usd AS TEXT)") : column));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(d.moneyValue(q.value().value(0)).toString(), QStringLiteral("12345678901.12345678"));
    q.value().finish(); // SQLite cannot drop a table a statement still reads
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 11);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 10);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 9);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 8);
    QCOMPARE(MigrationRunner(*store).rollbackLatest().value(), 7);
    QVERIFY(!exists(*store, QStringLiteral("ragscope_budgets")));
}

void MigrationRunnerTest::splitsStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("statements"); // compared with whitespace simplified

    QTest::newRow("two statements") << QStringLiteral("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);\n")
                                    << QStringList { QStringLiteral("CREATE TABLE a (x INT)"),
                                           QStringLiteral("CREATE TABLE b (y INT)") };
    QTest::newRow("comment lines dropped")
        << QStringLiteral("-- header;\nCREATE TABLE a (x INT);\n-- trailer\n")
        << QStringList { QStringLiteral("CREATE TABLE a (x INT)") };
    QTest::newRow("comment after the semicolon")
        << QStringLiteral("CREATE TABLE a (x INT); -- done\nCREATE TABLE b (y INT);")
        << QStringList { QStringLiteral("CREATE TABLE a (x INT)"), QStringLiteral("CREATE TABLE b (y INT)") };
    QTest::newRow("comment ending in a semicolon inside a statement")
        << QStringLiteral("CREATE TABLE a (\n    x INT, -- first;\n    y INT\n);")
        << QStringList { QStringLiteral("CREATE TABLE a ( x INT, y INT )") };
    QTest::newRow("semicolon in a string")
        << QStringLiteral("INSERT INTO t VALUES ('a;b');\nSELECT 1;")
        << QStringList { QStringLiteral("INSERT INTO t VALUES ('a;b')"), QStringLiteral("SELECT 1") };
    QTest::newRow("doubled quote in a string")
        << QStringLiteral("INSERT INTO t VALUES ('it''s; fine');")
        << QStringList { QStringLiteral("INSERT INTO t VALUES ('it''s; fine')") };
    QTest::newRow("dashes in a string")
        << QStringLiteral("INSERT INTO t VALUES ('-- no comment;');")
        << QStringList { QStringLiteral("INSERT INTO t VALUES ('-- no comment;')") };
    QTest::newRow("semicolon in a quoted identifier")
        << QStringLiteral("CREATE TABLE \"odd;name\" (x INT);")
        << QStringList { QStringLiteral("CREATE TABLE \"odd;name\" (x INT)") };
    QTest::newRow("dollar-quoted body") << QStringLiteral(
        "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT 1;")
                                        << QStringList { QStringLiteral(
                                                             "CREATE FUNCTION f() RETURNS int AS $$ BEGIN "
                                                             "RETURN 1; END; $$ LANGUAGE plpgsql"),
                                               QStringLiteral("SELECT 1") };
    QTest::newRow("tagged dollar quote")
        << QStringLiteral("DO $body$ BEGIN PERFORM 1; END $body$;\nSELECT 2;")
        << QStringList { QStringLiteral("DO $body$ BEGIN PERFORM 1; END $body$"),
               QStringLiteral("SELECT 2") };
    QTest::newRow("positional parameter is no dollar quote") << QStringLiteral(
        "SELECT $1; SELECT $2;") << QStringList { QStringLiteral("SELECT $1"), QStringLiteral("SELECT $2") };
    QTest::newRow("block comment") << QStringLiteral("/* a; b */ SELECT 1;")
                                   << QStringList { QStringLiteral("SELECT 1") };
    QTest::newRow("last statement without semicolon") << QStringLiteral(
        "SELECT 1;\nSELECT 2") << QStringList { QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2") };
    QTest::newRow("several on one line") << QStringLiteral(
        "SELECT 1; SELECT 2;") << QStringList { QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2") };
    QTest::newRow("CRLF line endings")
        << QStringLiteral("SELECT 1;\r\n-- c\r\nSELECT 2;\r\n")
        << QStringList { QStringLiteral("SELECT 1"), QStringLiteral("SELECT 2") };
    QTest::newRow("empty statements skipped")
        << QStringLiteral(";;\n  ;SELECT 1;;") << QStringList { QStringLiteral("SELECT 1") };
    QTest::newRow("comments only") << QStringLiteral("-- nothing\n\n/* here */\n") << QStringList();
    QTest::newRow("empty") << QString() << QStringList();
}

void MigrationRunnerTest::splitsStatements()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, statements);
    QStringList split = MigrationRunner::statements(sql);
    for (QString& s : split)
        s = s.simplified();
    QCOMPARE(split, statements);
}

// PostgreSQL: a store that the backend created with its own schema file.
class MigrationRunnerPostgresTest : public QObject
{
    Q_OBJECT

private slots:
    void acceptsTheBackendsStoreAsItIsAndKeepsItsRows();
    void teamReviewUpRunsTwiceWithoutHarm();
    void budgetsUpRunsTwiceWithoutHarm();
};

void MigrationRunnerPostgresTest::acceptsTheBackendsStoreAsItIsAndKeepsItsRows()
{
    TestDatabase db;
    db.execScript(Test::backendSchemaSql());
    db.execScript(QStringLiteral(
        "INSERT INTO chat_interactions (id, user_id, query, answer, model_name, prompt_tokens, "
        "completion_tokens,"
        " total_tokens, cost_estimate, created_at) VALUES ('6f1c2b1e-8d4a-4c3e-9a57-0b1d2e3f4a5b', 'alice', "
        "'q', 'a',"
        " 'gemini-1.5-pro', 1000, 500, 1500, 0.00031250, '2026-11-19T10:00:00Z');\n"
        "INSERT INTO chat_feedbacks (id, interaction_id, rating, comment, created_at) VALUES"
        " ('0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d', '6f1c2b1e-8d4a-4c3e-9a57-0b1d2e3f4a5b', 4, 'ok',"
        " '2026-11-19T11:00:00Z');"));

    const StorePtr store = db.open(true);
    QVERIFY(!store->isReadOnly());
    QCOMPARE(store->schemaVersion(), shippedVersions(Dialect::Postgres).last());
    const MigrationRunner runner(*store);
    QCOMPARE(runner.appliedVersions().value(), shippedVersions(Dialect::Postgres));

    auto q = store->exec(
        QStringLiteral("SELECT CAST(cost_estimate AS text), total_tokens FROM chat_interactions"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toString(), QStringLiteral("0.00031250"));
    QCOMPARE(q.value().value(1).toInt(), 1500);
    QCOMPARE(countRows(*store, QStringLiteral("chat_feedbacks")), qint64(1));

    // The change-log triggers sit on the backend's tables; RagScope's own additions roll back,
    // triggers included; the backend's tables with rows do not.
    auto triggers
        = store->exec(QStringLiteral("SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'ragscope%'"));
    QVERIFY(triggers.ok() && triggers.value().next());
    QCOMPARE(triggers.value().value(0).toInt(), 6);
    for (int expected = 11; expected >= 2; --expected)
        QCOMPARE(runner.rollbackLatest().value(), expected);
    triggers = store->exec(QStringLiteral("SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'ragscope%'"));
    QVERIFY(triggers.ok() && triggers.value().next());
    QCOMPARE(triggers.value().value(0).toInt(), 0);
    const auto refused = runner.rollbackLatest();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QStringLiteral("chat_interactions holds 1 rows")),
        qPrintable(refused.error().message));
    QCOMPARE(countRows(*store, QStringLiteral("chat_interactions")), qint64(1));
    QCOMPARE(countRows(*store, QStringLiteral("chat_feedbacks")), qint64(1));
}

// Every PostgreSQL up file is idempotent: 0006 run again over itself changes nothing.
void MigrationRunnerPostgresTest::teamReviewUpRunsTwiceWithoutHarm()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    const QList<Migration> shipped = MigrationRunner::available(Dialect::Postgres);
    QCOMPARE(shipped.at(5).name, QStringLiteral("team_review"));
    db.execScript(shipped.at(5).upSql);
    auto q = store->exec(QStringLiteral("SELECT COUNT(*) FROM information_schema.columns"
                                        " WHERE table_name = 'ragscope_reviews'"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toInt(), 11);
}

void MigrationRunnerPostgresTest::budgetsUpRunsTwiceWithoutHarm()
{
    TestDatabase db;
    const StorePtr store = db.open(true);
    QVERIFY(store->exec(QStringLiteral("INSERT INTO ragscope_budgets (scope, monthly_usd) VALUES ('', 100)"))
                .ok());
    const QList<Migration> shipped = MigrationRunner::available(Dialect::Postgres);
    QCOMPARE(shipped.at(6).name, QStringLiteral("budgets"));
    db.execScript(shipped.at(6).upSql);
    QCOMPARE(countRows(*store, QStringLiteral("ragscope_budgets")), qint64(1));
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    MigrationRunnerTest common;
    int failures = QTest::qExec(&common, argc, argv);
    if (Test::dialectUnderTest() == Dialect::Postgres) {
        MigrationRunnerPostgresTest postgres;
        failures += QTest::qExec(&postgres, argc, argv);
    }
    return failures;
}

#include "tst_migrationrunner.moc"
