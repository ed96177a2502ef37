#include "fixtures.h"
#include "review/agreementmath.h"
#include "review/claimservice.h"
#include "review/queueagreementservice.h"
#include "review/savedqueuestore.h"
#include "testdatabase.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace RagScope;
using RagScope::Test::TestDatabase;

namespace {

// tests/data/review_agreement/agreement.json, written by agreement.py beside it (plain Python,
// a different formulation): the ratings and the κ and α worked out from them.
QJsonObject expected()
{
    QFile file(qEnvironmentVariable("RAGSCOPE_SOURCE_DIR")
        + QStringLiteral("/tests/data/review_agreement/agreement.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read agreement.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// reviewer → 12 ratings (0: not rated)
QMap<QString, QList<int>> ratings()
{
    QMap<QString, QList<int>> result;
    const QJsonObject all = expected().value(QLatin1String("ratings")).toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        QList<int> values;
        for (const QJsonValue v : it.value().toArray())
            values << (v.isNull() ? 0 : v.toInt());
        result.insert(it.key(), values);
    }
    return result;
}

} // namespace

class TestQueueAgreement : public QObject
{
    Q_OBJECT

private slots:
    void kappaMatchesTheIndependentScript();
    void alphaMatchesThePublishedExample();
    void undefinedWhereThereIsNoSpread();
    void queueAgreementFromTheStoreMatchesTheScript();
    void disagreementsListRatingGapsAndLabelsAndTakeAnAdjudication();
};

void TestQueueAgreement::kappaMatchesTheIndependentScript()
{
    const auto all = ratings();
    for (const QJsonValue pairValue : expected().value(QLatin1String("pairs")).toArray()) {
        const QJsonObject pair = pairValue.toObject();
        const QList<int> a = all.value(pair.value(QLatin1String("first")).toString());
        const QList<int> b = all.value(pair.value(QLatin1String("second")).toString());
        QList<std::pair<int, int>> both;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a[i] && b[i])
                both.append({ a[i], b[i] });
        }
        QCOMPARE(both.size(), pair.value(QLatin1String("items")).toInt());
        const auto kappa = AgreementMath::quadraticKappa(both);
        QVERIFY(kappa);
        QVERIFY2(qAbs(*kappa - pair.value(QLatin1String("kappa")).toDouble()) < 1e-9,
            qPrintable(QString::number(*kappa, 'g', 12)));
    }
}

void TestQueueAgreement::alphaMatchesThePublishedExample()
{
    const auto all = ratings();
    QList<QList<int>> units(12);
    for (const QList<int>& values : all) {
        for (int i = 0; i < 12; ++i)
            units[i] << values[i]; // 0 is outside the scale: left out like a missing value
    }
    const auto alpha = AgreementMath::ordinalAlpha(units);
    QVERIFY(alpha);
    QVERIFY(qAbs(*alpha - expected().value(QLatin1String("alpha")).toDouble()) < 1e-9);
    QCOMPARE(QString::number(*alpha, 'f', 3), QStringLiteral("0.815")); // Krippendorff (2011)
}

void TestQueueAgreement::undefinedWhereThereIsNoSpread()
{
    QCOMPARE(AgreementMath::quadraticKappa({}), std::nullopt);
    QCOMPARE(AgreementMath::quadraticKappa({ { 3, 3 }, { 3, 3 } }), std::nullopt);
    QCOMPARE(AgreementMath::quadraticKappa({ { 1, 1 }, { 5, 5 } }), std::optional<double>(1.0));
    QCOMPARE(AgreementMath::ordinalAlpha({ { 4 } }), std::nullopt);
    QCOMPARE(AgreementMath::ordinalAlpha({ { 2, 2 }, { 2, 2 } }), std::nullopt);
    QCOMPARE(AgreementMath::ordinalAlpha({ { 1, 1 }, { 5, 5 } }), std::optional<double>(1.0));
}

