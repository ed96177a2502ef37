#pragma once

#include <QDateTime>
#include <QLocale>

namespace RagScope {

/// Dates and times as the screen shows them: in the user's locale (QLocale() by default: "30.11.2026
/// 14:05" in German, "11/30/2026 2:05 PM" in American English), always with a four-digit year,
/// and in UTC (the store's clock; labels add "UTC"). The C locale (no preference) gets ISO 8601
/// ("2026-11-30 14:05"), as do files, JSON and CSV always.
class LocaleTime
{
public:
    /// Formats for QDateTimeEdit::setDisplayFormat and chart axes.
    static QString dateFormat(const QLocale& locale = QLocale());
    static QString dateTimeFormat(const QLocale& locale = QLocale(), bool seconds = false);

    static QString date(const QDate& date, const QLocale& locale = QLocale());
    /// `time` converted to UTC first.
    static QString dateTime(const QDateTime& time, const QLocale& locale = QLocale(), bool seconds = false);
};

} // namespace RagScope
