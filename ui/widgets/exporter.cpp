#include "exporter.h"

#include "csvexportjob.h"
#include "export/csvfile.h"
#include "export/reviewqueuecsv.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QMessageBox>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

namespace RagScope::Exporter {

namespace {

const QString LastDirKey = QStringLiteral("export/lastDir");
const QString ByteOrderMarkKey = QStringLiteral("export/csvByteOrderMark");

QString startPath(const QString& suggestedName)
{
    const QString dir
        = QSettings()
              .value(LastDirKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    return dir + QLatin1Char('/') + suggestedName;
}

void rememberDir(const QString& path)
{
    if (!path.isEmpty())
        QSettings().setValue(LastDirKey, QFileInfo(path).absolutePath());
}

QString askPath(QWidget* parent, const QString& suggestedName, const QString& filter)
{
    const QString path
        = QFileDialog::getSaveFileName(parent, QObject::tr("Export"), startPath(suggestedName), filter);
    rememberDir(path);
    return path;
}

} // namespace

QString saveWidgetPng(QWidget* widget, const QString& path)
{
    const QPixmap pixmap = widget->grab();
    if (pixmap.isNull() || !pixmap.save(path, "PNG"))
        return QObject::tr("Could not write %1").arg(path);
    return {};
}

void exportWidgetPng(QWidget* widget, const QString& suggestedName)
{
    const QString path = askPath(widget, suggestedName, QObject::tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    const QString error = saveWidgetPng(widget, path);
    if (!error.isEmpty())
        QMessageBox::warning(widget, QObject::tr("Export failed"), error);
}

QString askCsvPath(QWidget* parent, const QString& suggestedName, CsvOptions* options)
{
    // Qt's own dialog, because a native one cannot hold the extra check box.
    QFileDialog dialog(
        parent, QObject::tr("Export CSV"), startPath(suggestedName), QObject::tr("CSV file (*.csv)"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("csv"));
    auto* bom = new QCheckBox(QObject::tr("Start with a byte order mark (for Excel)"), &dialog);
    bom->setObjectName(QStringLiteral("byteOrderMark"));
    bom->setToolTip(QObject::tr("Excel needs it to read UTF-8 text; other programs do not."));
    bom->setChecked(QSettings().value(ByteOrderMarkKey, false).toBool());
    if (auto* grid = qobject_cast<QGridLayout*>(dialog.layout()))
        grid->addWidget(bom, grid->rowCount(), 0, 1, grid->columnCount());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    QSettings().setValue(ByteOrderMarkKey, bom->isChecked());
    options->byteOrderMark = bom->isChecked();
    const QString path = dialog.selectedFiles().constFirst();
    rememberDir(path);
    return path;
}

void exportTableCsv(QWidget* parent, const CsvTable& table, const QString& suggestedName)
{
    CsvOptions options;
    const QString path = askCsvPath(parent, suggestedName, &options);
    if (path.isEmpty())
        return;
    const auto written = CsvFile::write(path, options, table);
    if (!written.ok())
        QMessageBox::warning(parent, QObject::tr("Export failed"), written.error().message);
}

CsvExportJob* exportReviewQueueCsv(
    QWidget* parent, StorePtr store, const ReviewQueueQuery& query, const QString& suggestedName)
{
    if (!store)
        return nullptr;
    CsvOptions options;
    const QString path = askCsvPath(parent, suggestedName, &options);
    if (path.isEmpty())
        return nullptr;
    return new CsvExportJob(
        [store = std::move(store), query, path, options](const CsvExportControl& control) {
            return ReviewQueueCsv(store).exportTo(path, query, options, control);
        },
        path, parent);
}

} // namespace RagScope::Exporter
