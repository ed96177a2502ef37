#include "agreementmath.h"

#include <array>

namespace RagScope::AgreementMath {

namespace {

constexpr int Categories = 5;

bool inScale(int rating)
{
    return rating >= 1 && rating <= Categories;
}

} // namespace

std::optional<double> quadraticKappa(const QList<std::pair<int, int>>& pairs)
{
    std::array<std::array<double, Categories>, Categories> observed {};
    std::array<double, Categories> rowTotals {}, columnTotals {};
    double n = 0;
    for (const auto& [a, b] : pairs) {
        if (!inScale(a) || !inScale(b))
            continue;
        observed[a - 1][b - 1] += 1;
        rowTotals[a - 1] += 1;
        columnTotals[b - 1] += 1;
        n += 1;
    }
    if (n == 0)
        return std::nullopt;
    double observedDisagreement = 0, expectedDisagreement = 0;
    for (int i = 0; i < Categories; ++i) {
        for (int j = 0; j < Categories; ++j) {
            const double w = double((i - j) * (i - j)) / double((Categories - 1) * (Categories - 1));
            observedDisagreement += w * observed[i][j];
            expectedDisagreement += w * rowTotals[i] * columnTotals[j] / n;
        }
    }
    if (expectedDisagreement == 0)
        return std::nullopt;
    return 1.0 - observedDisagreement / expectedDisagreement;
}

std::optional<double> ordinalAlpha(const QList<QList<int>>& units)
{
    // The coincidence matrix: every ordered pair of values within a unit, weighted 1/(m − 1).
    std::array<std::array<double, Categories>, Categories> o {};
    for (const QList<int>& unit : units) {
        QList<int> values;
        for (int v : unit) {
            if (inScale(v))
                values << v;
        }
        const qsizetype m = values.size();
        if (m < 2)
            continue;
        for (qsizetype i = 0; i < m; ++i) {
            for (qsizetype j = 0; j < m; ++j) {
                if (i != j)
                    o[values[i] - 1][values[j] - 1] += 1.0 / double(m - 1);
            }
        }
    }
    std::array<double, Categories> marginal {};
    double n = 0;
    for (int c = 0; c < Categories; ++c) {
        for (int k = 0; k < Categories; ++k)
            marginal[c] += o[c][k];
        n += marginal[c];
    }
    if (n < 2)
        return std::nullopt;
    // Ordinal distance: (Σ_{g=c..k} n_g − (n_c + n_k) / 2)².
    const auto delta2 = [&](int c, int k) {
        const int low = std::min(c, k), high = std::max(c, k);
        double sum = 0;
        for (int g = low; g <= high; ++g)
            sum += marginal[g];
        const double d = sum - (marginal[c] + marginal[k]) / 2.0;
        return d * d;
    };
    double observed = 0, expected = 0;
    for (int c = 0; c < Categories; ++c) {
        for (int k = 0; k < Categories; ++k) {
            observed += o[c][k] * delta2(c, k);
            expected += marginal[c] * marginal[k] * delta2(c, k);
        }
    }
    if (expected == 0)
        return std::nullopt;
    return 1.0 - (n - 1) * observed / expected;
}

} // namespace RagScope::AgreementMath
