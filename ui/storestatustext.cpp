#include "storestatustext.h"

#include <QCoreApplication>

namespace RagScope {

// The main window's own strings: its translation context, RagScope::MainWindow.
StoreStatusText StoreStatusText::of(const StorePtr& store)
{
    if (!store)
        return { QCoreApplication::translate("RagScope::MainWindow", "RagScope"),
            QCoreApplication::translate("RagScope::MainWindow", "No store open"), QString() };
    const QString name = store->location().displayName();
    const StorePtr writer = store->writer(); // a read replica's primary, or the store itself
    StoreStatusText text;
    text.windowTitle = writer->isReadOnly()
        ? QCoreApplication::translate("RagScope::MainWindow", "%1 (read-only) — RagScope").arg(name)
        : QCoreApplication::translate("RagScope::MainWindow", "%1 — RagScope").arg(name);
    text.store = writer == store
        ? QCoreApplication::translate("RagScope::MainWindow", "Store: %1").arg(name)
        : QCoreApplication::translate("RagScope::MainWindow", "Store: %1, writes to %2")
              .arg(name, writer->location().displayName());
    text.access = writer->isReadOnly()
        ? QCoreApplication::translate("RagScope::MainWindow", "Read-only: %1").arg(writer->readOnlyReason())
        : QCoreApplication::translate("RagScope::MainWindow", "Read-write");
    return text;
}

} // namespace RagScope
