#!/usr/bin/env python3
"""Independent figures for tst_queueagreement: weighted Cohen's kappa (quadratic weights) per
reviewer pair and Krippendorff's alpha (ordinal), in plain Python, formulated differently from
core/review/agreementmath.cpp (mean disagreement over pairs instead of contingency tables).

The ratings are the reliability data of Krippendorff, "Computing Krippendorff's Alpha-
Reliability" (2011): 4 observers, 12 units, values 1-5, None = not rated. The paper gives
ordinal alpha = 0.815 for them. Run: python3 agreement.py > agreement.json
"""
import itertools
import json

RATINGS = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def quadratic_kappa(pairs):
    """1 - mean weighted disagreement of the actual pairs / of every cross pairing."""
    w = lambda a, b: (a - b) ** 2 / 16.0
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(w(a, b) for a, b in pairs) / n
    firsts = [a for a, _ in pairs]
    seconds = [b for _, b in pairs]
    expected = sum(w(a, b) for a in firsts for b in seconds) / (n * n)
    return None if expected == 0 else 1.0 - observed / expected


def ordinal_alpha(units):
    units = [[v for v in u if v is not None] for u in units]
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    if n < 2:
        return None
    freq = {c: values.count(c) for c in range(1, 6)}

    def delta2(c, k):
        lo, hi = min(c, k), max(c, k)
        return (sum(freq[g] for g in range(lo, hi + 1)) - (freq[c] + freq[k]) / 2.0) ** 2

    d_observed = sum(
        sum(delta2(a, b) for i, a in enumerate(u) for j, b in enumerate(u) if i != j) / (len(u) - 1)
        for u in units) / n
    d_expected = sum(delta2(a, b) for i, a in enumerate(values) for j, b in enumerate(values)
                     if i != j) / (n * (n - 1))
    return None if d_expected == 0 else 1.0 - d_observed / d_expected


def main():
    reviewers = sorted(RATINGS)
    pairs = []
    for first, second in itertools.combinations(reviewers, 2):
        both = [(a, b) for a, b in zip(RATINGS[first], RATINGS[second]) if a is not None and b is not None]
        pairs.append({"first": first, "second": second, "items": len(both),
                      "kappa": round(quadratic_kappa(both), 10)})
    units = [[RATINGS[r][i] for r in reviewers] for i in range(12)]
    alpha = ordinal_alpha(units)
    print(json.dumps({"ratings": RATINGS, "pairs": pairs, "alpha": round(alpha, 10),
                      "alpha_items": sum(1 for u in units if sum(v is not None for v in u) >= 2)},
                     indent=2))


if __name__ == "__main__":
    main()
