#include "export/csvwriter.h"

#include <QBuffer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <clocale>
#include <cmath>
#include <cstdio>

using namespace RagScope;

Q_DECLARE_METATYPE(RagScope::CsvCell)
using MakeCell = std::function<RagScope::CsvCell()>;
Q_DECLARE_METATYPE(MakeCell)

namespace {

QByteArray writeRows(const QList<QList<CsvCell>>& rows, CsvOptions options = {})
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer, options);
    writer.writeHeader({ QStringLiteral("a"), QStringLiteral("b") });
    for (const QList<CsvCell>& row : rows)
        writer.writeRow(row);
    return buffer.data();
}

QString cNumericText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return QString::fromLatin1(text);
}

} // namespace

/// CSV for machines: RFC 4180 quoting, formula-injection guard on text only, raw numbers in
/// the C locale whatever the user's locale, ISO 8601 UTC times, exact money, NULL empty.
class TestCsvWriter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writesEachCellForMachines_data();
    void writesEachCellForMachines();
    void numbersIgnoreGermanLocale_data();
    void numbersIgnoreGermanLocale();
    void recordsEndInCrlfAndQuotedLineBreaksStayInsideTheField();
    void byteOrderMarkOnlyWhenAsked_data();
    void byteOrderMarkOnlyWhenAsked();
    void reportsAFailedWrite();

private:
    QTemporaryDir m_locales;
};

void TestCsvWriter::initTestCase()
{
    // A German C library locale, compiled here because minimal systems ship only C.UTF-8.
    QVERIFY(m_locales.isValid());
    QProcess localedef;
    localedef.start(QStringLiteral("localedef"),
        { QStringLiteral("-i"), QStringLiteral("de_DE"), QStringLiteral("-f"), QStringLiteral("UTF-8"),
            m_locales.filePath(QStringLiteral("de_DE.utf8")) });
    QVERIFY(localedef.waitForFinished(60000));
    QVERIFY2(QFileInfo::exists(m_locales.filePath(QStringLiteral("de_DE.utf8/LC_NUMERIC"))),
        localedef.readAllStandardError().constData());
    qputenv("LOCPATH", QFile::encodeName(m_locales.path()));
}

