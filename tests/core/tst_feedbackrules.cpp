#include "feedback/feedbackrules.h"

#include <QtTest>

using namespace RagScope;

class TestFeedbackRules : public QObject
{
    Q_OBJECT

private slots:
    void acceptsOnlyRatingsOneToFive_data();
    void acceptsOnlyRatingsOneToFive();
    void acceptsOnlyWholeNumberRatings_data();
    void acceptsOnlyWholeNumberRatings();
    void countsCharactersNotUtf16Units();
    void limitsCommentTo2000Characters_data();
    void limitsCommentTo2000Characters();
    void validatesReviewerAndLabel_data();
    void validatesReviewerAndLabel();
    void parsesInteractionIds_data();
    void parsesInteractionIds();
};

void TestFeedbackRules::acceptsOnlyRatingsOneToFive_data()
{
    QTest::addColumn<int>("rating");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("0") << 0 << false;
    QTest::newRow("1") << 1 << true;
    QTest::newRow("3") << 3 << true;
    QTest::newRow("5") << 5 << true;
    QTest::newRow("6") << 6 << false;
    QTest::newRow("-1") << -1 << false;
    QTest::newRow("7") << 7 << false;
}

void TestFeedbackRules::acceptsOnlyRatingsOneToFive()
{
    QFETCH(int, rating);
    QFETCH(bool, accepted);
    const Status status = FeedbackRules::validateRating(rating);
    QCOMPARE(status.ok(), accepted);
    if (!accepted) {
        QCOMPARE(status.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(
            status.error().message.contains(QLatin1String("1 to 5")), qPrintable(status.error().message));
    }
}

void TestFeedbackRules::acceptsOnlyWholeNumberRatings_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<int>("rating"); // 0: refused
    QTest::newRow("4") << 4.0 << 4;
    QTest::newRow("1") << 1.0 << 1;
    QTest::newRow("3.5") << 3.5 << 0;
    QTest::newRow("0") << 0.0 << 0;
    QTest::newRow("6") << 6.0 << 0;
    QTest::newRow("1e300") << 1e300 << 0;
    QTest::newRow("-1e300") << -1e300 << 0;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 0;
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << 0;
}

