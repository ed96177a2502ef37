#pragma once

#include "store/store.h"

#include <QString>

namespace RagScope {

/// What the window says about the open store: its title, and the status bar's store and access
/// labels (where writes go on a read replica, and why a store is read-only).
struct StoreStatusText
{
    QString windowTitle;
    QString store;
    QString access;

    /// `store` may be null: no store open.
    static StoreStatusText of(const StorePtr& store);
};

} // namespace RagScope
