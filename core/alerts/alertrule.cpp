#include "alertrule.h"

#include <QRegularExpression>

#include <array>
#include <utility>

namespace RagScope {

namespace {

constexpr std::array<std::pair<AlertRule::Kind, const char*>, 5> KindNames { {
    { AlertRule::Kind::LatencyPercentile, "latency_percentile" },
    { AlertRule::Kind::LowConfidenceShare, "low_confidence_share" },
    { AlertRule::Kind::LowRatingShare, "low_rating_share" },
    { AlertRule::Kind::CostSpike, "cost_spike" },
    { AlertRule::Kind::CostTotal, "cost_total" },
} };
constexpr std::array<std::pair<AlertRule::Phase, const char*>, 3> PhaseNames { {
    { AlertRule::Phase::Total, "total" },
    { AlertRule::Phase::Retrieval, "retrieval" },
    { AlertRule::Phase::Generation, "generation" },
} };
constexpr std::array<std::pair<AlertRule::GroupBy, const char*>, 3> GroupNames { {
    { AlertRule::GroupBy::None, "none" },
    { AlertRule::GroupBy::Model, "model" },
    { AlertRule::GroupBy::User, "user" },
} };

template <typename E, size_t N> QString nameOf(const std::array<std::pair<E, const char*>, N>& names, E value)
{
    for (const auto& [v, name] : names)
        if (v == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename E, size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char*>, N>& names, const QString& text)
{
    for (const auto& [v, name] : names)
        if (text == QLatin1String(name))
            return v;
    return std::nullopt;
}

constexpr qint64 Hour = 3600;
constexpr qint64 MaxWindow = 7 * 24 * Hour;

} // namespace

QList<AlertRule> AlertRule::defaults()
{
    // The thresholds of the original design (store contract §3: low confidence < 0.6, low
    // rating <= 2) with levels an on-call team can start from and tune in a rules file.
    AlertRule confidence;
    confidence.name = QStringLiteral("low confidence");
    confidence.kind = Kind::LowConfidenceShare;
    confidence.windowSeconds = Hour;
    confidence.warn = 0.25;
    confidence.critical = 0.40;
    confidence.minRequests = 20;

    AlertRule spike;
    spike.name = QStringLiteral("cost spike");
    spike.kind = Kind::CostSpike;
    spike.windowSeconds = Hour;
    spike.warn = 2.0;
    spike.critical = 4.0;
    spike.minRequests = 20;

    AlertRule ratings;
    ratings.name = QStringLiteral("low ratings");
    ratings.kind = Kind::LowRatingShare;
    ratings.windowSeconds = 24 * Hour;
    ratings.warn = 0.20;
    ratings.critical = 0.35;
    ratings.minRequests = 10;

    AlertRule latency;
    latency.name = QStringLiteral("p95 latency");
    latency.kind = Kind::LatencyPercentile;
    latency.phase = Phase::Total;
    latency.percentile = 95;
    latency.windowSeconds = Hour;
    latency.warn = 2500;
    latency.critical = 4000;
    latency.minRequests = 20;
    latency.groupBy = GroupBy::Model;
    return { confidence, spike, ratings, latency };
}

QString AlertRule::kindName(Kind kind)
{
    return nameOf(KindNames, kind);
}

std::optional<AlertRule::Kind> AlertRule::kindFromName(const QString& name)
{
    return valueOf(KindNames, name);
}

QString AlertRule::phaseName(Phase phase)
{
    return nameOf(PhaseNames, phase);
}

std::optional<AlertRule::Phase> AlertRule::phaseFromName(const QString& name)
{
    return valueOf(PhaseNames, name);
}

QString AlertRule::groupByName(GroupBy groupBy)
{
    return nameOf(GroupNames, groupBy);
}

std::optional<AlertRule::GroupBy> AlertRule::groupByFromName(const QString& name)
{
    return valueOf(GroupNames, name);
}

QString AlertRule::windowText(qint64 seconds)
{
    if (seconds % (24 * Hour) == 0)
        return QString::number(seconds / (24 * Hour)) + QLatin1Char('d');
    return QString::number(seconds / Hour) + QLatin1Char('h');
}

std::optional<qint64> AlertRule::parseWindow(const QString& text)
{
    static const QRegularExpression form(QStringLiteral(R"(^([1-9][0-9]{0,3})([hd])$)"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 seconds
        = m.captured(1).toLongLong() * (m.captured(2) == QLatin1String("d") ? 24 * Hour : Hour);
    if (seconds > MaxWindow)
        return std::nullopt;
    return seconds;
}

QString AlertRule::unit() const
{
    switch (kind) {
    case Kind::LatencyPercentile:
        return QStringLiteral("ms");
    case Kind::LowConfidenceShare:
    case Kind::LowRatingShare:
        return QStringLiteral("%");
    case Kind::CostSpike:
        return QStringLiteral("×");
    case Kind::CostTotal:
        return QStringLiteral("USD");
    }
    return {};
}

QString AlertRule::formatValue(double value) const
{
    switch (kind) {
    case Kind::LatencyPercentile:
        return QString::number(value, 'f', 0) + QStringLiteral(" ms");
    case Kind::LowConfidenceShare:
    case Kind::LowRatingShare:
        return QString::number(value * 100, 'f', 1) + QLatin1Char('%');
    case Kind::CostSpike:
        return QString::number(value, 'f', 2) + QStringLiteral("×");
    case Kind::CostTotal:
        break;
    }
    return QString::number(value);
}

QString AlertRule::formatCost(Money value) const
{
    return value.toDisplayString();
}

} // namespace RagScope
