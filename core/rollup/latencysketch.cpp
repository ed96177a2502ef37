#include "latencysketch.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace RagScope {

namespace {

constexpr char FormatVersion = 1; // fixes α, the key mapping and the layout below
const double Gamma = (1 + LatencySketch::RelativeAccuracy) / (1 - LatencySketch::RelativeAccuracy);
const double LogGamma = std::log(Gamma);
// Far beyond any real count, and small enough that adding two totals never overflows.
constexpr qint64 MaxCount = qint64(1) << 60;

void writeVarint(quint64 v, QByteArray* out)
{
    while (v >= 0x80) {
        out->append(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out->append(char(v));
}

bool readVarint(const QByteArray& bytes, qsizetype* pos, quint64* v)
{
    *v = 0;
    for (int shift = 0; shift < 64 && *pos < bytes.size(); shift += 7) {
        const auto byte = quint8(bytes[(*pos)++]);
        *v |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

quint64 zigzag(qint64 v)
{
    return (quint64(v) << 1) ^ quint64(v >> 63);
}

qint64 unzigzag(quint64 v)
{
    return qint64(v >> 1) ^ -qint64(v & 1);
}

} // namespace

void LatencySketch::Buckets::add(int key, qint64 n)
{
    if (counts.empty()) {
        offset = key;
        counts.assign(1, 0);
    } else if (key < offset) {
        counts.insert(counts.begin(), size_t(offset - key), 0);
        offset = key;
    } else if (key - offset >= int(counts.size())) {
        counts.resize(size_t(key - offset + 1), 0);
    }
    counts[size_t(key - offset)] += n;
    total += n;
}

bool LatencySketch::Buckets::remove(int key)
{
    if (key < offset || key - offset >= int(counts.size()) || counts[size_t(key - offset)] == 0)
        return false;
    --counts[size_t(key - offset)];
    --total;
    // Keep the dense form canonical: no empty bucket at either end.
    while (!counts.empty() && counts.back() == 0)
        counts.pop_back();
    const auto first = std::find_if(counts.begin(), counts.end(), [](qint64 c) { return c != 0; });
    offset += int(first - counts.begin());
    counts.erase(counts.begin(), first);
    return true;
}

void LatencySketch::Buckets::merge(const Buckets& other)
{
    if (other.counts.empty())
        return;
    // Widen once to the union of both ranges, then add bucket by bucket.
    add(other.offset, 0);
    add(other.offset + int(other.counts.size()) - 1, 0);
    for (size_t i = 0; i < other.counts.size(); ++i)
        counts[size_t(other.offset - offset) + i] += other.counts[i];
    total += other.total;
}

bool LatencySketch::Buckets::operator==(const Buckets& other) const
{
    // Buckets are only ever widened to a key that gets a count, so the first and last entries
    // are non-zero and the dense form is canonical.
    return total == other.total && (counts.empty() || offset == other.offset) && counts == other.counts;
}

int LatencySketch::keyOf(double magnitude)
{
    return int(std::ceil(std::log(magnitude) / LogGamma));
}

double LatencySketch::valueOf(int key)
{
    return 2 * std::exp(key * LogGamma) / (Gamma + 1);
}

bool LatencySketch::add(double value, qint64 count)
{
    if (!std::isfinite(value) || std::fabs(value) > MaxIndexable || count < 1 || count > MaxCount)
        return false;
    if (std::fabs(value) < MinIndexable)
        m_zero += count;
    else if (value > 0)
        m_positive.add(keyOf(value), count);
    else
        m_negative.add(keyOf(-value), count);
    return true;
}

bool LatencySketch::remove(double value)
{
    if (!std::isfinite(value) || std::fabs(value) > MaxIndexable)
        return false;
    if (std::fabs(value) < MinIndexable) {
        if (m_zero == 0)
            return false;
        --m_zero;
        return true;
    }
    return value > 0 ? m_positive.remove(keyOf(value)) : m_negative.remove(keyOf(-value));
}

void LatencySketch::merge(const LatencySketch& other)
{
    m_zero += other.m_zero;
    m_positive.merge(other.m_positive);
    m_negative.merge(other.m_negative);
}

double LatencySketch::valueAtRank(qint64 rank) const
{
    // Ascending order: negative values from the largest magnitude down, zeros, positive values.
    const auto& neg = m_negative.counts;
    for (size_t i = neg.size(); i-- > 0;) {
        if (rank < neg[i])
            return -valueOf(m_negative.offset + int(i));
        rank -= neg[i];
    }
    if (rank < m_zero)
        return 0;
    rank -= m_zero;
    const auto& pos = m_positive.counts;
    for (size_t i = 0; i < pos.size(); ++i) {
        if (rank < pos[i])
            return valueOf(m_positive.offset + int(i));
        rank -= pos[i];
    }
    return valueOf(m_positive.offset + int(pos.size()) - 1); // not reached for rank < count()
}

std::optional<double> LatencySketch::quantile(double q) const
{
    const qint64 n = count();
    if (n == 0 || std::isnan(q))
        return std::nullopt;
    const double position = std::clamp(q, 0.0, 1.0) * double(n - 1);
    const auto lower = qint64(std::floor(position));
    const auto upper = qint64(std::ceil(position));
    const double low = valueAtRank(lower);
    if (upper == lower)
        return low;
    return low + (valueAtRank(upper) - low) * (position - double(lower));
}

void LatencySketch::writeBuckets(const Buckets& buckets, QByteArray* out)
{
    quint64 used = 0;
    for (qint64 c : buckets.counts)
        used += c > 0 ? 1 : 0;
    writeVarint(used, out);
    qint64 previous = 0;
    for (size_t i = 0; i < buckets.counts.size(); ++i) {
        if (buckets.counts[i] == 0)
            continue;
        const qint64 key = buckets.offset + qint64(i);
        writeVarint(zigzag(key - previous), out);
        writeVarint(quint64(buckets.counts[i]), out);
        previous = key;
    }
}

bool LatencySketch::readBuckets(const QByteArray& bytes, qsizetype* pos, Buckets* buckets)
{
    static const qint64 lowest = keyOf(MinIndexable) - 1;
    static const qint64 highest = keyOf(MaxIndexable) + 1;
    quint64 used = 0;
    if (!readVarint(bytes, pos, &used) || used > quint64(bytes.size() - *pos) / 2)
        return false;
    qint64 key = 0;
    for (quint64 i = 0; i < used; ++i) {
        quint64 delta = 0;
        quint64 count = 0;
        if (!readVarint(bytes, pos, &delta) || !readVarint(bytes, pos, &count))
            return false;
        const qint64 step = unzigzag(delta);
        // keys strictly ascending and in range, counts positive and bounded
        if ((i > 0 && step <= 0) || step > highest - lowest)
            return false;
        key += step;
        if (key < lowest || key > highest || count == 0 || count > quint64(MaxCount - buckets->total))
            return false;
        buckets->add(int(key), qint64(count));
    }
    return true;
}

QByteArray LatencySketch::toBytes() const
{
    QByteArray out;
    out.append(FormatVersion);
    writeVarint(quint64(m_zero), &out);
    writeBuckets(m_positive, &out);
    writeBuckets(m_negative, &out);
    return out;
}

std::optional<LatencySketch> LatencySketch::fromBytes(const QByteArray& bytes)
{
    if (bytes.isEmpty() || bytes[0] != FormatVersion)
        return std::nullopt;
    LatencySketch s;
    qsizetype pos = 1;
    quint64 zero = 0;
    if (!readVarint(bytes, &pos, &zero) || zero > quint64(MaxCount))
        return std::nullopt;
    s.m_zero = qint64(zero);
    if (!readBuckets(bytes, &pos, &s.m_positive) || !readBuckets(bytes, &pos, &s.m_negative)
        || pos != bytes.size())
        return std::nullopt;
    return s;
}

QVariant LatencySketch::toColumnValue() const
{
    return isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(toBytes());
}

bool LatencySketch::mergeBytes(const QByteArray& bytes)
{
    const auto other = fromBytes(bytes);
    if (!other)
        return false;
    merge(*other);
    return true;
}

bool LatencySketch::operator==(const LatencySketch& other) const
{
    return m_zero == other.m_zero && m_positive == other.m_positive && m_negative == other.m_negative;
}

} // namespace RagScope
