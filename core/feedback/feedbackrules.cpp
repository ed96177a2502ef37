#include "feedbackrules.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace RagScope::FeedbackRules {

namespace {

Error invalid(const QString& why)
{
    return makeError(ErrorKind::InvalidInput, why);
}

} // namespace

int characterCount(const QString& text)
{
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        // A surrogate pair is one character; its low half is not counted again.
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

Status validateRating(int rating)
{
    if (rating < MinRating || rating > MaxRating)
        return invalid(QCoreApplication::translate(
            "RagScope::FeedbackRules", "rating must be a whole number from %1 to %2, not %3")
                           .arg(MinRating)
                           .arg(MaxRating)
                           .arg(rating));
    return Done {};
}

Result<int> ratingFromNumber(double value)
{
    // Only the conversion is checked here (3.5, NaN, beyond int); the range is validateRating's.
    if (!(value >= std::numeric_limits<int>::min() && value <= std::numeric_limits<int>::max())
        || value != std::floor(value))
        return invalid(QCoreApplication::translate(
            "RagScope::FeedbackRules", "rating must be a whole number from %1 to %2, not %3")
                           .arg(MinRating)
                           .arg(MaxRating)
                           .arg(value));
    const int rating = int(value);
    RAGSCOPE_TRY(valid, validateRating(rating));
    return rating;
}

Status validateComment(const QString& comment)
{
    const int count = characterCount(comment);
    if (count > MaxCommentCharacters)
        return invalid(QCoreApplication::translate(
            "RagScope::FeedbackRules", "comment has %1 characters; at most %2 are allowed")
                           .arg(count)
                           .arg(MaxCommentCharacters));
    return Done {};
}

Status validateReviewer(const QString& reviewer)
{
    if (reviewer.trimmed().isEmpty())
        return invalid(
            QCoreApplication::translate("RagScope::FeedbackRules", "a review needs the reviewer's name"));
    const int count = characterCount(reviewer);
    if (count > MaxReviewerCharacters)
        return invalid(QCoreApplication::translate(
            "RagScope::FeedbackRules", "reviewer name has %1 characters; at most %2 are allowed")
                           .arg(count)
                           .arg(MaxReviewerCharacters));
    return Done {};
}

Status validateLabel(const QString& label)
{
    const int count = characterCount(label);
    if (count > MaxLabelCharacters)
        return invalid(QCoreApplication::translate(
            "RagScope::FeedbackRules", "label has %1 characters; at most %2 are allowed")
                           .arg(count)
                           .arg(MaxLabelCharacters));
    return Done {};
}

Result<QUuid> parseInteractionId(const QString& text)
{
    static const QRegularExpression canonical(QStringLiteral(
        "^(\\{)?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?(1)\\})$"));
    const QString trimmed = text.trimmed();
    if (!canonical.match(trimmed).hasMatch())
        return invalid(QCoreApplication::translate("RagScope::FeedbackRules",
            "'%1' is not an interaction id (expected a UUID such as "
            "123e4567-e89b-12d3-a456-426614174000)")
                           .arg(trimmed.left(64)));
    return QUuid::fromString(trimmed);
}

} // namespace RagScope::FeedbackRules
