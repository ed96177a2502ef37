#pragma once

#include <QString>
#include <QStringList>

namespace RagScope {

/// The reviewer's settings in QSettings: the label list offered by the review form
/// ("review/labels"). The reviewer's name is kept per profile (ConnectionProfiles::reviewer).
namespace ReviewSettings {
/// The labels a fresh installation offers (stored untranslated: they end up in the store).
QStringList defaultLabels();
/// The configured labels, or defaultLabels() when none are configured.
QStringList labels();
void setLabels(const QStringList& labels);
/// A label as shown to people (the defaults are translated; custom ones are shown as typed).
QString displayLabel(const QString& label);
} // namespace ReviewSettings

} // namespace RagScope
