#include "reviewform.h"

#include "appearance/semantictint.h"
#include "feedback/feedbackrules.h"
#include "review/revieweridentity.h"
#include "reviewsettings.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>

namespace RagScope {

ReviewForm::ReviewForm(QWidget* parent)
    : QWidget(parent)
    , m_ratings(new QButtonGroup(this))
    , m_label(new QComboBox(this))
    , m_comment(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
    , m_reviewer(new QLineEdit(ReviewerIdentity::osUser(), this))
    , m_message(new QLabel(this))
    , m_saveButton(new QPushButton(tr("Save review"), this))
    , m_saveAction(new QAction(tr("Save review"), this))
{
    auto* ratingRow = new QHBoxLayout;
    ratingRow->setSpacing(4);
    for (int rating = FeedbackRules::MinRating; rating <= FeedbackRules::MaxRating; ++rating) {
        auto* button = new QToolButton(this);
        button->setText(QString::number(rating));
        button->setCheckable(true);
        button->setMinimumWidth(32);
        button->setAccessibleName(tr("Rating %1").arg(rating));
        button->setToolTip(tr("Rate %1 (key %1)").arg(rating));
        m_ratings->addButton(button, rating);
        ratingRow->addWidget(button);

        auto* action = new QAction(tr("Rate %1").arg(rating), this);
        action->setShortcut(QKeySequence(Qt::Key_1 + (rating - 1)));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, [this, rating] { setRating(rating); });
        m_ratingActions << action;
    }
    ratingRow->addStretch();
    m_ratings->setExclusive(true);
    connect(m_ratings, &QButtonGroup::idToggled, this, [this] {
        m_saveError.clear();
        updateState();
    });

    m_label->setAccessibleName(tr("Label"));
    m_label->addItem(tr("No label"), QString());
    const QStringList labels = ReviewSettings::labels();
    for (const QString& label : labels)
        m_label->addItem(ReviewSettings::displayLabel(label), label);
    connect(m_label, &QComboBox::currentIndexChanged, this, [this] {
        m_saveError.clear();
        updateState();
    });

    m_comment->setAccessibleName(tr("Comment"));
    m_comment->setPlaceholderText(tr("What is wrong or right with this answer?"));
    m_comment->setTabChangesFocus(true);
    connect(m_comment, &QPlainTextEdit::textChanged, this, [this] {
        m_saveError.clear();
        updateState();
    });
    m_counter->setAlignment(Qt::AlignRight);
    m_counter->setAccessibleName(tr("Comment length"));

    m_reviewer->setAccessibleName(tr("Reviewer"));
    m_reviewer->setPlaceholderText(tr("Your name, saved with every review"));
    m_reviewer->setMaxLength(255);
    connect(m_reviewer, &QLineEdit::textChanged, this, &ReviewForm::updateState);
    connect(m_reviewer, &QLineEdit::textEdited, this, [this] { m_reviewerEdited = true; });
    connect(m_reviewer, &QLineEdit::editingFinished, this, [this] {
        if (std::exchange(m_reviewerEdited, false))
            emit reviewerEdited(reviewer());
    });

    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Review status"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_saveAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_saveAction, &QAction::triggered, this, &ReviewForm::save);
    m_saveButton->setAccessibleName(tr("Save review"));
    m_saveButton->setToolTip(
        tr("Save review (%1)").arg(m_saveAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_saveButton, &QPushButton::clicked, this, &ReviewForm::save);
    addActions(shortcutActions());

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(m_saveButton, 0, Qt::AlignTop);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Rating"), ratingRow);
    form->addRow(tr("Label"), m_label);
    form->addRow(tr("Comment"), m_comment);
    form->addRow(QString(), m_counter);
    form->addRow(tr("Reviewer"), m_reviewer);
    form->addRow(buttons);

    updateState();
}

void ReviewForm::setInteraction(const QUuid& interactionId)
{
    if (interactionId == m_interactionId)
        return;
    const ReviewDraft current = draft();
    if (!m_interactionId.isNull()
        && (current.rating != 0 || !current.label.isEmpty() || !current.comment.isEmpty()))
        m_drafts.insert(m_interactionId, current);
    m_interactionId = interactionId;
    m_saveError.clear();
    setDraft(m_drafts.take(interactionId));
}

void ReviewForm::setReadOnlyReason(const QString& reason)
{
    m_readOnlyReason = reason;
    updateState();
}

int ReviewForm::rating() const
{
    return qMax(0, m_ratings->checkedId());
}

void ReviewForm::setRating(int rating)
{
    if (QAbstractButton* button = m_ratings->button(rating))
        button->setChecked(true);
}

QString ReviewForm::label() const
{
    return m_label->currentData().toString();
}

QString ReviewForm::comment() const
{
    return m_comment->toPlainText();
}

QString ReviewForm::reviewer() const
{
    return m_reviewer->text().trimmed();
}

void ReviewForm::setReviewer(const QString& reviewer)
{
    m_reviewerEdited = false;
    m_reviewer->setText(reviewer);
}

ReviewDraft ReviewForm::draft() const
{
    return ReviewDraft { m_interactionId, reviewer(), rating(), label(), comment() };
}

QString ReviewForm::message() const
{
    return m_message->text();
}

bool ReviewForm::canSave() const
{
    return !m_interactionId.isNull() && m_readOnlyReason.isEmpty() && !m_saving
        && FeedbackRules::characterCount(comment()) <= FeedbackRules::MaxCommentCharacters;
}

QList<QAction*> ReviewForm::shortcutActions() const
{
    return QList<QAction*>(m_ratingActions) << m_saveAction;
}

void ReviewForm::setLabels(const QList<ReviewLabel>& labels)
{
    const QString current = label();
    {
        const QSignalBlocker blocker(m_label);
        m_label->clear();
        m_label->addItem(tr("No label"), QString());
        for (const ReviewLabel& l : labels) {
            const QString text = l.shortcutKey.isEmpty()
                ? ReviewSettings::displayLabel(l.name)
                : tr("%1 (%2)").arg(ReviewSettings::displayLabel(l.name), l.shortcutKey);
            m_label->addItem(text, l.name);
            m_label->setItemData(m_label->count() - 1, l.description, Qt::ToolTipRole);
        }
        m_label->setCurrentIndex(qMax(0, m_label->findData(current)));
    }
    qDeleteAll(m_labelActions); // a deleted action leaves every widget it was added to
    m_labelActions.clear();
    for (const ReviewLabel& l : labels) {
        if (l.shortcutKey.isEmpty())
            continue;
        auto* action = new QAction(tr("Label: %1").arg(ReviewSettings::displayLabel(l.name)), this);
        action->setShortcut(QKeySequence(l.shortcutKey));
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setEnabled(!m_interactionId.isNull());
        connect(action, &QAction::triggered, this,
            [this, name = l.name] { m_label->setCurrentIndex(qMax(0, m_label->findData(name))); });
        m_labelActions << action;
    }
    addActions(m_labelActions);
}

void ReviewForm::showNotice(const QString& text)
{
    m_saveError.clear();
    updateState();
    SemanticTint::clear(m_message);
    m_message->setText(text);
}

void ReviewForm::save()
{
    if (!canSave() || !validationError().isEmpty()) {
        m_saveError = m_readOnlyReason.isEmpty() ? validationError() : QString();
        updateState();
        return;
    }
    m_saving = true;
    m_saveError.clear();
    updateState();
    emit saveRequested(draft());
}

void ReviewForm::saveSucceeded(const QUuid& interactionId)
{
    m_saving = false;
    m_drafts.remove(interactionId);
    if (interactionId == m_interactionId)
        clearInput();
    updateState();
    SemanticTint::clear(m_message);
    m_message->setText(tr("Review saved."));
}

void ReviewForm::saveFailed(const QUuid& interactionId, const QString& message)
{
    m_saving = false;
    if (interactionId == m_interactionId)
        m_saveError = message;
    updateState();
}

void ReviewForm::setDraft(const ReviewDraft& draft)
{
    m_ratings->setExclusive(false);
    for (QAbstractButton* button : m_ratings->buttons())
        button->setChecked(m_ratings->id(button) == draft.rating);
    m_ratings->setExclusive(true);
    const int labelIndex = m_label->findData(draft.label);
    if (labelIndex < 0 && !draft.label.isEmpty())
        m_label->addItem(ReviewSettings::displayLabel(draft.label), draft.label);
    m_label->setCurrentIndex(qMax(0, m_label->findData(draft.label)));
    m_comment->setPlainText(draft.comment);
    m_saveError.clear();
    updateState();
}

void ReviewForm::clearInput()
{
    setDraft(ReviewDraft { m_interactionId, {}, 0, {}, {} });
}

QString ReviewForm::validationError() const
{
    if (m_interactionId.isNull())
        return tr("Select an interaction to review.");
    if (rating() == 0)
        return tr("Choose a rating from 1 to 5.");
    const int characters = FeedbackRules::characterCount(comment());
    if (characters > FeedbackRules::MaxCommentCharacters)
        return tr("The comment has %1 characters; at most %2 are allowed.")
            .arg(characters)
            .arg(FeedbackRules::MaxCommentCharacters);
    if (reviewer().isEmpty())
        return tr("Enter a reviewer name.");
    return {};
}

void ReviewForm::updateState()
{
    const bool hasInteraction = !m_interactionId.isNull();
    const int characters = FeedbackRules::characterCount(comment());
    const bool tooLong = characters > FeedbackRules::MaxCommentCharacters;
    m_counter->setText(tr("%1 / %2").arg(characters).arg(FeedbackRules::MaxCommentCharacters));
    if (tooLong)
        SemanticTint::set(m_counter, SemanticColors::Role::Error);
    else
        SemanticTint::clear(m_counter);

    QString error = m_readOnlyReason;
    if (error.isEmpty())
        error = m_saveError;
    if (error.isEmpty() && tooLong)
        error = validationError();
    if (error.isEmpty())
        SemanticTint::clear(m_message);
    else
        SemanticTint::set(m_message, SemanticColors::Role::Error);
    m_message->setText(!error.isEmpty() ? error
            : m_saving                  ? tr("Saving…")
            : hasInteraction            ? QString()
                                        : tr("Select an interaction to review."));

    for (QAbstractButton* button : m_ratings->buttons())
        button->setEnabled(hasInteraction);
    for (QAction* action : std::as_const(m_ratingActions) + m_labelActions)
        action->setEnabled(hasInteraction);
    m_label->setEnabled(hasInteraction);
    m_comment->setEnabled(hasInteraction);
    m_saveAction->setEnabled(hasInteraction && m_readOnlyReason.isEmpty() && !m_saving);
    m_saveButton->setEnabled(canSave());
}

} // namespace RagScope
