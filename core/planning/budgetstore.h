#pragma once

#include "money/money.h"
#include "store/store.h"

#include <QMap>

namespace RagScope {

/// Monthly budgets shared through the store (ragscope_budgets, schema version 7): one per
/// scope, the total (no model) or one model. Reads come from the store given; writes go
/// through Store::writer() and are refused, with the reason, where the role may not write.
class BudgetStore
{
public:
    explicit BudgetStore(StorePtr store);

    /// Whether this store holds the budgets table (an older store or a snapshot may not).
    bool available() const;
    /// Whether set()/clear() can succeed: the table exists and the writer may write.
    bool writable() const;

    /// Every budget: key "" is the total, any other key a model's name.
    Result<QMap<QString, Money>> all() const;
    /// One scope's budget (total when `model` is none); none when not set.
    Result<std::optional<Money>> budget(const std::optional<QString>& model = {}) const;
    /// Sets the budget of a scope (insert or replace); `by` is recorded as updated_by.
    Status set(const std::optional<QString>& model, Money amount, const QString& by) const;
    /// Removes a scope's budget (nothing happens when it had none).
    Status clear(const std::optional<QString>& model) const;

private:
    Status checkWritable(const StorePtr& writer) const;

    StorePtr m_store;
};

} // namespace RagScope
