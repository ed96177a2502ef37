#include "money/costdisplay.h"

#include <QtTest>

using namespace RagScope;
using Style = CostDisplay::Style;

Q_DECLARE_METATYPE(std::optional<RagScope::Money>)

/// One display for costs that may be missing, on every page and in CLI text.
class CostDisplayTest : public QObject
{
    Q_OBJECT

private slots:
    void oneRequestWithoutACostReadsNoPrice_data()
    {
        QTest::addColumn<std::optional<Money>>("cost");
        QTest::addColumn<int>("style");
        QTest::addColumn<QString>("shown");

        const Money sum = Money::parse(QStringLiteral("1234.5678")).value();
        QTest::newRow("dollars") << std::optional(sum) << int(Style::Dollars) << QStringLiteral("$1,234.57");
        QTest::newRow("dollars, sub-cent")
            << std::optional(Money::fromUnits(12)) << int(Style::Dollars) << QStringLiteral("$0.0000001");
        QTest::newRow("dollars, all places")
            << std::optional(sum) << int(Style::DollarsAllPlaces) << QStringLiteral("$1,234.56780000");
        QTest::newRow("plain") << std::optional(sum) << int(Style::Plain) << QStringLiteral("1234.56780000");
        QTest::newRow("a real zero is $0")
            << std::optional(Money()) << int(Style::Dollars) << QStringLiteral("$0.00");
        for (const Style style : { Style::Dollars, Style::DollarsAllPlaces, Style::Plain })
            QTest::addRow("no cost, style %d", int(style))
                << std::optional<Money>() << int(style) << QStringLiteral("no price");
    }

    void oneRequestWithoutACostReadsNoPrice()
    {
        QFETCH(std::optional<Money>, cost);
        QFETCH(int, style);
        QFETCH(QString, shown);
        QCOMPARE(CostDisplay::amount(cost, Style(style)), shown);
    }

    void sumsSayHowManyRequestsHaveNoPrice_data()
    {
        QTest::addColumn<qint64>("units");
        QTest::addColumn<qint64>("requests");
        QTest::addColumn<qint64>("unpriced");
        QTest::addColumn<int>("style");
        QTest::addColumn<QString>("shown");

        QTest::newRow("all priced") << qint64(50'000'000) << qint64(3) << qint64(0) << int(Style::Dollars)
                                    << QStringLiteral("$0.50");
        QTest::newRow("no requests") << qint64(0) << qint64(0) << qint64(0) << int(Style::Dollars)
                                     << QStringLiteral("$0.00");
        QTest::newRow("none priced") << qint64(0) << qint64(4) << qint64(4) << int(Style::Dollars)
                                     << QStringLiteral("no price");
        QTest::newRow("none priced, plain")
            << qint64(0) << qint64(4) << qint64(4) << int(Style::Plain) << QStringLiteral("no price");
        QTest::newRow("some priced") << qint64(50'000'000) << qint64(4) << qint64(1) << int(Style::Dollars)
                                     << QStringLiteral("$0.50 (+1 no price)");
        QTest::newRow("some priced, plain") << qint64(1) << qint64(4) << qint64(3) << int(Style::Plain)
                                            << QStringLiteral("0.00000001 (+3 no price)");
    }

    void sumsSayHowManyRequestsHaveNoPrice()
    {
        QFETCH(qint64, units);
        QFETCH(qint64, requests);
        QFETCH(qint64, unpriced);
        QFETCH(int, style);
        QFETCH(QString, shown);
        QCOMPARE(CostDisplay::sum(Money::fromUnits(units), requests, unpriced, Style(style)), shown);
    }
};

QTEST_GUILESS_MAIN(CostDisplayTest)
#include "tst_costdisplay.moc"
