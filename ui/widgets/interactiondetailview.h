#pragma once

#include "feedback/feedbacktypes.h"

#include <QTextBrowser>

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

private:
    QUuid m_interactionId;
};

} // namespace RagScope
