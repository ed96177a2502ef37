#include "abweeksmodel.h"

#include "i18n/localetime.h"

#include <QLocale>

namespace RagScope {

namespace {

using namespace ComparisonStats;

QString pValue(const std::optional<double>& p)
{
    if (!p)
        return AbWeeksModel::tr("—");
    return p < 0.001 ? AbWeeksModel::tr("< 0.001") : QLocale().toString(*p, 'f', 3);
}

QString signedNumber(double v, int decimals)
{
    return (v > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(v, 'f', decimals);
}

} // namespace

AbWeeksModel::AbWeeksModel(QObject* parent)
    : QAbstractTableModel(parent)
{ }

void AbWeeksModel::setData(const AbComparison& comparison)
{
    beginResetModel();
    m_comparison = comparison;
    m_loaded = !comparison.a.isEmpty();
    endResetModel();
}

int AbWeeksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_loaded ? 0 : int(m_comparison.weeks.size()) + 1;
}

int AbWeeksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AbWeeksModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool window = index.row() == 0;
    const AbWeek week = window ? AbWeek {} : m_comparison.weeks.at(index.row() - 1);
    const AbTests& t = window ? m_comparison.window : week.tests;
    const qint64 requestsA = window ? m_comparison.figuresA.requests : week.requestsA;
    const qint64 requestsB = window ? m_comparison.figuresB.requests : week.requestsB;
    const QString period = window ? tr("Whole window") : LocaleTime::date(week.monday);
    switch (role) {
    case Qt::DisplayRole:
        return display(period, requestsA, requestsB, t, index.column());
    case SortRole:
        return sortValue(window ? QString() : period, requestsA, requestsB, t, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == Period ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                        : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return t.enoughData
            ? QVariant()
            : QVariant(tr("Tests need at least %1 ratings of each model").arg(MinSamplePerModel));
    }
    return {};
}

QVariant AbWeeksModel::display(
    const QString& period, qint64 requestsA, qint64 requestsB, const AbTests& t, int column) const
{
    const QLocale locale;
    if (!t.enoughData && column >= MeanDifference)
        return column == MeanDifference ? tr("not enough data") : tr("—");
    switch (column) {
    case Period:
        return period;
    case Requests:
        return tr("%1 / %2").arg(locale.toString(requestsA), locale.toString(requestsB));
    case Ratings:
        return tr("%1 / %2").arg(locale.toString(total(t.a)), locale.toString(total(t.b)));
    case MeanDifference:
        if (!t.meanRating)
            return tr("—");
        return tr("%1 [%2, %3]")
            .arg(signedNumber(t.meanRating->estimate, 2), locale.toString(t.meanRating->ci95.lo, 'f', 2),
                locale.toString(t.meanRating->ci95.hi, 'f', 2));
    case WelchP:
        return pValue(t.meanRating ? t.meanRating->pValue : std::nullopt);
    case MannWhitneyP:
        return pValue(t.ratings ? t.ratings->pValue : std::nullopt);
    case LowRatedDifference:
        if (!t.lowRatedRate)
            return tr("—");
        return tr("%1 pts [%2, %3]")
            .arg(signedNumber(t.lowRatedRate->estimate * 100, 1),
                locale.toString(t.lowRatedRate->ci95.lo * 100, 'f', 1),
                locale.toString(t.lowRatedRate->ci95.hi * 100, 'f', 1));
    case ZTestP:
        return pValue(t.lowRatedRate ? t.lowRatedRate->pValue : std::nullopt);
    }
    return {};
}

QVariant AbWeeksModel::sortValue(
    const QString& period, qint64 requestsA, qint64 requestsB, const AbTests& t, int column) const
{
    const auto orNull = [](const std::optional<double>& v) { return v ? QVariant(*v) : QVariant(); };
    switch (column) {
    case Period:
        return period;
    case Requests:
        return requestsA + requestsB;
    case Ratings:
        return total(t.a) + total(t.b);
    case MeanDifference:
        return t.meanRating ? QVariant(t.meanRating->estimate) : QVariant();
    case WelchP:
        return t.meanRating ? orNull(t.meanRating->pValue) : QVariant();
    case MannWhitneyP:
        return t.ratings ? orNull(t.ratings->pValue) : QVariant();
    case LowRatedDifference:
        return t.lowRatedRate ? QVariant(t.lowRatedRate->estimate) : QVariant();
    case ZTestP:
        return t.lowRatedRate ? orNull(t.lowRatedRate->pValue) : QVariant();
    }
    return {};
}

QVariant AbWeeksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Period:
        return tr("Week from\nMonday (UTC)");
    case Requests:
        return tr("Requests\nA / B");
    case Ratings:
        return tr("Ratings\nA / B");
    case MeanDifference:
        return tr("Mean rating A−B\n[95% CI]");
    case WelchP:
        return tr("Welch\np");
    case MannWhitneyP:
        return tr("Mann-Whitney\np");
    case LowRatedDifference:
        return tr("Low-rated A−B\n[95% CI]");
    case ZTestP:
        return tr("z-test\np");
    }
    return {};
}

} // namespace RagScope
