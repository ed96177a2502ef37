#include "fixtures.h"

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
