#pragma once

#include "money/money.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <optional>

namespace RagScope {

/// An end user's rating of one interaction (chat_feedbacks; one per interaction).
struct Feedback
{
    QUuid id;
    QUuid interactionId;
    int rating = 0;
    QString comment;
    QDateTime createdAt;
};

/// A quality reviewer's verdict (ragscope_reviews; every save kept as history).
struct Review
{
    QUuid id;
    QUuid interactionId;
    QString reviewer;
    int rating = 0;
    QString label;
    QString comment;
    QDateTime createdAt;
    QUuid queueId; ///< the saved queue it was made in (null: none)
    bool adjudication = false; ///< an adjudicator's final verdict rather than a reviewer's
};

/// One row of a review queue (what a table needs; the long texts are cut to a preview).
struct InteractionSummary
{
    QUuid id;
    QDateTime createdAt;
    QString userId;
    QString queryPreview; ///< first 200 characters of the query
    QString answerPreview; ///< first 200 characters of the answer
    std::optional<double> confidence;
    std::optional<QString> model;
    std::optional<double> totalLatencyMs;
    std::optional<Money> cost;
    std::optional<int> userRating; ///< the end user's rating, if any
    std::optional<int> reviewerRating; ///< the newest review's rating, if any
    QString reviewerLabel; ///< the newest review's label
};

/// Everything about one interaction, for a detail pane.
struct InteractionDetail
{
    QUuid id;
    QDateTime createdAt;
    QString userId;
    QString query;
    QString answer;
    std::optional<double> confidence;
    int citations = 0;
    std::optional<double> totalLatencyMs, retrievalLatencyMs, generationLatencyMs;
    std::optional<qint64> promptTokens, completionTokens, totalTokens;
    std::optional<QString> model;
    std::optional<Money> cost;
    std::optional<Feedback> feedback; ///< the end user's (read-only for reviewers)
    QList<Review> latestReviews; ///< newest per reviewer, newest first
};

/// A page of a keyset-paged list; nextCursor is empty at the end.
template <typename T> struct Page
{
    QList<T> rows;
    QString nextCursor;
    bool atEnd() const { return nextCursor.isEmpty(); }
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::Feedback)
Q_DECLARE_METATYPE(RagScope::Review)
Q_DECLARE_METATYPE(RagScope::InteractionSummary)
Q_DECLARE_METATYPE(RagScope::InteractionDetail)
