#pragma once

#include "feedback/feedbacktypes.h"

#include <QTextBrowser>

#include <optional>

namespace RagScope {

/// Everything about one interaction, read-only: the full query and answer, its metrics and
/// cost, the end user's own feedback, and the latest review of each reviewer.
class InteractionDetailView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit InteractionDetailView(QWidget* parent = nullptr);

    void setDetail(const InteractionDetail& detail);
    /// Shows a short message instead of a detail (nothing selected, loading failed…).
    void setMessage(const QString& message);
    /// The interaction shown (null: none).
    QUuid interaction() const { return m_interactionId; }
    /// The colour of field names and messages: the palette's readable secondary text.
    QColor secondaryColor() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Builds the HTML again (also on a palette change).
    void render();
    void renderDetail(const InteractionDetail& detail);

    QUuid m_interactionId;
    std::optional<InteractionDetail> m_detail; ///< none: m_message is shown
    QString m_message;
};

} // namespace RagScope
