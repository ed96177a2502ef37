#include "guitest.h"

#include "testdatabase.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileDialog>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>
#include <QtTest>

namespace RagScope::Test {

void useSettingsIn(const QTemporaryDir& dir, const QString& organization)
{
    QCoreApplication::setOrganizationName(organization);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
}

QImage renderSettled(QWidget* widget)
{
    QTest::qWait(50);
    return widget->grab().toImage();
}

QString screenshotPath(const QTemporaryDir& scratch, const QString& name)
{
    QString dir = qEnvironmentVariable("RAGSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = scratch.path();
    return dir + QStringLiteral("/%1-%2.png").arg(name, dialectName());
}

void acceptNextFileDialog(const std::function<void(QFileDialog*)>& adjust)
{
    auto* poll = new QTimer(qApp);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, adjust] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        if (adjust)
            adjust(dialog);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept() checks the name as Save does
    });
    poll->start();
}

} // namespace RagScope::Test
