#include "pricetable.h"
#include "money.h"

#include "base/isotime.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace RagScope {

QString TokenPrice::toString() const
{
    const qint64 scale = 1'000'000'000'000;
    QString fraction = QString::number(unitsPerMillion % scale).rightJustified(Decimals, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')) && fraction.size() > 2)
        fraction.chop(1);
    return QString::number(unitsPerMillion / scale) + QLatin1Char('.') + fraction;
}

namespace {

std::optional<TokenPrice> priceFrom(const QJsonValue& v)
{
    QString text;
    if (v.isString())
        text = v.toString();
    else if (v.isDouble()) {
        // short JSON decimals survive 15 significant digits; tiny or huge ones come out
        // in exponent form, which the exact parser refuses, so write those out in full
        text = QString::number(v.toDouble(), 'g', 15);
        if (text.contains(QLatin1Char('e')))
            text = QString::number(v.toDouble(), 'f', TokenPrice::Decimals);
    } else
        return std::nullopt;
    const auto units = parseScaledDecimal(text, TokenPrice::Decimals);
    if (!units || *units < 0 || *units > std::numeric_limits<qint64>::max())
        return std::nullopt;
    return TokenPrice { static_cast<qint64>(*units) };
}

/// An optional UTC instant ("valid_from"/"valid_to"); absent or null: invalid QDateTime.
Result<QDateTime> instantFrom(const QJsonObject& o, const QString& key, const QString& prefix)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return QDateTime();
    if (!v.isString())
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate(
                "RagScope::PriceTable", "model %1: \"%2\" must be an ISO 8601 time text")
                .arg(prefix, key));
    auto t = parseIsoTime(v.toString(), QStringLiteral("model %1 \"%2\"").arg(prefix, key));
    if (!t.ok())
        return t.error();
    return t.value();
}

// Comparisons where an invalid QDateTime means "since always" (from) or "open" (to).
bool startsBefore(const QDateTime& a, const QDateTime& b)
{
    return !a.isValid() ? b.isValid() : (b.isValid() && a < b);
}

/// Two rows of one prefix overlap unless one ends (its valid_to) at or before the other starts.
/// A row without valid_to ends where the prefix's next row begins, so it never overlaps it.
QString overlapBetween(const ModelPrice& a, const ModelPrice& b)
{
    if (a.validFrom == b.validFrom)
        return QStringLiteral("prefix \"%1\" is listed twice from %2")
            .arg(a.prefix,
                a.validFrom.isValid() ? a.validFrom.toString(Qt::ISODate) : QStringLiteral("always"));
    const ModelPrice& first = startsBefore(a.validFrom, b.validFrom) ? a : b;
    const ModelPrice& second = &first == &a ? b : a;
    if (first.validTo.isValid() && first.validTo > second.validFrom)
        return QStringLiteral("prefix \"%1\": the price from %2 runs to %3, past the next price from %4")
            .arg(first.prefix,
                first.validFrom.isValid() ? first.validFrom.toString(Qt::ISODate) : QStringLiteral("always"),
                first.validTo.toString(Qt::ISODate), second.validFrom.toString(Qt::ISODate));
    return {};
}

} // namespace

bool ModelPrice::inEffectAt(const QDateTime& at) const
{
    return (!validFrom.isValid() || validFrom <= at) && (!validTo.isValid() || at < validTo);
}

PriceTable PriceTable::builtIn()
{
    QFile f(QStringLiteral(":/ragscope/pricing.json"));
    f.open(QIODevice::ReadOnly);
    auto table = fromJson(f.readAll(), QStringLiteral("built-in"));
    Q_ASSERT(table.ok());
    return table.ok() ? table.value() : PriceTable();
}

