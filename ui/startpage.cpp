#include "startpage.h"

#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace RagScope {

StartPage::StartPage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
    , m_recentTitle(new QLabel(tr("Recent stores"), this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    auto* title = new QLabel(tr("RagScope"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* subtitle = new QLabel(tr("Cost, latency and answer quality of your RAG chat service."), this);
    subtitle->setForegroundRole(QPalette::PlaceholderText);
    subtitle->setWordWrap(true);

    QFont bold = m_recentTitle->font();
    bold.setBold(true);
    m_recentTitle->setFont(bold);
    m_recent->setAccessibleName(tr("Recent stores"));
    m_recent->setToolTip(tr("Double-click or press Enter to open"));

    auto* postgres = new QPushButton(tr("Open &PostgreSQL…"), this);
    auto* snapshot = new QPushButton(tr("Open &snapshot…"), this);
    auto* demo = new QPushButton(tr("Open &demo store"), this);
    snapshot->setToolTip(tr("A .sqlite file exported with ragscope-cli"));
    demo->setToolTip(tr("Generated sample data, made on first use"));

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->hide();

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(postgres);
    buttons->addWidget(snapshot);
    buttons->addWidget(demo);
    buttons->addStretch();

    // A readable column in the middle of the window, whatever its width.
    auto* column = new QVBoxLayout;
    column->addSpacing(fontMetrics().height() * 3);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(fontMetrics().height());
    column->addLayout(buttons);
    column->addWidget(m_status);
    column->addWidget(m_progress);
    column->addSpacing(fontMetrics().height());
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent, 3);
    column->addStretch(1); // keeps the column together while the list is hidden

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);

    connect(postgres, &QPushButton::clicked, this, &StartPage::openPostgresRequested);
    connect(snapshot, &QPushButton::clicked, this, &StartPage::openSnapshotRequested);
    connect(demo, &QPushButton::clicked, this, &StartPage::openDemoRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
        [this](QListWidgetItem* item) { emit openRecentRequested(item->text()); });
    setRecentStores({});
}

void StartPage::setRecentStores(const QStringList& urls)
{
    m_recent->clear();
    m_recent->addItems(urls);
    m_recent->setVisible(!urls.isEmpty());
    m_recentTitle->setText(urls.isEmpty() ? tr("No recent stores yet.") : tr("Recent stores"));
}

void StartPage::setStatus(const QString& message)
{
    m_status->setText(message);
}

QString StartPage::status() const
{
    return m_status->text();
}

void StartPage::setProgress(qint64 done, qint64 total)
{
    m_progress->setVisible(total >= 0);
    if (total <= 0) {
        m_progress->setRange(0, 0);
        return;
    }
    // QProgressBar counts in int; per mille keeps big totals exact enough.
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(done * 1000 / total));
}

} // namespace RagScope
