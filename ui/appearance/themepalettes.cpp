#include "themepalettes.h"

namespace RagScope::ThemePalettes {

namespace {

struct Colors
{
    QRgb window, windowText, base, alternateBase, toolTipBase, toolTipText, placeholder, button, light,
        midlight, mid, dark, shadow, highlight, highlightedText, link, linkVisited, brightText, disabledText,
        disabledHighlight;
};

QPalette build(const Colors& c)
{
    QPalette p;
    const auto all = [&p](QPalette::ColorRole role, QRgb rgb) { p.setColor(role, QColor::fromRgb(rgb)); };
    all(QPalette::Window, c.window);
    all(QPalette::WindowText, c.windowText);
    all(QPalette::Base, c.base);
    all(QPalette::AlternateBase, c.alternateBase);
    all(QPalette::ToolTipBase, c.toolTipBase);
    all(QPalette::ToolTipText, c.toolTipText);
    all(QPalette::PlaceholderText, c.placeholder);
    all(QPalette::Text, c.windowText);
    all(QPalette::Button, c.button);
    all(QPalette::ButtonText, c.windowText);
    all(QPalette::BrightText, c.brightText);
    all(QPalette::Light, c.light);
    all(QPalette::Midlight, c.midlight);
    all(QPalette::Mid, c.mid);
    all(QPalette::Dark, c.dark);
    all(QPalette::Shadow, c.shadow);
    all(QPalette::Highlight, c.highlight);
    all(QPalette::HighlightedText, c.highlightedText);
    all(QPalette::Link, c.link);
    all(QPalette::LinkVisited, c.linkVisited);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor::fromRgb(c.disabledText));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor::fromRgb(c.disabledHighlight));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, QColor::fromRgb(c.disabledText));
    return p;
}

} // namespace

QPalette light()
{
    return build({ .window = 0xefefef,
        .windowText = 0x1a1a1a,
        .base = 0xffffff,
        .alternateBase = 0xf5f5f5,
        .toolTipBase = 0xfff8dc,
        .toolTipText = 0x1a1a1a,
        .placeholder = 0x5f5f5f,
        .button = 0xefefef,
        .light = 0xffffff,
        .midlight = 0xcacaca,
        .mid = 0xb8b8b8,
        .dark = 0x9f9f9f,
        .shadow = 0x767676,
        .highlight = 0x308cc6,
        .highlightedText = 0xffffff,
        .link = 0x0b57d0,
        .linkVisited = 0x6a1b9a,
        .brightText = 0xffffff,
        .disabledText = 0x8c8c8c,
        .disabledHighlight = 0x919191 });
}

QPalette dark()
{
    return build({ .window = 0x2b2b2b,
        .windowText = 0xe6e6e6,
        .base = 0x1e1e1e,
        .alternateBase = 0x262626,
        .toolTipBase = 0x3a3a3a,
        .toolTipText = 0xe6e6e6,
        .placeholder = 0xa8a8a8,
        .button = 0x353535,
        .light = 0x505050,
        .midlight = 0x424242,
        .mid = 0x5c5c5c,
        .dark = 0x1a1a1a,
        .shadow = 0x000000,
        .highlight = 0x2f65ca,
        .highlightedText = 0xffffff,
        .link = 0x8ab4f8,
        .linkVisited = 0xc58af9,
        .brightText = 0xffffff,
        .disabledText = 0x7a7a7a,
        .disabledHighlight = 0x4a4a4a });
}

} // namespace RagScope::ThemePalettes
