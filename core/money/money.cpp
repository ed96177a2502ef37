#include "money.h"

#include <QCoreApplication>
#include <QLocale>

#include <optional>

namespace RagScope {

Int128 divideHalfEven(Int128 numerator, Int128 denominator)
{
    const bool negative = numerator < 0;
    const Int128 n = negative ? -numerator : numerator;
    Int128 q = n / denominator;
    const Int128 r = n % denominator;
    const Int128 twice = r * 2;
    if (twice > denominator || (twice == denominator && (q % 2) == 1))
        ++q;
    return negative ? -q : q;
}

std::optional<Int128> parseScaledDecimal(const QString& text, int scale)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    int i = 0;
    bool negative = false;
    if (t[0] == QLatin1Char('-') || t[0] == QLatin1Char('+')) {
        negative = t[0] == QLatin1Char('-');
        ++i;
    }
    Int128 digits = 0;
    int fractionDigits = 0;
    bool seenPoint = false;
    bool seenDigit = false;
    for (; i < t.size(); ++i) {
        const QChar c = t[i];
        if (c == QLatin1Char('.')) {
            if (seenPoint)
                return std::nullopt;
            seenPoint = true;
            continue;
        }
        if (!c.isDigit() || c.unicode() > '9')
            return std::nullopt;
        seenDigit = true;
        if (seenPoint)
            ++fractionDigits;
        if (digits > (Int128(1) << 100))
            return std::nullopt; // absurdly long: refuse rather than overflow
        digits = digits * 10 + (c.unicode() - '0');
    }
    if (!seenDigit)
        return std::nullopt;
    Int128 value;
    if (fractionDigits <= scale) {
        value = digits;
        for (int k = fractionDigits; k < scale; ++k)
            value *= 10;
    } else {
        Int128 divisor = 1;
        for (int k = scale; k < fractionDigits; ++k)
            divisor *= 10;
        value = divideHalfEven(digits, divisor);
    }
    return negative ? -value : value;
}

Result<Money> Money::parse(const QString& text)
{
    const auto scaled = parseScaledDecimal(text, Decimals);
    if (!scaled || *scaled > std::numeric_limits<qint64>::max()
        || *scaled < std::numeric_limits<qint64>::min())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::Money", "'%1' is not a decimal amount of USD").arg(text));
    return Money(static_cast<qint64>(*scaled));
}

QString Money::toString() const
{
    const bool negative = m_units < 0;
    const quint64 abs = negative ? quint64(0) - quint64(m_units) : quint64(m_units);
    const QString fraction = QString::number(abs % UnitsPerDollar).rightJustified(Decimals, QLatin1Char('0'));
    return (negative ? QStringLiteral("-") : QString()) + QString::number(abs / UnitsPerDollar)
        + QLatin1Char('.') + fraction;
}

int Money::placesToShow(int decimals) const
{
    decimals = std::clamp(decimals, 0, Decimals);
    if (m_units == 0)
        return decimals;
    qint64 unit = 1;
    for (int k = decimals; k < Decimals; ++k)
        unit *= 10;
    // at exactly half a unit, half-to-even would still round to zero: hence <=
    while (decimals < Decimals && std::abs(m_units) <= unit / 2) {
        ++decimals;
        unit /= 10;
    }
    return decimals;
}

QString Money::toDisplayString(int decimals) const
{
    decimals = placesToShow(decimals); // sub-cent amounts with enough places to be non-zero
    qint64 divisor = 1;
    for (int k = decimals; k < Decimals; ++k)
        divisor *= 10;
    const qint64 rounded = static_cast<qint64>(divideHalfEven(m_units, divisor));
    const bool negative = rounded < 0;
    const quint64 abs = negative ? quint64(0) - quint64(rounded) : quint64(rounded);
    qint64 scale = 1;
    for (int k = 0; k < decimals; ++k)
        scale *= 10;
    const QLocale c(QLocale::English, QLocale::UnitedStates);
    QString out = (negative ? QStringLiteral("-$") : QStringLiteral("$"))
        + c.toString(qulonglong(abs / quint64(scale)));
    if (decimals > 0)
        out += QLatin1Char('.')
            + QString::number(abs % quint64(scale)).rightJustified(decimals, QLatin1Char('0'));
    return out;
}

Money Money::scaled(qint64 numerator, qint64 denominator) const
{
    return Money(static_cast<qint64>(divideHalfEven(Int128(m_units) * numerator, denominator)));
}

} // namespace RagScope
