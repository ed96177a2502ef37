#include "fixtures.h"
#include "recorder/interactionrecorder.h"
#include "store/sqldialect.h"
#include "testdatabase.h"

#include <QtConcurrent/QtConcurrentMap>
#include <QtTest>

#include <cmath>

Q_DECLARE_METATYPE(RagScope::InteractionRecord)

using namespace RagScope;
using RagScope::Test::countRows;
using RagScope::Test::TestDatabase;

namespace {

InteractionRecord answer(const QString& model, std::optional<qint64> prompt, std::optional<qint64> completion)
{
    InteractionRecord r;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("What is RAG?");
    r.answer = QStringLiteral("Retrieval-augmented generation.");
    r.confidence = 0.8;
    r.citations = 2;
    r.totalLatencyMs = 850.5;
    r.model = model;
    r.promptTokens = prompt;
    r.completionTokens = completion;
    r.createdAt = QDateTime(QDate(2026, 11, 19), QTime(10, 20, 30, 123), QTimeZone::utc());
    return r;
}

// One stored row, read back through the store (not through the recorder).
struct StoredRow
{
    std::optional<Money> cost;
    QVariant totalTokens;
    QString createdAt;
    QString userId;
};

StoredRow readBack(const Store& store, const QUuid& id)
{
    const SqlDialect d(store.dialect());
    auto q = store.exec(
        QStringLiteral("SELECT %1, total_tokens, %2, user_id FROM chat_interactions c WHERE id = %3")
            .arg(
                d.costColumn(QStringLiteral("c")), d.timeText(QStringLiteral("c.created_at")), d.uuidParam()),
        { d.bindUuid(id) });
    if (!q.ok() || !q.value().next())
        qFatal("row %s not found", qPrintable(id.toString()));
    StoredRow row;
    const QVariant cost = q.value().value(0);
    if (!cost.isNull())
        row.cost = d.moneyValue(cost);
    row.totalTokens = q.value().value(1);
    row.createdAt = q.value().value(2).toString();
    row.userId = q.value().value(3).toString();
    return row;
}

} // namespace

class InteractionRecorderTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void computesCostFromThePriceTableWhenNoneIsGiven_data();
    void computesCostFromThePriceTableWhenNoneIsGiven();
    void keepsAnExplicitCost();
    void unknownModelIsStoredWithoutCostAndListed();
    void derivesTotalTokens_data();
    void derivesTotalTokens();
    void refusesInvalidRecordsAndWritesNothing_data();
    void refusesInvalidRecordsAndWritesNothing();
    void batchIsAllOrNothing();
    void batchReturnsIdsInOrder();
    void explicitCreatedAtRoundTripsToTheMillisecond_data();
    void explicitCreatedAtRoundTripsToTheMillisecond();
    void missingCreatedAtMeansNow();
    void recordsFromSeveralThreadsAtOnce();

private:
    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
};

void InteractionRecorderTest::initTestCase()
{
    // one database for the suite: every test counts or reads back only its own rows
    m_db = std::make_unique<TestDatabase>();
    m_store = m_db->open();
}

void InteractionRecorderTest::computesCostFromThePriceTableWhenNoneIsGiven_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("prompt");
    QTest::addColumn<qint64>("completion");
    QTest::addColumn<QString>("cost");

    QTest::newRow("pro 1 token: 12.5e-8 ties to even")
        << QStringLiteral("gemini-1.5-pro") << qint64(1) << qint64(0) << QStringLiteral("0.00000012");
    QTest::newRow("pro 3 tokens: 37.5e-8 ties to even")
        << QStringLiteral("gemini-1.5-pro") << qint64(3) << qint64(0) << QStringLiteral("0.00000038");
    QTest::newRow("flash 1 token: 7.5e-8 ties to even")
        << QStringLiteral("gemini-1.5-flash") << qint64(1) << qint64(0) << QStringLiteral("0.00000008");
    QTest::newRow("pro-latest typical answer") << QStringLiteral("gemini-1.5-pro-latest") << qint64(1000)
                                               << qint64(500) << QStringLiteral("0.00031250");
    QTest::newRow("big counts stay exact") << QStringLiteral("gemini-1.5-pro") << qint64(2'000'000'000)
                                           << qint64(100'000'000) << QStringLiteral("287.50000000");
}

