#include "seriesthinning.h"

namespace RagScope::SeriesThinning {

QList<QPointF> minMax(const QList<QPointF>& points, int maxPoints)
{
    const qsizetype n = points.size();
    if (maxPoints < 2 || n <= maxPoints)
        return points;
    const qsizetype slices = maxPoints / 2;
    QList<QPointF> out;
    out.reserve(slices * 2);
    for (qsizetype s = 0; s < slices; ++s) {
        const qsizetype begin = s * n / slices;
        const qsizetype end = (s + 1) * n / slices;
        qsizetype lo = begin;
        qsizetype hi = begin;
        for (qsizetype i = begin + 1; i < end; ++i) {
            if (points[i].y() < points[lo].y())
                lo = i;
            if (points[i].y() > points[hi].y())
                hi = i;
        }
        out.append(points[std::min(lo, hi)]);
        if (lo != hi)
            out.append(points[std::max(lo, hi)]);
    }
    return out;
}

} // namespace RagScope::SeriesThinning
