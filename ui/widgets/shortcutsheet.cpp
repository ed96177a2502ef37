#include "shortcutsheet.h"

#include <QAction>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace RagScope {

ShortcutSheet::ShortcutSheet(QWidget* parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Review keys"));
    m_table->setHorizontalHeaderLabels({ tr("Keys"), tr("Does") });
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    resize(420, 460);
}

void ShortcutSheet::setActions(const QList<QAction*>& actions)
{
    m_table->setRowCount(0);
    for (const QAction* action : actions) {
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        if (keys.isEmpty())
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(keys.join(tr(" or "))));
        m_table->setItem(row, 1, new QTableWidgetItem(action->text()));
    }
    m_table->resizeColumnToContents(0);
}

QString ShortcutSheet::text() const
{
    QStringList lines;
    for (int row = 0; row < m_table->rowCount(); ++row)
        lines << m_table->item(row, 0)->text() + QStringLiteral(" — ") + m_table->item(row, 1)->text();
    return lines.join(QLatin1Char('\n'));
}

} // namespace RagScope
