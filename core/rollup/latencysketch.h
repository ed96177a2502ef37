#pragma once

#include <QByteArray>
#include <QVariant>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace RagScope {

/// A mergeable quantile sketch with logarithmic buckets (the DDSketch idea): a value x > 0 goes
/// to bucket k = ceil(log_γ x) with γ = (1 + α)/(1 − α), α = 1%, and reads back as
/// 2γ^k/(γ + 1), which is within α of every value of that bucket. Negative values use a mirrored
/// set of buckets; |x| < MinIndexable counts as 0. Merging adds bucket counts, so the sketch of a
/// union equals the merge of the sketches, in any order.
class LatencySketch
{
public:
    static constexpr double RelativeAccuracy = 0.01;
    static constexpr double MinIndexable = 1e-9;
    static constexpr double MaxIndexable = 1e300;

    /// Adds `value` `count` times; refuses (false) NaN, infinities, |value| > MaxIndexable and
    /// counts < 1.
    bool add(double value, qint64 count = 1);
    /// Takes one count of `value`'s bucket back (a raw row subtracted from a merged sketch); false
    /// and nothing changed when that bucket is empty.
    bool remove(double value);
    void merge(const LatencySketch& other);

    qint64 count() const { return m_zero + m_positive.total + m_negative.total; }
    bool isEmpty() const { return count() == 0; }

    /// The q-quantile (0 ≤ q ≤ 1) with percentile_cont's rank convention: position q·(n − 1)
    /// among the sorted values, linear interpolation between the two closest ranks. Each of the
    /// two ranked values is estimated from its bucket (relative error ≤ α), so for values of one
    /// sign the interpolated result is within α of percentile_cont too. Empty over no values.
    std::optional<double> quantile(double q) const;

    /// Compact bytes for a bytea/BLOB column: a format byte, the zero count, then per sign the
    /// number of non-empty buckets and (key delta, count) pairs as (zigzag) varints.
    QByteArray toBytes() const;
    /// Parses toBytes() output; empty for bytes that are not a sketch of this format.
    static std::optional<LatencySketch> fromBytes(const QByteArray& bytes);
    /// toBytes() for a bytea/BLOB column, NULL when empty.
    QVariant toColumnValue() const;
    /// Merges serialized sketch bytes; false (and nothing merged) when they are not a sketch.
    bool mergeBytes(const QByteArray& bytes);

    bool operator==(const LatencySketch& other) const;

private:
    /// Counts of consecutive bucket keys starting at `offset` (dense: latencies span few buckets).
    struct Buckets
    {
        int offset = 0;
        std::vector<qint64> counts;
        qint64 total = 0;
        void add(int key, qint64 n);
        bool remove(int key);
        void merge(const Buckets& other);
        bool operator==(const Buckets& other) const;
    };

    static int keyOf(double magnitude);
    static double valueOf(int key);
    double valueAtRank(qint64 rank) const;
    static void writeBuckets(const Buckets& buckets, QByteArray* out);
    static bool readBuckets(const QByteArray& bytes, qsizetype* pos, Buckets* buckets);

    Buckets m_positive;
    Buckets m_negative; ///< keyed by the magnitude of the negative values
    qint64 m_zero = 0;
};

} // namespace RagScope