void InteractionRecorderTest::computesCostFromThePriceTableWhenNoneIsGiven()
{
    QFETCH(QString, model);
    QFETCH(qint64, prompt);
    QFETCH(qint64, completion);
    QFETCH(QString, cost);
    const InteractionRecorder recorder(m_store);
    const auto id = recorder.record(answer(model, prompt, completion));
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    const StoredRow row = readBack(*m_store, id.value());
    QVERIFY(row.cost);
    QCOMPARE(row.cost->toString(), cost);
    QVERIFY(recorder.unpricedModels().isEmpty());
}

void InteractionRecorderTest::keepsAnExplicitCost()
{
    InteractionRecord r = answer(QStringLiteral("gemini-1.5-pro"), 1000, 500);
    r.cost = Money::parse(QStringLiteral("12.34567891")).value();
    const auto id = InteractionRecorder(m_store).record(r);
    QVERIFY(id.ok());
    QCOMPARE(readBack(*m_store, id.value()).cost->toString(), QStringLiteral("12.34567891"));
}

void InteractionRecorderTest::unknownModelIsStoredWithoutCostAndListed()
{
    const InteractionRecorder recorder(m_store);
    QTest::ignoreMessage(QtWarningMsg, "no price for model gpt-4o - stored without cost");
    const auto first = recorder.record(answer(QStringLiteral("gpt-4o"), 100, 100));
    const auto second = recorder.record(answer(QStringLiteral("gpt-4o"), 5, 5)); // warned once only
    QVERIFY(first.ok() && second.ok());
    QVERIFY(!readBack(*m_store, first.value()).cost.has_value());
    QVERIFY(!readBack(*m_store, second.value()).cost.has_value());
    QCOMPARE(recorder.unpricedModels(), QStringList { QStringLiteral("gpt-4o") });

    // without tokens there is nothing to price, and nothing to warn about
    const auto noTokens
        = recorder.record(answer(QStringLiteral("mystery-model"), std::nullopt, std::nullopt));
    QVERIFY(noTokens.ok());
    QVERIFY(!readBack(*m_store, noTokens.value()).cost.has_value());
    QCOMPARE(recorder.unpricedModels(), QStringList { QStringLiteral("gpt-4o") });
}

void InteractionRecorderTest::derivesTotalTokens_data()
{
    QTest::addColumn<QVariant>("prompt");
    QTest::addColumn<QVariant>("completion");
    QTest::addColumn<QVariant>("total"); // given
    QTest::addColumn<QVariant>("expected"); // stored; invalid: NULL

    QTest::newRow("prompt + completion") << QVariant(10) << QVariant(5) << QVariant() << QVariant(15);
    QTest::newRow("only prompt known") << QVariant(10) << QVariant() << QVariant() << QVariant();
    QTest::newRow("nothing known") << QVariant() << QVariant() << QVariant() << QVariant();
    QTest::newRow("explicit total kept") << QVariant(10) << QVariant(5) << QVariant(20) << QVariant(20);
    QTest::newRow("largest derivable total")
        << QVariant(2'000'000'000) << QVariant(147'483'647) << QVariant() << QVariant(2'147'483'647);
}

void InteractionRecorderTest::derivesTotalTokens()
{
    QFETCH(QVariant, prompt);
    QFETCH(QVariant, completion);
    QFETCH(QVariant, total);
    QFETCH(QVariant, expected);
    const auto opt = [](const QVariant& v) {
        return v.isValid() ? std::optional<qint64>(v.toLongLong()) : std::nullopt;
    };
    InteractionRecord r = answer(QStringLiteral("gemini-1.5-flash"), opt(prompt), opt(completion));
    r.totalTokens = opt(total);
    const auto id = InteractionRecorder(m_store).record(r);
    QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().message));
    const QVariant stored = readBack(*m_store, id.value()).totalTokens;
    QCOMPARE(stored.isNull(), !expected.isValid());
    if (expected.isValid())
        QCOMPARE(stored.toLongLong(), expected.toLongLong());
}

