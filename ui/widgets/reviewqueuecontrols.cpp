#include "reviewqueuecontrols.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>

namespace RagScope {

ReviewQueueControls::ReviewQueueControls(QWidget* parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_unreviewed(new QCheckBox(tr("Not yet reviewed"), this))
    , m_drillLabel(new QLabel(this))
    , m_clearDrill(new QToolButton(this))
    , m_status(new QLabel(this))
{
    using Kind = ReviewQueueQuery::Kind;
    m_kind->setAccessibleName(tr("Show"));
    m_kind->addItem(tr("Low-rated and low-confidence"), int(Kind::Either));
    m_kind->addItem(tr("Low-rated (rating ≤ 2)"), int(Kind::LowRated));
    m_kind->addItem(tr("Low-confidence (< 0.6)"), int(Kind::LowConfidence));
    m_kind->addItem(tr("All answers"), int(Kind::All));
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ReviewQueueControls::emitChanged);

    m_search->setPlaceholderText(tr("Search query and answer"));
    m_search->setAccessibleName(tr("Search"));
    m_search->setClearButtonEnabled(true);
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(SearchDebounceMs);
    connect(m_search, &QLineEdit::textChanged, &m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &ReviewQueueControls::emitChanged);
    connect(&m_searchDebounce, &QTimer::timeout, this, &ReviewQueueControls::emitChanged);
    auto* find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);

    m_unreviewed->setAccessibleName(tr("Not yet reviewed"));
    connect(m_unreviewed, &QCheckBox::toggled, this, &ReviewQueueControls::emitChanged);

    m_drillLabel->setAccessibleName(tr("Drill-down"));
    m_clearDrill->setText(tr("Show all"));
    m_clearDrill->setAccessibleName(tr("Clear drill-down"));
    connect(m_clearDrill, &QToolButton::clicked, this, [this] {
        m_drillRating.reset();
        m_drillBucket.reset();
        m_drillReviewLabel.clear();
        m_drillWindowOn = ReviewQueueQuery::WindowOn::Interaction;
        updateDrillDown();
        emitChanged();
    });
    m_status->setAccessibleName(tr("Rows loaded"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Show"), this));
    layout->addWidget(m_kind);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_unreviewed);
    layout->addWidget(m_drillLabel);
    layout->addWidget(m_clearDrill);
    layout->addSpacing(8);
    layout->addWidget(m_status);
    updateDrillDown();
}

void ReviewQueueControls::applyTo(ReviewQueueQuery& query) const
{
    query.kind = ReviewQueueQuery::Kind(m_kind->currentData().toInt());
    query.search = m_search->text().trimmed();
    query.unreviewedOnly = m_unreviewed->isChecked();
    query.userRating = m_drillRating;
    query.confidenceBucket = m_drillBucket;
    query.label = m_drillReviewLabel;
    query.windowOn = m_drillWindowOn;
}

void ReviewQueueControls::setQuery(const ReviewQueueQuery& query)
{
    const QSignalBlocker kindBlocker(m_kind);
    const QSignalBlocker searchBlocker(m_search);
    const QSignalBlocker reviewedBlocker(m_unreviewed);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(int(query.kind))));
    m_search->setText(query.search);
    m_unreviewed->setChecked(query.unreviewedOnly);
    m_searchDebounce.stop();
    m_drillRating = query.userRating;
    m_drillBucket = query.confidenceBucket;
    m_drillReviewLabel = query.label;
    m_drillWindowOn = query.windowOn;
    updateDrillDown();
}

void ReviewQueueControls::setStatus(const QString& status)
{
    m_status->setText(status);
}

void ReviewQueueControls::updateDrillDown()
{
    const QLocale locale;
    QStringList parts;
    if (m_drillRating)
        parts << (m_drillWindowOn == ReviewQueueQuery::WindowOn::Feedback
                ? tr("user rating %1 given in the window").arg(*m_drillRating)
                : tr("user rating %1").arg(*m_drillRating));
    if (m_drillBucket == ReviewQueueQuery::NoScoreBucket)
        parts << tr("no confidence score");
    else if (m_drillBucket)
        parts << tr("confidence %1–%2")
                     .arg(locale.toString(*m_drillBucket / 10.0, 'f', 1),
                         locale.toString((*m_drillBucket + 1) / 10.0, 'f', 1));
    if (!m_drillReviewLabel.isEmpty())
        parts << tr("reviewer label \"%1\"").arg(m_drillReviewLabel);
    m_drillLabel->setText(parts.isEmpty() ? QString() : tr("Only %1").arg(parts.join(tr(", "))));
    m_drillLabel->setVisible(!parts.isEmpty());
    m_clearDrill->setVisible(!parts.isEmpty());
}

void ReviewQueueControls::emitChanged()
{
    m_searchDebounce.stop();
    emit changed();
}

} // namespace RagScope
