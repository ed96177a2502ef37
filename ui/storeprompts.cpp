#include "storeprompts.h"

#include "connectiondialog.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>

// The texts keep the main window's translation context (QCoreApplication::translate, which lupdate
// reads; a tr() wrapper it cannot see).
namespace RagScope::StorePrompts {

void askCreateSchema(QWidget* parent, const StoreLocation& location, std::function<void()> create)
{
    auto* box = new QMessageBox(QMessageBox::Question,
        QCoreApplication::translate("RagScope::MainWindow", "Create a monitoring store?"),
        QCoreApplication::translate(
            "RagScope::MainWindow", "%1 holds no tables. Create RagScope's monitoring tables in it?")
            .arg(location.displayName()),
        QMessageBox::Yes | QMessageBox::No, parent);
    box->setObjectName(QStringLiteral("createSchemaQuestion"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, parent, [create = std::move(create)](int answer) {
        if (answer == QMessageBox::Yes)
            create();
    });
    box->open();
}

std::optional<StoreLocation> askPostgres(
    QWidget* parent, const StoreLocation& prefill, const QString& message)
{
    ConnectionDialog dialog(parent);
    if (!prefill.database.isEmpty() || !prefill.host.isEmpty())
        dialog.setLocation(prefill);
    dialog.setStatus(message);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.location();
}

std::optional<StoreLocation> askSnapshot(QWidget* parent)
{
    const QString path = QFileDialog::getOpenFileName(parent,
        QCoreApplication::translate("RagScope::MainWindow", "Open snapshot"), QString(),
        QCoreApplication::translate(
            "RagScope::MainWindow", "SQLite snapshots (*.sqlite *.sqlite3 *.db);;All files (*)"));
    if (path.isEmpty())
        return std::nullopt;
    StoreLocation location;
    location.sqlitePath = path;
    return location;
}

} // namespace RagScope::StorePrompts
