#pragma once

#include "base/result.h"
#include "store/store.h"

namespace RagScope {

/// Who is reviewing: a profile's own name when set, else the database role (PostgreSQL
/// current_user) or, for a SQLite file, the operating system user.
namespace ReviewerIdentity {
Result<QString> resolve(const Store& store, const QString& profileOverride = {});
/// The operating system user ($USER, else $USERNAME), or "reviewer" when neither is set.
QString osUser();
} // namespace ReviewerIdentity

} // namespace RagScope
