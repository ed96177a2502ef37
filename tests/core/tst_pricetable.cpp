#include "money/pricetable.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;

class PriceTableTest : public QObject
{
    Q_OBJECT

private slots:
    void builtInHoldsTheContractPrices_data();
    void builtInHoldsTheContractPrices();
    void longestMatchingPrefixWins_data();
    void longestMatchingPrefixWins();
    void readsPricesGivenAsStringsOrNumbers_data();
    void readsPricesGivenAsStringsOrNumbers();
    void refusesMalformedTables_data();
    void refusesMalformedTables();
    void loadsFromFile();
    void missingFileIsNotFound();
    void pricesChangeAtTheirEffectiveDate();
    void refusesOverlappingEntries_data();
    void refusesOverlappingEntries();
    void listsTheChangeTimes();
};

void PriceTableTest::builtInHoldsTheContractPrices_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output"); // empty: an embedding model

    QTest::newRow("pro") << QStringLiteral("gemini-1.5-pro") << QStringLiteral("0.125")
                         << QStringLiteral("0.375");
    QTest::newRow("flash") << QStringLiteral("gemini-1.5-flash") << QStringLiteral("0.075")
                           << QStringLiteral("0.30");
    QTest::newRow("embedding") << QStringLiteral("embedding-001") << QStringLiteral("0.01") << QString();
}

void PriceTableTest::builtInHoldsTheContractPrices()
{
    QFETCH(QString, model);
    QFETCH(QString, input);
    QFETCH(QString, output);
    const PriceTable table = PriceTable::builtIn();
    QCOMPARE(table.rows().size(), 3);
    const auto price = table.find(model);
    QVERIFY(price);
    QCOMPARE(price->prefix, model);
    QCOMPARE(price->input.toString(), input);
    QCOMPARE(price->isEmbedding(), output.isEmpty());
    if (price->output)
        QCOMPARE(price->output->toString(), output);
}

void PriceTableTest::longestMatchingPrefixWins_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("prefix"); // empty: no price

    QTest::newRow("exact name") << QStringLiteral("gemini-1.5-flash") << QStringLiteral("gemini-1.5-flash");
    QTest::newRow("versioned name") << QStringLiteral("gemini-1.5-pro-latest")
                                    << QStringLiteral("gemini-1.5-pro");
    QTest::newRow("longer prefix beats shorter")
        << QStringLiteral("gemini-1.5-flash-8b") << QStringLiteral("gemini-1.5-flash-8b");
    QTest::newRow("longer prefix with suffix")
        << QStringLiteral("gemini-1.5-flash-8b-001") << QStringLiteral("gemini-1.5-flash-8b");
    QTest::newRow("shorter prefix still matches others")
        << QStringLiteral("gemini-1.5-flash-002") << QStringLiteral("gemini-1.5-flash");
    QTest::newRow("unknown model") << QStringLiteral("gpt-4o") << QString();
    QTest::newRow("prefix is case sensitive") << QStringLiteral("Gemini-1.5-pro") << QString();
    QTest::newRow("a shorter name is no match") << QStringLiteral("gemini-1.5") << QString();
    QTest::newRow("empty name") << QString() << QString();
}

void PriceTableTest::longestMatchingPrefixWins()
{
    QFETCH(QString, model);
    QFETCH(QString, prefix);
    // the longer prefix comes first, so order in the file cannot decide
    const auto table = PriceTable::fromJson(R"({"models": [
        {"prefix": "gemini-1.5-flash-8b", "input": "0.0375", "output": "0.15"},
        {"prefix": "gemini-1.5-flash", "input": "0.075", "output": "0.30"},
        {"prefix": "gemini-1.5-pro", "input": "0.125", "output": "0.375"}]})",
        QStringLiteral("test"));
    QVERIFY(table.ok());
    const auto price = table->find(model);
    QCOMPARE(price.has_value(), !prefix.isEmpty());
    if (price)
        QCOMPARE(price->prefix, prefix);
}

