#include "budgetstore.h"

#include "store/sqldialect.h"

#include <QCoreApplication>
#include <QDateTime>

namespace RagScope {

namespace {

constexpr int BudgetsSchema = 7;

bool hasTable(const Store& store)
{
    return store.schemaVersion() >= BudgetsSchema
        && store.exec(QStringLiteral("SELECT 1 FROM ragscope_budgets WHERE 1 = 0")).ok();
}

// PostgreSQL returns NUMERIC as text here so no digit passes through a double.
QString amountColumn(const SqlDialect& d)
{
    return d.isPostgres() ? QStringLiteral("CAST(monthly_usd AS TEXT)") : QStringLiteral("monthly_usd_e8");
}

QString scopeOf(const std::optional<QString>& model)
{
    return model ? *model : QStringLiteral("");
}

} // namespace

BudgetStore::BudgetStore(StorePtr store)
    : m_store(std::move(store))
{ }

bool BudgetStore::available() const
{
    return hasTable(*m_store);
}

bool BudgetStore::writable() const
{
    const StorePtr writer = m_store->writer();
    return !writer->isReadOnly() && hasTable(*writer);
}

Result<QMap<QString, Money>> BudgetStore::all() const
{
    QMap<QString, Money> budgets;
    if (!hasTable(*m_store))
        return budgets;
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q,
        m_store->exec(
            QStringLiteral("SELECT scope, %1 FROM ragscope_budgets ORDER BY scope").arg(amountColumn(d))));
    while (q.next())
        budgets.insert(q.value(0).toString(), d.moneyValue(q.value(1)));
    return budgets;
}

Result<std::optional<Money>> BudgetStore::budget(const std::optional<QString>& model) const
{
    if (!hasTable(*m_store))
        return std::optional<Money>();
    const SqlDialect d(m_store->dialect());
    RAGSCOPE_TRY(q,
        m_store->exec(QStringLiteral("SELECT %1 FROM ragscope_budgets WHERE scope = ?").arg(amountColumn(d)),
            { scopeOf(model) }));
    if (!q.next())
        return std::optional<Money>();
    return std::optional<Money>(d.moneyValue(q.value(0)));
}

Status BudgetStore::checkWritable(const StorePtr& writer) const
{
    if (writer->isReadOnly())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::BudgetStore", "cannot save the budget: %1")
                .arg(writer->readOnlyReason()));
    if (!hasTable(*writer))
        return makeError(ErrorKind::MissingSchema,
            QCoreApplication::translate("RagScope::BudgetStore",
                "this store has no budgets (schema version %1 < %2): run `ragscope-cli migrate`")
                .arg(writer->schemaVersion())
                .arg(BudgetsSchema));
    return Done {};
}

Status BudgetStore::set(const std::optional<QString>& model, Money amount, const QString& by) const
{
    if (amount < Money {})
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::BudgetStore", "a budget cannot be negative"));
    if (scopeOf(model).size() > 255 || by.size() > 255)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::BudgetStore", "a model or user name is longer than 255 characters"));
    const StorePtr writer = m_store->writer();
    if (const Status ok = checkWritable(writer); !ok.ok())
        return ok;
    const SqlDialect d(writer->dialect());
    const QString column = d.isPostgres() ? QStringLiteral("monthly_usd") : QStringLiteral("monthly_usd_e8");
    // One statement both dialects know (PostgreSQL 9.5+, SQLite 3.24+): no read-then-write race.
    const auto q = writer->exec(
        QStringLiteral(
            "INSERT INTO ragscope_budgets (scope, %1, updated_at, updated_by) VALUES (?, %2, %3, ?)"
            " ON CONFLICT (scope) DO UPDATE SET %1 = excluded.%1, updated_at = excluded.updated_at,"
            " updated_by = excluded.updated_by")
            .arg(column, d.moneyParam(), d.timeParam()),
        { scopeOf(model), d.bindMoney(amount), d.bindTime(QDateTime::currentDateTimeUtc()), by });
    if (!q.ok())
        return q.error();
    return Done {};
}

Status BudgetStore::clear(const std::optional<QString>& model) const
{
    const StorePtr writer = m_store->writer();
    if (const Status ok = checkWritable(writer); !ok.ok())
        return ok;
    const auto q
        = writer->exec(QStringLiteral("DELETE FROM ragscope_budgets WHERE scope = ?"), { scopeOf(model) });
    if (!q.ok())
        return q.error();
    return Done {};
}

} // namespace RagScope
