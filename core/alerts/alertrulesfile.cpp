#include "alertrulesfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <cmath>

namespace RagScope {

namespace {

using Kind = AlertRule::Kind;

/// The keys a rule of `kind` may have; anything else is refused (a typo must not go unnoticed).
QStringList allowedKeys(Kind kind)
{
    QStringList keys { QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("window"),
        QStringLiteral("warn"), QStringLiteral("critical"), QStringLiteral("min_requests"),
        QStringLiteral("group_by") };
    if (kind == Kind::LatencyPercentile)
        keys << QStringLiteral("phase") << QStringLiteral("percentile");
    if (kind == Kind::LowConfidenceShare)
        keys << QStringLiteral("below");
    if (kind == Kind::LowRatingShare)
        keys << QStringLiteral("at_most");
    return keys;
}

bool isWhole(double v)
{
    return std::isfinite(v) && v == std::floor(v);
}

class RuleReader
{
public:
    RuleReader(const QJsonObject& json, int index)
        : m_json(json)
        , m_index(index)
    { }

    Result<AlertRule> read()
    {
        AlertRule r;
        const QJsonValue name = m_json.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty())
            return fail(QStringLiteral("needs a \"name\" (text)"));
        r.name = name.toString().trimmed();
        m_label = QStringLiteral(" '%1'").arg(r.name);
        const QString kindText = m_json.value(QStringLiteral("kind")).toString();
        const auto kind = AlertRule::kindFromName(kindText);
        if (!kind)
            return fail(QStringLiteral("unknown kind '%1' (latency_percentile, low_confidence_share, "
                                       "low_rating_share, cost_spike or cost_total)")
                            .arg(kindText));
        r.kind = *kind;
        const QStringList allowed = allowedKeys(r.kind);
        for (const QString& key : m_json.keys())
            if (!allowed.contains(key))
                return fail(QStringLiteral("unknown key \"%1\" for kind %2").arg(key, kindText));
        const QJsonValue window = m_json.value(QStringLiteral("window"));
        if (!window.isUndefined()) {
            const auto seconds = AlertRule::parseWindow(window.toString());
            if (!seconds)
                return fail(QStringLiteral("bad window '%1' (whole hours or days from 1h to 7d, e.g. \"1h\", "
                                           "\"24h\", \"7d\")")
                                .arg(window.isString() ? window.toString() : QStringLiteral("not text")));
            r.windowSeconds = *seconds;
        }
        if (const QJsonValue v = m_json.value(QStringLiteral("group_by")); !v.isUndefined()) {
            const auto g = AlertRule::groupByFromName(v.toString());
            if (!g)
                return fail(QStringLiteral("group_by must be none, model or user"));
            r.groupBy = *g;
        }
        if (const QJsonValue v = m_json.value(QStringLiteral("phase")); !v.isUndefined()) {
            const auto p = AlertRule::phaseFromName(v.toString());
            if (!p)
                return fail(QStringLiteral("phase must be total, retrieval or generation"));
            r.phase = *p;
        }
        RAGSCOPE_TRY(minRequests, integer(QStringLiteral("min_requests"), 0, 0, 1'000'000'000));
        r.minRequests = minRequests;
        RAGSCOPE_TRY(percentile, integer(QStringLiteral("percentile"), 95, 50, 99));
        r.percentile = int(percentile);
        RAGSCOPE_TRY(atMost, integer(QStringLiteral("at_most"), 2, 1, 4));
        r.atMost = int(atMost);
        if (const QJsonValue v = m_json.value(QStringLiteral("below")); !v.isUndefined()) {
            if (!v.isDouble() || v.toDouble() <= 0 || v.toDouble() > 1)
                return fail(QStringLiteral("below must be a number above 0 and at most 1"));
            r.below = v.toDouble();
        }
        if (r.kind == Kind::CostTotal) {
            RAGSCOPE_TRY(warn, money(QStringLiteral("warn")));
            RAGSCOPE_TRY(critical, money(QStringLiteral("critical")));
            r.warnCost = warn;
            r.criticalCost = critical;
        } else {
            RAGSCOPE_TRY(warn, number(QStringLiteral("warn")));
            RAGSCOPE_TRY(critical, number(QStringLiteral("critical")));
            r.warn = warn;
            r.critical = critical;
        }
        if (const QString p = AlertRulesFile::problem(r); !p.isEmpty())
            return fail(p);
        return r;
    }

private:
    Error fail(const QString& what) const
    {
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::AlertRulesFile", "rule %1%2: %3")
                .arg(m_index + 1)
                .arg(m_label, what));
    }

    Result<qint64> integer(const QString& key, qint64 fallback, qint64 min, qint64 max) const
    {
        const QJsonValue v = m_json.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || !isWhole(v.toDouble()) || v.toDouble() < double(min)
            || v.toDouble() > double(max))
            return fail(QStringLiteral("%1 must be a whole number from %2 to %3").arg(key).arg(min).arg(max));
        return qint64(v.toDouble());
    }

    Result<std::optional<double>> number(const QString& key) const
    {
        const QJsonValue v = m_json.value(key);
        if (v.isUndefined())
            return std::optional<double>();
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(QStringLiteral("%1 must be a number").arg(key));
        return std::optional<double>(v.toDouble());
    }

    /// USD as a decimal string ("5.00") or a JSON number, kept exact (8 places).
    Result<std::optional<Money>> money(const QString& key) const
    {
        const QJsonValue v = m_json.value(key);
        if (v.isUndefined())
            return std::optional<Money>();
        const QString text = v.isString() ? v.toString()
            : v.isDouble()                ? QString::number(v.toDouble(), 'f', Money::Decimals)
                                          : QString();
        const auto parsed = Money::parse(text);
        if (!parsed.ok())
            return fail(QStringLiteral("%1 must be an amount in USD such as \"5.00\"").arg(key));
        return std::optional<Money>(parsed.value());
    }