void PriceTableTest::readsPricesGivenAsStringsOrNumbers_data()
{
    QTest::addColumn<QByteArray>("price");
    QTest::addColumn<qint64>("unitsPerMillion"); // 1e-12 USD

    QTest::newRow("string") << QByteArray(R"("0.125")") << qint64(125'000'000'000);
    QTest::newRow("number") << QByteArray("0.125") << qint64(125'000'000'000);
    QTest::newRow("number not exact in binary") << QByteArray("0.075") << qint64(75'000'000'000);
    QTest::newRow("another inexact number") << QByteArray("0.3") << qint64(300'000'000'000);
    QTest::newRow("integer number") << QByteArray("2") << qint64(2'000'000'000'000);
    QTest::newRow("tiny number") << QByteArray("0.00001") << qint64(10'000'000);
    QTest::newRow("tiny number in exponent form") << QByteArray("2.5e-6") << qint64(2'500'000);
    QTest::newRow("twelve places in a string") << QByteArray(R"("0.000000000001")") << qint64(1);
    QTest::newRow("zero is a price") << QByteArray("0") << qint64(0);
}

void PriceTableTest::readsPricesGivenAsStringsOrNumbers()
{
    QFETCH(QByteArray, price);
    QFETCH(qint64, unitsPerMillion);
    const QByteArray json
        = R"({"models": [{"prefix": "m", "input": )" + price + R"(, "output": )" + price + "}]}";
    const auto table = PriceTable::fromJson(json, QStringLiteral("test"));
    QVERIFY2(table.ok(), qPrintable(table.ok() ? QString() : table.error().message));
    const auto row = table->find(QStringLiteral("m"));
    QVERIFY(row);
    QCOMPARE(row->input.unitsPerMillion, unitsPerMillion);
    QVERIFY(row->output);
    QCOMPARE(row->output->unitsPerMillion, unitsPerMillion);
}

void PriceTableTest::refusesMalformedTables_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("not JSON") << QByteArray("{\"models\": [") << QStringLiteral("my-prices.json");
    QTest::newRow("empty document") << QByteArray() << QStringLiteral("my-prices.json");
    QTest::newRow("no models") << QByteArray(R"({"currency": "USD"})") << QStringLiteral("\"models\"");
    QTest::newRow("models is not an array")
        << QByteArray(R"({"models": {"prefix": "m"}})") << QStringLiteral("\"models\"");
    QTest::newRow("empty models") << QByteArray(R"({"models": []})") << QStringLiteral("\"models\"");
    QTest::newRow("model without prefix")
        << QByteArray(R"({"models": [{"input": "0.1"}]})") << QStringLiteral("\"prefix\"");
    QTest::newRow("model without input price")
        << QByteArray(R"({"models": [{"prefix": "m", "output": "0.1"}]})") << QStringLiteral("\"input\"");
    QTest::newRow("negative input price")
        << QByteArray(R"({"models": [{"prefix": "m", "input": "-0.1"}]})") << QStringLiteral("\"input\"");
    QTest::newRow("negative number price")
        << QByteArray(R"({"models": [{"prefix": "m", "input": -0.1}]})") << QStringLiteral("\"input\"");
    QTest::newRow("negative output price")
        << QByteArray(R"({"models": [{"prefix": "m", "input": "0.1", "output": "-1"}]})")
        << QStringLiteral("\"output\"");
    QTest::newRow("price is not a number")
        << QByteArray(R"({"models": [{"prefix": "m", "input": "cheap"}]})") << QStringLiteral("\"input\"");
    QTest::newRow("price is a boolean")
        << QByteArray(R"({"models": [{"prefix": "m", "input": true}]})") << QStringLiteral("\"input\"");
    QTest::newRow("duplicate prefix") << QByteArray(
        R"({"models": [{"prefix": "gemini-1.5-pro", "input": "1"}, {"prefix": "gemini-1.5", "input": "2"},
                                     {"prefix": "gemini-1.5-pro", "input": "3"}]})")
                                      << QStringLiteral("prefix \"gemini-1.5-pro\" is listed twice");
    QTest::newRow("price too large") << QByteArray(R"({"models": [{"prefix": "m", "input": 1e300}]})")
                                     << QStringLiteral("\"input\"");
}

void PriceTableTest::refusesMalformedTables()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);
    const auto table = PriceTable::fromJson(json, QStringLiteral("my-prices.json"));
    QVERIFY(!table.ok());
    QCOMPARE(table.error().kind, ErrorKind::InvalidInput);
    QCOMPARE(table.error().exitCode(), 2);
    QVERIFY2(table.error().message.startsWith(QStringLiteral("price table my-prices.json: ")),
        qPrintable(table.error().message));
    QVERIFY2(table.error().message.contains(messagePart), qPrintable(table.error().message));
}

namespace {
const QByteArray DatedTable = R"({"models": [
    {"prefix": "claude-3", "input": "3", "output": "15"},
    {"prefix": "claude-3-haiku", "input": "0.25", "output": "1.25", "valid_to": "2026-09-01T00:00:00Z"},
    {"prefix": "claude-3-haiku", "input": "1", "output": "5", "valid_from": "2026-09-15T00:00:00Z"},
    {"prefix": "claude-3-haiku", "input": "2", "output": "10", "valid_from": "2026-10-01T12:00:00+02:00"}
]})";

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}
} // namespace

