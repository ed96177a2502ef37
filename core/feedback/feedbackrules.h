#pragma once

#include "base/result.h"

#include <QString>
#include <QUuid>

namespace RagScope {

/// The rules of store contract §4, shared by end users' feedback and reviewers' reviews.
namespace FeedbackRules {
constexpr int MinRating = 1;
constexpr int MaxRating = 5;
constexpr int MaxCommentCharacters = 2000; ///< characters (code points), not bytes
constexpr int MaxReviewerCharacters = 255;
constexpr int MaxLabelCharacters = 100;

/// Number of characters as the contract counts them (surrogate pairs count once).
int characterCount(const QString& text);
Status validateRating(int rating);
/// A rating that arrived as a number (JSON): a whole number (3 or 3.0) passed to
/// validateRating(); 3.5, NaN or a number beyond int refused as InvalidInput.
Result<int> ratingFromNumber(double value);
Status validateComment(const QString& comment);
/// A reviewer's name: 1–255 characters, not only blanks.
Status validateReviewer(const QString& reviewer);
/// A review label: optional, at most 100 characters.
Status validateLabel(const QString& label);
/// A canonical UUID ("8-4-4-4-12" hex, braces optional) or an InvalidInput error.
Result<QUuid> parseInteractionId(const QString& text);
} // namespace FeedbackRules

} // namespace RagScope
