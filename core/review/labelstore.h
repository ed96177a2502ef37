#pragma once

#include "reviewtypes.h"
#include "store/store.h"

namespace RagScope {

/// The team's labels and rating wording in RagScope's own tables (schema version 6), so every
/// reviewer sees the same. A role that may not read them, or a store without them (a
/// snapshot, an older store), gets the caller's fallback (the app passes its settings).
class LabelStore
{
public:
    explicit LabelStore(StorePtr store);

    /// The store's set; `fallback` (fromStore = false) when the store has none for this role.
    /// A store whose tables exist but are empty also gives the fallback, so a new team starts
    /// from the app's defaults.
    Result<LabelSet> load(const LabelSet& fallback) const;
    /// Replaces the shared labels and wording in one transaction. InvalidInput for a bad name,
    /// colour (#RRGGBB), description over 500 characters, a shortcut that is not one character
    /// or is used twice (digits 1–5 and the page's own keys are taken), or not five wordings.
    Status save(const LabelSet& set) const;

    /// Why `set` cannot be saved, or Done; the same rules save() applies.
    static Status validate(const LabelSet& set);
    /// The keys the Review page uses itself (j k n s u ? and 1–5): no label may take them.
    static QString reservedKeys();

private:
    StorePtr m_store;
};

} // namespace RagScope
