// File → Export reviews… and the Queues dialog's Export… offscreen with real widgets: a queue
// with two reviewers and an adjudication is exported as JSON Lines and CSV and read back (one
// record per reviewed interaction, with its final verdict); Cancel leaves no file; the Queues
// dialog opens the export with its selected queue; the File menu offers the action once a
// store is open.
#include "csvreader.h"
#include "databasethreadsheld.h"
#include "fixtures.h"
#include "guitest.h"
#include "mainwindow.h"
#include "review/claimservice.h"
#include "review/queueagreementservice.h"
#include "review/queuesdialog.h"
#include "review/reviewexportdialog.h"
#include "review/savedqueuestore.h"
#include "testdatabase.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

class TestReviewExportDialog : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db;
    StorePtr m_store;
    QTemporaryDir m_dir;
    QList<QUuid> m_ids;

    // Waits until the dialog's saved queues have loaded.
    static void waitLoaded(ReviewExportDialog& dialog)
    {
        if (dialog.isLoading()) {
            QSignalSpy loaded(&dialog, &ReviewExportDialog::queuesLoaded);
            QVERIFY(loaded.wait(20'000));
        }
    }

    static QList<QJsonObject> readJsonLines(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QJsonObject> records;
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (!line.isEmpty())
                records << QJsonDocument::fromJson(line).object();
        }
        return records;
    }

private slots:
    void initTestCase()
    {
        useSettingsIn(m_dir, QStringLiteral("RagScopeTest-reviewexport"));
        m_store = m_db.open();
        for (int i = 0; i < 3; ++i) {
            InteractionRecord r;
            r.userId = QStringLiteral("alice");
            r.query = QStringLiteral("question %1").arg(i);
            r.answer = QStringLiteral("answer %1").arg(i);
            r.createdAt = QDateTime(QDate(2026, 11, 2), QTime(9 + i, 0), QTimeZone::utc());
            m_ids << recordInteraction(m_store, r);
        }
        SavedQueue q;
        q.name = QStringLiteral("double");
        q.query.kind = ReviewQueueQuery::Kind::All;
        q.reviewsPerItem = 2;
        q.createdBy = QStringLiteral("lead");
        q = SavedQueueStore(m_store).create(q).value();
        const ClaimService claims(m_store);
        QVERIFY(claims.save(q, { m_ids[0], QStringLiteral("ann"), 1, {}, {}, {}, false, std::nullopt }).ok());
        QVERIFY(claims.save(q, { m_ids[0], QStringLiteral("ben"), 4, {}, {}, {}, false, std::nullopt }).ok());
        QVERIFY(claims.save(q, { m_ids[1], QStringLiteral("ann"), 5, {}, {}, {}, false, std::nullopt }).ok());
        QVERIFY(QueueAgreementService(m_store)
                    .adjudicate(q, m_ids[0], QStringLiteral("lead"), 2, {}, QStringLiteral("checked"))
                    .ok());
    }

    void exportsTheSelectedQueueAsJsonLines()
    {
        ReviewExportDialog dialog(m_store, QStringLiteral("double"));
        dialog.show();
        waitLoaded(dialog);
        QCOMPARE(dialog.queuePicker()->currentData().toString(), QStringLiteral("double"));
        const QString path = m_dir.filePath(QStringLiteral("queue.jsonl"));
        dialog.setPath(path);
        QSignalSpy exported(&dialog, &ReviewExportDialog::exported);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(!dialog.exportButton()->isEnabled());
        QVERIFY(exported.wait(30'000));
        QCOMPARE(exported.first().first().toLongLong(), 2);
        QCOMPARE(dialog.progressBar()->value(), dialog.progressBar()->maximum());
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("Wrote 2 ")),
            qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(dialog.cancelButton()->text(), QStringLiteral("Close"));

        const QList<QJsonObject> records = readJsonLines(path);
        QCOMPARE(records.size(), 2); // one per reviewed item; the third has no verdict
        QCOMPARE(
            records[0][QStringLiteral("interaction_id")].toString(), m_ids[0].toString(QUuid::WithoutBraces));
        const QJsonObject adjudicated = records[0][QStringLiteral("final_verdict")].toObject();
        QCOMPARE(adjudicated[QStringLiteral("rating")].toInt(), 2);
        QCOMPARE(adjudicated[QStringLiteral("reviewer")].toString(), QStringLiteral("lead"));
        QCOMPARE(adjudicated[QStringLiteral("source")].toString(), QStringLiteral("adjudicated"));
        QCOMPARE(records[0][QStringLiteral("verdicts")].toArray().size(), 2);
        const QJsonObject latest = records[1][QStringLiteral("final_verdict")].toObject();
        QCOMPARE(
            records[1][QStringLiteral("interaction_id")].toString(), m_ids[1].toString(QUuid::WithoutBraces));
        QCOMPARE(latest[QStringLiteral("rating")].toInt(), 5);
        QCOMPARE(latest[QStringLiteral("source")].toString(), QStringLiteral("latest"));
    }

    void exportsAsCsvWithTheSuffixOfTheFormat()
    {
        ReviewExportDialog dialog(m_store);
        dialog.show();
        waitLoaded(dialog);
        QCOMPARE(dialog.queuePicker()->currentIndex(), 0); // all reviewed interactions
        dialog.setPath(m_dir.filePath(QStringLiteral("all.jsonl")));
        dialog.formatPicker()->setCurrentIndex(1);
        const QString path = m_dir.filePath(QStringLiteral("all.csv"));
        QSignalSpy exported(&dialog, &ReviewExportDialog::exported);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(exported.wait(30'000));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("all.jsonl"))));
        const QList<QStringList> table = readCsvFile(path);
        QCOMPARE(table.size(), 3); // the header and two reviewed interactions
        const int rating = int(table[0].indexOf(QStringLiteral("final_rating")));
        const int source = int(table[0].indexOf(QStringLiteral("final_source")));
        QVERIFY(rating >= 0 && source >= 0);
        QCOMPARE(table[1][rating], QStringLiteral("2"));
        QCOMPARE(table[1][source], QStringLiteral("adjudicated"));
        QCOMPARE(table[2][rating], QStringLiteral("5"));
    }

    void cancelLeavesNoFile()
    {
        ReviewExportDialog dialog(m_store, QStringLiteral("double"));
        dialog.show();
        waitLoaded(dialog);
        // Hold every database thread so that the export is still waiting when Cancel is pressed.
        DatabaseThreadsHeld held;
        const QString path = m_dir.filePath(QStringLiteral("cancelled.jsonl"));
        dialog.setPath(path);
        QSignalSpy cancelled(&dialog, &ReviewExportDialog::cancelled);
        QSignalSpy exported(&dialog, &ReviewExportDialog::exported);
        QTest::mouseClick(dialog.exportButton(), Qt::LeftButton);
        QVERIFY(dialog.isRunning());
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        held.release();
        QVERIFY(cancelled.wait(30'000));
        QCOMPARE(exported.size(), 0);
        QVERIFY(!QFileInfo::exists(path));
        const QStringList left = QDir(m_dir.path()).entryList({ QStringLiteral("cancelled*") }, QDir::Files);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("no file")));
    }

    void queuesDialogExportsItsSelectedQueue()
    {
        QueuesDialog queues(m_store, {}, QStringLiteral("lead"));
        QSignalSpy loaded(&queues, &QueuesDialog::loaded);
        queues.show();
        QVERIFY(loaded.wait(20'000));
        QTRY_VERIFY_WITH_TIMEOUT(!queues.isBusy(), 20'000);
        auto* button = queues.findChild<QPushButton*>(QStringLiteral("exportQueue"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        auto* dialog = queues.findChild<ReviewExportDialog*>();
        QVERIFY(dialog);
        waitLoaded(*dialog);
        QCOMPARE(dialog->queuePicker()->currentData().toString(), QStringLiteral("double"));
        dialog->close();
    }

    void fileMenuOffersTheExportOnceAStoreIsOpen()
    {
        MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("exportReviewsAction"));
        QVERIFY(action);
        QVERIFY(!action->isEnabled());
        QSignalSpy opened(&window, &MainWindow::storeOpened);
        window.openUrl(m_db.url());
        QVERIFY(opened.wait(30'000));
        QVERIFY(action->isEnabled());
        action->trigger();
        auto* dialog = window.findChild<ReviewExportDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        waitLoaded(*dialog);
        QCOMPARE(dialog->queuePicker()->count(), 2); // all, and the saved queue
        dialog->close();
    }
};

QTEST_MAIN(TestReviewExportDialog)
#include "tst_reviewexportdialog.moc"
