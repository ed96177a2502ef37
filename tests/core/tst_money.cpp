#include "money/money.h"

#include <QtTest>

using namespace RagScope;

class MoneyTest : public QObject
{
    Q_OBJECT

private slots:
    void parsesDecimalText_data();
    void parsesDecimalText();
    void rejectsTextThatIsNotAPlainDecimal_data();
    void rejectsTextThatIsNotAPlainDecimal();
    void formatsWithExactlyEightPlaces_data();
    void formatsWithExactlyEightPlaces();
    void roundTripsThroughText_data();
    void roundTripsThroughText();
    void displaysForPeople_data();
    void displaysForPeople();
    void scalesWithHalfEvenRounding_data();
    void scalesWithHalfEvenRounding();
    void addsAndComparesExactly();
};

void MoneyTest::parsesDecimalText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("units");

    QTest::newRow("integer") << QStringLiteral("3") << qint64(300'000'000);
    QTest::newRow("eight places") << QStringLiteral("12.34567890") << qint64(1'234'567'890);
    QTest::newRow("fewer places") << QStringLiteral("0.5") << qint64(50'000'000);
    QTest::newRow("negative") << QStringLiteral("-0.5") << qint64(-50'000'000);
    QTest::newRow("explicit plus") << QStringLiteral("+1.25") << qint64(125'000'000);
    QTest::newRow("leading point") << QStringLiteral(".25") << qint64(25'000'000);
    QTest::newRow("trailing point") << QStringLiteral("7.") << qint64(700'000'000);
    QTest::newRow("surrounding spaces") << QStringLiteral("  2.5 ") << qint64(250'000'000);
    QTest::newRow("smallest unit") << QStringLiteral("0.00000001") << qint64(1);
    QTest::newRow("nine places, tie rounds down to even") << QStringLiteral("0.000000125") << qint64(12);
    QTest::newRow("nine places, tie rounds up to even") << QStringLiteral("0.000000135") << qint64(14);
    QTest::newRow("nine places, above tie rounds up") << QStringLiteral("0.000000126") << qint64(13);
    QTest::newRow("many places, just above tie") << QStringLiteral("0.0000001250000001") << qint64(13);
    QTest::newRow("negative tie rounds to even") << QStringLiteral("-0.000000125") << qint64(-12);
    QTest::newRow("half a unit rounds to zero") << QStringLiteral("0.000000005") << qint64(0);
    QTest::newRow("NUMERIC(14,8) maximum") << QStringLiteral("999999.99999999") << qint64(99'999'999'999'999);
    QTest::newRow("large amount") << QStringLiteral("92233720368.54775807")
                                  << std::numeric_limits<qint64>::max();
}

void MoneyTest::parsesDecimalText()
{
    QFETCH(QString, text);
    QFETCH(qint64, units);
    const auto parsed = Money::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->units(), units);
}

void MoneyTest::rejectsTextThatIsNotAPlainDecimal_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral("   ");
    QTest::newRow("exponent") << QStringLiteral("1e5");
    QTest::newRow("negative exponent") << QStringLiteral("1.5E-3");
    QTest::newRow("letters") << QStringLiteral("abc");
    QTest::newRow("two points") << QStringLiteral("1.2.3");
    QTest::newRow("sign only") << QStringLiteral("-");
    QTest::newRow("point only") << QStringLiteral(".");
    QTest::newRow("thousands separator") << QStringLiteral("1,000.00");
    QTest::newRow("currency sign") << QStringLiteral("$5");
    QTest::newRow("inner space") << QStringLiteral("1 000");
    QTest::newRow("two signs") << QStringLiteral("--1");
    QTest::newRow("non-ASCII digits") << QString(QChar(0x0661)); // ARABIC-INDIC DIGIT ONE
    QTest::newRow("too large for 64 bits") << QStringLiteral("92233720368.54775808");
}

void MoneyTest::rejectsTextThatIsNotAPlainDecimal()
{
    QFETCH(QString, text);
    const auto parsed = Money::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(parsed.error().message.contains(QStringLiteral("not a decimal amount")),
        qPrintable(parsed.error().message));
}

void MoneyTest::formatsWithExactlyEightPlaces_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << QStringLiteral("0.00000000");
    QTest::newRow("one unit") << qint64(1) << QStringLiteral("0.00000001");
    QTest::newRow("dollars and cents") << qint64(1'234'567'890) << QStringLiteral("12.34567890");
    QTest::newRow("negative under a dollar") << qint64(-50'000'000) << QStringLiteral("-0.50000000");
    QTest::newRow("negative unit") << qint64(-1) << QStringLiteral("-0.00000001");
    QTest::newRow("most negative") << std::numeric_limits<qint64>::min()
                                   << QStringLiteral("-92233720368.54775808");
}

