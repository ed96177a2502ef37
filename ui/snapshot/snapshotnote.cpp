#include "snapshotnote.h"

#include "jobs/dbthreadpool.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace RagScope {

SnapshotNote::SnapshotNote(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Snapshot"));
    setFrameShape(QFrame::StyledPanel);
    setMargin(fontMetrics().height() / 4);
    hide();
}

void SnapshotNote::setStore(const StorePtr& store)
{
    const quint64 request = ++m_request;
    m_info.reset();
    refresh();
    if (!store || store->dialect() != Dialect::Sqlite) {
        emit updated();
        return;
    }
    QPointer<SnapshotNote> self(this);
    QtConcurrent::run(dbThreadPool(), [store] {
        return SnapshotInfo::read(*store);
    }).then(this, [self, request](const Result<std::optional<SnapshotInfo>>& info) {
        if (!self || request != self->m_request)
            return; // another store was opened meanwhile
        if (info.ok())
            self->m_info = info.value();
        self->refresh();
        emit self->updated();
    });
}

void SnapshotNote::setFilter(const Filter& filter)
{
    m_filter = filter;
    refresh();
}

void SnapshotNote::refresh()
{
    if (!m_info) {
        clear();
        hide();
        return;
    }
    QString text = m_info->describe();
    if (m_filter) {
        if (const QString note = m_info->coverageNote(*m_filter); !note.isEmpty())
            text += QLatin1Char('\n') + note;
    }
    setText(text);
    show();
}

} // namespace RagScope