void TestQueueAgreement::queueAgreementFromTheStoreMatchesTheScript()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QList<QUuid> items;
    for (int i = 0; i < 12; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("u");
        r.query = QStringLiteral("q%1").arg(i);
        r.answer = QStringLiteral("a");
        r.createdAt = QDateTime(QDate(2026, 11, 2), QTime(9, i), QTimeZone::utc());
        items << Test::recordInteraction(store, r);
    }
    SavedQueue q;
    q.name = QStringLiteral("agreement");
    q.query.kind = ReviewQueueQuery::Kind::All;
    q.reviewsPerItem = 4;
    q.createdBy = QStringLiteral("lead");
    q = SavedQueueStore(store).create(q).value();
    const ClaimService claims(store);
    const auto all = ratings();
    for (auto it = all.begin(); it != all.end(); ++it) {
        for (int i = 0; i < 12; ++i) {
            if (!it.value()[i])
                continue;
            // a first, different save that the reviewer then corrects: only the newest counts
            QVERIFY(claims.save(q, { items[i], it.key(), 6 - it.value()[i], {}, {}, {}, false, std::nullopt })
                        .ok());
            QVERIFY(
                claims.save(q, { items[i], it.key(), it.value()[i], {}, {}, {}, false, std::nullopt }).ok());
        }
    }
    const auto agreement = QueueAgreementService(store).agreement(q);
    QVERIFY2(agreement.ok(), qPrintable(agreement.ok() ? QString() : agreement.error().message));
    const QJsonArray pairs = expected().value(QLatin1String("pairs")).toArray();
    QCOMPARE(agreement.value().pairs.size(), pairs.size());
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const QJsonObject pair = pairs[i].toObject();
        const PairAgreement& got = agreement.value().pairs[i];
        QCOMPARE(got.first, pair.value(QLatin1String("first")).toString());
        QCOMPARE(got.second, pair.value(QLatin1String("second")).toString());
        QCOMPARE(got.items, pair.value(QLatin1String("items")).toInt());
        QVERIFY(got.kappa && qAbs(*got.kappa - pair.value(QLatin1String("kappa")).toDouble()) < 1e-9);
    }
    QVERIFY(agreement.value().alpha);
    QVERIFY(qAbs(*agreement.value().alpha - expected().value(QLatin1String("alpha")).toDouble()) < 1e-9);
    QCOMPARE(agreement.value().alphaItems, expected().value(QLatin1String("alpha_items")).toInt());
    // A and C share only 8 items: the figures come with a note
    QVERIFY2(agreement.value().note.contains(QStringLiteral("few items overlap")),
        qPrintable(agreement.value().note));
}

void TestQueueAgreement::disagreementsListRatingGapsAndLabelsAndTakeAnAdjudication()
{
    TestDatabase db;
    const StorePtr store = db.open();
    QList<QUuid> items;
    for (int i = 0; i < 3; ++i) {
        InteractionRecord r;
        r.userId = QStringLiteral("u");
        r.query = QStringLiteral("question %1").arg(i);
        r.answer = QStringLiteral("a");
        r.createdAt = QDateTime(QDate(2026, 11, 2), QTime(12 - i, 0), QTimeZone::utc());
        items << Test::recordInteraction(store, r);
    }
    SavedQueue q;
    q.name = QStringLiteral("double");
    q.query.kind = ReviewQueueQuery::Kind::All;
    q.reviewsPerItem = 2;
    q.createdBy = QStringLiteral("lead");
    q = SavedQueueStore(store).create(q).value();
    const ClaimService claims(store);
    const auto save = [&](int item, const char* who, int rating, const char* label) {
        QVERIFY(claims
                    .save(q,
                        { items[item], QLatin1String(who), rating, QLatin1String(label), {}, {}, false,
                            std::nullopt })
                    .ok());
    };
    save(0, "a", 1, "wrong"); // 2 apart: a disagreement
    save(0, "b", 3, "wrong");
    save(1, "a", 4, ""); // 1 apart, same label: agreement
    save(1, "b", 5, "");
    save(2, "a", 2, "wrong"); // labels differ
    save(2, "b", 2, "off-topic");

    const QueueAgreementService service(store);
    auto list = service.disagreements(q);
    QVERIFY(list.ok());
    QCOMPARE(list.value().size(), 2);
    QCOMPARE(list.value()[0].interactionId, items[0]);
    QCOMPARE(list.value()[0].queryPreview, QStringLiteral("question 0"));
    QCOMPARE(list.value()[0].verdicts.size(), 2);
    QVERIFY(!list.value()[0].adjudication);
    QCOMPARE(list.value()[1].interactionId, items[2]);

    const auto adjudicated
        = service.adjudicate(q, items[0], QStringLiteral("lead"), 2, QStringLiteral("wrong"), {});
    QVERIFY(adjudicated.ok());
    QVERIFY(adjudicated.value().adjudication);
    list = service.disagreements(q);
    QVERIFY(list.value()[0].adjudication);
    QCOMPARE(list.value()[0].adjudication->rating, 2);
    QCOMPARE(list.value()[0].verdicts.size(), 2); // the adjudicator is not a third reviewer
    // the agreement counts reviewers only
    QCOMPARE(service.agreement(q).value().pairs.size(), 1);
}

QTEST_GUILESS_MAIN(TestQueueAgreement)
#include "tst_queueagreement.moc"
