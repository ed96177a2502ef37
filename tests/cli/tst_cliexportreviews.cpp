// `ragscope-cli export-reviews` end to end: a queue with two reviewers, an adjudication and end
// users' feedback, written as JSON Lines and as CSV and read back; bad arguments are exit 2 and
// an unknown queue exit 3, neither writing a file.
#include "clirunner.h"
#include "csvreader.h"
#include "feedback/feedbackservice.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "review/claimservice.h"
#include "review/queueagreementservice.h"
#include "review/savedqueuestore.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

class TestCliExportReviews : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QList<QUuid> m_ids;

    CliRun exportTo(const QString& file, const QStringList& extra)
    {
        return runCli(QStringList { QStringLiteral("export-reviews"), QStringLiteral("--db"), m_db.url(),
                          QStringLiteral("--out"), m_dir.filePath(file) }
            + extra);
    }

private slots:
    void initTestCase()
    {
        m_store = m_db.open();
        for (int i = 0; i < 3; ++i) {
            InteractionRecord r;
            r.userId = QStringLiteral("alice");
            r.query = QStringLiteral("question, \"%1\"\nsecond line").arg(i);
            r.answer = QStringLiteral("=answer %1").arg(i);
            r.confidence = 0.25;
            r.model = QStringLiteral("gemini-1.5-pro");
            r.promptTokens = 1000;
            r.completionTokens = 500;
            r.createdAt = QDateTime(QDate(2026, 11, 2), QTime(9 + i, 0), QTimeZone::utc());
            m_ids << recordInteraction(m_store, r);
        }
        QVERIFY(FeedbackService(m_store).submit(m_ids[0], 1, QStringLiteral("wrong")).ok());
        SavedQueue q;
        q.name = QStringLiteral("double");
        q.query.kind = ReviewQueueQuery::Kind::All;
        q.reviewsPerItem = 2;
        q.createdBy = QStringLiteral("lead");
        q = SavedQueueStore(m_store).create(q).value();
        const ClaimService claims(m_store);
        const auto save = [&](int item, const char* who, int rating, const char* label) {
            QVERIFY(claims
                        .save(q,
                            { m_ids[item], QLatin1String(who), rating, QLatin1String(label), {}, {}, false,
                                std::nullopt })
                        .ok());
        };
        save(0, "ann", 1, "hallucination");
        save(0, "ben", 3, "");
        save(1, "ann", 4, "");
        QVERIFY(QueueAgreementService(m_store)
                    .adjudicate(q, m_ids[0], QStringLiteral("lead"), 2, QStringLiteral("hallucination"),
                        QStringLiteral("checked the source"))
                    .ok());
        // a review outside the queue: in the whole-store export, not in the queue's
        QVERIFY(ReviewService(m_store).save(m_ids[2], QStringLiteral("cat"), 5, {}, {}).ok());
    }

    void jsonLinesOfAQueueCarryEveryVerdictAndTheFinalOne()
    {
        const CliRun run = exportTo(QStringLiteral("q.jsonl"),
            { QStringLiteral("--queue"), QStringLiteral("double"), QStringLiteral("--format"),
                QStringLiteral("jsonl") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(run.out,
            QStringLiteral("wrote 2 reviewed interactions to %1\n")
                .arg(m_dir.filePath(QStringLiteral("q.jsonl"))));
        QFile file(m_dir.filePath(QStringLiteral("q.jsonl")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 3); // two records and the final newline
        QVERIFY(lines[2].isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(
            first.value(QLatin1String("interaction_id")).toString(), m_ids[0].toString(QUuid::WithoutBraces));
        QCOMPARE(
            first.value(QLatin1String("query")).toString(), QStringLiteral("question, \"0\"\nsecond line"));
        QCOMPARE(first.value(QLatin1String("answer")).toString(), QStringLiteral("=answer 0"));
        const QJsonObject metrics = first.value(QLatin1String("metrics")).toObject();
        QCOMPARE(metrics.value(QLatin1String("confidence")).toDouble(), 0.25);
        QCOMPARE(metrics.value(QLatin1String("cost_usd")).toString(), QStringLiteral("0.00031250"));
        QCOMPARE(metrics.value(QLatin1String("total_tokens")).toInt(), 1500);
        QCOMPARE(
            first.value(QLatin1String("end_user_feedback")).toObject().value(QLatin1String("rating")).toInt(),
            1);
        const QJsonObject finalVerdict = first.value(QLatin1String("final_verdict")).toObject();
        QCOMPARE(finalVerdict.value(QLatin1String("source")).toString(), QStringLiteral("adjudicated"));
        QCOMPARE(finalVerdict.value(QLatin1String("reviewer")).toString(), QStringLiteral("lead"));
        QCOMPARE(finalVerdict.value(QLatin1String("rating")).toInt(), 2);
        QCOMPARE(
            finalVerdict.value(QLatin1String("comment")).toString(), QStringLiteral("checked the source"));
        const QJsonArray verdicts = first.value(QLatin1String("verdicts")).toArray();
        QCOMPARE(verdicts.size(), 2);
        QCOMPARE(verdicts[0].toObject().value(QLatin1String("reviewer")).toString(), QStringLiteral("ann"));
        QCOMPARE(verdicts[1].toObject().value(QLatin1String("rating")).toInt(), 3);
        QVERIFY(verdicts[1].toObject().value(QLatin1String("label")).isNull());

        const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(second.value(QLatin1String("interaction_id")).toString(),
            m_ids[1].toString(QUuid::WithoutBraces));
        QVERIFY(second.value(QLatin1String("end_user_feedback")).isNull());
        QCOMPARE(
            second.value(QLatin1String("final_verdict")).toObject().value(QLatin1String("source")).toString(),
            QStringLiteral("latest"));
    }

    void csvOfTheWholeStoreReadsBack()
    {
        const CliRun run
            = exportTo(QStringLiteral("all.csv"), { QStringLiteral("--format"), QStringLiteral("csv") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QStringList> rows = readCsvFile(m_dir.filePath(QStringLiteral("all.csv")));
        QCOMPARE(rows.size(), 4); // header and three interactions
        const QStringList header = rows[0];
        const auto cell
            = [&](int row, const char* column) { return rows[row][header.indexOf(QLatin1String(column))]; };
        QCOMPARE(cell(1, "interaction_id"), m_ids[0].toString(QUuid::WithoutBraces));
        QCOMPARE(cell(1, "query"), QStringLiteral("question, \"0\"\nsecond line"));
        QCOMPARE(cell(1, "answer"), QStringLiteral("'=answer 0")); // the writer's formula guard
        QCOMPARE(cell(1, "cost_usd"), QStringLiteral("0.00031250"));
        QCOMPARE(cell(1, "user_rating"), QStringLiteral("1"));
        QCOMPARE(cell(1, "final_source"), QStringLiteral("adjudicated"));
        QCOMPARE(cell(1, "final_rating"), QStringLiteral("2"));
        const QJsonArray verdicts = QJsonDocument::fromJson(cell(1, "verdicts").toUtf8()).array();
        QCOMPARE(verdicts.size(), 2);
        QCOMPARE(cell(3, "final_by"), QStringLiteral("cat"));
        QCOMPARE(cell(3, "final_source"), QStringLiteral("latest"));
    }

    void badArgumentsAndUnknownQueueWriteNothing()
    {
        CliRun run = exportTo(QStringLiteral("x.txt"), { QStringLiteral("--format"), QStringLiteral("xml") });
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        run = exportTo(QStringLiteral("x.txt"),
            { QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--queue"),
                QStringLiteral("nope") });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("no review queue named \"nope\"")), qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.txt"))));
    }
};

QTEST_GUILESS_MAIN(TestCliExportReviews)
#include "tst_cliexportreviews.moc"
