#pragma once

#include "result.h"

#include <QDateTime>

namespace RagScope {

/// Strict ISO 8601 for every time a user types (CLI options, saved filter windows):
/// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`
/// (at most ±14:00) or nothing (UTC). Anything else — an hour 24, a second 60, a lowercase
/// `z`, trailing text, a fraction finer than a millisecond — is refused with one line that
/// names `argument` and quotes the value. The result is in UTC.
Result<QDateTime> parseIsoTime(const QString& text, const QString& argument);

} // namespace RagScope
