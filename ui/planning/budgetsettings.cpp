#include "budgetsettings.h"

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
