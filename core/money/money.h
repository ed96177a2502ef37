#pragma once

#include "base/result.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace RagScope {

/// 128-bit intermediate for exact products (a GCC/Clang extension; __extension__ keeps -pedantic quiet).
__extension__ typedef __int128 Int128;

/// An exact amount of USD, held as an integer count of 1e-8 USD (the store's NUMERIC(14,8)).
/// Never converted through binary floating point.
class Money
{
public:
    static constexpr int Decimals = 8;
    static constexpr qint64 UnitsPerDollar = 100'000'000;

    constexpr Money() = default;
    static constexpr Money fromUnits(qint64 units) { return Money(units); }
    /// Parses a decimal string such as "12.34567890", "-0.5" or "3"; more than 8 decimals are
    /// rounded half-to-even. Anything else (exponents, letters, empty) is refused.
    static Result<Money> parse(const QString& text);

    constexpr qint64 units() const { return m_units; }
    constexpr bool isZero() const { return m_units == 0; }

    /// Plain decimal with exactly 8 places, e.g. "12.34567890" (the JSON and storage form).
    QString toString() const;
    /// For people: "$1,234.57" (2 places) or more places for amounts under a cent.
    QString toDisplayString(int decimals = 2) const;
    /// The fewest places, from `decimals` up to Decimals, at which this amount does not round
    /// (half-to-even) to zero: what toDisplayString() shows.
    int placesToShow(int decimals = 2) const;

    /// This amount × numerator ÷ denominator, rounded half-to-even to 8 places.
    Money scaled(qint64 numerator, qint64 denominator) const;

    constexpr Money operator+(Money o) const { return Money(m_units + o.m_units); }
    constexpr Money operator-(Money o) const { return Money(m_units - o.m_units); }
    constexpr Money& operator+=(Money o)
    {
        m_units += o.m_units;
        return *this;
    }
    constexpr Money operator*(qint64 factor) const { return Money(m_units * factor); }
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(qint64 units)
        : m_units(units)
    { }
    qint64 m_units = 0;
};

/// numerator ÷ denominator rounded half-to-even (denominator > 0).
Int128 divideHalfEven(Int128 numerator, Int128 denominator);

/// Parses a non-negative or negative decimal string into an integer scaled by 10^scale,
/// rounding half-to-even beyond `scale` places. Fails on anything that is not a plain decimal.
std::optional<Int128> parseScaledDecimal(const QString& text, int scale);

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::Money)
