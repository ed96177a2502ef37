#!/usr/bin/env python3
"""Expected values for tst_comparisonstats, worked out independently of the C++ code.

Plain Python (no scipy on the build machine): every statistic is computed from the expanded
list of ratings with the textbook formula; Student's t comes from numerically integrating its
density (composite Simpson) and inverting by bisection; the normal from statistics.NormalDist.
Run: python3 tests/data/comparison_stats.py > tests/data/comparison_stats_expected.json
"""
import json
import math
import statistics

Z = statistics.NormalDist()
Z975 = Z.inv_cdf(0.975)

CASES = {
    "moderate": ([3, 5, 10, 20, 12], [8, 7, 12, 15, 8]),
    "skewed": ([1, 0, 2, 5, 30], [2, 1, 3, 6, 25]),
    "tiny": ([1, 0, 1, 0, 1], [0, 2, 0, 1, 0]),
    "large": ([120, 80, 300, 500, 400], [200, 150, 320, 420, 300]),
    "identical": ([5, 5, 5, 5, 5], [5, 5, 5, 5, 5]),
    "opposite": ([0, 0, 0, 10, 10], [10, 10, 0, 0, 0]),
}


def expand(counts):
    return [r for r, c in zip(range(1, 6), counts) for _ in range(c)]


def t_density(x, df):
    log_c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(log_c - (df + 1) / 2 * math.log1p(x * x / df))


def t_cdf(t, df, steps=20000):
    # P(T <= t) = 1/2 + sign(t) * integral_0^|t| density (Simpson)
    a = abs(t)
    if a == 0:
        return 0.5
    h = a / steps
    s = t_density(0, df) + t_density(a, df)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * t_density(i * h, df)
    half = s * h / 3
    return 0.5 + half if t > 0 else 0.5 - half


def t_quantile(p, df):
    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def mean_ci(xs):
    n = len(xs)
    m = statistics.fmean(xs)
    half = t_quantile(0.975, n - 1) * math.sqrt(statistics.variance(xs) / n)
    return m, [m - half, m + half]


def wilson(x, n):
    p = x / n
    denom = 1 + Z975 ** 2 / n
    centre = (p + Z975 ** 2 / (2 * n)) / denom
    half = Z975 / denom * math.sqrt(p * (1 - p) / n + Z975 ** 2 / (4 * n * n))
    return [centre - half, centre + half]


def welch(a, b):
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    d = statistics.fmean(a) - statistics.fmean(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    se = math.sqrt(va + vb)
    t = d / se
    half = t_quantile(0.975, df) * se
    return {"estimate": d, "ci95": [d - half, d + half], "t": t, "df": df,
            "p": 2 * (1 - t_cdf(abs(t), df))}


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1  # average of ranks i+1 .. j+1
        i = j + 1
    return r


def mann_whitney(a, b):
    both = a + b
    r = ranks(both)
    n1, n2, n = len(a), len(b), len(both)
    u = sum(r[:n1]) - n1 * (n1 + 1) / 2
    tie_sum = sum(c ** 3 - c for c in (both.count(v) for v in set(both)))
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie_sum / (n * (n - 1))))
    mu = n1 * n2 / 2
    if sigma == 0:
        return {"u": u, "z": 0.0, "p": None}
    z = math.copysign(max(abs(u - mu) - 0.5, 0.0), u - mu) / sigma if u != mu else 0.0
    return {"u": u, "z": z, "p": min(1.0, 2 * (1 - Z.cdf(abs(z))))}


def two_proportion(xa, na, xb, nb):
    pa, pb = xa / na, xb / nb
    d = pa - pb
    half = Z975 * math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    pooled = (xa + xb) / (na + nb)
    se = math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    out = {"estimate": d, "ci95": [d - half, d + half], "z": None, "p": None}
    if se > 0:
        out["z"] = d / se
        out["p"] = 2 * (1 - Z.cdf(abs(d / se)))
    return out


def main():
    cases = []
    for name, (ca, cb) in CASES.items():
        a, b = expand(ca), expand(cb)
        low_a = sum(1 for x in a if x <= 2)
        low_b = sum(1 for x in b if x <= 2)
        mean_a, ci_a = mean_ci(a)
        case = {"name": name, "a": ca, "b": cb, "mean_a": mean_a, "mean_a_ci95": ci_a,
                "low_a_wilson95": wilson(low_a, len(a)),
                "mann_whitney": mann_whitney(a, b),
                "low_rated": two_proportion(low_a, len(a), low_b, len(b))}
        if statistics.variance(a) + statistics.variance(b) > 0:
            case["welch"] = welch(a, b)
        cases.append(case)
    quantiles = [{"p": p, "df": df, "t": t_quantile(p, df)}
                 for p, df in [(0.975, 1), (0.975, 2), (0.975, 4.5), (0.975, 29), (0.9, 10), (0.975, 500)]]
    wilson_edges = [{"x": x, "n": n, "ci95": wilson(x, n)} for x, n in [(0, 10), (10, 10), (1, 1), (3, 40)]]
    print(json.dumps({"z975": Z975, "cases": cases, "t_quantiles": quantiles, "wilson": wilson_edges},
                     indent=1))


if __name__ == "__main__":
    main()
