#include "theme.h"

#include "themepalettes.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>

namespace RagScope::Theme {

namespace {

const QString SettingsKey = QStringLiteral("appearance/theme");
Choice g_current = Choice::System;

struct Platform
{
    QPalette palette;
    QString style;
};

// Taken once, before RagScope changes anything: what System goes back to.
const Platform& platform()
{
    static const Platform p { QApplication::palette(), QApplication::style()->name() };
    return p;
}

void useStyle(const QString& name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(name);
}

} // namespace

void apply(Choice choice)
{
    if (choice == Choice::System && g_current == Choice::System)
        return; // untouched: the platform's palette, still following the desktop's changes
    const Platform& original = platform();
    switch (choice) {
    case Choice::System:
        useStyle(original.style);
        QApplication::setPalette(original.palette);
        break;
    case Choice::Light:
    case Choice::Dark:
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(choice == Choice::Dark ? ThemePalettes::dark() : ThemePalettes::light());
        break;
    }
    g_current = choice;
}

Choice current()
{
    return g_current;
}

Choice saved()
{
    return fromKey(QSettings().value(SettingsKey).toString()).value_or(Choice::System);
}

void save(Choice choice)
{
    QSettings().setValue(SettingsKey, key(choice));
}

QString key(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<Choice> fromKey(const QString& key)
{
    for (Choice c : { Choice::System, Choice::Light, Choice::Dark })
        if (Theme::key(c) == key)
            return c;
    return std::nullopt;
}

} // namespace RagScope::Theme
