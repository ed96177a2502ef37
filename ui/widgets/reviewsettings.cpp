#include "reviewsettings.h"

#include <QCoreApplication>
#include <QSettings>

namespace RagScope::ReviewSettings {

namespace {

const char* const LabelContext = "ReviewSettings";
const char* const DefaultLabels[] = {
    QT_TRANSLATE_NOOP("ReviewSettings", "hallucination"),
    QT_TRANSLATE_NOOP("ReviewSettings", "retrieval miss"),
    QT_TRANSLATE_NOOP("ReviewSettings", "outdated source"),
    QT_TRANSLATE_NOOP("ReviewSettings", "incomplete"),
    QT_TRANSLATE_NOOP("ReviewSettings", "good answer"),
};

QString labelsKey()
{
    return QStringLiteral("review/labels");
}

} // namespace

QStringList defaultLabels()
{
    QStringList labels;
    for (const char* label : DefaultLabels)
        labels << QString::fromUtf8(label);
    return labels;
}

QStringList labels()
{
    QStringList configured = QSettings().value(labelsKey()).toStringList();
    configured.removeAll(QString());
    return configured.isEmpty() ? defaultLabels() : configured;
}

void setLabels(const QStringList& labels)
{
    QSettings().setValue(labelsKey(), labels);
}

QString displayLabel(const QString& label)
{
    return QCoreApplication::translate(LabelContext, label.toUtf8().constData());
}

} // namespace RagScope::ReviewSettings
