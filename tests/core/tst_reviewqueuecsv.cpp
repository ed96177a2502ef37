#include "csvreader.h"
#include "export/reviewqueuecsv.h"
#include "fixtures.h"
#include "fixturewriter.h"
#include "testdatabase.h"

#include <QDir>
#include <QtTest>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 1), QTime(12, 0), QTimeZone::utc());
constexpr int QueueRows = ReviewQueueCsv::DefaultPageSize + 37; // more than one keyset page
constexpr int OutsideRows = 20;

// A query longer than the queue's 200-character preview, with everything CSV must quote.
const QString LongQuery = QStringLiteral("=HYPERLINK(\"http://evil\") why, \"quoted\"\nsecond line ")
    + QString(300, QLatin1Char('x')) + QStringLiteral(" END");

enum Column {
    Id,
    CreatedAt,
    User,
    Model,
    Query,
    Answer,
    Confidence,
    Citations,
    TotalLatency,
    RetrievalLatency,
    GenerationLatency,
    PromptTokens,
    CompletionTokens,
    TotalTokens,
    Cost,
    UserRating,
    UserComment,
    ReviewerRating,
    ReviewerLabel,
    ColumnCount
};

QHash<QString, QStringList> byId(const QList<QStringList>& records)
{
    QHash<QString, QStringList> rows;
    for (const QStringList& record : records.mid(1))
        rows.insert(record.value(Id), record);
    return rows;
}

} // namespace

/// The review queue as CSV: every row of the query (not only a view's loaded pages), with
/// ids, full texts and raw values, written atomically and cancellable between pages.
class TestReviewQueueCsv : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void exportsEveryRowBeyondOneKeysetPageInQueueOrder();
    void rowsHoldFullTextRawValuesFeedbackAndVerdict();
    void nullsAreEmptyFields();
    void exportsOnlyTheQueryRows();
    void reportsProgressOfTotal();
    void cancelledExportLeavesNoFile_data();
    void cancelledExportLeavesNoFile();

private:
    QList<QStringList> exportQueue(const ReviewQueueQuery& query, const CsvExportControl& control = {});

    std::unique_ptr<TestDatabase> m_db;
    StorePtr m_store;
    QList<QUuid> m_queueIds; ///< newest first, as the queue lists them
    QUuid m_fullRow;
    QUuid m_nullRow;
    QTemporaryDir m_dir;
};

void TestReviewQueueCsv::initTestCase()
{
    m_db = std::make_unique<TestDatabase>();
    m_store = m_db->open();
    for (int i = 0; i < QueueRows + OutsideRows; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(i % 7);
        r.query = QStringLiteral("question %1").arg(i);
        r.answer = QStringLiteral("answer %1").arg(i);
        r.confidence = i < QueueRows ? 0.25 : 0.9;
        r.model = QStringLiteral("gemini-1.5-pro-latest");
        r.promptTokens = 1000 + i;
        r.completionTokens = 200;
        r.totalLatencyMs = 800.5 + i;
        r.createdAt = T0.addSecs(i);
        const QUuid id = Test::recordInteraction(m_store, r);
        if (i < QueueRows)
            m_queueIds.prepend(id);
    }

    InteractionRecord full;
    full.userId = QStringLiteral("@mallory");
    full.query = LongQuery;
    full.answer = QStringLiteral(u"-1 réponse, complète\r\nfin");
    full.confidence = 0.32;
    full.citations = 3;
    full.model = QStringLiteral("gemini-1.5-flash");
    full.promptTokens = 1234;
    full.completionTokens = 56;
    full.totalLatencyMs = 1107.25;
    full.retrievalLatencyMs = 300.5;
    full.generationLatencyMs = 806.75;
    full.cost = Money::fromUnits(20000);
    full.createdAt = QDateTime(QDate(2026, 11, 3), QTime(8, 9, 10, 123), QTimeZone::utc());
    m_fullRow = Test::recordInteraction(m_store, full);
    const Test::FixtureWriter writer(m_store);
    writer.addFeedback(m_fullRow, 1, T0.addDays(3), QStringLiteral("+wrong, \"totally\""));
    writer.addReview(m_fullRow, QStringLiteral("rita"), 3, QStringLiteral("outdated"), T0.addDays(3));
    writer.addReview(m_fullRow, QStringLiteral("rita"), 2, QStringLiteral("hallucination"), T0.addDays(4));

    InteractionRecord empty;
    empty.userId = QStringLiteral("nobody");
    empty.query = QStringLiteral("bare");
    empty.answer = QStringLiteral("ok");
    empty.createdAt = T0.addDays(-1);
    m_nullRow = Test::recordInteraction(m_store, empty);
    writer.addFeedback(m_nullRow, 2, T0); // in the queue through its rating alone

    m_queueIds.prepend(m_fullRow);
    m_queueIds.append(m_nullRow);
}

QList<QStringList> TestReviewQueueCsv::exportQueue(
    const ReviewQueueQuery& query, const CsvExportControl& control)
{
    const QString path = m_dir.filePath(QStringLiteral("queue.csv"));
    const auto summary = ReviewQueueCsv(m_store).exportTo(path, query, {}, control);
    if (!summary.ok())
        qFatal("export failed: %s", qPrintable(summary.error().message));
    if (summary->cancelled)
        return {};
    const QList<QStringList> records = Test::readCsvFile(path);
    if (summary->rows != records.size() - 1)
        qFatal("summary says %lld rows, the file has %lld", summary->rows, qint64(records.size() - 1));
    return records;
}

