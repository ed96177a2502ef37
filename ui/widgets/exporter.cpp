#include "exporter.h"

#include <QAbstractItemModel>
#include <QFileDialog>
#include <QMessageBox>
#include <QPixmap>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QWidget>

namespace RagScope::Exporter {

namespace {

QString csvField(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n'))
        && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString askPath(QWidget* parent, const QString& suggestedName, const QString& filter)
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("export/lastDir"),
                                       QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                            .toString();
    const QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export"), dir + QLatin1Char('/') + suggestedName, filter);
    if (!path.isEmpty())
        settings.setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
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

QString saveModelCsv(const QAbstractItemModel* model, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QObject::tr("Could not write %1: %2").arg(path, file.errorString());
    QTextStream out(&file);
    QStringList fields;
    for (int c = 0; c < model->columnCount(); ++c)
        fields << csvField(model->headerData(c, Qt::Horizontal).toString());
    out << fields.join(QLatin1Char(',')) << '\n';
    for (int r = 0; r < model->rowCount(); ++r) {
        fields.clear();
        for (int c = 0; c < model->columnCount(); ++c)
            fields << csvField(model->index(r, c).data().toString());
        out << fields.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    if (!file.commit())
        return QObject::tr("Could not write %1: %2").arg(path, file.errorString());
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

void exportModelCsv(QWidget* parent, const QAbstractItemModel* model, const QString& suggestedName)
{
    const QString path = askPath(parent, suggestedName, QObject::tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = saveModelCsv(model, path);
    if (!error.isEmpty())
        QMessageBox::warning(parent, QObject::tr("Export failed"), error);
}

} // namespace RagScope::Exporter
