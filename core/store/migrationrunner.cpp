#include "migrationrunner.h"
#include "store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

namespace RagScope {

namespace {

QString readResource(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// "-- ragscope:refuse-if-rows <table>" in a down file: refuse while that table holds rows.
QStringList guardedTables(const QString& sql)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^--\s*ragscope:refuse-if-rows\s+(\w+)\s*$)"), QRegularExpression::MultilineOption);
    QStringList tables;
    auto it = re.globalMatch(sql);
    while (it.hasNext())
        tables << it.next().captured(1);
    return tables;
}

} // namespace

MigrationRunner::MigrationRunner(const Store& store)
    : m_store(store)
    , m_migrations(available(store.dialect()))
{ }

QList<Migration> MigrationRunner::available(Dialect dialect)
{
    const QString dir = QStringLiteral(":/ragscope/migrations/")
        + (dialect == Dialect::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite"));
    static const QRegularExpression re(QStringLiteral(R"(^(\d{4})_(\w+)\.up\.sql$)"));
    QMap<int, Migration> byVersion;
    const QStringList files = QDir(dir).entryList(QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const auto m = re.match(file);
        if (!m.hasMatch())
            continue;
        Migration mig;
        mig.version = m.captured(1).toInt();
        mig.name = m.captured(2);
        mig.upSql = readResource(dir + QLatin1Char('/') + file);
        mig.downSql = readResource(dir + QLatin1Char('/') + m.captured(1) + QLatin1Char('_') + mig.name
            + QStringLiteral(".down.sql"));
        byVersion.insert(mig.version, mig);
    }
    return byVersion.values();
}

int MigrationRunner::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.last().version;
}

QStringList MigrationRunner::statements(const QString& sql)
{
    // A small lexer: ";" ends a statement unless it is inside a string, a quoted identifier,
    // a dollar-quoted body ($$…$$, $tag$…$tag$) or a comment. Comments are dropped.
    static const QRegularExpression dollarTag(QStringLiteral(R"(\$(?:[A-Za-z_]\w*)?\$)"));
    QStringList out;
    QString current;
    const auto flush = [&] {
        const QString statement = current.trimmed();
        if (!statement.isEmpty())
            out << statement;
        current.clear();
    };
    const qsizetype n = sql.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = sql[i];
        const QChar next = i + 1 < n ? sql[i + 1] : QChar();
        qsizetype end = -1; // one past a token copied as it is
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            const qsizetype eol = sql.indexOf(QLatin1Char('\n'), i);
            i = eol < 0 ? n : eol;
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype close = sql.indexOf(QStringLiteral("*/"), i + 2);
            i = close < 0 ? n : close + 2;
            current += QLatin1Char(' ');
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            end = i + 1;
            while (end < n && (sql[end] != c || (end + 1 < n && sql[end + 1] == c)))
                end += sql[end] == c ? 2 : 1; // a doubled quote stands for itself
            end = std::min(end + 1, n);
        } else if (c == QLatin1Char('$')) {
            const auto tag = dollarTag.match(
                sql, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            if (tag.hasMatch()) {
                const qsizetype close = sql.indexOf(tag.captured(), tag.capturedEnd());
                end = close < 0 ? n : close + tag.capturedLength();
            }
        } else if (c == QLatin1Char(';')) {
            flush();
            ++i;
            continue;
        }
        if (end < 0)
            end = i + 1;
        current += QStringView(sql).mid(i, end - i);
        i = end;
    }
    flush();
    return out;
}

Result<QList<int>> MigrationRunner::appliedVersions() const
{
    // Not to_regclass(): it trusts the session's catalog cache, which still says "missing" to a
    // runner that waited on the migration lock while another one created the table.
    const QString exists = m_store.dialect() == Dialect::Postgres
        ? QStringLiteral("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                         " ON n.oid = c.relnamespace WHERE c.relname = 'ragscope_migrations'"
                         " AND n.nspname = current_schema())")
        : QStringLiteral(
            "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'ragscope_migrations'");
    RAGSCOPE_TRY(probe, m_store.exec(exists));
    if (!probe.next() || !probe.value(0).toBool())
        return QList<int> {};
    RAGSCOPE_TRY(q, m_store.exec(QStringLiteral("SELECT version FROM ragscope_migrations ORDER BY version")));
    QList<int> versions;
    while (q.next())
        versions << q.value(0).toInt();
    return versions;
}

Status MigrationRunner::runInTransaction(const Migration& migration, bool up) const
{
    const bool pg = m_store.dialect() == Dialect::Postgres;
    return m_store.transaction([&]() -> Status {
        if (pg) {
            // Two RagScopes migrating one store at once: the second waits, then finds it done.
            RAGSCOPE_TRY(lock, m_store.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7243001)")));
        }
        RAGSCOPE_TRY(applied, appliedVersions());
        if (applied.contains(migration.version) == up)
            return Done {}; // someone else did it meanwhile
        if (!up) {
            const QStringList guarded = guardedTables(migration.downSql);
            for (const QString& table : guarded) {
                // table names come from our own migration files, never from users
                RAGSCOPE_TRY(count, m_store.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)));
                if (count.next() && count.value(0).toLongLong() > 0)
                    return makeError(ErrorKind::InvalidInput,
                        QCoreApplication::translate("RagScope::MigrationRunner",
                            "refusing to roll back migration %1 (%2): %3 holds %4 rows")
                            .arg(migration.version)
                            .arg(migration.name, table)
                            .arg(count.value(0).toLongLong()));
            }
        }
        const QStringList stmts = statements(up ? migration.upSql : migration.downSql);
        for (const QString& stmt : stmts) {
            auto q = m_store.exec(stmt);
            if (!q.ok()) {
                Error e = q.error();
                e.message = QStringLiteral("migration %1 (%2) failed: %3")
                                .arg(migration.version)
                                .arg(migration.name, e.message);
                return e;
            }
        }
        if (up) {
            RAGSCOPE_TRY(rec,
                m_store.exec(QStringLiteral("INSERT INTO ragscope_migrations (version, name) VALUES (?, ?)"),
                    { migration.version, migration.name }));
        } else if (migration.version != m_migrations.first().version) {
            // the first migration's rollback drops ragscope_migrations itself
            RAGSCOPE_TRY(rec,
                m_store.exec(QStringLiteral("DELETE FROM ragscope_migrations WHERE version = ?"),
                    { migration.version }));
        }
        return Done {};
    });
}

Result<QList<int>> MigrationRunner::migrateUp() const
{
    RAGSCOPE_TRY(applied, appliedVersions());
    QList<int> done;
    for (const Migration& m : m_migrations) {
        if (applied.contains(m.version))
            continue;
        const Status s = runInTransaction(m, true);
        if (!s.ok())
            return s.error();
        done << m.version;
    }
    return done;
}

Result<int> MigrationRunner::rollbackLatest() const
{
    RAGSCOPE_TRY(applied, appliedVersions());
    if (applied.isEmpty())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::MigrationRunner", "nothing to roll back: no migration is recorded"));
    const int version = applied.last();
    for (const Migration& m : m_migrations) {
        if (m.version != version)
            continue;
        const Status s = runInTransaction(m, false);
        if (!s.ok())
            return s.error();
        return version;
    }
    return makeError(ErrorKind::InvalidInput,
        QCoreApplication::translate(
            "RagScope::MigrationRunner", "migration %1 is recorded but unknown to this RagScope (newer?)")
            .arg(version));
}

} // namespace RagScope
