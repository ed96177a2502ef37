#pragma once

#include <QList>

#include <optional>
#include <utility>

namespace RagScope {

/// Inter-rater agreement on the 1–5 rating (an ordinal scale).
namespace AgreementMath {
/// Cohen's κ with quadratic weights, w(a, b) = (a − b)² / 16, over pairs of ratings 1–5 that
/// two reviewers gave the same items: 1 − Σ w·observed / Σ w·expected, the expected table from
/// the two reviewers' own marginals. None for no pairs or when the expected disagreement is 0
/// (both gave one and the same rating throughout).
std::optional<double> quadraticKappa(const QList<std::pair<int, int>>& pairs);
/// Krippendorff's α with the ordinal metric, over units (items) each holding the ratings 1–5
/// its reviewers gave; units with fewer than two ratings carry no pairs and are left out.
/// None when fewer than two pairable ratings remain or the expected disagreement is 0.
std::optional<double> ordinalAlpha(const QList<QList<int>>& units);
} // namespace AgreementMath

} // namespace RagScope
