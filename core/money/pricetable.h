#pragma once

#include "base/result.h"

#include <QDateTime>
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

/// One row of the price table: models whose name starts with `prefix`, from `validFrom`
/// (invalid: since always) until `validTo` (exclusive; invalid: until the prefix's next row).
struct ModelPrice
{
    QString prefix;
    TokenPrice input;
    std::optional<TokenPrice> output; ///< none for embedding models
    QDateTime validFrom;
    QDateTime validTo;
    bool isEmbedding() const { return !output.has_value(); }
    /// True when this row prices a request made at `at` (UTC).
    bool inEffectAt(const QDateTime& at) const;
};

/// The price table in use: data, not code (resources/pricing.json or a user's own file).
class PriceTable
{
public:
    /// The table shipped with RagScope (the store contract's prices).
    static PriceTable builtIn();
    static Result<PriceTable> fromJson(const QByteArray& json, const QString& origin);
    static Result<PriceTable> fromFile(const QString& path);

    /// The row for a model at `at`: the longest prefix with a row in effect then, or none
    /// (unknown model, or no price yet: no cost).
    std::optional<ModelPrice> find(const QString& model, const QDateTime& at) const;
    /// The row in effect now (recording a request as it happens).
    std::optional<ModelPrice> find(const QString& model) const;
    /// Every instant at which some row starts or ends, ascending (the price periods' edges).
    QList<QDateTime> changeTimes() const;
    const QList<ModelPrice>& rows() const { return m_rows; }
    QString origin() const { return m_origin; } ///< where it was loaded from, for display

private:
    QList<ModelPrice> m_rows;
    QString m_origin;
};

} // namespace RagScope
