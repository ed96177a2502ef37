#include "csvreader.h"
#include "databasethreadsheld.h"
#include "export/reviewqueuecsv.h"
#include "fixturewriter.h"
#include "guitest.h"
#include "models/reviewqueuemodel.h"
#include "pages/reviewpage.h"
#include "recorder/interactionrecorder.h"
#include "testdatabase.h"
#include "widgets/csvexportjob.h"

#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace RagScope;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());
constexpr int QueueRows = ReviewQueueModel::DefaultPageSize + 45; // more than the view loads at first
const QString Formula
    = QStringLiteral("=IMPORTXML(\"http://x\", \"//a\"), and more: ") + QString(250, QLatin1Char('q'));

} // namespace

/// "Export CSV…" on the Review page writes every row of the page's query, not only the rows the
/// table has loaded, with ids, full texts and raw values; it runs off the GUI thread and a
/// cancelled export leaves no file.
class TestReviewCsvExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void exportsEveryRowOfTheQueryThroughThePage_data();
    void exportsEveryRowOfTheQueryThroughThePage();
    void cancelLeavesNoFile();

private:
    /// Triggers the page's "Export CSV…" and accepts its file dialog's suggestion in `dir`; the
    /// export job it started.
    CsvExportJob* exportThroughDialog(const QString& dir, bool byteOrderMark);
    bool waitIdle() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<Test::TestDatabase> m_db;
    StorePtr m_store;
    QSet<QUuid> m_queueIds;
    QUuid m_formulaRow;
    std::unique_ptr<ReviewPage> m_page;
};

void TestReviewCsvExport::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reviewcsvexport"));
    m_db = std::make_unique<Test::TestDatabase>();
    m_store = m_db->open();
    QList<InteractionRecord> records;
    for (int i = 0; i < QueueRows + 10; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("user-%1").arg(i % 5);
        r.query = i == 0 ? Formula : QStringLiteral("question %1").arg(i);
        r.answer = QStringLiteral("answer %1").arg(i);
        r.confidence = i < QueueRows ? 0.32 : 0.9; // the last ten are not in the queue
        r.model = QStringLiteral("gemini-1.5-pro-latest");
        r.promptTokens = 1000;
        r.completionTokens = 107;
        r.totalLatencyMs = 1107.0;
        r.createdAt = T0.addSecs(60 * i);
        records << r;
    }
    const auto ids = InteractionRecorder(m_store).recordBatch(records);
    QVERIFY(ids.ok());
    for (int i = 0; i < QueueRows; ++i)
        m_queueIds.insert(ids->at(i));
    m_formulaRow = ids->at(0);
    Test::FixtureWriter(m_store).addReview(
        m_formulaRow, QStringLiteral("rita"), 4, QStringLiteral("good answer"), T0);

    m_page = std::make_unique<ReviewPage>();
    m_page->resize(1200, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->setContext({ m_store, m_page->context().filter });
    QVERIFY(waitIdle());
    QVERIFY(m_page->model()->rowCount() < QueueRows); // the view holds only its first page
}

void TestReviewCsvExport::cleanupTestCase()
{
    m_page.reset();
    m_store.reset();
    m_db.reset();
}

bool TestReviewCsvExport::waitIdle() const
{
    return QTest::qWaitFor([this] { return !m_page->isBusy(); }, 20000);
}

CsvExportJob* TestReviewCsvExport::exportThroughDialog(const QString& dir, bool byteOrderMark)
{
    QSettings().setValue(QStringLiteral("export/lastDir"), dir); // where the dialog opens
    auto* action = m_page->findChild<QAction*>(QStringLiteral("exportCsv"));
    if (!action)
        return nullptr;
    Test::acceptNextFileDialog([byteOrderMark](QFileDialog* dialog) {
        if (auto* bom = dialog->findChild<QCheckBox*>(QStringLiteral("byteOrderMark")))
            bom->setChecked(byteOrderMark);
    });
    action->trigger();
    const auto jobs = m_page->findChildren<CsvExportJob*>(); // the newest last; older ones may await deletion
    return jobs.isEmpty() ? nullptr : jobs.constLast();
}

void TestReviewCsvExport::exportsEveryRowOfTheQueryThroughThePage_data()
{
    QTest::addColumn<bool>("byteOrderMark");
    QTest::newRow("utf-8") << false;
    QTest::newRow("utf-8 with bom") << true;
}

void TestReviewCsvExport::exportsEveryRowOfTheQueryThroughThePage()
{
    QFETCH(bool, byteOrderMark);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("review-queue.csv"));
    CsvExportJob* job = exportThroughDialog(dir.path(), byteOrderMark);
    QVERIFY(job);
    QCOMPARE(job->path(), path);
    QSignalSpy done(job, &CsvExportJob::succeeded);
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().first().toLongLong(), qint64(QueueRows));
    QCOMPARE(QSettings().value(QStringLiteral("export/csvByteOrderMark")).toBool(), byteOrderMark);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), byteOrderMark);
    const QList<QStringList> records = Test::readCsv(bytes);
    QCOMPARE(records.first(), ReviewQueueCsv::columns());
    QCOMPARE(records.size(), 1 + QueueRows);
    QSet<QUuid> ids;
    for (const QStringList& record : records.mid(1))
        ids.insert(QUuid::fromString(record.first()));
    QCOMPARE(ids, m_queueIds);

    // The oldest row (not loaded in the view): full text guarded, raw numbers, raw verdict.
    const QStringList& oldest = records.last();
    QCOMPARE(QUuid::fromString(oldest.first()), m_formulaRow);
    const int column = int(ReviewQueueCsv::columns().indexOf(QStringLiteral("query")));
    QCOMPARE(oldest.at(column), QLatin1Char('\'') + Formula);
    QCOMPARE(oldest.at(1), QStringLiteral("2026-11-02T09:00:00.000Z"));
    QVERIFY2(oldest.contains(QStringLiteral("1107")) && oldest.contains(QStringLiteral("0.32"))
            && oldest.contains(QStringLiteral("good answer")),
        qPrintable(oldest.join(QLatin1Char('|'))));
}

void TestReviewCsvExport::cancelLeavesNoFile()
{
    // Hold every database thread so that the export is still waiting when Cancel is pressed.
    Test::DatabaseThreadsHeld held;

    QTemporaryDir dir;
    CsvExportJob* job = exportThroughDialog(dir.path(), false);
    QVERIFY(job);
    QSignalSpy cancelled(job, &CsvExportJob::cancelled);
    QSignalSpy succeeded(job, &CsvExportJob::succeeded);
    QTRY_VERIFY(job->dialog()->isVisible()); // the GUI thread is free while the export waits
    auto* cancel = job->dialog()->findChild<QPushButton*>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    held.release();
    QVERIFY(cancelled.wait(20000));
    QCOMPARE(succeeded.count(), 0);
    QVERIFY(QDir(dir.path()).isEmpty());
}

QTEST_MAIN(TestReviewCsvExport)
#include "tst_reviewcsvexport.moc"
