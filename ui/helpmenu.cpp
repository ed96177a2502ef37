#include "helpmenu.h"

#include <QApplication>
#include <QMessageBox>

namespace RagScope {

HelpMenu::HelpMenu(QWidget* parent)
    : QMenu(tr("&Help"), parent)
{
    QAction* about = addAction(tr("&About RagScope"), this, [this] {
        QMessageBox::about(parentWidget(), tr("About RagScope"),
            tr("<h3>RagScope %1</h3><p>Cost, latency and answer-quality analytics for the "
               "monitoring store of a RAG chat service.</p>")
                .arg(QApplication::applicationVersion()));
    });
    about->setMenuRole(QAction::AboutRole);
    addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

} // namespace RagScope
