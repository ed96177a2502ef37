#include "budgetsettings.h"

#include "planning/budgetstore.h"
#include "review/revieweridentity.h"

#include <QSettings>
#include <QUrl>

namespace RagScope {

namespace {
QString keyFor(const std::optional<QString>& model)
{
    // model names go into the key percent-encoded: '/' would otherwise open a settings group
    return model ? QStringLiteral("budgets/model/") + QString::fromLatin1(QUrl::toPercentEncoding(*model))
                 : QStringLiteral("budgets/total");
}
} // namespace

Result<BudgetSettings::Lookup> BudgetSettings::load(
    const StorePtr& store, const std::optional<QString>& model)
{
    const BudgetStore shared(store);
    if (!shared.writable())
        return Lookup { budget(model), false };
    RAGSCOPE_TRY(amount, shared.budget(model));
    return Lookup { amount, true };
}

Result<bool> BudgetSettings::save(
    const StorePtr& store, const std::optional<Money>& amount, const std::optional<QString>& model)
{
    const BudgetStore shared(store);
    if (!shared.writable()) {
        setBudget(amount, model);
        return false;
    }
    if (!amount) {
        if (const Status cleared = shared.clear(model); !cleared.ok())
            return cleared.error();
        return true;
    }
    RAGSCOPE_TRY(who, ReviewerIdentity::resolve(*store->writer()));
    if (const Status saved = shared.set(model, *amount, who); !saved.ok())
        return saved.error();
    return true;
}

std::optional<Money> BudgetSettings::budget(const std::optional<QString>& model)
{
    const QString text = QSettings().value(keyFor(model)).toString();
    if (text.isEmpty())
        return std::nullopt;
    const auto amount = Money::parse(text);
    return amount.ok() ? std::optional<Money>(amount.value()) : std::nullopt;
}

void BudgetSettings::setBudget(const std::optional<Money>& amount, const std::optional<QString>& model)
{
    QSettings settings;
    if (amount)
        settings.setValue(keyFor(model), amount->toString());
    else
        settings.remove(keyFor(model));
}

} // namespace RagScope