void TestReviewQueueCsv::exportsEveryRowBeyondOneKeysetPageInQueueOrder()
{
    const QList<QStringList> records = exportQueue({});
    QCOMPARE(records.first(), ReviewQueueCsv::columns());
    QCOMPARE(records.size(), 1 + QueueRows + 2);
    QList<QUuid> ids;
    for (const QStringList& record : records.mid(1)) {
        QCOMPARE(record.size(), int(ColumnCount));
        ids << QUuid::fromString(record.at(Id));
    }
    QCOMPARE(ids, m_queueIds);
}

void TestReviewQueueCsv::rowsHoldFullTextRawValuesFeedbackAndVerdict()
{
    const QStringList row = byId(exportQueue({})).value(m_fullRow.toString(QUuid::WithoutBraces));
    QCOMPARE(row.size(), int(ColumnCount));
    QCOMPARE(row[CreatedAt], QStringLiteral("2026-11-03T08:09:10.123Z"));
    QCOMPARE(row[User], QStringLiteral("'@mallory"));
    QCOMPARE(row[Model], QStringLiteral("gemini-1.5-flash"));
    QCOMPARE(row[Query], QLatin1Char('\'') + LongQuery); // whole, not the 200-character preview
    QCOMPARE(row[Answer], QStringLiteral(u"'-1 réponse, complète\r\nfin"));
    QCOMPARE(row[Confidence], QStringLiteral("0.32"));
    QCOMPARE(row[Citations], QStringLiteral("3"));
    QCOMPARE(row[TotalLatency], QStringLiteral("1107.25"));
    QCOMPARE(row[RetrievalLatency], QStringLiteral("300.5"));
    QCOMPARE(row[GenerationLatency], QStringLiteral("806.75"));
    QCOMPARE(row[PromptTokens], QStringLiteral("1234"));
    QCOMPARE(row[CompletionTokens], QStringLiteral("56"));
    QCOMPARE(row[TotalTokens], QStringLiteral("1290"));
    QCOMPARE(row[Cost], QStringLiteral("0.00020000"));
    QCOMPARE(row[UserRating], QStringLiteral("1"));
    QCOMPARE(row[UserComment], QStringLiteral("'+wrong, \"totally\""));
    QCOMPARE(row[ReviewerRating], QStringLiteral("2")); // the newest verdict, as the table shows
    QCOMPARE(row[ReviewerLabel], QStringLiteral("hallucination"));
}

void TestReviewQueueCsv::nullsAreEmptyFields()
{
    const QStringList row = byId(exportQueue({})).value(m_nullRow.toString(QUuid::WithoutBraces));
    QCOMPARE(row.size(), int(ColumnCount));
    for (int column : { Model, Confidence, TotalLatency, RetrievalLatency, GenerationLatency, PromptTokens,
             CompletionTokens, TotalTokens, Cost, UserComment, ReviewerRating, ReviewerLabel })
        QVERIFY2(
            row[column].isEmpty(), qPrintable(QStringLiteral("column %1: %2").arg(column).arg(row[column])));
    QCOMPARE(row[Citations], QStringLiteral("0"));
    QCOMPARE(row[UserRating], QStringLiteral("2"));
}

void TestReviewQueueCsv::exportsOnlyTheQueryRows()
{
    ReviewQueueQuery query;
    query.kind = ReviewQueueQuery::Kind::LowRated;
    query.sort = ReviewQueueQuery::SortKey::Confidence;
    query.descending = false;
    const QList<QStringList> records = exportQueue(query);
    QCOMPARE(records.size(), 1 + 2);
    QCOMPARE(records[1][Id], m_fullRow.toString(QUuid::WithoutBraces)); // 0.32 first, NULL last
    QCOMPARE(records[2][Id], m_nullRow.toString(QUuid::WithoutBraces));

    ReviewQueueQuery search;
    search.search = QStringLiteral("question 12");
    QCOMPARE(exportQueue(search).size(), 1 + 11); // question 12, 120…129
}

void TestReviewQueueCsv::reportsProgressOfTotal()
{
    QList<QPair<qint64, qint64>> reports;
    CsvExportControl control;
    control.progress = [&reports](qint64 done, qint64 total) { reports.append({ done, total }); };
    exportQueue({}, control);
    const qint64 total = QueueRows + 2;
    QCOMPARE(reports.first(), qMakePair(qint64(0), total));
    QCOMPARE(reports.last(), qMakePair(total, total));
    QCOMPARE(reports.size(), 1 + 2); // after counting, then once per page
}

void TestReviewQueueCsv::cancelledExportLeavesNoFile_data()
{
    QTest::addColumn<qint64>("cancelAfter");
    QTest::newRow("at once") << qint64(-1);
    QTest::newRow("after the first page") << qint64(ReviewQueueCsv::DefaultPageSize);
    QTest::newRow("during the last page") << qint64(QueueRows + 2);
}

void TestReviewQueueCsv::cancelledExportLeavesNoFile()
{
    QFETCH(qint64, cancelAfter);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancelled.csv"));
    qint64 written = -1;
    CsvExportControl control;
    control.progress = [&written](qint64 done, qint64) { written = done; };
    control.isCancelled = [&written, cancelAfter] { return written >= cancelAfter; };
    const auto summary = ReviewQueueCsv(m_store).exportTo(path, {}, {}, control);
    QVERIFY(summary.ok());
    QVERIFY(summary->cancelled);
    QCOMPARE(written, cancelAfter);
    QVERIFY(QDir(dir.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestReviewQueueCsv)
#include "tst_reviewqueuecsv.moc"