    QJsonObject m_json;
    int m_index;
    QString m_label;
};

} // namespace

QString AlertRulesFile::problem(const AlertRule& r)
{
    if (r.name.trimmed().isEmpty())
        return QStringLiteral("needs a name");
    if (r.kind == Kind::CostTotal) {
        if (!r.warnCost && !r.criticalCost)
            return QStringLiteral("needs warn or critical (USD)");
        if ((r.warnCost && *r.warnCost <= Money()) || (r.criticalCost && *r.criticalCost <= Money()))
            return QStringLiteral("thresholds must be above $0");
        if (r.warnCost && r.criticalCost && *r.warnCost > *r.criticalCost)
            return QStringLiteral("warn must not be above critical");
        return {};
    }
    if (!r.warn && !r.critical)
        return QStringLiteral("needs warn or critical");
    for (const std::optional<double>& t : { r.warn, r.critical }) {
        if (!t)
            continue;
        if (*t <= 0)
            return QStringLiteral("thresholds must be above 0");
        if ((r.kind == Kind::LowConfidenceShare || r.kind == Kind::LowRatingShare) && *t > 1)
            return QStringLiteral("thresholds of a share are fractions from 0 to 1 (0.25 = 25%)");
    }
    if (r.warn && r.critical && *r.warn > *r.critical)
        return QStringLiteral("warn must not be above critical");
    if (!AlertRule::parseWindow(AlertRule::windowText(r.windowSeconds)))
        return QStringLiteral("bad window (whole hours or days from 1h to 7d)");
    if (r.percentile < 50 || r.percentile > 99)
        return QStringLiteral("percentile must be from 50 to 99");
    if (r.below <= 0 || r.below > 1)
        return QStringLiteral("below must be above 0 and at most 1");
    if (r.atMost < 1 || r.atMost > 4)
        return QStringLiteral("at_most must be from 1 to 4");
    return {};
}

Result<QList<AlertRule>> AlertRulesFile::parse(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::AlertRulesFile", "rules file is not JSON: %1 at offset %2")
                .arg(error.errorString())
                .arg(error.offset));
    const QJsonValue rules = doc.object().value(QStringLiteral("rules"));
    if (!doc.isObject() || !rules.isArray())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::AlertRulesFile", "rules file needs {\"rules\": [ … ]}"));
    QList<AlertRule> out;
    QSet<QString> names;
    const QJsonArray array = rules.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate("RagScope::AlertRulesFile", "rule %1: not an object").arg(i + 1));
        RAGSCOPE_TRY(rule, RuleReader(array.at(i).toObject(), i).read());
        if (names.contains(rule.name))
            return makeError(ErrorKind::InvalidInput,
                QCoreApplication::translate(
                    "RagScope::AlertRulesFile", "rule %1 '%2': the name is used twice")
                    .arg(i + 1)
                    .arg(rule.name));
        names.insert(rule.name);
        out << rule;
    }
    if (out.isEmpty())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::AlertRulesFile", "rules file holds no rules"));
    return out;
}

Result<QList<AlertRule>> AlertRulesFile::load(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::AlertRulesFile", "rules file %1 does not exist")
                .arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::AlertRulesFile", "cannot read rules file %1: %2")
                .arg(path, file.errorString()));
    auto rules = parse(file.readAll());
    if (!rules.ok())
        return makeError(rules.error().kind, path + QStringLiteral(": ") + rules.error().message);
    return rules;
}

QJsonObject AlertRulesFile::toJson(const QList<AlertRule>& rules)
{
    QJsonArray array;
    for (const AlertRule& r : rules) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), r.name);
        o.insert(QStringLiteral("kind"), AlertRule::kindName(r.kind));
        if (r.kind == Kind::LatencyPercentile) {
            o.insert(QStringLiteral("phase"), AlertRule::phaseName(r.phase));
            o.insert(QStringLiteral("percentile"), r.percentile);
        }
        if (r.kind == Kind::LowConfidenceShare)
            o.insert(QStringLiteral("below"), r.below);
        if (r.kind == Kind::LowRatingShare)
            o.insert(QStringLiteral("at_most"), r.atMost);
        o.insert(QStringLiteral("window"), AlertRule::windowText(r.windowSeconds));
        if (r.kind == Kind::CostTotal) {
            if (r.warnCost)
                o.insert(QStringLiteral("warn"), r.warnCost->toString());
            if (r.criticalCost)
                o.insert(QStringLiteral("critical"), r.criticalCost->toString());
        } else {
            if (r.warn)
                o.insert(QStringLiteral("warn"), *r.warn);
            if (r.critical)
                o.insert(QStringLiteral("critical"), *r.critical);
        }
        o.insert(QStringLiteral("min_requests"), r.minRequests);
        o.insert(QStringLiteral("group_by"), AlertRule::groupByName(r.groupBy));
        array.append(o);
    }
    return QJsonObject { { QStringLiteral("rules"), array } };
}

Status AlertRulesFile::save(const QString& path, const QList<AlertRule>& rules)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::AlertRulesFile", "cannot write rules file %1: %2")
                .arg(path, file.errorString()));
    file.write(QJsonDocument(toJson(rules)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(ErrorKind::PermissionDenied,
            QCoreApplication::translate("RagScope::AlertRulesFile", "cannot write rules file %1: %2")
                .arg(path, file.errorString()));
    return Done {};
}

} // namespace RagScope
