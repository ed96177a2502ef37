#include "reviewpagekeys.h"

#include <QAction>
#include <QCoreApplication>
#include <QWidget>

namespace RagScope {

// The texts keep the Review page's translation context (lupdate reads translate() calls, not a
// wrapper's).
QList<QAction*> addReviewPageKeys(QWidget* page, const ReviewPageKeyHandlers& handlers)
{
    auto* previous
        = new QAction(QCoreApplication::translate("RagScope::ReviewPage", "Previous interaction"), page);
    previous->setShortcuts({ QKeySequence(Qt::Key_K), QKeySequence(Qt::Key_Up) });
    QObject::connect(previous, &QAction::triggered, page, [move = handlers.move] { move(-1); });
    auto* next = new QAction(QCoreApplication::translate("RagScope::ReviewPage", "Next interaction"), page);
    next->setShortcuts({ QKeySequence(Qt::Key_J), QKeySequence(Qt::Key_Down) });
    QObject::connect(next, &QAction::triggered, page, [move = handlers.move] { move(1); });
    auto* skip = new QAction(
        QCoreApplication::translate("RagScope::ReviewPage", "Skip to the next interaction without saving"),
        page);
    skip->setShortcut(Qt::Key_S);
    QObject::connect(skip, &QAction::triggered, page, handlers.skip);
    auto* undo = new QAction(QCoreApplication::translate("RagScope::ReviewPage",
                                 "Undo your last save on this interaction (within a minute)"),
        page);
    undo->setObjectName(QStringLiteral("undoReview"));
    undo->setShortcut(Qt::Key_U);
    QObject::connect(undo, &QAction::triggered, page, handlers.undo);
    auto* keys = new QAction(QCoreApplication::translate("RagScope::ReviewPage", "Show these keys"), page);
    keys->setShortcuts({ QKeySequence(Qt::Key_Question), QKeySequence(QKeySequence::HelpContents) });
    QObject::connect(keys, &QAction::triggered, page, handlers.showKeys);
    const QList<QAction*> actions { previous, next, skip, undo, keys };
    for (QAction* action : actions) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        page->addAction(action);
    }
    return actions;
}

} // namespace RagScope
