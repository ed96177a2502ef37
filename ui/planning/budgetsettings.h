#pragma once

#include "money/money.h"
#include "store/store.h"

#include <QString>

#include <optional>

namespace RagScope {

/// Monthly budgets, total and per model. They live in the store (BudgetStore, shared by the
/// team) when the store holds them and the role may write; else in this computer's settings
/// (QSettings) as exact decimal strings. load() and save() touch the store: call them on
/// dbThreadPool() (LatestJob), never on the GUI thread.
class BudgetSettings
{
public:
    /// A scope's budget and where it lives.
    struct Lookup
    {
        std::optional<Money> amount;
        bool inStore = false;
    };

    /// The budget of the total (no model) or one model, from the store or the settings.
    static Result<Lookup> load(const StorePtr& store, const std::optional<QString>& model = {});
    /// Sets (a value) or clears (none) a budget where load() reads it; says where.
    static Result<bool> save(
        const StorePtr& store, const std::optional<Money>& amount, const std::optional<QString>& model = {});

    /// The settings' budget only (no store open, or a role that may not write).
    static std::optional<Money> budget(const std::optional<QString>& model = {});
    /// Sets (a value) or clears (none) a budget in the settings.
    static void setBudget(const std::optional<Money>& amount, const std::optional<QString>& model = {});
};

} // namespace RagScope
