#include "exportrunpanel.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace RagScope {

ExportRunPanel::ExportRunPanel(QDialog* dialog, QFutureWatcherBase* watcher)
    : QWidget(dialog)
    , m_watcher(watcher)
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("&Export"), this))
    , m_cancel(new QPushButton(tr("Close"), this))
{
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Export progress"));
    m_status->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    m_export->setDefault(true);

    connect(m_export, &QPushButton::clicked, this, &ExportRunPanel::exportRequested);
    connect(m_cancel, &QPushButton::clicked, this, [this, dialog] {
        if (m_watcher->isRunning()) {
            m_status->setText(tr("Cancelling…"));
            m_watcher->cancel();
        } else {
            dialog->reject();
        }
    });
    connect(m_watcher, &QFutureWatcherBase::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
}

void ExportRunPanel::begin(const QString& status)
{
    m_export->setEnabled(false);
    m_cancel->setText(tr("Cancel"));
    m_progress->setRange(0, 0);
    m_status->setText(status);
}

void ExportRunPanel::end(bool written, const QString& status)
{
    m_export->setEnabled(true);
    m_cancel->setText(tr("Close"));
    m_progress->setRange(0, 1);
    m_progress->setValue(written ? 1 : 0);
    m_status->setText(status);
}

} // namespace RagScope
