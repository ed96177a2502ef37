#include "interactiondetailview.h"
#include "i18n/localetime.h"

#include "appearance/semanticcolors.h"
#include "money/costdisplay.h"
#include "reviewsettings.h"

#include <QEvent>
#include <QLocale>

namespace RagScope {

namespace {

QString escaped(const QString& text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString fieldRow(const QString& name, const QString& value, const QColor& secondary)
{
    return QStringLiteral("<tr><td style='padding-right:12px; color:%1'>").arg(secondary.name())
        + escaped(name) + QStringLiteral("</td><td>") + escaped(value) + QStringLiteral("</td></tr>");
}

QString heading(const QString& text)
{
    return QStringLiteral("<h4 style='margin-top:10px; margin-bottom:4px'>") + escaped(text)
        + QStringLiteral("</h4>");
}

QString paragraph(const QString& text)
{
    return QStringLiteral("<p style='margin-top:0'>") + escaped(text) + QStringLiteral("</p>");
}

} // namespace

InteractionDetailView::InteractionDetailView(QWidget* parent)
    : QTextBrowser(parent)
{
    setAccessibleName(tr("Interaction detail"));
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
}

void InteractionDetailView::setDetail(const InteractionDetail& detail)
{
    m_interactionId = detail.id;
    m_detail = detail;
    m_message.clear();
    render();
}

void InteractionDetailView::setMessage(const QString& message)
{
    m_interactionId = QUuid();
    m_detail.reset();
    m_message = message;
    render();
}

QColor InteractionDetailView::secondaryColor() const
{
    return SemanticColors::text(SemanticColors::Role::Secondary, palette());
}

void InteractionDetailView::changeEvent(QEvent* event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // the HTML carries the secondary colour
        render();
}

void InteractionDetailView::render()
{
    if (m_detail)
        renderDetail(*m_detail);
    else
        setHtml(QStringLiteral("<p style='color:%1'>").arg(secondaryColor().name()) + escaped(m_message)
            + QStringLiteral("</p>"));
}

void InteractionDetailView::renderDetail(const InteractionDetail& detail)
{
    const QColor secondary = secondaryColor();
    const auto row = [&secondary](const QString& name, const QString& value) {
        return fieldRow(name, value, secondary);
    };
    const QLocale locale;
    const auto ms = [&](const std::optional<double>& value) -> QString {
        return value ? tr("%1 ms").arg(locale.toString(*value, 'f', 0)) : tr("unknown");
    };
    const auto count = [&](const std::optional<qint64>& value) -> QString {
        return value ? locale.toString(*value) : tr("unknown");
    };
    const auto time = [](const QDateTime& at) -> QString {
        return LocaleTime::dateTime(at, QLocale(), true) + QStringLiteral(" UTC");
    };

    QString html
        = heading(tr("Query")) + paragraph(detail.query) + heading(tr("Answer")) + paragraph(detail.answer);

    html += heading(tr("Metrics")) + QStringLiteral("<table>");
    html += row(tr("Time"), time(detail.createdAt));
    html += row(tr("User"), detail.userId);
    html += row(tr("Model"), detail.model.value_or(tr("unknown")));
    html += row(
        tr("Confidence"), detail.confidence ? locale.toString(*detail.confidence, 'f', 3) : tr("unknown"));
    html += row(tr("Citations"), locale.toString(detail.citations));
    html += row(tr("Total latency"), ms(detail.totalLatencyMs));
    html += row(tr("Retrieval latency"), ms(detail.retrievalLatencyMs));
    html += row(tr("Generation latency"), ms(detail.generationLatencyMs));
    html += row(tr("Tokens (in / out / total)"),
        tr("%1 / %2 / %3")
            .arg(count(detail.promptTokens), count(detail.completionTokens), count(detail.totalTokens)));
    html += row(tr("Cost"), CostDisplay::amount(detail.cost, CostDisplay::Style::DollarsAllPlaces));
    html += QStringLiteral("</table>");

    html += heading(tr("End user's feedback"));
    if (detail.feedback) {
        html += QStringLiteral("<table>") + row(tr("Rating"), tr("%1 of 5").arg(detail.feedback->rating))
            + row(tr("Given"), time(detail.feedback->createdAt)) + QStringLiteral("</table>");
        if (!detail.feedback->comment.isEmpty())
            html += paragraph(detail.feedback->comment);
    } else {
        html += paragraph(tr("No feedback from the user."));
    }

    html += heading(tr("Reviews"));
    if (detail.latestReviews.isEmpty())
        html += paragraph(tr("Not reviewed yet."));
    for (const Review& review : detail.latestReviews) {
        QString line = tr("%1 rated %2 of 5 on %3")
                           .arg(review.reviewer)
                           .arg(review.rating)
                           .arg(time(review.createdAt));
        if (!review.label.isEmpty())
            line += tr(" — %1").arg(ReviewSettings::displayLabel(review.label));
        html += paragraph(line);
        if (!review.comment.isEmpty())
            html
                += QStringLiteral("<blockquote>") + escaped(review.comment) + QStringLiteral("</blockquote>");
    }
    setHtml(html);
}

} // namespace RagScope
