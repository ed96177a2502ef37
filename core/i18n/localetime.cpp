#include "localetime.h"

namespace RagScope {

QString LocaleTime::dateFormat(const QLocale& locale)
{
    if (locale.language() == QLocale::C) // no preference (LC_ALL=C): ISO 8601
        return QStringLiteral("yyyy-MM-dd");
    // The short format's two-digit year ("30.11.26") is ambiguous in a store of several years.
    QString format = locale.dateFormat(QLocale::ShortFormat);
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

QString LocaleTime::dateTimeFormat(const QLocale& locale, bool seconds)
{
    QString time
        = locale.language() == QLocale::C ? QStringLiteral("HH:mm") : locale.timeFormat(QLocale::ShortFormat);
    if (seconds && !time.contains(QLatin1Char('s')))
        time.replace(QLatin1String("mm"), QLatin1String("mm:ss"));
    return dateFormat(locale) + QLatin1Char(' ') + time;
}

QString LocaleTime::date(const QDate& date, const QLocale& locale)
{
    return locale.toString(date, dateFormat(locale));
}

QString LocaleTime::dateTime(const QDateTime& time, const QLocale& locale, bool seconds)
{
    return locale.toString(time.toUTC(), dateTimeFormat(locale, seconds));
}

} // namespace RagScope
