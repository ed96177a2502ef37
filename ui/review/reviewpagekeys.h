#pragma once

#include <QList>

#include <functional>

class QAction;
class QWidget;

namespace RagScope {

/// What the Review page's own keys do (the form's rating/label keys and the queue bar's keys
/// come from those widgets).
struct ReviewPageKeyHandlers
{
    std::function<void(int delta)> move; ///< j/k, ↓/↑
    std::function<void()> skip; ///< s
    std::function<void()> undo; ///< u
    std::function<void()> showKeys; ///< ? or F1
};

/// The page's navigation keys as actions added to `page`, working wherever the focus is on the
/// page (text fields keep their own keys).
QList<QAction*> addReviewPageKeys(QWidget* page, const ReviewPageKeyHandlers& handlers);

} // namespace RagScope
