#include "exporter.h"

#include "csvexportjob.h"
#include "export/csvfile.h"
#include "export/reviewqueuecsv.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

namespace RagScope::Exporter {

namespace {

const QString LastDirKey = QStringLiteral("export/lastDir");
const QString ByteOrderMarkKey = QStringLiteral("export/csvByteOrderMark");
const QString ImageScaleKey = QStringLiteral("export/imageScale");

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

} // namespace

QString askImagePath(QWidget* parent, const QString& suggestedName, int* scale)
{
    // Qt's own dialog, because a native one cannot hold the resolution choice.
    QFileDialog dialog(parent, QObject::tr("Save image"), startPath(suggestedName),
        QObject::tr("PNG image (*.png)") + QStringLiteral(";;") + QObject::tr("SVG image (*.svg)"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("png"));
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString& filter) {
        dialog.setDefaultSuffix(
            filter.contains(QStringLiteral("*.svg")) ? QStringLiteral("svg") : QStringLiteral("png"));
    });
    auto* resolution = new QComboBox(&dialog);
    resolution->setObjectName(QStringLiteral("imageScale"));
    resolution->setAccessibleName(QObject::tr("Resolution"));
    resolution->addItem(QObject::tr("1× (screen size)"), 1);
    resolution->addItem(QObject::tr("2× (sharp on high-density screens and in print)"), 2);
    resolution->setToolTip(QObject::tr("PNG only: an SVG is sharp at any size"));
    resolution->setCurrentIndex(resolution->findData(QSettings().value(ImageScaleKey, 2).toInt()));
    if (auto* grid = qobject_cast<QGridLayout*>(dialog.layout())) {
        const int row = grid->rowCount();
        grid->addWidget(new QLabel(QObject::tr("Resolution:"), &dialog), row, 0);
        grid->addWidget(resolution, row, 1, 1, grid->columnCount() - 1);
    }
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    *scale = resolution->currentData().toInt();
    QSettings().setValue(ImageScaleKey, *scale);
    const QString path = dialog.selectedFiles().constFirst();
    rememberDir(path);
    return path;
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
