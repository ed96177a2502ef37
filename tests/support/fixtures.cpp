#include "fixtures.h"
#include "fixturewriter.h"

#include <QCryptographicHash>
#include <QFile>

#include <QtTest>

namespace RagScope::Test {

QByteArray fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

QUuid recordInteraction(const StorePtr& store, const InteractionRecord& record)
{
    const auto id = InteractionRecorder(store).record(record);
    if (!id.ok())
        qFatal("fixture interaction: %s", qPrintable(id.error().message));
    return id.value();
}

void recordOverviewWeeks(const StorePtr& store)
{
    const auto at = [](const char* iso) { return QDateTime::fromString(QLatin1String(iso), Qt::ISODate); };
    const auto record = [&store](const char* user, const char* model, qint64 promptTokens, double latency,
                            std::optional<double> confidence, const QDateTime& createdAt) {
        InteractionRecord r;
        r.userId = QLatin1String(user);
        r.query = QStringLiteral("question");
        r.answer = QStringLiteral("answer");
        r.model = QLatin1String(model);
        r.promptTokens = promptTokens;
        r.completionTokens = 0;
        r.totalLatencyMs = latency;
        r.confidence = confidence;
        r.createdAt = createdAt;
        return recordInteraction(store, r);
    };
    const QUuid a = record("alice", "gemini-1.5-pro", 2'000'000, 100, 0.5, at("2026-01-08T10:00:00Z"));
    record("alice", "gemini-1.5-pro", 2'000'000, 200, 0.7, at("2026-01-09T10:00:00Z"));
    const QUuid c = record("bob", "mystery-model", 1000, 300, 0.9, at("2026-01-10T10:00:00Z"));
    record("alice", "gemini-1.5-pro", 0, 400, std::nullopt, at("2026-01-14T23:59:00Z"));
    record("carol", "gemini-1.5-pro", 0, 100, 0.8, at("2026-01-02T10:00:00Z"));
    record("carol", "gemini-1.5-pro", 0, 100, 0.8, at("2026-01-03T10:00:00Z"));
    const FixtureWriter writer(store);
    writer.addFeedback(a, 5, at("2026-01-08T11:00:00Z"));
    writer.addFeedback(c, 2, at("2026-01-10T11:00:00Z"));
}

qint64 countRows(const Store& store, const QString& table)
{
    auto q = store.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
    if (!q.ok() || !q.value().next())
        qFatal("cannot count %s: %s", qPrintable(table), qPrintable(q.ok() ? QString() : q.error().message));
    return q.value().value(0).toLongLong();
}

QList<QUuid> collectPageIds(const InteractionPageFn& fetch, int pageSize)
{
    QList<QUuid> ids;
    QString cursor;
    for (int guard = 0; guard < 100; ++guard) {
        const auto page = fetch(pageSize, cursor);
        if (!page.ok())
            qFatal("page failed: %s", qPrintable(page.error().message));
        if (page->rows.size() > pageSize)
            qFatal("page larger than asked");
        for (const InteractionSummary& s : page->rows)
            ids << s.id;
        if (page->atEnd())
            return ids;
        cursor = page->nextCursor;
    }
    qFatal("paging did not end");
    return ids;
}

} // namespace RagScope::Test
