// ReplicaPair and Store::writer() without a standby: two stores of the dialect under test stand in
// for a replica and its primary (the real standby is tests/cli/tst_replica.cpp). Reads stay on
// the read store, feedback and reviews go to the writer, and a writer that cannot write is refused.
#include "feedback/feedbackservice.h"
#include "feedback/reviewservice.h"
#include "fixtures.h"
#include "replica/replicapair.h"
#include "testdatabase.h"

#include <QFile>
#include <QtTest>

using namespace RagScope;
using namespace RagScope::Test;

namespace {

QUuid addInteraction(const StorePtr& store, const QUuid& id)
{
    InteractionRecord r;
    r.id = id;
    r.userId = QStringLiteral("alice");
    r.query = QStringLiteral("q");
    r.answer = QStringLiteral("a");
    return recordInteraction(store, r);
}

StoreLocation locationOf(const TestDatabase& db)
{
    return *StoreLocation::parse(db.url());
}

} // namespace

class TestReplicaPair : public QObject
{
    Q_OBJECT

private slots:
    void aPlainStoreWritesToItself()
    {
        TestDatabase db;
        const StorePtr store = db.open();
        QCOMPARE(store->writer(), store);
        QVERIFY(!store->isStandby());
    }

    void readsHereWritesToTheWriter()
    {
        TestDatabase replica;
        TestDatabase primary;
        const QUuid id = QUuid::createUuid();
        addInteraction(replica.open(), id); // "replicated" already
        const StorePtr primaryStore = primary.open();
        addInteraction(primaryStore, id);

        Store::OpenOptions writing;
        writing.migrate = true;
        const auto pair = ReplicaPair::open(locationOf(replica), locationOf(primary), writing);
        QVERIFY2(pair.ok(), qPrintable(pair.ok() ? QString() : pair.error().message));
        const StorePtr store = pair.value();
        QVERIFY(store->isReadOnly()); // the read store itself is opened for reading only
        QVERIFY(!store->writer()->isReadOnly());
        QCOMPARE(store->writer()->location().displayName(), primaryStore->location().displayName());

        QVERIFY(FeedbackService(store).submit(id, 2, QStringLiteral("meh")).ok());
        const auto review = ReviewService(store).save(id, QStringLiteral("dana"), 4, {}, {});
        QVERIFY2(review.ok(), qPrintable(review.ok() ? QString() : review.error().message));
        QCOMPARE(countRows(*primaryStore, QStringLiteral("chat_feedbacks")), 1);
        QCOMPARE(countRows(*primaryStore, QStringLiteral("ragscope_reviews")), 1);
        // nothing replicates here: the pair's reads show the read store's rows, i.e. none yet
        QCOMPARE(countRows(*store, QStringLiteral("chat_feedbacks")), 0);
        QCOMPARE(ReviewService(store).history(id)->size(), 0);
        QCOMPARE(ReviewService(store->writer()).history(id)->size(), 1);

        // the existence check runs where the row is written
        const auto unknown = FeedbackService(store).submit(QUuid::createUuid(), 3, {});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
    }

    void aWriterThatCannotWriteIsRefused()
    {
        TestDatabase replica;
        TestDatabase primary;
        primary.open();
        StoreLocation writeTo = locationOf(primary);
        const QString role = QStringLiteral("rs_reader_%1").arg(QUuid::createUuid().toString(QUuid::Id128));
        if (primary.dialect() == Dialect::Sqlite) {
            QVERIFY(QFile::setPermissions(writeTo.sqlitePath, QFile::ReadOwner | QFile::ReadGroup));
        } else { // the contract's minimum reader: SELECT only
            primary.execScript(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'pw';"
                                              " GRANT SELECT ON chat_interactions, chat_feedbacks TO %1;")
                                   .arg(role));
            writeTo.user = role;
            writeTo.password = QStringLiteral("pw");
        }
        const auto pair = ReplicaPair::open(locationOf(replica), writeTo, Store::OpenOptions {});
        QVERIFY(!pair.ok());
        QCOMPARE(pair.error().kind, ErrorKind::PermissionDenied);
        QVERIFY2(pair.error().message.startsWith(QLatin1String("the write store cannot take writes: ")),
            qPrintable(pair.error().message));
        if (primary.dialect() == Dialect::Postgres)
            primary.execScript(
                QStringLiteral("REVOKE ALL ON chat_interactions, chat_feedbacks FROM %1; DROP ROLE %1;")
                    .arg(role));
    }
};

QTEST_GUILESS_MAIN(TestReplicaPair)
#include "tst_replicapair.moc"
