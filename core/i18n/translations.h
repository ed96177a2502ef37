#pragma once

#include <QLocale>

namespace RagScope {

/// The translations of the user's language: RagScope's own (embedded in ragscope_core from
/// resources/translations/ragscope_<lang>.ts, UI, CLI and core messages) and Qt's (qtbase_<lang>.qm
/// from Qt's translations folder: dialog buttons, --help texts). English needs neither.
class Translations
{
public:
    struct Loaded
    {
        bool ragscope = false;
        bool qt = false;
    };

    /// Installs both into the running QCoreApplication (which owns them) for `locale`.
    static Loaded install(const QLocale& locale = QLocale());
    /// Removes every translator install() added (`serve`: its HTTP replies are machine output).
    static void removeAll();
};

} // namespace RagScope