void PriceTableTest::pricesChangeAtTheirEffectiveDate()
{
    const auto table = PriceTable::fromJson(DatedTable, QStringLiteral("dated.json"));
    QVERIFY2(table.ok(), qPrintable(table.ok() ? QString() : table.error().message));
    const QString haiku = QStringLiteral("claude-3-haiku-20240307");
    const auto inputAt = [&](const char* iso) {
        const auto price = table->find(haiku, utc(iso));
        return price ? price->prefix + QLatin1Char(' ') + price->input.toString() : QString();
    };
    QCOMPARE(inputAt("2026-08-31T23:59:59Z"), QStringLiteral("claude-3-haiku 0.25"));
    // the gap between valid_to and the next valid_from: the shorter prefix's price applies
    QCOMPARE(inputAt("2026-09-01T00:00:00Z"), QStringLiteral("claude-3 3.00"));
    QCOMPARE(inputAt("2026-09-14T23:59:59Z"), QStringLiteral("claude-3 3.00"));
    QCOMPARE(inputAt("2026-09-15T00:00:00Z"), QStringLiteral("claude-3-haiku 1.00"));
    // valid_from 12:00+02:00 is 10:00 UTC; a row without valid_to ends where the next begins
    QCOMPARE(inputAt("2026-10-01T09:59:59Z"), QStringLiteral("claude-3-haiku 1.00"));
    QCOMPARE(inputAt("2026-10-01T10:00:00Z"), QStringLiteral("claude-3-haiku 2.00"));
    QCOMPARE(inputAt("2030-01-01T00:00:00Z"), QStringLiteral("claude-3-haiku 2.00"));
    QVERIFY(!table->find(QStringLiteral("gpt-4o"), utc("2026-10-01T00:00:00Z")));
}

void PriceTableTest::refusesOverlappingEntries_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    QTest::newRow("same prefix, same start")
        << QByteArray(R"({"models": [
        {"prefix": "m", "input": "1", "valid_from": "2026-10-01"},
        {"prefix": "m", "input": "2", "valid_from": "2026-10-01T00:00:00Z"}]})")
        << QStringLiteral("price table t.json: prefix \"m\" is listed twice from "
                          "2026-10-01T00:00:00Z");
    QTest::newRow("valid_to runs past the next start")
        << QByteArray(R"({"models": [
        {"prefix": "m", "input": "2", "valid_from": "2026-10-01"},
        {"prefix": "m", "input": "1", "valid_to": "2026-10-02"}]})")
        << QStringLiteral("price table t.json: prefix \"m\": the price from "
                          "always runs to 2026-10-02T00:00:00Z, past the next "
                          "price from 2026-10-01T00:00:00Z");
    QTest::newRow("valid_to before valid_from")
        << QByteArray(R"({"models": [
        {"prefix": "m", "input": "1", "valid_from": "2026-10-02", "valid_to": "2026-10-01"}]})")
        << QStringLiteral("price table t.json: model m: \"valid_to\" must be after "
                          "\"valid_from\"");
    QTest::newRow("valid_from not ISO") << QByteArray(R"({"models": [
        {"prefix": "m", "input": "1", "valid_from": "1 Oct 2026"}]})")
                                        << QStringLiteral("price table t.json: model m \"valid_from\"");
}

void PriceTableTest::refusesOverlappingEntries()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const auto table = PriceTable::fromJson(json, QStringLiteral("t.json"));
    QVERIFY(!table.ok());
    QCOMPARE(table.error().exitCode(), 2);
    QVERIFY2(!table.error().message.contains(QLatin1Char('\n')), qPrintable(table.error().message));
    QVERIFY2(table.error().message.startsWith(message), qPrintable(table.error().message));
}

void PriceTableTest::listsTheChangeTimes()
{
    const auto table = PriceTable::fromJson(DatedTable, QStringLiteral("dated.json"));
    QVERIFY(table.ok());
    QCOMPARE(table->changeTimes(),
        QList<QDateTime>(
            { utc("2026-09-01T00:00:00Z"), utc("2026-09-15T00:00:00Z"), utc("2026-10-01T10:00:00Z") }));
}

void PriceTableTest::loadsFromFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("prices.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"models": [{"prefix": "my-model", "input": "1.5", "output": 2}]})");
    f.close();
    const auto table = PriceTable::fromFile(path);
    QVERIFY(table.ok());
    QCOMPARE(table->origin(), path);
    const auto row = table->find(QStringLiteral("my-model-v2"));
    QVERIFY(row);
    QCOMPARE(row->input.toString(), QStringLiteral("1.50"));
    QCOMPARE(row->output->toString(), QStringLiteral("2.00"));
}

void PriceTableTest::missingFileIsNotFound()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.json"));
    const auto table = PriceTable::fromFile(path);
    QVERIFY(!table.ok());
    QCOMPARE(table.error().kind, ErrorKind::NotFound);
    QCOMPARE(table.error().exitCode(), 3);
    QVERIFY2(table.error().message.contains(path), qPrintable(table.error().message));
}

QTEST_GUILESS_MAIN(PriceTableTest)
#include "tst_pricetable.moc"
