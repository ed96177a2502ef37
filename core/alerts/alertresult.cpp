#include "alertresult.h"

namespace RagScope {

QString alertStateName(AlertState state)
{
    switch (state) {
    case AlertState::Warning:
        return QStringLiteral("WARNING");
    case AlertState::Critical:
        return QStringLiteral("CRITICAL");
    case AlertState::Ok:
        break;
    }
    return QStringLiteral("OK");
}

QString AlertResult::label() const
{
    // A rule without any data has no group to name.
    if (rule.groupBy == AlertRule::GroupBy::None || (group.isEmpty() && count == 0))
        return rule.name;
    const QString g
        = group.isEmpty() && rule.groupBy == AlertRule::GroupBy::Model ? QStringLiteral("no model") : group;
    return QStringLiteral("%1 (%2)").arg(rule.name, g);
}

QString AlertResult::valueText() const
{
    if (cost)
        return rule.formatCost(*cost);
    if (value)
        return rule.formatValue(*value);
    return QStringLiteral("—");
}

QString AlertResult::thresholdText() const
{
    if (state == AlertState::Ok)
        return {};
    const bool critical = state == AlertState::Critical;
    if (rule.kind == AlertRule::Kind::CostTotal)
        return rule.formatCost(critical ? *rule.criticalCost : *rule.warnCost);
    return rule.formatValue(critical ? *rule.critical : *rule.warn);
}

QString AlertResult::summary() const
{
    if (!note.isEmpty())
        return QStringLiteral("%1 OK (%2)").arg(label(), note);
    if (state == AlertState::Ok)
        return QStringLiteral("%1 %2").arg(label(), valueText());
    return QStringLiteral("%1 %2 >= %3").arg(label(), valueText(), thresholdText());
}

} // namespace RagScope
