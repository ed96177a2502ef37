#include "exactmean.h"

#include "money/money.h"
#include "sqlvalues.h"

#include <cmath>

namespace RagScope::ExactMean {

namespace {

constexpr int PartBits = 26;

Int128 floorDivide(Int128 numerator, Int128 denominator, Int128* remainder)
{
    Int128 q = numerator / denominator;
    Int128 r = numerator % denominator;
    if (r < 0) {
        --q;
        r += denominator;
    }
    *remainder = r;
    return q;
}

double roundedMean(const std::array<Int128, Parts>& sums, Int128 count)
{
    // Long division in base 2^26: value = whole + (fraction + rest ÷ count) · 2^-78 with
    // fraction in [0, 2^78) and rest in [0, count).
    Int128 rest = 0;
    Int128 whole = floorDivide(sums[0], count, &rest);
    Int128 fraction = 0;
    for (int k = 1; k < Parts; ++k)
        fraction = (fraction << PartBits) + floorDivide((rest << PartBits) + sums[size_t(k)], count, &rest);
    constexpr int FractionBits = PartBits * (Parts - 1);
    whole += floorDivide(fraction, Int128(1) << FractionBits, &fraction);
    if (whole < 0) { // round the magnitude, so that ties go to even either side of zero
        std::array<Int128, Parts> negated;
        for (size_t k = 0; k < sums.size(); ++k)
            negated[k] = -sums[k];
        return -roundedMean(negated, count);
    }
    if (whole == 0 && fraction == 0 && rest == 0)
        return 0.0;
    // Shift bits of the fraction, then of rest ÷ count, into the mantissa until it has 65
    // bits; whatever is left only tells whether the value lies above the mantissa (sticky bit),
    // which is below the rounding position of a 53-bit double, so converting rounds once.
    int fractionBitsLeft = FractionBits;
    int exponent = 0;
    Int128 mantissa = whole;
    while (mantissa < (Int128(1) << 64)) {
        int bit = 0;
        if (fractionBitsLeft > 0) {
            --fractionBitsLeft;
            bit = int((fraction >> fractionBitsLeft) & 1);
        } else {
            rest <<= 1;
            if (rest >= count) {
                rest -= count;
                bit = 1;
            }
        }
        mantissa = (mantissa << 1) | bit;
        --exponent;
    }
    const bool sticky = rest != 0 || (fraction & ((Int128(1) << fractionBitsLeft) - 1)) != 0;
    return std::ldexp(static_cast<double>(mantissa | (sticky ? 1 : 0)), exponent);
}

} // namespace

QStringList parts(const SqlDialect& d, const QString& x)
{
    // Part k is trunc(x·2^26k) − trunc(x·2^26(k−1))·2^26: every step is exact in binary.
    // PostgreSQL computes it so (its CAST rounds, hence trunc()); SQLite, whose trunc() is
    // optional and whose CAST to INTEGER would overflow on x·2^78, peels off the fraction left
    // after each part instead, which gives the same integers and never leaves the range.
    QStringList out;
    if (d.isPostgres()) {
        const auto scaled = [&x](int k) {
            return k == 0 ? x
                          : QStringLiteral("%1 * CAST(%2 AS DOUBLE PRECISION)")
                                .arg(x, QString::number(std::ldexp(1.0, PartBits * k), 'f', 0));
        };
        out << QStringLiteral("CAST(trunc(%1) AS BIGINT)").arg(x);
        for (int k = 1; k < Parts; ++k)
            out << QStringLiteral("CAST(trunc(%1) - trunc(%2) * CAST(%3 AS DOUBLE PRECISION) AS BIGINT)")
                       .arg(scaled(k), scaled(k - 1))
                       .arg(qint64(1) << PartBits);
        return out;
    }
    out << QStringLiteral("CAST(%1 AS INTEGER)").arg(x);
    QString rest = x;
    for (int k = 1; k < Parts; ++k) {
        rest = QStringLiteral("((%1 - CAST(%1 AS INTEGER)) * %2.0)").arg(rest).arg(qint64(1) << PartBits);
        out << QStringLiteral("CAST(%1 AS INTEGER)").arg(rest);
    }
    return out;
}

QString partialAggregates(const SqlDialect& d, const QString& x, const QString& name)
{
    QStringList sums;
    const QStringList xs = parts(d, x);
    for (qsizetype k = 0; k < xs.size(); ++k)
        sums << QStringLiteral("SUM(%1) AS %2%3").arg(xs[k], name).arg(k);
    return sums.join(QStringLiteral(", ")) + QStringLiteral(", COUNT(%1) AS %2%3").arg(x, name).arg(Parts);
}

QString totalsOfPartials(const QString& alias, const QString& name)
{
    QStringList sums;
    for (int k = 0; k <= Parts; ++k)
        sums << QStringLiteral("CAST(SUM(%1.%2%3) AS BIGINT)").arg(alias, name).arg(k);
    return sums.join(QStringLiteral(", "));
}

std::optional<double> meanAt(const QSqlQuery& query, int first)
{
    const qint64 count = sqlCount(query.value(first + Parts));
    if (count <= 0)
        return std::nullopt;
    std::array<qint64, Parts> sums {};
    for (int k = 0; k < Parts; ++k)
        sums[size_t(k)] = sqlCount(query.value(first + k));
    return fromSums(sums, count);
}

double fromSums(const std::array<qint64, Parts>& sums, qint64 count)
{
    std::array<Int128, Parts> wide;
    for (size_t k = 0; k < sums.size(); ++k)
        wide[k] = sums[k];
    return roundedMean(wide, count);
}

} // namespace RagScope::ExactMean
