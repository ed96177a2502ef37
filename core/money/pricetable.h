#pragma once

#include "base/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace RagScope {

/// A price in USD per one million tokens, held exactly as an integer count of 1e-12 USD.
struct TokenPrice
{
    static constexpr int Decimals = 12;
    qint64 unitsPerMillion = 0;
    QString toString() const; ///< e.g. "0.125"
};

/// One row of the price table: models whose name starts with `prefix`.
struct ModelPrice
{
    QString prefix;
    TokenPrice input;
    std::optional<TokenPrice> output; ///< none for embedding models
    bool isEmbedding() const { return !output.has_value(); }
};

/// The price table in use: data, not code (resources/pricing.json or a user's own file).
class PriceTable
{
public:
    /// The table shipped with RagScope (the store contract's prices).
    static PriceTable builtIn();
    static Result<PriceTable> fromJson(const QByteArray& json, const QString& origin);
    static Result<PriceTable> fromFile(const QString& path);

    /// The row for a model: the longest matching prefix, or none (unknown model: no cost).
    std::optional<ModelPrice> find(const QString& model) const;
    const QList<ModelPrice>& rows() const { return m_rows; }
    QString origin() const { return m_origin; } ///< where it was loaded from, for display

private:
    QList<ModelPrice> m_rows;
    QString m_origin;
};

} // namespace RagScope
