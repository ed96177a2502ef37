#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace RagScope {

namespace {
/// Loads `name`_<language>.qm from `directory` into a new translator and installs it.
bool installTranslator(const QLocale& locale, const QString& name, const QString& directory)
{
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, name, QStringLiteral("_"), directory)
        && QCoreApplication::installTranslator(translator))
        return true;
    delete translator;
    return false;
}
} // namespace

Translations::Loaded Translations::install(const QLocale& locale)
{
    Loaded loaded;
    loaded.ragscope
        = installTranslator(locale, QStringLiteral("ragscope"), QStringLiteral(":/ragscope/i18n"));
    loaded.qt = installTranslator(
        locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return loaded;
}

void Translations::removeAll()
{
    // install() parents its translators to the application; nothing else does here.
    const auto translators
        = QCoreApplication::instance()->findChildren<QTranslator*>(Qt::FindDirectChildrenOnly);
    for (QTranslator* translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace RagScope
