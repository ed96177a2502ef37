// CopyBatch reads COPY's text format as PostgreSQL writes it (tabs split fields, \N is NULL,
// backslash escapes), and CopyBatchQueue hands batches between threads: bounded, in order, and
// a writer that stops releases a reader waiting on a full queue.
#include "snapshot/copybatchqueue.h"

#include <QtTest>

#include <string>
#include <thread>

using namespace RagScope;

namespace {

// Row r of a batch as strings, "<null>" for NULL.
QStringList fields(const CopyBatch& batch, std::size_t r)
{
    QStringList out;
    const auto [first, last] = batch.rowFields(r);
    for (std::size_t f = first; f < last; ++f) {
        const CopyBatch::Field& field = batch.field(f);
        const std::string_view text = batch.text(field);
        out << (field.null ? QStringLiteral("<null>")
                           : QString::fromUtf8(text.data(), qsizetype(text.size())));
    }
    return out;
}

void add(CopyBatch& batch, const std::string& line)
{
    batch.addLine(line.data(), int(line.size()));
}

} // namespace

class TestCopyBatch : public QObject
{
    Q_OBJECT

private slots:
    void parsesRowsAsPostgresWritesThem()
    {
        CopyBatch batch;
        add(batch, "a\t\\N\tx\\ty\\nz\\\\w\t\n");
        add(batch, "\\N\n");
        add(batch, "\\\\N\tend\\\n");
        add(batch, "\n");
        add(batch, "\\b\\f\\r\\v\\q\t\\N\\N");
        QCOMPARE(batch.rows(), std::size_t(5));
        QCOMPARE(fields(batch, 0),
            (QStringList {
                QStringLiteral("a"), QStringLiteral("<null>"), QStringLiteral("x\ty\nz\\w"), QString() }));
        QCOMPARE(fields(batch, 1), QStringList { QStringLiteral("<null>") });
        // an escaped backslash before N is text, and a lone backslash at the end stands for itself
        QCOMPARE(fields(batch, 2), (QStringList { QStringLiteral("\\N"), QStringLiteral("end\\") }));
        QCOMPARE(fields(batch, 3), QStringList { QString() });
        QCOMPARE(fields(batch, 4), (QStringList { QStringLiteral("\b\f\r\vq"), QStringLiteral("NN") }));
        batch.clear();
        QCOMPARE(batch.rows(), std::size_t(0));
        QCOMPARE(batch.bytes(), std::size_t(0));
    }

    void batchesArriveInOrderThroughABoundedQueue()
    {
        CopyBatchQueue queue(2);
        std::thread reader([&queue] {
            for (int n = 0; n < 50; ++n) {
                std::optional<CopyBatch> batch = queue.emptyBatch();
                add(*batch, std::to_string(n));
                if (!queue.push(std::move(*batch)))
                    return;
            }
            queue.close();
        });
        int expected = 0;
        while (std::optional<CopyBatch> batch = queue.pop()) {
            QCOMPARE(fields(*batch, 0), QStringList { QString::number(expected) });
            ++expected;
            queue.recycle(std::move(*batch));
        }
        reader.join();
        QCOMPARE(expected, 50);
    }

    void stoppingReleasesAWaitingReader()
    {
        CopyBatchQueue queue(1);
        std::thread reader([&queue] {
            for (;;) {
                std::optional<CopyBatch> batch = queue.emptyBatch();
                if (!batch)
                    return;
                add(*batch, "row");
                if (!queue.push(std::move(*batch)))
                    return;
            }
        });
        QVERIFY(queue.pop().has_value());
        queue.stop(); // the reader is filling or waiting on the full queue: either way it ends
        reader.join();
        QVERIFY(!queue.emptyBatch().has_value());
        QVERIFY(!queue.push(CopyBatch()));
    }
};

QTEST_GUILESS_MAIN(TestCopyBatch)
#include "tst_copybatch.moc"