Result<PriceTable> PriceTable::fromJson(const QByteArray& json, const QString& origin)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const auto bad = [&](const QString& why) {
        return makeError(ErrorKind::InvalidInput,
            QCoreApplication::translate("RagScope::PriceTable", "price table %1: %2").arg(origin, why));
    };
    if (doc.isNull())
        return bad(parseError.errorString());
    const QJsonArray models = doc.object().value(QStringLiteral("models")).toArray();
    if (models.isEmpty())
        return bad(QCoreApplication::translate("RagScope::PriceTable", "no \"models\" array"));
    PriceTable table;
    table.m_origin = origin;
    for (const QJsonValue& v : models) {
        const QJsonObject o = v.toObject();
        ModelPrice row;
        row.prefix = o.value(QStringLiteral("prefix")).toString();
        if (row.prefix.isEmpty())
            return bad(QCoreApplication::translate("RagScope::PriceTable", "a model without \"prefix\""));
        const auto from = instantFrom(o, QStringLiteral("valid_from"), row.prefix);
        const auto to = instantFrom(o, QStringLiteral("valid_to"), row.prefix);
        if (!from.ok() || !to.ok())
            return bad((from.ok() ? to.error() : from.error()).message);
        row.validFrom = from.value();
        row.validTo = to.value();
        if (row.validTo.isValid() && row.validFrom.isValid() && row.validTo <= row.validFrom)
            return bad(QCoreApplication::translate(
                "RagScope::PriceTable", "model %1: \"valid_to\" must be after \"valid_from\"")
                           .arg(row.prefix));
        // find() picks the longest prefix in effect: two rows of one prefix in effect at once
        // would make the file's order decide silently which price applies.
        for (const ModelPrice& earlier : std::as_const(table.m_rows)) {
            if (earlier.prefix != row.prefix)
                continue;
            const QString overlap = overlapBetween(earlier, row);
            if (!overlap.isEmpty())
                return bad(overlap);
        }
        const auto input = priceFrom(o.value(QStringLiteral("input")));
        if (!input)
            return bad(QCoreApplication::translate(
                "RagScope::PriceTable", "model %1 needs an \"input\" price: a non-negative decimal")
                           .arg(row.prefix));
        row.input = *input;
        const QJsonValue out = o.value(QStringLiteral("output"));
        if (!out.isUndefined() && !out.isNull()) {
            const auto output = priceFrom(out);
            if (!output)
                return bad(QCoreApplication::translate("RagScope::PriceTable",
                    "model %1 has an invalid \"output\" price: a non-negative decimal")
                               .arg(row.prefix));
            row.output = *output;
        }
        table.m_rows.append(row);
    }
    return table;
}

Result<PriceTable> PriceTable::fromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorKind::NotFound,
            QCoreApplication::translate("RagScope::PriceTable", "cannot read price table %1: %2")
                .arg(path, f.errorString()));
    return fromJson(f.readAll(), path);
}

std::optional<ModelPrice> PriceTable::find(const QString& model, const QDateTime& at) const
{
    const ModelPrice* best = nullptr;
    for (const ModelPrice& row : m_rows) {
        if (!model.startsWith(row.prefix) || !row.inEffectAt(at))
            continue;
        // Rows of one prefix without valid_to end where the prefix's next row starts.
        const bool superseded = !row.validTo.isValid()
            && std::any_of(m_rows.cbegin(), m_rows.cend(), [&](const ModelPrice& later) {
                   return later.prefix == row.prefix && startsBefore(row.validFrom, later.validFrom)
                       && later.validFrom <= at;
               });
        if (!superseded && (!best || row.prefix.size() > best->prefix.size()))
            best = &row;
    }
    if (!best)
        return std::nullopt;
    return *best;
}

std::optional<ModelPrice> PriceTable::find(const QString& model) const
{
    return find(model, QDateTime::currentDateTimeUtc());
}

QList<QDateTime> PriceTable::changeTimes() const
{
    QList<QDateTime> times;
    for (const ModelPrice& row : m_rows) {
        for (const QDateTime& t : { row.validFrom, row.validTo })
            if (t.isValid() && !times.contains(t))
                times << t;
    }
    std::sort(times.begin(), times.end());
    return times;
}

} // namespace RagScope
