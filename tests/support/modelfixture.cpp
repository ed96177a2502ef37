#include "modelfixture.h"

#include "fixtures.h"
#include "fixturewriter.h"

namespace RagScope::Test {

namespace {

QDateTime at(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

struct Row
{
    int n;
    const char* user;
    std::optional<QString> model;
    const char* createdAt;
    std::optional<double> total, retrieval, generation, confidence;
    std::optional<qint64> prompt, completion;
    const char* cost; // nullptr: NULL
};

} // namespace

Filter modelComparisonWindow()
{
    return { at("2026-03-02T00:00:00.000Z"), at("2026-03-16T00:00:00.000Z"), {}, {} };
}

void recordModelComparison(const StorePtr& store)
{
    const QString alpha = QStringLiteral("alpha");
    const QString beta = QStringLiteral("beta");
    const QList<Row> rows {
        { 1, "u1", alpha, "2026-03-02T10:00:00.000Z", 100, 10, 80, 0.5, 1000, 100, "0.10000001" },
        { 2, "u2", alpha, "2026-03-03T10:00:00.000Z", 200, 20, 150, 0.7, 2000, 200, "0.20000002" },
        { 3, "u1", alpha, "2026-03-10T10:00:00.000Z", 300, {}, 250, {}, 3000, 300, nullptr },
        { 4, "u1", alpha, "2026-03-15T23:00:00.000Z", 400, 40, {}, 0.9, 0, 0, "0" },
        { 5, "u2", beta, "2026-03-08T12:00:00.000Z", 1000, 100, 800, 0.4, 500, 50, "0.05" },
        { 6, "u1", beta, "2026-03-12T10:00:00.000Z", {}, {}, {}, 0.6, 500, 50, "0.05000001" },
        { 7, "u1", {}, "2026-03-05T10:00:00.000Z", 50, {}, {}, 0.8, {}, {}, nullptr },
        { 8, "u1", alpha, "2026-03-16T00:00:00.000Z", 9000, 9000, 9000, 0.1, 9000, 900, "9.00000000" },
        { 9, "u1", alpha, "2026-03-01T23:59:59.999Z", 9000, 9000, 9000, 0.1, 9000, 900, "9.00000000" },
    };
    QList<QUuid> ids;
    for (const Row& row : rows) {
        InteractionRecord r;
        r.id = QUuid(QStringLiteral("00000000-0000-0000-0000-%1").arg(row.n, 12, 10, QLatin1Char('0')));
        r.userId = QString::fromLatin1(row.user);
        r.query = QStringLiteral("question %1").arg(row.n);
        r.answer = QStringLiteral("answer");
        r.confidence = row.confidence;
        r.totalLatencyMs = row.total;
        r.retrievalLatencyMs = row.retrieval;
        r.generationLatencyMs = row.generation;
        r.promptTokens = row.prompt;
        r.completionTokens = row.completion;
        r.model = row.model;
        if (row.cost)
            r.cost = Money::parse(QString::fromLatin1(row.cost)).value();
        r.createdAt = at(row.createdAt);
        ids << recordInteraction(store, r);
    }
    const FixtureWriter writer(store);
    writer.addFeedback(ids[0], 5, at("2026-03-20T00:00:00.000Z")); // after the window: still alpha's
    writer.addFeedback(ids[1], 1, at("2026-03-03T11:00:00.000Z"));
    writer.addFeedback(ids[2], 4, at("2026-03-10T11:00:00.000Z"));
    writer.addFeedback(ids[4], 2, at("2026-03-08T13:00:00.000Z"));
    writer.addFeedback(ids[5], 3, at("2026-03-12T11:00:00.000Z"));
    writer.addFeedback(ids[7], 1, at("2026-03-16T01:00:00.000Z"));
    writer.addFeedback(ids[8], 1, at("2026-03-02T01:00:00.000Z")); // in the window, its answer is not
    writer.addReview(
        ids[0], QStringLiteral("r1"), 2, QStringLiteral("wrong"), at("2026-03-05T00:00:00.000Z"));
    writer.addReview(ids[0], QStringLiteral("r2"), 4, QStringLiteral("good"), at("2026-03-06T00:00:00.000Z"));
    writer.addReview(
        ids[1], QStringLiteral("r1"), 1, QStringLiteral("wrong"), at("2026-03-05T00:00:00.000Z"));
    writer.addReview(ids[4], QStringLiteral("r1"), 5, QStringLiteral("good"), at("2026-03-09T00:00:00.000Z"));
}

} // namespace RagScope::Test
