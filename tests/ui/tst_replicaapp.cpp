// The app against a real streaming standby and its primary (servers of the test's own): the
// connection dialog remembers the write store with the profile, the window opens the standby
// for reading with the primary attached, and a review saved on the Review page lands on the
// primary and reaches the standby by replication.
#include "connectiondialog.h"
#include "connectionprofiles.h"
#include "fixtures.h"
#include "guitest.h"
#include "mainwindow.h"
#include "models/reviewqueuemodel.h"
#include "pages/reviewpage.h"
#include "privateserver.h"
#include "widgets/reviewform.h"
#include "widgets/reviewqueuetable.h"

#include "feedback/reviewservice.h"

#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace RagScope;

namespace {

const QString Reviewer = QStringLiteral("replica-tester");

qint64 countOn(const StorePtr& store, const QString& table)
{
    return Test::countRows(*store, table);
}

QString settingsText()
{
    QSettings().sync();
    QFile file(QSettings().fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestReplicaApp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        Test::useSettingsIn(m_settingsDir, QStringLiteral("RagScopeTest-replica"));
        qputenv("USER", Reviewer.toUtf8());
        // Profiles keep no passwords: libpq takes the write store's from the environment.
        qputenv("PGPASSWORD", StoreLocation::parse(m_primary.url())->password.toUtf8());
        Store::OpenOptions create;
        create.createSchema = true;
        const auto primary = Store::open(m_primary.url(), create);
        QVERIFY2(primary.ok(), qPrintable(primary.ok() ? QString() : primary.error().message));
        m_primaryStore = primary.value();
        for (int n = 0; n < 5; ++n) {
            InteractionRecord r;
            r.userId = QStringLiteral("alice");
            r.query = QStringLiteral("question %1").arg(n);
            r.answer = QStringLiteral("answer");
            r.confidence = 0.1 * n; // all in the low-confidence queue
            r.model = QStringLiteral("gemini-1.5-pro");
            r.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600 * (n + 1));
            Test::recordInteraction(m_primaryStore, r);
        }
        m_standbyUrl = m_primary.startStandby();
    }

    void dialogRemembersTheWriteStoreWithTheProfile()
    {
        const StoreLocation standby = *StoreLocation::parse(m_standbyUrl);
        ConnectionDialog dialog;
        dialog.setLocation(standby);
        auto* writeUrl = dialog.findChild<QLineEdit*>(QStringLiteral("writeUrl"));
        QVERIFY(writeUrl);
        QCOMPARE(writeUrl->text(), QString());
        QTest::keyClicks(writeUrl, m_primary.url());
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("reviewer")), Reviewer);
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.testConnection();
        QVERIFY(tested.wait(20000));
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        QVERIFY2(
            tested.first().at(1).toString().startsWith(QLatin1String("Connected: reads here, writes to ")),
            qPrintable(tested.first().at(1).toString()));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const auto remembered = ConnectionProfiles::writeStore(standby);
        QVERIFY(remembered.has_value());
        QCOMPARE(
            remembered->urlWithoutPassword(), StoreLocation::parse(m_primary.url())->urlWithoutPassword());
        const QString password = StoreLocation::parse(m_primary.url())->password;
        QVERIFY(!password.isEmpty() && remembered->password.isEmpty());
        QVERIFY(!QSettings().value(QStringLiteral("connections/writeStores")).toString().contains(password));
        QVERIFY(!settingsText().contains(password));

        ConnectionDialog again; // the profile brings its write store back
        again.setLocation(standby);
        QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("writeUrl"))->text(),
            remembered->urlWithoutPassword());
        QCOMPARE(again.findChild<QLineEdit*>(QStringLiteral("reviewer"))->text(), Reviewer);
        QCOMPARE(ConnectionProfiles::reviewer(standby), Reviewer);
    }

    void windowReadsTheStandbyAndReviewsLandOnThePrimary()
    {
        const StoreLocation standby = *StoreLocation::parse(m_standbyUrl);
        ConnectionProfiles::setWriteStore(standby, *StoreLocation::parse(m_primary.url()));
        ConnectionProfiles::setReviewer(standby, Reviewer); // reviews are saved under the profile's name
        MainWindow window;
        window.show();
        QSignalSpy opened(&window, &MainWindow::storeOpened);
        window.openLocation(standby);
        QVERIFY(opened.wait(20000));
        const StorePtr store = window.store();
        QVERIFY(store->isStandby());
        QVERIFY(!store->writer()->isReadOnly());
        QVERIFY2(
            window.storeStatus().contains(QLatin1String(", writes to ")), qPrintable(window.storeStatus()));
        QVERIFY2(
            window.storeStatus().endsWith(QLatin1String("Read-write")), qPrintable(window.storeStatus()));

        ReviewPage page;
        page.resize(1200, 800);
        page.show();
        page.setContext({ store, page.context().filter });
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy() && page.model()->rowCount() == 5, 20000);
        page.table()->setCurrentIndex(page.model()->index(0, 0));
        page.table()->setFocus();
        QTRY_VERIFY(!page.form()->interaction().isNull());
        const QUuid reviewed = page.form()->interaction();
        QTest::keyClick(page.table(), Qt::Key_2);
        QTest::keyClick(page.table(), Qt::Key_Enter, Qt::ControlModifier);
        // Ctrl+Enter saves and moves on to the next interaction once the save went through
        QTRY_VERIFY_WITH_TIMEOUT(page.form()->interaction() != reviewed, 20000);
        QVERIFY2(page.form()->message().isEmpty(), qPrintable(page.form()->message()));
        QCOMPARE(countOn(m_primaryStore, QStringLiteral("ragscope_reviews")), 1);

        // read back through the window's store, i.e. from the standby, once replayed
        const auto seen = [&] {
            const auto history = ReviewService(store).history(reviewed);
            return history.ok() && history->size() == 1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen(), 15000);
        QCOMPARE(ReviewService(store).history(reviewed)->first().reviewer, Reviewer);
    }

private:
    QTemporaryDir m_settingsDir;
    Test::PrivateServer m_primary;
    QString m_standbyUrl;
    StorePtr m_primaryStore;
};

QTEST_MAIN(TestReplicaApp)
#include "tst_replicaapp.moc"
