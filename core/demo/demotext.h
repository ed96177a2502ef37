#pragma once

#include <QString>
#include <QStringList>

namespace RagScope::DemoText {

/// Query topics of an enterprise help-desk assistant, with a matching answer opening.
struct Topic
{
    const char* query;
    const char* answer;
};
const QList<Topic>& topics();
/// Short end-user comments by sentiment (index 0: rating 1 … index 4: rating 5).
const QStringList& commentsForRating(int rating);
/// User ids: first names with a team suffix, enough for a long tail.
QStringList userIds(int count);

} // namespace RagScope::DemoText