void TestFeedbackRules::acceptsOnlyWholeNumberRatings()
{
    QFETCH(double, number);
    QFETCH(int, rating);
    const Result<int> parsed = FeedbackRules::ratingFromNumber(number);
    QCOMPARE(parsed.ok(), rating != 0);
    if (rating != 0) {
        QCOMPARE(parsed.value(), rating);
    } else {
        QCOMPARE(parsed.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(parsed.error().message.contains(QLatin1String("whole number from 1 to 5")),
            qPrintable(parsed.error().message));
    }
}

void TestFeedbackRules::countsCharactersNotUtf16Units()
{
    QCOMPARE(FeedbackRules::characterCount(QString()), 0);
    QCOMPARE(FeedbackRules::characterCount(QStringLiteral("abc")), 3);
    QCOMPARE(FeedbackRules::characterCount(QStringLiteral("é")), 1);
    const QString emoji = QStringLiteral("\U0001F600");
    QCOMPARE(emoji.size(), 2);
    QCOMPARE(FeedbackRules::characterCount(emoji + emoji + QStringLiteral("x")), 3);
}

void TestFeedbackRules::limitsCommentTo2000Characters_data()
{
    QTest::addColumn<QString>("comment");
    QTest::addColumn<bool>("accepted");
    const QString emoji = QStringLiteral("\U0001F600");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("ascii 2000") << QStringLiteral("a").repeated(2000) << true;
    QTest::newRow("ascii 2001") << QStringLiteral("a").repeated(2001) << false;
    QTest::newRow("e-acute 2000") << QStringLiteral("é").repeated(2000) << true;
    QTest::newRow("e-acute 2001") << QStringLiteral("é").repeated(2001) << false;
    QTest::newRow("emoji 2000") << emoji.repeated(2000) << true;
    QTest::newRow("emoji 2001") << emoji.repeated(2001) << false;
    QTest::newRow("mixed 1999 + emoji") << QStringLiteral("a").repeated(1999) + emoji << true;
}

void TestFeedbackRules::limitsCommentTo2000Characters()
{
    QFETCH(QString, comment);
    QFETCH(bool, accepted);
    const Status status = FeedbackRules::validateComment(comment);
    QCOMPARE(status.ok(), accepted);
    if (!accepted) {
        QCOMPARE(status.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(status.error().message.contains(QLatin1String("2001 characters")),
            qPrintable(status.error().message));
    }
}

void TestFeedbackRules::validatesReviewerAndLabel_data()
{
    QTest::addColumn<QString>("reviewer");
    QTest::addColumn<QString>("label");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("name, no label") << QStringLiteral("dana") << QString() << true;
    QTest::newRow("empty name") << QString() << QString() << false;
    QTest::newRow("blank name") << QStringLiteral("   ") << QString() << false;
    QTest::newRow("name of 255") << QStringLiteral("r").repeated(255) << QString() << true;
    QTest::newRow("name of 256") << QStringLiteral("r").repeated(256) << QString() << false;
    QTest::newRow("emoji name of 255") << QStringLiteral("\U0001F600").repeated(255) << QString() << true;
    QTest::newRow("label of 100") << QStringLiteral("dana") << QStringLiteral("é").repeated(100) << true;
    QTest::newRow("label of 101") << QStringLiteral("dana") << QStringLiteral("l").repeated(101) << false;
}

void TestFeedbackRules::validatesReviewerAndLabel()
{
    QFETCH(QString, reviewer);
    QFETCH(QString, label);
    QFETCH(bool, accepted);
    const Status name = FeedbackRules::validateReviewer(reviewer);
    const Status tag = FeedbackRules::validateLabel(label);
    QCOMPARE(name.ok() && tag.ok(), accepted);
    for (const Status& s : { name, tag }) {
        if (!s.ok())
            QCOMPARE(s.error().kind, ErrorKind::InvalidInput);
    }
}

void TestFeedbackRules::parsesInteractionIds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("lowercase") << QStringLiteral("123e4567-e89b-12d3-a456-426614174000") << true;
    QTest::newRow("uppercase") << QStringLiteral("123E4567-E89B-12D3-A456-426614174000") << true;
    QTest::newRow("braces") << QStringLiteral("{123e4567-e89b-12d3-a456-426614174000}") << true;
    QTest::newRow("surrounding blanks") << QStringLiteral(" 123e4567-e89b-12d3-a456-426614174000\n") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("word") << QStringLiteral("latest") << false;
    QTest::newRow("no dashes") << QStringLiteral("123e4567e89b12d3a456426614174000") << false;
    QTest::newRow("one digit short") << QStringLiteral("123e4567-e89b-12d3-a456-42661417400") << false;
    QTest::newRow("one digit long") << QStringLiteral("123e4567-e89b-12d3-a456-4266141740000") << false;
    QTest::newRow("not hex") << QStringLiteral("123e4567-e89b-12d3-a456-42661417400g") << false;
    QTest::newRow("open brace only") << QStringLiteral("{123e4567-e89b-12d3-a456-426614174000") << false;
    QTest::newRow("close brace only") << QStringLiteral("123e4567-e89b-12d3-a456-426614174000}") << false;
    QTest::newRow("trailing sql") << QStringLiteral("123e4567-e89b-12d3-a456-426614174000'; DROP TABLE x; --")
                                  << false;
}

void TestFeedbackRules::parsesInteractionIds()
{
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    const Result<QUuid> id = FeedbackRules::parseInteractionId(text);
    QCOMPARE(id.ok(), accepted);
    if (accepted)
        QCOMPARE(id.value(), QUuid(QStringLiteral("{123e4567-e89b-12d3-a456-426614174000}")));
    else
        QCOMPARE(id.error().kind, ErrorKind::InvalidInput);
}

QTEST_GUILESS_MAIN(TestFeedbackRules)
#include "tst_feedbackrules.moc"
