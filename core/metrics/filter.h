#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace RagScope {

/// A window [from, to) on created_at, optionally narrowed to one user and/or one model.
struct Filter
{
    QDateTime from;
    QDateTime to;
    std::optional<QString> user;
    std::optional<QString> model;

    /// Window length in (fractional) days.
    double days() const { return from.msecsTo(to) / 86'400'000.0; }
    /// The window of the same length that ends where this one starts (for "change vs previous").
    Filter previous() const
    {
        Filter p = *this;
        p.to = from;
        p.from = from.addMSecs(-from.msecsTo(to));
        return p;
    }
    bool operator==(const Filter&) const = default;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::Filter)
