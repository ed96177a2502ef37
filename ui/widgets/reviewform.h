#pragma once

#include "review/reviewtypes.h"

#include <QHash>
#include <QUuid>
#include <QWidget>

class QAction;
class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace RagScope {

/// What a reviewer is about to save for one interaction.
struct ReviewDraft
{
    QUuid interactionId;
    QString reviewer;
    int rating = 0; ///< 0: not chosen yet
    QString label;
    QString comment;
};

/// A reviewer's verdict on the selected interaction: rating 1–5, a label from the configured
/// list, a comment with a live character counter, and the reviewer's name (per store profile). It never loses
/// what was typed: a failed save keeps everything (with the error shown inline), and moving
/// to another interaction keeps the unsaved draft for when the reviewer comes back.
class ReviewForm : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewForm(QWidget* parent = nullptr);

    /// The interaction being reviewed (null: none, the form is disabled).
    void setInteraction(const QUuid& interactionId);
    QUuid interaction() const { return m_interactionId; }
    /// A non-empty reason disables saving and is shown (e.g. the store is read-only).
    void setReadOnlyReason(const QString& reason);

    int rating() const;
    void setRating(int rating);
    QString label() const;
    QString comment() const;
    QString reviewer() const;
    /// Shows the name reviews are saved under (the profile's reviewer, else the database role
    /// or OS user) without emitting reviewerEdited().
    void setReviewer(const QString& reviewer);
    ReviewDraft draft() const;
    /// The inline message (validation error, failed save or read-only reason); empty if none.
    QString message() const;
    /// True when a save may be requested now (input valid, store writable, no save running).
    bool canSave() const;

    /// The actions of the form (ratings 1–5, save) so that a page can offer their shortcuts too.
    QList<QAction*> shortcutActions() const;
    /// Offers `labels` (the team's shared labels) in place of the configured ones; a label
    /// with a shortcut key gets an action that picks it (labelActions(), replaced each time).
    void setLabels(const QList<RagScope::ReviewLabel>& labels);
    QList<QAction*> labelActions() const { return m_labelActions; }
    /// Shows a neutral note in the form's message line (e.g. an undo went through).
    void showNotice(const QString& text);
    QAction* saveAction() const { return m_saveAction; }

public slots:
    /// Validates and, if valid, emits saveRequested(); otherwise shows why inline.
    void save();
    /// The save of `interactionId` succeeded: its draft is cleared.
    void saveSucceeded(const QUuid& interactionId);
    /// The save failed: everything typed stays, the error is shown inline.
    void saveFailed(const QUuid& interactionId, const QString& message);

signals:
    void saveRequested(const RagScope::ReviewDraft& draft);
    /// The reviewer typed another name (to keep for the store's profile).
    void reviewerEdited(const QString& reviewer);

private:
    void setDraft(const ReviewDraft& draft);
    void clearInput();
    void updateState();
    QString validationError() const;

    QUuid m_interactionId;
    QString m_readOnlyReason;
    QString m_saveError;
    bool m_saving = false;
    bool m_reviewerEdited = false; ///< typed since the last setReviewer() or reviewerEdited()
    QHash<QUuid, ReviewDraft> m_drafts; ///< unsaved input of interactions moved away from
    QButtonGroup* m_ratings;
    QComboBox* m_label;
    QPlainTextEdit* m_comment;
    QLabel* m_counter;
    QLineEdit* m_reviewer;
    QLabel* m_message;
    QPushButton* m_saveButton;
    QAction* m_saveAction;
    QList<QAction*> m_ratingActions;
    QList<QAction*> m_labelActions;
};

} // namespace RagScope

Q_DECLARE_METATYPE(RagScope::ReviewDraft)