void InteractionRecorderTest::refusesInvalidRecordsAndWritesNothing_data()
{
    QTest::addColumn<InteractionRecord>("record");
    QTest::addColumn<QString>("messagePart");

    const InteractionRecord ok = answer(QStringLiteral("gemini-1.5-pro"), 10, 10);
    InteractionRecord r = ok;
    r.userId.clear();
    QTest::newRow("empty user") << r << QStringLiteral("user id");
    r = ok;
    r.userId = QStringLiteral("   ");
    QTest::newRow("blank user") << r << QStringLiteral("user id");
    r = ok;
    r.userId = QString(256, QLatin1Char('u'));
    QTest::newRow("user of 256 characters") << r << QStringLiteral("255");
    r = ok;
    r.query.clear();
    QTest::newRow("empty query") << r << QStringLiteral("query");
    r = ok;
    r.confidence = 1.5;
    QTest::newRow("confidence 1.5") << r << QStringLiteral("confidence 1.5");
    r = ok;
    r.confidence = -0.1;
    QTest::newRow("confidence below 0") << r << QStringLiteral("confidence");
    r = ok;
    r.confidence = std::nan("");
    QTest::newRow("confidence NaN") << r << QStringLiteral("confidence");
    r = ok;
    r.promptTokens = -1;
    QTest::newRow("negative prompt tokens") << r << QStringLiteral("token counts");
    r = ok;
    r.completionTokens = -5;
    QTest::newRow("negative completion tokens") << r << QStringLiteral("token counts");
    r = ok;
    r.totalTokens = -1;
    QTest::newRow("negative total tokens") << r << QStringLiteral("token counts");
    r = ok;
    r.promptTokens = 2'000'000'000;
    r.completionTokens = 2'000'000'000;
    QTest::newRow("derived total beyond 32 bits") << r << QStringLiteral("total_tokens");
    r = ok;
    r.retrievalLatencyMs = -3.0;
    QTest::newRow("negative latency") << r << QStringLiteral("latencies");
    r = ok;
    r.citations = -1;
    QTest::newRow("negative citations") << r << QStringLiteral("citations");
    r = ok;
    r.model = QString(101, QLatin1Char('m'));
    QTest::newRow("model of 101 characters") << r << QStringLiteral("model name");
    r = ok;
    r.cost = Money::fromUnits(-1);
    QTest::newRow("negative cost") << r << QStringLiteral("NUMERIC(14,8)");
    r = ok;
    r.cost = Money::parse(QStringLiteral("1000000")).value();
    QTest::newRow("cost beyond NUMERIC(14,8)") << r << QStringLiteral("NUMERIC(14,8)");
}

void InteractionRecorderTest::refusesInvalidRecordsAndWritesNothing()
{
    QFETCH(InteractionRecord, record);
    QFETCH(QString, messagePart);
    const qint64 before = countRows(*m_store, QStringLiteral("chat_interactions"));
    const auto id = InteractionRecorder(m_store).record(record);
    QVERIFY(!id.ok());
    QCOMPARE(id.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(id.error().message.contains(messagePart), qPrintable(id.error().message));
    QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), before);
}

void InteractionRecorderTest::batchIsAllOrNothing()
{
    const InteractionRecorder recorder(m_store);
    const qint64 before = countRows(*m_store, QStringLiteral("chat_interactions"));

    // refused up front: the third record is invalid
    QList<InteractionRecord> batch(4, answer(QStringLiteral("gemini-1.5-flash"), 10, 10));
    batch[2].confidence = 1.5;
    const auto invalid = recorder.recordBatch(batch);
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error().kind, ErrorKind::InvalidInput);
    QVERIFY2(invalid.error().message.startsWith(QStringLiteral("record 3: ")),
        qPrintable(invalid.error().message));
    QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), before);

    // refused by the store half way: the last record repeats the first one's id
    batch[2].confidence = 0.5;
    batch[0].id = QUuid::createUuid();
    batch[3].id = batch[0].id;
    const auto duplicate = recorder.recordBatch(batch);
    QVERIFY(!duplicate.ok());
    QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), before);
}

