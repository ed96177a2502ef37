// File → Export snapshot… and File → Push reviews… offscreen with real widgets: the export
// dialog is prefilled from the filter, shows rows done / total and finishes with the file in
// place; Cancel leaves no file; the note of an open snapshot says what it holds and warns when
// the filter reaches outside it; the push dialog previews, pushes, and a second push adds nothing.
#include "databasethreadsheld.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "guitest.h"
#include "snapshot/pushreviewsdialog.h"
#include "snapshot/snapshotexportdialog.h"
#include "snapshot/snapshotinfo.h"
#include "snapshot/snapshotnote.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QtTest>

using namespace RagScope;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

Filter dayFilter()
{
    return Filter { T0.addSecs(-3600), T0.addDays(1), std::nullopt, std::nullopt };
}

} // namespace

class TestSnapshotDialogs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QList<QUuid> m_ids;

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<Test::TestDatabase>();
        m_store = m_db->open();
        QList<InteractionRecord> records;
        for (int i = 0; i < 300; ++i) {
            InteractionRecord r;
            r.userId = QStringLiteral("user-%1").arg(i % 3);
            r.query = QStringLiteral("question %1").arg(i);
            r.answer = QStringLiteral("answer");
            r.model = QStringLiteral("gemini-1.5-pro-latest");
            r.promptTokens = 100;
            r.completionTokens = 10;
            r.createdAt = T0.addSecs(60 * i);
            records << r;
        }
        const auto ids = InteractionRecorder(m_store).recordBatch(records);
        QVERIFY(ids.ok());
        m_ids = ids.value();
    }

    void exportShowsProgressAndWritesTheFile()
    {
        SnapshotExportDialog dialog(m_store, dayFilter());
        dialog.show();
        QCOMPARE(dialog.findChildren<QDateTimeEdit*>().first()->dateTime(), dayFilter().from);
        const QString path = m_dir.filePath(QStringLiteral("gui.sqlite"));
        dialog.setPath(path);
        QSignalSpy exported(&dialog, &SnapshotExportDialog::exported);
        QStringList texts;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] { texts << dialog.statusLabel()->text(); });
        poll.start(1);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(!dialog.exportButton()->isEnabled());
        QVERIFY(exported.wait(60'000));
        poll.stop();
        QCOMPARE(exported.first().first().toLongLong(), 300);
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(dialog.progressBar()->value(), dialog.progressBar()->maximum());
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("300 interactions")),
            qPrintable(dialog.statusLabel()->text()));
        QVERIFY2(std::any_of(texts.begin(), texts.end(),
                     [](const QString& t) { return t.contains(QStringLiteral(" rows")); }),
            qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(dialog.exportButton()->isEnabled());
        QCOMPARE(dialog.cancelButton()->text(), QStringLiteral("Close"));
    }

    void cancelLeavesNoFile()
    {
        // Hold every database thread so that the export is still waiting when Cancel is pressed.
        Test::DatabaseThreadsHeld held;
        SnapshotExportDialog dialog(m_store, dayFilter());
        dialog.show();
        const QString path = m_dir.filePath(QStringLiteral("cancelled.sqlite"));
        dialog.setPath(path);
        QSignalSpy cancelled(&dialog, &SnapshotExportDialog::cancelled);
        QSignalSpy exported(&dialog, &SnapshotExportDialog::exported);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(dialog.isRunning());
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        held.release();
        QVERIFY(cancelled.wait(30'000));
        QCOMPARE(exported.size(), 0);
        QVERIFY(!QFileInfo::exists(path));
        const QStringList left = QDir(m_dir.path()).entryList({ QStringLiteral("*.part*") }, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("no file")));
    }

    void noteSaysWhatTheSnapshotHolds()
    {
        const QString path = m_dir.filePath(QStringLiteral("gui.sqlite"));
        QVERIFY(QFileInfo::exists(path));
        auto snapshot = Store::open(QStringLiteral("sqlite:") + path, {});
        QVERIFY(snapshot.ok());
        SnapshotNote note;
        note.show();
        QSignalSpy updated(&note, &SnapshotNote::updated);
        note.setFilter(dayFilter());
        note.setStore(snapshot.value());
        QTRY_COMPARE_WITH_TIMEOUT(updated.size(), 1, 10'000);
        QVERIFY(note.isVisible());
        QVERIFY2(note.text().startsWith(QStringLiteral("Snapshot of ")), qPrintable(note.text()));
        QVERIFY(note.text().contains(QStringLiteral("300 interactions")));
        QVERIFY(!note.text().contains(QStringLiteral("outside")));
        Filter wider = dayFilter();
        wider.from = wider.from.addDays(-7);
        note.setFilter(wider);
        QVERIFY2(
            note.text().contains(QStringLiteral("outside this snapshot's window")), qPrintable(note.text()));
        // a plain store: no note
        note.setStore(m_store);
        QTRY_COMPARE_WITH_TIMEOUT(updated.size(), 2, 10'000);
        QVERIFY(!note.isVisible());
    }

    void pushPreviewsThenPushesOnce()
    {
        const QString path = m_dir.filePath(QStringLiteral("gui.sqlite"));
        {
            Store::OpenOptions writing;
            writing.access = Store::Access::Write;
            auto offline = Store::open(QStringLiteral("sqlite:") + path, writing);
            QVERIFY(offline.ok());
            QVERIFY(ReviewService(offline.value()).save(m_ids[7], QStringLiteral("rita"), 2, {}, {}).ok());
        }
        PushReviewsDialog dialog(m_store);
        dialog.show();
        QSignalSpy preview(&dialog, &PushReviewsDialog::previewReady);
        QSignalSpy pushed(&dialog, &PushReviewsDialog::pushed);
        dialog.setSnapshotPath(path);
        QVERIFY(preview.wait(30'000));
        QVERIFY2(dialog.previewText()->toPlainText().startsWith(QStringLiteral("1 reviews will be added")),
            qPrintable(dialog.previewText()->toPlainText()));
        QVERIFY(dialog.pushButton()->isEnabled());
        QVERIFY(!dialog.forceBox()->isVisible());
        QCOMPARE(Test::countRows(*m_store, QStringLiteral("ragscope_reviews")), 0);
        QTest::mouseClick(dialog.pushButton(), Qt::LeftButton);
        QVERIFY(pushed.wait(30'000));
        QCOMPARE(pushed.first().first().toInt(), 1);
        QCOMPARE(Test::countRows(*m_store, QStringLiteral("ragscope_reviews")), 1);
        // the same snapshot again: nothing to add
        dialog.setSnapshotPath(path);
        QVERIFY(preview.wait(30'000));
        QVERIFY(dialog.previewText()->toPlainText().startsWith(QStringLiteral("0 reviews will be added")));
        QVERIFY(!dialog.pushButton()->isEnabled());
    }
};

QTEST_MAIN(TestSnapshotDialogs)
#include "tst_snapshotdialogs.moc"