void TestCsvWriter::writesEachCellForMachines_data()
{
    QTest::addColumn<CsvCell>("cell");
    QTest::addColumn<QString>("field");

    QTest::newRow("plain text") << CsvCell::text(QStringLiteral("refund")) << QStringLiteral("refund");
    QTest::newRow("empty text") << CsvCell::text(QString()) << QString();
    QTest::newRow("comma") << CsvCell::text(QStringLiteral("a,b")) << QStringLiteral("\"a,b\"");
    QTest::newRow("quotes") << CsvCell::text(QStringLiteral("say \"hi\""))
                            << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << CsvCell::text(QStringLiteral("line 1\nline 2"))
                             << QStringLiteral("\"line 1\nline 2\"");
    QTest::newRow("crlf") << CsvCell::text(QStringLiteral("a\r\nb")) << QStringLiteral("\"a\r\nb\"");
    QTest::newRow("unicode") << CsvCell::text(QStringLiteral(u"Grüße → 東京"))
                             << QStringLiteral(u"Grüße → 東京");

    QTest::newRow("guard =") << CsvCell::text(QStringLiteral("=1+1")) << QStringLiteral("'=1+1");
    QTest::newRow("guard +") << CsvCell::text(QStringLiteral("+SUM(A1:A9)"))
                             << QStringLiteral("'+SUM(A1:A9)");
    QTest::newRow("guard -") << CsvCell::text(QStringLiteral("-2+3")) << QStringLiteral("'-2+3");
    QTest::newRow("guard @") << CsvCell::text(QStringLiteral("@cmd")) << QStringLiteral("'@cmd");
    QTest::newRow("guard tab") << CsvCell::text(QStringLiteral("\t=1")) << QStringLiteral("'\t=1");
    QTest::newRow("guard cr") << CsvCell::text(QStringLiteral("\r=1")) << QStringLiteral("\"'\r=1\"");
    QTest::newRow("guard and quote") << CsvCell::text(QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"))
                                     << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("formula char later") << CsvCell::text(QStringLiteral("a=b")) << QStringLiteral("a=b");
    QTest::newRow("apostrophe first")
        << CsvCell::text(QStringLiteral("'quoted")) << QStringLiteral("'quoted");

    QTest::newRow("negative integer") << CsvCell::integer(-5) << QStringLiteral("-5");
    QTest::newRow("big integer") << CsvCell::integer(9007199254740993LL)
                                 << QStringLiteral("9007199254740993");
    QTest::newRow("negative real") << CsvCell::real(-0.25) << QStringLiteral("-0.25");
    QTest::newRow("real") << CsvCell::real(0.32) << QStringLiteral("0.32");
    QTest::newRow("whole real") << CsvCell::real(1107.0) << QStringLiteral("1107");
    QTest::newRow("large real") << CsvCell::real(1234567.5) << QStringLiteral("1234567.5");
    QTest::newRow("real without short form")
        << CsvCell::real(1.0 / 3) << QStringLiteral("0.3333333333333333");
    QTest::newRow("tiny real") << CsvCell::real(1e-7) << QStringLiteral("0.0000001");
    QTest::newRow("nan") << CsvCell::real(std::nan("")) << QString();
    QTest::newRow("money") << CsvCell::money(Money::fromUnits(20000)) << QStringLiteral("0.00020000");
    QTest::newRow("negative money") << CsvCell::money(Money::fromUnits(-150000000))
                                    << QStringLiteral("-1.50000000");
    QTest::newRow("time utc") << CsvCell::time(QDateTime(QDate(2026, 11, 2), QTime(9, 0, 0, 123),
        QTimeZone::utc())) << QStringLiteral("2026-11-02T09:00:00.123Z");
    QTest::newRow("time with offset")
        << CsvCell::time(QDateTime(QDate(2026, 11, 2), QTime(11, 30), QTimeZone(2 * 3600)))
        << QStringLiteral("2026-11-02T09:30:00.000Z");
    QTest::newRow("invalid time") << CsvCell::time(QDateTime()) << QString();
    QTest::newRow("null") << CsvCell() << QString();
    QTest::newRow("optional none") << CsvCell::optional(std::optional<double>(), CsvCell::real) << QString();
    QTest::newRow("optional value") << CsvCell::optional(std::optional<qint64>(-3), CsvCell::integer)
                                    << QStringLiteral("-3");
}

void TestCsvWriter::writesEachCellForMachines()
{
    QFETCH(CsvCell, cell);
    QFETCH(QString, field);
    QCOMPARE(CsvWriter::field(cell), field);
    QCOMPARE(writeRows({ { cell, CsvCell::integer(1) } }),
        QByteArray("a,b\r\n") + field.toUtf8() + QByteArray(",1\r\n"));
}

void TestCsvWriter::numbersIgnoreGermanLocale_data()
{
    QTest::addColumn<MakeCell>("make");
    QTest::addColumn<QString>("field");
    QTest::newRow("confidence") << MakeCell([] { return CsvCell::real(0.32); }) << QStringLiteral("0.32");
    QTest::newRow("latency") << MakeCell([] { return CsvCell::real(1107.5); }) << QStringLiteral("1107.5");
    QTest::newRow("thousands") << MakeCell([] { return CsvCell::integer(1234567); })
                               << QStringLiteral("1234567");
    QTest::newRow("money") << MakeCell([] { return CsvCell::money(Money::fromUnits(123456789012)); })
                           << QStringLiteral("1234.56789012");
    QTest::newRow("time") << MakeCell([] {
        return CsvCell::time(QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc()));
    }) << QStringLiteral("2026-03-01T00:00:00.000Z");
}

void TestCsvWriter::numbersIgnoreGermanLocale()
{
    QFETCH(MakeCell, make);
    QFETCH(QString, field);
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(std::setlocale(LC_NUMERIC, "de_DE.UTF-8"));
    // Precondition: both Qt's default locale and the C library's LC_NUMERIC write "0,32".
    const QString qtText = QLocale().toString(0.32);
    const QString cText = cNumericText(0.32);
    const QString written = CsvWriter::field(make());
    std::setlocale(LC_NUMERIC, "C");
    QLocale::setDefault(previous);
    QCOMPARE(qtText, QStringLiteral("0,32"));
    QCOMPARE(cText, QStringLiteral("0,32"));
    QCOMPARE(written, field);
}

void TestCsvWriter::recordsEndInCrlfAndQuotedLineBreaksStayInsideTheField()
{
    const QByteArray csv = writeRows({ { CsvCell::text(QStringLiteral("two\nlines")), CsvCell() },
        { CsvCell(), CsvCell::text(QStringLiteral("x")) } });
    QCOMPARE(csv, QByteArray("a,b\r\n\"two\nlines\",\r\n,x\r\n"));
}

void TestCsvWriter::byteOrderMarkOnlyWhenAsked_data()
{
    QTest::addColumn<bool>("bom");
    QTest::newRow("off") << false;
    QTest::newRow("on") << true;
}

void TestCsvWriter::byteOrderMarkOnlyWhenAsked()
{
    QFETCH(bool, bom);
    const QByteArray csv
        = writeRows({ { CsvCell::text(QStringLiteral(u"é")), CsvCell::integer(2) } }, { bom });
    const QByteArray body = QByteArray("a,b\r\n") + QStringLiteral(u"é").toUtf8() + QByteArray(",2\r\n");
    QCOMPARE(csv, bom ? QByteArray("\xEF\xBB\xBF") + body : body);
}

void TestCsvWriter::reportsAFailedWrite()
{
    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    CsvWriter writer(&readOnly);
    QVERIFY(writer.ok());
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    writer.writeHeader({ QStringLiteral("a") });
    QVERIFY(!writer.ok());
    QVERIFY(!writer.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
