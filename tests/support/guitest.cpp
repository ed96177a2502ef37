#include "guitest.h"

#include "testdatabase.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
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

} // namespace RagScope::Test
