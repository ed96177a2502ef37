// The one ISO 8601 parser behind every time a user types: what it accepts (and as which UTC
// instant) and what it refuses, with the argument and the value named in one line.
#include "base/isotime.h"

#include <QtTest>

using namespace RagScope;

class TestIsoTime : public QObject
{
    Q_OBJECT
private slots:
    void acceptsStrictIso8601AsUtc_data();
    void acceptsStrictIso8601AsUtc();
    void refusesEverythingElseInOneLine_data();
    void refusesEverythingElseInOneLine();
};

namespace {

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

} // namespace

void TestIsoTime::acceptsStrictIso8601AsUtc_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("date only is midnight UTC") << QStringLiteral("2026-11-19") << utc(2026, 11, 19);
    QTest::newRow("Z") << QStringLiteral("2026-11-19T10:20:30Z") << utc(2026, 11, 19, 10, 20, 30);
    QTest::newRow("no zone is UTC") << QStringLiteral("2026-11-19T10:20:30") << utc(2026, 11, 19, 10, 20, 30);
    QTest::newRow("missing seconds") << QStringLiteral("2026-11-19T10:20Z") << utc(2026, 11, 19, 10, 20);
    QTest::newRow("missing seconds, no zone")
        << QStringLiteral("2026-11-19T10:20") << utc(2026, 11, 19, 10, 20);
    QTest::newRow("milliseconds") << QStringLiteral("2026-11-19T10:20:30.123Z")
                                  << utc(2026, 11, 19, 10, 20, 30, 123);
    QTest::newRow("one fraction digit is tenths")
        << QStringLiteral("2026-11-19T10:20:30.5Z") << utc(2026, 11, 19, 10, 20, 30, 500);
    QTest::newRow("two fraction digits")
        << QStringLiteral("2026-11-19T10:20:30.05Z") << utc(2026, 11, 19, 10, 20, 30, 50);
    QTest::newRow("microseconds that are whole ms")
        << QStringLiteral("2026-11-19T10:20:30.123000+00:00") << utc(2026, 11, 19, 10, 20, 30, 123);
    QTest::newRow("positive offset") << QStringLiteral("2026-11-19T01:00:00+02:00") << utc(2026, 11, 18, 23);
    QTest::newRow("negative offset") << QStringLiteral("2026-11-19T23:30:00-05:30") << utc(2026, 11, 20, 5);
    QTest::newRow("offset +14:00") << QStringLiteral("2026-11-19T14:00:00+14:00") << utc(2026, 11, 19);
    QTest::newRow("offset -14:00") << QStringLiteral("2026-11-19T00:00:00-14:00") << utc(2026, 11, 19, 14);
    QTest::newRow("offset -00:00") << QStringLiteral("2026-11-19T00:00:00-00:00") << utc(2026, 11, 19);
    QTest::newRow("leap day") << QStringLiteral("2028-02-29") << utc(2028, 2, 29);
    QTest::newRow("leap day 2000") << QStringLiteral("2000-02-29T12:00Z") << utc(2000, 2, 29, 12);
    QTest::newRow("last instant of a day")
        << QStringLiteral("2026-12-31T23:59:59.999Z") << utc(2026, 12, 31, 23, 59, 59, 999);
    QTest::newRow("start of the year") << QStringLiteral("2027-01-01T00:00:00Z") << utc(2027, 1, 1);
}

void TestIsoTime::acceptsStrictIso8601AsUtc()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const auto parsed = parseIsoTime(text, QStringLiteral("--from"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value(), expected);
    QCOMPARE(parsed.value().timeSpec(), Qt::UTC);
}