void InteractionRecorderTest::batchReturnsIdsInOrder()
{
    QList<InteractionRecord> batch;
    for (int i = 0; i < 5; ++i) {
        InteractionRecord r = answer(QStringLiteral("gemini-1.5-pro"), i, 0);
        r.userId = QStringLiteral("batch-user-%1").arg(i);
        batch << r;
    }
    batch[1].id = QUuid::createUuid();
    const qint64 before = countRows(*m_store, QStringLiteral("chat_interactions"));
    const auto ids = InteractionRecorder(m_store).recordBatch(batch);
    QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().message));
    QCOMPARE(ids->size(), 5);
    QCOMPARE(ids->at(1), batch[1].id);
    QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), before + 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(readBack(*m_store, ids->at(i)).userId, QStringLiteral("batch-user-%1").arg(i));
}

void InteractionRecorderTest::explicitCreatedAtRoundTripsToTheMillisecond_data()
{
    QTest::addColumn<QDateTime>("createdAt");
    QTest::addColumn<QString>("storedText");

    QTest::newRow("UTC with milliseconds") << QDateTime(QDate(2026, 11, 19), QTime(10, 20, 30, 123),
        QTimeZone::utc()) << QStringLiteral("2026-11-19T10:20:30.123000Z");
    QTest::newRow("whole second") << QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc())
                                  << QStringLiteral("2026-01-01T00:00:00.000000Z");
    QTest::newRow("other zone stored as UTC") << QDateTime(QDate(2026, 11, 20), QTime(1, 30, 0, 7),
        QTimeZone(2 * 3600)) << QStringLiteral("2026-11-19T23:30:00.007000Z");
    QTest::newRow("last millisecond of a year") << QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59, 999),
        QTimeZone::utc()) << QStringLiteral("2025-12-31T23:59:59.999000Z");
}

void InteractionRecorderTest::explicitCreatedAtRoundTripsToTheMillisecond()
{
    QFETCH(QDateTime, createdAt);
    QFETCH(QString, storedText);
    InteractionRecord r = answer(QStringLiteral("gemini-1.5-pro"), 1, 1);
    r.createdAt = createdAt;
    const auto id = InteractionRecorder(m_store).record(r);
    QVERIFY(id.ok());
    const QString text = readBack(*m_store, id.value()).createdAt;
    QCOMPARE(text, storedText);
    const QDateTime parsed = SqlDialect::parseTime(text);
    QCOMPARE(parsed, createdAt);
    QCOMPARE(parsed.timeSpec(), Qt::UTC);
}

void InteractionRecorderTest::missingCreatedAtMeansNow()
{
    InteractionRecord r = answer(QStringLiteral("gemini-1.5-pro"), 1, 1);
    r.createdAt = QDateTime();
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    const auto id = InteractionRecorder(m_store).record(r);
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);
    QVERIFY(id.ok());
    const QDateTime stored = SqlDialect::parseTime(readBack(*m_store, id.value()).createdAt);
    QVERIFY2(stored >= before && stored <= after, qPrintable(stored.toString(Qt::ISODateWithMs)));
}

void InteractionRecorderTest::recordsFromSeveralThreadsAtOnce()
{
    const InteractionRecorder recorder(m_store);
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    QList<int> jobs(40);
    std::iota(jobs.begin(), jobs.end(), 0);
    const qint64 before = countRows(*m_store, QStringLiteral("chat_interactions"));
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(QStringLiteral("^no price for model unknown-[0-4]")));
    for (int i = 1; i < 5; ++i)
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("^no price for model unknown-[0-4]")));
    const QList<bool> written = QtConcurrent::blockingMapped(&pool, jobs, [&recorder](int i) {
        return recorder.record(answer(QStringLiteral("unknown-%1").arg(i % 5), 10, 10)).ok();
    });
    QVERIFY(!written.contains(false));
    QCOMPARE(countRows(*m_store, QStringLiteral("chat_interactions")), before + 40);
    QStringList unpriced = recorder.unpricedModels();
    unpriced.sort();
    QCOMPARE(unpriced,
        QStringList({ QStringLiteral("unknown-0"), QStringLiteral("unknown-1"), QStringLiteral("unknown-2"),
            QStringLiteral("unknown-3"), QStringLiteral("unknown-4") }));
}

QTEST_GUILESS_MAIN(InteractionRecorderTest)
#include "tst_interactionrecorder.moc"
