#pragma once

#include <QImage>
#include <QString>

#include <functional>

class QFileDialog;
class QTemporaryDir;
class QWidget;

namespace RagScope::Test {

/// Keeps this suite's QSettings in dir (INI files, under the given organization name), away
/// from the user's real settings.
void useSettingsIn(const QTemporaryDir& dir, const QString& organization);

/// The widget as an image after one event-loop pass (charts lay out their axes on that pass).
QImage renderSettled(QWidget* widget);

/// Where a screenshot named <name>-<dialect>.png goes: RAGSCOPE_SCREENSHOT_DIR, else scratch.
QString screenshotPath(const QTemporaryDir& scratch, const QString& name);

/// Answers the next modal file dialog from inside its event loop: `adjust` may change it (tick
/// a check box), then it is accepted as a click on Save. Call it just before the action.
void acceptNextFileDialog(const std::function<void(QFileDialog*)>& adjust = {});

} // namespace RagScope::Test