void TestIsoTime::refusesEverythingElseInOneLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    const QString notIso = QStringLiteral("is not an ISO 8601 time");
    const QString notDate = QStringLiteral("is not a calendar date");
    const QString notTime = QStringLiteral("is not a time of day");
    const QString offset = QStringLiteral("UTC offset");
    QTest::newRow("text after T") << QStringLiteral("2026-11-19Tfoo") << notIso;
    QTest::newRow("text after the date") << QStringLiteral("2026-11-19x") << notIso;
    QTest::newRow("hour 25") << QStringLiteral("2026-11-19T25:00:00Z") << notTime;
    QTest::newRow("hour 24") << QStringLiteral("2026-11-19T24:00:00Z") << notTime;
    QTest::newRow("minute 60") << QStringLiteral("2026-11-19T23:60:00Z") << notTime;
    QTest::newRow("leap second") << QStringLiteral("2026-12-31T23:59:60Z") << notTime;
    QTest::newRow("offset +99:00") << QStringLiteral("2026-11-19T00:00:00+99:00") << offset;
    QTest::newRow("offset +14:01") << QStringLiteral("2026-11-19T00:00:00+14:01") << offset;
    QTest::newRow("offset -15:00") << QStringLiteral("2026-11-19T00:00:00-15:00") << offset;
    QTest::newRow("offset minutes 60") << QStringLiteral("2026-11-19T00:00:00+01:60") << offset;
    QTest::newRow("offset without colon") << QStringLiteral("2026-11-19T00:00:00+0100") << notIso;
    QTest::newRow("offset hours only") << QStringLiteral("2026-11-19T00:00:00+01") << notIso;
    QTest::newRow("lowercase z") << QStringLiteral("2026-11-19T00:00:00z") << notIso;
    QTest::newRow("lowercase t") << QStringLiteral("2026-11-19t00:00:00Z") << notIso;
    QTest::newRow("space instead of T") << QStringLiteral("2026-11-19 00:00:00Z") << notIso;
    QTest::newRow("zone on a date") << QStringLiteral("2026-11-19Z") << notIso;
    QTest::newRow("hour without minutes") << QStringLiteral("2026-11-19T10Z") << notIso;
    QTest::newRow("T without a time") << QStringLiteral("2026-11-19T") << notIso;
    QTest::newRow("fraction without seconds") << QStringLiteral("2026-11-19T10:20.5Z") << notIso;
    QTest::newRow("empty fraction") << QStringLiteral("2026-11-19T10:20:30.Z") << notIso;
    QTest::newRow("month 13") << QStringLiteral("2026-13-01") << notDate;
    QTest::newRow("month 00") << QStringLiteral("2026-00-10") << notDate;
    QTest::newRow("day 32") << QStringLiteral("2026-01-32") << notDate;
    QTest::newRow("29 February of a common year") << QStringLiteral("2026-02-29") << notDate;
    QTest::newRow("29 February 1900") << QStringLiteral("1900-02-29") << notDate;
    QTest::newRow("31 April") << QStringLiteral("2026-04-31T00:00Z") << notDate;
    QTest::newRow("one-digit month") << QStringLiteral("2026-1-05") << notIso;
    QTest::newRow("basic format") << QStringLiteral("20261119") << notIso;
    QTest::newRow("leading space") << QStringLiteral(" 2026-11-19") << notIso;
    QTest::newRow("trailing space") << QStringLiteral("2026-11-19 ") << notIso;
    QTest::newRow("trailing newline") << QStringLiteral("2026-11-19\n") << notIso;
    QTest::newRow("empty") << QString() << notIso;
    QTest::newRow("a word") << QStringLiteral("yesterday") << notIso;
    QTest::newRow("epoch seconds") << QStringLiteral("1795000000") << notIso;
    QTest::newRow("sub-millisecond") << QStringLiteral("2026-11-19T00:00:00.0001Z")
                                     << QStringLiteral("millisecond precision");
    QTest::newRow("microseconds") << QStringLiteral("2026-11-19T00:00:00.123456Z")
                                  << QStringLiteral("millisecond precision");
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("٢٠٢٦-11-19") << notIso;
}

void TestIsoTime::refusesEverythingElseInOneLine()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    const auto parsed = parseIsoTime(text, QStringLiteral("--to"));
    QVERIFY2(!parsed.ok(), qPrintable(parsed.ok() ? parsed.value().toString(Qt::ISODateWithMs) : QString()));
    const Error& e = parsed.error();
    QCOMPARE(e.kind, ErrorKind::InvalidInput);
    QVERIFY2(
        e.message.startsWith(QStringLiteral("--to '") + text + QLatin1Char('\'')), qPrintable(e.message));
    QVERIFY2(e.message.contains(reason), qPrintable(e.message));
    if (!text.contains(QLatin1Char('\n')))
        QVERIFY2(!e.message.contains(QLatin1Char('\n')), qPrintable(e.message));
}

QTEST_GUILESS_MAIN(TestIsoTime)
#include "tst_isotime.moc"
