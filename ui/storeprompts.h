#pragma once

#include "store/storelocation.h"

#include <functional>
#include <optional>

class QWidget;

namespace RagScope {

/// The questions MainWindow asks while opening a store, kept apart from the window's wiring.
namespace StorePrompts {

/// "Create RagScope's tables in this empty store?": window-modal and asynchronous (the GUI keeps
/// running while the question is open); \a create runs on Yes.
void askCreateSchema(QWidget* parent, const StoreLocation& location, std::function<void()> create);

/// The PostgreSQL connection dialog, prefilled and showing \a message; nothing if cancelled.
std::optional<StoreLocation> askPostgres(
    QWidget* parent, const StoreLocation& prefill = {}, const QString& message = {});

/// A file dialog for an SQLite snapshot; nothing if cancelled.
std::optional<StoreLocation> askSnapshot(QWidget* parent);

} // namespace StorePrompts
} // namespace RagScope
