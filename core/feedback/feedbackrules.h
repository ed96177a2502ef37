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

/// Number of characters as the contract counts them (surrogate pairs count once).
int characterCount(const QString& text);
Status validateRating(int rating);
Status validateComment(const QString& comment);
/// A canonical UUID ("8-4-4-4-12" hex, braces optional) or an InvalidInput error.
Result<QUuid> parseInteractionId(const QString& text);
} // namespace FeedbackRules

} // namespace RagScope
