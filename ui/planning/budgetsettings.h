#pragma once

#include "money/money.h"

#include <QString>

#include <optional>

namespace RagScope {

/// Monthly budgets, total and per model, kept in the user's settings (QSettings) as exact
/// decimal strings. (Not in the store: no migration of this release holds them.)
class BudgetSettings
{
public:
    /// Budget for all models (no model) or one model; none when not set.
    static std::optional<Money> budget(const std::optional<QString>& model = {});
    /// Sets (a value) or clears (none) a budget.
    static void setBudget(const std::optional<Money>& amount, const std::optional<QString>& model = {});
};

} // namespace RagScope
