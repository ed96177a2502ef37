#include "pricetable.h"
#include "money.h"

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

} // namespace

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
        return makeError(ErrorKind::InvalidInput, QStringLiteral("price table %1: %2").arg(origin, why));
    };
    if (doc.isNull())
        return bad(parseError.errorString());
    const QJsonArray models = doc.object().value(QStringLiteral("models")).toArray();
    if (models.isEmpty())
        return bad(QStringLiteral("no \"models\" array"));
    PriceTable table;
    table.m_origin = origin;
    for (const QJsonValue& v : models) {
        const QJsonObject o = v.toObject();
        ModelPrice row;
        row.prefix = o.value(QStringLiteral("prefix")).toString();
        if (row.prefix.isEmpty())
            return bad(QStringLiteral("a model without \"prefix\""));
        // find() picks the longest prefix: two rows with one prefix would make the file's order
        // decide silently which price applies.
        for (const ModelPrice& earlier : std::as_const(table.m_rows)) {
            if (earlier.prefix == row.prefix)
                return bad(QStringLiteral("prefix \"%1\" is listed twice").arg(row.prefix));
        }
        const auto input = priceFrom(o.value(QStringLiteral("input")));
        if (!input)
            return bad(
                QStringLiteral("model %1 needs an \"input\" price: a non-negative decimal").arg(row.prefix));
        row.input = *input;
        const QJsonValue out = o.value(QStringLiteral("output"));
        if (!out.isUndefined() && !out.isNull()) {
            const auto output = priceFrom(out);
            if (!output)
                return bad(QStringLiteral("model %1 has an invalid \"output\" price: a non-negative decimal")
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
        return makeError(
            ErrorKind::NotFound, QStringLiteral("cannot read price table %1: %2").arg(path, f.errorString()));
    return fromJson(f.readAll(), path);
}

std::optional<ModelPrice> PriceTable::find(const QString& model) const
{
    const ModelPrice* best = nullptr;
    for (const ModelPrice& row : m_rows) {
        if (model.startsWith(row.prefix) && (!best || row.prefix.size() > best->prefix.size()))
            best = &row;
    }
    if (!best)
        return std::nullopt;
    return *best;
}

} // namespace RagScope
