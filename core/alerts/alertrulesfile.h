#pragma once

#include "alertrule.h"
#include "base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace RagScope {

/// The JSON rules file (`{"rules": [ … ]}`, README "Alerts"): parsing with validation that names
/// the rule at fault, and writing (the app's rule editor) atomically.
class AlertRulesFile
{
public:
    /// Every rule checked; the first problem is refused as InvalidInput naming the rule
    /// ("rule 2 'p95 latency': unknown kind 'latency'").
    static Result<QList<AlertRule>> parse(const QByteArray& json);
    /// parse() of a file; a missing file is NotFound.
    static Result<QList<AlertRule>> load(const QString& path);
    static QJsonObject toJson(const QList<AlertRule>& rules);
    /// Writes toJson() through a temporary file renamed into place (QSaveFile).
    static Status save(const QString& path, const QList<AlertRule>& rules);
    /// The rule checks alone (the editor validates before it saves): empty when the rule is valid.
    static QString problem(const AlertRule& rule);
};

} // namespace RagScope