void MoneyTest::formatsWithExactlyEightPlaces()
{
    QFETCH(qint64, units);
    QFETCH(QString, text);
    QCOMPARE(Money::fromUnits(units).toString(), text);
}

void MoneyTest::roundTripsThroughText_data()
{
    QTest::addColumn<qint64>("units");

    for (const qint64 units : { qint64(0), qint64(1), qint64(-1), qint64(12), qint64(99'999'999),
             qint64(100'000'000), qint64(-123'456'789'012), qint64(99'999'999'999'999),
             std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min() })
        QTest::addRow("%lld", static_cast<long long>(units)) << units;
}

void MoneyTest::roundTripsThroughText()
{
    QFETCH(qint64, units);
    const Money amount = Money::fromUnits(units);
    const auto parsed = Money::parse(amount.toString());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->units(), units);
}

void MoneyTest::displaysForPeople_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<QString>("display");

    QTest::newRow("thousands and rounded cents") << qint64(123'456'789'000) << QStringLiteral("$1,234.57");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("$0.00");
    QTest::newRow("whole cents") << qint64(5'000'000) << QStringLiteral("$0.05");
    QTest::newRow("millions") << qint64(123'456'700'000'000) << QStringLiteral("$1,234,567.00");
    QTest::newRow("negative") << qint64(-123'450'000'000) << QStringLiteral("-$1,234.50");
    QTest::newRow("cent tie rounds to even") << qint64(1'500'000) << QStringLiteral("$0.02");
    QTest::newRow("sub-cent shows a third place") << qint64(400'000) << QStringLiteral("$0.004");
    QTest::newRow("exactly half a cent is not shown as zero") << qint64(500'000) << QStringLiteral("$0.005");
    QTest::newRow("one unit shows all eight places") << qint64(1) << QStringLiteral("$0.00000001");
    QTest::newRow("half of the last shown place shows one more")
        << qint64(5) << QStringLiteral("$0.00000005");
    QTest::newRow("sub-cent token cost, first non-zero place") << qint64(12) << QStringLiteral("$0.0000001");
    QTest::newRow("negative sub-cent") << qint64(-38) << QStringLiteral("-$0.0000004");
    QTest::newRow("just under a cent rounds to a cent") << qint64(600'000) << QStringLiteral("$0.01");
}

void MoneyTest::displaysForPeople()
{
    QFETCH(qint64, units);
    QFETCH(QString, display);
    QCOMPARE(Money::fromUnits(units).toDisplayString(), display);
}

void MoneyTest::scalesWithHalfEvenRounding_data()
{
    QTest::addColumn<qint64>("units");
    QTest::addColumn<qint64>("numerator");
    QTest::addColumn<qint64>("denominator");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("exact") << qint64(300) << qint64(1) << qint64(3) << qint64(100);
    QTest::newRow("tie down to even") << qint64(5) << qint64(1) << qint64(2) << qint64(2);
    QTest::newRow("tie up to even") << qint64(7) << qint64(1) << qint64(2) << qint64(4);
    QTest::newRow("below tie") << qint64(10) << qint64(1) << qint64(3) << qint64(3);
    QTest::newRow("above tie") << qint64(20) << qint64(1) << qint64(3) << qint64(7);
    QTest::newRow("negative tie") << qint64(-5) << qint64(1) << qint64(2) << qint64(-2);
    QTest::newRow("product beyond 64 bits") << std::numeric_limits<qint64>::max() << qint64(86'400'000)
                                            << qint64(86'400'000) << std::numeric_limits<qint64>::max();
}

void MoneyTest::scalesWithHalfEvenRounding()
{
    QFETCH(qint64, units);
    QFETCH(qint64, numerator);
    QFETCH(qint64, denominator);
    QFETCH(qint64, expected);
    QCOMPARE(Money::fromUnits(units).scaled(numerator, denominator).units(), expected);
}

void MoneyTest::addsAndComparesExactly()
{
    // 0.1 + 0.2 in binary floating point is not 0.3; in Money it is.
    Money sum = Money::parse(QStringLiteral("0.1")).value();
    sum += Money::parse(QStringLiteral("0.2")).value();
    QCOMPARE(sum, Money::parse(QStringLiteral("0.3")).value());
    QCOMPARE((sum - Money::fromUnits(30'000'000)).units(), qint64(0));
    QVERIFY(Money::fromUnits(1) > Money::fromUnits(0));
    QCOMPARE((Money::fromUnits(3) * 365).units(), qint64(1095));
}

QTEST_GUILESS_MAIN(MoneyTest)
#include "tst_money.moc"
